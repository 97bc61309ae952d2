//! What a user decides about a check: whose law is cited, which parts of a draft are read, which
//! rules and categories are reported at which severity, whether inline suppressions count, and the
//! limits that protect a batch from hostile input.
//!
//! Every front end builds one [`Settings`] — the CLI and the language server from `digicheck.toml`
//! ([`crate::config`]) and their own flags, the WebAssembly module from the options object of
//! JavaScript — and the pipeline applies it the same way for all of them.

use crate::input::InputLimits;
use crate::{Category, Finding, Profile, Severity};
use std::collections::BTreeMap;
use std::time::Duration;

/// The settings of one check.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Whose law messages and fixes cite: with `detect_profile`, only for documents that do not
    /// show their jurisdiction (see [`super::profile_for`]).
    pub profile: Profile,
    /// Tell the jurisdiction from the document itself; off when the user fixed a profile.
    pub detect_profile: bool,
    /// Also report findings in the Vorblatt and the Begründung, which explain a draft rather than
    /// make law.
    pub include_begruendung: bool,
    /// Findings below this severity (after overrides) are not reported.
    pub min_severity: Severity,
    /// A severity per rule id, replacing the rule's own.
    pub severity: BTreeMap<String, Severity>,
    /// Rule ids not reported.
    pub disabled_rules: Vec<String>,
    /// Categories not reported.
    pub disabled_categories: Vec<Category>,
    /// Honour `<!-- digicheck-ignore … -->` in the text (see [`super::suppress`]).
    pub suppressions: bool,
    /// Limits on what an input may be (size, line length, zip and XML shape, PDF pages).
    pub limits: InputLimits,
    /// Time limit for reading, parsing and checking one document; `None` for none (always in
    /// WebAssembly, which has no clock to read).
    pub time_limit: Option<Duration>,
    /// Also run the rules marked `default off` (hints and analysis that real law showed too often
    /// not to be barriers) as findings.
    pub all_rules: bool,
    /// Add the automation analysis per provision ([`super::automation`]) to the result.
    pub automation: bool,
    /// Rules on request (`default off`) to run besides the default ones, by id or name; checked
    /// against the catalogue by [`crate::RuleSet::indices`] before a run.
    pub enabled_rules: Vec<String>,
}

impl Default for Settings {
    /// The jurisdiction detected from the document (else `mv`), only the Gesetzestext, every rule at its own severity, suppressions honoured,
    /// the default input limits and no time limit.
    fn default() -> Self {
        Settings {
            profile: Profile::default(),
            detect_profile: true,
            include_begruendung: false,
            min_severity: Severity::Hinweis,
            severity: BTreeMap::new(),
            disabled_rules: Vec::new(),
            disabled_categories: Vec::new(),
            suppressions: true,
            limits: InputLimits::default(),
            time_limit: None,
            all_rules: false,
            automation: false,
            enabled_rules: Vec::new(),
        }
    }
}

impl Settings {
    /// Severity overrides first, then the filters: disabled rules and categories and the minimum
    /// severity (which judges the overridden severity).
    pub fn apply(&self, findings: &mut Vec<Finding>) {
        if !self.severity.is_empty() {
            for f in findings.iter_mut() {
                if let Some(&s) = self.severity.get(&f.rule) {
                    f.severity = s;
                }
            }
        }
        findings.retain(|f| self.keeps(f));
    }

    /// Whether a finding (with its final severity) is reported.
    pub fn keeps(&self, f: &Finding) -> bool {
        f.severity >= self.min_severity && !self.disabled_rules.contains(&f.rule) && !self.disabled_categories.contains(&f.category)
    }
}
