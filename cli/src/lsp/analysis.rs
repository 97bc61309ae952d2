//! Checking one open document: the same pipeline as `digicheck check`, on the editor's text.
//!
//! Read (format by language and name), parse, match rules (reusing unchanged units, see
//! [`super::incremental`]) through the amendment checker (quoted new wording of Änderungsbefehle
//! is law-to-be, removed and introduced barriers are told apart), apply the settings and inline
//! suppressions, and locate every finding in the editor's original text.

use super::documents::OpenDocument;
use super::incremental::UnitCache;
use crate::config::Settings;
use crate::{pipeline, suppress};
use digicheck_core::input;
use digicheck_core::amend::{self, AmendOptions, Checker};
use digicheck_core::rules::Context;
use digicheck_core::{CheckOptions, Document, Finding, RuleSet};
use std::cell::RefCell;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};

/// A finding with its place in the editor's text (byte offsets into the original).
#[derive(Debug, Clone)]
pub struct Located {
    pub finding: Finding,
    pub start: usize,
    pub end: usize,
}

/// The outcome of checking one version of a document.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    pub version: i32,
    pub findings: Vec<Located>,
    /// Why the document could not be checked, in German (shown as one diagnostic at its start).
    pub problem: Option<String>,
}

/// Where the time of the last check went, for measurements.
#[derive(Debug, Clone, Copy, Default)]
pub struct Timings {
    /// Decoding and normalising the text.
    pub read: Duration,
    /// Parsing the structure.
    pub parse: Duration,
    /// Rule matching (with the unit cache).
    pub rules: Duration,
    /// Settings, suppressions and original offsets.
    pub finish: Duration,
}

/// Per-document state kept between checks.
#[derive(Debug, Default)]
pub struct Analyzer {
    cache: UnitCache,
    pub timings: Timings,
}

impl Analyzer {
    /// How the last check reused units (for measurements).
    pub fn stats(&self) -> super::incremental::Stats {
        self.cache.stats
    }

    /// Checks the document as it stands. Never panics: an engine panic becomes a `problem`.
    pub fn analyse(&mut self, doc: &OpenDocument, rules: &RuleSet, settings: &Settings) -> Analysis {
        let version = doc.version;
        let name = input_name(doc);
        if is_foreign_xml(&name, &doc.text) {
            return Analysis { version, ..Analysis::default() };
        }
        let limits = settings.input_limits();
        let started = Instant::now();
        let source = match input::read(&name, doc.text.as_bytes(), &limits) {
            Ok(s) => s,
            Err(e) => return Analysis { version, findings: Vec::new(), problem: Some(e.problem) },
        };
        let cache = &mut self.cache;
        let timings = &mut self.timings;
        timings.read = started.elapsed();
        let result = catch_unwind(AssertUnwindSafe(|| {
            let t = Instant::now();
            let parsed = Document::parse(source);
            timings.parse = t.elapsed();
            let t = Instant::now();
            let options = CheckOptions { profile: settings.profile, include_begruendung: settings.begruendung };
            let checker = CachedChecker { rules, options, top: &parsed, cache: RefCell::new(cache) };
            let mut findings = amend::check_amending(&parsed, &checker, &AmendOptions { profile: settings.profile, base: None }).findings;
            timings.rules = t.elapsed();
            let t = Instant::now();
            pipeline::apply_settings(&mut findings, settings);
            suppress::apply(parsed.source(), &mut findings);
            let source = parsed.source();
            let located = findings
                .into_iter()
                .map(|f| Located { start: source.original_offset(f.span.start), end: source.original_offset(f.span.end), finding: f })
                .collect::<Vec<_>>();
            timings.finish = t.elapsed();
            located
        }));
        match result {
            Ok(findings) => Analysis { version, findings, problem: None },
            Err(_) => {
                // The cache may hold a half-updated state; start afresh next time.
                self.cache = UnitCache::default();
                Analysis { version, findings: Vec::new(), problem: Some("interner Fehler bei der Prüfung; bitte melden".into()) }
            }
        }
    }
}

/// The rule engine for the amendment checker: the document itself through the unit cache, the
/// small texts it builds from each Änderungsbefehl directly (as `digicheck check` does with
/// `EngineChecker`).
struct CachedChecker<'a> {
    rules: &'a RuleSet,
    options: CheckOptions,
    top: &'a Document,
    cache: RefCell<&'a mut UnitCache>,
}

impl Checker for CachedChecker<'_> {
    fn check(&self, doc: &Document) -> Vec<Finding> {
        if std::ptr::eq(doc, self.top) {
            self.cache.borrow_mut().check(self.rules, doc, &self.options)
        } else {
            self.rules.check(doc, &self.options)
        }
    }

    fn reads_commands(&self, rule: &str) -> bool {
        self.rules.get(rule).is_some_and(|r| r.context == Context::Amendment)
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
    use crate::lsp::position::Encoding;

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
        let settings = crate::config::Config::default().settings().unwrap();
        let a = Analyzer::default().analyse(&open("file:///x.txt", "plaintext", text), RuleSet::builtin().unwrap(), &settings);
        assert!(a.problem.is_none());
        let f = a.findings.iter().find(|f| f.finding.text.contains("schriftlich")).expect("a finding");
        assert_eq!(&text[f.start..f.end], f.finding.text);
    }
}
