// Node tests of the nodejs build (wasm/pkg-node): the same findings as the CLI's JSON for every
// corpus draft (text and Word), options, suppressions and notes, rule metadata, UTF-16 offsets and
// the incremental session.
// Run after wasm/build.sh: node wasm/tests/node.test.mjs
// The CLI is taken from DIGICHECK_BIN if set, else run with `cargo run -q -p digicheck`.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const require = createRequire(import.meta.url);
const dc = require(join(root, 'wasm', 'pkg-node', 'digicheck.js'));
const dcx = require(join(root, 'wasm', 'pkg-node', 'digicheck_docx.js'));
const corpus = readdirSync(join(root, 'corpus')).filter((f) => f.endsWith('.txt')).sort();
const docxCorpus = readdirSync(join(root, 'corpus')).filter((f) => f.endsWith('.docx')).sort();

function cli(args) {
  const [cmd, pre] = process.env.DIGICHECK_BIN
    ? [resolve(process.env.DIGICHECK_BIN), []]
    : ['cargo', ['run', '-q', '-p', 'digicheck', '--']];
  try {
    return execFileSync(cmd, [...pre, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
  } catch (e) {
    // Exit code 1 means "findings": the JSON is on stdout all the same.
    if (e.status === 1 && e.stdout) return e.stdout;
    throw e;
  }
}

test('the corpus has drafts to compare', () => {
  assert.ok(corpus.length >= 3, corpus.join(', '));
});

for (const profile of ['mv', 'bund']) {
  test(`same findings as the CLI for every corpus draft (profile ${profile})`, () => {
    const files = corpus.map((f) => join('corpus', f));
    const out = JSON.parse(cli(['check', '--format', 'json', '--profile', profile, ...files]));
    assert.equal(out.length, files.length);
    let total = 0;
    for (const [i, file] of files.entries()) {
      const text = readFileSync(join(root, file), 'utf8');
      const mine = dc.check(text, { profile }).findings;
      const theirs = out[i].findings;
      assert.ok(theirs.length > 0, `${file}: the CLI finds nothing`);
      assert.equal(mine.length, theirs.length, `${file}: number of findings`);
      for (const [k, f] of theirs.entries()) {
        // Every field of the CLI's object, with the same value (the corpus is plain UTF-8 with LF,
        // so even the UTF-16 offsets agree).
        for (const key of Object.keys(f)) {
          assert.deepEqual(mine[k][key], f[key], `${file} finding ${k} (${f.rule} ${f.norm}) field ${key}`);
        }
        assert.equal(text.slice(mine[k].startUtf16, mine[k].endUtf16), f.text);
      }
      total += theirs.length;
    }
    assert.ok(total > 10);
  });
}

test('checkDocx reads Word files as the CLI does: the same finding objects', () => {
  assert.ok(docxCorpus.length >= 3, docxCorpus.join(', '));
  const files = docxCorpus.map((f) => join('corpus', f));
  const out = JSON.parse(cli(['check', '--format', 'json', ...files]));
  for (const [i, file] of files.entries()) {
    const r = dcx.checkDocx(readFileSync(join(root, file)));
    const theirs = out[i].findings;
    assert.ok(theirs.length > 0, `${file}: the CLI finds nothing`);
    assert.equal(r.findings.length, theirs.length, `${file}: number of findings`);
    for (const [k, f] of theirs.entries()) {
      assert.deepEqual(r.findings[k], f, `${file} finding ${k} (${f.rule} ${f.norm})`);
      assert.equal(r.text.slice(f.startUtf16, f.endUtf16), f.text, `${file}: UTF-16 offsets index the text read`);
    }
    assert.ok(r.text.includes('§'), file);
  }
  assert.throws(() => dcx.checkDocx(new TextEncoder().encode('kein Word')), /keine Word-Datei/);
});

test('options: severity overrides, disabled categories, suppressions; notes', () => {
  const text = '§ 1 Antrag\n\n(1) Der Antrag ist schriftlich zu stellen.\n\n(2) Die Unterlagen sind per Telefax zu übersenden.\n';
  const all = dc.check(text).findings;
  const sf = all.find((f) => f.category === 'schriftform');
  assert.ok(sf && all.some((f) => f.category === 'technologie'), JSON.stringify(all));
  const lowered = dc.check(text, { severity: { [sf.rule]: 'hinweis' }, disabledCategories: ['technologie'] }).findings;
  assert.equal(lowered.find((f) => f.rule === sf.rule).severity, 'hinweis');
  assert.ok(lowered.every((f) => f.category !== 'technologie'));
  const suppressed = text.replace('(1) Der', `<!-- digicheck-ignore ${sf.rule}: Papierverfahren bleibt gewollt -->\n(1) Der`);
  const r = dc.check(suppressed);
  assert.ok(r.findings.every((f) => f.rule !== sf.rule), 'suppressed');
  assert.deepEqual(r.notes, []);
  assert.ok(dc.check(suppressed, { suppressions: false }).findings.some((f) => f.rule === sf.rule));
  const noReason = dc.check(text.replace('(1) Der', `<!-- digicheck-ignore ${sf.rule} -->\n(1) Der`));
  assert.ok(noReason.findings.some((f) => f.rule === sf.rule), 'not applied without a reason');
  assert.match(noReason.notes[0], /^Zeile 3: Unterdrückung ohne Begründung wird nicht angewendet/);
  assert.throws(() => dc.check(text, { disabledCategories: ['papierlos'] }), /unbekannte Kategorie „papierlos“/);
});

test('options: profile, minSeverity, disabledRules, includeBegruendung', () => {
  const text = readFileSync(join(root, 'corpus', corpus[0]), 'utf8');
  const all = dc.check(text).findings;
  const high = dc.check(text, { minSeverity: 'hoch' }).findings;
  assert.ok(high.length < all.length);
  assert.ok(high.every((f) => f.severity === 'hoch' || f.severity === 'blockierend'));
  const rule = all[0].rule;
  assert.ok(dc.check(text, { disabledRules: [rule] }).findings.every((f) => f.rule !== rule));
  const withBegr = dc.check(text, { includeBegruendung: true }).findings;
  assert.ok(withBegr.length >= all.length);
  assert.ok(withBegr.some((f) => f.part !== 'gesetzestext'));
  const withAll = dc.check(text, { allRules: true }).findings;
  // Every default finding's words are still reported (with all rules a more specific rule may
  // report the same words, e.g. DC-AU-001 where the default names the amendment, DC-AE-002).
  assert.ok(all.every((f) => withAll.some((g) => g.start < f.end && g.end > f.start)), 'allRules keeps every default finding');
  assert.ok(withAll.length > all.length, 'allRules adds the rules on request');
  const letter = '§ 1 Bescheinigung\n\nDie Bescheinigung ist mit dem Dienstsiegel zu versehen.\n';
  assert.ok(!dc.check(letter).findings.some((f) => f.rule === 'DC-SI-001'));
  assert.deepEqual(dc.check(letter, { enabledRules: ['DC-SI-001'] }).findings.map((f) => f.rule), ['DC-SI-001']);
  assert.throws(() => dc.check(letter, { enabledRules: ['DC-XX-999'] }), /unbekannte Regel „DC-XX-999“/);
  assert.throws(() => dc.check(text, { profile: 'bayern' }), /unbekanntes Profil „bayern“/);
  assert.throws(() => dc.check(text, { minSeverity: 'egal' }), /unbekannte Schwere/);
  assert.throws(() => dc.check(text, { disabledRules: ['DC-XX-999'] }), /unbekannte Regel „DC-XX-999“/);
  assert.throws(() => dc.check(text, { profil: 'mv' }), /ungültige Optionen/);
});

test('UTF-16 offsets index the string passed in, even with BOM, CRLF and soft hyphens', () => {
  const text = '\uFEFF§ 1 Antrag\r\n\r\n(1) Der Antrag 😀 ist schrift\u00ADlich zu stellen.\r\n';
  const [f] = dc.check(text).findings;
  assert.ok(f, 'a finding for „schriftlich“');
  assert.equal(text.slice(f.startUtf16, f.endUtf16).replace('\u00AD', ''), f.text);
  const bytes = Buffer.from(text, 'utf8');
  assert.equal(bytes.subarray(f.start, f.end).toString('utf8'), text.slice(f.startUtf16, f.endUtf16));
});

test('listRules and explainRule', () => {
  const rules = dc.listRules();
  assert.ok(rules.length > 5);
  for (const r of rules) {
    assert.match(r.id, /^DC-[A-Z]+-\d{3}$/);
    assert.ok(r.title && r.category && r.severity && r.principle >= 1 && r.principle <= 5);
  }
  const e = dc.explainRule(rules[0].id, 'bund');
  assert.equal(e.id, rules[0].id);
  assert.ok(e.explanation.length > 20);
  assert.ok(Array.isArray(e.examples) && e.examples.some((x) => x.flags));
  // A web address only (a build with DIGICHECK_DOCS_URL), never a path a page cannot open.
  if (e.url !== null) assert.match(e.url, new RegExp(`^https?://.*/${e.id}\\.md$`));
  // Wording fixes are one-click fixes; the amendment rules' fix is advice.
  assert.equal(rules.find((r) => r.id === 'DC-SF-008').fixReplacesMatch, true);
  assert.equal(rules.find((r) => r.id === 'DC-AE-001').fixReplacesMatch, false);
  assert.throws(() => dc.explainRule('gibt-es-nicht'), /unbekannte Regel/);
  const v = dc.vocabulary();
  assert.equal(v.principles.length, 5);
  assert.equal(v.categories.find((c) => c.id === 'persoenlich').label, 'Persönliches Erscheinen');
});

test('a session gives the findings of a full check after edits, re-checking little', () => {
  for (const file of corpus) {
    let text = readFileSync(join(root, 'corpus', file), 'utf8');
    const s = new dc.Session({ profile: 'mv' });
    const first = s.update(text);
    assert.deepEqual(first.findings, dc.check(text, { profile: 'mv' }).findings);
    assert.equal(first.stats.checked, first.stats.regions);
    for (const [i, piece] of ['x', ' schriftlich', '', '\n\n§ 99 Neu\n\n(1) Persönlich vorzusprechen ist beim Amt.\n'].entries()) {
      const at = Math.floor(text.length * (0.3 + 0.15 * i));
      text = piece ? text.slice(0, at) + piece + text.slice(at) : text.slice(0, at) + text.slice(at + 5);
      const r = s.update(text);
      assert.deepEqual(r.findings, dc.check(text, { profile: 'mv' }).findings, `${file} after edit ${i}`);
      assert.ok(r.stats.checked < r.stats.regions / 2, `${file}: ${JSON.stringify(r.stats)}`);
    }
  }
});

test('reports of the Word module are the CLI reports, byte for byte (HTML, Markdown, JSON)', () => {
  for (const file of [join('corpus', corpus[0]), join('corpus', docxCorpus[0])]) {
    const bytes = readFileSync(join(root, file));
    for (const [format, flag] of [['html', 'html'], ['markdown', 'markdown'], ['json', 'json']]) {
      const theirs = cli(['check', '--format', flag, '--profile', 'mv', file]);
      const mine = file.endsWith('.docx')
        ? dcx.renderDocxReport(bytes, format, file, { profile: 'mv' })
        : dcx.renderReport(bytes.toString('utf8'), format, file, { profile: 'mv' });
      assert.equal(mine, theirs, `${file} as ${format}`);
    }
  }
  assert.throws(() => dcx.renderReport('§ 1', 'pdf', 'x'), /unbekanntes Berichtsformat „pdf“/);
  assert.equal(typeof dc.renderReport, 'undefined', 'the main module carries no report renderers');
});

test('annotateDocx writes one comment per finding, as digicheck annotate does', () => {
  const file = join(root, 'corpus', docxCorpus[0]);
  const bytes = readFileSync(file);
  const findings = dcx.checkDocx(bytes, { profile: 'mv' }).findings;
  const out = dcx.annotateDocx(bytes, docxCorpus[0], { profile: 'mv' }, '2026-01-01T00:00:00Z');
  assert.equal(out.placed, findings.length);
  assert.deepEqual(out.unplaced, []);
  assert.ok(out.docx instanceof Uint8Array && out.docx.length > bytes.length / 2);
  assert.equal(Buffer.from(out.docx.subarray(0, 2)).toString('latin1'), 'PK');
  assert.throws(() => dcx.annotateDocx(new TextEncoder().encode('kein Word'), 'x.docx'), /keine Word-Datei/);
  out.free();
});

test('parseStructure and version', () => {
  const tree = JSON.parse(dc.parseStructure('§ 1 Zweck\n\n(1) Text.\n'));
  assert.equal(tree.kind, 'dokument');
  assert.match(dc.version(), /^\d+\.\d+\.\d+/);
});
