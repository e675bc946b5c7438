// JavaScript ports of the model's workloads (Sources/Workloads/*.swift):
// same ids, same parameters, same shapes, same observation order, and the
// same order-sensitive checksum (FNV-1a 64 over the observed values' bits),
// so a deterministic workload's checksum can be compared with the model's.
//
// Every workload takes an environment { storages, probe, params, subject }
// and returns a promise that settles when all of its work has run.
// storages.length === 0 means "ALS off": no AsyncLocalStorage was constructed.

// ---- The probe: a logger reading one storage per call, round-robin -------

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer); // little-endian: u32[0] = low word

export class Probe {
  constructor(storages) {
    this.storages = storages;
    this.k = storages.length;
    this.cursor = 0;
    this.hi = 0xcbf29ce4; // FNV-1a 64 offset basis 0xcbf29ce484222325
    this.lo = 0x84222325;
    this.reads = 0;
  }

  log() {
    if (this.k === 0) { this.mix(0, 0x5eed); return; }
    const storage = this.storages[this.cursor];
    if (++this.cursor === this.k) this.cursor = 0;
    this.observe(storage.getStore());
  }

  observe(v) {
    if (typeof v === 'number') { f64[0] = v; this.mix(u32[1], u32[0]); }
    else if (v === undefined) this.mix(0, 0x0badcafe);
    else this.mix(0, 0x0b1ec7);
  }

  // checksum = (checksum ^ bits) * 0x100000001b3 mod 2^64, in 32-bit halves.
  mix(bitsHi, bitsLo) {
    this.reads++;
    const xl = (this.lo ^ bitsLo) >>> 0;
    const xh = (this.hi ^ bitsHi) >>> 0;
    const pl = xl * 0x1b3; // < 2^41: exact in a double
    this.lo = pl >>> 0;
    this.hi = (Math.imul(xh, 0x1b3) + Math.floor(pl / 4294967296) + (xl << 8)) >>> 0;
  }

  get checksum() { return ((BigInt(this.hi) << 32n) | BigInt(this.lo)).toString(); }
}

// Enters storages[i..] as nested runs (storage i gets base + i), body innermost.
function enterAll(storages, base, body, i = 0) {
  if (i === storages.length) return body();
  return storages[i].run(base + i, () => enterAll(storages, base, body, i + 1));
}

// ---- Promise workloads ------------------------------------------------------

function promiseChain(env) {
  const { probe, storages, params } = env;
  const step = (v) => { probe.log(); return v; };
  return enterAll(storages, 1, () => {
    let p = Promise.resolve(0);
    for (let i = 0; i < params.ops; i++) p = p.then(step);
    return p;
  });
}

function awaitLoop(env) {
  const { probe, storages, params } = env;
  const ops = params.ops;
  return enterAll(storages, 1, async () => {
    for (let i = 0; i < ops; i++) { await undefined; probe.log(); }
  });
}

function awaitDepth(env) {
  const { probe, storages, params } = env;
  const depth = params.depth;
  const calls = Math.max(1, Math.floor(params.ops / (depth + 1)));
  async function call(level) {
    if (level === 0) { await undefined; probe.log(); return 0; }
    return await call(level - 1);
  }
  return enterAll(storages, 1, async () => {
    for (let c = 0; c < calls; c++) await call(depth);
  });
}

function promiseFanout(env) {
  const { probe, storages, params } = env;
  const width = params.width;
  const batches = Math.max(1, Math.floor(params.ops / width));
  const read = (v) => { probe.log(); return v; };
  return enterAll(storages, 1, async () => {
    for (let b = 0; b < batches; b++) {
      const members = new Array(width);
      for (let i = 0; i < width; i++) members[i] = Promise.resolve(i).then(read);
      await Promise.all(members);
    }
  });
}

// Promises resolved with a non-native thenable: its then logs and fulfils
// synchronously (an extra job per adoption, which captures the context).
function thenableAdopt(env) {
  const { probe, storages, params } = env;
  const thenable = { then(resolve) { probe.log(); resolve(1); } };
  const step = () => { probe.log(); return thenable; };
  return enterAll(storages, 1, () => {
    let p = Promise.resolve(0);
    for (let i = 0; i < params.ops; i++) p = p.then(step);
    return p;
  });
}

// ---- Timer workloads ---------------------------------------------------------

// ops timers with a 10 ms delay; 9 of every 10 cancelled right away. Done
// when a 10 ms timer created after them fires (same list, insertion order).
function timerCancel(env) {
  const { probe, storages, params } = env;
  return new Promise((done) => {
    const fire = () => probe.log();
    enterAll(storages, 1, () => {
      for (let i = 0; i < params.ops; i++) {
        const t = setTimeout(fire, 10);
        if (i % 10 !== 0) clearTimeout(t);
      }
    });
    setTimeout(done, 10);
  });
}

