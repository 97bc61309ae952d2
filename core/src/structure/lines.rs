//! Classifies single lines: what shape a line has (`shape.rs`, the grammar `structure.pest`
//! implemented by hand) and whether that shape really is a heading, judged by its wording.
//!
//! Most lines are prose; a cheap look at the first word decides whether a line needs a closer look
//! at all, which keeps parsing linear and fast on whole bodies of law. Positions are byte ranges
//! relative to the start of the (left-trimmed) line.

use super::shape::{self, Shape, Tail};
use std::ops::Range;

/// List-item levels in their usual nesting order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ItemKind {
    Nummer,
    Buchstabe,
    Doppelbuchstabe,
    Dreifachbuchstabe,
}

/// What a „Zu …“ heading of the Begründung refers to, outermost first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum ZuTarget {
    Artikel,
    Paragraph,
    Absatz,
    Satz,
    Nummer,
    Buchstabe,
    Doppelbuchstabe,
    Anlage,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum LineKind {
    /// A § heading; `title` is the heading text if on the same line.
    Paragraph { label: Range<usize>, title: Option<Range<usize>>, repealed: bool },
    Artikel { label: Range<usize>, title: Option<Range<usize>> },
    /// `rank`: 0 Buch, 1 Teil, 2 Kapitel, 3 Abschnitt, 4 Unterabschnitt, 5 Titel, 6 Untertitel.
    Gliederung { rank: u8, label: Range<usize>, title: Option<Range<usize>> },
    Anlage { label: Range<usize>, title: Option<Range<usize>> },
    Absatz { label: Range<usize> },
    Item { kind: ItemKind, label: Range<usize> },
    /// A number of a decimal outline („2.3.1“, or „2“ before a heading); `title`: the rest of the
    /// line. Whether it is a Nummer is decided by the builder.
    Section { label: Range<usize>, title: Option<Range<usize>> },
    Zu { target: ZuTarget },
    SectionLetter { label: Range<usize> },
    RomanSection { label: Range<usize> },
    Begruendung,
    Vorblatt,
    Contents,
    /// „Stellungnahme des Bundesrates“ (`counter == false`), „Gegenäußerung der Bundesregierung“.
    Statement { counter: bool },
    /// „Synopse“, „Gegenüberstellung der geltenden und der neuen Fassung“.
    Synopse,
    /// „Präambel“ heading.
    Preamble,
    Formula,
    Editorial,
    DraftTitle,
    /// The masthead of a Drucksache („Bundesrat Drucksache 483/21“); `running`: with a page number,
    /// i.e. a running header.
    Masthead { running: bool },
    Weggefallen,
    Prose,
}

impl LineKind {
    /// Lines that could be an entry of an Inhaltsübersicht.
    pub(super) fn is_heading_like(&self) -> bool {
        matches!(
            self,
            LineKind::Paragraph { .. } | LineKind::Artikel { .. } | LineKind::Gliederung { .. } | LineKind::Anlage { .. }
        )
    }
}

/// First words after which a line may be structural; any other capitalised first word is prose.
const KEYWORDS: &[&str] = &[
    "Artikel", "Art", "Art.", "Abschnitt", "Unterabschnitt", "Kapitel", "Buch", "Teil", "Titel", "Untertitel",
    "ABSCHNITT", "UNTERABSCHNITT", "KAPITEL", "BUCH", "TEIL", "TITEL",
    "Anlage", "Anhang", "Zu", "Begründung", "Begründung:", "BEGRÜNDUNG", "BEGRÜNDUNG:", "B", "Vorblatt", "VORBLATT",
    "Inhaltsübersicht", "Inhaltsverzeichnis", "INHALTSÜBERSICHT", "Präambel", "Präambel:", "PRÄAMBEL", "PRÄAMBEL:",
    "Eingangsformel", "Schlussformel", "Der",
    "Auf", "Aufgrund", "Ausfertigungsdatum:", "Vollzitat:", "Stand:", "Hinweis:", "Fußnote", "GESETZENTWURF",
    "Gesetzentwurf", "Referentenentwurf", "Entwurf", "VERORDNUNGSENTWURF", "Verordnungsentwurf", "Stellungnahme",
    "Gegenäußerung", "Synopse", "Gegenüberstellung", "Zusammenstellung", "Vertrieb:", "Gesamtherstellung:", "ISSN", "Nr.",
];

