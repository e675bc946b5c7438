// A rejection with no handler at the end of the drain is reported
// (unhandledRejection); a handler added later fires rejectionHandled after
// the drain in which it was added.
const log = (...a) => console.log(...a);
process.on('unhandledRejection', (reason, p) => log('unhandledRejection', reason.message));
process.on('rejectionHandled', p => log('rejectionHandled'));
const p = Promise.reject(new Error('late'));
Promise.reject(new Error('handled in time')).catch(() => {});
Promise.resolve().then(() => log('microtask before report'));
process.nextTick(() => log('tick before report'));
setTimeout(() => {
  log('timer adds handler');
  p.catch(e => log('caught', e.message));
  Promise.resolve().then(() => log('microtask in timer'));
}, 10);
