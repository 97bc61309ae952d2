//! Änderungsbefehle on real amending laws (../shared/corpus/amending, the LegalDocML.de samples and
//! the Einigungsvertrag of the federal corpus) and on the project's sample draft: every command
//! found and read, targets and operations of real commands of many shapes, and the consolidated
//! text `apply` writes compared with the official later text where the federal corpus has it.

use digicheck_core::amend::{self, Amendment, Amendments, InsertionPoint, Operation};
use digicheck_core::{Document, NodeKind, SourceText};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn shared() -> Option<PathBuf> {
    digicheck_testkit::shared_corpus("the amendment corpus tests")
}

fn repo(path: &str) -> PathBuf {
    digicheck_testkit::repo_path(path)
}

fn doc(path: &Path) -> Document {
    let raw = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Document::parse(SourceText::from_utf8(path.display().to_string(), &raw))
}

fn amending(name: &str) -> Option<(Document, Amendments)> {
    let d = doc(&shared()?.join("amending").join(name));
    let a = amend::parse(&d);
    Some((d, a))
}

/// Laws of the federal corpus, read once from the archive.
fn federal(name: &str) -> Option<String> {
    static FILES: OnceLock<Option<HashMap<String, String>>> = OnceLock::new();
    let files = FILES.get_or_init(|| digicheck_testkit::federal_laws(&["LobbyRG.txt", "BVerfSchG.txt", "VereinsG.txt", "EinigVtr.txt"], "the amendment corpus tests"));
    files.as_ref().map(|f| f[name].clone())
}

#[test]
fn every_command_is_found_and_read() {
    // README of ../shared/corpus/amending lists the akn:mod counts of the LegalDocML sources:
    // 1, 46, 2, 9, 1, 10, 16. The texts carry more commands where the XML marks only some of them
    // as akn:mod: the EntschFinV amendment has 34 commands in the text (the XML marks 9: most
    // Anlage commands are plain text there), the ZVFV amendment 2 (the XML marks the recast § 6;
    // „Die Anlagen 1 bis 8 erhalten jeweils die aus dem Anhang … ersichtliche Fassung“ is a command
    // too). Compound commands („… ersetzt und wird … ersetzt“) count once per operation, as in
    // the XML.
    //
    // Where the samples are shortened, the numbering of the commands shows it and is reported,
    // since a command may be missing there: the Vereinsgesetz sample starts at Nr. 2, the
    // synthetic 1002 sample skips Nr. 4, and the LobbyRG sample lacks items of the print version
    // (amending/README.md; e.g. „dd) Die bisherige Nummer 3 wird Nummer 4“ in Art. 1 Nr. 3 a).
    let expected: [(&str, usize, &[&str]); 7] = [
        ("bgbl-1_2017_s419_aenderungsgesetz.txt", 1, &["Art. 1 Nr. 2"]),
        (
            "bgbl-1_2024_10_aenderungsgesetz.txt",
            46,
            &[
                "Art. 1 Nr. 2 Buchst. b Doppelbuchst. cc",
                "Art. 1 Nr. 3 Buchst. a Doppelbuchst. aa Dreifachbuchst. bbb",
                "Art. 1 Nr. 3 Buchst. a Doppelbuchst. ee",
                "Art. 1 Nr. 6 Buchst. a",
                "Art. 1 Nr. 7 Buchst. d",
                "Art. 1 Nr. 8 Buchst. b",
            ],
        ),
        ("bgbl-1_2023_413_aenderungsgesetz.txt", 2, &[]),
        ("bgbl-1_2024_337_aenderungsverordnung.txt", 34, &[]),
        ("bgbl-1_2024_203_aenderungsverordnung.txt", 2, &[]),
        ("synthetic_1001_mods_aenderungsgesetz.txt", 10, &[]),
        ("synthetic_1002_mods-substitution_aenderungsgesetz.txt", 16, &["Art. 1 Nr. 5"]),
    ];
    for (file, n, gaps) in expected {
        let Some((_, a)) = amending(file) else { return };
        let unparsed: Vec<&str> = a.unparsed.iter().map(|u| u.path.as_str()).collect();
        assert_eq!(unparsed, gaps, "{file}: {:#?}", a.unparsed);
        for u in &a.unparsed {
            assert!(u.reason.contains("fehlt") || u.reason.contains("doppelt"), "{file}: {u:?}");
            assert!(u.law.is_some(), "{file}: the law of an unreadable command is known: {u:?}");
        }
        assert_eq!(a.commands.len(), n, "{file}");
        assert!(a.commands.iter().all(|c| c.law.is_some()), "{file}: every command knows its law");
    }
}

