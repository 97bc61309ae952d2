//! A draft of the „Dokumentation der Digitaltauglichkeit“ (`digicheck check --format digitalcheck`).
//!
//! The federal Digitalcheck asks the drafter, for each of its five principles, whether the draft
//! takes the principle into account („Ja, gänzlich oder teilweise“, „Nein“, „Nicht relevant“) and
//! where (§). Today drafters answer from memory; this module proposes the answer from what the
//! check found and cites the provisions and wording behind it, so the drafter starts from evidence
//! and only confirms, corrects and completes. How a proposal follows from the findings:
//!
//! - a barrier (severity above `niedrig`) in the Gesetzestext for a principle → „Nein“: the draft
//!   does not yet create the preconditions; every such place is listed with its wording and fix;
//! - only advice (`niedrig`, `Hinweis`), or amendments that remove barriers → „Ja, gänzlich oder
//!   teilweise“, to be confirmed;
//! - nothing found → „Ja, gänzlich oder teilweise“ flagged as unconfirmed, because the absence of
//!   findings does not prove the principle is met; for principle 1 „Nicht relevant“ when the
//!   Gesetzestext has no recognisable procedure at all;
//! - principle 5 (Datenschutz und Informationssicherheit), and any principle the rule catalogue has
//!   no rule for, is not checked → „Nicht beurteilt“, for the drafter to fill in.
//!
//! Only findings in the Gesetzestext count: the Begründung explains a draft, it does not make law.

use super::{severity_label, FileResult, Located, Report};
use crate::pipeline::automation::ProvisionTerms;
use crate::finding::{Effect, Finding, Profile};
use crate::classification::{Category, Principle};
use crate::source::Span;
use crate::structure::{Document, NodeKind, Part};
use std::fmt::Write;

/// Escapes text for use inside a Markdown paragraph or table cell (CommonMark/GFM): markup
/// characters get a backslash, line breaks become spaces.
pub fn md_inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '|' | '~' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The answer the form offers, as proposed here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Proposal {
    Ja,
    Nein,
    NichtRelevant,
    NichtBeurteilt,
}

impl Proposal {
    fn label(self) -> &'static str {
        match self {
            Proposal::Ja => "Ja, gänzlich oder teilweise",
            Proposal::Nein => "Nein",
            Proposal::NichtRelevant => "Nicht relevant",
            Proposal::NichtBeurteilt => "Nicht beurteilt – bitte selbst ausfüllen",
        }
    }
}

/// Words that show a draft regulates a procedure with citizens or businesses (lower case).
const PROCEDURE_WORDS: [&str; 14] = [
    "antrag", "beantrag", "anzeige", "anzuzeigen", "bescheid", "erlaubnis", "genehmigung", "meldung", "zu melden",
    "nachweis", "vorzulegen", "übermitteln", "einzureichen", "behörde",
];

/// Words that show a draft already opens a digital way (lower case).
const DIGITAL_WORDS: [&str; 6] = ["elektronisch", "textform", "nutzerkonto", "online", "digital", "automatisiert"];

/// At most this many supporting places of digital-friendly wording per document.
const MAX_POSITIVE: usize = 5;

/// Characters of context on each side of the matched words in an excerpt.
const EXCERPT_CONTEXT: usize = 70;

/// Renders the documentation draft for every checked document.
pub fn render(report: &Report<'_>) -> String {
    let mut out = head(report.profile);
    for (i, file) in report.files.iter().enumerate() {
        if i > 0 {
            out.push_str(SEPARATOR);
        }
        file_section(&mut out, report, file);
    }
    out
}

/// The rule between two documents' sections in [`render`]'s output.
pub const SEPARATOR: &str = "\n---\n\n";

/// The title and the note on how the proposals came about: the start of [`render`]'s output. It
/// depends on no document, so a batch writes it first and then each document's [`section`] as
/// that document is checked (joined by [`SEPARATOR`]).
pub fn head(profile: Profile) -> String {
    let mut out = String::from("# Dokumentation der Digitaltauglichkeit – Entwurf\n\n");
    let _ = writeln!(
        out,
        "> Vorbereitet von Digi-Check {} aus dem Wortlaut des Entwurfs (Rechtsstand: {}). Die Vorschläge \
         beruhen allein auf einer automatischen Prüfung des Gesetzestextes auf Digitalisierungshemmnisse; \
         sie ersetzen Ihre eigene Bewertung nicht. Prüfen Sie jeden Vorschlag, kreuzen Sie die zutreffende \
         Antwort an und ergänzen Sie die mit „[…]“ markierten Stellen.\n",
        env!("CARGO_PKG_VERSION"),
        profile_label(profile)
    );
    out
}

