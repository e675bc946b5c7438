// Timers due together: one clears the next before it fires; a rejection
// made in a timer (also inside its microtask) is reported before the next
// timer runs.
const log = (...a) => console.log(...a);
process.on('unhandledRejection', r => log('unhandledRejection', r));
setTimeout(() => {
  const a = setTimeout(() => {
    log('A');
    clearTimeout(b);
    Promise.reject('from A');
  }, 10);
  const b = setTimeout(() => log('B never'), 10);
  const c = setTimeout(() => {
    log('C');
    Promise.resolve().then(() => { throw 'from C microtask'; });
  }, 10);
  const d = setTimeout(() => log('D'), 10);
}, 1);
