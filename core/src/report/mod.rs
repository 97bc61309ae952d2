//! Reports: one set of results, many formats.
//!
//! Every format is written from the same [`Report`]: the checked files in the order the user gave
//! them, each with its document (for source lines and highlighting), its findings and its input
//! errors. Locations are computed in one place ([`Located`]) so a finding is at the same line,
//! column and offset in every format; the baseline/SARIF fingerprint is computed in one place too
//! ([`fingerprint`]).

pub mod csv;
pub mod digitalcheck;
pub mod explain;
pub mod html;
pub mod json;
pub mod markdown;
pub mod rule_docs;
pub mod sarif;
pub mod text;

use crate::finding::{Finding, Profile};
use crate::classification::{Category, Severity};
use crate::rules::RuleSet;
use crate::source::{OriginalPlace, SourceText};
use crate::structure::{Document, NodeKind};
use std::collections::BTreeMap;

pub use crate::pipeline::FileResult;

/// Everything a report format needs.
#[derive(Debug, Clone, Copy)]
pub struct Report<'a> {
    pub files: &'a [FileResult],
    pub rules: &'a RuleSet,
    pub profile: Profile,
}

/// A finding's position in every unit a report may want.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Located {
    /// 1-based line and column (in characters) of the start.
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    /// Byte offsets into the original input (the file's bytes for text files).
    pub start: usize,
    pub end: usize,
    /// UTF-16 offsets into the normalised text, as JavaScript and editors count.
    pub start_utf16: usize,
    pub end_utf16: usize,
}

impl Located {
    pub fn of(source: &SourceText, finding: &Finding) -> Located {
        let s = source.line_col(finding.span.start);
        let e = source.line_col(finding.span.end);
        Located {
            line: s.line,
            column: s.column,
            end_line: e.line,
            end_column: e.column,
            start: source.original_offset(finding.span.start),
            end: source.original_offset(finding.span.end),
            start_utf16: source.utf16(finding.span.start),
            end_utf16: source.utf16(finding.span.end),
        }
    }
}

/// The LegalDocML.de eId of the element a finding lies in, if the input was XML.
pub fn eid(source: &SourceText, finding: &Finding) -> Option<String> {
    match source.origin().anchor(finding.span.start) {
        Some(OriginalPlace::Xml { eid }) => Some(eid.clone()),
        _ => None,
    }
}

/// A fingerprint that survives the text moving elsewhere: rule id plus the normalised sentence the
/// finding lies in (white space collapsed, sentence numbering and line numbers ignored) plus the
/// matched words. Used by baselines and SARIF `partialFingerprints`.
pub fn fingerprint(doc: &Document, finding: &Finding) -> String {
    let node = doc.node_at(finding.span.start);
    let context = doc
        .ancestors(node)
        .find(|&n| matches!(doc.node(n).kind, NodeKind::Satz | NodeKind::Nummer | NodeKind::Buchstabe | NodeKind::Doppelbuchstabe))
        .map(|n| doc.node(n).span)
        // Outside sentences (headings, unstructured text): the line, never a whole document.
        .unwrap_or_else(|| {
            let src = doc.source();
            src.lines().line_span(src.text(), src.line_col(finding.span.start).line).unwrap_or(finding.span)
        });
    let sentence: String = doc.text()[context.range()].split_whitespace().collect::<Vec<_>>().join(" ");
    let key = format!("{}\u{1f}{}\u{1f}{}", finding.rule, sentence, finding.text.to_lowercase());
    format!("{:016x}", fnv1a64(key.as_bytes()))
}

/// FNV-1a, 64 bit: stable across versions and platforms, which a std `Hasher` is not.
fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Counts for the summary of a run.
#[derive(Debug, Default, Clone)]
pub struct Summary {
    /// Files that were read and checked; a file that could not be read or checked is counted in
    /// [`Summary::failed_files`] only, never as „geprüft“.
    pub files: usize,
    pub files_with_findings: usize,
    pub failed_files: usize,
    /// Files found in a folder that show no sign of legal text and were not read as drafts.
    pub not_legal_text: usize,
    pub findings: usize,
    pub by_severity: BTreeMap<Severity, usize>,
    pub by_category: BTreeMap<Category, usize>,
    pub by_principle: BTreeMap<u8, usize>,
}

impl Summary {
    pub fn of(files: &[FileResult]) -> Summary {
        let mut s = Summary::default();
        for f in files {
            if !f.errors.is_empty() {
                s.failed_files += 1;
            } else if f.notes.iter().any(|n| n.kind == crate::pipeline::NoteKind::NotLegalText) {
                s.not_legal_text += 1;
            } else {
                s.files += 1;
            }
            if !f.findings.is_empty() {
                s.files_with_findings += 1;
            }
            for x in &f.findings {
                s.findings += 1;
                *s.by_severity.entry(x.severity).or_default() += 1;
                *s.by_category.entry(x.category).or_default() += 1;
                *s.by_principle.entry(x.principle.number()).or_default() += 1;
            }
        }
        s
    }

