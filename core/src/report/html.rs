//! A self-contained HTML report (`digicheck check --format html`) for people who do not use a
//! terminal: a head of unit who gets it by e-mail, a drafter who prints it.
//!
//! One file and nothing else: inline CSS, no scripts, fonts or images, so it opens anywhere, also
//! offline and behind strict content policies, and survives being attached or archived. German,
//! accessible (landmarks, one heading hierarchy, labelled tables, charts with text alternatives,
//! contrast ≥ 4.5:1), readable when printed. The page has no date, so the same input gives the same
//! bytes.
//!
//! Layout: summary (key figures, findings per document and severity, per category and severity,
//! bar charts per category and per principle as inline SVG), then one section per document with
//! findings or errors — an overview table and the text with every finding marked in place
//! (`<mark>`, coloured by severity, numbered like a footnote) and its explanation and suggested
//! wording right below the line —, a list of the documents without findings, the input errors and
//! the explanation of every rule that found something.
//!
//! Size: a run over a whole body of law (the federal corpus is 6,000 laws, 153 MB) must write a
//! page a browser can open. A document's full text is shown only if it is at most
//! [`FULL_TEXT_MAX`] bytes and all such texts together stay within [`FULL_TEXT_BUDGET`];
//! otherwise only the lines with findings are shown (long lines cut to the words around the
//! findings), each with its norm path. The page says which. Everything is written into one
//! `String` in a single pass per document: linear in the size of the output.

use super::digitalcheck::{display_name, draft_title, place, profile_label};
use super::{severity_label, FileResult, Located, Report, Summary};
use crate::finding::Finding;
use crate::classification::{Category, Principle, Severity};
use crate::structure::{Document, NodeKind, Part, TextRole};
use std::collections::BTreeMap;
use std::fmt::Write;

/// The page title (also the `<h1>`).
pub const TITLE: &str = "Digi-Check – Prüfbericht";

/// Largest document (bytes of text) whose full text the report shows.
pub const FULL_TEXT_MAX: usize = 200 * 1024;

/// Largest sum of full texts in one report; above it every document is shown by excerpts.
pub const FULL_TEXT_BUDGET: usize = 8 * 1024 * 1024;

/// In excerpt mode a line longer than this is cut to the words around its findings.
const LONG_LINE: usize = 2000;

/// Bytes of context kept on each side of a finding in a cut line.
const LINE_CONTEXT: usize = 300;

const STYLE: &str = include_str!("html/style.css");

/// Renders the whole report as one HTML page.
pub fn render(report: &Report<'_>) -> String {
    render_within(report, FULL_TEXT_BUDGET)
}

/// [`render`] with the sum of full texts bounded by `budget` (tests use a small one).
fn render_within(report: &Report<'_>, budget: usize) -> String {
    let full_text = full_text_allowed(report.files, budget);
    let summary = Summary::of(report.files);
    let text_bytes: usize = report.files.iter().filter_map(|f| f.document.as_ref()).map(|d| d.text().len()).sum();
    let estimate = if full_text { text_bytes.min(budget) * 2 } else { 0 } + summary.findings * 1500 + 64 * 1024;
    let mut out = String::with_capacity(estimate);
    head_into(&mut out, report, &summary, full_text);
    for (i, f) in report.files.iter().enumerate().filter(|(_, f)| !is_clean(f)) {
        document(&mut out, report, i + 1, f, full_text);
    }
    tail_into(&mut out, report);
    out
}

/// Everything before the first document's section: page head, summary tables and charts, and the
/// opening of „Befunde in den Dokumenten“. It reads the files' names, errors, notes and findings,
/// never their documents, so a batch can let each document go once its [`Section`] is rendered.
fn head_into(out: &mut String, report: &Report<'_>, summary: &Summary, full_text: bool) {
    out.push_str("<!DOCTYPE html>\n<html lang=\"de\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(out, "<meta name=\"generator\" content=\"Digi-Check {}\">", env!("CARGO_PKG_VERSION"));
    let _ = writeln!(out, "<title>{TITLE}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>");
    out.push_str("<a class=\"skip\" href=\"#inhalt\">Zum Inhalt springen</a>\n");
    header(out, report, summary);
    nav(out, report, summary);
    out.push_str("<main id=\"inhalt\">\n<div class=\"wrap\">\n");
    summary_section(out, report, summary);
    documents_head(out, report, full_text);
}

/// Everything after the last document's section: the documents without findings, the input
/// errors, the rules that found something and the page's end. Like [`head_into`], no document is read.
fn tail_into(out: &mut String, report: &Report<'_>) {
    if report.files.iter().any(|f| !is_clean(f)) {
        out.push_str("</section>\n");
    }
    clean_section(out, report);
    errors_section(out, report);
    rules_section(out, report);
    out.push_str("</div>\n</main>\n");
    footer(out);
    out.push_str("</body>\n</html>\n");
}

/// Whether documents may be shown in full: only if the full texts of all documents with findings
/// that are small enough fit the budget together. One decision for the whole report keeps it
/// consistent and its size bounded.
fn full_text_allowed(files: &[FileResult], budget: usize) -> bool {
    files.iter().map(full_text_bytes).sum::<usize>() <= budget
}

/// What a document adds to the sum of full texts: its text if it has findings and is small enough
/// to be shown in full.
fn full_text_bytes(file: &FileResult) -> usize {
    match &file.document {
        Some(d) if !file.findings.is_empty() && d.text().len() <= FULL_TEXT_MAX => d.text().len(),
        _ => 0,
    }
}

