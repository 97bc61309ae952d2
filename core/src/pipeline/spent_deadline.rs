//! One-time deadlines counted from the law's own entry into force that ran out long ago.
//!
//! Old laws set duties that had to be met once, within a period after the law came into force:
//! „Die Betreiber von Kraftwerken haben binnen zwei Monaten nach Inkrafttreten des Gesetzes dem
//! Bundesamt … schriftlich zu melden“ (1974), „Der Antrag ist innerhalb dreier Monate nach dem
//! Inkrafttreten dieses Gesetzes schriftlich … zu stellen“ (1952). Decades later the period is
//! over and the duty is spent law („erledigtes Recht“): no draft will digitalise it, and a
//! Normprüfstelle strikes every finding in such a sentence (issue #15). The pipeline leaves those
//! findings out and says so in one note per sentence.
//!
//! When the period ended is not in the text: it runs from the entry into force, which the head of
//! a law does not give, only its Ausfertigung. A law comes into force days or weeks after it is
//! made („am Tag nach der Verkündung“) or on a later day it names, which for a law with duties of
//! this kind is rarely more than a year or two later (the start of a year, the lead time of a
//! reform). So a period counts as over only when the Ausfertigung plus the period plus a margin of
//! [`MARGIN_MONTHS`] (two years) lies before [`REFERENCE`], 1 January 2026 — the engine's notion of
//! „past“ elsewhere is a year up to 2025 (`@frist-abgelaufen` in `rules/prelude.dc`). The reference
//! is a constant, not the system clock, so the output does not change from one day to the next.
//! Days and weeks are rounded up to whole months of 28 days, which only makes the end later.
//!
//! The step is deliberately narrow, so that it never hides a live duty:
//! - the law's date comes from its own head only (see [`document_date`]), and where the text names a
//!   later date, the period counts from the latest one instead, since an amendment may have written
//!   the sentence (see [`latest_date`]); drafts, Drucksachen and amending laws are left alone — a
//!   deadline quoted in an Änderungsbefehl is not the amending law's own, and a draft has not been
//!   made yet;
//! - only a sentence of the law's own text (not an Anlage, not a heading or note) that sets the
//!   deadline with one of the openers „binnen“, „innerhalb (von)“, „spätestens“, „bis zu“
//!   („innerhalb eines Zeitraumes von bis zu“), a number (as a word, „dreier“, or in digits) and a
//!   unit (Tage, Wochen, Monate, Jahre), then „nach (dem) Inkrafttreten dieses Gesetzes“ / „dieser
//!   Verordnung“; „des Gesetzes“ only in a Gesetz and „der Verordnung“ only in a Verordnung, and
//!   only when no name follows („des Gesetzes zur Änderung …“, „der Verordnung vom …“ is another
//!   law);
//! - the findings left out are those in that sentence (with its Nummern), or in that Nummer where
//!   the deadline stands in one;
//! - a sentence that names another start keeps its findings: any other period counted „nach“
//!   something („oder nach Abgabe des Regelungsangebotes“, „spätestens jedoch sechs Monate nach der
//!   Bestandskraft“), „oder nach“, „oder ab“, or a law joined to the start („nach Inkrafttreten
//!   dieses Gesetzes und der Verordnung nach § 3“); so does a running or recurring period in the
//!   sentence's own words („jeweils“, „später“, „danach“, „im Übrigen“), as `@frist-laufend` does
//!   for fixed dates;
//! - „vor Inkrafttreten“ and „bei Inkrafttreten“ describe a state, not a deadline: they are not read.

use super::spent_period::{document_date, Date, DateKind};
use super::{Note, NoteKind};
use crate::structure::{DocType, NodeId, NodeKind, Part};
use crate::{Document, Finding, Span};

/// The day before which a deadline must have ended to be spent: the engine takes the years up to
/// 2025 for past (`@frist-abgelaufen`). A constant, so that a check gives the same output any day.
pub const REFERENCE: Date = Date { year: 2026, month: 1, day: 1 };

/// How long after its Ausfertigung a law is assumed to have come into force at the latest (see the
/// module documentation).
pub const MARGIN_MONTHS: u32 = 24;

/// A sentence (or Nummer) bound to one-time deadlines from the law's entry into force that ended
/// long before [`REFERENCE`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpentDeadline {
    /// The Satz or list item whose findings are left out.
    pub node: NodeId,
    /// Its kind, for the note's wording („dieses Satzes“, „dieser Nummer“).
    pub kind: NodeKind,
    pub span: Span,
    /// Its norm („§ 13 Abs. 2“, „§ 55 Abs. 1 Satz 2“).
    pub norm: String,
    /// The deadlines as the text words them („binnen zwei Monaten nach Inkrafttreten des
    /// Gesetzes“), in text order.
    pub phrases: Vec<String>,
    pub made: Date,
    pub made_kind: DateKind,
    /// The latest date the text names, where it is later than `made`: the period is counted from
    /// it (see [`latest_date`]).
    pub latest: Option<Date>,
}

