//! Word comments for findings: placed on the right words, one per finding, the rest of the file
//! untouched, and the result opens in LibreOffice.

use digicheck_core::annotate::{annotate_docx, comments_in, AnnotateOptions, Comment};
use digicheck_core::input::{self, InputLimits};
use digicheck_core::{SourceText, Span};
use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures").join(rel)
}

fn comment_on(source: &SourceText, words: &str, nth: usize, text: &str) -> Comment {
    let start = source.text().match_indices(words).nth(nth).unwrap_or_else(|| panic!("„{words}“ #{nth} not found")).0;
    Comment { span: Span::new(start, start + words.len()), text: text.to_string() }
}

fn annotate(rel: &str, picks: &[(&str, usize)]) -> (Vec<u8>, Vec<u8>, SourceText, Vec<Comment>) {
    let original = std::fs::read(fixture(rel)).unwrap();
    let source = input::read(rel, &original, &InputLimits::default()).unwrap();
    let comments: Vec<Comment> = picks
        .iter()
        .enumerate()
        .map(|(k, (w, n))| comment_on(&source, w, *n, &format!("Befund {k}\nVorschlag: „x“\nRegel DC-T-{k:03}")))
        .collect();
    let options = AnnotateOptions { date: Some("2025-07-01T12:00:00Z".into()), ..AnnotateOptions::default() };
    let out = annotate_docx(rel, &original, &source, &comments, &options, &InputLimits::default()).unwrap();
    assert_eq!(out.placed, comments.len(), "unplaced: {:?}", out.unplaced);
    (original, out.docx, source, comments)
}

fn normalised(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn one_comment_per_finding_on_the_right_words() {
    let picks = [
        ("schriftlich", 0),
        ("beglaubigte Abschrift", 0),
        ("eigenhändiger Unterschrift", 0),
        ("Verwaltungsportal", 0),
        ("über das Verwaltungsportal gestellt", 0),
        ("50 Euro", 0),
        ("in bar", 0),
        ("Antrag", 0),
        ("Antrag", 1),
        ("Behörde bestätigt den Eingang des Antrags", 0),
    ];
    let (original, annotated, _, comments) = annotate("docx/numbered.docx", &picks);
    let read = comments_in(&annotated).unwrap();
    assert_eq!(read.len(), picks.len());
    for (k, ((words, _), c)) in picks.iter().zip(&comments).enumerate() {
        let r = &read[k];
        assert_eq!(normalised(&r.anchored), *words, "comment {k}");
        assert_eq!(r.text, c.text);
        assert_eq!(r.author, "Digi-Check");
    }
    // Everything but the document, relationships, content types and the new comments part is
    // copied byte for byte.
    let mut a = zip::ZipArchive::new(Cursor::new(&original[..])).unwrap();
    let mut b = zip::ZipArchive::new(Cursor::new(&annotated[..])).unwrap();
    for i in 0..a.len() {
        let name = a.by_index(i).unwrap().name().to_string();
        let mut x = Vec::new();
        a.by_index_raw(i).unwrap().read_to_end(&mut x).unwrap();
        let mut y = Vec::new();
        b.by_name(&name).unwrap().read_to_end(&mut Vec::new()).unwrap();
        let j = b.index_for_name(&name).unwrap();
        b.by_index_raw(j).unwrap().read_to_end(&mut y).unwrap();
        if !["word/document.xml", "word/_rels/document.xml.rels", "[Content_Types].xml"].contains(&name.as_str()) {
            assert_eq!(x, y, "{name} changed");
        }
    }
    // The annotated file reads as the same text.
    let before = input::read("a.docx", &original, &InputLimits::default()).unwrap();
    let after = input::read("b.docx", &annotated, &InputLimits::default()).unwrap();
    assert_eq!(before.text(), after.text());
}

#[test]
fn comments_in_tracked_insertions_and_existing_comments_are_kept() {
    let (_, annotated, source, comments) =
        annotate("docx/tracked.docx", &[("schriftlich", 0), ("per Post", 0), ("mündlich", 0)]);
    assert!(source.in_inserted_text(comments[0].span));
    let read = comments_in(&annotated).unwrap();
    assert_eq!(normalised(&read[0].anchored), "schriftlich");
    assert_eq!(normalised(&read[1].anchored), "per Post");
    assert_eq!(normalised(&read[2].anchored), "mündlich");
    // Annotating the annotated file again adds comments with new ids and keeps the old ones.
    let source2 = input::read("x.docx", &annotated, &InputLimits::default()).unwrap();
    let again = vec![comment_on(&source2, "Bescheid", 0, "zweite Runde")];
    let out =
        annotate_docx("x.docx", &annotated, &source2, &again, &AnnotateOptions::default(), &InputLimits::default())
            .unwrap();
    let read = comments_in(&out.docx).unwrap();
    assert_eq!(read.len(), 4);
    assert_eq!(normalised(&read[3].anchored), "Bescheid");
}

#[test]
fn words_not_in_the_file_are_reported_not_misplaced() {
    let original = std::fs::read(fixture("docx/numbered.docx")).unwrap();
    let source = input::read("n.docx", &original, &InputLimits::default()).unwrap();
    // A span over a rebuilt number: „(1) “ is not in the Word text, the comment still lands on the
    // words after it; a span over nothing but the number cannot be placed.
    let at = source.text().find("(1) Der Antrag").unwrap();
    let comments = vec![
        Comment { span: Span::new(at, at + "(1) Der Antrag".len()), text: "a".into() },
        Comment { span: Span::new(at, at + 3), text: "b".into() },
    ];
    let out =
        annotate_docx("n.docx", &original, &source, &comments, &AnnotateOptions::default(), &InputLimits::default())
            .unwrap();
    let read = comments_in(&out.docx).unwrap();
    assert_eq!(out.placed + out.unplaced.len(), 2);
    for r in &read {
        assert!(normalised(&r.anchored).contains("Der Antrag") || r.anchored.is_empty(), "{r:?}");
    }
}

/// LibreOffice opens the annotated file: converting it to PDF works.
#[test]
fn annotated_docx_converts_with_libreoffice() {
    if std::process::Command::new("soffice").arg("--version").output().is_err() {
        if std::env::var_os("CI").is_some() {
            panic!("soffice is missing, but CI is set: the LibreOffice round trip cannot run");
        }
        eprintln!("NOTE: soffice (LibreOffice) not found — annotated .docx conversion test SKIPPED");
        return;
    }
    let (_, annotated, _, _) =
        annotate("docx/numbered.docx", &[("schriftlich", 0), ("Verwaltungsportal", 0), ("50 Euro", 0)]);
    let dir = std::env::temp_dir().join(format!("digicheck-annotate-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let docx = dir.join("annotiert.docx");
    std::fs::write(&docx, &annotated).unwrap();
    let status = std::process::Command::new("soffice")
        .arg("--headless")
        .arg(format!("-env:UserInstallation=file://{}/profile", dir.display()))
        .args(["--convert-to", "pdf", "--outdir"])
        .arg(&dir)
        .arg(&docx)
        .output()
        .unwrap();
    let pdf = dir.join("annotiert.pdf");
    assert!(pdf.is_file(), "soffice did not convert: {}", String::from_utf8_lossy(&status.stderr));
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF") && bytes.len() > 1000);
    let text = input::read("annotiert.pdf", &bytes, &InputLimits::default()).unwrap();
    assert!(text.text().contains("schriftlich"));
    std::fs::remove_dir_all(&dir).ok();
}
