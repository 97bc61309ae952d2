//! Anlagen that a law makes apply only for a period that had ended before the law was made.
//!
//! A statute can validate the past: the Sozialkassenverfahrensicherungsgesetze of 2017 declare
//! collective agreements binding, each printed as an Anlage, and say for which period each
//! version applies — „Für den Zeitraum vom 1. Oktober 2007 bis zum 31. Dezember 2012 gelten die
//! Rechtsnormen des Tarifvertrags … in der aus der Anlage 21 ersichtlichen Fassung …“. Where that
//! period had closed before the law's own Ausfertigung, the Anlage only ever governed a finished
//! past: it is spent law („erledigtes Recht“) that no draft will digitalise, and a Normprüfstelle
//! strikes every finding in it (issue #15). The pipeline leaves those findings out and says so in
//! one note per Anlage, at the sentence that sets the period.
//!
//! The step is deliberately narrow, so that it never hides a live provision:
//! - the law's date comes from its own head only — the federal portal's „Ausfertigungsdatum:
//!   TT.MM.JJJJ“ or the front matter's `erlassen_am` / `ausfertigungsdatum` — never from the body;
//! - a period counts only in a sentence of the law's own text (not in an Anlage) that makes one
//!   Anlage apply „in der aus der Anlage N ersichtlichen Fassung“ „für den Zeitraum vom <Datum>
//!   bis zum <Datum>“ (either order); an open period („bis zur Beendigung des Tarifvertrags“, no
//!   end) keeps the Anlage;
//! - an Anlage that any other sentence of the law names (a second reference without a period, a
//!   sentence naming several Anlagen or periods) is kept, and a reference to „Anlagen“ in the
//!   plural, which this step does not read, keeps every Anlage of the document;
//! - amending laws and drafts are left alone: a period quoted in an Änderungsbefehl is not the
//!   law's own, and a draft has not been made yet.

use super::jurisdiction::{front_value, head};
use super::{Note, NoteKind};
use crate::structure::{DocType, NodeId, NodeKind, Part};
use crate::{Document, Finding, Span};
use std::fmt;

/// A calendar date; the fields in this order make the derived ordering chronological.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

const MONTHS: [&str; 12] = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"];

/// As German law writes a date: „1. Oktober 2007“.
impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}. {} {}", self.day, MONTHS[usize::from(self.month) - 1], self.year)
    }
}

impl Date {
    fn new(year: u32, month: u32, day: u32) -> Option<Date> {
        ((1..=12).contains(&month) && (1..=31).contains(&day) && (1000..=9999).contains(&year)).then_some(Date {
            year: year as u16,
            month: month as u8,
            day: day as u8,
        })
    }

    /// A date at the start of `s` — „1. Oktober 2007“, „1.10.2007“, „01.10.2007“ — and the bytes it
    /// takes.
    pub(super) fn parse_prefix(s: &str) -> Option<(Date, usize)> {
        let (day, mut at) = digits(s, 0, 1, 2)?;
        at = expect(s, at, ".")?;
        if let Some((month, after)) = digits(s, at, 1, 2) {
            let after = expect(s, after, ".")?;
            let (year, end) = digits(s, after, 4, 4)?;
            return Date::new(year, month, day).map(|d| (d, end));
        }
        at = expect(s, at, " ").unwrap_or(at);
        let (month, name) = MONTHS.iter().enumerate().find(|(_, m)| s[at..].starts_with(*m))?;
        at = expect(s, at + name.len(), " ")?;
        let (year, end) = digits(s, at, 4, 4)?;
        Date::new(year, month as u32 + 1, day).map(|d| (d, end))
    }

