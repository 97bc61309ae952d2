// Shared by the report test scripts: where the repository and the written reports are, and how
// to (re)write them with the Rust test that renders every format of the corpus drafts.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, '../..');
const target = process.env.CARGO_TARGET_DIR ? path.resolve(root, process.env.CARGO_TARGET_DIR) : path.join(root, 'target');
/** Where `core/tests/reports.rs` writes the reports (CARGO_TARGET_TMPDIR/reports). */
export const reportDir = process.env.REPORT_DIR ? path.resolve(process.env.REPORT_DIR) : path.join(target, 'tmp', 'reports');

/** Writes the reports of the corpus drafts unless REPORT_DIR points at reports written elsewhere. */
export function writeReports() {
  if (process.env.REPORT_DIR) return;
  const args = ['test', '-p', 'digicheck-core', '--test', 'reports', '--quiet', '--', 'reports_of_the_corpus_are_written'];
  const run = spawnSync('cargo', args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (run.status !== 0) {
    console.error(`cargo ${args.join(' ')} failed (exit ${run.status})`);
    process.exit(1);
  }
}

/** Prints the closing line CI reads and exits non-zero on failure. */
export function finish(passed, failed) {
  console.log(`\n${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}
