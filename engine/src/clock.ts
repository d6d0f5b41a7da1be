// Time source for retries and timeouts; injectable so tests drive time without sleeping.

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** Runs `fn` after the current macrotask (Medusa's scheduler resuming a run); default: a 0 ms timer. */
  defer?(fn: () => void): void;
}

type Immediate = (fn: () => void) => unknown;

/** Runs `fn` soon, on the clock's deferral (or a 0 ms timer). */
export function defer(clock: Clock, fn: () => void): void {
  if (clock.defer) clock.defer(fn);
  else clock.setTimeout(fn, 0);
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
  defer: (fn) => {
    const immediate = (globalThis as { setImmediate?: Immediate }).setImmediate;
    if (immediate) immediate(fn);
    else globalThis.setTimeout(fn, 0);
  },
};

/** A manual clock: time moves only through `advance`, which fires due timers in order. */
export class ManualClock implements Clock {
  private time: number;
  private seq = 0;
  private timers: { id: number; at: number; fn: () => void }[] = [];

  constructor(start = 0) {
    this.time = start;
  }
  now(): number {
    return this.time;
  }
  setTimeout(fn: () => void, ms: number): unknown {
    const id = ++this.seq;
    this.timers.push({ id, at: this.time + Math.max(0, ms), fn });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((t) => t.id !== handle);
  }
  /** Deferred work does not wait for `advance`: it runs after the current microtasks. */
  defer(fn: () => void): void {
    void Promise.resolve().then(fn);
  }

  /** Number of timers not yet fired. */
  get pending(): number {
    return this.timers.length;
  }
  /** Moves time forward by `ms`, firing every timer that falls due, earliest first. */
  advance(ms: number): void {
    const target = this.time + ms;
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at || a.id - b.id);
      const next = this.timers[0];
      if (!next || next.at > target) break;
      this.timers.shift();
      this.time = next.at;
      next.fn();
    }
    this.time = target;
  }
}
