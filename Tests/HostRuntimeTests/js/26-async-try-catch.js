// await of a rejected promise throws at the await; a try/catch in the async
// function handles it; an uncaught throw rejects the function's promise.
const log = (...a) => console.log(...a);
async function handles() {
  try {
    await Promise.reject(new Error('inner'));
    log('never');
  } catch (e) {
    log('handled', e.message);
  }
  return 'ok';
}
async function throws() {
  await null;
  throw new Error('outer');
}
handles().then(v => log('handles ->', v));
throws().catch(e => log('throws ->', e.message));
Promise.resolve().then(() => log('c1')).then(() => log('c2')).then(() => log('c3'));
