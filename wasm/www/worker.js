// The engine runs here, off the main thread, so that typing never waits for a check.
// Checking is the engine's pipeline, as in the CLI and the editor: the same settings and inline
// suppressions („<!-- digicheck-ignore … -->“); every edit goes through the engine's session.
// Protocol (messages from the page):
//   { type: 'options', options }      start a new session with these check options
//   { type: 'check', id, text }       check a version of the text; answers { type: 'result', id, findings, notes, stats, ms }
//   { type: 'check', id, changes }    the same for the text last checked with these edits applied:
//                                     [from, to, inserted] in UTF-16 offsets of that text, in order
//   { type: 'docx', id, bytes }       read a Word file with the engine's reader and check it; answers
//                                     { type: 'docx', id, text, findings, notes, ms }. The reader is a
//                                     module of its own (pkg/digicheck_docx.js), loaded the first time.
//   { type: 'explain', id, rule }     answers { type: 'explain', id, rule: {...} }
//   { type: 'report', id, format, text, name, fromDocx }
//                                     the report (html, markdown, json) by the engine's renderers:
//                                     of `text`, or with `fromDocx` of the Word file last opened;
//                                     answers { type: 'report', id, content }
//   { type: 'annotate', id, date }    the Word file last opened with a comment at every finding;
//                                     answers { type: 'annotated', id, bytes, placed, unplaced }
// Reports and comments come from the Word module too: it carries the renderers, so the module
// loaded while a draft is typed stays as small as it was.
// On start it answers { type: 'ready', version, rules, vocabulary } or { type: 'error', message }.
import init, { Session, listRules, explainRule, vocabulary, version } from './pkg/digicheck.js';

let session = null;
/** The text of the last check, to which the page's edits are applied. */
let text = '';
let options = {};
const explained = new Map();
let docxModule = null;
/** The Word file last opened ({ bytes, name }), for its report and its annotated copy. */
let lastDocx = null;

/** The module with the engine's Word reader, loaded when the first Word file is opened. */
async function docxReader() {
  if (!docxModule) {
    const m = await import('./pkg/digicheck_docx.js');
    await m.default();
    docxModule = m;
  }
  return docxModule;
}

/** The text with the edits applied; the last edit first, so that earlier offsets stay valid. */
function applyChanges(before, changes) {
  let after = before;
  for (let i = changes.length - 1; i >= 0; i--) {
    const [from, to, inserted] = changes[i];
    after = after.slice(0, from) + inserted + after.slice(to);
  }
  return after;
}

function post(message, transfer = []) {
  self.postMessage(message, transfer);
}

async function start() {
  try {
    await init();
    session = new Session(options);
    post({ type: 'ready', version: version(), rules: listRules(), vocabulary: vocabulary() });
  } catch (e) {
    post({ type: 'error', message: `Die Prüfmaschine konnte nicht geladen werden: ${e.message ?? e}` });
  }
}

const ready = start();

self.onmessage = async (event) => {
  await ready;
  const msg = event.data;
  try {
    switch (msg.type) {
      case 'options':
        options = msg.options;
        session = new Session(options);
        explained.clear();
        break;
      case 'check': {
        const t0 = performance.now();
        text = msg.changes ? applyChanges(text, msg.changes) : msg.text;
        const result = session.update(text);
        const ms = performance.now() - t0;
        post({ type: 'result', id: msg.id, findings: result.findings, notes: result.notes, stats: result.stats, ms });
        break;
      }
      case 'docx': {
        const t0 = performance.now();
        const result = (await docxReader()).checkDocx(msg.bytes, options);
        lastDocx = { bytes: msg.bytes, name: msg.name };
        // The text in the page is the document as the engine read it; the session starts afresh.
        session = new Session(options);
        const ms = performance.now() - t0;
        post({ type: 'docx', id: msg.id, text: result.text, findings: result.findings, notes: result.notes, ms });
        break;
      }
      case 'report': {
        const m = await docxReader();
        const content = msg.fromDocx && lastDocx
          ? m.renderDocxReport(lastDocx.bytes, msg.format, lastDocx.name, options)
          : m.renderReport(msg.text, msg.format, msg.name, options);
        post({ type: 'report', id: msg.id, content });
        break;
      }
      case 'annotate': {
        if (!lastDocx) throw new Error('Es ist keine Word-Datei geöffnet.');
        const out = (await docxReader()).annotateDocx(lastDocx.bytes, lastDocx.name, options, msg.date);
        const bytes = out.docx;
        post({ type: 'annotated', id: msg.id, bytes, placed: out.placed, unplaced: out.unplaced }, [bytes.buffer]);
        out.free();
        break;
      }
      case 'explain': {
        const profile = options.profile ?? 'mv';
        const key = `${profile}:${msg.rule}`;
        if (!explained.has(key)) explained.set(key, explainRule(msg.rule, profile));
        post({ type: 'explain', id: msg.id, rule: explained.get(key) });
        break;
      }
      default:
        break;
    }
  } catch (e) {
    post({ type: 'error', id: msg.id, message: e.message ?? String(e) });
  }
};
