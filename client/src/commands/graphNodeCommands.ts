// Extension host: the graph node's context menu (webview/context): toggle a breakpoint on the
// step or on its compensation, fail the step in the running session, go to its definition.
// The argument is the node's data-vscode-context object; it is validated before use.
import * as vscode from 'vscode';
import { DEBUG_TYPE, ForceFailureRequest } from '../../../shared/protocol/debugProtocol';
import { toggleCompensationBreakpoint, toggleStepBreakpoint } from '../debug/breakpoints';
import { failurePath } from '../debug/failurePath';
import { GraphPanel } from '../graph/graphPanel';
import type { CommandDeps } from './commands';

function nodeArg(arg: unknown): string | undefined {
  const node = (arg as { node?: unknown } | undefined)?.node;
  return typeof node === 'string' && node.length < 1000 ? node : undefined;
}

function withNode<T>(fn: (panel: GraphPanel, id: string) => T): (arg: unknown) => T | undefined {
  return (arg) => {
    const id = nodeArg(arg);
    const panel = GraphPanel.current;
    if (!id || !panel) return undefined;
    return fn(panel, id);
  };
}

function medusaSession(): vscode.DebugSession | undefined {
  const active = vscode.debug.activeDebugSession;
  return active?.type === DEBUG_TYPE ? active : undefined;
}

export function registerGraphNodeCommands(
  context: vscode.ExtensionContext,
  _deps: CommandDeps,
): void {
  const reg = (id: string, fn: (arg: unknown) => unknown): void => {
    context.subscriptions.push(vscode.commands.registerCommand(id, fn));
  };
  reg(
    'medusaWorkflows.graph.toggleStepBreakpoint',
    withNode((panel, id) => {
      const node = panel.findNode(id);
      return node && panel.graph ? toggleStepBreakpoint(node, panel.graph.steps) : undefined;
    }),
  );
  reg(
    'medusaWorkflows.graph.toggleCompensationBreakpoint',
    withNode((panel, id) => {
      const node = panel.findNode(id);
      return node && panel.graph
        ? toggleCompensationBreakpoint(node, panel.graph.steps)
        : undefined;
    }),
  );
  reg(
    'medusaWorkflows.graph.failStep',
    withNode(async (panel, id) => {
      const session = medusaSession();
      if (!session) {
        void vscode.window.showWarningMessage(
          'Fail this step needs a running medusa-workflow debug session.',
        );
        return false;
      }
      // The exact node clicked: a step of a nested workflow is named by its path.
      const step = failurePath(id, (key) => panel.findNode(key));
      const args: ForceFailureRequest.Arguments = { step, action: 'invoke', enabled: true };
      const done = (await session.customRequest(
        ForceFailureRequest.command,
        args,
      )) as ForceFailureRequest.Response;
      // A step waiting for its response already ran: the adapter failed it now (setStepFailure).
      const said = done.failedNow ? 'fails now, as setStepFailure would' : 'will fail when it runs';
      void vscode.window.setStatusBarMessage(`Step ${step} ${said}.`, 4000);
      return true;
    }),
  );
  reg(
    'medusaWorkflows.graph.goToDefinition',
    withNode((panel, id) => panel.reveal(id, 'definition')),
  );
  reg('medusaWorkflows.graph.fit', () => GraphPanel.current?.fit());
}