// ops / 10 intervals with periods 1…7 ms, each cleared after 10 ticks; every tick logs.
function interval(env) {
  const { probe, storages, params } = env;
  const count = Math.max(1, Math.floor(params.ops / 10));
  return new Promise((done) => {
    let live = count;
    enterAll(storages, 1, () => {
      for (let i = 0; i < count; i++) {
        let ticks = 0;
        const h = setInterval(() => {
          probe.log();
          if (++ticks === 10) { clearInterval(h); if (--live === 0) done(); }
        }, 1 + (i % 7));
      }
    });
  });
}

const burstSize = 1000;

function timerBurst(env) {
  const { probe, storages, params } = env;
  return new Promise((done) => {
    let remaining = params.ops;
    const fire = () => probe.log();
    const scheduleBatch = () => {
      const count = Math.min(burstSize, remaining);
      remaining -= count;
      for (let i = 0; i < count - 1; i++) setTimeout(fire, 0);
      setTimeout(() => {
        probe.log();
        if (remaining > 0) scheduleBatch(); else done();
      }, 0);
    };
    enterAll(storages, 1, scheduleBatch);
  });
}

// ---- The request server ------------------------------------------------------

function requestServer(env) {
  const { probe, storages, params } = env;
  const ops = params.ops;
  const sleep = () => new Promise((resolve) => setTimeout(resolve, 1));
  async function handle() {
    await undefined;
    probe.log();
    await undefined;
    await sleep();
    probe.log();
    await undefined;
    await undefined;
    probe.log();
  }
  return new Promise((done) => {
    let started = 0;
    let finished = 0;
    const onFinished = () => {
      finished++;
      if (started < ops) startRequest();
      else if (finished === ops) done();
    };
    function startRequest() {
      const id = started++;
      // Storage i of request `id` holds id * 4096 + i.
      enterAll(storages, id * 4096, handle).then(onFinished);
    }
    const initial = Math.min(params.concurrency, ops);
    for (let i = 0; i < initial; i++) startRequest();
  });
}

// ---- Workloads on the storage operations themselves --------------------------

function getStore(env) {
  const { probe, storages, params } = env;
  const ops = params.ops;
  // k = 0: ALS off, the same loop logging without any storage.
  enterAll(storages, 1, () => { for (let i = 0; i < ops; i++) probe.log(); });
  return Promise.resolve();
}

const noop = () => {};

function runEnter(env) {
  const { probe, storages, params, subject } = env;
  const ops = params.ops;
  if (subject === undefined) {
    // ALS off: run(value, fn) degenerates to fn(); every 256th body observes
    // the value run would have set, so the checksum equals the ALS-on one.
    for (let i = 0; i < ops; i++) {
      if ((i & 255) === 0) ((v) => probe.observe(v))(i); else noop();
    }
    probe.observe(undefined);
    return Promise.resolve();
  }
  enterAll(storages, 1, () => {
    for (let i = 0; i < ops; i++) {
      if ((i & 255) === 0) subject.run(i, () => probe.observe(subject.getStore()));
      else subject.run(i, noop);
    }
    probe.observe(subject.getStore());
  });
  return Promise.resolve();
}

function contextChurn(env) {
  const { probe, storages, params } = env;
  const ops = params.ops;
  const rate = params.runRate;
  const k = storages.length;
  const state = { done: 0, acc: 0, churns: 0 };
  // One async function runs the flow until the next churn; a churn continues
  // the rest of the flow in a new async function inside storage.run, awaited.
  async function body(first) {
    if (first) { await undefined; probe.log(); }
    while (state.done < ops) {
      state.done++;
      state.acc += rate;
      if (state.acc >= 1 && k > 0) {
        state.acc -= 1;
        state.churns++;
        const storage = storages[state.churns % k];
        return await storage.run(1000000 + state.churns, () => body(true));
      }
      await undefined;
      probe.log();
    }
  }
  return enterAll(storages, 1, () => body(false));
}

export const workloads = {
  'promise-chain': promiseChain,
  'await-loop': awaitLoop,
  'await-depth': awaitDepth,
  'promise-fanout': promiseFanout,
  'thenable-adopt': thenableAdopt,
  'timer-cancel': timerCancel,
  'interval': interval,
  'timer-burst': timerBurst,
  'request-server': requestServer,
  'get-store': getStore,
  'run-enter': runEnter,
  'context-churn': contextChurn,
};
