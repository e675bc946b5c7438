// finally passes a rejection through; a throwing finally replaces the outcome.
const log = (...a) => console.log(...a);
Promise.reject(new Error('r'))
  .finally(() => log('finally 1'))
  .catch(e => log('caught', e.message));
Promise.resolve('ok')
  .finally(() => { log('finally 2'); throw new Error('from finally'); })
  .then(v => log('never', v), e => log('replaced by', e.message));
Promise.reject(new Error('first'))
  .finally(() => Promise.reject(new Error('second')))
  .catch(e => log('finally rejection wins', e.message));
Promise.resolve().then(() => log('c1')).then(() => log('c2')).then(() => log('c3')).then(() => log('c4'));
