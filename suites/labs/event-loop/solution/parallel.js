'use strict';
// Lab event-loop, part 2, a reference solution: one Worker per part of the units, all started before any is awaited.

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
  const parts = [];
  for (let k = 0; k < workers; k++) {
    parts.push(inWorker(first + Math.floor(k * size / workers), first + Math.floor((k + 1) * size / workers), iterations));
  }
  const sums = await Promise.all(parts);
  return sums.reduce((a, b) => a + b, 0);
}

module.exports = { run };
