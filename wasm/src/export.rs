//! What the drafting page hands out: the report of a draft (HTML, Markdown, JSON) written by the
//! engine's own report renderers, and a Word file with a comment at every finding, written by the
//! engine's annotate module — byte for byte what `digicheck check --format …` and
//! `digicheck annotate` write for the same input, without a second implementation in JavaScript.
//!
//! Part of the Word module (`digicheck_docx`, Cargo feature `docx`) only: the page loads it when a
//! drafter asks for a download, so the module loaded while a draft is typed does not grow.

use crate::api::{checked, rules};
use digicheck_core::annotate::{annotate_docx, finding_comment, AnnotateOptions};
use digicheck_core::input::{self, Format};
use digicheck_core::pipeline::{self, FileResult, Input, Settings};
use digicheck_core::report::{self, Report};
use digicheck_core::Finding;

/// The report formats the page offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    Html,
    Markdown,
    Json,
}

impl std::str::FromStr for ReportFormat {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "html" => Ok(ReportFormat::Html),
            "markdown" | "md" => Ok(ReportFormat::Markdown),
            "json" => Ok(ReportFormat::Json),
            other => Err(format!("unbekanntes Berichtsformat „{other}“ (erlaubt: html, markdown, json)")),
        }
    }
}

/// The report of one checked input in `format`, as the CLI writes it for that input.
pub fn render(result: &FileResult, format: ReportFormat) -> Result<String, String> {
    let report = Report { files: std::slice::from_ref(result), rules: rules()?, profile: result.profile };
    Ok(match format {
        ReportFormat::Html => report::html::render(&report),
        ReportFormat::Markdown => report::markdown::render(&report),
        ReportFormat::Json => report::json::render(&report),
    })
}

/// Checks a text and renders its report; `name` is how the report names the document.
pub fn report_text(text: &str, name: &str, settings: &Settings, format: ReportFormat) -> Result<String, String> {
    render(&checked(pipeline::check(Input::Text { name, text }, rules()?, settings))?, format)
}

/// Checks a Word file and renders its report (the findings of the file, tracked insertions marked).
pub fn report_docx(bytes: &[u8], name: &str, settings: &Settings, format: ReportFormat) -> Result<String, String> {
    render(&check_word_file(bytes, name, settings)?, format)
}

/// The annotated copy of a Word file and the findings that got no comment.
#[derive(Debug)]
pub struct AnnotatedDocx {
    pub docx: Vec<u8>,
    pub placed: usize,
    /// Findings whose words were not found in the Word text (the CLI warns about each).
    pub unplaced: Vec<Finding>,
}

/// Checks a Word file and writes a copy with one comment by „Digi-Check“ per finding, as
/// `digicheck annotate` does. `date` is the comments' ISO 8601 time stamp (the page passes the
/// browser's clock; the module has none of its own).
pub fn annotate(bytes: &[u8], name: &str, settings: &Settings, date: Option<String>) -> Result<AnnotatedDocx, String> {
    let result = check_word_file(bytes, name, settings)?;
    let Some(doc) = &result.document else { return Err(format!("{name}: nicht lesbar")) };
    let comments: Vec<_> = result.findings.iter().map(|f| finding_comment(f, doc.source())).collect();
    let options = AnnotateOptions { date, ..AnnotateOptions::default() };
    let annotated =
        annotate_docx(name, bytes, doc.source(), &comments, &options, &settings.limits).map_err(|e| e.to_string())?;
    let unplaced = annotated.unplaced.iter().map(|&k| result.findings[k].clone()).collect();
    Ok(AnnotatedDocx { docx: annotated.docx, placed: annotated.placed, unplaced })
}

fn check_word_file(bytes: &[u8], name: &str, settings: &Settings) -> Result<FileResult, String> {
    if input::detect_format("eingabe.docx", bytes) != Format::Docx {
        return Err(format!("{name}: keine Word-Datei (.docx)"));
    }
    checked(pipeline::check(Input::Docx { name, bytes }, rules()?, settings))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::settings_from_json;
    use digicheck_core::annotate::comments_in;

    fn settings() -> Settings {
        settings_from_json(Some(r#"{"profile":"mv"}"#), rules().unwrap()).unwrap()
    }

    fn draft(name: &str) -> Vec<u8> {
        std::fs::read(digicheck_testkit::repo_path(&format!("corpus/{name}"))).unwrap()
    }

    #[test]
    fn reports_hold_every_finding() {
        let text = String::from_utf8(draft("gesetzentwurf-hundehaltung-mv.txt")).unwrap();
        let s = settings();
        let findings = crate::api::check(&text, &s).unwrap().findings;
        assert!(findings.len() > 5);
        let json: serde_json::Value =
            serde_json::from_str(&report_text(&text, "Entwurf", &s, ReportFormat::Json).unwrap()).unwrap();
        assert_eq!(json[0]["file"], "Entwurf");
        assert_eq!(json[0]["findings"].as_array().unwrap().len(), findings.len());
        let md = report_text(&text, "Entwurf", &s, ReportFormat::Markdown).unwrap();
        let html = report_text(&text, "Entwurf", &s, ReportFormat::Html).unwrap();
        for f in &findings {
            assert!(md.contains(&f.rule), "{} not in the Markdown report", f.rule);
            assert!(html.contains(&f.rule), "{} not in the HTML report", f.rule);
        }
        assert!(html.starts_with("<!DOCTYPE html>"));
        assert!("pdf".parse::<ReportFormat>().unwrap_err().contains("„pdf“"));
    }

    #[test]
    fn a_word_file_gets_one_comment_per_finding() {
        let bytes = draft("gesetzentwurf-hundehaltung-mv.docx");
        let s = settings();
        let findings = check_word_file(&bytes, "e.docx", &s).unwrap().findings;
        let out = annotate(&bytes, "e.docx", &s, Some("2026-01-01T00:00:00Z".into())).unwrap();
        assert_eq!(out.placed + out.unplaced.len(), findings.len());
        assert!(out.unplaced.is_empty(), "{:?}", out.unplaced);
        let comments = comments_in(&out.docx).unwrap();
        assert_eq!(comments.len(), findings.len());
        assert!(comments.iter().all(|c| c.author == "Digi-Check"));
        let json: serde_json::Value =
            serde_json::from_str(&report_docx(&bytes, "e.docx", &s, ReportFormat::Json).unwrap()).unwrap();
        assert_eq!(json[0]["findings"].as_array().unwrap().len(), findings.len());
        assert!(annotate(b"kein Word", "x.docx", &s, None).unwrap_err().contains("keine Word-Datei"));
    }
}
