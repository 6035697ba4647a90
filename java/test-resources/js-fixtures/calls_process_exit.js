'use strict';
// Hazard fixture: process.exit in embedded Node would end the whole JVM.
module.exports = { name: 'calls_process_exit', models: ['event-loop'], async experiment() { process.exit(3); } };
