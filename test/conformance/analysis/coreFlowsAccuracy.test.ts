// Accuracy against the real engine: a child process loads @medusajs/core-flows with the real SDK and
// dumps every registered workflow's flow_; we compare with our static medusa-flow of the same dist/.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import {
  createAnalyzer,
  toMedusaFlow,
  type AnalysisResult,
} from '../../../server/src/analysis/index';
import { firstDifference, normalizeFlow } from './flowCompare';

const repo = resolve(__dirname, '../../../..');
const dumper = join(repo, 'test/conformance/analysis/dumpCoreFlows.js');
const dist = dirname(require.resolve('@medusajs/core-flows', { paths: [repo] }));

function scripts(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? scripts(p) : p.endsWith('.js') ? [p] : [];
  });
}

describe('analyzer accuracy against @medusajs/core-flows', function () {
  this.timeout(180_000);
  let real: Record<string, unknown>;
  let result: AnalysisResult;

  before(() => {
    const out = execFileSync(process.execPath, [dumper], {
      cwd: repo,
      env: { ...process.env, MEDUSA_DISABLE_TELEMETRY: 'true' },
      maxBuffer: 64 * 1024 * 1024,
      encoding: 'utf8',
    });
    real = JSON.parse(out) as Record<string, unknown>;
    result = createAnalyzer().analyze(scripts(dist));
  });

  it('derives the same execution tree as the engine for at least 95% of the workflows', () => {
    const ours = toMedusaFlow(result.workflows);
    const ids = Object.keys(real).sort();
    assert.ok(ids.length > 300, `the real package registered only ${ids.length} workflows`);
    const mismatches: string[] = [];
    for (const id of ids) {
      const diff =
        id in ours
          ? firstDifference(normalizeFlow(ours[id]), normalizeFlow(real[id]))
          : 'not found statically';
      if (diff) mismatches.push(`${id}: ${diff}`);
    }
    const matched = ids.length - mismatches.length;
    console.log(`      matched ${matched} of ${ids.length}`);
    for (const m of mismatches) console.log(`      mismatch ${m}`);
    assert.ok(matched / ids.length >= 0.95, `only ${matched} of ${ids.length} match`);
  });

  it('reports no error-severity diagnostic on core-flows (it runs in production)', () => {
    const counts = new Map<string, number>();
    for (const d of result.diagnostics)
      counts.set(`${d.code} ${d.severity}`, (counts.get(`${d.code} ${d.severity}`) ?? 0) + 1);
    console.log(
      `      diagnostics by code: ${
        [...counts]
          .sort()
          .map(([k, n]) => `${k}: ${n}`)
          .join(', ') || 'none'
      }`,
    );
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    assert.deepEqual(
      errors.map(
        (d) => `${d.code} ${d.location.file}:${d.location.span.start.line + 1} ${d.message}`,
      ),
      [],
    );
  });
});
