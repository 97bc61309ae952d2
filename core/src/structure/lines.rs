//! Classifies single lines with the pest grammar in `structure.pest`.
//!
//! Most lines are prose; a cheap look at the first word decides whether the grammar needs to run at
//! all, which keeps parsing linear and fast on whole bodies of law. Positions are byte ranges
//! relative to the start of the (left-trimmed) line.

use pest::iterators::Pair;
use pest::Parser;
use std::ops::Range;

#[derive(pest_derive::Parser)]
#[grammar = "structure/structure.pest"]
struct LineParser;

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

fn may_be_structural(line: &str) -> bool {
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
    let Ok(mut pairs) = LineParser::parse(Rule::line, line) else { return LineKind::Prose };
    let Some(pair) = pairs.next() else { return LineKind::Prose };
    from_pair(pair).unwrap_or(LineKind::Prose)
}

fn range(p: &Pair<'_, Rule>) -> Range<usize> {
    p.as_span().start()..p.as_span().end()
}

fn find(pair: &Pair<'_, Rule>, rule: Rule) -> Option<Range<usize>> {
    pair.clone().into_inner().find(|p| p.as_rule() == rule).map(|p| range(&p))
}

/// The title part of a heading line, and whether it is set off by a dash or tab (then it is a
/// heading whatever its wording).
fn heading_title(pair: &Pair<'_, Rule>) -> (Option<Range<usize>>, bool) {
    let inner: Vec<_> = pair.clone().into_inner().collect();
    let marked = inner.iter().any(|p| matches!(p.as_rule(), Rule::dash_sep | Rule::tab));
    (find(pair, Rule::title), marked)
}

/// Decides whether the words after „§ 5“ or „Abschnitt 2“ are a heading or the start of a
/// sentence such as „§ 5 Absatz 2 gilt entsprechend.“.
fn is_title_wording(title: &str) -> bool {
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

fn from_pair(pair: Pair<'_, Rule>) -> Option<LineKind> {
    let line = pair.as_str();
    Some(match pair.as_rule() {
        Rule::paragraph => {
            let sign = find(&pair, Rule::para_sign)?;
            let numbers: Vec<Range<usize>> =
                pair.clone().into_inner().filter(|p| p.as_rule() == Rule::number).map(|p| range(&p)).collect();
            let label = sign.start..numbers.last()?.end;
            let (title, marked) = heading_title(&pair);
            let title_text = title.clone().map(|r| line[r].trim());
            if let Some(t) = title_text {
                if !marked && !is_title_wording(t) {
                    return None;
                }
            }
            let repealed = title_text.is_some_and(|t| t.contains("(weggefallen)") || t == "weggefallen");
            LineKind::Paragraph { label, title, repealed }
        }
        Rule::artikel => {
            let label = 0..find(&pair, Rule::number)?.end;
            let (title, marked) = heading_title(&pair);
            if title.clone().is_some_and(|r| !marked && !is_title_wording(&line[r])) {
                return None;
            }
            LineKind::Artikel { label, title }
        }
        Rule::gliederung => {
            let word = pair.clone().into_inner().find(|p| p.as_rule() == Rule::gl_word)?;
            let rank = match word.as_str() {
                "Buch" => 0,
                "Teil" => 1,
                "Kapitel" => 2,
                "Abschnitt" => 3,
                "Unterabschnitt" => 4,
                "Titel" => 5,
                _ => 6,
            };
            let (title, marked) = heading_title(&pair);
            if title.clone().is_some_and(|r| !marked && !is_title_wording(&line[r])) {
                return None;
            }
            let label_end = title.as_ref().map_or(line.trim_end().len(), |t| {
                line[..t.start].trim_end_matches([' ', '\t', '–', '—', '-']).len()
            });
            LineKind::Gliederung { rank, label: 0..label_end, title }
        }
        Rule::anlage => {
            let (title, marked) = heading_title(&pair);
            if title.clone().is_some_and(|r| !marked && !is_title_wording(&line[r])) {
                return None;
            }
            let label_end = pair
                .clone()
                .into_inner()
                .find(|p| matches!(p.as_rule(), Rule::number | Rule::roman | Rule::upper_letter))
                .map_or("Anlage".len().min(line.len()), |p| p.as_span().end());
            LineKind::Anlage { label: 0..label_end, title }
        }
        Rule::absatz => LineKind::Absatz { label: find(&pair, Rule::absatz_label)? },
        Rule::number_item => LineKind::Item { kind: ItemKind::Nummer, label: find(&pair, Rule::number_label)? },
        Rule::letter_item => LineKind::Item { kind: ItemKind::Buchstabe, label: find(&pair, Rule::letter_label)? },
        Rule::double_item => {
            LineKind::Item { kind: ItemKind::Doppelbuchstabe, label: find(&pair, Rule::double_label)? }
        }
        Rule::triple_item => {
            LineKind::Item { kind: ItemKind::Dreifachbuchstabe, label: find(&pair, Rule::triple_label)? }
        }
        Rule::zu_heading => {
            if line.chars().count() > 160 {
                return None;
            }
            let target = pair.clone().into_inner().find(|p| p.as_rule() == Rule::zu_target)?;
            LineKind::Zu {
                target: match target.as_str() {
                    "Artikel" | "Artikeln" | "Art." => ZuTarget::Artikel,
                    "§" | "§§" => ZuTarget::Paragraph,
                    "Absatz" | "Absätzen" => ZuTarget::Absatz,
                    "Satz" | "Sätzen" => ZuTarget::Satz,
                    "Nummer" | "Nummern" => ZuTarget::Nummer,
                    "Buchstabe" | "Buchstaben" => ZuTarget::Buchstabe,
                    "Doppelbuchstabe" | "Doppelbuchstaben" => ZuTarget::Doppelbuchstabe,
                    _ => ZuTarget::Anlage,
                },
            }
        }
        Rule::section_letter => {
            let title = find(&pair, Rule::title)?;
            if !is_title_wording(&line[title]) {
                return None;
            }
            LineKind::SectionLetter { label: 0..2 }
        }
        Rule::roman_section => {
            if find(&pair, Rule::title).is_some_and(|t| !is_title_wording(&line[t])) {
                return None;
            }
            LineKind::RomanSection { label: 0..line.find('.')? + 1 }
        }
        Rule::begruendung => LineKind::Begruendung,
        Rule::vorblatt => LineKind::Vorblatt,
        Rule::contents => LineKind::Contents,
        Rule::formula => LineKind::Formula,
        Rule::editorial => LineKind::Editorial,
        Rule::draft_title => LineKind::DraftTitle,
        Rule::weggefallen => LineKind::Weggefallen,
        _ => return None,
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
