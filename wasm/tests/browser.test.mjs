// Browser tests of the drafting page (wasm/www) in headless Chromium: paste a corpus draft and see
// its findings highlighted, select one, apply its suggestion and see it disappear, suppress one with
// digicheck-ignore, use the page by keyboard, filter, open a .docx (read by the engine), and find no
// axe-core violation of WCAG A/AA. A screenshot is saved to wasm/tests/artifacts/. Run after
// wasm/build.sh: node wasm/tests/browser.test.mjs
import test from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { join } from 'node:path';
import { startBrowser, root, wasmDir } from './browser-env.mjs';

const require = createRequire(import.meta.url);
const dc = require(join(wasmDir, 'pkg-node', 'digicheck.js'));
const dcx = require(join(wasmDir, 'pkg-node', 'digicheck_docx.js'));
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const artifacts = join(wasmDir, 'tests', 'artifacts');
mkdirSync(artifacts, { recursive: true });

const DRAFT = 'gesetzentwurf-hundehaltung-mv';
const draftText = readFileSync(join(root, 'corpus', `${DRAFT}.txt`), 'utf8');

let env;
let page;
const problems = [];

test.before(async () => {
  env = await startBrowser();
  const context = await env.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'de-DE' });
  page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  page.on('request', (r) => { if (!r.url().startsWith(env.base)) problems.push(`external request: ${r.url()}`); });
  await page.goto(`${env.base}/index.html`);
  await page.evaluate(() => window.digicheck.ready);
});

test.after(async () => {
  await env?.close();
});

const idle = () => page.evaluate(() => window.digicheck.idle());

/** Number of distinct findings that have at least one highlight drawn (the hook scrolls through
 * the text: the editor draws only the lines in view). */
const highlighted = () => page.evaluate(async () => (await window.digicheck.highlighted()).length);

/** Resolves when the selected finding's words are drawn inside the editor's visible box. */
const selectedInView = (on = page) => on.waitForFunction(() => {
  const words = document.querySelector('#editor .current');
  if (!words) return false;
  const box = document.getElementById('editor-box').getBoundingClientRect();
  const r = words.getBoundingClientRect();
  return r.top >= box.top && r.bottom <= box.bottom;
}, null, { timeout: 5000 });

/** The text in the page's editor. */
const editorText = (on = page) => on.evaluate(() => window.digicheck.text());

