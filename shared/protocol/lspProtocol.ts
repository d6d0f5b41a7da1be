// Custom LSP methods: the contract between the language server and the extension client
// (vscode-eslint's $shared pattern), a namespace per method with its literal name and typed
// request. Neutral: imported by server/src and client/src.
import { RequestType } from 'vscode-languageserver-protocol';
import type { WorkflowModel, StepDefinition, Diagnostic } from '../model/analysisModel';

export interface WorkflowSummary {
  id: string;
  file: string;
  /** 0-based line of the createWorkflow call. */
  line: number;
  steps: { id: string; name: string; kind: string; line: number; file: string }[];
  /** true for workflows found under node_modules (e.g. @medusajs/core-flows). */
  external: boolean;
}

export namespace GraphRequest {
  export const method = 'medusaWorkflows/graph' as const;
  export interface Params {
    /** Workflow id. */
    workflow: string;
    /** File the request comes from (uri or path); disambiguates duplicate ids. */
    uri?: string;
    /** How many levels of nested workflows (runAsStep) to include; 3 when absent, 0 for none. */
    nestedDepth?: number;
  }
  export interface Result {
    workflow: WorkflowModel;
    /** Definitions of the steps this workflow uses. */
    steps: StepDefinition[];
    diagnostics: Diagnostic[];
    /** Models of the nested workflows, keyed by the node path that calls them (`a`, `a::b`),
     * each workflow once per path, cycles cut. */
    nested: Record<string, WorkflowModel>;
  }
  export const type = new RequestType<Params, Result | null, void>(method);
}

export namespace ListWorkflowsRequest {
  export const method = 'medusaWorkflows/listWorkflows' as const;
  export interface Params {
    /** Only the workflows of this document (uri); all when absent. */
    uri?: string;
    /** Include workflows from node_modules (core-flows). */
    includeExternal?: boolean;
  }
  export type Result = WorkflowSummary[];
  export const type = new RequestType<Params, Result, void>(method);
}

export namespace InputTemplateRequest {
  export const method = 'medusaWorkflows/inputTemplate' as const;
  export interface Params {
    /** Workflow id. */
    workflow: string;
    /** File the request comes from (uri or path); disambiguates duplicate ids. */
    uri?: string;
  }
  export interface Result {
    /** A JSON value of the workflow input's TypeScript type, to edit before a run. */
    template: unknown;
    /** The input type as TypeScript prints it; empty when the workflow takes no input. */
    type: string;
    /** Dotted paths of the optional properties in the template. */
    optional: string[];
  }
  export const type = new RequestType<Params, Result | null, void>(method);
}

/** The argument the server's code lenses pass to `medusaWorkflows.previewGraph`,
 * `medusaWorkflows.debugWorkflow` and `medusaWorkflows.runWithFailure`. */
export interface WorkflowCommandArgs {
  workflow: string;
  /** Absolute path of the file that defines the workflow. */
  file: string;
}
