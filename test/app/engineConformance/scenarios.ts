// App conformance scenarios (mocha, Node): the workflows both the app's workflow engine and ours
// run: waves, failures and compensation order, nesting at several depths, async steps completed
// later, background steps, retries with and without retryInterval. Imported by appEngine.test.ts.
import { messageOf, type Driver, type Ending, type Wf } from './drivers';
import type { Ctx, Scenario } from './scenario';

/** a, then b and c together, then d (fed by both). */
function waves(fail?: string, compFail?: string): Scenario {
  return {
    name: `waves${fail ? `-fail-${fail}` : ''}${compFail ? `-compfail-${compFail}` : ''}`,
    input: { v: 1 },
    build(c) {
      const { createWorkflow, parallelize, WorkflowResponse } = c.sdk;
      const spec = (name: string) => ({ fail: fail === name, compFail: compFail === name });
      const a = c.step('a', { ...spec('a'), out: (i: unknown) => ({ a: i }) });
      const b = c.step('b', spec('b'));
      const s = c.step('c', spec('c'));
      const d = c.step('d', { ...spec('d'), out: (i: unknown) => i });
      return createWorkflow(c.id(), (input: { v: number }) => {
        const ra = a(input);
        const [rb, rc] = parallelize(b(ra), s(ra));
        return new WorkflowResponse(d({ rb, rc }));
      });
    },
  };
}

/** p1, then `depth` nested workflows one inside the other (each: its own step, then the next
 * level), then p2. `fail` names the step that throws: p1, p2 or l<level> (1 is the outermost). */
function nested(depth: number, fail?: string): Scenario {
  return {
    name: `nested-depth-${depth}${fail ? `-fail-${fail}` : ''}`,
    input: { v: 1 },
    build(c) {
      const { createWorkflow, WorkflowResponse } = c.sdk;
      let inner: Wf | undefined;
      for (let level = depth; level >= 1; level--) {
        const own = c.step(`l${level}`, {
          fail: fail === `l${level}`,
          out: (i: unknown) => ({ level, i }),
        });
        const next = inner;
        inner = createWorkflow(c.id(`level${level}`), (input: unknown) => {
          const r = own(input);
          const deeper = next ? next.runAsStep({ input: r }) : r;
          return new WorkflowResponse({ r, deeper });
        });
      }
      const child = inner!;
      const p1 = c.step('p1', { fail: fail === 'p1' });
      const p2 = c.step('p2', { fail: fail === 'p2', out: (i: unknown) => i });
      return createWorkflow(c.id(), (input: { v: number }) => {
        p1();
        const sub = child.runAsStep({ input: { v: input.v } });
        return new WorkflowResponse(p2({ sub }));
      });
    },
  };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
}

/** a, then an async step waiting for its response, then b (fed by the response). */
function awaitingFlow(c: Ctx): Wf {
  const { createWorkflow, WorkflowResponse } = c.sdk;
  const a = c.step('a');
  const wait = c.step('wait', { config: { async: true } });
  const b = c.step('b', { out: (i: unknown) => i });
  return createWorkflow(c.id(), () => {
    a();
    const w = wait({ go: true });
    return new WorkflowResponse(b({ w }));
  });
}

function asyncResponse(outcome: 'success' | 'failure'): Scenario {
  return {
    name: `async-step-set-${outcome}`,
    build: awaitingFlow,
    async act(d: Driver, _wf: Wf, c: Ctx, tx: string): Promise<Ending> {
      await d.start(_wf, tx);
      await settle();
      const key = `${c.id()}:${tx}:wait:invoke`;
      if (outcome === 'success') await d.setStepSuccess(key, { answer: 42 });
      else await d.setStepFailure(key, new Error('remote failed'));
      return d.ended(tx);
    },
  };
}

/** A nested workflow with an async step: the parent's as-step waits for the child. */
function asyncChild(outcome: 'success' | 'failure'): Scenario {
  return {
    name: `async-step-in-child-set-${outcome}`,
    build(c) {
      const { createWorkflow, WorkflowResponse } = c.sdk;
      const child = awaitingFlow({ ...c, id: (suffix) => c.id(suffix ?? 'child') });
      const p1 = c.step('p1');
      const p2 = c.step('p2', { out: (i: unknown) => i });
      return createWorkflow(c.id(), () => {
        p1();
        const sub = child.runAsStep({ input: {} });
        return new WorkflowResponse(p2({ sub }));
      });
    },
    async act(d, wf, c, tx) {
      await d.start(wf, tx);
      await settle();
      const childId = c.id('child');
      const key = `${childId}:${childId}-as-step-${tx}:wait:invoke`;
      // The call that finishes the child also moves the parent on: and rejects with its error.
      const call =
        outcome === 'success'
          ? d.setStepSuccess(key, { answer: 7 })
          : d.setStepFailure(key, new Error('remote failed'));
      const settled = await call.then(
        () => 'resolved',
        (e: unknown) => `rejected: ${messageOf(e)}`,
      );
      return { ...(await d.ended(tx)), call: settled };
    },
  };
}

function background(fail: boolean): Scenario {
  return {
    name: `background-step${fail ? '-fails' : ''}`,
    build(c) {
      const { createWorkflow, WorkflowResponse } = c.sdk;
      const a = c.step('a');
      const bg = c.step('bg', { fail, config: { async: true, backgroundExecution: true } });
      const b = c.step('b', { out: (i: unknown) => i });
      return createWorkflow(c.id(), () => {
        a();
        const r = bg({ go: true });
        return new WorkflowResponse(b({ r }));
      });
    },
  };
}

function retries(name: string, fail: number, config: Record<string, unknown>): Scenario {
  return {
    name,
    build(c) {
      const { createWorkflow, WorkflowResponse } = c.sdk;
      const a = c.step('a');
      const flaky = c.step('flaky', { fail, config });
      return createWorkflow(c.id(), () => {
        a();
        return new WorkflowResponse(flaky());
      });
    },
  };
}

export const appScenarios: Scenario[] = [
  waves(),
  waves('d'),
  waves('c'),
  waves('d', 'b'),
  nested(1),
  nested(1, 'p1'),
  nested(1, 'l1'),
  nested(1, 'p2'),
  nested(2, 'l2'),
  nested(2, 'p2'),
  nested(3, 'l3'),
  nested(3, 'p2'),
  asyncResponse('success'),
  asyncResponse('failure'),
  asyncChild('success'),
  asyncChild('failure'),
  background(false),
  background(true),
  retries('retry-max-retries-then-success', 2, { maxRetries: 2 }),
  retries('retry-exhausted', 5, { maxRetries: 1 }),
  retries('retry-interval-then-success', 1, { maxRetries: 1, retryInterval: 1 }),
];
