//! Amendment commands: reading the Änderungsbefehle of any text, checking it as an amending law
//! with the built-in catalogue (the production path of `digicheck check`), and applying the
//! commands to the text itself. Every finding's span must lie inside the input on char boundaries.
#![no_main]
use digicheck_core::amend::{self, AmendOptions, EngineChecker};
use digicheck_core::{CheckOptions, Document, RuleSet, SourceText};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let doc = Document::parse(SourceText::from_utf8("fuzz.txt", text));
    let parsed = amend::parse(&doc);
    let rules = RuleSet::builtin().expect("built-in catalogue");
    let checker = EngineChecker { rules, options: CheckOptions::default() };
    let checked = amend::check_amending(&doc, &checker, &AmendOptions::default());
    let norm = doc.text();
    for f in &checked.findings {
        assert!(f.span.start <= f.span.end && f.span.end <= norm.len(), "finding span {:?} outside 0..{}", f.span, norm.len());
        assert!(norm.is_char_boundary(f.span.start) && norm.is_char_boundary(f.span.end), "finding span {:?} not on char boundaries", f.span);
    }
    let commands: Vec<&amend::Amendment> = parsed.commands.iter().collect();
    let _ = amend::apply(norm, &commands);
});
