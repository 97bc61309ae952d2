// Validates the SARIF reports of the corpus drafts twice:
//  1. against the official SARIF 2.1.0 JSON schema (the copy shipped in @microsoft/sarif-multitool)
//     with ajv — a strict draft 2020-12 validator that also checks enums and formats;
//  2. with `sarif-multitool validate` (schema plus the SARIF best-practice rules).
// Any schema error, and any multitool result of level error or warning, fails the run. Multitool
// notes are listed by rule; the ones we accept are explained in ACCEPTED_NOTES.
//
// Usage (from anywhere): node tests/report/validate-sarif.mjs
// Needs: `npm ci` in tests/report; cargo (writes the reports via core/tests/reports.rs).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { reportDir, writeReports, finish } from './common.mjs';

const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020').default;
const addFormats = require('ajv-formats').default;

/** Best-practice notes we leave as they are, and why. */
const ACCEPTED_NOTES = {
  SARIF2002: 'messages are rendered per jurisdiction profile; text is what editors show',
  SARIF2003: 'versionControlProvenance is for the caller (CI) to add, the engine does not see the repository',
  SARIF2006: 'the $schema URI is the official OASIS one; this machine has no internet access',
  SARIF2009: 'rule ids like DC-SF-001 are a contract of the project',
  SARIF2011: 'a finding that is its whole line has no contextRegion (SARIF1008 forbids one equal to the region)',
  SARIF2012: 'helpUri needs an absolute address (a build with DIGICHECK_DOCS_URL); the help text is embedded for all and names the rule page',
  SARIF2013: 'embedding whole drafts would multiply the file size',
};

/** Warnings we accept, and why: the project has no published home yet. A build with
 * DIGICHECK_DOCS_URL (an absolute address of docs/rules) writes informationUri and helpUri; an
 * invented or placeholder address would be worse than none. */
const ACCEPTED_WARNINGS = {
  SARIF2005: 'no informationUri without a published home (DIGICHECK_DOCS_URL); the help text names each rule page',
};

writeReports();
const multitool = require('@microsoft/sarif-multitool-' + process.platform);
// npm does not run the package's postinstall (chmod) under allowScripts; do it here.
fs.chmodSync(multitool, 0o755);
const schemaPath = path.join(path.dirname(multitool), 'sarif-2.1.0.json');
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaPath, 'utf8')));

const files = fs.readdirSync(reportDir).filter((f) => f.endsWith('.sarif')).sort();
if (files.length === 0) {
  console.error(`no SARIF files in ${reportDir}`);
  process.exit(1);
}
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'digicheck-sarif-'));
let passed = 0;
let failed = 0;
const notes = new Map();
for (const file of files) {
  const full = path.join(reportDir, file);
  const log = JSON.parse(fs.readFileSync(full, 'utf8'));
  const problems = [];
  if (!validate(log)) {
    for (const e of validate.errors) problems.push(`schema: ${e.instancePath || '/'} ${e.message}`);
  }
  const out = path.join(tmp, file + '.validation.sarif');
  const run = spawnSync(multitool, ['validate', full, '--output', out, '--log', 'ForceOverwrite', '--level', 'Error;Warning;Note', '--max-file-size-in-kb', '512000'], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (run.status !== 0 || !fs.existsSync(out)) {
    problems.push(`sarif-multitool exited with ${run.status}: ${(run.stderr || '').slice(0, 2000)}`);
  } else {
    for (const r of JSON.parse(fs.readFileSync(out, 'utf8')).runs.flatMap((x) => x.results || [])) {
      const level = r.level || 'warning';
      const accepted = level === 'warning' && ACCEPTED_WARNINGS[r.ruleId] && !process.env.DIGICHECK_DOCS_URL;
      if ((level === 'error' || (level === 'warning' && !accepted)) && problems.length < 50) {
        problems.push(`sarif-multitool ${level} ${r.ruleId}: ${r.message?.text ?? JSON.stringify(r.message)}`);
      } else {
        notes.set(r.ruleId, (notes.get(r.ruleId) || 0) + 1);
      }
    }
  }
  const results = log.runs.reduce((n, r) => n + r.results.length, 0);
  if (problems.length === 0) {
    passed++;
    console.log(`ok   ${file}: ${results} results, schema valid, no multitool errors or warnings`);
  } else {
    failed++;
    console.log(`FAIL ${file}:\n  ${problems.join('\n  ')}`);
  }
}
for (const [rule, n] of [...notes].sort()) {
  const why = ACCEPTED_NOTES[rule] ?? ACCEPTED_WARNINGS[rule];
  console.log(`note ${rule} ×${n}: ${why ?? 'not yet looked at'}`);
  if (!why) failed++;
}
fs.rmSync(tmp, { recursive: true, force: true });
finish(passed, failed);
