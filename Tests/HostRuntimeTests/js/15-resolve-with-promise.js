// Returning a promise (or resolving with one) adopts it: 2 extra ticks.
const log = (...a) => console.log(...a);
Promise.resolve().then(() => Promise.resolve('adopted')).then(v => log('then got', v));
Promise.resolve().then(() => 'plain').then(v => log('then got', v));
new Promise(r => r(Promise.resolve('executor adopted'))).then(v => log('executor got', v));
new Promise(r => r({ then(ok) { ok('thenable adopted'); } })).then(v => log('executor got', v));
Promise.resolve().then(() => log('c1')).then(() => log('c2')).then(() => log('c3')).then(() => log('c4'));