const ORDINAL_STEMS: &[&str] = &[
    "Erst", "Zweit", "Dritt", "Viert", "Fünft", "Sechst", "Siebt", "Siebent", "Acht", "Neunt", "Zehnt", "Elft",
    "Zwölft", "Dreizehnt", "Vierzehnt", "Fünfzehnt", "Sechzehnt", "Siebzehnt", "Achtzehnt", "Neunzehnt", "Zwanzigst",
];

/// For every byte, the [`KEYWORDS`] (bit i: `KEYWORDS[i]`) and the [`ORDINAL_STEMS`] that begin
/// with it.
static FIRST_BYTE: [(u128, u32); 256] = {
    assert!(KEYWORDS.len() <= 128 && ORDINAL_STEMS.len() <= 32);
    let mut t = [(0u128, 0u32); 256];
    let mut i = 0;
    while i < KEYWORDS.len() {
        t[KEYWORDS[i].as_bytes()[0] as usize].0 |= 1 << i;
        i += 1;
    }
    let mut i = 0;
    while i < ORDINAL_STEMS.len() {
        t[ORDINAL_STEMS[i].as_bytes()[0] as usize].1 |= 1 << i;
        i += 1;
    }
    t
};

/// `KEYWORDS.contains(&word) || ORDINAL_STEMS.iter().any(|s| word.starts_with(s))`, comparing only
/// the words that begin with the same byte (a line's first word was compared with all eighty).
fn keyword_or_ordinal(word: &str) -> bool {
    let Some(&first) = word.as_bytes().first() else { return false };
    let (mut keywords, mut ordinals) = FIRST_BYTE[first as usize];
    while keywords != 0 {
        if KEYWORDS[keywords.trailing_zeros() as usize] == word {
            return true;
        }
        keywords &= keywords - 1;
    }
    while ordinals != 0 {
        if word.starts_with(ORDINAL_STEMS[ordinals.trailing_zeros() as usize]) {
            return true;
        }
        ordinals &= ordinals - 1;
    }
    false
}

pub(super) fn may_be_structural(line: &str) -> bool {
    let bytes = line.as_bytes();
    let Some(&first) = bytes.first() else { return false };
    match first {
        // „§ 3“, „§§ 5 bis 7“
        b'\xC2' => return line.starts_with('§'),
        // „(1)“, „(weggefallen)“, „(+++ … +++)“, „(Fundstelle …)“
        b'(' => {
            return bytes.get(1).is_some_and(u8::is_ascii_digit)
                || line.starts_with("(weggefallen)")
                || line.starts_with("(+++")
                || line.starts_with("(Fundstelle")
                || line.starts_with("(Fußnote")
                || line.starts_with("(Präambel)");
        }
        b'<' => return line.starts_with("<!--"),
        // „1.“, „12a.“, „2.3.1“, „2 Zuständigkeit“
        b'0'..=b'9' => {
            let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
            let rest = &bytes[digits..];
            return digits <= 3
                && (matches!(rest.first(), Some(b'.' | b' ' | b'\t'))
                    || (rest.first().is_some_and(u8::is_ascii_lowercase) && rest.get(1) == Some(&b'.')));
        }
        // „a)“, „aa)“, „aaa)“, „zu Nummer 1“
        b'a'..=b'z' => return bytes.iter().take(4).any(|&b| b == b')') || line.starts_with("zu "),
        _ => {}
    }
    let word = line.split([' ', '\t']).next().unwrap_or("");
    match word {
        "Der" => {
            return line.starts_with("Der Landtag")
                || line.starts_with("Der Bundestag")
                || line.starts_with("Der Deutsche Bundestag")
                || shape::ends_like_formula(&bytes[1..])
        }
        "Auf" => return line.starts_with("Auf Grund") || shape::ends_like_formula(&bytes[1..]),
        _ => {}
    }
    if keyword_or_ordinal(word) {
        return true;
    }
    // „A. Problem und Ziel“, „A Problem und Ziel“, „E.1 Erfüllungsaufwand“, „IV. Gesetzgebungskompetenz“
    if word.len() >= 2 && word.ends_with('.') && word[..word.len() - 1].chars().all(|c| c.is_ascii_uppercase()) {
        return true;
    }
    if !first.is_ascii_uppercase() {
        return false;
    }
    let w = word.as_bytes();
    if w.len() == 1 || (w.len() <= 16 && w[1] == b'.' && w[2..].iter().all(|b| b.is_ascii_digit() || *b == b'.')) {
        return true;
    }
    // An Eingangsformel of any enacting body; the masthead of a Drucksache.
    shape::ends_like_formula(&bytes[1..])
        || (line.len() <= 400
            && memchr::memchr(b'/', bytes).is_some()
            && (memchr::memmem::find(bytes, b"Drucksache").is_some() || memchr::memmem::find(bytes, b"DRUCKSACHE").is_some()))
}

