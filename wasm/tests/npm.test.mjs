// The npm package as a new user meets it: `npm pack` of wasm/pkg installed into a fresh app
// (wasm/tests/npm-app: TypeScript with `lib: ["es2022", "dom"]`, strict, no skipLibCheck), then
//   - tsc type-checks the app against the package's declarations;
//   - esbuild (`--loader:.wasm=file`), Vite and webpack build it as the README says, and Chromium
//     runs each build from a plain static server: the engine loads and finds the barrier;
//   - Node.js takes the package by its conditional exports, as `import` and as `require`;
//   - the tarball holds the LICENSE (EUPL-1.2) and the README.
// Run after wasm/build.sh and `npm ci` in wasm/: node wasm/tests/npm.test.mjs
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { chromium } from 'playwright-core';
import { wasmDir } from './browser-env.mjs';

const bin = (name) => join(wasmDir, 'node_modules', '.bin', name);
const CHROMIUM = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

const app = mkdtempSync(join(tmpdir(), 'dc-npm-app-'));
process.on('exit', () => rmSync(app, { recursive: true, force: true }));

test.before(() => {
  assert.ok(existsSync(join(wasmDir, 'pkg', 'package.json')), 'wasm/pkg is missing: run wasm/build.sh first');
  const tarball = run('npm', ['pack', join(wasmDir, 'pkg'), '--pack-destination', app, '--silent'], app).trim().split('\n').pop();
  cpSync(join(wasmDir, 'tests', 'npm-app'), app, { recursive: true });
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  run('npm', ['install', '--no-audit', '--no-fund', '--offline', `./${tarball}`], app);
});

test('the tarball holds the license and the readme', () => {
  const pkg = join(app, 'node_modules', 'digicheck');
  const license = readFileSync(join(pkg, 'LICENSE'), 'utf8');
  assert.match(license, /^EUROPEAN UNION PUBLIC LICENCE v\. 1\.2/);
  assert.equal(JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')).license, 'EUPL-1.2');
  assert.match(readFileSync(join(pkg, 'README.md'), 'utf8'), /## esbuild/);
});

test('tsc type-checks a fresh app (lib es2022 + dom, no skipLibCheck)', () => {
  const tsconfig = JSON.parse(readFileSync(join(app, 'tsconfig.json'), 'utf8'));
  assert.deepEqual(tsconfig.compilerOptions.lib, ['es2022', 'dom']);
  assert.equal(tsconfig.compilerOptions.skipLibCheck, undefined);
  try {
    run(bin('tsc'), ['-p', '.'], app);
  } catch (e) {
    assert.fail(`tsc failed:\n${e.stdout}${e.stderr}`);
  }
});

/** Serves `dir` statically, opens `page` in Chromium and returns the app's #result as JSON. */
async function runInChromium(dir, page) {
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };
  const misses = [];
  const server = createServer((req, res) => {
    const file = join(dir, decodeURIComponent(new URL(req.url, 'http://x').pathname));
    if (!existsSync(file)) {
      if (req.url !== '/favicon.ico') misses.push(req.url);
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const tab = await browser.newPage();
    const errors = [];
    tab.on('pageerror', (e) => errors.push(e.message));
    await tab.goto(`http://127.0.0.1:${server.address().port}/${page}`);
    await tab.waitForSelector('#result', { timeout: 30_000 }).catch(() => assert.fail(`no result; errors: ${errors.join('; ')}; 404: ${misses.join(', ')}`));
    assert.deepEqual(misses, []);
    return JSON.parse(await tab.textContent('#result'));
  } finally {
    await browser.close();
    server.close();
  }
}

test('an esbuild bundle loads the engine in Chromium', async () => {
  run(bin('esbuild'), ['src/main.ts', '--bundle', '--format=esm', '--loader:.wasm=file', '--outdir=dist'], app);
  cpSync(join(app, 'index.html'), join(app, 'dist', 'index.html'));
  const result = await runInChromium(join(app, 'dist'), 'index.html');
  assert.ok(result.rules.length >= 1, JSON.stringify(result));
  assert.deepEqual(result.words, ['schriftlich']);
  assert.equal(result.session, result.rules.length);
  assert.equal(result.explained, true);
});

test('a Vite build loads the engine in Chromium', async () => {
  run(bin('vite'), ['build', '--logLevel', 'error'], app);
  const result = await runInChromium(join(app, 'dist-vite'), 'vite.html');
  assert.deepEqual(result.words, ['schriftlich'], JSON.stringify(result));
});

test('a webpack build loads the engine in Chromium', async () => {
  run(bin('webpack'), ['--config', 'webpack.config.cjs'], app);
  writeFileSync(join(app, 'dist-webpack', 'index.html'), '<!doctype html><html lang="de"><meta charset="utf-8"><title>digicheck mit webpack</title><script src="main.js"></script><body></body></html>');
  const result = await runInChromium(join(app, 'dist-webpack'), 'index.html');
  assert.deepEqual(result.words, ['schriftlich'], JSON.stringify(result));
});

test('Node.js takes the package by its conditional exports (import and require)', () => {
  const text = 'Der Antrag ist schriftlich zu stellen.';
  const esm = `import init, { check } from 'digicheck'; import { checkDocx } from 'digicheck/docx';
    await init(); console.log(JSON.stringify([check(${JSON.stringify(text)}).findings.map((f) => f.text), typeof checkDocx]));`;
  assert.equal(run('node', ['--input-type=module', '-e', esm], app).trim(), '[["schriftlich"],"function"]');
  const cjs = `const { check } = require('digicheck'); console.log(check(${JSON.stringify(text)}).findings.length);`;
  assert.equal(run('node', ['--input-type=commonjs', '-e', cjs], app).trim(), '1');
});
