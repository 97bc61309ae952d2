//! Spent law on real text (issue #15): the Sozialkassenverfahrensicherungsgesetze of 2017 make
//! each version of a collective agreement, printed as an Anlage, apply for a period; the Anlagen
//! whose period had closed before the Ausfertigung are left out with a note, those in force
//! („bis zur Beendigung des Tarifvertrags“) are still checked.

use digicheck_core::pipeline::{check, Input, NoteKind, Settings};
use digicheck_core::RuleSet;

#[test]
fn sokasig_reports_only_the_anlagen_in_force() {
    let Some(laws) = digicheck_testkit::federal_laws(&["SokaSiG.txt"], "the spent-law test on SokaSiG") else { return };
    let text = &laws["SokaSiG.txt"];
    let r = check(Input::Text { name: "SokaSiG.txt", text }, RuleSet::builtin().expect("catalogue"), &Settings::default());
    let anlage = |norm: &str| norm.split(' ').take(2).collect::<Vec<_>>().join(" ");
    let mut reported: Vec<String> = r.findings.iter().map(|f| anlage(&f.norm)).collect();
    reported.dedup();
    // § 1 Abs. 1, § 3 Abs. 1, § 4 Abs. 1, §§ 5, 7 Abs. 1: „… bis zur Beendigung des Tarifvertrags“.
    for open in ["Anlage 1", "Anlage 12", "Anlage 19", "Anlage 24", "Anlage 26"] {
        assert!(reported.iter().any(|a| a == open), "{open} is in force and must be checked: {reported:?}");
    }
    let spent: Vec<_> = r.notes.iter().filter(|n| n.kind == NoteKind::SpentPeriod).collect();
    for n in &spent {
        let label = anlage(&n.message);
        assert!(!reported.contains(&label), "{label} is spent but still reported");
        assert!(n.message.contains("der bei der Ausfertigung am 16. Mai 2017 schon abgeschlossen war"), "{}", n.message);
    }
    // § 4 Abs. 3, the example of the issue.
    let anlage21 = spent.iter().find(|n| n.message.starts_with("Anlage 21 ")).expect("a note for Anlage 21");
    assert_eq!(
        anlage21.message,
        "Anlage 21 gilt nach § 4 Abs. 3 nur für den Zeitraum vom 1. Oktober 2007 bis zum 31. Dezember 2012, der bei der Ausfertigung am 16. Mai 2017 schon abgeschlossen war; ihre Fundstelle wird nicht gemeldet, weil kein Entwurf eine Regelung für einen abgeschlossenen Zeitraum digital umstellen muss."
    );
    assert!(text[anlage21.span.range()].starts_with("Für den Zeitraum vom 1. Oktober 2007 bis zum 31. Dezember 2012 gelten"));
    // 25 Anlagen with findings had closed periods (of 35 with a period), 124 findings of 140.
    assert_eq!(spent.len(), 25, "{spent:#?}");
    assert_eq!(r.findings.len(), 16, "{:?}", r.findings.iter().map(|f| &f.norm).collect::<Vec<_>>());
}
