'use strict';
// `units` concurrent waits of `iterations` milliseconds each (setTimeout) on one event loop.
// Claim under test: N concurrent waits of T finish in about T, not N x T. checksum = number of waits completed.

async function experiment(ctx) {
  const waits = [];
  for (let i = 0; i < ctx.units; i++) {
    waits.push(new Promise((resolve) => setTimeout(() => resolve(1), ctx.iterations)));
  }
  const done = (await Promise.all(waits)).reduce((a, b) => a + b, 0);
  return { checksum: done, details: { waits: ctx.units, wait_ms: ctx.iterations } };
}

module.exports = { name: 'sleep_wait', models: ['event-loop'], experiment };
