// Language-server process: finds the workspace's workflow files and the core-flows `dist/` files
// (reading them as text only; never loading workspace code), and indexes them in the background
// with the Indexer: one file per slice, yielding to pending requests between slices, the world
// (app) of an opened file first, stoppable at any slice. Used by server.ts.
import { existsSync, readFileSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export interface ProgressSink {
  begin(title: string, message: string): void;
  report(percentage: number, message: string): void;
  done(): void;
}

const sourceFile = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
const skippedDirs = new Set(['node_modules', 'dist', '.git']);
/** Files that can hold workflows, steps or hook handlers; others need no analysis of their own. */
const interesting = /\bcreate(Workflow|Step|Hook)\b|\.hooks\.|workflows-sdk/;
const maxFileBytes = 2 * 1024 * 1024;

export const yieldToEventLoop = (): Promise<void> => new Promise((r) => setImmediate(r));

/** Every .ts/.js file under `root`, skipping node_modules, dist, .git and declaration files
 * (files over 2 MB are dropped when read).
 * Asynchronous, so that requests are answered while a large tree is walked. */
export async function listSourceFiles(
  root: string,
  skip: Set<string> = skippedDirs,
): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subdirs: string[] = [];
    for (const e of entries) {
      const path = join(dir, e.name);
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      if (e.isSymbolicLink()) {
        const s = await stat(path).catch(() => undefined);
        isDir = s?.isDirectory() ?? false;
        isFile = s?.isFile() ?? false;
      }
      if (isDir) {
        if (!skip.has(e.name)) subdirs.push(path);
      } else if (isFile && sourceFile.test(e.name) && !/\.d\.[cm]?ts$/.test(e.name)) {
        out.push(path);
      }
    }
    for (const d of subdirs) await walk(d);
  };
  await walk(root);
  return out;
}

export function mentionsWorkflows(path: string): boolean {
  try {
    return interesting.test(readFileSync(path, 'utf8'));
  } catch {
    return false;
  }
}

/** The files that mention workflows, read a few at a time so that requests interleave. */
async function filterMentions(paths: string[]): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < paths.length; i += 16) {
    const slice = paths.slice(i, i + 16);
    const texts = await Promise.all(slice.map((p) => readFile(p, 'utf8').catch(() => '')));
    texts.forEach((t, j) => {
      if (t.length <= maxFileBytes && interesting.test(t)) out.push(slice[j]!);
    });
  }
  return out;
}

/** The workspace files worth analyzing as entries. */
export async function workspaceEntryFiles(folders: string[]): Promise<string[]> {
  const all: string[] = [];
  for (const f of folders) all.push(...(await listSourceFiles(f)));
  return filterMentions(all);
}

/** `node_modules/@medusajs/core-flows/dist` seen from each folder (walking up like Node does). */
export function coreFlowsDistDirs(folders: string[]): string[] {
  const found = new Set<string>();
  for (const folder of folders) {
    let dir = folder;
    for (;;) {
      const candidate = join(dir, 'node_modules', '@medusajs', 'core-flows', 'dist');
      if (existsSync(candidate)) {
        found.add(candidate);
        break;
      }
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  return [...found];
}

export async function externalEntryFiles(folders: string[]): Promise<string[]> {
  const skip = new Set(['node_modules', '.git']);
  const all: string[] = [];
  for (const d of coreFlowsDistDirs(folders)) all.push(...(await listSourceFiles(d, skip)));
  return filterMentions(all.filter((p) => p.endsWith('.js')));
}

/** What the Indexer needs of the WorkspaceIndex. */
export interface IndexTarget {
  worldOf(path: string, external: boolean): string;
  /** Tracks files in their world and analyzes them alone, keeping nothing but the analyzer's
   * per-file cache warm (their facts are replaced when the world is analyzed whole). */
  warm(paths: string[], external: boolean): void;
  /** Analyzes a world whole, linking its files. */
  refreshWorld(world: string): void;
}

export interface IndexerOptions {
  external: boolean;
  /** Progress title ("Medusa Workflows: indexing"). */
  title: string;
  /** A world's name for the progress message. */
  describe(world: string): string;
  /** Creates the progress sink, only when indexing lasts longer than `progressDelayMs`. */
  progress(): Promise<ProgressSink>;
  progressDelayMs?: number;
  /** After each world is analyzed whole. */
  onWorldDone?(world: string): void;
}

/** Indexes files in the background, world by world, one file per event-loop turn. */
export class Indexer {
  private readonly queues = new Map<string, string[]>();
  private readonly totals = new Map<string, number>();
  private order: string[] = [];
  private cancelled = false;
  private running: Promise<void> | undefined;
  private filesDone = 0;
  private filesTotal = 0;

  constructor(
    private readonly target: IndexTarget,
    private readonly options: IndexerOptions,
  ) {}

  /** Queues files (grouped by world, in the order their worlds first appear). */
  add(files: string[]): void {
    for (const p of files) {
      const world = this.target.worldOf(p, this.options.external);
      let q = this.queues.get(world);
      if (!q) {
        this.queues.set(world, (q = []));
        this.order.push(world);
      }
      q.push(p);
      this.totals.set(world, (this.totals.get(world) ?? 0) + 1);
      this.filesTotal++;
    }
  }

  /** The world of `path` is indexed next (the file in front of the user). */
  prioritize(path: string): void {
    const world = this.target.worldOf(path, this.options.external);
    if (!this.queues.has(world) || this.order[0] === world) return;
    this.order = [world, ...this.order.filter((w) => w !== world)];
  }

  /** Stops at the next slice (the window closed); what was indexed stays. */
  cancel(): void {
    this.cancelled = true;
  }

  get done(): boolean {
    return this.order.length === 0;
  }

  /** Runs until every queued file is indexed or the indexer is cancelled. */
  run(): Promise<void> {
    this.running ??= this.loop().finally(() => (this.running = undefined));
    return this.running;
  }

  private async loop(): Promise<void> {
    let sink: ProgressSink | undefined;
    let creating: Promise<void> | undefined;
    let reported = 0;
    const message = (): string => {
      const world = this.order[0];
      if (world === undefined) return 'done';
      const left = this.queues.get(world)?.length ?? 0;
      const total = this.totals.get(world) ?? 0;
      return `${this.options.describe(world)} (${total - left}/${total} files)`;
    };
    const percentage = (): number =>
      Math.round((this.filesDone / Math.max(1, this.filesTotal)) * 100);
    // Shown only when indexing lasts: a quick one must not flash in the status bar.
    const showProgress = (): void => {
      creating = this.options.progress().then((s) => {
        sink = s;
        s.begin(this.options.title, message());
      });
    };
    const delay = this.options.progressDelayMs ?? 1000;
    const timer = delay > 0 ? setTimeout(showProgress, delay) : undefined;
    if (delay <= 0) showProgress();
    try {
      while (!this.cancelled && this.order.length > 0) {
        const world = this.order[0]!;
        const queue = this.queues.get(world)!;
        const file = queue.shift();
        if (file !== undefined) {
          this.target.warm([file], this.options.external);
          this.filesDone++;
        } else {
          this.target.refreshWorld(world);
          this.queues.delete(world);
          this.order.shift();
          this.options.onWorldDone?.(world);
        }
        if (sink && this.order.length > 0 && Date.now() - reported >= 100) {
          reported = Date.now();
          sink.report(percentage(), message());
        }
        await yieldToEventLoop();
      }
    } finally {
      clearTimeout(timer);
      if (creating) await creating;
      sink?.done();
    }
  }
}
