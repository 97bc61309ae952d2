//! The one way from an input to what a user sees, for every front end.
//!
//! The CLI (one file after another), the language server (an editor buffer after every edit) and
//! the WebAssembly module (a string from the drafting page or from Node) all call this module, so a
//! document gives the same findings wherever it is checked:
//!
//! 1. **read** the input ([`Input`]: a file's bytes, or text already in memory) into a
//!    [`SourceText`] within the [`Settings::limits`];
//! 2. **parse** its structure ([`Document`]);
//! 3. decide **whose law** applies ([`profile_for`]);
//! 4. run the **rules** through the **amendment layer** ([`crate::amend::check_amending`]): quoted new
//!    wording of Änderungsbefehle is checked as law-to-be, command and old wording are not barriers,
//!    removed and introduced barriers are told apart;
//! 5. lower the written forms a clause of the law itself already opens to the electronic form
//!    ([`opening_clause`]: „Eine … angeordnete Schriftform kann … durch die elektronische Form
//!    ersetzt werden“), and the written form a contract agrees on, which § 127 Abs. 2 BGB lets an
//!    e-mail satisfy ([`agreed_form`]);
//! 6. apply the **settings** (severity overrides, disabled rules and categories, minimum severity);
//! 7. honour inline **suppressions** ([`suppress`]);
//! 8. leave out what no draft will change, with a note: the findings of a document that marks
//!    itself as repealed ([`in_force`]), of an Anlage that only governed a period closed before
//!    the law was made ([`spent_period`]), and of a sentence bound to a one-time deadline from the
//!    law's own entry into force that ran out long ago ([`spent_deadline`]);
//! 9. collect **notes** — commands that could not be read, suppressions without reason or effect.
//!
//! All of it runs under the time limit per document ([`crate::deadline`]) with panics contained: a
//! document that cannot be checked gives a [`FileResult`] with an error naming it, never a crash, so
//! a batch goes on with the next file and an editor keeps running. [`check`] is the whole way for
//! one input; a [`Session`] is the same way for successive versions of one text, re-matching only
//! what an edit changed.
//!
//! A finding is located twice: by its [`Finding::span`] in the normalised text, and in the original
//! input by [`FileResult::original_span`] (and every other unit reports need by
//! [`crate::report::Located`]).

pub mod automation;
pub mod in_force;
pub mod jurisdiction;
pub mod agreed_form;
pub mod opening_clause;
pub mod session;
mod settings;
pub mod spent_deadline;
pub mod spent_period;
pub mod suppress;

pub use session::{Session, SessionStats};
pub use settings::Settings;

use crate::amend::{self, AmendOptions, Checker};
use crate::deadline;
use crate::input;
use crate::rules::CheckOptions;
use crate::{Document, Finding, Profile, RuleSet, SourceText, Span};
use serde::{Serialize, Serializer};
use std::cell::RefCell;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// What is checked.
#[derive(Debug, Clone, Copy)]
pub enum Input<'a> {
    /// The bytes of a file: the format (text, Markdown, Word, PDF, LegalDocML.de) is recognised by
    /// content and name, text is decoded (UTF-8, UTF-16 with BOM, Windows-1252). `name` is how
    /// reports name the input (a path, or `-` for standard input). (Cargo feature `decode`.)
    #[cfg(feature = "decode")]
    Bytes { name: &'a str, bytes: &'a [u8] },
    /// Text already decoded: an editor buffer, a string from JavaScript. Markdown is recognised by
    /// the name, LegalDocML.de by content; an empty text has no findings (rather than the empty-file
    /// error of [`Input::Bytes`]), since an editor starts with one.
    Text { name: &'a str, text: &'a str },
    /// The bytes of a Word document (`.docx`), read by the Word reader alone: for a caller that
    /// knows it has one (the drafting page's file picker) and should not carry the other readers.
    /// (Cargo feature `docx`.)
    #[cfg(feature = "docx")]
    Docx { name: &'a str, bytes: &'a [u8] },
}

impl Input<'_> {
    pub fn name(&self) -> &str {
        match self {
            Input::Text { name, .. } => name,
            #[cfg(feature = "decode")]
            Input::Bytes { name, .. } => name,
            #[cfg(feature = "docx")]
            Input::Docx { name, .. } => name,
        }
    }
}

