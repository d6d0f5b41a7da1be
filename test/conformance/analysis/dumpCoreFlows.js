// Child process (plain Node, spawned by the accuracy test): loads the real @medusajs/core-flows
// with the real workflows SDK and prints every registered workflow's runtime tree as JSON.
'use strict';
process.env.MEDUSA_DISABLE_TELEMETRY = 'true';
const origWarn = console.warn;
console.warn = () => undefined;
console.log = () => undefined;
require('@medusajs/core-flows');
console.warn = origWarn;
const { WorkflowManager } = require('@medusajs/orchestration');
const out = {};
for (const [id, wf] of WorkflowManager.getWorkflows()) out[id] = wf.flow_;
process.stdout.write(JSON.stringify(out));