/// One document's part of [`render`] (without the separator): the proposals per principle with
/// the places behind them. `report` gives the rule catalogue; its files are not read.
pub fn section(report: &Report<'_>, file: &FileResult) -> String {
    let mut out = String::new();
    file_section(&mut out, report, file);
    out
}

/// What the findings of one document say about one principle.
struct Assessment<'a> {
    principle: Principle,
    barriers: Vec<&'a Finding>,
    advice: Vec<&'a Finding>,
    removed: Vec<&'a Finding>,
    proposal: Proposal,
}

fn assess<'a>(principle: Principle, findings: &[&'a Finding], has_procedure: bool, has_rules: bool) -> Assessment<'a> {
    let mine = findings.iter().copied().filter(|f| f.principle == principle);
    let (mut barriers, mut advice, mut removed) = (Vec::new(), Vec::new(), Vec::new());
    for f in mine {
        match &f.amendment {
            Some(a) if a.effect == Effect::Removed => removed.push(f),
            _ if f.severity.is_barrier() => barriers.push(f),
            _ => advice.push(f),
        }
    }
    let proposal = if !has_rules && barriers.is_empty() && advice.is_empty() && removed.is_empty() {
        Proposal::NichtBeurteilt
    } else if !barriers.is_empty() {
        Proposal::Nein
    } else if principle.number() == 1 && advice.is_empty() && removed.is_empty() && !has_procedure {
        Proposal::NichtRelevant
    } else {
        Proposal::Ja
    };
    Assessment { principle, barriers, advice, removed, proposal }
}

fn file_section(out: &mut String, report: &Report<'_>, file: &FileResult) {
    let Some(doc) = &file.document else {
        let _ = writeln!(out, "## {}\n", md_inline(display_name(&file.name)));
        for e in &file.errors {
            let _ = writeln!(out, "**Die Datei konnte nicht geprüft werden:** {}\n", md_inline(e));
        }
        return;
    };
    let title = draft_title(doc);
    let _ = writeln!(out, "## {}\n", md_inline(title.as_deref().unwrap_or(display_name(&file.name))));
    let _ = writeln!(
        out,
        "**Regelungsvorhaben:** {}  \n**Geprüfte Datei:** `{}`  \n**Federführendes Ressort, Referat:** […]  \n**Ansprechperson:** […]\n",
        title.as_deref().map(md_inline).unwrap_or_else(|| "[Titel des Regelungsvorhabens]".to_string()),
        display_name(&file.name).replace('`', "'")
    );
    for e in &file.errors {
        let _ = writeln!(out, "**Eingabefehler:** {}\n", md_inline(e));
    }
    let law: Vec<&Finding> = file.findings.iter().filter(|f| f.part == Part::Gesetzestext).collect();
    let outside = file.findings.len() - law.len();
    let scan = scan_text(doc);
    let assessments: Vec<Assessment<'_>> =
        Principle::ALL
            .iter()
            .map(|&p| {
                // Rules off by default (automation readiness) did not run: their principle is
                // not judged unless a default rule covers it.
                let has_rules = report.rules.rules().iter().any(|r| r.principle == p && r.default_on);
                assess(p, &law, scan.has_procedure, has_rules)
            })
            .collect();

    out.push_str("### Ergebnis im Überblick\n\n");
    out.push_str("| Prinzip | Vorschlag | Hemmnisse | Hinweise | Fundstellen |\n|---|---|---:|---:|---|\n");
    for a in &assessments {
        let (b, h) = if a.proposal == Proposal::NichtBeurteilt {
            ("–".to_string(), "–".to_string())
        } else {
            (a.barriers.len().to_string(), (a.advice.len() + a.removed.len()).to_string())
        };
        let _ = writeln!(
            out,
            "| {} {} | {} | {b} | {h} | {} |",
            a.principle.number(),
            md_inline(a.principle.title()),
            a.proposal.label(),
            md_inline(&norm_list(&a.barriers, 6))
        );
    }
    out.push('\n');
    if outside > 0 {
        let _ = writeln!(
            out,
            "{} im Vorblatt oder in der Begründung {} nicht berücksichtigt: Diese Teile erläutern den Entwurf, \
             regeln aber nichts.\n",
            if outside == 1 { "Ein weiterer Befund".to_string() } else { format!("{outside} weitere Befunde") },
            if outside == 1 { "ist" } else { "sind" }
        );
    }

    for a in &assessments {
        let analysis = if a.principle.number() == 4 { file.automation.as_deref() } else { None };
        principle_section(out, report, doc, a, &scan, analysis);
    }
}

