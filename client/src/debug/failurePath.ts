// Extension host, pure: the name a forced failure ("Fail This Step") gives a graph node, so the
// failure lands on the exact node clicked. Imported by the graph node commands and unit tests.

/**
 * `key` is the node's graph id, `<as-step node id>::...::<step>` inside nested workflows: the
 * bare step name at the top level, else the nested workflows' ids and the step joined by `/`
 * (the engine's step paths). `findNode` looks a graph id up (a nested-workflow node's `name` is
 * the workflow id).
 */
export function failurePath(
  key: string,
  findNode: (key: string) => { name: string } | undefined,
): string {
  const parts = key.split('::');
  const workflows = parts
    .slice(0, -1)
    .map((part, i) => findNode(parts.slice(0, i + 1).join('::'))?.name ?? part);
  return [...workflows, parts[parts.length - 1]!].join('/');
}
