// Language-server process: finds the workspace's workflow files and the core-flows `dist/` files,
// and feeds them to the index in batches, reporting progress and yielding to pending requests
// between batches. Reads files as text only; never loads workspace code.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { WorkspaceIndex } from './workspaceIndex';

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
const batchSize = 20;

/** Every .ts/.js file under `root`, skipping node_modules, dist, .git and declaration files. */
export function listSourceFiles(root: string, skip: Set<string> = skippedDirs): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names.sort()) {
      const path = join(dir, name);
      let stat;
      try {
        stat = statSync(path);
      } catch {
        continue;
      }
      if (stat.isDirectory()) {
        if (!skip.has(name)) walk(path);
      } else if (
        sourceFile.test(name) &&
        !/\.d\.[cm]?ts$/.test(name) &&
        stat.size <= maxFileBytes
      ) {
        out.push(path);
      }
    }
  };
  walk(root);
  return out;
}

export function mentionsWorkflows(path: string): boolean {
  try {
    return interesting.test(readFileSync(path, 'utf8'));
  } catch {
    return false;
  }
}

/** The workspace files worth analyzing as entries. */
export function workspaceEntryFiles(folders: string[]): string[] {
  return folders.flatMap((f) => listSourceFiles(f)).filter(mentionsWorkflows);
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

export function externalEntryFiles(folders: string[]): string[] {
  const skip = new Set(['node_modules', '.git']);
  return coreFlowsDistDirs(folders)
    .flatMap((d) => listSourceFiles(d, skip))
    .filter((p) => /\.js$/.test(p) && mentionsWorkflows(p));
}

const yieldToEventLoop = (): Promise<void> => new Promise((r) => setImmediate(r));

/** Analyzes `files` in batches; `shouldSkip` lets open documents keep their fresher analysis. */
export async function indexFiles(
  index: WorkspaceIndex,
  files: string[],
  options: {
    external: boolean;
    title: string;
    progress: ProgressSink;
    shouldSkip?: (p: string) => boolean;
  },
): Promise<void> {
  const { progress } = options;
  progress.begin(options.title, `0/${files.length} files`);
  try {
    for (let i = 0; i < files.length; i += batchSize) {
      index.analyzeFiles(files.slice(i, i + batchSize), options.external);
      const done = Math.min(i + batchSize, files.length);
      progress.report(Math.round((done / files.length) * 100), `${done}/${files.length} files`);
      await yieldToEventLoop();
    }
    index.refresh(options.external);
  } finally {
    progress.done();
  }
}
