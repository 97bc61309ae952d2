//! Terminal diagnostics in the style of rustc and ruff: severity, rule, title, location with norm
//! path, the source line with the matched words underlined, the message and the suggested wording;
//! a summary per severity and category at the end.

use super::{severity_label, FileResult, Located, Report, Summary};
use crate::finding::Finding;
use crate::classification::{Category, Severity};
use crate::structure::Document;
use anstyle::{AnsiColor, Effects, Style};
use std::fmt::Write;

/// Characters of context shown on each side of a match in long lines.
const CONTEXT: usize = 50;

struct Styles {
    enabled: bool,
}

impl Styles {
    fn paint(&self, style: Style, text: &str) -> String {
        if self.enabled {
            format!("{}{text}{}", style.render(), style.render_reset())
        } else {
            text.to_string()
        }
    }

    fn severity(&self, s: Severity, text: &str) -> String {
        let color = match s {
            Severity::Blockierend => AnsiColor::Red,
            Severity::Hoch => AnsiColor::Magenta,
            Severity::Mittel => AnsiColor::Yellow,
            Severity::Niedrig => AnsiColor::Cyan,
            Severity::Hinweis => AnsiColor::Blue,
        };
        self.paint(Style::new().fg_color(Some(color.into())).effects(Effects::BOLD), text)
    }

    fn dim(&self, text: &str) -> String {
        self.paint(Style::new().fg_color(Some(AnsiColor::BrightBlue.into())), text)
    }

    fn bold(&self, text: &str) -> String {
        self.paint(Style::new().effects(Effects::BOLD), text)
    }
}

/// Renders all findings and the summary; `color` adds ANSI colours (the CLI decides, honouring
/// `NO_COLOR` and whether the output is a terminal).
pub fn render(report: &Report<'_>, color: bool) -> String {
    let st = Styles { enabled: color };
    let mut out = String::new();
    for file in report.files {
        if let Some(doc) = &file.document {
            for f in &file.findings {
                finding(&mut out, &st, report, file, doc, f);
            }
        }
        for n in &file.notes {
            let _ = writeln!(out, "{}: {}: {n}\n", st.severity(Severity::Hinweis, "Hinweis"), file.name);
        }
    }
    failures(&mut out, &st, report.files);
    summary(&mut out, &st, &Summary::of(report.files));
    out
}

/// The files that could not be checked, together at the end, so a long batch does not hide them
/// between findings.
fn failures(out: &mut String, st: &Styles, files: &[FileResult]) {
    let failed: Vec<&FileResult> = files.iter().filter(|f| !f.errors.is_empty()).collect();
    if failed.is_empty() {
        return;
    }
    let head = if failed.len() == 1 { "1 Datei nicht geprüft:".to_string() } else { format!("{} Dateien nicht geprüft:", failed.len()) };
    let _ = writeln!(out, "{}", st.severity(Severity::Blockierend, &head));
    for f in failed {
        for e in &f.errors {
            let _ = writeln!(out, "  {}: {e}", f.name);
        }
    }
    out.push('\n');
}

