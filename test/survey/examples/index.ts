// Survey script (Node, not a test suite): runs the workflows of Medusa projects nobody here wrote
// through our CLI (`dist/cli.js run --auto-mock`), each with the input template the debugger
// would offer (built from the workflow input's TypeScript type), and lists how each run ended.
// Usage: node out/test/survey/examples/index.js DIR... (each a project folder with src/workflows)
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { inputTemplate } from '../../../server/src/features/inputTemplate';

const CLI = resolve(__dirname, '../../../../dist/cli.js');
/** Another build of the CLI to run each workflow with too (to compare before and after). */
const BEFORE = process.env.MW_CLI_BEFORE;

interface Outcome {
  file: string;
  workflow: string;
  code: number | null;
  why: string;
}

function files(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
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

function run(cli: string, file: string, id: string, input: unknown, dir: string): Outcome {
  const inputFile = join(dir, `${id.replace(/[^\w-]/g, '_')}.json`);
  writeFileSync(inputFile, JSON.stringify(input ?? null));
  const r = spawnSync(
    process.execPath,
    [cli, 'run', file, '--workflow', id, '--input', `@${inputFile}`, '--auto-mock'],
    {
      encoding: 'utf8',
      env: { ...process.env, MEDUSA_DISABLE_TELEMETRY: 'true' },
      timeout: 60_000,
    },
  );
  const last = r.stderr.trim().split('\n').pop() ?? '';
  return { file, workflow: id, code: r.status, why: last.replace(/^medusa-workflows: /, '') };
}

function main(): void {
  const dirs = process.argv.slice(2).map((d) => resolve(d));
  const scratch = mkdtempSync(join(tmpdir(), 'mw-survey-'));
  const outcomes: Outcome[] = [];
  const before: Outcome[] = [];
  for (const dir of dirs) {
    for (const file of files(join(dir, 'src', 'workflows'))) {
      for (const { id, line } of workflowsOf(file)) {
        let input: unknown = {};
        try {
          input = inputTemplate(file, line)?.template ?? {};
        } catch {
          input = {};
        }
        const where = relative(process.cwd(), file);
        if (BEFORE) {
          const b = run(BEFORE, file, id, input, scratch);
          before.push(b);
          console.log(`before: ${b.code === 0 ? 'done' : `exit ${b.code}`}  ${id}  ${b.why}`);
        }
        const o = run(CLI, file, id, input, scratch);
        outcomes.push(o);
        console.log(`${o.code === 0 ? 'done' : `exit ${o.code}`}  ${id}  (${where})  ${o.why}`);
      }
    }
  }
  const summary = (list: Outcome[]) => {
    const done = list.filter((o) => o.code === 0).length;
    return `workflows: ${list.length}, done: ${done}, unsuccessful: ${list.length - done}`;
  };
  if (BEFORE) console.log(`\nbefore: ${summary(before)}`);
  console.log(`${BEFORE ? 'after: ' : '\n'}${summary(outcomes)}`);
}

main();
