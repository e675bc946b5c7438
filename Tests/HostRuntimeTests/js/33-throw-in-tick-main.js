// A nextTick that throws in the drain after the main script: the remaining
// ticks and microtasks still run before the first immediate (Node drains
// before its check phase runs immediates).
const log = (...a) => console.log(...a);
process.on('uncaughtException', e => log('uncaughtException', e.message));
setImmediate(() => log('immediate'));
process.nextTick(() => { log('t1'); throw new Error('x'); });
process.nextTick(() => log('t2'));
Promise.resolve().then(() => log('m'));
log('main end');
