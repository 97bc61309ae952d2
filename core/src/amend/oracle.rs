//! The test oracle for the command scanner: the pest parser derived from `command.pest`, with the
//! conversion of its pairs into [`Tok`]s that `tokens.rs` used before the scanner replaced it, and
//! the differential tests that compare the two (corpora in `../shared/corpus` and the repository's
//! `corpus/`, and random text from the grammar's vocabulary).
//!
//! The grammar stays the specification of the phrases: a change to the command language is made
//! in `command.pest` first, then in `scan.rs`, and these tests show that the two agree.

use super::model::{Segment, UnitKind};
use super::tokens::{Tok, Verb, T};
use crate::source::Span;
use pest::iterators::Pair;
use pest::Parser;

#[derive(pest_derive::Parser)]
#[grammar = "amend/command.pest"]
struct CommandParser;

/// Tokenises `text`, which starts at byte `offset` of the document.
pub(super) fn tokenize(text: &str, offset: usize) -> Result<Vec<Tok>, String> {
    let mut pairs = CommandParser::parse(Rule::command, text).map_err(|e| e.to_string())?;
    let command = pairs.next().expect("command rule");
    let mut out = Vec::new();
    for p in command.into_inner() {
        if p.as_rule() == Rule::EOI {
            continue;
        }
        let span = Span::new(offset + p.as_span().start(), offset + p.as_span().end());
        let t = match p.as_rule() {
            Rule::quote => {
                let inner = p.into_inner().next().expect("quoted text");
                T::Quote(Span::new(offset + inner.as_span().start(), offset + inner.as_span().end()))
            }
            Rule::rel_clause | Rule::paren | Rule::bracket => T::Aside,
            Rule::unit_ref => T::Ref(unit_ref(p)),
            Rule::contents_entry => {
                let label: Vec<String> = p
                    .into_inner()
                    .filter(|q| q.as_rule() == Rule::unit_ref)
                    .flat_map(unit_ref)
                    .map(|s| s.to_string())
                    .collect();
                T::Ref(vec![Segment::new(UnitKind::ContentsEntry, label.join(" "))])
            }
            Rule::sentence_part => {
                let mut side = "vor";
                let mut label = String::new();
                for q in p.into_inner() {
                    match q.as_rule() {
                        Rule::p_nach => side = "nach",
                        Rule::unit_ref => {
                            label = unit_ref(q).iter().map(|s| s.to_string()).collect::<Vec<_>>().join(" ")
                        }
                        _ => {}
                    }
                }
                T::Ref(vec![Segment::new(UnitKind::SentencePart, format!("{side} {label}"))])
            }
            Rule::halfsatz => {
                let ord = p.into_inner().next().map(|o| o.as_str().to_string()).unwrap_or_default();
                let n = match ord.trim_end_matches(['n', 'r', 's', 'm']) {
                    "erste" => "1",
                    "zweite" => "2",
                    "dritte" => "3",
                    "vierte" => "4",
                    _ => "letzter",
                };
                T::Ref(vec![Segment::new(UnitKind::Halbsatz, n)])
            }
            Rule::special => {
                let inner = p.into_inner().next().expect("special kind");
                T::Ref(vec![Segment::bare(match inner.as_rule() {
                    Rule::s_contents => UnitKind::Contents,
                    Rule::s_heading => UnitKind::Heading,
                    Rule::s_title => UnitKind::Title,
                    Rule::s_preamble => UnitKind::Preamble,
                    Rule::s_formula => UnitKind::Formula,
                    Rule::s_table => UnitKind::Table,
                    _ => UnitKind::Formel,
                })])
            }
            Rule::bare_unit => T::BareUnit(unit_kind(p.into_inner().next().expect("unit word").as_rule())),
            Rule::words_noun => T::WordsNoun,
            Rule::punct_name => T::Punct(match p.into_inner().next().map(|q| q.as_rule()) {
                Some(Rule::p_komma) => ",",
                Some(Rule::p_semikolon) => ";",
                Some(Rule::p_doppelpunkt) => ":",
                _ => ".",
            }),
            Rule::am_ende => T::AmEnde,
            Rule::am_anfang => T::AmAnfang,
            Rule::jeweils => T::Jeweils,
            Rule::wie_folgt => T::WieFolgt,
            Rule::folgend => T::Folgend,
            Rule::bisherig => T::Bisherig,
            Rule::neu => T::Neu,
            Rule::p_in => T::In,
            Rule::p_nach => T::Nach,
            Rule::p_vor => T::Vor,
            Rule::p_bei => T::Bei,
            Rule::p_durch => T::Durch,
            Rule::p_dem => T::Dem,
            Rule::aux => T::Aux,
            Rule::verb => T::Verb(match p.into_inner().next().map(|q| q.as_rule()) {
                Some(Rule::v_ersetzt) => Verb::Ersetzt,
                Some(Rule::v_eingefuegt) => Verb::Eingefuegt,
                Some(Rule::v_angefuegt) => Verb::Angefuegt,
                Some(Rule::v_vorangestellt) => Verb::Vorangestellt,
                Some(Rule::v_gestrichen) => Verb::Gestrichen,
                Some(Rule::v_aufgehoben) => Verb::Aufgehoben,
                Some(Rule::v_gefasst) => Verb::Gefasst,
                _ => Verb::Geaendert,
            }),
            Rule::erhaelt => T::Erhaelt,
            Rule::fassung => T::Fassung,
            Rule::und => T::Und,
            Rule::article => T::Article,
            Rule::colon => T::Colon,
            Rule::period => T::Period,
            Rule::comma => T::Comma,
            _ => T::Other,
        };
        // „§ 5 Absatz 2 Satz 1“ is one reference.
        if let (T::Ref(more), Some(Tok { t: T::Ref(segs), span: prev })) = (&t, out.last_mut()) {
            segs.extend(more.iter().cloned());
            *prev = Span::new(prev.start, span.end);
            continue;
        }
        out.push(Tok { t, span });
    }
    Ok(out)
}

