// `npm start` (Node): builds, then opens VS Code with the extension on examples/. Desktop `code`
// when it is installed; otherwise code-server on 127.0.0.1 (installed on demand into
// .vscode-test/, see scripts/setup-code-server.sh), printing the URL to open. Ctrl-C stops it.
// `--check` starts code-server, waits until it answers, prints the URL and exits (smoke test).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { csEntry, freePort, root, startCodeServer, waitForHttp } from './codeServer.mjs';

const examples = join(root, 'examples');
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
const port = await freePort(Number(process.env.PORT ?? 8080));
const base = `http://127.0.0.1:${port}`;
const child = startCodeServer({
  port,
  workspace: examples,
  userData: join(state, 'user'),
  extensions: join(state, 'extensions'),
  workspaceTrust: true,
  stdio: ['ignore', 'ignore', 'inherit'],
});
const stop = () => {
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    /* gone */
  }
};
process.on('SIGINT', () => (stop(), process.exit(0)));
process.on('SIGTERM', () => (stop(), process.exit(0)));
await waitForHttp(base);
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
