'use strict';
// Each unit writes `iterations` KiB of deterministic bytes to its own file in a fresh folder under os.tmpdir(),
// 4 KiB at a time with each block forced to the device (fdatasync, as a log that syncs every record does), reads it
// back and compares. The folder is removed at the end, also on failure.
// checksum = units whose bytes came back equal (= units).
//   worker-threads: units in equal chunks over the workers; each worker does its chunk with fs.*Sync (writeSync,
//                   fsyncSync, readFileSync) one unit after another. Workers start together once all are up;
//                   work_span_s is from that release to the last answer.
//   event-loop:     all units concurrently with fs.promises on one loop (workers must be 1). The loop thread only
//                   dispatches: fs.promises runs each call on libuv's thread pool (UV_THREADPOOL_SIZE, default 4).

const spawn = require('../spawn.js');

const KIB = 1024;
/** Bytes written between two syncs: one page, the smallest write a device is asked to make durable. */
const SYNC_BLOCK = 4096;

/** The bytes of unit u: a pattern that differs per unit and per position. */
function content(u, kib) {
  const buf = Buffer.allocUnsafe(kib * KIB);
  for (let i = 0; i < buf.length; i++) {
    buf[i] = (i * 31 + u * 17 + (i >>> 10)) & 0xFF;
  }
  return buf;
}

function fileOf(dir, u) {
  return require('path').join(dir, 'unit-' + u + '.bin');
}

/** Units [from, to) one after another with synchronous fs calls; returns how many read back equal. */
function syncUnits(dir, from, to, kib) {
  const fs = require('fs');
  let equal = 0;
  for (let u = from; u < to; u++) {
    const data = content(u, kib);
    const file = fileOf(dir, u);
    const fd = fs.openSync(file, 'w');
    try {
      for (let block = 0; block < data.length; block += SYNC_BLOCK) {
        const end = Math.min(data.length, block + SYNC_BLOCK);
        for (let off = block; off < end;) {
          off += fs.writeSync(fd, data, off, end - off);
        }
        fs.fdatasyncSync(fd);
      }
    } finally {
      fs.closeSync(fd);
    }
    if (fs.readFileSync(file).equals(data)) {
      equal++;
    }
  }
  return equal;
}

/** One unit with fs.promises; resolves to 1 when it read back equal. */
async function asyncUnit(dir, u, kib) {
  const fsp = require('fs').promises;
  const data = content(u, kib);
  const file = fileOf(dir, u);
  const handle = await fsp.open(file, 'w');
  try {
    for (let block = 0; block < data.length; block += SYNC_BLOCK) {
      const end = Math.min(data.length, block + SYNC_BLOCK);
      for (let off = block; off < end;) {
        off += (await handle.write(data, off, end - off, off)).bytesWritten;
      }
      await handle.datasync();
    }
  } finally {
    await handle.close();
  }
  return (await fsp.readFile(file)).equals(data) ? 1 : 0;
}

async function experiment(ctx) {
  const fs = require('fs');
  const os = require('os');
  const path = require('path');
  const kib = ctx.iterations;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-file-io-'));
  const details = { files: ctx.units, kib_per_file: kib };
  try {
    if (ctx.model === 'event-loop') {
      if (ctx.workers !== 1) {
        throw new Error('file_io under event-loop runs all units on one loop: workers must be 1, got ' + ctx.workers);
      }
      const all = [];
      for (let u = 0; u < ctx.units; u++) {
        all.push(asyncUnit(dir, u, kib));
      }
      const ok = (await spawn.withTimeout(Promise.all(all), spawn.waitLimitMs(ctx),
        'file_io: the fs.promises calls did not finish within ' + spawn.waitLimitMs(ctx) / 1000 + ' s'))
        .reduce((a, b) => a + b, 0);
      details.io_threads = 'libuv thread pool of ' + (process.env.UV_THREADPOOL_SIZE || '4 (default)');
      return { checksum: ok, details };
    }
    const { chunk } = require('../driver.js');
    const peers = [];
    for (let w = 0; w < ctx.workers; w++) {
      const [from, to] = chunk(ctx.units, w, ctx.workers);
      peers.push(spawn.thread(__filename, 'files', { dir, from, to, kib },
        { timeoutMs: spawn.waitLimitMs(ctx), label: 'worker ' + w }));
    }
    return await spawn.using(peers, async () => {
      const t0 = await spawn.releaseTogether(peers);
      const counts = await Promise.all(peers.map((p) => p.next('count of files read back')));
      details.work_span_s = (performance.now() - t0) / 1000;
      await Promise.all(peers.map((p) => p.join()));
      return { checksum: counts.reduce((a, m) => a + m.equal, 0), details };
    });
  } finally {
    // Workers are stopped by now (spawn.using), so nothing writes into the folder any more.
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const roles = {
  async files(port, { dir, from, to, kib }) {
    await port.ready();
    port.post({ equal: syncUnits(dir, from, to, kib) });
  },
};

module.exports = { name: 'file_io', models: ['event-loop', 'worker-threads'], experiment, roles };
