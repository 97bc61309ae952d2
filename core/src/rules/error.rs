//! Errors of rule loading. Every error points at `file:line:column` and says, in German, what was
//! expected — the people who write rules are lawyers, not Rust programmers.

use super::ast::Origin;
use std::fmt;

/// One problem in a rule file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleProblem {
    pub origin: Origin,
    pub message: String,
}

impl fmt::Display for RuleProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.origin, self.message)
    }
}

/// Rule loading failed; all problems found are listed (a syntax error stops at the first one in its
/// file, semantic problems and failing examples are collected).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    pub problems: Vec<RuleProblem>,
}

impl RuleError {
    pub fn single(origin: Origin, message: impl Into<String>) -> RuleError {
        RuleError { problems: vec![RuleProblem { origin, message: message.into() }] }
    }

    /// Problems that come from failing examples only (not syntax or meaning).
    pub fn is_examples_only(&self) -> bool {
        self.problems.iter().all(|p| p.message.starts_with("Beispiel"))
    }
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for RuleError {}