/// Classifies one line (without its line break, left-trimmed).
pub(super) fn classify(line: &str) -> LineKind {
    if !may_be_structural(line) {
        return LineKind::Prose;
    }
    kind(line)
}

/// [`classify`] for a line the input format marks as a heading (Markdown `###`): its shape
/// decides, not the wording of its title („### § 17 Anlage des Anschlussnehmers“).
pub(super) fn classify_marked(line: &str) -> LineKind {
    let marked = |mut t: Tail| {
        t.marked = true;
        t
    };
    let shape = shape::recognise(line).map(|s| match s {
        Shape::Paragraph { label_end, tail } => Shape::Paragraph { label_end, tail: marked(tail) },
        Shape::Artikel { label_end, tail } => Shape::Artikel { label_end, tail: marked(tail) },
        Shape::Gliederung { rank, tail } => Shape::Gliederung { rank, tail: marked(tail) },
        Shape::Anlage { label_end, tail } => Shape::Anlage { label_end, tail: marked(tail) },
        other => other,
    });
    shape.and_then(|s| judge(line, s)).unwrap_or(LineKind::Prose)
}

/// [`classify`] without the look at the first word: the shape of the line, judged.
pub(super) fn kind(line: &str) -> LineKind {
    shape::recognise(line).and_then(|s| judge(line, s)).unwrap_or(LineKind::Prose)
}

/// A heading's title that is not set off by a dash or tab and reads like the rest of a sentence.
fn reads_as_sentence(line: &str, tail: &Tail) -> bool {
    tail.title.clone().is_some_and(|r| !tail.marked && !is_title_wording(&line[r]))
}

/// „§ 1 a“: a letter set apart from the number. Such a label heads a § only with a dash- or
/// tab-marked title or none („§ 1 a - Rechtsakte“): „§ 7 a LHO regelt …“ is a sentence.
pub(super) fn spaced_letter(label: &str) -> bool {
    let b = label.as_bytes();
    b.len() >= 3 && b[b.len() - 2] == b' ' && b[b.len() - 1].is_ascii_lowercase()
}

/// „Anlage 3 zu Nummer 4.2.2 …“, „Anlage 1 zu § 3“: an Anlage names the provision it belongs to.
pub(super) fn names_its_provision(line: &str, tail: &Tail) -> bool {
    tail.title.clone().is_some_and(|r| {
        let t = &line[r];
        ["zu §", "zu Nummer", "zu Nr.", "zu Artikel", "zu Abschnitt", "zu Teil", "zu Kapitel", "zur ", "zum "]
            .iter()
            .any(|w| t.starts_with(w))
            && !t.trim_end().ends_with(['.', ';', ',', ':'])
    })
}

