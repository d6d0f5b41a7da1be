// Language-server process: "Preview graph", "Debug workflow" and "Run with failure..." above each
// createWorkflow. The commands are the client's; each gets `{ workflow, file }`.
import type { CodeLens } from 'vscode-languageserver';
import type { WorkflowCommandArgs } from '../protocol';
import type { ServerContext } from './context';

const lenses = [
  { title: 'Preview graph', command: 'medusaWorkflows.previewGraph' },
  { title: 'Debug workflow', command: 'medusaWorkflows.debugWorkflow' },
  { title: 'Run with failure...', command: 'medusaWorkflows.runWithFailure' },
] as const;

export function registerCodeLens(ctx: ServerContext): void {
  ctx.connection.onCodeLens(async (params) => {
    const uri = params.textDocument.uri;
    if (!(await ctx.settings(uri)).codeLens.enable) return [];
    const path = ctx.fresh(uri);
    if (!path) return [];
    const out: CodeLens[] = [];
    for (const workflow of ctx.index.facts(path)?.workflows ?? []) {
      if (workflow.dynamic) continue;
      const start = workflow.location.span.start;
      const range = { start, end: start };
      const args: WorkflowCommandArgs = { workflow: workflow.id, file: path };
      for (const lens of lenses) {
        out.push({
          range,
          command: { title: lens.title, command: lens.command, arguments: [args] },
        });
      }
    }
    return out;
  });
}
