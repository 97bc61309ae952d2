// The drafting page: the text in a CodeMirror editor with the findings as highlights (editor.js),
// the engine in a Web Worker, findings in a side panel. Every user-visible text is German. Word
// files are read by the engine's DOCX reader (in the worker), like `digicheck check` reads them.
// Bundled with CodeMirror into app.bundle.js by wasm/build.sh (esbuild).
import { ChangeSet } from '@codemirror/state';
import { createEditor, createBareEditor, findingsField, setFindings, setSelected, scrollEditorTo, isolateHistory } from './editor.js';

const $ = (id) => document.getElementById(id);
const statusEl = $('status');
const engineState = $('engine-state');
const listEl = $('findings');

const SEVERITY_LABEL = { blockierend: 'blockierend', hoch: 'hoch', mittel: 'mittel', niedrig: 'niedrig', hinweis: 'Hinweis' };
const PART_LABEL = { vorblatt: 'Vorblatt', gesetzestext: 'Gesetzestext', begruendung: 'Begründung' };
const LIST_LIMIT = 400;

// Every number the page prints is German: decimal comma, a dot between thousands („1.234 Befunde“).
const countFormat = new Intl.NumberFormat('de-DE');
const msFormat = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 1 });
/** A count as drafters read it. */
const num = (n) => countFormat.format(n);
/** A duration in milliseconds: one decimal below 10 ms („0,2 ms“), whole milliseconds above. */
const millis = (ms) => (ms < 10 ? msFormat.format(Math.round(ms * 10) / 10) : countFormat.format(Math.round(ms)));

/** Rules whose fix is wording to put in place of the matched words (not advice). */
const wordingRules = new Set();

const state = {
  vocabulary: null,
  categoryLabel: {},
  principleTitle: {},
  /** Findings of the last check, their UTF-16 offsets shifted by edits made since (kept in the
   * editor state, editor.js; mirrored here after every update). */
  findings: [],
  /** Notes of the last check (a suppression without reason or effect, a command not understood). */
  notes: [],
  visible: [],
  selected: null,
  severities: new Set(),
  categories: new Set(),
  /** The document (CodeMirror's immutable text) of the check in flight or last answered. */
  checkedDoc: null,
  lastMs: null,
  lastStats: null,
  /** How reports name the document: the file opened, the example, or „Entwurf“. */
  docName: 'Entwurf',
  /** The Word file opened ({ name, doc: the text as read }), until another text is loaded. */
  docx: null,
};

// ---------------------------------------------------------------------------------------------
// Worker and the check loop: at most one check in flight; while it runs, only the newest text waits.

const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
let nextId = 1;
let inFlight = null; // id of the running check
let pendingDoc = null; // newest document not yet sent
// The worker keeps the text it checked last; after that, a check sends only the edits made since
// (CodeMirror's changes, composed), so a keystroke in a long law copies no text to the worker.
/** Changes from the text the worker holds to the editor's, or null: send the whole text. */
let unsentChanges = null;
let latestId = 0;
let idleWaiters = [];
const explainWaiters = new Map();
/** Requests answered once, by id: Word file read, report rendered, Word file annotated. */
const requests = new Map();
let readyResolve;
const ready = new Promise((r) => { readyResolve = r; });
let engineReady = false;

/** Checks the editor's text: the newest version waits while a check runs. An edit is sent after
 * the next frame, which then shows the keystroke without a check competing for the processor
 * (on two cores, the worker's few milliseconds would otherwise delay that frame); a hidden page
 * draws no frames, so there it is sent at once. */
let sendScheduled = false;
function requestCheck() {
  pendingDoc = view.state.doc;
  if (sendScheduled) return;
  if (document.visibilityState === 'hidden') {
    pump();
    return;
  }
  sendScheduled = true;
  requestAnimationFrame(() => setTimeout(() => {
    sendScheduled = false;
    pump();
  }, 0));
}

function pump() {
  if (!engineReady || inFlight !== null || pendingDoc === null) return;
  const id = nextId++;
  inFlight = id;
  latestId = id;
  state.checkedDoc = pendingDoc;
  if (unsentChanges) {
    const changes = [];
    unsentChanges.iterChanges((from, to, _fromB, _toB, inserted) => changes.push([from, to, inserted.toString()]));
    worker.postMessage({ type: 'check', id, changes });
  } else {
    worker.postMessage({ type: 'check', id, text: pendingDoc.toString() });
  }
  unsentChanges = ChangeSet.empty(pendingDoc.length);
  pendingDoc = null;
}

