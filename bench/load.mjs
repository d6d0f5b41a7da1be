// Benchmark helpers (Node ESM), imported by bench/cli.mjs and bench/debug.mjs: the bare Node
// start-up baseline, medians, and a busy machine made on purpose (one CPU hog per core, started
// and stopped here) so every figure can be given quiet and busy.
import { spawn, spawnSync } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
export const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * p)];
export const ms = (x) => `${x.toFixed(1)} ms`;

/** Wall time of one whole process, in ms. Throws when it fails. */
export function timeProcess(args, options = {}) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], ...options });
  const took = performance.now() - t0;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return took;
}

/** One `node -e 0`: the bare start-up every process-level figure is set against. */
export const nodeStartup = () => timeProcess(['-e', '0']);

/** Runs `body` with every core kept busy by a spinning Node process, then stops them. */
export async function withCpuHogs(body) {
  const hogs = Array.from({ length: availableParallelism() }, () =>
    spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' }),
  );
  const stop = () => hogs.forEach((h) => h.kill('SIGKILL'));
  process.on('exit', stop);
  try {
    await new Promise((r) => setTimeout(r, 300));
    return await body();
  } finally {
    stop();
    process.off('exit', stop);
  }
}

/** How busy the machine was anyway (others' work): the 1-minute load average and core count. */
export function machineNote() {
  return `load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores`;
}
