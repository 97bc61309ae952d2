//! The scanner that reads one command's text into phrases ([`Tok`]): a hand-written
//! implementation of the grammar `command.pest`.
//!
//! `command.pest` is the specification and, in the tests, the oracle (`oracle.rs` compares the two
//! on the corpora and on random text). This scanner is what runs: the pest parser tried some forty
//! alternatives with lookaheads at every word and spent 40–60 % of the time of checking the federal
//! corpus there. The scanner looks at the first byte of a word to pick the few alternatives that
//! can start there, tries them in the grammar's order, and falls back to `other`.
//!
//! Each function below names the rule it implements and follows its PEG semantics exactly:
//! ordered choice that commits to the first alternative that matches (`("Ein" | "Eine") ~ b` does
//! not match „Eine“), greedy repetition without backtracking, and the implicit `WHITESPACE*` that
//! pest inserts between the elements of a non-atomic rule (`unit_ref`, `labels`, …) but not inside
//! atomic ones (`@`, `$`). One consequence worth knowing: `labels = { label ~ (lsep ~ …)* }` keeps
//! the whitespace after a single label, so the span of „§ 5 wird“'s reference is „§ 5 “ (and pest
//! turns `unit_ref+` into `unit_ref ~ unit_ref*`, which does the same after a single reference).
//!
//! Unlike the pest parser the scanner is linear in the length of the text: an unclosed „ or ( that
//! makes the grammar scan to the end of the text is scanned once, and `paren`, which pest retries
//! exponentially often on unclosed brackets, is matched with a counter (see [`Scanner::paren_end`]).
//! It never fails and never panics on any UTF-8 text. The one place where it does not give pest's
//! result on purpose: brackets or quotes nested some thousands deep, where pest ran out of its stack
//! guard and returned an error (reported as an unreadable command); the scanner needs no stack and
//! reads them like any other nesting.

use super::model::{Segment, UnitKind};
use super::tokens::{Tok, Verb, T};
use crate::source::Span;

/// Tokenises `text`, which starts at byte `offset` of the document (`command` in the grammar:
/// `SOI ~ token* ~ EOI` with implicit whitespace between the tokens). Not inlined, so that profiles
/// show what the tokenizer costs.
#[inline(never)]
pub(super) fn scan(text: &str, offset: usize) -> Vec<Tok> {
    let mut sc = Scanner::new(text, offset);
    // Room for a token every eight bytes (law text has one every six or seven; references and
    // quotations are one token each): the huge units read (tables, fee schedules) otherwise grew
    // the vector a dozen times, copying it each time (5 M instructions for every tenth federal law).
    let mut out: Vec<Tok> = Vec::with_capacity(text.len() / 8 + 1);
    let mut p = sc.skip(0);
    while p < sc.s.len() {
        let (t, end) = sc.token(p);
        let span = Span::new(offset + p, offset + end);
        p = sc.skip(end);
        // „§ 5 Absatz 2 Satz 1“ is one reference.
        if let T::Ref(more) = t {
            if let Some(Tok { t: T::Ref(segs), span: prev }) = out.last_mut() {
                segs.extend(more);
                *prev = Span::new(prev.start, span.end);
            } else {
                out.push(Tok { t: T::Ref(more), span });
            }
            continue;
        }
        out.push(Tok { t, span });
    }
    out
}

const OPEN: &[u8] = "„".as_bytes();
const CLOSE: &[u8] = "“".as_bytes();

// The literals of the grammar, in the grammar's order.
const W_ART: &[&str] = &["Artikeln", "Artikels", "Artikel", "Art."];
const W_DBU: &[&str] = &["Doppelbuchstaben", "Doppelbuchstabe", "Doppelbuchst."];
const W_TBU: &[&str] = &["Dreifachbuchstaben", "Dreifachbuchstabe", "Dreifachbuchst."];
const W_ABS: &[&str] = &["Absätzen", "Absätze", "Absatzes", "Absatz", "Abs."];
const W_SATZ: &[&str] = &["Sätzen", "Sätze", "Satzes", "Satz"];
const W_HALB: &[&str] = &["Halbsätze", "Halbsatzes", "Halbsatz"];
const W_NR: &[&str] = &["Nummern", "Nummer", "Nrn.", "Nr."];
const W_BU: &[&str] = &["Buchstaben", "Buchstabe", "Buchst."];
const W_ANL: &[&str] = &["Anlagen", "Anlage", "Anhangs", "Anhang"];
const W_ZIFF: &[&str] = &["Ziffern", "Ziffer"];
const W_GL: &[&str] = &[
    "Unterabschnitte",
    "Unterabschnitts",
    "Unterabschnitt",
    "Abschnitte",
    "Abschnitts",
    "Abschnitt",
    "Kapitels",
    "Kapitel",
    "Teile",
    "Teils",
    "Teil",
    "Buches",
    "Buchs",
    "Buch",
    "Untertitel",
    "Titel",
];
const W_PARA: &[&str] = &["§§", "§"];
/// `unit_word` after `w_para` (which needs no boundary).
const UNIT_WORDS: [(UnitKind, &[&str]); 11] = [
    (UnitKind::Artikel, W_ART),
    (UnitKind::Doppelbuchstabe, W_DBU),
    (UnitKind::Dreifachbuchstabe, W_TBU),
    (UnitKind::Absatz, W_ABS),
    (UnitKind::Satz, W_SATZ),
    (UnitKind::Halbsatz, W_HALB),
    (UnitKind::Nummer, W_NR),
    (UnitKind::Buchstabe, W_BU),
    (UnitKind::Anlage, W_ANL),
    (UnitKind::Ziffer, W_ZIFF),
    (UnitKind::Gliederung, W_GL),
];
const ORDINALS: &[&str] = &["erste", "zweite", "dritte", "vierte", "letzte"];
/// What `tokens.rs` made of an ordinal („ersten Halbsatz“ → Halbsatz 1).
const ORDINAL_LABELS: [&str; 5] = ["1", "2", "3", "4", "letzter"];
const ANGABE: &[&str] = &["Angaben", "Angabe"];
const TEILSATZ: &[&str] = &["Teilsatz", "Satzteil"];
const SPECIALS: [(UnitKind, &[&str]); 7] = [
    (UnitKind::Contents, &["Inhaltsübersicht", "Inhaltsverzeichnis"]),
    (UnitKind::Heading, &["Überschriften", "Überschrift"]),
    (UnitKind::Title, &["Titel", "Kurzbezeichnung", "Langtitel", "Kurztitel"]),
    (UnitKind::Preamble, &["Präambel"]),
    (UnitKind::Formula, &["Eingangsformel", "Ermächtigung", "Schlussformel"]),
    (UnitKind::Table, &["Tabelle", "Übersicht"]),
    (UnitKind::Formel, &["Formel"]),
];
const WORDS_NOUN: &[&str] = &[
    "Wörtern",
    "Wörter",
    "Wortes",
    "Worten",
    "Worte",
    "Wort",
    "Angaben",
    "Angabe",
    "Zeichen",
    "Zahlen",
    "Zahl",
    "Datum",
    "Jahreszahl",
    "Bezeichnung",
    "Satzzeichen",
];
const PUNCT_NAMES: [(&str, &[&str]); 4] =
    [(".", &["Schlusspunkt", "Punkt"]), (",", &["Komma"]), (";", &["Semikolon"]), (":", &["Doppelpunkt"])];
