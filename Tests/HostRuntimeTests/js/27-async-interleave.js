// Two async functions interleave one await at a time.
const log = (...a) => console.log(...a);
async function worker(name, steps) {
  for (let i = 1; i <= steps; i++) {
    await i;
    log(name, i);
  }
  return name;
}
worker('a', 3).then(v => log('done', v));
worker('b', 2).then(v => log('done', v));
log('main end');
