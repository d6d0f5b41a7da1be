// Differential conformance: every scenario runs on our engine and on the real
// @medusajs/workflows-sdk; normalized traces, states, results, errors and logs must be equal.
import * as assert from 'node:assert/strict';
import * as ours from '../../../engine/src/index';
import { runScenario, type Scenario, type Sdk } from './harness';
import { asyncScenarios } from './scenarios/async';
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
];

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
    });
  }
});
