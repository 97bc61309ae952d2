//! The DOCX and PDF readers on generated fixtures (`tests/fixtures/`, made by `make_fixtures.py`):
//! Word numbering rebuilt, tracked changes accepted and marked, footnotes/headers/footers left out,
//! PDF headers/footers/hyphenation undone, and every malformed file refused with its own error.

use digicheck_core::input::{self, InputLimits};
use digicheck_core::source::OriginalPlace;
use digicheck_core::{Document, NodeKind, SourceText, Span};
use std::path::{Path, PathBuf};
use std::time::Instant;

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures").join(rel)
}

fn read(rel: &str) -> SourceText {
    let path = fixture(rel);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    input::read(rel, &bytes, &InputLimits::default()).unwrap_or_else(|e| panic!("{e}"))
}

fn span_of(s: &SourceText, word: &str) -> Span {
    let start = s.text().find(word).unwrap_or_else(|| panic!("„{word}“ not in text:\n{}", s.text()));
    Span::new(start, start + word.len())
}

fn norms(doc: &Document, kind: NodeKind) -> Vec<String> {
    doc.of_kind(kind).map(|n| doc.node(n).norm.to_string()).collect()
}

#[test]
fn docx_rebuilds_word_numbering_and_leaves_out_notes_headers_footers() {
    let s = read("docx/numbered.docx");
    let lines: Vec<&str> = s.text().lines().filter(|l| !l.is_empty()).collect();
    for expected in [
        "(1) Der Antrag ist schriftlich bei der zuständigen Behörde zu stellen.",
        "(2) Dem Antrag sind beizufügen:",
        "1. eine beglaubigte Abschrift des Ausweises,",
        "a) der Bescheinigung über die Prüfung,",
        "b) der Erklärung nach Anlage 1 mit",
        "aa) eigenhändiger Unterschrift und",
        "bb) Datum,",
        "3. einem Lichtbild und",
        // numbering restarted by a startOverride in § 2
        "(1) Zuständig ist die örtliche Ordnungsbehörde.",
        // hyperlink text kept
        "(2) Anträge können auch über das Verwaltungsportal gestellt werden.",
        // numbering from the paragraph style
        "(1) Für die Erlaubnis werden Gebühren nach der folgenden Tabelle erhoben:",
        "Erlaubnis\t50 Euro",
        "(2) Die Gebühr ist bei Antragstellung in bar zu entrichten.",
    ] {
        assert!(lines.contains(&expected), "missing line {expected:?} in\n{}", s.text());
    }
    // Footnote, header and footer are not norm text.
    for absent in ["eigenhändig zu unterschreiben", "Kopfzeile", "Drucksache", "PAGE", "- 1 -"] {
        assert!(!s.text().contains(absent), "„{absent}“ must not be in the text");
    }
    let link = span_of(&s, "Verwaltungsportal");
    assert_eq!(s.anchor_at(link.start), Some(&OriginalPlace::Docx { paragraph: 14, run: 1, inserted: false }));
    let doc = Document::parse(s);
    assert_eq!(norms(&doc, NodeKind::Paragraph), vec!["§ 1", "§ 2", "§ 3"]);
    assert_eq!(
        norms(&doc, NodeKind::Absatz),
        vec!["§ 1 Abs. 1", "§ 1 Abs. 2", "§ 2 Abs. 1", "§ 2 Abs. 2", "§ 3 Abs. 1", "§ 3 Abs. 2"]
    );
    assert_eq!(doc.of_kind(NodeKind::Nummer).count(), 3);
    assert_eq!(doc.of_kind(NodeKind::Buchstabe).count(), 2);
    assert_eq!(doc.of_kind(NodeKind::Doppelbuchstabe).count(), 2);
}

#[test]
fn docx_tracked_changes_read_as_accepted_and_insertions_marked() {
    let s = read("docx/tracked.docx");
    assert!(s.text().contains("(1) Der Antrag ist schriftlich bei der Behörde zu stellen."), "{}", s.text());
    assert!(s.text().contains("(2) Die Erklärung kann mündlich abgegeben werden."));
    assert!(!s.text().contains("elektronisch"), "deleted text must be gone");
    let inserted = span_of(&s, "schriftlich");
    assert!(s.in_inserted_text(inserted));
    assert!(s.in_inserted_text(span_of(&s, "per Post")));
    assert!(!s.in_inserted_text(span_of(&s, "Der Antrag ist")));
    assert!(!s.in_inserted_text(span_of(&s, "bei der Behörde")));
    assert!(!s.in_inserted_text(span_of(&s, "mündlich abgegeben")));
    // A span that only starts before the insertion still touches it.
    let across = span_of(&s, "ist schriftlich");
    assert!(s.in_inserted_text(across));
}

