// Host (Node): whether a Medusa app runs @medusajs/workflow-engine-redis and on which Redis it
// publishes, read from the text of its medusa-config and its .env files without running any of
// its code. Imported through the executions reader by the Workflow Executions view's Live mode.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appEnvironment } from './appDatabaseUrl';

export type AppRedis =
  | { uses: false; config?: string }
  /**
   * `from`: the environment variable (or the config file, for a literal) the URL comes from;
   * `url` is undefined when that variable is not set or the config computes the URL.
   */
  | { uses: true; config: string; url?: string; from?: string };

const CONFIGS = ['medusa-config.ts', 'medusa-config.js', 'medusa-config.mjs', 'medusa-config.cjs'];
/** `redisUrl:`/`url:` followed by process.env.X, process.env['X'] or a string literal. */
const URL_OPTION =
  /\b(?:redisUrl|url)\s*:\s*(?:process\.env\.([A-Za-z_]\w*)|process\.env\[\s*['"]([A-Za-z_]\w*)['"]\s*\]|(['"`])((?:rediss?:\/\/)[^'"`]*)\3)/;

export function findAppRedis(appRoot: string, env: NodeJS.ProcessEnv = process.env): AppRedis {
  const config = CONFIGS.find((name) => readText(join(appRoot, name)) !== undefined);
  if (!config) return { uses: false };
  const text = stripComments(readText(join(appRoot, config)) ?? '');
  const at = text.search(/workflow-engine-redis['"`]/);
  if (at < 0) return { uses: false, config };
  // The module's own entry: up to the next module's `resolve:` (or 2000 characters).
  const rest = text.slice(at);
  const next = rest.slice(1).search(/\bresolve\s*:/);
  const entry = rest.slice(0, next < 0 ? 2000 : next + 1);
  // Events go out on `redis.pubsub.url` when it is set, else on the module's own Redis.
  const pubsub = entry.search(/\bpubsub\s*:/);
  const match =
    (pubsub >= 0 ? URL_OPTION.exec(entry.slice(pubsub)) : null) ?? URL_OPTION.exec(entry);
  if (!match) return { uses: true, config };
  const variable = match[1] ?? match[2];
  if (variable === undefined) return { uses: true, config, url: match[4], from: config };
  const value = appEnvironment(appRoot, env)[variable]?.trim();
  return { uses: true, config, url: value ? value : undefined, from: variable };
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:\\])\/\/.*$/gm, '$1');
}
