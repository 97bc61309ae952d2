//! Markdown for wikis, tickets and e-mails: a summary table, then per document a table of findings.

use super::{count, severity_label, FileResult, Located, Report, Summary, LEGEND};
use crate::classification::{Category, Severity};
use std::fmt::Write;

/// Escapes what would break a Markdown table cell.
pub fn cell(s: &str) -> String {
    s.replace('\\', "\\\\").replace('|', "\\|").replace('\n', " ")
}

pub fn render(report: &Report<'_>) -> String {
    let mut out = head(&Summary::of(report.files));
    for file in report.files {
        out.push_str(&section(file));
    }
    out
}

/// The title and the summary tables: the start of [`render`]'s output. They need only the counts,
/// so a batch can render each document's [`section`] when it is checked, let the document go, and
/// write this head once all are counted.
pub fn head(s: &Summary) -> String {
    let mut out = String::from("# Digi-Check: Prüfbericht\n\n");
    let _ = write!(out, "{} geprüft, {}", count(s.files, "Dokument", "Dokumente"), count(s.findings, "Befund", "Befunde"));
    if s.findings > 0 {
        let _ = write!(out, ", davon {}", count(s.barriers(), "Digitalisierungshemmnis", "Digitalisierungshemmnisse"));
    }
    if s.failed_files > 0 {
        let _ = write!(out, "; {} nicht lesbar", count(s.failed_files, "Dokument", "Dokumente"));
    }
    if s.not_legal_text > 0 {
        let _ = write!(out, "; {} ohne erkennbaren Rechtstext übersprungen", count(s.not_legal_text, "Datei", "Dateien"));
    }
    out.push_str(".\n\n");
    if s.findings > 0 {
        let _ = writeln!(out, "> {LEGEND}\n");
    }
    if s.findings > 0 {
        out.push_str("| Schwere | Anzahl |\n|---|---:|\n");
        for sev in Severity::ALL {
            if let Some(n) = s.by_severity.get(&sev) {
                let _ = writeln!(out, "| {} | {n} |", severity_label(sev));
            }
        }
        out.push_str("\n| Kategorie | Anzahl |\n|---|---:|\n");
        for c in Category::ALL {
            if let Some(n) = s.by_category.get(&c) {
                let _ = writeln!(out, "| {} | {n} |", c.label());
            }
        }
        out.push('\n');
    }
    out
}

/// One document's part of [`render`]: its errors, its findings table and its notes.
pub fn section(file: &FileResult) -> String {
    let mut out = String::new();
    file_section(&mut out, file);
    out
}

fn file_section(out: &mut String, file: &FileResult) {
    let _ = writeln!(out, "## {}\n", cell(&file.name));
    for e in &file.errors {
        let _ = writeln!(out, "**Fehler:** {}\n", cell(e));
    }
    let Some(doc) = &file.document else { return };
    if file.findings.is_empty() {
        out.push_str("Keine Befunde.\n\n");
        return;
    }
    out.push_str("| Fundstelle | Zeile | Schwere | Regel | Wortlaut | Meldung | Vorschlag |\n|---|---:|---|---|---|---|---|\n");
    for f in &file.findings {
        let at = Located::of(doc.source(), f);
        let norm = match &f.amendment {
            Some(a) => format!("{} → {}", a.amendment, a.target),
            None => f.norm.clone(),
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | „{}“ | {} | {} |",
            cell(&norm),
            at.line,
            severity_label(f.severity),
            f.rule,
            cell(&f.text),
            cell(&f.message),
            f.fix.as_deref().map(|x| format!("„{}“", cell(x))).unwrap_or_default()
        );
    }
    out.push('\n');
    for n in &file.notes {
        let _ = writeln!(out, "*Hinweis:* {}\n", cell(&n.message));
    }
}
