// Differences between the real SDK and our engine on core-flows that are understood and kept on
// purpose, each with the reason. Keyed by run (`<workflow>` or `<workflow> !<failed step>`).
// The test fails when a listed run no longer differs in exactly these aspects (stale entry).
import type { Aspect } from './harness/compare';

export interface Explained {
  run: string;
  aspects: Aspect[];
  reason: string;
}

export const EXPLAINED: Explained[] = [];