function settleIdle() {
  if (inFlight === null && pendingDoc === null) {
    const waiters = idleWaiters;
    idleWaiters = [];
    waiters.forEach((w) => w());
  }
}

worker.onmessage = (event) => {
  const msg = event.data;
  switch (msg.type) {
    case 'ready':
      engineReady = true;
      $('version').textContent = msg.version;
      setupVocabulary(msg.vocabulary);
      engineState.textContent = `Prüfmaschine bereit · ${num(msg.rules.length)} Regeln`;
      for (const r of msg.rules) if (r.fixReplacesMatch) wordingRules.add(r.id);
      readyResolve();
      if (view.state.doc.length) requestCheck();
      break;
    case 'result':
      inFlight = null;
      if (msg.id === latestId && pendingDoc === null && state.checkedDoc === view.state.doc) {
        state.notes = msg.notes ?? [];
        state.lastMs = msg.ms;
        state.lastStats = msg.stats;
        refresh(msg.findings);
      }
      pump();
      settleIdle();
      break;
    case 'explain': {
      const w = explainWaiters.get(msg.id);
      explainWaiters.delete(msg.id);
      if (w) w(msg.rule);
      break;
    }
    case 'docx':
    case 'report':
    case 'annotated': {
      const w = requests.get(msg.id);
      requests.delete(msg.id);
      if (w) w.resolve(msg);
      break;
    }
    case 'error':
      if (msg.id !== undefined && requests.has(msg.id)) {
        const w = requests.get(msg.id);
        requests.delete(msg.id);
        w.reject(new Error(msg.message));
        break;
      }
      if (msg.id !== undefined && msg.id === inFlight) {
        inFlight = null;
        pump();
        settleIdle();
      }
      engineState.textContent = msg.message;
      engineState.classList.add('error');
      break;
    default:
      break;
  }
};

function explain(rule) {
  const id = nextId++;
  return new Promise((resolve) => {
    explainWaiters.set(id, resolve);
    worker.postMessage({ type: 'explain', id, rule });
  });
}

/** Sends a request to the worker and resolves with its answer (rejects with the engine's error). */
function request(message, transfer = []) {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    requests.set(id, { resolve, reject });
    worker.postMessage({ ...message, id }, transfer);
  });
}

/** Reads and checks a Word file in the worker; resolves with { text, findings, notes, ms }. */
function readDocx(bytes, name) {
  return request({ type: 'docx', bytes, name }, [bytes.buffer]);
}

function sendOptions() {
  worker.postMessage({
    type: 'options',
    options: { profile: $('profile').value, includeBegruendung: $('begruendung').checked },
  });
  requestCheck();
  saveDraft();
}

// ---------------------------------------------------------------------------------------------
// Editing: the editor keeps the old highlights in place (moved with the text) until the new
// result arrives.

/** Copies the editor's findings and selection into `state` (the page's and the tests' view). */
function mirrorFindings(editorState) {
  const f = editorState.field(findingsField);
  state.findings = f.all;
  state.visible = f.visible;
  state.selected = f.selected;
}

function onUpdate(update) {
  const wasSelected = state.selected;
  mirrorFindings(update.state);
  if (!update.docChanged) return;
  if (unsentChanges) unsentChanges = unsentChanges.compose(update.changes);
  // The selected finding's words were edited: it is gone until a check finds it again.
  if (wasSelected && !state.selected) $('detail').hidden = true;
  requestCheck();
  saveDraft();
  updateExport();
}

const { view, load } = createEditor($('editor-box'), {
  label: 'editor-title',
  describedBy: 'editor-help status',
  placeholderText: 'Entwurfstext hier einfügen oder eintippen – oder oben einen Beispielentwurf wählen.',
  onUpdate,
  onStep: (dir) => {
    const f = step(dir, true);
    if (f) {
      view.dispatch({ selection: { anchor: f.startUtf16, head: f.endUtf16 } });
      select(f);
    }
  },
});

/** The text in the editor. */
const currentText = () => view.state.doc.toString();

/** Resolves after the next frame has been drawn. */
const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

