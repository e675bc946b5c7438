// Resolving twice, rejecting after resolve, throwing after resolve, clearing
// unknown, cleared or fired timers: all no-ops.
const log = (...a) => console.log(...a);
new Promise((res, rej) => { res('first'); res('second'); rej(new Error('late')); throw new Error('ignored'); })
  .then(v => log('resolved with', v), e => log('never', e.message));
new Promise((res, rej) => { rej(new Error('rejected')); res('ignored'); })
  .catch(e => log('rejected with', e.message));
clearTimeout(undefined);
clearTimeout(null);
clearInterval(undefined);
clearImmediate(undefined);
const t = setTimeout(() => log('cleared timer fired'), 5);
clearTimeout(t);
clearTimeout(t);
const fired = setTimeout(() => {
  log('timer fired');
  clearTimeout(fired);
  setTimeout(() => log('done'), 5);
}, 1);
const imm = setImmediate(() => log('cleared immediate ran'));
clearImmediate(imm);
clearImmediate(imm);
