//! The test oracle for the line recogniser: the pest parser derived from `structure.pest`, with
//! the conversion of its pairs into [`LineKind`]s that `lines.rs` used before `shape.rs` replaced
//! it, and the differential tests that compare the two (every line of the corpora in
//! `../shared/corpus` and the repository's `corpus/`, generated heading-like lines, and random
//! text from the grammar's vocabulary).
//!
//! The grammar stays the specification of the line shapes: a change is made in `structure.pest`
//! first, then in `shape.rs`, and these tests show that the two agree.

use super::lines::{
    is_begruendung_title, is_synopse, is_title_wording, masthead_is_running, may_be_structural, names_its_provision, spaced_letter, ItemKind, LineKind, ZuTarget,
};
use pest::iterators::Pair;
use pest::Parser;
use std::ops::Range;

#[derive(pest_derive::Parser)]
#[grammar = "structure/structure.pest"]
struct LineParser;

/// [`super::lines::classify`] as it was with the grammar.
pub(super) fn classify(line: &str) -> LineKind {
    if !may_be_structural(line) {
        return LineKind::Prose;
    }
    kind(line)
}

/// [`super::lines::kind`] as it was with the grammar: no look at the first word.
pub(super) fn kind(line: &str) -> LineKind {
    let Ok(mut pairs) = LineParser::parse(Rule::line, line) else { return LineKind::Prose };
    let Some(pair) = pairs.next() else { return LineKind::Prose };
    from_pair(pair, line).unwrap_or(LineKind::Prose)
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
    let marked = inner.iter().any(|p| matches!(p.as_rule(), Rule::dash_sep | Rule::tab | Rule::colon_sep));
    (find(pair, Rule::title), marked)
}

