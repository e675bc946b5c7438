// nextTick, promise jobs, queueMicrotask, setImmediate and setTimeout(0).
// Scheduled inside a timer callback: at top level the setTimeout(0) vs
// setImmediate order is a race in Node (is 1 ms over when the loop starts?),
// which the model deliberately does not simulate.
const log = (...a) => console.log(...a);
setTimeout(() => {
  log('timer start');
  setTimeout(() => log('timeout 0'), 0);
  setImmediate(() => log('immediate'));
  Promise.resolve().then(() => log('promise'));
  process.nextTick(() => log('tick'));
  queueMicrotask(() => log('microtask'));
  log('timer end');
}, 0);
Promise.resolve().then(() => log('main promise'));
process.nextTick(() => log('main tick'));
log('main end');
