'use strict';
// `units` waits of `iterations` milliseconds each. Claim under test: N concurrent waits of T finish in about T, not
// N x T. checksum = number of waits completed.
//   event-loop:     all `units` waits (setTimeout) concurrently on one loop; workers must be 1.
//   worker-threads: units split in equal chunks over the workers (as integer_hash); each worker does its chunk's
//                   waits one after another, so workers=12 gives 12 concurrent waits and workers=1 a serial run.
//                   The workers start together once all are up; work_span_s is from that release to the last
//                   answer (wall_s includes starting the workers).

const spawn = require('../spawn.js');

const sleep = (ms) => new Promise((resolve) => setTimeout(() => resolve(1), ms));

async function experiment(ctx) {
  const details = { waits: ctx.units, wait_ms: ctx.iterations };
  if (ctx.model === 'event-loop') {
    if (ctx.workers !== 1) {
      throw new Error('sleep_wait under event-loop runs all waits on one loop: workers must be 1, got ' + ctx.workers);
    }
    const waits = [];
    for (let i = 0; i < ctx.units; i++) {
      waits.push(sleep(ctx.iterations));
    }
    const done = (await Promise.all(waits)).reduce((a, b) => a + b, 0);
    return { checksum: done, details };
  }
  const { chunk } = require('../driver.js');
  const opts = { timeoutMs: spawn.waitLimitMs(ctx) };
  const peers = [];
  for (let w = 0; w < ctx.workers; w++) {
    const [from, to] = chunk(ctx.units, w, ctx.workers);
    peers.push(spawn.thread(__filename, 'waits', { from, to, ms: ctx.iterations }, { ...opts, label: 'worker ' + w }));
  }
  return spawn.using(peers, async () => {
    const t0 = await spawn.releaseTogether(peers);
    const counts = await Promise.all(peers.map((p) => p.next('count of waits')));
    details.work_span_s = (performance.now() - t0) / 1000;
    await Promise.all(peers.map((p) => p.join()));
    return { checksum: counts.reduce((a, m) => a + m.done, 0), details };
  });
}

const roles = {
  async waits(port, { from, to, ms }) {
    await port.ready();
    let done = 0;
    for (let u = from; u < to; u++) {
      done += await sleep(ms);
    }
    port.post({ done });
  },
};

module.exports = { name: 'sleep_wait', models: ['event-loop', 'worker-threads'], experiment, roles };
