'use strict';
// `units` requests to the harness's line-echo server on 127.0.0.1:<parameters.echo_port>. A request is the line
// "<iterations> unit-<u>\n"; the server waits `iterations` ms, then echoes the line; a reply counts when it equals
// the request. checksum = correct echoes (= units). Every socket has a 30 s timeout, so a dead server fails fast.
//   event-loop:     one connection per unit, all concurrent on one loop (net); workers must be 1.
//   worker-threads: units in equal chunks over the workers; each worker opens ONE connection and sends its chunk's
//                   requests one after another, waiting for each reply. Workers start together once all are up;
//                   work_span_s is from that release to the last answer.

const spawn = require('../spawn.js');

const SOCKET_TIMEOUT_MS = 30_000;
const HOST = '127.0.0.1';

/**
 * One client connection: request(line) resolves to the reply line (without '\n'); close() ends it. The socket times
 * out after timeoutMs; a set given as `sockets` holds it while it is open (for a caller that must end them all). An
 * error keeps the system's code (EMFILE, ECONNREFUSED) in `code`.
 */
function connect(port, timeoutMs = SOCKET_TIMEOUT_MS, sockets = null) {
  const net = require('net');
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: HOST, port });
    if (sockets) {
      sockets.add(socket);
    }
    let buffered = '';
    let pending = null;
    let failure = null;
    const failAll = (e) => {
      failure = failure || e;
      if (pending) {
        const p = pending;
        pending = null;
        p.reject(failure);
      }
    };
    socket.setEncoding('utf8');
    socket.setNoDelay(true);
    socket.setTimeout(timeoutMs, () => {
      socket.destroy(new Error('no answer from the echo server at ' + HOST + ':' + port + ' within '
        + timeoutMs / 1000 + ' s'));
    });
    socket.on('data', (text) => {
      buffered += text;
      const nl = buffered.indexOf('\n');
      if (nl >= 0 && pending) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        const p = pending;
        pending = null;
        p.resolve(line);
      }
    });
    socket.on('error', (e) => {
      const err = new Error('echo server at ' + HOST + ':' + port + ': ' + e.message);
      err.code = e.code;
      reject(err);
      failAll(err);
    });
    socket.on('close', () => failAll(new Error('the echo server at ' + HOST + ':' + port + ' closed the connection')));
    socket.once('connect', () => resolve({
      request(line) {
        if (failure) {
          return Promise.reject(failure);
        }
        return new Promise((res, rej) => {
          pending = { resolve: res, reject: rej };
          socket.write(line + '\n');
        });
      },
      close() {
        socket.setTimeout(0);
        socket.destroy();
        if (sockets) {
          sockets.delete(socket);
        }
      },
    }));
  });
}

function requestLine(u, delayMs) {
  return delayMs + ' unit-' + u;
}

/** Units [from, to) over one connection, one after another; resolves to the number of correct echoes. */
async function serial(port, from, to, delayMs) {
  const conn = await connect(port);
  try {
    let correct = 0;
    for (let u = from; u < to; u++) {
      const line = requestLine(u, delayMs);
      if ((await conn.request(line)) === line) {
        correct++;
      }
    }
    return correct;
  } finally {
    conn.close();
  }
}

function echoPort(ctx) {
  const raw = ctx.parameters && ctx.parameters.echo_port;
  const port = Number(raw);
  if (raw === undefined || !Number.isInteger(port) || port <= 0 || port > 65535) {
    throw new Error('tcp_echo needs the parameter echo_port (a TCP port), got ' + JSON.stringify(raw));
  }
  return port;
}

async function experiment(ctx) {
  const port = echoPort(ctx);
  const details = { requests: ctx.units, delay_ms: ctx.iterations };
  if (ctx.model === 'event-loop') {
    if (ctx.workers !== 1) {
      throw new Error('tcp_echo under event-loop runs all connections on one loop: workers must be 1, got '
        + ctx.workers);
    }
    const all = [];
    for (let u = 0; u < ctx.units; u++) {
      all.push(serial(port, u, u + 1, ctx.iterations));
    }
    const counts = await Promise.all(all);
    return { checksum: counts.reduce((a, b) => a + b, 0), details: Object.assign(details, { connections: ctx.units }) };
  }
  const { chunk } = require('../driver.js');
  const peers = [];
  for (let w = 0; w < ctx.workers; w++) {
    const [from, to] = chunk(ctx.units, w, ctx.workers);
    peers.push(spawn.thread(__filename, 'client', { port, from, to, delayMs: ctx.iterations },
      { timeoutMs: spawn.waitLimitMs(ctx), label: 'worker ' + w }));
  }
  return spawn.using(peers, async () => {
    const t0 = await spawn.releaseTogether(peers);
    const counts = await Promise.all(peers.map((p) => p.next('count of correct echoes')));
    details.work_span_s = (performance.now() - t0) / 1000;
    await Promise.all(peers.map((p) => p.join()));
    details.connections = ctx.workers;
    return { checksum: counts.reduce((a, m) => a + m.correct, 0), details };
  });
}

const roles = {
  async client(port, { port: echo, from, to, delayMs }) {
    await port.ready();
    port.post({ correct: await serial(echo, from, to, delayMs) });
  },
};

module.exports = { name: 'tcp_echo', models: ['event-loop', 'worker-threads'], experiment, roles, connect };
