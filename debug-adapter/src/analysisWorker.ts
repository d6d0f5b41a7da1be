// Worker thread of the debug adapter (dist/analysisWorker.js), started by analysisThread.ts:
// runs the static analysis (and loads the TypeScript compiler) beside the adapter's main thread,
// which keeps answering DAP and the runner meanwhile. Nothing imports this file.
import { workerData, type MessagePort } from 'node:worker_threads';
import { createAnalyzer } from '../../server/src/analysis/index';
import { analyzeSession } from './analysisRounds';
import type { AnalysisReply, AnalysisRequest, AnalysisThreadData } from './analysisThread';

const { port, signal } = workerData as AnalysisThreadData & { port: MessagePort };
const flag = new Int32Array(signal);
// Requiring the analyzer loaded the compiler already, at the thread's start: before any request.
port.on('message', (request: AnalysisRequest) => {
  let reply: AnalysisReply;
  try {
    // A fresh analyzer per request: files are read as they are now, as in the main thread.
    reply = { seq: request.seq, ...analyzeSession(createAnalyzer(), request.entries) };
  } catch (err) {
    reply = { seq: request.seq, error: err instanceof Error ? err.message : String(err) };
  }
  // The message is queued before the flag moves: a main thread woken by it finds the reply.
  port.postMessage(reply);
  Atomics.store(flag, 0, request.seq);
  Atomics.notify(flag, 0);
});