function setText(text, name = 'Entwurf') {
  state.docName = name;
  state.docx = null;
  load(text);
  unsentChanges = null;
  mirrorFindings(view.state);
  $('detail').hidden = true;
  state.notes = [];
  requestCheck();
  saveDraft();
  updateExport();
}

/** Shows a Word document as the engine read it, with the findings of that reading: no second
 * check of the same text, which would lose what only the Word file says (tracked insertions). */
function showChecked(result, name) {
  pendingDoc = null;
  state.docName = name;
  load(result.text);
  unsentChanges = null;
  state.docx = { name, doc: view.state.doc };
  state.checkedDoc = view.state.doc;
  state.notes = result.notes ?? [];
  state.lastMs = result.ms;
  state.lastStats = null;
  $('detail').hidden = true;
  refresh(result.findings);
  saveDraft();
  updateExport();
}

// ---------------------------------------------------------------------------------------------
// Rendering.

function escapeHtml(s) {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
}

function isVisible(f) {
  return state.severities.has(f.severity) && state.categories.has(f.category);
}

/** Shows `findings` (a check result, or the same findings after a filter changed): highlights in
 * the editor, list, summary; the selected finding stays selected if it is still there. */
function refresh(findings = state.findings) {
  const visible = findings.filter(isVisible);
  const same = state.selected ? visible.find((f) => sameFinding(f, state.selected)) ?? null : null;
  if (state.selected && !same) $('detail').hidden = true;
  view.dispatch({ effects: [setFindings.of({ all: findings, visible }), setSelected.of(same)] });
  renderList();
  renderSummary();
}

function sameFinding(a, b) {
  return a.rule === b.rule && a.startUtf16 === b.startUtf16 && a.endUtf16 === b.endUtf16;
}

/** Sets `el.innerHTML` only when it changes: a check result after a keystroke mostly leaves the
 * list and the table as they were, and the browser then lays out nothing again. */
const shownHtml = new WeakMap();
function setHtml(el, html) {
  if (shownHtml.get(el) !== html) {
    el.innerHTML = html;
    shownHtml.set(el, html);
  }
}

/** Sets `el.textContent` only when it changes (see setHtml). */
function writeText(el, text) {
  if (el.textContent !== text) el.textContent = text;
}

function renderList() {
  const v = state.visible;
  const items = v.slice(0, LIST_LIMIT).map((f, i) => {
    const where = f.norm || `Zeile ${f.line}`;
    const part = f.part !== 'gesetzestext' ? ` · ${PART_LABEL[f.part] ?? f.part}` : '';
    return `<li><button type="button" class="finding sev-${f.severity}" data-i="${i}" aria-describedby="fl-${i}">`
      + `<span class="badge sev-${f.severity}">${SEVERITY_LABEL[f.severity]}</span>`
      + `<span class="where">${escapeHtml(where)}${part}</span>`
      + `<span class="title">${escapeHtml(f.title ?? f.rule)}</span>`
      + `<span class="quote" id="fl-${i}">„${escapeHtml(f.text)}“ · Zeile ${f.line}</span>`
      + '</button></li>';
  });
  if (v.length > LIST_LIMIT) items.push(`<li class="more">… und ${num(v.length - LIST_LIMIT)} weitere Befunde (Filter nutzen)</li>`);
  if (!v.length) items.push(`<li class="empty">${state.findings.length ? 'Alle Befunde sind ausgeblendet.' : 'Keine Befunde.'}</li>`);
  setHtml(listEl, items.join(''));
}

function countBy(list, key) {
  const m = {};
  for (const f of list) m[f[key]] = (m[f[key]] ?? 0) + 1;
  return m;
}

function plural(n, one, many) {
  return `${num(n)} ${n === 1 ? one : many}`;
}

/** Whether the editor holds more than white space. */
function hasText() {
  for (const line of view.state.doc.iterLines()) if (line.trim()) return true;
  return false;
}