fn finding(out: &mut String, st: &Styles, report: &Report<'_>, file: &FileResult, doc: &Document, f: &Finding) {
    let at = Located::of(doc.source(), f);
    let title = report.rules.get(&f.rule).map(|r| r.title.as_str()).unwrap_or("");
    let _ = writeln!(
        out,
        "{} {}: {}",
        st.severity(f.severity, severity_label(f.severity)),
        st.severity(f.severity, &format!("[{}]", f.rule)),
        st.bold(title)
    );
    let norm = if f.norm.is_empty() { String::new() } else { format!(" · {}", f.norm) };
    let gutter = at.line.to_string().len().max(3);
    let pad = " ".repeat(gutter);
    let _ = writeln!(out, "{pad}{} {}:{}:{}{norm}", st.dim("-->"), file.name, at.line, at.column);
    if let Some(a) = &f.amendment {
        let effect = a.label();
        let _ = writeln!(out, "{pad} {} Änderungsbefehl {} → {} ({effect})", st.dim("="), a.amendment, a.target);
    }
    let (shown, under_start, under_len) = excerpt(doc, f, at);
    let _ = writeln!(out, "{pad} {}", st.dim("|"));
    let _ = writeln!(out, "{} {} {shown}", st.dim(&format!("{:>gutter$}", at.line)), st.dim("|"));
    let marks = format!("{}{}", " ".repeat(under_start), "^".repeat(under_len.max(1)));
    let _ = writeln!(out, "{pad} {} {}", st.dim("|"), st.severity(f.severity, &marks));
    let _ = writeln!(out, "{pad} {} {}", st.dim("="), f.message);
    if let Some(fix) = &f.fix {
        let _ = writeln!(out, "{pad} {} Vorschlag: „{fix}“", st.dim("="));
    }
    let _ = writeln!(out, "{pad} {} Prinzip {}: {}", st.dim("="), f.principle.number(), f.principle.title());
    out.push('\n');
}

/// The source line around the match (shortened with „…“ if long), the column where the
/// underline starts and its length, in characters.
fn excerpt(doc: &Document, f: &Finding, at: Located) -> (String, usize, usize) {
    let src = doc.source();
    let line = src.lines().line_span(src.text(), at.line).unwrap_or(f.span);
    let text = &src.text()[line.range()];
    let chars: Vec<char> = text.chars().collect();
    let start = at.column - 1;
    let len = if at.end_line == at.line { at.end_column.saturating_sub(at.column) } else { chars.len().saturating_sub(start) };
    let from = start.saturating_sub(CONTEXT);
    let to = (start + len + CONTEXT).min(chars.len());
    let mut shown = String::new();
    if from > 0 {
        shown.push('…');
    }
    shown.extend(&chars[from..to]);
    if to < chars.len() {
        shown.push('…');
    }
    let offset = start - from + usize::from(from > 0);
    (shown.replace('\t', " "), offset, len)
}

fn summary(out: &mut String, st: &Styles, s: &Summary) {
    let files = if s.files == 1 { "1 Datei".to_string() } else { format!("{} Dateien", s.files) };
    let findings = if s.findings == 1 { "1 Befund".to_string() } else { format!("{} Befunde", s.findings) };
    let _ = write!(out, "{} {files} geprüft, {findings}", st.bold("Zusammenfassung:"));
    if s.findings > 0 {
        let barriers = if s.barriers() == 1 { "1 Hemmnis".to_string() } else { format!("{} Hemmnisse", s.barriers()) };
        let _ = write!(out, " (davon {barriers})");
    }
    if s.failed_files > 0 {
        let failed = if s.failed_files == 1 { "1 Datei".to_string() } else { format!("{} Dateien", s.failed_files) };
        let _ = write!(out, "; {failed} nicht geprüft");
    }
    if s.not_legal_text > 0 {
        let skipped = if s.not_legal_text == 1 { "1 Datei".to_string() } else { format!("{} Dateien", s.not_legal_text) };
        let _ = write!(out, "; {skipped} ohne erkennbaren Rechtstext übersprungen");
    }
    out.push('\n');
    if s.findings == 0 {
        return;
    }
    let sev: Vec<String> = Severity::ALL
        .iter()
        .filter_map(|&x| s.by_severity.get(&x).map(|n| format!("{} {n}", st.severity(x, severity_label(x)))))
        .collect();
    let _ = writeln!(out, "  nach Schwere:    {}", sev.join(" · "));
    let cat: Vec<String> =
        Category::ALL.iter().filter_map(|&c| s.by_category.get(&c).map(|n| format!("{} {n}", c.label()))).collect();
    let _ = writeln!(out, "  nach Kategorie:  {}", cat.join(" · "));
}
