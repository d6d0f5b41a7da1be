import type { RunFrame, StepAction } from '../instrumentation';
import type { FieldCheck } from '../../../shared/model/analysisModel';
import type { ModelCatalog } from './models';

/** The field checks the analyzer reads: one contract with it, in shared/model. */
export type { CheckValue, FieldCheck } from '../../../shared/model/analysisModel';

/** Which step (and which of its actions) a container is lent to. */
export interface StepScope {
  step: string;
  action: StepAction;
  /** The run the step belongs to, when the caller knows it (used for `service.call` events). */
  run?: RunFrame;
}

/** One recorded method call on a container service. */
export interface ServiceCall {
  /** 1-based position in the recording. */
  seq: number;
  /** The step that made the call; undefined for calls made outside any step (e.g. by the host). */
  step?: string;
  action?: StepAction;
  run?: RunFrame;
  key: string;
  /** The method name, or `()` when the service itself was called (`remoteQuery(...)`). */
  method: string;
  /** JSON-safe snapshots taken when the call was made. */
  args: unknown[];
  result: unknown;
  /** Set when the (override's) method threw or rejected. */
  error?: string;
  /** Set when the result was made up by the auto-mocked container (not an override's). */
  mocked?: true;
}

/** Container registrations that replace the auto-mocked value of single keys. */
export type Overrides = Record<string, unknown>;

export interface AutoMockOptions {
  /** Values (or awilix-style resolvers `{ resolve(container) }`) for single keys. */
  overrides?: Overrides;
  /** Record method calls on override values too (default true). */
  recordOverrides?: boolean;
  /** Called synchronously for every recorded call; exceptions are swallowed. */
  onCall?: (call: ServiceCall) => void;
  /** Mixed into every generated id and value, to tell two mocks apart (default ''). */
  seed?: string;
  /**
   * The modules' data models: enum fields take one of their values, relations their entity. A
   * function is called once, at the first call that needs them (loading models takes time).
   */
  models?: ModelCatalog | (() => ModelCatalog);
  /**
   * The run the container serves: made-up records follow what its workflow id says of their
   * state (`convert-draft-order`: the order is a draft) and reuse the ids its input names.
   */
  run?: RunInfo;
}

/** The run an auto-mocked container serves (see AutoMockOptions.run). */
export interface RunInfo {
  workflow?: string;
  input?: unknown;
  /**
   * The field checks the workflow's own steps make before throwing (read statically by the
   * caller's analyzer): made-up records pass them. A function is called once, when first needed.
   */
  checks?: FieldCheck[] | (() => FieldCheck[]);
}