    /// A whole value: „16.05.2017“ (federal header) or „2017-05-16“ (front matter).
    fn parse_value(s: &str) -> Option<Date> {
        let s = s.trim();
        if let Some((d, end)) = Date::parse_prefix(s) {
            return (end == s.len()).then_some(d);
        }
        let mut parts = s.split('-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        let all_digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
        if parts.next().is_some() || !all_digits(y, 4) || !all_digits(m, 2) || !all_digits(d, 2) {
            return None;
        }
        Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    }
}

/// `min..=max` ASCII digits at `at`, their value and the offset after them.
fn digits(s: &str, at: usize, min: usize, max: usize) -> Option<(u32, usize)> {
    let n = s.as_bytes()[at.min(s.len())..].iter().take_while(|b| b.is_ascii_digit()).count();
    if n < min || n > max || s.as_bytes().get(at + n).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    Some((s[at..at + n].parse().ok()?, at + n))
}

fn expect(s: &str, at: usize, what: &str) -> Option<usize> {
    s.get(at..)?.starts_with(what).then_some(at + what.len())
}

/// How the document's own date was given, for the note's wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateKind {
    /// „Ausfertigungsdatum:“ of the federal portal, `ausfertigungsdatum` in front matter.
    Ausfertigung,
    /// `erlassen_am` in the front matter of a collection of state and local law.
    Erlass,
}

/// The date the document was made, from its own head; `None` where it gives none.
pub fn document_date(doc: &Document) -> Option<(Date, DateKind)> {
    let text = doc.text();
    if let Some(d) = front_value(text, "ausfertigungsdatum:").and_then(|v| Date::parse_value(&v)) {
        return Some((d, DateKind::Ausfertigung));
    }
    if let Some(d) = front_value(text, "erlassen_am:").and_then(|v| Date::parse_value(&v)) {
        return Some((d, DateKind::Erlass));
    }
    head(text)
        .lines()
        .find_map(|l| l.trim().strip_prefix("Ausfertigungsdatum:"))
        .and_then(Date::parse_value)
        .map(|d| (d, DateKind::Ausfertigung))
}

/// An Anlage whose every period statement had closed before the document's date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpentAnlage {
    /// The Anlage node.
    pub node: NodeId,
    /// „Anlage 21“.
    pub label: String,
    /// The statements that set its periods, in text order (at least one).
    pub statements: Vec<Statement>,
    pub made: Date,
    pub made_kind: DateKind,
}

/// A sentence that makes an Anlage apply for a closed period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    /// Its norm without the Satz („§ 4 Abs. 3“).
    pub norm: String,
    pub span: Span,
    pub from: Date,
    pub to: Date,
}

/// What a sentence of the law says of the Anlage it names.
#[derive(Debug, PartialEq, Eq)]
enum Reading {
    /// „Für den Zeitraum vom … bis zum … gelten … in der aus der Anlage N ersichtlichen Fassung“.
    Closed { anlage: String, from: Date, to: Date },
    /// The same statement with an open end („bis zur Beendigung des Tarifvertrags“).
    Open { anlage: String },
    /// Anything else that names an Anlage: the Anlage may apply beyond any period.
    Other,
}

