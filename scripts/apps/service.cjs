'use strict';
// The real applications of issue 17: an Express 4 service and the same
// service with OpenTelemetry-style tracing, driven by a keep-alive HTTP client
// in the same process, over loopback only (127.0.0.1, an ephemeral port).
//
//   node service.cjs --app express|traced [--requests N] [--warmup N]
//                    [--concurrency C] [--storages K] [--als on|off]
//                    [--max-seconds S]
//
// Prints one JSON line: requests measured, process CPU (user + system) and
// wall time of the measured phase, requests/s, client latency p50/p99.
//
// What a request does (the seeds' canonical shape):
//   express.json() body parsing -> request-id middleware (`als.run`) ->
//   logger middleware (logs start and, on 'finish', end) -> handler that
//   awaits three simulated back-end calls — a 1 ms timer, a promise chain,
//   an immediate plus a nextTick — and logs in each, then `res.json`.
// `traced` adds one storage for the current span, a child span per
// sub-operation entered with `run`, and K - 2 idle storages (other
// libraries' instances: in Node 24 hooks mode each is copied onto every
// async resource even though nothing reads it).
// `--als off` is the application with ALS removed: the same code, with a
// storage class that propagates nothing (the request id then travels on
// `req`), so the difference is what propagation costs the app.
//
// Logging goes to an in-memory sink (formatting and string building are
// real work; terminal I/O would only measure the terminal).

const http = require('node:http');
const { AsyncLocalStorage } = require('node:async_hooks');
const express = require('express');

function parseArgs(argv) {
  const o = { app: 'express', requests: 2000, warmup: 300, concurrency: 10, storages: 8, als: 'on', maxSeconds: 60 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i], v = argv[i + 1];
    const num = () => { const n = Number(v); if (!Number.isInteger(n) || n < 0) usage(`${a} needs a non-negative integer, got '${v}'`); i++; return n; };
    switch (a) {
      case '--app': if (v !== 'express' && v !== 'traced') usage(`--app is express or traced, got '${v}'`); o.app = v; i++; break;
      case '--requests': o.requests = num(); break;
      case '--warmup': o.warmup = num(); break;
      case '--concurrency': o.concurrency = num(); break;
      case '--storages': o.storages = num(); break;
      case '--max-seconds': o.maxSeconds = num(); break;
      case '--als': if (v !== 'on' && v !== 'off') usage(`--als is on or off, got '${v}'`); o.als = v; i++; break;
      default: usage(`unknown option '${a}'`);
    }
  }
  if (o.concurrency < 1 || o.requests < 1) usage('--requests and --concurrency must be at least 1');
  if (o.app === 'traced' && o.storages < 2) usage('--storages must be at least 2 for the traced app');
  return o;
}
function usage(msg) {
  process.stderr.write(`service.cjs: ${msg}\nusage: node service.cjs --app express|traced [--requests N] [--warmup N] [--concurrency C] [--storages K] [--als on|off] [--max-seconds S]\n`);
  process.exit(64);
}

const opts = parseArgs(process.argv.slice(2));

/** A storage with ALS's API that propagates nothing (ALS removed). */
class NoStorage {
  constructor() { this.value = undefined; }
  run(store, fn, ...args) { return fn(...args); }
  getStore() { return undefined; }
}
const Storage = opts.als === 'on' ? AsyncLocalStorage : NoStorage;

// ---- logging: a request-id logger reading the storage (or req when ALS is off)
const requestContext = new Storage();
const sink = { lines: 0, bytes: 0 };
function log(msg, req) {
  const ctx = requestContext.getStore() || (req && req.ctx);
  const span = tracing ? tracing.current() : undefined;
  const line = `${new Date(1_700_000_000_000 + sink.lines).toISOString()} rid=${ctx ? ctx.id : '-'}` +
    `${span ? ` span=${span.id}` : ''} ${msg}`;
  sink.lines++; sink.bytes += line.length;
}

// ---- OpenTelemetry-style tracing: the current span in a storage, child spans via run
let tracing;
if (opts.app === 'traced') {
  const spans = new Storage();
  const idle = [];
  for (let i = 0; i < opts.storages - 2; i++) idle.push(new Storage());
  let nextSpan = 1;
  tracing = {
    idle,
    current() { return spans.getStore(); },
    startActiveSpan(name, fn) {
      const parent = spans.getStore();
      const span = { id: nextSpan++, name, parent: parent ? parent.id : 0, start: process.hrtime.bigint(), end: 0n };
      return spans.run(span, fn, span);
    },
    end(span) { span.end = process.hrtime.bigint(); },
  };
}
function withSpan(name, fn) {
  if (!tracing) return fn(undefined);
  return tracing.startActiveSpan(name, fn);
}

