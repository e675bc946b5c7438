// An interval that clears itself after 3 runs; microtasks drain after each run.
const log = (...a) => console.log(...a);
let n = 0;
const iv = setInterval(() => {
  n += 1;
  log('interval', n);
  Promise.resolve().then(() => log('microtask after', n));
  if (n === 3) { clearInterval(iv); log('cleared'); }
}, 10);
setTimeout(() => log('after all', n), 100);
