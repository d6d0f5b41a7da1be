// Runs both children (real SDK, our engine) in parallel on the same plan and pairs their results.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runKey } from './compare';
import type { ChildPlan, RunResult } from './types';

export interface Paired {
  key: string;
  real?: RunResult;
  ours?: RunResult;
}

function runChild(script: string, plan: ChildPlan): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, JSON.stringify(plan)], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, MEDUSA_DISABLE_TELEMETRY: 'true' },
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      if (stderr.length < 20_000) stderr += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`${script} exited with ${code}:\n${stderr.slice(-4000)}`));
    });
  });
}

function readResults(file: string): Map<string, RunResult> {
  const out = new Map<string, RunResult>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const r = JSON.parse(line) as RunResult;
    out.set(runKey(r), r);
  }
  return out;
}

/** `outDir` is out/test/conformance/coreFlows (where the children's bundles are). */
export async function runBothSides(
  outDir: string,
  plan: Omit<ChildPlan, 'out'>,
): Promise<Paired[]> {
  const dir = mkdtempSync(join(tmpdir(), 'coreflows-'));
  const realOut = join(dir, 'real.jsonl');
  const oursOut = join(dir, 'ours.jsonl');
  await Promise.all([
    runChild(join(outDir, 'realSide', 'index.js'), { ...plan, out: realOut }),
    runChild(join(outDir, 'oursSide', 'index.js'), { ...plan, out: oursOut }),
  ]);
  const real = readResults(realOut);
  const ours = readResults(oursOut);
  const keys = [...new Set([...real.keys(), ...ours.keys()])].sort();
  return keys.map((key) => ({ key, real: real.get(key), ours: ours.get(key) }));
}