/// The Anlagen of the document that only governed a period closed before the document was made.
pub fn find(doc: &Document) -> Vec<SpentAnlage> {
    let text = doc.text();
    // The statement's wording first: almost no document holds it, and this is one scan.
    if matches!(doc.doctype(), DocType::Aenderungsgesetz | DocType::Entwurf | DocType::Drucksache)
        || memchr::memmem::find(text.as_bytes(), b"Zeitraum vom").is_none()
    {
        return Vec::new();
    }
    let Some((made, made_kind)) = document_date(doc) else { return Vec::new() };
    // Per Anlage label: its closed statements, or `None` once anything else names it.
    let mut by_label: Vec<(String, Option<Vec<Statement>>)> = Vec::new();
    // Sentences already read for a label: a statement names its Anlage once, but every
    // occurrence of the word leads here.
    let mut read_for: Vec<(Span, String)> = Vec::new();
    // `memmem` here and for the wording above rather than `str::match_indices` and `contains`
    // (over every tenth federal law 14.3 → 7.5 M instructions); „Anlage“ cannot overlap itself,
    // so the occurrences are the same.
    for at in memchr::memmem::find_iter(text.as_bytes(), b"Anlage") {
        let node = doc.node_at(at);
        if doc.enclosing(node, NodeKind::Anlage).is_some() || doc.part_of(node) != Part::Gesetzestext || doc.is_non_normative(node) {
            continue;
        }
        let rest = &text[at + "Anlage".len()..];
        if rest.starts_with("n ") && rest[2..].starts_with(|c: char| c.is_ascii_digit()) {
            // „Anlagen 3 bis 5“: not read here, so no Anlage of the document is taken for spent.
            return Vec::new();
        }
        let Some((label, len)) = anlage_label(rest) else { continue };
        // „Anlage 21 (zu § 4 Absatz 3)“ is how an Anlage is titled: an entry of a list of the
        // Anlagen (which the portal prints as a table the parser may take for a sentence), not a
        // provision that makes the Anlage apply.
        if rest[len..].trim_start().starts_with("(zu ") {
            continue;
        }
        let sentence = outermost_sentence(doc, node);
        if read_for.iter().any(|(s, l)| *s == sentence && *l == label) {
            continue;
        }
        read_for.push((sentence, label.clone()));
        let entry = match by_label.iter().position(|(l, _)| *l == label) {
            Some(i) => &mut by_label[i].1,
            None => {
                by_label.push((label.clone(), Some(Vec::new())));
                &mut by_label.last_mut().expect("just pushed").1
            }
        };
        match read(&text[sentence.start..sentence.end]) {
            Reading::Closed { anlage, from, to } if anlage == label && to < made => {
                if let Some(statements) = entry {
                    let norm = without_satz(doc.norm_at(sentence.start)).to_string();
                    statements.push(Statement { norm, span: sentence, from, to });
                }
            }
            _ => *entry = None,
        }
    }
    by_label
        .into_iter()
        .filter_map(|(label, statements)| {
            let statements = statements.filter(|s| !s.is_empty())?;
            let mut anlagen = doc.of_kind(NodeKind::Anlage).filter(|&n| doc.node(n).label == label.as_str());
            let node = anlagen.next()?;
            // Two Anlagen of the same name (in different Artikel): which one is meant is not clear.
            if anlagen.next().is_some() || doc.part_of(node) != Part::Gesetzestext {
                return None;
            }
            Some(SpentAnlage { node, label, statements, made, made_kind })
        })
        .collect()
}

/// „Anlage 21“ from the text after the word „Anlage“ — a number („21“, „3a“) or a Roman numeral
/// after one space or more (tables print „Anlage  1“) — and the bytes of `rest` it takes.
fn anlage_label(rest: &str) -> Option<(String, usize)> {
    let token = rest.trim_start_matches(' ');
    let spaces = rest.len() - token.len();
    let len = token.find(|c: char| !c.is_alphanumeric()).unwrap_or(token.len());
    let token = &token[..len];
    let numbered = token.starts_with(|c: char| c.is_ascii_digit()) && token.chars().skip_while(char::is_ascii_digit).all(|c| c.is_ascii_lowercase());
    let roman = !token.is_empty() && token.chars().all(|c| "IVXLC".contains(c));
    (spaces > 0 && (numbered || roman)).then(|| (format!("Anlage {token}"), spaces + len))
}

/// The outermost Satz around a node (a Satz may hold Nummern with Sätze of their own), or the node
/// itself where it stands in no Satz.
fn outermost_sentence(doc: &Document, node: NodeId) -> Span {
    let id = doc.ancestors(node).filter(|&n| doc.node(n).kind == NodeKind::Satz).last().unwrap_or(node);
    doc.node(id).span
}