async function axe(label) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
  }));
  const v = result.violations.map((x) => `${x.id} (${x.impact}): ${x.help} – ${x.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  assert.deepEqual(v, [], `axe violations (${label})`);
}

/** The entries of a ZIP file (a .docx) by name, inflated: enough of the format for a test. */
function unzip(buf) {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  assert.ok(eocd >= 0, 'a ZIP file');
  const entries = {};
  let p = buf.readUInt32LE(eocd + 16);
  for (let n = buf.readUInt16LE(eocd + 10); n > 0; n--) {
    assert.equal(buf.readUInt32LE(p), 0x02014b50);
    const method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    const data = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(data, data + compressed);
    entries[name] = method === 0 ? raw : inflateRawSync(raw);
    p += 46 + nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return entries;
}

/** Clicks `selector` and returns the download it starts: { name, content (Buffer) }. */
async function download(selector, on = page) {
  const [dl] = await Promise.all([on.waitForEvent('download'), on.click(selector)]);
  return { name: dl.suggestedFilename(), content: readFileSync(await dl.path()) };
}

test('the page loads the engine without errors or external requests', async () => {
  const state = await page.textContent('#engine-state');
  assert.match(state, /Prüfmaschine bereit · \d+ Regeln/);
  assert.equal(await page.getAttribute('html', 'lang'), 'de');
  await axe('empty page');
});

test('pasting a corpus draft highlights every finding', async () => {
  const expected = dc.check(draftText, { profile: 'mv' }).findings;
  assert.ok(expected.length > 5);
  await page.focus('#editor');
  await page.keyboard.insertText(draftText);
  await idle();
  assert.equal(await highlighted(), expected.length);
  assert.equal(await page.locator('#findings button.finding').count(), expected.length);
  assert.match(await page.textContent('#status'), new RegExp(`^${expected.length} Befunde`));
  // German numbers, and the session's units are not called „Abschnitte“ (the Abschnitt of a law).
  assert.match(await page.textContent('#engine-state'), /^Geprüft in (\d+|\d,\d) ms · \d+ von \d+ Textteilen neu$/);
  // The editor lays out only the lines in view, not the whole draft.
  const drawn = await page.evaluate(() => document.querySelectorAll('#editor .cm-line').length);
  assert.ok(drawn > 0 && drawn < draftText.split('\n').length / 2, `${drawn} lines drawn`);
  const principleTotal = await page.evaluate(() =>
    [...document.querySelectorAll('#principles tbody td')].reduce((s, td) => s + Number(td.textContent), 0));
  assert.equal(principleTotal, expected.length);
});

test('selecting a finding explains it; applying the suggestion removes it', async () => {
  const before = await page.evaluate(() => window.digicheck.state.visible.map((f) => ({ ...f })));
  const i = before.findIndex((f) => typeof f.fix === 'string' && f.fix !== f.text && f.severity !== 'hinweis');
  assert.ok(i >= 0, 'a finding with a suggestion');
  const target = before[i];
  await page.click(`#findings button.finding[data-i="${i}"]`);
  await page.waitForFunction(() => document.getElementById('detail-explain').textContent.length > 0);
  assert.equal(await page.isVisible('#detail'), true);
  assert.equal(await page.textContent('#detail-fix'), target.fix);
  assert.equal(await page.textContent('#detail-message'), target.message);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'detail-title');
  // The documentation link shows where the build knows the pages' web address, and only there.
  const url = dc.explainRule(target.rule).url;
  assert.equal(await page.isHidden('#detail-doc'), url === null);
  if (url) assert.equal(await page.getAttribute('#detail-doc', 'href'), url);
  // The editor scrolled to the finding's words, which are framed.
  await selectedInView();
  await page.screenshot({ path: join(artifacts, 'drafting-page.png') });
  await axe('finding selected');

  await page.click('#apply');
  await idle();
  const text = await editorText();
  assert.equal(text.slice(target.startUtf16, target.startUtf16 + target.fix.length), target.fix);
  const after = await page.evaluate(() => window.digicheck.state.visible);
  assert.ok(!after.some((f) => f.rule === target.rule && f.startUtf16 === target.startUtf16), 'the finding is gone');
  assert.ok(after.length < before.length);
  assert.equal(await highlighted(), after.length);
  assert.deepEqual(after.map((f) => [f.rule, f.startUtf16]), dc.check(text).findings.map((f) => [f.rule, f.startUtf16]));
  assert.match(await page.textContent('#status'), /Vorschlag übernommen|Befunde/);
  // The change is on the undo stack.
  await page.focus('#editor');
  await page.keyboard.press('Control+z');
  await idle();
  assert.equal(await editorText(), draftText);
});

test('digicheck-ignore hides a finding; a directive without reason is noted', async () => {
  const text = await editorText();
  const target = (await page.evaluate(() => window.digicheck.state.visible)).find((f) => f.severity !== 'hinweis');
  const lineStart = text.lastIndexOf('\n', target.startUtf16 - 1) + 1;
  const insert = async (directive) => {
    await page.focus('#editor');
    await page.evaluate(([at, d]) => window.digicheck.insert(at, d), [lineStart, directive]);
    await idle();
  };
  await insert(`<!-- digicheck-ignore ${target.rule}: im Test gewollt -->\n`);
  let shown = await page.evaluate(() => window.digicheck.state.visible);
  assert.ok(!shown.some((f) => f.rule === target.rule && f.text === target.text && Math.abs(f.startUtf16 - target.startUtf16) < 80), 'suppressed');
  assert.equal(await page.isVisible('#notes'), false);
  await page.keyboard.press('Control+z');
  await idle();
  await insert(`<!-- digicheck-ignore ${target.rule} -->\n`);
  shown = await page.evaluate(() => window.digicheck.state.visible);
  assert.ok(shown.some((f) => f.rule === target.rule), 'not applied without a reason');
  assert.equal(await page.isVisible('#notes'), true);
  assert.match(await page.textContent('#notes'), /Unterdrückung ohne Begründung wird nicht angewendet/);
  await axe('note shown');
  await page.keyboard.press('Control+z');
  await idle();
  assert.equal(await editorText(), text);
});

