//! A rule's documentation as plain text: what `digicheck explain` prints and what the language
//! server shows for its explanation command — rendered from the rule's own metadata, the same
//! source as findings, SARIF rule descriptions, editor hovers and the drafting page.

use crate::amend::{self, AmendOptions, EngineChecker};
use crate::finding::{Finding, Profile};
use crate::rules::{CheckOptions, CodeMatch, ProfileText, Rule, RuleSet, Scope};
use crate::source::SourceText;
use crate::structure::Document;
use std::fmt::Write;

/// The rule at work on its first flagging example under `profile`: the example's text and what
/// the rule reports there. Templates („„{text}“ …“, „{text} oder elektronisch{ending}“) mean
/// nothing to a drafter; the message and fix as they appear on a real sentence do.
pub fn example_finding<'r>(rules: &RuleSet, rule: &'r Rule, profile: Profile) -> Option<(&'r str, Finding)> {
    let options = CheckOptions { profile, include_begruendung: false, ..CheckOptions::default() };
    rule.examples.iter().filter(|ex| ex.flags).find_map(|ex| {
        let doc = Document::parse(SourceText::from_utf8("beispiel", &ex.text));
        let found = match rule.code {
            None => rules.check_rule(&rule.id, &doc, &options),
            Some(CodeMatch::Amendment) => {
                let checker = EngineChecker { rules, options };
                amend::check_amending(&doc, &checker, &AmendOptions { profile, base: None }).findings
            }
        };
        found.into_iter().find(|f| f.rule == rule.id).map(|f| (ex.text.as_str(), f))
    })
}

/// What a rule's scope means, in words (explanations and rule pages).
pub(crate) fn scope_label(scope: Scope) -> &'static str {
    match scope {
        Scope::Satz => "ein Satz",
        Scope::Absatz => "ein Absatz",
        Scope::Paragraph => "ein Paragraf (§)",
    }
}

fn profiles(text: &ProfileText) -> String {
    if text.is_uniform() {
        text.get(Profile::Mv).to_string()
    } else {
        format!("M-V: {}\n             Bund: {}", text.get(Profile::Mv), text.get(Profile::Bund))
    }
}

/// Plain-text documentation of a rule, with its message and fix shown on the rule's own example
/// (see [`example_finding`]); `full` adds where it is defined. The CLI (`explain`, `rules show`)
/// and the language server's „Erklärung anzeigen“ print this.
pub fn render(rules: &RuleSet, rule: &Rule, full: bool) -> String {
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
            let _ = writeln!(s, "  Bereich:   {}", scope_label(rule.scope));
        }
    }
    if let Some(b) = &rule.basis {
        let _ = writeln!(s, "  Grundlage: {}", profiles(b));
    }
    for r in &rule.refs {
        let _ = writeln!(s, "  Verweis:   {}", profiles(r));
    }
    let _ = writeln!(s, "  Mehr:      {}", super::rule_doc_url(rule));
    let _ = writeln!(s);
    if !rule.explain.is_empty() {
        for line in rule.explain.lines() {
            let _ = writeln!(s, "  {line}");
        }
        let _ = writeln!(s);
    }
    example_section(&mut s, rules, rule);
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

/// Message and fix as a drafter sees them, on the rule's first flagging example; for both
/// jurisdictions when they differ.
fn example_section(s: &mut String, rules: &RuleSet, rule: &Rule) {
    let mv = example_finding(rules, rule, Profile::Mv);
    let bund = example_finding(rules, rule, Profile::Bund);
    match (&mv, &bund) {
        (Some((text, m)), Some((_, b))) => {
            let _ = writeln!(s, "  Beispiel:  „{}“", text.trim().replace('\n', " "));
            if m.message == b.message && m.fix == b.fix {
                finding_lines(s, m, "");
            } else {
                finding_lines(s, m, "M-V:  ");
                finding_lines(s, b, "Bund: ");
            }
        }
        (Some((text, m)), None) | (None, Some((text, m))) => {
            let _ = writeln!(s, "  Beispiel:  „{}“", text.trim().replace('\n', " "));
            finding_lines(s, m, "");
        }
        (None, None) => {
            // No example the rule reports (rules from a user's folder may have none): the
            // templates with the matched words left open.
            let _ = writeln!(s, "  Meldung:   {}", rule.render_message("…", "", Profile::Mv));
            if let Some(fix) = rule.render_fix("…", Profile::Mv) {
                let _ = writeln!(s, "  Vorschlag: „{fix}“");
            }
        }
    }
}

fn finding_lines(s: &mut String, f: &Finding, who: &str) {
    let _ = writeln!(s, "  {who}Meldung:   {}", f.message);
    if let Some(fix) = &f.fix {
        let _ = writeln!(s, "  {who}Vorschlag: „{fix}“");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// No rule's explanation shows a raw template: every placeholder is filled from the rule's
    /// own example, and the scope is said in words.
    #[test]
    fn explanations_show_no_placeholders() {
        let rules = RuleSet::builtin().unwrap();
        for rule in rules.rules() {
            let text = render(rules, rule, true);
            for raw in ["{text}", "{fix}", "{ending}", "{norm}", "{basis}", "{principle}", "Bereich:   satz", "Bereich:   absatz", "Bereich:   paragraph"] {
                assert!(!text.contains(raw), "{}: {raw} in\n{text}", rule.id);
            }
            if rule.examples.iter().any(|e| e.flags) {
                assert!(text.contains("  Beispiel:  „"), "{}: no example shown\n{text}", rule.id);
            }
        }
    }

    #[test]
    fn message_and_fix_are_those_of_the_example() {
        let rules = RuleSet::builtin().unwrap();
        let rule = rules.get("DC-SF-001").unwrap();
        let text = render(rules, rule, false);
        assert!(text.contains("  Beispiel:  „Der Antrag ist schriftlich zu stellen.“"), "{text}");
        assert!(text.contains("Meldung:   „schriftlich“: Der Antrag muss in Schriftform gestellt werden."), "{text}");
        assert!(text.contains("Vorschlag: „schriftlich oder elektronisch“"), "{text}");
        assert!(text.contains("  Bereich:   ein Satz"), "{text}");
    }
}
