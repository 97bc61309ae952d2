//! Checking one input end to end: read, parse, run the rules, apply settings and suppressions.
//! A panic inside the engine is contained and reported as an error of that file, and the whole
//! work on one file runs under the time limit per document ([`digicheck_core::deadline`]), so a
//! batch run always goes on with the other files.

use crate::config::Settings;
use crate::inputs::{self, InputPath};
use crate::suppress;
use digicheck_core::deadline;
use digicheck_core::report::FileResult;
use digicheck_core::amend::{self, AmendOptions, EngineChecker};
use digicheck_core::{CheckOptions, Document, RuleSet};
use std::panic::{catch_unwind, AssertUnwindSafe};

pub fn check_one(input: &InputPath, rules: &RuleSet, settings: &Settings) -> FileResult {
    let name = input.display_name();
    match deadline::run(settings.time_limit, || check_within_limit(input, rules, settings)) {
        Ok(result) => result,
        Err(exceeded) => FileResult::failed(name, exceeded.to_string()),
    }
}

fn check_within_limit(input: &InputPath, rules: &RuleSet, settings: &Settings) -> FileResult {
    let name = input.display_name();
    let source = match inputs::load(input, &settings.input_limits()) {
        Ok(s) => s,
        Err(e) => return FileResult::failed(name, e.problem),
    };
    let result = catch_unwind(AssertUnwindSafe(|| {
        let doc = Document::parse(source);
        let options = CheckOptions { profile: settings.profile, include_begruendung: settings.begruendung };
        // Amending drafts: quoted new wording is checked as law-to-be, command wording and old
        // wording are not barriers, removed and introduced barriers are told apart.
        let checker = EngineChecker { rules, options };
        let checked = amend::check_amending(&doc, &checker, &AmendOptions { profile: settings.profile, base: None });
        let mut findings = checked.findings;
        apply_settings(&mut findings, settings);
        let mut notes: Vec<String> = checked
            .amendments
            .unparsed
            .iter()
            .map(|u| format!("Änderungsbefehl {} nicht verstanden: {}", u.path, u.reason))
            .collect();
        notes.extend(suppress::apply(doc.source(), &mut findings));
        (doc, findings, notes)
    }));
    match result {
        Ok((doc, findings, notes)) => FileResult { name, document: Some(doc), findings, errors: Vec::new(), notes },
        Err(panic) if deadline::is_time_exceeded(panic.as_ref()) => std::panic::resume_unwind(panic),
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            FileResult::failed(name, format!("interner Fehler bei der Prüfung ({what}); bitte melden"))
        }
    }
}

/// Severity overrides, disabled rules and categories, minimum severity.
pub(crate) fn apply_settings(findings: &mut Vec<digicheck_core::Finding>, s: &Settings) {
    for f in findings.iter_mut() {
        if let Some(&sev) = s.severity.get(&f.rule) {
            f.severity = sev;
        }
    }
    findings.retain(|f| {
        f.severity >= s.min_severity && !s.disable.contains(&f.rule) && !s.disable_categories.contains(&f.category)
    });
}
