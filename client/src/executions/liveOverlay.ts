// Extension host (Workflow Executions, Live) and unit tests: what a live event of
// workflow-engine-redis changes, as pure functions: a recorded graph's overlay, a list row's
// state, and the sentence the view shows for a followed workflow. No vscode here.
import type { ExecutionRecord, ExecutionSummary } from '../../../engine/src/executions/record';
import type { LiveEvent } from '../../../engine/src/executions/live';
import type { DisplayState, NodeRunState, Overlay } from '../graph/messages';

/** Medusa publishes a workflow's events only when its flow has an async step (`hasAsyncSteps`). */
export function publishesLive(record: Pick<ExecutionRecord, 'steps'>): boolean {
  return record.steps.some((s) => s.async);
}

/** The sentence for a followed workflow, or undefined when Live is off. */
export function liveNote(
  workflowId: string,
  publishes: boolean | undefined,
  following: boolean,
): string | undefined {
  if (!following) return undefined;
  if (publishes === false) {
    return `Live: ${workflowId} publishes nothing (Medusa publishes only workflows with an async step); refresh for its stored state.`;
  }
  return `Live: following orchestrator:${workflowId}.`;
}

/** An overlay for a transaction seen live and not stored (yet): every code step pending. */
export function emptyLiveOverlay(transactionId: string, codeSteps: readonly string[]): Overlay {
  const nodes: Overlay['nodes'] = {};
  for (const step of codeSteps) nodes[step] = { invoke: 'pending', compensate: 'pending' };
  return {
    nodes,
    rollback: [],
    runState: 'invoking',
    ended: false,
    recorded: { execution: transactionId, transactionId, mismatches: [] },
  };
}

const FINAL = new Set(['done', 'reverted', 'failed']);

/** The overlay after one event of its transaction (the events of others change nothing). */
export function applyLiveEvent(overlay: Overlay, event: LiveEvent): Overlay {
  if (overlay.recorded?.transactionId !== event.transactionId) return overlay;
  const nodes = { ...overlay.nodes };
  const rollback = [...overlay.rollback];
  let { runState, ended, failed } = overlay;
  const set = (part: keyof NodeRunState, state: DisplayState): void => {
    if (!event.step) return;
    const node = nodes[event.step] ?? { invoke: 'pending', compensate: 'pending' };
    nodes[event.step] = { ...node, [part]: state };
  };
  switch (event.eventType) {
    case 'onBegin':
    case 'onResume':
      runState = 'invoking';
      ended = false;
      break;
    case 'onStepBegin':
    case 'onStepAwaiting':
      set('invoke', 'running');
      break;
    case 'onStepSuccess':
      set('invoke', 'done');
      break;
    case 'onStepFailure':
    case 'onTimeout':
      set('invoke', 'failed');
      failed ??= event.step;
      break;
    case 'onCompensateBegin':
      runState = 'compensating';
      break;
    case 'onCompensateStepSuccess':
      set('compensate', 'compensated');
      if (event.step && !rollback.includes(event.step)) rollback.push(event.step);
      break;
    case 'onCompensateStepFailure':
      set('compensate', 'failed');
      if (event.step && !rollback.includes(event.step)) rollback.push(event.step);
      break;
    case 'onFinish':
      runState = event.state ?? runState;
      ended = FINAL.has(runState);
      if (ended) {
        for (const [id, node] of Object.entries(nodes)) {
          if (node.invoke === 'pending') nodes[id] = { ...node, invoke: 'not-run' };
        }
      }
      break;
  }
  return { ...overlay, nodes, rollback, runState, ended, ...(failed ? { failed } : {}) };
}

/** A list row as the events received since it was read say it is now. */
export function applyLiveSummary(
  summary: ExecutionSummary,
  events: readonly LiveEvent[],
): ExecutionSummary {
  let state = summary.state;
  for (const e of events) {
    if (e.eventType === 'onBegin' || e.eventType === 'onResume') state = 'invoking';
    else if (e.eventType === 'onCompensateBegin') state = 'compensating';
    else if (e.eventType === 'onFinish' && e.state) state = e.state as ExecutionSummary['state'];
  }
  return { ...summary, state };
}

/** The last event in words, for a list row: `await-approval awaiting`, `finished done`. */
export function describeLiveEvent(event: LiveEvent): string {
  const words: Record<string, string> = {
    onBegin: 'began',
    onResume: 'resumed',
    onStepBegin: 'running',
    onStepAwaiting: 'awaiting',
    onStepSuccess: 'done',
    onStepFailure: 'failed',
    onTimeout: 'timed out',
    onCompensateBegin: 'rolling back',
    onCompensateStepSuccess: 'compensated',
    onCompensateStepFailure: 'compensation failed',
    onFinish: `finished ${event.state ?? ''}`.trim(),
  };
  const word = words[event.eventType] ?? event.eventType;
  return event.step ? `${event.step} ${word}` : word;
}
