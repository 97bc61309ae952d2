// Writes the npm package files around wasm-bindgen's output: package.json, README.md and the
// optional `options` parameters in the TypeScript declarations (JavaScript may leave them out, and
// wasm-bindgen cannot say so for a JsValue parameter).
// Usage: node wasm/tools/package.mjs VERSION
import { readFileSync, writeFileSync, copyFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const wasm = join(dirname(fileURLToPath(import.meta.url)), '..');
const version = process.argv[2] ?? '0.0.0';

/** The files of one module: `digicheck` (everything but Word) or `digicheck_docx` (with `checkDocx`). */
function moduleFiles(name) {
  return [`${name}.js`, `${name}.d.ts`, `${name}_bg.wasm`, `${name}_bg.wasm.d.ts`];
}

const common = {
  version,
  description: 'Digi-Check: findet Digitalisierungshemmnisse in deutschen Gesetz- und Verordnungsentwürfen – im Browser und in Node.js, ohne dass der Text den Rechner verlässt',
  license: 'EUPL-1.2',
  keywords: ['digitalcheck', 'gesetzgebung', 'legistik', 'webassembly', 'schriftform'],
  types: 'digicheck.d.ts',
  sideEffects: false,
};

const packages = {
  pkg: {
    name: 'digicheck',
    ...common,
    type: 'module',
    main: 'digicheck.js',
    module: 'digicheck.js',
    exports: {
      '.': { types: './digicheck.d.ts', default: './digicheck.js' },
      './docx': { types: './digicheck_docx.d.ts', default: './digicheck_docx.js' },
      './digicheck_bg.wasm': './digicheck_bg.wasm',
      './digicheck_docx_bg.wasm': './digicheck_docx_bg.wasm',
    },
    files: [...moduleFiles('digicheck'), ...moduleFiles('digicheck_docx'), 'README.md'],
  },
  'pkg-node': {
    name: 'digicheck-node',
    ...common,
    main: 'digicheck.js',
    exports: {
      '.': { types: './digicheck.d.ts', default: './digicheck.js' },
      './docx': { types: './digicheck_docx.d.ts', default: './digicheck_docx.js' },
    },
    files: [...moduleFiles('digicheck'), ...moduleFiles('digicheck_docx'), 'README.md'],
  },
};

for (const [dir, pkg] of Object.entries(packages)) {
  const out = join(wasm, dir);
  writeFileSync(join(out, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
  copyFileSync(join(wasm, 'README.npm.md'), join(out, 'README.md'));
  for (const name of ['digicheck', 'digicheck_docx']) {
    const dts = join(out, `${name}.d.ts`);
    if (existsSync(dts)) {
      const text = readFileSync(dts, 'utf8').replace(/options: CheckOptions\b/g, 'options?: CheckOptions');
      writeFileSync(dts, text);
    }
  }
}
console.log(`package files written (version ${version})`);
