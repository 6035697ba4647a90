'use strict';
// A timer due in 0 ms is scheduled, then the loop's only thread burns CPU synchronously (integer_hash unit 0 for
// `iterations` iterations). Claim under test: CPU work on the event loop delays every other callback until it ends,
// so timer_late_ms ~ burn_ms. checksum = the burn's unit result.

const integerHash = require('./integer_hash.js');

async function experiment(ctx) {
  const scheduled = performance.now();
  const fired = new Promise((resolve) => setTimeout(() => resolve(performance.now()), 0));
  const burnStart = performance.now();
  const result = integerHash.unit(0, ctx.iterations);
  const burnMs = performance.now() - burnStart;
  const firedAt = await fired;
  return {
    checksum: result,
    details: { burn_ms: burnMs, timer_late_ms: firedAt - scheduled },
  };
}

module.exports = { name: 'loop_blocking', models: ['event-loop'], experiment };
