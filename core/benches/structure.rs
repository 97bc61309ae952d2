//! Throughput of the input stages on real text: normalisation, line index, structure parsing.
//! The federal corpus is read from ../shared/corpus/federal.tar.gz into memory once; each bench
//! runs on one thread. Run: `cargo bench -p digicheck-core --bench structure`.

use digicheck_core::{Document, SourceText};
use divan::counter::BytesCount;
use divan::Bencher;
use std::path::Path;
use std::sync::OnceLock;

fn main() {
    divan::main();
}

fn shared(rel: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared").join(rel)
}

/// All texts of the federal corpus (about 153 MB).
fn federal() -> &'static Vec<String> {
    static TEXTS: OnceLock<Vec<String>> = OnceLock::new();
    TEXTS.get_or_init(|| {
        let file = std::fs::File::open(shared("corpus/federal.tar.gz")).expect("../shared/corpus/federal.tar.gz");
        let mut tar = tar::Archive::new(flate2::read::GzDecoder::new(file));
        let mut out = Vec::new();
        for entry in tar.entries().unwrap() {
            let mut entry = entry.unwrap();
            if entry.path().unwrap().extension().is_some_and(|e| e == "txt") {
                let mut s = String::new();
                std::io::Read::read_to_string(&mut entry, &mut s).unwrap();
                out.push(s);
            }
        }
        out
    })
}

fn vwvfg() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| std::fs::read_to_string(shared("corpus/sample/VwVfG.txt")).expect("VwVfG.txt"))
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn parse_federal_corpus(bencher: Bencher) {
    let texts = federal();
    let bytes: usize = texts.iter().map(String::len).sum();
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        texts.iter().map(|t| Document::parse(SourceText::from_utf8("f", t)).nodes().len()).sum::<usize>()
    });
}

#[divan::bench]
fn normalize_vwvfg(bencher: Bencher) {
    let t = vwvfg();
    bencher.counter(BytesCount::new(t.len())).bench(|| SourceText::from_utf8("VwVfG", divan::black_box(t)));
}

#[divan::bench]
fn parse_vwvfg(bencher: Bencher) {
    let t = vwvfg();
    bencher
        .counter(BytesCount::new(t.len()))
        .with_inputs(|| SourceText::from_utf8("VwVfG", t))
        .bench_values(Document::parse);
}