fn principle_section(
    out: &mut String,
    report: &Report<'_>,
    doc: &Document,
    a: &Assessment<'_>,
    scan: &TextScan,
    automation: Option<&[ProvisionTerms]>,
) {
    let n = a.principle.number();
    let _ = writeln!(out, "### Prinzip {n}: {}\n", md_inline(a.principle.title()));
    out.push_str("**Haben Sie das Prinzip in Ihrem Regelungsvorhaben berücksichtigt?**\n\n");
    for p in [Proposal::Ja, Proposal::Nein, Proposal::NichtRelevant] {
        let mark = if p == a.proposal { "x" } else { " " };
        let _ = writeln!(out, "- [{mark}] {}", p.label());
    }
    out.push('\n');
    let _ = writeln!(out, "**Vorschlag von Digi-Check: {}.** {}\n", a.proposal.label(), reasoning(a, scan));
    if let Some(provisions) = automation {
        automation_section(out, provisions);
    }

    if !a.barriers.is_empty() {
        out.push_str("**Stellen, die dem Prinzip entgegenstehen**\n\n");
        findings_table(out, report, doc, &a.barriers);
    }
    if !a.advice.is_empty() {
        out.push_str("**Stellen, die Sie prüfen sollten**\n\n");
        findings_table(out, report, doc, &a.advice);
    }
    if !a.removed.is_empty() {
        out.push_str("**Änderungen, die ein Hemmnis beseitigen** (für Ihre Erläuterung)\n\n");
        findings_table(out, report, doc, &a.removed);
    }
    if n == 1 && !scan.positive.is_empty() {
        out.push_str("**Stellen, die einen digitalen Weg eröffnen** (für Ihre Erläuterung, bitte prüfen)\n\n");
        for (norm, excerpt) in &scan.positive {
            let place = if norm.is_empty() { String::new() } else { format!("{}: ", md_inline(norm)) };
            let _ = writeln!(out, "- {place}{excerpt}");
        }
        out.push('\n');
    }
    out.push_str("**Erläuterung** (bitte ergänzen: wie und in welchen Paragrafen Sie das Prinzip berücksichtigt haben, oder warum nicht):\n\n");
    out.push_str("> […]\n\n");
    out.push_str("Fragen, die dabei helfen:\n\n");
    for q in questions(a.principle) {
        let _ = writeln!(out, "- {q}");
    }
    out.push('\n');
}