#[test]
fn sample_draft_commands() {
    let d = doc(&repo("corpus/aenderungsgesetz-verwaltungsverfahren-mv.txt"));
    let a = amend::parse(&d);
    assert!(a.unparsed.is_empty(), "{:#?}", a.unparsed);
    assert_eq!(a.commands.len(), 31, "Art. 1: 19 commands, Art. 2: 12");
    let laws: Vec<&str> = a.laws().iter().map(|l| l.short()).collect();
    assert_eq!(laws, vec!["VwVfG M-V", "KV M-V"]);
    // The Begründung („Zu Nummer 4 … Die Vollmacht kann künftig auch elektronisch …“) is not read
    // as commands.
    assert!(a.commands.iter().all(|c| c.path.starts_with("Art. ")));
}

/// One expected reading: the command's path (and which of its operations), operation, target,
/// resulting target, and the start of the old / new wording or anchor.
struct Expect {
    file: &'static str,
    path: &'static str,
    nth: usize,
    op: Operation,
    target: &'static str,
    result: &'static str,
    old: &'static str,
    new: &'static str,
}

#[allow(clippy::too_many_arguments)] // one row of the table below
const fn e(file: &'static str, path: &'static str, nth: usize, op: Operation, target: &'static str, result: &'static str, old: &'static str, new: &'static str) -> Expect {
    Expect { file, path, nth, op, target, result, old, new }
}

const LOBBY: &str = "bgbl-1_2024_10_aenderungsgesetz.txt";
const ENTSCH: &str = "bgbl-1_2024_337_aenderungsverordnung.txt";
const ZVFV: &str = "bgbl-1_2024_203_aenderungsverordnung.txt";
const BVERF: &str = "bgbl-1_2023_413_aenderungsgesetz.txt";
const VEREIN: &str = "bgbl-1_2017_s419_aenderungsgesetz.txt";
const STRUKT: &str = "synthetic_1002_mods-substitution_aenderungsgesetz.txt";

use Operation::*;

