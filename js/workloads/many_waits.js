'use strict';
// many_waits (issue 24): N = workers concurrent tasks that each do ONE wait, to see what a task costs (memory,
// start-up) and where a model stops. iterations = the wait in ms; units are ignored. Parameter wait = sleep (default)
// or tcp (then echo_port, as tcp_echo: the run's line-echo server on 127.0.0.1, which answers
// "<delay_ms> <payload>" after delay_ms).
//   before = PSS/RSS of this process's tree (idle_memory's treeMemory); t0; start N tasks, each (tcp: opens its own
//   connection) signals ready and holds on a gate; t1 when all are ready; during = the tree's PSS/RSS; t2 the gate
//   opens; each task sleeps `iterations` ms, or sends "<iterations> task-<k>" and compares the echo, closes; t3 when
//   every task has ended and been joined. checksum = tasks whose wait completed correctly (= N).
//   details: tasks, wait_ms, startup_s (t1-t0), waits_s (t3-t2), pss/rss_kib_before/_during, processes_during,
//   pss_kib_per_task, rss_kib_per_task ((during - before) / N).
//   event-loop:      N async functions on this loop (setTimeout or a net socket each); the gate is one Promise.
//   worker-threads:  one worker_threads Worker per task (spawn.thread); the gate a 'go' message to each.
//   child-processes: one forked node per task (spawn.child; node only); the gate a 'go' message to each.
// Limits: a task that cannot be started for lack of a resource (a Worker or child that cannot be created:
// ERR_WORKER_INIT_FAILED / ERR_WORKER_OUT_OF_MEMORY, EAGAIN, EMFILE / ENFILE, ENOMEM; a socket: EMFILE) stops the
// sample: every task started so far is stopped (and its end awaited), then it fails with
//   "limit: <threads|processes|file descriptors|memory>: <k> of <N> tasks started: <the error's own text>".
// No task starts while MemAvailable is below a reserve (memoryReserveKib): that too is "limit: memory: ...".
// Node cannot raise RLIMIT_NOFILE itself (no setrlimit), so limit_raised is never reported here.
// GraalJS (contexts): a bare Context has no require, timers or sockets; GraalJsRuntime runs each task as a Context
// on its own thread that calls sleepBlocking(ms, hostSleep) below (a Java-side sleep: no timers, and Atomics.wait
// cannot block in a plain Context); only wait=sleep there.
// Requires stay inside functions so that GraalJS can load this file.

const SLEEP = 'sleep';
const TCP = 'tcp';

function waitKind(ctx) {
  const w = (ctx.parameters && ctx.parameters.wait) || SLEEP;
  if (w !== SLEEP && w !== TCP) {
    throw new Error('many_waits: unknown wait ' + JSON.stringify(w) + ' (known: sleep, tcp)');
  }
  return w;
}

function echoPort(ctx) {
  const raw = ctx.parameters && ctx.parameters.echo_port;
  const port = Number(raw);
  if (raw === undefined || !Number.isInteger(port) || port <= 0 || port > 65535) {
    throw new Error('many_waits with wait=tcp needs the parameter echo_port (a TCP port), got ' + JSON.stringify(raw));
  }
  return port;
}

/** The limit kind of an error that says a resource ran out, or null for any other failure. */
function limitKind(message, model) {
  if (/EMFILE|ENFILE|Too many open files/.test(message)) {
    return 'file descriptors';
  }
  if (/ENOMEM|ERR_WORKER_OUT_OF_MEMORY|Cannot allocate memory|out of memory/i.test(message)) {
    return 'memory';
  }
  if (/EAGAIN|ERR_WORKER_INIT_FAILED|Resource temporarily unavailable/.test(message)) {
    return model === 'child-processes' ? 'processes' : 'threads';
  }
  return null;
}

function limitError(kind, started, n, text) {
  const limit = new Error('limit: ' + kind + ': ' + started + ' of ' + n + ' tasks started: ' + text);
  limit.stack = limit.message; // the drivers print a stack; this message must come first and alone
  return limit;
}

/**
 * Memory kept free: with no swap (as here) Linux does not fail an allocation but lets the OOM killer end a process,
 * maybe the harness's JVM rather than this one. So no task starts while MemAvailable is below this reserve: 10 % of
 * MemTotal, at least 1 GiB; the parameter memory_reserve_mib overrides it (tests).
 */
function memoryReserveKib(ctx, totalKib) {
  const raw = ctx.parameters && ctx.parameters.memory_reserve_mib;
  if (raw !== undefined) {
    const mib = Number(raw);
    if (!Number.isFinite(mib) || mib < 0) {
      throw new Error('many_waits: memory_reserve_mib must be a number of MiB >= 0, got ' + JSON.stringify(raw));
    }
    return mib * 1024;
  }
  return Math.max(1024 * 1024, totalKib * 0.1);
}

