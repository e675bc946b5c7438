// A nextTick queued by a promise job runs only after the whole microtask queue drains.
const log = (...a) => console.log(...a);
Promise.resolve().then(() => {
  log('p1');
  process.nextTick(() => log('tick from p1'));
  Promise.resolve().then(() => log('p3 from p1'));
});
Promise.resolve().then(() => log('p2'));
process.nextTick(() => log('t1'));
log('main end');