/// `full` is the whole line; rules that only look at the start of a line match less of it.
fn from_pair(pair: Pair<'_, Rule>, full: &str) -> Option<LineKind> {
    let line = pair.as_str();
    Some(match pair.as_rule() {
        Rule::paragraph => {
            let sign = find(&pair, Rule::para_sign)?;
            let numbers: Vec<Range<usize>> =
                pair.clone().into_inner().filter(|p| p.as_rule() == Rule::para_number).map(|p| range(&p)).collect();
            let label = sign.start..numbers.last()?.end;
            let (title, marked) = heading_title(&pair);
            let title_text = title.clone().map(|r| line[r].trim());
            if let Some(t) = title_text {
                if !marked && (!is_title_wording(t) || spaced_letter(&line[label.clone()])) {
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
                "Buch" | "BUCH" => 0,
                "Teil" | "TEIL" => 1,
                "Kapitel" | "KAPITEL" => 2,
                "Abschnitt" | "ABSCHNITT" => 3,
                "Unterabschnitt" | "UNTERABSCHNITT" => 4,
                "Titel" | "TITEL" => 5,
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
            if title.clone().is_some_and(|r| !marked && !is_title_wording(&line[r]))
                && !names_its_provision(line, &super::shape::Tail { title: title.clone(), marked })
            {
                return None;
            }
            let label_end = pair
                .clone()
                .into_inner()
                .find(|p| matches!(p.as_rule(), Rule::number | Rule::anlage_number | Rule::roman | Rule::upper_letter))
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
        Rule::section_item | Rule::nr_section => {
            let label = find(&pair, Rule::section_label)?;
            let rest = &full[label.end..];
            let t = label.end + rest.len() - rest.trim_start().len();
            let end = full.trim_end().len();
            LineKind::Section { title: (t < end).then_some(t..end), label }
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
            if !is_title_wording(&line[title.clone()]) {
                return None;
            }
            if is_begruendung_title(&line[title.clone()]) {
                return Some(LineKind::Begruendung);
            }
            LineKind::SectionLetter { label: 0..line[..title.start].trim_end().len() }
        }
        Rule::roman_section => {
            if find(&pair, Rule::title).is_some_and(|t| !is_title_wording(&line[t])) {
                return None;
            }
            LineKind::RomanSection { label: 0..line.find('.')? + 1 }
        }
        Rule::begruendung => {
            if find(&pair, Rule::title).is_some_and(|t| !is_title_wording(&line[t])) {
                return None;
            }
            LineKind::Begruendung
        }
        Rule::vorblatt => LineKind::Vorblatt,
        Rule::contents => LineKind::Contents,
        Rule::statement => {
            if find(&pair, Rule::title).is_some_and(|t| !is_title_wording(&line[t])) {
                return None;
            }
            let word = pair.clone().into_inner().find(|p| p.as_rule() == Rule::statement_word)?;
            LineKind::Statement { counter: word.as_str() == "Gegenäußerung" }
        }
        Rule::synopse => {
            if !is_synopse(line, find(&pair, Rule::title)) {
                return None;
            }
            LineKind::Synopse
        }
        Rule::preamble => LineKind::Preamble,
        Rule::formula => LineKind::Formula,
        Rule::editorial => LineKind::Editorial,
        Rule::draft_title => LineKind::DraftTitle,
        Rule::masthead => LineKind::Masthead { running: masthead_is_running(line, find(&pair, Rule::drucksache_no)?)? },
        Rule::weggefallen => LineKind::Weggefallen,
        _ => return None,
    })
}


#[cfg(test)]
mod tests {
    use super::super::lines;
    use super::*;
    use proptest::prelude::*;
    use std::collections::HashSet;
    use std::path::{Path, PathBuf};

    /// The recogniser and the grammar give the same kind for `line`, with and without the look at
    /// the first word.
    fn agree(line: &str) -> Result<(), String> {
        let (got, want) = (lines::kind(line), kind(line));
        if got != want {
            return Err(format!("recogniser and grammar differ on {line:?}:\n  recogniser: {got:?}\n  grammar:    {want:?}"));
        }
        let (got, want) = (lines::classify(line), classify(line));
        if got != want {
            return Err(format!("classify differs on {line:?}:\n  recogniser: {got:?}\n  grammar:    {want:?}"));
        }
        Ok(())
    }

    fn check(line: &str) {
        if let Err(e) = agree(line) {
            panic!("{e}");
        }
    }

    fn shared() -> Option<PathBuf> {
        crate::test_data::shared_corpus("recogniser/grammar comparison")
    }

    /// The `.txt` and `.md` files under `dir`, in its subfolders too.
    fn files(dir: &Path) -> Vec<PathBuf> {
        crate::test_data::files_under(dir, &["txt", "md"])
    }

    /// Compares every line of every `.txt` file in `dir`: as the builder passes it (trimmed), only
    /// left-trimmed (with trailing blanks and "\r"), and untouched. Returns the number of files.
    fn compare_lines_of(dir: &Path, what: &str) -> usize {
        let mut seen: HashSet<String> = HashSet::new();
        let (mut lines, mut structural) = (0, 0);
        let docs = files(dir);
        for f in &docs {
            let bytes = std::fs::read(f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
            let text = String::from_utf8_lossy(&bytes);
            for raw in text.split('\n') {
                lines += 1;
                for variant in [raw.trim_start().trim_end(), raw.trim_start(), raw] {
                    if !seen.contains(variant) {
                        if let Err(e) = agree(variant) {
                            panic!("{}: {e}", f.display());
                        }
                        structural += usize::from(lines::classify(variant) != LineKind::Prose);
                        seen.insert(variant.to_string());
                    }
                }
            }
        }
        eprintln!(
            "{what}: recogniser == grammar on {} distinct inputs from {lines} lines of {} files ({structural} not prose)",
            seen.len(),
            docs.len()
        );
        docs.len()
    }

    #[test]
    fn agrees_on_every_line_of_the_repository_corpus() {
        let n = compare_lines_of(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus"), "corpus/*.txt");
        assert!(n >= 3, "corpus/*.txt");
    }

    #[test]
    fn agrees_on_every_line_of_the_amending_laws() {
        let Some(corpus) = shared() else { return };
        // The seven amending laws, their README and the target laws in targets/.
        assert!(compare_lines_of(&corpus.join("amending"), "shared/corpus/amending") >= 8);
    }

    #[test]
    fn agrees_on_every_line_of_the_sample_laws() {
        let Some(corpus) = shared() else { return };
        assert_eq!(compare_lines_of(&corpus.join("sample"), "shared/corpus/sample"), 35);
    }

    /// Landesrecht as Markdown (the lines as written, with their `#`, `**` and bullets) and the
    /// base laws of the Drucksachen.
    #[test]
    fn agrees_on_every_line_of_the_landesrecht_and_drucksachen() {
        let Some(corpus) = shared() else { return };
        assert!(compare_lines_of(&corpus.join("landesrecht"), "shared/corpus/landesrecht") > 450);
        assert!(compare_lines_of(&corpus.join("drucksachen"), "shared/corpus/drucksachen") >= 3);
    }

    /// Starts of structural lines, and near misses.
    const PREFIXES: &[&str] = &[
        "", "§", "§§", "Art.", "Art", "Artikel", "Artikeln", "Abschnitt", "Unterabschnitt", "Untertitel", "Kapitel",
        "Buch", "Teil", "Titel", "Erster", "Zweites", "Siebente", "Siebter", "Achtzehnte", "Zwölfter", "Ersterx", "Anlage",
        "Anhang", "Anlagen", "(1)", "(1a)", "(12ab)", "(123)", "(1234)", "(1abc)", "(a)", "1.", "12a.", "123.", "1234.",
        "1ab.", "a)", "aa)", "aaa)", "aaaa)", "ab)", "aab)", "ä)", "Zu", "Zu den", "Zu  den ", "Zu Artikel", "Zu §",
        "Zu §§", "Zu Absätzen", "Zu Buchstaben", "Zu Nummer", "A.", "B.", "I.", "IV.", "IVa.", "MCMXC.", "Ä.",
        "Begründung", "BEGRÜNDUNG", "B e g r ü n d u n g", "Vorblatt", "VORBLATT", "Inhaltsübersicht",
        "Inhaltsverzeichnis", "INHALTSÜBERSICHT", "Eingangsformel", "Schlussformel", "Der Landtag", "Der Bundestag",
        "Der Deutsche Bundestag", "Der  Landtag", "Auf Grund", "Aufgrund", "(+++", "(Fundstelle", "(Fußnote", "<!--",
        "Stand:", "Fußnote", "(weggefallen)", "Gesetzentwurf", "Entwurf eines", "Verordnungsentwurf", "2.3", "2.3.1.",
        "C.3", "12.1", "1.000", "Nr.", "Nr. 8", "zu", "zu Nummer", "A", "E.1", "E.12", "ABSCHNITT", "1. Abschnitt", "2. TEIL",
        "Stellungnahme", "Stellungnahme des", "Gegenäußerung der", "Synopse", "Gegenüberstellung", "Zusammenstellung des Entwurfs",
        "Bundesrat Drucksache 483/21", "Drucksache 19/30399 – 2 –", "Der Gemeinderat hat", "Vertrieb:", "ISSN", "§ 8.11", "§ 1 a",
        "Anlage 1:", "Anlage 3 zu Nummer 4.2", "Begründung zum", "A. Begründung", "Präambel", "(Präambel)", "PRÄAMBEL",
        "Präambelx",
    ];

    /// What may stand between the start and the rest.
    const SEPARATORS: &[&str] = &[" ", "  ", "\t", " \t", "\t ", " – ", "–", " - ", " —", "— ", "-", ""];

    /// Labels after the start word.
    const MIDDLES: &[&str] = &[
        "", "5", "12a", "3ab", "5abc", "12345", "123456", "5ä", "5Ä", "5ß", "3 bis 7", "5, 6 und 7", "5 bis", "5bis 7", "IV",
        "IVa", "C", "A", "Ab", "Abschnitt", "Artikel", "§", "Nummern", "den", "1.",
    ];

    /// The rest of the line.
    const TAILS: &[&str] = &[
        "",
        "Titel",
        "Allgemeine Vorschriften",
        "Elektronische Kommunikation",
        "Absatz 2 gilt entsprechend.",
        "gilt entsprechend.",
        "Die Behörde entscheidet über den Antrag, wenn er vollständig ist.",
        "(weggefallen)",
        "weggefallen",
        "(zu § 3) Muster",
        "5",
        "12a",
        "a",
        "ä",
        "Änderung des Gesetzes",
        "Übergangsvorschrift",
        " ",
        "   ",
        "Ziel:",
        "Problem und Ziel",
        "Problem und Ziel des Entwurfs.",
        "hat das folgende Gesetz beschlossen:",
        "verordnet:",
        "verordne ich:",
        ":",
        " :",
        "Kursivdruck: Text",
        "Satz 1: Text",
        "1.",
        "a)",
        "\tTitel",
        "Titel ",
        "Titel\r",
        "Titel\rmehr",
        "\r",
        "–",
        "€ 5",
    ];

    /// Separators around a label (a subset of [`SEPARATORS`], to keep the product small).
    const LABEL_SEPARATORS: &[&str] = &[" ", "  ", ""];
    const TITLE_SEPARATORS: &[&str] = &[" ", " – ", "\t", "-", ""];

    #[test]
    fn agrees_on_generated_lines() {
        let mut n = 0usize;
        let mut line = String::new();
        let mut try_line = |parts: &[&str]| {
            line.clear();
            parts.iter().for_each(|p| line.push_str(p));
            check(&line);
            n += 1;
        };
        for p in PREFIXES {
            for t in TAILS {
                for s in SEPARATORS {
                    try_line(&[p, s, t]);
                }
                for s1 in LABEL_SEPARATORS {
                    for m in MIDDLES.iter().filter(|m| !m.is_empty()) {
                        for s2 in TITLE_SEPARATORS {
                            try_line(&[p, s1, m, s2, t]);
                        }
                    }
                }
            }
        }
        eprintln!("generated: recogniser == grammar on {n} lines");
    }

    /// Lines of every shape, to be cut and spliced with multi-byte characters.
    const SHAPES: &[&str] = &[
        "§ 3a – Elektronische Kommunikation",
        "§§ 5 bis 7 (weggefallen)",
        "§ 1\tAnwendungsbereich",
        "Art. 3 – Titel",
        "Artikel 1 Änderung",
        "Erster Abschnitt Allgemeines",
        "Teil III – Titel",
        "Anlage 2 – (zu § 3) Titel",
        "(1a) Die Behörde",
        "(weggefallen) ",
        "aaa) x",
        "bb) x",
        "c) x",
        "12a. x",
        "Zu den Absätzen 1 und 2",
        "A. Problem und Ziel",
        "IV. Wesentlicher Inhalt",
        "B e g r ü n d u n g :",
        "Inhaltsübersicht:",
        "Der Deutsche Bundestag hat beschlossen",
        "Auf Grund des § 3 wird verordnet:",
        "(+++ Textnachweis +++)",
        "Entwurf eines Gesetzes",
    ];

    const MULTIBYTE: &[&str] = &["ä", "Ä", "ß", "§", "–", "—", "€", "\u{a0}", "\u{2009}", "😀", "\r", "\n"];

    #[test]
    fn agrees_with_multibyte_characters_anywhere() {
        let mut n = 0usize;
        for line in SHAPES {
            for (i, _) in line.char_indices().chain([(line.len(), ' ')]) {
                check(&line[..i]);
                check(&line[i..]);
                n += 2;
                for c in MULTIBYTE {
                    check(&format!("{}{c}{}", &line[..i], &line[i..]));
                    // In place of the character at i.
                    let next = line[i..].chars().next().map_or(i, |ch| i + ch.len_utf8());
                    check(&format!("{}{c}{}", &line[..i], &line[next..]));
                    n += 2;
                }
            }
        }
        eprintln!("multi-byte: recogniser == grammar on {n} lines");
    }

    #[test]
    fn agrees_on_tricky_cases() {
        // 160 characters up to the end of the target word, and 161.
        let long_zu = format!("Zu{}Artikel 1", " ".repeat(151));
        let longer_zu = format!("Zu{}Artikel 1", " ".repeat(152));
        let long_title = format!("§ 1 {}", "Wort ".repeat(19));
        for line in [
            // `number` takes five digits and gives none back.
            "§ 123456",
            "§ 12345 Titel",
            "Artikel 1abc",
            "Art.5",
            "Artikelx 5",
            // Committed choices.
            "Zu Artikeln",
            "Zu Artikel1",
            "Zu §§5",
            "Zu Buchstabenx",
            "Zu den",
            "Zu denArtikel",
            // An optional part that matched is kept.
            "Anlage A)",
            "Anlage zu § 3",
            "IV.  ",
            "I. Allgemeines",
            "I.",
            // Titles stop at "\r".
            "§ 5 Titel\r",
            "§ 5 –\r",
            "§ 5 - ",
            "§ 5 –\tTitel",
            "§ 5\t\tTitel",
            "Auf Grund des § 5 verordne ich:",
            "Auf Grund des § 5 wird verordnet:",
            "Der Landtag hat beschlossen",
            "Der Landtagbeschlossen",
            &long_zu,
            &longer_zu,
            &long_title,
        ] {
            check(line);
        }
        assert_eq!(lines::classify(&long_zu), LineKind::Zu { target: ZuTarget::Artikel });
        assert_eq!(lines::classify(&longer_zu), LineKind::Prose);
        assert!(matches!(lines::classify("I. Allgemeines"), LineKind::SectionLetter { .. }));
        assert_eq!(lines::classify("Auf Grund des § 5 verordne ich:"), LineKind::Prose);
        assert_eq!(lines::classify("Anlage A)"), LineKind::Prose);
        assert!(matches!(lines::kind("(1) x"), LineKind::Absatz { .. }));
        assert!(matches!(lines::kind("1. x"), LineKind::Item { kind: ItemKind::Nummer, .. }));
    }

    /// Tokens of the grammar and their near misses.
    const TOKENS: &[&str] = &[
        "§", "§§", " ", "\u{a0}", "  ", "\t", "–", "—", "-", "0", "1", "5", "12", "123", "99999", "a", "b", "aa", "aaa", "z",
        "ä", "ö", "ü", "ß", "Ä", "€", "😀", "(", ")", ".", ":", ",", "bis", "und", "Art", "Art.", "Artikel", "Artikeln",
        "Abschnitt", "Unterabschnitt", "Teil", "Titel", "Buch", "I", "V", "X", "IV", "M", "A", "B", "Z", "Zu", "den",
        "Anlage", "Anhang", "(weggefallen)", "weggefallen", "Erst", "er", "es", "e", "Siebent", "Acht", "zehnt",
        "Begründung", "B e g r ü n d u n g", "Vorblatt", "Inhaltsübersicht", "Eingangsformel", "Der", "Landtag",
        "Deutsche Bundestag", "beschlossen", "Auf Grund", "Aufgrund", "verordnet", "verordne", "(zu", "Absatz",
        "Absätzen", "Nummer", "Buchstabe", "Kursivdruck:", "(+++", "Stand:", "<!--", "Entwurf einer", "\r", "\n",
        "Die Behörde", "Titel ", "Problem und Ziel", "Nr.", "Drucksache", "DRUCKSACHE", "/", "19/123", "Stellungnahme",
        "Gegenäußerung", "Synopse", "beschlossen:", "verordnet:", "erlassen :", "zu", "zum", "des", "Fassung", "ABSCHNITT", "C.",
        "1.1", "2.3.4.", "Vertrieb:", "|", "Präambel", "(Präambel)", "PRÄAMBEL",
    ];

    fn random_line() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(TOKENS), 0..12).prop_map(|t| t.concat())
    }

    /// A structural start followed by random tokens.
    fn random_heading() -> impl Strategy<Value = String> {
        (prop::sample::select(PREFIXES), prop::sample::select(SEPARATORS), random_line())
            .prop_map(|(p, s, rest)| format!("{p}{s}{rest}"))
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 20_000, ..ProptestConfig::default() })]

        #[test]
        fn agrees_on_random_lines(line in random_line()) {
            prop_assert!(agree(&line).is_ok(), "{}", agree(&line).unwrap_err());
        }

        #[test]
        fn agrees_on_random_headings(line in random_heading()) {
            prop_assert!(agree(&line).is_ok(), "{}", agree(&line).unwrap_err());
        }

        #[test]
        fn agrees_on_any_text(line in "\\PC{0,40}") {
            prop_assert!(agree(&line).is_ok(), "{}", agree(&line).unwrap_err());
        }
    }
}
