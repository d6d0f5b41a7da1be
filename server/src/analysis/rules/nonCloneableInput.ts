// MW014: step inputs are JSON-cloned; Dates, Maps, Sets and functions do not survive.
import type { Diagnostic } from '../model';
import type { Value } from '../interpreter/abstractValues';
import type { Rule } from './types';
import { diagnostic, uniqueBy } from './util';

const WHAT: Record<string, string> = {
  date: 'a Date (it arrives as a string)',
  map: 'a Map (it arrives as {})',
  set: 'a Set (it arrives as {})',
  fn: 'a function (it is dropped)',
  class: 'a class (it is dropped)',
};

export const nonCloneableInput: Rule = {
  code: 'MW014',
  severity: 'warning',
  doc: 'A value that does not survive JSON cloning (Date, Map, Set, function) is passed to a step: step inputs are JSON-cloned, so it arrives changed or missing.',
  check(input) {
    const out: Diagnostic[] = [];
    for (const wf of input.workflows) {
      for (const call of uniqueBy(wf.calls, (c) => c.handle.site)) {
        const bad = findBad({ k: 'arr', items: call.args }, 0);
        if (!bad) continue;
        out.push(
          diagnostic(
            'MW014',
            'warning',
            `Step "${call.handle.node.id}" is given ${WHAT[bad.k] ?? 'a value that is not plain data'}: step inputs are JSON-cloned. Pass plain data (an ISO string, an object, an array).`,
            call.handle.site,
          ),
        );
      }
    }
    return out;
  },
};

function findBad(v: Value, depth: number): Value | undefined {
  if (depth > 6) return undefined;
  if (v.k in WHAT) return v;
  if (v.k === 'ref' && v.src.kind === 'transform' && v.src.returns) {
    // A transform's result reaches the step through the same cloning.
    let shape: Value | undefined = v.src.returns;
    for (const key of v.path) shape = shape && property(shape, key);
    return shape && findBad(shape, depth + 1);
  }
  if (v.k === 'obj')
    for (const x of v.props.values()) {
      const b = findBad(x, depth + 1);
      if (b) return b;
    }
  if (v.k === 'arr')
    for (const x of v.items) {
      const b = findBad(x, depth + 1);
      if (b) return b;
    }
  return undefined;
}

function property(v: Value, key: string): Value | undefined {
  if (v.k === 'obj') return v.props.get(key);
  if (v.k === 'arr') return v.items[Number(key)];
  return undefined;
}
