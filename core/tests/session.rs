//! The editing session (the language server's and the drafting page's way of checking an edited
//! text) must always give exactly the result of a full check through the pipeline: after random
//! edits of the corpus drafts (inserting, deleting and replacing text at random places, including
//! barrier words, quotation marks, § headings and blank lines, which change the structure), after
//! edits at many places of every draft, with the Begründung checked or not, with settings and
//! rule sets that change between updates, and on real laws and amending laws.

use digicheck_core::pipeline::session::regions;
use digicheck_core::pipeline::{self, FileResult, Input, Session, Settings};
use digicheck_core::{Category, Document, Finding, Profile, RuleSet, Severity, SourceText};
use digicheck_testkit::{draft, DRAFTS};
use proptest::prelude::*;

fn corpus(name: &str) -> String {
    draft(name)
}

fn rules() -> &'static RuleSet {
    RuleSet::builtin().unwrap()
}

fn settings(bund: bool) -> Settings {
    if bund {
        Settings { profile: Profile::Bund, include_begruendung: true, ..Settings::default() }
    } else {
        Settings::default()
    }
}

fn input(text: &str) -> Input<'_> {
    Input::Text { name: "entwurf.txt", text }
}

fn full(text: &str, s: &Settings) -> Vec<Finding> {
    result(pipeline::check(input(text), rules(), s))
}

fn update(session: &mut Session, text: &str, s: &Settings) -> Vec<Finding> {
    result(session.update(input(text), rules(), s))
}

fn result(r: FileResult) -> Vec<Finding> {
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    r.findings
}

/// Pieces an edit inserts: words that trigger rules, words that lift them, structure.
const PIECES: &[&str] = &[
    "schriftlich",
    " oder elektronisch",
    "x",
    "\n",
    "\n\n",
    "„",
    "“",
    ". ",
    "; ",
    "\n§ 4a Neue Vorschrift\n\n(1) Der Antrag ist schriftlich zu stellen.\n",
    "(2) ",
    "1. ",
    "eigenhändig unterschrieben",
    "persönlich vorzusprechen",
    "per Telefax",
    "\nBegründung\n",
    "Artikel 9\n",
    "ä",
    "😀",
];

#[derive(Debug, Clone)]
enum Edit {
    Insert { at: f64, piece: usize },
    Delete { at: f64, len: usize },
}

fn apply(text: &mut String, edit: &Edit) {
    let pos = |at: f64, t: &str| {
        let mut p = ((t.len() as f64) * at) as usize;
        while !t.is_char_boundary(p) {
            p -= 1;
        }
        p
    };
    match *edit {
        Edit::Insert { at, piece } => {
            let p = pos(at, text);
            text.insert_str(p, PIECES[piece % PIECES.len()]);
        }
        Edit::Delete { at, len } => {
            let p = pos(at, text);
            let mut e = (p + len).min(text.len());
            while !text.is_char_boundary(e) {
                e += 1;
            }
            text.replace_range(p..e, "");
        }
    }
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (0.0..1.0f64, 0usize..PIECES.len()).prop_map(|(at, piece)| Edit::Insert { at, piece }),
        (0.0..1.0f64, 1usize..40).prop_map(|(at, len)| Edit::Delete { at, len }),
    ]
}

proptest! {
    // 24 cases by default (a few seconds); PROPTEST_CASES=N runs more.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(24),
        ..ProptestConfig::default()
    })]

    #[test]
    fn session_equals_full_check(draft in 0usize..3, bund in any::<bool>(), edits in prop::collection::vec(edit(), 1..6)) {
        let s = settings(bund);
        let mut text = corpus(DRAFTS[draft]);
        let mut session = Session::new();
        prop_assert_eq!(update(&mut session, &text, &s), full(&text, &s));
        for e in &edits {
            apply(&mut text, e);
            let incremental = update(&mut session, &text, &s);
            prop_assert_eq!(incremental, full(&text, &s), "after {:?}", e);
        }
    }
}

#[test]
fn one_keystroke_rechecks_one_region() {
    let s = settings(false);
    let mut text = corpus("gesetzentwurf-hundehaltung-mv.txt");
    let mut session = Session::new();
    update(&mut session, &text, &s);
    let first = session.stats();
    assert_eq!(first.checked, first.regions);
    // A keystroke in an Absatz in the middle of the Gesetzestext.
    let at = text.rfind("\n§ 10 ").and_then(|p| text[p..].find("(1) ").map(|q| p + q)).unwrap();
    text.insert(at + 4, 'x');
    let found = update(&mut session, &text, &s);
    assert_eq!(found, full(&text, &s));
    assert!(session.stats().checked <= 3, "{:?}", session.stats());
    // The same text again checks nothing anew.
    update(&mut session, &text, &s);
    assert_eq!(session.stats().checked, 0, "{:?}", session.stats());
}