/// Real commands of different shapes (insertion after words, before words, in a Teilsatz,
/// punctuation „am Ende“, compound commands, appended and inserted units, ranges replaced by new
/// ranges, recast of §§, Absätze, Nummern, Buchstaben, Inhaltsübersicht entries, tables,
/// repeal of Sätze, Nummern, Anlagen, renumbering-free Neufassung, unquoted new wording, …).
const EXPECTED: &[Expect] = &[
    e(LOBBY, "Art. 1 Nr. 1 Buchst. a", 0, Insert, "§ 1 Abs. 1", "§ 1 Abs. 1 LobbyRG", "nach gegenüber den Organen", ", Gremien"),
    e(LOBBY, "Art. 1 Nr. 1 Buchst. b", 0, Recast, "§ 1 Abs. 2", "§ 1 Abs. 2 LobbyRG", "", "(2) Die Regelungen"),
    e(LOBBY, "Art. 1 Nr. 2 Buchst. a Doppelbuchst. aa", 0, Insert, "§ 2 Abs. 1 Satz 1 Teilsatz vor Nr. 1", "§ 2 Abs. 1 Satz 1 Teilsatz vor Nr. 1 LobbyRG", "nach müssen die Angaben nach § 3 Absatz 1", "und 2"),
    e(LOBBY, "Art. 1 Nr. 2 Buchst. a Doppelbuchst. bb", 0, Replace, "§ 2 Abs. 1 Satz 1 Nr. 3", "§ 2 Abs. 1 Satz 1 Nr. 3 LobbyRG", "oder", ","),
    e(LOBBY, "Art. 1 Nr. 2 Buchst. a Doppelbuchst. cc", 0, Replace, "§ 2 Abs. 1 Satz 1 Nr. 4", "§ 2 Abs. 1 Satz 1 Nr. 4 LobbyRG", "50", "30"),
    e(LOBBY, "Art. 1 Nr. 2 Buchst. a Doppelbuchst. cc", 1, Replace, "§ 2 Abs. 1 Satz 1 Nr. 4", "§ 2 Abs. 1 Satz 1 Nr. 4 LobbyRG", ".", "oder"),
    e(LOBBY, "Art. 1 Nr. 2 Buchst. a Doppelbuchst. dd", 0, Append, "§ 2 Abs. 1 Satz 1", "§ 2 Abs. 1 Satz 1 Nr. 5 LobbyRG", "", "5. die Interessenvertretung"),
    e(LOBBY, "Art. 1 Nr. 2 Buchst. b Doppelbuchst. cc", 0, Recast, "§ 2 Abs. 2 Nr. 6", "§ 2 Abs. 2 Nr. 6 LobbyRG", "", "6. als natürliche Personen"),
    e(LOBBY, "Art. 1 Nr. 2 Buchst. b Doppelbuchst. gg", 0, Replace, "§ 2 Abs. 2 Nr. 16", "§ 2 Abs. 2 Nr. 16 LobbyRG", ".", "oder"),
    e(LOBBY, "Art. 1 Nr. 2 Buchst. b Doppelbuchst. hh", 0, Append, "§ 2 Abs. 2", "§ 2 Abs. 2 Nr. 17 LobbyRG", "", "17. diplomatische"),
    e(LOBBY, "Art. 1 Nr. 2 Buchst. c Doppelbuchst. aa", 0, Repeal, "§ 2 Abs. 3 Nr. 5", "§ 2 Abs. 3 Nr. 5 LobbyRG", "", ""),
    e(LOBBY, "Art. 1 Nr. 2 Buchst. d Doppelbuchst. aa Dreifachbuchst. aaa", 0, Insert, "§ 2 Abs. 5 Satz 1", "§ 2 Abs. 5 Satz 1 LobbyRG", "vor Interessenvertreterinnen", "Alle"),
    e(LOBBY, "Art. 1 Nr. 2 Buchst. d Doppelbuchst. bb", 0, Replace, "§ 2 Abs. 5 Satz 2", "§ 2 Abs. 5 Satz 2 LobbyRG", "§ 3 Absatz 1", "§ 3 Absatz 1 und 2"),
    e(LOBBY, "Art. 1 Nr. 3 Buchst. a Doppelbuchst. aa Dreifachbuchst. bbb", 0, Append, "§ 3 Abs. 1 Nr. 1", "§ 3 Abs. 1 Nr. 1 Buchst. e bis g LobbyRG", "", "e) gegebenenfalls"),
    e(LOBBY, "Art. 1 Nr. 3 Buchst. a Doppelbuchst. bb Dreifachbuchst. aaa", 0, Recast, "§ 3 Abs. 1 Nr. 2 Buchst. a", "§ 3 Abs. 1 Nr. 2 Buchst. a LobbyRG", "", "a) Firma"),
    e(LOBBY, "Art. 1 Nr. 3 Buchst. a Doppelbuchst. cc", 0, Insert, "§ 3 Abs. 1 Nr. 2", "§ 3 Abs. 1 Nr. 3 LobbyRG", "nach Einheit", "3. bei den"),
    e(LOBBY, "Art. 1 Nr. 3 Buchst. a Doppelbuchst. ee", 0, Replace, "§ 3 Abs. 1 Nr. 4 bis 8", "§ 3 Abs. 1 Nr. 5 bis 8 LobbyRG", "", "5. zur Darstellung"),
    e(LOBBY, "Art. 1 Nr. 3 Buchst. b", 0, Replace, "§ 3 Abs. 2 bis 4", "§ 3 Abs. 2 bis 5 LobbyRG", "", "(2) Interessenvertreterinnen"),
    e(LOBBY, "Art. 1 Nr. 4 Buchst. b", 0, Insert, "§ 4 Abs. 2", "§ 4 Abs. 3 LobbyRG", "nach Einheit", "(3) Die registerführende"),
    e(LOBBY, "Art. 1 Nr. 5 Buchst. a Doppelbuchst. bb", 0, Insert, "§ 5 Abs. 4 Satz 2 Nr. 1", "§ 5 Abs. 4 Satz 2 Nr. 1 LobbyRG", "nach Auftraggebers", "sowie im Falle"),
    e(LOBBY, "Art. 1 Nr. 5 Buchst. b Doppelbuchst. bb", 0, Repeal, "§ 5 Abs. 5 Satz 2", "§ 5 Abs. 5 Satz 2 LobbyRG", "", ""),
    e(LOBBY, "Art. 1 Nr. 5 Buchst. c Doppelbuchst. bb", 0, Replace, "§ 5 Abs. 8 Satz 2", "§ 5 Abs. 8 Satz 2 LobbyRG", "", "Gegen die Feststellung"),
    e(LOBBY, "Art. 1 Nr. 6 Buchst. c", 0, Delete, "§ 6 Abs. 2", "§ 6 Abs. 2 LobbyRG", "die Angaben nach § 3 Absatz 1", ""),
    e(LOBBY, "Art. 1 Nr. 7 Buchst. a", 1, Insert, "§ 7 Abs. 1 Nr. 1", "§ 7 Abs. 1 Nr. 1 LobbyRG", "nach Angabe", "oder eine Änderung"),
    e(LOBBY, "Art. 1 Nr. 8 Buchst. b", 0, Append, "§ 8", "§ 8 Abs. 2 und 3 LobbyRG", "", "(2) Eintragungen"),
    e(LOBBY, "Art. 1 Nr. 9", 0, Recast, "§ 9 Abs. 1", "§ 9 Abs. 1 LobbyRG", "", "(1) Die registerführende"),
    e(ENTSCH, "Art. 1 Nr. 1 Buchst. a", 0, Recast, "Inhaltsübersicht Angabe zu § 34", "Inhaltsübersicht Angabe zu § 34 EntschFinV", "", "§ 34 (weggefallen)"),
    e(ENTSCH, "Art. 1 Nr. 1 Buchst. b", 0, Repeal, "Inhaltsübersicht Angabe zu Anlage 2", "Inhaltsübersicht Angabe zu Anlage 2 EntschFinV", "", ""),
    e(ENTSCH, "Art. 1 Nr. 2", 0, Replace, "§ 3 Abs. 2", "§ 3 Abs. 2 und 3 EntschFinV", "", "(2) Im Fall"),
    e(ENTSCH, "Art. 1 Nr. 3", 0, Append, "§ 6", "§ 6 Abs. 7 EntschFinV", "", "(7) Die Entschädigungseinrichtung"),
    e(ENTSCH, "Art. 1 Nr. 5 Buchst. a", 0, Recast, "§ 8 Abs. 2 Tabelle", "§ 8 Abs. 2 Tabelle EntschFinV", "", "Bonitätsnote"),
    e(ENTSCH, "Art. 1 Nr. 7", 0, Recast, "§ 34", "§ 34 EntschFinV", "", "§ 34"),
    e(ENTSCH, "Art. 1 Nr. 8 Buchst. a Doppelbuchst. ff", 1, Delete, "Anlage 1 Ziffer I Risikoindikator 2.2 Spalte 3/Beschreibung", "Anlage 1 Ziffer I Risikoindikator 2.2 Spalte 3/Beschreibung EntschFinV", "Ab 2023:", ""),
    e(ENTSCH, "Art. 1 Nr. 8 Buchst. a Doppelbuchst. mm", 0, Repeal, "Anlage 1 Ziffer I Risikoindikator 4.4", "Anlage 1 Ziffer I Risikoindikator 4.4 EntschFinV", "", ""),
    e(ENTSCH, "Art. 1 Nr. 8 Buchst. b Doppelbuchst. aa", 0, Replace, "Anlage 1 Ziffer II Nr. 1.1, 1.2 und 2.1", "Anlage 1 Ziffer II Nr. 1.1, 1.2 und 2.1 EntschFinV", "Durchführungsverordnung (EU) Nr. 680/2014", "Durchführungsverordnung (EU) 2021/451"),
    e(ENTSCH, "Art. 1 Nr. 8 Buchst. b Doppelbuchst. dd", 0, Repeal, "Anlage 1 Ziffer II Nr. 4.3 Satz 4 und 5", "Anlage 1 Ziffer II Nr. 4.3 Satz 4 und 5 EntschFinV", "", ""),
    e(ENTSCH, "Art. 1 Nr. 8 Buchst. b Doppelbuchst. ff", 0, Recast, "Anlage 1 Ziffer II Nr. 5.1 Satz 1", "Anlage 1 Ziffer II Nr. 5.1 Satz 1 EntschFinV", "", "Gedeckte Einlagen"),
    e(ENTSCH, "Art. 1 Nr. 9", 0, Repeal, "Anlage 2", "Anlage 2 EntschFinV", "", ""),
    e(ZVFV, "Art. 1 Nr. 1", 0, Recast, "§ 6", "§ 6 ZVFV", "", "§ 6"),
    e(ZVFV, "Art. 1 Nr. 2", 0, Recast, "Anlage 1 bis 8", "Anlage 1 bis 8 ZVFV", "", ""),
    e(BVERF, "Art. 1 Nr. 1", 0, Replace, "§ 6 Abs. 3 Satz 5", "§ 6 Abs. 3 Satz 5 BVerfSchG", "am Ende des Kalenderjahres", "nach Ablauf von fünf Jahren"),
    e(VEREIN, "Art. 1 Nr. 2", 0, Replace, "§ 20 Abs. 1 Satz 2", "§ 20 Abs. 1 Satz 2 VereinsG", "§ 9 Abs. 1 Satz 2, Abs. 2", "§ 9 Absatz 1 Satz 2, Absatz 2 oder 3"),
    e(STRUKT, "Art. 1 Nr. 1", 0, Recast, "Titel", "Titel Strukturänderungsgesetz", "", "Fiktives Beispielgesetz"),
    e(STRUKT, "Art. 1 Nr. 6 Buchst. a", 0, Recast, "§ 3 Abs. 2 bis 3", "§ 3 Abs. 2 bis 3 Strukturänderungsgesetz", "", "(2) Zur Unterstützung"),
    e(STRUKT, "Art. 1 Nr. 11", 0, Recast, "3. Buch", "3. Buch Strukturänderungsgesetz", "", "3. Buch"),
];

