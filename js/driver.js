'use strict';
// The one driver for node-compatible runtimes (standalone node, and Node embedded in the JVM through Javet).
// CommonJS, so embedded Node can require() it by absolute path.
//
//   standalone: node [--no-maglev] driver.js '<spec json>'   -> one JSON line on stdout, exit 0; else stderr, exit 1
//   embedded:   require(driver).installGuards(onFatal); require(driver).run(spec).then(...)
//
// spec: { workload: 'integer_hash' | '/abs/path/fixture.js', model, workers, units, iterations,
//         parameters: { name: value } (e.g. echo_port), timeout_ms (the harness's limit; waits stay under it) }
// An experiment workload gets ctx = { units, iterations, workers, model, parameters, timeoutMs }.
// result: { checksum, wall_s, cpu_s, peak_rss_kib, details }
//
// The same file is the entry of every Worker and forked child (role in workerData / argv). GraalJS has no require()
// and uses only the pure helper eventLoopChunks() (through a module shim), so requires stay inside functions.

const WORKER_ROLE = 'concurrency-claims-chunk';

/** Where the workload file is: a name under workloads/, or an absolute path (test fixtures). */
function workloadPath(workload) {
  const path = require('path');
  if (path.isAbsolute(workload)) {
    return workload;
  }
  if (!/^[a-z][a-z0-9_]*$/.test(workload)) {
    throw new Error('bad workload name ' + JSON.stringify(workload));
  }
  return path.join(__dirname, 'workloads', workload + '.js');
}

function loadWorkload(workload) {
  const file = workloadPath(workload);
  const fs = require('fs');
  if (!fs.existsSync(file)) {
    throw new Error('unknown workload ' + JSON.stringify(workload) + ' (no ' + file + ')');
  }
  return require(file);
}

/** Half-open unit range of worker w among n (same as WorkloadSize.chunk in Java). */
function chunk(units, w, n) {
  if (units % n !== 0) {
    throw new Error(units + ' units cannot be split evenly over ' + n + ' workers');
  }
  const per = units / n;
  return [w * per, (w + 1) * per];
}

/**
 * The event-loop model of a chunked workload: one async function per chunk under Promise.all, each yielding to the
 * microtask queue between units so the tasks interleave on the one thread. Pure JS: GraalJS uses it too.
 */
async function eventLoopChunks(wl, units, iterations, workers) {
  const tasks = [];
  for (let w = 0; w < workers; w++) {
    const [from, to] = chunk(units, w, workers);
    tasks.push((async () => {
      let sum = 0;
      for (let u = from; u < to; u++) {
        sum += wl.unit(u, iterations);
        await null;
      }
      return sum;
    })());
  }
  const parts = await Promise.all(tasks);
  return parts.reduce((a, b) => a + b, 0);
}

function startWorker(data) {
  const { Worker } = require('worker_threads');
  const worker = new Worker(__filename, { workerData: Object.assign({ role: WORKER_ROLE }, data) });
  const exited = new Promise((resolve) => worker.once('exit', resolve));
  const failed = new Promise((_, reject) => {
    worker.once('error', (e) => reject(new Error('worker ' + data.index + ' failed: ' + describe(e))));
  });
  return { worker, exited, failed, post: (m) => worker.postMessage(m), on: (f) => worker.on('message', f) };
}

/** Messages of one worker or child in arrival order: next() resolves to the next one. */
function mailbox(peer) {
  const queue = [];
  const waiters = [];
  peer.on((m) => (waiters.length > 0 ? waiters.shift()(m) : queue.push(m)));
  return () => (queue.length > 0 ? Promise.resolve(queue.shift()) : new Promise((resolve) => waiters.push(resolve)));
}

/**
 * Releases every peer at once after all have said they are warm and ready, and collects each one's report. The
 * reports carry the chunk's sum (unless it came through shared memory), when its work started and ended on the
 * machine-wide monotonic clock, and the CPU its thread or process spent on it, in nanoseconds: the run's
 * work_intervals, of which the harness makes the work's span, CPU and parallelism (start-up and warm-up left out).
 */
async function releaseTogether(peers, failures) {
  const inboxes = peers.map(mailbox);
  await Promise.race([Promise.all(inboxes.map((next) => next())), failures]);
  for (const p of peers) {
    p.post('go');
  }
  const reports = await Promise.race([Promise.all(inboxes.map((next) => next())), failures]);
  return { reports, details: { work_intervals: reports.map((r) => r.interval) } };
}

