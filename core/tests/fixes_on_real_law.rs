//! One-click fixes on real law (issue #20): on the federal sample laws the default check proposes
//! fixes from many rules, each replaces exactly the flagged words, and once all are taken no
//! finding remains or appears where a fix was put in — a fix never leaves its own barrier behind.

use digicheck_core::{CheckOptions, Document, RuleSet, SourceText};
use std::collections::BTreeSet;

#[test]
fn taken_fixes_clear_their_findings_on_real_law() {
    let Some(texts) = digicheck_testkit::shared_texts("corpus/sample", "one-click fixes on real law") else { return };
    let rules = RuleSet::builtin().expect("catalogue");
    let options = CheckOptions::default();
    let (mut taken, mut fixing_rules) = (0, BTreeSet::new());
    for (name, text) in &texts {
        let doc = Document::parse(SourceText::from_utf8(name, text));
        let base = doc.text();
        let mut fixed = String::with_capacity(base.len());
        let mut places = Vec::new();
        let mut last = 0;
        for f in rules.check(&doc, &options) {
            let Some(fix) = &f.fix else { continue };
            assert_eq!(&base[f.span.range()], f.text, "{name}: the span of {} is its text", f.rule);
            if f.span.start < last {
                continue;
            }
            fixed.push_str(&base[last..f.span.start]);
            places.push((fixed.len(), fixed.len() + fix.len(), f.rule.clone(), fix.clone()));
            fixed.push_str(fix);
            last = f.span.end;
            fixing_rules.insert(f.rule.clone());
        }
        fixed.push_str(&base[last..]);
        taken += places.len();
        for f in rules.check(&Document::parse(SourceText::from_utf8(name, &fixed)), &options) {
            let at = places.iter().find(|(s, e, _, _)| f.span.start < *e && f.span.end > *s);
            assert!(at.is_none(), "{name}: „{}“ ({}) is reported in the taken fix {:?}", f.text, f.rule, at.unwrap());
        }
    }
    // Before issue #20 only the written-form rules proposed wordings (289 fixes from 10 rules on
    // these laws, with the catalogue of that time); the form, copies, signature and Telefax rules
    // now do too. Post, seal and display rules left the default check in round 4 of issue #15;
    // their wordings stay for `--alle-regeln` and are pinned by their examples. Rounds 11 and 12
    // took mentions without a duty out of the default check (279 fixes then), round 18 a few more
    // (references to the provision that orders the form, a fiction; 269 fixes then).
    assert!(taken >= 265, "only {taken} fixes");
    for rule in ["DC-PA-001", "DC-US-001", "DC-US-004"] {
        assert!(fixing_rules.contains(rule), "no fix from {rule}: {fixing_rules:?}");
    }
}
