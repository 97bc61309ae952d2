// Language-server latency as an editor meets it: a client on stdio (this script) opens a draft in
// `digicheck lsp`, types single characters into it and measures the wall time from sending each
// `textDocument/didChange` to receiving the `textDocument/publishDiagnostics` of that version.
//
//   node bench/lsp-latency.mjs            measure and print (sample draft 33 KB, ZPO 830 KB)
//   node bench/lsp-latency.mjs --check    the same, and exit 1 if a median is above its target
//                                         times the margin for the shared 2-core machine (CI guard)
//
// Baseline in the same run: opening the document (a full check, nothing cached) — the keystroke
// latency is printed as a ratio of it. Two kinds of typing:
//   - single keystrokes at places spread over the text, each waited for (median of 20);
//   - bursts of five keystrokes 15 ms apart (faster than anyone types), timed from the last edit
//     to the diagnostics of the last version: the server must not fall behind while checks run.
//     The number of checks per burst shows the coalescing: fewer than five when edits arrived
//     while a check was running.
// Environment: DIGICHECK_BIN (default target/release/digicheck; `cargo build --release -p digicheck`).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');
// Targets of issue #19 (ms after the last edit) and the margin for a shared, loaded 2-core machine.
const MARGIN = 2.0;
const DOCS = [
  { name: 'sample draft', path: join(root, 'corpus', 'gesetzentwurf-hundehaltung-mv.txt'), target: 30 },
  { name: 'ZPO', path: join(root, '..', 'shared', 'corpus', 'sample', 'ZPO.txt'), target: 100 },
];
const BIN = process.env.DIGICHECK_BIN ?? join(root, 'target', 'release', 'digicheck');
const TIMEOUT_MS = 30_000;

if (!existsSync(BIN)) {
  console.error(`lsp-latency: ${BIN} is missing (cargo build --release -p digicheck, or set DIGICHECK_BIN)`);
  process.exit(2);
}

