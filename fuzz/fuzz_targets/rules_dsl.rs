//! Rule DSL: any text either compiles or yields rule errors with a position; never a panic.
#![no_main]
use digicheck_core::RuleSet;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let sources = vec![("fuzz.dc".to_string(), text.to_string())];
    match RuleSet::compile_sources(&sources) {
        Ok(set) => {
            // A compiled rule set must also survive running its own examples.
            let _ = set.run_examples();
        }
        Err(e) => assert!(!e.problems.is_empty(), "an error without problems"),
    }
});
