// Benchmark (Node): the language server's resident memory after indexing
// node_modules/@medusajs/core-flows/dist (medusaWorkflows/listWorkflows with includeExternal),
// against the same server idle on an empty workspace, measured in this run. Target: < 300 MB.
// Run after `npm run build`: node bench/server-memory.mjs (exit 1 when over the target), or
// import { measureServerMemory, printServerMemory } from bench/analyzer.mjs.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-jsonrpc/node';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const server = join(root, 'dist', 'server.js');
const targetMb = 300;

function rssMb(pid, field = 'VmRSS') {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  if (!m) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number(m[1]) / 1024;
}

async function startServer(folder) {
  const child = spawn(process.execPath, [server, '--stdio'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const conn = createMessageConnection(
    new StreamMessageReader(child.stdout),
    new StreamMessageWriter(child.stdin),
  );
  conn.onRequest('workspace/configuration', (p) => p.items.map(() => ({})));
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.onRequest('client/registerCapability', () => null);
  conn.onNotification('window/logMessage', () => undefined);
  conn.onNotification('$/progress', () => undefined);
  conn.listen();
  const uri = pathToFileURL(folder).href;
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: uri,
    workspaceFolders: [{ uri, name: 'bench' }],
    capabilities: { window: { workDoneProgress: true }, workspace: { configuration: true } },
  });
  await conn.sendNotification('initialized', {});
  const exited = new Promise((r) => child.on('exit', r));
  return {
    pid: child.pid,
    request: (method, params) => conn.sendRequest(method, params),
    async stop() {
      await conn.sendRequest('shutdown');
      await conn.sendNotification('exit');
      const code = await exited;
      conn.dispose();
      return code;
    },
  };
}

/** Measures in one run: the idle server's RSS on an empty workspace, then the RSS after
 * indexing core-flows. Throws when dist/server.js or core-flows is missing. */
export async function measureServerMemory() {
  if (!existsSync(server)) throw new Error('dist/server.js is missing: run `npm run build` first');
  const coreFlows = join(root, 'node_modules', '@medusajs', 'core-flows', 'dist');
  if (!existsSync(coreFlows)) throw new Error(`${coreFlows} is missing: run \`npm ci\` first`);
  // Workspaces: one empty (baseline), one with only node_modules (a link to this repo's) so that
  // nothing but core-flows (and what it imports) is indexed.
  const empty = mkdtempSync(join(tmpdir(), 'mw-bench-empty-'));
  const withModules = mkdtempSync(join(tmpdir(), 'mw-bench-core-flows-'));
  symlinkSync(join(root, 'node_modules'), join(withModules, 'node_modules'), 'dir');
  try {
    const idle = await startServer(empty);
    await idle.request('medusaWorkflows/listWorkflows', {});
    const baselineMb = rssMb(idle.pid);
    await idle.stop();

    const s = await startServer(withModules);
    await s.request('medusaWorkflows/listWorkflows', {});
    const t0 = performance.now();
    const list = await s.request('medusaWorkflows/listWorkflows', { includeExternal: true });
    const seconds = (performance.now() - t0) / 1000;
    const rssMbAfter = rssMb(s.pid);
    const peakMb = rssMb(s.pid, 'VmHWM');
    const exitCode = await s.stop();
    const workflows = list.filter((w) => w.external).length;
    return { baselineMb, rssMb: rssMbAfter, peakMb, seconds, workflows, exitCode, targetMb };
  } finally {
    rmSync(empty, { recursive: true, force: true });
    rmSync(withModules, { recursive: true, force: true });
  }
}

/** Prints the figures; returns whether the target was met. */
export function printServerMemory(m) {
  const ok = m.rssMb < m.targetMb && m.workflows > 0 && m.exitCode === 0;
  const mb = (n) => `${n.toFixed(1)} MB`;
  console.log(
    `server memory after indexing @medusajs/core-flows/dist (${m.workflows} workflows, ${m.seconds.toFixed(1)} s)`,
  );
  console.log(`  idle baseline (empty workspace): ${mb(m.baselineMb)} RSS`);
  console.log(
    `  after indexing:                  ${mb(m.rssMb)} RSS (${(m.rssMb / m.baselineMb).toFixed(2)}x baseline), peak ${mb(m.peakMb)}`,
  );
  console.log(
    `  target:                          < ${m.targetMb} MB: ${m.rssMb < m.targetMb ? 'met' : 'NOT met'} (${(m.rssMb / m.targetMb).toFixed(2)} of target)`,
  );
  if (m.workflows === 0)
    console.log('  warning: no core-flows workflow was found: the analyzer returned nothing');
  if (m.exitCode !== 0) console.log(`  warning: the server exited with code ${m.exitCode}`);
  return ok;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    process.exitCode = printServerMemory(await measureServerMemory()) ? 0 : 1;
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  }
}
