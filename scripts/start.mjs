// `npm start`: the main job. Until the extension lands this runs the CLI on the examples project.
import { spawnSync } from 'node:child_process';

const args = [
  'dist/cli.js',
  'run',
  'examples/src/workflows/create-order.ts',
  '--workflow',
  'create-order',
  '--input',
  '@examples/inputs/create-order.json',
  '--mocks',
  'examples/src/mocks.ts',
  '--trace',
  'jsonl',
];
const r = spawnSync(process.execPath, args, { stdio: 'inherit' });
process.exit(r.status ?? 1);