fn anchor_text(c: &Amendment) -> String {
    match &c.anchor {
        Some(InsertionPoint::AfterWords(w)) => format!("nach {}", w.text),
        Some(InsertionPoint::BeforeWords(w)) => format!("vor {}", w.text),
        Some(InsertionPoint::AfterUnit) => "nach Einheit".into(),
        Some(InsertionPoint::BeforeUnit) => "vor Einheit".into(),
        None => c.old.first().map(|w| w.text.clone()).unwrap_or_default(),
    }
}

#[test]
fn real_commands_of_many_shapes() {
    assert!(EXPECTED.len() >= 30);
    let mut cache: HashMap<&str, Amendments> = HashMap::new();
    for x in EXPECTED {
        if !cache.contains_key(x.file) {
            let Some((_, a)) = amending(x.file) else { return };
            cache.insert(x.file, a);
        }
        let a = &cache[x.file];
        let c = a
            .commands
            .iter()
            .filter(|c| c.path == x.path)
            .nth(x.nth)
            .unwrap_or_else(|| panic!("{}: no command {} #{}", x.file, x.path, x.nth));
        let what = format!("{} {}", x.file, x.path);
        assert_eq!(c.op, x.op, "{what}");
        assert_eq!(c.target.to_string(), x.target, "{what}");
        assert_eq!(c.target_with_law(), x.result, "{what}");
        assert!(anchor_text(c).starts_with(x.old), "{what}: old/anchor {:?}", anchor_text(c));
        let new = c.new.first().map(|w| w.text.as_str()).unwrap_or("");
        assert!(new.starts_with(x.new), "{what}: new {new:?}");
    }
}