function renderSummary() {
  const v = state.visible;
  const bySev = countBy(v, 'severity');
  const sevText = (s, n) => (s === 'hinweis' ? plural(n, 'Hinweis', 'Hinweise') : `${num(n)} ${SEVERITY_LABEL[s]}`);
  const parts = (state.vocabulary?.severities ?? []).filter((s) => bySev[s]).map((s) => sevText(s, bySev[s]));
  let text = hasText() ? `${plural(v.length, 'Befund', 'Befunde')}${parts.length ? `: ${parts.join(', ')}` : ''}.` : 'Noch kein Text geprüft.';
  const hidden = state.findings.length - v.length;
  if (hidden > 0) text += ` ${num(hidden)} ausgeblendet.`;
  writeText(statusEl, text);

  const byPrinciple = countBy(v, 'principle');
  const rows = (state.vocabulary?.principles ?? []).map((p) =>
    `<tr><th scope="row"><span class="pnum">${p.number}</span> ${escapeHtml(p.title)}</th><td class="num">${num(byPrinciple[p.number] ?? 0)}</td></tr>`);
  setHtml($('principles').tBodies[0], rows.join(''));

  const bySevAll = countBy(state.findings, 'severity');
  for (const el of document.querySelectorAll('#severity-filter .count')) writeText(el, num(bySevAll[el.dataset.id] ?? 0));
  const byCatAll = countBy(state.findings, 'category');
  for (const el of document.querySelectorAll('#category-filter .count')) writeText(el, num(byCatAll[el.dataset.id] ?? 0));

  renderNotes();
  if (state.lastMs !== null) {
    const ms = millis(state.lastMs);
    // A session cuts the text into top-level units (a §, or the text between); „Abschnitt“ would
    // read as the Abschnitt of a law, so the page calls them „Textteile“.
    writeText(engineState, state.lastStats
      ? `Geprüft in ${ms} ms · ${num(state.lastStats.checked)} von ${num(state.lastStats.regions)} Textteilen neu`
      : `Word-Datei gelesen und geprüft in ${ms} ms`);
  }
}

/** Notes of the engine (e.g. „Unterdrückung ohne Begründung wird nicht angewendet“) below the
 * summary, so that a suppression that does nothing does not go unnoticed. */
function renderNotes() {
  const box = $('notes');
  box.hidden = state.notes.length === 0;
  setHtml(box, state.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join(''));
}

// ---------------------------------------------------------------------------------------------
// Selection and the detail panel.

async function select(f, { scroll = true, focusDetail = false } = {}) {
  view.dispatch({ effects: setSelected.of(f) });
  const d = $('detail');
  d.hidden = false;
  $('detail-title').textContent = f.title ?? f.rule;
  const cat = state.categoryLabel[f.category] ?? f.category;
  $('detail-meta').innerHTML = `<span class="badge sev-${f.severity}">${SEVERITY_LABEL[f.severity]}</span> `
    + `${escapeHtml(f.norm || 'ohne Gliederung')} · Zeile ${f.line}, Spalte ${f.column} · ${escapeHtml(cat)} · `
    + `Grundsatz ${f.principle} · <code>${escapeHtml(f.rule)}</code>`
    + (f.inserted ? ' · in einer nachverfolgten Einfügung' : '');
  $('detail-message').textContent = f.message;
  const hasFix = typeof f.fix === 'string' && f.fix !== f.text && wordingRules.has(f.rule);
  $('detail-fix-box').hidden = !hasFix;
  if (hasFix) {
    $('detail-old').textContent = f.text;
    $('detail-fix').textContent = f.fix;
  }
  $('detail-explain').textContent = '';
  $('detail-basis').textContent = '';
  $('detail-doc').hidden = true;
  if (scroll) scrollToFinding(f);
  if (focusDetail) $('detail-title').focus();
  const rule = await explain(f.rule);
  if (state.selected !== f) return;
  $('detail-explain').textContent = rule.explanation;
  const basis = [rule.basis, ...(rule.refs ?? [])].filter(Boolean);
  $('detail-basis').textContent = basis.length ? `Grundlage: ${basis.join('; ')}` : '';
  if (rule.url) {
    $('detail-doc').href = rule.url;
    $('detail-doc').hidden = false;
  }
}

/** Scrolls the editor (only the editor) so that the finding's words are at a third of its height. */
function scrollToFinding(f) {
  scrollEditorTo(view, f.startUtf16, 1 / 3);
}

function findingAt(pos) {
  return state.visible.find((f) => f.startUtf16 <= pos && pos <= f.endUtf16);
}

