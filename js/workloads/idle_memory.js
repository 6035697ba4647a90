'use strict';
// Starts `workers` workers that signal ready and then wait, idle, for a release message. While all are idle it
// measures PSS and RSS of the whole process tree (this process and every descendant, from /proc/<pid>/smaps_rollup;
// descendants through /proc/<pid>/task/*/children) and compares with the same measure taken just before starting
// them. details { pss_kib_per_worker, rss_kib_per_worker: (during - before) / workers, ... }; then release and join.
// checksum 0. In embedded Node (Javet) the process is the JVM: the tree is the JVM's.
//   worker-threads: worker_threads Workers (one isolate + one event loop each, in this process).
//   child-processes: forked node processes (node only).

const spawn = require('../spawn.js');

function readProc(path) {
  return require('fs').readFileSync(path, 'utf8');
}

/** pid and all its descendants (pids that vanish while we look are skipped). */
function processTree(root) {
  const fs = require('fs');
  const seen = new Set();
  const todo = [root];
  while (todo.length > 0) {
    const pid = todo.pop();
    if (seen.has(pid)) {
      continue;
    }
    seen.add(pid);
    let tasks = [];
    try {
      tasks = fs.readdirSync('/proc/' + pid + '/task');
    } catch (e) {
      continue; // gone
    }
    for (const tid of tasks) {
      try {
        for (const c of readProc('/proc/' + pid + '/task/' + tid + '/children').trim().split(/\s+/)) {
          if (c) {
            todo.push(Number(c));
          }
        }
      } catch (e) {
        // task gone
      }
    }
  }
  return [...seen];
}

/** { pss_kib, rss_kib, processes } summed over the tree of this process. */
function treeMemory() {
  let pss = 0;
  let rss = 0;
  let processes = 0;
  for (const pid of processTree(process.pid)) {
    let text;
    try {
      text = readProc('/proc/' + pid + '/smaps_rollup');
    } catch (e) {
      continue; // exited meanwhile
    }
    const pssLine = /^Pss:\s+(\d+) kB/m.exec(text);
    const rssLine = /^Rss:\s+(\d+) kB/m.exec(text);
    if (pssLine && rssLine) {
      pss += Number(pssLine[1]);
      rss += Number(rssLine[1]);
      processes++;
    }
  }
  return { pss_kib: pss, rss_kib: rss, processes };
}

function checkProc() {
  const fs = require('fs');
  if (!fs.existsSync('/proc/self/smaps_rollup')) {
    throw new Error('idle_memory needs Linux /proc');
  }
}

async function experiment(ctx) {
  checkProc();
  const n = ctx.workers;
  const before = treeMemory();
  const peers = [];
  const opts = { timeoutMs: spawn.waitLimitMs(ctx) };
  return spawn.using(peers, async () => {
    for (let w = 0; w < n; w++) {
      peers.push(spawn.start(ctx.model, __filename, 'idle', {}, { ...opts, label: 'worker ' + w }));
    }
    for (const p of peers) {
      const m = await p.next('ready signal');
      if (m !== 'ready') {
        throw new Error(p.label + ' sent ' + JSON.stringify(m) + ' instead of ready');
      }
    }
    const during = treeMemory();
    for (const p of peers) {
      p.post('release');
    }
    await Promise.all(peers.map((p) => p.join()));
    return {
      ...spawn.childUsage(peers),
      checksum: 0,
      details: {
        pss_kib_per_worker: (during.pss_kib - before.pss_kib) / n,
        rss_kib_per_worker: (during.rss_kib - before.rss_kib) / n,
        pss_kib_before: before.pss_kib,
        pss_kib_during: during.pss_kib,
        rss_kib_before: before.rss_kib,
        rss_kib_during: during.rss_kib,
        processes_during: during.processes,
      },
    };
  });
}

const roles = {
  /** Ready, then nothing but a pending read of the channel until main releases us. */
  async idle(port) {
    await port.post('ready');
    const m = await port.next('release');
    if (m !== 'release') {
      throw new Error('expected release, got ' + JSON.stringify(m));
    }
  },
};

module.exports = { name: 'idle_memory', models: ['worker-threads', 'child-processes'], experiment, roles, treeMemory };