/// What kind of remark a [`Note`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum NoteKind {
    /// An Änderungsbefehl that could not be read: its wording was not checked as the law will read.
    Amendment,
    /// A `digicheck-ignore` directive without a reason (not applied) or without effect.
    Suppression,
    /// A file found in a folder shows no sign of legal text and was not read as a draft (see
    /// [`crate::legal_text`]).
    NotLegalText,
    /// A setting that could not be applied as given (an unknown rule in `enable`).
    Settings,
    /// The document marks itself as repealed; its findings are not reported (see [`in_force`]).
    Repealed,
    /// An Anlage applies only for a period that had closed before the document was made; its
    /// findings are not reported (see [`spent_period`]).
    SpentPeriod,
    /// A sentence is bound to a one-time deadline from the law's own entry into force that ran out
    /// long ago; its findings are not reported (see [`spent_deadline`]).
    SpentDeadline,
}

/// A remark about a checked document that is not a finding, in German, at the place it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub kind: NoteKind,
    /// The command or the directive, in the normalised text.
    pub span: Span,
    pub message: String,
}

impl std::fmt::Display for Note {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// Reports write a note as its message (the JSON contract's `notes` are strings).
impl Serialize for Note {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.message)
    }
}

/// The outcome of checking one input: what every report format and front end shows.
#[derive(Debug)]
pub struct FileResult {
    /// The name as the user gave it (path or `-`).
    pub name: String,
    /// The parsed document; `None` when the input could not be read or checked.
    pub document: Option<Document>,
    /// Findings after settings and suppressions, sorted by position.
    pub findings: Vec<Finding>,
    /// Why the input could not be checked, in German, naming the problem (the file is `name`).
    pub errors: Vec<String>,
    /// Remarks that are not findings, e.g. suppressions that no longer match anything.
    pub notes: Vec<Note>,
    /// Whose law the messages and fixes cite for this document.
    pub profile: Profile,
    /// The automation analysis per provision, when [`Settings::automation`] asked for it (an
    /// empty list: asked, and nothing found).
    pub automation: Option<Vec<automation::ProvisionTerms>>,
}

impl FileResult {
    pub fn failed(name: impl Into<String>, error: impl Into<String>) -> FileResult {
        FileResult {
            name: name.into(),
            document: None,
            findings: Vec::new(),
            errors: vec![error.into()],
            notes: Vec::new(),
            profile: Profile::default(),
            automation: None,
        }
    }

    /// Where a finding (or any span of the normalised text) lies in the original input: byte
    /// offsets into the bytes or the text that was given (for Word, PDF and XML, into the reader's
    /// view of the file; see [`crate::input`]).
    pub fn original_span(&self, span: Span) -> Span {
        match &self.document {
            Some(doc) => {
                let s = doc.source();
                Span::new(s.original_offset(span.start), s.original_offset(span.end))
            }
            None => span,
        }
    }
}

/// Whose law applies to a document — the single place where the jurisdiction is decided: what
/// the document shows (federal law, M-V, Baden-Württemberg, another Land; see [`jurisdiction`]),
/// unless the user fixed a profile (`--profile`, `digicheck.toml`, the editor's or the page's
/// setting, [`Settings::detect_profile`] off); a document that shows none gets the user's
/// profile.
pub fn profile_for(doc: &Document, settings: &Settings) -> Profile {
    if settings.detect_profile {
        jurisdiction::detect(doc).unwrap_or(settings.profile)
    } else {
        settings.profile
    }
}

/// Checks one input end to end. Never panics: a document that cannot be read, takes longer than
/// the time limit or trips a bug of the engine gives a result with an error.
pub fn check(input: Input<'_>, rules: &RuleSet, settings: &Settings) -> FileResult {
    contained(input.name(), settings, || {
        let source = read(input, settings)?;
        Ok(finish(Document::parse(source), rules, settings, None))
    })
}