/// Where a sentence's deadline counts from: the law itself, or something the step does not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Own {
    /// „dieses Gesetzes“, „dieser Verordnung“: always the law itself.
    This,
    /// „des Gesetzes“: the law itself where the document is a Gesetz.
    Gesetz,
    /// „der Verordnung“: the law itself where the document is a Verordnung.
    Verordnung,
}

/// A deadline read in a sentence: its wording (a range of the sentence) and its length in months.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Deadline {
    start: usize,
    end: usize,
    months: u32,
    own: Own,
}

/// Sentences whose findings are spent: every deadline they set from the law's own entry into
/// force ended, with the margin, before [`REFERENCE`].
pub fn find(doc: &Document) -> Vec<SpentDeadline> {
    let text = doc.text();
    let doctype = doc.doctype();
    if matches!(doctype, DocType::Aenderungsgesetz | DocType::Entwurf | DocType::Drucksache) {
        return Vec::new();
    }
    let finder = memchr::memmem::Finder::new(b"Inkrafttreten");
    let mut hits = finder.find_iter(text.as_bytes()).filter(|&at| {
        let before = &text[..at];
        before.ends_with("nach ") || before.ends_with("nach dem ")
    });
    let Some(first) = hits.next() else { return Vec::new() };
    let Some((made, made_kind)) = document_date(doc) else { return Vec::new() };
    let mut latest: Option<Option<Date>> = None;
    let mut found: Vec<SpentDeadline> = Vec::new();
    for at in std::iter::once(first).chain(hits) {
        let node = doc.node_at(at);
        if doc.enclosing(node, NodeKind::Anlage).is_some() || doc.part_of(node) != Part::Gesetzestext || doc.is_non_normative(node) {
            continue;
        }
        let Some(scope) = scope(doc, node) else { continue };
        if found.iter().any(|s| s.node == scope) {
            continue;
        }
        let span = doc.node(scope).span;
        let sentence = &text[span.range()];
        let Some(deadlines) = read(sentence, &own_words(doc, scope)) else { continue };
        // A deadline in a Nummer: the sentence that leads into the list governs it too.
        let outermost = doc.ancestors(scope).filter(|&n| doc.node(n).kind == NodeKind::Satz).last().unwrap_or(scope);
        if outermost != scope && !open_ended(&text[doc.node(outermost).span.range()], &own_words(doc, outermost)) {
            continue;
        }
        let fits = |d: &Deadline| match d.own {
            Own::This => true,
            Own::Gesetz => doctype == DocType::Gesetz,
            Own::Verordnung => doctype == DocType::Verordnung,
        };
        if deadlines.is_empty() || !deadlines.iter().all(fits) {
            continue;
        }
        let longest = deadlines.iter().map(|d| d.months).max().unwrap_or(0);
        if add_months(made, longest + MARGIN_MONTHS) >= REFERENCE {
            continue;
        }
        // Read once per document, and only for a deadline that would be spent from the Ausfertigung.
        let latest = *latest.get_or_insert_with(|| latest_date(text).filter(|&d| d > made));
        if latest.is_some_and(|d| add_months(d, longest + MARGIN_MONTHS) >= REFERENCE) {
            continue;
        }
        found.push(SpentDeadline {
            node: scope,
            kind: doc.node(scope).kind,
            span,
            norm: doc.node(scope).norm.to_string(),
            phrases: deadlines.iter().map(|d| sentence[d.start..d.end].to_string()).collect(),
            made,
            made_kind,
            latest,
        });
    }
    found
}

/// The unit whose findings a deadline governs: the nearest Satz or list item around it. A
/// deadline outside any Satz (a heading, a bare text) is not read.
fn scope(doc: &Document, node: NodeId) -> Option<NodeId> {
    doc.ancestors(node).find(|&n| {
        let kind = doc.node(n).kind;
        kind == NodeKind::Satz || kind.is_list_item()
    })
}

