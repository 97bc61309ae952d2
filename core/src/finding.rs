//! A finding: one place in a text that stands in the way of digital execution.
//!
//! Findings carry byte spans only; lines, columns, UTF-16 offsets and original-file positions are
//! derived from the document's [`crate::SourceText`] when a report is written, so every format
//! locates a finding the same way.

use crate::classification::{Category, Principle, Severity};
use crate::source::Span;
use crate::structure::Part;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Stable rule id, e.g. `DC-SF-001`.
    pub rule: String,
    pub category: Category,
    pub severity: Severity,
    pub principle: Principle,
    /// The rule's message with its placeholders filled in, in German.
    pub message: String,
    /// Structure path of the place („§ 5 Abs. 2 Satz 1“); empty if the text has no structure there.
    pub norm: String,
    /// The matched words.
    pub span: Span,
    /// The text of `span`.
    pub text: String,
    /// Suggested wording that replaces `span`, if the rule has one for the chosen profile.
    pub fix: Option<String>,
    /// The part of the draft the finding lies in.
    pub part: Part,
    /// Set when the finding comes from an Änderungsbefehl (amendment contract).
    pub amendment: Option<AmendmentRef>,
}

/// Sorts findings by position: start, then end, then rule id, keeping the order of equal ones.
/// The engine, the amendment layer and the session order findings so; one function, so that the
/// WebAssembly module holds no copy of the sort for them (the shared one of [`crate::sort`]).
pub(crate) fn sort_by_position(findings: &mut [Finding]) {
    crate::sort::sort_by(findings, |a, b| (a.span.start, a.span.end, &a.rule).cmp(&(b.span.start, b.span.end, &b.rule)));
}

/// Where a finding from an amending law belongs (contract: `amendment`, `target`, `effect`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AmendmentRef {
    /// The command's own path, e.g. `Art. 1 Nr. 3 Buchst. a`.
    pub amendment: String,
    /// The amended norm, with the law if named, e.g. `§ 5 Abs. 2 VwVfG M-V`.
    pub target: String,
    pub effect: Effect,
    /// For an introduced barrier: whether the law had it before (not part of the JSON contract;
    /// it decides how reports word the effect).
    #[serde(skip)]
    pub novelty: Novelty,
}

impl AmendmentRef {
    /// How reports name the effect: „neues Hemmnis“, „Hemmnis bleibt“, „Hemmnis in neuer
    /// Fassung“ (new wording of a unit whose old text was not at hand), „Hemmnis entfällt“.
    pub fn label(&self) -> &'static str {
        match (self.effect, self.novelty) {
            (Effect::Removed, _) => "Hemmnis entfällt",
            (Effect::Introduced, Novelty::New) => "neues Hemmnis",
            (Effect::Introduced, Novelty::Kept) => "Hemmnis bleibt",
            (Effect::Introduced, Novelty::Unknown) => "Hemmnis in neuer Fassung",
        }
    }
}

/// Whether a barrier in new wording was in the law before. Without the law's text, new wording
/// of a whole unit (a § recast, a § inserted with a renumbering) may only re-enact what stood there
/// or elsewhere: then it is `Unknown`, never called new.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Novelty {
    /// Not in the law before.
    #[default]
    New,
    /// The law had the same requirement before (at this or another place).
    Kept,
    /// Cannot be known without the law's text.
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Effect {
    /// The new wording creates or keeps a barrier.
    Introduced,
    /// The amendment removes or weakens a barrier (reported with severity `hinweis`).
    Removed,
}

/// Which jurisdiction's law messages and fixes cite.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Profile {
    /// Mecklenburg-Vorpommern: VwVfG M-V § 3a, EGovG M-V, KV M-V § 173a.
    #[default]
    Mv,
    /// Bund: VwVfG § 3a, EGovG, OZG.
    Bund,
    /// Baden-Württemberg: LVwVfG § 3a, EGovG BW, LVwZG.
    Bw,
    /// Another Land: neutral wording („§ 3a des Verwaltungsverfahrensgesetzes des Landes“).
    Land,
}

impl Profile {
    /// The short name messages use („M-V“, „Bund“).
    pub fn short_label(self) -> &'static str {
        match self {
            Profile::Mv => "M-V",
            Profile::Bund => "Bund",
            Profile::Bw => "BW",
            Profile::Land => "Land",
        }
    }
}

impl std::str::FromStr for Profile {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "mv" => Ok(Profile::Mv),
            "bund" => Ok(Profile::Bund),
            "bw" => Ok(Profile::Bw),
            "land" => Ok(Profile::Land),
            _ => Err(format!("unbekanntes Profil „{s}“ (erwartet: mv, bund, bw, land)")),
        }
    }
}
