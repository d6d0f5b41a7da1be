// The one hook an engine needs to attribute container calls to steps, without knowing about
// mocks: before building a step's context it asks the run's container for a per-step view.
import { STEP_SCOPE } from '../runtime/stepContainers';
import type { StepScope } from './types';

export { STEP_SCOPE };

/** The container to give a step's handler: the per-step view when the container offers one. */
export function containerForStep<C>(container: C, scope: StepScope): C {
  if (typeof container !== 'object' || container === null) return container;
  const make = (container as { [STEP_SCOPE]?: unknown })[STEP_SCOPE];
  return typeof make === 'function' ? (make.call(container, scope) as C) : container;
}
