// Build script (Node): one bundle per shipped entry, plus the test bundles that the suites run.
import * as esbuild from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const watch = process.argv.includes('--watch');
const common = { bundle: true, sourcemap: true, logLevel: 'warning', target: 'node20' };

// The TypeScript compiler (4 MB) is its own file, dist/typescript.js, required by the bundles
// beside it only when they need it: parsing it costs more than a bare Node start-up, and the CLI
// run, the debug runner and the adapter's start-up mostly do not need it. When they do, it loads
// through engine/src/host/compilerLoader.ts, with a V8 code cache.
const compilerOutside = {
  name: 'typescript-outside',
  setup(build) {
    build.onResolve({ filter: /^typescript$/ }, () => ({ path: 'typescript', namespace: 'tsc' }));
    // Exported as an empty object whose prototype is the compiler: esbuild's interop for
    // `import ts from 'typescript'` copies the module's own properties (the compiler's thousands
    // of exports) into a new object in each importing file, about 50 ms of every start of the
    // server and of the adapter's analysis; here there are none to copy.
    build.onLoad({ filter: /.*/, namespace: 'tsc' }, () => ({
      contents: [
        `const { loadCompiler } = require('./engine/src/host/compilerLoader');`,
        `const compiler = loadCompiler(require('node:path').join(__dirname, 'typescript.js'));`,
        `module.exports = Object.create(compiler);`,
      ].join('\n'),
      resolveDir: import.meta.dirname,
      loader: 'js',
    }));
  },
};

// elkjs (1.6 MB) is its own file too, dist/elk.js, required by the extension's first graph layout:
// parsed with the extension, it would delay activation, so the first code lens, for every user.
const elkOutside = {
  name: 'elk-outside',
  setup(build) {
    build.onResolve({ filter: /^elkjs\/lib\/elk\.bundled\.js$/ }, () => ({
      path: 'elk',
      namespace: 'elk',
    }));
    build.onLoad({ filter: /.*/, namespace: 'elk' }, () => ({
      contents: `module.exports = require(require('node:path').join(__dirname, 'elk.js'));`,
      loader: 'js',
    }));
  },
};

const shipped = [
  { in: 'client/src/extension.ts', out: 'dist/extension.js', external: ['vscode'] },
  { in: 'server/src/main.ts', out: 'dist/server.js' },
  { in: 'debug-adapter/src/main.ts', out: 'dist/debugAdapter.js' },
  { in: 'debug-adapter/src/runner/main.ts', out: 'dist/runner.js' },
  { in: 'debug-adapter/src/analysisWorker.ts', out: 'dist/analysisWorker.js' },
  { in: 'cli/bin.ts', out: 'dist/cli.js', banner: '#!/usr/bin/env node' },
  { in: 'cli/main.ts', out: 'dist/cliMain.js' },
];

function testEntries(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'fixtures') return [];
    if (statSync(path).isDirectory()) return testEntries(path);
    return /\.test\.ts$|^index\.ts$/.test(name) && !path.includes('fixtures') ? [path] : [];
  });
}

const builds = [];
for (const e of shipped.filter((e) => existsSync(e.in))) {
  builds.push({
    ...common,
    entryPoints: [e.in],
    outfile: e.out,
    platform: 'node',
    format: 'cjs',
    external: e.external ?? [],
    plugins: [compilerOutside, elkOutside],
    banner: e.banner ? { js: e.banner } : undefined,
    // Minified (names kept, for error names and stacks) so the .vsix stays small and loads
    // sooner; source maps still point at our sources.
    minify: true,
    keepNames: true,
  });
}
builds.push({
  ...common,
  entryPoints: ['typescript'],
  outfile: 'dist/typescript.js',
  platform: 'node',
  format: 'cjs',
  // Its own code is not ours to debug: no map (the package's 10 MB map would dwarf the rest).
  sourcemap: false,
  minify: true,
  keepNames: true,
});
builds.push({
  ...common,
  entryPoints: ['elkjs/lib/elk.bundled.js'],
  outfile: 'dist/elk.js',
  platform: 'node',
  format: 'cjs',
  sourcemap: false,
  minify: true,
});
if (existsSync('client/webview/main.ts')) {
  builds.push({
    ...common,
    entryPoints: ['client/webview/main.ts'],
    outfile: 'dist/webview.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  });
}
const tests = testEntries('test');
if (tests.length > 0) {
  builds.push({
    ...common,
    entryPoints: tests,
    outdir: 'out/test',
    outbase: 'test',
    platform: 'node',
    format: 'cjs',
    packages: 'external',
  });
}

// The bundles loaded through engine/src/host/compilerLoader.ts (with a V8 code cache keyed by
// their content): their SHA-256 and size go beside them, so a cold start need not hash them.
const codeCached = ['dist/typescript.js', 'dist/cliMain.js'];

if (watch) {
  // A rebuilt bundle must never meet an old digest: while watching, there are none.
  for (const file of codeCached) rmSync(`${file}.sha256`, { force: true });
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  // Build every bundle even when one fails, so one broken entry does not hide the others.
  const results = await Promise.allSettled(builds.map((b) => esbuild.build(b)));
  if (results.some((r) => r.status === 'rejected')) process.exit(1);
  for (const file of codeCached) {
    const bytes = readFileSync(file);
    const digest = createHash('sha256').update(bytes).digest('hex');
    writeFileSync(`${file}.sha256`, `${digest} ${bytes.length}\n`);
  }
}
