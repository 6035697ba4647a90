'use strict';
// What a lab gives the student's JavaScript code: the CPU-bound work. work(first, stop, iterations) is the suite's
// own integer_hash workload (js/workloads/integer_hash.js), the sum of units [first, stop). Where it ran the harness
// reads from /proc, not from here.
// Students load it with require('labkit') (the harness puts this folder on NODE_PATH, Workers included).

const integerHash = require('./workloads/integer_hash.js');

let warm = false;

// The first call in a thread warms the work's code up on a few short runs of one unit, as the suite's own workers
// do (js/driver.js, chunkMain): a fresh isolate starts in the interpreter, and a Worker whose loop is compiled late
// runs its part several times slower now and then. About a millisecond, inside the student's timed call.
const WARM_UP_CALLS = 20;
const WARM_UP_ITERATIONS = 20000;

function work(first, stop, iterations) {
  if (!warm) {
    warm = true;
    for (let i = 0; i < WARM_UP_CALLS; i++) {
      integerHash.units(first, first + 1, Math.min(iterations, WARM_UP_ITERATIONS));
    }
  }
  return integerHash.units(first, stop, iterations);
}

module.exports = { work };