/// One document's section of the page, rendered when the document is checked. Whether the page
/// shows full texts is known only once every document is counted, so a document that could be
/// shown in full is rendered both ways until the sum of full texts exceeds the budget.
pub struct Section {
    excerpts: String,
    /// The section with the full text, where it differs from `excerpts`.
    full: Option<String>,
    full_text_bytes: usize,
}

/// The section of document number `index` (from 0, in the order of the report) for the page, or
/// `None` if the page only lists it by name (no findings, errors or notes). `full` asks for the
/// full-text variant too, as long as the page may still show full texts
/// ([`Sections::full_text_possible`]). `report` gives the rule catalogue; its files are not read.
pub fn section(report: &Report<'_>, index: usize, file: &FileResult, full: bool) -> Option<Section> {
    if is_clean(file) {
        return None;
    }
    let bytes = full_text_bytes(file);
    let mut excerpts = String::new();
    document(&mut excerpts, report, index + 1, file, false);
    let full = (full && bytes > 0).then(|| {
        let mut s = String::new();
        document(&mut s, report, index + 1, file, true);
        s
    });
    Some(Section { excerpts, full, full_text_bytes: bytes })
}

/// The documents' sections of a batch in report order, and the sum of their full texts.
pub struct Sections {
    sections: Vec<Section>,
    full_text_bytes: usize,
    budget: usize,
}

impl Default for Sections {
    fn default() -> Self {
        Sections::within(FULL_TEXT_BUDGET)
    }
}

impl Sections {
    fn within(budget: usize) -> Sections {
        Sections { sections: Vec::new(), full_text_bytes: 0, budget }
    }

    /// Whether the page may still show full texts; once not, full-text variants are not kept.
    pub fn full_text_possible(&self) -> bool {
        self.full_text_bytes <= self.budget
    }

    /// Appends the next document's section (in report order).
    pub fn push(&mut self, section: Section) {
        let was = self.full_text_possible();
        self.full_text_bytes += section.full_text_bytes;
        self.sections.push(section);
        if !self.full_text_possible() {
            // Only the new section can hold a full text, unless the budget was crossed just now.
            let from = if was { 0 } else { self.sections.len() - 1 };
            for s in &mut self.sections[from..] {
                s.full = None;
            }
        }
    }

    /// Writes the page: the head from `report` (every file of the batch, documents already
    /// dropped), the sections, the tail. The bytes are those of [`render`] for the same files.
    pub fn write_page(self, report: &Report<'_>, out: &mut impl std::io::Write) -> std::io::Result<()> {
        let full_text = self.full_text_possible();
        let mut text = String::new();
        head_into(&mut text, report, &Summary::of(report.files), full_text);
        out.write_all(text.as_bytes())?;
        for s in &self.sections {
            let part = match (&s.full, full_text) {
                (Some(full), true) => full,
                _ => &s.excerpts,
            };
            out.write_all(part.as_bytes())?;
        }
        text.clear();
        tail_into(&mut text, report);
        out.write_all(text.as_bytes())
    }
}

/// Appends `s` with `&`, `<`, `>`, `"` and `'` escaped (safe in text and in quoted attributes).
pub fn escape_into(out: &mut String, s: &str) {
    let mut last = 0;
    for (i, b) in s.bytes().enumerate() {
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&s[last..i]);
        out.push_str(rep);
        last = i + 1;
    }
    out.push_str(&s[last..]);
}

/// `s` escaped for HTML text or a quoted attribute.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    escape_into(&mut out, s);
    out
}

fn sev_class(s: Severity) -> &'static str {
    match s {
        Severity::Blockierend => "s-blockierend",
        Severity::Hoch => "s-hoch",
        Severity::Mittel => "s-mittel",
        Severity::Niedrig => "s-niedrig",
        Severity::Hinweis => "s-hinweis",
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{} {many}", number(n))
    }
}

/// A count with German thousands separators (1.234).
fn number(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('.');
        }
        out.push(c);
    }
    out
}

fn header(out: &mut String, report: &Report<'_>, s: &Summary) {
    out.push_str("<header class=\"top\">\n<div class=\"wrap\">\n");
    let _ = writeln!(out, "<h1>{TITLE}</h1>");
    let _ = writeln!(
        out,
        "<p>Prüfung auf Digitalisierungshemmnisse · {} · {} · Rechtsstand: {}</p>",
        plural(s.files, "Dokument", "Dokumente"),
        plural(s.findings, "Befund", "Befunde"),
        profile_label(report.profile)
    );
    out.push_str("</div>\n</header>\n");
}

fn nav(out: &mut String, report: &Report<'_>, s: &Summary) {
    out.push_str("<nav class=\"toc\" aria-label=\"Abschnitte des Berichts\">\n<div class=\"wrap\">\n<ul>\n");
    out.push_str("<li><a href=\"#zusammenfassung\">Zusammenfassung</a></li>\n");
    if s.files_with_findings > 0 || s.failed_files > 0 {
        out.push_str("<li><a href=\"#dokumente\">Befunde in den Dokumenten</a></li>\n");
    }
    if report.files.iter().any(is_clean) {
        out.push_str("<li><a href=\"#ohne-befund\">Dokumente ohne Befund</a></li>\n");
    }
    if s.failed_files > 0 {
        out.push_str("<li><a href=\"#eingabefehler\">Eingabefehler</a></li>\n");
    }
    if s.findings > 0 {
        out.push_str("<li><a href=\"#regeln\">Erläuterung der Regeln</a></li>\n");
    }
    out.push_str("</ul>\n</div>\n</nav>\n");
}