test('edits in quick succession: the findings are those of the text as it is', async () => {
  // The worker gets only the edits since its last check, composed while a check runs; whatever the
  // timing, the result must be the check of the editor's text.
  const text = await editorText();
  await page.evaluate(async () => {
    const { view, insert } = window.digicheck;
    const doc = () => view.state.doc.toString();
    const law = doc().indexOf('keine aufschiebende Wirkung.') + 'keine aufschiebende Wirkung.'.length;
    insert(law, ' Die Anzeige ist schriftlich zu erstatten, die Meldung elektronisch.');
    view.dispatch({ changes: { from: 10, to: 25 } });
    await new Promise((r) => setTimeout(r, 0));
    const first = doc().indexOf('Anzeige ist schriftlich') + 'Anzeige ist '.length;
    view.dispatch({ changes: { from: first, to: first + 'schriftlich'.length, insert: 'elektronisch' } });
    // Two changes in one edit, in offsets of the text before it: applied in the wrong order, the
    // replacement would miss „elektronisch“ by the length of the insertion.
    const last = doc().indexOf('Meldung elektronisch') + 'Meldung '.length;
    view.dispatch({ changes: [{ from: 0, insert: 'Vorbemerkung des Entwurfs. ' }, { from: last, to: last + 'elektronisch'.length, insert: 'schriftlich' }] });
  });
  // Typing by keyboard, with a Backspace, between the edits above and the result.
  await page.focus('#editor');
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' Per Telefax.');
  await page.keyboard.press('Backspace');
  await idle();
  const edited = await editorText();
  assert.notEqual(edited, text);
  const sentence = 'keine aufschiebende Wirkung. Die Anzeige ist elektronisch zu erstatten, die Meldung schriftlich.\n';
  assert.ok(edited.includes(sentence));
  const sentenceAt = edited.indexOf(sentence);
  assert.ok(edited.endsWith(' Per Telefax'), edited.slice(-80));
  const shown = await page.evaluate(() => window.digicheck.state.findings);
  const expected = dc.check(edited).findings;
  assert.deepEqual(shown.map((f) => [f.rule, f.startUtf16, f.endUtf16]), expected.map((f) => [f.rule, f.startUtf16, f.endUtf16]));
  assert.ok(expected.some((f) => f.text === 'schriftlich' && f.startUtf16 > sentenceAt && f.startUtf16 < sentenceAt + sentence.length), 'the edited sentence is checked');
  assert.equal(await highlighted(), shown.length);
  // Back to the draft for the tests after this one.
  await page.evaluate((t) => window.digicheck.setText(t), text);
  await idle();
});

test('keyboard only: skip link, type, jump to findings with Alt+↓, open one from the list', async () => {
  // Start from an empty page: the kept draft is written now and then removed, so that the reload
  // does not bring it back.
  await page.evaluate(() => { window.digicheck.storeDraft(); localStorage.clear(); });
  await page.goto(`${env.base}/index.html`);
  await page.evaluate(() => window.digicheck.ready);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'skip');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'editor');
  await page.keyboard.insertText(draftText);
  await idle();
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('Alt+ArrowDown');
  await page.waitForFunction(() => !document.getElementById('detail').hidden);
  const first = await page.evaluate(() => window.digicheck.state.visible[0]);
  const sel = await page.evaluate(() => window.digicheck.selection());
  assert.deepEqual(sel, [first.startUtf16, first.endUtf16]);
  await page.keyboard.press('Alt+ArrowDown');
  const second = await page.evaluate(() => window.digicheck.state.visible[1]);
  assert.equal(await page.evaluate(() => window.digicheck.selection()[0]), second.startUtf16);
  // Every control can be reached with Tab: walk forward until the first finding button.
  let reached = false;
  for (let n = 0; n < 60 && !reached; n++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement.classList.contains('finding'));
  }
  assert.ok(reached, 'a finding button is reachable with Tab');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'detail-title');
});

