//! Every amending draft in `../shared` applied to the law it amends: each command is applied or
//! refused with a reason, nothing is lost, an incomplete result says so; and where the official
//! later text exists, the consolidated text reads as it does.
//!
//! The drafts: the three Drucksachen as printed (PDF: Bundestag 19/30399 amends the StPO,
//! Bundesrat 483/21 the Wettbewerbsregistergesetz, Bundesrat 683/21 BGB and EGBGB), the plain-text
//! amending laws of `amending/` with their targets, and the LegalDocML.de originals of `ldml/`.

use digicheck_core::amend::{self, Applied, Outcome};
use digicheck_core::input::{self, InputLimits};
use digicheck_core::{Document, NodeKind, SourceText};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn shared() -> Option<PathBuf> {
    digicheck_testkit::shared_corpus("the Drucksachen tests")
}

/// Laws of the federal corpus, read once from the archive.
fn federal(name: &str) -> Option<String> {
    static FILES: OnceLock<Option<HashMap<String, String>>> = OnceLock::new();
    let files = FILES.get_or_init(|| digicheck_testkit::federal_laws(&["StPO.txt", "EGBGB.txt", "EntschFinV.txt", "ZVFV.txt"], "the Drucksachen tests"));
    files.as_ref().map(|f| f[name].clone())
}

/// A file of the shared corpus as Digi-Check reads it (PDF, XML or text).
fn read(path: &Path) -> Document {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let name = path.display().to_string();
    Document::parse(input::read(&name, &bytes, &InputLimits::default()).unwrap_or_else(|e| panic!("{name}: {e}")))
}

fn text(name: &str, t: &str) -> Document {
    Document::parse(SourceText::from_utf8(name, t))
}

/// Applies `draft` to `base` and checks that nothing is applied silently wrong or lost: every
/// command of the law is applied, or failed with a reason, or skipped with a note; every command
/// not understood has a reason; the text is marked incomplete exactly when something is missing.
fn apply_checked(what: &str, draft: &Document, base: &Document) -> Applied {
    let a = amend::parse(draft);
    assert!(!a.is_empty(), "{what}: no commands found");
    let r = amend::apply_draft(base, &a, None).unwrap_or_else(|e| panic!("{what}: {e}"));
    let selected = a.commands.iter().filter(|c| r.law.is_none() || c.law.as_ref().map(|l| &l.name) == r.law.as_ref().map(|l| &l.name)).count();
    assert_eq!(r.results.len(), selected, "{what}: every command of the law has an outcome");
    for x in &r.results {
        match x.outcome {
            Outcome::Applied => assert!(x.error.is_none(), "{what}: {x:?}"),
            Outcome::Failed => assert!(x.error.as_deref().is_some_and(|e| e.len() > 10), "{what}: a refusal names its reason: {x:?}"),
            Outcome::Skipped => assert!(x.note.is_some(), "{what}: {x:?}"),
        }
    }
    for u in &r.unparsed {
        assert!(u.reason.len() > 10, "{what}: {u:?}");
    }
    assert_eq!(r.is_complete(), r.failed().count() == 0 && r.unparsed.is_empty());
    assert_eq!(r.marked_text().starts_with("[Digi-Check: Diese konsolidierte Fassung ist UNVOLLSTÄNDIG."), !r.is_complete(), "{what}");
    eprintln!(
        "{what}: {} Befehle, {} angewandt, {} nicht angewandt, {} übersprungen, {} nicht verstanden",
        r.results.len() + r.unparsed.len(),
        r.applied(),
        r.failed().count(),
        r.skipped().count(),
        r.unparsed.len()
    );
    r
}

/// The Nummern (or Absätze) of a § of a consolidated text, whitespace and editorial notes
/// removed, keyed by norm.
fn units_of(text: &str, paragraph: &str) -> HashMap<String, String> {
    let d = Document::parse(SourceText::from_utf8("t", text));
    let re = regex::Regex::new(r"\(\+\+\+.*?\+\+\+\)").unwrap();
    d.ids()
        .filter(|&id| matches!(d.node(id).kind, NodeKind::Nummer | NodeKind::Absatz))
        .filter(|&id| d.node(id).norm.starts_with(&format!("{paragraph} ")))
        .map(|id| {
            let t = re.replace_all(&d.text()[d.node(id).span.range()], "").split_whitespace().collect::<Vec<_>>().join(" ");
            (d.node(id).norm.to_string(), t)
        })
        .collect()
}

