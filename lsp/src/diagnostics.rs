//! Findings as LSP diagnostics (contract: code = rule id, source „Digi-Check“, severity by the
//! severity contract, `codeDescription` linking the rule's documentation page, `data` carrying
//! the fix); notes of
//! the pipeline (an Änderungsbefehl not understood, a suppression without reason or effect) as
//! information at the place they concern, so that a drafter sees why a directive does nothing.

use super::analysis::{Analysis, Located, LocatedNote};
use super::documents::OpenDocument;
use digicheck_core::pipeline::NoteKind;
use digicheck_core::{report, RuleSet};
use std::cell::RefCell;
use std::collections::HashMap;
use std::path::Path;
use lsp_types::{CodeDescription, Diagnostic, DiagnosticSeverity, NumberOrString, Position, Range, Uri};
use serde_json::json;

/// The `source` of every diagnostic.
pub const SOURCE: &str = "Digi-Check";

/// The diagnostic code of a document that could not be read at all.
pub const INPUT_PROBLEM: &str = "eingabe";

/// The diagnostic code of a suppression directive without reason or without effect.
pub const SUPPRESSION_NOTE: &str = "digicheck-ignore";

/// The diagnostic code of an Änderungsbefehl that could not be read.
pub const AMENDMENT_NOTE: &str = "aenderungsbefehl";

/// All diagnostics of one analysis, in text order (a note before a finding at the same place).
pub fn of_analysis(doc: &OpenDocument, rules: &RuleSet, analysis: &Analysis) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = analysis.findings.iter().map(|l| diagnostic(doc, rules, l)).collect();
    if !analysis.notes.is_empty() {
        let mut placed: Vec<(usize, bool, Diagnostic)> =
            analysis.findings.iter().map(|l| l.start).zip(out.drain(..)).map(|(at, d)| (at, true, d)).collect();
        placed.extend(analysis.notes.iter().map(|n| (n.start, false, note(doc, n))));
        placed.sort_by_key(|(at, is_finding, _)| (*at, *is_finding));
        out = placed.into_iter().map(|(_, _, d)| d).collect();
    }
    if let Some(problem) = &analysis.problem {
        out.insert(
            0,
            Diagnostic {
                range: Range::new(Position::new(0, 0), Position::new(0, 0)),
                severity: Some(DiagnosticSeverity::WARNING),
                code: Some(NumberOrString::String(INPUT_PROBLEM.into())),
                source: Some(SOURCE.into()),
                message: format!("Digi-Check kann dieses Dokument nicht prüfen: {problem}"),
                ..Diagnostic::default()
            },
        );
    }
    out
}

/// One finding as a diagnostic; its range covers exactly the matched words in the editor's text.
pub fn diagnostic(doc: &OpenDocument, rules: &RuleSet, l: &Located) -> Diagnostic {
    let f = &l.finding;
    let code_description = doc_link(rules, &f.rule).and_then(|u| u.parse::<Uri>().ok()).map(|href| CodeDescription { href });
    Diagnostic {
        range: doc.positions.range(&doc.text, l.start, l.end),
        severity: Some(severity(f.severity.lsp_severity())),
        code: Some(NumberOrString::String(f.rule.clone())),
        code_description,
        source: Some(SOURCE.into()),
        message: f.message.clone(),
        data: Some(json!({ "rule": f.rule, "fix": f.fix, "text": f.text, "norm": f.norm, "amendment": f.amendment })),
        ..Diagnostic::default()
    }
}

/// The address of a rule's documentation page an editor can open
/// ([`digicheck_core::report::rule_doc_url`]): an absolute address as it stands; the page of a
/// build without `DIGICHECK_DOCS_URL` (`docs/rules/<ID>.md`, relative to the repository) as a
/// `file:` URI into the checkout this server was built from, if the page is there. Otherwise none,
/// rather than a link that leads nowhere.
pub fn doc_link(rules: &RuleSet, id: &str) -> Option<String> {
    let url = report::rule_doc_url(rules.get(id)?);
    // Asked for every diagnostic of every check: the file system is asked once per address.
    thread_local! {
        static RESOLVED: RefCell<HashMap<String, Option<String>>> = RefCell::new(HashMap::new());
    }
    RESOLVED.with(|cache| {
        cache
            .borrow_mut()
            .entry(url)
            .or_insert_with_key(|url| resolve_doc(url, &Path::new(env!("CARGO_MANIFEST_DIR")).join("..")))
            .clone()
    })
}