/// What a sentence says of the one Anlage it names.
fn read(sentence: &str) -> Reading {
    // One Anlage, named as the version that applies, and one period: anything more is not read.
    if sentence.matches("Anlage").count() != 1 || sentence.matches("Zeitraum").count() != 1 || !sentence.contains(" gelten ") {
        return Reading::Other;
    }
    let Some(at) = sentence.find("aus der Anlage ") else { return Reading::Other };
    let rest = &sentence[at + "aus der Anlage".len()..];
    let Some((anlage, len)) = anlage_label(rest) else { return Reading::Other };
    if !rest[len..].starts_with(" ersichtlichen Fassung") {
        return Reading::Other;
    }
    let Some(at) = sentence.find("ür den Zeitraum vom ") else { return Reading::Other };
    if !sentence[..at].ends_with(['F', 'f']) {
        return Reading::Other;
    }
    let after = &sentence[at + "ür den Zeitraum vom ".len()..];
    let Some((from, len)) = Date::parse_prefix(after) else { return Reading::Other };
    let Some(end) = after[len..].strip_prefix(" bis ") else { return Reading::Open { anlage } };
    let end = ["zum Ablauf des ", "zum ", "einschließlich "].iter().find_map(|p| end.strip_prefix(p)).unwrap_or(end);
    match Date::parse_prefix(end) {
        Some((to, _)) if from <= to => Reading::Closed { anlage, from, to },
        Some(_) => Reading::Other,
        None => Reading::Open { anlage },
    }
}

/// „§ 4 Abs. 3 Satz 1“ → „§ 4 Abs. 3“: a statement is cited by its Absatz.
fn without_satz(norm: &str) -> &str {
    match norm.rfind(" Satz ") {
        Some(i) if norm[i + 6..].chars().all(|c| c.is_ascii_digit()) => &norm[..i],
        _ => norm,
    }
}

/// Leaves out the findings in spent Anlagen and returns one note per Anlage that had any.
pub fn apply(doc: &Document, spent: &[SpentAnlage], findings: &mut Vec<Finding>) -> Vec<Note> {
    super::leave_out_spent(
        spent,
        findings,
        |f| {
            let anlage = doc.enclosing(doc.node_at(f.span.start), NodeKind::Anlage)?;
            spent.iter().position(|s| s.node == anlage)
        },
        |s, n| Note { kind: NoteKind::SpentPeriod, span: s.statements[0].span, message: message(s, n) },
    )
}