fn reasoning(a: &Assessment<'_>, scan: &TextScan) -> String {
    let n = a.barriers.len();
    match a.proposal {
        Proposal::Nein => {
            let mut cats: Vec<(Category, usize)> = Vec::new();
            for f in &a.barriers {
                match cats.iter_mut().find(|(c, _)| *c == f.category) {
                    Some((_, k)) => *k += 1,
                    None => cats.push((f.category, 1)),
                }
            }
            cats.sort_by_key(|&(c, k)| (std::cmp::Reverse(k), c));
            let cats: Vec<String> = cats.iter().map(|(c, k)| format!("{} {k}", c.label())).collect();
            format!(
                "Der Entwurf schafft die Voraussetzungen dafür noch nicht: {} im Gesetzestext {} einer digitalen \
                 Umsetzung entgegen ({}). Ändern Sie diese Stellen wie vorgeschlagen, kommt „Ja, gänzlich oder \
                 teilweise“ in Betracht.",
                if n == 1 { "1 Stelle".to_string() } else { format!("{n} Stellen") },
                if n == 1 { "steht" } else { "stehen" },
                cats.join(", ")
            )
        }
        Proposal::Ja if !a.removed.is_empty() => format!(
            "Digi-Check hat im neuen Wortlaut kein Hemmnis zu diesem Prinzip gefunden; {}. Bitte bestätigen \
             Sie die Einschätzung und nennen Sie diese Stellen in der Erläuterung.",
            if a.removed.len() == 1 {
                "ein Änderungsbefehl beseitigt ein bestehendes Hemmnis".to_string()
            } else {
                format!("{} Änderungsbefehle beseitigen bestehende Hemmnisse", a.removed.len())
            }
        ),
        Proposal::Ja if !a.advice.is_empty() => format!(
            "Digi-Check hat kein Hemmnis zu diesem Prinzip gefunden, aber {} zur Prüfung. Bitte bestätigen \
             Sie die Einschätzung, nachdem Sie {} geprüft haben.",
            if a.advice.len() == 1 { "1 Hinweis".to_string() } else { format!("{} Hinweise", a.advice.len()) },
            if a.advice.len() == 1 { "die Stelle" } else { "die Stellen" }
        ),
        Proposal::Ja => "Digi-Check hat zu diesem Prinzip nichts gefunden. Das spricht dafür, dass der Wortlaut \
             dem Prinzip nicht entgegensteht, belegt aber nicht, dass es umgesetzt ist: **Bitte bestätigen Sie \
             die Einschätzung selbst.**"
            .to_string(),
        Proposal::NichtRelevant => "Digi-Check hat im Gesetzestext weder Hemmnisse noch Verfahrensvorschriften \
             (Antrag, Anzeige, Bescheid, Nachweis, Behörde) gefunden. Trifft das zu, ist das Prinzip nicht \
             relevant; **bitte bestätigen und kurz begründen.**"
            .to_string(),
        Proposal::NichtBeurteilt if a.principle.number() == 5 => "Digi-Check prüft Datenschutz und \
             Informationssicherheit nicht. Bitte beurteilen Sie das Prinzip selbst und kreuzen Sie die \
             zutreffende Antwort an."
            .to_string(),
        Proposal::NichtBeurteilt => {
            let _ = scan;
            "Die Standardprüfung enthält keine Regel zu diesem Prinzip. Bitte beurteilen Sie das \
             Prinzip selbst und kreuzen Sie die zutreffende Antwort an."
                .to_string()
        }
    }
}

/// The automation analysis (asked for with `--automatisierung`): where the text leaves room for
/// discretion or judgement, one row per provision, as material for the explanation.
fn automation_section(out: &mut String, provisions: &[ProvisionTerms]) {
    out.push_str("**Automatisierbarkeit je Vorschrift** (Auswertung auf Verlangen, kein Hemmnis)\n\n");
    let _ = writeln!(out, "{}\n", md_inline(&super::automation_lead(provisions)));
    if provisions.is_empty() {
        return;
    }
    out.push_str("| Vorschrift | Begriffe | Wortlaut und Fundstelle |\n|---|---|---|\n");
    for p in provisions {
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            md_inline(if p.provision.is_empty() { "ohne Gliederung" } else { &p.provision }),
            md_inline(&p.summary()),
            md_inline(&super::automation_terms(p))
        );
    }
    out.push('\n');
}

/// Questions for the drafter's own explanation, per principle (our wording, not the form's).
fn questions(p: Principle) -> [&'static str; 2] {
    match p.number() {
        1 => [
            "Über welche digitalen Wege (z. B. Online-Antrag, Nutzerkonto, elektronische Bekanntgabe) können Bürgerinnen, Bürger und Unternehmen die Verfahren abwickeln, und in welchen §§ ist das geregelt? […]",
            "Wie erreichen Sie Menschen, die digitale Angebote nicht nutzen können oder wollen? […]",
        ],
        2 => [
            "Welche Angaben und Nachweise, die der Verwaltung schon vorliegen, werden erneut verlangt, und kann die Behörde sie stattdessen abrufen? […]",
            "Sind die Begriffe des Entwurfs mit anderen Rechtsvorschriften abgestimmt, sodass Daten wiederverwendet werden können? […]",
        ],
        3 => [
            "Welche etablierten Basisdienste und Standards (z. B. Nutzerkonto, elektronische Zustellung, XÖV-Standards) sollen genutzt werden? […]",
            "Ist die Regelung technologieoffen formuliert, oder legt sie einen bestimmten Übertragungsweg fest? […]",
        ],
        4 => [
            "Welche Entscheidungen sollen ganz oder teilweise automatisiert getroffen werden können? […]",
            "Sind Ermessen und unbestimmte Rechtsbegriffe dafür nötig, oder lassen sie sich durch eindeutige Kriterien ersetzen? […]",
        ],
        _ => [
            "Welche personenbezogenen Daten werden von wem und auf welcher Rechtsgrundlage verarbeitet? […]",
            "Wie werden Datenminimierung und Informationssicherheit sichergestellt? […]",
        ],
    }
}