/// Absätze of two texts, keyed by norm, whitespace and editorial notes of gesetze-im-internet.de
/// removed.
fn absaetze(text: &str) -> HashMap<String, String> {
    let d = Document::parse(SourceText::from_utf8("t", text));
    let re = regex::Regex::new(r"\(\+\+\+.*?\+\+\+\)").unwrap();
    d.of_kind(NodeKind::Absatz)
        .map(|id| {
            let t = re.replace_all(&d.text()[d.node(id).span.range()], "").split_whitespace().collect::<Vec<_>>().join(" ");
            (d.node(id).norm.to_string(), t)
        })
        .collect()
}

fn apply_file(draft: &str, target: &str) -> Option<amend::Applied> {
    let corpus = shared()?;
    let d = doc(&corpus.join("amending").join(draft));
    let base = doc(&corpus.join("amending/targets").join(target));
    let a = amend::parse(&d);
    Some(amend::apply_draft(&base, &a, None).unwrap())
}

#[test]
fn apply_lobbyregistergesetz_against_the_official_later_text() {
    let Some(r) = apply_file(LOBBY, "bgbl-1_2024_10_zielgesetz_lobbyrg.txt") else { return };
    // The sample lacks items of the print version and has one mislabelled quote; the commands
    // those defects make inconsistent are refused with the reason, the others applied:
    // - Nr. 2 b dd: „Nummer 8 wird wie folgt gefasst: „6. …““ (the official text has „8.“);
    // - Nr. 3 a cc: a new Nummer 3 without „Die bisherige Nummer 3 wird Nummer 4“ (missing dd);
    // - Nr. 3 a ee: the old Nummern 4 to 8 become 5 to 8, so Nummer 4 would be missing;
    // - Nr. 4 b, Nr. 5 d: a new Absatz 3 (9) without the renumbering of the old ones;
    // - Nr. 6 c: „In Absatz 2“ where the Bundesgesetzblatt amends Absatz 3 (the official text
    //   confirms it).
    let failed: Vec<(&str, &str)> = r.failed().map(|f| (f.path.as_str(), f.error.as_deref().unwrap())).collect();
    let paths: Vec<&str> = failed.iter().map(|f| f.0).collect();
    assert_eq!(
        paths,
        vec![
            "Art. 1 Nr. 2 Buchst. b Doppelbuchst. dd",
            "Art. 1 Nr. 3 Buchst. a Doppelbuchst. cc",
            "Art. 1 Nr. 3 Buchst. a Doppelbuchst. ee",
            "Art. 1 Nr. 4 Buchst. b",
            "Art. 1 Nr. 5 Buchst. d",
            "Art. 1 Nr. 6 Buchst. c",
        ],
        "{failed:#?}"
    );
    assert!(failed[0].1.contains("Nr. 8") && failed[0].1.contains("Nr. 6"), "{}", failed[0].1);
    assert!(failed[1].1.contains("„Nummer 3“ zweimal"), "{}", failed[1].1);
    assert!(failed[2].1.contains("„Nummer 4“") && failed[2].1.contains("Lücke"), "{}", failed[2].1);
    assert!(failed[3].1.contains("„Absatz 3“ zweimal"), "{}", failed[3].1);
    assert!(failed[4].1.contains("„Absatz 9“ zweimal"), "{}", failed[4].1);
    assert!(failed[5].1.contains("stehen nicht in „§ 6 Abs. 2“"), "{}", failed[5].1);
    assert_eq!(r.applied(), 40);
    assert!(!r.is_complete());
    let Some(official) = federal("LobbyRG.txt") else { return };
    let ours = absaetze(&r.text);
    let theirs = absaetze(&official);
    // Absätze changed by applied commands that read as in the official text. The others differ
    // for reasons of the sample (items of the print version missing in it, OCR splits such as
    // „Ein flussnahme“ in the stored target, a page header inside a quote, later amendments).
    let must_match = [
        "§ 1 Abs. 1", "§ 1 Abs. 2", "§ 2 Abs. 1", "§ 2 Abs. 5", "§ 3 Abs. 2", "§ 3 Abs. 3", "§ 3 Abs. 5",
        "§ 4 Abs. 2", "§ 5 Abs. 4", "§ 5 Abs. 5", "§ 5 Abs. 8", "§ 6 Abs. 1", "§ 6 Abs. 2", "§ 8 Abs. 2",
        "§ 8 Abs. 3", "§ 9 Abs. 1",
    ];
    for n in must_match {
        assert_eq!(ours.get(n), theirs.get(n), "{n}");
    }
    let same = ours.iter().filter(|(k, v)| theirs.get(*k) == Some(v)).count();
    assert!(same >= 28, "only {same} Absätze read as in the official text");
}

