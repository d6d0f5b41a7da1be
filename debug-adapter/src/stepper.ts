// Debug adapter: decides, at every boundary the runner reaches, whether to stop (breakpoint, step,
// pause, entry, exception filter) or let it run on. Boundaries that arrive while stopped are held
// (a parallel sibling waits at its gate) and decided in order when the user resumes. A `failure`
// boundary stops only as its own filter's exception; others take the exceptions queued before.
import { StoppedEvent } from '@vscode/debugadapter';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { awaitingStop } from './awaitingSteps';
import type { WireBoundary } from './ipc';

export type StopReason = 'entry' | 'breakpoint' | 'step' | 'pause' | 'exception';

type Mode =
  | { kind: 'continue' }
  | { kind: 'next'; depth: number }
  | { kind: 'stepIn' }
  | { kind: 'stepOut'; depth: number };

export interface ExceptionStop {
  filter: string;
  label: string;
  text: string;
}

export interface Stop {
  boundary: WireBoundary;
  reason: StopReason;
  exception?: ExceptionStop;
}

export interface StepperPort {
  release(boundary: WireBoundary): void;
  stopped(stop: Stop): void;
  /** The exception stop for a `failure` boundary, when its filter is on. */
  failureStop(boundary: WireBoundary): ExceptionStop | undefined;
}

const depth = (b: WireBoundary): number => b.run.parents.length;

export class Stepper {
  private readonly held = new Map<number, WireBoundary>();
  private current?: Stop;
  private mode: Mode = { kind: 'continue' };
  private pauseRequested = false;
  private exceptions: ExceptionStop[] = [];

  constructor(
    private readonly port: StepperPort,
    private entryPending: boolean,
  ) {}

  get stop(): Stop | undefined {
    return this.current;
  }

  heldBoundaries(): WireBoundary[] {
    return [...this.held.values()];
  }

  arrived(list: WireBoundary[]): void {
    for (const b of list) this.held.set(b.id, b);
    if (!this.current) this.decideHeld();
  }

  exception(e: ExceptionStop): void {
    this.exceptions.push(e);
  }

  pause(): void {
    if (!this.current) this.pauseRequested = true;
  }

  resume(kind: Mode['kind']): void {
    const cur = this.current;
    if (!cur) return;
    const d = depth(cur.boundary);
    this.mode = kind === 'next' || kind === 'stepOut' ? { kind, depth: d } : { kind };
    this.current = undefined;
    this.held.delete(cur.boundary.id);
    this.port.release(cur.boundary);
    this.decideHeld();
  }

  /** While running (no stop): how the next boundaries are decided, e.g. after Continue or Step
   * Out in the JavaScript session. */
  runOn(kind: 'continue' | 'stepIn'): void {
    if (!this.current) this.mode = { kind };
  }

  private decideHeld(): void {
    for (const b of this.held.values()) {
      const failure = b.kind === 'failure' ? this.port.failureStop(b) : undefined;
      const reason = b.kind === 'failure' ? failure && 'exception' : this.decide(b);
      if (reason) {
        this.current = { boundary: b, reason };
        if (failure) this.current.exception = failure;
        else if (reason === 'exception') {
          const all = this.exceptions;
          this.exceptions = [];
          this.current.exception = {
            filter: all[0]?.filter ?? 'exception',
            label: all.map((e) => e.label).join(', '),
            text: all.map((e) => e.text).join('\n'),
          };
        }
        this.mode = { kind: 'continue' };
        this.pauseRequested = false;
        this.port.stopped(this.current);
        return;
      }
      this.held.delete(b.id);
      this.port.release(b);
    }
  }

  private decide(b: WireBoundary): StopReason | undefined {
    if (this.exceptions.length > 0) return 'exception';
    if (b.kind === 'end') return undefined;
    if (b.kind === 'awaiting') return 'pause';
    if (this.entryPending) {
      this.entryPending = false;
      return 'entry';
    }
    if (b.hits.length > 0) return 'breakpoint';
    if (this.pauseRequested) return 'pause';
    switch (this.mode.kind) {
      case 'next':
        return depth(b) <= this.mode.depth ? 'step' : undefined;
      case 'stepIn':
        return 'step';
      case 'stepOut':
        return depth(b) < this.mode.depth ? 'step' : undefined;
      default:
        return undefined;
    }
  }
}

/** The DAP stopped event for a stop, and for a run waiting on async steps the Debug Console line
 * that says how to answer them. */
export function stoppedEvent(
  stop: Stop,
  thread: number,
): { event: DebugProtocol.StoppedEvent; hint?: string } {
  const event: DebugProtocol.StoppedEvent = new StoppedEvent(
    stop.reason,
    thread,
    stop.exception?.text,
  );
  event.body.allThreadsStopped = true;
  if (stop.reason === 'breakpoint') event.body.hitBreakpointIds = stop.boundary.hits;
  if (stop.exception) event.body.description = stop.exception.label;
  if (stop.boundary.kind !== 'awaiting') return { event };
  const { description, hint } = awaitingStop(stop.boundary);
  event.body.description = description;
  return { event, hint };
}
