//! Rules prove themselves: every `flag "…"` example must be reported by its rule and every
//! `pass "…"` example must not be. Examples are checked as standalone Gesetzestext with the rule
//! alone (no deduplication against other rules). The profile only changes messages, never what
//! matches, so one profile suffices (examples run on every load of the catalogue).

use super::ast::Origin;
use super::error::RuleProblem;
use super::{CheckOptions, RuleSet};
use crate::finding::Profile;
use crate::source::SourceText;
use crate::structure::Document;

/// An example that did not behave as its rule says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExampleFailure {
    pub rule: String,
    pub origin: Origin,
    /// `true` for a `flag` example that was not reported, `false` for a `pass` example that was.
    pub expected_flag: bool,
    pub text: String,
    /// What the rule reported (for `pass` failures).
    pub found: Vec<String>,
}

impl ExampleFailure {
    pub fn into_problem(self) -> RuleProblem {
        let message = if self.expected_flag {
            format!("Beispiel für {} wird nicht gemeldet (erwartet: ein Treffer in „{}“)", self.rule, self.text)
        } else {
            format!(
                "Beispiel für {} wird gemeldet (erwartet: kein Treffer in „{}“; gefunden: {})",
                self.rule,
                self.text,
                self.found.iter().map(|f| format!("„{f}“")).collect::<Vec<_>>().join(", ")
            )
        };
        RuleProblem { origin: self.origin, message }
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
            let doc = Document::parse(SourceText::from_utf8("beispiel", &ex.text));
            let mut found = Vec::new();
            let options = CheckOptions { profile: Profile::Mv, include_begruendung: false };
            for f in set.check_rule(&rule.id, &doc, &options) {
                if !found.contains(&f.text) {
                    found.push(f.text);
                }
            }
            if ex.flags == found.is_empty() {
                failures.push(ExampleFailure {
                    rule: rule.id.clone(),
                    origin: ex.origin.clone(),
                    expected_flag: ex.flags,
                    text: ex.text.clone(),
                    found,
                });
            }
        }
    }
    failures
}
