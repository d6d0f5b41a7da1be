// Runner child: the container a debugged run gets. With `"container": "auto"` it is the engine's
// auto-mocked container (the mocks module overrides single keys); otherwise the host's container
// (engine/src/host/mocksContainer.ts) filled from the mocks module. Both record every service call.
import {
  applyMocks,
  buildContainer,
  loadModelCatalog,
  recording as recordCalls,
  type ModuleLoader,
} from '../../../engine/src/host/index';
import type { Container } from '../../../engine/src/index';
import {
  createAutoMockContainer,
  type FieldCheck,
  type ServiceCall,
} from '../../../engine/src/mock/index';
import type { LoadOptions } from '../ipc';
import type { RecordedCall } from './scopes';

export type OnCall = (call: RecordedCall) => void;

type Analysis = typeof import('../../../server/src/analysis/index');

/**
 * The field checks of a workflow's own steps (`if (!customer.has_account) throw`), for the
 * auto-mocked container's made-up records to pass: read by the analyzer when first needed.
 */
export function stepChecks(program: string, workflow: string): () => FieldCheck[] {
  if (/[\\/]node_modules[\\/]/.test(program)) return () => [];
  return () => {
    // The analyzer (and the TypeScript compiler it holds) loads only now.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const analysis = require('../../../server/src/analysis/index') as Analysis;
    return analysis.stepFieldChecks(program, workflow);
  };
}

export async function buildRunContainer(
  options: LoadOptions,
  loadModule: ModuleLoader,
  onCall: OnCall,
): Promise<Container> {
  if (options.container === 'auto') {
    const auto = createAutoMockContainer({
      onCall: (call: ServiceCall) => onCall(fromServiceCall(call)),
      models: () => loadModelCatalog(options.program, loadModule),
    });
    if (options.mocks !== undefined) {
      await applyMocks(auto, loadModule(options.mocks), options.mocks);
    }
    return auto;
  }
  return recording(await buildContainer({ mocks: options.mocks }, loadModule), onCall);
}

function fromServiceCall(call: ServiceCall): RecordedCall {
  return {
    step: call.step,
    action: call.action,
    transactionId: call.run?.transactionId,
    key: call.key,
    method: call.method,
    args: call.args,
    result: call.result,
    error: call.error,
    ...(call.mocked ? { mocked: true } : {}),
  };
}

/** The same container, with method calls on what it resolves recorded (engine/src/host). */
export function recording(inner: Container, onCall: OnCall): Container {
  return recordCalls(inner, (call) => onCall(fromServiceCall(call)));
}
