//! Property tests of the engine's guarantees on generated drafts:
//!
//! - the structure tree covers the input exactly once (every non-blank byte in one leaf or label,
//!   leaves disjoint, children nested and ordered);
//! - every finding's span lies inside the input, on char boundaries, and is the finding's text;
//! - checking is deterministic (the same input gives the same findings, run after run);
//! - applying a finding's suggested fix removes the finding and brings no new finding of the
//!   same rule at that place.
//!
//! The drafts are built from what drafts are made of: headings, Absätze, lists, amendment
//! commands, the catalogue's own `flag` examples, and arbitrary Unicode in between. Thread count
//! and file order of the CLI batch are covered in `cli/tests/determinism.rs`.

use digicheck_core::amend::{self, AmendOptions, EngineChecker};
use digicheck_core::{CheckOptions, Document, Finding, Profile, RuleSet, SourceText};
use proptest::prelude::*;
use std::sync::LazyLock;

static RULES: LazyLock<&'static RuleSet> = LazyLock::new(|| RuleSet::builtin().unwrap());

/// Sentences the catalogue says must be flagged: the places where findings (and fixes) arise.
static FLAG_EXAMPLES: LazyLock<Vec<String>> = LazyLock::new(|| {
    RULES.rules().iter().flat_map(|r| r.examples.iter().filter(|e| e.flags).map(|e| e.text.clone())).collect()
});

fn block() -> impl Strategy<Value = String> {
    let example = prop::sample::select(FLAG_EXAMPLES.clone());
    prop_oneof![
        4 => example.clone(),
        2 => (1u32..30, prop::option::of("[a-c]"), "[A-ZÄÖÜ][a-zäöüß]{2,12}")
            .prop_map(|(n, s, t)| format!("§ {n}{} {t}", s.unwrap_or_default())),
        1 => (1u32..5).prop_map(|n| format!("Artikel {n}")),
        3 => (1u32..9, example.clone()).prop_map(|(n, e)| format!("({n}) {e}")),
        2 => (1u32..9, example.clone()).prop_map(|(n, e)| format!("{n}. {e}")),
        2 => ("[a-h]", example.clone()).prop_map(|(l, e)| format!("{l}) {e}")),
        1 => ("[a-d]", example.clone()).prop_map(|(l, e)| format!("{l}{l}) {e}")),
        1 => (1u32..20, 1u32..4).prop_map(|(p, a)| format!(
            "{p}. In § {p} Absatz {a} wird das Wort „schriftlich“ durch die Wörter „schriftlich oder elektronisch“ ersetzt."
        )),
        1 => (1u32..20).prop_map(|p| format!("In § {p} werden die Wörter „oder elektronisch“ gestrichen.")),
        1 => (1u32..20, example.clone()).prop_map(|(p, e)| format!("§ {p} wird wie folgt gefasst:\n„§ {p}\n{e}“")),
        1 => Just("Begründung".to_string()),
        1 => Just("A. Problem und Ziel".to_string()),
        2 => "\\PC{0,40}",
        1 => "[ \t„“»«()§.;:,0-9a-zA-ZäöüÄÖÜß\u{00A0}\u{2009}\u{1F600}]{0,60}",
    ]
}

fn draft() -> impl Strategy<Value = String> {
    prop::collection::vec((block(), prop_oneof![Just("\n"), Just("\n\n"), Just(" "), Just("\r\n")]), 0..24)
        .prop_map(|parts| parts.into_iter().map(|(b, sep)| b + sep).collect())
}

fn parse(text: &str) -> Document {
    Document::parse(SourceText::from_utf8("p.txt", text))
}

