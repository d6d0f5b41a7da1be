// Test and setup helper (Node, no dependencies): the project's throwaway Redis server (Debian's
// redis-server) for the live-executions test, under .vscode-test/redis, on 127.0.0.1 only, with
// no persistence. Used by the app test suite (test/app/executionsLive.test.ts) and CI.
// Usage: node scripts/redis.mjs start|stop|status|url
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const base = join(root, '.vscode-test/redis');
const portFile = join(base, 'port');
const pidFile = join(base, 'redis.pid');

function fail(message) {
  console.error(`redis: ${message}`);
  process.exit(1);
}

function server() {
  for (const candidate of ['/usr/bin/redis-server', '/usr/local/bin/redis-server']) {
    if (existsSync(candidate)) return candidate;
  }
  const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  if (found.status === 0) return found.stdout.trim();
  fail("redis-server was not found: run `npm run setup` (it installs Debian's redis-server).");
}

function port() {
  return existsSync(portFile) ? Number(readFileSync(portFile, 'utf8').trim()) : undefined;
}

export function redisUrl() {
  const p = port();
  if (p === undefined) fail('the server was never started: run `node scripts/redis.mjs start`.');
  return `redis://127.0.0.1:${p}`;
}

function pid() {
  return existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').trim()) : undefined;
}

function alive(p) {
  if (!p) return false;
  try {
    process.kill(p, 0);
    return true;
  } catch {
    return false;
  }
}

/** Answers PONG on its port: up and ours to use. */
function ping(p) {
  return new Promise((done) => {
    const socket = createConnection({ host: '127.0.0.1', port: p });
    let text = '';
    socket.setTimeout(1000, () => socket.destroy());
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (d) => {
      text += d.toString();
      if (text.includes('\r\n')) socket.end();
    });
    socket.on('close', () => done(text.startsWith('+PONG')));
    socket.on('error', () => done(false));
  });
}

function freePort() {
  return new Promise((done) => {
    const s = createServer();
    s.listen(port() ?? 0, '127.0.0.1', () => {
      const { port: p } = s.address();
      s.close(() => done(p));
    });
    s.once('error', () => {
      const any = createServer();
      any.listen(0, '127.0.0.1', () => {
        const { port: p } = any.address();
        any.close(() => done(p));
      });
    });
  });
}

async function running() {
  const p = port();
  return alive(pid()) && p !== undefined && (await ping(p));
}

async function start() {
  if (await running()) return;
  mkdirSync(base, { recursive: true });
  const p = await freePort();
  writeFileSync(portFile, `${p}\n`);
  rmSync(pidFile, { force: true });
  const r = spawnSync(
    server(),
    [
      '--port',
      String(p),
      '--bind',
      '127.0.0.1',
      '--protected-mode',
      'yes',
      '--dir',
      base,
      '--daemonize',
      'yes',
      '--pidfile',
      pidFile,
      '--logfile',
      join(base, 'redis.log'),
      '--save',
      '',
      '--appendonly',
      'no',
    ],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) fail(`redis-server did not start:\n${r.stderr || r.stdout}`);
  for (let i = 0; i < 100; i++) {
    if (await ping(p)) return;
    await new Promise((done) => setTimeout(done, 100));
  }
  fail(`redis-server did not answer on 127.0.0.1:${p} (see ${join(base, 'redis.log')}).`);
}

async function stop() {
  const p = pid();
  if (!alive(p)) return;
  process.kill(p, 'SIGTERM');
  for (let i = 0; i < 100 && alive(p); i++) await new Promise((done) => setTimeout(done, 50));
  if (alive(p)) fail(`redis-server (pid ${p}) did not stop.`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  switch (process.argv[2]) {
    case 'start':
      await start();
      console.log(redisUrl());
      break;
    case 'stop':
      await stop();
      break;
    case 'status': {
      const up = await running();
      console.log(up ? `running: ${redisUrl()}` : 'stopped');
      process.exit(up ? 0 : 3);
      break;
    }
    case 'url':
      console.log(redisUrl());
      break;
    default:
      fail('usage: node scripts/redis.mjs start|stop|status|url');
  }
}
