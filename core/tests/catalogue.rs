//! The built-in catalogue loads, every rule proves itself with its examples, and it covers what
//! the issue asks for; every rule with a suggested wording pins it in an example; and each rule's
//! findings on its flagging examples — messages and fixes under both profiles — are kept as one
//! snapshot per rule (`tests/snapshots/catalogue__DC-….snap`), so a change of wording shows in review.

use digicheck_core::amend::{self, AmendOptions, EngineChecker};
use digicheck_core::rules::{catalog, CheckOptions, CodeMatch, RuleSet};
use digicheck_core::{Category, Document, Profile, Severity, SourceText};
use std::fmt::Write;

#[test]
fn builtin_catalogue_loads_and_all_examples_pass() {
    let set = RuleSet::compile_sources(&catalog::builtin_sources()).unwrap_or_else(|e| panic!("catalogue does not load:\n{e}"));
    let failures = set.run_examples();
    let report: Vec<String> = failures.iter().map(|f| f.to_string()).collect();
    assert!(failures.is_empty(), "{} failing examples:\n{}", failures.len(), report.join("\n"));
    // And the cached loader agrees.
    assert!(RuleSet::builtin().is_ok());
}

#[test]
fn catalogue_covers_every_category_but_begriffe() {
    let set = RuleSet::builtin().unwrap();
    assert!(set.rules().len() >= 60, "only {} rules", set.rules().len());
    for c in Category::ALL {
        let n = set.rules().iter().filter(|r| r.category == c).count();
        if c == Category::Begriffe {
            assert_eq!(n, 0);
        } else {
            assert!(n > 0, "no rule for {c}");
        }
    }
    for r in set.rules() {
        assert!(r.examples.iter().any(|e| e.flags) && r.examples.iter().any(|e| !e.flags), "{}", r.id);
        assert!(!r.explain.is_empty(), "{} has no explanation", r.id);
        assert!(r.message.mv.contains("{text}") || r.message.mv.contains('„') || r.code.is_some(), "{}", r.id);
    }
    assert!(set.rules().iter().any(|r| r.severity == Severity::Blockierend));
}

#[test]
fn every_fix_is_pinned_in_an_example() {
    // Every wording of a rule — each `fix`, also those that fit only with `if …` — is what some
    // example pins: the pinned words, put into the wording, give the pinned fix.
    let set = RuleSet::builtin().unwrap();
    let mut unpinned: Vec<String> = Vec::new();
    for r in set.rules() {
        for case in 0..r.fixes.len() {
            let pinned = r.examples.iter().filter_map(|e| e.pin.as_ref()).any(|p| {
                p.fix.as_ref().is_some_and(|fix| {
                    [Profile::Mv, Profile::Bund].iter().all(|&profile| r.render_fix_case(case, &p.words, profile).as_deref() == Some(fix.get(profile)))
                })
            });
            if !pinned {
                unpinned.push(format!("{} (fix Nr. {})", r.id, case + 1));
            }
        }
    }
    assert!(unpinned.is_empty(), "wordings no example pins with `=> \"…\" fix \"…\"`: {unpinned:?}");
}

#[test]
fn findings_of_every_rule_on_its_examples() {
    let set = RuleSet::builtin().unwrap();
    for rule in set.rules() {
        let mut out = String::new();
        for ex in rule.examples.iter().filter(|e| e.flags) {
            let _ = writeln!(out, "» {}", ex.text.replace('\n', "\n  "));
            let doc = Document::parse(SourceText::from_utf8("beispiel", &ex.text));
            for profile in [Profile::Mv, Profile::Bund] {
                let options = CheckOptions { profile, ..CheckOptions::default() };
                let found = match rule.code {
                    None => set.check_rule(&rule.id, &doc, &options),
                    Some(CodeMatch::Amendment) => {
                        let checker = EngineChecker { rules: set, options };
                        let checked = amend::check_amending(&doc, &checker, &AmendOptions { profile, base: None });
                        checked.findings.into_iter().filter(|f| f.rule == rule.id).collect()
                    }
                };
                for f in found {
                    let norm = if f.norm.is_empty() { String::new() } else { format!(" ({})", f.norm) };
                    let _ = writeln!(out, "  {profile:?} „{}“ {} {}{norm}: {}", f.text, f.category, f.severity, f.message);
                    if let Some(fix) = &f.fix {
                        let _ = writeln!(out, "    Vorschlag: {fix}");
                    }
                }
            }
        }
        insta::assert_snapshot!(rule.id.clone(), out);
    }
}
