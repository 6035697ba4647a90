'use strict';
// Lab event-loop, part 2: use every core.
//
// run() must return the sum of labkit.work over the units first to stop - 1, now split across `workers` Workers
// that run at the same time.

const labkit = require('labkit');

async function run({ first, stop, iterations, workers }) {
  // TODO: split the units into `workers` contiguous parts, run each part in a Worker of its own (all started before
  // you wait for any), and resolve with the sum of their results.
  return labkit.work(first, stop, iterations);
}

module.exports = { run };
