// The engine runs here, off the main thread, so that typing never waits for a check.
// Protocol (messages from the page):
//   { type: 'options', options }      start a new session with these check options
//   { type: 'check', id, text }       check a version of the text; answers { type: 'result', id, findings, stats, ms }
//   { type: 'explain', id, rule }     answers { type: 'explain', id, rule: {...} }
// On start it answers { type: 'ready', version, rules, vocabulary } or { type: 'error', message }.
import init, { Session, listRules, explainRule, vocabulary, version } from './pkg/digicheck.js';

let session = null;
let options = {};
const explained = new Map();

function post(message) {
  self.postMessage(message);
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
        const result = session.update(msg.text);
        const ms = performance.now() - t0;
        post({ type: 'result', id: msg.id, findings: result.findings, stats: result.stats, ms });
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