fn resolve_doc(url: &str, root: &Path) -> Option<String> {
    if url.starts_with("https://") || url.starts_with("http://") || url.starts_with("file:") {
        return Some(url.to_string());
    }
    let page = root.join(url).canonicalize().ok().filter(|p| p.is_file())?;
    super::uri::from_path(&page)
}

/// One note as an information diagnostic on the command or directive it concerns.
fn note(doc: &OpenDocument, n: &LocatedNote) -> Diagnostic {
    let code = match n.note.kind {
        NoteKind::Suppression => SUPPRESSION_NOTE,
        NoteKind::Amendment => AMENDMENT_NOTE,
        NoteKind::NotLegalText => "kein-rechtstext",
        NoteKind::Settings => "einstellung",
        NoteKind::Repealed => "ausser-kraft",
        NoteKind::SpentPeriod => "abgeschlossener-zeitraum",
        NoteKind::SpentDeadline => "abgelaufene-frist",
    };
    Diagnostic {
        range: doc.positions.range(&doc.text, n.start, n.end),
        severity: Some(DiagnosticSeverity::INFORMATION),
        code: Some(NumberOrString::String(code.into())),
        source: Some(SOURCE.into()),
        message: n.note.message.clone(),
        ..Diagnostic::default()
    }
}

fn severity(n: u8) -> DiagnosticSeverity {
    match n {
        1 => DiagnosticSeverity::ERROR,
        2 => DiagnosticSeverity::WARNING,
        3 => DiagnosticSeverity::INFORMATION,
        _ => DiagnosticSeverity::HINT,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Analyzer;
    use crate::position::Encoding;
    use digicheck_core::Severity;

    #[test]
    fn severities_follow_the_contract() {
        for s in Severity::ALL {
            let expected = match s {
                Severity::Blockierend => DiagnosticSeverity::ERROR,
                Severity::Hoch | Severity::Mittel => DiagnosticSeverity::WARNING,
                Severity::Niedrig => DiagnosticSeverity::INFORMATION,
                Severity::Hinweis => DiagnosticSeverity::HINT,
            };
            assert_eq!(severity(s.lsp_severity()), expected, "{s}");
        }
    }

    #[test]
    fn rule_links_become_code_descriptions() {
        let rule = r#"
rule DC-T-001 test-regel
  title     "Test"
  category  schriftform
  severity  hoch
  principle 1
  match     "schriftlich"
  message   "„{text}“: Test."
  fix       "elektronisch"
  url       "https://example.org/regeln/DC-T-001"
  explain   "Nur ein Test."
  flag      "Das ist schriftlich einzureichen."
  pass      "Das ist elektronisch einzureichen."
end
"#;
        let rules = RuleSet::from_sources(&[("t.dc".into(), rule.into())]).unwrap();
        let doc = OpenDocument::new("file:///t.txt".parse().unwrap(), "plaintext".into(), 1, "Das ist schriftlich einzureichen.".into(), Encoding::Utf16);
        let settings = digicheck_core::pipeline::Settings::default();
        let a = Analyzer::default().analyse(&doc, &rules, &settings);
        let d = of_analysis(&doc, &rules, &a);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].code_description.as_ref().unwrap().href.as_str(), "https://example.org/regeln/DC-T-001");
        assert_eq!(d[0].data.as_ref().unwrap()["fix"], "elektronisch");
        assert_eq!(d[0].range, Range::new(Position::new(0, 8), Position::new(0, 19)));
    }

    #[test]
    fn documentation_links_lead_somewhere_or_are_left_out() {
        let root = tempfile::tempdir().unwrap();
        assert_eq!(resolve_doc("docs/rules/DC-SF-001.md", root.path()), None, "no page, no link");
        std::fs::create_dir_all(root.path().join("docs/rules")).unwrap();
        std::fs::write(root.path().join("docs/rules/DC-SF-001.md"), "# DC-SF-001").unwrap();
        let link = resolve_doc("docs/rules/DC-SF-001.md", root.path()).unwrap();
        assert!(link.starts_with("file:///") && link.ends_with("/docs/rules/DC-SF-001.md"), "{link}");
        assert!(link.parse::<Uri>().is_ok());
        assert_eq!(resolve_doc("https://example.org/r/DC-SF-001", root.path()).as_deref(), Some("https://example.org/r/DC-SF-001"));
        // The built-in rules link their page exactly when this checkout has it.
        let rules = RuleSet::builtin().unwrap();
        let checkout = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let has_page = checkout.join("docs/rules/DC-SF-001.md").is_file() || report::docs_home().is_some();
        assert_eq!(doc_link(rules, "DC-SF-001").is_some(), has_page);
    }
}
