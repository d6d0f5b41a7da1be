// CLI subcommands backed by the static analyzer (`graph` and `check`); the analyzer is used only
// through server/src/analysis/index.ts. Misuse throws UsageError (exit 2).
import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import {
  analyze,
  toMedusaFlow,
  toMermaid,
  type Diagnostic,
  type WorkflowModel,
} from '../server/src/analysis/index';
import { UsageError } from './args';

const SOURCE = /\.(?:[cm]?[jt]sx?)$/;
const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'out', '.medusa', 'build', 'coverage']);

interface Parsed {
  paths: string[];
  options: Map<string, string>;
}

function parse(argv: string[], command: string, allowed: string[]): Parsed {
  const paths: string[] = [];
  const options = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      paths.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (name === '--verbose') continue;
    if (!allowed.includes(name))
      throw new UsageError(
        `unknown option ${name} for ${command} (expected ${allowed.join(', ')})`,
      );
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '' || (eq < 0 && value.startsWith('--')))
      throw new UsageError(`${name} needs a value`);
    if (options.has(name)) throw new UsageError(`${name} given twice`);
    options.set(name, value);
  }
  if (paths.length === 0) throw new UsageError(`${command} needs at least one file or directory`);
  return { paths, options };
}

function format(options: Map<string, string>, allowed: string[], fallback: string): string {
  const f = options.get('--format') ?? fallback;
  if (!allowed.includes(f))
    throw new UsageError(`unsupported --format '${f}' (expected ${allowed.join(', ')})`);
  return f;
}

/** Every script file under the given paths (directories walked, node_modules skipped). */
export function collectFiles(paths: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      if (SKIP_DIRS.has(name) || name.startsWith('.')) continue;
      const p = join(dir, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (SOURCE.test(name) && !name.endsWith('.d.ts')) out.push(p);
    }
  };
  for (const raw of paths) {
    const p = resolve(raw);
    const st = statSync(p, { throwIfNoEntry: false });
    if (!st) throw new UsageError(`no such file or directory: ${raw}`);
    if (st.isDirectory()) walk(p);
    else out.push(p);
  }
  return out;
}

export function graphCommand(argv: string[]): Promise<number> {
  const { paths, options } = parse(argv, 'graph', ['--workflow', '--format']);
  const fmt = format(options, ['json', 'medusa-flow', 'mermaid'], 'json');
  const result = analyze(collectFiles(paths));
  const id = options.get('--workflow');
  let workflows: WorkflowModel[] = result.workflows;
  if (id !== undefined) {
    workflows = workflows.filter((w) => w.id === id);
    if (workflows.length === 0) {
      const known = result.workflows.map((w) => w.id).join(', ') || 'none';
      process.stderr.write(
        `medusa-workflows: no workflow '${id}' in the given files (found: ${known})\n`,
      );
      return Promise.resolve(1);
    }
  }
  let text: string;
  if (fmt === 'medusa-flow') text = JSON.stringify(toMedusaFlow(workflows), null, 2) + '\n';
  else if (fmt === 'mermaid')
    text = workflows.map((w) => `%% workflow ${w.id}\n${toMermaid(w)}`).join('\n');
  else text = JSON.stringify(id !== undefined ? workflows[0] : workflows, null, 2) + '\n';
  process.stdout.write(text);
  return Promise.resolve(0);
}

export function checkCommand(argv: string[]): Promise<number> {
  const { paths, options } = parse(argv, 'check', ['--format']);
  const fmt = format(options, ['text', 'json'], 'text');
  const result = analyze(collectFiles(paths));
  const diagnostics = [...result.diagnostics].sort(byPlace);
  if (fmt === 'json') process.stdout.write(JSON.stringify(diagnostics, null, 2) + '\n');
  else process.stdout.write(asText(diagnostics));
  return Promise.resolve(diagnostics.some((d) => d.severity === 'error') ? 1 : 0);
}

function byPlace(a: Diagnostic, b: Diagnostic): number {
  const f = a.location.file.localeCompare(b.location.file);
  if (f !== 0) return f;
  const l = a.location.span.start.line - b.location.span.start.line;
  return l !== 0 ? l : a.location.span.start.character - b.location.span.start.character;
}

function asText(diagnostics: Diagnostic[]): string {
  const lines: string[] = [];
  let file = '';
  for (const d of diagnostics) {
    if (d.location.file !== file) {
      file = d.location.file;
      lines.push(`${lines.length > 0 ? '\n' : ''}${relative(process.cwd(), file) || file}`);
    }
    const { line, character } = d.location.span.start;
    lines.push(`  ${line + 1}:${character + 1}  ${d.severity.padEnd(7)}  ${d.code}  ${d.message}`);
  }
  const count = (s: string): number => diagnostics.filter((d) => d.severity === s).length;
  const errors = count('error');
  const warnings = count('warning');
  const others = diagnostics.length - errors - warnings;
  lines.push(
    `${lines.length > 0 ? '\n' : ''}${diagnostics.length} problem${diagnostics.length === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}, ${others} info/hint)`,
  );
  return lines.join('\n') + '\n';
}
