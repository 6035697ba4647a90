'use strict';
// A GraalJS Context is single-threaded: while one Java thread runs spin() in a Context, a second thread that enters
// the same Context is refused. GraalJS's adapter runs the experiment with two Java threads (details
// exception_type, exception_message; checksum 0); node and Javet have no such model. Plain CommonJS without require().

/** Spins until stop() says so, after telling started(): the first thread's long-running eval. */
function spin(started, stop) {
  started();
  let n = 0;
  while (!stop()) {
    n++;
  }
  return n;
}

module.exports = { name: 'context_single_thread', models: ['single-context'], spin };
