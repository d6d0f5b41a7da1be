// Test helper (mocha, Node): the server fixture workspace (test/fixtures/server/workspace) and
// small text helpers; positions are read from the fixture files, never hard-coded.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, type Range } from './lspClient';

export const workspace = join(repoRoot, 'test', 'fixtures', 'server', 'workspace');
export const stepsFile = join(workspace, 'src', 'steps', 'brand.ts');
export const cleanFile = join(workspace, 'src', 'workflows', 'create-brand.ts');
export const mistakesFile = join(workspace, 'src', 'workflows', 'mistakes.ts');

/** 0-based line of the first line of `file` containing `needle` (fixtures are read, not hard-coded). */
export function lineOf(file: string, needle: string, from = 0): number {
  const lines = readFileSync(file, 'utf8').split('\n');
  const i = lines.findIndex((l, n) => n >= from && l.includes(needle));
  assert.notEqual(i, -1, `${needle} not in ${file}`);
  return i;
}

export function charOf(file: string, line: number, needle: string): number {
  const c = readFileSync(file, 'utf8').split('\n')[line]!.indexOf(needle);
  assert.notEqual(c, -1, `${needle} not on line ${line} of ${file}`);
  return c;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

export function offsetAt(text: string, pos: Range['start']): number {
  const lines = text.split('\n');
  let offset = 0;
  for (let i = 0; i < pos.line; i++) offset += lines[i]!.length + 1;
  return offset + pos.character;
}

export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort(
    (a, b) => offsetAt(text, b.range.start) - offsetAt(text, a.range.start),
  );
  for (const e of sorted) {
    text =
      text.slice(0, offsetAt(text, e.range.start)) +
      e.newText +
      text.slice(offsetAt(text, e.range.end));
  }
  return text;
}
