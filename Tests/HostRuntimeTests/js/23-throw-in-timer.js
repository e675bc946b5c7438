// A throw in a timer goes to uncaughtException and the loop goes on. Node
// re-enters its timer processing without draining, so the next due timer
// runs before the ticks and microtasks the throwing one queued.
// Node only: the busy-wait makes the three 1 ms timers due in the same timers
// phase (in the model their deadlines are equal anyway).
const log = (...a) => console.log(...a);
process.on('uncaughtException', e => log('uncaughtException', e.message));
setTimeout(() => {
  process.nextTick(() => log('tick A'));
  Promise.resolve().then(() => log('promise A'));
  throw new Error('boom');
}, 1);
setTimeout(() => log('timer B'), 1);
setTimeout(() => log('timer C'), 1);
setTimeout(() => log('later timer'), 50);
const start = Date.now();
while (Date.now() - start < 10) {}