const AM: &[&str] = &["am"];
const ENDE: &[&str] = &["Ende", "Schluss"];
const ANFANG: &[&str] = &["Anfang", "Beginn"];
const JEWEILS: &[&str] = &["jeweils"];
const WIE: &[&str] = &["wie"];
const FOLGEND: &str = "folgende";
const BISHERIG: &str = "bisherige";
const NEU: &str = "neue";
const P_IN: &[&str] = &["In", "in", "Im", "im"];
const P_NACH: &[&str] = &["Nach", "nach", "Hinter", "hinter"];
const P_VOR: &[&str] = &["Vor", "vor"];
const P_BEI: &[&str] = &["Bei", "bei"];
const P_DURCH: &[&str] = &["durch"];
const P_DEM: &[&str] = &["Dem"];
const AUX: &[&str] = &["wird", "werden"];
const VERBS: [(Verb, &[&str]); 8] = [
    (Verb::Ersetzt, &["ersetzt"]),
    (Verb::Eingefuegt, &["eingefügt"]),
    (Verb::Angefuegt, &["angefügt"]),
    (Verb::Vorangestellt, &["vorangestellt"]),
    (Verb::Gestrichen, &["gestrichen"]),
    (Verb::Aufgehoben, &["aufgehoben"]),
    // `v_gefasst` also takes „neu “ in front, see `Scanner::verb`.
    (Verb::Gefasst, &["gefasst", "gefaßt", "neu"]),
    (Verb::Geaendert, &["geändert", "ergänzt"]),
];
const GEFASST: &[&str] = &["gefasst", "gefaßt"];
const ERHAELT: &[&str] = &["erhält", "erhalten"];
const FASSUNG: &[&str] = &["Fassung"];
const UND: &[&str] = &["und"];
const ARTICLE: &[&str] = &[
    "Der", "Die", "Das", "Den", "Des", "der", "die", "das", "dem", "den", "des", "Ein", "Eine", "ein", "eine", "einem",
    "einen", "eines", "einer",
];
const REL_ARTICLE: &[&str] = &["das", "die", "der"];
const REL_AUX: &[&str] = &["ist", "sind"];
const REL_VERB: &[&str] = &["geändert", "ergänzt"];
const REL_END: &[&str] = &["wird", "werden", "wie"];
const BIS: &[&str] = &["bis"];
const LIST_UND: &[&str] = &["und", "sowie"];

/// The alternatives of `token`, in the grammar's order (`other`, the last, is not listed: it
/// matches wherever the others do not).
#[derive(Clone, Copy)]
enum Alt {
    Quote,
    RelClause,
    Paren,
    Bracket,
    ContentsEntry,
    SentencePart,
    Halfsatz,
    UnitRef,
    Special,
    BareUnit,
    WordsNoun,
    PunctName,
    AmEnde,
    AmAnfang,
    Jeweils,
    WieFolgt,
    Folgend,
    Bisherig,
    Neu,
    PIn,
    PNach,
    PVor,
    PBei,
    PDurch,
    PDem,
    Aux,
    Verb,
    Erhaelt,
    Fassung,
    Und,
    Article,
    Colon,
    Period,
    Comma,
}

