//! Structure parser: any UTF-8 text parses, and the tree keeps its guarantees
//! (`Document::check_invariants`: root covers the input, children nested and ordered, every
//! non-blank byte in exactly one leaf or label).
#![no_main]
use digicheck_core::{Document, SourceText};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let doc = Document::parse(SourceText::from_utf8("fuzz.txt", text));
    if let Err(e) = doc.check_invariants() {
        panic!("structure invariant broken: {e}");
    }
});
