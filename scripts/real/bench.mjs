// Measures one workload at several k on the runtime it runs on (Node, Deno or
// Bun), printing one JSON object per line on stdout:
//   {"type":"meta", ...}                  runtime and clock
//   {"type":"sample", k, repetition, warmup, iterations, total_ns, checksum, reads}
//   {"type":"cell", k, ops, checksum, checksums_agree, reads}
//
// Time is process CPU time (process.cpuUsage(): user + system, microsecond
// resolution, all threads of the process, so JIT and GC helper threads count)
// for every workload: timers and the request server's 1 ms sleeps idle-wait,
// so wall time would measure the sleep, not the work.
//
// Usage: bench.mjs --workload W --ops N [--ks 0,1,8,64] [--reps 7] [--warmup 2]
//   [--target-ms 40] [--concurrency 100] [--run-rate 0.1]
//   [--order sequential|interleaved] [--seed 42]
//        bench.mjs --list            (the workload ids this port implements)
//
// This script only runs the workload and prints raw samples: `bench
// fidelity` (Sources/bench/FidelityCommand.swift) drives it, passes every
// parameter (ops included: the model's Suite is the one source of them) and
// computes every statistic with Sources/Measurement, as for the model.
//
// k = 0 is "ALS off": no AsyncLocalStorage is constructed at all. In
// `sequential` order (required for async_hooks-based ALS, where constructing
// one storage turns on hooks and invalidates V8's promise-hook fast paths for
// the rest of the process) the k = 0 block runs first, then each k block with
// its own storages, disabled afterwards. In `interleaved` order (runtimes
// whose ALS has no process-wide side effects) the repetitions of all k are
// interleaved in a seeded random order, storages created fresh per sample.
import { AsyncLocalStorage } from 'node:async_hooks';
import process from 'node:process';
import { Probe, workloads } from './workloads.mjs';

function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) { out[a.slice(2)] = argv[i + 1]; i++; }
  }
  return out;
}

if (process.argv.includes('--list')) {
  process.stdout.write(Object.keys(workloads).join('\n') + '\n');
  process.exit(0);
}
const args = parseArgs(process.argv.slice(2));
const workloadId = args.workload;
const workload = workloads[workloadId];
if (!workload) {
  process.stderr.write(`bench.mjs: unknown workload '${workloadId}'; valid: ${Object.keys(workloads).join(', ')}\n`);
  process.exit(64);
}
if (!(Number(args.ops) >= 1)) {
  process.stderr.write('bench.mjs: --ops N (N >= 1) is required\n');
  process.exit(64);
}
const ks = (args.ks ?? '0,1,8,64').split(',').map(Number);
const reps = Number(args.reps ?? 7);
const warmups = Number(args.warmup ?? 2);
const targetNs = Number(args['target-ms'] ?? 40) * 1e6;
const order = args.order ?? 'sequential';
let seed = BigInt(args.seed ?? 42);
const params = {
  ops: Number(args.ops),
  concurrency: Number(args.concurrency ?? 100),
  runRate: Number(args['run-rate'] ?? 0.1),
  width: 100,
  depth: 10,
};

function emit(o) { process.stdout.write(JSON.stringify(o) + '\n'); }

function cpuNs() {
  const u = process.cpuUsage();
  return (u.user + u.system) * 1000;
}

function makeEnv(k) {
  const storages = [];
  for (let i = 0; i < k; i++) storages.push(new AsyncLocalStorage());
  const subject = (workloadId === 'run-enter' && k > 0) ? new AsyncLocalStorage() : undefined;
  return { storages, subject, params, probe: new Probe(storages) };
}

function disposeEnv(env) {
  for (const s of env.storages) s.disable?.();
  env.subject?.disable?.();
}

// One run on a fresh probe; returns [checksum, reads].
async function runOnce(env) {
  env.probe = new Probe(env.storages);
  await workload(env);
  return [env.probe.checksum, env.probe.reads];
}

const cells = new Map(); // k -> { checksums:Set, checksum, reads, iterations }

async function sample(k, env, iterations, repetition, warmup) {
  let checksum = '', reads = 0;
  const checksums = cells.get(k).checksums;
  const t0 = cpuNs();
  for (let i = 0; i < iterations; i++) {
    [checksum, reads] = await runOnce(env);
    checksums.add(checksum);
  }
  const total = cpuNs() - t0;
  emit({ type: 'sample', k, repetition, warmup: warmup ? 1 : 0, iterations, total_ns: total, checksum, reads });
}

// Calibration: runs until one run's CPU time is known, picks iterations per sample.
async function calibrate(k, env) {
  const cell = { checksums: new Set(), checksum: '', reads: 0, iterations: 1 };
  cells.set(k, cell);
  let runs = 0;
  const t0 = cpuNs();
  let elapsed = 0;
  do {
    const [c, r] = await runOnce(env);
    cell.checksum = c; cell.reads = r; cell.checksums.add(c);
    runs++;
    elapsed = cpuNs() - t0;
  } while (elapsed < 5e6 && runs < 1000);
  cell.iterations = Math.max(1, Math.ceil(targetNs / Math.max(1, elapsed / runs)));
}

// SplitMix64 (the model's seeded order helper, in BigInt: off the hot path).
function nextRandom() {
  seed = (seed + 0x9E3779B97F4A7C15n) & 0xFFFFFFFFFFFFFFFFn;
  let z = seed;
  z = ((z ^ (z >> 30n)) * 0xBF58476D1CE4E5B9n) & 0xFFFFFFFFFFFFFFFFn;
  z = ((z ^ (z >> 27n)) * 0x94D049BB133111EBn) & 0xFFFFFFFFFFFFFFFFn;
  return z ^ (z >> 31n);
}
function shuffled(xs) {
  const a = xs.slice();
  for (let i = a.length - 1; i > 0; i--) {
    const j = Number(nextRandom() % BigInt(i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

emit({
  type: 'meta', workload: workloadId, ks, reps, warmups, order, params,
  clock: 'process.cpuUsage (user+system, µs)',
  runtime: typeof Bun !== 'undefined' ? `bun ${Bun.version}` : (typeof Deno !== 'undefined' ? `deno ${Deno.version.deno}` : `node ${process.version}`),
  execArgv: process.execArgv ?? [],
});

if (order === 'sequential') {
  for (const k of ks) {
    const env = makeEnv(k);
    await calibrate(k, env);
    const it = cells.get(k).iterations;
    for (let w = 0; w < warmups; w++) await sample(k, env, it, w, true);
    for (let r = 0; r < reps; r++) await sample(k, env, it, r, false);
    disposeEnv(env);
  }
} else {
  for (const k of ks) { const env = makeEnv(k); await calibrate(k, env); disposeEnv(env); }
  for (let round = 0; round < warmups + reps; round++) {
    for (const k of shuffled(ks)) {
      const env = makeEnv(k);
      const warm = round < warmups;
      await sample(k, env, cells.get(k).iterations, warm ? round : round - warmups, warm);
      disposeEnv(env);
    }
  }
}

for (const k of ks) {
  const c = cells.get(k);
  emit({ type: 'cell', k, ops: params.ops, checksum: c.checksum, checksums_agree: c.checksums.size === 1, reads: c.reads });
}
