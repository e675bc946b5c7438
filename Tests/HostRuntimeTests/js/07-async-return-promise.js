// Returning a promise from an async function costs two more ticks than
// returning a value (the resolve-thenable job plus the adoption reaction).
const log = (...a) => console.log(...a);
async function returnsValue() { return 'value'; }
async function returnsPromise() { return Promise.resolve('promise'); }
returnsPromise().then(v => log('got', v));
returnsValue().then(v => log('got', v));
Promise.resolve().then(() => log('c1')).then(() => log('c2')).then(() => log('c3')).then(() => log('c4'));
