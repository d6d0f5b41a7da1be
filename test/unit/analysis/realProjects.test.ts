// What real Medusa projects (medusajs/examples) showed the analyzer getting wrong (issue 9): where
// diagnostics land, the misses of MW013/MW014, `.config()` on a step function, v1 files, values
// frozen at definition, and the quick fixes for `async` and for an `if` on a step output.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  createAnalyzer,
  type AnalysisResult,
  type Diagnostic,
  type TextEdit,
} from '../../../server/src/analysis/index';

const repo = resolve(__dirname, '../../../..');
const golden = join(repo, 'test/fixtures/analysis/golden');
const cases = join(repo, 'test/fixtures/analysis/cases');

function run(file: string): AnalysisResult {
  return createAnalyzer().analyze([file]);
}

function at(d: Diagnostic): string {
  return `${d.code}@${d.location.span.start.line + 1}:${d.location.span.start.character + 1}`;
}

/** Applies edits given in one file (0-based line/character), last first. */
function apply(text: string, edits: TextEdit[]): string {
  const lines = text.split('\n');
  const off = (l: number, c: number): number =>
    lines.slice(0, l).reduce((n, s) => n + s.length + 1, 0) + c;
  const sorted = [...edits].sort(
    (a, b) =>
      off(b.span.start.line, b.span.start.character) -
      off(a.span.start.line, a.span.start.character),
  );
  let out = text;
  for (const e of sorted)
    out =
      out.slice(0, off(e.span.start.line, e.span.start.character)) +
      e.newText +
      out.slice(off(e.span.end.line, e.span.end.character));
  return out;
}

function fixed(file: string, d: Diagnostic, title: RegExp): { text: string; after: Diagnostic[] } {
  const fix = d.fixes?.find((f) => title.test(f.title));
  assert.ok(fix, `${at(d)} offers no fix matching ${title}`);
  const text = apply(readFileSync(file, 'utf8'), fix.edits);
  const analyzer = createAnalyzer();
  analyzer.setFile(file, text);
  return { text, after: analyzer.analyze([file]).diagnostics };
}

