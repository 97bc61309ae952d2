//! The phrases of one command ([`Tok`]) and [`tokenize`], which reads them.
//!
//! The grammar `command.pest` says what the phrases are; it is the specification and, in the
//! tests, the oracle (`oracle.rs` runs the pest parser derived from it and compares). What runs is
//! the hand-written scanner in `scan.rs`, which implements the grammar exactly and is linear in the
//! text: the pest parser tried some forty alternatives with lookaheads at every word and took
//! 40–60 % of the time of checking the federal corpus.
//!
//! Unknown words become [`T::Other`], so reading never fails on any text.

use super::model::{Segment, UnitKind};
use crate::source::Span;

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
    /// Any other word or sign; what it says is the text in the token's span (the scanner allocated
    /// a string for each, some 150,000 for every tenth federal law, and only the law names after
    /// „des“ are ever looked at).
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Tok {
    pub t: T,
    /// Absolute span in the document text.
    pub span: Span,
}

/// Tokenises `text`, which starts at byte `offset` of the document. Never fails; the `Result`
/// stays for the callers, which report an error as an unparsed command.
pub(super) fn tokenize(text: &str, offset: usize) -> Result<Vec<Tok>, String> {
    Ok(super::scan::scan(text, offset))
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
