// Runtime, types only: the options of a workflow's run() (Medusa's, plus the engine's own
// extensions). Imported by runner.ts (which re-exports it) and finishEvents.ts.
import type { Clock } from '../clock';
import type { Instrumentation } from '../instrumentation';
import type { RunEvents } from './events';

export interface RunOptions {
  input?: unknown;
  context?: Record<string, unknown>;
  throwOnError?: boolean;
  logOnError?: boolean;
  events?: RunEvents;
  container?: unknown;
  resultFrom?: unknown;
  /** Engine extension: debugger/CLI instrumentation (inherited by nested runs). */
  instrumentation?: Instrumentation;
  /** Engine extension: time source for retries and timeouts. */
  clock?: Clock;
}
