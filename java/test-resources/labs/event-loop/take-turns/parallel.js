'use strict';
// Cheat: the work in Workers, each doing its share, but one after another: each Worker is awaited before the next
// one starts, so no two ever run at once.

const { Worker, isMainThread, parentPort, workerData } = require('node:worker_threads');
const labkit = require('labkit');

if (!isMainThread) {
  parentPort.postMessage(labkit.work(workerData.first, workerData.stop, workerData.iterations));
}

function inWorker(first, stop, iterations) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(__filename, { workerData: { first, stop, iterations } });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

async function run({ first, stop, iterations, workers }) {
  const size = stop - first;
  let total = 0;
  for (let k = 0; k < workers; k++) {
    total += await inWorker(first + Math.floor(k * size / workers), first + Math.floor((k + 1) * size / workers),
      iterations);
  }
  return total;
}

module.exports = { run };
