//! Digi-Check engine: reads German legislative text and finds wording that keeps a law from being
//! carried out digitally.
//!
//! The data flow is `bytes → input → SourceText → structure → Document → amend + rules → Findings →
//! report`. Every stage keeps byte spans into one normalised text, so that a finding can be located
//! in the legal structure (`§ 5 Abs. 2 Satz 1`), in lines and columns, in UTF-16 units for editors
//! and in the original file. Front ends (CLI, language server, WebAssembly) are separate crates and
//! all check through [`pipeline`]: [`pipeline::check`] for one input, [`pipeline::Session`] for an
//! edited text, both with one [`pipeline::Settings`]. This crate does no file-system policy beyond
//! reading what it is pointed at (rule folders, `digicheck.toml`) and has no CLI.

mod ac;
pub mod amend;
#[cfg(feature = "docx")]
pub mod annotate;
pub mod classification;
#[cfg(feature = "config")]
pub mod config;
pub mod deadline;
pub mod finding;
pub mod input;
pub mod legal_text;
pub mod pipeline;
pub mod report;
mod re;
pub mod rules;
mod sort;
pub mod source;
pub mod structure;
#[cfg(test)]
mod test_data;

pub use finding::{Finding, Profile};
pub use classification::{Category, Principle, Severity};
/// The former name of [`classification`], kept for code written before the rename.
#[doc(hidden)]
pub use classification as model;
pub use pipeline::{check, FileResult, Input, Settings};
pub use rules::{CheckOptions, Rule, RuleError, RuleSet};
pub use source::{SourceText, Span};
pub use structure::{Document, Node, NodeId, NodeKind, Part};
