// Extension-host entry of the e2e suite (runs inside VS Code: code-server or test-electron).
// Loaded through `extensionTestsPath`; exports run(), a mocha runner over out/test/e2e/*.test.js.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  const dir = __dirname;
  const grep = process.env.MEDUSA_E2E_GREP;
  if (grep) mocha.grep(grep);
  // The graph suite runs before the debug ones, whose last run state stays on the graph.
  const first = ['activation', 'graph', 'editor', 'export'];
  const rank = (name: string): number => {
    const i = first.indexOf(name.replace(/\.test\.js$/, ''));
    return i < 0 ? first.length : i;
  };
  // A Restricted Mode session runs only the untrusted suite, a trusted one everything else.
  const untrusted = process.env.MEDUSA_E2E_UNTRUSTED === '1';
  const files = fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.test.js') && (name === 'untrusted.test.js') === untrusted);
  files.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  for (const name of files) mocha.addFile(path.join(dir, name));
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) throw new Error(`${failures} e2e test(s) failed`);
}
