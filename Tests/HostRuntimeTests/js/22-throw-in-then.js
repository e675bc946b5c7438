// A throw in a then handler rejects the derived promise; fulfilment handlers
// are skipped down to the next catch, which can recover.
const log = (...a) => console.log(...a);
Promise.resolve(1)
  .then(v => { log('step', v); throw new Error('bad step'); })
  .then(() => log('skipped'))
  .then(() => log('skipped too'))
  .catch(e => { log('caught', e.message); return 'recovered'; })
  .then(v => log('after catch', v));
Promise.resolve().then(() => log('c1')).then(() => log('c2')).then(() => log('c3')).then(() => log('c4')).then(() => log('c5'));
