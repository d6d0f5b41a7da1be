// App suite (mocha, Node): conformance with the app's runtime. The fixture Medusa app is booted
// once in this process with Medusa's own loaders (as `medusa exec` does), on a database of this
// suite's own; every scenario runs through the app's workflow engine module
// (@medusajs/workflow-engine-inmemory) and on our engine with the app's container (what
// `"container": "app"` runs); order, waves, compensation order, states, results and errors must
// be equal.
import * as assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as ours from '../../engine/src/index';
import { bootMedusaApp, type BootedApp } from '../../engine/src/host/medusaApp';
import { AppDriver, OurDriver, type Sdk } from './engineConformance/drivers';
import { runScenario } from './engineConformance/scenario';
import { appScenarios } from './engineConformance/scenarios';
import { APP, freshDatabase } from './fixtureApp';

describe("engine conformance with the app's workflow engine (fixture Medusa app)", function () {
  // Bounds a hang of Medusa's boot on a loaded machine; not a performance check.
  this.timeout(180000);
  let app: BootedApp;
  let appDriver: AppDriver;
  let ourDriver: OurDriver;
  const saved = { cwd: process.cwd(), url: process.env.DATABASE_URL };

  before(async function () {
    // Medusa's boot on a machine shared by many: minutes at worst, a hang bound only.
    this.timeout(400000);
    process.env.DATABASE_URL = await freshDatabase('app_engine_conformance');
    app = await bootMedusaApp({ cwd: APP });
    process.chdir(saved.cwd);
    const appRequire = createRequire(join(APP, 'package.json'));
    const sdk = appRequire('@medusajs/framework/workflows-sdk') as Sdk;
    const container = app.container as { resolve(key: string): unknown };
    appDriver = new AppDriver(sdk, container.resolve('workflows') as never);
    ourDriver = new OurDriver(ours, app.container);
  });

  after(async () => {
    await app?.shutdown();
    if (saved.url === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = saved.url;
  });

  it('has at least 20 distinct scenarios', () => {
    assert.ok(appScenarios.length >= 20, `only ${appScenarios.length}`);
    assert.equal(new Set(appScenarios.map((s) => s.name)).size, appScenarios.length);
  });

  for (const scenario of appScenarios) {
    it(scenario.name, async () => {
      const tx = `tx-${scenario.name}`;
      const expected = await runScenario(appDriver, scenario, tx);
      const actual = await runScenario(ourDriver, scenario, tx);
      assert.deepStrictEqual(actual, expected);
    });
  }
});