const DIGITS: &[&str] = &["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

/// Each alternative with words whose first bytes are all the bytes it can start with.
const ALTS: [(Alt, &[&[&str]]); 34] = [
    (Alt::Quote, &[&["„", "\""]]),
    (Alt::RelClause, &[&[","]]),
    (Alt::Paren, &[&["("]]),
    (Alt::Bracket, &[&["["]]),
    (Alt::ContentsEntry, &[ANGABE]),
    (Alt::SentencePart, &[TEILSATZ]),
    (Alt::Halfsatz, &[ORDINALS]),
    (Alt::UnitRef, &[DIGITS, W_PARA, W_ART, W_DBU, W_TBU, W_ABS, W_SATZ, W_HALB, W_NR, W_BU, W_ANL, W_ZIFF, W_GL]),
    (
        Alt::Special,
        &[SPECIALS[0].1, SPECIALS[1].1, SPECIALS[2].1, SPECIALS[3].1, SPECIALS[4].1, SPECIALS[5].1, SPECIALS[6].1],
    ),
    (Alt::BareUnit, &[W_PARA, W_ART, W_DBU, W_TBU, W_ABS, W_SATZ, W_HALB, W_NR, W_BU, W_ANL, W_ZIFF, W_GL]),
    (Alt::WordsNoun, &[WORDS_NOUN]),
    (Alt::PunctName, &[PUNCT_NAMES[0].1, PUNCT_NAMES[1].1, PUNCT_NAMES[2].1, PUNCT_NAMES[3].1]),
    (Alt::AmEnde, &[AM]),
    (Alt::AmAnfang, &[AM]),
    (Alt::Jeweils, &[JEWEILS]),
    (Alt::WieFolgt, &[WIE]),
    // Case-insensitive.
    (Alt::Folgend, &[&["f", "F"]]),
    (Alt::Bisherig, &[&["b", "B"]]),
    (Alt::Neu, &[&["n", "N"]]),
    (Alt::PIn, &[P_IN]),
    (Alt::PNach, &[P_NACH]),
    (Alt::PVor, &[P_VOR]),
    (Alt::PBei, &[P_BEI]),
    (Alt::PDurch, &[P_DURCH]),
    (Alt::PDem, &[P_DEM]),
    (Alt::Aux, &[AUX]),
    (
        Alt::Verb,
        &[VERBS[0].1, VERBS[1].1, VERBS[2].1, VERBS[3].1, VERBS[4].1, VERBS[5].1, VERBS[6].1, VERBS[7].1],
    ),
    (Alt::Erhaelt, &[ERHAELT]),
    (Alt::Fassung, &[FASSUNG]),
    (Alt::Und, &[UND]),
    (Alt::Article, &[ARTICLE]),
    (Alt::Colon, &[&[":"]]),
    (Alt::Period, &[&["."]]),
    (Alt::Comma, &[&[","]]),
];

/// For every byte, the set of alternatives (bit i: `ALTS[i]`) that can start with it.
static FIRST: [u64; 256] = first_bytes();

const fn first_bytes() -> [u64; 256] {
    let mut table = [0u64; 256];
    let mut i = 0;
    while i < ALTS.len() {
        let groups = ALTS[i].1;
        let mut g = 0;
        while g < groups.len() {
            let words = groups[g];
            let mut w = 0;
            while w < words.len() {
                table[words[w].as_bytes()[0] as usize] |= 1 << i;
                w += 1;
            }
            g += 1;
        }
        i += 1;
    }
    table
}

/// For every byte, the unit words that can start with it: bit 0 `w_para`, bit i + 1 `UNIT_WORDS[i]`.
static UNIT_FIRST: [u16; 256] = {
    let mut table = [0u16; 256];
    let mut w = 0;
    while w < W_PARA.len() {
        table[W_PARA[w].as_bytes()[0] as usize] |= 1;
        w += 1;
    }
    let mut i = 0;
    while i < UNIT_WORDS.len() {
        let words = UNIT_WORDS[i].1;
        let mut w = 0;
        while w < words.len() {
            table[words[w].as_bytes()[0] as usize] |= 1 << (i + 1);
            w += 1;
        }
        i += 1;
    }
    table
};

/// Bytes that end a run of `other`: the whitespace, `"`, `:`, `,`, `(`, and the first byte of „ and “
/// (which the run checks further).
static STOPS_OTHER: [bool; 256] = {
    let mut t = [false; 256];
    let stops = [b' ', b'\t', b'\r', b'\n', b'"', b':', b',', b'(', 0xE2];
    let mut i = 0;
    while i < stops.len() {
        t[stops[i] as usize] = true;
        i += 1;
    }
    t
};

fn is_ws(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\r' | b'\n')
}

struct Scanner<'a> {
    text: &'a str,
    s: &'a [u8],
    offset: usize,
    /// The „ that have a matching “, with the position of that “; computed once the first „
    /// without one has been seen (before that, each quote is scanned directly).
    quotes: Option<Vec<(usize, usize)>>,
    /// The same for `paren`: ( with the end of its matching ).
    parens: Option<Vec<(usize, usize)>>,
    /// The last scan of a `rel_clause` body: from any start in `[.0, .1]` it stops at `.1`.
    rel_das: (usize, usize),
    rel_zuletzt: (usize, usize),
    /// The last failed scan of a `bracket`: from a [ at `.0` it reached `.1` without a ].
    bracket_fail: (usize, usize),
}

