'use strict';
// CPU-bound integer workload: the same algorithm as java/.../workloads/IntegerHash.java and
// python/workloads/integer_hash.py. A 31-bit linear congruential chain seeded by the unit index, folded into an
// accumulator; Math.imul keeps the multiply in 32 bits so every runtime gets the same bits. A unit's result is
// below 2^31; the checksum (sum over units) stays exact in a JS number.
// Plain CommonJS without require(): node, embedded Node (Javet) and GraalJS (through a module shim) load this file.

function unit(index, iterations) {
  let s = index + 1;
  let acc = 0;
  for (let i = 0; i < iterations; i++) {
    s = (Math.imul(s, 1103515245) + 12345) & 0x7FFFFFFF;
    acc = (acc + (s >>> 16)) & 0x7FFFFFFF;
  }
  return acc ^ s;
}

/** Sum of the results of units [from, to). */
function units(from, to, iterations) {
  let sum = 0;
  for (let u = from; u < to; u++) {
    sum += unit(u, iterations);
  }
  return sum;
}

module.exports = { name: 'integer_hash', models: 'all', sizedByTime: true, unit, units };