/// Runs the work on one document under the time limit, with panics turned into errors.
fn contained(name: &str, settings: &Settings, work: impl FnOnce() -> Result<FileResult, String>) -> FileResult {
    let outcome = deadline::run(settings.time_limit, || match catch_unwind(AssertUnwindSafe(work)) {
        Ok(result) => result,
        // An outer deadline passes through to `deadline::run`.
        Err(panic) if deadline::is_time_exceeded(panic.as_ref()) => std::panic::resume_unwind(panic),
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Err(format!("interner Fehler bei der Prüfung ({what}); bitte melden"))
        }
    });
    match outcome {
        Ok(Ok(result)) => result,
        Ok(Err(problem)) => FileResult::failed(name, problem),
        Err(exceeded) => FileResult::failed(name, exceeded.to_string()),
    }
}

/// Step 1: the input as normalised text. Errors are the reader's German problem description.
fn read(input: Input<'_>, settings: &Settings) -> Result<SourceText, String> {
    let read = match input {
        Input::Text { name, text: "" } => Ok(SourceText::from_utf8(name, "")),
        Input::Text { name, text } => input::read_text(name, text, &settings.limits),
        #[cfg(feature = "decode")]
        Input::Bytes { name, bytes } => input::read(name, bytes, &settings.limits),
        #[cfg(feature = "docx")]
        Input::Docx { name, bytes } => input::docx::read(name, bytes, &settings.limits),
    };
    read.map_err(|e| e.problem)
}

/// Steps 3 to 9 on a parsed document. `regions` is a session's cache of rule matching per region
/// of the text; without it the rules run over the whole document.
fn finish(doc: Document, rules: &RuleSet, settings: &Settings, regions: Option<&mut session::RegionCache>) -> FileResult {
    let profile = profile_for(&doc, settings);
    // What the document says it is, read once: it gives the field of law and tells a contract.
    let title_and_kind = jurisdiction::title_and_kind(&doc);
    let field = crate::rules::basis::field_of_title(&title_and_kind);
    // Only a statute of general administrative law sends its court decisions elsewhere; a code of
    // a field of its own keeps its own basis throughout.
    let courts = if field == crate::rules::Field::General { crate::rules::basis::courts_of(doc.text()) } else { crate::rules::Field::General };
    let options = CheckOptions { profile, field, courts, include_begruendung: settings.include_begruendung };
    // Rules on request by id, resolved once; an unknown id is said in a note below and the check
    // runs with the default rules.
    let enabled = rules.indices(&settings.enabled_rules);
    let checker = DocumentChecker {
        rules,
        options,
        top: &doc,
        regions: regions.map(RefCell::new),
        all_rules: settings.all_rules,
        enabled: enabled.as_deref().unwrap_or_default(),
    };
    let checked = amend::check_amending(&doc, &checker, &AmendOptions { profile, base: None });
    let mut findings = checked.findings;
    opening_clause::apply(&doc, &opening_clause::find(&doc), &mut findings);
    agreed_form::apply(&doc, &title_and_kind, &mut findings);
    settings.apply(&mut findings);
    let mut notes: Vec<Note> = checked
        .amendments
        .unparsed
        .iter()
        .map(|u| Note { kind: NoteKind::Amendment, span: u.span, message: format!("Änderungsbefehl {} nicht verstanden: {}", u.path, u.reason) })
        .collect();
    if settings.suppressions {
        notes.extend(suppress::apply(doc.source(), &mut findings));
    }
    if let Err(problem) = enabled {
        notes.push(Note {
            kind: NoteKind::Settings,
            span: Span::new(0, 0),
            message: format!("Einstellung „enable“: {problem}; geprüft wurde mit den Regeln der Standardprüfung."),
        });
    }
    if in_force::is_repealed(&doc) {
        let left_out = match findings.len() {
            0 => "es enthält keine Fundstelle".to_string(),
            1 => "seine Fundstelle wird nicht gemeldet".to_string(),
            n => format!("seine {n} Fundstellen werden nicht gemeldet"),
        };
        notes.push(Note {
            kind: NoteKind::Repealed,
            span: Span::new(0, 0),
            message: format!("Das Dokument ist laut seinem Vorspann („status“) außer Kraft; {left_out}, weil kein Entwurf eine aufgehobene Vorschrift mehr ändern muss."),
        });
        findings.clear();
    } else if !findings.is_empty() {
        // After settings and suppressions, like the repealed document: the note counts what would
        // have been shown, and a suppression in the Anlage is not reported as without effect. A
        // document without findings has nothing to leave out, so neither step reads it.
        notes.extend(spent_period::apply(&doc, &spent_period::find(&doc), &mut findings));
        notes.extend(spent_deadline::apply(&spent_deadline::find(&doc), &mut findings));
    }
    let automation = settings.automation.then(|| automation::analyse(&doc, rules, &options));
    FileResult {
        name: doc.source().name().to_string(),
        document: Some(doc),
        findings,
        errors: Vec::new(),
        notes,
        profile,
        automation,
    }
}

