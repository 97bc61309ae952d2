//! LegalDocML.de reader: any bytes give text or a German error; DTDs, entity bombs and deep
//! nesting are refused; eId anchors point into the text.
#![no_main]
use digicheck_core::input::{self, InputLimits};
use digicheck_core::Document;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match input::ldml::read("fuzz.xml", data, &InputLimits::default()) {
        Ok(source) => {
            let doc = Document::parse(source);
            if let Err(e) = doc.check_invariants() {
                panic!("structure invariant broken on XML text: {e}");
            }
        }
        Err(e) => assert!(e.file == "fuzz.xml" && !e.problem.is_empty()),
    }
});
