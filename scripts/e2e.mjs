// e2e launcher (Node): runs the mocha suite of out/test/e2e inside a real VS Code. Desktop VS Code
// through @vscode/test-electron when one is installed (VSCODE_EXECUTABLE or `code` on PATH);
// otherwise code-server + Debian's Chromium driven by playwright-core (see vscode-e2e.md).
// Prints mocha's "N passing"/"N failing" lines; exits non-zero on failure. Screenshots the suite
// asks for (through a small 127.0.0.1 bridge) land in test-artifacts/.
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import { csEntry, freePort, startCodeServer, waitForHttp } from './codeServer.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const artifacts = join(root, 'test-artifacts');
// MEDUSA_E2E_TESTS runs another entry the same way (bench/extension.mjs uses it).
const testsEntry = resolve(root, process.env.MEDUSA_E2E_TESTS ?? 'out/test/e2e/index.js');
const timeoutMs = Number(process.env.MEDUSA_E2E_TIMEOUT_MS ?? 8 * 60_000);
const consoleLog = [];

function log(...args) {
  if (process.env.MEDUSA_E2E_VERBOSE) console.error('[e2e]', ...args);
}

/** A fresh copy of examples/ inside the repo (so node_modules resolution still finds ours). */
function prepareWorkspace() {
  // bench/extension.mjs opens another folder as it is (a many-app workspace) with MEDUSA_E2E_FOLDER.
  if (process.env.MEDUSA_E2E_FOLDER) return resolve(process.env.MEDUSA_E2E_FOLDER);
  const ws = join(root, '.vscode-test/workspace');
  rmSync(ws, { recursive: true, force: true });
  mkdirSync(ws, { recursive: true });
  if (existsSync(join(root, 'examples'))) {
    cpSync(join(root, 'examples'), ws, {
      recursive: true,
      // No node_modules at any depth (examples/medusa-app has its own, 700 MB).
      filter: (src) => !relative(join(root, 'examples'), src).split(sep).includes('node_modules'),
    });
  }
  // examples/ sits beside the repo's node_modules, and its launch.json reaches core-flows through
  // `${workspaceFolder}/../node_modules`: the copy keeps that layout.
  const beside = join(root, '.vscode-test/node_modules');
  if (!existsSync(beside)) symlinkSync(join(root, 'node_modules'), beside, 'dir');
  // The copy of the fixture Medusa app boots from its own installed packages (app-container runs).
  const appModules = join(root, 'examples/medusa-app/node_modules');
  if (existsSync(appModules) && existsSync(join(ws, 'medusa-app'))) {
    symlinkSync(realpathSync(appModules), join(ws, 'medusa-app/node_modules'), 'dir');
  }
  return ws;
}

function userSettings(dir, trustEnabled = false) {
  mkdirSync(join(dir, 'User'), { recursive: true });
  writeFileSync(
    join(dir, 'User/settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'security.workspace.trust.enabled': trustEnabled,
        'security.workspace.trust.startupPrompt': 'never',
        'security.workspace.trust.untrustedFiles': 'open',
        'extensions.autoUpdate': false,
        'extensions.autoCheckUpdates': false,
        'git.enabled': false,
        'telemetry.telemetryLevel': 'off',
        'workbench.colorTheme': 'Default Light Modern',
        'typescript.disableAutomaticTypeAcquisition': true,
        'window.commandCenter': false,
        'workbench.tips.enabled': false,
        'chat.disableAIFeatures': true,
      },
      null,
      2,
    ),
  );
}

function findDesktopCode() {
  if (process.env.VSCODE_EXECUTABLE && existsSync(process.env.VSCODE_EXECUTABLE)) {
    return process.env.VSCODE_EXECUTABLE;
  }
  if (process.env.MEDUSA_E2E_FORCE_CODE_SERVER) return undefined;
  const which = spawnSync('sh', ['-c', 'command -v code'], { encoding: 'utf8' });
  const p = which.stdout.trim();
  // code-server also installs a `code` shim on some machines; test-electron needs the desktop one.
  if (!p || spawnSync(p, ['--version'], { encoding: 'utf8' }).stdout.includes('code-server')) {
    return undefined;
  }
  return p;
}