#[test]
fn apply_bundesverfassungsschutzgesetz_and_vereinsgesetz() {
    let Some(r) = apply_file(BVERF, "bgbl-1_2023_413_zielgesetz_bverfschg.txt") else { return };
    assert_eq!(r.applied(), 2, "{:#?}", r.results);
    assert!(r.is_complete());
    let ours = absaetze(&r.text);
    assert!(ours["§ 2 Abs. 1"].contains("Es untersteht dem Bundesministerium des Innern und für Heimat."));
    if let Some(official) = federal("BVerfSchG.txt") {
        assert_eq!(ours.get("§ 6 Abs. 3"), absaetze(&official).get("§ 6 Abs. 3"));
    }

    let Some(r) = apply_file(VEREIN, "bgbl-1_2017_s419_zielgesetz_vereinsgesetz.txt") else { return };
    assert_eq!(r.applied(), 1, "{:#?}", r.results);
    // The sample's § 20 Abs. 1 is one sentence with a list; „Satz 2“ does not exist there, so the
    // words are changed where they occur once in Abs. 1, and a note says so.
    assert!(r.results[0].note.as_deref().is_some_and(|n| n.contains("genau einmal")), "{:?}", r.results[0]);
    assert!(r.text.contains("entgegen § 9 Absatz 1 Satz 2, Absatz 2 oder 3 Kennzeichen"));
    // The shortened sample starts its commands at Nr. 2: the application is not called complete.
    assert_eq!(r.unparsed.len(), 1, "{:#?}", r.unparsed);
    assert!(!r.is_complete());
    if let Some(official) = federal("VereinsG.txt") {
        assert!(official.contains("§ 9 Absatz 1 Satz 2, Absatz 2 oder 3"), "the official text has the new wording too");
    }
}

