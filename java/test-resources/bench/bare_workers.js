'use strict';
// A plain worker_threads script, outside the suite: the same integer_hash chunks on 1 and on 2 Workers, each run timed
// from the moment all workers are up to the last result, with nothing of the suite's driver in between.
//   node bare_workers.js <iterations per unit> <rounds> <path of integer_hash.js>
//   -> one JSON line: {"one": [s...], "two": [s...]}
const { Worker, isMainThread, parentPort, workerData } = require('worker_threads');
const wl = require(isMainThread ? process.argv[4] : workerData.file);

if (!isMainThread) {
  parentPort.once('message', () => parentPort.postMessage(wl.units(workerData.from, workerData.to, workerData.it)));
  parentPort.postMessage('up');
} else {
  const it = Number(process.argv[2]);
  const rounds = Number(process.argv[3]);
  const run = async (n) => {
    const workers = [];
    for (let w = 0; w < n; w++) {
      workers.push(new Worker(__filename, { workerData: { from: w * 12 / n, to: (w + 1) * 12 / n, it, file: process.argv[4] } }));
    }
    await Promise.all(workers.map((w) => new Promise((r) => w.once('message', r))));
    const t0 = performance.now();
    const sums = workers.map((w) => new Promise((r) => w.once('message', r)));
    workers.forEach((w) => w.postMessage('go'));
    await Promise.all(sums);
    const seconds = (performance.now() - t0) / 1000;
    await Promise.all(workers.map((w) => w.terminate()));
    return seconds;
  };
  (async () => {
    const out = { one: [], two: [] };
    for (let r = 0; r < rounds; r++) {
      out.one.push(await run(1));
      out.two.push(await run(2));
    }
    console.log(JSON.stringify(out));
  })();
}
