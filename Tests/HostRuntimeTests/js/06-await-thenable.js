// await of a non-native thenable: a resolve-thenable job first, then the
// reaction (2 ticks); a thenable that resolves later continues after its timer.
const log = (...a) => console.log(...a);
const syncThenable = { then(res) { log('then called'); res('sync'); } };
const lateThenable = { then(res) { log('late then called'); setTimeout(() => { log('late resolves'); res('late'); }, 5); } };
async function f() {
  log('f got', await syncThenable);
  log('f got', await lateThenable);
}
f().then(() => log('f done'));
Promise.resolve().then(() => log('c1')).then(() => log('c2')).then(() => log('c3')).then(() => log('c4'));
setTimeout(() => Promise.resolve().then(() => log('after timer microtask')), 5);
