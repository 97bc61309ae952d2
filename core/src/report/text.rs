//! Terminal diagnostics in the style of rustc and ruff: severity, rule, title, location with norm
//! path, the source line with the matched words underlined, the message and the suggested wording;
//! a summary per severity and category at the end.

use super::{count, severity_label, FileResult, Located, Report, Summary};
use crate::finding::Finding;
use crate::classification::{Category, Severity};
use crate::structure::Document;
use anstyle::{AnsiColor, Effects, Style};
use std::fmt::Write;

/// Characters of context shown on each side of a match in long lines.
const CONTEXT: usize = 50;

/// The narrowest width wrapped to; below it lines are left as they are.
const MIN_WIDTH: usize = 40;

struct Styles {
    enabled: bool,
    /// Terminal width in columns; `None` writes lines at full length (files, pipes).
    width: Option<usize>,
}

impl Styles {
    /// `text` broken into lines of at most the width, the first starting with `first`, the
    /// others with `rest` (both counted); without a width, one line.
    fn wrap(&self, first: &str, rest: &str, text: &str) -> String {
        self.wrap_with(first, rest, text, textwrap::WordSplitter::HyphenSplitter)
    }

    /// [`Styles::wrap`] for a location: a file name is broken at spaces only, not at its hyphens.
    fn wrap_location(&self, first: &str, rest: &str, text: &str) -> String {
        self.wrap_with(first, rest, text, textwrap::WordSplitter::NoHyphenation)
    }

    fn wrap_with(&self, first: &str, rest: &str, text: &str, splitter: textwrap::WordSplitter) -> String {
        match self.width {
            Some(w) => {
                let options =
                    textwrap::Options::new(w).initial_indent(first).subsequent_indent(rest).break_words(true).word_splitter(splitter);
                textwrap::fill(text, options)
            }
            None => format!("{first}{text}"),
        }
    }
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
    render_to_width(report, color, None)
}

/// [`render`] for a terminal `width` columns wide: excerpts are shortened and messages wrapped so
/// that no line is longer (a path or a word longer than the width is broken).
pub fn render_to_width(report: &Report<'_>, color: bool, width: Option<usize>) -> String {
    let st = Styles { enabled: color, width: width.filter(|w| *w >= MIN_WIDTH) };
    let mut out = String::new();
    for file in report.files {
        if let Some(doc) = &file.document {
            for f in &file.findings {
                finding(&mut out, &st, report, file, doc, f);
            }
        }
        for n in &file.notes {
            let line = st.wrap("Hinweis: ", "  ", &format!("{}: {n}", file.name));
            let line = line.replacen("Hinweis", &st.severity(Severity::Hinweis, "Hinweis"), 1);
            let _ = writeln!(out, "{line}\n");
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
            let _ = writeln!(out, "{}", st.wrap("  ", "    ", &format!("{}: {e}", f.name)));
        }
    }
    out.push('\n');
}

fn finding(out: &mut String, st: &Styles, report: &Report<'_>, file: &FileResult, doc: &Document, f: &Finding) {
    let at = Located::of(doc.source(), f);
    let title = report.rules.get(&f.rule).map(|r| r.title.as_str()).unwrap_or("");
    let head = format!("{} [{}]: ", severity_label(f.severity), f.rule);
    let head_len = head.chars().count();
    let wrapped = st.wrap(&head, "  ", title);
    let (first, rest) = wrapped.split_once('\n').map_or((wrapped.as_str(), None), |(a, b)| (a, Some(b)));
    let first_title = first.chars().skip(head_len).collect::<String>();
    let _ = writeln!(
        out,
        "{} {}: {}",
        st.severity(f.severity, severity_label(f.severity)),
        st.severity(f.severity, &format!("[{}]", f.rule)),
        st.bold(&first_title)
    );
    if let Some(rest) = rest {
        for line in rest.lines() {
            let _ = writeln!(out, "{}", st.bold(line));
        }
    }
    let norm = if f.norm.is_empty() { String::new() } else { format!(" · {}", f.norm) };
    let gutter = at.line.to_string().len().max(3);
    let pad = " ".repeat(gutter);
    let indent = format!("{pad}   ");
    let arrow = st.wrap_location(&format!("{pad}--> "), &indent, &format!("{}:{}:{}{norm}", file.name, at.line, at.column));
    let _ = writeln!(out, "{}", arrow.replacen("-->", &st.dim("-->"), 1));
    let note = |out: &mut String, text: &str| {
        let wrapped = st.wrap(&format!("{pad} = "), &indent, text);
        let _ = writeln!(out, "{}", wrapped.replacen('=', &st.dim("="), 1));
    };
    if let Some(a) = &f.amendment {
        let effect = a.label();
        note(out, &format!("Änderungsbefehl {} → {} ({effect})", a.amendment, a.target));
    }
    // The source line: as much context as fits beside the gutter („123 | “).
    let room = st.width.map(|w| w.saturating_sub(gutter + 3));
    let (shown, under_start, under_len) = excerpt(doc, f, at, room);
    let _ = writeln!(out, "{pad} {}", st.dim("|"));
    let _ = writeln!(out, "{} {} {shown}", st.dim(&format!("{:>gutter$}", at.line)), st.dim("|"));
    let marks = format!("{}{}", " ".repeat(under_start), "^".repeat(under_len.max(1)));
    let _ = writeln!(out, "{pad} {} {}", st.dim("|"), st.severity(f.severity, &marks));
    note(out, &f.message);
    if let Some(fix) = &f.fix {
        note(out, &format!("Vorschlag: „{fix}“"));
    }
    note(out, &format!("Prinzip {}: {}", f.principle.number(), f.principle.title()));
    out.push('\n');
}

