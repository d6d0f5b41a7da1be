// Language-server process: the `medusaWorkflows.*` settings, normalized once from the raw
// configuration the client sends and cached per resource. Imported by server.ts and features.

export interface SettingsShape {
  diagnostics: { enable: boolean; debounceMs: number };
  inlayHints: { enable: boolean };
  codeLens: { enable: boolean };
  analysis: { includeNodeModules: boolean };
}

const defaults: SettingsShape = {
  diagnostics: { enable: true, debounceMs: 200 },
  inlayHints: { enable: true },
  codeLens: { enable: true },
  analysis: { includeNodeModules: false },
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads `a.b` from a nested object or from a flat `{ 'a.b': value }` one (both shapes occur). */
function read(raw: Record<string, unknown>, area: string, name: string): unknown {
  const nested = raw[area];
  if (isRecord(nested) && name in nested) return nested[name];
  return raw[`${area}.${name}`];
}

function bool(value: unknown, fallback: boolean): boolean {
  return typeof value === 'boolean' ? value : fallback;
}

function ms(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0
    ? Math.min(value, 5000)
    : fallback;
}

export class Settings implements SettingsShape {
  private constructor(
    readonly diagnostics: SettingsShape['diagnostics'],
    readonly inlayHints: SettingsShape['inlayHints'],
    readonly codeLens: SettingsShape['codeLens'],
    readonly analysis: SettingsShape['analysis'],
  ) {}

  static readonly defaults = Settings.from(undefined);

  /** Normalizes the `medusaWorkflows` section (anything the client sends; bad values fall back). */
  static from(raw: unknown): Settings {
    const r = isRecord(raw) ? raw : {};
    const d = defaults;
    return new Settings(
      {
        enable: bool(read(r, 'diagnostics', 'enable'), d.diagnostics.enable),
        debounceMs: ms(read(r, 'diagnostics', 'debounceMs'), d.diagnostics.debounceMs),
      },
      { enable: bool(read(r, 'inlayHints', 'enable'), d.inlayHints.enable) },
      { enable: bool(read(r, 'codeLens', 'enable'), d.codeLens.enable) },
      {
        includeNodeModules: bool(
          read(r, 'analysis', 'includeNodeModules'),
          d.analysis.includeNodeModules,
        ),
      },
    );
  }
}

/** Asks the client for a resource's settings once and keeps the answer until invalidated. */
export class SettingsCache {
  private readonly cache = new Map<string, Promise<Settings>>();

  constructor(
    private readonly fetch: ((resource: string | undefined) => Promise<unknown>) | null,
  ) {}

  get(resource?: string): Promise<Settings> {
    if (!this.fetch) return Promise.resolve(Settings.defaults);
    const key = resource ?? '';
    let entry = this.cache.get(key);
    if (!entry) {
      entry = this.fetch(resource).then(
        (raw) => Settings.from(raw),
        () => Settings.defaults,
      );
      this.cache.set(key, entry);
    }
    return entry;
  }

  clear(): void {
    this.cache.clear();
  }
}
