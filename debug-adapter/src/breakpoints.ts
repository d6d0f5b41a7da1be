// Debug adapter: source, function and exception breakpoints. Source lines are mapped to step
// boundaries through the analyzer; the runner matches boundaries and evaluates conditions.
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { StepAction } from '../../engine/src/instrumentation';
import { hitPredicate } from './hitCondition';
import type { BoundaryBreakpoint } from './ipc';
import type { StepLocations, Target } from './stepLocations';
import { IN_STEP_CODE } from './stepCode';

export const EXCEPTION_FILTERS: DebugProtocol.ExceptionBreakpointsFilter[] = [
  {
    filter: 'stepFailed',
    label: 'Step failed',
    description: "Pause when a step's invoke throws or fails.",
    default: false,
  },
  {
    filter: 'rollbackStarted',
    label: 'Rollback started',
    description: 'Pause when the workflow starts compensating.',
    default: false,
  },
  {
    filter: 'compensationFailed',
    label: 'Compensation failed',
    description: 'Pause when a compensation fails.',
    default: false,
  },
];

export type ExceptionFilter = 'stepFailed' | 'rollbackStarted' | 'compensationFailed';

export interface BreakpointResult {
  verified: boolean;
  line?: number;
  message?: string;
}

interface Spec {
  targets: Target[];
  condition?: string;
  hitCondition?: string;
}

export class BreakpointManager {
  private nextId = 1;
  private readonly bySource = new Map<string, Map<number, Spec>>();
  private functionBps = new Map<number, Spec>();
  private filters = new Set<ExceptionFilter>();
  /** Lines inside step handlers belong to the JavaScript session ("debugStepCode"): not ours,
   * so that such a breakpoint never also stops at the step's boundary. */
  stepCodeLines = false;

  constructor(private readonly onChange: () => void) {}

  /** `line`s are 0-based; the result's lines too. */
  setSource(
    file: string,
    bps: { line: number; condition?: string; hitCondition?: string }[],
    locations: StepLocations | undefined,
  ): (BreakpointResult & { id: number })[] {
    const specs = new Map<number, Spec>();
    const results = bps.map((bp) => {
      const id = this.nextId++;
      const invalid = invalidHit(bp.hitCondition);
      if (invalid) return { id, verified: false, line: bp.line, message: invalid };
      if (!locations)
        return {
          id,
          verified: false,
          line: bp.line,
          message: 'No workflow is being debugged yet.',
        };
      locations.include(file);
      const mapped = locations.mapLine(file, bp.line);
      if (mapped.targets.length === 0)
        return { id, verified: false, line: bp.line, message: mapped.reason };
      if (this.stepCodeLines && mapped.inHandler)
        return { id, verified: false, line: bp.line, message: IN_STEP_CODE };
      specs.set(id, {
        targets: mapped.targets,
        condition: bp.condition,
        hitCondition: bp.hitCondition,
      });
      return { id, verified: true, line: mapped.line };
    });
    this.bySource.set(file, specs);
    this.onChange();
    return results;
  }

  setFunctions(
    bps: DebugProtocol.FunctionBreakpoint[],
    known: Set<string> | undefined,
  ): (BreakpointResult & { id: number })[] {
    this.functionBps = new Map();
    const results = bps.map((bp) => {
      const id = this.nextId++;
      const invalid = invalidHit(bp.hitCondition);
      if (invalid) return { id, verified: false, message: invalid };
      const { step, action } = parseFunctionName(bp.name);
      if (known && !known.has(step)) {
        return {
          id,
          verified: false,
          message: `No step named "${step}" in this workflow. Steps: ${[...known].join(', ')}`,
        };
      }
      this.functionBps.set(id, {
        targets: [{ step, action }],
        condition: bp.condition,
        hitCondition: bp.hitCondition,
      });
      return { id, verified: true };
    });
    this.onChange();
    return results;
  }

  setExceptionFilters(filters: string[]): void {
    this.filters = new Set(
      filters.filter((f): f is ExceptionFilter => EXCEPTION_FILTERS.some((x) => x.filter === f)),
    );
    this.onChange();
  }

  /** The actions whose failures the runner must pause at ("Step failed", "Compensation failed"). */
  failureStops(): StepAction[] {
    const out: StepAction[] = [];
    if (this.filters.has('stepFailed')) out.push('invoke');
    if (this.filters.has('compensationFailed')) out.push('compensate');
    return out;
  }

  filterOn(filter: ExceptionFilter): boolean {
    return this.filters.has(filter);
  }

  /** The flat list the runner matches against. */
  forRunner(): BoundaryBreakpoint[] {
    const out: BoundaryBreakpoint[] = [];
    const add = (id: number, spec: Spec): void => {
      for (const t of spec.targets) {
        out.push({
          id,
          ...t,
          condition: spec.condition || undefined,
          hitCondition: spec.hitCondition || undefined,
        });
      }
    };
    for (const specs of this.bySource.values()) for (const [id, spec] of specs) add(id, spec);
    for (const [id, spec] of this.functionBps) add(id, spec);
    return out;
  }
}

export function parseFunctionName(name: string): { step: string; action: StepAction } {
  const trimmed = name.trim();
  if (trimmed.startsWith('compensate:'))
    return { step: trimmed.slice('compensate:'.length).trim(), action: 'compensate' };
  return { step: trimmed, action: 'invoke' };
}

function invalidHit(hitCondition: string | undefined): string | undefined {
  if (!hitCondition) return undefined;
  try {
    hitPredicate(hitCondition);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}
