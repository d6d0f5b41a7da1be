// Extension host: "debugStepCode" (issue 11). When a medusa-workflow session asks, attaches VS
// Code's JavaScript debugger (js-debug, `pwa-node`) to the workflow process as a child session of
// it, arms Step Into's one-shot breakpoint, and tells the adapter when that session pauses or is
// resumed (what and when: jsSessionReports.ts). Registered by extension.ts.
import * as vscode from 'vscode';
import {
  AttachJavaScriptEvent,
  DEBUG_TYPE,
  JavaScriptSessionRequest,
  ResumeJavaScriptEvent,
  StepIntoHandlerEvent,
  type JavaScriptFrame,
} from '../../../shared/protocol/debugProtocol';
import { JavaScriptReports } from './jsSessionReports';

const JS_DEBUG = 'ms-vscode.js-debug';
const JS_TYPE = 'pwa-node';
/** How long Step Into waits for the JavaScript session to confirm its one-shot breakpoint: it
 * always answers, in seconds when the machine is busy (a shorter wait made Step Into run past
 * the handler at load 30 on 2 cores). */
const ARM_WAIT_MS = 15_000;

interface DapMessage {
  type?: string;
  command?: string;
  event?: string;
  success?: boolean;
  arguments?: { source?: { path?: string } };
  body?: { threadId?: number; stackFrames?: { line: number; source?: { path?: string } }[] };
}

/** The medusa-workflow session a JavaScript session was started for (its parent chain). */
function workflowSessionOf(session: vscode.DebugSession): vscode.DebugSession | undefined {
  for (let s: vscode.DebugSession | undefined = session; s; s = s.parentSession)
    if (s.type === DEBUG_TYPE) return s;
  return undefined;
}

function tell(session: vscode.DebugSession, args: JavaScriptSessionRequest.Arguments): void {
  session.customRequest(JavaScriptSessionRequest.command, args).then(undefined, () => undefined);
}

function located(m: DapMessage): JavaScriptFrame[] {
  const frames: JavaScriptFrame[] = [];
  for (const f of m.body?.stackFrames ?? [])
    if (f.source?.path) frames.push({ path: f.source.path, line: f.line });
  return frames;
}

