// Browser benchmark (headless Chromium, performance.now()): a full check of a draft the size of the
// VwVfG (../shared/corpus/sample/VwVfG.txt, ~250 KB) and one incremental re-check after a
// one-character edit, each repeated; prints the medians. Targets: full < 50 ms, incremental < 5 ms.
// Reports only (timings depend on the machine's load); fails only if the engine does.
// Run after wasm/build.sh: node wasm/tests/bench.mjs [path-to-text]
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { startBrowser, root, median } from './browser-env.mjs';

const file = process.argv[2] ?? join(root, '..', 'shared', 'corpus', 'sample', 'VwVfG.txt');
if (!existsSync(file)) {
  if (process.env.CI) {
    console.error(`bench: ${file} is missing, but CI is set`);
    process.exit(1);
  }
  console.log(`bench: ${file} is missing; skipped`);
  process.exit(0);
}
const text = readFileSync(file, 'utf8');
const env = await startBrowser();
try {
  const page = await (await env.browser.newContext()).newPage();
  await page.goto(`${env.base}/index.html`);
  const r = await page.evaluate(async (text) => {
    const m = await import('./pkg/digicheck.js');
    await m.default();
    m.listRules(); // load and prove the catalogue once, outside the timings
    const full = [];
    let findings = 0;
    for (let i = 0; i < 12; i++) {
      const t0 = performance.now();
      findings = m.check(text).findings.length;
      full.push(performance.now() - t0);
    }
    const session = new m.Session({});
    session.update(text);
    const inc = [];
    const stats = [];
    const mid = text.indexOf('\n(2) ', text.length >> 1) + 6;
    for (let i = 0; i < 30; i++) {
      // Type one character, then take it back: every update is a one-character edit.
      const edited = i % 2 === 0 ? text.slice(0, mid) + 'x' + text.slice(mid) : text;
      const t0 = performance.now();
      const res = session.update(edited);
      inc.push(performance.now() - t0);
      stats.push(res.stats.checked);
    }
    return { full, inc, findings, regions: session.update(text).stats.regions, checked: Math.max(...stats) };
  }, text);
  const fullMs = median(r.full);
  const incMs = median(r.inc);
  console.log(`bench: ${file.split('/').pop()} ${(text.length / 1024).toFixed(0)} KB (${Buffer.byteLength(text)} bytes), ${r.findings} findings, ${r.regions} regions`);
  console.log(`bench: full check median ${fullMs.toFixed(1)} ms over ${r.full.length} runs (target < 50 ms)`);
  console.log(`bench: incremental re-check after a one-character edit median ${incMs.toFixed(1)} ms over ${r.inc.length} runs, at most ${r.checked} region(s) matched again (target < 5 ms)`);
} finally {
  await env.close();
}