#[test]
fn every_amending_draft_is_applied_or_refused_with_reasons() {
    let Some(c) = shared() else { return };
    let d = |p: &str| c.join(p);
    let pairs: Vec<(&str, Document, Document)> = vec![
        ("Drs. 19/30399 (StPO)", read(&d("drucksachen/1930399.pdf")), read(&d("drucksachen/base-Strafprozessordnung.txt"))),
        ("Drs. 483/21 (WRegG)", read(&d("drucksachen/0483-21.pdf")), read(&d("drucksachen/base-Wettbewerbsregistergesetz.txt"))),
        ("Drs. 683/21 (EGBGB)", read(&d("drucksachen/0683-21.pdf")), text("EGBGB.txt", &federal("EGBGB.txt").unwrap())),
        ("VereinsG (Text)", read(&d("amending/bgbl-1_2017_s419_aenderungsgesetz.txt")), read(&d("amending/targets/bgbl-1_2017_s419_zielgesetz_vereinsgesetz.txt"))),
        ("BVerfSchG (Text)", read(&d("amending/bgbl-1_2023_413_aenderungsgesetz.txt")), read(&d("amending/targets/bgbl-1_2023_413_zielgesetz_bverfschg.txt"))),
        ("LobbyRG (Text)", read(&d("amending/bgbl-1_2024_10_aenderungsgesetz.txt")), read(&d("amending/targets/bgbl-1_2024_10_zielgesetz_lobbyrg.txt"))),
        ("Synthetisch 1001 (Text)", read(&d("amending/synthetic_1001_mods_aenderungsgesetz.txt")), read(&d("amending/targets/synthetic_1001_mods_zielgesetz.txt"))),
        ("Synthetisch 1002 (Text)", read(&d("amending/synthetic_1002_mods-substitution_aenderungsgesetz.txt")), read(&d("amending/targets/synthetic_1002_mods-substitution_zielgesetz.txt"))),
        // The federal texts of these two already contain the amendment (they are the later text):
        // most commands do not fit them any more, and each says why.
        ("EntschFinV (Text)", read(&d("amending/bgbl-1_2024_337_aenderungsverordnung.txt")), text("EntschFinV.txt", &federal("EntschFinV.txt").unwrap())),
        ("ZVFV (Text)", read(&d("amending/bgbl-1_2024_203_aenderungsverordnung.txt")), text("ZVFV.txt", &federal("ZVFV.txt").unwrap())),
        ("VereinsG (LDML)", read(&d("ldml/bgbl-1_2017_s419_aenderungsgesetz.xml")), read(&d("ldml/bgbl-1_2017_s419_zielgesetz_vereinsgesetz.xml"))),
        ("BVerfSchG (LDML)", read(&d("ldml/bgbl-1_2023_413_aenderungsgesetz.xml")), read(&d("ldml/bgbl-1_2023_413_zielgesetz_bverfschg.xml"))),
        ("LobbyRG (LDML)", read(&d("ldml/bgbl-1_2024_10_aenderungsgesetz.xml")), read(&d("ldml/bgbl-1_2024_10_zielgesetz_lobbyrg.xml"))),
        ("Synthetisch 1001 (LDML)", read(&d("ldml/synthetic_1001_mods_aenderungsgesetz.xml")), read(&d("ldml/synthetic_1001_mods_zielgesetz.xml"))),
        ("Synthetisch 1002 (LDML)", read(&d("ldml/synthetic_1002_mods-substitution_aenderungsgesetz.xml")), read(&d("ldml/synthetic_1002_mods-substitution_zielgesetz.xml"))),
        ("EntschFinV (LDML)", read(&d("ldml/bgbl-1_2024_337_aenderungsverordnung.xml")), text("EntschFinV.txt", &federal("EntschFinV.txt").unwrap())),
        ("ZVFV (LDML)", read(&d("ldml/bgbl-1_2024_203_aenderungsverordnung.xml")), text("ZVFV.txt", &federal("ZVFV.txt").unwrap())),
    ];
    let mut complete = Vec::new();
    let mut counts: HashMap<String, (usize, usize, usize)> = HashMap::new();
    for (what, draft, base) in &pairs {
        let r = apply_checked(what, draft, base);
        if r.is_complete() {
            complete.push(*what);
        }
        counts.insert(what.to_string(), (r.applied(), r.failed().count(), r.unparsed.len()));
    }
    // The drafts whose commands all fit their base (the others are listed with reasons above).
    assert_eq!(complete, vec!["Drs. 19/30399 (StPO)", "BVerfSchG (Text)", "Synthetisch 1001 (Text)", "BVerfSchG (LDML)", "Synthetisch 1001 (LDML)"]);
    // The text and the LegalDocML.de form of an amending law come out alike.
    for law in ["VereinsG", "BVerfSchG", "LobbyRG", "Synthetisch 1001", "Synthetisch 1002", "EntschFinV", "ZVFV"] {
        assert_eq!(counts[&format!("{law} (Text)")], counts[&format!("{law} (LDML)")], "{law}");
    }
}

