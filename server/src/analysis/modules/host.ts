// The file access the analyzer needs; the real file system by default.
import { existsSync, readFileSync, statSync } from 'node:fs';

/** Where the analyzer reads files that are not overlaid (open editor buffers). */
export interface AnalyzerHost {
  readFile(path: string): string | undefined;
  fileExists(path: string): boolean;
}

export const nodeHost: AnalyzerHost = {
  readFile(path) {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  },
  fileExists(path) {
    try {
      return existsSync(path) && statSync(path).isFile();
    } catch {
      return false;
    }
  },
};
