// Promise.all fulfils one tick after its last input's reaction; it rejects on
// the first rejection; an empty list fulfils synchronously.
const log = (...a) => console.log(...a);
let r2;
const p2 = new Promise(r => { r2 = r; });
Promise.all([1, Promise.resolve(2), p2]).then(v => log('all', v.join(',')));
Promise.all([Promise.resolve(1), Promise.reject(new Error('no')), new Promise(() => {})])
  .then(() => log('never'), e => log('all rejected', e.message));
Promise.all([]).then(v => log('empty', v.length));
Promise.resolve().then(() => log('c1')).then(() => { log('c2'); r2(3); }).then(() => log('c3')).then(() => log('c4'));
