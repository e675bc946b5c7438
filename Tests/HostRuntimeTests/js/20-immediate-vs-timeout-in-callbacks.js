// setImmediate inside a timer runs before a setTimeout(0) from the same
// callback (the check phase comes first); setTimeout(0) inside an immediate
// runs in a later iteration, after ticks and microtasks. (Racing that timer
// against another immediate would depend on real elapsed time: not done.)
const log = (...a) => console.log(...a);
setTimeout(() => {
  setTimeout(() => log('timeout from timer'), 0);
  setImmediate(() => {
    log('immediate from timer');
    setTimeout(() => log('timeout from immediate'), 0);
    process.nextTick(() => log('tick from immediate'));
    Promise.resolve().then(() => log('promise from immediate'));
  });
}, 1);