/// A document with no findings, errors or notes: listed by name only.
fn is_clean(f: &FileResult) -> bool {
    f.findings.is_empty() && f.errors.is_empty() && f.notes.is_empty() && f.automation.as_ref().is_none_or(Vec::is_empty)
}

fn summary_section(out: &mut String, report: &Report<'_>, s: &Summary) {
    out.push_str("<section aria-labelledby=\"zusammenfassung\">\n<h2 id=\"zusammenfassung\">Zusammenfassung</h2>\n");
    out.push_str(
        "<p class=\"lead\">Digi-Check hat den Wortlaut auf Stellen geprüft, die eine digitale Umsetzung verhindern \
         oder erschweren: Schriftform, Unterschrift, persönliches Erscheinen, Papier, Postweg und Ähnliches. \
         <strong>Hemmnisse</strong> sind Befunde der Schwere „blockierend“, „hoch“ oder „mittel“; Befunde der \
         Schwere „niedrig“ und Hinweise sind Anregungen zur Prüfung.</p>\n",
    );
    out.push_str("<dl class=\"kpis\">\n");
    let _ = writeln!(out, "<div><dt>Geprüfte Dokumente</dt><dd>{}</dd></div>", number(s.files));
    let _ = writeln!(out, "<div><dt>Befunde</dt><dd>{}</dd></div>", number(s.findings));
    let _ = writeln!(out, "<div class=\"barrier\"><dt>davon Hemmnisse</dt><dd>{}</dd></div>", number(s.barriers()));
    let _ = writeln!(out, "<div><dt>Dokumente mit Befunden</dt><dd>{}</dd></div>", number(s.files_with_findings));
    if s.failed_files > 0 {
        let _ = writeln!(out, "<div><dt>Nicht lesbar</dt><dd>{}</dd></div>", number(s.failed_files));
    }
    out.push_str("</dl>\n");
    per_document_table(out, report, s);
    if s.findings > 0 {
        per_category_table(out, report);
    }
    charts(out, s);
    out.push_str("</section>\n");
}

fn severity_counts(findings: &[Finding]) -> [usize; 5] {
    let mut c = [0; 5];
    for f in findings {
        c[Severity::ALL.iter().position(|&s| s == f.severity).unwrap_or(4)] += 1;
    }
    c
}

fn count_cells(out: &mut String, counts: &[usize]) {
    for &n in counts {
        if n == 0 {
            out.push_str("<td class=\"n zero\">0</td>");
        } else {
            let _ = write!(out, "<td class=\"n\">{}</td>", number(n));
        }
    }
}

fn severity_head(out: &mut String) {
    for s in Severity::ALL {
        let _ = write!(out, "<th scope=\"col\" class=\"n\">{}</th>", severity_label(s));
    }
}

fn per_document_table(out: &mut String, report: &Report<'_>, s: &Summary) {
    let listed: Vec<(usize, &FileResult)> = report.files.iter().enumerate().filter(|(_, f)| !is_clean(f)).collect();
    if listed.is_empty() {
        let _ = writeln!(out, "<p>In keinem der geprüften Dokumente wurde ein Befund gefunden.</p>");
        return;
    }
    out.push_str("<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Befunde je Dokument und Schwere\">\n<table>\n<caption>Befunde je Dokument und Schwere</caption>\n<thead><tr>");
    out.push_str("<th scope=\"col\">Dokument</th><th scope=\"col\" class=\"n\">Befunde</th><th scope=\"col\" class=\"n\">Hemmnisse</th>");
    severity_head(out);
    out.push_str("</tr></thead>\n<tbody>\n");
    let mut total = [0usize; 5];
    for (i, f) in &listed {
        let c = severity_counts(&f.findings);
        for (t, n) in total.iter_mut().zip(c) {
            *t += n;
        }
        out.push_str("<tr><th scope=\"row\">");
        let _ = write!(out, "<a href=\"#d{}\">", i + 1);
        escape_into(out, display_name(&f.name));
        out.push_str("</a>");
        if !f.errors.is_empty() {
            out.push_str(" <span class=\"muted\">(Eingabefehler)</span>");
        }
        out.push_str("</th>");
        count_cells(out, &[f.findings.len(), c[..3].iter().sum()]);
        count_cells(out, &c);
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n<tfoot><tr><th scope=\"row\">Gesamt</th>");
    count_cells(out, &[s.findings, s.barriers()]);
    count_cells(out, &total);
    out.push_str("</tr></tfoot>\n</table>\n</div>\n");
    let clean = report.files.len() - listed.len();
    if clean > 0 {
        let _ = writeln!(
            out,
            "<p class=\"muted\">{} ohne Befund {} nicht einzeln aufgeführt (siehe <a href=\"#ohne-befund\">Dokumente ohne Befund</a>).</p>",
            plural(clean, "Dokument", "Dokumente"),
            if clean == 1 { "ist" } else { "sind" }
        );
    }
}

