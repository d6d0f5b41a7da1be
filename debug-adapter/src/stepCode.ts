// Debug adapter: "debugStepCode" mode (issue 11). The runner's inspector is handed to the client,
// which attaches VS Code's JavaScript debugger as a child session of ours; that session owns the
// line breakpoints inside step handlers. Here: the attach handshake, Step Into's one-shot
// breakpoint, and what the client reports about the JavaScript session. Used by controller.ts.
import { Event } from '@vscode/debugadapter';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { dirname, join } from 'node:path';
import { LaunchError } from './launchConfig';
import {
  AttachJavaScriptEvent,
  StepIntoHandlerEvent,
  type JavaScriptFrame,
  type JavaScriptSessionRequest,
} from './protocol';
import type { RunnerProcess } from './runnerProcess';

// The client attaches within a second or two; a client that ignores the event must not leave
// the run waiting forever (the runner is blocked until a debugger attaches).
const ATTACH_TIMEOUT_MS = 30_000;
// Arming a breakpoint is a round trip through VS Code and js-debug (seconds on a busy machine;
// the client gives up after 15 s); past this, Step Into still goes on and stops at the next
// boundary instead.
const ARM_TIMEOUT_MS = 20_000;
// A boundary reached while the JavaScript session is paused waits for the client's 'resumed'
// (already on its way); a client that never sends it must not hold the run forever.
const RESUMED_TIMEOUT_MS = 5_000;

export const IN_STEP_CODE =
  'Inside a step\'s code: VS Code\'s JavaScript debugger stops on this line ("debugStepCode").';

export interface StepCodePort {
  sendEvent(event: DebugProtocol.Event): void;
  /** The client reported that Continue or Step Out was pressed in the JavaScript session. */
  resumed(how: 'continue' | 'stepOut'): void;
  /** The JavaScript session paused or went on (the graph shows the step it is in). */
  pausedChanged(): void;
}

export class StepCodeSession {
  private inspecting?: (url: string) => void;
  private answered?: (args: JavaScriptSessionRequest.Arguments) => void;
  private armed?: () => void;
  private readonly afterResumed: (() => void)[] = [];
  private resumedTimer?: NodeJS.Timeout;
  /** The JavaScript session is paused inside step code. */
  paused = false;
  /** Where it is paused, top frame first, as the client reported it (1-based lines). */
  frames: JavaScriptFrame[] = [];

  constructor(private readonly port: StepCodePort) {}

  /** Opens the runner's inspector and has the client attach to it. Throws LaunchError. */
  async attach(child: RunnerProcess): Promise<void> {
    const url = await new Promise<string>((resolve) => {
      this.inspecting = resolve;
      child.send({ type: 'inspect' });
    });
    const answer = new Promise<JavaScriptSessionRequest.Arguments>((resolve) => {
      this.answered = resolve;
    });
    const body: AttachJavaScriptEvent.Body = {
      websocketAddress: url,
      skipFiles: skipFiles(),
      // Our bundle's map is large and only leads to skipped frames; node_modules as js-debug does.
      resolveSourceMapLocations: ['**', '!**/node_modules/**', `!${join(__dirname, '**')}`],
    };
    this.port.sendEvent(new Event(AttachJavaScriptEvent.event, body));
    const got = await Promise.race([answer, delay(ATTACH_TIMEOUT_MS)]);
    if (got?.kind === 'attached') return;
    const why = got?.kind === 'failed' ? got.message : 'the client did not attach in time';
    throw new LaunchError(
      `The JavaScript debugger could not attach to the workflow process (${why}). Set "debugStepCode": false to debug at the step level only.`,
    );
  }

  onInspecting(url: string): void {
    this.inspecting?.(url);
    this.inspecting = undefined;
  }

  /** Asks the client for a one-shot breakpoint on `line` (0-based) and waits until it is set. */
  async armStepInto(file: string, line: number): Promise<void> {
    const done = new Promise<void>((resolve) => (this.armed = resolve));
    const body: StepIntoHandlerEvent.Body = { file, line };
    this.port.sendEvent(new Event(StepIntoHandlerEvent.event, body));
    await Promise.race([done, delay(ARM_TIMEOUT_MS)]);
    this.armed = undefined;
  }

  /** Runs `go` now, or once the client has said how the paused JavaScript session was resumed.
   * The runner reaches its next boundary only after js-debug resumed it, but that boundary and
   * the client's 'resumed' come by different ways: which arrives first must not decide whether
   * the run stops there (Step Out) or runs on (Continue). */
  whenRunning(go: () => void): void {
    if (!this.paused) {
      go();
      return;
    }
    this.afterResumed.push(go);
    this.resumedTimer ??= setTimeout(() => this.onResumed('other'), RESUMED_TIMEOUT_MS).unref();
  }

  /** The workflow stopped at a boundary: the JavaScript session cannot be paused any more. */
  notPaused(): void {
    this.paused = false;
    this.frames = [];
  }

  fromClient(args: JavaScriptSessionRequest.Arguments): void {
    switch (args.kind) {
      case 'attached':
      case 'failed':
        this.answered?.(args);
        this.answered = undefined;
        return;
      case 'armed':
        this.armed?.();
        return;
      case 'paused':
        // A step that ended without its 'resumed' (the client saves that report): whatever
        // waited for the handler to go on goes now, as it would have.
        if (args.resumed) this.onResumed('other');
        this.paused = true;
        this.frames = [...(args.frames ?? [])];
        this.port.pausedChanged();
        return;
      case 'located':
        if (!this.paused) return;
        // The views ask for the stack in pieces (the top frame first): keep them in order.
        this.frames.push(...args.frames);
        this.port.pausedChanged();
        return;
      case 'resumed':
        this.onResumed(args.how);
        return;
    }
  }

  private onResumed(how: 'continue' | 'stepOut' | 'other'): void {
    clearTimeout(this.resumedTimer);
    this.resumedTimer = undefined;
    this.notPaused();
    if (how !== 'other') this.port.resumed(how);
    for (const go of this.afterResumed.splice(0)) go();
    this.port.pausedChanged();
  }
}

/** Our bundles (dist/runner.js, mapped back to engine/ and debug-adapter/ by their source maps)
 * and Node's internals. */
function skipFiles(): string[] {
  const root = dirname(__dirname);
  return [
    '<node_internals>/**',
    join(__dirname, '**'),
    join(root, 'engine', '**'),
    join(root, 'debug-adapter', '**'),
  ];
}

function delay(ms: number): Promise<undefined> {
  return new Promise((r) => setTimeout(() => r(undefined), ms).unref());
}