/// Decides whether the words after „§ 5“ or „Abschnitt 2“ are a heading or the start of a
/// sentence such as „§ 5 Absatz 2 gilt entsprechend.“.
pub(super) fn is_title_wording(title: &str) -> bool {
    let t = title.trim();
    // More than 800 bytes are more than 200 characters: no title (and no need to count them).
    if t.len() > 800 {
        return false;
    }
    let Some(first) = t.chars().next() else { return true };
    if t == "(weggefallen)" || (first == '(' && t.starts_with("(zu")) {
        return true;
    }
    // A title in brackets: „Artikel 2 (Inkrafttreten)“.
    if first == '(' && t.ends_with(')') && t[1..].starts_with(char::is_uppercase) && t.chars().count() <= 200 {
        return !t[1..].contains('(');
    }
    if !first.is_uppercase() {
        return false;
    }
    let first_word = t.split_whitespace().next().unwrap_or("");
    const CITATION_WORDS: &[&str] = &[
        "Abs.", "Absatz", "Absätze", "Satz", "Sätze", "Nr.", "Nummer", "Nummern", "Buchstabe", "Buchst.", "Halbsatz",
        "Alternative", "Abs", "S.", "Anlage", "Artikel", "Art.",
    ];
    if CITATION_WORDS.contains(&first_word) {
        return false;
    }
    if t.contains(": ") || first_word == "Kursivdruck:" {
        return false;
    }
    let words = t.split_whitespace().take(21).count();
    !(t.ends_with(['.', ':', ';', ',']) && words > 3) && words <= 20 && (t.len() <= 200 || t.chars().count() <= 200)
}

/// Decides what a line of the given shape is; `None` when it is prose after all.
fn judge(line: &str, shape: Shape) -> Option<LineKind> {
    Some(match shape {
        Shape::Paragraph { label_end, tail } => {
            if reads_as_sentence(line, &tail) || (spaced_letter(&line[..label_end]) && tail.title.is_some() && !tail.marked) {
                return None;
            }
            let title_text = tail.title.clone().map(|r| line[r].trim());
            let repealed = title_text.is_some_and(|t| t.contains("(weggefallen)") || t == "weggefallen");
            LineKind::Paragraph { label: 0..label_end, title: tail.title, repealed }
        }
        Shape::Artikel { label_end, tail } => {
            if reads_as_sentence(line, &tail) {
                return None;
            }
            LineKind::Artikel { label: 0..label_end, title: tail.title }
        }
        Shape::Gliederung { rank, tail } => {
            if reads_as_sentence(line, &tail) {
                return None;
            }
            let label_end = tail.title.as_ref().map_or(line.trim_end().len(), |t| {
                line[..t.start].trim_end_matches([' ', '\t', '–', '—', '-']).len()
            });
            LineKind::Gliederung { rank, label: 0..label_end, title: tail.title }
        }
        Shape::Anlage { label_end, tail } => {
            if reads_as_sentence(line, &tail) && !names_its_provision(line, &tail) {
                return None;
            }
            LineKind::Anlage { label: 0..label_end, title: tail.title }
        }
        Shape::Absatz { label_end } => LineKind::Absatz { label: 0..label_end },
        Shape::Item { kind, label_end } => LineKind::Item { kind, label: 0..label_end },
        Shape::Section { label_start, label_end } => {
            let t = label_end + line[label_end..].len() - line[label_end..].trim_start().len();
            let title = (t < line.trim_end().len()).then(|| t..line.trim_end().len());
            LineKind::Section { label: label_start..label_end, title }
        }
        Shape::Zu { target, end } => {
            // Counts what `zu_heading` matched, up to the target word, not the whole line.
            if line[..end].chars().count() > 160 {
                return None;
            }
            LineKind::Zu { target }
        }
        Shape::SectionLetter { label_end, title } => {
            if !is_title_wording(&line[title.clone()]) {
                return None;
            }
            // „A. Begründung“ (Abgeordnetenhaus Berlin) starts the Begründung.
            if is_begruendung_title(&line[title]) {
                return Some(LineKind::Begruendung);
            }
            LineKind::SectionLetter { label: 0..label_end }
        }
        Shape::RomanSection { label_end, title } => {
            if title.is_some_and(|t| !is_title_wording(&line[t])) {
                return None;
            }
            LineKind::RomanSection { label: 0..label_end }
        }
        Shape::Begruendung { title } => {
            if title.is_some_and(|t| !is_title_wording(&line[t])) {
                return None;
            }
            LineKind::Begruendung
        }
        Shape::Vorblatt => LineKind::Vorblatt,
        Shape::Contents => LineKind::Contents,
        Shape::Statement { counter, title } => {
            if title.is_some_and(|t| !is_title_wording(&line[t])) {
                return None;
            }
            LineKind::Statement { counter }
        }
        Shape::Synopse { title } => {
            if !is_synopse(line, title) {
                return None;
            }
            LineKind::Synopse
        }
        Shape::Preamble => LineKind::Preamble,
        Shape::Formula => LineKind::Formula,
        Shape::Editorial => LineKind::Editorial,
        Shape::DraftTitle => LineKind::DraftTitle,
        Shape::Masthead { number } => LineKind::Masthead { running: masthead_is_running(line, number)? },
        Shape::Weggefallen => LineKind::Weggefallen,
    })
}