fn per_category_table(out: &mut String, report: &Report<'_>) {
    let mut by: BTreeMap<Category, [usize; 5]> = BTreeMap::new();
    for f in report.files.iter().flat_map(|f| &f.findings) {
        by.entry(f.category).or_default()[Severity::ALL.iter().position(|&s| s == f.severity).unwrap_or(4)] += 1;
    }
    out.push_str("<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Befunde je Kategorie und Schwere\">\n<table>\n<caption>Befunde je Kategorie und Schwere</caption>\n<thead><tr>");
    out.push_str("<th scope=\"col\">Kategorie</th><th scope=\"col\" class=\"n\">Befunde</th>");
    severity_head(out);
    out.push_str("</tr></thead>\n<tbody>\n");
    for c in Category::ALL {
        if let Some(counts) = by.get(&c) {
            let _ = write!(out, "<tr><th scope=\"row\">{}</th>", c.label());
            count_cells(out, &[counts.iter().sum()]);
            count_cells(out, counts);
            out.push_str("</tr>\n");
        }
    }
    out.push_str("</tbody>\n</table>\n</div>\n");
}

fn charts(out: &mut String, s: &Summary) {
    let cats: Vec<(String, usize)> =
        Category::ALL.iter().map(|c| (c.label().to_string(), s.by_category.get(c).copied().unwrap_or(0))).collect();
    let pris: Vec<(String, usize)> = Principle::ALL
        .iter()
        .map(|p| (format!("{} {}", p.number(), p.title()), s.by_principle.get(&p.number()).copied().unwrap_or(0)))
        .collect();
    out.push_str("<div class=\"charts\">\n");
    bar_chart(out, "chart-kategorie", "Befunde je Kategorie", &cats, "bar-cat");
    bar_chart(out, "chart-prinzip", "Befunde je Prinzip des Digitalchecks", &pris, "bar-pri");
    out.push_str("</div>\n");
}

/// A horizontal bar chart as inline SVG: label above each bar, the count after it. The SVG is an
/// image with a title and a description that lists every value, and each bar has its own
/// `<title>`, so screen readers and tooltips get the numbers too.
fn bar_chart(out: &mut String, id: &str, title: &str, rows: &[(String, usize)], bar_class: &str) {
    const W: usize = 520;
    const ROW: usize = 38;
    const BAR_MAX: usize = 440;
    let max = rows.iter().map(|r| r.1).max().unwrap_or(0).max(1);
    let height = rows.len() * ROW + 4;
    let _ = writeln!(out, "<figure class=\"chart\">\n<figcaption id=\"{id}-cap\">{}</figcaption>", escape(title));
    let desc: Vec<String> = rows.iter().map(|(l, n)| format!("{l}: {n}")).collect();
    let _ = writeln!(
        out,
        "<svg role=\"img\" aria-labelledby=\"{id}-t {id}-d\" viewBox=\"0 0 {W} {height}\" width=\"{W}\" height=\"{height}\" xmlns=\"http://www.w3.org/2000/svg\">"
    );
    let _ = writeln!(out, "<title id=\"{id}-t\">{}</title>", escape(title));
    let _ = writeln!(out, "<desc id=\"{id}-d\">{}</desc>", escape(&desc.join("; ")));
    for (i, (label, n)) in rows.iter().enumerate() {
        let y = i * ROW;
        let w = if *n == 0 { 0 } else { (n * BAR_MAX / max).max(3) };
        let _ = writeln!(
            out,
            "<g><title>{}: {}</title><text x=\"0\" y=\"{}\" font-size=\"13\">{}</text><rect class=\"track\" x=\"0\" y=\"{}\" width=\"{BAR_MAX}\" height=\"12\" rx=\"2\"/><rect class=\"{bar_class}\" x=\"0\" y=\"{}\" width=\"{w}\" height=\"12\" rx=\"2\"/><text class=\"value\" x=\"{}\" y=\"{}\" font-size=\"13\">{}</text></g>",
            escape(label),
            plural(*n, "Befund", "Befunde"),
            y + 14,
            escape(label),
            y + 20,
            y + 20,
            BAR_MAX + 8,
            y + 31,
            number(*n)
        );
    }
    out.push_str("</svg>\n</figure>\n");
}

/// The heading and lead of „Befunde in den Dokumenten“, if any document has a section.
fn documents_head(out: &mut String, report: &Report<'_>, full_text: bool) {
    if report.files.iter().all(is_clean) {
        return;
    }
    out.push_str("<section aria-labelledby=\"dokumente\">\n<h2 id=\"dokumente\">Befunde in den Dokumenten</h2>\n");
    let _ = writeln!(
        out,
        "<p class=\"lead\">{} Die Nummern im Text verweisen auf die Erläuterung mit dem Formulierungsvorschlag direkt unter der Zeile.</p>",
        if full_text {
            format!(
                "Dokumente bis {} KB werden mit vollem Text gezeigt, längere nur mit den Zeilen, die Befunde enthalten.",
                FULL_TEXT_MAX / 1024
            )
        } else {
            format!(
                "Der Bericht umfasst mehr Text, als eine Seite gut zeigen kann (über {} MB). Deshalb werden bei allen Dokumenten nur die Zeilen mit Befunden gezeigt, jeweils mit der Fundstelle.",
                FULL_TEXT_BUDGET / (1024 * 1024)
            )
        }
    );
}

/// Findings of one document in reading order, numbered from 1.
fn ordered(findings: &[Finding]) -> Vec<&Finding> {
    let mut v: Vec<&Finding> = findings.iter().collect();
    v.sort_by_key(|f| (f.span.start, f.span.end));
    v
}

