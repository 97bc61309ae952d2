//! Checking one open document: the engine's pipeline on the editor's text, through an editing
//! session that re-matches only what an edit changed.
//!
//! Reading (format by language and name), parsing, the amendment layer, the settings and inline
//! suppressions are the engine's ([`digicheck_core::pipeline`]), exactly as for `digicheck check`
//! and the drafting page; this module only names the input as the editor knows it and locates
//! every finding and note in the editor's original text.

use super::documents::OpenDocument;
use digicheck_core::pipeline::{Input, Note, Session, SessionStats, Settings};
use digicheck_core::{Finding, Profile, RuleSet};

/// A finding with its place in the editor's text (byte offsets into the original).
#[derive(Debug, Clone)]
pub struct Located {
    pub finding: Finding,
    pub start: usize,
    pub end: usize,
}

/// A note (an Änderungsbefehl not understood, a suppression without reason or effect) with its
/// place in the editor's text.
#[derive(Debug, Clone)]
pub struct LocatedNote {
    pub note: Note,
    pub start: usize,
    pub end: usize,
}

/// The outcome of checking one version of a document.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    pub version: i32,
    pub findings: Vec<Located>,
    pub notes: Vec<LocatedNote>,
    /// Why the document could not be checked, in German (shown as one diagnostic at its start).
    pub problem: Option<String>,
    /// Whose law the messages cite for this document.
    pub profile: Profile,
}

/// Per-document state kept between checks.
#[derive(Debug, Default)]
pub struct Analyzer {
    session: Session,
}

impl Analyzer {
    /// How the last check reused the rule matching of unchanged regions (for measurements).
    pub fn stats(&self) -> SessionStats {
        self.session.stats()
    }

    /// Checks the document as it stands. Never panics: what cannot be checked becomes a `problem`.
    pub fn analyse(&mut self, doc: &OpenDocument, rules: &RuleSet, settings: &Settings) -> Analysis {
        let version = doc.version;
        let name = input_name(doc);
        if is_foreign_xml(&name, &doc.text) {
            return Analysis { version, ..Analysis::default() };
        }
        let result = self.session.update(Input::Text { name: &name, text: &doc.text }, rules, settings);
        let problem = result.errors.first().cloned();
        let findings = result
            .findings
            .iter()
            .map(|f| {
                let at = result.original_span(f.span);
                Located { finding: f.clone(), start: at.start, end: at.end }
            })
            .collect();
        let notes = result
            .notes
            .iter()
            .map(|n| {
                let at = result.original_span(n.span);
                LocatedNote { note: n.clone(), start: at.start, end: at.end }
            })
            .collect();
        Analysis { version, findings, notes, problem, profile: result.profile }
    }
}

/// The name the input reader sees: the file name from the URI, with the extension the editor's
/// language implies (an unsaved Markdown buffer has no `.md`).
fn input_name(doc: &OpenDocument) -> String {
    let path = doc.uri.path().as_str();
    let base = path.rsplit('/').next().unwrap_or("").to_string();
    let base = if base.is_empty() { "unbenannt".to_string() } else { base };
    let lower = base.to_ascii_lowercase();
    match doc.language_id.as_str() {
        "markdown" if !(lower.ends_with(".md") || lower.ends_with(".markdown")) => format!("{base}.md"),
        "xml" if !lower.ends_with(".xml") => format!("{base}.xml"),
        _ => base,
    }
}

/// XML that is not LegalDocML.de (a build file, a configuration) is none of our business: the
/// editor extension registers for all XML, so such documents get no diagnostics at all.
fn is_foreign_xml(name: &str, text: &str) -> bool {
    let is_xml = name.to_ascii_lowercase().ends_with(".xml") || text.trim_start_matches('\u{FEFF}').trim_start().starts_with("<?xml");
    is_xml && !text.contains("akomaNtoso")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::position::Encoding;

    fn open(uri: &str, lang: &str, text: &str) -> OpenDocument {
        OpenDocument::new(uri.parse().unwrap(), lang.into(), 1, text.into(), Encoding::Utf16)
    }

    #[test]
    fn names_follow_the_language() {
        assert_eq!(input_name(&open("untitled:Untitled-1", "markdown", "")), "Untitled-1.md");
        assert_eq!(input_name(&open("file:///a/b/Entwurf.txt", "plaintext", "")), "Entwurf.txt");
        assert!(is_foreign_xml("pom.xml", "<?xml version=\"1.0\"?><project/>"));
        assert!(!is_foreign_xml("e.xml", "<?xml version=\"1.0\"?><akn:akomaNtoso/>"));
    }

    #[test]
    fn offsets_are_those_of_the_editor_text() {
        // CRLF and a soft hyphen before the finding: the normalised text is shorter.
        let text = "§ 1 Antrag\r\n\r\n(1) Der An\u{AD}trag ist schriftlich zu stellen.\r\n";
        let a = Analyzer::default().analyse(&open("file:///x.txt", "plaintext", text), RuleSet::builtin().unwrap(), &Settings::default());
        assert!(a.problem.is_none());
        let f = a.findings.iter().find(|f| f.finding.text.contains("schriftlich")).expect("a finding");
        assert_eq!(&text[f.start..f.end], f.finding.text);
    }

    #[test]
    fn an_empty_buffer_is_no_problem_and_notes_are_located() {
        let mut a = Analyzer::default();
        let empty = a.analyse(&open("untitled:Untitled-1", "plaintext", ""), RuleSet::builtin().unwrap(), &Settings::default());
        assert!(empty.problem.is_none() && empty.findings.is_empty());
        let text = "§ 1 Antrag\r\n\r\n<!-- digicheck-ignore DC-SF-001 -->\r\n(1) Der Antrag ist schriftlich zu stellen.\r\n";
        let r = a.analyse(&open("file:///x.txt", "plaintext", text), RuleSet::builtin().unwrap(), &Settings::default());
        assert_eq!(r.notes.len(), 1, "{:?}", r.notes);
        assert_eq!(&text[r.notes[0].start..r.notes[0].end], "<!-- digicheck-ignore DC-SF-001 -->");
    }
}
