// The drafting page: a textarea over a highlight layer, the engine in a Web Worker, findings in a
// side panel. Every user-visible text is German. Word files are read by the engine's DOCX reader
// (in the worker), like `digicheck check` reads them.

const $ = (id) => document.getElementById(id);
const editor = $('editor');
const backdrop = $('backdrop');
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
  /** Findings of the last check, their UTF-16 offsets shifted by edits made since. */
  findings: [],
  /** Notes of the last check (a suppression without reason or effect, a command not understood). */
  notes: [],
  visible: [],
  selected: null,
  severities: new Set(),
  categories: new Set(),
  checkedText: '',
  lastMs: null,
  lastStats: null,
  /** How reports name the document: the file opened, the example, or „Entwurf“. */
  docName: 'Entwurf',
  /** The Word file opened ({ name, text as read }), until another text is loaded. */
  docx: null,
};

// ---------------------------------------------------------------------------------------------
// Worker and the check loop: at most one check in flight; while it runs, only the newest text waits.

const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
let nextId = 1;
let inFlight = null; // id of the running check
let pendingText = null; // newest text not yet sent
let latestId = 0;
let idleWaiters = [];
const explainWaiters = new Map();
/** Requests answered once, by id: Word file read, report rendered, Word file annotated. */
const requests = new Map();
let readyResolve;
const ready = new Promise((r) => { readyResolve = r; });
let engineReady = false;

function requestCheck() {
  pendingText = editor.value;
  pump();
}

function pump() {
  if (!engineReady || inFlight !== null || pendingText === null) return;
  const id = nextId++;
  inFlight = id;
  latestId = id;
  state.checkedText = pendingText;
  worker.postMessage({ type: 'check', id, text: pendingText });
  pendingText = null;
}

