//! Spent one-time deadlines (issue #15): a sentence bound to a period counted from the law's own
//! entry into force that ran out long ago is left out with a note — on a small Verordnung written
//! for the test, in every report format that shows notes, and on the federal laws of the issue.

use digicheck_core::pipeline::{check, FileResult, Input, NoteKind, Settings};
use digicheck_core::report::{self, Report};
use digicheck_core::{Profile, RuleSet};

fn run(name: &str, text: &str) -> FileResult {
    check(Input::Text { name, text }, RuleSet::builtin().expect("catalogue"), &Settings::default())
}

/// A Verordnung of 1987 with a transitional duty „binnen sechs Wochen nach Inkrafttreten dieser
/// Verordnung“ (spent), one that may still arise („oder nach Aufnahme des Betriebs“, kept) and a
/// standing duty (kept).
const VERORDNUNG: &str = "Verordnung über die Überwachung von Kühltürmen (Kühlturmverordnung - KühlTV)
Ausfertigungsdatum: 02.06.1987

§ 1 – Anzeige

(1) Wer einen Kühlturm betreibt, hat der zuständigen Behörde jede wesentliche Änderung schriftlich anzuzeigen.

(2) Betreiber bestehender Anlagen haben binnen sechs Wochen nach Inkrafttreten dieser Verordnung der zuständigen Behörde die Lage und die Leistung des Kühlturms schriftlich anzuzeigen.

(3) Betreiber haben binnen drei Monaten nach Inkrafttreten dieser Verordnung oder nach Aufnahme des Betriebs einen Hygieneplan schriftlich vorzulegen.

§ 2 – Inkrafttreten

Diese Verordnung tritt am ersten Tage des auf die Verkündung folgenden Kalendermonats in Kraft.
";

const NOTE: &str = "Die Frist „binnen sechs Wochen nach Inkrafttreten dieser Verordnung“ (§ 1 Abs. 2) ist längst abgelaufen (ausgefertigt am 2. Juni 1987); die Fundstelle dieses Satzes wird nicht gemeldet, weil kein Entwurf erledigtes Recht digital umstellen muss.";

#[test]
fn a_transitional_duty_of_1987_is_left_out_with_a_note_in_every_report() {
    let r = run("KühlTV.txt", VERORDNUNG);
    let norms: Vec<&str> = r.findings.iter().map(|f| f.norm.as_str()).collect();
    assert!(norms.contains(&"§ 1 Abs. 1") && norms.contains(&"§ 1 Abs. 3"), "{norms:?}");
    assert!(!norms.contains(&"§ 1 Abs. 2"), "{norms:?}");
    assert_eq!(r.notes.len(), 1, "{:#?}", r.notes);
    assert_eq!(r.notes[0].kind, NoteKind::SpentDeadline);
    assert_eq!(r.notes[0].message, NOTE);
    assert!(VERORDNUNG[r.notes[0].span.range()].starts_with("Betreiber bestehender Anlagen haben binnen sechs Wochen"));

    let files = [r];
    let rep = Report { files: &files, rules: RuleSet::builtin().expect("catalogue"), profile: Profile::Bund };
    let json: serde_json::Value = serde_json::from_str(&report::json::render(&rep)).expect("JSON");
    assert_eq!(json[0]["notes"][0], NOTE, "{json:#}");
    for (format, out) in [
        ("text", report::text::render(&rep, false)),
        ("markdown", report::markdown::render(&rep)),
        ("sarif", report::sarif::render(&rep)),
        ("html", report::html::render(&rep)),
    ] {
        assert!(out.contains("„binnen sechs Wochen nach Inkrafttreten dieser Verordnung“ (§ 1 Abs. 2) ist längst abgelaufen"), "{format}:\n{out}");
    }
}

/// The laws of the issue: the spent ones lose their finding, those with another start keep it, and
/// a law amended after the deadline (ZAG names dates of 2024) has its period counted from then.
#[test]
fn the_federal_examples_of_the_issue() {
    let names = ["VerstromG_3.txt", "AuslWBG.txt", "HeimG.txt", "LärmschutzV.txt", "StÄndG_1966.txt", "AuslWBEntschG.txt", "ZAG.txt", "StAG.txt"];
    let Some(laws) = digicheck_testkit::federal_laws(&names, "the spent-deadline test on federal law") else { return };
    let result = |name: &str| run(name, &laws[name]);
    let spent = |r: &FileResult| r.notes.iter().filter(|n| n.kind == NoteKind::SpentDeadline).map(|n| n.message.clone()).collect::<Vec<_>>();
    for (name, norm, phrase) in [
        ("VerstromG_3.txt", "§ 13 Abs. 2", "„binnen zwei Monaten nach Inkrafttreten des Gesetzes“"),
        ("AuslWBG.txt", "§ 55 Abs. 1 Satz 2", "„innerhalb dreier Monate nach dem Inkrafttreten dieses Gesetzes“"),
        ("HeimG.txt", "§ 26 Abs. 2", "„spätestens ein Jahr nach Inkrafttreten dieses Gesetzes“"),
        ("LärmschutzV.txt", "§ 6 Abs. 2", "„innerhalb eines Zeitraumes von bis zu zwei Jahren nach Inkrafttreten dieser Verordnung“"),
    ] {
        let r = result(name);
        assert!(r.findings.iter().all(|f| f.norm != norm), "{name} {norm} is spent: {:?}", r.findings.iter().map(|f| &f.norm).collect::<Vec<_>>());
        let notes = spent(&r);
        assert_eq!(notes.len(), 1, "{name}: {notes:#?}");
        assert!(notes[0].contains(phrase) && notes[0].contains(&format!("({norm})")), "{name}: {}", notes[0]);
    }
    assert_eq!(
        spent(&result("VerstromG_3.txt"))[0],
        "Die Frist „binnen zwei Monaten nach Inkrafttreten des Gesetzes“ (§ 13 Abs. 2) ist längst abgelaufen (ausgefertigt am 13. Dezember 1974, jüngstes Datum im Text: 31. Dezember 1999); die Fundstelle dieses Satzes wird nicht gemeldet, weil kein Entwurf erledigtes Recht digital umstellen muss."
    );
    // „oder nach dem Empfang“, „oder nach Abgabe des Regelungsangebotes“: the duty may still arise.
    for (name, norm) in [("StÄndG_1966.txt", "§ 3 Abs. 4 Satz 1"), ("AuslWBEntschG.txt", "§ 12 Satz 1"), ("ZAG.txt", "§ 66 Abs. 2 Satz 1"), ("ZAG.txt", "§ 67 Abs. 2 Satz 1")] {
        let r = result(name);
        assert!(r.findings.iter().any(|f| f.norm == norm), "{name} {norm} is still reported");
        assert!(spent(&r).is_empty(), "{name}: {:#?}", spent(&r));
    }
    // § 5 Abs. 3 StAG („innerhalb von zehn Jahren nach Inkrafttreten dieses Gesetzes“), inserted
    // in 2021 into the law of 1913, is live: the dates of 2024 in the text keep it.
    let doc = digicheck_core::Document::parse(digicheck_core::SourceText::from_utf8("StAG.txt", &laws["StAG.txt"]));
    assert!(digicheck_core::pipeline::spent_deadline::find(&doc).iter().all(|s| s.norm != "§ 5 Abs. 3"));
}
