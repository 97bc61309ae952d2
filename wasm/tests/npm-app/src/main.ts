// A small web app against the npm package as a new user writes it (README „esbuild“): the engine's
// .wasm imported as a URL, so the bundler copies it next to the bundle.
import init, { check, Session, explainRule, type Finding } from 'digicheck';
import wasmUrl from 'digicheck/digicheck_bg.wasm';
// The Word module's declarations compile too (types only: the app does not load the module).
import type { AnnotatedDocx, DocxResult, ReportFormat } from 'digicheck/docx';

await init({ module_or_path: wasmUrl });

const text = '§ 1 Antrag\n\n(1) Der Antrag ist schriftlich zu stellen.\n';
const findings: Finding[] = check(text, { profile: 'mv' }).findings;
const session = new Session({ minSeverity: 'mittel' });
const again = session.update(text);
session.free();
const out = document.createElement('pre');
out.id = 'result';
out.textContent = JSON.stringify({
  rules: findings.map((f) => f.rule),
  words: findings.map((f) => text.slice(f.startUtf16, f.endUtf16)),
  session: again.findings.length,
  explained: explainRule('DC-SF-001').explanation.length > 0,
});
document.body.append(out);
export type WordModuleTypes = [AnnotatedDocx, DocxResult, ReportFormat];
