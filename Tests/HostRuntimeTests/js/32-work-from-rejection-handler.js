// Ticks and microtasks queued by an unhandledRejection listener run in the
// same drain, before the loop moves on; a rejection it creates is reported
// in a later round of that drain.
const log = (...a) => console.log(...a);
process.on('unhandledRejection', r => {
  log('unhandledRejection', r);
  process.nextTick(() => log('tick from handler', r));
  Promise.resolve().then(() => log('microtask from handler', r));
  if (r === 'a') Promise.reject('b');
});
Promise.reject('a');
setImmediate(() => log('immediate'));