/// The words of a unit without its list items: „jeweils am Jahresende“ in a Nummer that says what
/// to report is no running period of the sentence's deadline.
fn own_words(doc: &Document, unit: NodeId) -> String {
    let node = doc.node(unit);
    let text = doc.text();
    let mut own = String::new();
    let mut at = node.span.start;
    for &child in &node.children {
        let c = doc.node(child);
        if c.kind.is_list_item() {
            own.push_str(&text[at..c.span.start]);
            own.push(' ');
            at = c.span.end;
        }
    }
    own.push_str(&text[at..node.span.end]);
    own
}

/// Openers of a deadline, longest first (the longer ones only widen the quoted wording).
const OPENERS: [&str; 8] = [
    "innerhalb eines Zeitraumes von bis zu",
    "innerhalb eines Zeitraums von bis zu",
    "für einen Zeitraum von bis zu",
    "innerhalb von",
    "innerhalb",
    "binnen",
    "spätestens",
    "bis zu",
];

/// Words of a running or recurring period, after `@frist-laufend`, also at the start of a sentence
/// and in the spelling before 1996 („im übrigen“). (Listed rather than lower-cased: the case
/// tables of `to_lowercase` would weigh on the WebAssembly module.)
const RUNNING: [&str; 12] = [
    "jeweils",
    "Jeweils",
    "später",
    "Später",
    "danach",
    "Danach",
    "im Übrigen",
    "Im Übrigen",
    "im übrigen",
    "Im übrigen",
    "nach diesem Zeitpunkt",
    "Nach diesem Zeitpunkt",
];

/// Words that add another start to the period.
const OTHER_START: [&str; 6] = ["oder nach ", "oder ab ", "oder mit ", "bzw. nach ", "oder seit ", "frühestens"];

/// The deadlines a sentence sets from the law's own entry into force, or `None` where the sentence
/// also counts from something else or names a running period (`own` is its text without list
/// items). An empty list: no deadline of that form.
fn read(sentence: &str, own: &str) -> Option<Vec<Deadline>> {
    if !open_ended(sentence, own) {
        return None;
    }
    let mut deadlines = Vec::new();
    // Every period counted „nach“ something must be one of the law's own entry into force.
    for (at, _) in sentence.match_indices(" nach ") {
        let (start, months) = match period_before(&sentence[..at]) {
            Period::None => continue,
            Period::Unread => return None,
            Period::Months { start, months } => (start, months),
        };
        let mut rest = &sentence[at + " nach ".len()..];
        rest = rest.strip_prefix("dem ").unwrap_or(rest);
        let rest = rest.strip_prefix("Inkrafttreten ")?;
        let (own, len) = [("dieses Gesetzes", Own::This), ("dieser Verordnung", Own::This), ("des Gesetzes", Own::Gesetz), ("der Verordnung", Own::Verordnung)]
            .iter()
            .find(|(w, _)| rest.starts_with(w))
            .map(|(w, own)| (*own, w.len()))?;
        let after = &rest[len..];
        if joins_another(after) || (own != Own::This && names_a_law(after)) {
            return None;
        }
        let end = sentence.len() - after.len();
        deadlines.push(Deadline { start, end, months, own });
    }
    Some(deadlines)
}

/// No running or recurring period in the unit's own words and no other start in its text.
fn open_ended(text: &str, own: &str) -> bool {
    !RUNNING.iter().any(|w| own.contains(w)) && !OTHER_START.iter().any(|w| text.contains(w))
}

/// What stands before a „nach“.
#[derive(Debug, PartialEq, Eq)]
enum Period {
    /// No unit of time: „nach § 4“, „nach dem Inkrafttreten“ without a period before.
    None,
    /// A unit of time without a number and opener read here („sechs Monate nach“ after
    /// „spätestens jedoch“, „in den Jahren nach“).
    Unread,
    /// „binnen zwei Monaten“: where the wording starts and its length in months (days and weeks
    /// rounded up to months of 28 days).
    Months { start: usize, months: u32 },
}

fn period_before(before: &str) -> Period {
    let (rest, unit) = before.rsplit_once(' ').unwrap_or(("", before));
    let Some(per_unit) = unit_months(unit) else { return Period::None };
    let (rest, number) = rest.rsplit_once(' ').unwrap_or(("", rest));
    let Some(n) = number_value(number) else { return Period::Unread };
    let Some(opener) = OPENERS.iter().find_map(|o| ends_with_word(rest, o)) else { return Period::Unread };
    let months = match per_unit {
        Unit::Days(d) => (n * d).div_ceil(28),
        Unit::Months(m) => n * m,
    };
    Period::Months { start: rest.len() - opener, months }
}

