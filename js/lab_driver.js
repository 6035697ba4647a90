'use strict';
// Runs a student's JavaScript file for a lab check: loads it, then calls the functions the harness asks for, in the
// JSON-line protocol of python/lab_driver.py ({"ready": true}; {"call", "args"} → {"result"} or {"error", "where"}).
// The harness times each call itself and measures the event loop from the kernel: nothing this process says about
// time is believed, so it reports none. The student's console output goes to stderr; stdout is the protocol's, its
// writer taken before the file loads.

const path = require('node:path');
const readline = require('node:readline');

const writeProtocol = process.stdout.write.bind(process.stdout);

function answer(message) {
  writeProtocol(JSON.stringify(message) + '\n');
}

/** "file.js:line" of the deepest frame of the student's file in the error's stack, else the file's name. */
function where(error, studentFile) {
  const name = path.basename(studentFile);
  const stack = String((error && error.stack) || '');
  const lines = [...stack.matchAll(/([^\s()]+):(\d+):\d+/g)].filter((m) => path.resolve(m[1]) === studentFile);
  if (lines.length > 0) {
    return name + ':' + lines[0][2];
  }
  // A syntax error names the file and line on its first stack line: "/abs/file.js:12".
  const syntax = stack.split('\n')[0].match(/^(.*):(\d+)$/);
  return syntax && path.resolve(syntax[1]) === studentFile ? name + ':' + syntax[2] : name;
}

function describe(error) {
  if (error instanceof Error) {
    return error.name + ': ' + String(error.message).split('\n')[0];
  }
  return 'threw ' + String(error).slice(0, 200);
}

async function call(module, request, studentFile) {
  const fn = module[request.call];
  if (typeof fn !== 'function') {
    return { error: 'there is no exported function ' + request.call + '() in it', where: path.basename(studentFile) };
  }
  try {
    const result = await fn(request.args);
    if (!Number.isSafeInteger(result)) {
      return { error: request.call + '() returned ' + String(result).slice(0, 100) + ', not a whole number',
        where: path.basename(studentFile) };
    }
    return { result };
  } catch (error) {
    return { error: describe(error), where: where(error, studentFile) };
  }
}

function main() {
  if (process.argv.length !== 3 || !process.argv[2].endsWith('.js')) {
    process.stderr.write('usage: node lab_driver.js STUDENT_FILE.js\n');
    process.exit(2);
  }
  const studentFile = path.resolve(process.argv[2]);
  process.stdout.write = process.stderr.write.bind(process.stderr);
  let module;
  try {
    module = require(studentFile);
  } catch (error) {
    answer({ error: describe(error), where: where(error, studentFile) });
    process.exitCode = 1;
    return;
  }
  answer({ ready: true });
  const input = readline.createInterface({ input: process.stdin });
  let queue = Promise.resolve();
  input.on('line', (line) => {
    queue = queue.then(() => call(module, JSON.parse(line), studentFile)).then(answer);
  });
  input.on('close', () => queue.then(() => process.exit(0)));
}

main();