/// „Begründung“ or „Begründung:“ as the title of a lettered section.
pub(super) fn is_begruendung_title(title: &str) -> bool {
    matches!(title.trim().trim_end_matches(':').trim_end(), "Begründung" | "BEGRÜNDUNG")
}

/// A Synopse heading: „Synopse“ with or without a title; „Gegenüberstellung“ and
/// „Zusammenstellung des (Gesetz)Entwurfs“ only when they speak of wordings or decisions („der
/// geltenden und der neuen Fassung“, „mit den Beschlüssen des Ausschusses“), not of figures.
pub(super) fn is_synopse(line: &str, title: Option<Range<usize>>) -> bool {
    let Some(t) = title else { return true };
    let title = line[t].trim();
    if title.chars().count() > 200 || title.ends_with('.') {
        return false;
    }
    line.starts_with("Synopse")
        || line.starts_with("Zusammenstellung")
        || ["Fassung", "Entwurf", "Beschlüsse", "Änderung"].iter().any(|w| title.contains(w))
}

/// Judges a line holding „Drucksache 8/1234“: a masthead if, besides the number, it has only a few
/// capitalised words, numbers and dashes („Landtag Mecklenburg-Vorpommern – 8. Wahlperiode“), not
/// a sentence that cites a Drucksache. `Some(true)` for a running header: it carries a page number
/// („– 2 –“, „-3-“, „Seite 3“).
pub(super) fn masthead_is_running(line: &str, number: Range<usize>) -> Option<bool> {
    let rest = format!("{} {}", &line[..number.start], &line[number.end..]);
    let rest = rest.trim();
    if rest.ends_with(['.', ':', ';', ',']) && !rest.ends_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let words: Vec<&str> = rest.split_whitespace().collect();
    if words.len() > 12 {
        return None;
    }
    let plain = |w: &str| {
        let c = w.chars().next().unwrap_or(' ');
        c.is_uppercase() || c.is_ascii_digit() || matches!(c, '–' | '—' | '-' | '(' | '/') || matches!(w, "der" | "des" | "von" | "und")
    };
    if !words.iter().all(|w| plain(w)) {
        return None;
    }
    // A page number: digits set off by dashes on both sides, or „Seite n“.
    let page = words.windows(3).any(|w| is_dash(w[0]) && is_number(w[1]) && is_dash(w[2]))
        || words.iter().any(|w| {
            let inner = w.trim_matches(['-', '–', '—']);
            inner.len() < w.len() && w.starts_with(['-', '–', '—']) && w.ends_with(['-', '–', '—']) && is_number(inner)
        })
        || words.windows(2).any(|w| w[0] == "Seite" && is_number(w[1]));
    Some(page)
}

fn is_dash(w: &str) -> bool {
    matches!(w, "-" | "–" | "—")
}

