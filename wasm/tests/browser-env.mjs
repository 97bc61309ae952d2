// Shared set-up of the browser tests and the benchmark: a static server on 127.0.0.1 rooted at
// wasm/www (python3 -m http.server) and Debian's Chromium driven by playwright-core. Chromium is
// started with the flags this machine needs: no sandbox (root), no GPU, and no background
// networking, because the network is closed and every such request would fail.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

export const here = dirname(fileURLToPath(import.meta.url));
export const wasmDir = join(here, '..');
export const root = join(wasmDir, '..');

const CHROMIUM = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';

async function waitForServer(url, tries = 100) {
  for (let i = 0; i < tries; i++) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`static server at ${url} did not start`);
}

/** Starts the static server and the browser; returns { base, browser, close }. */
export async function startBrowser() {
  if (!existsSync(join(wasmDir, 'www', 'pkg', 'digicheck_bg.wasm'))) {
    throw new Error('wasm/www/pkg is missing: run wasm/build.sh first');
  }
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  const port = 8700 + Math.floor(Math.random() * 800);
  const server = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', join(wasmDir, 'www')], {
    stdio: 'ignore',
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitForServer(`${base}/index.html`);
  } catch (e) {
    server.kill();
    throw e;
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
  const close = async () => {
    await browser.close().catch(() => {});
    server.kill();
  };
  return { base, browser, close };
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
