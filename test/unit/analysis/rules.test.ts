// Rule catalogue and quick fixes: stable codes, documented in RULES.md, a fixture per code, and
// every quick fix actually removes the diagnostic it is offered for.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  createAnalyzer,
  ruleDocs,
  type Diagnostic,
  type Position,
  type TextEdit,
} from '../../../server/src/analysis/index';

const repo = resolve(__dirname, '../../../..');
const golden = join(repo, 'test/fixtures/analysis/golden');
const fixtures = readdirSync(golden).filter((n) => /^mw\d{3}-.*\.ts$/.test(n));

function offset(text: string, p: Position): number {
  let line = 0;
  let i = 0;
  while (line < p.line) {
    const nl = text.indexOf('\n', i);
    if (nl < 0) return text.length;
    i = nl + 1;
    line++;
  }
  return i + p.character;
}

function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => offset(text, b.span.start) - offset(text, a.span.start));
  let out = text;
  for (const e of sorted)
    out = out.slice(0, offset(out, e.span.start)) + e.newText + out.slice(offset(out, e.span.end));
  return out;
}

describe('analyzer rules', () => {
  it('have unique, ordered, stable codes with a severity and a doc line', () => {
    const codes = ruleDocs.map((r) => r.code);
    assert.deepEqual(codes, [...codes].sort());
    assert.equal(new Set(codes).size, codes.length);
    for (const r of ruleDocs) {
      assert.match(r.code, /^MW\d{3}$/);
      assert.ok(['error', 'warning', 'info', 'hint'].includes(r.severity));
      assert.ok(r.doc.length > 30, `${r.code} doc too short`);
    }
  });

  it('are each listed in RULES.md with their severity and doc line', () => {
    const doc = readFileSync(join(repo, 'server/src/analysis/RULES.md'), 'utf8');
    const rows = new Map<string, string[]>();
    for (const line of doc.split('\n').filter((l) => /^\|\s*MW\d{3}/.test(l))) {
      const cells = line
        .split(/(?<!\\)\|/)
        .slice(1, -1)
        .map((c) => c.trim().replace(/\\\|/g, '|'));
      rows.set(cells[0]!, cells);
    }
    assert.equal(rows.size, ruleDocs.length, 'one row per rule');
    for (const r of ruleDocs) {
      const row = `| ${r.code} | ${r.severity} | ${r.doc.replace(/\|/g, '\\|')} |`;
      assert.deepEqual(rows.get(r.code), [r.code, r.severity, r.doc], `RULES.md needs: ${row}`);
    }
  });

  for (const r of ruleDocs) {
    it(`${r.code} is reported by its fixture with its severity`, () => {
      const name = fixtures.find((f) => f.startsWith(r.code.toLowerCase()));
      assert.ok(name, `no fixture mw${r.code.slice(2)}-*.ts`);
      const result = createAnalyzer().analyze([join(golden, name)]);
      const own = result.diagnostics.filter((d) => d.code === r.code);
      assert.ok(own.length > 0, `${name} does not report ${r.code}`);
      for (const d of own) assert.equal(d.severity, r.severity);
    });
  }

  for (const name of fixtures) {
    it(`quick fixes in ${name} remove their diagnostic`, () => {
      const file = join(golden, name);
      const text = readFileSync(file, 'utf8');
      const analyzer = createAnalyzer();
      const before = analyzer.analyze([file]).diagnostics;
      const key = (d: Diagnostic): string =>
        `${d.code}@${d.location.span.start.line}:${d.location.span.start.character}`;
      for (const d of before) {
        for (const fix of d.fixes ?? []) {
          assert.ok(fix.title.length > 5);
          assert.ok(fix.edits.every((e) => e.file === file));
          analyzer.setFile(file, applyEdits(text, fix.edits));
          const after = analyzer.analyze([file]).diagnostics;
          const sameCode = (list: Diagnostic[]): number =>
            list.filter((x) => x.code === d.code).length;
          assert.ok(sameCode(after) < sameCode(before), `"${fix.title}" did not remove ${key(d)}`);
          analyzer.setFile(file, undefined);
        }
      }
    });
  }
});