fn findings_table(out: &mut String, report: &Report<'_>, doc: &Document, findings: &[&Finding]) {
    out.push_str("| Nr. | Fundstelle | Wortlaut | Befund | Schwere | Vorschlag |\n|---:|---|---|---|---|---|\n");
    for (i, f) in findings.iter().enumerate() {
        let at = Located::of(doc.source(), f);
        let title = report.rules.get(&f.rule).map(|r| r.title.as_str()).unwrap_or(f.category.label());
        let fix = f.fix.as_deref().map(|x| format!("„{}“", md_inline(x))).unwrap_or_else(|| "–".to_string());
        let _ = writeln!(
            out,
            "| {} | {} (Zeile {}) | {} | {} ({}) | {} | {} |",
            i + 1,
            md_inline(&place(f)),
            at.line,
            excerpt(doc, f),
            md_inline(title),
            f.rule,
            severity_label(f.severity),
            fix
        );
    }
    out.push('\n');
}

/// Where a finding is, for a reader of the draft: the norm, and for an amendment the command and
/// its target. Shared with the HTML report.
pub(crate) fn place(f: &Finding) -> String {
    match &f.amendment {
        Some(a) => format!("{} → {}", a.amendment, a.target),
        None if f.norm.is_empty() => "ohne Gliederung".to_string(),
        None => f.norm.clone(),
    }
}

/// Distinct places of the findings, at most `max`, then „und N weitere“.
fn norm_list(findings: &[&Finding], max: usize) -> String {
    let mut seen: Vec<String> = Vec::new();
    for f in findings {
        let p = place(f);
        if !seen.contains(&p) {
            seen.push(p);
        }
    }
    if seen.is_empty() {
        return "–".to_string();
    }
    let more = seen.len().saturating_sub(max);
    seen.truncate(max);
    let mut s = seen.join("; ");
    if more > 0 {
        let _ = write!(s, " und {more} weitere");
    }
    s
}

/// The sentence around a finding, shortened to some words either side, the matched words in
/// bold, Markdown-escaped and in German quotes.
fn excerpt(doc: &Document, f: &Finding) -> String {
    excerpt_md(doc, f.span.start, f.span.end, true)
}

/// The sentence (or list item) around `start..end` within its line, at most [`EXCERPT_CONTEXT`]
/// characters either side, cut at word edges and marked with „…“.
fn excerpt_md(doc: &Document, start: usize, end: usize, bold: bool) -> String {
    let src = doc.source();
    let text = src.text();
    let mut line = src.lines().line_span(text, src.lines().line_of(start)).unwrap_or(Span::new(start, end));
    let node = doc.node_at(start);
    let unit = doc.ancestors(node).find(|&n| {
        matches!(doc.node(n).kind, NodeKind::Satz | NodeKind::Nummer | NodeKind::Buchstabe | NodeKind::Doppelbuchstabe)
    });
    if let Some(u) = unit {
        let span = doc.node(u).span;
        if span.start <= start && start < span.end {
            line = Span::new(line.start.max(span.start), line.end.min(span.end).max(start));
        }
    }
    let end = end.min(line.end).max(start);
    let (from, cut_left) = back_chars(text, line.start, start, EXCERPT_CONTEXT);
    let (to, cut_right) = forward_chars(text, end, line.end, EXCERPT_CONTEXT);
    let strong = if bold { "**" } else { "" };
    format!(
        "„{}{}{strong}{}{strong}{}{}“",
        if cut_left { "… " } else { "" },
        md_inline(text[from..start].trim_start()),
        md_inline(&text[start..end]),
        md_inline(text[end..to].trim_end()),
        if cut_right { " …" } else { "" }
    )
}

/// Start of the excerpt: `n` characters before `at`, moved to a word start; true if cut.
fn back_chars(text: &str, floor: usize, at: usize, n: usize) -> (usize, bool) {
    let head = &text[floor..at];
    match head.char_indices().rev().nth(n) {
        None => (floor, false),
        Some((i, _)) => {
            let cut = floor + i;
            let word = text[cut..at].find(' ').map_or(cut, |s| cut + s + 1);
            (word, true)
        }
    }
}

