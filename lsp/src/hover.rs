//! Hover on a finding: the rule's documentation as Markdown, from the rule's own metadata (the
//! same source as `digicheck explain` and SARIF), with the basis and references of the profile
//! in force and the suggested wording for this place.

use super::analysis::Located;
use digicheck_core::rules::ProfileText;
use digicheck_core::{Profile, RuleSet};
use std::fmt::Write;

/// Markdown for the findings under the cursor, separated by rules.
pub fn markdown(rules: &RuleSet, profile: Profile, findings: &[&Located]) -> String {
    findings.iter().map(|l| one(rules, profile, l)).collect::<Vec<_>>().join("\n\n---\n\n")
}

fn one(rules: &RuleSet, profile: Profile, l: &Located) -> String {
    let f = &l.finding;
    let mut s = String::new();
    let Some(rule) = rules.get(&f.rule) else {
        return escape(&f.message);
    };
    let _ = writeln!(s, "**{}** · `{}` · {}\n", escape(&rule.title), rule.id, f.severity);
    let _ = writeln!(s, "{}\n", escape(&f.message));
    if !f.norm.is_empty() {
        let _ = writeln!(s, "**Fundstelle:** {}\n", escape(&f.norm));
    }
    let explain = rule.explain.split_whitespace().collect::<Vec<_>>().join(" ");
    if !explain.is_empty() {
        let _ = writeln!(s, "{}\n", escape(&explain));
    }
    let _ = writeln!(s, "**Kategorie:** {} · **Prinzip {}:** „{}“\n", rule.category.label(), rule.principle.number(), rule.principle.title());
    if let Some(basis) = &rule.basis {
        let _ = writeln!(s, "**Rechtsgrundlage:** {}\n", escape(basis.get(profile)));
    }
    let refs: Vec<String> = rule.refs.iter().map(|r: &ProfileText| escape(r.get(profile))).collect();
    if !refs.is_empty() {
        let _ = writeln!(s, "**Siehe auch:** {}\n", refs.join("; "));
    }
    match (&f.fix, super::actions::replacement(rules, l)) {
        (_, Some(words)) => {
            let _ = writeln!(s, "**Formulierungsvorschlag:** „{}“\n", escape(words));
        }
        // Advice rather than words to put in place (the amendment rules).
        (Some(advice), None) => {
            let _ = writeln!(s, "**Vorschlag:** {}\n", escape(advice));
        }
        (None, None) => {}
    }
    if let Some(url) = super::diagnostics::doc_link(rules, &rule.id) {
        let _ = writeln!(s, "[Mehr zur Regel]({url})\n");
    }
    s.trim_end().to_string()
}

/// Escapes the characters Markdown would read as markup, so legal text shows as written
/// („§ 3a *“, „Nr. 1.“ at a line start, underscores in file names).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use digicheck_core::{CheckOptions, Document, SourceText};

    #[test]
    fn explains_the_rule_for_the_profile() {
        let rules = RuleSet::builtin().unwrap();
        let doc = Document::parse(SourceText::from_utf8("t", "§ 1 Test\n\n(1) Der Antrag ist schriftlich zu stellen.\n"));
        let f = rules.check(&doc, &CheckOptions::default()).into_iter().next().expect("a finding");
        let l = Located { start: f.span.start, end: f.span.end, finding: f };
        let mv = markdown(rules, Profile::Mv, &[&l]);
        let rule = rules.get(&l.finding.rule).unwrap();
        assert!(mv.contains(&format!("`{}`", rule.id)), "{mv}");
        assert!(mv.contains("**Fundstelle:** § 1 Abs. 1"), "{mv}");
        if let Some(b) = &rule.basis {
            assert!(mv.contains(&escape(b.get(Profile::Mv))), "{mv}");
            let bund = markdown(rules, Profile::Bund, &[&l]);
            assert!(bund.contains(&escape(b.get(Profile::Bund))), "{bund}");
        }
        assert!(mv.contains("**Formulierungsvorschlag:** „"), "{mv}");
    }

    #[test]
    fn escapes_markup() {
        assert_eq!(escape("a_b *c* [d]"), "a\\_b \\*c\\* \\[d\\]");
    }
}
