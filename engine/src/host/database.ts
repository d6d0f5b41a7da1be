// Host (Node only): what a Postgres connection URL points at, without its credentials, and
// whether that server is on this machine. Imported by medusaApp.ts (the "container": "app" boot).
import { isIP } from 'node:net';

export interface DatabaseTarget {
  /** `postgres://host:port/name` (or `postgres://<socket dir>/name`), never user or password. */
  display: string;
  host: string;
  port: number;
  name: string;
  /** The unix socket file, when the URL names a socket directory. */
  socket?: string;
  /** A unix socket, 127.0.0.0/8, ::1 or localhost. */
  local: boolean;
}

export function describeDatabase(url: string): DatabaseTarget {
  // `postgres://user@/db?host=/dir` (libpq: credentials, no host) is not a WHATWG URL as is.
  const parsed = parse(url) ?? parse(url.replace(/^([a-z]+:\/\/[^/@]*@)\//i, `$1${NO_HOST}/`));
  // Never echo the URL: it may hold a password.
  if (!parsed) throw new Error('DATABASE_URL is not a valid postgres:// URL.');
  if (parsed.hostname === NO_HOST) parsed.hostname = '';
  const name = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || 'postgres';
  const port = Number(parsed.port || parsed.searchParams.get('port') || 5432);
  const socketDir = parsed.searchParams.get('host') ?? (parsed.hostname === '' ? '' : undefined);
  if (socketDir !== undefined && (socketDir === '' || socketDir.startsWith('/'))) {
    const dir = socketDir || '/var/run/postgresql';
    return {
      display: `postgres://${dir}/${name}`,
      host: dir,
      port,
      name,
      socket: `${dir}/.s.PGSQL.${port}`,
      local: true,
    };
  }
  const host = (socketDir ?? parsed.hostname).replace(/^\[|\]$/g, '');
  const shown = isIP(host) === 6 ? `[${host}]` : host;
  return {
    display: `postgres://${shown}:${port}/${name}`,
    host,
    port,
    name,
    local: isLocalHost(host),
  };
}

const NO_HOST = 'no-host.invalid';

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

function isLocalHost(host: string): boolean {
  if (host === 'localhost' || host === '::1') return true;
  return isIP(host) === 4 && host.startsWith('127.');
}
