// Process entry of the `medusa-workflows` CLI (dist/cli.js, package.json "bin"); nothing imports
// this file. It loads the CLI itself, dist/cliMain.js (cli/main.ts), through the V8 code cache in
// the user's own cache directory (as the TypeScript compiler is loaded): compiling that 600 KB
// bundle was most of what a short `run` spends beyond Node's own start-up.
import { join } from 'node:path';
import { loadCompiler } from '../engine/src/host/compilerLoader';

loadCompiler(join(__dirname, 'cliMain.js'));
