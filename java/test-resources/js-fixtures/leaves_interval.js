'use strict';
// Hazard fixture: finishes but leaves a setInterval running (embedded Node's await()/close() would never return).
module.exports = {
  name: 'leaves_interval',
  models: ['event-loop'],
  async experiment() {
    setInterval(() => {}, 10);
    return { checksum: 0, details: {} };
  },
};
