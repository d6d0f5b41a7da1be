// Debug adapter: the runner child process (dist/runner.js) behind a typed IPC channel. The adapter
// never runs user code itself; ending a session always ends this process, even when a step is
// stuck in an endless loop (SIGTERM, then SIGKILL after a short grace).
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type {
  ChildQuery,
  ChildQueryResult,
  FromChild,
  LoadedWorkflow,
  LoadOptions,
  ToChild,
} from './ipc';

const KILL_GRACE_MS = 300;

// What Node prints on stderr about its own inspector (the JavaScript debugger's attach), which is
// not the user's output.
const INSPECTOR_NOTICE =
  /^(Debugger listening on ws:.*|For help, see: https:\/\/nodejs\.org\/.*inspector.*|Debugger attached\.|Waiting for the debugger to disconnect\.\.\.|Debugger ending on ws:.*)\r?\n/gm;

export function withoutInspectorNotices(text: string): string {
  return text.replace(INSPECTOR_NOTICE, '');
}
const QUERY_TIMEOUT_MS = 5000;

export interface RunnerEvents {
  message(msg: FromChild): void;
  output(category: 'stdout' | 'stderr', text: string): void;
  exit(code: number | null, signal: NodeJS.Signals | null): void;
}

/** Loading the program failed: the runner's message, or (`ended`) how the process ended. */
export class LoadFailure extends Error {
  constructor(
    message: string,
    readonly ended: boolean,
  ) {
    super(message);
  }
}

export function exitText(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `was killed by ${signal}` : `exited with code ${code ?? 'unknown'}`;
}

export class RunnerProcess {
  private readonly child: ChildProcess;
  private exited = false;
  /** The run failed in the engine or the container (a `runError`): said already, with why. */
  runFailed = false;
  private readonly exitPromise: Promise<void>;
  private nextSeq = 1;
  private loading?: { resolve(w: LoadedWorkflow[]): void; reject(e: LoadFailure): void };
  private readonly queries = new Map<
    number,
    { resolve(r: ChildQueryResult): void; reject(e: Error): void }
  >();

  constructor(
    options: { cwd: string; env: Record<string, string> },
    private readonly events: RunnerEvents,
  ) {
    this.child = fork(join(__dirname, 'runner.js'), [], {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    this.child.stdout?.setEncoding('utf8').on('data', (d: string) => events.output('stdout', d));
    this.child.stderr?.setEncoding('utf8').on('data', (d: string) => {
      const text = withoutInspectorNotices(d);
      if (text) events.output('stderr', text);
    });
    // What the workflow process printed before a message is told before it: its stdout and stderr
    // are other pipes, which a busy adapter can find readable in the same turn as the message and
    // read after it, so messages (and the exit) are handled once that turn's reads are done.
    this.child.on('message', (msg: FromChild) => setImmediate(() => this.onMessage(msg)));
    this.child.on('error', () => undefined);
    // If the adapter itself goes away, a child stuck in a loop would never see the IPC close.
    const killOnExit = (): void => {
      if (!this.exited) this.child.kill('SIGKILL');
    };
    process.on('exit', killOnExit);
    this.exitPromise = new Promise((resolve) => {
      this.child.on('exit', (code, signal) => {
        this.exited = true;
        process.off('exit', killOnExit);
        setImmediate(() => this.onExit(code, signal, resolve));
      });
    });
  }

  private onExit(code: number | null, signal: NodeJS.Signals | null, resolve: () => void): void {
    for (const q of this.queries.values()) q.reject(new Error('The workflow process has ended.'));
    this.queries.clear();
    this.loading?.reject(new LoadFailure(exitText(code, signal), true));
    this.loading = undefined;
    this.events.exit(code, signal);
    resolve();
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get alive(): boolean {
    return !this.exited;
  }

  send(msg: ToChild): void {
    if (this.exited || !this.child.connected) return;
    this.child.send(msg, () => undefined);
  }

  /** Loads the user's program in the child; rejects with a LoadFailure. */
  load(options: LoadOptions): Promise<LoadedWorkflow[]> {
    return new Promise((resolve, reject) => {
      this.loading = { resolve, reject };
      this.send({ type: 'load', options });
    });
  }

  query(query: ChildQuery): Promise<ChildQueryResult> {
    if (this.exited) return Promise.reject(new Error('The workflow process has ended.'));
    const seq = this.nextSeq++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.queries.delete(seq);
        reject(new Error('The workflow process did not answer (a step may be busy running).'));
      }, QUERY_TIMEOUT_MS);
      this.queries.set(seq, {
        resolve: (r) => (clearTimeout(timer), resolve(r)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      });
      this.send({ type: 'query', seq, query });
    });
  }

  /** Ends the child: SIGTERM, then SIGKILL if it is still there after a short grace. */
  async kill(): Promise<void> {
    if (this.exited) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => {
      if (!this.exited) this.child.kill('SIGKILL');
    }, KILL_GRACE_MS);
    await this.exitPromise;
    clearTimeout(timer);
  }

  whenExited(): Promise<void> {
    return this.exitPromise;
  }

  private onMessage(msg: FromChild): void {
    if (msg.type === 'loaded' || msg.type === 'loadError') {
      if (msg.type === 'loaded') this.loading?.resolve(msg.workflows);
      else this.loading?.reject(new LoadFailure(msg.message, false));
      this.loading = undefined;
      return;
    }
    if (msg.type === 'runError') this.runFailed = true;
    if (msg.type === 'queryResult') {
      const q = this.queries.get(msg.seq);
      if (!q) return;
      this.queries.delete(msg.seq);
      if (msg.result) q.resolve(msg.result);
      else q.reject(new Error(msg.error ?? 'query failed'));
      return;
    }
    this.events.message(msg);
  }
}