function applySelected() {
  const f = state.selected;
  if (!f || typeof f.fix !== 'string' || !wordingRules.has(f.rule)) return;
  if (view.state.sliceDoc(f.startUtf16, f.endUtf16) !== f.text) return; // text changed meanwhile
  view.focus();
  // An undo step of its own (Strg+Z takes back exactly this), never merged with typing around it.
  // The finding's words change, so the editor drops the finding and its selection with them.
  view.dispatch({
    changes: { from: f.startUtf16, to: f.endUtf16, insert: f.fix },
    selection: { anchor: f.startUtf16 + f.fix.length },
    userEvent: 'input',
    annotations: isolateHistory.of('full'),
  });
  $('detail').hidden = true;
  statusEl.textContent = `Vorschlag übernommen: „${f.fix}“.`;
}

/** The next (dir = 1) or previous (dir = -1) finding, from the selected one or, with `fromCaret`,
 * from the caret or selection in the text. Wraps around. */
function step(dir, fromCaret = false) {
  const v = state.visible;
  if (!v.length) return undefined;
  let i = !fromCaret && state.selected ? v.indexOf(state.selected) : -1;
  if (i >= 0) return v[(i + dir + v.length) % v.length];
  const { from: s, to: e } = view.state.selection.main;
  i = dir > 0 ? v.findIndex((f) => (s === e ? f.startUtf16 >= s : f.startUtf16 > s)) : v.findLastIndex((f) => f.startUtf16 < s);
  if (i < 0) i = dir > 0 ? 0 : v.length - 1;
  return v[i];
}

// ---------------------------------------------------------------------------------------------
// Filters.

function setupVocabulary(vocab) {
  state.vocabulary = vocab;
  for (const c of vocab.categories) state.categoryLabel[c.id] = c.label;
  for (const p of vocab.principles) state.principleTitle[p.number] = p.title;
  const sev = $('severity-filter');
  for (const s of vocab.severities) {
    state.severities.add(s);
    sev.insertAdjacentHTML('beforeend', `<div class="opt"><input type="checkbox" id="sev-${s}" value="${s}" checked>`
      + `<label for="sev-${s}"><span class="dot sev-${s}" aria-hidden="true"></span>${SEVERITY_LABEL[s]} <span class="count" data-id="${s}">0</span></label></div>`);
  }
  const cat = $('category-filter');
  for (const c of vocab.categories) {
    state.categories.add(c.id);
    cat.insertAdjacentHTML('beforeend', `<div class="opt"><input type="checkbox" id="cat-${c.id}" value="${c.id}" checked>`
      + `<label for="cat-${c.id}">${escapeHtml(c.label)} <span class="count" data-id="${c.id}">0</span></label></div>`);
  }
  sev.addEventListener('change', (e) => toggle(state.severities, e.target));
  cat.addEventListener('change', (e) => toggle(state.categories, e.target));
  renderSummary();
}

function toggle(set, input) {
  if (input.checked) set.add(input.value); else set.delete(input.value);
  refresh();
}

// ---------------------------------------------------------------------------------------------
// Loading text.

async function loadExample(name) {
  if (!name) return;
  const res = await fetch(`examples/${name}.txt`);
  if (!res.ok) {
    statusEl.textContent = `Beispiel „${name}“ nicht gefunden (wasm/build.sh kopiert die Beispiele nach www/examples).`;
    return;
  }
  setText(await res.text(), `${name}.txt`);
}

function decodeText(bytes) {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

async function loadFile(file) {
  if (!file) return;
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const isDocx = /\.docx$/i.test(file.name) || (bytes[0] === 0x50 && bytes[1] === 0x4b);
    if (isDocx) {
      await ready;
      showChecked(await readDocx(bytes, file.name), file.name);
    } else {
      setText(decodeText(bytes), file.name);
    }
    $('example').value = '';
  } catch (e) {
    statusEl.textContent = `Die Datei „${file.name}“ konnte nicht gelesen werden: ${e.message}`;
  }
}

// ---------------------------------------------------------------------------------------------
// Keeping the draft: the text and the settings are kept in this browser's localStorage as they
// are typed (never sent anywhere) and restored when the page is opened again.

const DRAFT_KEY = 'digicheck.entwurf';
const SAVE_DELAY_MS = 400;
let saveTimer = null;

function saveDraft() {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(storeDraft, SAVE_DELAY_MS);
}

