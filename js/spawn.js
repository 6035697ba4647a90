'use strict';
// Workers and children for the experiment workloads (js/workloads/*.js that export experiment(ctx)), for node and
// embedded Node (Javet) alike. A workload exports `roles: { name(port, data) }`; the main side starts one with
// thread(file, role, data) (a worker_threads Worker) or child(file, role, data) (a forked node, node only: in
// Javet process.execPath is the JVM) and talks to it through the returned Peer. Every wait has a timeout and a
// failed or vanished peer rejects the wait at once, so nothing hangs. This file is the entry of both.
//
// Role side: `port.post(msg)`, `port.next(what)` (the next message from main, with the run's timeout),
// `port.ready()` (the worker side of releaseTogether). The
// thread/child ends when the role's promise settles (a rejection becomes the Worker's 'error' / the child's exit 1).

const ROLE = 'concurrency-claims-role';
const DEFAULT_TIMEOUT_MS = 60_000;
const USAGE = '__ccChildUsage';

/** The wait limit of a run: a little under the harness's own, so our message arrives before its hard stop. */
function waitLimitMs(ctx) {
  const t = ctx && ctx.timeoutMs > 0 ? ctx.timeoutMs : DEFAULT_TIMEOUT_MS;
  return Math.max(1000, Math.floor(t * 0.9));
}

/** A promise that rejects with `message` after `ms` unless `promise` settles first; never leaves a timer behind. */
function withTimeout(promise, ms, message) {
  let timer = null;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Messages in arrival order; next() waits for one, rejects when the source failed or after a timeout. */
class Inbox {
  constructor(label, timeoutMs) {
    this.label = label;
    this.timeoutMs = timeoutMs;
    this.queue = [];
    this.waiters = [];
    this.failure = null;
  }

  push(msg) {
    const w = this.waiters.shift();
    if (w) {
      w.resolve(msg);
    } else {
      this.queue.push(msg);
    }
  }

  fail(error) {
    if (!this.failure) {
      this.failure = error;
    }
    for (const w of this.waiters.splice(0)) {
      w.reject(this.failure);
    }
  }

  next(what) {
    if (this.queue.length > 0) {
      return Promise.resolve(this.queue.shift());
    }
    if (this.failure) {
      return Promise.reject(this.failure);
    }
    const waiting = new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
    return withTimeout(waiting, this.timeoutMs, this.label + ': no ' + (what || 'message') + ' within '
      + this.timeoutMs / 1000 + ' s');
  }
}

function describe(e) {
  return e && e.stack ? String(e.stack).split('\n').slice(0, 3).map((l) => l.trim()).join(' | ') : String(e);
}

/** Main side of one thread or child. */
class Peer {
  constructor(kind, label, timeoutMs) {
    this.kind = kind;
    this.label = label;
    this.timeoutMs = timeoutMs;
    this.inbox = new Inbox(label, timeoutMs);
    this.done = false;
    this.error = null;
    this.exited = new Promise((resolve) => { this.onExit = resolve; });
  }

  next(what) {
    return this.inbox.next(what);
  }

  /** Waits for the peer to end by itself; after the timeout it is stopped and the wait rejects. */
  async join() {
    try {
      await withTimeout(this.exited, this.timeoutMs, this.label + ' did not end within ' + this.timeoutMs / 1000 + ' s');
    } catch (e) {
      this.stop();
      throw e;
    }
    if (this.error) {
      throw this.error;
    }
  }

  /** The peer failed: its error is what every wait (now and later) reports. */
  _fail(error) {
    if (!this.error) {
      this.error = error;
    }
    this.inbox.fail(this.error);
  }

  _exit(how) {
    this.done = true;
    this.inbox.fail(this.error || new Error(this.label + ' ended (' + how + ') before answering'));
    this.onExit(how);
  }
}

/** Starts `role` of the workload `file` in a worker_threads Worker. */
function thread(file, role, data, opts) {
  const { Worker } = require('worker_threads');
  const o = opts || {};
  const peer = new Peer('thread', o.label || 'worker', o.timeoutMs || DEFAULT_TIMEOUT_MS);
  const worker = new Worker(__filename, {
    workerData: { role: ROLE, file, name: role, data, timeoutMs: peer.timeoutMs },
  });
  peer.threadId = worker.threadId;
  peer.post = (msg, transfer) => worker.postMessage(msg, transfer);
  peer.stop = () => { if (!peer.done) worker.terminate(); };
  worker.on('message', (m) => peer.inbox.push(m));
  worker.once('error', (e) => peer._fail(new Error(peer.label + ' failed: ' + describe(e))));
  worker.once('exit', (code) => {
    if (code !== 0) {
      peer._fail(new Error(peer.label + ' exited with code ' + code));
    }
    peer._exit('exit code ' + code);
  });
  return peer;
}

/** Starts `role` of the workload `file` in a forked node process (IPC with advanced serialization: typed arrays). */
function child(file, role, data, opts) {
  if (process.versions.javet || !/node$/.test(process.execPath)) {
    throw new Error('child processes need standalone node (this runtime is ' + process.execPath + ')');
  }
  const { fork } = require('child_process');
  const o = opts || {};
  const peer = new Peer('child', o.label || 'child', o.timeoutMs || DEFAULT_TIMEOUT_MS);
  const proc = fork(__filename, ['--role', JSON.stringify({ file, name: role, data, timeoutMs: peer.timeoutMs })], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    serialization: 'advanced',
  });
  peer.pid = proc.pid;
  peer.post = (msg) => proc.send(msg);
  peer.stop = () => { if (!peer.done) proc.kill('SIGKILL'); };
  proc.on('message', (m) => {
    if (m && typeof m === 'object' && m[USAGE]) {
      peer.usage = m[USAGE];
    } else {
      peer.inbox.push(m);
    }
  });
  proc.once('error', (e) => peer._fail(new Error(peer.label + ' failed: ' + describe(e))));
  proc.once('exit', (code, signal) => {
    if (code !== 0) {
      peer._fail(new Error(peer.label + ' exited with ' + (signal || 'code ' + code)));
    }
    peer._exit(signal ? 'signal ' + signal : 'exit code ' + code);
  });
  return peer;
}

