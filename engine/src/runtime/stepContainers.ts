// The hook a container offers to hand each step a view of itself (so calls are attributed to
// the step). Runtime side: runtime/run.ts asks it; mock/ containers implement it.
import type { RunFrame, StepAction } from '../instrumentation';
import type { Container } from './container';

/** A container exposing this method hands out per-step views of itself. */
export const STEP_SCOPE = Symbol.for('medusa-workflows.containerForStep');

/** What a container's STEP_SCOPE method is given. */
export interface StepScopeRequest {
  step: string;
  action: StepAction;
  run?: RunFrame;
}

/** Remembers the last container's STEP_SCOPE method, so a step's lookup costs one call. */
export class StepContainers {
  private container: Container | undefined;
  private scopeOf: ((scope: StepScopeRequest) => Container) | undefined;

  /** The container a step's handler gets: the per-step view when the container offers one. */
  forStep(container: Container, step: string, action: StepAction, run?: RunFrame): Container {
    if (container !== this.container) {
      this.container = container;
      const make = (container as { [STEP_SCOPE]?: unknown } | null)?.[STEP_SCOPE];
      this.scopeOf =
        typeof make === 'function' ? (make as (s: StepScopeRequest) => Container) : undefined;
    }
    const scopeOf = this.scopeOf;
    return scopeOf ? scopeOf.call(container, { step, action, run }) : container;
  }
}
