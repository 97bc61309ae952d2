//! One documentation page per rule (`digicheck rules docs DIR`, committed under `docs/rules/`):
//! what the rule finds, why it is a barrier, the legal basis for both jurisdictions, the message
//! and fix on the rule's own example, and all its examples — written from the rule's metadata, the
//! same source as `explain`, SARIF (its help text names the page, and `helpUri` points here in a build with
//! `DIGICHECK_DOCS_URL`) and the editor. A test keeps the
//! committed pages in step with the catalogue.

use super::explain::{example_finding, scope_label};
use super::severity_label;
use crate::finding::Profile;
use crate::rules::{CodeMatch, ProfileText, Rule, RuleSet};
use std::fmt::Write;

/// The pages for a rule set: `(file name, Markdown)`, one `<ID>.md` per rule and a `README.md`
/// index, in id order.
pub fn pages(rules: &RuleSet) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = rules.rules().iter().map(|r| (format!("{}.md", r.id), page(rules, r))).collect();
    out.push(("README.md".to_string(), index(rules)));
    out
}

/// Escapes what Markdown would read as markup in running text.
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The wordings a rule proposes, each with the example that pins it: a rule whose wordings fit
/// only some sentences (`fix … if …`) shows which words get which wording, and says that the
/// other findings get none.
fn fix_section(s: &mut String, rule: &Rule) {
    if !rule.fix_replaces_match() || (rule.fix_is_unconditional() && rule.fixes.len() == 1) {
        return;
    }
    let mut templates: Vec<&ProfileText> = rule.fixes.iter().map(|f| &f.text).collect();
    templates.dedup();
    let how = match (templates.len() > 1, rule.fix_is_unconditional()) {
        (true, true) => "Diese Regel schlägt je nach Wortlaut Verschiedenes vor.",
        (true, false) => "Diese Regel schlägt je nach Wortlaut Verschiedenes vor; wo nichts davon passt, bleibt der Befund ohne Vorschlag.",
        (false, _) => "Diese Regel macht ihn nur, wo er passt; sonst bleibt der Befund ohne Vorschlag.",
    };
    let _ = writeln!(s, "## Vorschläge\n");
    let _ = writeln!(s, "Der Vorschlag ersetzt die gefundenen Wörter und muss in den Satz passen. {how}\n");
    for ex in &rule.examples {
        let Some(pin) = &ex.pin else { continue };
        let Some(fix) = &pin.fix else { continue };
        let wording = if fix.is_uniform() { format!("„{}“", md(fix.get(Profile::Mv))) } else { both(fix) };
        let _ = writeln!(s, "- „{}“ → {wording} ({})", md(&pin.words), md(ex.text.trim()).replace('\n', " "));
    }
    s.push('\n');
}

fn both(text: &ProfileText) -> String {
    if text.is_uniform() {
        md(text.get(Profile::Mv))
    } else {
        format!("Mecklenburg-Vorpommern: {}; Bund: {}", md(text.get(Profile::Mv)), md(text.get(Profile::Bund)))
    }
}

/// The page of one rule.
pub fn page(rules: &RuleSet, rule: &Rule) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "<!-- Erzeugt mit `digicheck rules docs docs/rules` aus {}; nicht von Hand ändern. -->\n", rule.origin.file);
    let _ = writeln!(s, "# {} – {}\n", rule.id, md(&rule.title));
    let _ = writeln!(s, "| | |\n|---|---|");
    let _ = writeln!(s, "| Kennung | `{}` (Kurzname `{}`) |", rule.id, rule.name);
    let _ = writeln!(s, "| Kategorie | {} (`{}`) |", rule.category.label(), rule.category.id());
    let _ = writeln!(s, "| Schwere | {}{} |", severity_label(rule.severity), if rule.severity.is_barrier() { " (Hemmnis)" } else { " (Anregung, kein Hemmnis)" });
    let _ = writeln!(s, "| Prinzip des Digitalchecks | {} „{}“ |", rule.principle.number(), md(rule.principle.title()));
    match rule.code {
        Some(CodeMatch::Amendment) => {
            let _ = writeln!(s, "| Erkannt | vom Prüfcode für Änderungsbefehle |");
        }
        None => {
            let _ = writeln!(s, "| Bereich | {} |", scope_label(rule.scope));
        }
    }
    if !rule.default_on {
        let _ = writeln!(s, "| Standardprüfung | nein: eine Regel auf Verlangen (`default off`), sie läuft in `check` nicht mit |");
    }
    if let Some(b) = &rule.basis {
        let _ = writeln!(s, "| Rechtsgrundlage | {} |", both(b));
    }
    for r in &rule.refs {
        let _ = writeln!(s, "| Siehe auch | {} |", both(r));
    }
    s.push('\n');
    let explain: Vec<String> =
        rule.explain.split("\n\n").map(|p| p.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|p| !p.is_empty()).collect();
    if !explain.is_empty() {
        let _ = writeln!(s, "## Warum\n");
        for p in explain {
            let _ = writeln!(s, "{}\n", md(&p));
        }
    }
    let mv = example_finding(rules, rule, Profile::Mv);
    let bund = example_finding(rules, rule, Profile::Bund);
    if let Some((text, m)) = &mv {
        let _ = writeln!(s, "## Beispiel\n");
        let _ = writeln!(s, "> {}\n", md(text.trim()).replace('\n', "\n> "));
        let same = bund.as_ref().is_some_and(|(_, b)| b.message == m.message && b.fix == m.fix);
        let mut shown = vec![("Meldung", m)];
        if let (false, Some((_, b))) = (same, &bund) {
            shown = vec![("Meldung (Mecklenburg-Vorpommern)", m), ("Meldung (Bund)", b)];
        }
        for (head, f) in shown {
            let _ = writeln!(s, "**{head}:** {}\n", md(&f.message));
            if let Some(fix) = &f.fix {
                let _ = writeln!(s, "**Vorschlag:** „{}“\n", md(fix));
            }
        }
    }
    fix_section(&mut s, rule);
    let flag: Vec<_> = rule.examples.iter().filter(|e| e.flags).collect();
    let pass: Vec<_> = rule.examples.iter().filter(|e| !e.flags).collect();
    if !flag.is_empty() {
        let _ = writeln!(s, "## Wird gemeldet\n");
        for e in flag {
            let _ = writeln!(s, "- {}", md(e.text.trim()).replace('\n', " "));
        }
        s.push('\n');
    }
    if !pass.is_empty() {
        let _ = writeln!(s, "## Wird nicht gemeldet\n");
        for e in pass {
            let _ = writeln!(s, "- {}", md(e.text.trim()).replace('\n', " "));
        }
        s.push('\n');
    }
    let _ = writeln!(s, "Die Beispiele sind Tests: `digicheck rules test` prüft, dass die Regel sich so verhält.");
    s
}

/// `README.md` of the folder: every rule with a link to its page.
fn index(rules: &RuleSet) -> String {
    let mut s = String::from("<!-- Erzeugt mit `digicheck rules docs docs/rules`; nicht von Hand ändern. -->\n\n# Regeln von Digi-Check\n\n");
    let _ = writeln!(s, "{}\n", super::LEGEND);
    let _ = writeln!(s, "| Regel | Titel | Kategorie | Schwere | Prinzip |\n|---|---|---|---|---|");
    for r in rules.rules() {
        let _ = writeln!(
            s,
            "| [{}]({}.md) | {} | {} | {} | {} |",
            r.id,
            r.id,
            md(&r.title),
            r.category.label(),
            severity_label(r.severity),
            r.principle.number()
        );
    }
    s
}
