// Records a workflow's graph as Medusa's composer would while a composer function is walked (pure,
// the analyzer): step nodes in call order, renames, parallel groups, when blocks, hooks,
// transforms and data edges. Imported by fileAnalysis.ts (and analyzer.ts, rules/ for helpers).
import ts from 'typescript';
import type { ComposerRecorder, FactKind } from '../interpreter/composerRecorder';
import type { Evaluator } from '../interpreter/evaluator';
import { analysisFlowBuilder, builtFlow, flowOrder } from './flowBuilder';
import type {
  DataEdge,
  GraphNode,
  GraphNodeKind,
  HookModel,
  Location,
  WorkflowModel,
} from '../model';
import { locationOf } from '../spans';
import {
  isStepRef,
  toPlain,
  UNDEF,
  UNKNOWN,
  type RefSource,
  type StepDef,
  type StepHandle,
  type Value,
  type WhenState,
  type WorkflowRef,
} from '../interpreter/abstractValues';

export interface Fact {
  kind: FactKind;
  node: ts.Node;
  detail: string;
}

/** One recorded call of a step-like node, with what the rules need to look at. */
export interface StepCall {
  handle: StepHandle;
  def?: StepDef;
  nested?: WorkflowRef;
  args: Value[];
  /** The `.config({...})` call when there is one. */
  configCall?: ts.CallExpression;
  renamed: boolean;
}

export interface RecordedWhen {
  state: WhenState;
  handles: StepHandle[];
  nestedIn?: number;
}

export class WorkflowGraphRecorder implements ComposerRecorder {
  dynamicDepth = 0;
  readonly callStack: ts.CallExpression[] = [];
  readonly builder = analysisFlowBuilder();
  readonly nodes: GraphNode[] = [];
  readonly calls: StepCall[] = [];
  readonly facts: Fact[] = [];
  readonly whens: WhenState[] = [];
  readonly whenBlocks: RecordedWhen[] = [];
  readonly parallelGroups: { handles: StepHandle[]; location: Location; args: Value[] }[] = [];
  readonly smallParallels: ts.CallExpression[] = [];
  readonly hooks: HookModel[] = [];
  resultValue?: { value: Value; node: ts.Node };
  private readonly whenStack: number[] = [];
  private readonly edgeSources: { src: RefSource; path: string[]; to: GraphNode }[] = [];
  private uuid = 0;
  private transforms = 0;
  private generatedWhens = 0;

  constructor(private readonly sf: (node: ts.Node) => ts.SourceFile) {}

  private loc(node: ts.Node): Location {
    return locationOf(node, this.sf(node));
  }

  fact(kind: FactKind, node: ts.Node, detail: string): void {
    this.facts.push({ kind, node, detail });
  }

  private addStep(
    id: string,
    kind: GraphNodeKind,
    name: string,
    call: ts.CallExpression,
    hasCompensation: boolean,
    opts: {
      definition?: Location;
      config?: Record<string, unknown>;
      dynamic?: string;
      inputs?: Value[];
    },
  ): StepHandle {
    const uuid = `u${++this.uuid}`;
    const dynamic =
      opts.dynamic ??
      (this.dynamicDepth > 0 ? 'inside code whose path cannot be known statically' : undefined);
    const async = opts.config?.async === true;
    this.builder.addAction(id, {
      uuid,
      noCompensation: !hasCompensation,
      async,
      dynamic: dynamic !== undefined,
    });
    // Where the user wrote the call: a package's wrapper (core-flows' useQueryGraphStep calls its
    // step inside a function) must not send hovers, hints, breakpoints and clicks into node_modules.
    const site = this.userSite(call);
    const node: GraphNode = {
      id,
      kind,
      name,
      callSite: this.loc(site),
      hasCompensation,
      config: { ...(opts.config ?? {}) },
    };
    if (opts.definition) node.definition = opts.definition;
    if (dynamic) {
      node.dynamic = true;
      node.dynamicReason = dynamic;
    }
    const handle: StepHandle = { uuid, node, call, site };
    const when = this.whenStack[this.whenStack.length - 1];
    if (when !== undefined) {
      node.whenBlock = when;
      this.whenBlocks[when]!.handles.push(handle);
    }
    for (const v of opts.inputs ?? []) this.addEdges(v, node);
    this.nodes.push(node);
    return handle;
  }

  /** The innermost call, from `call` outwards through the inlined calls, outside node_modules. */
  private userSite(call: ts.CallExpression): ts.CallExpression {
    const chain = [call, ...[...this.callStack].reverse()];
    return chain.find((c) => !inPackage(this.sf(c).fileName)) ?? call;
  }

  private addEdges(v: Value, to: GraphNode): void {
    for (const r of refsIn(v)) this.edgeSources.push({ src: r.src, path: r.path, to });
  }

  private ref(handle: StepHandle): Value {
    return { k: 'ref', src: { kind: 'step', handle }, path: [] };
  }

