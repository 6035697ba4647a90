'use strict';
// One worker. The main side sends `units` messages, each a payload of `iterations` bytes, over the model's usual
// channel; the worker answers each with the payload's length and main waits for each answer. Three untimed round
// trips go first (not counted either), as in the Java and Python versions.
// details { bytes_moved: units x iterations, transfer_s: all round trips, mib_per_s: bytes_moved / 2^20 / transfer_s,
// channel }; checksum = bytes_moved (the sum of the lengths the worker reported).
//   worker-threads:        postMessage of a Uint8Array (structured clone: a copy each time, nothing transferred).
//   workers-shared-memory: main writes the payload into a SharedArrayBuffer; the worker copies it out. The hand-off is
//                          Atomics: a sequence number in a shared Int32Array, Atomics.notify on both sides, the worker
//                          blocks in Atomics.wait, main awaits Atomics.waitAsync (its loop stays free).
//   child-processes:       child_process IPC, process.send with serialization 'advanced' (V8 serializer, so the bytes
//                          go as bytes; the default 'json' would send a Uint8Array as a JSON object of numbers).
// The parameter channel=transfer (worker-threads only; the default is channel=message) posts the payload's
// ArrayBuffer in the transferList instead: no copy, the sender's buffer is detached (details.sender_detached) and the
// worker hands it back the same way with its answer.

const spawn = require('../spawn.js');

// Control cells of the shared-memory channel: [0] request sequence, [1] answer sequence, [2] answered length.
const REQ = 0;
const ANS = 1;
const LEN = 2;

function payload(bytes) {
  const p = new Uint8Array(bytes);
  for (let i = 0; i < bytes; i++) {
    p[i] = (i * 131 + 7) & 0xFF;
  }
  return p;
}

/** Untimed round trips before the timed ones, so a cold worker (its JIT, its first buffers) is not what is measured. */
const WARMUP_MESSAGES = 3;

/**
 * postMessage / IPC: each round trip posts the payload and awaits its length. With transfer the payload's buffer goes
 * in the transferList and comes back with the answer; detached says it left the sender each time.
 */
function postChannel(peer, data, transfer) {
  let sent = 0;
  let buffer = data;
  const channel = {
    detached: true,
    async roundTrip() {
      peer.post(buffer, transfer ? [buffer.buffer] : undefined);
      channel.detached = channel.detached && buffer.byteLength === 0;
      const answer = await peer.next('answer to message ' + ++sent);
      buffer = transfer ? answer.payload : buffer;
      return answer.length;
    },
    stop() {
      peer.post('stop');
    },
  };
  return channel;
}

/** Shared memory: write the payload, publish its sequence number, await the worker's answer on the Atomics. */
function sharedMemoryChannel(peer, data, ctrl, shared, limit) {
  // The worker may die while we wait on shared memory: then its exit ends the wait with its error.
  const ended = peer.exited.then(() => {
    throw peer.error || new Error(peer.label + ' ended before answering');
  });
  ended.catch(() => {});
  let m = 0;
  return {
    async roundTrip() {
      m++;
      shared.set(data);
      Atomics.store(ctrl, REQ, m);
      Atomics.notify(ctrl, REQ);
      while (Atomics.load(ctrl, ANS) !== m) {
        const r = Atomics.waitAsync(ctrl, ANS, m - 1, limit);
        if (r.async && (await Promise.race([r.value, ended])) === 'timed-out') {
          throw new Error('message_passing: no answer to message ' + m + ' within ' + limit / 1000 + ' s');
        }
      }
      return Atomics.load(ctrl, LEN);
    },
    stop() {
      Atomics.store(ctrl, REQ, -1); // tells the worker to stop
      Atomics.notify(ctrl, REQ);
    },
  };
}

