// Debug adapter: DAP threads. Each step of a run gets its own thread while it is at a boundary or
// running, so the concurrent steps of a `parallelize` show up side by side.
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { RunFrame } from '../../engine/src/instrumentation';

export const MAIN_THREAD = 1;

export class ThreadRegistry {
  private readonly ids = new Map<string, { id: number; name: string }>();
  private next = MAIN_THREAD + 1;
  private readonly running = new Map<string, number>();

  idFor(run: RunFrame, step: string): number {
    const key = `${run.transactionId}\u0000${step}`;
    let t = this.ids.get(key);
    if (!t) {
      const name = run.parents.length > 0 ? `${run.workflowId} › ${step}` : step;
      t = { id: this.next++, name: name || run.workflowId };
      this.ids.set(key, t);
    }
    return t.id;
  }

  began(run: RunFrame, step: string): void {
    this.running.set(`${run.transactionId}\u0000${step}`, this.idFor(run, step));
  }

  ended(run: RunFrame, step: string): void {
    this.running.delete(`${run.transactionId}\u0000${step}`);
  }

  runningStep(): string | undefined {
    const key = [...this.running.keys()].pop();
    return key?.split('\u0000')[1];
  }

  /** The threads to show: the given (paused) ones, the running steps, else the main thread. */
  list(paused: number[], mainName: string): DebugProtocol.Thread[] {
    const ids = new Set([...paused, ...this.running.values()]);
    if (ids.size === 0) return [{ id: MAIN_THREAD, name: mainName }];
    const names = new Map([...this.ids.values()].map((t) => [t.id, t.name]));
    return [...ids].map((id) => ({ id, name: names.get(id) ?? mainName }));
  }
}
