'use strict';
// Main sets a global variable (globalThis.ccSharedState) to 0, starts ONE worker that sets its own globalThis
// variable of the same name to 1, and joins it. Claim under test: workers and child processes do not share the
// main side's globals, so main still sees 0. details { main_saw_worker_mutation, worker_saw_initial (what the
// worker found before its write: "undefined" = a separate global object) }. checksum 0.
//   worker-threads: a worker_threads Worker (its own isolate and realm).
//   child-processes: a forked node process (node only).

const spawn = require('../spawn.js');

const NAME = 'ccSharedState';

async function experiment(ctx) {
  if (ctx.workers !== 1) {
    throw new Error('shared_state starts exactly one worker: workers must be 1, got ' + ctx.workers);
  }
  globalThis[NAME] = 0;
  try {
    const peer = spawn.start(ctx.model, __filename, 'mutate', {},
      { timeoutMs: spawn.waitLimitMs(ctx), label: ctx.model === 'child-processes' ? 'child' : 'worker' });
    return await spawn.using([peer], async () => {
      const report = await peer.next('report of its write');
      await peer.join();
      return {
        ...spawn.childUsage([peer]),
        checksum: 0,
        details: {
          main_saw_worker_mutation: globalThis[NAME] !== 0,
          worker_saw_initial: report.saw,
          worker_wrote: report.wrote,
        },
      };
    });
  } finally {
    delete globalThis[NAME];
  }
}

const roles = {
  async mutate(port) {
    const saw = String(globalThis[NAME]);
    globalThis[NAME] = 1;
    await port.post({ saw, wrote: globalThis[NAME] });
  },
};

module.exports = { name: 'shared_state', models: ['worker-threads', 'child-processes'], experiment, roles };
