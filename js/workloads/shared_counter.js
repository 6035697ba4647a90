'use strict';
// N workers each increment a counter in one SharedArrayBuffer `iterations` times: first with a plain `a[0]++`
// (read-modify-write, racy), then with Atomics.add. A start barrier makes the workers overlap. Claim under test:
// only Atomics gives the exact total. checksum = atomic_total. Keep workers x iterations below 2^31 (Int32 counters).

const ROLE = 'concurrency-claims-shared-counter';

async function experiment(ctx) {
  const { Worker } = require('worker_threads');
  const n = ctx.workers;
  if (n * ctx.iterations >= 2 ** 31) {
    throw new Error('shared_counter: workers x iterations must stay below 2^31');
  }
  // [0] plain counter, [1] atomic counter, [2] start gate, [3] workers ready
  const cells = new Int32Array(new SharedArrayBuffer(4 * 4));
  const workers = [];
  for (let w = 0; w < n; w++) {
    const worker = new Worker(__filename, { workerData: { role: ROLE, cells, iterations: ctx.iterations } });
    workers.push(new Promise((resolve, reject) => {
      worker.once('error', reject);
      worker.once('exit', resolve);
    }));
  }
  for (let ready = Atomics.load(cells, 3); ready < n; ready = Atomics.load(cells, 3)) {
    await Atomics.waitAsync(cells, 3, ready).value;
  }
  Atomics.store(cells, 2, 1);
  Atomics.notify(cells, 2);
  await Promise.all(workers);
  const expected = n * ctx.iterations;
  return {
    checksum: Atomics.load(cells, 1),
    details: { expected, plain_total: Atomics.load(cells, 0), atomic_total: Atomics.load(cells, 1) },
  };
}

if (typeof require === 'function') {
  const wt = require('worker_threads');
  if (!wt.isMainThread && wt.workerData && wt.workerData.role === ROLE) {
    const { cells, iterations } = wt.workerData;
    Atomics.add(cells, 3, 1);
    Atomics.notify(cells, 3);
    Atomics.wait(cells, 2, 0);
    for (let i = 0; i < iterations; i++) {
      cells[0]++;
    }
    for (let i = 0; i < iterations; i++) {
      Atomics.add(cells, 1, 1);
    }
  }
}

module.exports = { name: 'shared_counter', models: ['workers-shared-memory'], experiment };
