//! What the drafting page does per keystroke, natively: a full check of a VwVfG-sized draft, and
//! a session update after a one-character edit (the browser benchmark `tests/bench.mjs` measures
//! the same in WebAssembly; this one is for profiling with callgrind and for quick comparisons).
//!
//! The text is the VwVfG from `../shared/corpus/sample` (override with `DIGICHECK_SAMPLE=dir`);
//! without it the benchmark panics instead of measuring nothing.
//!
//! Run: `cargo bench -p digicheck-wasm --bench session`.

use digicheck_core::pipeline::{Input, Session, Settings};
use digicheck_wasm::api;
use divan::{black_box, Bencher};
use std::path::PathBuf;
use std::sync::OnceLock;

fn main() {
    text();
    api::rules().expect("built-in rule catalogue");
    divan::main();
}

fn text() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| {
        let dir = std::env::var_os("DIGICHECK_SAMPLE")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/sample"));
        let path = dir.join("VwVfG.txt");
        std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("benchmark data missing: {} ({e})", path.display()))
    })
}

fn settings() -> Settings {
    api::settings_from_json(None, api::rules().expect("catalogue")).expect("default settings")
}

/// The text with one character typed in the middle of an Absatz, as `tests/bench.mjs` does.
fn edited() -> String {
    let t = text();
    let mid = t[t.len() / 2..].find("\n(2) ").map_or(t.len() / 2, |i| t.len() / 2 + i + 6);
    format!("{}x{}", &t[..mid], &t[mid..])
}

#[divan::bench(sample_count = 20)]
fn full_check() -> usize {
    let s = settings();
    let result = api::check(black_box(text()), &s).expect("check");
    api::result_json(&result, text(), None::<()>).expect("json").len()
}

#[divan::bench(sample_count = 40)]
fn update_after_one_character(bencher: Bencher) {
    let original = text();
    let edited = edited();
    let (rules, s) = (api::rules().expect("catalogue"), settings());
    let mut session = Session::new();
    session.update(Input::Text { name: api::TEXT_NAME, text: original }, rules, &s);
    let mut flip = false;
    bencher.bench_local(|| {
        flip = !flip;
        let t = if flip { edited.as_str() } else { original };
        let result = api::checked(session.update(Input::Text { name: api::TEXT_NAME, text: black_box(t) }, rules, &s)).expect("update");
        let stats = session.stats();
        api::result_json(&result, t, Some((stats.regions, stats.checked))).expect("json").len()
    });
}
