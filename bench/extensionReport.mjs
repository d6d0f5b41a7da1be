// Benchmark module (Node), imported by bench/extension.mjs: turns the `BENCH` records of the VS
// Code runs into lines, each figure beside its baseline from the same run and, for the targets of
// issue 14, a PASS or MISS: first lens and diagnostics in a fresh window within 1.5x the
// TypeScript server's first answer, all apps within 2x one app, a new graph view within 1.2x a bare webview.

const ms = (n) => (Number.isFinite(n) ? `${n.toFixed(0)} ms` : 'none');
const x = (a, b) => (Number.isFinite(a) && Number.isFinite(b) ? `${(a / b).toFixed(2)}x` : 'n/a');
const median = (xs) => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : NaN;
};

/** `PASS`/`MISS` for `value` within `factor` times `base` (MISS when either is missing). */
export function verdict(value, base, factor) {
  return Number.isFinite(value) && Number.isFinite(base) && value <= factor * base
    ? 'PASS'
    : 'MISS';
}

/** One figure per cold sample set: medians of lens, diagnostics and the TypeScript answer. */
function coldMedians(samples) {
  return {
    n: samples.length,
    file: samples[0]?.file,
    lensMs: median(samples.map((r) => r.lensMs)),
    diagnosticsMs: median(samples.map((r) => r.diagnosticsMs)),
    tsFirstAnswerMs: median(samples.map((r) => r.tsFirstAnswerMs)),
    activeBefore: samples.some((r) => r.activeBefore),
    diagnostics: samples[0]?.diagnostics,
  };
}

/** A fresh window's first answers against the TypeScript server's (target 1.5x; 1.5 s if the
 * TypeScript server did not answer). Returns the verdicts. */
function printCold(label, c) {
  const base = Number.isFinite(c.tsFirstAnswerMs) ? c.tsFirstAnswerMs : 1000;
  const against = Number.isFinite(c.tsFirstAnswerMs)
    ? `TypeScript server's first answer ${ms(c.tsFirstAnswerMs)}`
    : 'TypeScript server did not answer: against 1.5 s';
  const lens = verdict(c.lensMs, base, 1.5);
  const diag = verdict(c.diagnosticsMs, base, 1.5);
  console.log(
    `  fresh window, ${label}, ${c.file} (median of ${c.n}): ${against}; first code lens ${ms(c.lensMs)} ` +
      `(${x(c.lensMs, base)}, target 1.5x: ${lens}); first diagnostics ${ms(c.diagnosticsMs)} ` +
      `(${c.diagnostics ?? '?'} of ours; ${x(c.diagnosticsMs, base)}: ${diag})${c.activeBefore ? '; the extension was already active' : ''}`,
  );
  return [lens, diag];
}

/** Prints every figure of one load (`quiet` or `busy`); returns the target verdicts. */
export function printLoad(load, { records, examplesCold, oneApp, allApps, note }) {
  const verdicts = [];
  console.log(`${load === 'quiet' ? 'quiet' : 'both cores busy (CPU hogs)'} (${note}):`);
  if (examplesCold.length) verdicts.push(...printCold('examples/', coldMedians(examplesCold)));
  let small;
  if (oneApp.length && allApps.length) {
    const one = coldMedians(oneApp);
    const all = coldMedians(allApps);
    verdicts.push(...printCold('one app (loyalty-points)', one));
    verdicts.push(...printCold('all apps (medusajs/examples)', all));
    const lens = verdict(all.lensMs, one.lensMs, 2);
    const diag = verdict(all.diagnosticsMs, one.diagnosticsMs, 2);
    console.log(
      `  all apps vs one app, the same file: first lens ${x(all.lensMs, one.lensMs)} (target 2x: ${lens}), ` +
        `first diagnostics ${x(all.diagnosticsMs, one.diagnosticsMs)} (${diag})`,
    );
    verdicts.push(lens, diag);
    if (examplesCold.length) {
      small = coldMedians(examplesCold);
      const v = verdict(all.lensMs, small.lensMs, 2);
      console.log(
        `  all apps vs examples/ (another file): first lens ${x(all.lensMs, small.lensMs)} (target 2x: ${v})`,
      );
      verdicts.push(v);
    }
  }
  let bare = NaN;
  for (const r of records) {
    if (r.kind === 'activation') {
      console.log(
        `  activation: ${ms(r.activationMs)} (language server start alone: ${ms(r.serverStartMs)}; ${x(r.activationMs, r.serverStartMs)})`,
      );
    } else if (r.kind === 'webview') {
      bare = r.bareWebviewMs;
      console.log(`  a bare webview (one-line script), created to ready: ${ms(bare)}`);
    } else if (r.kind === 'graph') {
      // Each graph's own baseline: bare webviews created between its draws (older runs: one set).
      bare = r.bareWebviewMs ?? bare;
      const v = verdict(r.commandToDrawnMs, bare, 1.2);
      verdicts.push(v);
      console.log(
        `  graph ${r.label} "${r.workflow}" (${r.steps} steps, ${r.nodes} nodes), NEW view: command to drawn ` +
          `${ms(r.commandToDrawnMs)}, ${x(r.commandToDrawnMs, bare)} a bare webview made between its draws (${ms(bare)}; target 1.2x: ${v}); ` +
          `of it: webview ready after ${ms(r.webviewBootMs)} (${x(r.webviewBootMs, bare)}), layout (host) + render ` +
          `(webview) ${ms(r.layoutAndRenderMs)}; graph request alone ${ms(r.graphRequestMs)}`,
      );
      console.log(
        `    with the graph view already open: command to drawn ${ms(r.openViewToDrawnMs)} ` +
          `(${r.openViewToDrawnMs <= 500 ? 'within' : 'OVER'} 500 ms; layout+render ${ms(r.openViewLayoutAndRenderMs)})`,
      );
    } else if (r.kind === 'edit') {
      console.log(
        `  edit (${r.edit}) in "${r.workflow}" to redrawn graph: ${ms(r.editToDrawnMs)} (${r.editToDrawnMs - r.debounceMs <= 300 ? 'within' : 'OVER'} ` +
          `300 ms after the ${r.debounceMs} ms typing pause; graph request ${ms(r.graphRequestAfterEditMs)}, layout ${ms(r.layoutMs)})`,
      );
    }
  }
  return verdicts;
}
