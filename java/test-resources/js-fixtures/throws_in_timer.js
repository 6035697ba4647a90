'use strict';
// Hazard fixture: an exception thrown in a timer callback is uncaught (in embedded Node it would end the JVM).
module.exports = {
  name: 'throws_in_timer',
  models: ['event-loop'],
  async experiment() {
    setTimeout(() => { throw new Error('boom from a timer'); }, 5);
    await new Promise((resolve) => setTimeout(resolve, 200));
    return { checksum: 0, details: {} };
  },
};