function settleIdle() {
  if (inFlight === null && pendingText === null) {
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
      if (editor.value) requestCheck();
      break;
    case 'result':
      inFlight = null;
      if (msg.id === latestId && pendingText === null && state.checkedText === editor.value) {
        state.findings = msg.findings;
        state.notes = msg.notes ?? [];
        state.lastMs = msg.ms;
        state.lastStats = msg.stats;
        refresh();
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
// Editing: keep the old highlights in place until the new result arrives.

let previousText = '';

function onInput() {
  const text = editor.value;
  shiftFindings(previousText, text);
  previousText = text;
  render();
  requestCheck();
  saveDraft();
  updateExport();
}

/** Moves highlights after an edit by the edit's length change; drops those the edit touched. */
function shiftFindings(before, after) {
  if (!state.findings.length) return;
  let p = 0;
  const max = Math.min(before.length, after.length);
  while (p < max && before.charCodeAt(p) === after.charCodeAt(p)) p++;
  let s = 0;
  while (s < max - p && before.charCodeAt(before.length - 1 - s) === after.charCodeAt(after.length - 1 - s)) s++;
  const oldEnd = before.length - s;
  const delta = after.length - before.length;
  state.findings = state.findings
    .filter((f) => f.endUtf16 <= p || f.startUtf16 >= oldEnd)
    .map((f) => (f.startUtf16 >= oldEnd ? { ...f, startUtf16: f.startUtf16 + delta, endUtf16: f.endUtf16 + delta } : f));
}

function setText(text, name = 'Entwurf') {
  state.docName = name;
  state.docx = null;
  editor.value = text;
  previousText = text;
  state.findings = [];
  state.notes = [];
  state.selected = null;
  editor.scrollTop = 0;
  render();
  requestCheck();
  saveDraft();
  updateExport();
}

/** Shows a Word document as the engine read it, with the findings of that reading: no second
 * check of the same text, which would lose what only the Word file says (tracked insertions). */
function showChecked(result, name) {
  pendingText = null;
  state.docName = name;
  state.docx = { name, text: result.text };
  editor.value = result.text;
  previousText = result.text;
  state.checkedText = result.text;
  state.findings = result.findings;
  state.notes = result.notes ?? [];
  state.selected = null;
  state.lastMs = result.ms;
  state.lastStats = null;
  editor.scrollTop = 0;
  $('detail').hidden = true;
  refresh();
  saveDraft();
  updateExport();
}

// ---------------------------------------------------------------------------------------------
// Rendering.

function escapeHtml(s) {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
}

const SEVERITY_RANK = { blockierend: 5, hoch: 4, mittel: 3, niedrig: 2, hinweis: 1 };

function isVisible(f) {
  return state.severities.has(f.severity) && state.categories.has(f.category);
}

function refresh() {
  render();
  renderList();
  renderSummary();
  if (state.selected) {
    const same = state.visible.find((f) => sameFinding(f, state.selected));
    if (same) {
      state.selected = same;
      renderMarksSelection();
    } else {
      state.selected = null;
      $('detail').hidden = true;
    }
  }
}

function sameFinding(a, b) {
  return a.rule === b.rule && a.startUtf16 === b.startUtf16 && a.endUtf16 === b.endUtf16;
}

// The highlight layer: the text, with every finding's words in a <mark>, kept as one block (<div>)
// per line. A render builds each line's HTML and replaces only the lines whose HTML changed — after
// a keystroke, the one line typed in — and as blocks, the browser lays out only that line again,
// so typing in a long law costs a line, not the whole layer. A mark names its findings by their offsets relative to its line and their rule
// („3:14:DC-SF-001“), which edits elsewhere do not change.
let lineHtml = [];
let lineNodes = [];
/** UTF-16 offset of each line's start in the text last rendered. */
let lineStarts = [];
// Room below the last line, as the textarea has (its caret line after a final line break).
const layerTail = document.createElement('div');
layerTail.textContent = '\u200b';
backdrop.append(layerTail);
const lineTemplate = document.createElement('template');

/** One line [a, b) with the findings that overlap it. Where findings overlap, the line is cut
 * into segments; each carries the most severe finding's colour and the keys of all covering it. */
function lineWithMarks(text, a, b, here) {
  const cuts = new Set([a, b]);
  for (const f of here) {
    if (f.startUtf16 > a && f.startUtf16 < b) cuts.add(f.startUtf16);
    if (f.endUtf16 > a && f.endUtf16 < b) cuts.add(f.endUtf16);
  }
  const points = [...cuts].sort((x, y) => x - y);
  let html = '';
  for (let k = 0; k < points.length - 1; k++) {
    const x = points[k];
    const y = points[k + 1];
    const seg = escapeHtml(text.slice(x, y));
    const active = here.filter((f) => f.startUtf16 <= x && f.endUtf16 >= y);
    if (active.length) {
      let top = active[0];
      for (const f of active) if (SEVERITY_RANK[f.severity] > SEVERITY_RANK[top.severity]) top = f;
      const keys = active.map((f) => `${f.startUtf16 - a}:${f.endUtf16 - a}:${f.rule}`).join(' ');
      html += `<mark class="sev-${top.severity}" data-f="${keys}">${seg}</mark>`;
    } else {
      html += seg;
    }
  }
  return html;
}

function render() {
  const text = editor.value;
  state.visible = state.findings.filter(isVisible);
  const v = state.visible; // sorted by start
  const html = [];
  const starts = [];
  let next = 0;
  let carry = []; // findings that run on from an earlier line
  let a = 0;
  while (a <= text.length) {
    const nl = text.indexOf('\n', a);
    const b = nl < 0 ? text.length : nl; // the line without its line break
    const here = carry.filter((f) => f.endUtf16 > a);
    while (next < v.length && v[next].startUtf16 < b) {
      if (v[next].endUtf16 > a) here.push(v[next]);
      next++;
    }
    carry = here.filter((f) => f.endUtf16 > b + 1);
    starts.push(a);
    html.push(here.length ? lineWithMarks(text, a, b, here) : escapeHtml(text.slice(a, b)));
    if (nl < 0) break;
    a = b + 1;
  }
  // Keep the lines that start and end the same; replace those between.
  let p = 0;
  while (p < lineHtml.length && p < html.length && lineHtml[p] === html[p]) p++;
  let q = 0;
  while (q < lineHtml.length - p && q < html.length - p && lineHtml[lineHtml.length - 1 - q] === html[html.length - 1 - q]) q++;
  const removed = lineNodes.slice(p, lineNodes.length - q);
  const before = q ? lineNodes[lineNodes.length - q] : layerTail;
  for (const node of removed) node.remove();
  // An empty line is one line high in the textarea; <br> gives its block that height.
  lineTemplate.innerHTML = html.slice(p, html.length - q).map((h) => `<div>${h || '<br>'}</div>`).join('');
  const added = [...lineTemplate.content.childNodes];
  backdrop.insertBefore(lineTemplate.content, before);
  lineNodes = [...lineNodes.slice(0, p), ...added, ...lineNodes.slice(lineNodes.length - q)];
  lineHtml = html;
  lineStarts = starts;
  backdrop.scrollTop = editor.scrollTop;
  renderMarksSelection();
}

/** Index of the line that holds UTF-16 offset `at`. */
function lineOf(at) {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid] <= at) lo = mid; else hi = mid - 1;
  }
  return lo;
}

