// Differential conformance: every scenario runs on our engine and on the real
// @medusajs/workflows-sdk; normalized traces, states, results, errors and logs must be equal.

import * as assert from 'node:assert/strict';
import * as ours from '../../../engine/src/index';
import { definedIds, runScenario, stableNames, type Scenario, type Sdk } from './harness';
import { asyncScenarios } from './scenarios/async';
import { containerScenarios } from './scenarios/container';
import { randomScenarios } from './scenarios/random';
import { resultScenarios } from './scenarios/results';
import { dataScenarios } from './scenarios/data';
import { failureScenarios } from './scenarios/failures';
import { misuseScenarios } from './scenarios/misuse';
import { nestedScenarios } from './scenarios/nested';
import { shapeScenarios } from './scenarios/shapes';

process.env.MEDUSA_DISABLE_TELEMETRY = 'true';

const all: Scenario[] = [
  ...shapeScenarios,
  ...failureScenarios,
  ...dataScenarios,
  ...nestedScenarios,
  ...asyncScenarios,
  ...misuseScenarios,
  ...containerScenarios,
  ...randomScenarios,
  ...resultScenarios,
];

interface Orchestration {
  WorkflowManager: { getWorkflows(): Map<string, { flow_: unknown }> };
}

function realFlow(id: string): unknown {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after the env is set
  const orchestration = require('@medusajs/orchestration') as Orchestration;
  return orchestration.WorkflowManager.getWorkflows().get(id)?.flow_;
}

function withoutUuid(flow: unknown): unknown {
  return JSON.parse(
    stableNames(JSON.stringify(flow ?? null, (k, v: unknown) => (k === 'uuid' ? undefined : v))),
  ) as unknown;
}

describe('engine conformance with @medusajs/workflows-sdk', function () {
  let real: Sdk;
  const warn = console.warn;
  before(function () {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    real = require('@medusajs/workflows-sdk') as Sdk;
    console.warn = () => undefined;
  });
  after(() => {
    console.warn = warn;
  });

  it('has at least 60 distinct scenarios', () => {
    assert.ok(all.length >= 60, `only ${all.length}`);
    assert.equal(new Set(all.map((s) => s.name)).size, all.length);
  });

  for (const scenario of all) {
    it(scenario.name, async () => {
      const expected = await runScenario(real, scenario);
      const actual = await runScenario(ours, scenario);
      assert.deepStrictEqual(actual, expected);
      const ids = [...(definedIds.get(scenario.name) ?? [])].filter(
        (id) => ours.getWorkflowFlow(id) !== undefined,
      );
      assert.ok(ids.length > 0);
      for (const id of ids) {
        assert.deepStrictEqual(
          withoutUuid(ours.getWorkflowFlow(id)),
          withoutUuid(realFlow(id)),
          `flow of ${id}`,
        );
      }
    });
  }
});
