// Module resolution without a ts.Program: relative paths, node_modules packages (main/exports),
// directory indexes, and tsconfig `baseUrl`/`paths` from the nearest tsconfig.json.
import * as path from 'node:path';
import ts from 'typescript';
import type { SourceStore } from './sourceStore';

const TS_FIRST = ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts'];
// Compiled packages (core-flows' dist) hold .js beside .d.ts: probing .ts first costs a miss each.
const JS_FIRST = ['.js', '.cjs', '.mjs', '.jsx', '.ts', '.tsx', '.mts', '.cts'];
const SDK = /^@medusajs\/(?:framework\/|medusa\/)?workflows-sdk(?:\/.*)?$/;

// Medusa's own infrastructure: it defines no workflows, and following it costs hundreds of files.
const INFRASTRUCTURE =
  /^@medusajs\/(?:framework|utils|types|orchestration|workflows-sdk|modules-sdk|deps|telemetry|cli|test-utils)$/;
const WORKFLOW_DEPS = /"@medusajs\/(?:framework|workflows-sdk|core-flows|medusa)"/;

/** `opaque`: a package that cannot define workflows (it does not depend on the SDK); not read. */
export type Resolved =
  { kind: 'file'; path: string } | { kind: 'sdk' } | { kind: 'missing' } | { kind: 'opaque' };

interface PathsConfig {
  baseUrl: string;
  paths: [string, string[]][];
}

export class Resolver {
  private readonly cache = new Map<string, Resolved>();
  private readonly tsconfigByDir = new Map<string, PathsConfig | undefined>();

  constructor(private readonly store: SourceStore) {}

  clear(): void {
    this.cache.clear();
    this.tsconfigByDir.clear();
  }

  resolve(spec: string, fromFile: string): Resolved {
    if (SDK.test(spec)) return { kind: 'sdk' };
    const dir = path.dirname(fromFile);
    const key = spec.startsWith('.') ? path.join(dir, spec) : `${dir}\0${spec}`;
    let hit = this.cache.get(key);
    if (!hit) {
      hit = this.resolveUncached(spec, dir);
      this.cache.set(key, hit);
    }
    return hit;
  }

  private resolveUncached(spec: string, dir: string): Resolved {
    if (spec.startsWith('.') || path.isAbsolute(spec)) {
      return found(this.asFileOrDir(path.resolve(dir, spec)));
    }
    const cfg = this.pathsConfig(dir);
    if (cfg) {
      for (const [pattern, targets] of cfg.paths) {
        const star = matchPattern(pattern, spec);
        if (star === undefined) continue;
        for (const t of targets) {
          const hit = this.asFileOrDir(path.resolve(cfg.baseUrl, t.replace('*', star)));
          if (hit) return found(hit);
        }
      }
      const viaBase = this.asFileOrDir(path.resolve(cfg.baseUrl, spec));
      if (viaBase) return found(viaBase);
    }
    const pkgName = spec.startsWith('@')
      ? spec.split('/').slice(0, 2).join('/')
      : spec.split('/')[0]!;
    if (INFRASTRUCTURE.test(pkgName) || spec.startsWith('node:')) return { kind: 'opaque' };
    return found(this.fromNodeModules(spec, pkgName, dir));
  }

  private asFileOrDir(p: string): string | undefined {
    if (/\.[cm]?[jt]sx?$/.test(p) && !p.endsWith('.d.ts') && this.store.exists(p)) {
      // TS ESM writes `./x.js` for `./x.ts`.
      const asTs = p.replace(/\.([cm]?)js(x?)$/, '.$1ts$2');
      if (asTs !== p && this.store.exists(asTs)) return asTs;
      return p;
    }
    const swapped = p.replace(/\.([cm]?)js(x?)$/, '.$1ts$2');
    if (swapped !== p && this.store.exists(swapped)) return swapped;
    for (const ext of extsFor(p)) if (this.store.exists(p + ext)) return p + ext;
    const pkg = this.readPackage(p);
    if (pkg) {
      const main = pkgEntry(pkg, '.');
      if (main) {
        const hit = this.asFile(path.resolve(p, main));
        if (hit) return hit;
      }
    }
    for (const ext of extsFor(p))
      if (this.store.exists(path.join(p, 'index' + ext))) return path.join(p, 'index' + ext);
    return undefined;
  }

  private asFile(p: string): string | undefined {
    if (this.store.exists(p) && !p.endsWith('.d.ts')) return p;
    for (const ext of extsFor(p)) if (this.store.exists(p + ext)) return p + ext;
    return this.asFileOrDir(p);
  }

