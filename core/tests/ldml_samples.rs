//! Every LegalDocML.de sample in ../shared/corpus/ldml parses, renders like the corpus tool
//! `ldml2txt.py` did (../shared/corpus/amending), and maps positions to eIds.

use digicheck_core::input::{self, Format, InputLimits};
use digicheck_core::{CheckOptions, Document, NodeKind, RuleSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

fn shared() -> Option<PathBuf> {
    digicheck_testkit::shared_dir("corpus/ldml", "the LegalDocML.de sample tests")?;
    digicheck_testkit::shared_corpus("the LegalDocML.de sample tests")
}

fn samples(corpus: &Path) -> Vec<PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(corpus.join("ldml")).unwrap().map(|e| e.unwrap().path()).collect();
    files.retain(|p| p.extension().is_some_and(|e| e == "xml"));
    files.sort();
    files
}

#[test]
fn every_sample_parses_and_maps_to_eids() {
    let Some(corpus) = shared() else { return };
    let files = samples(&corpus);
    assert_eq!(files.len(), 14, "expected the 14 samples of SOURCES.md");
    let mut total_findings = 0;
    for f in &files {
        let bytes = std::fs::read(f).unwrap();
        assert_eq!(input::detect_format(&f.display().to_string(), &bytes), Format::Xml);
        let t = Instant::now();
        let source =
            input::read(&f.display().to_string(), &bytes, &InputLimits::default()).unwrap_or_else(|e| panic!("{e}"));
        let elapsed = t.elapsed();
        assert!(!source.text().trim().is_empty(), "{}: no text", f.display());
        // Every non-blank line starts in an element with an eId.
        let mut without = 0;
        let mut offset = 0;
        for line in source.text().split_inclusive('\n') {
            if !line.trim().is_empty() && source.eid_at(offset).is_none() {
                without += 1;
            }
            offset += line.len();
        }
        assert_eq!(without, 0, "{}: {without} lines without eId", f.display());
        let doc = Document::parse(source);
        doc.check_invariants().unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        // Every finding names the element it lies in.
        let options = CheckOptions { include_begruendung: true, ..CheckOptions::default() };
        let found = RuleSet::builtin().unwrap().check(&doc, &options);
        for finding in &found {
            assert!(
                doc.source().eid_at(finding.span.start).is_some(),
                "{}: finding without eId: {finding:?}",
                f.display()
            );
        }
        total_findings += found.len();
        eprintln!(
            "{}: {} bytes → {} bytes text, {} §/Artikel, read in {:?}",
            f.file_name().unwrap().to_string_lossy(),
            bytes.len(),
            doc.text().len(),
            doc.of_kind(NodeKind::Paragraph).count() + doc.of_kind(NodeKind::Artikel).count(),
            elapsed
        );
    }
    eprintln!("{total_findings} findings in the 14 samples, each with an eId");
    assert!(total_findings > 0);
}

/// The reader and the corpus tool that made ../shared/corpus/amending agree line for line.
#[test]
fn rendering_matches_ldml2txt() {
    let Some(corpus) = shared() else { return };
    let mut compared = 0;
    for f in samples(&corpus) {
        let stem = f.file_stem().unwrap().to_string_lossy().to_string();
        let txt = [
            corpus.join("amending").join(format!("{stem}.txt")),
            corpus.join("amending/targets").join(format!("{stem}.txt")),
        ]
        .into_iter()
        .find(|p| p.is_file());
        let Some(txt) = txt else { continue };
        let expected = std::fs::read_to_string(&txt).unwrap();
        let source = input::read(&stem, &std::fs::read(&f).unwrap(), &InputLimits::default()).unwrap();
        let got = source.text();
        if got != expected {
            let (g, e): (Vec<_>, Vec<_>) = (got.lines().collect(), expected.lines().collect());
            let first = g.iter().zip(&e).position(|(a, b)| a != b).unwrap_or(g.len().min(e.len()));
            panic!(
                "{stem}: differs from {} at line {}:\n  reader: {:?}\n  tool:   {:?}",
                txt.display(),
                first + 1,
                g.get(first),
                e.get(first)
            );
        }
        compared += 1;
    }
    eprintln!("{compared} samples identical to ldml2txt.py output");
    assert!(compared >= 10, "only {compared} samples had a text version");
}