#[test]
fn strafprozessordnung_reads_as_enacted() {
    let Some(c) = shared() else { return };
    let draft = read(&c.join("drucksachen/1930399.pdf"));
    let base = read(&c.join("drucksachen/base-Strafprozessordnung.txt"));
    let r = apply_checked("Drs. 19/30399", &draft, &base);
    assert!(r.is_complete());
    assert_eq!(r.applied(), 2);
    // The draft was enacted (BGBl. 2021 I S. 5252): § 362 of the federal corpus has the Nummern as
    // the draft makes them.
    let Some(official) = federal("StPO.txt") else { return };
    let ours = units_of(&r.text, "§ 362");
    let theirs = units_of(&official, "§ 362");
    assert_eq!(ours.len(), 5, "{ours:#?}");
    for n in 1..=5 {
        let key = format!("§ 362 Nr. {n}");
        assert_eq!(ours.get(&key), theirs.get(&key), "{key}");
    }
}

#[test]
fn wettbewerbsregistergesetz_with_and_without_its_typo() {
    let Some(c) = shared() else { return };
    let base = read(&c.join("drucksachen/base-Wettbewerbsregistergesetz.txt"));
    let draft = read(&c.join("drucksachen/0483-21.pdf"));
    let r = apply_checked("Drs. 483/21", &draft, &base);
    // „b) Die bisherigen Abätze 3 und 4 werden Absätze 4 und 5.“ is misspelt in the Drucksache:
    // it is not understood (with a hint), the new Absatz 3 of a) would then stand beside the old
    // one, and c) names the numbering b) would have made. All three are listed; the other 11
    // commands are applied.
    assert_eq!(r.applied(), 11);
    let failed: Vec<&str> = r.failed().map(|f| f.path.as_str()).collect();
    assert_eq!(failed, vec!["Art. 1 Nr. 1 Buchst. a", "Art. 1 Nr. 1 Buchst. c"]);
    assert_eq!(r.unparsed.len(), 1);
    assert!(r.unparsed[0].reason.contains("„Abätze“ ist vermutlich ein Schreibfehler für „Absätze“"), "{}", r.unparsed[0].reason);
    assert!(r.text.contains("die zur Registereintragung führende Straftat, Ordnungswidrigkeit oder eine vergleichbar schwere Verfehlung"));

    // With the typo corrected, every command applies: the new Absatz 3 is inserted, the old
    // Absätze 3 and 4 become 4 and 5, and „Im neuen Absatz 4“ is the old Absatz 3.
    let source = draft.text().replace("Die bisherigen Abätze 3 und 4", "Die bisherigen Absätze 3 und 4");
    let r = apply_checked("Drs. 483/21 (berichtigt)", &text("0483-21.txt", &source), &base);
    assert!(r.is_complete(), "{:#?}", r.results);
    assert_eq!(r.applied(), 14);
    let s2 = units_of(&r.text, "§ 2");
    assert!(s2["§ 2 Abs. 3"].starts_with("(3) In das Wettbewerbsregister werden ferner Verfehlungen von vergleichbarer Schwere"), "{s2:#?}");
    assert!(s2["§ 2 Abs. 4"].contains("nach Absatz 2 sowie von schweren Verfehlungen nach Absatz 3 erfolgt nur"), "{s2:#?}");
    assert!(s2["§ 2 Abs. 5"].starts_with("(5) Unternehmen im Sinne dieses Gesetzes"), "{s2:#?}");
    assert_eq!(r.renumbered, vec![("§ 2 Abs. 3".to_string(), "§ 2 Abs. 4".to_string()), ("§ 2 Abs. 4".to_string(), "§ 2 Abs. 5".to_string())]);
    // „§ 7 wird wie folgt geändert: In Absatz 2 Satz 1 …“ is read below its prefix.
    assert!(r.results.iter().any(|x| x.path == "Art. 1 Nr. 4" && x.target == "§ 7 Abs. 2 Satz 1" && x.outcome == Outcome::Applied));
}

#[test]
fn a_mantelgesetz_against_one_of_its_laws() {
    let Some(c) = shared() else { return };
    // Drs. 683/21 amends the BGB (Art. 1) and the EGBGB (Art. 2); the base is the EGBGB. The
    // EGBGB of the federal corpus holds the §§ of its Artikel without the Artikel headings, so
    // „Dem Artikel 229 … wird folgender § … angefügt“ cannot be placed and says so. The BGB is not
    // in the shared corpus.
    let draft = read(&c.join("drucksachen/0683-21.pdf"));
    let a = amend::parse(&draft);
    let laws: Vec<&str> = a.laws().iter().map(|l| l.name.as_str()).collect();
    assert_eq!(laws, vec!["Bürgerliches Gesetzbuch", "Einführungsgesetz zum Bürgerlichen Gesetzbuche"]);
    let Some(egbgb) = federal("EGBGB.txt") else { return };
    let r = apply_checked("Drs. 683/21", &draft, &text("EGBGB.txt", &egbgb));
    assert_eq!(r.law.as_ref().map(|l| l.short()), Some("EGBGB"));
    assert_eq!(r.results.len(), 1);
    assert_eq!(r.results[0].target, "Art. 229", "the placeholder „[einsetzen: …]“ is no part of the target");
    assert!(r.results[0].error.as_deref().is_some_and(|e| e.contains("„Art. 229“ nicht gefunden")), "{:?}", r.results[0]);
}
