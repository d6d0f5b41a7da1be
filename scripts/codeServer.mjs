// Shared by `npm start` and the e2e launcher (Node): where code-server is installed, a free
// loopback port, starting code-server on 127.0.0.1, and waiting until it answers.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const csEntry = join(
  root,
  '.vscode-test/code-server/node_modules/code-server/out/node/entry.js',
);

/** A free port on 127.0.0.1: `wanted` when it is free, otherwise any. */
export function freePort(wanted = 0) {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', (e) => (wanted ? res(freePort(0)) : rej(e)));
    s.listen(wanted, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

/** Starts code-server (detached, so its whole process group can be stopped) on 127.0.0.1.
 * `workspaceTrust: false` passes --disable-workspace-trust (every folder trusted). */
export function startCodeServer({
  port,
  workspace,
  userData,
  extensions,
  workspaceTrust,
  env,
  stdio,
}) {
  return spawn(
    process.execPath,
    [
      csEntry,
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      ...(workspaceTrust ? [] : ['--disable-workspace-trust']),
      '--user-data-dir',
      userData,
      '--extensions-dir',
      extensions,
      workspace,
    ],
    { env: env ?? process.env, stdio, detached: true },
  );
}

/** Resolves once `url` answers 200 or 302; rejects after `timeoutMs`. */
export async function waitForHttp(url, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const r = await fetch(url, { redirect: 'manual' });
      if (r.status === 302 || r.status === 200) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`code-server did not answer on ${url}`);
}