/** The bridge the suite calls (from the extension host) for things only the browser can do. */
function startBridge(getPage) {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    try {
      const page = getPage();
      if (!page) throw new Error('no page');
      if (url.pathname === '/screenshot') {
        const name = (url.searchParams.get('name') ?? 'shot').replace(/[^\w.-]/g, '_');
        mkdirSync(artifacts, { recursive: true });
        const file = join(artifacts, `${name}.png`);
        await page.screenshot({ path: file });
        res.end(JSON.stringify({ file }));
      } else if (url.pathname === '/hover') {
        const selector = url.searchParams.get('selector') ?? '';
        const frame = await findWebviewFrame(page, selector);
        await frame.locator(selector).first().hover();
        res.end(JSON.stringify({ ok: true }));
      } else if (url.pathname === '/press') {
        const selector = url.searchParams.get('selector') ?? '';
        const frame = await findWebviewFrame(page, selector);
        await frame
          .locator(selector)
          .first()
          .press(url.searchParams.get('key') ?? '');
        res.end(JSON.stringify({ ok: true }));
      } else if (url.pathname === '/quickpick') {
        const q = url.searchParams;
        res.end(JSON.stringify(await pickInQuickInput(page, q.get('pick') ?? '', q.get('filter'))));
      } else if (url.pathname === '/input') {
        res.end(JSON.stringify(await answerInputBox(page, url.searchParams.get('text') ?? '')));
      } else if (url.pathname === '/click' || url.pathname === '/dblclick') {
        const selector = url.searchParams.get('selector') ?? '';
        const frame = await findWebviewFrame(page, selector);
        const el = frame.locator(selector).first();
        if (url.pathname === '/click') await el.click();
        else await el.dblclick();
        res.end(JSON.stringify({ ok: true }));
      } else {
        res.statusCode = 404;
        res.end('{}');
      }
    } catch (e) {
      res.statusCode = 500;
      res.end(JSON.stringify({ error: String(e?.message ?? e) }));
    }
  });
  return new Promise((res) => server.listen(0, '127.0.0.1', () => res(server)));
}

/**
 * The workbench's open quick pick: waits until one of its rows is labelled `pick` (its accessible
 * label, up to the first comma), reads its placeholder and rows, then picks it as a user would:
 * types `filter` (default `pick`) and clicks the row.
 */