/** thread() or child() by model name. */
function start(model, file, role, data, opts) {
  if (model === 'child-processes') {
    return child(file, role, data, opts);
  }
  return thread(file, role, data, opts);
}

/**
 * A start gate for chunked work: waits until every peer has said 'ready' (port.ready() on its side), then releases
 * them all at once and resolves to the release time (performance.now()), so a run can report the span of the work
 * itself (Sample's work_span_s) without the start-up of threads or processes.
 */
async function releaseTogether(peers) {
  await Promise.all(peers.map((p) => p.next('ready signal').then((m) => {
    if (m !== 'ready') {
      throw new Error(p.label + ' sent ' + JSON.stringify(m) + ' instead of ready');
    }
  })));
  const t0 = performance.now();
  for (const p of peers) {
    p.post('go');
  }
  return t0;
}

/**
 * CPU seconds and peak RSS (KiB) that ended children reported, in the shape run() adds to its own
 * ({ childCpu, childRss }); threads are part of this process already.
 */
function childUsage(peers) {
  const kids = peers.filter((p) => p.kind === 'child' && p.usage);
  return {
    childCpu: kids.reduce((a, p) => a + p.usage.cpu_s, 0),
    childRss: kids.reduce((a, p) => a + p.usage.peak_rss_kib, 0),
  };
}

/** Runs body(peers) and stops every peer still alive afterwards, whatever happened. */
async function using(peers, body) {
  try {
    return await body(peers);
  } finally {
    for (const p of peers) {
      if (p && !p.done) {
        p.stop();
      }
    }
  }
}

/** Worker / child side of releaseTogether: say ready, wait for go. */
async function gate(port) {
  await port.post('ready');
  const m = await port.next('go signal');
  if (m !== 'go') {
    throw new Error('expected go, got ' + JSON.stringify(m));
  }
}

/** Worker / child side: run the role, then let the thread or process end. */
function runRole(desc, port, finish) {
  const roles = require(desc.file).roles || {};
  const fn = roles[desc.name];
  if (typeof fn !== 'function') {
    throw new Error('workload ' + desc.file + ' has no role ' + desc.name);
  }
  return Promise.resolve().then(() => fn(port, desc.data)).then(finish);
}

if (typeof require === 'function' && typeof process === 'object') {
  const wt = require('worker_threads');
  if (!wt.isMainThread && wt.workerData && wt.workerData.role === ROLE) {
    const desc = wt.workerData;
    const inbox = new Inbox('main thread', desc.timeoutMs);
    wt.parentPort.on('message', (m) => inbox.push(m));
    const port = { post: (m, transfer) => wt.parentPort.postMessage(m, transfer), next: (what) => inbox.next(what) };
    port.ready = () => gate(port);
    // A rejection here is uncaught in the Worker: its 'error' event reaches the main side's Peer.
    runRole(desc, port, () => wt.parentPort.close());
  } else if (wt.isMainThread && require.main === module && process.argv[2] === '--role') {
    const desc = JSON.parse(process.argv[3]);
    const inbox = new Inbox('parent process', desc.timeoutMs);
    process.on('message', (m) => inbox.push(m));
    let finished = false;
    // The parent gone (killed, timed out): nobody will release or read us, so end at once.
    process.on('disconnect', () => { if (!finished) process.exit(3); });
    const port = {
      post: (m) => new Promise((resolve, reject) => process.send(m, (e) => (e ? reject(e) : resolve()))),
      next: (what) => inbox.next(what),
    };
    port.ready = () => gate(port);
    const finish = () => {
      finished = true;
      const cpu = process.cpuUsage();
      const usage = { cpu_s: (cpu.user + cpu.system) / 1e6, peak_rss_kib: process.resourceUsage().maxRSS };
      process.send({ [USAGE]: usage }, () => process.disconnect());
    };
    runRole(desc, port, finish).catch((e) => {
      process.stderr.write(desc.name + ' failed: ' + describe(e) + '\n');
      process.exit(1);
    });
  }
}

module.exports = { thread, child, start, using, releaseTogether, childUsage, withTimeout, waitLimitMs, describe };
