// Smoke test: speaks to `digicheck lsp` through vscode-languageserver-protocol, the JSON-RPC and
// protocol library vscode-languageclient is built on, to show that the server and the extension's
// client library understand each other. Usage: node test/server-smoke.js [path/to/digicheck]
// (default: ../../target/debug/digicheck). Exits non-zero on any failure or after 60 s.
'use strict';
const { spawn } = require('child_process');
const path = require('path');
const fs = require('fs');
const {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  InitializeRequest,
  PublishDiagnosticsNotification,
  HoverRequest,
  ShutdownRequest,
  ExitNotification,
} = require('vscode-languageserver-protocol/node');

const binary = process.argv[2] || path.join(__dirname, '../../../target/debug/digicheck');
const draft = path.join(__dirname, '../../../corpus/gesetzentwurf-hundehaltung-mv.txt');
const timer = setTimeout(() => fail('keine Antwort innerhalb von 60 s'), 60000);

function fail(msg) {
  console.error(`server-smoke: FEHLER: ${msg}`);
  process.exit(1);
}

async function main() {
  const server = spawn(binary, ['lsp'], { stdio: ['pipe', 'pipe', 'inherit'] });
  server.on('error', (e) => fail(`${binary} nicht startbar: ${e.message}`));
  const exited = new Promise((resolve) => server.on('exit', resolve));
  const conn = createProtocolConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
  const uri = 'file://' + draft;
  const diagnostics = new Promise((resolve) =>
    conn.onNotification(PublishDiagnosticsNotification.type, (p) => p.uri === uri && resolve(p.diagnostics)),
  );
  conn.listen();
  const init = await conn.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {} });
  if (init.capabilities.positionEncoding !== 'utf-16') fail('positionEncoding ist nicht utf-16');
  await conn.sendNotification('initialized', {});
  const text = fs.readFileSync(draft, 'utf8');
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text } });
  const diags = await diagnostics;
  if (diags.length === 0) fail('keine Befunde');
  const lines = text.split('\n');
  for (const d of diags) {
    // JavaScript strings index in UTF-16 units, as LSP positions do by default.
    const words = lines[d.range.start.line].slice(d.range.start.character, d.range.end.character);
    if (words !== d.data.text) fail(`Bereich „${words}“ ≠ Befund „${d.data.text}“`);
  }
  const hover = await conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: diags[0].range.start });
  if (!hover || !hover.contents.value.includes(diags[0].code)) fail('Hover ohne Regel');
  await conn.sendRequest(ShutdownRequest.type);
  await conn.sendNotification(ExitNotification.type);
  const code = await exited;
  if (code !== 0) fail(`Exit-Code ${code}`);
  clearTimeout(timer);
  console.log(`server-smoke: ${diags.length} Befunde, Bereiche und Hover stimmen, Exit-Code 0`);
  console.log('1 passed, 0 failed');
}

main().catch((e) => fail(e.stack || String(e)));
