// Host (Node): a Medusa app's DATABASE_URL as its medusa-config would see it after Medusa's
// loadEnv (the process environment, then `.env.<NODE_ENV>` for staging/production/test, then
// `.env`, with ${VAR} expansion), read without running any of the app's code. Imported by the
// executions reader's users (CLI `executions --app`, the Workflow Executions view).
import { parse } from 'dotenv';
import { expand } from 'dotenv-expand';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ENVIRONMENT_FILES = new Set(['staging', 'production', 'test']);

export function findAppDatabaseUrl(
  appRoot: string,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  const url = appEnvironment(appRoot, env).DATABASE_URL?.trim();
  return url ? url : undefined;
}

/** The app's environment as Medusa's loadEnv leaves it (the process's, then its .env files). */
export function appEnvironment(
  appRoot: string,
  env: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  const environment = env.NODE_ENV || 'development';
  const files = ENVIRONMENT_FILES.has(environment) ? [`.env.${environment}`, '.env'] : ['.env'];
  // As dotenv does: a variable already set wins over the files, the first file over the next.
  const processEnv: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined) processEnv[key] = value;
  const parsed: Record<string, string> = {};
  for (const file of files) {
    for (const [key, value] of Object.entries(readEnvFile(join(appRoot, file)))) {
      if (!(key in processEnv) && !(key in parsed)) parsed[key] = value;
    }
  }
  Object.assign(processEnv, parsed);
  expand({ parsed, processEnv });
  return processEnv;
}

function readEnvFile(path: string): Record<string, string> {
  try {
    return parse(readFileSync(path));
  } catch {
    return {};
  }
}
