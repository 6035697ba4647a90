'use strict';
// postMessage copies (structured clone): the main side posts {values: [1, 2, 3]} to a Worker, then changes its own
// copy; the worker changes its copy and replies with what it saw. Claim under test: neither side sees the other's
// mutation. checksum = 0.

const ROLE = 'concurrency-claims-message-copy';

async function experiment() {
  const { Worker } = require('worker_threads');
  const worker = new Worker(__filename, { workerData: { role: ROLE } });
  const reply = new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  const exited = new Promise((resolve) => worker.once('exit', resolve));
  const mine = { values: [1, 2, 3] };
  worker.postMessage(mine);
  mine.values[0] = 100; // after posting: would the worker see it?
  const seen = await reply;
  await exited;
  return {
    checksum: 0,
    details: {
      worker_saw_main_mutation: seen.values[0] === 100,
      main_saw_worker_mutation: mine.values[1] === 200,
      worker_saw: JSON.stringify(seen.values),
      main_has: JSON.stringify(mine.values),
    },
  };
}

if (typeof require === 'function') {
  const wt = require('worker_threads');
  if (!wt.isMainThread && wt.workerData && wt.workerData.role === ROLE) {
    wt.parentPort.once('message', (copy) => {
      // Let the main side's synchronous mutation happen first, then change our copy and report what we see.
      setTimeout(() => {
        copy.values[1] = 200;
        wt.parentPort.postMessage({ values: copy.values });
        wt.parentPort.close();
      }, 20);
    });
  }
}

module.exports = { name: 'message_copy', models: ['worker-threads'], experiment };