export class StepCodeSessions implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  /** Step Into's one-shot breakpoint, removed at the next stop of either session. */
  private oneShot?: vscode.SourceBreakpoint;
  private breakpointsSet?: { path: string; done: () => void };
  /** Where each workflow session's JavaScript session last stopped (by workflow session id). */
  private readonly jsStops = new Map<string, { session: vscode.DebugSession; threadId: number }>();

  constructor() {
    this.disposables.push(
      vscode.debug.registerDebugConfigurationProvider(DEBUG_TYPE, {
        resolveDebugConfigurationWithSubstitutedVariables: (_folder, config) => {
          config.debugStepCode ??= vscode.extensions.getExtension(JS_DEBUG) !== undefined;
          return config;
        },
      }),
      vscode.debug.onDidReceiveDebugSessionCustomEvent((e) => {
        if (e.session.type !== DEBUG_TYPE) return;
        if (e.event === AttachJavaScriptEvent.event)
          void this.attach(e.session, e.body as AttachJavaScriptEvent.Body);
        else if (e.event === StepIntoHandlerEvent.event)
          void this.arm(e.session, e.body as StepIntoHandlerEvent.Body);
        else if (e.event === ResumeJavaScriptEvent.event)
          this.resumeJavaScript(e.session, e.body as ResumeJavaScriptEvent.Body);
      }),
      vscode.debug.registerDebugAdapterTrackerFactory(JS_TYPE, {
        createDebugAdapterTracker: (session) => {
          const workflow = workflowSessionOf(session);
          return workflow ? this.tracker(workflow, session) : undefined;
        },
      }),
      vscode.debug.registerDebugAdapterTrackerFactory(DEBUG_TYPE, {
        createDebugAdapterTracker: () => ({
          onDidSendMessage: (m: DapMessage) => {
            if (m.type === 'event' && m.event === 'stopped') this.disarm();
          },
          onExit: () => this.disarm(),
        }),
      }),
    );
  }

  private async attach(
    session: vscode.DebugSession,
    body: AttachJavaScriptEvent.Body,
  ): Promise<void> {
    const config: vscode.DebugConfiguration = {
      type: JS_TYPE,
      request: 'attach',
      name: 'JavaScript (step code)',
      websocketAddress: body.websocketAddress,
      skipFiles: body.skipFiles,
      resolveSourceMapLocations: body.resolveSourceMapLocations,
      // Everything is loaded before the attach: no need to scan the workspace for outputs.
      outFiles: [],
      autoAttachChildProcesses: false,
      continueOnAttach: true,
      restart: false,
    };
    try {
      const ok = await vscode.debug.startDebugging(session.workspaceFolder, config, {
        parentSession: session,
        lifecycleManagedByParent: true,
        consoleMode: vscode.DebugConsoleMode.MergeWithParent,
        suppressSaveBeforeStart: true,
      });
      tell(session, ok ? { kind: 'attached' } : { kind: 'failed', message: 'it did not start' });
    } catch (err) {
      tell(session, { kind: 'failed', message: (err as Error).message });
    }
  }

  private async arm(session: vscode.DebugSession, body: StepIntoHandlerEvent.Body): Promise<void> {
    this.disarm();
    const uri = vscode.Uri.file(body.file);
    const bp = new vscode.SourceBreakpoint(
      new vscode.Location(uri, new vscode.Position(body.line, 0)),
    );
    const set = new Promise<void>((done) => (this.breakpointsSet = { path: uri.fsPath, done }));
    this.oneShot = bp;
    vscode.debug.addBreakpoints([bp]);
    await Promise.race([set, new Promise((r) => setTimeout(r, ARM_WAIT_MS))]);
    this.breakpointsSet = undefined;
    tell(session, { kind: 'armed' });
  }

  private disarm(): void {
    const bp = this.oneShot;
    this.oneShot = undefined;
    if (bp) vscode.debug.removeBreakpoints([bp]);
  }

  /** Continue or a step pressed on the workflow thread that shows the paused step's frames. */
  private resumeJavaScript(workflow: vscode.DebugSession, body: ResumeJavaScriptEvent.Body): void {
    const at = this.jsStops.get(workflow.id);
    if (!at) return;
    at.session.customRequest(body.how, { threadId: at.threadId }).then(undefined, () => undefined);
  }

  private tracker(
    workflow: vscode.DebugSession,
    js: vscode.DebugSession,
  ): vscode.DebugAdapterTracker {
    const requests = new Map<number, DapMessage>();
    // The views' own stack requests: their answers say which step's code is paused (no request
    // of ours slows stepping down).
    const stacks = new Set<number>();
    const reports = new JavaScriptReports((args) => tell(workflow, args));
    return {
      onWillReceiveMessage: (m: DapMessage & { seq?: number }) => {
        if (m.type !== 'request') return;
        if (m.command === 'setBreakpoints' && m.seq !== undefined) requests.set(m.seq, m);
        if (m.command === 'stackTrace' && m.seq !== undefined) stacks.add(m.seq);
        reports.request(m.command);
      },
      onExit: () => {
        this.jsStops.delete(workflow.id);
        reports.exit();
      },
      onDidSendMessage: (m: DapMessage & { request_seq?: number }) => {
        if (m.type === 'event' && m.event === 'stopped') {
          this.disarm();
          this.jsStops.set(workflow.id, { session: js, threadId: m.body?.threadId ?? 0 });
          reports.stopped();
        }
        if (m.type === 'response' && m.command === 'stackTrace' && m.request_seq !== undefined) {
          if (stacks.delete(m.request_seq)) reports.stack(located(m));
        }
        if (m.type === 'response' && m.command === 'setBreakpoints') {
          const req = m.request_seq !== undefined ? requests.get(m.request_seq) : undefined;
          if (m.request_seq !== undefined) requests.delete(m.request_seq);
          const path = req?.arguments?.source?.path;
          if (
            path &&
            this.breakpointsSet &&
            vscode.Uri.file(path).fsPath === this.breakpointsSet.path
          )
            this.breakpointsSet.done();
        }
      },
    };
  }

  dispose(): void {
    this.disarm();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
