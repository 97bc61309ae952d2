//! Amending laws: reading Änderungsbefehle, checking the law as it will read, applying a draft to
//! the law it amends.
//!
//! Most drafts are amending laws. Read as plain text they mislead a checker twice: „In § 3 wird das
//! Wort „schriftlich“ durch die Wörter „schriftlich oder elektronisch“ ersetzt.“ contains the barrier
//! word although it removes the barrier, and „Die Wörter „oder elektronisch“ werden gestrichen.“
//! contains none although it creates one. This module reads the commands ([`parse`]) so that the
//! checker can look at what the law will say instead of what the command says.
//!
//! - [`command`] is what a command says: the target, the operation, the old and the new wording;
//! - [`tokens`] and [`interpret`] read one command's text. The phrases are specified by the pest
//!   grammar `command.pest`, but what runs is the hand-written scanner [`scan`], which implements
//!   it exactly at a small fraction of the cost (the pest parser took 40–60 % of the time of
//!   checking the federal corpus). The grammar is compiled only in the tests, as the oracle that
//!   `oracle.rs` compares the scanner with on the corpora and on random text;
//! - [`collect`] finds the commands in a [`Document`] and resolves their nesting;
//! - [`law`] names the amended law;
//! - [`apply`] writes the consolidated text of the amended law ([`resolve`] finds the targets);
//! - [`balance`] compares the findings of the law before and after a draft (`digicheck diff`);
//! - [`check`] checks the draft as the law will read: new wording as law-to-be, command wording
//!   and old wording not at all, word changes by comparing before and after (the catalogue's
//!   vocabulary, [`crate::rules::Vocabulary`], for fragments too short for the rules).

pub mod apply;
pub mod balance;
pub mod check;
mod collect;
mod edits;
mod furniture;
mod interpret;
pub mod command;
mod law;
mod layout;
mod numbering;
mod resolve;
mod select;
mod scan;
mod tokens;
mod unclosed;
#[cfg(test)]
mod oracle;

pub use apply::{apply, apply_draft, commands_for, Applied, ApplyResult, Outcome};
pub use select::{choose, Selection};
pub use balance::{balance, balance_in, diff, diff_law, Balance, Kept, LawDiff, Tally};
pub use check::{check_amending, AmendCheck, AmendOptions, Checker, EngineChecker, RULE_ALTERNATIVE_REMOVED, RULE_BARRIER_REDUCED};
pub use command::{Amendment, Amendments, InsertionPoint, Law, Operation, Segment, TargetRef, UnitKind, Unparsed, Wording};
/// The former names of [`command`] and [`InsertionPoint`], kept for code written before the rename.
#[doc(hidden)]
pub use command as model;
#[doc(hidden)]
pub use command::Anchor;

use crate::structure::Document;

/// Every Änderungsbefehl of a document, in document order, and the ones that could not be read.
/// A document that amends nothing yields an empty result.
pub fn parse(doc: &Document) -> Amendments {
    collect::collect(doc)
}
