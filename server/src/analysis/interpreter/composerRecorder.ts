// The seam between the abstract interpreter and the Medusa model (pure, no I/O): the interface
// the evaluator reports a composer function's SDK calls to. Imported by evaluator.ts; implemented
// by medusa/workflowGraphRecorder.ts, so the interpreter knows nothing of what Medusa records.
import type ts from 'typescript';
import type { Evaluator } from './evaluator';
import type { StepDef, Value, WhenState, WorkflowRef } from './abstractValues';

/** A fact the rules judge. `jsLogic`: meaningless on a placeholder; `throws`: Medusa throws when
 * the workflow is defined; `stepConfig`: `.config()` on a step function (it has none: only its
 * call's result has); `frozen`: a clock, random or id generator read in the composer (once, at definition). */
export type FactKind =
  'await' | 'jsLogic' | 'throws' | 'stepConfig' | 'frozen' | 'console' | 'sideEffect' | 'dynamic';

/** What records a composer run: the evaluator calls it for each SDK operation it meets inside a
 * composer function. Implemented by medusa/workflowGraphRecorder.ts. */
export interface ComposerRecorder {
  dynamicDepth: number;
  /** The calls of functions being walked inline, outermost first. */
  readonly callStack: ts.CallExpression[];
  fact(kind: FactKind, node: ts.Node, detail: string): void;
  callStep(def: StepDef, args: Value[], call: ts.CallExpression): Value;
  config(ref: Value, arg: Value, call: ts.CallExpression): Value;
  runAsStep(wf: WorkflowRef, args: Value[], call: ts.CallExpression): Value;
  /** A call that looks like a step (or `x.runAsStep`) whose definition cannot be found. */
  unresolvedStep(label: string, nested: boolean, args: Value[], call: ts.CallExpression): Value;
  createHook(args: Value[], call: ts.CallExpression): Value;
  hookResult(v: Value, call: ts.CallExpression): Value;
  when(args: Value[], call: ts.CallExpression): Value;
  then(when: WhenState, fn: Value, call: ts.CallExpression, ev: Evaluator): Value;
  parallelize(args: Value[], call: ts.CallExpression): Value;
  transform(args: Value[], call: ts.CallExpression, returns: Value): Value;
  response(args: Value[], node: ts.NewExpression): Value;
}