/// The source line around the match (shortened with „…“ if long), the column where the
/// underline starts and its length, in characters. With `room` (the columns available) the context
/// shrinks to fit, and a match longer than the room is cut at its end.
fn excerpt(doc: &Document, f: &Finding, at: Located, room: Option<usize>) -> (String, usize, usize) {
    let src = doc.source();
    let line = src.lines().line_span(src.text(), at.line).unwrap_or(f.span);
    let text = &src.text()[line.range()];
    let chars: Vec<char> = text.chars().collect();
    let start = (at.column - 1).min(chars.len());
    let mut len = if at.end_line == at.line { at.end_column.saturating_sub(at.column) } else { chars.len().saturating_sub(start) };
    let mut context = CONTEXT;
    if let Some(room) = room {
        if chars.len() > room {
            // Two columns for the ellipses; at least a few characters of context before the match.
            let usable = room.saturating_sub(2);
            len = len.min(usable.saturating_sub(8).max(1));
            context = usable.saturating_sub(len) / 2;
        }
    }
    let from = start.saturating_sub(context);
    let mut to = (start + len + context).min(chars.len());
    if let Some(room) = room {
        // Use the room left unused before the match (near the line start) after it.
        let spare = room.saturating_sub(2 + (to - from));
        to = (to + spare).min(chars.len());
    }
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
    let mut line = format!("{} geprüft, {}", count(s.files, "Datei", "Dateien"), count(s.findings, "Befund", "Befunde"));
    if s.findings > 0 {
        let _ = write!(line, " (davon {})", count(s.barriers(), "Hemmnis", "Hemmnisse"));
    }
    if s.failed_files > 0 {
        let _ = write!(line, "; {} nicht geprüft", count(s.failed_files, "Datei", "Dateien"));
    }
    if s.not_legal_text > 0 {
        let _ = write!(line, "; {} ohne erkennbaren Rechtstext übersprungen", count(s.not_legal_text, "Datei", "Dateien"));
    }
    let wrapped = st.wrap("Zusammenfassung: ", "  ", &line);
    let _ = writeln!(out, "{}", wrapped.replacen("Zusammenfassung:", &st.bold("Zusammenfassung:"), 1));
    if s.findings == 0 {
        return;
    }
    let sev: Vec<String> = Severity::ALL
        .iter()
        .filter_map(|&x| s.by_severity.get(&x).map(|n| format!("{} {n}", st.severity(x, severity_label(x)))))
        .collect();
    let _ = writeln!(out, "{}", st.wrap("  nach Schwere:    ", "                    ", &sev.join(" · ")));
    let cat: Vec<String> =
        Category::ALL.iter().filter_map(|&c| s.by_category.get(&c).map(|n| format!("{} {n}", c.label()))).collect();
    let _ = writeln!(out, "{}", st.wrap("  nach Kategorie:  ", "                    ", &cat.join(" · ")));
    for l in st.wrap("  ", "  ", super::LEGEND).lines() {
        let _ = writeln!(out, "{}", st.dim(l));
    }
}