/// „Anlage 21 gilt nach § 4 Abs. 3 nur für den Zeitraum vom 1. Oktober 2007 bis zum 31. Dezember
/// 2012, der bei der Ausfertigung am 16. Mai 2017 schon abgeschlossen war; ihre 5 Fundstellen …“
fn message(s: &SpentAnlage, n: usize) -> String {
    let made = match s.made_kind {
        DateKind::Ausfertigung => format!("bei der Ausfertigung am {}", s.made),
        DateKind::Erlass => format!("beim Erlass am {}", s.made),
    };
    let period = match s.statements.as_slice() {
        [one] => format!("nach {} nur für den Zeitraum vom {} bis zum {}, der {made} schon abgeschlossen war", one.norm, one.from, one.to),
        many => {
            let mut norms: Vec<&str> = many.iter().map(|s| s.norm.as_str()).collect();
            norms.dedup();
            let last = norms.pop().expect("at least one statement");
            let norms = if norms.is_empty() { last.to_string() } else { format!("{} und {last}", norms.join(", ")) };
            let from = many.iter().map(|s| s.from).min().expect("at least one statement");
            let to = many.iter().map(|s| s.to).max().expect("at least one statement");
            format!("nach {norms} nur für Zeiträume zwischen dem {from} und dem {to}, die {made} schon abgeschlossen waren")
        }
    };
    let left_out = match n {
        1 => "ihre Fundstelle wird nicht gemeldet".to_string(),
        n => format!("ihre {n} Fundstellen werden nicht gemeldet"),
    };
    format!("{} gilt {period}; {left_out}, weil kein Entwurf eine Regelung für einen abgeschlossenen Zeitraum digital umstellen muss.", s.label)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::test_support::{amending_documents, norms, run};

    /// A law of the federal portal that declares two versions of a collective agreement binding:
    /// Anlage 1 from 2015 without end, Anlage 2 for a period given by `period`.
    fn law(header: &str, period: &str) -> String {
        format!(
            "Gesetz zur Sicherung der Sozialkassenverfahren (Testgesetz - TestG)\n{header}\n\n§ 4 – Urlaub\n\n(1) Die Rechtsnormen des Tarifvertrags gelten in der aus der Anlage 1 ersichtlichen Fassung in seinem Geltungsbereich für alle Arbeitgeber und Arbeitnehmer für den Zeitraum vom 1. Januar 2015 bis zur Beendigung des Tarifvertrags.\n\n(2) {period} gelten die Rechtsnormen des Tarifvertrags in der aus der Anlage 2 ersichtlichen Fassung vom 20. August 2007 in seinem Geltungsbereich für alle Arbeitgeber und Arbeitnehmer.\n\n§ 5 – Inkrafttreten\n\nDieses Gesetz tritt am Tag nach der Verkündung in Kraft.\n\nAnlage 1 – (zu § 4 Absatz 1)Urlaubsregelung vom 10. Dezember 2014\n\n(1) Der Antrag ist schriftlich zu stellen.\n\nAnlage 2 – (zu § 4 Absatz 2)Urlaubsregelung vom 20. August 2007\n\n(1) Der Antrag ist schriftlich zu stellen.\n\n(2) Die Erklärung ist eigenhändig zu unterschreiben.\n"
        )
    }

    const MADE: &str = "Ausfertigungsdatum: 16.05.2017";
    const CLOSED: &str = "Für den Zeitraum vom 1. Oktober 2007 bis zum 31. Dezember 2012";

    #[test]
    fn an_anlage_for_a_period_closed_before_the_law_is_left_out_with_a_note() {
        let text = law(MADE, CLOSED);
        let r = run(&text);
        assert!(r.findings.iter().all(|f| !f.norm.starts_with("Anlage 2")), "{:?}", norms(&r));
        assert!(r.findings.iter().any(|f| f.norm.starts_with("Anlage 1")), "the open Anlage stays: {:?}", norms(&r));
        assert_eq!(r.notes.len(), 1, "{:#?}", r.notes);
        assert_eq!(r.notes[0].kind, NoteKind::SpentPeriod);
        assert_eq!(
            r.notes[0].message,
            "Anlage 2 gilt nach § 4 Abs. 2 nur für den Zeitraum vom 1. Oktober 2007 bis zum 31. Dezember 2012, der bei der Ausfertigung am 16. Mai 2017 schon abgeschlossen war; ihre 2 Fundstellen werden nicht gemeldet, weil kein Entwurf eine Regelung für einen abgeschlossenen Zeitraum digital umstellen muss."
        );
        // The note stands at the sentence that sets the period.
        assert!(text[r.notes[0].span.range()].starts_with(CLOSED), "{}", &text[r.notes[0].span.range()]);
        // Without the step both Anlagen would be reported: the findings are real, only spent.
        let kept = run(&text.replace(MADE, ""));
        assert!(kept.findings.iter().filter(|f| f.norm.starts_with("Anlage 2")).count() == 2, "{:?}", norms(&kept));
    }

    #[test]
    fn one_finding_is_said_in_the_singular() {
        let text = law(MADE, CLOSED).replace("(2) Die Erklärung ist eigenhändig zu unterschreiben.\n", "");
        let r = run(&text);
        assert_eq!(r.notes.len(), 1, "{:#?}", r.notes);
        assert!(r.notes[0].message.contains("; ihre Fundstelle wird nicht gemeldet, weil"), "{}", r.notes[0].message);
    }

    #[test]
    fn an_open_period_keeps_the_anlage() {
        for period in ["Für den Zeitraum vom 1. Oktober 2007 bis zur Beendigung des Tarifvertrags", "Für den Zeitraum vom 1. Oktober 2007 an"] {
            let r = run(&law(MADE, period));
            assert_eq!(r.findings.iter().filter(|f| f.norm.starts_with("Anlage 2")).count(), 2, "{period}: {:?}", norms(&r));
            assert!(r.notes.is_empty(), "{:#?}", r.notes);
        }
    }

    #[test]
    fn a_period_ending_on_or_after_the_ausfertigung_keeps_the_anlage() {
        for period in ["Für den Zeitraum vom 1. Oktober 2007 bis zum 16. Mai 2017", "Für den Zeitraum vom 1. Oktober 2007 bis zum 31. Dezember 2020"] {
            let r = run(&law(MADE, period));
            assert_eq!(r.findings.iter().filter(|f| f.norm.starts_with("Anlage 2")).count(), 2, "{period}: {:?}", norms(&r));
            assert!(r.notes.is_empty());
        }
        // The day before is closed.
        let r = run(&law(MADE, "Für den Zeitraum vom 1. Oktober 2007 bis zum 15.5.2017"));
        assert!(r.findings.iter().all(|f| !f.norm.starts_with("Anlage 2")), "{:?}", norms(&r));
        assert!(r.notes[0].message.contains("bis zum 15. Mai 2017, der bei der Ausfertigung am 16. Mai 2017"), "{}", r.notes[0].message);
    }

    #[test]
    fn without_the_laws_own_date_nothing_is_left_out() {
        // A date in the body is no date of the law: „vom 20. August 2007“ must not be taken.
        let r = run(&law("", CLOSED));
        assert_eq!(r.findings.iter().filter(|f| f.norm.starts_with("Anlage 2")).count(), 2, "{:?}", norms(&r));
        assert!(r.notes.is_empty());
    }

    #[test]
    fn the_period_may_follow_the_anlage() {
        let text = law(MADE, "Abweichend von Absatz 1").replace(
            "vom 20. August 2007 in seinem Geltungsbereich für alle Arbeitgeber und Arbeitnehmer.",
            "vom 20. August 2007 in seinem Geltungsbereich für alle Arbeitgeber und Arbeitnehmer für den Zeitraum vom 1. Oktober 2007 bis zum 31. Dezember 2012.",
        );
        let r = run(&text);
        assert!(r.findings.iter().all(|f| !f.norm.starts_with("Anlage 2")), "{:?}", norms(&r));
        assert_eq!(r.notes.len(), 1);
    }

    #[test]
    fn two_statements_for_one_anlage_take_the_latest_end_and_any_open_one_keeps_it() {
        let second = |period: &str| {
            law(MADE, CLOSED).replace(
                "\n\n§ 5 – Inkrafttreten",
                &format!("\n\n(3) {period} gelten die Rechtsnormen des Tarifvertrags über die Berufsbildung in der aus der Anlage 2 ersichtlichen Fassung in seinem Geltungsbereich für alle Arbeitgeber und Arbeitnehmer.\n\n§ 5 – Inkrafttreten"),
            )
        };
        let r = run(&second("Für den Zeitraum vom 1. Januar 2013 bis zum 31. Dezember 2014"));
        assert!(r.findings.iter().all(|f| !f.norm.starts_with("Anlage 2")), "{:?}", norms(&r));
        assert_eq!(
            r.notes[0].message,
            "Anlage 2 gilt nach § 4 Abs. 2 und § 4 Abs. 3 nur für Zeiträume zwischen dem 1. Oktober 2007 und dem 31. Dezember 2014, die bei der Ausfertigung am 16. Mai 2017 schon abgeschlossen waren; ihre 2 Fundstellen werden nicht gemeldet, weil kein Entwurf eine Regelung für einen abgeschlossenen Zeitraum digital umstellen muss."
        );
        // The later period ends after the Ausfertigung: the Anlage still governed then.
        let r = run(&second("Für den Zeitraum vom 1. Januar 2013 bis zum 31. Dezember 2018"));
        assert_eq!(r.findings.iter().filter(|f| f.norm.starts_with("Anlage 2")).count(), 2, "{:?}", norms(&r));
        let r = run(&second("Für den Zeitraum vom 1. Januar 2013 bis zur Beendigung des Tarifvertrags"));
        assert_eq!(r.findings.iter().filter(|f| f.norm.starts_with("Anlage 2")).count(), 2, "{:?}", norms(&r));
        assert!(r.notes.is_empty());
    }

    #[test]
    fn another_reference_to_the_anlage_keeps_it() {
        let text = law(MADE, CLOSED).replace("Dieses Gesetz tritt", "Die Anlage 2 gilt auch für Auszubildende.\n\nDieses Gesetz tritt");
        let r = run(&text);
        assert_eq!(r.findings.iter().filter(|f| f.norm.starts_with("Anlage 2")).count(), 2, "{:?}", norms(&r));
        // A reference to several Anlagen is not read: nothing is left out.
        let text = law(MADE, CLOSED).replace("Dieses Gesetz tritt", "Die Anlagen 1 und 2 gelten auch für Auszubildende.\n\nDieses Gesetz tritt");
        assert_eq!(run(&text).findings.iter().filter(|f| f.norm.starts_with("Anlage 2")).count(), 2);
        // A list of the Anlagen by their titles is no reference.
        let text = law(MADE, CLOSED).replace("Dieses Gesetz tritt am Tag nach der Verkündung in Kraft.", "Dieses Gesetz tritt am Tag nach der Verkündung in Kraft.\n\n| Anlage  1 (zu § 4 Absatz 1) | 3 |\n| Anlage  2 (zu § 4 Absatz 2) | 12 |");
        assert!(run(&text).findings.iter().all(|f| !f.norm.starts_with("Anlage 2")));
    }

    #[test]
    fn the_front_matter_date_counts_and_amending_laws_are_left_alone() {
        let body = law("", CLOSED);
        let r = run(&format!("---\ntitel: Testgesetz\nerlassen_am: 2017-05-16\n---\n{body}"));
        assert!(r.findings.iter().all(|f| !f.norm.starts_with("Anlage 2")), "{:?}", norms(&r));
        assert!(r.notes[0].message.contains("der beim Erlass am 16. Mai 2017 schon abgeschlossen war"), "{}", r.notes[0].message);
        let r = run(&format!("---\ntitel: Testgesetz\nerlassen_am: # TODO\n---\n{body}"));
        assert!(r.notes.is_empty(), "an unreadable date is no date");
        // The period statement quoted in an Änderungsbefehl is not the amending law's own.
        let command = format!("1. § 4 Absatz 2 wird wie folgt gefasst:\n„(2) {CLOSED} gelten die Rechtsnormen des Tarifvertrags in der aus der Anlage 2 ersichtlichen Fassung.“");
        for doc in amending_documents(&command, MADE) {
            assert!(find(&doc).is_empty());
        }
    }

    #[test]
    fn dates_are_read_as_laws_write_them() {
        let d = |y, m, d| Date { year: y, month: m, day: d };
        assert_eq!(Date::parse_prefix("1. Oktober 2007 bis"), Some((d(2007, 10, 1), 15)));
        assert_eq!(Date::parse_prefix("10.Dezember 2002"), Some((d(2002, 12, 10), 16)));
        assert_eq!(Date::parse_prefix("1.10.2007"), Some((d(2007, 10, 1), 9)));
        assert_eq!(Date::parse_prefix("31. März 2007"), Some((d(2007, 3, 31), 14)));
        assert_eq!(Date::parse_prefix("1. Oktober"), None);
        assert_eq!(Date::parse_prefix("13.13.2007"), None);
        assert_eq!(Date::parse_value("16.05.2017"), Some(d(2017, 5, 16)));
        assert_eq!(Date::parse_value("2017-05-16"), Some(d(2017, 5, 16)));
        assert_eq!(Date::parse_value("16.05.2017 (BGBl. I S. 1)"), None);
        assert_eq!(d(2007, 10, 1).to_string(), "1. Oktober 2007");
        assert!(d(2012, 12, 31) < d(2017, 5, 16) && d(2017, 5, 15) < d(2017, 5, 16));
    }
}