  callStep(def: StepDef, args: Value[], call: ts.CallExpression): Value {
    const handle = this.addStep(def.name, 'step', def.name, call, def.hasCompensation, {
      definition: def.location,
      config: def.config,
      dynamic: def.dynamic ? 'the step name is computed' : undefined,
      inputs: args,
    });
    this.calls.push({ handle, def, args, renamed: false });
    return this.ref(handle);
  }

  config(ref: Value, arg: Value, call: ts.CallExpression): Value {
    if (!isStepRef(ref)) return ref;
    const handle = ref.src.handle;
    const entry = this.calls.find((c) => c.handle === handle);
    if (arg.k === 'obj') {
      const name = arg.props.get('name');
      if (name && name.k === 'lit' && typeof name.v === 'string') {
        this.builder.replaceAction(handle.uuid, name.v);
        handle.node.id = name.v;
        if (entry) entry.renamed = true;
      } else if (name && !(name.k === 'lit' && name.v === undefined)) {
        handle.node.dynamic = true;
        handle.node.dynamicReason = 'the name given to .config() is computed';
        if (entry) entry.renamed = true;
      }
      const plain = toPlain(arg) as Record<string, unknown>;
      delete plain.name;
      // `.config()` options are assigned onto the flow node, `noCompensation` included.
      const patch: { noCompensation?: boolean; async?: boolean } = {};
      if (typeof plain.noCompensation === 'boolean') patch.noCompensation = plain.noCompensation;
      if (typeof plain.async === 'boolean') patch.async = plain.async;
      this.builder.replaceAction(handle.uuid, handle.node.id, patch);
      Object.assign(handle.node.config, plain);
    }
    if (entry) entry.configCall = call;
    return ref;
  }

  runAsStep(wf: WorkflowRef, args: Value[], call: ts.CallExpression): Value {
    const input = args[0]?.k === 'obj' ? (args[0].props.get('input') ?? UNDEF) : (args[0] ?? UNDEF);
    const handle = this.addStep(`${wf.id}-as-step`, 'nested-workflow', wf.id, call, true, {
      definition: locationOf(wf.call, wf.file.sf),
      dynamic: wf.dynamic ? 'the nested workflow id is computed' : undefined,
      inputs: [input],
    });
    this.calls.push({ handle, nested: wf, args: [input], renamed: false });
    return this.ref(handle);
  }

  unresolvedStep(label: string, nested: boolean, args: Value[], call: ts.CallExpression): Value {
    const input =
      nested && args[0]?.k === 'obj' ? (args[0].props.get('input') ?? UNDEF) : (args[0] ?? UNDEF);
    const id = nested ? `${label}-as-step` : label;
    // runAsStep always has a compensation (it cancels the child); a step's is unknown.
    const handle = this.addStep(id, nested ? 'nested-workflow' : 'step', label, call, nested, {
      dynamic: `the definition of ${label} was not found (an import that does not resolve?): its name and compensation are guesses`,
      inputs: [input],
    });
    this.calls.push({ handle, args: [input], renamed: false });
    return this.ref(handle);
  }

  createHook(args: Value[], call: ts.CallExpression): Value {
    const nameV = args[0] ?? UNDEF;
    const name =
      nameV.k === 'lit' && typeof nameV.v === 'string'
        ? nameV.v
        : (call.arguments[0]?.getText() ?? '<hook>');
    const model: HookModel = { name, location: this.loc(call), resultRead: false, handlers: [] };
    this.hooks.push(model);
    this.addStep(name, 'hook', name, call, true, {
      dynamic: nameV.k === 'lit' ? undefined : 'the hook name is computed',
      inputs: args.slice(1, 2),
    });
    return { k: 'hook', hook: { model } };
  }

  hookResult(v: Value, call: ts.CallExpression): Value {
    if (v.k !== 'hook') return UNKNOWN;
    if (v.hook.result) return v.hook.result;
    v.hook.model.resultRead = true;
    const name = v.hook.model.name;
    const handle = this.addStep(`get-${name}-result`, 'hook', name, call, true, {});
    v.hook.result = this.ref(handle);
    return v.hook.result;
  }

  when(args: Value[], call: ts.CallExpression): Value {
    const named = args.length >= 3;
    const nameV = named ? args[0]! : UNDEF;
    const condNode = call.arguments[named ? 2 : 1];
    const state: WhenState = {
      name: nameV.k === 'lit' && typeof nameV.v === 'string' ? nameV.v : undefined,
      condition: condNode ? condNode.getText() : '',
      call,
      thenCalled: false,
    };
    this.whens.push(state);
    return { k: 'when', when: state };
  }