async function experiment(ctx) {
  if (ctx.workers !== 1) {
    throw new Error('message_passing uses exactly one worker: workers must be 1, got ' + ctx.workers);
  }
  const channelParameter = (ctx.parameters && ctx.parameters.channel) || 'message';
  if (!['message', 'transfer'].includes(channelParameter)) {
    throw new Error("message_passing: unknown channel '" + channelParameter + "' (known: message, transfer)");
  }
  const transfer = channelParameter === 'transfer';
  if (transfer && ctx.model !== 'worker-threads') {
    throw new Error('message_passing: channel=transfer is for worker-threads, not ' + ctx.model);
  }
  const bytes = ctx.iterations;
  const data = payload(bytes);
  const limit = spawn.waitLimitMs(ctx);
  const opts = { timeoutMs: limit, label: ctx.model === 'child-processes' ? 'child' : 'worker' };
  let peer;
  let channel;
  let ctrl = null;
  let shared = null;
  if (ctx.model === 'workers-shared-memory') {
    ctrl = new Int32Array(new SharedArrayBuffer(3 * 4));
    shared = new Uint8Array(new SharedArrayBuffer(bytes));
    peer = spawn.thread(__filename, 'sharedReader', { ctrl, shared, limit }, opts);
    channel = 'SharedArrayBuffer + Atomics';
  } else if (ctx.model === 'child-processes') {
    peer = spawn.child(__filename, 'answerer', {}, opts);
    channel = 'child_process IPC (advanced serialization)';
  } else if (transfer) {
    peer = spawn.thread(__filename, 'answerer', { giveBack: true }, opts);
    channel = 'postMessage with transferList';
  } else {
    peer = spawn.thread(__filename, 'answerer', {}, opts);
    channel = 'postMessage (structured clone)';
  }
  return spawn.using([peer], async () => {
    const ready = await peer.next('ready signal');
    if (ready !== 'ready') {
      throw new Error('expected ready, got ' + JSON.stringify(ready));
    }
    const over = shared ? sharedMemoryChannel(peer, data, ctrl, shared, limit) : postChannel(peer, data, transfer);
    for (let w = 0; w < WARMUP_MESSAGES; w++) {
      await over.roundTrip();
    }
    const t0 = performance.now();
    let moved = 0;
    for (let m = 0; m < ctx.units; m++) {
      moved += await over.roundTrip();
    }
    const seconds = (performance.now() - t0) / 1000;
    over.stop();
    await peer.join();
    const bytesMoved = ctx.units * bytes;
    if (moved !== bytesMoved) {
      throw new Error('message_passing: the worker reported ' + moved + ' bytes, sent ' + bytesMoved);
    }
    return {
      ...spawn.childUsage([peer]),
      checksum: moved,
      details: {
        bytes_moved: bytesMoved,
        transfer_s: seconds,
        mib_per_s: bytesMoved / 2 ** 20 / seconds,
        messages: ctx.units,
        payload_bytes: bytes,
        channel,
        ...(transfer ? { sender_detached: over.detached } : {}),
      },
    };
  });
}

const roles = {
  /**
   * postMessage / IPC: answer every payload with its length until 'stop'; with giveBack the payload's buffer goes
   * back in the transferList too.
   */
  async answerer(port, { giveBack } = {}) {
    await port.post('ready');
    for (;;) {
      const m = await port.next('payload');
      if (m === 'stop') {
        return;
      }
      await (giveBack ? port.post({ length: m.length, payload: m }, [m.buffer]) : port.post({ length: m.length }));
    }
  },

  /** Shared memory: wait for the next sequence number, copy the payload out, answer with its length. */
  async sharedReader(port, { ctrl, shared, limit }) {
    const local = new Uint8Array(shared.length);
    port.post('ready');
    for (let seen = 0; ;) {
      if (Atomics.wait(ctrl, REQ, seen, limit) === 'timed-out') {
        throw new Error('no message from main within ' + limit / 1000 + ' s');
      }
      const req = Atomics.load(ctrl, REQ);
      if (req === -1) {
        return;
      }
      if (req !== seen) {
        local.set(shared);
        seen = req;
        Atomics.store(ctrl, LEN, local.length);
        Atomics.store(ctrl, ANS, req);
        Atomics.notify(ctrl, ANS);
      }
    }
  },
};

module.exports = {
  name: 'message_passing',
  models: ['worker-threads', 'workers-shared-memory', 'child-processes'],
  experiment,
  roles,
};