  private fromNodeModules(spec: string, pkgName: string, dir: string): string | undefined {
    const sub = spec.slice(pkgName.length + 1);
    for (let d = dir; ; d = path.dirname(d)) {
      const pkgDir = path.join(d, 'node_modules', pkgName);
      const pkg = this.readPackage(pkgDir);
      if (pkg) {
        if (!dependsOnWorkflows(pkg)) return undefined;
        const entry = pkgEntry(pkg, sub ? `./${sub}` : '.');
        if (entry) {
          const hit = this.asFile(path.resolve(pkgDir, entry));
          if (hit) return hit;
        }
        const hit = this.asFileOrDir(path.join(pkgDir, sub));
        if (hit) return hit;
      }
      if (path.dirname(d) === d) return undefined;
    }
  }

  private readPackage(dir: string): Record<string, unknown> | undefined {
    const file = path.join(dir, 'package.json');
    if (!this.store.exists(file)) return undefined;
    try {
      const parsed: unknown = JSON.parse(this.store.text(file) ?? '');
      return typeof parsed === 'object' && parsed ? (parsed as Record<string, unknown>) : undefined;
    } catch {
      return undefined;
    }
  }

  private pathsConfig(dir: string): PathsConfig | undefined {
    if (this.tsconfigByDir.has(dir)) return this.tsconfigByDir.get(dir);
    let cfg: PathsConfig | undefined;
    const file = path.join(dir, 'tsconfig.json');
    if (!dir.includes(`${path.sep}node_modules${path.sep}`) && this.store.exists(file)) {
      cfg = this.readTsconfig(file, 0);
    } else {
      const parent = path.dirname(dir);
      cfg = parent === dir ? undefined : this.pathsConfig(parent);
    }
    this.tsconfigByDir.set(dir, cfg);
    return cfg;
  }

  private readTsconfig(file: string, depth: number): PathsConfig | undefined {
    const parsed = ts.parseConfigFileTextToJson(file, this.store.text(file) ?? '');
    const json = parsed.config as
      { extends?: unknown; compilerOptions?: Record<string, unknown> } | undefined;
    if (!json) return undefined;
    const dir = path.dirname(file);
    let base: PathsConfig | undefined;
    if (typeof json.extends === 'string' && depth < 5 && json.extends.startsWith('.')) {
      const ext = path.resolve(dir, json.extends);
      base = this.readTsconfig(ext.endsWith('.json') ? ext : ext + '.json', depth + 1);
    }
    const opts = json.compilerOptions ?? {};
    const baseUrl =
      typeof opts.baseUrl === 'string' ? path.resolve(dir, opts.baseUrl) : base?.baseUrl;
    const paths =
      opts.paths && typeof opts.paths === 'object'
        ? (opts.paths as Record<string, unknown>)
        : undefined;
    if (!paths) return base ?? (baseUrl ? { baseUrl, paths: [] } : undefined);
    const entries = Object.entries(paths).map(
      ([k, v]) =>
        [k, Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []] as [
          string,
          string[],
        ],
    );
    return { baseUrl: baseUrl ?? dir, paths: entries };
  }
}

function extsFor(p: string): string[] {
  return p.includes(`${path.sep}node_modules${path.sep}`) ? JS_FIRST : TS_FIRST;
}

function dependsOnWorkflows(pkg: Record<string, unknown>): boolean {
  return WORKFLOW_DEPS.test(
    JSON.stringify([pkg.dependencies, pkg.peerDependencies, pkg.devDependencies]),
  );
}

function found(p: string | undefined): Resolved {
  return p ? { kind: 'file', path: p } : { kind: 'missing' };
}

function matchPattern(pattern: string, spec: string): string | undefined {
  const star = pattern.indexOf('*');
  if (star < 0) return pattern === spec ? '' : undefined;
  const pre = pattern.slice(0, star);
  const post = pattern.slice(star + 1);
  if (spec.length < pre.length + post.length || !spec.startsWith(pre) || !spec.endsWith(post))
    return undefined;
  return spec.slice(pre.length, spec.length - post.length);
}

function pkgEntry(pkg: Record<string, unknown>, sub: string): string | undefined {
  const exp = pkg.exports;
  if (exp !== undefined) {
    const target =
      typeof exp === 'string' || Array.isArray(exp) || !hasDotKeys(exp)
        ? sub === '.'
          ? exp
          : undefined
        : (exp as Record<string, unknown>)[sub];
    const picked = pickCondition(target);
    if (picked) return picked;
  }
  if (sub !== '.') return undefined;
  return typeof pkg.main === 'string' ? pkg.main : 'index.js';
}

function hasDotKeys(o: unknown): boolean {
  return typeof o === 'object' && o !== null && Object.keys(o).some((k) => k.startsWith('.'));
}

function pickCondition(t: unknown): string | undefined {
  if (typeof t === 'string') return t;
  if (Array.isArray(t)) return t.map(pickCondition).find((x) => x !== undefined);
  if (t && typeof t === 'object') {
    const o = t as Record<string, unknown>;
    for (const k of ['require', 'node', 'default', 'import']) {
      const v = pickCondition(o[k]);
      if (v && !v.endsWith('.d.ts')) return v;
    }
  }
  return undefined;
}
