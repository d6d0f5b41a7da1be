// Failure semantics: retries, permanent failures, skip, continue/skip on permanent failure,
// compensation failures, thrown error shapes.

import type { Helpers, Scenario, StepSpec } from '../harness';

/** a -> x (spec) -> c, with optional extra tail failure. */
function around(name: string, spec: StepSpec, tail: StepSpec = {}): Scenario {
  return {
    name,
    input: { v: 1 },
    build(h: Helpers) {
      const { createWorkflow, WorkflowResponse } = h.sdk;
      const a = h.step('a');
      const x = h.step('x', spec);
      const c = h.step('c', tail);
      return createWorkflow(h.id(), (input: unknown) => {
        const ra = a(input);
        const rx = x({ from: ra });
        const rc = c({ x: rx });
        return new WorkflowResponse({ rx, rc });
      });
    },
  };
}

function thrower(name: string, value: () => unknown): Scenario {
  return {
    name,
    build(h) {
      const { createWorkflow, createStep } = h.sdk;
      const a = h.step('a');
      const bad = createStep('bad', async () => {
        await h.tick();
        throw value();
      });
      return createWorkflow(h.id(), () => {
        a();
        bad();
      });
    },
  };
}

export const failureScenarios: Scenario[] = [
  around('retry-then-success', { fail: 2, config: { maxRetries: 2 } }),
  around('retry-exhausted', { fail: true, config: { maxRetries: 2 } }),
  around('retry-on-last-step', {}, { fail: 1, config: { maxRetries: 1 } }),
  around('permanent-failure-no-retry', { fail: 'permanent', config: { maxRetries: 3 } }),
  around('permanent-failure-compensate-input', { fail: 'permanent-with-input' }),
  around('skip-response', { skip: true }),
  around('continue-on-permanent-failure', {
    fail: true,
    config: { continueOnPermanentFailure: true },
  }),
  around(
    'continue-then-later-failure',
    { fail: true, config: { continueOnPermanentFailure: true } },
    { fail: true },
  ),
  around('skip-on-permanent-failure', { fail: true, config: { skipOnPermanentFailure: true } }),
  around('compensation-fails', { out: { x: 1 } }, { fail: true }),
  around('no-compensate-fn', { compensate: false }, { fail: true }),
  around('save-response-false', { config: { saveResponse: false } }, { fail: true }),
  {
    name: 'skip-on-permanent-failure-until',
    build(h) {
      const { createWorkflow } = h.sdk;
      const a = h.step('a', { fail: true, config: { skipOnPermanentFailure: 'd' } });
      const [b, c, d, e] = ['b', 'c', 'd', 'e'].map((n) => h.step(n));
      return createWorkflow(h.id(), () => {
        a();
        b!();
        c!();
        d!();
        e!();
      });
    },
  },
  {
    name: 'compensation-failure-others-continue',
    build(h) {
      const { createWorkflow, parallelize } = h.sdk;
      const a = h.step('a');
      const b = h.step('b', { compFail: true });
      const c = h.step('c');
      const d = h.step('d', { fail: true });
      return createWorkflow(h.id(), () => {
        a();
        parallelize(b(), c());
        d();
      });
    },
  },
  {
    name: 'compensation-retry-succeeds',
    build(h) {
      const { createWorkflow } = h.sdk;
      const a = h.step('a', { compFail: 1, config: { maxRetries: 1 } });
      const b = h.step('b', { fail: true });
      return createWorkflow(h.id(), () => {
        a();
        b();
      });
    },
  },
  {
    name: 'parallel-branch-failure',
    build(h) {
      const { createWorkflow, parallelize } = h.sdk;
      const a = h.step('a');
      const p1 = h.step('p1', { delay: 20 });
      const p2 = h.step('p2', { fail: true });
      const p3 = h.step('p3');
      const z = h.step('z');
      return createWorkflow(h.id(), () => {
        a();
        parallelize(p1(), p2(), p3());
        z();
      });
    },
  },
  {
    name: 'parallel-retry-next-wave',
    build(h) {
      const { createWorkflow, parallelize } = h.sdk;
      const p1 = h.step('p1', { fail: 1, config: { maxRetries: 1 } });
      const p2 = h.step('p2');
      const z = h.step('z');
      return createWorkflow(h.id(), () => {
        parallelize(p1(), p2());
        z();
      });
    },
  },
  {
    name: 'parallel-skip-branch',
    build(h) {
      const { createWorkflow, parallelize, WorkflowResponse } = h.sdk;
      const p1 = h.step('p1', { skip: true });
      const p2 = h.step('p2');
      const z = h.step('z');
      return createWorkflow(h.id(), () => {
        const [r1, r2] = parallelize(p1(), p2());
        const rz = z({ r1, r2 });
        return new WorkflowResponse({ r1, rz });
      });
    },
  },
  thrower('throw-string', () => 'plain string'),
  thrower('throw-object-with-message', () => ({ message: 'obj message', code: 42 })),
  thrower('throw-object-without-message', () => ({ code: 42 })),
  thrower('throw-custom-error', () => Object.assign(new TypeError('typed'), { detail: { a: 1 } })),
];
