// Fuzz test: 10,000 seeded mutations (deleted and duplicated tokens, truncations) of real workflow
// files. Every analysis must return a result, and no exception may be thrown or swallowed inside.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import ts from 'typescript';
import { createAnalyzer } from '../../../server/src/analysis/index';

const repo = resolve(__dirname, '../../../..');
const MUTATIONS = 10_000;
const SEED = 0x5eed;

/** mulberry32: small, seedable, reproducible. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sources(): string[] {
  const golden = join(repo, 'test/fixtures/analysis/golden');
  const files = readdirSync(golden).flatMap((n) => {
    const p = join(golden, n);
    if (statSync(p).isDirectory())
      return readdirSync(p)
        .filter((f) => /\.[jt]s$/.test(f))
        .map((f) => join(p, f));
    return /\.[jt]s$/.test(n) ? [p] : [];
  });
  const coreFlows = dirname(require.resolve('@medusajs/core-flows', { paths: [repo] }));
  const real = [
    'cart/workflows/add-to-cart.js',
    'cart/workflows/complete-cart.js',
    'order/workflows/create-fulfillment.js',
    'product/workflows/create-products.js',
    'payment-collection/workflows/create-payment-session.js',
    'common/steps/use-query-graph.js',
  ].map((f) => join(coreFlows, f));
  return [...files, ...real, join(repo, 'test/fixtures/analysis/perf/large-workflow.ts')];
}

function tokens(text: string): [number, number][] {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, text);
  const out: [number, number][] = [];
  for (let k = scanner.scan(); k !== ts.SyntaxKind.EndOfFileToken; k = scanner.scan()) {
    out.push([scanner.getTokenStart(), scanner.getTokenEnd()]);
  }
  return out;
}

function mutate(text: string, toks: [number, number][], rnd: () => number): string {
  let out = text;
  const count = 1 + Math.floor(rnd() * 3);
  for (let i = 0; i < count; i++) {
    const kind = rnd();
    if (kind < 0.15) return out.slice(0, Math.floor(rnd() * out.length));
    const tok = toks[Math.floor(rnd() * toks.length)];
    if (!tok || tok[1] > out.length) continue;
    const [start, end] = tok;
    out =
      kind < 0.6
        ? out.slice(0, start) + out.slice(end)
        : out.slice(0, end) + out.slice(start, end) + out.slice(end);
  }
  return out;
}

describe('analyzer fuzz', function () {
  this.timeout(900_000);
  it(`survives ${MUTATIONS} mutations of real workflow files (seed ${SEED})`, () => {
    const files = sources().map((path) => {
      const text = readFileSync(path, 'utf8');
      return { path, text, toks: tokens(text) };
    });
    const rnd = prng(SEED);
    const analyzer = createAnalyzer();
    let workflows = 0;
    for (let i = 0; i < MUTATIONS; i++) {
      const file = files[i % files.length]!;
      const mutated = mutate(file.text, file.toks, rnd);
      analyzer.setFile(file.path, mutated);
      let result;
      try {
        result = analyzer.analyze([file.path]);
      } catch (e) {
        assert.fail(
          `mutation ${i} of ${file.path} threw: ${e instanceof Error ? e.stack : String(e)}`,
        );
      }
      assert.ok(
        Array.isArray(result.workflows) && Array.isArray(result.diagnostics),
        `mutation ${i}: no result`,
      );
      assert.deepEqual(
        result.internalErrors ?? [],
        [],
        `mutation ${i} of ${file.path}: an exception was caught inside the analyzer`,
      );
      workflows += result.workflows.length;
      analyzer.setFile(file.path, undefined);
    }
    assert.ok(
      workflows > MUTATIONS / 4,
      `mutated files still define workflows (${workflows} found)`,
    );
  });
});
