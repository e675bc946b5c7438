// Timers with equal deadlines fire in scheduling order, with ticks and
// microtasks drained between them; nested ones keep that order.
// (Equal durations only: Node keeps one FIFO list per duration, so this
// order does not depend on how many real milliseconds pass.)
const log = (...a) => console.log(...a);
for (const name of ['A', 'B', 'C']) {
  setTimeout(() => {
    log('timer', name);
    process.nextTick(() => log('tick', name));
    Promise.resolve().then(() => log('promise', name));
    setTimeout(() => log('nested', name), 10);
  }, 10);
}