fn is_number(w: &str) -> bool {
    !w.is_empty() && w.len() <= 4 && w.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keyword_lookup_equals_the_lists() {
        let reference = |w: &str| KEYWORDS.contains(&w) || ORDINAL_STEMS.iter().any(|s| w.starts_with(s));
        let mut words: Vec<String> = ["", "D", "Die", "Derzeit", "Zweck", "Ä", "Änderung", "§", "1.", "a)", "Erste", "Erstens"]
            .iter()
            .map(|w| w.to_string())
            .collect();
        for w in KEYWORDS.iter().chain(ORDINAL_STEMS) {
            let chars: Vec<char> = w.chars().collect();
            words.push(w.to_string());
            words.push(format!("{w}en"));
            words.push(format!("{w}."));
            words.push(chars[..chars.len() - 1].iter().collect());
            words.push(chars[1..].iter().collect());
            words.push(w.to_lowercase());
            words.push(w.to_uppercase());
        }
        for w in &words {
            assert_eq!(keyword_or_ordinal(w), reference(w), "{w:?}");
        }
    }

    fn label(line: &str) -> String {
        match classify(line) {
            LineKind::Paragraph { label, .. }
            | LineKind::Artikel { label, .. }
            | LineKind::Gliederung { label, .. }
            | LineKind::Anlage { label, .. }
            | LineKind::Absatz { label }
            | LineKind::Item { label, .. } => line[label].to_string(),
            other => format!("{other:?}"),
        }
    }

    #[test]
    fn paragraph_headings() {
        assert_eq!(label("§ 3a – Elektronische Kommunikation"), "§ 3a");
        assert_eq!(label("§ 3a Elektronische Kommunikation"), "§ 3a");
        assert_eq!(label("§ 12"), "§ 12");
        assert_eq!(label("§§ 5 bis 7 (weggefallen)"), "§§ 5 bis 7");
        assert_eq!(label("§§ 134 bis 136 – (weggefallen)"), "§§ 134 bis 136");
        assert_eq!(label("§ 1\tAnwendungsbereich"), "§ 1");
        assert!(matches!(classify("§ 7 (weggefallen)"), LineKind::Paragraph { repealed: true, .. }));
    }

    #[test]
    fn sentences_starting_with_a_citation_are_prose() {
        assert_eq!(classify("§ 130 Absatz 3 gilt entsprechend."), LineKind::Prose);
        assert_eq!(classify("§ 36 ist entsprechend anzuwenden."), LineKind::Prose);
        assert_eq!(classify("§ 3 Absatz 2:"), LineKind::Prose);
        assert_eq!(classify("Teil 1 der Abschlussprüfung erstreckt sich auf"), LineKind::Prose);
        assert_eq!(classify("Artikel 3 des Grundgesetzes bleibt unberührt."), LineKind::Prose);
    }

    #[test]
    fn units_and_items() {
        assert_eq!(label("Art 12a"), "Art 12a");
        assert_eq!(label("Artikel 1 – Änderung des Landesverwaltungsverfahrensgesetzes"), "Artikel 1");
        assert_eq!(label("Abschnitt 2 – Verfahren"), "Abschnitt 2");
        assert_eq!(label("Erster Abschnitt"), "Erster Abschnitt");
        assert_eq!(label("Anlage 1 – (zu § 3) Muster"), "Anlage 1");
        assert_eq!(
            label("Anlage 16F – Prüfungsnachweis für die Berechtigung zur praktischen Ausbildung  (zu § 17)"),
            "Anlage 16F"
        );
        assert_eq!(label("(1a) Die Behörde"), "(1a)");
        assert_eq!(label("1a. eine Angabe"), "1a.");
        assert_eq!(label("b) der Antrag"), "b)");
        assert_eq!(label("cc) die Anzeige"), "cc)");
        assert_eq!(label("aaa) die Anzeige"), "aaa)");
        assert_eq!(classify("ab) nichts"), LineKind::Prose);
    }

    #[test]
    fn draft_parts() {
        assert_eq!(classify("Begründung:"), LineKind::Begruendung);
        assert_eq!(classify("Der Landtag hat das folgende Gesetz beschlossen:"), LineKind::Formula);
        assert!(matches!(classify("A. Problem und Ziel"), LineKind::SectionLetter { .. }));
        assert!(matches!(classify("II. Wesentlicher Inhalt des Entwurfs"), LineKind::RomanSection { .. }));
        assert_eq!(classify("Zu Artikel 1 (Änderung des Landesverwaltungsverfahrensgesetzes)"), LineKind::Zu { target: ZuTarget::Artikel });
        assert_eq!(classify("Zu Nummer 3"), LineKind::Zu { target: ZuTarget::Nummer });
        assert_eq!(classify("(+++ Textnachweis ab: 1.1.1977 +++)"), LineKind::Editorial);
        assert_eq!(classify("Die Behörde entscheidet."), LineKind::Prose);
    }
}
