// The async-shape recorder of issue 17. Preload it into any Node application:
//
//   ACB_TRACE=app.trace node --no-async-context-frame --import ./scripts/apps/recorder.mjs app.js
//
// (scripts/apps/record does exactly that). It records, with async_hooks and
// by subclassing AsyncLocalStorage, every async resource's init / before /
// after / promiseResolve / destroy, every storage created and every
// run / exit / enterWith / getStore, the start and finish of every HTTP
// server request (diagnostics_channel), and the time between events.
// `bench replay TRACE` replays the trace under every propagation design.
//
// Trace format "acb-trace" version 1 (text, one event per line, fields
// separated by one space; ids are async ids; `dt` is the time since the
// previous event in microseconds, rounded):
//   line 1   {"format":"acb-trace","version":1,...}  JSON header: node version,
//            mode (hooks|frame), label, concurrency (optional), pid, start time
//   T c NAME        resource type NAME has code c from now on (first use)
//   S s             storage s created (AsyncLocalStorage constructor)
//   i id c trig ex dt   init: resource id of type c, triggerAsyncId trig,
//                        executionAsyncId ex
//   b id dt / a id dt   before / after the resource's callback
//   r id dt         promiseResolve      d id dt   destroy
//   R s v dt        als.run(store v) begins on storage s;  e s dt  it returns
//   x s dt          als.exit begins;   X s dt  it returns
//   w s v dt        als.enterWith(store v)
//   g s v dt        als.getStore() returned store v
//   q n dt / Q n dt HTTP server request n started / its response finished
//   F requests events   footer (written at exit)
// Store values are numbered per process in order of first appearance
// (0 = undefined), so the trace holds no application data.
import fs from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { performance } from 'node:perf_hooks';
import diagnostics from 'node:diagnostics_channel';

const require = createRequire(import.meta.url);
const asyncHooks = require('node:async_hooks');

const path = process.env.ACB_TRACE;
if (!path) {
  process.stderr.write('recorder: set ACB_TRACE to the trace file to write\n');
  process.exit(64);
}
const fd = fs.openSync(path, 'w');
let chunks = [];
let size = 0;
let events = 0;
let last = performance.now();
let writing = false;

function flush() {
  if (chunks.length === 0) return;
  fs.writeSync(fd, chunks.join(''));
  chunks = [];
  size = 0;
}
function emit(line) {
  if (writing) return;
  writing = true;
  const now = performance.now();
  const dt = Math.round((now - last) * 1000);
  last = now;
  const text = `${line} ${dt}\n`;
  chunks.push(text);
  size += text.length;
  events++;
  if (size > 1 << 16) flush();
  writing = false;
}

const hooksMode = process.execArgv.includes('--no-async-context-frame') ||
  Number(process.versions.node.split('.')[0]) < 24;
fs.writeSync(fd, JSON.stringify({
  format: 'acb-trace', version: 1, node: process.version, mode: hooksMode ? 'hooks' : 'frame',
  label: process.env.ACB_TRACE_LABEL || process.argv[1] || 'app',
  concurrency: process.env.ACB_TRACE_CONCURRENCY ? Number(process.env.ACB_TRACE_CONCURRENCY) : undefined,
  pid: process.pid,
  started: new Date().toISOString(),
}) + '\n');

// ---- resource types, interned
const typeCodes = new Map();
function typeCode(type) {
  let c = typeCodes.get(type);
  if (c === undefined) {
    c = typeCodes.size;
    typeCodes.set(type, c);
    if (/\s/.test(type)) type = type.replace(/\s+/g, '_');
    chunks.push(`T ${c} ${type}\n`);
  }
  return c;
}

asyncHooks.createHook({
  init(id, type, trigger) {
    emit(`i ${id} ${typeCode(type)} ${trigger} ${asyncHooks.executionAsyncId()}`);
  },
  before(id) { emit(`b ${id}`); },
  after(id) { emit(`a ${id}`); },
  promiseResolve(id) { emit(`r ${id}`); },
  destroy(id) { emit(`d ${id}`); },
}).enable();

// ---- store values, numbered
const objectIds = new WeakMap();
const primitiveIds = new Map();
let nextValue = 1;
function valueId(v) {
  if (v === undefined) return 0;
  const table = (typeof v === 'object' && v !== null) || typeof v === 'function' ? objectIds : primitiveIds;
  let n = table.get(v);
  if (n === undefined) { n = nextValue++; table.set(v, n); }
  return n;
}

// ---- AsyncLocalStorage, subclassed in place (CommonJS and ESM importers)
const Base = asyncHooks.AsyncLocalStorage;
const kIndex = Symbol('acb.storage');
let nextStorage = 0;
let quiet = 0; // > 0 while ALS's own methods run (its run() calls getStore())

class RecordedAsyncLocalStorage extends Base {
  constructor(...args) {
    super(...args);
    this[kIndex] = nextStorage++;
    emit(`S ${this[kIndex]}`);
  }
  getStore() {
    const store = super.getStore();
    if (quiet === 0) emit(`g ${this[kIndex]} ${valueId(store)}`);
    return store;
  }
  run(store, fn, ...args) {
    emit(`R ${this[kIndex]} ${valueId(store)}`);
    quiet++;
    try {
      return super.run(store, (...a) => { quiet--; try { return fn(...a); } finally { quiet++; } }, ...args);
    } finally {
      quiet--;
      emit(`e ${this[kIndex]}`);
    }
  }
  exit(fn, ...args) {
    emit(`x ${this[kIndex]}`);
    quiet++;
    try {
      return super.exit((...a) => { quiet--; try { return fn(...a); } finally { quiet++; } }, ...args);
    } finally {
      quiet--;
      emit(`X ${this[kIndex]}`);
    }
  }
  enterWith(store) {
    emit(`w ${this[kIndex]} ${valueId(store)}`);
    quiet++;
    try { return super.enterWith(store); } finally { quiet--; }
  }
}
Object.defineProperty(asyncHooks, 'AsyncLocalStorage', { value: RecordedAsyncLocalStorage, writable: true, configurable: true, enumerable: true });
syncBuiltinESMExports();

// ---- request boundaries
const requestIds = new WeakMap();
let requests = 0;
diagnostics.subscribe('http.server.request.start', ({ request }) => {
  requests++;
  requestIds.set(request, requests);
  emit(`q ${requests}`);
});
diagnostics.subscribe('http.server.response.finish', ({ request }) => {
  const n = requestIds.get(request);
  if (n !== undefined) emit(`Q ${n}`);
});

process.on('exit', () => {
  writing = true;
  chunks.push(`F ${requests} ${events}\n`);
  flush();
  fs.closeSync(fd);
});
