// Microtasks queued by a tick wait until the whole tick queue (including
// ticks queued meanwhile) has drained.
const log = (...a) => console.log(...a);
process.nextTick(() => {
  log('t1');
  Promise.resolve().then(() => log('p from t1'));
  queueMicrotask(() => log('qm from t1'));
  process.nextTick(() => log('t3 from t1'));
});
process.nextTick(() => log('t2'));
Promise.resolve().then(() => {
  log('p main');
  process.nextTick(() => {
    log('tick from p main');
    Promise.resolve().then(() => log('p from tick from p main'));
  });
});
