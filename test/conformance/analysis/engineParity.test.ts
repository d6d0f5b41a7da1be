// Every golden fixture, run with the real workflows SDK: where the engine registers a workflow, our
// static tree must equal its flow_; where the engine throws, we must report an error diagnostic.
// (Not named after "fixtures": the build skips test paths containing that word.)
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import { createAnalyzer, toMedusaFlow } from '../../../server/src/analysis/index';
import { firstDifference, normalizeFlow } from './flowCompare';

const repo = resolve(__dirname, '../../../..');
const golden = join(repo, 'test/fixtures/analysis/golden');
const outDir = join(repo, 'out/conformance-fixtures');

interface EngineSide {
  flows: Record<string, unknown>;
  error?: string;
}

function fixtures(): { name: string; entry: string }[] {
  return readdirSync(golden).flatMap((name) => {
    const p = join(golden, name);
    if (statSync(p).isDirectory()) {
      const entry = ['entry.ts', 'entry.js'].map((e) => join(p, e)).find(existsSync);
      return entry ? [{ name, entry }] : [];
    }
    return /\.[jt]s$/.test(name) ? [{ name, entry: p }] : [];
  });
}

describe('analyzer fixtures against the real engine', function () {
  this.timeout(120_000);
  const list = fixtures();
  const engine: Record<string, EngineSide> = {};
  const unbuildable = new Set<string>();

  before(() => {
    mkdirSync(outDir, { recursive: true });
    const runnable: { name: string; file: string }[] = [];
    for (const f of list) {
      const file = join(outDir, `${f.name.replace(/\.[jt]s$/, '')}.cjs`);
      try {
        esbuild.buildSync({
          entryPoints: [f.entry],
          outfile: file,
          bundle: true,
          platform: 'node',
          format: 'cjs',
          packages: 'external',
          logLevel: 'silent',
          tsconfig: existsSync(join(f.entry, '../tsconfig.json'))
            ? join(f.entry, '../tsconfig.json')
            : undefined,
        });
        runnable.push({ name: f.name, file });
      } catch {
        unbuildable.add(f.name);
      }
    }
    const out = execFileSync(
      process.execPath,
      [join(repo, 'test/conformance/analysis/runFixtures.js'), JSON.stringify(runnable)],
      { cwd: repo, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
    );
    Object.assign(engine, JSON.parse(out) as Record<string, EngineSide>);
  });

  for (const f of list) {
    it(f.name, function () {
      if (unbuildable.has(f.name)) {
        assert.equal(f.name, 'broken.ts', 'only the deliberately broken fixture may fail to build');
        return;
      }
      const real = engine[f.name];
      assert.ok(real, 'the engine side ran');
      const result = createAnalyzer().analyze([f.entry]);
      if (real.error) {
        const missing = /^Cannot find module '([^']+)'/.exec(real.error)?.[1];
        if (missing) {
          // A dependency that is not installed: we must show what we could not resolve as dynamic.
          assert.ok(readFileSync(f.entry, 'utf8').includes(`'${missing}'`), real.error);
          assert.ok(
            result.workflows.some((w) => w.nodes.some((n) => n.dynamic)),
            'no dynamic node',
          );
          return;
        }
        const undefinedName = /^(\w+) is not defined$/.exec(real.error)?.[1];
        if (undefinedName) {
          // A `declare` stand-in for a project value: the module cannot load on its own.
          assert.match(
            readFileSync(f.entry, 'utf8'),
            new RegExp(`declare (?:const|let|var|function) ${undefinedName}\\b`),
            real.error,
          );
          return;
        }
        const errors = result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);
        assert.ok(errors.length > 0, `the engine throws "${real.error}" but we report no error`);
        return;
      }
      const ours = toMedusaFlow(result.workflows);
      assert.deepEqual(
        Object.keys(ours).sort(),
        Object.keys(real.flows).sort(),
        'the same workflow ids',
      );
      for (const id of Object.keys(real.flows)) {
        const diff = firstDifference(normalizeFlow(ours[id]), normalizeFlow(real.flows[id]));
        assert.equal(diff, undefined, `${id}: ${diff}`);
      }
    });
  }
});
