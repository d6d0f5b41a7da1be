// Debug adapter: runs the session's static analysis in a worker thread (analysisWorker.ts), so
// loading the TypeScript compiler and analyzing never hold up the runner's messages. Answers are
// collected synchronously (StepLocations' API stays synchronous, so DAP requests keep their order):
// the main thread blocks only for whatever is still left of the work when it needs the answer.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { AnalysisResult } from '../../server/src/analysis/index';

export interface AnalysisRequest {
  seq: number;
  entries: string[];
}

export type AnalysisReply =
  | { seq: number; result: AnalysisResult; entries: string[]; error?: undefined }
  | { seq: number; error: string };

export interface AnalysisThreadData {
  signal: SharedArrayBuffer;
}

/** Past this, a worker that has not answered is given up on (the caller analyzes in-thread). */
const GIVE_UP_MS = 30_000;

export class AnalysisThread {
  private readonly worker: Worker;
  private readonly port;
  private readonly flag = new Int32Array(new SharedArrayBuffer(4));
  private seq = 0;
  private failed = false;

  private constructor(file: string) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const data: AnalysisThreadData & { port: unknown } = { signal: this.flag.buffer, port: port2 };
    this.worker = new Worker(file, { workerData: data, transferList: [port2] });
    this.worker.unref();
    this.worker.on('error', () => (this.failed = true));
    this.worker.on('exit', () => (this.failed = true));
  }

  /** A thread, or undefined when the worker bundle is not beside this one (then analyze here). */
  static start(): AnalysisThread | undefined {
    const file = join(__dirname, 'analysisWorker.js');
    if (!existsSync(file)) return undefined;
    try {
      return new AnalysisThread(file);
    } catch {
      return undefined;
    }
  }

  /** Starts analyzing `entries`; a later request supersedes the earlier ones. */
  request(entries: string[]): void {
    this.seq += 1;
    this.port.postMessage({ seq: this.seq, entries } satisfies AnalysisRequest);
  }

  /** The answer to the latest request, waiting for it; undefined if the worker failed. */
  join(): AnalysisReply | undefined {
    const deadline = Date.now() + GIVE_UP_MS;
    for (;;) {
      for (let m = receiveMessageOnPort(this.port); m; m = receiveMessageOnPort(this.port)) {
        const reply = m.message as AnalysisReply;
        if (reply.seq === this.seq) return reply;
      }
      if (this.failed || Date.now() > deadline) return undefined;
      // Wakes when the worker moves the flag; the slice bounds the wait if it died silently.
      Atomics.wait(this.flag, 0, Atomics.load(this.flag, 0), 50);
    }
  }

  dispose(): void {
    this.failed = true;
    void this.worker.terminate();
  }
}
