// Unit tests (mocha, Node): which Redis the Workflow Executions view's Live mode follows: an app's
// workflow-engine-redis module read from its medusa-config text and .env (never run), the
// setting, and the loopback-only rule; each refusal is one sentence without the password.
import * as assert from 'node:assert/strict';
import { findAppRedis } from '../../../engine/src/executions/live';
import { liveTarget } from '../../../client/src/executions/liveTarget';
import { tempProject, type TempProject } from '../host/tempProject';

const REDIS_MODULE = (options: string): string =>
  [
    "import { defineConfig } from '@medusajs/framework/utils';",
    'throw new Error("executed");',
    'module.exports = defineConfig({',
    '  modules: [',
    "    { resolve: './src/modules/brand' },",
    `    { resolve: '@medusajs/medusa/workflow-engine-redis', options: { redis: ${options} } },`,
    "    { resolve: '@medusajs/medusa/cache-redis', options: { redisUrl: process.env.CACHE_URL } },",
    '  ],',
    '});',
  ].join('\n');

describe('Live mode: the Redis to follow', () => {
  const apps: TempProject[] = [];
  const app = (files: Record<string, string>): string => {
    const p = tempProject(files);
    apps.push(p);
    return p.dir;
  };
  after(() => apps.forEach((a) => a.remove()));

  it("reads workflow-engine-redis's redisUrl variable from the app's .env, never running the config", () => {
    const dir = app({
      'medusa-config.ts': REDIS_MODULE('{ redisUrl: process.env.WE_REDIS }'),
      '.env': 'WE_REDIS=redis://:s3cret@127.0.0.1:6390\nCACHE_URL=redis://cache:1\n',
    });
    assert.deepEqual(findAppRedis(dir, {}), {
      uses: true,
      config: 'medusa-config.ts',
      url: 'redis://:s3cret@127.0.0.1:6390',
      from: 'WE_REDIS',
    });
    const target = liveTarget('', false, [{ root: dir, redis: findAppRedis(dir, {}) }]);
    assert.deepEqual(target, {
      url: 'redis://:s3cret@127.0.0.1:6390',
      shown: 'redis://127.0.0.1:6390',
    });
  });

  it('prefers pubsub.url (where Medusa publishes), and reads a literal URL', () => {
    const dir = app({
      'medusa-config.js': REDIS_MODULE(
        "{ redisUrl: process.env.WE_REDIS, pubsub: { url: 'redis://localhost:7000' } }",
      ),
    });
    const redis = findAppRedis(dir, {});
    assert.equal(redis.uses && redis.url, 'redis://localhost:7000');
  });

  it('an app without workflow-engine-redis, or whose variable is unset, says why and what to set', () => {
    const plain = app({
      'medusa-config.ts': "module.exports = { modules: [{ resolve: './x' }] }\n",
    });
    assert.deepEqual(findAppRedis(plain, {}), { uses: false, config: 'medusa-config.ts' });
    assert.match(
      liveTarget(undefined, false, [{ root: plain, redis: findAppRedis(plain, {}) }]) as string,
      /^No Medusa app in the workspace uses @medusajs\/workflow-engine-redis.*"medusaWorkflows\.executions\.redisUrl"/,
    );
    const unset = app({ 'medusa-config.ts': REDIS_MODULE('{ redisUrl: process.env.WE_REDIS }') });
    assert.equal(
      liveTarget('', false, [{ root: unset, redis: findAppRedis(unset, {}) }]),
      `The app's medusa-config.ts takes workflow-engine-redis's Redis from WE_REDIS, which its environment and .env do not set: set "medusaWorkflows.executions.redisUrl".`,
    );
  });

  it('follows only this machine unless allowed; the setting wins over the app', () => {
    const remote = 'redis://user:t0p-secret@redis.internal:6379/2';
    const refused = liveTarget(remote, false, []);
    assert.equal(
      refused,
      'Live follows only a Redis on this machine, and redis://redis.internal:6379 is not: set "medusaWorkflows.executions.allowRemoteRedis" to follow it (read-only).',
    );
    assert.deepEqual(liveTarget(remote, true, []), {
      url: remote,
      shown: 'redis://redis.internal:6379',
    });
    for (const local of ['redis://localhost:1', 'redis://127.0.0.5:1', 'redis://[::1]:1']) {
      assert.equal(typeof liveTarget(local, false, []), 'object', local);
    }
    assert.equal(
      liveTarget('http://127.0.0.1:1', false, []),
      'The Redis URL must start with redis:// or rediss://.',
    );
  });
});
