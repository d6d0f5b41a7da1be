// What every rule receives: the analyzed workflows and steps with their syntax at hand.
import type { FileAnalysis, HookRegistration, WorkflowAnalysis } from '../fileAnalysis';
import type { Diagnostic, Severity } from '../model';
import type { StepDef } from '../interpreter/abstractValues';

export interface RuleInput {
  workflows: WorkflowAnalysis[];
  steps: FileAnalysis['steps'];
  stray: { def: StepDef; call: import('typescript').CallExpression }[];
  hookRegistrations: HookRegistration[];
  /** Imports of the pre-v2 `@medusajs/workflows` package (their files are not analyzed). */
  legacyImports: import('typescript').Node[];
}

export interface Rule {
  code: string;
  severity: Severity;
  /** One line for the README. */
  doc: string;
  check(input: RuleInput): Diagnostic[];
}