#[test]
fn pdf_drops_headers_footers_and_undoes_hyphenation() {
    let t = Instant::now();
    let s = read("pdf/hyphenated.pdf");
    eprintln!("hyphenated.pdf read in {:?}", t.elapsed());
    let text = s.text();
    assert!(!text.contains("Drucksache"), "running header left in");
    assert!(!text.lines().any(|l| l.trim().starts_with('-') && l.trim().ends_with('-')), "page number left in");
    assert!(text.contains("Schriftformerfordernis Verwaltungsverfahrensgesetz Ordnungsbehördenzuständigkeit"));
    assert!(!text.contains("Schrift-") && !text.contains("Verwal-"), "hyphenation not undone");
    assert!(text.contains("Die Bund-Länder-Kommission und die Kinder- und Jugendhilfe prüfen"));
    let doc = Document::parse(s);
    assert_eq!(doc.of_kind(NodeKind::Paragraph).count(), 8);
    assert_eq!(doc.of_kind(NodeKind::Absatz).count(), 24);
    for a in doc.of_kind(NodeKind::Absatz) {
        let text = doc.source().slice(doc.node(a).span);
        assert!(text.trim_end().ends_with("in Schriftform oder elektronisch."), "Absatz split or merged: {text:?}");
    }
    let last = doc.of_kind(NodeKind::Paragraph).last().unwrap();
    match doc.source().anchor_at(doc.node(last).span.start) {
        Some(OriginalPlace::Pdf { page, line }) => assert!(*page >= 2 && *line >= 1),
        other => panic!("no PDF anchor: {other:?}"),
    }
}

/// A PDF with only an owner password (printing allowed, changes not) is read without asking.
#[test]
fn pdf_with_permissions_password_only_is_read() {
    let s = read("pdf/permissions.pdf");
    assert!(s.text().contains("(1) Der Antrag ist schriftlich bei der Behörde zu stellen."), "{}", s.text());
}

#[test]
fn every_malformed_file_gets_its_own_clear_error() {
    let expected = [
        ("deep.xml", "verschachtelt"),
        ("empty.txt", "Datei ist leer"),
        ("encrypted.pdf", "verschlüsselt"),
        ("entity-bomb.xml", "DTD"),
        ("garbage.pdf", "PDF ist beschädigt"),
        ("noise.txt", "keine Textdatei"),
        ("not-word.docx", "kein Word-Dokument"),
        ("panicking.pdf", "nicht lesbar (interner Fehler des PDF-Lesers"),
        ("scanned.pdf", "keinen Text"),
        ("truncated.docx", "beschädigt oder abgeschnitten"),
        ("zip-bomb.docx", "ZIP-Bombe"),
    ];
    for (file, problem) in expected {
        let path = fixture(&format!("malformed/{file}"));
        let bytes = std::fs::read(&path).unwrap();
        let t = Instant::now();
        let e = input::read(file, &bytes, &InputLimits::default()).expect_err(file);
        eprintln!("{e} ({:?})", t.elapsed());
        assert_eq!(e.file, file);
        assert!(e.problem.contains(problem), "{file}: expected „{problem}“, got „{}“", e.problem);
    }
    for good in ["good.docx", "good.pdf", "good.txt", "good.xml"] {
        let s = read(&format!("malformed/{good}"));
        assert!(s.text().contains("schriftlich") || s.text().contains("Schriftform"), "{good}");
    }
}

#[test]
fn limits_are_configurable() {
    let bytes = std::fs::read(fixture("docx/numbered.docx")).unwrap();
    let tight = InputLimits { max_zip_entries: 3, ..InputLimits::default() };
    assert!(input::read("a.docx", &bytes, &tight).unwrap_err().problem.contains("höchstens 3"));
    let tight = InputLimits { max_unzipped_bytes: 4096, ..InputLimits::default() };
    assert!(input::read("a.docx", &bytes, &tight).unwrap_err().problem.contains("ZIP-Bombe"));
    let pdf = std::fs::read(fixture("pdf/hyphenated.pdf")).unwrap();
    let tight = InputLimits { max_pdf_pages: 1, ..InputLimits::default() };
    assert!(input::read("a.pdf", &pdf, &tight).unwrap_err().problem.contains("höchstens 1"));
}
