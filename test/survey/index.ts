// Survey script (Node, not a test suite): runs every workflow @medusajs/core-flows defines on our
// engine with the auto-mocked container, the models of a Medusa app's installed modules and one
// template input, and sorts the failures into the code's own checks of that input and failures
// made by our fake data. Usage: node out/test/survey/index.js [--app DIR] [--only id,id]
// [--json FILE] (saves the outcomes), or --classify FILE (sorts saved outcomes again).
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createEngineLoader, type LoadedWorkflow } from '../../engine/src/host/engineLoader';
import { loadModelCatalog } from '../../engine/src/host/modelCatalog';
import { createAutoMockContainer, type ModelCatalog } from '../../engine/src/mock';
import { workflowInput } from '../conformance/coreFlows/harness/input';
import { classify, type Verdict } from './classify';

process.env.MEDUSA_DISABLE_TELEMETRY = 'true';
// A background (async) step may still settle after its run was counted.
process.on('unhandledRejection', () => undefined);

const RUN_TIMEOUT_MS = 10_000;

interface Outcome {
  workflow: string;
  state: string;
  step?: string;
  message?: string;
  verdict?: Verdict;
}

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
}

async function runOne(wf: LoadedWorkflow, catalog: ModelCatalog): Promise<Outcome> {
  const input = workflowInput();
  const container = createAutoMockContainer({ models: catalog, run: { workflow: wf.id, input } });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`timed out after ${RUN_TIMEOUT_MS} ms`)),
      RUN_TIMEOUT_MS,
    );
  });
  try {
    const { errors, transaction } = await Promise.race([
      wf.run({ input, container, throwOnError: false }),
      timeout,
    ]);
    const state = transaction.getState();
    const first = errors[0] as { action?: string; error?: { message?: string } } | undefined;
    if (state === 'done' || !first) return { workflow: wf.id, state };
    const message = first.error?.message ?? JSON.stringify(first.error);
    return { workflow: wf.id, state, step: first.action, message };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { workflow: wf.id, state: 'crash', message };
  } finally {
    clearTimeout(timer);
  }
}

async function main(): Promise<void> {
  const saved = option('--classify');
  if (saved) return report(reclassified(saved));
  const app = resolve(option('--app') ?? 'examples/medusa-app');
  const only = option('--only')?.split(',');
  const loader = createEngineLoader();
  const coreFlows = require.resolve('@medusajs/core-flows', { paths: [app] });
  const workflows = loader.load(coreFlows).workflows;
  const catalog = loadModelCatalog(join(app, 'package.json'), (f) => loader.loadModule(f));
  const entities = Object.keys(catalog.entities).length;
  console.log(`core-flows: ${coreFlows}\nmodels: ${entities} entities from ${app}`);
  const outcomes: Outcome[] = [];
  for (const id of [...workflows.keys()].sort()) {
    if (only && !only.includes(id)) continue;
    const outcome = await runOne(workflows.get(id)!, catalog);
    if (outcome.state !== 'done')
      outcome.verdict = classify(id, outcome.step ?? '', outcome.message ?? '');
    outcomes.push(outcome);
  }
  report(outcomes);
  const json = option('--json');
  if (json) writeFileSync(json, outcomes.map((o) => JSON.stringify(o)).join('\n') + '\n');
}

/** The outcomes of an earlier `--json` run, sorted again with today's patterns. */
function reclassified(file: string): Outcome[] {
  const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
  return lines.map((line) => {
    const o = JSON.parse(line) as Outcome;
    if (o.state !== 'done') o.verdict = classify(o.workflow, o.step ?? '', o.message ?? '');
    return o;
  });
}

function report(outcomes: Outcome[]): void {
  const failed = outcomes.filter((o) => o.state !== 'done');
  const by = (kind: Verdict['kind']) => failed.filter((o) => o.verdict?.kind === kind);
  for (const kind of ['fake', 'unclassified', 'input', 'waiting'] as const) {
    const list = by(kind);
    console.log(`\n## ${kind} (${list.length})`);
    for (const o of list) {
      const why = o.verdict?.reason ? ` [${o.verdict.reason}]` : '';
      console.log(`${o.workflow} ${o.state} ${o.step ?? ''}: ${o.message}${why}`);
    }
  }
  console.log(
    `\nworkflows: ${outcomes.length}, done: ${outcomes.length - failed.length}, unsuccessful: ` +
      `${failed.length} (input checks: ${by('input').length}, fake data: ${by('fake').length}, ` +
      `background steps still running: ${by('waiting').length}, ` +
      `unclassified: ${by('unclassified').length})`,
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