/** A minimal LSP client over the server's stdio. */
class Client {
  constructor() {
    this.proc = spawn(BIN, ['lsp'], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.buf = Buffer.alloc(0);
    this.waiters = [];
    this.nextId = 1;
    /** How many publishDiagnostics arrived (checks the server ran). */
    this.published = 0;
    this.proc.stdout.on('data', (chunk) => this.#read(chunk));
  }

  #read(chunk) {
    this.buf = Buffer.concat([this.buf, chunk]);
    for (;;) {
      const head = this.buf.indexOf('\r\n\r\n');
      if (head < 0) return;
      const len = Number(/Content-Length: *(\d+)/i.exec(this.buf.subarray(0, head).toString())[1]);
      if (this.buf.length < head + 4 + len) return;
      const msg = JSON.parse(this.buf.subarray(head + 4, head + 4 + len).toString('utf8'));
      this.buf = this.buf.subarray(head + 4 + len);
      const at = performance.now();
      if (msg.method === 'textDocument/publishDiagnostics') this.published += 1;
      const i = this.waiters.findIndex((w) => w.pred(msg));
      if (i >= 0) this.waiters.splice(i, 1)[0].resolve({ msg, at });
    }
  }

  /** Sends a message; returns the time just before it was written (taken after the write, the
   *  clock could miss a check the server runs while this process waits for a core). */
  send(msg) {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...msg }), 'utf8');
    const header = Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii');
    const at = performance.now();
    this.proc.stdin.write(Buffer.concat([header, body]));
    return at;
  }

  wait(what, pred) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`lsp-latency: no ${what} within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
      this.waiters.push({ pred, resolve: (v) => { clearTimeout(timer); resolve(v); } });
    });
  }

  diagnostics(uri, version) {
    return this.wait(`diagnostics for version ${version}`, (m) =>
      m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && m.params.version === version);
  }

  async request(method, params) {
    const id = this.nextId++;
    const answer = this.wait(`answer to ${method}`, (m) => m.id === id && !m.method);
    this.send({ id, method, params });
    return (await answer).msg;
  }

  async close() {
    await this.request('shutdown', null);
    this.send({ method: 'exit' });
    await new Promise((r) => this.proc.on('exit', r));
  }
}

/** LSP position (UTF-16) of a UTF-16 offset into `text`. */
function position(text, at) {
  const before = text.slice(0, at);
  const line = before.split('\n').length - 1;
  return { line, character: at - (before.lastIndexOf('\n') + 1) };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function measure(doc) {
  const text = readFileSync(doc.path, 'utf8');
  // A folder of its own, so that no digicheck.toml of the checkout applies.
  const dir = mkdtempSync(join(tmpdir(), 'dc-lsp-latency-'));
  const uri = pathToFileURL(join(dir, doc.path.split('/').pop())).href;
  const c = new Client();
  try {
    await c.request('initialize', { processId: process.pid, rootUri: null, capabilities: { general: { positionEncodings: ['utf-16'] } } });
    c.send({ method: 'initialized', params: {} });
    const opened = c.diagnostics(uri, 1);
    const t0 = c.send({ method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'plaintext', version: 1, text } } });
    const first = await opened;
    const openMs = first.at - t0;
    const findings = first.msg.params.diagnostics.length;

    let current = text;
    let version = 1;
    const type = (at) => {
      version += 1;
      const pos = position(current, at);
      current = current.slice(0, at) + 'x' + current.slice(at);
      const v = version;
      const done = c.diagnostics(uri, v);
      const sent = c.send({ method: 'textDocument/didChange', params: { textDocument: { uri, version: v }, contentChanges: [{ range: { start: pos, end: pos }, text: 'x' }] } });
      return { sent, done };
    };
    // Places inside sentences, spread over the text: after „. “ following an offset.
    const place = (k, n) => {
      const from = Math.floor((current.length * (k + 1)) / (n + 1));
      const i = current.indexOf('. ', from);
      return (i < 0 ? from : i) + 1;
    };

    const single = [];
    for (let k = 0; k < 20; k++) {
      const { sent, done } = type(place(k, 20));
      single.push((await done).at - sent);
      await sleep(30);
    }
    const burst = [];
    const checks = [];
    for (let k = 0; k < 6; k++) {
      const before = c.published;
      let at = place(k, 6);
      let last;
      for (let j = 0; j < 5; j++) {
        last = type(at);
        at += 1;
        if (j < 4) await sleep(15);
      }
      burst.push((await last.done).at - last.sent);
      checks.push(c.published - before);
      await sleep(50);
    }
    await c.close();
    return { text, openMs, findings, single: median(single), singleMax: Math.max(...single), burst: median(burst), checks: median(checks) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    c.proc.kill();
  }
}

let failed = false;
for (const doc of DOCS) {
  if (!existsSync(doc.path)) {
    console.error(`lsp-latency: ${doc.path} is missing`);
    process.exit(process.env.CI ? 1 : 0);
  }
  const r = await measure(doc);
  const kb = (Buffer.byteLength(r.text) / 1024).toFixed(0);
  const limit = doc.target * MARGIN;
  const worst = Math.max(r.single, r.burst);
  console.log(
    `lsp-latency: ${doc.name} (${kb} KB, ${r.findings} diagnostics): keystroke → diagnostics median ${r.single.toFixed(1)} ms ` +
      `(max ${r.singleMax.toFixed(1)}), after a burst of 5 median ${r.burst.toFixed(1)} ms (${r.checks} checks); open (full check, baseline) ${r.openMs.toFixed(1)} ms; ` +
      `ratio keystroke/open ${(r.single / r.openMs).toFixed(2)}; target ≤ ${doc.target} ms` + (check ? `, guard ≤ ${limit} ms` : ''),
  );
  if (check && worst > limit) {
    console.error(`FAIL: ${doc.name}: ${worst.toFixed(1)} ms after the last edit is above ${limit} ms (target ${doc.target} ms × margin ${MARGIN})`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
