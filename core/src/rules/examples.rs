//! Rules prove themselves: every `flag "…"` example must be reported by its rule and every
//! `pass "…"` example must not be; a flagging example with a pin (`=> "words" fix "…"`) must be
//! reported on exactly those words, with exactly that suggested wording.
//!
//! Examples are checked as standalone Gesetzestext, under both jurisdiction profiles. A rule
//! matched by patterns is run alone (no deduplication against other rules): what the rule itself
//! says. A rule matched by the amendment layer (`match code amendment`) is judged by that layer with
//! the whole rule set, since the layer decides by comparing what the other rules find before and
//! after a change.

use super::ast::{CodeMatch, Example, Origin};
use super::error::RuleProblem;
use super::{CheckOptions, Rule, RuleSet};
use crate::amend::{self, AmendOptions, EngineChecker};
use crate::finding::{Finding, Profile};
use crate::source::SourceText;
use crate::structure::Document;

/// An example that did not behave as its rule says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExampleFailure {
    pub rule: String,
    pub origin: Origin,
    pub text: String,
    /// What went wrong, in German.
    pub problem: String,
}

impl ExampleFailure {
    pub fn into_problem(self) -> RuleProblem {
        RuleProblem { origin: self.origin, message: self.problem }
    }
}

impl std::fmt::Display for ExampleFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.clone().into_problem())
    }
}

pub(crate) fn run(set: &RuleSet) -> Vec<ExampleFailure> {
    let mut failures = Vec::new();
    for rule in set.rules() {
        for ex in &rule.examples {
            if let Some(problem) = judge(set, rule, ex) {
                failures.push(ExampleFailure { rule: rule.id.clone(), origin: ex.origin.clone(), text: ex.text.clone(), problem });
            }
        }
    }
    failures
}

/// What the rule reports in an example under one profile.
fn findings(set: &RuleSet, rule: &Rule, doc: &Document, profile: Profile) -> Vec<Finding> {
    let options = CheckOptions { profile, ..CheckOptions::default() };
    match rule.code {
        None => set.check_rule(&rule.id, doc, &options),
        Some(CodeMatch::Amendment) => {
            let checker = EngineChecker { rules: set, options };
            let checked = amend::check_amending(doc, &checker, &AmendOptions { profile, base: None });
            checked.findings.into_iter().filter(|f| f.rule == rule.id).collect()
        }
    }
}

/// `None` if the example behaves as written, else why not.
fn judge(set: &RuleSet, rule: &Rule, ex: &Example) -> Option<String> {
    let doc = Document::parse(SourceText::from_utf8("beispiel", &ex.text));
    let id = &rule.id;
    let quoted = |texts: &[&str]| texts.iter().map(|t| format!("„{t}“")).collect::<Vec<_>>().join(", ");
    for profile in [Profile::Mv, Profile::Bund] {
        let found = findings(set, rule, &doc, profile);
        let mut texts: Vec<&str> = found.iter().map(|f| f.text.as_str()).collect();
        texts.dedup();
        if !ex.flags {
            return (!found.is_empty())
                .then(|| format!("Beispiel für {id} wird gemeldet (erwartet: kein Treffer in „{}“; gefunden: {})", ex.text, quoted(&texts)));
        }
        if found.is_empty() {
            return Some(format!("Beispiel für {id} wird nicht gemeldet (erwartet: ein Treffer in „{}“)", ex.text));
        }
        let Some(pin) = &ex.pin else { continue };
        if found.iter().any(|f| f.text != pin.words) {
            return Some(format!("Beispiel für {id} meldet {} statt „{}“ in „{}“", quoted(&texts), pin.words, ex.text));
        }
        if let Some(fix) = &pin.fix {
            let expected = fix.get(profile);
            if let Some(f) = found.iter().find(|f| f.fix.as_deref() != Some(expected)) {
                let got = f.fix.as_deref().map_or("keinen Vorschlag".to_string(), |g| format!("„{g}“"));
                let label = profile.short_label();
                return Some(format!("Beispiel für {id} schlägt {got} vor statt „{expected}“ (Profil {label}) in „{}“", ex.text));
            }
        }
    }
    None
}
