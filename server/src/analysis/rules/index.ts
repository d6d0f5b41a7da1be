// The rule set, in code order.
import type { Rule } from './types';

export const rules: Rule[] = [];
