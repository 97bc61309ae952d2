//! The incremental session must always give exactly the findings of a full check: after random
//! edits of the corpus drafts (inserting, deleting and replacing text at random places, including
//! barrier words, quotation marks, § headings and blank lines, which change the structure), and
//! after every region is re-checked from the cache or anew.

use digicheck_core::Finding;
use digicheck_wasm::api::{self, Settings};
use digicheck_wasm::session::{regions, Session};
use proptest::prelude::*;
use std::path::Path;

fn corpus(name: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus").join(name)).unwrap()
}

const DRAFTS: [&str; 3] =
    ["gesetzentwurf-hundehaltung-mv.txt", "aenderungsgesetz-verwaltungsverfahren-mv.txt", "verordnung-fischereischein-mv.txt"];

fn settings(json: &str) -> Settings {
    Settings::from_json(Some(json), api::rules().unwrap()).unwrap()
}

fn full(text: &str, s: &Settings) -> Vec<Finding> {
    api::check(text, s).unwrap().1
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
        let s = settings(if bund { r#"{"profile":"bund","includeBegruendung":true}"# } else { "{}" });
        let mut text = corpus(DRAFTS[draft]);
        let mut session = Session::new(s.clone());
        prop_assert_eq!(session.update(&text).unwrap().1, full(&text, &s));
        for e in &edits {
            apply(&mut text, e);
            let incremental = session.update(&text).unwrap().1;
            prop_assert_eq!(incremental, full(&text, &s), "after {:?}", e);
        }
    }
}

#[test]
fn one_keystroke_rechecks_one_region() {
    let s = settings("{}");
    let mut text = corpus(DRAFTS[0]);
    let mut session = Session::new(s.clone());
    session.update(&text).unwrap();
    let first = session.stats();
    assert_eq!(first.checked, first.regions);
    // A keystroke in an Absatz in the middle of the Gesetzestext.
    let at = text.rfind("\n§ 10 ").and_then(|p| text[p..].find("(1) ").map(|q| p + q)).unwrap();
    text.insert(at + 4, 'x');
    let (_, found) = session.update(&text).unwrap();
    assert_eq!(found, full(&text, &s));
    assert!(session.stats().checked <= 3, "{:?}", session.stats());
}

#[test]
fn regions_cover_the_text() {
    for d in DRAFTS {
        let text = corpus(d);
        let doc = digicheck_core::Document::parse(digicheck_core::SourceText::from_utf8("x", &text));
        let r = regions(&doc);
        assert_eq!(r.first().unwrap().start, 0);
        assert_eq!(r.last().unwrap().end, text.len());
        assert!(r.windows(2).all(|w| w[0].end == w[1].start), "{d}");
    }
}

#[test]
fn norms_follow_the_structure() {
    // Inserting a § before a cached one must not leave a stale norm or message behind.
    let s = settings("{}");
    let text = "Artikel 1\n\n§ 1 Antrag\n\n(1) Der Antrag ist schriftlich zu stellen.\n";
    let mut session = Session::new(s.clone());
    session.update(text).unwrap();
    let moved = text.replace("Artikel 1", "Artikel 2");
    assert_eq!(session.update(&moved).unwrap().1, full(&moved, &s));
}
