// One divergence scenario of the model's semantic matrix
// (Sources/SemanticOracle/SemanticMatrix.swift), run on a real runtime.
// Usage: <runtime> semantics.mjs <scenario-id>
// Prints one JSON line: {"scenario": id, "observed": text}, where text is
// printed the way the model prints it ("1", "undefined", "throws (unsupported)",
// "1 then 2", "timer did not run", "(not observed)").
// One scenario per process: enterWith / disable / unhandledRejection change
// process-wide state, so scenarios must not share a process.
import { AsyncLocalStorage } from 'node:async_hooks';
import process from 'node:process';

const id = process.argv[process.argv.length - 1];
const als = new AsyncLocalStorage();
let seen = '(not observed)';
let reported = false;

function text(v) {
  if (v === undefined) return 'undefined';
  if (v === null) return 'null';
  return String(v);
}
function errorText(e) {
  // workerd / the model throw "not implemented"; a missing method is the same answer.
  const m = String(e && e.message || e);
  if (e instanceof TypeError && /is not a function/.test(m)) return 'throws (unsupported)';
  if (/not implemented|unsupported|not supported/i.test(m)) return 'throws (unsupported)';
  return 'throws';
}
function report() {
  if (reported) return;
  reported = true;
  process.stdout.write(JSON.stringify({ scenario: id, observed: seen }) + '\n');
}
function later(ms, fn) { setTimeout(() => { fn(); report(); }, ms); }

switch (id) {
  case 'unhandled-rejection-context': {
    process.on('unhandledRejection', () => { seen = text(als.getStore()); });
    let reject;
    als.run(1, () => { new Promise((_, r) => { reject = r; }); });
    als.run(2, () => { reject(new Error('boom')); });
    later(50, () => {});
    break;
  }
  case 'enterwith-disable-run': {
    try {
      als.enterWith(1);
      als.disable();
      als.run(2, () => {});
      seen = text(als.getStore());
    } catch (e) { seen = errorText(e); }
    report();
    break;
  }
  case 'enterwith-supported': {
    try { als.enterWith(1); seen = text(als.getStore()); } catch (e) { seen = errorText(e); }
    report();
    break;
  }
  case 'disable-seen-by-pending-timer': {
    als.run(1, () => {
      setTimeout(() => { seen = text(als.getStore()); }, 1);
      try { als.disable(); } catch (e) { seen = errorText(e); }
    });
    later(30, () => { if (seen === '(not observed)') seen = 'timer did not run'; });
    break;
  }
  case 'enterwith-in-then-no-leak': {
    als.run(1, () => {
      Promise.resolve()
        .then(() => { try { als.enterWith(2); } catch (e) { seen = errorText(e); } })
        .then(() => { if (seen === '(not observed)') seen = text(als.getStore()); });
    });
    later(10, () => {});
    break;
  }
  case 'then-sees-then-call-context': {
    let resolve, promise;
    als.run(1, () => { promise = new Promise((r) => { resolve = r; }); });
    als.run(2, () => { promise.then(() => { seen = text(als.getStore()); }); });
    als.run(3, () => { resolve(); });
    later(10, () => {});
    break;
  }
  case 'timer-sees-creation-context': {
    als.run(1, () => { setTimeout(() => { seen = text(als.getStore()); }, 1); });
    als.run(2, () => {});
    later(30, () => {});
    break;
  }
  case 'snapshot-restores': {
    try {
      const snapshot = als.run(1, () => AsyncLocalStorage.snapshot());
      als.run(2, () => {
        const inside = snapshot(() => als.getStore());
        seen = `${text(inside)} then ${text(als.getStore())}`;
      });
    } catch (e) { seen = errorText(e); }
    report();
    break;
  }
  case 'exit-inside-run': {
    als.run(1, () => { als.exit(() => { setTimeout(() => { seen = text(als.getStore()); }, 1); }); });
    later(30, () => {});
    break;
  }
  case 'entries-copied-per-promise-k2': {
    // Under async_hooks every promise carries one own symbol property per
    // enabled storage ('kResourceStore'), copied at creation; frame designs
    // attach none. Counted on a fresh promise created with k = 2 entered.
    const second = new AsyncLocalStorage();
    als.run(1, () => second.run(2, () => {
      const p = Promise.resolve();
      const keys = Object.getOwnPropertySymbols(p).filter((s) => s.description === 'kResourceStore');
      seen = String(keys.length);
    }));
    report();
    break;
  }
  case 'entries-copied-unused-k3': {
    // Node 24 enables a storage when it is constructed (PR #58029), Node 20
    // on its first run/enterWith: kResourceStore properties on a new promise.
    new AsyncLocalStorage();
    new AsyncLocalStorage();
    als.run(1, () => {});
    const keys = Object.getOwnPropertySymbols(Promise.resolve()).filter((s) => s.description === 'kResourceStore');
    seen = String(keys.length);
    report();
    break;
  }
  case 'enterwith-in-awaited-callee': {
    // nodejs/node#45848: no storage enabled before the callee's enterWith.
    async function callee() { await 1; try { als.enterWith(1); } catch (e) { seen = errorText(e); } }
    (async () => { await callee(); if (seen === '(not observed)') seen = text(als.getStore()); })();
    later(10, () => {});
    break;
  }
  case 'default-after-run': {
    const withDefault = new AsyncLocalStorage({ defaultValue: 'D' });
    withDefault.run(1, () => {});
    seen = text(withDefault.getStore());
    report();
    break;
  }
  case 'execution-async-resource': {
    als.run(1, () => {});
    const hooks = await import('node:async_hooks');
    if (typeof hooks.executionAsyncResource !== 'function') { seen = 'not available'; report(); break; }
    const top = hooks.executionAsyncResource();
    const topId = hooks.executionAsyncId();
    setTimeout(() => {
      const inTimer = hooks.executionAsyncResource();
      if (inTimer === top) seen = 'the same object as at top level';
      else seen = hooks.triggerAsyncId() === topId ? "timer's own resource" : 'another object, trigger id not the creator';
    }, 1);
    later(30, () => {});
    break;
  }
  default:
    seen = 'unknown scenario';
    report();
}