fn document(out: &mut String, report: &Report<'_>, d: usize, file: &FileResult, full_text: bool) {
    let _ = writeln!(out, "<section class=\"doc\" id=\"d{d}\" aria-labelledby=\"d{d}-h\">");
    let title = file.document.as_ref().and_then(draft_title);
    let _ = write!(out, "<h3 id=\"d{d}-h\">");
    escape_into(out, title.as_deref().unwrap_or(display_name(&file.name)));
    out.push_str("</h3>\n");
    if title.is_some() {
        out.push_str("<p class=\"file\">");
        escape_into(out, display_name(&file.name));
        out.push_str("</p>\n");
    }
    for e in &file.errors {
        out.push_str("<p class=\"notice error\"><strong>Eingabefehler:</strong> ");
        escape_into(out, e);
        out.push_str("</p>\n");
    }
    for n in &file.notes {
        out.push_str("<p class=\"notice\"><strong>Hinweis:</strong> ");
        escape_into(out, &n.message);
        out.push_str("</p>\n");
    }
    let Some(doc) = &file.document else {
        out.push_str("</section>\n");
        return;
    };
    let findings = ordered(&file.findings);
    if findings.is_empty() {
        out.push_str("<p>Keine Befunde.</p>\n");
        automation_block(out, d, file);
        out.push_str("</section>\n");
        return;
    }
    let barriers = findings.iter().filter(|f| f.severity.is_barrier()).count();
    let _ = writeln!(
        out,
        "<p>{}, davon {}.</p>",
        plural(findings.len(), "Befund", "Befunde"),
        plural(barriers, "Hemmnis", "Hemmnisse")
    );
    overview_table(out, doc, d, display_name(&file.name), &findings);
    let full = full_text && doc.text().len() <= FULL_TEXT_MAX;
    if full {
        let _ = writeln!(out, "<h4 id=\"d{d}-text\">Text mit markierten Befunden</h4>");
        out.push_str("<div class=\"text\">\n");
        full_text_lines(out, report, doc, d, &findings);
    } else {
        let _ = writeln!(out, "<h4 id=\"d{d}-text\">Zeilen mit Befunden</h4>");
        if doc.text().len() > FULL_TEXT_MAX {
            let _ = writeln!(
                out,
                "<p class=\"muted\">Das Dokument ist {} KB groß; gezeigt werden nur die Zeilen mit Befunden.</p>",
                number(doc.text().len() / 1024)
            );
        }
        out.push_str("<div class=\"text\">\n");
        excerpt_lines(out, report, doc, d, &findings);
    }
    out.push_str("</div>\n");
    automation_block(out, d, file);
    out.push_str("</section>\n");
}

