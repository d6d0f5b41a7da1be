// Binds the workflows SDK for packages too: Medusa's core-flows (whose steps users call in their
// own workflows) and plugins import the SDK from node_modules; those steps must be our engine's,
// or calling them inside our createWorkflow fails. Process-wide, as Node's module loader is.
import Module from 'node:module';
import { SDK_SPECIFIER } from './moduleSystem';

type Load = (request: string, parent: unknown, isMain: boolean) => unknown;

const STATE = Symbol.for('medusa-workflows.packageSdkBinding');
interface State {
  original: Load;
  sdk: object | undefined;
}
type Holder = { [STATE]?: State };

/** From now on, every require of the SDK in this process returns `sdk`. Returns an undo. */
export function bindSdkInPackages(sdk: object): () => void {
  const M = Module as unknown as { _load: Load };
  const holder = globalThis as Holder;
  let state = holder[STATE];
  if (!state) {
    const created: State = { original: M._load, sdk: undefined };
    M._load = function (this: unknown, request, parent, isMain) {
      if (created.sdk && SDK_SPECIFIER.test(request)) return created.sdk;
      return created.original.call(this, request, parent, isMain);
    };
    holder[STATE] = state = created;
  }
  const bound = state;
  const previous = bound.sdk;
  bound.sdk = sdk;
  return () => {
    if (bound.sdk === sdk) bound.sdk = previous;
  };
}