/// Delete, duplicate and insert lines at many places of every draft — barrier sentences,
/// headings, new §§ — and compare with a full check each time, with and without the Begründung.
#[test]
fn same_findings_after_edits_at_many_places() {
    let barrier = "Der Antrag ist schriftlich zu stellen und eigenhändig zu unterschreiben.";
    for name in DRAFTS {
        let text = corpus(name);
        let lines: Vec<&str> = text.lines().collect();
        for s in [settings(false), settings(true)] {
            let mut session = Session::new();
            for (i, step) in (0..lines.len()).step_by(7).enumerate() {
                let mut edited: Vec<&str> = lines.clone();
                match i % 4 {
                    0 => {
                        edited.remove(step);
                    }
                    1 => edited.insert(step, barrier),
                    2 => edited.insert(step, lines[step]),
                    _ => edited.insert(step, "§ 99 Neue Vorschrift"),
                }
                let edited = edited.join("\n");
                assert_eq!(update(&mut session, &edited, &s), full(&edited, &s), "{name}, edit {i} at line {step}");
            }
        }
    }
}

/// Settings and rule sets may change between updates (an editor's configuration, a
/// `digicheck.toml` saved): the result is still that of a full check with the new ones.
#[test]
fn changed_settings_and_rules_between_updates() {
    let text = corpus("gesetzentwurf-hundehaltung-mv.txt");
    let mut session = Session::new();
    let plain = Settings::default();
    assert_eq!(update(&mut session, &text, &plain), full(&text, &plain));
    let mut other = settings(true);
    other.severity.insert("DC-SF-001".into(), Severity::Niedrig);
    other.disabled_categories.push(Category::Automatisierung);
    assert_eq!(update(&mut session, &text, &other), full(&text, &other));
    let extra = RuleSet::from_sources(&digicheck_core::rules::catalog::builtin_sources()).unwrap();
    assert_ne!(extra.id(), rules().id());
    let by_extra = session.update(input(&text), &extra, &plain);
    assert_eq!(by_extra.findings, full(&text, &plain));
    assert_eq!(session.stats().checked, session.stats().regions, "another rule set starts afresh");
}

/// Real laws and amending laws from the shared corpus: the same findings as a full check, after
/// opening and after an edit inside one §, with only the edited region matched again.
#[test]
fn same_findings_on_real_laws() {
    let files = [
        "corpus/sample/VwVfG.txt",
        "corpus/sample/EGovG.txt",
        "corpus/sample/OZG.txt",
        "corpus/amending/bgbl-1_2023_413_aenderungsgesetz.txt",
        "corpus/amending/bgbl-1_2024_10_aenderungsgesetz.txt",
    ];
    let s = Settings::default();
    for file in files {
        let Some(text) = digicheck_testkit::shared_text(file, "the session test on real laws") else { return };
        let mut session = Session::new();
        assert_eq!(update(&mut session, &text, &s), full(&text, &s), "{file}");
        // Edit the middle of the text: one new barrier sentence at a line end.
        let at = text[text.len() / 2..].find(".\n").map_or(text.len(), |i| text.len() / 2 + i + 1);
        let edited = format!("{} Die Erklärung ist schriftlich abzugeben.{}", &text[..at], &text[at..]);
        let found = update(&mut session, &edited, &s);
        assert_eq!(found, full(&edited, &s), "{file}");
        let stats = session.stats();
        // One region, or the few around it where the edit moves a sentence window's edge (an
        // amending law is cut into few regions: its commands are a run of prose in one Artikel).
        assert!(stats.checked <= 3, "{file}: only the edited region is matched again: {stats:?}");
        // The edit lands where the engine reads (in an amending law it may be command wording,
        // which the amendment layer then rightly does not report).
        let doc = Document::parse(SourceText::from_utf8("t", &edited));
        let engine = rules().check(&doc, &Default::default());
        assert!(engine.iter().any(|f| f.span.start > at && f.span.start < at + 50), "{file}: the new barrier is found");
    }
}

#[test]
fn regions_cover_the_text() {
    for d in DRAFTS {
        let text = corpus(d);
        let doc = Document::parse(SourceText::from_utf8("x", &text));
        let r = regions(&doc);
        assert_eq!(r.first().unwrap().start, 0);
        assert_eq!(r.last().unwrap().end, text.len());
        assert!(r.windows(2).all(|w| w[0].end == w[1].start), "{d}");
    }
}

#[test]
fn norms_follow_the_structure() {
    // Inserting a § before a cached one must not leave a stale norm or message behind.
    let s = Settings::default();
    let text = "Artikel 1\n\n§ 1 Antrag\n\n(1) Der Antrag ist schriftlich zu stellen.\n";
    let mut session = Session::new();
    update(&mut session, text, &s);
    let moved = text.replace("Artikel 1", "Artikel 2");
    assert_eq!(update(&mut session, &moved, &s), full(&moved, &s));
}
