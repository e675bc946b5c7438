// With no unhandledRejection listener, Node's default mode raises an
// uncaught exception: the error itself, or a wrapper for a non-error reason.
const log = (...a) => console.log(...a);
process.on('uncaughtException', e => log('uncaughtException', e.message));
Promise.reject(new Error('rejected error'));
Promise.reject(42);
Promise.resolve().then(() => log('microtask first'));
