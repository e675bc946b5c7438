// An interval clearing a pending timeout and another interval (with
// clearTimeout: timeouts and intervals share one clear) from its callback.
// The output only depends on whether the 5 ms interval ran before each
// 50 ms run, not on how often, so it does not depend on real timing.
const log = (...a) => console.log(...a);
const victim = setTimeout(() => log('victim never fires'), 1000);
let other = 0;
const otherIv = setInterval(() => { other += 1; }, 5);
let n = 0;
const iv = setInterval(() => {
  n += 1;
  log('main interval', n, 'other ran', other > 0);
  if (n === 1) { clearTimeout(victim); log('cleared victim'); }
  if (n === 3) {
    clearTimeout(otherIv);
    clearInterval(iv);
    log('cleared both');
    const seen = other;
    setTimeout(() => log('other stopped', other === seen), 50);
  }
}, 50);