    /// Findings that are barriers (severity above `niedrig`).
    pub fn barriers(&self) -> usize {
        self.by_severity.iter().filter(|(s, _)| s.is_barrier()).map(|(_, n)| n).sum()
    }
}

/// Where the documentation pages of the rules are (`digicheck rules docs` writes them, one
/// `<ID>.md` each, into `docs/rules/` of the repository). Without a host known at build time this
/// is that folder as a path relative to the repository root; a build for a published home sets
/// `DIGICHECK_DOCS_URL` to the folder's absolute address (e.g. on the code host), and every link
/// (SARIF `helpUri`, `explain`) follows.
pub const DOCS_URL: &str = match option_env!("DIGICHECK_DOCS_URL") {
    Some(url) => url,
    None => "docs/rules",
};

/// The documentation page of a rule: its own `url` if the rule file gives one, else its page
/// below [`DOCS_URL`].
pub fn rule_doc_url(rule: &crate::rules::Rule) -> String {
    rule.url.clone().unwrap_or_else(|| format!("{}/{}.md", DOCS_URL.trim_end_matches('/'), rule.id))
}

/// The documentation's absolute address, if the build was given one (see [`DOCS_URL`]).
pub fn docs_home() -> Option<&'static str> {
    (DOCS_URL.starts_with("https://") || DOCS_URL.starts_with("http://")).then_some(DOCS_URL)
}

/// The sentence above the automation analysis of a document (HTML and `digitalcheck` reports):
/// what was looked for and what a hit means, so the table is not read as a list of barriers.
pub fn automation_lead(provisions: &[crate::pipeline::automation::ProvisionTerms]) -> String {
    if provisions.is_empty() {
        return "Auf Verlangen ausgewertet: Der Gesetzestext enthält keinen der gesuchten Ermessens- und \
                Wertungsbegriffe („nach pflichtgemäßem Ermessen“, „in begründeten Einzelfällen“, „unbillige \
                Härte“, „wichtiger Grund“, „angemessene Frist“, „Zuverlässigkeit“, „persönliche Eignung“). \
                Das spricht für eindeutige Regelungen, belegt aber nicht, dass jede Entscheidung \
                automatisiert ergehen kann."
            .to_string();
    }
    let terms: usize = provisions.iter().map(|p| p.terms.len()).sum();
    let n = provisions.len();
    format!(
        "Auf Verlangen ausgewertet: {} {} Ermessen ein oder {} unbestimmte Rechtsbegriffe ({}). Das ist kein \
         Hemmnis und oft gewollt; dort kann eine Entscheidung aber nicht vollständig automatisiert ergehen. \
         Prüfen Sie, ob feste Kriterien, Regelbeispiele oder bezifferte Fristen genügen, und nennen Sie \
         Ihre Gründe in der Erläuterung zu Prinzip 4 des Digitalchecks.",
        count(n, "Vorschrift", "Vorschriften"),
        if n == 1 { "räumt" } else { "räumen" },
        if n == 1 { "verwendet" } else { "verwenden" },
        count(terms, "Begriff", "Begriffe"),
    )
}

/// The terms of one provision as „„nach pflichtgemäßem Ermessen“ (Abs. 1 Satz 2); …“.
pub fn automation_terms(p: &crate::pipeline::automation::ProvisionTerms) -> String {
    p.terms
        .iter()
        .map(|t| {
            let within = t.norm.strip_prefix(p.provision.as_str()).unwrap_or(&t.norm).trim();
            if within.is_empty() {
                format!("„{}“", t.text)
            } else {
                format!("„{}“ ({within})", t.text)
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// „1 Befund“, „16 Befunde“: a count with the noun in the right number.
pub fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// What „Hemmnis“ means in every report: which severities count as barriers, which are advice.
pub const LEGEND: &str = "Hemmnisse sind Befunde der Schwere „blockierend“ (schließt die digitale Abwicklung aus), \
„hoch“ oder „mittel“ (erschwert sie erheblich oder spürbar); Befunde der Schwere „niedrig“ und Hinweise sind \
Anregungen zur Prüfung, keine Hemmnisse.";

/// German label of a severity for reports.
pub fn severity_label(s: Severity) -> &'static str {
    match s {
        Severity::Blockierend => "blockierend",
        Severity::Hoch => "hoch",
        Severity::Mittel => "mittel",
        Severity::Niedrig => "niedrig",
        Severity::Hinweis => "Hinweis",
    }
}
