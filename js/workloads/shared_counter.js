'use strict';
// N workers each increment a counter in one SharedArrayBuffer `iterations` times: first with a plain `a[0]++`
// (read-modify-write, racy), then with Atomics.add. A start barrier makes the workers overlap. Claim under test:
// only Atomics gives the exact total. details { expected, racy_total, exact_total }; checksum = exact_total.
// Keep workers x iterations below 2^31 (Int32 counters).

const spawn = require('../spawn.js');

async function experiment(ctx) {
  const n = ctx.workers;
  if (n * ctx.iterations >= 2 ** 31) {
    throw new Error('shared_counter: workers x iterations must stay below 2^31');
  }
  // [0] racy counter, [1] atomic counter, [2] start gate, [3] workers ready
  const cells = new Int32Array(new SharedArrayBuffer(4 * 4));
  const limit = spawn.waitLimitMs(ctx);
  const peers = [];
  for (let w = 0; w < n; w++) {
    peers.push(spawn.thread(__filename, 'count', { cells, iterations: ctx.iterations, limit },
      { timeoutMs: limit, label: 'worker ' + w }));
  }
  return spawn.using(peers, async () => {
    const failed = Promise.race(peers.map((p) => p.exited.then(() => p.join())));
    const allReady = (async () => {
      for (let ready = Atomics.load(cells, 3); ready < n; ready = Atomics.load(cells, 3)) {
        await Atomics.waitAsync(cells, 3, ready, limit).value;
      }
    })();
    await spawn.withTimeout(Promise.race([allReady, failed]), limit, 'shared_counter: workers not ready within '
      + limit / 1000 + ' s');
    Atomics.store(cells, 2, 1);
    Atomics.notify(cells, 2);
    await Promise.all(peers.map((p) => p.join()));
    const expected = n * ctx.iterations;
    return {
      checksum: Atomics.load(cells, 1),
      details: { expected, racy_total: Atomics.load(cells, 0), exact_total: Atomics.load(cells, 1) },
    };
  });
}

const roles = {
  count(port, { cells, iterations, limit }) {
    Atomics.add(cells, 3, 1);
    Atomics.notify(cells, 3);
    if (Atomics.wait(cells, 2, 0, limit) === 'timed-out') {
      throw new Error('start gate not opened within ' + limit / 1000 + ' s');
    }
    for (let i = 0; i < iterations; i++) {
      cells[0]++;
    }
    for (let i = 0; i < iterations; i++) {
      Atomics.add(cells, 1, 1);
    }
  },
};

module.exports = { name: 'shared_counter', models: ['workers-shared-memory'], experiment, roles };
