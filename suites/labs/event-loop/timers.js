'use strict';
// Lab event-loop, part 1: keep the timers on time.
//
// While run() works, this program's other callbacks must still run: the harness watches the main thread from
// outside and measures the longest time it was away from its event loop. run() must return the sum of labkit.work
// over the units first to stop - 1.

const labkit = require('labkit');

async function run({ first, stop, iterations }) {
  // TODO: this line is the CPU burn that delays every timer until it ends. Move the work to a Worker
  // (require('node:worker_threads')): start one on this file with the units as its workerData, have it post the
  // result back, and resolve with that result, so the event loop stays free meanwhile.
  return labkit.work(first, stop, iterations);
}

module.exports = { run };
