// Unit tests (mocha, no VS Code) of debug-adapter/src/gcLatency.ts: the V8 flags the adapter and
// runner set on themselves are real ones (V8 ignores unknown flags set at run time, silently).
import * as assert from 'node:assert';
import { spawnSync } from 'node:child_process';
import { collectOnMainThread, LATENCY_V8_FLAGS } from '../../../debug-adapter/src/gcLatency';

describe('debug adapter: collections on the main thread', () => {
  it('sets every flag, and scavenges are no longer parallel', () => {
    const set: string[] = [];
    collectOnMainThread((f) => set.push(f));
    assert.deepStrictEqual(set, [...LATENCY_V8_FLAGS]);
    assert.ok(set.includes('--no-parallel-scavenge'));
  });

  it('each flag is one this Node accepts and V8 lists', () => {
    const options = spawnSync(process.execPath, ['--v8-options'], { encoding: 'utf8' }).stdout;
    for (const flag of LATENCY_V8_FLAGS) {
      const name = flag.replace(/^--no-/, '--');
      assert.ok(options.includes(`  ${name} (`), `${name} in node --v8-options`);
      const r = spawnSync(process.execPath, [flag, '-e', '0'], { encoding: 'utf8' });
      assert.strictEqual(r.status, 0, `node ${flag}: ${r.stderr}`);
    }
  });
});
