// The same app for Vite and webpack (README „Vite“, „webpack“): they follow the package's
// new URL('digicheck_bg.wasm', import.meta.url) themselves, so init() needs no argument.
import init, { check } from 'digicheck';

await init();
const text = '§ 1 Antrag\n\n(1) Der Antrag ist schriftlich zu stellen.\n';
const findings = check(text).findings;
const out = document.createElement('pre');
out.id = 'result';
out.textContent = JSON.stringify({ rules: findings.map((f) => f.rule), words: findings.map((f) => text.slice(f.startUtf16, f.endUtf16)) });
document.body.append(out);