describe('analyzer on real-project shapes (issue 9)', () => {
  it('places a diagnostic about a step defined in node_modules at the user call, never in node_modules', () => {
    const file = join(cases, 'package-step-date.ts');
    const result = run(file);
    assert.deepEqual(
      result.diagnostics.filter((d) => d.location.file.includes('node_modules')).map(at),
      [],
    );
    const mw014 = result.diagnostics.filter((d) => d.code === 'MW014');
    assert.ok(
      mw014.some((d) => d.location.file === file && d.location.span.start.line === 7),
      `no MW014 at the useQueryGraphStep call: ${mw014.map(at).join(', ')}`,
    );
  });

  it("puts a package wrapper's step (core-flows' useQueryGraphStep) at the user's call, its definition in node_modules", () => {
    const file = join(cases, 'package-step-date.ts');
    const node = run(file).workflows[0]?.nodes.find((n) => n.id === 'use-query-graph-step');
    assert.ok(node, 'no use-query-graph-step node');
    // The call on line 8 (the wrapper calls its step inside a function in core-flows' dist).
    assert.equal(node.callSite.file, file);
    assert.equal(node.callSite.span.start.line, 7);
    assert.match(node.definition?.file ?? '', /node_modules[\\/]@medusajs[\\/]core-flows[\\/]/);
  });

  it('flags a Date returned by a transform and passed to a step (MW014), not plain data', () => {
    const result = run(join(cases, 'package-step-date.ts'));
    const lines = result.diagnostics
      .filter((d) => d.code === 'MW014')
      .map((d) => d.location.span.start.line + 1);
    assert.ok(lines.includes(11), `no MW014 for schedule({ at: times.at }): ${lines.join(',')}`);
    assert.ok(!lines.includes(13), 'the transform returning plain data is flagged');
  });

  it('does not take `if (!input.customer_id)` as a guard of the compensation input (MW013)', () => {
    const result = run(join(golden, 'mw013-unguarded-compensation.ts'));
    const messages = result.diagnostics.filter((d) => d.code === 'MW013').map((d) => d.message);
    assert.ok(messages.some((m) => m.includes('"not-a-guard"')));
    assert.ok(!messages.some((m) => m.includes('"early-return"')));
    assert.ok(!messages.some((m) => m.includes('"optional-chain"')));
    assert.ok(!messages.some((m) => m.includes('"guarded"')));
  });

  it('keeps a step called as myStep.config({...})(...) in the graph and flags the misuse', () => {
    const file = join(golden, 'step-config-misuse.ts');
    const result = run(file);
    assert.deepEqual(
      result.workflows[0]?.nodes.map((n) => n.id),
      ['charge-card', 'send-receipt'],
    );
    const misuse = result.diagnostics.find(
      (d) => d.code === 'MW017' && d.message.includes('charge.config'),
    );
    assert.ok(misuse);
    const { text, after } = fixed(file, misuse, /Move \.config/);
    assert.match(text, /charge\(input\)\.config\(\{ name: 'charge-card' \}\)/);
    assert.equal(after.filter((d) => d.code === 'MW017').length, 0);
  });

  it('says why a file importing the pre-v2 @medusajs/workflows package is skipped', () => {
    const result = run(join(cases, 'legacy-v1.ts'));
    assert.equal(result.workflows.length, 0);
    const info = result.diagnostics.filter((d) => d.code === 'MW016');
    assert.equal(info.length, 1);
    assert.equal(info[0]!.severity, 'info');
    assert.match(info[0]!.message, /@medusajs\/workflows.*v1.*not analyzed/);
  });

  it('flags values frozen at definition (MW018) in the composer only, and moves them into a transform', () => {
    const file = join(golden, 'mw018-frozen-at-definition.ts');
    const result = run(file);
    const frozen = result.diagnostics.filter((d) => d.code === 'MW018');
    assert.deepEqual(
      frozen.map((d) => /^`([^`]+)`/.exec(d.message)?.[1]),
      [
        'Date.now()',
        'Math.random()',
        'randomUUID()',
        'ulid()',
        'new Date()',
        'crypto.randomUUID()',
      ],
    );
    const { text, after } = fixed(file, frozen[0]!, /transform/);
    assert.match(
      text,
      /\$gte: transform\(\{\}, \(\) => new Date\(Date\.now\(\) - 7 \* 24 \* 60 \* 60 \* 1000\)\)/,
    );
    assert.equal(after.filter((d) => d.code === 'MW018').length, frozen.length - 1);
  });

  it('"Remove async" also removes the awaits of the composer', () => {
    const file = join(cases, 'quick-fixes.ts');
    const asyncDiag = run(file).diagnostics.find(
      (d) => d.code === 'MW001' && d.message.includes('is async'),
    );
    assert.ok(asyncDiag);
    const { text, after } = fixed(file, asyncDiag, /Remove `async`/);
    assert.deepEqual(after.filter((d) => d.code === 'MW001').map(at), []);
    assert.match(text, /const sent = notify\(cart\);/);
  });

  it('turns an if on a step output into when(...).then(...), only where that is safe', () => {
    const file = join(cases, 'quick-fixes.ts');
    const mw002 = run(file).diagnostics.filter((d) => d.code === 'MW002');
    const onIf = mw002.find((d) => d.location.span.start.line === 13);
    assert.ok(onIf, mw002.map(at).join(', '));
    const { text, after } = fixed(file, onIf, /when\(\.\.\.\)\.then/);
    assert.match(
      text,
      /when\(\{ cart, input \}, \(\{ cart, input \}\) => cart\.total && input\.id\)\.then\(\(\) => \{\n {4}notify\(\{ cart \}\);\n {2}\}\);/,
    );
    assert.match(text, /import \{ createStep, createWorkflow, WorkflowResponse, when \}/);
    assert.ok(!after.some((d) => d.code === 'MW002' && d.location.span.start.line === 13));
    const withElse = mw002.find((d) => d.location.span.start.line === 21);
    assert.ok(withElse);
    assert.equal(withElse.fixes, undefined, 'an if with an else has no when() fix');
  });
});