  then(state: WhenState, fn: Value, call: ts.CallExpression, ev: Evaluator): Value {
    state.thenCalled = true;
    const index = this.whenBlocks.length;
    this.whenBlocks.push({
      state,
      handles: [],
      nestedIn: this.whenStack[this.whenStack.length - 1],
    });
    this.whenStack.push(index);
    try {
      const ret = fn.k === 'fn' ? ev.invoke(fn, []) : UNKNOWN;
      if ((ret.k === 'lit' && ret.v === undefined) || isStepRef(ret)) return ret;
      const name = state.name ?? `when-then-${++this.generatedWhens}`;
      const hooksAndResult = ret.k === 'obj' && ret.props.has('hooks') && ret.props.has('result');
      const passed = hooksAndResult ? ret.props.get('result')! : ret;
      const handle = this.addStep(name, 'when-then', name, call, false, {
        dynamic: !state.name
          ? 'an unnamed when gets a random when-then-<id> step name from Medusa'
          : ret.k === 'unknown'
            ? 'the value returned from .then() is not known statically'
            : undefined,
        inputs: [passed],
      });
      const out = this.ref(handle);
      return hooksAndResult
        ? {
            k: 'obj',
            props: new Map([
              ['hooks', ret.props.get('hooks')!],
              ['result', out],
            ]),
          }
        : out;
    } finally {
      this.whenStack.pop();
    }
  }

  parallelize(args: Value[], call: ts.CallExpression): Value {
    const result: Value = { k: 'arr', items: args };
    if (args.length < 2) {
      this.smallParallels.push(call);
      return result;
    }
    const handles = args.filter(isStepRef).map((r) => r.src.handle);
    if (handles.length !== args.length)
      this.fact('dynamic', call, 'parallelize() of values that are not steps');
    const names = handles.map((h) => h.node.id);
    if (names.length >= 2 && this.builder.mergeActions(names[0]!, names.slice(1))) {
      const group = this.parallelGroups.length;
      this.parallelGroups.push({ handles, location: this.loc(call), args });
      for (const h of handles) h.node.parallelGroup = group;
    }
    return result;
  }

  transform(args: Value[], call: ts.CallExpression, returns: Value): Value {
    const node: GraphNode = {
      id: `transform:${++this.transforms}`,
      kind: 'transform',
      name: 'transform',
      callSite: this.loc(call),
      hasCompensation: false,
      config: {},
    };
    const decl = call.parent;
    if (ts.isVariableDeclaration(decl) && ts.isIdentifier(decl.name))
      node.variable = decl.name.text;
    this.addEdges(args[0] ?? UNDEF, node);
    this.nodes.push(node);
    return { k: 'ref', src: { kind: 'transform', node, returns }, path: [] };
  }

  response(args: Value[], node: ts.NewExpression): Value {
    const value = args[0] ?? UNDEF;
    this.resultValue = { value, node };
    return { k: 'response', value, call: node };
  }

  /** The workflow model once the composer has been walked. */
  finish(model: WorkflowModel, returned: Value, returnNode: ts.Node | undefined): void {
    const flow = builtFlow(this.builder);
    if (flow) model.flow = flow;
    const order = flowOrder(flow);
    for (const n of this.nodes) {
      if (n.kind !== 'transform') {
        const o = order.get(n.id);
        if (o !== undefined) n.order = o;
      }
    }
    model.nodes = this.nodes;
    const edges: DataEdge[] = [];
    for (const e of this.edgeSources)
      edges.push({ from: sourceId(e.src), path: e.path, to: e.to.id });
    model.edges = edges;
    model.parallelGroups = this.parallelGroups.map((g) => ({
      nodes: g.handles.map((h) => h.node.id),
      location: g.location,
    }));
    model.whenBlocks = this.whenBlocks.map((w) => {
      const block: WorkflowModel['whenBlocks'][number] = {
        condition: w.state.condition,
        location: this.loc(w.state.call),
        nodes: w.handles.map((h) => h.node.id),
      };
      if (w.state.name !== undefined) block.name = w.state.name;
      return block;
    });
    model.hooks = this.hooks;
    const res =
      returned.k === 'response'
        ? this.resultValue
        : returned.k === 'lit' && returned.v === undefined
          ? undefined
          : { value: returned, node: returnNode };
    if (res?.node) {
      model.result = {
        location: this.loc(res.node),
        reads: [...new Set(refsIn(res.value).map((r) => sourceId(r.src)))],
      };
    }
  }
}

export function inPackage(file: string): boolean {
  return /[\\/]node_modules[\\/]/.test(file);
}

function sourceId(src: RefSource): string {
  return src.kind === 'input' ? 'input' : src.kind === 'step' ? src.handle.node.id : src.node.id;
}

export function refsIn(
  v: Value,
  depth = 0,
  out: Extract<Value, { k: 'ref' }>[] = [],
): Extract<Value, { k: 'ref' }>[] {
  if (depth > 8) return out;
  if (v.k === 'ref') out.push(v);
  else if (v.k === 'obj') for (const x of v.props.values()) refsIn(x, depth + 1, out);
  else if (v.k === 'arr') for (const x of v.items) refsIn(x, depth + 1, out);
  else if (v.k === 'response') refsIn(v.value, depth + 1, out);
  return out;
}
