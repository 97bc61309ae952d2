//! Reads one command's text into phrases with the pest grammar in `command.pest`.
//!
//! The grammar never fails on real text (unknown words become [`Tok::Other`]); a failure would be a
//! grammar defect and is reported as an unparsed command rather than a panic.

use super::model::{Segment, UnitKind};
use crate::source::Span;
use pest::iterators::Pair;
use pest::Parser;

#[derive(pest_derive::Parser)]
#[grammar = "amend/command.pest"]
struct CommandParser;

/// The participle that says what a command does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Verb {
    Ersetzt,
    Eingefuegt,
    Angefuegt,
    Vorangestellt,
    Gestrichen,
    Aufgehoben,
    Gefasst,
    Geaendert,
}

/// One phrase of a command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum T {
    /// „…“; the span is the inner text.
    Quote(Span),
    /// One or more norm references in a row („§ 5 Absatz 2 Satz 1“).
    Ref(Vec<Segment>),
    /// A unit word without a number („folgender Satz“, „die folgenden Sätze“).
    BareUnit(UnitKind),
    WordsNoun,
    /// „Komma“, „Punkt“: the sign they name.
    Punct(&'static str),
    AmEnde,
    AmAnfang,
    Jeweils,
    WieFolgt,
    Folgend,
    Bisherig,
    Neu,
    In,
    Nach,
    Vor,
    Bei,
    Durch,
    Dem,
    Aux,
    Verb(Verb),
    Erhaelt,
    Fassung,
    Und,
    Article,
    Colon,
    Period,
    Comma,
    /// A bracketed citation or a relative clause about earlier amendments: skipped.
    Aside,
    Other(String),
}

#[derive(Debug, Clone)]
pub(super) struct Tok {
    pub t: T,
    /// Absolute span in the document text.
    pub span: Span,
}

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
            Rule::rel_clause | Rule::paren => T::Aside,
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
            _ => T::Other(p.as_str().to_string()),
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
    use super::*;

    fn kinds(text: &str) -> Vec<T> {
        tokenize(text, 0).unwrap().into_iter().map(|t| t.t).collect()
    }

    #[test]
    fn word_replacement() {
        let t = kinds("In § 3 Absatz 1 Satz 2 wird das Wort „schriftlich“ durch die Wörter „schriftlich oder elektronisch“ ersetzt.");
        assert_eq!(t[0], T::In);
        let T::Ref(segs) = &t[1] else { panic!("{t:?}") };
        assert_eq!(segs.len(), 3);
        assert_eq!(segs[2].to_string(), "Satz 2");
        assert!(t.contains(&T::Verb(Verb::Ersetzt)));
        assert_eq!(t.iter().filter(|x| matches!(x, T::Quote(_))).count(), 2);
        assert_eq!(t.last(), Some(&T::Period));
    }

    #[test]
    fn lists_ranges_and_specials() {
        let t = kinds("Die bisherigen Nummern 4 bis 8 werden durch die folgenden Nummern 5 bis 8 ersetzt:");
        let refs: Vec<String> = t
            .iter()
            .filter_map(|x| if let T::Ref(s) = x { Some(s[0].to_string()) } else { None })
            .collect();
        assert_eq!(refs, vec!["Nr. 4 bis 8", "Nr. 5 bis 8"]);
        let t = kinds("In dem Teilsatz vor Nummer 1 wird nach den Wörtern „x“ die Angabe „und 2“ eingefügt.");
        assert!(matches!(&t[2], T::Ref(s) if s[0].to_string() == "Teilsatz vor Nr. 1"), "{t:?}");
        let t = kinds("Die Angabe zu § 34 wird wie folgt gefasst:");
        assert!(matches!(&t[1], T::Ref(s) if s[0].to_string() == "Angabe zu § 34"), "{t:?}");
        let t = kinds("Der Titel des Gesetzes wird ersetzt durch:");
        assert!(matches!(&t[1], T::Ref(s) if s[0].kind == UnitKind::Title), "{t:?}");
        let t = kinds("Das 3. Buch wird ersetzt durch:");
        assert!(matches!(&t[1], T::Ref(s) if s[0].to_string() == "3. Buch"), "{t:?}");
        let t = kinds("In den Nummern 1.1, 1.2 und 2.1 wird jeweils die Angabe „x“ ersetzt");
        assert!(matches!(&t[2], T::Ref(s) if s[0].labels.len() == 3), "{t:?}");
    }

    #[test]
    fn citations_are_asides() {
        let t = kinds("Das Bundesverfassungsschutzgesetz vom 20. Dezember 1990 (BGBl. I S. 2954, 2970), das zuletzt durch Artikel 1 des Gesetzes vom 19. Dezember 2022 (BGBl. I S. 2632) geändert worden ist, wird wie folgt geändert:");
        assert_eq!(t.iter().filter(|x| **x == T::Aside).count(), 2, "{t:?}");
        assert_eq!(t.iter().filter(|x| matches!(x, T::Verb(_))).count(), 1, "{t:?}");
    }

    #[test]
    fn unbalanced_quote_does_not_fail() {
        assert!(tokenize("Die Wörter „oder elektronisch werden gestrichen.", 0).is_ok());
    }
}