fn unit_kind(rule: Rule) -> UnitKind {
    match rule {
        Rule::w_para => UnitKind::Paragraph,
        Rule::w_art => UnitKind::Artikel,
        Rule::w_abs => UnitKind::Absatz,
        Rule::w_satz => UnitKind::Satz,
        Rule::w_halb => UnitKind::Halbsatz,
        Rule::w_nr => UnitKind::Nummer,
        Rule::w_bu => UnitKind::Buchstabe,
        Rule::w_dbu => UnitKind::Doppelbuchstabe,
        Rule::w_tbu => UnitKind::Dreifachbuchstabe,
        Rule::w_anl => UnitKind::Anlage,
        Rule::w_ziff => UnitKind::Ziffer,
        _ => UnitKind::Gliederung,
    }
}

/// „Absatz 2 bis Absatz 3“ → one segment; „Satz 1, Absatz 2“ → two.
fn unit_ref(p: Pair<Rule>) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    let mut inner = p.into_inner().peekable();
    let Some(first) = inner.next() else { return out };
    if first.as_rule() == Rule::ordinal_gl {
        // „3. Buch“
        out.push(Segment::new(UnitKind::Gliederung, first.as_str().split_whitespace().collect::<Vec<_>>().join(" ")));
        return out;
    }
    let kind = unit_kind(first.as_rule());
    let word = first.as_str().to_string();
    let mut seg = Segment::bare(kind);
    let Some(labels) = inner.next() else {
        out.push(seg);
        return out;
    };
    for l in labels.into_inner() {
        match l.as_rule() {
            Rule::label => seg.labels.push(l.as_str().to_string()),
            Rule::lsep => {
                if l.into_inner().next().is_some_and(|s| s.as_rule() == Rule::range_bis) {
                    seg.range = true;
                }
            }
            word_rule => {
                let k = unit_kind(word_rule);
                if k != seg.kind {
                    out.push(std::mem::replace(&mut seg, Segment::bare(k)));
                }
            }
        }
    }
    if kind == UnitKind::Gliederung {
        // Keep the word: „Abschnitt 2“.
        seg.labels = seg.labels.iter().map(|l| format!("{word} {l}")).collect();
    }
    out.push(seg);
    out
}