// ---- simulated back-end calls: real scheduling, no busy work
const timerCall = (name, req) => withSpan(name, (span) => new Promise((resolve) => {
  setTimeout(() => { log(`${name} done`, req); if (span) tracing.end(span); resolve({ name, ok: true }); }, 1);
}));
const chainCall = (name, req) => withSpan(name, (span) => Promise.resolve(3)
  .then((n) => n * 2)
  .then((n) => { log(`${name} step`, req); return n + 1; })
  .then((n) => { if (span) tracing.end(span); return { name, n }; }));
const immediateCall = (name, req) => withSpan(name, (span) => new Promise((resolve) => {
  setImmediate(() => process.nextTick(() => { log(`${name} done`, req); if (span) tracing.end(span); resolve({ name }); }));
}));

// ---- the service
const app = express();
app.disable('x-powered-by');
app.disable('etag');
app.use(express.json());
let nextRequestId = 0;
app.use((req, res, next) => {
  const ctx = { id: ++nextRequestId, path: req.path };
  req.ctx = ctx;
  requestContext.run(ctx, next);
});
app.use((req, res, next) => {
  log(`start ${req.method} ${req.path}`, req);
  res.on('finish', () => log(`finish ${res.statusCode}`, req));
  next();
});
app.post('/api/orders', (req, res, next) => {
  withSpan('handler', async (span) => {
    const user = await timerCall('user-service', req);
    const [inventory, price] = await Promise.all([chainCall('inventory', req), immediateCall('pricing', req)]);
    log(`order for ${req.body.item} x${req.body.quantity}`, req);
    if (span) tracing.end(span);
    res.json({ ok: user.ok, item: req.body.item, n: inventory.n, priced: price.name });
  }).catch(next);
});

// ---- the client: keep-alive, `concurrency` requests in flight
const body = JSON.stringify({ item: 'widget', quantity: 3, note: 'x'.repeat(64) });
function request(agent, port) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: '/api/orders', method: 'POST', agent,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { text += c; });
      res.on('end', () => (res.statusCode === 200 ? resolve(text) : reject(new Error(`HTTP ${res.statusCode}: ${text}`))));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function drive(agent, port, count, latencies) {
  let issued = 0;
  const worker = async () => {
    while (issued < count) {
      issued++;
      const t0 = process.hrtime.bigint();
      await request(agent, port);
      if (latencies) latencies.push(Number(process.hrtime.bigint() - t0));
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.concurrency, count) }, worker));
}

function quantile(sorted, p) {
  if (sorted.length === 0) return null;
  const h = (sorted.length - 1) * p, lo = Math.floor(h);
  return sorted[lo] + (h - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)]) - sorted[lo]);
}

const server = http.createServer({ keepAliveTimeout: 5000 }, app);
const watchdog = setTimeout(() => {
  process.stderr.write(`service.cjs: gave up after ${opts.maxSeconds} s\n`);
  process.exit(2);
}, opts.maxSeconds * 1000);
watchdog.unref();

server.listen(0, '127.0.0.1', async () => {
  const port = server.address().port;
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.concurrency });
  try {
    if (opts.warmup > 0) await drive(agent, port, opts.warmup, null);
    const latencies = [];
    const cpu0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    await drive(agent, port, opts.requests, latencies);
    const wallNs = Number(process.hrtime.bigint() - t0);
    const cpu = process.cpuUsage(cpu0);
    latencies.sort((a, b) => a - b);
    const cpuNs = (cpu.user + cpu.system) * 1000;
    process.stdout.write(JSON.stringify({
      app: opts.app, als: opts.als, concurrency: opts.concurrency, storages: opts.app === 'traced' ? opts.storages : 1,
      requests: opts.requests, cpu_ns: cpuNs, wall_ns: wallNs,
      cpu_ns_per_request: cpuNs / opts.requests, requests_per_s: opts.requests / (wallNs / 1e9),
      latency_p50_ns: quantile(latencies, 0.5), latency_p99_ns: quantile(latencies, 0.99),
      log_lines: sink.lines, node: process.version, execArgv: process.execArgv,
    }) + '\n');
  } catch (e) {
    process.stderr.write(`service.cjs: ${e.stack || e}\n`);
    process.exitCode = 1;
  } finally {
    agent.destroy();
    server.close();
    clearTimeout(watchdog);
  }
});
