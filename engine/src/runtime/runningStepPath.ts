// How forced failures name steps, pure (no registry): a bare name is a step of the workflow
// itself, a step of a nested workflow (runAsStep) is `<nested workflow id>/<step>`, deeper ones
// `<id>/<id>/<step>`. Imported by the engine's index, the CLI and the debug adapter (both sides).
import type { RunFrame } from '../instrumentation';

/** The path a step of a running workflow is named by (see `forcedFailureTargets`). */
export function runningStepPath(run: RunFrame, step: string): string {
  if (run.parents.length === 0) return step;
  const nested = [...run.parents.slice(1).map((p) => p.workflowId), run.workflowId];
  return `${nested.join('/')}/${step}`;
}

/**
 * Whether `name` names a step of the workflow (undefined) or not: [] when it names nothing,
 * else the paths of the nested steps it could have meant (one: name it by its path; several:
 * ambiguous). `paths` is what `forcedFailureTargets` lists.
 */
export function forcedStepCandidates(paths: readonly string[], name: string): string[] | undefined {
  if (paths.includes(name)) return undefined;
  const last = name.slice(name.lastIndexOf('/') + 1);
  return paths.filter((p) => p === last || p.endsWith(`/${last}`));
}

/** The "did you mean" part of an error for `candidates` (see forcedStepCandidates). */
export function candidatesHint(candidates: readonly string[]): string {
  return candidates.length === 1
    ? `name a nested step by its path: ${candidates[0]}`
    : `it is ambiguous, name one of: ${candidates.join(', ')}`;
}
