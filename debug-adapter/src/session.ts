// Debug adapter: the DAP session for `medusa-workflow`. Thin on purpose: every request is handed
// to the controller, the breakpoint manager or the variable store. Imported by main.ts only.
import { DebugSession, ThreadEvent, type Response } from '@vscode/debugadapter';
import type { DebugProtocol } from '@vscode/debugprotocol';
import type * as stream from 'node:stream';
import { EXCEPTION_FILTERS } from './breakpoints';
import { forcedAnswer, refusedResume } from './awaitingSteps';
import { Controller } from './controller';
import { MAIN_THREAD } from './threads';
import {
  ExecutionStateRequest,
  ForceFailureRequest,
  JavaScriptSessionRequest,
  RespondToStepRequest,
  type LaunchArguments,
} from './protocol';

type LaunchRequestArguments = DebugProtocol.LaunchRequestArguments & Partial<LaunchArguments>;

/** How long a stepping response waits for the stop it caused (a step stuck in a synchronous loop
 * sends nothing at all). */
export const HELD_RESPONSE_MS = 100;

// DebugSession, not LoggingDebugSession: that one stringifies every message for its log even
// with logging off, which doubled the cost of each state event on the stepping path.
export class MedusaDebugSession extends DebugSession {
  private readonly controller = new Controller({
    sendEvent: (e) => this.sendEvent(e),
    toClientLine: (l) => this.convertDebuggerLineToClient(l),
  });

  private output?: stream.Writable;
  private corked = false;
  private held?: { response: DebugProtocol.Response; timer: NodeJS.Timeout };

  constructor() {
    super();
    this.setDebuggerLinesStartAt1(false);
    this.setDebuggerColumnsStartAt1(false);
  }

  start(inStream: NodeJS.ReadableStream, outStream: NodeJS.WritableStream): void {
    this.output = outStream as stream.Writable;
    super.start(inStream, outStream);
  }

  // Issue 14: on a busy machine every wake-up of the client, and every time the adapter is
  // preempted between two writes, is a scheduler slice in the stepping round trip. So what one
  // turn sends goes in one write, and a Next (Step In, Step Out, Continue) answers together with
  // the stop it caused: response, stopped and state reach the client at once.

  sendEvent(event: DebugProtocol.Event): void {
    this.oneWrite();
    this.releaseHeld();
    super.sendEvent(event);
  }

  sendResponse(response: DebugProtocol.Response): void {
    this.oneWrite();
    this.releaseHeld();
    super.sendResponse(response);
  }

  /** Everything sent in this turn leaves in one write, when the turn ends. */
  private oneWrite(): void {
    const out = this.output;
    if (this.corked || !out?.cork) return;
    this.corked = true;
    out.cork();
    process.nextTick(() => {
      this.corked = false;
      out.uncork();
    });
  }

  /** Sent with the next message of the session, or after HELD_RESPONSE_MS. */
  private hold(response: DebugProtocol.Response): void {
    this.releaseHeld();
    const timer = setTimeout(() => this.releaseHeld(), HELD_RESPONSE_MS).unref();
    this.held = { response, timer };
  }

  private releaseHeld(): void {
    const held = this.held;
    if (!held) return;
    this.held = undefined;
    clearTimeout(held.timer);
    this.sendResponse(held.response);
  }

  protected initializeRequest(response: DebugProtocol.InitializeResponse): void {
    this.controller.initialize();
    response.body = {
      supportsConfigurationDoneRequest: true,
      supportsConditionalBreakpoints: true,
      supportsHitConditionalBreakpoints: true,
      supportsFunctionBreakpoints: true,
      supportsSetVariable: true,
      supportsEvaluateForHovers: true,
      supportsExceptionInfoRequest: true,
      supportsTerminateRequest: true,
      exceptionBreakpointFilters: EXCEPTION_FILTERS,
    };
    this.sendResponse(response);
  }

  protected configurationDoneRequest(response: DebugProtocol.ConfigurationDoneResponse): void {
    this.controller.configurationDoneReceived();
    this.sendResponse(response);
    // The run starts now: clients ask for threads only when told, so the Call Stack shows the
    // running workflow (and, in step-code mode, its JavaScript session under it) before a stop.
    this.sendEvent(new ThreadEvent('started', MAIN_THREAD));
  }

  protected launchRequest(
    response: DebugProtocol.LaunchResponse,
    args: LaunchRequestArguments,
  ): void {
    void this.answer(response, () => this.controller.launch(args));
  }

  protected setBreakPointsRequest(
    response: DebugProtocol.SetBreakpointsResponse,
    args: DebugProtocol.SetBreakpointsArguments,
  ): void {
    const file = args.source.path ? this.convertClientPathToDebugger(args.source.path) : '';
    const bps = (args.breakpoints ?? []).map((b) => ({
      ...b,
      line: this.convertClientLineToDebugger(b.line),
    }));
    const results = this.controller.breakpoints.setSource(file, bps, this.controller.locations);
    response.body = {
      breakpoints: results.map((r) => ({
        id: r.id,
        verified: r.verified,
        message: r.message,
        line: r.line !== undefined ? this.convertDebuggerLineToClient(r.line) : undefined,
        source: args.source,
      })),
    };
    this.sendResponse(response);
  }

  protected setFunctionBreakPointsRequest(
    response: DebugProtocol.SetFunctionBreakpointsResponse,
    args: DebugProtocol.SetFunctionBreakpointsArguments,
  ): void {
    const results = this.controller.breakpoints.setFunctions(
      args.breakpoints,
      this.controller.knownSteps,
    );
    response.body = {
      breakpoints: results.map((r) => ({ id: r.id, verified: r.verified, message: r.message })),
    };
    this.sendResponse(response);
  }