#[test]
fn apply_synthetic_laws() {
    let Some(r) = apply_file("synthetic_1001_mods_aenderungsgesetz.txt", "synthetic_1001_mods_zielgesetz.txt") else { return };
    assert_eq!(r.applied(), 10);
    assert!(r.is_complete());
    let base = std::fs::read_to_string(shared().unwrap().join("amending/targets/synthetic_1001_mods_zielgesetz.txt")).unwrap();
    let mut expected = base.clone();
    for n in 1..=10 {
        expected = expected.replace(&format!("zum {n}. Fall"), &format!("zum {n}. Beispiel"));
    }
    assert_eq!(r.text, expected);

    // Structural units of the synthetic law that the target text does not mark (Präambel,
    // Ermächtigung, formula, „Stammverweis“, Beispielkapitel) are reported, not guessed; „3. Buch“
    // is a Gliederung the structure parser knows; the Inhaltsverzeichnis the target does not have
    // is a note, not a failure.
    let Some(r) = apply_file(STRUKT, "synthetic_1002_mods-substitution_zielgesetz.txt") else { return };
    assert_eq!(r.applied(), 6, "{:#?}", r.results);
    assert!(r.results.iter().any(|x| x.target == "3. Buch" && x.error.is_none()), "{:#?}", r.results);
    assert_eq!(r.skipped().count(), 1);
    assert_eq!(r.notes.len(), 1, "{:?}", r.notes);
    assert!(r.failed().all(|f| f.error.as_deref().is_some_and(|e| !e.is_empty())));
    // „Absatz 2 Nummer 2 bis Nummer 3 wird ersetzt durch: „2. …““ merges two Nummern into one.
    assert!(r.text.contains("richtet sich nach:\n1. dem Umfang der erforderlichen Maßnahmen in den jeweiligen Verwaltungseinheiten,\n2. den spezifischen regionalen Anforderungen.\n(3)"), "{}", r.text);
}

