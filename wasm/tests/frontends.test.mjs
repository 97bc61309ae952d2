// One document, one result, whichever front end checks it: `digicheck check --format json`, the
// npm package (wasm/pkg-node) and the language server (`digicheck lsp`) give the same findings —
// rule, place, severity, message — and the same notes, on the corpus drafts with a suppression, a
// suppression without reason, a severity override and a disabled category in play. The CLI and the
// server read the settings from one digicheck.toml; the package gets the same values as options.
// (cli/tests/frontends.rs compares the same natively in `cargo test`.)
// Run after wasm/build.sh: node wasm/tests/frontends.test.mjs; the CLI is DIGICHECK_BIN if set,
// else `cargo run -q -p digicheck`.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const require = createRequire(import.meta.url);
const dc = require(join(root, 'wasm', 'pkg-node', 'digicheck.js'));

const TOML = 'disable-categories = ["once-only"]\n\n[severity]\n"DC-SF-008" = "niedrig"\n';
const OPTIONS = { disabledCategories: ['once-only'], severity: { 'DC-SF-008': 'niedrig' } };
const DRAFTS = ['aenderungsgesetz-verwaltungsverfahren-mv.txt', 'gesetzentwurf-hundehaltung-mv.txt', 'verordnung-fischereischein-mv.txt'];

function cliCommand(args) {
  return process.env.DIGICHECK_BIN
    ? [resolve(process.env.DIGICHECK_BIN), args]
    : ['cargo', ['run', '-q', '-p', 'digicheck', '--', ...args]];
}

function withDirective(text, words, directive) {
  const at = text.indexOf(words);
  assert.ok(at >= 0, `„${words}“ not in the draft`);
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  return `${text.slice(0, lineStart)}${directive}\n${text.slice(lineStart)}`;
}

/** The drafts in a folder with digicheck.toml, the first with a directive without reason, the
 * second with a suppression of DC-TE-001. */
function fixture() {
  const dir = mkdtempSync(join(tmpdir(), 'digicheck-frontends-'));
  writeFileSync(join(dir, 'digicheck.toml'), TOML);
  return DRAFTS.map((name, i) => {
    let text = readFileSync(join(root, 'corpus', name), 'utf8');
    if (i === 0) text = withDirective(text, 'schriftlich', '<!-- digicheck-ignore DC-SF-008 -->');
    if (i === 1) text = withDirective(text, 'per Telefax', '<!-- digicheck-ignore DC-TE-001: Übermittlung bleibt im Test per Telefax -->');
    const path = join(dir, name);
    writeFileSync(path, text);
    return { name, path, text };
  });
}

const item = (f) => [f.rule, f.start, f.end, f.severity, f.message];

function cli(files) {
  const [cmd, args] = cliCommand(['check', '--format', 'json', ...files.map((f) => f.path)]);
  let out;
  try {
    out = execFileSync(cmd, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
  } catch (e) {
    if (e.status !== 1) throw e;
    out = e.stdout;
  }
  return JSON.parse(out).map((file) => ({ findings: file.findings.map(item), notes: file.notes ?? [] }));
}

function npm(files) {
  return files.map((f) => {
    const r = dc.check(f.text, OPTIONS);
    return { findings: r.findings.map(item), notes: r.notes };
  });
}

/** `digicheck lsp` with UTF-8 positions; diagnostics read back into byte ranges of the files. */
async function languageServer(files) {
  const [cmd, args] = cliCommand(['lsp']);
  const child = spawn(cmd, args, { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
  let buffer = Buffer.alloc(0);
  const waiting = [];
  const received = [];
  child.stdout.on('data', (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const head = buffer.indexOf('\r\n\r\n');
      if (head < 0) return;
      const len = Number(/Content-Length: (\d+)/.exec(buffer.subarray(0, head).toString())[1]);
      if (buffer.length < head + 4 + len) return;
      received.push(JSON.parse(buffer.subarray(head + 4, head + 4 + len).toString('utf8')));
      buffer = buffer.subarray(head + 4 + len);
      while (waiting.length) waiting.shift()();
    }
  });
  const send = (msg) => {
    const body = Buffer.from(JSON.stringify(msg), 'utf8');
    child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    child.stdin.write(body);
  };
  const next = () => new Promise((r) => waiting.push(r));
  send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { capabilities: { general: { positionEncodings: ['utf-8'] } }, initializationOptions: { debounceMs: 0 } } });
  send({ jsonrpc: '2.0', method: 'initialized', params: {} });
  const uris = files.map((f) => pathToFileURL(f.path).href);
  files.forEach((f, i) => send({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: uris[i], languageId: 'plaintext', version: 1, text: f.text } } }));
  const published = new Map();
  const deadline = Date.now() + 120_000;
  while (published.size < files.length) {
    assert.ok(Date.now() < deadline, 'diagnostics of every document');
    const m = received.shift() ?? (await next(), null);
    if (m?.method === 'textDocument/publishDiagnostics') published.set(m.params.uri, m.params.diagnostics);
  }
  send({ jsonrpc: '2.0', id: 2, method: 'shutdown', params: null });
  send({ jsonrpc: '2.0', method: 'exit', params: null });
  const code = await new Promise((r) => child.on('exit', r));
  assert.equal(code, 0);
  return files.map((f, i) => {
    const bytes = Buffer.from(f.text, 'utf8');
    const lineStarts = [0];
    for (let b = 0; b < bytes.length; b++) if (bytes[b] === 0x0a) lineStarts.push(b + 1);
    const offset = (p) => lineStarts[p.line] + p.character;
    const sev = { 1: 'blockierend', 2: 'hoch|mittel', 3: 'niedrig', 4: 'hinweis' };
    const findings = [];
    const notes = [];
    for (const d of published.get(uris[i])) {
      if (String(d.code).startsWith('DC-')) {
        findings.push([d.code, offset(d.range.start), offset(d.range.end), sev[d.severity], d.message]);
      } else {
        assert.equal(d.severity, 3, 'a note is information');
        notes.push(d.message);
      }
    }
    return { findings, notes };
  });
}

/** The LSP severity says less than the contract's (hoch and mittel are both warnings). */
const lspView = (findings) => findings.map(([r, s, e, sev, m]) => [r, s, e, sev === 'hoch' || sev === 'mittel' ? 'hoch|mittel' : sev, m]);

test('the CLI, the npm package and the language server give the same findings and notes', async () => {
  const files = fixture();
  const fromCli = cli(files);
  const fromNpm = npm(files);
  const fromLsp = await languageServer(files);
  for (const [i, f] of files.entries()) {
    assert.ok(fromCli[i].findings.length > 0, f.name);
    assert.deepEqual(fromNpm[i], fromCli[i], `${f.name}: npm package and CLI`);
    assert.deepEqual(fromLsp[i].findings, lspView(fromCli[i].findings), `${f.name}: language server and CLI`);
    assert.deepEqual(fromLsp[i].notes, fromCli[i].notes, `${f.name}: notes`);
  }
  const all = fromCli.flatMap((r) => r.findings);
  assert.ok(all.every(([rule]) => !rule.startsWith('DC-OO-')), 'once-only disabled');
  assert.ok(all.some(([rule, , , sev]) => rule === 'DC-SF-008' && sev === 'niedrig'), 'DC-SF-008 lowered');
  assert.ok(fromCli[1].findings.every(([rule]) => rule !== 'DC-TE-001'), 'DC-TE-001 suppressed');
  assert.match(fromCli[0].notes[0], /Unterdrückung ohne Begründung wird nicht angewendet/);
});