/** The absolute keys („start:end:rule“) of the findings a mark in line `i` stands for. */
function markKeys(m, i) {
  return m.dataset.f.split(' ').map((k) => {
    const [s, e, rule] = k.split(':');
    return `${lineStarts[i] + Number(s)}:${lineStarts[i] + Number(e)}:${rule}`;
  });
}

/** The marks of finding `f`. */
function marksOf(f) {
  const key = `${f.startUtf16}:${f.endUtf16}:${f.rule}`;
  const out = [];
  for (let i = lineOf(f.startUtf16); i < lineNodes.length && lineStarts[i] < Math.max(f.endUtf16, f.startUtf16 + 1); i++) {
    for (const m of lineNodes[i].querySelectorAll('mark')) if (markKeys(m, i).includes(key)) out.push(m);
  }
  return out;
}

function renderMarksSelection() {
  for (const m of backdrop.querySelectorAll('mark.current')) m.classList.remove('current');
  if (!state.selected || !state.visible.includes(state.selected)) return;
  for (const m of marksOf(state.selected)) m.classList.add('current');
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
  listEl.innerHTML = items.join('');
}

function countBy(list, key) {
  const m = {};
  for (const f of list) m[f[key]] = (m[f[key]] ?? 0) + 1;
  return m;
}

function plural(n, one, many) {
  return `${num(n)} ${n === 1 ? one : many}`;
}

function renderSummary() {
  const v = state.visible;
  const bySev = countBy(v, 'severity');
  const sevText = (s, n) => (s === 'hinweis' ? plural(n, 'Hinweis', 'Hinweise') : `${num(n)} ${SEVERITY_LABEL[s]}`);
  const parts = (state.vocabulary?.severities ?? []).filter((s) => bySev[s]).map((s) => sevText(s, bySev[s]));
  let text = editor.value.trim() ? `${plural(v.length, 'Befund', 'Befunde')}${parts.length ? `: ${parts.join(', ')}` : ''}.` : 'Noch kein Text geprüft.';
  const hidden = state.findings.length - v.length;
  if (hidden > 0) text += ` ${num(hidden)} ausgeblendet.`;
  if (statusEl.textContent !== text) statusEl.textContent = text;

  const byPrinciple = countBy(v, 'principle');
  const rows = (state.vocabulary?.principles ?? []).map((p) =>
    `<tr><th scope="row"><span class="pnum">${p.number}</span> ${escapeHtml(p.title)}</th><td class="num">${num(byPrinciple[p.number] ?? 0)}</td></tr>`);
  $('principles').tBodies[0].innerHTML = rows.join('');

  const bySevAll = countBy(state.findings, 'severity');
  for (const el of document.querySelectorAll('#severity-filter .count')) el.textContent = num(bySevAll[el.dataset.id] ?? 0);
  const byCatAll = countBy(state.findings, 'category');
  for (const el of document.querySelectorAll('#category-filter .count')) el.textContent = num(byCatAll[el.dataset.id] ?? 0);

  renderNotes();
  if (state.lastMs !== null) {
    const ms = millis(state.lastMs);
    // A session cuts the text into top-level units (a §, or the text between); „Abschnitt“ would
    // read as the Abschnitt of a law, so the page calls them „Textteile“.
    engineState.textContent = state.lastStats
      ? `Geprüft in ${ms} ms · ${num(state.lastStats.checked)} von ${num(state.lastStats.regions)} Textteilen neu`
      : `Word-Datei gelesen und geprüft in ${ms} ms`;
  }
}

