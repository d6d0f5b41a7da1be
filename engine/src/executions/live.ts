// Live workflow events of a Medusa app that runs workflow-engine-redis: a read-only PSUBSCRIBE on
// its `orchestrator:*` channels (published for workflows with async steps only). Runs in the
// extension host or the CLI; the Workflow Executions view's Live mode imports it (an engine entry
// of its own, so the CLI and the debug adapter do not carry ioredis).
import Redis from 'ioredis';
import { ExecutionsError } from './errors';

export { findAppRedis, type AppRedis } from '../host/appRedisUrl';

export interface LiveEvent {
  workflowId: string;
  transactionId: string;
  /** onBegin, onResume, onStepBegin, onStepSuccess, onStepFailure, onStepAwaiting, onFinish, ... */
  eventType: string;
  /** The step's name (Medusa's `definition.action`), for step events. */
  step?: string;
  /** The step's path in `execution.steps` (`_root.a.b`), for step events. */
  stepPath?: string;
  /** The transaction's state, when the event carries it (onFinish). */
  state?: string;
}

export interface LiveFollower extends AsyncIterable<LiveEvent> {
  close(): Promise<void>;
}

/** `redis://host:port`: the URL without user, password or database. */
export function redactRedisUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.hostname}${u.port ? `:${u.port}` : ''}`;
  } catch {
    return 'the Redis URL (not a valid redis:// URL)';
  }
}

/** Whether the URL's host is this machine (localhost, 127.0.0.0/8, ::1). */
export function isLoopbackRedisUrl(url: string): boolean {
  try {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '').toLowerCase();
    return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
  } catch {
    return false;
  }
}

/** The event of one message of `orchestrator:<workflowId>`, or undefined when it is not one. */
export function parseLiveMessage(message: string): LiveEvent | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    return undefined;
  }
  const data = (parsed as { data?: Record<string, unknown> } | null)?.data;
  if (typeof data !== 'object' || data === null) return undefined;
  const { workflowId, transactionId, eventType, step, state } = data;
  if (typeof workflowId !== 'string' || typeof transactionId !== 'string') return undefined;
  if (typeof eventType !== 'string') return undefined;
  const event: LiveEvent = { workflowId, transactionId, eventType };
  if (typeof step === 'object' && step !== null) {
    const { id, definition } = step as { id?: unknown; definition?: { action?: unknown } };
    if (typeof definition?.action === 'string') event.step = definition.action;
    if (typeof id === 'string') event.stepPath = id;
  }
  if (typeof state === 'string') event.state = state;
  return event;
}

/**
 * Subscribes (read-only: PSUBSCRIBE only) and resolves once Redis acknowledged it. Throws
 * ExecutionsError `bad-url`, `unreachable` or `auth`. After a lost connection ioredis reconnects
 * and subscribes again; events published meanwhile are lost (Redis pub/sub keeps none).
 */
export async function followLiveExecutions(
  redisUrl: string,
  options: { workflowId?: string } = {},
): Promise<LiveFollower> {
  if (!/^rediss?:\/\//i.test(redisUrl.trim())) {
    throw new ExecutionsError('bad-url', 'The Redis URL must start with redis:// or rediss://.');
  }
  const target = redactRedisUrl(redisUrl);
  let connected = false;
  const redis = new Redis(redisUrl, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 5000,
    // No retries before the first connection: the caller hears at once that Redis is not there.
    retryStrategy: (times) => (connected ? Math.min(times * 200, 2000) : null),
  });
  let lastError: unknown;
  redis.on('error', (error) => (lastError = error));
  try {
    await redis.connect();
    await redis.psubscribe(`orchestrator:${options.workflowId ?? '*'}`);
    connected = true;
  } catch (error) {
    redis.disconnect();
    // connect() rejects with "Connection is closed"; the socket's own error says why.
    throw redisError(lastError ?? error, target);
  }

  const queue: LiveEvent[] = [];
  const waiting: ((r: IteratorResult<LiveEvent>) => void)[] = [];
  let closed = false;
  redis.on('pmessage', (_pattern: string, _channel: string, message: string) => {
    const event = parseLiveMessage(message);
    if (!event) return;
    const next = waiting.shift();
    if (next) next({ value: event, done: false });
    else queue.push(event);
  });
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    for (const next of waiting.splice(0)) next({ value: undefined, done: true });
    await redis.quit().catch(() => redis.disconnect());
  };
  return {
    close,
    [Symbol.asyncIterator]: () => ({
      next: () => {
        const event = queue.shift();
        if (event) return Promise.resolve({ value: event, done: false });
        if (closed) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => waiting.push(resolve));
      },
      return: async () => {
        await close();
        return { value: undefined, done: true };
      },
    }),
  };
}

function redisError(error: unknown, target: string): ExecutionsError {
  const message = error instanceof Error ? error.message : String(error);
  if (/NOAUTH|WRONGPASS|invalid password|invalid username/i.test(message)) {
    return new ExecutionsError(
      'auth',
      `Redis at ${target} refused the user or password of the URL.`,
    );
  }
  const code = (error as { code?: unknown } | undefined)?.code;
  return new ExecutionsError(
    'unreachable',
    `Cannot reach Redis at ${target}${typeof code === 'string' ? ` (${code})` : ''}: is redis-server running there?`,
  );
}
