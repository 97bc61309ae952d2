//! Word comments for findings: placed on the right words, one per finding, the rest of the file
//! untouched, and the result opens in LibreOffice.

use digicheck_core::annotate::{annotate_docx, AnnotateOptions, Comment};
use digicheck_core::input::{self, InputLimits};
use digicheck_core::{SourceText, Span};
use quick_xml::events::Event;
use std::collections::BTreeMap;
use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures").join(rel)
}

fn entry(docx: &[u8], name: &str) -> Option<String> {
    let mut z = zip::ZipArchive::new(Cursor::new(docx)).unwrap();
    let mut f = z.by_name(name).ok()?;
    let mut s = String::new();
    f.read_to_string(&mut s).unwrap();
    Some(s)
}

/// A comment as Word will show it: author, text, and the visible words its range covers.
#[derive(Debug)]
pub struct ReadComment {
    pub author: String,
    pub text: String,
    pub anchored: String,
}

fn attr(e: &quick_xml::events::BytesStart, key: &[u8]) -> Option<String> {
    e.attributes().flatten().find(|a| a.key.as_ref() == key).map(|a| String::from_utf8_lossy(&a.value).into_owned())
}

/// Reads the comments of a .docx back: comments.xml for author and text, document.xml for the
/// text between each `commentRangeStart` and `commentRangeEnd` (deleted text left out).
pub fn read_comments(docx: &[u8]) -> BTreeMap<String, ReadComment> {
    let mut out = BTreeMap::new();
    let comments = entry(docx, "word/comments.xml").expect("comments.xml");
    let mut r = quick_xml::Reader::from_str(&comments);
    let (mut id, mut author, mut text, mut in_t) = (String::new(), String::new(), String::new(), false);
    loop {
        match r.read_event().unwrap() {
            Event::Start(e) if e.name().as_ref() == b"w:comment" => {
                id = attr(&e, b"w:id").unwrap();
                author = attr(&e, b"w:author").unwrap_or_default();
                text.clear();
            }
            Event::Start(e) if e.name().as_ref() == b"w:p" && !text.is_empty() => text.push('\n'),
            Event::Start(e) if e.name().as_ref() == b"w:t" => in_t = true,
            Event::End(e) if e.name().as_ref() == b"w:t" => in_t = false,
            Event::Text(t) if in_t => text.push_str(&t.decode().unwrap()),
            Event::GeneralRef(g) if in_t => {
                text.push_str(quick_xml::escape::resolve_predefined_entity(&g.decode().unwrap()).unwrap_or("?"))
            }
            Event::End(e) if e.name().as_ref() == b"w:comment" => {
                out.insert(
                    id.clone(),
                    ReadComment { author: author.clone(), text: text.clone(), anchored: String::new() },
                );
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let document = entry(docx, "word/document.xml").unwrap();
    let mut r = quick_xml::Reader::from_str(&document);
    let mut active: Vec<String> = Vec::new();
    let (mut in_t, mut hidden) = (false, 0);
    loop {
        match r.read_event().unwrap() {
            Event::Empty(e) if e.name().as_ref() == b"w:commentRangeStart" => active.push(attr(&e, b"w:id").unwrap()),
            Event::Empty(e) if e.name().as_ref() == b"w:commentRangeEnd" => {
                let id = attr(&e, b"w:id").unwrap();
                active.retain(|a| *a != id);
            }
            Event::Start(e) if e.name().as_ref() == b"w:del" => hidden += 1,
            Event::End(e) if e.name().as_ref() == b"w:del" => hidden -= 1,
            Event::Start(e) if e.name().as_ref() == b"w:t" => in_t = true,
            Event::End(e) if e.name().as_ref() == b"w:t" => in_t = false,
            Event::End(e) if e.name().as_ref() == b"w:p" => {
                for id in &active {
                    out.get_mut(id).unwrap().anchored.push('\n');
                }
            }
            Event::Text(t) if in_t && hidden == 0 => {
                for id in &active {
                    out.get_mut(id).unwrap().anchored.push_str(&t.decode().unwrap());
                }
            }
            Event::GeneralRef(g) if in_t && hidden == 0 => {
                let s = quick_xml::escape::resolve_predefined_entity(&g.decode().unwrap()).unwrap_or("?");
                for id in &active {
                    out.get_mut(id).unwrap().anchored.push_str(s);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
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
    let read = read_comments(&annotated);
    assert_eq!(read.len(), picks.len());
    for (k, ((words, _), c)) in picks.iter().zip(&comments).enumerate() {
        let r = &read[&k.to_string()];
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
    let read = read_comments(&annotated);
    assert_eq!(normalised(&read["0"].anchored), "schriftlich");
    assert_eq!(normalised(&read["1"].anchored), "per Post");
    assert_eq!(normalised(&read["2"].anchored), "mündlich");
    // Annotating the annotated file again adds comments with new ids and keeps the old ones.
    let source2 = input::read("x.docx", &annotated, &InputLimits::default()).unwrap();
    let again = vec![comment_on(&source2, "Bescheid", 0, "zweite Runde")];
    let out =
        annotate_docx("x.docx", &annotated, &source2, &again, &AnnotateOptions::default(), &InputLimits::default())
            .unwrap();
    let read = read_comments(&out.docx);
    assert_eq!(read.len(), 4);
    assert_eq!(normalised(&read["3"].anchored), "Bescheid");
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
    let read = read_comments(&out.docx);
    assert_eq!(out.placed + out.unplaced.len(), 2);
    for r in read.values() {
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
