// A throwing nextTick goes to uncaughtException and abandons the drain: the
// remaining ticks and microtasks run after the next due timer. A throwing
// queueMicrotask callback does not stop the microtask queue.
// Node only: the busy-wait makes both 1 ms timers due in the same timers phase.
const log = (...a) => console.log(...a);
process.on('uncaughtException', e => log('uncaughtException', e.message));
setTimeout(() => {
  process.nextTick(() => { log('t1'); throw new Error('tick'); });
  process.nextTick(() => log('t2'));
  Promise.resolve().then(() => log('m1'));
  queueMicrotask(() => { log('qm'); throw new Error('microtask'); });
  Promise.resolve().then(() => log('m2'));
  setImmediate(() => log('immediate'));
}, 1);
setTimeout(() => log('T2'), 1);
const start = Date.now();
while (Date.now() - start < 10) {}
