// Promise.allSettled waits for every input and reports each outcome in input order.
const log = (...a) => console.log(...a);
let rejectLater;
const later = new Promise((_, rej) => { rejectLater = rej; });
Promise.allSettled([Promise.resolve(1), Promise.reject(new Error('x')), later, 4]).then(rs => {
  for (const r of rs) log(r.status, r.status === 'fulfilled' ? r.value : (r.reason.message || r.reason));
});
Promise.resolve().then(() => log('c1')).then(() => { log('c2'); rejectLater('late'); }).then(() => log('c3')).then(() => log('c4'));