#[cfg(test)]
mod tests {
    use super::super::{collect, scan};
    use super::*;
    use crate::structure::{Document, NodeKind};
    use crate::SourceText;
    use proptest::prelude::*;
    use std::collections::HashSet;
    use std::path::{Path, PathBuf};
    use std::time::{Duration, Instant};

    /// The scanner and the pest grammar give the same tokens for `text`.
    fn agree(text: &str, offset: usize) -> Result<(), String> {
        let (mut pest, mut scanner) = (Duration::ZERO, Duration::ZERO);
        agree_timed(text, offset, &mut pest, &mut scanner)
    }

    /// [`agree`], adding the time each tokenizer took to `pest` and `scanner`.
    fn agree_timed(text: &str, offset: usize, pest: &mut Duration, scanner: &mut Duration) -> Result<(), String> {
        let t = Instant::now();
        let want = tokenize(text, offset).map_err(|e| format!("pest failed on {text:?}: {e}"))?;
        *pest += t.elapsed();
        let t = Instant::now();
        let got = scan::scan(text, offset);
        *scanner += t.elapsed();
        if got == want {
            return Ok(());
        }
        let i = got.iter().zip(&want).position(|(a, b)| a != b).unwrap_or(got.len().min(want.len()));
        Err(format!(
            "scanner and grammar differ on {text:?} at token {i}:\n  scanner: {:?}\n  grammar: {:?}",
            got.get(i),
            want.get(i)
        ))
    }

    /// Where the grammar runs into exponential time: `paren` retries every unclosed ( inside an
    /// unclosed one, so pest takes 2^n steps for n of them before the next „ or the end. Such
    /// inputs are left out of the comparison (the scanner's own tests cover them).
    fn too_slow_for_pest(text: &str) -> bool {
        let mut open = 0usize;
        let mut worst = 0usize;
        for c in text.chars() {
            match c {
                '(' => open += 1,
                ')' => open = open.saturating_sub(1),
                '„' => open = 0,
                _ => {}
            }
            worst = worst.max(open);
        }
        worst > 12
    }

    fn shared() -> Option<PathBuf> {
        crate::test_data::shared_corpus("scanner/grammar comparison")
    }

    fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
        let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == ext))
            .collect();
        out.sort();
        out
    }

    /// The pieces of `doc` to compare on, with their offsets: the whole text; every sentence,
    /// Absatz, list item and text node, with and without its label, and its introduction before
    /// its first list item (what `collect.rs` reads); every heading; every line and every
    /// paragraph. With `all`, also the containers (§, Artikel, Gliederung, …) and the command
    /// pieces `collect::split_commands` cuts from every node.
    fn pieces(doc: &Document, all: bool) -> Vec<(usize, usize)> {
        let text = doc.text();
        let mut out = vec![(0, text.len())];
        for n in doc.nodes() {
            if let Some(h) = n.heading {
                out.push((h.start, h.end));
            }
            if !all && (n.kind.is_container() || n.kind == NodeKind::Paragraph) {
                continue;
            }
            out.push((n.span.start, n.span.end));
            let mut own = n.span.start;
            if !n.label.is_empty() && text[n.span.range()].starts_with(n.label.as_str()) {
                own += n.label.len();
                out.push((own, n.span.end));
            }
            if let Some(item) = n.children.iter().map(|&c| doc.node(c)).find(|c| c.kind.is_list_item()) {
                out.push((own.min(item.span.start), item.span.start));
            }
            if all {
                out.extend(collect::split_commands(text, n.span).into_iter().map(|s| (s.start, s.end)));
            }
        }
        for sep in ["\n", "\n\n"] {
            let mut start = 0;
            for part in text.split_inclusive(sep) {
                out.push((start, start + part.len()));
                start += part.len();
            }
        }
        out
    }

    #[derive(Default)]
    struct Tally {
        seen: HashSet<String>,
        compared: usize,
        bytes: usize,
        skipped: usize,
        docs: usize,
        parse: Duration,
        pest: Duration,
        scanner: Duration,
    }

    impl Tally {
        fn doc(&mut self, doc: &Document, all: bool) {
            self.docs += 1;
            let text = doc.text();
            for (mut start, mut end) in pieces(doc, all) {
                if !all {
                    // Lines, sentences and Absätze are mostly the same text with or without the
                    // line break and the label: compare each text once.
                    let piece = &text[start..end];
                    start += piece.len() - piece.trim_start().len();
                    end -= piece.len() - piece.trim_end().len();
                    end = end.max(start);
                }
                let piece = &text[start..end];
                if piece.trim().is_empty() || !self.seen.insert(piece.to_string()) {
                    continue;
                }
                if too_slow_for_pest(piece) {
                    self.skipped += 1;
                    continue;
                }
                if let Err(e) = agree_timed(piece, start, &mut self.pest, &mut self.scanner) {
                    panic!("{}: {e}", doc.source().name());
                }
                self.compared += 1;
                self.bytes += piece.len();
            }
        }

        fn path(&mut self, path: &Path, all: bool) {
            let raw = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let t = Instant::now();
            let doc = Document::parse(SourceText::from_utf8(path.display().to_string(), &raw));
            self.parse += t.elapsed();
            self.doc(&doc, all);
        }

        fn report(&self, what: &str) {
            eprintln!(
                "{what}: scanner == grammar on {} distinct inputs ({} bytes) from {} documents; {} left out (unclosed brackets); \
                 pest {:?}, scanner {:?} (structure parser {:?})",
                self.compared, self.bytes, self.docs, self.skipped, self.pest, self.scanner, self.parse
            );
        }
    }

    #[test]
    fn agrees_on_repository_corpus() {
        let mut tally = Tally::default();
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus");
        for f in files(&dir, "txt") {
            tally.path(&f, true);
        }
        assert!(tally.docs >= 3, "corpus/*.txt");
        tally.report("corpus/*.txt");
    }

    #[test]
    fn agrees_on_amending_laws_and_ldml() {
        let Some(corpus) = shared() else { return };
        let mut tally = Tally::default();
        for f in files(&corpus.join("amending"), "txt") {
            tally.path(&f, true);
        }
        assert_eq!(tally.docs, 7, "shared/corpus/amending/*.txt");
        let ldml = files(&corpus.join("ldml"), "xml");
        assert_eq!(ldml.len(), 14, "shared/corpus/ldml/*.xml");
        for f in ldml {
            let bytes = std::fs::read(&f).unwrap();
            let name = f.display().to_string();
            let source = crate::input::read(&name, &bytes, &crate::input::InputLimits::default())
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            tally.doc(&Document::parse(source), true);
        }
        tally.report("amending + LDML");
    }

    #[test]
    fn agrees_on_sample_laws() {
        let Some(corpus) = shared() else { return };
        let mut tally = Tally::default();
        // Ordinary laws, large: the pieces the tokenizer can get, but not every container.
        for f in files(&corpus.join("sample"), "txt") {
            tally.path(&f, false);
        }
        assert_eq!(tally.docs, 34, "shared/corpus/sample/*.txt");
        tally.report("sample laws");
    }

    /// Every literal of `command.pest`, and the words around them that test its boundaries.
    const VOCAB: &[&str] = &[
        // unit words
        "§", "§§", "Artikeln", "Artikels", "Artikel", "Art.", "Absätzen", "Absätze", "Absatzes", "Absatz", "Abs.",
        "Sätzen", "Sätze", "Satzes", "Satz", "Halbsätze", "Halbsatzes", "Halbsatz", "Nummern", "Nummer", "Nrn.", "Nr.",
        "Buchstaben", "Buchstabe", "Buchst.", "Doppelbuchstaben", "Doppelbuchstabe", "Doppelbuchst.",
        "Dreifachbuchstaben", "Dreifachbuchstabe", "Dreifachbuchst.", "Anlagen", "Anlage", "Anhangs", "Anhang",
        "Ziffern", "Ziffer", "Unterabschnitte", "Unterabschnitts", "Unterabschnitt", "Abschnitte", "Abschnitts",
        "Abschnitt", "Kapitels", "Kapitel", "Teile", "Teils", "Teil", "Buches", "Buchs", "Buch", "Untertitel", "Titel",
        // labels
        "1", "2", "12", "3.", "1.1", "2.1.", "1.a", "2a", "10ab", "5abc", "a", "aa", "aaa", "aaaa", "ab", "b", "z", "I",
        "IV", "XII", "Ia", "C", "LX", "bis", "und", "sowie", "3. Buch", "2.",
        // ordinals, specials, nouns
        "erste", "ersten", "zweiter", "dritten", "vierte", "letzten", "letztes", "erstens", "Angabe", "Angaben", "zu",
        "Teilsatz", "Satzteil", "Inhaltsübersicht", "Inhaltsverzeichnis", "Überschriften", "Überschrift",
        "Kurzbezeichnung", "Langtitel", "Kurztitel", "Präambel", "Eingangsformel", "Ermächtigung", "Schlussformel",
        "Tabelle", "Übersicht", "Formel", "Wörtern", "Wörter", "Wortes", "Worten", "Worte", "Wort", "Zeichen", "Zahlen",
        "Zahl", "Datum", "Jahreszahl", "Bezeichnung", "Satzzeichen", "Schlusspunkt", "Punkt", "Komma", "Semikolon",
        "Doppelpunkt",
        // phrases
        "am", "Ende", "Schluss", "Anfang", "Beginn", "jeweils", "wie", "folgt", "wie folgt", "am Ende", "folgende",
        "folgenden", "Folgender", "FOLGENDES", "folgendem", "folgendeN", "bisherige", "Bisherigen", "BISHERIGER", "neue",
        "neuen", "Neue", "NEUES", "neu", "In", "in", "Im", "im", "Nach", "nach", "Hinter", "hinter", "Vor", "vor", "Bei",
        "bei", "durch", "Dem", "wird", "werden", "ersetzt", "eingefügt", "angefügt", "vorangestellt", "gestrichen",
        "aufgehoben", "gefasst", "gefaßt", "neu gefasst", "geändert", "ergänzt", "erhält", "erhalten", "Fassung",
        "Der", "Die", "Das", "Den", "Des", "der", "die", "das", "dem", "den", "des", "Ein", "Eine", "ein", "eine",
        "einem", "einen", "eines", "einer",
        // rel_clause
        "worden", "ist", "sind", "worden ist", "geworden", "zuletzt", "zuletzt geändert durch", ", das", ", die",
        ", zuletzt", "istanbul",
        // signs
        "„", "“", "\"", "(", ")", "((", "))", "[", "]", "[x]", "[a: b]", ",", ".", ":", ";", "-", "–", "”", "‚", "‘",
        // other words, umlauts, other letters
        "Gesetz", "Gesetzes.", "Verordnung", "elektronisch", "x", "Änderung", "über", "Maß", "ä", "ö", "ü", "Ä", "Ö",
        "Ü", "ß", "é", "Ł", "ſ", "\u{212A}", "Artikel-", "-Gesetz", "BGBl.", "S.", "\u{a0}", "\u{2009}", "\u{c}",
        "\u{0}", "\r\n",
    ];

    /// The words of the multi-word rules (`rel_clause`, `contents_entry`, `sentence_part`,
    /// `halfsatz`, `ordinal_gl`, lists of labels), so that random text often comes close to them.
    const DENSE: &[&str] = &[
        ",", ",", "das", "der", "zuletzt", "geändert", "ergänzt", "durch", "worden", "ist", "sind", "wird", "werden",
        "wie", "folgt", "„", "“", "„x“", "\"", "(", ")", ":", "§", "§§", "5", "3.", "a", "aa", "II", "Absatz", "Satz",
        "Buch", "Abschnitt", "Titel", "und", "bis", "sowie", "Angabe", "Angaben", "zu", "den", "Teilsatz", "vor", "nach",
        "ersten", "Halbsatz", "neu", "gefasst", "am", "Ende", "é", "-", ".", ", zuletzt geändert durch", ", die",
        "geändert worden ist", "worden sind", "Angabe zu",
    ];

    fn dense_sentence() -> impl Strategy<Value = String> {
        let seps = prop::sample::select(&[" ", " ", " ", "", "\n", "  ", ", "][..]);
        prop::collection::vec((prop::sample::select(DENSE), seps), 0..30).prop_map(|parts| {
            let mut s = String::new();
            for (w, sep) in parts {
                s.push_str(w);
                s.push_str(sep);
            }
            s
        })
    }

    fn word() -> impl Strategy<Value = String> {
        prop_oneof![
            8 => prop::sample::select(VOCAB).prop_map(str::to_string),
            1 => "[a-zA-Z0-9äöüÄÖÜß§.,:;()„“\"\\- ]{1,5}",
            1 => any::<char>().prop_map(|c| c.to_string()),
        ]
    }

    fn sep() -> impl Strategy<Value = &'static str> {
        prop::sample::select(&[" ", " ", " ", "", "", "\n", "\t", "  ", "\r\n", " \n "][..])
    }

    fn sentence() -> impl Strategy<Value = String> {
        prop::collection::vec((word(), sep()), 0..40).prop_map(|parts| {
            let mut s = String::new();
            for (w, sep) in parts {
                s.push_str(&w);
                s.push_str(sep);
            }
            s
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 20_000, ..ProptestConfig::default() })]

        #[test]
        fn agrees_on_random_text(text in sentence(), offset in 0usize..1000) {
            prop_assume!(!too_slow_for_pest(&text));
            if let Err(e) = agree(&text, offset) {
                prop_assert!(false, "{}", e);
            }
        }

    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 50_000, ..ProptestConfig::default() })]

        #[test]
        fn agrees_on_dense_random_text(text in dense_sentence(), offset in 0usize..1000) {
            prop_assume!(!too_slow_for_pest(&text));
            if let Err(e) = agree(&text, offset) {
                prop_assert!(false, "{}", e);
            }
        }
    }

    /// Phrases built like the grammar's multi-word rules, with their words sometimes glued to the
    /// next one or followed by a letter, digit, hyphen or period (to test `b` and the lookaheads).
    mod phrases {
        use proptest::prelude::*;
        use proptest::strategy::BoxedStrategy;

        const GLUE: &[&str] = &["", "", "", "", "", "", "", "", "a", "-", "é", "1", ".", "ß", "x"];
        const UNITS: &[&str] = &[
            "§", "§§", "Artikel", "Art.", "Absatz", "Absätze", "Abs.", "Satz", "Sätze", "Halbsatz", "Nummer", "Nummern",
            "Nr.", "Nrn.", "Buchstabe", "Buchst.", "Doppelbuchstabe", "Dreifachbuchstaben", "Anlage", "Anhang", "Ziffer",
            "Abschnitt", "Unterabschnitt", "Kapitel", "Teil", "Buch", "Titel", "Untertitel",
        ];
        const LABELS: &[&str] = &[
            "1", "5", "12", "1.1", "2.1.", "3a", "10ab", "5abc", "a", "aa", "aaa", "aaaa", "ab", "I", "IV", "XII", "Ia",
        ];
        const LSEP: &[&str] = &[",", ",", "bis", "und", "sowie"];
        const GL: &[&str] = &["Buch", "Buches", "Teil", "Teile", "Abschnitt", "Kapitel", "Titel", "Untertitel"];
        const ORD: &[&str] = &["erste", "ersten", "zweiter", "dritte", "vierten", "letzten", "letztes", "erstens"];
        const HALB: &[&str] = &["Halbsatz", "Halbsatzes", "Halbsätze"];
        const ART: &[&str] = &["der", "die", "den", "dem", "des", "Die", "eine"];
        const FREE: &[&str] = &[
            "Artikel", "2", "des", "Gesetzes", "vom", "1.", "Mai", "2020", "(BGBl.", "I", "S.", "1)", "geändert", "„x“",
            "„", "“", ":", ",", "wird", "worden", "ist", "wie", "folgt", "Satz", "(",
        ];

        fn pick(words: &'static [&'static str]) -> BoxedStrategy<String> {
            (prop::sample::select(words), prop::sample::select(GLUE)).prop_map(|(w, g)| format!("{w}{g}")).boxed()
        }

        fn exact(word: &'static str) -> BoxedStrategy<String> {
            Just(word.to_string()).boxed()
        }

        fn opt(s: BoxedStrategy<String>) -> BoxedStrategy<String> {
            prop_oneof![Just(String::new()), s].boxed()
        }

        /// The parts joined by whitespace, sometimes by none.
        fn seq(parts: Vec<BoxedStrategy<String>>) -> BoxedStrategy<String> {
            let n = parts.len();
            let seps = prop::collection::vec(prop::sample::select(&[" ", " ", " ", "", "\n", "  ", "\t"][..]), n);
            (parts, seps)
                .prop_map(|(parts, seps)| {
                    let mut out = String::new();
                    for (p, s) in parts.iter().zip(seps) {
                        out.push_str(p);
                        out.push_str(s);
                    }
                    out
                })
                .boxed()
        }

        fn free() -> BoxedStrategy<String> {
            prop::collection::vec(pick(FREE), 0..4).prop_map(|w| w.join(" ")).boxed()
        }

        fn unit_ref() -> BoxedStrategy<String> {
            let more = prop::collection::vec(seq(vec![pick(LSEP), opt(pick(UNITS)), pick(LABELS)]), 0..3)
                .prop_map(|m| m.join(" "));
            prop_oneof![
                4 => seq(vec![pick(UNITS), pick(LABELS), more.boxed()]),
                1 => seq(vec![pick(&["3.", "12.", "1", "3"]), pick(GL)]),
            ]
            .boxed()
        }

        fn quote() -> BoxedStrategy<String> {
            let leaf = prop::collection::vec(pick(FREE), 0..3).prop_map(|w| w.join(" "));
            leaf.prop_recursive(3, 8, 3, |inner| {
                (inner.clone(), inner, prop::sample::select(&["„", "", "\""][..]), prop::sample::select(&["“", "", "\""][..]))
                    .prop_map(|(a, b, o, c)| format!("{o}{a} {b}{c}"))
            })
            .prop_map(|q| format!("„{q}“"))
            .boxed()
        }

        fn phrase() -> BoxedStrategy<String> {
            prop_oneof![
                4 => unit_ref(),
                1 => seq(vec![pick(ORD), pick(HALB)]),
                1 => seq(vec![pick(&["Angabe", "Angaben"]), pick(&["zu"]), opt(pick(ART)), unit_ref(), opt(unit_ref())]),
                1 => seq(vec![pick(&["Teilsatz", "Satzteil"]), pick(&["vor", "nach", "Vor", "hinter", "bei"]), unit_ref()]),
                1 => seq(vec![
                    exact(","), pick(&["das", "die", "der"]), free(), exact("worden"), pick(&["ist", "sind"]), opt(exact(",")),
                ]),
                1 => seq(vec![
                    exact(","), exact("zuletzt"), pick(&["geändert", "ergänzt"]), pick(&["durch"]), free(),
                    opt(seq(vec![exact(","), pick(&["wird", "werden", "wie", "wieder"])])),
                ]),
                1 => quote(),
                1 => seq(vec![pick(&["am", "wie", "neu"]), pick(&["Ende", "Schluss", "Anfang", "Beginn", "folgt", "gefasst", "gefaßt"])]),
                1 => seq(vec![pick(&["(", "(a", "((", ")", "a)"]), free(), pick(&[")", "))", "„", ""])]),
                3 => pick(super::VOCAB),
            ]
            .boxed()
        }

        pub fn sentence() -> BoxedStrategy<String> {
            prop::collection::vec(phrase(), 0..10).prop_map(|p| p.join(" ")).boxed()
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 20_000, ..ProptestConfig::default() })]

        #[test]
        fn agrees_on_random_phrases(text in phrases::sentence(), offset in 0usize..1000) {
            prop_assume!(!too_slow_for_pest(&text));
            if let Err(e) = agree(&text, offset) {
                prop_assert!(false, "{}", e);
            }
        }
    }

    #[test]
    fn agrees_on_tricky_cases() {
        for text in [
            "",
            " \n\t",
            "§ 5 wird",
            "§§ 5 und 6 werden",
            "Eine Angabe",
            "die Angabe zu den §§ 5 und 6 wird",
            "Angabe zu Abschnitt 2, Satz 3 und Absatz 4 bis Absatz 5",
            "Abschnitt 2, Satz 3",
            "dem Teilsatz nach Nummer 3 Buchstabe a",
            "erster Halbsatz",
            "Satz 1 zweiter Halbsatz",
            "Das 3. Buch wird ersetzt durch:",
            ", das zuletzt durch Artikel 2 des Gesetzes vom 1. Mai (BGBl. I S. 1) geändert worden ist, wird",
            ", die geworden istanbul",
            ", zuletzt geändert durch Artikel 4 des Gesetzes vom 1. Mai, wird wie folgt",
            ", zuletzt geändert durch Artikel 4,",
            ", zuletzt ergänzt durch „x“",
            "(a (b) c",
            "(a „b“ c)",
            "((((((((a",
            "„a „b“ c“ „d",
            "„a „b c“",
            "\"a\" \"b",
            "neu gefasst neue neugefasst FOLGENDE folgendeN",
            "Inhé Iné § 5é",
            "Nr. 1a bis 1c, 2 und 3 sowie Buchstabe aa",
            "Artikel-Gesetz Gesetzes. x.y",
            // Cases that told wrong scanners apart while the scanner was written (mutation tests).
            "§ 1 ",
            "eine ",
            ", das worden istArtikeln ",
            "( „ ) ",
            "ersten Halbsätze ",
            "§ 1.1 ",
            "§ 5 ",
            "Absatzé ",
            "wie folgté ",
            ", das worden istdas ",
            "ersten Halbsatz ",
            "Absatz 3.5 ",
            ", zuletzt geändert durch ,\n",
            "Angabe zu3. Buch ",
            "neu gefasst ",
            "„ „ “ ",
            "3. Buch ",
            ", , 3. Buch ",
            "Angabe zu das § 5 ",
            "( ( ) ",
            "(( ) ",
            "3.Buch ",
            "2.Unterabschnitte ",
            "§ 1 bisArtikel 1  ",
            "eine",
            ", die geändert worden ist5 ",
            ", das  worden ista  ",
            ", zuletzt geändert durch    , das  worden ist , ",
            "§ 3.5 ",
            "Angabe zuder § 1    ",
            "Angabe zu der §1 1    ",
            "§ a bis5 ",
            "Angabe zu 3. Buch ",
            "Angabe zu  § 1 ,  1    ",
            "Angabe zu  § 1   § 1 , Abschnitt 1  , Abschnitt\n1   ",
            "(( „ ) ",
            "( ( „ ) ",
            "folgender § … [einsetzen: nächste bei der Verkündung freie Zählbezeichnung] angefügt:",
            "[a „b] c“",
            "[[ ] ]",
            "[ [ x",
            "x[y] [z",
            ", das : worden\nist  ",
            ", das : worden ist ",
        ] {
            agree(text, 7).unwrap_or_else(|e| panic!("{e}"));
        }
    }
}
