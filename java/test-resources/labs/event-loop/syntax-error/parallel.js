'use strict';
// A submission with a syntax error on line 6; its timers.js is fine and must still be graded.
const labkit = require('labkit');

async function run({ first, stop, iterations, workers }) {
  const parts = [;
  return labkit.work(first, stop, iterations);
}

module.exports = { run };
