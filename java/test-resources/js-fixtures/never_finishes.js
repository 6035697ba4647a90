'use strict';
// Hazard fixture: a timer callback that spins forever, so the loop never gets back control; the promise never resolves.
module.exports = {
  name: 'never_finishes',
  models: ['event-loop'],
  experiment() {
    setTimeout(() => { for (;;) { /* spin */ } }, 0);
    return new Promise(() => {});
  },
};