/** A `limit: memory` error when MemAvailable is below the reserve, else null. */
function memoryShortage(ctx, started, n) {
  let text;
  try {
    text = require('fs').readFileSync('/proc/meminfo', 'utf8');
  } catch (e) {
    if (e.code === 'EMFILE' || e.code === 'ENFILE') {
      return limitError('file descriptors', started, n, e.message);
    }
    throw e;
  }
  const kib = (name) => Number((new RegExp('^' + name + ':\\s+(\\d+) kB', 'm').exec(text) || [0, NaN])[1]);
  const available = kib('MemAvailable');
  const total = kib('MemTotal');
  const reserve = memoryReserveKib(ctx, total);
  if (!(available < reserve)) {
    return null;
  }
  const mib = (k) => Math.round(k / 1024);
  return limitError('memory', started, n, 'MemAvailable ' + mib(available) + ' MiB of ' + mib(total) + ' MiB is below'
    + ' the reserve of ' + mib(reserve) + ' MiB (/proc/meminfo; many_waits starts no more tasks there, as the OOM killer'
    + ' would end some process instead of an allocation failing)');
}

/** The error to fail with: a `limit: ` one when `e` says a resource ran out while starting task `started`. */
function startFailure(e, model, started, n) {
  const text = String((e && e.message) || e).replace(/\n/g, ' ');
  const kind = limitKind(text + ' ' + ((e && e.code) || ''), model);
  if (kind === null) {
    return e instanceof Error ? e : new Error(text);
  }
  return limitError(kind, started, n, text);
}

/** One client connection to the echo server, tcp_echo's: request(line) resolves to the reply; close() ends it. */
function connect(port, timeoutMs, sockets) {
  return require('./tcp_echo.js').connect(port, timeoutMs, sockets);
}

/** The one wait of task k after the gate: 1 when it completed correctly. */
async function waitOnce(k, ms, conn) {
  if (!conn) {
    await new Promise((resolve) => setTimeout(resolve, ms));
    return 1;
  }
  try {
    const line = ms + ' task-' + k;
    return (await conn.request(line)) === line ? 1 : 0;
  } finally {
    conn.close();
  }
}

function now() {
  return performance.now();
}

/** event-loop: N async functions on this loop, held on one Promise. */
async function onTheLoop(ctx, n, ms, port, limitMs, clock) {
  const spawn = require('../spawn.js');
  const sockets = new Set();
  // The sleeps' timers, to clear on a failure. Kept to the end rather than deleted as each fires, and the sleep awaited
  // in the task itself, not through waitOnce: either would add to 10,000 waits what a program of their own does not
  // have (the many-waits-vs-bare benchmark).
  const timers = [];
  let ready = 0;
  let allReady;
  let notReady;
  // Settles on everyone ready or on the first task that failed to connect. A task reports that failure itself and
  // ends: a reaction of its own on each task (task.catch, or a Promise.race over 10,000) would add to what a task costs
  // here what a program of its own would not have.
  const everyoneReady = new Promise((resolve, reject) => { allReady = resolve; notReady = reject; });
  let openGate;
  const gate = new Promise((resolve) => { openGate = resolve; });
  try {
    const tasks = [];
    clock.t0 = now();
    for (let k = 0; k < n; k++) {
      const short = k % 1000 === 0 ? memoryShortage(ctx, k, n) : null;
      if (short) {
        throw short;
      }
      tasks.push((async () => {
        let conn = null;
        if (port) {
          try {
            conn = await connect(port, limitMs, sockets);
          } catch (e) {
            e.task = k; // with EMFILE, tasks 0 .. k-1 got their socket
            notReady(e);
            return 0;
          }
        }
        if (++ready === n) {
          allReady();
        }
        await gate;
        if (conn) {
          return await waitOnce(k, ms, conn);
        }
        await new Promise((resolve) => { timers.push(setTimeout(resolve, ms)); });
        return 1;
      })());
    }
    try {
      await spawn.withTimeout(everyoneReady, limitMs,
        'many_waits: timed out: not all ' + n + ' tasks were ready within ' + limitMs / 1000 + ' s');
    } catch (e) {
      throw startFailure(e, ctx.model, e && e.task !== undefined ? e.task : ready, n);
    }
    clock.t1 = now();
    clock.during = require('./idle_memory.js').treeMemory();
    clock.t2 = now();
    openGate();
    const done = await spawn.withTimeout(Promise.all(tasks), limitMs,
      'many_waits: timed out: the waits did not end within ' + limitMs / 1000 + ' s');
    clock.t3 = now();
    return { checksum: done.reduce((a, b) => a + b, 0) };
  } finally {
    for (const s of sockets) {
      s.destroy();
    }
    timers.forEach(clearTimeout);
  }
}

