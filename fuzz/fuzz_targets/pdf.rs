//! PDF reader: any bytes give text or a German error naming the file. pdf-extract and lopdf panic
//! on unusual files; the reader contains those panics (`guard::contain`), which is exactly what
//! this target exercises: libFuzzer's abort-on-panic hook must never be reached.
#![no_main]
use digicheck_core::input::{self, InputLimits};
use digicheck_core::Document;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = InputLimits { max_pdf_pages: 50, ..InputLimits::default() };
    match input::pdf::read("fuzz.pdf", data, &limits) {
        Ok(source) => {
            let doc = Document::parse(source);
            if let Err(e) = doc.check_invariants() {
                panic!("structure invariant broken on PDF text: {e}");
            }
        }
        Err(e) => assert!(e.file == "fuzz.pdf" && !e.problem.is_empty()),
    }
});