test('filters hide findings by severity and category', async () => {
  await page.click('#filters summary');
  const all = await page.evaluate(() => window.digicheck.state.findings);
  const sev = all[0].severity;
  await page.uncheck(`#sev-${sev}`);
  const rest = all.filter((f) => f.severity !== sev).length;
  assert.equal(await highlighted(), rest);
  assert.match(await page.textContent('#status'), /ausgeblendet/);
  await page.check(`#sev-${sev}`);
  const cat = all[0].category;
  await page.uncheck(`#cat-${cat}`);
  assert.equal(await highlighted(), all.filter((f) => f.category !== cat).length);
  await page.check(`#cat-${cat}`);
  assert.equal(await highlighted(), all.length);
});

test('profile Bund changes the cited law', async () => {
  await page.selectOption('#profile', 'bund');
  await idle();
  const text = await editorText();
  const expected = dc.check(text, { profile: 'bund' }).findings;
  const got = await page.evaluate(() => window.digicheck.state.findings);
  assert.deepEqual(got.map((f) => f.message), expected.map((f) => f.message));
  await page.selectOption('#profile', 'mv');
  await idle();
});

test('the report downloads as HTML, Markdown and JSON with every finding', async () => {
  const text = await editorText();
  const expected = dc.check(text, { profile: 'mv' }).findings;
  assert.ok(expected.length > 5);
  assert.equal(await page.isHidden('#annotate-box'), true, 'no Word download for a typed text');
  const json = await download('.export-buttons button[data-format="json"]');
  assert.equal(json.name, 'Entwurf-digicheck.json');
  const report = JSON.parse(json.content.toString('utf8'));
  assert.equal(report.length, 1);
  assert.equal(report[0].file, 'Entwurf');
  assert.deepEqual(report[0].findings.map((f) => [f.rule, f.start, f.end, f.message]), expected.map((f) => [f.rule, f.start, f.end, f.message]));
  const md = await download('.export-buttons button[data-format="markdown"]');
  assert.equal(md.name, 'Entwurf-digicheck.md');
  const mdText = md.content.toString('utf8');
  assert.match(mdText, /^# Digi-Check: Prüfbericht/);
  assert.ok(mdText.includes(`1 Dokument geprüft, ${expected.length} Befunde`), mdText.slice(0, 200));
  const html = await download('.export-buttons button[data-format="html"]');
  assert.equal(html.name, 'Entwurf-digicheck.html');
  const htmlText = html.content.toString('utf8');
  assert.match(htmlText, /^<!DOCTYPE html>/);
  for (const f of expected) {
    assert.ok(mdText.includes(f.rule), `${f.rule} in the Markdown report`);
    assert.ok(htmlText.includes(f.rule), `${f.rule} in the HTML report`);
  }
  assert.match(await page.textContent('#export-state'), /HTML-Bericht gespeichert: Entwurf-digicheck\.html\./);
});

test('an example draft and a .docx upload are checked', async () => {
  await page.selectOption('#example', 'verordnung-fischereischein-mv');
  await page.waitForFunction(() => window.digicheck.text().includes('Fischereischein'));
  await idle();
  const vo = readFileSync(join(root, 'corpus', 'verordnung-fischereischein-mv.txt'), 'utf8');
  assert.equal(await editorText(), vo);
  assert.equal(await highlighted(), dc.check(vo).findings.length);

  const docxPath = join(root, 'corpus', 'aenderungsgesetz-verwaltungsverfahren-mv.docx');
  await page.setInputFiles('#upload', docxPath);
  await page.waitForFunction(() => window.digicheck.text().includes('Kommunalverfassung'));
  await idle();
  // The page shows the text and the findings of the engine's Word reader.
  const read = dcx.checkDocx(readFileSync(docxPath));
  assert.equal(await editorText(), read.text);
  const shown = await page.evaluate(() => window.digicheck.state.findings);
  assert.deepEqual(shown.map((f) => [f.rule, f.startUtf16, f.endUtf16]), read.findings.map((f) => [f.rule, f.startUtf16, f.endUtf16]));
  assert.equal(await highlighted(), read.findings.length);
  assert.match(await page.textContent('#engine-state'), /Word-Datei gelesen/);
  // The same Word file with a comment at every finding, as `digicheck annotate` writes it.
  assert.equal(await page.isVisible('#annotate'), true);
  const annotated = await download('#annotate');
  assert.equal(annotated.name, 'aenderungsgesetz-verwaltungsverfahren-mv-kommentiert.docx');
  const parts = unzip(annotated.content);
  const comments = parts['word/comments.xml'].toString('utf8');
  assert.equal(comments.match(/<w:comment /g)?.length, read.findings.length, 'one comment per finding');
  const documentXml = parts['word/document.xml'].toString('utf8');
  assert.equal(documentXml.match(/<w:commentRangeStart /g)?.length, read.findings.length);
  for (const f of read.findings) assert.ok(comments.includes(`Regel ${f.rule}`), `comment for ${f.rule}`);
  assert.match(await page.textContent('#export-state'), new RegExp(`-kommentiert\\.docx gespeichert: ${read.findings.length} Kommentare\\.$`));
  // The report of an unchanged Word file is the file's report (the CLI's JSON of the .docx).
  const docxReport = JSON.parse((await download('.export-buttons button[data-format="json"]')).content.toString('utf8'));
  assert.equal(docxReport[0].file, 'aenderungsgesetz-verwaltungsverfahren-mv.docx');
  assert.deepEqual(docxReport[0].findings.map((f) => [f.rule, f.startUtf16]), read.findings.map((f) => [f.rule, f.startUtf16]));
  // The Word file holds the same draft: the same rules fire at the same provisions.
  const fromTxt = dc.check(readFileSync(join(root, 'corpus', 'aenderungsgesetz-verwaltungsverfahren-mv.txt'), 'utf8')).findings;
  const key = (fs) => fs.map((f) => `${f.rule} ${f.norm} ${f.text}`).sort();
  assert.deepEqual(key(read.findings), key(fromTxt));
  // Typing on goes through the session with the same result as a check of the text.
  await page.focus('#editor');
  await page.keyboard.press('Control+End');
  await page.keyboard.insertText('\n');
  await idle();
  const edited = await editorText();
  // After an edit the Word download says that the copy holds the file as opened, not the edits.
  assert.match(await page.textContent('#annotate-help'), /Änderungen, die Sie hier im Text gemacht haben, enthält die Word-Datei nicht\.$/);
  assert.deepEqual(
    (await page.evaluate(() => window.digicheck.state.findings)).map((f) => [f.rule, f.startUtf16]),
    dc.check(edited).findings.map((f) => [f.rule, f.startUtf16]),
  );
  await axe('docx loaded');
});

test('the text field has a real label; the page says „Befund“, never „Fund“', async () => {
  // The editor's text field is a multi-line text box named by the heading „Entwurfstext“.
  const box = page.getByRole('textbox', { name: 'Entwurfstext', exact: true });
  assert.equal(await box.count(), 1);
  assert.equal(await box.getAttribute('id'), 'editor');
  assert.equal(await box.getAttribute('aria-multiline'), 'true');
  assert.equal(await page.evaluate(() => document.getElementById(document.getElementById('editor').getAttribute('aria-labelledby')).textContent), 'Entwurfstext');
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, { runOnly: { type: 'rule', values: ['label', 'label-title-only', 'aria-input-field-name'] } }));
  assert.deepEqual(result.violations.map((v) => v.id), []);
  const words = await page.evaluate(() => document.body.innerText.match(/\bFunde?\b/g));
  assert.equal(words, null);
});

