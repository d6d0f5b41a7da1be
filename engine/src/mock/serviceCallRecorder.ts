// Records the service calls of one auto-mocked container and all its per-step views, with the
// state they share: per-scope call counters (so parallel steps get the same values whatever their
// interleaving), the overrides and the records made so far. Imported by autoMockContainer.ts and fakeService.ts.
import { hash, snapshot } from './snapshot';
import { addFormattedRelations, type ModelCatalog } from './models';
import type { AutoMockOptions, ServiceCall, StepScope } from './types';
import { World } from './world';
import { runHints, type RunHints } from './hints';

export class ServiceCallRecorder {
  readonly calls: ServiceCall[] = [];
  readonly overrides = new Map<string, unknown>();
  /** The records this run created, updated or named by id. */
  readonly world = new World();
  private readonly counters = new Map<string, number>();
  /** What the run's workflow id and input say about the records it works on. */
  hints: RunHints;

  constructor(private readonly options: AutoMockOptions) {
    this.hints = runHints(options.run);
    for (const [key, value] of Object.entries(options.overrides ?? {}))
      this.overrides.set(key, value);
  }

  private models: ModelCatalog | undefined;

  /** The models, with the relations services answer differently rewritten (once). */
  get catalog(): ModelCatalog | undefined {
    const given = this.options.models;
    if (given === undefined) return undefined;
    this.models ??= addFormattedRelations(typeof given === 'function' ? given() : given);
    return this.models;
  }

  get recordOverrides(): boolean {
    return this.options.recordOverrides ?? true;
  }

  /** The id maker for the next call of `key.method` in `scope`: ids depend on that count only. */
  nextIdMaker(
    scope: StepScope | undefined,
    key: string,
    method: string,
  ): (e: string, i: number) => string {
    const counterKey = `${scopeKey(scope)}|${key}|${method}`;
    const count = (this.counters.get(counterKey) ?? 0) + 1;
    this.counters.set(counterKey, count);
    const base = `${this.options.seed ?? ''}|${counterKey}|${count}`;
    return (entity, index) => `${entity}_${hash(`${base}|${entity}|${index}`)}`;
  }

  record(
    scope: StepScope | undefined,
    key: string,
    method: string,
    args: readonly unknown[],
    outcome: { result?: unknown; error?: unknown },
    mocked = false,
  ): void {
    const call: ServiceCall = {
      seq: this.calls.length + 1,
      key,
      method,
      args: args.map(snapshot),
      result: snapshot(outcome.result),
    };
    if (scope) {
      call.step = scope.step;
      call.action = scope.action;
      if (scope.run) call.run = scope.run;
    }
    if ('error' in outcome) call.error = errorText(outcome.error);
    if (mocked) call.mocked = true;
    this.calls.push(call);
    try {
      this.options.onCall?.(call);
    } catch {
      // observe-only listener
    }
  }

  useRun(run: NonNullable<AutoMockOptions['run']>): void {
    this.hints = runHints(run);
  }

  reset(): void {
    this.calls.length = 0;
    this.counters.clear();
    this.world.reset();
  }
}

function scopeKey(scope: StepScope | undefined): string {
  return scope ? `${scope.step}:${scope.action}` : '';
}

function errorText(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (typeof e === 'object' && e !== null && 'message' in e) return String(e.message);
  return String(e);
}
