// Survey script (Node, not a test suite): runs the workflows of Medusa projects nobody here wrote
// through our CLI (`dist/cli.js run --auto-mock`), each with the input template the debugger
// would offer (built from the workflow input's TypeScript type), and sorts how each run ended
// (verdicts.ts). Usage: node out/test/survey/examples/index.js DIR... [--cli FILE] [--json FILE]
// [--only id,id] [--timeout SECONDS, default 120]; --classify FILE sorts a saved --json run
// again. Each DIR is a project folder with src/workflows (for medusajs/examples: every folder of
// its checkout that has one).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { inputTemplate } from '../../../server/src/features/inputTemplate';
import { verdictOf, type Kind, type Outcome } from './verdicts';

const OPTIONS = ['--cli', '--json', '--only', '--classify', '--timeout'];

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
}

function projectDirs(): string[] {
  const args = process.argv.slice(2);
  return args.filter((a, i) => !a.startsWith('--') && !OPTIONS.includes(args[i - 1] ?? ''));
}

function files(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.ts$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** `createWorkflow("id", ...)` or `createWorkflow(someId, ...)` with `const someId = "id"`. */
function workflowsOf(file: string): { id: string; line: number }[] {
  const text = readFileSync(file, 'utf8');
  const out: { id: string; line: number }[] = [];
  for (const m of text.matchAll(/createWorkflow\(\s*(?:(["'`])([^"'`]+)\1|([A-Za-z_$][\w$]*))/g)) {
    let id = m[2];
    if (!id && m[3]) id = new RegExp(`${m[3]}\\s*=\\s*["'\`]([^"'\`]+)`).exec(text)?.[1];
    if (!id) continue;
    out.push({ id, line: text.slice(0, m.index).split('\n').length - 1 });
  }
  return out;
}

function run(cli: string, project: string, file: string, id: string, scratch: string): Outcome {
  let input: unknown = {};
  const line = workflowsOf(file).find((w) => w.id === id)?.line ?? 0;
  try {
    input = inputTemplate(file, line)?.template ?? {};
  } catch {
    input = {};
  }
  const inputFile = join(scratch, `${id.replace(/[^\w-]/g, '_')}.json`);
  writeFileSync(inputFile, JSON.stringify(input ?? null));
  const r = spawnSync(
    process.execPath,
    [cli, 'run', file, '--workflow', id, '--input', `@${inputFile}`, '--auto-mock'],
    {
      encoding: 'utf8',
      env: { ...process.env, MEDUSA_DISABLE_TELEMETRY: 'true' },
      // A loaded machine runs slower: a run killed here says SIGTERM, not how it would end.
      timeout: Number(option('--timeout') ?? 120) * 1000,
    },
  );
  const last = (r.stderr ?? '').trim().split('\n').pop() ?? '';
  const why = r.status === 0 ? '' : last.replace(/^medusa-workflows: /, '') || `${r.signal}`;
  return { project, workflow: id, code: r.status, why };
}

function main(): void {
  const saved = option('--classify');
  if (saved) {
    const lines = readFileSync(saved, 'utf8').split('\n').filter(Boolean);
    return report(lines.map((l) => JSON.parse(l) as Outcome));
  }
  const cli = resolve(option('--cli') ?? join(__dirname, '../../../../dist/cli.js'));
  const only = option('--only')?.split(',');
  const scratch = mkdtempSync(join(tmpdir(), 'mw-survey-'));
  const outcomes: Outcome[] = [];
  console.log(`cli: ${cli}`);
  for (const dir of projectDirs().map((d) => resolve(d))) {
    for (const file of files(join(dir, 'src', 'workflows'))) {
      for (const { id } of workflowsOf(file)) {
        if (only && !only.includes(id)) continue;
        const o = run(cli, basename(dir), file, id, scratch);
        outcomes.push(o);
        console.log(`${kindOf(o)}  ${o.project}/${o.workflow}  ${o.why.slice(0, 240)}`);
      }
    }
  }
  const json = option('--json');
  if (json) writeFileSync(json, outcomes.map((o) => JSON.stringify(o)).join('\n') + '\n');
  report(outcomes);
}

function kindOf(o: Outcome): Kind {
  return verdictOf(o).kind;
}

function report(outcomes: Outcome[]): void {
  const sorted = outcomes.map((o) => ({ o, v: verdictOf(o) }));
  const of = (kind: Kind) => sorted.filter((s) => s.v.kind === kind);
  for (const kind of ['fake', 'unclassified', 'workflow', 'unrunnable'] as const) {
    console.log(`\n## ${kind} (${of(kind).length})`);
    for (const { o, v } of of(kind)) {
      console.log(`${o.project}/${o.workflow}: ${o.why.slice(0, 200)} [${v.reason ?? '?'}]`);
    }
  }
  const projects = new Set(outcomes.map((o) => o.project)).size;
  console.log(
    `\nprojects: ${projects}, workflows: ${outcomes.length}, done: ${of('done').length}, ` +
      `fails on a fake value: ${of('fake').length}, fails for a reason of the workflow: ` +
      `${of('workflow').length}, cannot load here: ${of('unrunnable').length}, ` +
      `unclassified: ${of('unclassified').length}`,
  );
}

main();
