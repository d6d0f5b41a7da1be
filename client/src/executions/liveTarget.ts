// Extension host (Workflow Executions, Live) and unit tests: which Redis the view follows, or why
// it follows none: the setting `medusaWorkflows.executions.redisUrl`, else the Redis of a workspace
// app's workflow-engine-redis module; on this machine only unless the user allows another.
import type { AppRedis } from '../../../engine/src/executions/live';
import { isLoopbackRedisUrl, redactRedisUrl } from '../../../engine/src/executions/live';

export const REDIS_SETTING = 'medusaWorkflows.executions.redisUrl';
export const REMOTE_SETTING = 'medusaWorkflows.executions.allowRemoteRedis';

export interface LiveTarget {
  url: string;
  /** The URL without credentials, for the view. */
  shown: string;
}

/** The Redis to follow, or one sentence saying why there is none. */
export function liveTarget(
  setting: string | undefined,
  allowRemote: boolean,
  apps: readonly { root: string; redis: AppRedis }[],
): LiveTarget | string {
  let url = setting?.trim() ?? '';
  if (url === '') {
    const app = apps.find((a) => a.redis.uses);
    if (!app || !app.redis.uses) {
      return `No Medusa app in the workspace uses @medusajs/workflow-engine-redis, so none publishes live events: set "${REDIS_SETTING}" to follow a Redis anyway.`;
    }
    if (app.redis.url === undefined) {
      const from = app.redis.from;
      return from !== undefined && from !== app.redis.config
        ? `The app's ${app.redis.config} takes workflow-engine-redis's Redis from ${from}, which its environment and .env do not set: set "${REDIS_SETTING}".`
        : `The app's ${app.redis.config} uses workflow-engine-redis with a Redis URL that cannot be read without running it: set "${REDIS_SETTING}".`;
    }
    url = app.redis.url;
  }
  if (!/^rediss?:\/\//i.test(url)) return 'The Redis URL must start with redis:// or rediss://.';
  const shown = redactRedisUrl(url);
  if (!isLoopbackRedisUrl(url) && !allowRemote) {
    return `Live follows only a Redis on this machine, and ${shown} is not: set "${REMOTE_SETTING}" to follow it (read-only).`;
  }
  return { url, shown };
}
