// Debug adapter and runner processes: their main.ts call this first. V8's young-generation
// collections run on the main thread only: on a busy machine, a parallel scavenge waits for its
// helper threads to be scheduled, which made the stepping round trip's tail (issue 14).
import { setFlagsFromString } from 'node:v8';

/** Read by V8 at every scavenge, so setting them once the process runs takes effect. */
export const LATENCY_V8_FLAGS = ['--no-parallel-scavenge'] as const;

export function collectOnMainThread(set: (flag: string) => void = setFlagsFromString): void {
  for (const flag of LATENCY_V8_FLAGS) set(flag);
}
