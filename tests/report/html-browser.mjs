// Opens the HTML reports of the corpus drafts in headless Chromium (Debian's, driven by
// playwright-core; no browser download) from file:// URLs and checks what a reader gets:
//  - the title, and as many findings in the DOM (explanations and marked places) as the JSON has;
//  - no console errors, no page errors, and no request that leaves the file (self-contained);
//  - zero axe-core violations of WCAG 2.0/2.1/2.2 A and AA;
//  - the printed form (PDF) renders;
// and saves screenshots and the PDF to tests/artifacts/ for a person to look at.
//
// Usage (from anywhere): node tests/report/html-browser.mjs
// Needs: `npm ci` in tests/report; /usr/bin/chromium (Debian package `chromium`, or set CHROMIUM);
// cargo (writes the reports via core/tests/reports.rs).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { root, reportDir, writeReports, finish } from './common.mjs';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const artifacts = path.join(root, 'tests', 'artifacts');
const TITLE = 'Digi-Check – Prüfbericht';

if (!fs.existsSync(executablePath)) {
  console.error(`${executablePath} is missing: apt-get install -y chromium (or set CHROMIUM)`);
  process.exit(1);
}
writeReports();
fs.mkdirSync(artifacts, { recursive: true });

// The JSON report of the same run tells how many findings each file has.
const json = JSON.parse(fs.readFileSync(path.join(reportDir, 'corpus.json'), 'utf8'));
const expected = new Map(json.map((f) => [f.file, f.findings.length]));
const pages = [{ html: 'corpus.html', findings: [...expected.values()].reduce((a, b) => a + b, 0), shots: true }];
for (const [file, n] of expected) {
  const stem = path.basename(file).replace(/\.[^.]+$/, '');
  if (fs.existsSync(path.join(reportDir, `${stem}.html`)) && file.endsWith('.txt')) {
    pages.push({ html: `${stem}.html`, findings: n, shots: false });
  }
}

const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'digicheck-chromium-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath,
  headless: true,
  viewport: { width: 1280, height: 900 },
  args: [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
  ],
});

/** axe-core's WCAG 2.0/2.1/2.2 A and AA violations on the page as it is now. */
async function axeViolations(page) {
  // Sections off screen are skipped by `content-visibility: auto` and laid out at a placeholder
  // height, so axe's geometry checks (target size and spacing) would measure overlaps no reader
  // ever sees. Lay everything out first, as scrolling to it does.
  await page.addStyleTag({ content: 'section.doc, article.rule { content-visibility: visible !important; }' });
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const r = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      resultTypes: ['violations'],
    });
    return r.violations.map((v) => `${v.id} (${v.impact}, ${v.nodes.length}×): ${v.help} — ${v.nodes[0]?.target?.join(' ')}`);
  });
}

let passed = 0;
let failed = 0;
function check(ok, what) {
  if (ok) {
    passed++;
    console.log(`ok   ${what}`);
  } else {
    failed++;
    console.log(`FAIL ${what}`);
  }
}

try {
  for (const p of pages) {
    const page = await context.newPage();
    const problems = [];
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    const external = [];
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:') || url.startsWith('data:')) return route.continue();
      external.push(url);
      return route.abort();
    });
    const url = pathToFileURL(path.join(reportDir, p.html)).href;
    await page.goto(url, { waitUntil: 'load' });

    check((await page.title()) === TITLE, `${p.html}: title „${TITLE}“`);
    check((await page.locator('h1').innerText()) === TITLE, `${p.html}: h1 is the title`);
    const cards = await page.locator('div.card').count();
    const refs = await page.locator('a.ref').count();
    const marks = await page.locator('mark').count();
    // Marks never nest (core/src/report/html.rs, `marked`): a finding whose words lie wholly
    // inside an earlier one's mark gets its number right after that one's number, without a mark.
    const covered = await page.evaluate(() => [...document.querySelectorAll('a.ref')]
      .filter((a) => a.previousSibling?.nodeType === 1 && a.previousSibling.matches('a.ref')).length);
    check(cards === p.findings && refs === p.findings && marks + covered >= p.findings,
      `${p.html}: ${p.findings} findings in the JSON, ${cards} explanations, ${refs} numbered places, ${marks} marks (${covered} inside another)`);
    const lang = await page.evaluate(() => document.documentElement.lang);
    check(lang === 'de', `${p.html}: lang="de"`);
    // Every footnote number leads to its explanation and back.
    const broken = await page.evaluate(() => [...document.querySelectorAll('a[href^="#"]')]
      .map((a) => a.getAttribute('href').slice(1)).filter((id) => !document.getElementById(id)));
    check(broken.length === 0, `${p.html}: in-page links resolve${broken.length ? ' (missing: ' + broken.slice(0, 5).join(', ') + ')' : ''}`);

    const axe = await axeViolations(page);
    check(axe.length === 0, `${p.html}: axe-core WCAG A/AA at 1280 px: ${axe.length} violations${axe.length ? '\n  ' + axe.join('\n  ') : ''}`);

    if (p.shots) {
      await page.screenshot({ path: path.join(artifacts, 'report-summary.png') });
      await page.locator('section.doc').first().scrollIntoViewIfNeeded();
      await page.locator('.text .notes').first().evaluate((e) => e.previousElementSibling.scrollIntoView({ block: 'start' }));
      await page.evaluate(() => window.scrollBy(0, -80));
      await page.screenshot({ path: path.join(artifacts, 'report-document.png') });
      await page.emulateMedia({ media: 'print' });
      const pdf = await page.pdf({ path: path.join(artifacts, 'report.pdf'), format: 'A4', printBackground: true });
      check(pdf.length > 10_000, `${p.html}: prints to PDF (${Math.round(pdf.length / 1024)} KB)`);
      await page.emulateMedia({ media: 'screen' });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(url + '#dokumente', { waitUntil: 'load' });
      await page.screenshot({ path: path.join(artifacts, 'report-narrow.png') });
      const narrow = await axeViolations(page);
      check(narrow.length === 0, `${p.html}: axe-core WCAG A/AA at 390 px: ${narrow.length} violations${narrow.length ? '\n  ' + narrow.join('\n  ') : ''}`);
    }
    check(problems.length === 0, `${p.html}: no console errors${problems.length ? '\n  ' + problems.join('\n  ') : ''}`);
    check(external.length === 0, `${p.html}: self-contained${external.length ? ' (requested ' + external.slice(0, 5).join(', ') + ')' : ''}`);
    const bytes = fs.statSync(path.join(reportDir, p.html)).size;
    console.log(`     ${p.html}: ${Math.round(bytes / 1024)} KB`);
    await page.close();
  }
} finally {
  await context.close();
  fs.rmSync(userDataDir, { recursive: true, force: true });
}
console.log(`screenshots and PDF in ${path.relative(process.cwd(), artifacts) || artifacts}`);
finish(passed, failed);
