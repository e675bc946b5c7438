// A timeout scheduled inside an interval's callback with the same duration
// fires before the interval's next run: the interval is re-armed after its
// callback returns (lib/internal/timers.js), so it queues behind.
const log = (...a) => console.log(...a);
let n = 0;
const iv = setInterval(() => {
  n += 1;
  log('interval', n);
  if (n <= 2) setTimeout(() => log('timeout from run', n), 10);
  if (n === 3) clearInterval(iv);
}, 10);
