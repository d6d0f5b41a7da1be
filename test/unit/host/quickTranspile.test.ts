// Unit tests (mocha, Node): engine/src/host/quickTranspile.ts compiles the usual TypeScript of
// workflow, step and mock files to CommonJS line for line without the TypeScript compiler, and
// leaves decorators, JSX and broken code to transpile.ts's TypeScript path.
import * as assert from 'node:assert/strict';
import Module from 'node:module';
import { quickTranspile } from '../../../engine/src/host/quickTranspile';
import { Transpiler } from '../../../engine/src/host/transpile';
import { LoadError } from '../../../engine/src/host/loadError';

const FILE = '/project/src/workflows/steps/sample.ts';

/** Evaluates CommonJS `code` as `FILE` and returns its exports. */
function run(code: string): Record<string, unknown> {
  const m = new Module(FILE) as Module & { _compile(code: string, file: string): void };
  m.filename = FILE;
  m._compile(code, FILE);
  return m.exports as Record<string, unknown>;
}

const STEP = `import type { StepInput } from './types';
import path from 'node:path';
import * as fs from 'node:fs';

interface Totals { subtotal: number }
export enum Kind { Plain, Rush = 5 }

export class Ledger {
  readonly entries: number[] = [];
  declare note: string;
  constructor(private readonly base: number) {}
  total(): Totals { return { subtotal: this.base + this.entries.length }; }
}

export const joined = path.join('a', 'b');
export const canRead = typeof fs.readFileSync === 'function';
export function marker(input: StepInput): string { return 'marker' + (input as unknown as string); }
`;

describe('host/quickTranspile', () => {
  it('compiles types, enums, parameter properties, class fields and imports to working CommonJS', () => {
    const code = quickTranspile(FILE, STEP);
    assert.ok(code, 'the quick path takes a plain TypeScript file');
    const out = run(code);
    const Ledger = out.Ledger as new (base: number) => { entries: number[]; total(): Totals };
    type Totals = { subtotal: number };
    const ledger = new Ledger(2);
    ledger.entries.push(1);
    assert.deepEqual(ledger.total(), { subtotal: 3 });
    assert.equal(Object.keys(ledger).includes('note'), false, 'a declared field emits nothing');
    assert.equal((out.Kind as Record<string, unknown>).Rush, 5);
    assert.equal(out.joined, 'a/b', 'a default import of a CommonJS module (esModuleInterop)');
    assert.equal(out.canRead, true);
  });

  it('keeps every line where it was and maps the file with its source', () => {
    const code = quickTranspile(FILE, STEP)!;
    const at = (text: string, s: string) => s.split('\n').findIndex((l) => l.includes(text));
    assert.equal(at("return 'marker'", code), at("return 'marker'", STEP));
    const inline = /sourceMappingURL=data:application\/json;base64,(\S+)/.exec(code)?.[1];
    assert.ok(inline, 'an inline source map');
    const map = JSON.parse(Buffer.from(inline, 'base64').toString('utf8')) as {
      sources: string[];
      sourcesContent: string[];
    };
    assert.deepEqual(map.sources, [FILE]);
    assert.deepEqual(map.sourcesContent, [STEP]);
  });

  it('leaves decorators and JSX to TypeScript, which still compiles them', () => {
    const decorated = `function tag(_t: unknown, _k: string, d: PropertyDescriptor) { d.value = () => 'tagged'; }
export class Service {
  @tag
  name(): string { return 'plain'; }
}
`;
    assert.equal(quickTranspile(FILE, decorated), undefined);
    assert.equal(quickTranspile('/project/view.tsx', 'export const a = <b />;'), undefined);
    const out = run(new Transpiler().transpile(FILE, decorated));
    const Service = out.Service as new () => { name(): string };
    assert.equal(new Service().name(), 'tagged');
  });

  it('leaves broken code to TypeScript, which reports where it is broken', () => {
    const broken = `export const a = ;\n`;
    assert.equal(quickTranspile(FILE, broken), undefined);
    assert.throws(
      () => new Transpiler().transpile(FILE, broken),
      (e: unknown) =>
        e instanceof LoadError && e.code === 'syntax' && /sample\.ts:1:/.test(e.message),
    );
  });
});