/// The automation analysis of a document, when it was asked for: one row per provision.
fn automation_block(out: &mut String, d: usize, file: &FileResult) {
    let Some(provisions) = &file.automation else { return };
    let _ = writeln!(out, "<h4 id=\"d{d}-auto\">Automatisierbarkeit je Vorschrift (Prinzip 4)</h4>");
    let _ = writeln!(out, "<p>{}</p>", crate::report::automation_lead(provisions));
    if provisions.is_empty() {
        return;
    }
    let _ = write!(
        out,
        "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-labelledby=\"d{d}-auto-cap\">\n<table>\n\
         <caption id=\"d{d}-auto-cap\">Ermessen und unbestimmte Rechtsbegriffe</caption>\n\
         <thead><tr><th scope=\"col\">Vorschrift</th><th scope=\"col\">Begriffe</th><th scope=\"col\">Wortlaut und Fundstelle</th></tr></thead>\n<tbody>\n"
    );
    for p in provisions {
        out.push_str("<tr><td>");
        escape_into(out, if p.provision.is_empty() { "ohne Gliederung" } else { &p.provision });
        out.push_str("</td><td>");
        escape_into(out, &p.summary());
        out.push_str("</td><td>");
        escape_into(out, &crate::report::automation_terms(p));
        out.push_str("</td></tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</div>\n");
}

fn overview_table(out: &mut String, doc: &Document, d: usize, name: &str, findings: &[&Finding]) {
    let _ = write!(out, "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-labelledby=\"d{d}-cap\">\n<table>\n<caption id=\"d{d}-cap\">Befunde im Überblick: ");
    escape_into(out, name);
    out.push_str("</caption>\n<thead><tr><th scope=\"col\" class=\"n\">Nr.</th><th scope=\"col\">Fundstelle</th><th scope=\"col\" class=\"n\">Zeile</th><th scope=\"col\">Schwere</th><th scope=\"col\">Befund</th><th scope=\"col\">Wortlaut</th></tr></thead>\n<tbody>\n");
    for (k, f) in findings.iter().enumerate() {
        let k = k + 1;
        let at = Located::of(doc.source(), f);
        let _ = write!(out, "<tr><td class=\"n\"><a href=\"#d{d}-b{k}\">{k}</a></td><td>");
        escape_into(out, &place(f));
        let _ = write!(
            out,
            "</td><td class=\"n\">{}</td><td><span class=\"badge {}\">{}</span></td><td>",
            at.line,
            sev_class(f.severity),
            severity_label(f.severity)
        );
        escape_into(out, f.category.label());
        out.push_str("</td><td>„");
        escape_into(out, &f.text);
        out.push_str("“</td></tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</div>\n");
}

/// A finding numbered `k` (1-based) with the part of its span on the line being written.
#[derive(Clone, Copy)]
struct Piece<'f> {
    k: usize,
    f: &'f Finding,
    start: usize,
    end: usize,
    /// The finding starts here: this piece carries the footnote number.
    first: bool,
}

/// Writes every non-empty line of the document; findings are marked in place and explained below
/// the line they start on. One pass over lines and findings.
fn full_text_lines(out: &mut String, report: &Report<'_>, doc: &Document, d: usize, findings: &[&Finding]) {
    let src = doc.source();
    let text = src.text();
    let lines = src.lines();
    let mut next = 0;
    // Findings that started on an earlier line and go on (index into `findings`).
    let mut open: Vec<usize> = Vec::new();
    for line in 1..=lines.line_count() {
        let Some(span) = lines.line_span(text, line) else { continue };
        let mut pieces: Vec<Piece<'_>> = Vec::new();
        open.retain(|&i| findings[i].span.end > span.start);
        for &i in &open {
            pieces.push(Piece { k: i + 1, f: findings[i], start: span.start, end: findings[i].span.end.min(span.end), first: false });
        }
        let mut starting = Vec::new();
        while next < findings.len() && findings[next].span.start <= span.end {
            let f = findings[next];
            pieces.push(Piece { k: next + 1, f, start: f.span.start.max(span.start), end: f.span.end.min(span.end), first: true });
            starting.push(next);
            if f.span.end > span.end {
                open.push(next);
            }
            next += 1;
        }
        if span.is_empty() && pieces.is_empty() {
            continue;
        }
        let class = if is_heading(doc, span) { "ln h" } else { "ln" };
        let _ = write!(out, "<p class=\"{class}\" id=\"d{d}-z{line}\"><span class=\"lno\" aria-hidden=\"true\">{line}</span><span class=\"lt\">");
        marked(out, text, span.start, span.end, &pieces, d);
        out.push_str("</span></p>\n");
        if !starting.is_empty() {
            out.push_str("<div class=\"notes\">\n");
            for i in starting {
                card(out, report, doc, d, i + 1, findings[i]);
            }
            out.push_str("</div>\n");
        }
    }
}

/// True for a line that is a heading (§ with its title, Artikel, Gliederung, Anlage, or a heading
/// line of its own): shown in bold so the text reads like the draft.
fn is_heading(doc: &Document, line: crate::Span) -> bool {
    if line.is_empty() || line.len() > 300 {
        return false;
    }
    let node = doc.node(doc.node_at(line.start));
    node.role == Some(TextRole::Heading)
        || (matches!(node.kind, NodeKind::Paragraph | NodeKind::Artikel | NodeKind::Gliederung | NodeKind::Anlage)
            && node.span.start == line.start)
}

/// Writes only the lines on which findings start, each headed by its line number and norm path;
/// a long line is cut to the words around its findings.
fn excerpt_lines(out: &mut String, report: &Report<'_>, doc: &Document, d: usize, findings: &[&Finding]) {
    let src = doc.source();
    let text = src.text();
    let lines = src.lines();
    let mut i = 0;
    while i < findings.len() {
        let line = lines.line_of(findings[i].span.start);
        let span = lines.line_span(text, line).unwrap_or(findings[i].span);
        let mut j = i;
        while j < findings.len() && findings[j].span.start <= span.end {
            j += 1;
        }
        let group = &findings[i..j];
        let pieces: Vec<Piece<'_>> = group
            .iter()
            .enumerate()
            .map(|(o, f)| Piece { k: i + o + 1, f, start: f.span.start.max(span.start), end: f.span.end.min(span.end), first: true })
            .collect();
        let _ = write!(out, "<p class=\"at\">Zeile {line}");
        let norm = doc.norm_at(group[0].span.start);
        if !norm.is_empty() {
            out.push_str(" · ");
            escape_into(out, norm);
        }
        let _ = write!(out, "</p>\n<p class=\"ln\" id=\"d{d}-z{line}\"><span class=\"lno\" aria-hidden=\"true\">{line}</span><span class=\"lt\">");
        let shown = windows(text, span.start, span.end, &pieces);
        // Windows and pieces are both in reading order, and every piece lies in one window.
        let mut first = 0;
        for (w, &(from, to)) in shown.iter().enumerate() {
            if w > 0 || from > span.start {
                out.push_str("<span class=\"gap\">… </span>");
            }
            let mut last = first;
            while last < pieces.len() && pieces[last].start <= to {
                last += 1;
            }
            marked(out, text, from, to, &pieces[first..last], d);
            first = last;
            if to < span.end && w + 1 == shown.len() {
                out.push_str("<span class=\"gap\"> …</span>");
            }
        }
        out.push_str("</span></p>\n<div class=\"notes\">\n");
        for (o, f) in group.iter().enumerate() {
            card(out, report, doc, d, i + o + 1, f);
        }
        out.push_str("</div>\n");
        i = j;
    }
}

/// The parts of a line to show: the whole line if it is short, else the findings with
/// [`LINE_CONTEXT`] bytes either side (on character boundaries), overlapping windows merged.
fn windows(text: &str, start: usize, end: usize, pieces: &[Piece<'_>]) -> Vec<(usize, usize)> {
    if end - start <= LONG_LINE {
        return vec![(start, end)];
    }
    let mut out: Vec<(usize, usize)> = Vec::new();
    for p in pieces {
        let mut a = p.start.saturating_sub(LINE_CONTEXT).max(start);
        while !text.is_char_boundary(a) {
            a -= 1;
        }
        let mut b = (p.end + LINE_CONTEXT).min(end);
        while !text.is_char_boundary(b) {
            b += 1;
        }
        match out.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => out.push((a, b)),
        }
    }
    out
}

/// Writes `text[from..to]` with the pieces marked. Pieces are in reading order; one that starts
/// inside an earlier mark is marked from where that one ends, and one covered entirely gets only
/// its number, so marks never nest or overlap.
fn marked(out: &mut String, text: &str, from: usize, to: usize, pieces: &[Piece<'_>], d: usize) {
    let mut cursor = from;
    for p in pieces {
        let start = p.start.clamp(cursor, to);
        let end = p.end.clamp(start, to);
        escape_into(out, &text[cursor..start]);
        if end > start {
            let _ = write!(out, "<mark class=\"{}\">", sev_class(p.f.severity));
            escape_into(out, &text[start..end]);
            out.push_str("</mark>");
        }
        if p.first {
            let _ = write!(
                out,
                "<a class=\"ref {}\" id=\"d{d}-m{}\" href=\"#d{d}-b{}\" aria-label=\"Befund {} ({})\">{}</a>",
                sev_class(p.f.severity),
                p.k,
                p.k,
                p.k,
                severity_label(p.f.severity),
                p.k
            );
        }
        cursor = end;
    }
    escape_into(out, &text[cursor..to]);
}

fn card(out: &mut String, report: &Report<'_>, doc: &Document, d: usize, k: usize, f: &Finding) {
    let at = Located::of(doc.source(), f);
    let rule = report.rules.get(&f.rule);
    let sev = sev_class(f.severity);
    let _ = write!(out, "<div class=\"card {sev}\" id=\"d{d}-b{k}\" data-rule=\"");
    escape_into(out, &f.rule);
    let _ = write!(
        out,
        "\">\n<p class=\"head\"><span class=\"num\">{k}</span><span class=\"badge {sev}\">{}</span><strong>",
        severity_label(f.severity)
    );
    escape_into(out, rule.map(|r| r.title.as_str()).unwrap_or(f.category.label()));
    out.push_str("</strong><span class=\"rule\">");
    escape_into(out, &f.rule);
    out.push_str("</span></p>\n<p class=\"where\">");
    if !f.norm.is_empty() {
        escape_into(out, &f.norm);
        out.push_str(" · ");
    }
    let _ = write!(out, "Zeile {}, Spalte {} · {} · Prinzip {} „", at.line, at.column, f.category.label(), f.principle.number());
    escape_into(out, f.principle.title());
    out.push('“');
    match f.part {
        Part::Gesetzestext => {}
        Part::Vorblatt => out.push_str(" · im Vorblatt"),
        Part::Begruendung => out.push_str(" · in der Begründung"),
    }
    out.push_str("</p>\n");
    if let Some(a) = &f.amendment {
        out.push_str("<p class=\"where\">Änderungsbefehl ");
        escape_into(out, &a.amendment);
        out.push_str(" → ");
        escape_into(out, &a.target);
        out.push_str(" · ");
        out.push_str(a.label());
        out.push_str("</p>\n");
    }
    out.push_str("<p class=\"msg\">");
    escape_into(out, &f.message);
    out.push_str("</p>\n");
    if let Some(fix) = &f.fix {
        out.push_str("<p class=\"fix\">Vorschlag: <del>");
        escape_into(out, &f.text);
        out.push_str("</del> → <ins>");
        escape_into(out, fix);
        out.push_str("</ins></p>\n");
    }
    let _ = write!(out, "<p class=\"links\"><a href=\"#d{d}-m{k}\">Zur Textstelle</a>");
    if rule.is_some() {
        out.push_str(" · <a href=\"#r-");
        escape_into(out, &f.rule);
        out.push_str("\">Hintergrund zur Regel</a>");
    }
    out.push_str("</p>\n</div>\n");
}

fn clean_section(out: &mut String, report: &Report<'_>) {
    let clean: Vec<&FileResult> = report.files.iter().filter(|f| is_clean(f)).collect();
    if clean.is_empty() {
        return;
    }
    out.push_str("<section aria-labelledby=\"ohne-befund\">\n<h2 id=\"ohne-befund\">Dokumente ohne Befund</h2>\n");
    let _ = writeln!(
        out,
        "<p>In {} hat Digi-Check keine Stelle gefunden, die einer digitalen Umsetzung entgegensteht.</p>\n<ul class=\"clean\">",
        if clean.len() == 1 { "diesem Dokument".to_string() } else { format!("diesen {} Dokumenten", number(clean.len())) }
    );
    for f in clean {
        out.push_str("<li>");
        escape_into(out, display_name(&f.name));
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n</section>\n");
}

fn errors_section(out: &mut String, report: &Report<'_>) {
    if report.files.iter().all(|f| f.errors.is_empty()) {
        return;
    }
    out.push_str("<section aria-labelledby=\"eingabefehler\">\n<h2 id=\"eingabefehler\">Eingabefehler</h2>\n");
    out.push_str("<p>Diese Dateien konnten nicht oder nicht vollständig geprüft werden:</p>\n<ul class=\"errors\">\n");
    for f in report.files.iter().filter(|f| !f.errors.is_empty()) {
        for e in &f.errors {
            out.push_str("<li><strong>");
            escape_into(out, display_name(&f.name));
            out.push_str("</strong>: ");
            escape_into(out, e);
            out.push_str("</li>\n");
        }
    }
    out.push_str("</ul>\n</section>\n");
}

fn rules_section(out: &mut String, report: &Report<'_>) {
    let used: std::collections::BTreeSet<&str> =
        report.files.iter().flat_map(|f| f.findings.iter().map(|x| x.rule.as_str())).collect();
    let rules: Vec<_> = report.rules.rules().iter().filter(|r| used.contains(r.id.as_str())).collect();
    if rules.is_empty() {
        return;
    }
    out.push_str("<section aria-labelledby=\"regeln\">\n<h2 id=\"regeln\">Erläuterung der Regeln</h2>\n");
    out.push_str("<p class=\"lead\">Jede Regel, die in diesem Bericht einen Befund ergeben hat, mit ihrem fachlichen Hintergrund.</p>\n");
    let p = report.profile;
    for r in rules {
        out.push_str("<article class=\"rule\" id=\"r-");
        escape_into(out, &r.id);
        out.push_str("\">\n<h3>");
        escape_into(out, &r.id);
        out.push_str(": ");
        escape_into(out, &r.title);
        let _ = write!(
            out,
            "</h3>\n<p class=\"muted\">Kategorie {} · Schwere <span class=\"badge {}\">{}</span> · Prinzip {} „",
            r.category.label(),
            sev_class(r.severity),
            severity_label(r.severity),
            r.principle.number()
        );
        escape_into(out, r.principle.title());
        out.push_str("“</p>\n");
        for para in r.explain.split("\n\n").map(|s| s.split_whitespace().collect::<Vec<_>>().join(" ")) {
            if !para.is_empty() {
                out.push_str("<p>");
                escape_into(out, &para);
                out.push_str("</p>\n");
            }
        }
        if let Some(b) = &r.basis {
            out.push_str("<p><strong>Rechtsgrundlage:</strong> ");
            escape_into(out, b.get(p));
            out.push_str("</p>\n");
        }
        if !r.refs.is_empty() {
            out.push_str("<p><strong>Weitere Bezüge:</strong> ");
            escape_into(out, &r.refs.iter().map(|x| x.get(p)).collect::<Vec<_>>().join("; "));
            out.push_str("</p>\n");
        }
        if let Some(url) = &r.url {
            out.push_str("<p><a href=\"");
            escape_into(out, url);
            out.push_str("\">Weiterführende Informationen</a></p>\n");
        }
        out.push_str("</article>\n");
    }
    out.push_str("</section>\n");
}

fn footer(out: &mut String) {
    let _ = writeln!(
        out,
        "<footer class=\"bottom\">\n<div class=\"wrap\">\n<p>Erstellt mit Digi-Check {}. Digi-Check prüft den Wortlaut automatisch; \
         die Befunde sind Hinweise für die fachliche Prüfung, keine rechtliche Bewertung.</p>\n</div>\n</footer>",
        env!("CARGO_PKG_VERSION")
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(escape("<a href=\"x\">&'</a>"), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;");
        assert_eq!(escape("§ 5 „ä“"), "§ 5 „ä“");
    }

    /// The drafts of the repository's corpus checked as the CLI checks them, and an unreadable file.
    fn drafts() -> Vec<FileResult> {
        use crate::pipeline::{check, Input, Settings};
        let mut files: Vec<FileResult> = ["gesetzentwurf-hundehaltung-mv.txt", "verordnung-fischereischein-mv.txt", "aenderungsgesetz-verwaltungsverfahren-mv.txt"]
            .iter()
            .map(|name| {
                let path = format!("{}/../corpus/{name}", env!("CARGO_MANIFEST_DIR"));
                let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
                check(Input::Bytes { name, bytes: &bytes }, crate::RuleSet::builtin().unwrap(), &Settings::default())
            })
            .collect();
        files.insert(1, FileResult::failed("kaputt.docx", "ZIP-Archiv, aber kein Word-Dokument"));
        files
    }

    /// A page made from sections rendered one document at a time (each document dropped after its
    /// section, as a batch does) is the page rendered at once, whether the full texts fit the
    /// budget, stop fitting part-way or never fit.
    #[test]
    fn sections_make_the_page_rendered_at_once() {
        let rules = crate::RuleSet::builtin().unwrap();
        let sizes: Vec<usize> = drafts().iter().map(full_text_bytes).collect();
        assert!(sizes.iter().filter(|&&n| n > 0).count() >= 2, "{sizes:?}");
        for budget in [0, sizes[0], sizes[0] + sizes[2], usize::MAX] {
            let mut files = drafts();
            let report = Report { files: &files, rules, profile: crate::Profile::Mv };
            let expected = render_within(&report, budget);
            let mut sections = Sections::within(budget);
            for (i, file) in files.iter_mut().enumerate() {
                let one = Report { files: std::slice::from_ref(file), rules, profile: crate::Profile::Mv };
                if let Some(s) = section(&one, i, file, sections.full_text_possible()) {
                    sections.push(s);
                }
                file.document = None;
            }
            let mut page = Vec::new();
            sections.write_page(&Report { files: &files, rules, profile: crate::Profile::Mv }, &mut page).unwrap();
            assert!(String::from_utf8(page).unwrap() == expected, "budget {budget}: the pages differ");
            let full = budget >= sizes.iter().sum::<usize>();
            assert_eq!(expected.contains("Text mit markierten Befunden"), full, "budget {budget}");
        }
    }

    #[test]
    fn numbers_have_german_separators() {
        assert_eq!(number(7), "7");
        assert_eq!(number(1234), "1.234");
        assert_eq!(number(1234567), "1.234.567");
    }
}
