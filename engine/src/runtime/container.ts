// A small awilix-like container: `resolve(key, { allowUnregistered })`, `register`, `cradle`.
// A container passed in that already has `resolve` is used as is.

export interface Container {
  resolve<T = unknown>(key: string, options?: { allowUnregistered?: boolean }): T;
  register(key: string | Record<string, unknown>, value?: unknown): Container;
  hasRegistration(key: string): boolean;
  readonly cradle: Record<string, unknown>;
  readonly registrations: Record<string, unknown>;
}

/** Wraps a value so `register` stores it as is (awilix's asValue equivalent). */
export function asValue<T>(value: T): { resolve: () => T; __asValue: true } {
  return { resolve: () => value, __asValue: true };
}

function unwrap(v: unknown): unknown {
  const r = v as { __asValue?: boolean; resolve?: () => unknown } | null;
  return r && typeof r === 'object' && r.__asValue === true && r.resolve ? r.resolve() : v;
}

export class ResolutionError extends Error {
  constructor(key: string) {
    super(`Could not resolve '${key}'.\n\nResolution path: ${key}`);
    this.name = 'AwilixResolutionError';
  }
}

class SimpleContainer implements Container {
  readonly registrations: Record<string, unknown> = {};
  readonly cradle: Record<string, unknown>;

  constructor(private readonly parent?: Container) {
    this.cradle = new Proxy(
      {},
      {
        get: (_, prop): unknown =>
          typeof prop === 'string' ? this.resolve<unknown>(prop) : undefined,
        ownKeys: () => Object.keys(this.registrations),
        getOwnPropertyDescriptor: (_, prop) =>
          typeof prop === 'string' && prop in this.registrations
            ? { enumerable: true, configurable: true, value: this.resolve<unknown>(prop) }
            : undefined,
      },
    );
  }

  resolve<T>(key: string, options?: { allowUnregistered?: boolean }): T {
    if (Object.prototype.hasOwnProperty.call(this.registrations, key)) {
      return unwrap(this.registrations[key]) as T;
    }
    if (this.parent?.hasRegistration(key)) return this.parent.resolve<T>(key);
    if (options?.allowUnregistered) return undefined as T;
    throw new ResolutionError(key);
  }

  register(key: string | Record<string, unknown>, value?: unknown): Container {
    if (typeof key === 'string') this.registrations[key] = value;
    else Object.assign(this.registrations, key);
    return this;
  }

  hasRegistration(key: string): boolean {
    return key in this.registrations || !!this.parent?.hasRegistration(key);
  }
}

/** A container holding `registrations` (plain values or `asValue(...)`). */
export function createContainer(registrations?: Record<string, unknown>): Container {
  const c = new SimpleContainer();
  if (registrations) c.register(registrations);
  return c;
}

/** The container a run uses: the given awilix-like container, registrations, or an empty one. */
export function toContainer(input: unknown): Container {
  if (input && typeof input === 'object' && typeof (input as Container).resolve === 'function') {
    const c = input as Container;
    return typeof c.hasRegistration === 'function' ? c : wrapForeign(c);
  }
  if (input && typeof input === 'object' && !Array.isArray(input)) {
    return createContainer(input as Record<string, unknown>);
  }
  return createContainer();
}

function wrapForeign(c: { resolve: Container['resolve'] }): Container {
  const own = new SimpleContainer();
  const resolve = own.resolve.bind(own);
  own.resolve = <T>(key: string, options?: { allowUnregistered?: boolean }): T => {
    if (own.hasRegistration(key)) return resolve<T>(key);
    return c.resolve<T>(key, options);
  };
  return own;
}
