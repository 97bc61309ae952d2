//! The built-in catalogue loads, every rule proves itself with its examples, and it covers what
//! the issue asks for.

use digicheck_core::rules::{catalog, RuleSet};
use digicheck_core::{Category, Severity};

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
        assert!(r.message.mv.contains("{text}") || r.message.mv.contains('„'), "{}", r.id);
    }
    assert!(set.rules().iter().any(|r| r.severity == Severity::Blockierend));
}
