// The analyzer's CLI commands, run through the shipped bundle: `medusa-workflows graph` and `check`.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const repo = resolve(__dirname, '../../../..');
const cli = join(repo, 'dist/cli.js');
const fixture = (name: string): string => join(repo, 'test/fixtures/analysis/golden', name);

function run(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: repo, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('medusa-workflows graph / check', function () {
  this.timeout(60_000);

  it('check prints diagnostics like a linter and exits 1 on an error', () => {
    const r = run('check', fixture('mw005-duplicate-step.ts'));
    assert.equal(r.code, 1, r.stderr);
    assert.match(
      r.stdout,
      /mw005-duplicate-step\.ts\n {2}7:3 {2}error {4}MW005 {2}Step "notify" is already defined/,
    );
    assert.match(r.stdout, /1 problem \(1 error, 0 warnings, 0 info\/hint\)/);
  });

  it('check --format json prints the diagnostics and exits 0 without errors', () => {
    const r = run('check', fixture('mw015-console.ts'), '--format', 'json');
    assert.equal(r.code, 0, r.stderr);
    const diags = JSON.parse(r.stdout) as { code: string; severity: string }[];
    assert.deepEqual(
      diags.map((d) => [d.code, d.severity]),
      [['MW015', 'warning']],
    );
  });

  it('check walks directories', () => {
    const r = run('check', fixture('cross-file'), '--format=json');
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), []);
  });

  it('graph --format medusa-flow prints the engine-shaped tree', () => {
    const r = run('graph', fixture('parallelize.ts'), '--format', 'medusa-flow');
    assert.equal(r.code, 0, r.stderr);
    const leaf = (action: string, noCompensation = true): object => ({ action, noCompensation });
    assert.deepEqual(JSON.parse(r.stdout), {
      parallel: {
        action: 'a',
        noCompensation: true,
        next: [leaf('b', false), leaf('c'), { ...leaf('d'), next: leaf('e') }],
      },
    });
  });

  it('graph --workflow selects one workflow; json and mermaid formats', () => {
    const json = run(
      'graph',
      fixture('nested-workflow.ts'),
      '--workflow',
      'checkout',
      '--format',
      'json',
    );
    assert.equal(json.code, 0, json.stderr);
    const wf = JSON.parse(json.stdout) as { id: string; nodes: { id: string; kind: string }[] };
    assert.equal(wf.id, 'checkout');
    assert.deepEqual(
      wf.nodes.map((n) => [n.id, n.kind]),
      [
        ['reserve-inventory-as-step', 'nested-workflow'],
        ['charge', 'step'],
        ['reserve-again', 'nested-workflow'],
      ],
    );
    const mermaid = run(
      'graph',
      fixture('nested-workflow.ts'),
      '--workflow',
      'checkout',
      '--format',
      'mermaid',
    );
    assert.equal(mermaid.code, 0, mermaid.stderr);
    assert.match(mermaid.stdout, /^%% workflow checkout\nflowchart TD\n/);
    assert.match(mermaid.stdout, /n1\["reserve-inventory-as-step ↺"\]/);
  });

  it('an unknown workflow id exits 1 and names the ones found', () => {
    const r = run('graph', fixture('parallelize.ts'), '--workflow', 'nope', '--format', 'json');
    assert.equal(r.code, 1);
    assert.match(r.stderr, /no workflow 'nope'.*found: parallel/);
  });

  it('bad usage exits 2 with a clear message', () => {
    const cases: [string[], RegExp][] = [
      [['graph', fixture('parallelize.ts'), '--format', 'xml'], /unsupported --format 'xml'/],
      [['check', fixture('parallelize.ts'), '--strict'], /unknown option --strict/],
      [['check'], /needs at least one file or directory/],
      [['graph', join(repo, 'no/such/dir')], /no such file or directory/],
      [['graph', fixture('parallelize.ts'), '--workflow'], /--workflow needs a value/],
    ];
    for (const [args, message] of cases) {
      const r = run(...args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, message);
    }
  });
});