async function workerThreads(spec, shared) {
  const n = spec.workers;
  const file = workloadPath(spec.workload);
  const sums = shared ? new BigInt64Array(new SharedArrayBuffer(8 * n)) : null;
  const started = [];
  for (let w = 0; w < n; w++) {
    const [from, to] = chunk(spec.units, w, n);
    const data = { index: w, file, from, to, iterations: spec.iterations, sums, turnsLock: turnsLock(spec) };
    started.push(startWorker(data));
  }
  const failures = Promise.race(started.map((s) => s.failed));
  failures.catch(() => {});
  const { reports, details } = await releaseTogether(started, failures);
  // With shared memory the sums come through the SharedArrayBuffer, the report only says the chunk is done.
  const checksum = shared ? Array.from(sums, Number).reduce((a, b) => a + b, 0)
    : reports.reduce((a, r) => a + r.sum, 0);
  await Promise.all(started.map((s) => s.exited));
  return { checksum, details };
}

async function childProcesses(spec) {
  const { fork } = require('child_process');
  const n = spec.workers;
  const file = workloadPath(spec.workload);
  const children = [];
  for (let w = 0; w < n; w++) {
    const [from, to] = chunk(spec.units, w, n);
    const data = { index: w, file, from, to, iterations: spec.iterations, turnsLock: turnsLock(spec) };
    const child = fork(__filename, ['--chunk', JSON.stringify(data)],
      { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const failed = new Promise((_, reject) => {
      child.once('error', reject);
      child.once('exit', (code, signal) => (code === 0 ? null
        : reject(new Error('child ' + w + ' exited with ' + (signal || code) + ' before reporting'))));
    });
    failed.catch(() => {});
    children.push({ exited, failed, post: (m) => child.send(m), on: (f) => child.on('message', f) });
  }
  const failures = Promise.race(children.map((c) => c.failed));
  failures.catch(() => {});
  const { reports, details } = await releaseTogether(children, failures);
  await Promise.all(children.map((c) => c.exited));
  return {
    checksum: reports.reduce((a, r) => a + r.sum, 0),
    childCpu: reports.reduce((a, r) => a + r.process_cpu_s, 0),
    childRss: reports.reduce((a, r) => a + r.peak_rss_kib, 0),
    details,
  };
}

/** Runs one measurement; resolves to { checksum, wall_s, cpu_s, peak_rss_kib, details }. */
async function run(spec) {
  const wl = loadWorkload(spec.workload);
  const models = wl.models === 'all' ? ['event-loop', 'worker-threads', 'workers-shared-memory', 'child-processes']
    : wl.models;
  if (!models.includes(spec.model)) {
    throw new Error((wl.name || spec.workload) + ' is not supported under ' + spec.model
      + ' (supported: ' + models.join(', ') + ')');
  }
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  let out;
  if (typeof wl.experiment === 'function') {
    out = await wl.experiment({
      units: spec.units,
      iterations: spec.iterations,
      workers: spec.workers,
      model: spec.model,
      parameters: spec.parameters || {},
      timeoutMs: spec.timeout_ms,
    });
  } else if (spec.model === 'event-loop') {
    out = { checksum: await eventLoopChunks(wl, spec.units, spec.iterations, spec.workers), details: {} };
  } else if (spec.model === 'worker-threads' || spec.model === 'workers-shared-memory') {
    out = await workerThreads(spec, spec.model === 'workers-shared-memory');
  } else if (spec.model === 'child-processes') {
    out = await childProcesses(spec);
  } else {
    throw new Error('unknown model ' + spec.model);
  }
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  const details = Object.assign({
    node_version: process.version,
    v8_version: process.versions.v8,
    exec_argv: process.execArgv.join(' '),
  }, out.details || {});
  return {
    checksum: out.checksum,
    wall_s: wall,
    cpu_s: (cpu.user + cpu.system) / 1e6 + (out.childCpu || 0),
    peak_rss_kib: process.resourceUsage().maxRSS + (out.childRss || 0),
    details,
  };
}

/** Timers and immediates still alive: a workload that leaves one running would keep the loop (and node) alive. */
function leftovers() {
  if (typeof process.getActiveResourcesInfo !== 'function') {
    return [];
  }
  return process.getActiveResourcesInfo().filter((r) => r === 'Timeout' || r === 'Immediate');
}

function describe(e) {
  if (e && e.stack) {
    return String(e.stack).split('\n').slice(0, 3).map((l) => l.trim()).join(' | ');
  }
  return String(e);
}

/**
 * Before any workload code: an exit, an uncaught exception or an unhandled rejection must not end the host
 * (in embedded Node it kills the whole JVM); they become an error reported through onFatal.
 */
function installGuards(onFatal) {
  process.on('uncaughtException', (e) => onFatal('uncaught exception: ' + describe(e)));
  process.on('unhandledRejection', (e) => onFatal('unhandled promise rejection: ' + describe(e)));
  const saved = { exit: process.exit, reallyExit: process.reallyExit, abort: process.abort };
  for (const name of ['exit', 'reallyExit', 'abort']) {
    process[name] = function blocked(code) {
      throw new Error('process.' + name + '(' + (code === undefined ? '' : code) + ') called by the workload: '
        + 'not allowed, it would end the host process');
    };
  }
  return function realExit(code) {
    Object.assign(process, saved);
    process.exit(code);
  };
}

/** Nanoseconds on the machine-wide monotonic clock (CLOCK_MONOTONIC), comparable between threads and processes. */
function monotonicNs() {
  return Number(process.hrtime.bigint());
}

/** CPU nanoseconds of the calling thread (a Worker's own), or of the process where Node cannot tell a thread's. */
function threadCpuNs() {
  const u = typeof process.threadCpuUsage === 'function' ? process.threadCpuUsage() : process.cpuUsage();
  return (u.user + u.system) * 1000;
}

/** Test-only parameter turns_lock (Job.TURNS_LOCK in Java): the path the chunk workers take turns on, or null. */
function turnsLock(spec) {
  return (spec.parameters && spec.parameters.turns_lock) || null;
}

/**
 * Waits until this worker creates the directory `lock` (atomic across threads and processes), its exclusive turn;
 * returns the function that gives it back. Gives up after a minute rather than hang on a lock a killed worker left.
 */
function takeTurn(lock) {
  const fs = require('fs');
  const nap = new Int32Array(new SharedArrayBuffer(4));
  const deadline = Date.now() + 60000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      return () => fs.rmdirSync(lock);
    } catch (e) {
      if (e.code !== 'EEXIST') {
        throw e;
      }
    }
    if (Date.now() > deadline) {
      throw new Error('no turn at ' + lock + ' within 60 s');
    }
    Atomics.wait(nap, 0, 0, 1);
  }
}

