// then on an already-settled promise queues its job at once; reactions of one
// promise run in registration order; a pending promise queues them on settle.
const log = (...a) => console.log(...a);
const done = Promise.resolve('done');
const failed = Promise.reject(new Error('failed'));
let resolvePending;
const pending = new Promise(r => { resolvePending = r; });
pending.then(v => log('pending a', v));
done.then(v => log('done a', v));
failed.catch(e => log('failed', e.message));
pending.then(v => log('pending b', v));
resolvePending('now');
done.then(v => log('done b', v));
log('main end');