function storeDraft() {
  clearTimeout(saveTimer);
  saveTimer = null;
  try {
    if (!view.state.doc.length) {
      localStorage.removeItem(DRAFT_KEY);
      return;
    }
    localStorage.setItem(DRAFT_KEY, JSON.stringify({
      text: currentText(),
      name: state.docName,
      profile: $('profile').value,
      includeBegruendung: $('begruendung').checked,
    }));
  } catch (e) {
    // Storage switched off or full: say so instead of pretending the draft is kept.
    engineState.textContent = `Der Entwurf kann in diesem Browser nicht gespeichert werden (${e.name}).`;
  }
}

/** The draft kept from an earlier visit, or null. */
function keptDraft() {
  try {
    const kept = JSON.parse(localStorage.getItem(DRAFT_KEY) ?? 'null');
    return kept && typeof kept.text === 'string' ? kept : null;
  } catch {
    return null;
  }
}

function restoreDraft() {
  const kept = keptDraft();
  if (!kept) return;
  if (['mv', 'bund'].includes(kept.profile)) $('profile').value = kept.profile;
  $('begruendung').checked = kept.includeBegruendung === true;
  setText(kept.text, typeof kept.name === 'string' ? kept.name : 'Entwurf');
  statusEl.textContent = 'Gespeicherten Entwurf wiederhergestellt.';
}

function discardDraft() {
  if (view.state.doc.length && !window.confirm('Entwurf verwerfen? Der Text wird aus dem Editor und aus dem Speicher dieses Browsers gelöscht.')) return;
  $('example').value = '';
  $('upload').value = '';
  setText('');
  $('detail').hidden = true;
  storeDraft();
  view.focus();
}

// ---------------------------------------------------------------------------------------------
// Export: the report in the formats of `digicheck check`, and for a Word file opened here the
// same file with a comment at every finding, as `digicheck annotate` writes it. Both come from
// the engine (the Word module); the page only saves what it returns.

const REPORT_TYPES = {
  html: { ext: 'html', mime: 'text/html;charset=utf-8', label: 'HTML' },
  markdown: { ext: 'md', mime: 'text/markdown;charset=utf-8', label: 'Markdown' },
  json: { ext: 'json', mime: 'application/json;charset=utf-8', label: 'JSON' },
};
const exportState = $('export-state');

/** Whether the text shown is still the Word file as read (no edits in the page since). */
function docxUnchanged() {
  return state.docx !== null && view.state.doc.eq(state.docx.doc);
}

/** Shows the Word download for an opened Word file; runs on every edit, so it writes to the page
 * only when something changed. */
function updateExport() {
  const box = $('annotate-box');
  if (box.hidden !== (state.docx === null)) box.hidden = state.docx === null;
  if (state.docx === null) return;
  const help = docxUnchanged()
    ? `„${state.docx.name}“ mit einem Kommentar an jedem Befund, wie digicheck annotate sie schreibt.`
    : `„${state.docx.name}“ in der geöffneten Fassung mit einem Kommentar an jedem Befund; Änderungen, die Sie hier im Text gemacht haben, enthält die Word-Datei nicht.`;
  if ($('annotate-help').textContent !== help) $('annotate-help').textContent = help;
}

function stem(name) {
  return name.replace(/\.[^.]*$/, '') || 'Entwurf';
}

