// The rule set, in code order. Each rule is a pure function from the analysis to diagnostics.
import { asyncComposer } from './asyncComposer';
import { consoleInComposer } from './consoleInComposer';
import { dotInStepName } from './dotInStepName';
import { duplicateHookHandler } from './duplicateHookHandler';
import { duplicateNestedWorkflow } from './duplicateNestedWorkflow';
import { duplicateStepName } from './duplicateStepName';
import { frozenAtDefinition } from './frozenAtDefinition';
import { dynamicNames } from './dynamicNames';
import { throwsAtDefinition } from './throwsAtDefinition';
import { missingCompensation } from './missingCompensation';
import { nestedWhen } from './nestedWhen';
import { nonCloneableInput } from './nonCloneableInput';
import { parallelSiblingRead } from './parallelSiblingRead';
import { plainLogic } from './plainLogic';
import { sideEffects } from './sideEffects';
import { smallParallelize } from './smallParallelize';
import { strayStepCall } from './strayStepCall';
import type { Rule } from './types';
import { unguardedCompensation } from './unguardedCompensation';
import { whenWithoutThen } from './whenWithoutThen';

export const rules: Rule[] = [
  asyncComposer,
  plainLogic,
  sideEffects,
  missingCompensation,
  duplicateStepName,
  parallelSiblingRead,
  nestedWhen,
  whenWithoutThen,
  smallParallelize,
  duplicateNestedWorkflow,
  duplicateHookHandler,
  strayStepCall,
  unguardedCompensation,
  nonCloneableInput,
  consoleInComposer,
  dynamicNames,
  throwsAtDefinition,
  frozenAtDefinition,
  dotInStepName,
];