/** Notes of the engine (e.g. „Unterdrückung ohne Begründung wird nicht angewendet“) below the
 * summary, so that a suppression that does nothing does not go unnoticed. */
function renderNotes() {
  const box = $('notes');
  box.hidden = state.notes.length === 0;
  box.innerHTML = state.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('');
}

// ---------------------------------------------------------------------------------------------
// Selection and the detail panel.

async function select(f, { scroll = true, focusDetail = false } = {}) {
  state.selected = f;
  renderMarksSelection();
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

function scrollToFinding(f) {
  const mark = marksOf(f)[0];
  if (mark) {
    editor.scrollTop = Math.max(0, mark.offsetTop - editor.clientHeight / 3);
    backdrop.scrollTop = editor.scrollTop;
  }
}

function findingAt(pos) {
  return state.visible.find((f) => f.startUtf16 <= pos && pos <= f.endUtf16);
}

function applySelected() {
  const f = state.selected;
  if (!f || typeof f.fix !== 'string' || !wordingRules.has(f.rule)) return;
  if (editor.value.slice(f.startUtf16, f.endUtf16) !== f.text) return; // text changed meanwhile
  editor.focus();
  editor.setSelectionRange(f.startUtf16, f.endUtf16);
  // execCommand keeps the change on the browser's undo stack (Strg+Z); setRangeText does not.
  const done = document.execCommand && document.execCommand('insertText', false, f.fix);
  if (!done) {
    editor.setRangeText(f.fix, f.startUtf16, f.endUtf16, 'end');
    onInput();
  }
  state.selected = null;
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
  const { selectionStart: s, selectionEnd: e } = editor;
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
    if (!editor.value) {
      localStorage.removeItem(DRAFT_KEY);
      return;
    }
    localStorage.setItem(DRAFT_KEY, JSON.stringify({
      text: editor.value,
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
  if (editor.value && !window.confirm('Entwurf verwerfen? Der Text wird aus dem Editor und aus dem Speicher dieses Browsers gelöscht.')) return;
  $('example').value = '';
  $('upload').value = '';
  setText('');
  $('detail').hidden = true;
  storeDraft();
  editor.focus();
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
  return state.docx !== null && editor.value === state.docx.text;
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
    const { content } = await request({ type: 'report', format, text: editor.value, name: state.docName, fromDocx });
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

editor.addEventListener('input', onInput);
editor.addEventListener('scroll', () => { backdrop.scrollTop = editor.scrollTop; backdrop.scrollLeft = editor.scrollLeft; });
const caretSelect = () => {
  const f = findingAt(editor.selectionStart);
  if (f && f !== state.selected) select(f, { scroll: false });
};
editor.addEventListener('click', caretSelect);
editor.addEventListener('keyup', (e) => { if (e.key.startsWith('Arrow') && !e.altKey) caretSelect(); });
editor.addEventListener('keydown', (e) => {
  if (e.altKey && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
    e.preventDefault();
    const f = step(e.key === 'ArrowDown' ? 1 : -1, true);
    if (f) {
      editor.setSelectionRange(f.startUtf16, f.endUtf16);
      select(f);
    }
  }
});
listEl.addEventListener('click', (e) => {
  const b = e.target.closest('button.finding');
  if (b) select(state.visible[Number(b.dataset.i)], { focusDetail: true });
});
$('apply').addEventListener('click', applySelected);
document.querySelector('.skip').addEventListener('click', (e) => { e.preventDefault(); editor.focus(); });
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
new ResizeObserver(() => render()).observe(editor);

// Hooks for the browser tests and the benchmark.
window.digicheck = {
  ready,
  /** Resolves when the current text has been checked and drawn. */
  idle: () => new Promise((resolve) => { idleWaiters.push(resolve); settleIdle(); }),
  state,
  setText,
  /** Writes the draft to localStorage now (the page does so shortly after each edit). */
  storeDraft,
  /** The findings that have at least one mark, as „start:end:rule“. */
  highlighted: () => {
    const keys = new Set();
    lineNodes.forEach((line, i) => { for (const m of line.querySelectorAll('mark')) markKeys(m, i).forEach((k) => keys.add(k)); });
    return [...keys];
  },
};

restoreDraft();
sendOptions();