/// The rule engine as the amendment layer calls it: the document itself through a session's region
/// cache where there is one, and the small texts the layer builds from each Änderungsbefehl
/// directly.
struct DocumentChecker<'a> {
    rules: &'a RuleSet,
    options: CheckOptions,
    top: &'a Document,
    regions: Option<RefCell<&'a mut session::RegionCache>>,
    /// Run the `default off` rules too ([`Settings::all_rules`]), or some of them
    /// ([`Settings::enabled_rules`]); the region cache holds default findings only, so it is
    /// bypassed then.
    all_rules: bool,
    /// Indices of the rules on request to run besides the default ones.
    enabled: &'a [usize],
}

impl Checker for DocumentChecker<'_> {
    fn check(&self, doc: &Document) -> Vec<Finding> {
        match &self.regions {
            _ if self.all_rules => self.rules.check_all(doc, &self.options),
            _ if !self.enabled.is_empty() => self.rules.check_default_and(doc, &self.options, self.enabled),
            Some(cache) if std::ptr::eq(doc, self.top) => cache.borrow_mut().findings(self.rules, doc, &self.options),
            _ => self.rules.check(doc, &self.options),
        }
    }

    fn rules(&self) -> &RuleSet {
        self.rules
    }
}

/// Leaves out the findings of the law's own text that lie in a spent part and returns one note per
/// part that had any: `holder` names the part of a finding (an index into `spent`), `note` writes the
/// note for a part and the number of findings left out. Shared by the steps for closed periods and
/// spent deadlines, so both treat amendment findings and Begründung alike.
pub(crate) fn leave_out_spent<T>(
    spent: &[T],
    findings: &mut Vec<Finding>,
    holder: impl Fn(&Finding) -> Option<usize>,
    note: impl Fn(&T, usize) -> Note,
) -> Vec<Note> {
    if spent.is_empty() || findings.is_empty() {
        return Vec::new();
    }
    let mut left_out = vec![0usize; spent.len()];
    findings.retain(|f| {
        if f.part != crate::structure::Part::Gesetzestext || f.amendment.is_some() {
            return true;
        }
        match holder(f) {
            Some(i) => {
                left_out[i] += 1;
                false
            }
            None => true,
        }
    });
    spent.iter().zip(left_out).filter(|(_, n)| *n > 0).map(|(s, n)| note(s, n)).collect()
}

/// What the pipeline's own step tests share: a default check of a text and the norm paths found.
#[cfg(test)]
pub(crate) mod test_support {
    use super::{check, FileResult, Input, Settings};
    use crate::rules::RuleSet;

    pub fn run(text: &str) -> FileResult {
        check(Input::Text { name: "g.txt", text }, RuleSet::builtin().unwrap(), &Settings::default())
    }

    pub fn norms(r: &FileResult) -> Vec<&str> {
        r.findings.iter().map(|f| f.norm.as_str()).collect()
    }