impl<'a> Scanner<'a> {
    fn new(text: &'a str, offset: usize) -> Scanner<'a> {
        Scanner {
            text,
            s: text.as_bytes(),
            offset,
            quotes: None,
            parens: None,
            rel_das: (usize::MAX, 0),
            rel_zuletzt: (usize::MAX, 0),
            bracket_fail: (usize::MAX, 0),
        }
    }

    // ---- primitives ----

    /// `WHITESPACE*`.
    fn skip(&self, mut p: usize) -> usize {
        while p < self.s.len() && is_ws(self.s[p]) {
            p += 1;
        }
        p
    }

    /// `ws`: one or more whitespace characters.
    fn ws(&self, p: usize) -> Option<usize> {
        let e = self.skip(p);
        (e > p).then_some(e)
    }

    fn at(&self, p: usize, lit: &[u8]) -> bool {
        self.s.get(p..).is_some_and(|rest| rest.starts_with(lit))
    }

    /// `("a" | "b" | …)`: the end of the first literal that matches. (The first byte is compared
    /// before the rest: most literals fail there, and a slice comparison is a call to `memcmp`.)
    #[inline]
    fn first(&self, p: usize, lits: &[&str]) -> Option<usize> {
        let rest = self.s.get(p..)?;
        let &c = rest.first()?;
        lits.iter().find(|l| l.as_bytes()[0] == c && rest.starts_with(l.as_bytes())).map(|l| p + l.len())
    }

    /// `("a" | "b" | …) ~ b`: commits to the first literal that matches, then needs the boundary.
    /// (Inlined, as `first` and `b`: a build that made it a call, for no change of its own, cost
    /// 65,000 calls and 12 M instructions more on every tenth federal law.)
    #[inline]
    fn word(&self, p: usize, lits: &[&str]) -> Option<usize> {
        self.first(p, lits).filter(|&e| self.b(e))
    }

    /// `b`: not followed by an ASCII letter or digit, ä ö ü Ä Ö Ü ß or a hyphen.
    #[inline]
    fn b(&self, p: usize) -> bool {
        match self.s.get(p) {
            None => true,
            Some(&c) if c.is_ascii_alphanumeric() || c == b'-' => false,
            // ä ö ü ß Ä Ö Ü are C3 A4, C3 B6, C3 BC, C3 9F, C3 84, C3 96, C3 9C.
            Some(0xC3) => !matches!(self.s.get(p + 1), Some(0xA4 | 0xB6 | 0xBC | 0x9F | 0x84 | 0x96 | 0x9C)),
            Some(_) => true,
        }
    }

    /// `^"lit" ~ ("n" | "r" | "s" | "m")? ~ b` (`folgend`, `bisherig`, `neu`; `lit` is ASCII).
    fn inflected_ci(&self, p: usize, lit: &str) -> Option<usize> {
        let e = p + lit.len();
        if !self.s.get(p..e).is_some_and(|x| x.eq_ignore_ascii_case(lit.as_bytes())) {
            return None;
        }
        self.inflection(e)
    }

    /// `("n" | "r" | "s" | "m")? ~ b`.
    fn inflection(&self, mut e: usize) -> Option<usize> {
        if matches!(self.s.get(e), Some(b'n' | b'r' | b's' | b'm')) {
            e += 1;
        }
        self.b(e).then_some(e)
    }

    fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.offset + start, self.offset + end)
    }

    // ---- token ----

    /// `token` at `p` (not whitespace, not the end): the first alternative that matches.
    fn token(&mut self, p: usize) -> (T, usize) {
        let mut alts = FIRST[self.s[p] as usize];
        while alts != 0 {
            let i = alts.trailing_zeros() as usize;
            alts &= alts - 1;
            if let Some(found) = self.alt(ALTS[i].0, p) {
                return found;
            }
        }
        self.other(p)
    }

    fn alt(&mut self, alt: Alt, p: usize) -> Option<(T, usize)> {
        let simple = |sc: &Self, t: T, lits: &[&str]| sc.word(p, lits).map(|e| (t, e));
        match alt {
            Alt::Quote => self.quote(p),
            Alt::RelClause => self.rel_clause(p).map(|e| (T::Aside, e)),
            Alt::Paren => self.paren_end(p).map(|e| (T::Aside, e)),
            Alt::Bracket => self.bracket_end(p).map(|e| (T::Aside, e)),
            Alt::ContentsEntry => self.contents_entry(p),
            Alt::SentencePart => self.sentence_part(p),
            Alt::Halfsatz => self.halfsatz(p).map(|(seg, e)| (T::Ref(vec![seg]), e)),
            Alt::UnitRef => self.unit_ref(p).map(|(segs, e)| (T::Ref(segs), e)),
            Alt::Special => SPECIALS
                .iter()
                .find_map(|&(kind, lits)| self.word(p, lits).map(|e| (T::Ref(vec![Segment::bare(kind)]), e))),
            Alt::BareUnit => self.unit_word(p).map(|(kind, e)| (T::BareUnit(kind), e)),
            Alt::WordsNoun => simple(self, T::WordsNoun, WORDS_NOUN),
            Alt::PunctName => PUNCT_NAMES.iter().find_map(|&(sign, lits)| self.word(p, lits).map(|e| (T::Punct(sign), e))),
            Alt::AmEnde => self.first(p, AM).and_then(|q| self.ws(q)).and_then(|q| self.word(q, ENDE)).map(|e| (T::AmEnde, e)),
            Alt::AmAnfang => {
                self.first(p, AM).and_then(|q| self.ws(q)).and_then(|q| self.word(q, ANFANG)).map(|e| (T::AmAnfang, e))
            }
            Alt::Jeweils => simple(self, T::Jeweils, JEWEILS),
            Alt::WieFolgt => {
                self.first(p, WIE).and_then(|q| self.ws(q)).and_then(|q| self.word(q, &["folgt"])).map(|e| (T::WieFolgt, e))
            }
            Alt::Folgend => self.inflected_ci(p, FOLGEND).map(|e| (T::Folgend, e)),
            Alt::Bisherig => self.inflected_ci(p, BISHERIG).map(|e| (T::Bisherig, e)),
            Alt::Neu => self.inflected_ci(p, NEU).map(|e| (T::Neu, e)),
            Alt::PIn => simple(self, T::In, P_IN),
            Alt::PNach => simple(self, T::Nach, P_NACH),
            Alt::PVor => simple(self, T::Vor, P_VOR),
            Alt::PBei => simple(self, T::Bei, P_BEI),
            Alt::PDurch => simple(self, T::Durch, P_DURCH),
            Alt::PDem => simple(self, T::Dem, P_DEM),
            Alt::Aux => simple(self, T::Aux, AUX),
            Alt::Verb => self.verb(p).map(|(v, e)| (T::Verb(v), e)),
            Alt::Erhaelt => simple(self, T::Erhaelt, ERHAELT),
            Alt::Fassung => simple(self, T::Fassung, FASSUNG),
            Alt::Und => simple(self, T::Und, UND),
            Alt::Article => simple(self, T::Article, ARTICLE),
            Alt::Colon => (self.s[p] == b':').then_some((T::Colon, p + 1)),
            Alt::Period => (self.s[p] == b'.').then_some((T::Period, p + 1)),
            Alt::Comma => (self.s[p] == b',').then_some((T::Comma, p + 1)),
        }
    }

    /// `other`: a run of characters other than whitespace, „ “ " : , ( — or one of „ “ " (.
    fn other(&self, p: usize) -> (T, usize) {
        let s = self.s;
        let mut e = p;
        while e < s.len() {
            let c = s[e];
            if STOPS_OTHER[c as usize] && (c != 0xE2 || self.at(e, OPEN) || self.at(e, CLOSE)) {
                break;
            }
            e += 1;
        }
        if e == p {
            // „ and “ are three bytes, " and ( one; whitespace, : and , never get here (`token` is
            // called on non-whitespace, and `colon` / `comma` come first).
            e = p + if s[p] == 0xE2 { 3 } else { 1 };
        }
        (T::Other, e)
    }

    // ---- quote ----

    /// `quote`: „…“ with nested pairs, or "…".
    fn quote(&mut self, p: usize) -> Option<(T, usize)> {
        if self.s[p] == b'"' {
            let len = self.s[p + 1..].iter().position(|&c| c == b'"')?;
            let close = p + 1 + len;
            return Some((T::Quote(self.span(p + 1, close)), close + 1));
        }
        if !self.at(p, OPEN) {
            return None;
        }
        let close = self.quote_close(p)?;
        Some((T::Quote(self.span(p + OPEN.len(), close)), close + CLOSE.len()))
    }

    /// The position of the “ that closes the „ at `p`. `quoted` takes every character but „ and “
    /// and every balanced `nested` pair; an inner „ without a partner stops it before a “ and the
    /// quote fails. So the quote closes where the count of „ minus “ first returns to zero.
    fn quote_close(&mut self, p: usize) -> Option<usize> {
        if let Some(table) = &self.quotes {
            return lookup(table, p);
        }
        let s = self.s;
        let mut depth = 1usize;
        let mut i = p + OPEN.len();
        while i < s.len() {
            if s[i] == 0xE2 {
                if self.at(i, OPEN) {
                    depth += 1;
                    i += OPEN.len();
                    continue;
                }
                if self.at(i, CLOSE) {
                    depth -= 1;
                    if depth == 0 {
                        return Some(i);
                    }
                    i += CLOSE.len();
                    continue;
                }
            }
            i += 1;
        }
        // Unbalanced: match the pairs of the rest of the text once, so that the next „ is not
        // scanned to the end again.
        let mut table = Vec::new();
        let mut open = Vec::new();
        let mut i = p + OPEN.len();
        while i < s.len() {
            if self.at(i, OPEN) {
                open.push(i);
                i += OPEN.len();
            } else if self.at(i, CLOSE) {
                if let Some(o) = open.pop() {
                    table.push((o, i));
                }
                i += CLOSE.len();
            } else {
                i += 1;
            }
        }
        table.sort_unstable();
        self.quotes = Some(table);
        None
    }

    // ---- paren ----

    /// `paren = @{ "(" ~ (paren | !")" ~ !"„" ~ ANY)* ~ ")" }`: the end of the bracket at `p`.
    ///
    /// An inner ( whose `paren` fails is taken as a plain character, but the outer loop then reads
    /// the same characters as the failed inner one did and fails too (at the same „ or the end).
    /// So the bracket closes where the count of ( minus ) first returns to zero, and fails if a „
    /// or the end comes first. (pest retries the inner brackets and takes exponential time on a
    /// text with many unclosed ones.)
    fn paren_end(&mut self, p: usize) -> Option<usize> {
        if self.s[p] != b'(' {
            return None;
        }
        if let Some(table) = &self.parens {
            return lookup(table, p);
        }
        let s = self.s;
        let mut depth = 1usize;
        let mut i = p + 1;
        while i < s.len() {
            match s[i] {
                b'(' => depth += 1,
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        return Some(i + 1);
                    }
                }
                0xE2 if self.at(i, OPEN) => break,
                _ => {}
            }
            i += 1;
        }
        // Unclosed: match the brackets of the rest of the text once; a „ ends every open one.
        let mut table = Vec::new();
        let mut open = Vec::new();
        for (i, &c) in s.iter().enumerate().skip(p + 1) {
            match c {
                b'(' => open.push(i),
                b')' => {
                    if let Some(o) = open.pop() {
                        table.push((o, i + 1));
                    }
                }
                0xE2 if self.at(i, OPEN) => open.clear(),
                _ => {}
            }
        }
        table.sort_unstable();
        self.parens = Some(table);
        None
    }

    // ---- bracket ----

    /// `bracket = @{ "[" ~ (!"]" ~ !"„" ~ ANY)* ~ "]" }`: the end of the bracket at `p`; it fails at
    /// a „ or the end of the text.
    ///
    /// A scan that fails from `p` fails from every later [ before the place it stopped (no ] lies
    /// between), so that place is remembered: text with many unclosed [ is read in linear time.
    fn bracket_end(&mut self, p: usize) -> Option<usize> {
        if self.s[p] != b'[' {
            return None;
        }
        let (a, b) = self.bracket_fail;
        if a < p && p < b {
            return None;
        }
        let mut i = p + 1;
        while i < self.s.len() {
            match self.s[i] {
                b']' => return Some(i + 1),
                0xE2 if self.at(i, OPEN) => break,
                _ => i += 1,
            }
        }
        self.bracket_fail = (p, i);
        None
    }

    // ---- rel_clause ----

    /// `rel_clause`: „, das zuletzt durch … geändert worden ist,“ or „, zuletzt geändert durch …,“.
    fn rel_clause(&mut self, p: usize) -> Option<usize> {
        if self.s[p] != b',' {
            return None;
        }
        let q = self.skip(p + 1);
        // "," ~ ws? ~ ("das" | "die" | "der") ~ ws ~ (!("worden" ~ ws ~ ("ist" | "sind")) ~ !"„"
        //   ~ !":" ~ ANY)* ~ "worden" ~ ws ~ ("ist" | "sind") ~ b ~ (ws? ~ ",")?
        if let Some(body) = self.first(q, REL_ARTICLE).and_then(|e| self.ws(e)) {
            let stop = self.rel_das_stop(body);
            if let Some(e) = self.worden_ist(stop).filter(|&e| self.b(e)) {
                let after = self.skip(e);
                return Some(if self.s.get(after) == Some(&b',') { after + 1 } else { e });
            }
        }
        // "," ~ ws? ~ "zuletzt" ~ ws ~ ("geändert" | "ergänzt") ~ ws ~ "durch" ~ b
        //   ~ (!("," ~ ws? ~ ("wird" | "werden" | "wie") ~ b) ~ !("," ~ ws? ~ EOI) ~ !"„" ~ !":" ~ ANY)* ~ ","?
        let body = self
            .first(q, &["zuletzt"])
            .and_then(|e| self.ws(e))
            .and_then(|e| self.first(e, REL_VERB))
            .and_then(|e| self.ws(e))
            .and_then(|e| self.word(e, &["durch"]))?;
        let stop = self.rel_zuletzt_stop(body);
        Some(if self.s.get(stop) == Some(&b',') { stop + 1 } else { stop })
    }

    /// `"worden" ~ ws ~ ("ist" | "sind")`.
    fn worden_ist(&self, p: usize) -> Option<usize> {
        self.first(p, &["worden"]).and_then(|e| self.ws(e)).and_then(|e| self.first(e, REL_AUX))
    }

    /// Where the body of the first `rel_clause` alternative stops: at „worden ist“, „ , : or the end.
    fn rel_das_stop(&mut self, from: usize) -> usize {
        let (a, b) = self.rel_das;
        if a <= from && from <= b {
            return b;
        }
        let s = self.s;
        let mut i = from;
        while i < s.len() {
            match s[i] {
                b':' => break,
                b'w' if self.worden_ist(i).is_some() => break,
                0xE2 if self.at(i, OPEN) => break,
                _ => i += 1,
            }
        }
        self.rel_das = (from, i);
        i
    }

    /// Where the body of the second `rel_clause` alternative stops: at „, wird“ / „, werden“ /
    /// „, wie“, a comma at the end, „ , : or the end.
    fn rel_zuletzt_stop(&mut self, from: usize) -> usize {
        let (a, b) = self.rel_zuletzt;
        if a <= from && from <= b {
            return b;
        }
        let s = self.s;
        let mut i = from;
        while i < s.len() {
            match s[i] {
                b':' => break,
                b',' => {
                    let after = self.skip(i + 1);
                    if after == s.len() || self.word(after, REL_END).is_some() {
                        break;
                    }
                    i += 1;
                }
                0xE2 if self.at(i, OPEN) => break,
                _ => i += 1,
            }
        }
        self.rel_zuletzt = (from, i);
        i
    }

    // ---- references ----

    /// `unit_word`: the kind and the end of the unit word at `p`.
    fn unit_word(&self, p: usize) -> Option<(UnitKind, usize)> {
        let &c = self.s.get(p)?;
        let mut groups = UNIT_FIRST[c as usize];
        if groups & 1 != 0 {
            if let Some(e) = self.first(p, W_PARA) {
                return Some((UnitKind::Paragraph, e));
            }
        }
        groups >>= 1;
        while groups != 0 {
            let (kind, lits) = UNIT_WORDS[groups.trailing_zeros() as usize];
            groups &= groups - 1;
            if let Some(e) = self.word(p, lits) {
                return Some((kind, e));
            }
        }
        None
    }

    /// `label = @{ (ASCII_DIGIT+ ~ ("." ~ ASCII_DIGIT+)* ~ ASCII_ALPHA_LOWER{0,2} | roman | letters) ~ b }`.
    fn label(&self, p: usize) -> Option<usize> {
        let s = self.s;
        let at = |i: usize| s.get(i).copied().unwrap_or(0);
        let c = at(p);
        let mut e = p;
        if c.is_ascii_digit() {
            while at(e).is_ascii_digit() {
                e += 1;
            }
            while at(e) == b'.' && at(e + 1).is_ascii_digit() {
                e += 1;
                while at(e).is_ascii_digit() {
                    e += 1;
                }
            }
            for _ in 0..2 {
                if at(e).is_ascii_lowercase() {
                    e += 1;
                }
            }
        } else if matches!(c, b'I' | b'V' | b'X' | b'L' | b'C') {
            while matches!(at(e), b'I' | b'V' | b'X' | b'L' | b'C') {
                e += 1;
            }
        } else if c.is_ascii_lowercase() {
            // PUSH(ASCII_ALPHA_LOWER) ~ (PEEK ~ PEEK?)? ~ DROP: „a“, „aa“, „aaa“.
            e += 1;
            if at(e) == c {
                e += 1;
                if at(e) == c {
                    e += 1;
                }
            }
        } else {
            return None;
        }
        self.b(e).then_some(e)
    }

    /// `ordinal_gl = ${ ordnum ~ ws ~ w_gl }` („3. Buch“), as `tokens.rs` labelled it.
    fn ordinal_gl(&self, p: usize) -> Option<(Segment, usize)> {
        let digits = self.s[p..].iter().take_while(|c| c.is_ascii_digit()).count();
        if digits == 0 || self.s.get(p + digits) != Some(&b'.') {
            return None;
        }
        let num_end = p + digits + 1;
        let w = self.ws(num_end)?;
        let e = self.word(w, W_GL)?;
        let label = format!("{} {}", &self.text[p..num_end], &self.text[w..e]);
        Some((Segment::new(UnitKind::Gliederung, label), e))
    }

    /// `unit_ref = { ordinal_gl | unit_word ~ labels }` with `labels = { label ~ (lsep ~ unit_word? ~ label)* }`,
    /// as segments: „Absatz 2 bis Absatz 3“ → one segment; „Satz 1, Absatz 2“ → two.
    fn unit_ref(&self, p: usize) -> Option<(Vec<Segment>, usize)> {
        if let Some((seg, e)) = self.ordinal_gl(p) {
            return Some((vec![seg], e));
        }
        let (kind, word_end) = self.unit_word(p)?;
        let first = self.skip(word_end);
        let first_end = self.label(first)?;
        let mut out = Vec::new();
        let mut seg = Segment::bare(kind);
        seg.labels.push(self.text[first..first_end].to_string());
        // `label ~ (…)*` in a non-atomic rule: the whitespace after the first label belongs to
        // `labels` even when no separator follows.
        let mut end = self.skip(first_end);
        let mut at = end;
        while let Some((range, word, label_start, label_end)) = self.next_label(at) {
            if range {
                seg.range = true;
            }
            if let Some(k) = word {
                if k != seg.kind {
                    out.push(std::mem::replace(&mut seg, Segment::bare(k)));
                }
            }
            seg.labels.push(self.text[label_start..label_end].to_string());
            end = label_end;
            at = self.skip(label_end);
        }
        if kind == UnitKind::Gliederung {
            // Keep the word: „Abschnitt 2“.
            let word = &self.text[p..word_end];
            seg.labels = seg.labels.iter().map(|l| format!("{word} {l}")).collect();
        }
        out.push(seg);
        Some((out, end))
    }

    /// `lsep ~ unit_word? ~ label` at `p`: whether the separator is „bis“, the unit word's kind, and
    /// the label's span.
    fn next_label(&self, p: usize) -> Option<(bool, Option<UnitKind>, usize, usize)> {
        let (range, e) = if self.s.get(p) == Some(&b',') {
            (false, p + 1)
        } else if let Some(e) = self.word(p, BIS) {
            (true, e)
        } else {
            (false, self.word(p, LIST_UND)?)
        };
        let mut q = self.skip(e);
        let mut word = None;
        if let Some((k, e)) = self.unit_word(q) {
            word = Some(k);
            q = self.skip(e);
        }
        let end = self.label(q)?;
        Some((range, word, q, end))
    }

    /// `halfsatz = ${ ordinal ~ ws ~ w_halb }` („erster Halbsatz“).
    fn halfsatz(&self, p: usize) -> Option<(Segment, usize)> {
        let n = ORDINALS.iter().position(|o| self.at(p, o.as_bytes()))?;
        let e = self.inflection(p + ORDINALS[n].len())?;
        let e = self.ws(e)?;
        let e = self.word(e, W_HALB)?;
        Some((Segment::new(UnitKind::Halbsatz, ORDINAL_LABELS[n]), e))
    }

    /// `contents_entry = { angabe_zu ~ article? ~ unit_ref+ }` („die Angabe zu § 34“).
    fn contents_entry(&self, p: usize) -> Option<(T, usize)> {
        let e = self.first(p, ANGABE)?;
        let e = self.ws(e)?;
        let e = self.word(e, &["zu"])?;
        let mut q = self.skip(e);
        if let Some(e) = self.word(q, ARTICLE) {
            q = self.skip(e);
        }
        // pest reads `unit_ref+` as `unit_ref ~ unit_ref*`: the whitespace after a single
        // reference belongs to the entry, as in `labels`.
        let (mut segs, first_end) = self.unit_ref(q)?;
        let mut end = self.skip(first_end);
        let mut at = end;
        while let Some((more, e)) = self.unit_ref(at) {
            segs.extend(more);
            end = e;
            at = self.skip(e);
        }
        let label = segs.iter().map(|s| s.to_string()).collect::<Vec<_>>().join(" ");
        Some((T::Ref(vec![Segment::new(UnitKind::ContentsEntry, label)]), end))
    }

    /// `sentence_part = { w_teilsatz ~ (p_vor | p_nach) ~ unit_ref }` („dem Teilsatz vor Nummer 1“).
    fn sentence_part(&self, p: usize) -> Option<(T, usize)> {
        let q = self.skip(self.word(p, TEILSATZ)?);
        let (side, e) = match self.word(q, P_VOR) {
            Some(e) => ("vor", e),
            None => ("nach", self.word(q, P_NACH)?),
        };
        let (segs, end) = self.unit_ref(self.skip(e))?;
        let label = segs.iter().map(|s| s.to_string()).collect::<Vec<_>>().join(" ");
        Some((T::Ref(vec![Segment::new(UnitKind::SentencePart, format!("{side} {label}"))]), end))
    }

    // ---- verbs ----

    /// `verb`; `v_gefasst = @{ ("neu" ~ ws)? ~ ("gefasst" | "gefaßt") ~ b }`.
    fn verb(&self, p: usize) -> Option<(Verb, usize)> {
        VERBS.iter().find_map(|&(verb, lits)| {
            if verb == Verb::Gefasst {
                let q = self.first(p, &["neu"]).and_then(|e| self.ws(e)).unwrap_or(p);
                self.word(q, GEFASST).map(|e| (verb, e))
            } else {
                self.word(p, lits).map(|e| (verb, e))
            }
        })
    }
}

