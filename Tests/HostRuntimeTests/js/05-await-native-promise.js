// await of a native promise: one tick when settled; when it settles later,
// the continuation runs right after the resolver's job.
const log = (...a) => console.log(...a);
let resolveLater;
const later = new Promise(r => { resolveLater = r; });
async function f() {
  const a = await Promise.resolve('a');
  log('f got', a);
  const b = await later;
  log('f got', b);
}
f();
Promise.resolve().then(() => log('c1')).then(() => { log('c2'); resolveLater('b'); }).then(() => log('c3')).then(() => log('c4'));
