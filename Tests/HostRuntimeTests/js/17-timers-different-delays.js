// Timers fire by delay, not by scheduling order; 0 and sub-millisecond delays
// are 1 ms; fractional delays are truncated (1.7 shares the 1 ms list).
const log = (...a) => console.log(...a);
setTimeout(() => {
  setTimeout(() => log('30'), 30);
  setTimeout(() => log('1.7'), 1.7);
  setTimeout(() => log('10'), 10);
  setTimeout(() => log('0'), 0);
  setTimeout(() => log('1'), 1);
  setTimeout(() => log('-5'), -5);
  setTimeout(() => log('20'), 20);
}, 1);