/// End of the excerpt: `n` characters after `at`, moved back to a word end; true if cut.
fn forward_chars(text: &str, at: usize, ceil: usize, n: usize) -> (usize, bool) {
    let tail = &text[at..ceil];
    match tail.char_indices().nth(n) {
        None => (ceil, false),
        Some((i, _)) => {
            let cut = at + i;
            let word = text[at..cut].rfind(' ').map_or(cut, |s| at + s);
            (word, true)
        }
    }
}

/// What a single pass over the Gesetzestext tells besides the findings.
struct TextScan {
    has_procedure: bool,
    /// Norm path and Markdown excerpt of provisions that already open a digital way.
    positive: Vec<(String, String)>,
}

fn scan_text(doc: &Document) -> TextScan {
    let src = doc.source();
    let text = src.text();
    let mut scan = TextScan { has_procedure: false, positive: Vec::new() };
    for line in 1..=src.lines().line_count() {
        let Some(span) = src.lines().line_span(text, line) else { continue };
        if span.is_empty() {
            continue;
        }
        let node = doc.node_at(span.start);
        if doc.part_of(node) != Part::Gesetzestext || doc.is_non_normative(node) {
            continue;
        }
        let lower = text[span.range()].to_lowercase();
        if !scan.has_procedure && PROCEDURE_WORDS.iter().any(|w| lower.contains(w)) {
            scan.has_procedure = true;
        }
        if scan.positive.len() < MAX_POSITIVE {
            // Lower-casing German text keeps byte lengths except for a few letters (ẞ); only use
            // the hit if it maps back onto the original line.
            if let Some((pos, w)) = DIGITAL_WORDS.iter().filter_map(|w| lower.find(w).map(|p| (p, w))).min() {
                let start = span.start + pos;
                let end = start + w.len();
                if end <= span.end && text.is_char_boundary(start) && text.is_char_boundary(end) && text[start..end].eq_ignore_ascii_case(w) {
                    // Bold the whole word („elektronischer“), not just the stem.
                    let word_end = text[end..span.end].find(|c: char| !c.is_alphanumeric()).map_or(span.end, |i| end + i);
                    let excerpt = excerpt_md(doc, start, word_end, true);
                    scan.positive.push((doc.norm_at(span.start).to_string(), excerpt));
                }
            }
        }
        if scan.has_procedure && scan.positive.len() >= MAX_POSITIVE {
            break;
        }
    }
    scan
}

/// The title of the draft as it stands on its cover („Entwurf eines Gesetzes über …“), if found
/// near the top. Shared with the HTML report.
pub(crate) fn draft_title(doc: &Document) -> Option<String> {
    let text = doc.text();
    text.lines().take(60).map(str::trim).find_map(|l| {
        let starts = ["Entwurf eines ", "Entwurf einer ", "Gesetz über ", "Gesetz zur ", "Verordnung über ", "Verordnung zur "];
        (starts.iter().any(|s| l.starts_with(s)) && l.len() < 600).then(|| l.to_string())
    })
}

/// The name of an input as a reader knows it: standard input (`-`) is „Standardeingabe“. Shared
/// with the HTML report.
pub(crate) fn display_name(name: &str) -> &str {
    if name == "-" {
        "Standardeingabe"
    } else {
        name
    }
}

/// The jurisdiction a profile stands for, as reports name it.
pub(crate) fn profile_label(p: Profile) -> &'static str {
    match p {
        Profile::Mv => "Mecklenburg-Vorpommern",
        Profile::Bund => "Bund",
        Profile::Bw => "Baden-Württemberg",
        Profile::Land => "Land",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_escaping() {
        assert_eq!(md_inline("a|b *c* [d]\ne"), "a\\|b \\*c\\* \\[d\\] e");
        assert_eq!(md_inline("§ 5 Abs. 2"), "§ 5 Abs. 2");
    }

    #[test]
    fn excerpt_bounds_move_to_word_edges() {
        let text = "eins zwei drei vier fünf sechs";
        let (from, cut) = back_chars(text, 0, 20, 8);
        assert!(cut);
        assert_eq!(&text[from..20], "vier ");
        let (to, cut) = forward_chars(text, 5, text.len(), 8);
        assert!(cut);
        assert_eq!(&text[5..to], "zwei");
    }
}
