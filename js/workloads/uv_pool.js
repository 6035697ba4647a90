'use strict';
// `units` crypto.pbkdf2 calls (sha512, `iterations` rounds each) started at once from the event loop, no Worker in
// sight: Node runs them on libuv's thread pool, `workers` threads big. The pool's size is UV_THREADPOOL_SIZE, read
// when the pool first starts, which nothing before this workload does in a fresh node; so it is set here. Claim
// under test: the pool runs CPU work in parallel without a Worker (1 thread: one hash after another; 4: as many at
// once as there are cores). checksum = the sum of each key's first 4 bytes; details: pool_size, the pool threads
// the process has once the hashes are done (Linux names them libuv-worker), so a size the pool ignored shows.

async function experiment(ctx) {
  process.env.UV_THREADPOOL_SIZE = String(ctx.workers);
  const crypto = require('node:crypto');
  const keys = await Promise.all(Array.from({ length: ctx.units }, (_, i) => new Promise((resolve, reject) => {
    crypto.pbkdf2('unit ' + i, 'concurrency-claims', ctx.iterations, 64, 'sha512',
      (error, key) => (error ? reject(error) : resolve(key)));
  })));
  return {
    checksum: keys.reduce((sum, key) => sum + key.readUInt32BE(0), 0),
    details: { pool_size: poolThreads() },
  };
}

function poolThreads() {
  const fs = require('node:fs');
  return fs.readdirSync('/proc/self/task')
    .filter((task) => {
      try {
        return fs.readFileSync(`/proc/self/task/${task}/comm`, 'utf8').trim() === 'libuv-worker';
      } catch {
        return false; // the thread ended meanwhile
      }
    }).length;
}

module.exports = { name: 'uv_pool', models: ['event-loop'], experiment };
