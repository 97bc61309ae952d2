//! DOCX reader: any bytes give text or a German error naming the file; panics of docx-rs are
//! contained (the production path, `input::read`), a zip bomb stops at the limits.
#![no_main]
use digicheck_core::input::{self, InputLimits};
use digicheck_core::Document;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Small limits keep single runs fast; the logic is the same as with the defaults.
    let limits = InputLimits { max_unzipped_bytes: 8 * 1024 * 1024, ..InputLimits::default() };
    match input::docx::read("fuzz.docx", data, &limits) {
        Ok(source) => {
            let doc = Document::parse(source);
            if let Err(e) = doc.check_invariants() {
                panic!("structure invariant broken on DOCX text: {e}");
            }
        }
        Err(e) => assert!(e.file == "fuzz.docx" && !e.problem.is_empty()),
    }
});
