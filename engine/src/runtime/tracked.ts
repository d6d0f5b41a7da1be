// The composer's lazy references (composer/proxy.ts's proxies) as the runtime recognises them
// when it resolves a step's input: a proxy and the object behind it.
const targets = new WeakMap<object, object>();

/** Marks `proxy` as a lazy reference to `target` (composer/proxy.ts). */
export function track(proxy: object, target: object): void {
  targets.set(proxy, target);
}

export function isTracked(value: unknown): boolean {
  return typeof value === 'object' && value !== null && targets.has(value);
}

/** The object behind a lazy reference (reading it avoids the proxy trap at run time). */
export function targetOf(value: object): object | undefined {
  return targets.get(value);
}
