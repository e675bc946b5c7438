// EventEmitter.emit is synchronous: listeners run in registration order on
// the emitter's stack; a listener added during emit waits for the next emit;
// a once listener is removed when called; a throwing listener stops the emit;
// an 'error' event with no listener throws.
const EventEmitter = require('events');
const log = (...a) => console.log(...a);
const e = new EventEmitter();
e.on('x', v => { log('A', v); e.on('x', () => log('late')); });
e.once('x', v => { log('once', v); e.emit('y', v + 1); });
e.on('y', v => log('y', v));
e.on('x', v => { log('C', v); if (v === 1) throw new Error('stop'); });
e.once('x', v => log('once2', v));
Promise.resolve().then(() => log('microtask'));
log('before emit');
try { e.emit('x', 1); } catch (err) { log('caught', err.message); }
log('count', e.listenerCount('x'));
e.emit('x', 2);
log('count', e.listenerCount('x'));
try { e.emit('error', new Error('bad')); } catch (err) { log('error threw', err.message); }
log('emit none', e.emit('nothing'));
