// Differential run of @medusajs/core-flows: every registered workflow on the real SDK and on our
// engine (one child process each), with identically behaving auto-mocked containers: as is; with
// a forced invoke failure at each step position that began in the as-is run (the workflow's own
// steps and its runAsStep children's); and, for the last own position, with each compensation
// that rollback ran forced to fail too. Every position by default (about 50 s on 2 cores);
// COREFLOWS_FULL=0 samples 3 invoke positions per workflow.
import * as assert from 'node:assert/strict';
import { compareRuns, type Difference } from './harness/compare';
import { runBothSides } from './harness/spawnSides';
import { EXPLAINED } from './explained';

const FULL = process.env.COREFLOWS_FULL !== '0';
/** In the default suite, at most this many failure positions per workflow (evenly spread). */
const SAMPLE = 3;

describe('core-flows on the real SDK and on our engine', function () {
  this.timeout(FULL ? 1_800_000 : 240_000);

  it('gives identical traces, states, outputs, errors and container calls', async () => {
    const pairs = await runBothSides(__dirname, {
      workflows: [],
      positions: FULL ? 'all' : { sample: SAMPLE },
    });
    const differing = new Map<string, Difference[]>();
    for (const { key, real, ours } of pairs) {
      if (!real || !ours) {
        differing.set(key, [
          { aspect: 'crash', real: real ? 'ran' : 'missing', ours: ours ? 'ran' : 'missing' },
        ]);
        continue;
      }
      const diffs = compareRuns(real, ours);
      if (diffs.length > 0) differing.set(key, diffs);
    }
    const total = pairs.length;
    const workflows = new Set(pairs.map((p) => p.key.split(' ')[0])).size;
    console.log(
      `      identical ${total - differing.size} of ${total} runs (${workflows} workflows, positions: ${FULL ? 'all' : `sample of ${SAMPLE}`})`,
    );

    const used = new Map<string, number>();
    const unexplained: string[] = [];
    for (const [key, diffs] of differing) {
      const rules = new Set<string>();
      const open = diffs.filter((d) => {
        const rule = EXPLAINED.find((e) => e.applies(key, d));
        if (rule) rules.add(rule.id);
        return !rule;
      });
      for (const id of rules) used.set(id, (used.get(id) ?? 0) + 1);
      if (open.length > 0) {
        unexplained.push(
          `${key}: ${open.map((d) => `${d.aspect}\n        real: ${short(d.real)}\n        ours: ${short(d.ours)}`).join('\n      ')}`,
        );
      }
    }
    for (const e of EXPLAINED)
      console.log(`      explained by ${e.id}: ${used.get(e.id) ?? 0} runs`);
    if (unexplained.length > 0)
      console.log(
        `      unexplained differences:\n      ${unexplained.slice(0, 40).join('\n      ')}`,
      );
    assert.ok(
      total >= 338,
      `expected every registered workflow to run at least once, got ${total} runs`,
    );
    if (FULL) {
      const stale = EXPLAINED.filter((e) => !used.has(e.id)).map((e) => e.id);
      assert.deepEqual(stale, [], 'explanations that no longer apply');
    }
    assert.equal(unexplained.length, 0, `${unexplained.length} unexplained differences`);
  });
});

function short(v: unknown): string {
  const s = JSON.stringify(v) ?? 'undefined';
  return s.length > 600 ? `${s.slice(0, 600)}...` : s;
}
