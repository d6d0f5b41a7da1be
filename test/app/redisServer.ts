// Test helper (mocha, Node or the e2e extension host): the project's throwaway Redis
// (scripts/redis.mjs), started when it is not running and stopped after only by whoever started
// it. Imported by test/app/executionsLive.test.ts and test/e2e/executionsLive.test.ts.
// Asynchronous, so that the e2e extension host is never blocked while the script runs.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from './fixtureApp';

const SCRIPT = join(ROOT, 'scripts', 'redis.mjs');

async function redis(command: string): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [SCRIPT, command], {
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: '', ELECTRON_RUN_AS_NODE: '1' },
    });
    return { code: 0, out: stdout };
  } catch (error) {
    // execFile's error carries the exit code as `code` (a number; a string for a spawn failure).
    const code = (error as { code?: unknown }).code;
    return { code: typeof code === 'number' ? code : 1, out: '' };
  }
}

export interface RedisServer {
  url: string;
  /** Stops it when this call started it. */
  release(): Promise<void>;
}

export async function useRedis(): Promise<RedisServer> {
  const startedHere = (await redis('status')).code !== 0;
  const started = await redis('start');
  if (started.code !== 0) throw new Error('node scripts/redis.mjs start failed');
  return {
    url: started.out.trim(),
    release: async () => {
      if (startedHere) await redis('stop');
    },
  };
}
