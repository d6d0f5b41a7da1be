// Child process (plain Node, spawned by fixturesVsEngine.test): loads each bundled fixture with the
// real workflows SDK and prints, per fixture, the registered workflows' flow_ or the error thrown.
'use strict';
process.env.MEDUSA_DISABLE_TELEMETRY = 'true';
console.warn = () => undefined;
console.log = () => undefined;
const { WorkflowManager } = require('@medusajs/orchestration');
// Loaded up front so that a fixture using core-flows registers only its own workflows.
require('@medusajs/core-flows');

let current;
process.on('uncaughtException', (e) => {
  if (current && !current.error) current.error = String(e && e.message ? e.message : e);
});

async function main() {
  const fixtures = JSON.parse(process.argv[2]);
  const out = {};
  for (const { name, file } of fixtures) {
    for (const id of [...WorkflowManager.getWorkflows().keys()]) WorkflowManager.unregister(id);
    current = { flows: {} };
    out[name] = current;
    try {
      require(file);
    } catch (e) {
      current.error = String(e && e.message ? e.message : e);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
    for (const [id, wf] of WorkflowManager.getWorkflows()) current.flows[id] = wf.flow_;
  }
  process.stdout.write(JSON.stringify(out));
}

main().catch((e) => {
  process.stderr.write(String(e && e.stack));
  process.exit(1);
});
