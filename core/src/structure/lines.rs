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
    Zu { target: ZuTarget },
    SectionLetter { label: Range<usize> },
    RomanSection { label: Range<usize> },
    Begruendung,
    Vorblatt,
    Contents,
    Formula,
    Editorial,
    DraftTitle,
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
    "Anlage", "Anhang", "Zu", "Begründung", "Begründung:", "BEGRÜNDUNG", "BEGRÜNDUNG:", "B", "Vorblatt", "VORBLATT",
    "Inhaltsübersicht", "Inhaltsverzeichnis", "INHALTSÜBERSICHT", "Eingangsformel", "Schlussformel", "Der",
    "Auf", "Aufgrund", "Ausfertigungsdatum:", "Vollzitat:", "Stand:", "Hinweis:", "Fußnote", "GESETZENTWURF",
    "Gesetzentwurf", "Referentenentwurf", "Entwurf", "VERORDNUNGSENTWURF", "Verordnungsentwurf",
];

const ORDINAL_STEMS: &[&str] = &[
    "Erst", "Zweit", "Dritt", "Viert", "Fünft", "Sechst", "Siebt", "Siebent", "Acht", "Neunt", "Zehnt", "Elft",
    "Zwölft", "Dreizehnt", "Vierzehnt", "Fünfzehnt", "Sechzehnt", "Siebzehnt", "Achtzehnt", "Neunzehnt", "Zwanzigst",
];

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
                || line.starts_with("(Fußnote");
        }
        b'<' => return line.starts_with("<!--"),
        // „1.“, „12a.“
        b'0'..=b'9' => {
            let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
            let rest = &bytes[digits..];
            return digits <= 3
                && (rest.first() == Some(&b'.') || (rest.first().is_some_and(u8::is_ascii_lowercase) && rest.get(1) == Some(&b'.')));
        }
        // „a)“, „aa)“, „aaa)“
        b'a'..=b'z' => return bytes.iter().take(4).any(|&b| b == b')'),
        _ => {}
    }
    let word = line.split([' ', '\t']).next().unwrap_or("");
    match word {
        "Der" => {
            return line.starts_with("Der Landtag") || line.starts_with("Der Bundestag") || line.starts_with("Der Deutsche Bundestag")
        }
        "Auf" => return line.starts_with("Auf Grund"),
        _ => {}
    }
    if KEYWORDS.contains(&word) || ORDINAL_STEMS.iter().any(|s| word.starts_with(s)) {
        return true;
    }
    // „A. Problem und Ziel“, „IV. Gesetzgebungskompetenz“
    word.len() >= 2 && word.ends_with('.') && word[..word.len() - 1].chars().all(|c| c.is_ascii_uppercase())
}

/// Classifies one line (without its line break, left-trimmed).
pub(super) fn classify(line: &str) -> LineKind {
    if !may_be_structural(line) {
        return LineKind::Prose;
    }
    kind(line)
}

/// [`classify`] without the look at the first word: the shape of the line, judged.
pub(super) fn kind(line: &str) -> LineKind {
    shape::recognise(line).and_then(|s| judge(line, s)).unwrap_or(LineKind::Prose)
}

/// A heading's title that is not set off by a dash or tab and reads like the rest of a sentence.
fn reads_as_sentence(line: &str, tail: &Tail) -> bool {
    tail.title.clone().is_some_and(|r| !tail.marked && !is_title_wording(&line[r]))
}

/// Decides whether the words after „§ 5“ or „Abschnitt 2“ are a heading or the start of a
/// sentence such as „§ 5 Absatz 2 gilt entsprechend.“.
pub(super) fn is_title_wording(title: &str) -> bool {
    let t = title.trim();
    let Some(first) = t.chars().next() else { return true };
    if t == "(weggefallen)" || (first == '(' && t.starts_with("(zu")) {
        return true;
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
    let words = t.split_whitespace().count();
    !(t.ends_with(['.', ':', ';', ',']) && words > 3) && words <= 20 && t.chars().count() <= 200
}

/// Decides what a line of the given shape is; `None` when it is prose after all.
fn judge(line: &str, shape: Shape) -> Option<LineKind> {
    Some(match shape {
        Shape::Paragraph { label_end, tail } => {
            if reads_as_sentence(line, &tail) {
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
            if reads_as_sentence(line, &tail) {
                return None;
            }
            LineKind::Anlage { label: 0..label_end, title: tail.title }
        }
        Shape::Absatz { label_end } => LineKind::Absatz { label: 0..label_end },
        Shape::Item { kind, label_end } => LineKind::Item { kind, label: 0..label_end },
        Shape::Zu { target, end } => {
            // Counts what `zu_heading` matched, up to the target word, not the whole line.
            if line[..end].chars().count() > 160 {
                return None;
            }
            LineKind::Zu { target }
        }
        Shape::SectionLetter { title } => {
            if !is_title_wording(&line[title]) {
                return None;
            }
            LineKind::SectionLetter { label: 0..2 }
        }
        Shape::RomanSection { label_end, title } => {
            if title.is_some_and(|t| !is_title_wording(&line[t])) {
                return None;
            }
            LineKind::RomanSection { label: 0..label_end }
        }
        Shape::Begruendung => LineKind::Begruendung,
        Shape::Vorblatt => LineKind::Vorblatt,
        Shape::Contents => LineKind::Contents,
        Shape::Formula => LineKind::Formula,
        Shape::Editorial => LineKind::Editorial,
        Shape::DraftTitle => LineKind::DraftTitle,
        Shape::Weggefallen => LineKind::Weggefallen,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
