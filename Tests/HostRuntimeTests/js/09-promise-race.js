// Promise.race settles with the first input to settle, in reaction order.
const log = (...a) => console.log(...a);
let slowResolve;
const slow = new Promise(r => { slowResolve = r; });
Promise.race([slow, Promise.resolve('fast'), 'plain']).then(v => log('race1', v));
Promise.race(['plain', Promise.resolve('fast')]).then(v => log('race2', v));
Promise.race([slow, Promise.reject(new Error('boom'))]).then(v => log('race3', v), e => log('race3 rejected', e.message));
setTimeout(() => {
  Promise.race([slow, new Promise(r => setTimeout(() => r('timer'), 5))]).then(v => log('race4', v));
  slowResolve('slow');
}, 1);
Promise.resolve().then(() => log('c1')).then(() => log('c2'));