/**
 * Worker / child side of a chunked workload: warm the workload's code up on a few short runs of the first unit (a
 * fresh isolate starts in the interpreter; without this, a worker whose loop is compiled late runs part of its chunk
 * several times slower than the others), say ready, wait for go, then run the chunk and report it. With turnsLock
 * (test only) the chunk runs in this worker's turn, waited for outside its timing.
 */
async function chunkMain(data, post, next) {
  const wl = require(data.file);
  const warm = Math.min(data.iterations, WARM_UP_ITERATIONS);
  for (let i = 0; i < WARM_UP_CALLS; i++) {
    wl.units(data.from, data.from + 1, warm);
  }
  post({ ready: true });
  if ((await next()) !== 'go') {
    throw new Error('expected go');
  }
  const giveBack = data.turnsLock ? takeTurn(data.turnsLock) : () => {};
  let sum;
  let report;
  try {
    const start = monotonicNs();
    const cpu0 = threadCpuNs();
    sum = wl.units(data.from, data.to, data.iterations);
    const cpu = threadCpuNs() - cpu0;
    report = { interval: [start, monotonicNs(), cpu] };
  } finally {
    giveBack();
  }
  if (data.sums) {
    Atomics.store(data.sums, data.index, BigInt(sum));
  } else {
    report.sum = sum;
  }
  return report;
}

/** Warm-up of a chunk worker: this many calls of one unit at up to this many iterations (~1 ms of compiled code). */
const WARM_UP_CALLS = 20;
const WARM_UP_ITERATIONS = 20000;

const SUPERVISED_ROLE = 'concurrency-claims-supervised';

