// A nextTick that throws in the drain between two immediates: the next
// immediate runs first, then the abandoned ticks and microtasks.
const log = (...a) => console.log(...a);
process.on('uncaughtException', e => log('uncaughtException', e.message));
setImmediate(() => {
  log('I1');
  process.nextTick(() => { log('t1'); throw new Error('x'); });
  process.nextTick(() => log('t2'));
  Promise.resolve().then(() => log('m'));
});
setImmediate(() => log('I2'));
setImmediate(() => log('I3'));
