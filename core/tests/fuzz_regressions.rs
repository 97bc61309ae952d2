//! Inputs the fuzzers (`fuzz/`) found crashes or hangs with, replayed through the same code and
//! the same assertions as the fuzz targets, so that plain `cargo test` keeps them fixed.
//! One folder per target under `core/tests/fuzz/`; file names say what went wrong.

use digicheck_core::amend::{self, AmendOptions, EngineChecker};
use digicheck_core::input::{self, InputLimits};
use digicheck_core::source::offsets::{LineCol, LineIndex};
use digicheck_core::{CheckOptions, Document, RuleSet, SourceText};
use std::path::Path;
use std::time::{Duration, Instant};

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz").join(target);
    let Ok(entries) = std::fs::read_dir(&dir) else { return Vec::new() };
    let mut v: Vec<(String, Vec<u8>)> = entries
        .filter_map(|e| e.ok())
        .map(|e| (e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).unwrap()))
        .collect();
    v.sort();
    v
}

/// Runs `f` on every input of `target`, each within a generous time bound (a hang is a failure).
fn replay(target: &str, f: impl Fn(&[u8])) {
    for (name, data) in inputs(target) {
        let t = Instant::now();
        f(&data);
        assert!(t.elapsed() < Duration::from_secs(20), "{target}/{name}: took {:?}", t.elapsed());
        eprintln!("{target}/{name}: ok in {:?}", t.elapsed());
    }
}

fn structure(text: &str) -> Document {
    let doc = Document::parse(SourceText::from_utf8("fuzz.txt", text));
    if let Err(e) = doc.check_invariants() {
        panic!("structure invariant broken: {e}");
    }
    doc
}

#[test]
fn structure_inputs() {
    replay("structure", |data| {
        if let Ok(text) = std::str::from_utf8(data) {
            structure(text);
        }
    });
}

#[test]
fn rules_dsl_inputs() {
    replay("rules_dsl", |data| {
        let Ok(text) = std::str::from_utf8(data) else { return };
        match RuleSet::compile_sources(&[("fuzz.dc".to_string(), text.to_string())]) {
            Ok(set) => {
                let _ = set.run_examples();
            }
            Err(e) => assert!(!e.problems.is_empty()),
        }
    });
}

#[test]
fn amend_inputs() {
    replay("amend", |data| {
        let Ok(text) = std::str::from_utf8(data) else { return };
        let doc = Document::parse(SourceText::from_utf8("fuzz.txt", text));
        let parsed = amend::parse(&doc);
        let checker = EngineChecker { rules: RuleSet::builtin().unwrap(), options: CheckOptions::default() };
        let checked = amend::check_amending(&doc, &checker, &AmendOptions::default());
        let norm = doc.text();
        for f in &checked.findings {
            assert!(f.span.end <= norm.len() && norm.is_char_boundary(f.span.start) && norm.is_char_boundary(f.span.end));
        }
        let commands: Vec<&amend::Amendment> = parsed.commands.iter().collect();
        let _ = amend::apply(norm, &commands);
    });
}

fn reader_output(name: &str, result: Result<SourceText, input::InputError>) {
    match result {
        Ok(source) => {
            let doc = Document::parse(source);
            if let Err(e) = doc.check_invariants() {
                panic!("structure invariant broken: {e}");
            }
        }
        Err(e) => assert!(e.file == name && !e.problem.is_empty()),
    }
}

#[test]
fn docx_inputs() {
    let limits = InputLimits { max_unzipped_bytes: 8 * 1024 * 1024, ..InputLimits::default() };
    replay("docx", |data| reader_output("fuzz.docx", input::docx::read("fuzz.docx", data, &limits)));
}

#[test]
fn pdf_inputs() {
    let limits = InputLimits { max_pdf_pages: 50, ..InputLimits::default() };
    replay("pdf", |data| reader_output("fuzz.pdf", input::pdf::read("fuzz.pdf", data, &limits)));
}

#[test]
fn ldml_inputs() {
    replay("ldml", |data| reader_output("fuzz.xml", input::ldml::read("fuzz.xml", data, &InputLimits::default())));
}

#[test]
fn offsets_inputs() {
    replay("offsets", |data| {
        let Ok(text) = std::str::from_utf8(data) else { return };
        let index = LineIndex::new(text);
        for b in text.char_indices().map(|(i, _)| i).chain([text.len()]) {
            assert_eq!(index.byte_of_utf16(text, index.utf16_offset(text, b)), b);
            let lc = index.line_col(text, b);
            assert_eq!(index.byte_of_line_col(text, lc), b);
            assert_eq!(index.byte_of_lsp_position(text, lc.line - 1, index.utf16_column(text, b)), b);
        }
        let _ = index.byte_of_line_col(text, LineCol { line: usize::MAX, column: usize::MAX });
    });
}
