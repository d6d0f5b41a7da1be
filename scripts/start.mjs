// `npm start` (Node): builds, then opens VS Code with the extension on examples/. Desktop `code`
// when it is installed; otherwise code-server on 127.0.0.1 (installed on demand into
// .vscode-test/, see scripts/setup-code-server.sh), printing the URL to open. Ctrl-C stops it.
// `--check` starts code-server, waits until it answers, prints the URL and exits (smoke test).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const examples = join(root, 'examples');
const csEntry = join(root, '.vscode-test/code-server/node_modules/code-server/out/node/entry.js');
const check = process.argv.includes('--check');

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root });
  if (r.status !== 0) {
    console.error(`${cmd} ${args.join(' ')} failed`);
    process.exit(r.status ?? 1);
  }
}

function desktopCode() {
  const which = spawnSync('sh', ['-c', 'command -v code'], { encoding: 'utf8' }).stdout.trim();
  if (!which) return undefined;
  const version = spawnSync(which, ['--version'], { encoding: 'utf8' }).stdout ?? '';
  return version.includes('code-server') ? undefined : which;
}

function portFrom(wanted) {
  return new Promise((res) => {
    const s = createServer();
    s.once('error', () => res(portFrom(0)));
    s.listen(wanted, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

async function waitUp(url) {
  for (let i = 0; i < 240; i++) {
    try {
      const r = await fetch(url, { redirect: 'manual' });
      if (r.status === 302 || r.status === 200) return;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('code-server did not start');
}

run(process.execPath, ['esbuild.mjs']);

const code = check ? undefined : desktopCode();
if (code) {
  console.log(`opening ${examples} in VS Code with the extension from ${root}`);
  run(code, ['--extensionDevelopmentPath', root, examples]);
  process.exit(0);
}

if (!existsSync(csEntry)) {
  console.log('no desktop VS Code: installing code-server (once, about three minutes)...');
  run('bash', [join(root, 'scripts/setup-code-server.sh')]);
}
const state = join(root, '.vscode-test/start');
mkdirSync(join(state, 'user/User'), { recursive: true });
const settings = join(state, 'user/User/settings.json');
if (!existsSync(settings)) {
  writeFileSync(
    settings,
    JSON.stringify(
      { 'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off' },
      null,
      2,
    ),
  );
}
const port = await portFrom(Number(process.env.PORT ?? 8080));
const base = `http://127.0.0.1:${port}`;
const child = spawn(
  process.execPath,
  [
    csEntry,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--user-data-dir',
    join(state, 'user'),
    '--extensions-dir',
    join(state, 'extensions'),
    examples,
  ],
  { stdio: ['ignore', 'ignore', 'inherit'], detached: true },
);
const stop = () => {
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    /* gone */
  }
};
process.on('SIGINT', () => (stop(), process.exit(0)));
process.on('SIGTERM', () => (stop(), process.exit(0)));
await waitUp(base);
const payload = [['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${port}${root}`]];
const url = `${base}/?folder=${encodeURIComponent(examples)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
console.log(
  `\nVS Code (code-server) with the Medusa Workflows extension on examples/:\n\n  ${url}\n`,
);
if (check) {
  stop();
  process.exit(0);
}
console.log('Open the URL in a browser (Chromium, Chrome, Firefox). Ctrl-C stops the server.');
child.on('exit', (c) => process.exit(c ?? 0));
