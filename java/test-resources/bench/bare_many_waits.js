'use strict';
// A bare program of many_waits' work, for the sweep's benchmark: N pending promises on the event loop, each created,
// held on one gate promise, then one setTimeout of 100 ms. Prints {startup_s, waits_s, pss_kib_per_task} as JSON.
// Usage: node bare_many_waits.js N
const fs = require('fs');

const pssKib = () => Number(/^Pss:\s+(\d+) kB/m.exec(fs.readFileSync('/proc/self/smaps_rollup', 'utf8'))[1]);

async function main() {
  const n = Number(process.argv[2]);
  let open;
  const gate = new Promise((resolve) => { open = resolve; });
  let ready = 0;
  let allReady;
  const everyoneReady = new Promise((resolve) => { allReady = resolve; });
  const task = async () => {
    if (++ready === n) {
      allReady();
    }
    await gate;
    await new Promise((resolve) => setTimeout(resolve, 100));
  };
  const before = pssKib();
  const t0 = performance.now();
  const tasks = [];
  for (let i = 0; i < n; i++) {
    tasks.push(task());
  }
  await everyoneReady;
  const t1 = performance.now();
  const during = pssKib();
  const t2 = performance.now();
  open();
  await Promise.all(tasks);
  const t3 = performance.now();
  console.log(JSON.stringify({ startup_s: (t1 - t0) / 1000, waits_s: (t3 - t2) / 1000,
    pss_kib_per_task: (during - before) / n }));
}

main();