  protected setExceptionBreakPointsRequest(
    response: DebugProtocol.SetExceptionBreakpointsResponse,
    args: DebugProtocol.SetExceptionBreakpointsArguments,
  ): void {
    this.controller.breakpoints.setExceptionFilters(args.filters);
    this.sendResponse(response);
  }

  protected threadsRequest(response: DebugProtocol.ThreadsResponse): void {
    response.body = { threads: this.controller.threadList() };
    this.sendResponse(response);
  }

  protected stackTraceRequest(
    response: DebugProtocol.StackTraceResponse,
    args: DebugProtocol.StackTraceArguments,
  ): void {
    const frames = this.controller.stackTrace(args.threadId);
    response.body = { stackFrames: frames, totalFrames: frames.length };
    this.sendResponse(response);
  }

  protected scopesRequest(
    response: DebugProtocol.ScopesResponse,
    args: DebugProtocol.ScopesArguments,
  ): void {
    void this.answer(response, async () => {
      response.body = { scopes: await this.controller.variables.scopes(args.frameId) };
    });
  }

  protected variablesRequest(
    response: DebugProtocol.VariablesResponse,
    args: DebugProtocol.VariablesArguments,
  ): void {
    // A stale reference (the run moved on while the view was expanding) is not worth a popup.
    void this.answer(
      response,
      async () => {
        response.body = { variables: await this.controller.variables.variables(args) };
      },
      false,
    );
  }

  protected setVariableRequest(
    response: DebugProtocol.SetVariableResponse,
    args: DebugProtocol.SetVariableArguments,
  ): void {
    void this.answer(response, async () => {
      const v = await this.controller.variables.setVariable(args);
      response.body = { value: v.value, type: v.type, variablesReference: v.variablesReference };
    });
  }

  protected evaluateRequest(
    response: DebugProtocol.EvaluateResponse,
    args: DebugProtocol.EvaluateArguments,
  ): void {
    void this.answer(response, async () => {
      const boundary = this.controller.boundaryOfFrame(args.frameId);
      if (boundary === undefined)
        throw new Error('Evaluation needs the workflow to be paused at a step.');
      const v = await this.controller.variables.evaluate(args.expression, boundary);
      response.body = { result: v.value, type: v.type, variablesReference: v.variablesReference };
    });
  }

  protected exceptionInfoRequest(response: DebugProtocol.ExceptionInfoResponse): void {
    const e = this.controller.stop?.exception;
    response.body = {
      exceptionId: e?.filter ?? 'none',
      description: e?.text,
      breakMode: 'always',
    };
    this.sendResponse(response);
  }

  protected continueRequest(response: DebugProtocol.ContinueResponse): void {
    response.body = { allThreadsContinued: true };
    this.resume(response, 'continue');
  }

  protected nextRequest(response: DebugProtocol.NextResponse): void {
    this.resume(response, 'next');
  }

  protected stepInRequest(response: DebugProtocol.StepInResponse): void {
    this.resume(response, 'stepIn');
  }

  protected stepOutRequest(response: DebugProtocol.StepOutResponse): void {
    this.resume(response, 'stepOut');
  }

  /** A run waiting for its async steps' response goes on only once one is answered. */
  private resume(response: Response, kind: 'continue' | 'next' | 'stepIn' | 'stepOut'): void {
    const refused = refusedResume(this.controller.stop?.boundary);
    if (refused) {
      this.sendErrorResponse(response, { id: 1002, format: refused, showUser: true });
      return;
    }
    this.controller.resume(kind);
    this.hold(response);
  }

  protected pauseRequest(response: DebugProtocol.PauseResponse): void {
    this.controller.pause();
    this.sendResponse(response);
  }

  protected terminateRequest(response: DebugProtocol.TerminateResponse): void {
    void this.answer(response, () => this.controller.terminate());
  }

  protected disconnectRequest(response: DebugProtocol.DisconnectResponse): void {
    void this.answer(response, () => this.controller.terminate());
  }

  protected customRequest(command: string, response: DebugProtocol.Response, args: unknown): void {
    void this.answer(response, () => {
      if (command === ForceFailureRequest.command) {
        const waiting = forcedAnswer(this.controller.stop?.boundary, args ?? {});
        if (waiting) this.controller.respondToStep(waiting);
        response.body = (
          waiting
            ? { step: waiting.step, failedNow: true }
            : { step: this.controller.forceFailure(args ?? {}) }
        ) satisfies ForceFailureRequest.Response;
      } else if (command === RespondToStepRequest.command) {
        this.controller.respondToStep(args ?? {});
      } else if (command === ExecutionStateRequest.command) {
        response.body = this.controller.executionState();
      } else if (command === JavaScriptSessionRequest.command) {
        this.controller.javaScriptSession(args as JavaScriptSessionRequest.Arguments);
      } else {
        throw new Error(`Unknown request "${command}".`);
      }
      return Promise.resolve();
    });
  }

  /** Runs a handler and answers with its result, or with its error message. */
  private async answer(
    response: Response,
    work: () => Promise<void>,
    showUser = true,
  ): Promise<void> {
    try {
      await work();
      this.sendResponse(response);
    } catch (err) {
      this.sendErrorResponse(response, {
        id: 1001,
        format: (err as Error).message,
        showUser,
      });
    }
  }
}