/// The end recorded for `open` in a table of matched pairs.
fn lookup(table: &[(usize, usize)], open: usize) -> Option<usize> {
    table.binary_search_by_key(&open, |&(o, _)| o).ok().map(|i| table[i].1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::time::Instant;

    /// The tokens cover the text in order: between them there is only whitespace, and every span
    /// lies on character boundaries.
    fn covers(text: &str, offset: usize) {
        let toks = scan(text, offset);
        let mut at = 0;
        for t in &toks {
            let (start, end) = (t.span.start - offset, t.span.end - offset);
            assert!(at <= start && start < end && end <= text.len(), "{text:?}: {t:?}");
            assert!(text.is_char_boundary(start) && text.is_char_boundary(end), "{text:?}: {t:?}");
            assert!(text[at..start].bytes().all(is_ws), "{text:?}: gap before {t:?}");
            if let T::Quote(inner) = t.t {
                assert!(t.span.start < inner.start && inner.end < t.span.end, "{text:?}: {t:?}");
                assert!(text.is_char_boundary(inner.start - offset) && text.is_char_boundary(inner.end - offset));
            }
            at = end;
        }
        assert!(text[at..].bytes().all(is_ws), "{text:?}: rest after the last token");
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 5_000, ..ProptestConfig::default() })]

        #[test]
        fn any_text_is_covered(text in any::<String>(), offset in 0usize..100) {
            covers(&text, offset);
        }

        #[test]
        fn signs_are_covered(text in "[ „“\"(),:.a§5\n-]{0,60}") {
            covers(&text, 0);
        }
    }

    /// Unclosed brackets and quotes and long relative clauses without an end are read in linear
    /// time (pest needed exponential time for the brackets, quadratic for the others).
    #[test]
    fn pathological_text_is_linear() {
        for unit in ["(", "„", "\"", ", die x", ", zuletzt geändert durch x", "( „", "(x „y", ", der (a „b", "[ ", "[x „y "] {
            let text = unit.repeat(20_000);
            let t = Instant::now();
            covers(&text, 0);
            assert!(t.elapsed().as_secs_f64() < 5.0, "{unit:?}: {:?}", t.elapsed());
        }
        // Deep nesting needs no stack (pest gives up at a depth that depends on the thread's stack,
        // some thousands of levels, and returned an error for such text).
        let deep = format!("{}x{}", "(".repeat(100_000), ")".repeat(100_000));
        assert_eq!(scan(&deep, 0).len(), 1);
        let deep = format!("{}x{}", "„".repeat(100_000), "“".repeat(100_000));
        assert_eq!(scan(&deep, 0).len(), 1);
    }

    #[test]
    fn spans_and_segments() {
        let toks = scan("In § 5 wird", 10);
        assert_eq!(toks[1].span, Span::new(13, 18), "the whitespace after a single label belongs to the reference");
        assert_eq!(toks[1].t, T::Ref(vec![Segment::new(UnitKind::Paragraph, "5")]));
        let toks = scan("Eine Angabe „a „b“ c“ (x (y) z)", 0);
        assert_eq!((&toks[0].t, toks[0].span), (&T::Other, Span::new(0, "Eine".len())), "`article` commits to „Ein“ and then fails");
        assert_eq!(toks[1].t, T::WordsNoun);
        assert_eq!(toks[2].t, T::Quote(Span::new("Eine Angabe „".len(), "Eine Angabe „a „b“ c".len())));
        assert_eq!(toks[3].t, T::Aside);
        assert_eq!(toks.len(), 4);
    }
}
