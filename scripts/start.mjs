// `npm start`: the main job. Until the extension lands this runs the CLI on the examples project.
import { spawnSync } from 'node:child_process';
const r = spawnSync(process.execPath, ['dist/cli.js', 'run', 'examples/src/workflows/create-order.ts', '--workflow', 'create-order', '--input', '@examples/inputs/create-order.json', '--trace', 'jsonl'], { stdio: 'inherit' });
process.exit(r.status ?? 1);