/// The length of `word` (as written, or capitalised at the start of a sentence; its first letter
/// is ASCII) where `text` ends with it as whole words.
fn ends_with_word(text: &str, word: &str) -> Option<usize> {
    let first = word.as_bytes()[0];
    let before = text.strip_suffix(&word[1..])?.strip_suffix([char::from(first), char::from(first.to_ascii_uppercase())])?;
    before.chars().next_back().is_none_or(|c| c == ' ' || c == '\n' || c == '„' || c.is_ascii_punctuation()).then_some(word.len())
}

enum Unit {
    Days(u32),
    Months(u32),
}

/// A unit of time as German law declines it.
fn unit_months(word: &str) -> Option<Unit> {
    let stem = ["en", "es", "e", "s", "n"].iter().find_map(|e| word.strip_suffix(e).filter(|s| s.len() >= 3)).unwrap_or(word);
    match stem {
        "Tag" | "Kalendertag" | "Werktag" | "Arbeitstag" => Some(Unit::Days(1)),
        "Woch" | "Woche" => Some(Unit::Days(7)),
        "Monat" => Some(Unit::Months(1)),
        "Jahr" | "Kalenderjahr" => Some(Unit::Months(12)),
        _ => None,
    }
}

/// A number as a German law writes a period's length: digits, or a word („ein“, „eines“,
/// „dreier“, „zwölf“, „achtzehn“, „vierundzwanzig“).
fn number_value(word: &str) -> Option<u32> {
    if !word.is_empty() && word.len() <= 3 && word.bytes().all(|b| b.is_ascii_digit()) {
        return word.parse().ok().filter(|&n| n > 0);
    }
    // After an opener, never at the start of a sentence: in lower case.
    if ["ein", "eine", "einem", "einen", "einer", "eines"].contains(&word) {
        return Some(1);
    }
    let word = word.strip_suffix("er").filter(|w| ["zwei", "drei", "vier"].contains(w)).unwrap_or(word);
    const ONES: [&str; 9] = ["ein", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun"];
    const TEENS: [&str; 10] = ["zehn", "elf", "zwölf", "dreizehn", "vierzehn", "fünfzehn", "sechzehn", "siebzehn", "achtzehn", "neunzehn"];
    const TENS: [&str; 8] = ["zwanzig", "dreißig", "vierzig", "fünfzig", "sechzig", "siebzig", "achtzig", "neunzig"];
    let position = |list: &[&str], w: &str| list.iter().position(|x| *x == w).map(|i| i as u32);
    if let Some(i) = position(&ONES, word) {
        return Some(i + 1);
    }
    if let Some(i) = position(&TEENS, word) {
        return Some(i + 10);
    }
    if let Some(i) = position(&TENS, word) {
        return Some(10 * (i + 2));
    }
    let (ones, tens) = word.split_once("und")?;
    Some(position(&ONES, ones)? + 1 + 10 * (position(&TENS, tens)? + 2))
}

/// „dieses Gesetzes und der Verordnung nach § 3“, „… oder nach …“: the period starts from
/// something more than the law.
fn joins_another(after: &str) -> bool {
    let next = after.trim_start().split(' ').next().unwrap_or("");
    ["und", "oder", "sowie", "bzw.", "beziehungsweise"].contains(&next)
}

/// After „des Gesetzes“ / „der Verordnung“: a name or date of another law („zur Änderung …“,
/// „vom 5. Mai 1970“, „über …“, „(BGBl. …)“, „„…““). An object or verb that goes on with the
/// sentence („dem Bundesamt“, „schriftlich“) or its end is none.
fn names_a_law(after: &str) -> bool {
    let next = after.trim_start_matches(' ').split(' ').next().unwrap_or("");
    let Some(first) = next.chars().next() else { return false };
    if [',', '.', ';', ':'].contains(&first) {
        return false;
    }
    !(first.is_ascii_lowercase() || matches!(first, 'ä' | 'ö' | 'ü' | 'ß'))
        || ["zur", "zum", "zu", "über", "vom", "von", "v.", "für", "betreffend", "in", "des", "der", "nach", "gemäß", "im", "am"].contains(&next)
}

/// The latest calendar date the text names („1. Oktober 2007“, „30.7.2021“), or `None`.
///
/// A law's head gives the day it was made, not the day each of its sentences was written: an
/// amendment may insert a provision decades later whose „nach Inkrafttreten dieses Gesetzes“ means
/// the amending law's entry into force (§ 5 Abs. 3 StAG, a right to declare „innerhalb von zehn
/// Jahren nach Inkrafttreten dieses Gesetzes“, was inserted in 2021 into a law made in 1913). The
/// text does not say which sentence an amendment wrote, but amendments leave dates behind (a
/// cut-off day, an EU act they implement, a transitional rule), and a sentence that names a date
/// was written on or after it or looks ahead from an earlier day. So a law that names any date
/// later than its Ausfertigung has every period counted from the latest such date: a heavily
/// amended law loses a spent sentence or two, but no inserted one is taken for spent on the
/// strength of a date from another century. An amendment that names no date anywhere stays
/// unseen; that remains for the reviewer.
fn latest_date(text: &str) -> Option<Date> {
    let bytes = text.as_bytes();
    let mut latest = None;
    let mut at = 0;
    while at < bytes.len() {
        let b = bytes[at];
        if !b.is_ascii_digit() || (at > 0 && (bytes[at - 1].is_ascii_digit() || bytes[at - 1] == b'.')) {
            at += 1;
            continue;
        }
        match Date::parse_prefix(&text[at..]) {
            Some((d, len)) => {
                latest = latest.max(Some(d));
                at += len;
            }
            None => at += 1,
        }
    }
    latest
}

/// `date` plus `months`, the day kept (a later day in a shorter month only makes it later).
fn add_months(date: Date, months: u32) -> Date {
    let total = u32::from(date.month) - 1 + months;
    Date { year: date.year + (total / 12) as u16, month: (total % 12) as u8 + 1, day: date.day }
}

/// Leaves out the findings in spent sentences and returns one note per sentence that had any.
pub fn apply(spent: &[SpentDeadline], findings: &mut Vec<Finding>) -> Vec<Note> {
    super::leave_out_spent(
        spent,
        findings,
        |f| spent.iter().position(|s| s.span.contains(f.span)),
        |s, n| Note { kind: NoteKind::SpentDeadline, span: s.span, message: message(s, n) },
    )
}

/// „Die Frist „binnen zwei Monaten nach Inkrafttreten des Gesetzes“ (§ 13 Abs. 2) ist längst
/// abgelaufen (ausgefertigt am 13. Dezember 1974, jüngstes Datum im Text: 31. Dezember 1999); die
/// Fundstelle dieses Satzes wird nicht gemeldet, weil kein Entwurf erledigtes Recht digital
/// umstellen muss.“
fn message(s: &SpentDeadline, n: usize) -> String {
    let quoted: Vec<String> = s.phrases.iter().map(|p| format!("„{p}“")).collect();
    let (deadlines, verb) = match quoted.as_slice() {
        [one] => (format!("Die Frist {one}"), "ist"),
        [many @ .., last] => (format!("Die Fristen {} und {last}", many.join(", ")), "sind"),
        [] => unreachable!("a spent sentence has a deadline"),
    };
    let made = match s.made_kind {
        DateKind::Ausfertigung => format!("ausgefertigt am {}", s.made),
        DateKind::Erlass => format!("erlassen am {}", s.made),
    };
    let dates = match s.latest {
        Some(latest) => format!("{made}, jüngstes Datum im Text: {latest}"),
        None => made,
    };
    let unit = match s.kind {
        NodeKind::Nummer => "dieser Nummer",
        NodeKind::Buchstabe => "dieses Buchstabens",
        NodeKind::Doppelbuchstabe => "dieses Doppelbuchstabens",
        _ => "dieses Satzes",
    };
    let left_out = match n {
        1 => format!("die Fundstelle {unit} wird nicht gemeldet"),
        n => format!("die {n} Fundstellen {unit} werden nicht gemeldet"),
    };
    format!("{deadlines} ({}) {verb} längst abgelaufen ({dates}); {left_out}, weil kein Entwurf erledigtes Recht digital umstellen muss.", s.norm)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::test_support::{amending_documents, norms, run};

    const MADE: &str = "Ausfertigungsdatum: 14.03.1968";
    const DEADLINE: &str = "binnen drei Monaten nach Inkrafttreten dieses Gesetzes";

    /// A law of the federal portal whose § 1 Abs. 1 Satz 1 sets `deadline` for a written notice;
    /// Satz 2 and Abs. 2 hold written notices without a deadline.
    fn law(title: &str, header: &str, deadline: &str) -> String {
        format!(
            "{title}\n{header}\n\n§ 1 – Anzeigepflicht\n\n(1) Wer eine Windmühle betreibt, hat sie {deadline} der Gemeinde schriftlich anzuzeigen. Änderungen sind der Gemeinde schriftlich mitzuteilen.\n\n(2) Die Betreiber haben der Gemeinde\n\n1. binnen zwei Monaten nach Inkrafttreten dieses Gesetzes die Lage der Mühle schriftlich anzuzeigen und\n\n2. jede Stilllegung schriftlich anzuzeigen.\n\n§ 2 – Inkrafttreten\n\nDieses Gesetz tritt am Tag nach der Verkündung in Kraft.\n"
        )
    }

    const GESETZ: &str = "Gesetz über die Anzeige von Windmühlen (Windmühlenanzeigegesetz - WMAG)";
    const VERORDNUNG: &str = "Verordnung über die Anzeige von Windmühlen (Windmühlenanzeigeverordnung - WMAV)";

    /// Whether § 1 Abs. 1 Satz 1, the sentence with `deadline`, is still reported.
    fn kept(text: &str) -> bool {
        let r = run(text);
        r.findings.iter().any(|f| f.norm == "§ 1 Abs. 1 Satz 1")
    }

    #[test]
    fn a_spent_deadline_leaves_out_its_sentence_with_a_note() {
        let text = law(GESETZ, MADE, DEADLINE);
        let r = run(&text);
        // Satz 2 and Nr. 2 have no deadline and stay; Satz 1 and Nr. 1 are spent.
        assert_eq!(norms(&r), ["§ 1 Abs. 1 Satz 2", "§ 1 Abs. 2 Nr. 2"]);
        assert_eq!(r.notes.len(), 2, "{:#?}", r.notes);
        assert!(r.notes.iter().all(|n| n.kind == NoteKind::SpentDeadline));
        assert_eq!(
            r.notes[0].message,
            "Die Frist „binnen drei Monaten nach Inkrafttreten dieses Gesetzes“ (§ 1 Abs. 1 Satz 1) ist längst abgelaufen (ausgefertigt am 14. März 1968); die Fundstelle dieses Satzes wird nicht gemeldet, weil kein Entwurf erledigtes Recht digital umstellen muss."
        );
        assert!(text[r.notes[0].span.range()].starts_with("Wer eine Windmühle betreibt"), "{}", &text[r.notes[0].span.range()]);
        // A deadline in a Nummer leaves out that Nummer only.
        assert!(r.notes[1].message.contains("(§ 1 Abs. 2 Nr. 1)") && r.notes[1].message.contains("die Fundstelle dieser Nummer wird"), "{}", r.notes[1].message);
        // Without the step the sentences are reported: the findings are real, only spent.
        assert_eq!(run(&text.replace(MADE, "")).findings.len(), 4);
    }

    #[test]
    fn the_openers_numbers_and_units_of_the_law_are_read() {
        for deadline in [
            "innerhalb dreier Monate nach dem Inkrafttreten dieses Gesetzes",
            "innerhalb von sechs Wochen nach Inkrafttreten dieses Gesetzes",
            "innerhalb eines Jahres nach Inkrafttreten dieses Gesetzes",
            "spätestens 18 Monate nach Inkrafttreten dieses Gesetzes",
            "spätestens zwei Jahre nach dem Inkrafttreten dieses Gesetzes",
            "innerhalb eines Zeitraumes von bis zu vierundzwanzig Monaten nach Inkrafttreten dieses Gesetzes",
            "binnen 30 Tagen nach Inkrafttreten dieses Gesetzes",
        ] {
            assert!(!kept(&law(GESETZ, MADE, deadline)), "{deadline}");
        }
        let r = run(&law(GESETZ, MADE, "innerhalb eines Zeitraumes von bis zu zwei Jahren nach Inkrafttreten dieses Gesetzes"));
        assert!(r.notes[0].message.starts_with("Die Frist „innerhalb eines Zeitraumes von bis zu zwei Jahren nach Inkrafttreten dieses Gesetzes“"), "{}", r.notes[0].message);
        // A Verordnung names itself.
        assert!(!kept(&law(VERORDNUNG, MADE, "binnen drei Monaten nach Inkrafttreten dieser Verordnung")));
        assert!(!kept(&law(VERORDNUNG, MADE, "binnen drei Monaten nach Inkrafttreten der Verordnung").replace("Verordnung der Gemeinde", "Verordnung dem Bürgermeister")));
    }

    #[test]
    fn another_start_or_a_running_period_keeps_the_sentence() {
        for deadline in [
            // Another start: the duty lives on for those who receive the notice later.
            "binnen drei Monaten nach Inkrafttreten dieses Gesetzes oder nach Zugang der Aufforderung",
            "binnen drei Monaten nach Inkrafttreten dieses Gesetzes, spätestens jedoch einen Monat nach der Inbetriebnahme,",
            "binnen drei Monaten nach Inkrafttreten dieses Gesetzes und der Verordnung nach § 5",
            "binnen drei Monaten nach Inkrafttreten dieses Gesetzes, frühestens mit der Inbetriebnahme,",
            // A running or recurring period.
            "binnen drei Monaten nach Inkrafttreten dieses Gesetzes und danach alle fünf Jahre",
            "binnen drei Monaten nach Inkrafttreten dieses Gesetzes und jeweils zum Jahresende",
            "binnen drei Monaten nach Inkrafttreten dieses Gesetzes, bei späterer Inbetriebnahme binnen eines Monats,",
            // Not a deadline: a state at the entry into force.
            "bei Inkrafttreten dieses Gesetzes",
            "vor Inkrafttreten dieses Gesetzes",
            // A period the step does not read.
            "binnen eines halben Jahres nach Inkrafttreten dieses Gesetzes",
            "nach Ablauf von drei Monaten nach Inkrafttreten dieses Gesetzes",
        ] {
            assert!(kept(&law(GESETZ, MADE, deadline)), "{deadline}");
        }
    }

    #[test]
    fn a_law_named_after_des_gesetzes_or_of_another_kind_keeps_the_sentence() {
        for deadline in [
            "binnen drei Monaten nach Inkrafttreten des Gesetzes zur Neuordnung des Mühlenrechts",
            "binnen drei Monaten nach Inkrafttreten des Gesetzes vom 5. Mai 1960",
            "binnen drei Monaten nach Inkrafttreten des Gesetzes über die Mühlen",
            "binnen drei Monaten nach Inkrafttreten des Gesetzes (§ 4)",
            "binnen drei Monaten nach Inkrafttreten der Verordnung",
        ] {
            assert!(kept(&law(GESETZ, MADE, deadline)), "{deadline}");
        }
        // An object that goes on with the sentence is no name; „der“ might begin one („des
        // Gesetzes der Freien Hansestadt …“), so „der Gemeinde“ keeps the sentence.
        let gesetz = "binnen drei Monaten nach Inkrafttreten des Gesetzes";
        assert!(!kept(&law(GESETZ, MADE, gesetz).replace("Gesetzes der Gemeinde", "Gesetzes dem Bürgermeister")));
        assert!(!kept(&law(GESETZ, MADE, &format!("{gesetz} schriftlich bei der Gemeinde")).replace(" der Gemeinde schriftlich anzuzeigen.", " anzuzeigen.")));
        assert!(kept(&law(GESETZ, MADE, gesetz)));
        // In a Verordnung „des Gesetzes“ is the enabling law, whose date the head does not give.
        assert!(kept(&law(VERORDNUNG, MADE, "binnen drei Monaten nach Inkrafttreten des Gesetzes")));
    }

    #[test]
    fn a_deadline_that_may_still_run_keeps_the_sentence() {
        // 1 November 2023 + 3 months + two years: February 2026, not before the reference day.
        assert!(kept(&law(GESETZ, "Ausfertigungsdatum: 01.11.2023", DEADLINE)));
        // 1 September 2022 + 3 months + 24 months = 1 December 2024: spent; with 13 months it
        // reaches 1 January 2026, the reference day itself: kept.
        assert!(!kept(&law(GESETZ, "Ausfertigungsdatum: 01.09.2022", DEADLINE)));
        assert!(kept(&law(GESETZ, "Ausfertigungsdatum: 01.12.2022", "binnen 13 Monaten nach Inkrafttreten dieses Gesetzes")));
        assert!(!kept(&law(GESETZ, "Ausfertigungsdatum: 30.11.2022", "binnen 13 Monaten nach Inkrafttreten dieses Gesetzes")));
        // Days and weeks count as whole months of 28 days: 29 days are two months.
        assert!(kept(&law(GESETZ, "Ausfertigungsdatum: 01.12.2023", "binnen 29 Tagen nach Inkrafttreten dieses Gesetzes")));
        assert!(!kept(&law(GESETZ, "Ausfertigungsdatum: 30.10.2023", "binnen 28 Tagen nach Inkrafttreten dieses Gesetzes")));
    }

    #[test]
    fn a_later_date_in_the_text_counts_the_period_from_it() {
        // An amendment that names 1 July 2024 may have written the sentence: its deadline may run.
        let amended = law(GESETZ, MADE, DEADLINE).replace("Änderungen sind", "Änderungen nach dem 1. Juli 2024 sind");
        assert!(kept(&amended));
        // A date of 1990 leaves the deadline spent, and the note says from which date it counted.
        let amended = law(GESETZ, MADE, DEADLINE).replace("Änderungen sind", "Änderungen nach dem 1.7.1990 sind");
        let r = run(&amended);
        assert!(r.findings.iter().all(|f| f.norm != "§ 1 Abs. 1 Satz 1"), "{:?}", norms(&r));
        assert!(r.notes[0].message.contains("(ausgefertigt am 14. März 1968, jüngstes Datum im Text: 1. Juli 1990)"), "{}", r.notes[0].message);
        assert_eq!(latest_date("vom 1.7.1990, vom 10. Dezember 2002 und 31.12.1999; § 1.2020"), Some(Date { year: 2002, month: 12, day: 10 }));
        assert_eq!(latest_date("§ 3 Abs. 2 Nr. 4"), None);
    }

    #[test]
    fn only_the_laws_own_dated_text_is_read() {
        // No date in the head: nothing is left out (a date in the body is no date of the law).
        assert!(kept(&law(GESETZ, "", DEADLINE)));
        // The front matter's date counts, and is said as such.
        let r = run(&format!("---\ntitel: Windmühlenanzeigegesetz\nerlassen_am: 1968-03-14\n---\n{}", law(GESETZ, "", DEADLINE)));
        assert!(r.notes[0].message.contains("(erlassen am 14. März 1968)"), "{:#?}", r.notes);
        // In an Anlage: not the law's own provision.
        let anlage = law(GESETZ, MADE, "").replace(
            "Dieses Gesetz tritt am Tag nach der Verkündung in Kraft.\n",
            &format!("Dieses Gesetz tritt am Tag nach der Verkündung in Kraft.\n\nAnlage 1 – (zu § 1)Muster\n\n(1) Der Betreiber hat {DEADLINE} der Gemeinde schriftlich anzuzeigen.\n"),
        );
        let r = run(&anlage);
        assert!(r.findings.iter().any(|f| f.norm.starts_with("Anlage 1")), "{:?}", norms(&r));
        // Amending laws and drafts are left alone: a deadline quoted there is not theirs.
        let command = format!("1. § 1 Absatz 1 wird wie folgt gefasst:\n„(1) Der Betreiber hat {DEADLINE} der Gemeinde schriftlich anzuzeigen.“");
        for doc in amending_documents(&command, MADE) {
            assert!(find(&doc).is_empty());
        }
    }

    #[test]
    fn running_words_in_a_list_item_do_not_keep_the_sentence_that_leads_into_it() {
        // „jeweils“ in a Nummer says what to report, not when: the sentence's deadline is spent.
        let text = law(GESETZ, MADE, DEADLINE).replace(
            "hat sie binnen drei Monaten nach Inkrafttreten dieses Gesetzes der Gemeinde schriftlich anzuzeigen. Änderungen",
            "hat binnen drei Monaten nach Inkrafttreten dieses Gesetzes der Gemeinde schriftlich anzuzeigen,\n\n1. welche Leistung sie jeweils am Jahresende hatte,\n\n2. wo sie steht.\n\nÄnderungen",
        );
        let r = run(&text);
        assert!(r.findings.iter().all(|f| f.norm != "§ 1 Abs. 1 Satz 1"), "{:?}", norms(&r));
        // In the leading sentence it keeps both the sentence and a deadline in one of its Nummern.
        let text = law(GESETZ, MADE, DEADLINE).replace("Die Betreiber haben der Gemeinde", "Die Betreiber haben der Gemeinde jeweils");
        let r = run(&text);
        assert!(r.findings.iter().any(|f| f.norm == "§ 1 Abs. 2 Nr. 1"), "{:?}", norms(&r));
    }

    #[test]
    fn numbers_and_units_as_laws_write_them() {
        assert_eq!(number_value("dreier"), Some(3));
        assert_eq!(number_value("eines"), Some(1));
        assert_eq!(number_value("zwölf"), Some(12));
        assert_eq!(number_value("achtzehn"), Some(18));
        assert_eq!(number_value("sechsunddreißig"), Some(36));
        assert_eq!(number_value("18"), Some(18));
        assert_eq!(number_value("halben"), None);
        assert_eq!(number_value("0"), None);
        assert_eq!(period_before("Sie hat binnen zwei Wochen"), Period::Months { start: 8, months: 1 });
        assert_eq!(period_before("Innerhalb von fünf Jahren"), Period::Months { start: 0, months: 60 });
        assert_eq!(period_before("der Antrag ist innerhalb dreier Monate"), Period::Months { start: 15, months: 3 });
        assert_eq!(period_before("spätestens jedoch sechs Monate"), Period::Unread);
        assert_eq!(period_before("in den Jahren"), Period::Unread);
        assert_eq!(period_before("die Anzeige"), Period::None);
        assert_eq!(add_months(Date { year: 1974, month: 12, day: 13 }, 26), Date { year: 1977, month: 2, day: 13 });
    }
}
