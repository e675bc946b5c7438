// Capability probe for the runner: which runtime, and which ALS design.
// Prints one JSON line. store_symbols > 0 means ALS on async_hooks (every
// promise carries one 'kResourceStore' symbol per enabled storage).
import process from 'node:process';
let als = false, snapshot = false, storeSymbols = -1;
try {
  const { AsyncLocalStorage } = await import('node:async_hooks');
  als = typeof AsyncLocalStorage === 'function';
  snapshot = typeof AsyncLocalStorage.snapshot === 'function';
  const s = new AsyncLocalStorage();
  storeSymbols = s.run(1, () => Object.getOwnPropertySymbols(Promise.resolve())
    .filter((x) => x.description === 'kResourceStore').length);
  if (s.run(7, () => s.getStore()) !== 7) als = false;
} catch { als = false; }
const runtime = typeof Bun !== 'undefined' ? 'bun' : (typeof Deno !== 'undefined' ? 'deno' : 'node');
const version = runtime === 'bun' ? Bun.version : runtime === 'deno' ? Deno.version.deno : process.version;
const cpu = typeof process.cpuUsage === 'function' && Number.isFinite(process.cpuUsage().user);
process.stdout.write(JSON.stringify({ runtime, version, als: als && cpu, snapshot, store_symbols: storeSymbols }) + '\n');
