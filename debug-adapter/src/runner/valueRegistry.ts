// Runner child: handles for values shown in the Variables view. Children are listed lazily and
// in chunks, so a 10 MB or circular value costs only what the user expands. Handles live until
// the run resumes (the adapter's variable references are valid only while stopped).
import type { WireValue } from '../ipc';
import { describe, safeGet, safeKeys, typeName } from './preview';

const CHUNK = 100;
const MAX_KEYS = 1000;

/** Called after an edit below an editable root, with the (mutated) root value. */
type Commit = () => void;

interface Entry {
  value: unknown;
  /** For a chunk of an array: the index range it shows. */
  range?: { start: number; count: number };
  /** Names that may be replaced here (undefined: every name is, when `commit` is set). */
  editableNames?: Set<string>;
  commit?: Commit;
  /** Replaces a top-level name (scope objects whose fields are engine state, not plain objects). */
  assign?: (name: string, value: unknown) => void;
}

const inPlace: Commit = () => undefined;

export class ValueRegistry {
  private entries = new Map<number, Entry>();
  private next = 1;
  /** Objects the engine reads later (stored step outputs): their fields may be edited in place. */
  private readonly live = new WeakSet<object>();

  markLive(value: unknown): void {
    if (value !== null && typeof value === 'object') this.live.add(value);
  }

  clear(): void {
    this.entries.clear();
  }

  /** Registers a scope object; `assign` handles edits of its top-level names. */
  scope(
    value: object,
    editable: string[],
    assign?: (name: string, value: unknown) => void,
  ): number {
    return this.add({ value, editableNames: new Set(editable), assign });
  }

  /** A value for an evaluate result or a scope field. */
  wire(name: string, value: unknown, parent?: Entry): WireValue {
    const expandable = value !== null && typeof value === 'object';
    const editable = parent !== undefined && isEditable(parent, name);
    let commit = parent && editable ? (parent.commit ?? this.rootCommit(parent, name)) : undefined;
    if (!commit && expandable && this.live.has(value)) commit = inPlace;
    const out: WireValue = { name, value: describe(value), type: typeName(value), ref: 0 };
    if (editable) out.editable = true;
    if (!expandable) return out;
    out.ref = this.add({ value, commit });
    if (Array.isArray(value) && value.length > CHUNK) out.indexed = value.length;
    return out;
  }

  children(ref: number, start?: number, count?: number): WireValue[] {
    // VS Code's views may expand a value of the last stop after the run moved on (a request
    // racing Continue): a stale value simply has no children any more, as a stale frame no scopes.
    const entry = this.entries.get(ref);
    if (!entry) return [];
    const value = entry.value;
    if (Array.isArray(value)) return this.arrayChildren(entry, value, start, count);
    if (value instanceof Map) {
      return [...value.entries()].slice(0, MAX_KEYS).map(([k, v]) => this.wire(describe(k), v));
    }
    if (value instanceof Set)
      return [...value].slice(0, MAX_KEYS).map((v, i) => this.wire(String(i), v));
    const obj = value as object;
    const keys = safeKeys(obj);
    const list = keys.slice(0, MAX_KEYS).map((k) => this.wire(k, safeGet(obj, k), entry));
    if (keys.length > MAX_KEYS)
      list.push({ name: '…', value: `${keys.length - MAX_KEYS} more keys`, ref: 0 });
    return list;
  }

  private arrayChildren(entry: Entry, arr: unknown[], start?: number, count?: number): WireValue[] {
    const range = entry.range ?? { start: 0, count: arr.length };
    const from = range.start + (start ?? 0);
    const to = Math.min(range.start + range.count, count !== undefined ? from + count : Infinity);
    if (to - from > CHUNK && start === undefined) {
      const chunks: WireValue[] = [];
      const size = chunkSize(to - from);
      for (let s = from; s < to; s += size) {
        const c = Math.min(size, to - s);
        const ref = this.add({ value: arr, range: { start: s, count: c }, commit: entry.commit });
        chunks.push({ name: `[${s}..${s + c - 1}]`, value: '', ref });
      }
      return chunks;
    }
    const out: WireValue[] = [];
    for (let i = from; i < to; i++) out.push(this.wire(String(i), arr[i], entry));
    return out;
  }

  /** Replaces `name` under `ref` with `value`; returns the new wire value. */
  set(ref: number, name: string, value: unknown): WireValue {
    const entry = this.get(ref);
    if (!isEditable(entry, name)) throw new Error(`${name} cannot be changed here`);
    if (entry.assign) entry.assign(name, value);
    else {
      (entry.value as Record<string, unknown>)[name] = value;
      entry.commit?.();
    }
    return this.wire(name, value, entry);
  }

  private rootCommit(parent: Entry, name: string): Commit | undefined {
    if (!parent.assign) return undefined;
    const assign = parent.assign;
    return () => assign(name, (parent.value as Record<string, unknown>)[name]);
  }

  private get(ref: number): Entry {
    const entry = this.entries.get(ref);
    if (!entry) throw new Error('This value is no longer available (the run has moved on).');
    return entry;
  }

  private add(entry: Entry): number {
    const id = this.next++;
    this.entries.set(id, entry);
    return id;
  }
}

function isEditable(entry: Entry, name: string): boolean {
  if (entry.editableNames) return entry.editableNames.has(name);
  return entry.commit !== undefined;
}

function chunkSize(n: number): number {
  let size = CHUNK;
  while (n / size > CHUNK) size *= CHUNK;
  return size;
}
