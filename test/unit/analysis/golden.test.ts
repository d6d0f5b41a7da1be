// Golden tests for the analyzer: one it() per fixture under test/fixtures/analysis/golden. A fixture
// is a file, or a directory whose entry is entry.ts/entry.js; its graph JSON and diagnostics are
// compared with <name>.golden.json. UPDATE_GOLDEN=1 rewrites; a mismatch writes <name>.golden.json.actual.
import assert from 'node:assert/strict';
import {
  existsSync,
  readdirSync,
  readFileSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { createAnalyzer } from '../../../server/src/analysis/index';

const root = resolve(__dirname, '../../../../test/fixtures/analysis/golden');

function entryOf(name: string): string | undefined {
  const p = join(root, name);
  if (statSync(p).isDirectory())
    return ['entry.ts', 'entry.js'].map((e) => join(p, e)).find(existsSync);
  return /\.(?:[cm]?[jt]sx?)$/.test(name) ? p : undefined;
}

const repo = resolve(root, '../../../..');

function sanitize(value: unknown): string {
  return (
    JSON.stringify(value, null, 2).split(root).join('<fixtures>').split(repo).join('<repo>') + '\n'
  );
}

describe('analyzer golden fixtures', function () {
  this.timeout(60_000);
  const names = readdirSync(root).filter((n) => !n.endsWith('.json') && entryOf(n) !== undefined);
  it('has fixtures', () => assert.ok(names.length >= 20, `only ${names.length} fixtures`));
  for (const name of names) {
    it(name, () => {
      const entry = entryOf(name)!;
      const result = createAnalyzer().analyze([entry]);
      const actual = sanitize(result);
      const base = join(root, name.replace(/\.(?:[cm]?[jt]sx?)$/, ''));
      const goldenPath = `${base}.golden.json`;
      const actualPath = `${goldenPath}.actual`;
      if (process.env.UPDATE_GOLDEN === '1') {
        writeFileSync(goldenPath, actual);
        if (existsSync(actualPath)) unlinkSync(actualPath);
        return;
      }
      assert.ok(existsSync(goldenPath), `missing ${goldenPath}: run with UPDATE_GOLDEN=1`);
      const expected = readFileSync(goldenPath, 'utf8');
      if (actual !== expected) writeFileSync(actualPath, actual);
      else if (existsSync(actualPath)) unlinkSync(actualPath);
      assert.equal(actual, expected, `${name}: graph or diagnostics differ (see ${actualPath})`);
    });
  }
});