/** Stops every peer still alive and waits (bounded) until each has ended: nothing is left running. */
async function stopAll(peers, limitMs) {
  const spawn = require('../spawn.js');
  const alive = peers.filter((p) => !p.done && (p.kind === 'thread' || p.pid !== undefined));
  for (const p of alive) {
    p.stop();
  }
  await spawn.withTimeout(Promise.all(alive.map((p) => p.exited)), limitMs,
    'many_waits: stopped tasks did not end within ' + limitMs / 1000 + ' s').catch(() => {});
}

/** worker-threads / child-processes: one Worker or forked node per task, released by a 'go' message each. */
async function onPeers(ctx, n, ms, port, limitMs, clock) {
  const spawn = require('../spawn.js');
  const peers = [];
  const opts = { timeoutMs: limitMs };
  let ok = false;
  try {
    clock.t0 = now();
    const readies = [];
    for (let k = 0; k < n; k++) {
      const short = memoryShortage(ctx, k, n);
      if (short) {
        throw short;
      }
      let peer;
      try {
        peer = spawn.start(ctx.model, __filename, 'task', { k, ms, port, timeoutMs: limitMs },
          { ...opts, label: 'task ' + k });
      } catch (e) {
        throw startFailure(e, ctx.model, k, n);
      }
      peers.push(peer);
      const ready = peer.next('ready signal').then((m) => {
        if (m !== 'ready') {
          throw new Error(peer.label + ' sent ' + JSON.stringify(m) + ' instead of ready');
        }
      }).catch((e) => {
        throw startFailure(e, ctx.model, k, n);
      });
      ready.catch(() => {}); // a later start may throw first; then nobody awaits this one
      readies.push(ready);
    }
    // Rejects at the first task that failed to start (Promise.all handles the rejections of the others).
    await Promise.all(readies);
    clock.t1 = now();
    clock.during = require('./idle_memory.js').treeMemory();
    clock.t2 = now();
    for (const p of peers) {
      p.post('go');
    }
    const results = await Promise.all(peers.map((p) => p.next('result of its wait')));
    await Promise.all(peers.map((p) => p.join()));
    clock.t3 = now();
    ok = true;
    return { ...spawn.childUsage(peers), checksum: results.reduce((a, m) => a + (m && m.ok === 1 ? 1 : 0), 0) };
  } finally {
    if (!ok) {
      await stopAll(peers, limitMs);
    }
  }
}

async function experiment(ctx) {
  const spawn = require('../spawn.js');
  const { treeMemory } = require('./idle_memory.js');
  if (!require('fs').existsSync('/proc/self/smaps_rollup')) {
    throw new Error('many_waits needs Linux /proc');
  }
  const n = ctx.workers;
  const ms = ctx.iterations;
  const port = waitKind(ctx) === TCP ? echoPort(ctx) : null;
  const limitMs = spawn.waitLimitMs(ctx);
  const before = treeMemory();
  const clock = {};
  const out = ctx.model === 'event-loop' ? await onTheLoop(ctx, n, ms, port, limitMs, clock)
    : await onPeers(ctx, n, ms, port, limitMs, clock);
  const during = clock.during;
  return {
    ...out,
    details: {
      tasks: n,
      wait_ms: ms,
      startup_s: (clock.t1 - clock.t0) / 1000,
      waits_s: (clock.t3 - clock.t2) / 1000,
      pss_kib_before: before.pss_kib,
      pss_kib_during: during.pss_kib,
      rss_kib_before: before.rss_kib,
      rss_kib_during: during.rss_kib,
      processes_during: during.processes,
      pss_kib_per_task: (during.pss_kib - before.pss_kib) / n,
      rss_kib_per_task: (during.rss_kib - before.rss_kib) / n,
    },
  };
}

const roles = {
  /** One task in a Worker or child: (tcp: connect), ready, hold until go, one wait, report it. */
  async task(port, { k, ms, port: echo, timeoutMs }) {
    const conn = echo ? await connect(echo, timeoutMs, null) : null;
    try {
      await port.ready();
    } catch (e) {
      if (conn) {
        conn.close();
      }
      throw e;
    }
    await port.post({ ok: await waitOnce(k, ms, conn) });
  },
};

/**
 * GraalJS: one task's wait in a bare Context, on the calling thread. Such a Context has no timers, and its main agent
 * cannot block (Atomics.wait throws "Unsupported operation" outside GraalJS's test modes), so the wait is the host's:
 * hostSleep(ms), a callback GraalJsRuntime passes in (Thread.sleep). 1 when at least ms went by.
 */
function sleepBlocking(ms, hostSleep) {
  const t0 = Date.now();
  hostSleep(ms);
  return Date.now() - t0 >= ms - 1 ? 1 : 0; // Date.now() is whole milliseconds
}

module.exports = {
  name: 'many_waits',
  // contexts: GraalJS only (GraalJsRuntime.manyWaits); node and Javet refuse that model before the driver sees it.
  models: ['event-loop', 'worker-threads', 'child-processes', 'contexts'],
  experiment,
  roles,
  sleepBlocking,
  limitKind,
};
