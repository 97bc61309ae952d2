//! Time per stage of one check, on real federal law, and the whole check in-process.
//!
//! Stages: input (format detection, decoding, normalisation), structure, sentence split,
//! Änderungsbefehle, rule matching, JSON report; then `end_to_end`: bytes in, JSON out, as
//! `digicheck check --format json` does for one file (without process start and file I/O).
//!
//! The texts are read from the 34-law sample `../shared/corpus/sample` (override with
//! `DIGICHECK_SAMPLE=/path/to/dir`); they are not copied into the repository. Without them the
//! benchmark panics instead of measuring nothing.
//!
//! Run: `cargo bench -p digicheck-core --bench stages` (bench/README.md has recorded figures).

use digicheck_core::amend;
use digicheck_core::pipeline::{self, Input, Settings};
use digicheck_core::input::{self, InputLimits};
use digicheck_core::report::{self, FileResult, Report};
use digicheck_core::structure::sentences;
use digicheck_core::{CheckOptions, Document, Profile, RuleSet, SourceText, Span};
use divan::counter::BytesCount;
use divan::{black_box, Bencher};
use std::path::PathBuf;
use std::sync::OnceLock;

fn main() {
    // Load eagerly so that a missing corpus stops the run before any figure is printed.
    for law in LAWS {
        text(law);
    }
    RuleSet::builtin().expect("built-in rule catalogue");
    divan::main();
}

/// VwVfG (134 KB), the classic; WaffG (238 KB), the „~250 KB law“ of the latency target; AO
/// (720 KB), one of the largest.
const LAWS: &[&str] = &["VwVfG", "WaffG", "AO"];

fn sample_dir() -> PathBuf {
    std::env::var_os("DIGICHECK_SAMPLE")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/sample"))
}

fn text(law: &str) -> &'static str {
    static TEXTS: OnceLock<Vec<(&'static str, String)>> = OnceLock::new();
    let texts = TEXTS.get_or_init(|| {
        let dir = sample_dir();
        LAWS.iter()
            .map(|&l| {
                let path = dir.join(format!("{l}.txt"));
                let t = std::fs::read_to_string(&path).unwrap_or_else(|e| {
                    panic!(
                        "benchmark data missing: {} ({e}); the benches read the federal sample from \
                         ../shared/corpus/sample or DIGICHECK_SAMPLE",
                        path.display()
                    )
                });
                assert!(t.len() > 10_000, "{} is suspiciously small ({} bytes)", path.display(), t.len());
                (l, t)
            })
            .collect()
    });
    texts.iter().find(|(l, _)| *l == law).map(|(_, t)| t.as_str()).expect("law listed in LAWS")
}

fn source(law: &str) -> SourceText {
    input::read(&format!("{law}.txt"), text(law).as_bytes(), &InputLimits::default()).expect("readable text")
}

fn rules() -> &'static RuleSet {
    RuleSet::builtin().expect("built-in rule catalogue")
}

/// What `digicheck check` does for one input: the whole pipeline on the file's bytes.
fn check(raw: &[u8]) -> FileResult {
    pipeline::check(Input::Bytes { name: "law.txt", bytes: raw }, rules(), &Settings::default())
}

fn json(file: FileResult) -> String {
    let files = [file];
    report::json::render(&Report { files: &files, rules: rules(), profile: Profile::default() })
}

#[divan::bench(args = LAWS)]
fn input(bencher: Bencher, law: &str) {
    let raw = text(law).as_bytes();
    bencher
        .counter(BytesCount::new(raw.len()))
        .bench(|| input::read("law.txt", black_box(raw), &InputLimits::default()).expect("readable text"));
}

#[divan::bench(args = LAWS)]
fn structure(bencher: Bencher, law: &str) {
    bencher.counter(BytesCount::new(text(law).len())).with_inputs(|| source(law)).bench_values(Document::parse);
}

#[divan::bench(args = LAWS)]
fn sentence_split(bencher: Bencher, law: &str) {
    let src = source(law);
    let t = src.text();
    bencher.counter(BytesCount::new(t.len())).bench(|| sentences::split(black_box(t), Span::new(0, t.len())));
}

#[divan::bench(args = LAWS)]
fn amendments(bencher: Bencher, law: &str) {
    let doc = Document::parse(source(law));
    bencher.counter(BytesCount::new(text(law).len())).bench(|| amend::parse(black_box(&doc)));
}

#[divan::bench(args = LAWS)]
fn rule_matching(bencher: Bencher, law: &str) {
    let doc = Document::parse(source(law));
    let options = CheckOptions::default();
    bencher.counter(BytesCount::new(text(law).len())).bench(|| rules().check(black_box(&doc), &options));
}

#[divan::bench(args = LAWS)]
fn report_json(bencher: Bencher, law: &str) {
    bencher.counter(BytesCount::new(text(law).len())).with_inputs(|| check(text(law).as_bytes())).bench_values(json);
}

/// Bytes in, JSON out: the in-process latency of checking one law (target for WaffG: < 10 ms).
#[divan::bench(args = LAWS)]
fn end_to_end(bencher: Bencher, law: &str) {
    let raw = text(law).as_bytes();
    bencher.counter(BytesCount::new(raw.len())).bench(|| json(check(black_box(raw))));
}
