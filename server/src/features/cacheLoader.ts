// Language-server process: when the index cache (indexCache.ts) is read and written. The app of a
// file the user opens is read and checked at once, alone; every other app's file in the background,
// one per event-loop turn, stoppable; node_modules' world only once its workflows are asked for.
// Complete worlds are written after indexing and at shutdown. Created by server.ts.
import { inNodeModules, StampChecker, type Stamp } from './diskCache';
import { installedPackage, type IndexCache, type InstalledPackage } from './indexCache';
import { yieldToEventLoop } from './indexing';
import { EXTERNAL, type FileFacts, type WorkspaceIndex } from './workspaceIndex';

type Facts = Record<string, FileFacts>;

export class CacheLoader {
  /** Worlds whose cache file was read (or looked for) in this session. */
  private readonly tried = new Set<string>();
  private restoredFiles = 0;
  private restoredWorlds = 0;
  /** Stamps checked while starting: apps share packages, each file is looked at once. */
  private checker = new StampChecker();
  private cancelled = false;
  /** The packages of node_modules' world, once it was asked for. */
  private packages: InstalledPackage[] | undefined;

  /** `complete`: the worlds analyzed whole (or restored) in this session, the ones saved. */
  constructor(
    private readonly cache: IndexCache | undefined,
    private readonly index: WorkspaceIndex,
    private readonly complete: Set<string>,
    private readonly info: (message: string) => void,
  ) {}

  /** A document just opened: its app's cache file is read and checked now, before any other. */
  restoreWorldOf(path: string): void {
    if (!inNodeModules(path)) this.restoreWorld(this.index.worldOf(path));
  }

  /** Every other world, in the background; logs what was restored in all. */
  async restoreWorlds(worlds: Iterable<string>): Promise<void> {
    if (!this.cache) return;
    for (const world of worlds) {
      if (this.cancelled) break;
      if (this.tried.has(world)) continue;
      this.restoreWorld(world);
      await yieldToEventLoop();
    }
    this.checker = new StampChecker(); // what was true at start-up may change later
    if (!this.cancelled) this.cache.prune();
    this.info(
      `index cache: restored ${this.restoredFiles} file(s) of ${this.restoredWorlds} world(s) still up to date`,
    );
  }

  /** Stops the background reading (the window closed). */
  cancel(): void {
    this.cancelled = true;
  }

  private restoreWorld(world: string): void {
    if (!this.cache || this.tried.has(world) || this.complete.has(world)) return;
    this.tried.add(world);
    this.info(`read index cache of ${world || 'files outside every app'}`);
    const files = this.cache.loadWorld(world, this.checker);
    if (files && this.restore(files)) {
      this.complete.add(world);
      this.restoredWorlds++;
      this.restoredFiles += Object.keys(files).length;
    }
  }

  /** Puts cached facts in the index, unless a file was analyzed in this session (fresher). */
  private restore(files: Facts): boolean {
    const paths = Object.keys(files);
    if (paths.some((p) => this.index.has(p) && !this.index.isRestored(p))) return false;
    for (const p of paths) this.index.restore(p, files[p]!);
    return true;
  }

  /** node_modules' world: the core-flows packages found (their `dist` folders). */
  restoreExternal(distDirs: string[]): void {
    this.packages = distDirs.map((d) => installedPackage(d.replace(/[\\/]dist$/, '')));
    if (!this.cache || this.complete.has(EXTERNAL)) return;
    const files = this.cache.loadPackages(this.packages, new StampChecker());
    const ok = files !== undefined && this.restore(files);
    if (ok) this.complete.add(EXTERNAL);
    const restored = ok ? Object.keys(files).length : 0;
    this.info(
      `node_modules index cache: restored ${restored} file(s) of ${ok ? 1 : 0} world(s) still up to date`,
    );
  }

  /** Writes the complete worlds but those in `skip` (an unsaved document may have changed them). */
  save(skip: Set<string>, stamps: Map<string, Stamp>): void {
    if (!this.cache) return;
    const worlds = new Map<string, Facts>();
    const all: string[] = [];
    let external: Facts | undefined;
    for (const [world, facts] of this.index.worldFacts()) {
      all.push(world);
      if (!this.complete.has(world) || skip.has(world)) continue;
      if (world === EXTERNAL) external = facts;
      else worlds.set(world, facts);
    }
    this.cache.saveWorlds(worlds, all, stamps);
    if (external && this.packages) this.cache.savePackages(this.packages, external, stamps);
  }
}