#[test]
fn sample_draft_applies_to_the_law_it_assumes() {
    let base = std::fs::read_to_string(repo("core/tests/fixtures/amend/lvwvfg-mv-auszug.txt")).unwrap();
    let d = doc(&repo("corpus/aenderungsgesetz-verwaltungsverfahren-mv.txt"));
    let a = amend::parse(&d);
    let cmds = amend::commands_for(&a, &base).unwrap();
    assert_eq!(cmds.len(), 19, "only Art. 1 amends the Landesverwaltungsverfahrensgesetz");
    let r = amend::apply(&base, &cmds);
    assert_eq!(r.applied(), 19, "{:#?}", r.failed().collect::<Vec<_>>());
    let t = &r.text;
    assert!(t.contains("§ 3c Persönliches Erscheinen\n"), "contents entry inserted");
    assert!(t.contains("§ 3b\nVerfahren über eine einheitliche Stelle\nEin Verwaltungsverfahren kann über eine einheitliche Stelle abgewickelt werden, wenn dies durch Rechtsvorschrift angeordnet ist.\n\n§ 3c\nPersönliches Erscheinen\n(1) Die Behörde"));
    assert!(t.contains("teilt sie dies dem Absender telefonisch oder schriftlich mit. Sie teilt dabei die geltenden technischen Rahmenbedingungen mit.\n"));
    assert!(t.contains("(3) Dem Original gleichgestellt sind"), "Absätze 4 and 5 became 3 and 4");
    assert!(t.contains("in elektronischer Form. Der Beglaubigungsvermerk ist von der beglaubigenden Person eigenhändig zu unterschreiben"));
    assert!(t.contains("(3a) Auf Verlangen eines Beteiligten"));
    assert!(t.contains("dem Drittschuldner schriftlich zuzustellen."));
    assert!(!t.contains("oder elektronisch zuzustellen"));
}

#[test]
fn einigungsvertrag_sweep() {
    // 1990 style: straight quotes, „gefaßt“, „zuletzt geändert durch …“, laws named without a
    // verb. Quoted new wording in straight quotes is split into separate units by the structure
    // parser (it keeps only „…“ quotations inside their command), so many commands lack their
    // new wording and are reported; none is dropped silently and none crashes the reader.
    let Some(text) = federal("EinigVtr.txt") else { return };
    let d = Document::parse(SourceText::from_utf8("EinigVtr.txt", &text));
    let a = amend::parse(&d);
    assert!(a.commands.len() >= 190, "{} commands", a.commands.len());
    assert!(a.unparsed.iter().all(|u| !u.reason.is_empty()));
    let gg: Vec<&Amendment> = a.commands.iter().filter(|c| c.path.starts_with("Art. 4 Nr.")).collect();
    assert_eq!(gg[0].op, Operation::Recast);
    assert_eq!(gg[0].target.to_string(), "Präambel");
    assert_eq!(gg[1].op, Operation::Repeal);
    assert_eq!(gg[1].target.to_string(), "Art. 23");
}

#[test]
fn legaldocml_samples_map_onto_the_same_commands() {
    // The LegalDocML.de reader turns akn:mod with quotedText/quotedStructure into the same text as
    // the plain-text conversions (quotes „…“ on lines of their own), so the commands read from the
    // XML are those read from the text.
    let Some(corpus) = shared() else { return };
    let files = [
        ("bgbl-1_2017_s419_aenderungsgesetz", 1),
        ("bgbl-1_2024_10_aenderungsgesetz", 46),
        ("bgbl-1_2023_413_aenderungsgesetz", 2),
        ("bgbl-1_2024_337_aenderungsverordnung", 34),
        ("bgbl-1_2024_203_aenderungsverordnung", 2),
        ("synthetic_1001_mods_aenderungsgesetz", 10),
        ("synthetic_1002_mods-substitution_aenderungsgesetz", 16),
    ];
    for (stem, n) in files {
        let name = format!("{stem}.xml");
        let bytes = std::fs::read(corpus.join("ldml").join(&name)).unwrap();
        let source = digicheck_core::input::read(&name, &bytes, &Default::default()).unwrap_or_else(|e| panic!("{name}: {e}"));
        let a = amend::parse(&Document::parse(source));
        assert_eq!(a.commands.len(), n, "{name}: {:#?}", a.unparsed);
    }
}