test('below 900 px the editor is stacked above the results and covers nothing (800 px, axe)', async () => {
  const context = await env.browser.newContext({ viewport: { width: 800, height: 900 }, locale: 'de-DE' });
  const narrow = await context.newPage();
  narrow.on('pageerror', (e) => problems.push(`page error (800 px): ${e.message}`));
  await narrow.goto(`${env.base}/index.html`);
  await narrow.evaluate(() => window.digicheck.ready);
  await narrow.focus('#editor');
  await narrow.keyboard.insertText(draftText);
  await narrow.evaluate(() => window.digicheck.idle());
  await narrow.click('#findings button.finding[data-i="0"]');
  await narrow.waitForFunction(() => document.getElementById('detail-explain').textContent.length > 0);
  const editorBox = await narrow.locator('#editor-box').boundingBox();
  for (const sel of ['#editor-help', '#status', '#principles', '#detail', '#findings']) {
    const box = await narrow.locator(sel).boundingBox();
    assert.ok(box && box.width > 0 && box.height > 0, `${sel} has a size`);
    const overlaps = box.x < editorBox.x + editorBox.width && editorBox.x < box.x + box.width
      && box.y < editorBox.y + editorBox.height && editorBox.y < box.y + box.height;
    assert.ok(!overlaps, `${sel} does not overlap the editor`);
    assert.ok(box.y >= editorBox.y + editorBox.height, `${sel} is below the editor`);
    // Scrolled to its top, the element itself is what is drawn there: nothing covers it.
    const onTop = await narrow.evaluate((s) => {
      const el = document.querySelector(s);
      el.scrollIntoView({ block: 'start' });
      const r = el.getBoundingClientRect();
      const y = Math.min(r.top + r.height / 2, r.top + 20);
      const hit = document.elementFromPoint(r.left + Math.min(r.width / 2, 40), y);
      return el.contains(hit);
    }, sel);
    assert.ok(onTop, `${sel} is not covered`);
  }
  assert.ok(editorBox.x >= 0 && editorBox.x + editorBox.width <= 800, 'the editor fits the width');
  // The finding opened from the list was scrolled into view in the editor, without the page being
  // moved to it: back at the top of the page, its words are in the editor's visible box.
  await narrow.evaluate(() => window.scrollTo(0, 0));
  await selectedInView(narrow);
  await narrow.screenshot({ path: join(artifacts, 'drafting-page-800px.png'), fullPage: true });
  await narrow.evaluate(axeSource);
  const result = await narrow.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
  }));
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((x) => `${x.id} (${x.impact}): ${x.help} – ${x.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  assert.deepEqual(serious, [], 'axe at 800 px');
  await context.close();
});

test('the draft is kept in this browser across a reload and discarded on request', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'de-DE' });
  const p = await context.newPage();
  p.on('pageerror', (e) => problems.push(`page error (draft kept): ${e.message}`));
  p.on('request', (r) => { if (!r.url().startsWith(env.base)) problems.push(`external request: ${r.url()}`); });
  await p.goto(`${env.base}/index.html`);
  await p.evaluate(() => window.digicheck.ready);
  await p.selectOption('#profile', 'bund');
  await p.check('#begruendung');
  await p.focus('#editor');
  await p.keyboard.insertText(draftText);
  await p.keyboard.insertText('Letzter Satz.');
  // Reloaded at once: the last keystrokes are written when the page is left, not lost to the delay.
  await p.reload();
  await p.evaluate(() => window.digicheck.ready);
  await p.evaluate(() => window.digicheck.idle());
  assert.equal(await editorText(p), `${draftText}Letzter Satz.`);
  assert.equal(await p.inputValue('#profile'), 'bund');
  assert.equal(await p.isChecked('#begruendung'), true);
  const expected = dc.check(`${draftText}Letzter Satz.`, { profile: 'bund', includeBegruendung: true }).findings;
  assert.deepEqual((await p.evaluate(() => window.digicheck.state.findings)).map((f) => f.message), expected.map((f) => f.message));
  // Kept in localStorage only (the test above the others asserts that no request leaves the page).
  const kept = await p.evaluate(() => JSON.parse(localStorage.getItem('digicheck.entwurf')));
  assert.equal(kept.text, `${draftText}Letzter Satz.`);
  // „Entwurf verwerfen“ asks first; cancelled, nothing happens; confirmed, the draft is gone.
  p.once('dialog', (d) => d.dismiss());
  await p.click('#discard');
  assert.equal(await editorText(p), `${draftText}Letzter Satz.`);
  let question = '';
  p.once('dialog', (d) => { question = d.message(); d.accept(); });
  await p.click('#discard');
  assert.match(question, /^Entwurf verwerfen\?/);
  assert.equal(await editorText(p), '');
  assert.equal(await p.evaluate(() => localStorage.getItem('digicheck.entwurf')), null);
  await p.reload();
  await p.evaluate(() => window.digicheck.ready);
  assert.equal(await editorText(p), '');
  await context.close();
});

test('no page errors, failed or external requests', () => {
  assert.deepEqual(problems, []);
});