/**
 * Embedded Node (Javet): stopping a main-thread isolate that spins inside a timer callback aborts the whole process
 * ("async hook stack has become corrupted"), so the main loop only supervises: the measurement runs in one Worker,
 * which worker.terminate() can stop cleanly. Outcome strings: 'R' + result JSON, or 'E' + message (first wins).
 */
function supervise(spec, settle) {
  const { Worker } = require('worker_threads');
  const worker = new Worker(__filename, { workerData: { role: SUPERVISED_ROLE, spec } });
  const state = { exited: false };
  worker.on('message', (outcome) => settle(outcome));
  worker.on('error', (e) => settle('E' + describe(e)));
  worker.on('exit', (code) => {
    state.exited = true;
    settle('Ethe measurement worker exited with code ' + code + ' before reporting');
  });
  return {
    stop() {
      if (!state.exited) {
        worker.terminate();
      }
    },
    exited() {
      return state.exited;
    },
  };
}

function supervisedMain(spec, post) {
  let sent = false;
  const settle = (outcome) => {
    if (!sent) {
      sent = true;
      post(outcome);
    }
  };
  installGuards((message) => settle('E' + message));
  run(spec).then((result) => {
    const left = leftovers();
    if (left.length > 0) {
      settle('Ethe workload left ' + left.length + ' timer(s) running after it finished (' + left.join(', ')
        + '): a setInterval or setTimeout that was never cleared');
    } else {
      settle('R' + JSON.stringify(result));
    }
  }, (e) => settle('E' + describe(e)));
}

function cliMain(argv) {
  let realExit = null;
  const fail = (message) => {
    process.stderr.write('error: ' + message.replace(/\n/g, ' ') + '\n');
    realExit(1);
  };
  realExit = installGuards(fail);
  let spec;
  try {
    spec = JSON.parse(argv[0]);
  } catch (e) {
    process.stderr.write('usage: node driver.js \'{"workload":..,"model":..,"workers":..,"units":..,"iterations":..}\'\n');
    realExit(2);
    return;
  }
  run(spec).then((result) => {
    const left = leftovers();
    if (left.length > 0) {
      fail('the workload left ' + left.length + ' timer(s) running after it finished (' + left.join(', ')
        + '): a setInterval or setTimeout that was never cleared');
      return;
    }
    process.stdout.write(JSON.stringify(result) + '\n', () => realExit(0));
  }, (e) => fail(describe(e)));
}

// Exported before the entry code below runs: workloads require this file (chunk) while cliMain is running.
module.exports = { run, supervise, installGuards, leftovers, describe, eventLoopChunks, chunk, workloadPath };

const workerThreadsApi = typeof require === 'function' && typeof process === 'object' ? require('worker_threads') : null;
if (workerThreadsApi && !workerThreadsApi.isMainThread && workerThreadsApi.workerData
    && workerThreadsApi.workerData.role === SUPERVISED_ROLE) {
  // Embedded Node: the whole measurement runs in a Worker supervised by the main loop, which can terminate it.
  supervisedMain(workerThreadsApi.workerData.spec, (outcome) => workerThreadsApi.parentPort.postMessage(outcome));
} else if (workerThreadsApi && !workerThreadsApi.isMainThread && workerThreadsApi.workerData
    && workerThreadsApi.workerData.role === WORKER_ROLE) {
  // A Worker of the worker-threads / workers-shared-memory models.
  const port = workerThreadsApi.parentPort;
  const next = () => new Promise((resolve) => port.once('message', resolve));
  chunkMain(workerThreadsApi.workerData, (m) => port.postMessage(m), next).then((report) => port.postMessage(report));
} else if (workerThreadsApi && workerThreadsApi.isMainThread && require.main === module) {
  if (process.argv[2] === '--chunk') {
    // A forked child of the child-processes model.
    const next = () => new Promise((resolve) => process.once('message', resolve));
    chunkMain(JSON.parse(process.argv[3]), (m) => process.send(m), next).then((report) => {
      const cpu = process.cpuUsage();
      report.process_cpu_s = (cpu.user + cpu.system) / 1e6;
      report.peak_rss_kib = process.resourceUsage().maxRSS;
      process.send(report, () => process.disconnect());
    });
  } else {
    cliMain(process.argv.slice(2));
  }
}