    /// A draft and the enacted amending law, both headed by `made`, whose Änderungsbefehl is
    /// `command`: documents whose quoted wording is not their own law, which the steps that read a
    /// law's own sentences leave alone.
    pub fn amending_documents(command: &str, made: &str) -> [crate::Document; 2] {
        use crate::structure::DocType;
        let draft = digicheck_testkit::amending_draft(command);
        let doc = crate::Document::parse(crate::SourceText::from_utf8("e.txt", &format!("{made}\n{draft}")));
        assert_eq!(doc.doctype(), DocType::Entwurf);
        let enacted = draft.replacen("Entwurf eines Gesetzes", "Gesetz", 1).replacen("\n\n", &format!("\n{made}\n\n"), 1);
        let law = crate::Document::parse(crate::SourceText::from_utf8("g.txt", &enacted));
        assert_eq!(law.doctype(), DocType::Aenderungsgesetz);
        [doc, law]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rules on request by id: added to the default check; an unknown id (an editor's or the page's
    /// setting that bypassed validation) is said in a note, never ignored silently.
    #[test]
    fn enabled_rules_run_and_unknown_ones_are_noted() {
        let rules = RuleSet::builtin().unwrap();
        let text = "§ 1 Bescheinigung\n\nDie Bescheinigung ist mit dem Dienstsiegel zu versehen.\n";
        let run = |enabled: &[&str]| {
            let s = Settings { enabled_rules: enabled.iter().map(|s| s.to_string()).collect(), ..Settings::default() };
            check(Input::Text { name: "t.txt", text }, rules, &s)
        };
        assert!(run(&[]).findings.is_empty());
        let on = run(&["DC-SI-001"]);
        assert_eq!(on.findings.iter().map(|f| f.rule.as_str()).collect::<Vec<_>>(), ["DC-SI-001"]);
        assert!(on.notes.is_empty());
        let unknown = run(&["DC-SI-001", "DC-XX-999"]);
        assert!(unknown.findings.is_empty());
        assert_eq!(unknown.notes.len(), 1);
        assert_eq!(unknown.notes[0].kind, NoteKind::Settings);
        assert!(unknown.notes[0].message.contains("unbekannte Regel „DC-XX-999“"), "{}", unknown.notes[0].message);
    }

    #[cfg(feature = "decode")]
    #[test]
    fn errors_name_the_problem_and_empty_text_is_no_error() {
        let rules = RuleSet::builtin().unwrap();
        let s = Settings::default();
        let r = check(Input::Bytes { name: "leer.txt", bytes: b"" }, rules, &s);
        assert_eq!(r.errors, vec!["Datei ist leer".to_string()]);
        assert!(r.document.is_none());
        let r = check(Input::Text { name: "neu", text: "" }, rules, &s);
        assert!(r.errors.is_empty() && r.findings.is_empty() && r.document.is_some());
    }

    #[test]
    fn the_amendment_rules_come_from_the_rule_set_in_use() {
        let text = digicheck_testkit::amending_draft("1. In § 7 Absatz 1 werden die Wörter „oder per E-Mail“ gestrichen.");
        let input = Input::Text { name: "entwurf.txt", text: &text };
        let builtin = check(input, RuleSet::builtin().unwrap(), &Settings::default());
        assert!(builtin.findings.iter().any(|f| f.rule == "DC-AE-001"), "{:#?}", builtin.findings);
        // A rule folder on its own (the prelude and one family) has no DC-AE rules: none reported.
        let files = crate::rules::catalog::BUILTIN_FILES;
        let sources: Vec<(String, String)> =
            files.iter().filter(|(n, _)| *n == "prelude.dc" || *n == "schriftform.dc").map(|(n, t)| (n.to_string(), t.to_string())).collect();
        let own = RuleSet::from_sources(&sources).unwrap();
        let r = check(input, &own, &Settings::default());
        assert!(r.findings.iter().all(|f| !f.rule.starts_with("DC-AE-")), "{:#?}", r.findings);
    }

    #[test]
    fn settings_and_original_offsets() {
        let rules = RuleSet::builtin().unwrap();
        let text = "§ 1 Antrag\r\n\r\n(1) Der An\u{AD}trag ist schriftlich zu stellen und per Telefax zu übermitteln.\r\n";
        let all = check(Input::Text { name: "t.txt", text }, rules, &Settings::default());
        assert!(all.findings.len() >= 2, "{:#?}", all.findings);
        for f in &all.findings {
            assert_eq!(&text[all.original_span(f.span).range()], f.text);
        }
        let first = all.findings[0].clone();
        let mut s = Settings::default();
        s.severity.insert(first.rule.clone(), crate::Severity::Hinweis);
        s.disabled_categories.push(crate::Category::Technologie);
        let some = check(Input::Text { name: "t.txt", text }, rules, &s);
        assert!(some.findings.iter().all(|f| f.category != crate::Category::Technologie));
        assert_eq!(some.findings.iter().find(|f| f.rule == first.rule).map(|f| f.severity), Some(crate::Severity::Hinweis));
        s.min_severity = crate::Severity::Niedrig;
        let fewer = check(Input::Text { name: "t.txt", text }, rules, &s);
        assert!(fewer.findings.iter().all(|f| f.rule != first.rule));
    }
}
