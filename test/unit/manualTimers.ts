// Unit-test helper (mocha, no VS Code): timers run by hand, for code that takes its timers as a
// `{ set, clear }` object (the debug adapter's PausedStates, the client's JavaScriptReports).
export interface ManualTimer {
  run: () => void;
  ms: number;
}

export interface ManualTimers {
  /** The timers set and not yet cleared or fired, in the order they were set. */
  due: ManualTimer[];
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
  /** Runs every timer due now. */
  fire(): void;
}

export function manualTimers(): ManualTimers {
  const due: ManualTimer[] = [];
  return {
    due,
    set: (run, ms) => {
      const t = { run, ms };
      due.push(t);
      return t;
    },
    clear: (handle) => {
      const i = due.indexOf(handle as ManualTimer);
      if (i >= 0) due.splice(i, 1);
    },
    fire: () => {
      for (const t of due.splice(0)) t.run();
    },
  };
}
