// await of a non-promise costs one tick, like one then().
const log = (...a) => console.log(...a);
async function f() {
  log('f start');
  const v = await 1;
  log('f after await', v);
  const w = await 'two';
  log('f after second await', w);
  return v + 1;
}
f().then(v => log('f result', v));
Promise.resolve().then(() => log('c1')).then(() => log('c2')).then(() => log('c3')).then(() => log('c4'));
log('main end');
