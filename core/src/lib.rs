//! Digi-Check engine: reads German legislative text and finds wording that keeps a law from being
//! carried out digitally.
//!
//! The pipeline is `bytes → input → SourceText → structure → Document → rules → Findings → report`.
//! Every stage keeps byte spans into one normalised text, so that a finding can be located in the
//! legal structure (`§ 5 Abs. 2 Satz 1`), in lines and columns, in UTF-16 units for editors and in the
//! original file. This crate does no file-system policy and has no CLI; front-ends (CLI, language
//! server, WebAssembly) are separate crates.

pub mod amend;
#[cfg(feature = "docx")]
pub mod annotate;
pub mod deadline;
pub mod finding;
pub mod input;
pub mod model;
pub mod report;
pub mod rules;
pub mod source;
pub mod structure;
#[cfg(test)]
mod test_data;

pub use finding::{Finding, Profile};
pub use model::{Category, Principle, Severity};
pub use rules::{check_text, CheckOptions, Rule, RuleError, RuleSet};
pub use source::{SourceText, Span};
pub use structure::{Document, Node, NodeId, NodeKind, Part};
