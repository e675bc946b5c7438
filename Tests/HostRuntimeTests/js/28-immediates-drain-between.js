// Ticks and microtasks drain after each immediate; an immediate queued by an
// immediate runs in the next loop iteration, after a clearImmediate'd one is skipped.
const log = (...a) => console.log(...a);
setImmediate(() => {
  log('I1');
  process.nextTick(() => log('tick I1'));
  Promise.resolve().then(() => log('promise I1'));
  setImmediate(() => log('I4 from I1'));
  clearImmediate(i3);
});
setImmediate(() => log('I2'));
const i3 = setImmediate(() => log('I3 never'));
setImmediate(() => log('I5'));
