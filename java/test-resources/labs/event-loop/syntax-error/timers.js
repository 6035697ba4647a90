'use strict';
// Lab event-loop, part 1, a reference solution: the burn runs in a Worker; the event loop only waits for its answer.

const { Worker, isMainThread, parentPort, workerData } = require('node:worker_threads');
const labkit = require('labkit');

if (!isMainThread) {
  parentPort.postMessage(labkit.work(workerData.first, workerData.stop, workerData.iterations));
}

function run({ first, stop, iterations }) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(__filename, { workerData: { first, stop, iterations } });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

module.exports = { run };
