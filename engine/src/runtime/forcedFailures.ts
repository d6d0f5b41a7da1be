// The steps a forced failure (`--fail`, `failSteps`, "Fail This Step") may name in a workflow,
// read from the definition registry: own steps bare, nested workflows' (runAsStep) by path.
// Used by the CLI and the debug adapter's runner through the engine's index.
import { getDefinition } from './definition';

const AS_STEP = '-as-step';

/** Every step a forced failure can name in workflow `id`: own steps bare, nested ones by path. */
export function forcedFailureTargets(id: string): string[] {
  const out: string[] = [];
  const walk = (workflowId: string, prefix: string, seen: ReadonlySet<string>): void => {
    const def = getDefinition(workflowId);
    if (!def) return;
    for (const step of def.plan.steps) {
      out.push(prefix + step.name);
      const nested = nestedWorkflowOf(step.name);
      if (nested && !seen.has(nested)) {
        walk(nested, `${prefix}${nested}/`, new Set([...seen, nested]));
      }
    }
  };
  walk(id, '', new Set([id]));
  return out;
}

/** The workflow a runAsStep step runs (`<id>-as-step`), when it is registered. */
function nestedWorkflowOf(step: string): string | undefined {
  if (!step.endsWith(AS_STEP)) return undefined;
  const id = step.slice(0, -AS_STEP.length);
  return getDefinition(id) ? id : undefined;
}