fn all_findings(doc: &Document) -> Vec<Finding> {
    let options = CheckOptions { profile: Profile::Mv, include_begruendung: true, ..CheckOptions::default() };
    let mut out = RULES.check(doc, &options);
    let checker = EngineChecker { rules: &RULES, options };
    out.extend(amend::check_amending(doc, &checker, &AmendOptions::default()).findings);
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn structure_covers_the_input_exactly_once(text in draft()) {
        let doc = parse(&text);
        let t = doc.text();
        prop_assert_eq!(doc.check_invariants(), Ok(()));
        // Exactly once: leaves are disjoint (the invariants imply it; counted here directly).
        let mut count = vec![0u8; t.len()];
        for id in doc.leaves() {
            for c in &mut count[doc.node(id).span.range()] {
                *c += 1;
            }
        }
        prop_assert!(count.iter().all(|&c| c <= 1), "a byte lies in two leaves");
    }

    #[test]
    fn findings_lie_inside_the_input_on_char_boundaries(text in draft()) {
        let doc = parse(&text);
        let t = doc.text();
        for f in all_findings(&doc) {
            prop_assert!(f.span.start < f.span.end && f.span.end <= t.len(), "{:?} outside 0..{}", f.span, t.len());
            prop_assert!(t.is_char_boundary(f.span.start) && t.is_char_boundary(f.span.end), "{:?} not on char boundaries", f.span);
            if f.amendment.is_none() {
                prop_assert_eq!(&t[f.span.range()], f.text.as_str());
            }
        }
    }

    #[test]
    fn checking_is_deterministic(text in draft()) {
        let first = all_findings(&parse(&text));
        let second = all_findings(&parse(&text));
        prop_assert_eq!(first, second);
    }

    #[test]
    fn applying_a_fix_removes_its_finding(text in draft()) {
        let doc = parse(&text);
        let options = CheckOptions { profile: Profile::Mv, include_begruendung: true, ..CheckOptions::default() };
        for f in RULES.check(&doc, &options) {
            let Some(fix) = &f.fix else { continue };
            let t = doc.text();
            let fixed = format!("{}{}{}", &t[..f.span.start], fix, &t[f.span.end..]);
            let place = f.span.start..f.span.start + fix.len();
            let after = RULES.check(&parse(&fixed), &options);
            let again: Vec<&Finding> = after
                .iter()
                .filter(|g| g.rule == f.rule && g.span.start < place.end && place.start < g.span.end)
                .collect();
            prop_assert!(
                again.is_empty(),
                "{}: fix „{}“ for „{}“ still flagged: {:?}\nin: {}",
                f.rule, fix, f.text, again.iter().map(|g| &g.text).collect::<Vec<_>>(), fixed
            );
        }
    }
}

/// Deeply nested list labels do not make the tree deep: its depth is bounded by the kinds of
/// units, whatever the input (the structure's nesting limit).
#[test]
fn nesting_depth_is_bounded_by_the_unit_kinds() {
    let mut text = String::from("Artikel 1\n§ 1 Liste\n(1) Es gilt:\n");
    for i in 0..2_000 {
        text.push_str(&format!("{}{}. a) aa) aaa) (1) § {i} Teil 1 Kapitel 2 Abschnitt 3 schriftlich;\n", " ".repeat(i % 50), i % 9 + 1));
    }
    let doc = parse(&text);
    doc.check_invariants().unwrap();
    let depth = doc.ids().map(|id| doc.ancestors(id).count()).max().unwrap();
    assert!(depth <= 16, "tree depth {depth}");
}

/// The fix property on every `flag` example of the catalogue at once (a fixed, large draft), so
/// that the generated drafts above are not the only evidence: every rule with a fix is exercised.
#[test]
fn every_catalogue_fix_removes_its_finding() {
    let text: String = FLAG_EXAMPLES.iter().enumerate().map(|(i, e)| format!("§ {}\n(1) {e}\n\n", i + 1)).collect();
    let doc = parse(&text);
    let options = CheckOptions { profile: Profile::Mv, include_begruendung: true, ..CheckOptions::default() };
    let findings = RULES.check(&doc, &options);
    let with_fix: Vec<&Finding> = findings.iter().filter(|f| f.fix.is_some()).collect();
    assert!(with_fix.len() >= 20, "only {} findings with a fix", with_fix.len());
    let mut problems = Vec::new();
    for f in with_fix {
        let fix = f.fix.as_deref().unwrap();
        let t = doc.text();
        let fixed = format!("{}{}{}", &t[..f.span.start], fix, &t[f.span.end..]);
        let place = f.span.start..f.span.start + fix.len();
        let again: Vec<String> = RULES
            .check(&parse(&fixed), &options)
            .into_iter()
            .filter(|g| g.rule == f.rule && g.span.start < place.end && place.start < g.span.end)
            .map(|g| g.text)
            .collect();
        if !again.is_empty() {
            problems.push(format!("{}: „{}“ → „{fix}“ still flagged: {again:?}", f.rule, f.text));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
