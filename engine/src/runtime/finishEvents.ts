// Medusa's onFinish wrapper for run/registerStep*/cancel calls: release (or clear) the run's
// grouped events through the container's `event_bus`, log errors with logOnError.
import type { Container } from './container';
import type { EventArgs, RunEvents } from './events';
import type { RunOptions } from './runOptions';

type Obj = Record<string, unknown>;

interface Logger {
  error(...args: unknown[]): void;
  warn(...args: unknown[]): void;
}

interface EventBus {
  releaseGroupedEvents(group: string): unknown;
  clearGroupedEvents(group: string): unknown;
}

/**
 * Medusa wraps the caller's `onFinish` (mutating the events object it was given): at the end it
 * logs errors (logOnError), then releases the run's grouped events through `event_bus` and calls
 * the original onFinish, or clears them when the run failed (onFinish is then not called).
 */
export function withReleaseEvents(
  opts: RunOptions,
  context: Obj,
  container: Container,
): RunEvents | undefined {
  if (context.preventReleaseEvents) return opts.events;
  const events: RunEvents = opts.events ?? {};
  const onFinish = events.onFinish?.bind(events);
  events.onFinish = (args) => {
    void releaseAndFinish(args, onFinish, container, !!opts.logOnError);
  };
  return events;
}

async function releaseAndFinish(
  args: EventArgs,
  onFinish: RunEvents['onFinish'],
  container: Container,
  logOnError: boolean,
): Promise<void> {
  const tx = args.transaction;
  const logger: Logger =
    container.resolve<Logger | undefined>('logger', { allowUnregistered: true }) ?? console;
  if (logOnError) {
    for (const e of tx.errors) {
      const err = e.error as { message?: string; stack?: string } | undefined;
      const message = err?.message ? ` - ${err.message}` : '';
      logger.error(`${tx.modelId}:${e.action}:${e.handlerType}${message}\n${err?.stack}`);
    }
  }
  const bus = container.resolve<EventBus | undefined>('event_bus', { allowUnregistered: true });
  const group = tx.flow.metadata.eventGroupId as string | undefined;
  if (!bus || !group) {
    onFinish?.(args);
    return;
  }
  const state = tx.getState();
  if (state === 'failed' || state === 'reverted') {
    await Promise.resolve(bus.clearGroupedEvents(group)).catch(() => {
      logger.warn(`Failed to clear events for eventGroupId - ${group}`);
    });
    return;
  }
  await Promise.resolve(bus.releaseGroupedEvents(group))
    .then(() => onFinish?.(args))
    .catch((e: unknown) => {
      logger.error(`Failed to release grouped events for eventGroupId: ${group}`, e);
    });
}
