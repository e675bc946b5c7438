// Promise.any fulfils with the first fulfilment; rejects with an
// AggregateError (errors in input order) when all inputs reject.
const log = (...a) => console.log(...a);
Promise.any([Promise.reject(new Error('a')), Promise.resolve('b'), 'c']).then(v => log('any1', v));
Promise.any([Promise.reject(new Error('e1')), Promise.reject(new Error('e2'))])
  .catch(e => log('any2', e.constructor.name, e.errors.map(x => x.message).join(',')));
Promise.any([]).catch(e => log('any3', e.constructor.name, e.errors.length));
Promise.resolve().then(() => log('c1')).then(() => log('c2')).then(() => log('c3'));
