//! A rule's documentation as plain text: what `digicheck explain` prints and what the language
//! server shows for its explanation command — rendered from the rule's own metadata, the same
//! source as findings, SARIF rule descriptions, editor hovers and the drafting page.

use crate::finding::Profile;
use crate::rules::{CodeMatch, ProfileText, Rule};
use std::fmt::Write;

fn profiles(text: &ProfileText) -> String {
    if text.is_uniform() {
        text.get(Profile::Mv).to_string()
    } else {
        format!("M-V: {}\n    Bund: {}", text.get(Profile::Mv), text.get(Profile::Bund))
    }
}

/// Plain-text documentation of a rule; `full` adds where it is defined and its patterns' examples.
pub fn render(rule: &Rule, full: bool) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{} {} — {}", rule.id, rule.name, rule.title);
    let _ = writeln!(s);
    let _ = writeln!(s, "  Kategorie: {} ({})", rule.category.label(), rule.category.id());
    let _ = writeln!(s, "  Schwere:   {}", rule.severity);
    let _ = writeln!(s, "  Prinzip:   {} „{}“", rule.principle.number(), rule.principle.title());
    match rule.code {
        Some(CodeMatch::Amendment) => {
            let _ = writeln!(s, "  Erkannt:   vom Prüfcode für Änderungsbefehle (nicht von einem Muster)");
        }
        None => {
            let _ = writeln!(s, "  Bereich:   {}", rule.scope.id());
        }
    }
    if let Some(b) = &rule.basis {
        let _ = writeln!(s, "  Grundlage: {}", profiles(b));
    }
    for r in &rule.refs {
        let _ = writeln!(s, "  Verweis:   {}", profiles(r));
    }
    if let Some(u) = &rule.url {
        let _ = writeln!(s, "  Mehr:      {u}");
    }
    let _ = writeln!(s);
    if !rule.explain.is_empty() {
        for line in rule.explain.lines() {
            let _ = writeln!(s, "  {line}");
        }
        let _ = writeln!(s);
    }
    let _ = writeln!(s, "  Meldung:   {}", profiles(&rule.message));
    if let Some(f) = &rule.fix {
        let _ = writeln!(s, "  Vorschlag: {}", profiles(f));
    }
    let _ = writeln!(s);
    for ex in &rule.examples {
        let mark = if ex.flags { "meldet:      " } else { "meldet nicht:" };
        let _ = writeln!(s, "  {mark} {}", ex.text.replace('\n', "\n                "));
        if let Some(pin) = &ex.pin {
            let fix = pin.fix.as_ref().map(|f| format!(", Vorschlag „{}“", f.get(Profile::Mv))).unwrap_or_default();
            let _ = writeln!(s, "                → „{}“{fix}", pin.words);
        }
    }
    if full {
        let _ = writeln!(s);
        let _ = writeln!(s, "  Definiert in {}", rule.origin);
    }
    s
}
