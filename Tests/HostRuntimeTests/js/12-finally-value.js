// finally passes the value through and costs extra ticks (it resolves with
// a promise internally); its own return value is ignored.
const log = (...a) => console.log(...a);
Promise.resolve('v')
  .finally(() => { log('finally ran'); return 'ignored'; })
  .then(v => log('after finally', v));
Promise.resolve('w').then(v => log('plain then', v));
Promise.resolve().then(() => log('c1')).then(() => log('c2')).then(() => log('c3')).then(() => log('c4')).then(() => log('c5'));
