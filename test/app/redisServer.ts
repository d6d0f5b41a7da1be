// Test helper (mocha, Node or the e2e extension host): the project's throwaway Redis
// (scripts/redis.mjs), started when it is not running and stopped after only by whoever started
// it. Imported by test/app/executionsLive.test.ts and test/e2e/executionsLive.test.ts.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './fixtureApp';

const SCRIPT = join(ROOT, 'scripts', 'redis.mjs');

function redis(command: string): { code: number; out: string } {
  try {
    const out = execFileSync(process.execPath, [SCRIPT, command], {
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: '', ELECTRON_RUN_AS_NODE: '1' },
    });
    return { code: 0, out };
  } catch (error) {
    return { code: (error as { status?: number }).status ?? 1, out: '' };
  }
}

export interface RedisServer {
  url: string;
  /** Stops it when this call started it. */
  release(): void;
}

export function useRedis(): RedisServer {
  const startedHere = redis('status').code !== 0;
  const started = redis('start');
  if (started.code !== 0) throw new Error('node scripts/redis.mjs start failed');
  return {
    url: started.out.trim(),
    release: () => {
      if (startedHere) redis('stop');
    },
  };
}