function save(name, data, type) {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

async function exportReport(format) {
  const type = REPORT_TYPES[format];
  await ready;
  exportState.textContent = `${type.label}-Bericht wird erstellt …`;
  try {
    const fromDocx = docxUnchanged();
    const { content } = await request({ type: 'report', format, text: currentText(), name: state.docName, fromDocx });
    save(`${stem(state.docName)}-digicheck.${type.ext}`, content, type.mime);
    exportState.textContent = `${type.label}-Bericht gespeichert: ${stem(state.docName)}-digicheck.${type.ext}.`;
  } catch (e) {
    exportState.textContent = `Der Bericht konnte nicht erstellt werden: ${e.message}`;
  }
}

async function exportAnnotated() {
  if (!state.docx) return;
  await ready;
  exportState.textContent = 'Kommentare werden in die Word-Datei geschrieben …';
  try {
    const date = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    const out = await request({ type: 'annotate', date });
    const name = `${stem(state.docx.name)}-kommentiert.docx`;
    save(name, out.bytes, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    let text = `${name} gespeichert: ${out.placed === 1 ? 'ein Kommentar' : `${num(out.placed)} Kommentare`}.`;
    if (out.unplaced.length) {
      const list = out.unplaced.map((f) => `${f.rule} „${f.text}“ (${f.norm || 'ohne Gliederung'})`).join('; ');
      text += ` Nicht im Word-Text gefunden, daher ohne Kommentar: ${list}.`;
    }
    exportState.textContent = text;
  } catch (e) {
    exportState.textContent = `Die Word-Datei konnte nicht kommentiert werden: ${e.message}`;
  }
}

// ---------------------------------------------------------------------------------------------
// Events.

const caretSelect = () => {
  const f = findingAt(view.state.selection.main.from);
  if (f && f !== state.selected) select(f, { scroll: false });
};
view.contentDOM.addEventListener('click', caretSelect);
view.contentDOM.addEventListener('keyup', (e) => { if (e.key.startsWith('Arrow') && !e.altKey) caretSelect(); });
listEl.addEventListener('click', (e) => {
  const b = e.target.closest('button.finding');
  if (b) select(state.visible[Number(b.dataset.i)], { focusDetail: true });
});
$('apply').addEventListener('click', applySelected);
document.querySelector('.skip').addEventListener('click', (e) => { e.preventDefault(); view.focus(); });
$('next').addEventListener('click', () => { const f = step(1); if (f) select(f, { focusDetail: true }); });
$('prev').addEventListener('click', () => { const f = step(-1); if (f) select(f, { focusDetail: true }); });
$('example').addEventListener('change', (e) => loadExample(e.target.value));
$('upload').addEventListener('change', (e) => loadFile(e.target.files[0]));
$('profile').addEventListener('change', sendOptions);
$('begruendung').addEventListener('change', sendOptions);
$('discard').addEventListener('click', discardDraft);
for (const b of document.querySelectorAll('.export-buttons button')) b.addEventListener('click', () => exportReport(b.dataset.format));
$('annotate').addEventListener('click', exportAnnotated);
// A reload right after typing must not lose the last keystrokes still waiting for the timer.
window.addEventListener('pagehide', () => { if (saveTimer !== null) storeDraft(); });

// Hooks for the browser tests and the benchmark.
window.digicheck = {
  ready,
  /** Resolves when the current text has been checked and drawn. */
  idle: () => new Promise((resolve) => { idleWaiters.push(resolve); settleIdle(); }),
  state,
  setText,
  /** Writes the draft to localStorage now (the page does so shortly after each edit). */
  storeDraft,
  view,
  /** The text in the editor. */
  text: currentText,
  /** The selection in the text as [from, to] (UTF-16 offsets). */
  selection: () => [view.state.selection.main.from, view.state.selection.main.to],
  /** Types `text` at `at`, as an undo step of its own. */
  insert: (at, text) => view.dispatch({
    changes: { from: at, insert: text },
    selection: { anchor: at + text.length },
    userEvent: 'input.type',
    annotations: isolateHistory.of('full'),
  }),
  /** The same editor without findings, worker or page around it, in `parent` (the benchmark's
   * baseline). */
  bareEditor: (parent, text) => createBareEditor(parent, text),
  /** The findings that have at least one highlight drawn, as „start:end:rule“. The editor draws
   * only the lines in view, so this scrolls through the whole text, collects the highlights
   * (<mark>) drawn on the way, and scrolls back. */
  highlighted: async () => {
    const keys = new Set();
    const scroller = view.scrollDOM;
    const kept = scroller.scrollTop;
    for (let top = 0; ; top += scroller.clientHeight) {
      scroller.scrollTop = top;
      await nextFrame();
      await nextFrame();
      for (const m of view.contentDOM.querySelectorAll('mark')) {
        const from = view.posAtDOM(m, 0);
        const to = view.posAtDOM(m, m.childNodes.length);
        for (const f of state.visible) if (f.startUtf16 < to && f.endUtf16 > from) keys.add(`${f.startUtf16}:${f.endUtf16}:${f.rule}`);
      }
      if (top + scroller.clientHeight >= scroller.scrollHeight) break;
    }
    scroller.scrollTop = kept;
    await nextFrame();
    return [...keys];
  },
};

restoreDraft();
sendOptions();
