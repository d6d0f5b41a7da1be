// parallelize(a, b, c): b and c become siblings of a; later steps go under the last one.
import { currentComposer } from './context';
import type { StepRef } from './createStep';

export function parallelize<T extends unknown[]>(...steps: T): T {
  const c = currentComposer();
  if (!c) throw new Error('parallelize must be used inside a createWorkflow definition');
  const result = [...steps] as T;
  const first = steps.shift() as StepRef | undefined;
  if (!first) throw new Error('Cannot merge less than two actions');
  c.flow.mergeActions(
    first.__step__!,
    (steps as StepRef[]).map((s) => s.__step__!),
  );
  return result;
}
