//! Structure parsing on the real federal laws in ../shared/corpus: nothing dropped, every § found.

use digicheck_core::{Document, NodeKind, SourceText};
use std::path::PathBuf;

fn shared() -> Option<PathBuf> {
    digicheck_testkit::shared_corpus("the corpus structure tests")
}

/// An independent count of § headings: lines that are exactly „§ N“, „§ N – …“, „§§ N bis M …“,
/// as the federal corpus writes them (README of the corpus), outside the Inhaltsübersicht.
fn count_paragraph_headings(text: &str) -> usize {
    let re = regex::Regex::new(r"^§§? ?\d+[a-z]{0,2}((,| bis| und) \d+[a-z]{0,2})*( – .*| ?\(weggefallen\))?$").unwrap();
    text.lines().filter(|l| re.is_match(l.trim_end())).count()
}

#[test]
fn sample_laws_parse_completely_and_find_every_paragraph() {
    let Some(corpus) = shared() else { return };
    let mut files: Vec<_> = std::fs::read_dir(corpus.join("sample")).unwrap().map(|e| e.unwrap().path()).collect();
    files.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    files.sort();
    assert_eq!(files.len(), 34);
    let mut mismatches = Vec::new();
    for f in &files {
        let raw = std::fs::read_to_string(f).unwrap();
        let doc = Document::parse(SourceText::from_utf8(f.display().to_string(), &raw));
        doc.check_invariants().unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        let parsed = doc.of_kind(NodeKind::Paragraph).count();
        let expected = count_paragraph_headings(doc.text());
        if parsed != expected {
            mismatches.push(format!("{}: parser {parsed}, heading count {expected}", f.display()));
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

/// Every file of the federal corpus (about 6,000 laws, 153 MB) parses without dropping text.
/// Reads the archive directly, so no unpacked copy is needed.
#[test]
fn federal_corpus_parses_completely() {
    let Some(corpus) = shared() else { return };
    let archive = std::fs::File::open(corpus.join("federal.tar.gz")).expect("federal.tar.gz");
    let mut tar = tar::Archive::new(flate2::read::GzDecoder::new(archive));
    let mut files = 0;
    let mut failures = Vec::new();
    for entry in tar.entries().unwrap() {
        let mut entry = entry.unwrap();
        let path = entry.path().unwrap().display().to_string();
        if !path.ends_with(".txt") {
            continue;
        }
        let mut raw = String::new();
        std::io::Read::read_to_string(&mut entry, &mut raw).unwrap();
        let doc = Document::parse(SourceText::from_utf8(path.clone(), &raw));
        if let Err(e) = doc.check_invariants() {
            failures.push(format!("{path}: {e}"));
        }
        files += 1;
    }
    assert!(files > 5900, "only {files} files in the archive");
    assert!(failures.is_empty(), "{} of {files} files lose text:\n{}", failures.len(), failures.join("\n"));
}