async function pickInQuickInput(page, pick, filter) {
  const shows = (l) => l.split(', ')[0] === pick;
  const widget = page.locator('.quick-input-widget');
  const rows = widget.locator('.quick-input-list .monaco-list-row');
  const labels = async () =>
    (await rows.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''))).filter(
      Boolean,
    );
  const deadline = Date.now() + 20_000;
  let items = [];
  while (Date.now() < deadline) {
    if (await widget.isVisible()) {
      items = await labels();
      if (items.some(shows)) break;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  if (!items.some(shows))
    throw new Error(`no quick pick row shows "${pick}" (rows: ${items.join(' | ')})`);
  const input = widget.locator('.quick-input-box input');
  const placeholder = (await input.getAttribute('placeholder')) ?? '';
  // Typed after what the box holds already (quick access pickers keep their prefix, `debug `).
  await input.press('End');
  await input.pressSequentially(filter ?? pick);
  const until = Date.now() + 10_000;
  let left = [];
  while (Date.now() < until) {
    left = await labels();
    if (left.some(shows)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const at = left.findIndex(shows);
  if (at < 0) throw new Error(`no "${pick}" after typing "${filter ?? pick}": ${left.join(' | ')}`);
  await rows.nth(at).click();
  return { placeholder, items };
}

/** The workbench's open input box (showInputBox): types `text` as a user would and presses
 * Enter; returns the prompt it showed, once the box has closed. */
async function answerInputBox(page, text) {
  const widget = page.locator('.quick-input-widget');
  const input = widget.locator('.quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: 20_000 });
  const prompt = (await widget.locator('.quick-input-message').textContent()) ?? '';
  await input.pressSequentially(text);
  await input.press('Enter');
  // Accepted once the box has closed (a quick input opened before that would be replaced).
  await widget.waitFor({ state: 'hidden', timeout: 20_000 });
  return { prompt };
}

/** The webview's inner frame that holds `selector` (webviews are nested iframes). */
async function findWebviewFrame(page, selector) {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      try {
        if ((await frame.locator(selector).count()) > 0) return frame;
      } catch {
        /* detached frame */
      }
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no webview frame has ${selector}`);
}

/** Mocha's spec reporter lines reach us through the workbench console; echo them once. */
function makeLogSink() {
  return (level, args) => {
    const parts = Array.isArray(args) ? args : [args];
    const text = format(...parts);
    consoleLog.push(`[${level}] ${text}`);
    // The workbench's own chatter (errors, warnings) goes to the log file, mocha's lines to stdout.
    if (level === 'error' || level === 'warn') return log(level, text);
    process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  };
}

/** One code-server session running the suite; `untrusted` opens the workspace in Restricted Mode. */
async function runCodeServer({ untrusted = false } = {}) {
  if (!existsSync(csEntry)) {
    const r = spawnSync('bash', [join(root, 'scripts/setup-code-server.sh')], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error('code-server setup failed (run `npm run setup` as root)');
  }
  const { chromium } = await import('playwright-core');
  const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chromiumPath))
    throw new Error(`no Chromium at ${chromiumPath}: run npm run setup`);
  const workspace = prepareWorkspace();
  const tmp = mkdtempSync(join(tmpdir(), 'mw-e2e-'));
  const userData = join(tmp, 'user');
  const extensions = join(tmp, 'extensions');
  userSettings(userData, untrusted);
  mkdirSync(artifacts, { recursive: true });

  let page;
  const bridge = await startBridge(() => page);
  const port = await freePort();
  const env = {
    ...process.env,
    MEDUSA_E2E_BRIDGE: `http://127.0.0.1:${bridge.address().port}`,
    MEDUSA_E2E_ARTIFACTS: artifacts,
    MEDUSA_E2E_WORKSPACE: workspace,
    MEDUSA_E2E_UNTRUSTED: untrusted ? '1' : '',
  };
  const cs = startCodeServer({
    port,
    workspace,
    userData,
    extensions,
    workspaceTrust: untrusted,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const serverLog = [];
  cs.stdout.on('data', (d) => serverLog.push(d.toString()));
  cs.stderr.on('data', (d) => serverLog.push(d.toString()));
  const base = `http://127.0.0.1:${port}`;
  let browser;
  try {
    await waitForHttp(base);
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    page = await context.newPage();
    let finish;
    const exited = new Promise((res) => (finish = res));
    await page.exposeFunction('codeAutomationLog', makeLogSink());
    await page.exposeFunction('codeAutomationExit', (code) => finish(Number(code)));
    const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
    const payload = [
      ['extensionDevelopmentPath', remote(root)],
      ['extensionTestsPath', remote(testsEntry)],
      ['skipWelcome', 'true'],
    ];
    const url = `${base}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    log('opening', url);
    await page.goto(url);
    const timer = setTimeout(() => finish(-1), timeoutMs);
    const code = await exited;
    clearTimeout(timer);
    if (code === -1) {
      await page.screenshot({ path: join(artifacts, 'timeout.png') }).catch(() => {});
      console.log(`e2e: timed out after ${timeoutMs} ms`);
      return 1;
    }
    return code;
  } finally {
    if (process.env.MEDUSA_E2E_VERBOSE) console.error(serverLog.join(''));
    writeFileSync(join(artifacts, 'code-server.log'), serverLog.join(''));
    writeFileSync(join(artifacts, 'workbench-console.log'), consoleLog.join('\n'));
    await browser?.close().catch(() => {});
    bridge.close();
    try {
      process.kill(-cs.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
    rmSync(tmp, { recursive: true, force: true });
  }
}

async function runDesktop(executable) {
  const { runTests } = await import('@vscode/test-electron');
  const workspace = prepareWorkspace();
  const tmp = mkdtempSync(join(tmpdir(), 'mw-e2e-'));
  userSettings(join(tmp, 'user'));
  try {
    await runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath: root,
      extensionTestsPath: testsEntry,
      extensionTestsEnv: { MEDUSA_E2E_ARTIFACTS: artifacts, MEDUSA_E2E_WORKSPACE: workspace },
      launchArgs: [workspace, '--disable-extensions', `--user-data-dir=${join(tmp, 'user')}`],
    });
    return 0;
  } catch {
    return 1;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (!existsSync(testsEntry)) {
  console.error('out/test/e2e/index.js is missing: run npm run build first');
  process.exit(2);
}
const desktop = findDesktopCode();
let code;
if (desktop) {
  code = await runDesktop(desktop);
} else {
  code = await runCodeServer();
  // The same suite's Restricted Mode part (the bench runs its own entry only once).
  if (!process.env.MEDUSA_E2E_TESTS)
    code = Math.max(code, await runCodeServer({ untrusted: true }));
}
process.exit(code === 0 ? 0 : 1);
