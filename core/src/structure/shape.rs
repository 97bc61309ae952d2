//! The shape of one line: a hand-written implementation of the `line` rule of `structure.pest`.
//!
//! `structure.pest` stays the specification and, in the tests, the oracle (`oracle.rs` compares the
//! two on the corpora, on generated lines and on random text). This recogniser is what runs: the
//! pest parser tried the nineteen alternatives of `line` one after the other and cost a quarter of
//! all instructions of checking federal law (877 M of 3,363 M), although most lines that reach it
//! are plain Absätze and list items. Here the first byte of the line picks the few alternatives
//! that can start with it, and they are tried in the grammar's order.
//!
//! Each function names the rule it implements and follows its PEG semantics exactly: an ordered
//! choice commits to the first alternative that matches (`("Artikel" | "Art") ~ " "+` does not
//! match „Artikelx 1“ through „Art“), a repetition is greedy and is never given back (`number`
//! takes up to five digits and two lower-case letters and then fails if a letter follows, also on
//! „5abc“), and an optional part that matched is kept even when what follows it fails. Whether a
//! shape really is a heading is decided by the caller (`lines.rs`), as it was with the grammar.
//!
//! Positions are byte offsets into the line. They always fall on character boundaries: the
//! recogniser steps over ASCII bytes and whole literals only, and a title runs to a line break or
//! the end.

use super::lines::{ItemKind, ZuTarget};
use std::ops::Range;

/// What follows the label of a heading (`tail` in the grammar).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Tail {
    /// The `title`: everything after the separator up to the end of the line.
    pub(super) title: Option<Range<usize>>,
    /// The title is set off by a dash or a tab (`dash_sep` or `tab` matched).
    pub(super) marked: bool,
}

/// The alternative of `line` that matched, with the positions the caller needs. Labels start at 0.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Shape {
    /// `label_end`: end of the last `number`.
    Paragraph { label_end: usize, tail: Tail },
    Artikel { label_end: usize, tail: Tail },
    /// `rank` as in [`super::lines::LineKind::Gliederung`].
    Gliederung { rank: u8, tail: Tail },
    /// `label_end`: end of the number, roman numeral or letter, or of the word „Anlage“/„Anhang“.
    Anlage { label_end: usize, tail: Tail },
    Absatz { label_end: usize },
    Weggefallen,
    Item { kind: ItemKind, label_end: usize },
    /// `label_start..label_end`: the `section_label` („2.3.1.“, „2“), after „Nr. “ in a
    /// `nr_section`.
    Section { label_start: usize, label_end: usize },
    /// `end`: end of what `zu_heading` matched (the target word).
    Zu { target: ZuTarget, end: usize },
    /// `label_end`: after the letter, its sub-number and dot („A.“, „A“, „E.1“).
    SectionLetter { label_end: usize, title: Range<usize> },
    /// `label_end`: just after the dot.
    RomanSection { label_end: usize, title: Option<Range<usize>> },
    /// `title`: what follows „Begründung zum/zur/zu/des/der“.
    Begruendung { title: Option<Range<usize>> },
    Vorblatt,
    Contents,
    /// `counter`: a Gegenäußerung (else a Stellungnahme).
    Statement { counter: bool, title: Option<Range<usize>> },
    /// `title`: what follows the word („Synopse“, „Gegenüberstellung“, …).
    Synopse { title: Option<Range<usize>> },
    Preamble,
    Formula,
    Editorial,
    DraftTitle,
    /// `number`: the „Drucksache 8/1234“ in the line.
    Masthead { number: Range<usize> },
}

/// `line`: the first alternative that matches at the start of `line`, or `None` (prose).
pub(super) fn recognise(line: &str) -> Option<Shape> {
    let s = line.as_bytes();
    match *s.first()? {
        // The only alternative starting with a non-ASCII byte: „§“ is C2 A7.
        0xC2 => paragraph(s),
        b'(' => absatz(s).or_else(|| weggefallen(s)).or_else(|| preamble(s)).or_else(|| editorial(s)),
        b'<' => editorial(s),
        b'0'..=b'9' => gliederung(s).or_else(|| number_item(s)).or_else(|| section_item(s)),
        b'a'..=b'z' => triple_item(s).or_else(|| double_item(s)).or_else(|| letter_item(s)).or_else(|| zu_heading(s)),
        b'A'..=b'Z' => nr_section(s)
            .or_else(|| artikel(s))
            .or_else(|| gliederung(s))
            .or_else(|| anlage(s))
            .or_else(|| section_item(s))
            .or_else(|| zu_heading(s))
            .or_else(|| section_letter(s))
            .or_else(|| roman_section(s))
            .or_else(|| begruendung(s))
            .or_else(|| vorblatt(s))
            .or_else(|| contents(s))
            .or_else(|| statement(s))
            .or_else(|| synopse(s))
            .or_else(|| preamble(s))
            .or_else(|| formula(s))
            .or_else(|| editorial(s))
            .or_else(|| draft_title(s))
            .or_else(|| masthead(s)),
        _ => None,
    }
}

// ---- terminals ----

/// The end of `word` if it stands at `p`.
fn lit(s: &[u8], p: usize, word: &str) -> Option<usize> {
    s[p..].starts_with(word.as_bytes()).then(|| p + word.len())
}

/// The end of the first of `words` that stands at `p` (an ordered choice of literals), with its
/// value.
/// Words whose first byte is not the byte at `p` are passed by without a comparison call: the
/// classifier tries the Gliederung words on every line, and most lines start otherwise.
fn choice<T: Copy>(s: &[u8], p: usize, words: &[(&str, T)]) -> Option<(usize, T)> {
    let first = s.get(p);
    words.iter().filter(|(w, _)| w.as_bytes().first().is_none_or(|b| Some(b) == first)).find_map(|&(w, v)| lit(s, p, w).map(|e| (e, v)))
}

/// `" "*`
fn spaces(s: &[u8], p: usize) -> usize {
    p + s[p..].iter().take_while(|&&b| b == b' ').count()
}

/// `" "+`
fn spaces1(s: &[u8], p: usize) -> Option<usize> {
    let e = spaces(s, p);
    (e > p).then_some(e)
}

/// The end of up to `max` bytes from `p` that satisfy `f` (a greedy `{0,max}`).
fn run(s: &[u8], p: usize, max: usize, f: impl Fn(u8) -> bool) -> usize {
    p + s[p..].iter().take(max).take_while(|&&b| f(b)).count()
}

fn is_eoi(s: &[u8], p: usize) -> bool {
    p == s.len()
}

/// `!ASCII_ALPHA` at `p`.
fn no_alpha(s: &[u8], p: usize) -> bool {
    !s.get(p).is_some_and(u8::is_ascii_alphabetic)
}

/// `number = @{ ASCII_DIGIT{1,5} ~ ASCII_ALPHA_LOWER{0,2} ~ !(ASCII_ALPHA | "ä" | "ö" | "ü" | "ß") }`
fn number(s: &[u8], p: usize) -> Option<usize> {
    let digits = run(s, p, 5, |b| b.is_ascii_digit());
    if digits == p {
        return None;
    }
    let e = run(s, digits, 2, |b| b.is_ascii_lowercase());
    let umlaut = s[e..].starts_with("ä".as_bytes())
        || s[e..].starts_with("ö".as_bytes())
        || s[e..].starts_with("ü".as_bytes())
        || s[e..].starts_with("ß".as_bytes());
    (no_alpha(s, e) && !umlaut).then_some(e)
}

/// `roman = @{ ("M" | "D" | "C" | "L" | "X" | "V" | "I")+ ~ !ASCII_ALPHA }`
fn roman(s: &[u8], p: usize) -> Option<usize> {
    let e = run(s, p, usize::MAX, |b| matches!(b, b'M' | b'D' | b'C' | b'L' | b'X' | b'V' | b'I'));
    (e > p && no_alpha(s, e)).then_some(e)
}

/// `upper_letter = @{ ASCII_ALPHA_UPPER ~ !ASCII_ALPHA }`
fn upper_letter(s: &[u8], p: usize) -> Option<usize> {
    (s.get(p).is_some_and(u8::is_ascii_uppercase) && no_alpha(s, p + 1)).then_some(p + 1)
}

/// `(number | roman | upper_letter)`
fn unit_label(s: &[u8], p: usize) -> Option<usize> {
    number(s, p).or_else(|| roman(s, p)).or_else(|| upper_letter(s, p))
}

/// `dash = _{ "–" | "—" | "-" }`
fn dash(s: &[u8], p: usize) -> Option<usize> {
    lit(s, p, "–").or_else(|| lit(s, p, "—")).or_else(|| lit(s, p, "-"))
}

/// `title = { (!NEWLINE ~ ANY)+ }`: up to the first "\n" or "\r" (NEWLINE is "\n" | "\r\n" | "\r").
fn title(s: &[u8], p: usize) -> Option<usize> {
    let e = memchr::memchr2(b'\n', b'\r', &s[p..]).map_or(s.len(), |i| p + i);
    (e > p).then_some(e)
}

/// `tail ~ EOI`, where `tail = _{ (" "* ~ dash_sep ~ title | tab ~ " "* ~ title | sp ~ title)? ~ " "* }`.
fn tail_eoi(s: &[u8], p: usize) -> Option<Tail> {
    let (end, tail) = tail_option(s, p);
    is_eoi(s, spaces(s, end)).then_some(tail)
}

/// The optional part of `tail`: where it ends and what it found.
fn tail_option(s: &[u8], p: usize) -> (usize, Tail) {
    // " "* ~ dash_sep ~ title, with dash_sep = { dash ~ " "* }
    if let Some(d) = dash(s, spaces(s, p)) {
        let t = spaces(s, d);
        if let Some(e) = title(s, t) {
            return (e, Tail { title: Some(t..e), marked: true });
        }
    }
    // tab ~ " "* ~ title
    if s.get(p) == Some(&b'\t') {
        let t = spaces(s, p + 1);
        if let Some(e) = title(s, t) {
            return (e, Tail { title: Some(t..e), marked: true });
        }
    }
    // sp ~ title, with sp = _{ (" " | "\t")+ }
    let t = run(s, p, usize::MAX, |b| b == b' ' || b == b'\t');
    if t > p {
        if let Some(e) = title(s, t) {
            return (e, Tail { title: Some(t..e), marked: false });
        }
    }
    (p, Tail { title: None, marked: false })
}

/// `label_end = _{ &(" " | "\t" | EOI) }`
fn label_end(s: &[u8], p: usize) -> bool {
    matches!(s.get(p), None | Some(b' ' | b'\t'))
}

/// `" "* ~ EOI`
fn blank_to_end(s: &[u8], p: usize) -> bool {
    is_eoi(s, spaces(s, p))
}

/// `(" "* ~ ":")? ~ " "* ~ EOI`
fn colon_to_end(s: &[u8], p: usize) -> bool {
    let q = spaces(s, p);
    let q = if s.get(q) == Some(&b':') { q + 1 } else { p };
    blank_to_end(s, q)
}

// ---- the alternatives of `line`, in the grammar's order ----

/// `para_number = @{ ASCII_DIGIT{1,5} ~ ("." ~ ASCII_DIGIT{1,3})?
///   ~ (ASCII_ALPHA_LOWER{1,2} | " " ~ ASCII_ALPHA_LOWER ~ &(" " | "\t" | EOI))? ~ !(ASCII_ALPHA | "ä" | "ö" | "ü" | "ß") }`
fn para_number(s: &[u8], p: usize) -> Option<usize> {
    let digits = run(s, p, 5, |b| b.is_ascii_digit());
    if digits == p {
        return None;
    }
    let mut e = digits;
    if s.get(e) == Some(&b'.') {
        let d = run(s, e + 1, 3, |b| b.is_ascii_digit());
        if d > e + 1 {
            e = d;
        }
    }
    let letters = run(s, e, 2, |b| b.is_ascii_lowercase());
    let e = if letters > e {
        letters
    } else if s.get(e) == Some(&b' ')
        && s.get(e + 1).is_some_and(u8::is_ascii_lowercase)
        && matches!(s.get(e + 2), None | Some(b' ' | b'\t'))
    {
        e + 2
    } else {
        e
    };
    (no_alpha(s, e) && !umlaut_at(s, e)).then_some(e)
}

/// `"ä" | "ö" | "ü" | "ß"` at `p`.
fn umlaut_at(s: &[u8], p: usize) -> bool {
    ["ä", "ö", "ü", "ß"].iter().any(|u| s[p..].starts_with(u.as_bytes()))
}

/// `paragraph = { para_sign ~ " "* ~ para_number ~ (range_sep ~ para_number)* ~ tail ~ EOI }`,
/// `para_sign = { "§§" | "§" }`, `range_sep = _{ (" "* ~ ("," | "bis" | "und") ~ " "*) }`
fn paragraph(s: &[u8]) -> Option<Shape> {
    let p = lit(s, 0, "§§").or_else(|| lit(s, 0, "§"))?;
    let mut end = para_number(s, spaces(s, p))?;
    loop {
        let q = spaces(s, end);
        let Some(q) = lit(s, q, ",").or_else(|| lit(s, q, "bis")).or_else(|| lit(s, q, "und")) else { break };
        let Some(e) = para_number(s, spaces(s, q)) else { break };
        end = e;
    }
    Some(Shape::Paragraph { label_end: end, tail: tail_eoi(s, end)? })
}

/// `artikel = { ("Artikel" | "Art." | "Art") ~ " "+ ~ number ~ tail ~ EOI }`
fn artikel(s: &[u8]) -> Option<Shape> {
    let p = lit(s, 0, "Artikel").or_else(|| lit(s, 0, "Art.")).or_else(|| lit(s, 0, "Art"))?;
    let end = number(s, spaces1(s, p)?)?;
    Some(Shape::Artikel { label_end: end, tail: tail_eoi(s, end)? })
}

/// `gl_word`, with the rank of each word.
const GL_WORDS: &[(&str, u8)] = &[
    ("Unterabschnitt", 4),
    ("Untertitel", 6),
    ("Abschnitt", 3),
    ("Kapitel", 2),
    ("Buch", 0),
    ("Teil", 1),
    ("Titel", 5),
    ("UNTERABSCHNITT", 4),
    ("ABSCHNITT", 3),
    ("KAPITEL", 2),
    ("BUCH", 0),
    ("TEIL", 1),
    ("TITEL", 5),
];

/// The stems of `ordinal`, in the grammar's order.
const ORDINALS: &[(&str, ())] = &[
    ("Dreizehnt", ()),
    ("Vierzehnt", ()),
    ("Fünfzehnt", ()),
    ("Sechzehnt", ()),
    ("Siebzehnt", ()),
    ("Achtzehnt", ()),
    ("Neunzehnt", ()),
    ("Zwanzigst", ()),
    ("Erst", ()),
    ("Zweit", ()),
    ("Dritt", ()),
    ("Viert", ()),
    ("Fünft", ()),
    ("Sechst", ()),
    ("Siebent", ()),
    ("Siebt", ()),
    ("Acht", ()),
    ("Neunt", ()),
    ("Zehnt", ()),
    ("Elft", ()),
    ("Zwölft", ()),
];

/// `ordinal = @{ (stems) ~ ("er" | "es" | "e") ~ !ASCII_ALPHA }`
fn ordinal(s: &[u8], p: usize) -> Option<usize> {
    let (stem, ()) = choice(s, p, ORDINALS)?;
    let (e, ()) = choice(s, stem, &[("er", ()), ("es", ()), ("e", ())])?;
    no_alpha(s, e).then_some(e)
}

/// `gliederung = { gl_word ~ " "+ ~ (number | roman | upper_letter) ~ tail ~ EOI
///               | ordinal ~ " "+ ~ gl_word ~ tail ~ EOI
///               | ASCII_DIGIT{1,3} ~ "." ~ " "+ ~ gl_word ~ tail ~ EOI }`
fn gliederung(s: &[u8]) -> Option<Shape> {
    let numbered = || {
        let (p, rank) = choice(s, 0, GL_WORDS)?;
        let end = unit_label(s, spaces1(s, p)?)?;
        Some(Shape::Gliederung { rank, tail: tail_eoi(s, end)? })
    };
    let ordinal = || {
        let p = ordinal(s, 0)?;
        let (end, rank) = choice(s, spaces1(s, p)?, GL_WORDS)?;
        Some(Shape::Gliederung { rank, tail: tail_eoi(s, end)? })
    };
    let counted = || {
        let d = run(s, 0, 3, |b| b.is_ascii_digit());
        if d == 0 {
            return None;
        }
        let p = spaces1(s, lit(s, d, ".")?)?;
        let (end, rank) = choice(s, p, GL_WORDS)?;
        Some(Shape::Gliederung { rank, tail: tail_eoi(s, end)? })
    };
    numbered().or_else(ordinal).or_else(counted)
}

/// `anlage_number = @{ ASCII_DIGIT{1,3} ~ ASCII_ALPHA_UPPER{1,2} ~ !ASCII_ALPHA }`: „Anlage 16F“.
fn anlage_number(s: &[u8], p: usize) -> Option<usize> {
    let digits = run(s, p, 3, |b| b.is_ascii_digit());
    if digits == p {
        return None;
    }
    let e = run(s, digits, 2, |b| b.is_ascii_uppercase());
    (e > digits && no_alpha(s, e)).then_some(e)
}

/// `anlage = { ("Anlage" | "Anhang") ~ (" "+ ~ (number | anlage_number | roman | upper_letter))? ~ (colon_sep ~ title ~ EOI | tail ~ EOI) }`,
/// `colon_sep = { ":" ~ " "+ }` (a colon marks the title like a dash)
fn anlage(s: &[u8]) -> Option<Shape> {
    let p = lit(s, 0, "Anlage").or_else(|| lit(s, 0, "Anhang"))?;
    let end = spaces1(s, p).and_then(|q| unit_label(s, q).or_else(|| anlage_number(s, q))).unwrap_or(p);
    let colon = lit(s, end, ":").and_then(|c| spaces1(s, c)).and_then(|t| Some(t..title(s, t)?)).filter(|t| is_eoi(s, t.end));
    if let Some(t) = colon {
        return Some(Shape::Anlage { label_end: end, tail: Tail { title: Some(t), marked: true } });
    }
    Some(Shape::Anlage { label_end: end, tail: tail_eoi(s, end)? })
}

/// `absatz = { absatz_label ~ label_end }`,
/// `absatz_label = @{ "(" ~ ASCII_DIGIT{1,3} ~ ASCII_ALPHA_LOWER{0,2} ~ ")" }`
fn absatz(s: &[u8]) -> Option<Shape> {
    let p = lit(s, 0, "(")?;
    let digits = run(s, p, 3, |b| b.is_ascii_digit());
    if digits == p {
        return None;
    }
    let e = lit(s, run(s, digits, 2, |b| b.is_ascii_lowercase()), ")")?;
    label_end(s, e).then_some(Shape::Absatz { label_end: e })
}

/// `weggefallen = { "(weggefallen)" ~ " "* ~ EOI }`
fn weggefallen(s: &[u8]) -> Option<Shape> {
    blank_to_end(s, lit(s, 0, "(weggefallen)")?).then_some(Shape::Weggefallen)
}

/// A list item of `kind` whose label ends at `end`, if `label_end` holds there.
fn item(s: &[u8], kind: ItemKind, end: Option<usize>) -> Option<Shape> {
    end.filter(|&e| label_end(s, e)).map(|e| Shape::Item { kind, label_end: e })
}

/// `triple_item`: `PUSH(ASCII_ALPHA_LOWER) ~ PEEK ~ POP ~ ")"`, the same letter three times.
fn triple_item(s: &[u8]) -> Option<Shape> {
    let end = match s {
        [a, b, c, b')', ..] if a.is_ascii_lowercase() && a == b && b == c => Some(4),
        _ => None,
    };
    item(s, ItemKind::Dreifachbuchstabe, end)
}

/// `double_item`: `PUSH(ASCII_ALPHA_LOWER) ~ POP ~ ")"`, the same letter twice.
fn double_item(s: &[u8]) -> Option<Shape> {
    let end = match s {
        [a, b, b')', ..] if a.is_ascii_lowercase() && a == b => Some(3),
        _ => None,
    };
    item(s, ItemKind::Doppelbuchstabe, end)
}

/// `letter_item`: `ASCII_ALPHA_LOWER ~ ")"`
fn letter_item(s: &[u8]) -> Option<Shape> {
    let end = match s {
        [a, b')', ..] if a.is_ascii_lowercase() => Some(2),
        _ => None,
    };
    item(s, ItemKind::Buchstabe, end)
}

/// `number_item`: `ASCII_DIGIT{1,3} ~ ASCII_ALPHA_LOWER? ~ "."`
fn number_item(s: &[u8]) -> Option<Shape> {
    let digits = run(s, 0, 3, |b| b.is_ascii_digit());
    let end = if digits == 0 { None } else { lit(s, run(s, digits, 1, |b| b.is_ascii_lowercase()), ".") };
    item(s, ItemKind::Nummer, end)
}

/// `section_item = { section_label ~ label_end }`,
/// `section_label = @{ (ASCII_ALPHA_UPPER ~ ".")? ~ ASCII_DIGIT{1,3} ~ (("." ~ ASCII_DIGIT{1,3})+ ~ "."? | &(" " | "\t")) }`
fn section_item(s: &[u8]) -> Option<Shape> {
    let first = if s.first().is_some_and(u8::is_ascii_uppercase) && s.get(1) == Some(&b'.') { 2 } else { 0 };
    let digits = run(s, first, 3, |b| b.is_ascii_digit());
    if digits == first {
        return None;
    }
    let mut e = digits;
    let mut parts = 0;
    while s.get(e) == Some(&b'.') {
        let d = run(s, e + 1, 3, |b| b.is_ascii_digit());
        if d == e + 1 {
            break;
        }
        e = d;
        parts += 1;
    }
    let end = if parts > 0 {
        if s.get(e) == Some(&b'.') {
            e + 1
        } else {
            e
        }
    } else if matches!(s.get(digits), Some(b' ' | b'\t')) {
        digits
    } else {
        return None;
    };
    label_end(s, end).then_some(Shape::Section { label_start: 0, label_end: end })
}

/// `nr_section = { "Nr." ~ " "+ ~ section_label ~ label_end }`
fn nr_section(s: &[u8]) -> Option<Shape> {
    let p = spaces1(s, lit(s, 0, "Nr.")?)?;
    match section_item(&s[p..])? {
        Shape::Section { label_end, .. } => Some(Shape::Section { label_start: p, label_end: p + label_end }),
        _ => None,
    }
}

/// `zu_target`, in the grammar's order.
const ZU_TARGETS: &[(&str, ZuTarget)] = &[
    ("Artikeln", ZuTarget::Artikel),
    ("Artikel", ZuTarget::Artikel),
    ("Art.", ZuTarget::Artikel),
    ("§§", ZuTarget::Paragraph),
    ("§", ZuTarget::Paragraph),
    ("Absätzen", ZuTarget::Absatz),
    ("Absatz", ZuTarget::Absatz),
    ("Nummern", ZuTarget::Nummer),
    ("Nummer", ZuTarget::Nummer),
    ("Buchstaben", ZuTarget::Buchstabe),
    ("Buchstabe", ZuTarget::Buchstabe),
    ("Doppelbuchstaben", ZuTarget::Doppelbuchstabe),
    ("Doppelbuchstabe", ZuTarget::Doppelbuchstabe),
    ("Sätzen", ZuTarget::Satz),
    ("Satz", ZuTarget::Satz),
    ("Anlage", ZuTarget::Anlage),
];

/// `zu_heading = { ("Zu" | "zu") ~ " "+ ~ ("den" ~ " "+)? ~ zu_target ~ label_end }`
fn zu_heading(s: &[u8]) -> Option<Shape> {
    let mut p = spaces1(s, lit(s, 0, "Zu").or_else(|| lit(s, 0, "zu"))?)?;
    if let Some(q) = lit(s, p, "den").and_then(|d| spaces1(s, d)) {
        p = q;
    }
    let (end, target) = choice(s, p, ZU_TARGETS)?;
    label_end(s, end).then_some(Shape::Zu { target, end })
}

/// `section_letter = { upper_letter ~ ("." ~ ASCII_DIGIT{1,2})? ~ "."? ~ " "+ ~ title ~ EOI }`
fn section_letter(s: &[u8]) -> Option<Shape> {
    let mut p = upper_letter(s, 0)?;
    if s.get(p) == Some(&b'.') {
        let d = run(s, p + 1, 2, |b| b.is_ascii_digit());
        if d > p + 1 {
            p = d;
        }
    }
    let label_end = lit(s, p, ".").unwrap_or(p);
    let t = spaces1(s, label_end)?;
    let e = title(s, t)?;
    is_eoi(s, e).then_some(Shape::SectionLetter { label_end, title: t..e })
}

/// `roman_section = { roman ~ "." ~ (" "+ ~ title)? ~ EOI }`
fn roman_section(s: &[u8]) -> Option<Shape> {
    let dot = lit(s, roman(s, 0)?, ".")?;
    let title = spaces1(s, dot).and_then(|t| Some(t..title(s, t)?));
    let end = title.as_ref().map_or(dot, |t| t.end);
    is_eoi(s, end).then_some(Shape::RomanSection { label_end: dot, title })
}

/// `begruendung = { ("Begründung" | "BEGRÜNDUNG" | "B e g r ü n d u n g")
///   ~ ((" "* ~ ":")? ~ " "* ~ EOI | " "+ ~ ("zum" | "zur" | "zu" | "des" | "der") ~ " "+ ~ title ~ EOI) }`
fn begruendung(s: &[u8]) -> Option<Shape> {
    let p = lit(s, 0, "Begründung").or_else(|| lit(s, 0, "BEGRÜNDUNG")).or_else(|| lit(s, 0, "B e g r ü n d u n g"))?;
    if colon_to_end(s, p) {
        return Some(Shape::Begruendung { title: None });
    }
    let q = spaces1(s, p)?;
    let (w, ()) = choice(s, q, &[("zum", ()), ("zur", ()), ("zu", ()), ("des", ()), ("der", ())])?;
    let t = spaces1(s, w)?;
    let e = title(s, t)?;
    is_eoi(s, e).then_some(Shape::Begruendung { title: Some(t..e) })
}

/// `vorblatt = { ("Vorblatt" | "VORBLATT") ~ " "* ~ EOI }`
fn vorblatt(s: &[u8]) -> Option<Shape> {
    let p = lit(s, 0, "Vorblatt").or_else(|| lit(s, 0, "VORBLATT"))?;
    blank_to_end(s, p).then_some(Shape::Vorblatt)
}

/// `contents = { ("Inhaltsübersicht" | "Inhaltsverzeichnis" | "INHALTSÜBERSICHT") ~ (" "* ~ ":")? ~ " "* ~ EOI }`
fn contents(s: &[u8]) -> Option<Shape> {
    let p = lit(s, 0, "Inhaltsübersicht")
        .or_else(|| lit(s, 0, "Inhaltsverzeichnis"))
        .or_else(|| lit(s, 0, "INHALTSÜBERSICHT"))?;
    colon_to_end(s, p).then_some(Shape::Contents)
}

/// `statement = { statement_word ~ (" "+ ~ ("des" | "der") ~ " "+ ~ title)? ~ " "* ~ EOI }`,
/// `statement_word = { "Stellungnahme" | "Gegenäußerung" }`
fn statement(s: &[u8]) -> Option<Shape> {
    let (p, counter) = choice(s, 0, &[("Stellungnahme", false), ("Gegenäußerung", true)])?;
    let titled = || {
        let q = spaces1(s, p)?;
        let (w, ()) = choice(s, q, &[("des", ()), ("der", ())])?;
        let t = spaces1(s, w)?;
        Some(t..title(s, t)?)
    };
    let title = titled();
    let end = title.as_ref().map_or(p, |t| t.end);
    blank_to_end(s, end).then_some(Shape::Statement { counter, title })
}

/// `synopse = { ("Synopse" | "Gegenüberstellung" | "Zusammenstellung des Gesetzentwurfs" |
/// "Zusammenstellung des Entwurfs") ~ (" "+ ~ title)? ~ " "* ~ EOI }`
fn synopse(s: &[u8]) -> Option<Shape> {
    let (p, ()) = choice(
        s,
        0,
        &[("Synopse", ()), ("Gegenüberstellung", ()), ("Zusammenstellung des Gesetzentwurfs", ()), ("Zusammenstellung des Entwurfs", ())],
    )?;
    let title = spaces1(s, p).and_then(|t| Some(t..title(s, t)?));
    let end = title.as_ref().map_or(p, |t| t.end);
    blank_to_end(s, end).then_some(Shape::Synopse { title })
}

/// `preamble = { ("Präambel" | "PRÄAMBEL" | "(Präambel)") ~ (" "* ~ ":")? ~ " "* ~ EOI }`
fn preamble(s: &[u8]) -> Option<Shape> {
    let p = lit(s, 0, "Präambel").or_else(|| lit(s, 0, "PRÄAMBEL")).or_else(|| lit(s, 0, "(Präambel)"))?;
    colon_to_end(s, p).then_some(Shape::Preamble)
}

/// `formula`: „Eingangsformel“ or „Schlussformel“ alone; „Der Landtag/Bundestag/Deutsche
/// Bundestag …“ with „beschlossen“ anywhere after; „Auf Grund/Aufgrund …“ with „verordnet“
/// anywhere after. (`(!"verordnet" ~ ANY)* ~ "verordne"` stops at the first „verordnet“ or at the
/// end, where „verordne“ cannot match: so „verordne“ alone is not enough.) Or any line starting
/// with an ASCII capital that ends in `formula_end` (see [`ends_like_formula`]).
fn formula(s: &[u8]) -> Option<Shape> {
    let heading = || blank_to_end(s, lit(s, 0, "Eingangsformel").or_else(|| lit(s, 0, "Schlussformel"))?).then_some(());
    let enacting = || {
        let p = spaces1(s, lit(s, 0, "Der")?)?;
        let p = lit(s, p, "Landtag").or_else(|| lit(s, p, "Bundestag")).or_else(|| lit(s, p, "Deutsche Bundestag"))?;
        memchr::memmem::find(&s[p..], b"beschlossen").map(|_| ())
    };
    let decreeing = || {
        let p = lit(s, 0, "Auf Grund").or_else(|| lit(s, 0, "Aufgrund"))?;
        memchr::memmem::find(&s[p..], b"verordnet").map(|_| ())
    };
    let enacted = || (s.first().is_some_and(u8::is_ascii_uppercase) && ends_like_formula(&s[1..])).then_some(());
    heading().or_else(enacting).or_else(decreeing).or_else(enacted).map(|()| Shape::Formula)
}

/// `formula_end = _{ ("beschlossen" | "verordnet" | "erlassen" | "verordnen") ~ " "* ~ ":" ~ " "* ~ EOI }`
/// at some position of `s`: the bytes end in one of the words, spaces, a colon and spaces.
pub(super) fn ends_like_formula(s: &[u8]) -> bool {
    let trim = |s: &[u8], b: u8| {
        let n = s.iter().rev().take_while(|&&c| c == b).count();
        s.len() - n
    };
    let e = trim(s, b' ');
    if e == 0 || s[e - 1] != b':' {
        return false;
    }
    let e = trim(&s[..e - 1], b' ');
    let rest = &s[..e];
    [&b"beschlossen"[..], b"verordnet", b"erlassen", b"verordnen"].iter().any(|w| rest.ends_with(w))
}

/// `editorial`: notes of the publisher, recognised by their start.
fn editorial(s: &[u8]) -> Option<Shape> {
    const STARTS: &[&str] = &[
        "<!--", "(+++", "(Fundstelle", "Ausfertigungsdatum:", "Vollzitat:", "Stand:", "Hinweis:", "Fußnote", "(Fußnote",
        "Vertrieb:", "Gesamtherstellung:", "ISSN",
    ];
    STARTS.iter().any(|w| s.starts_with(w.as_bytes())).then_some(Shape::Editorial)
}

/// `draft_title`: the title page of a draft, recognised by its start.
fn draft_title(s: &[u8]) -> Option<Shape> {
    const STARTS: &[&str] = &[
        "GESETZENTWURF", "Gesetzentwurf", "Referentenentwurf", "Entwurf eines", "Entwurf einer", "VERORDNUNGSENTWURF",
        "Verordnungsentwurf",
    ];
    STARTS.iter().any(|w| s.starts_with(w.as_bytes())).then_some(Shape::DraftTitle)
}

/// `masthead = { &ASCII_ALPHA_UPPER ~ (!drucksache_no ~ ANY){0,80} ~ drucksache_no ~ (!NEWLINE ~ ANY){0,80} ~ EOI }`,
/// `drucksache_no = { ("Drucksache" | "DRUCKSACHE") ~ " "+ ~ ASCII_DIGIT{1,3} ~ "/" ~ ASCII_DIGIT{1,6} }`.
/// The repetitions count characters, not bytes.
fn masthead(s: &[u8]) -> Option<Shape> {
    if !s.first().is_some_and(u8::is_ascii_uppercase) {
        return None;
    }
    let text = std::str::from_utf8(s).ok()?;
    // The first position, at most 80 characters in, where `drucksache_no` matches.
    let (start, end) = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .take(81)
        .find_map(|i| drucksache_no(s, i).map(|e| (i, e)))?;
    let rest = &text[end..];
    (!rest.contains(['\n', '\r']) && rest.chars().count() <= 80).then_some(Shape::Masthead { number: start..end })
}

/// `drucksache_no` at `p`: its end.
fn drucksache_no(s: &[u8], p: usize) -> Option<usize> {
    let w = lit(s, p, "Drucksache").or_else(|| lit(s, p, "DRUCKSACHE"))?;
    let d = spaces1(s, w)?;
    let e = run(s, d, 3, |b| b.is_ascii_digit());
    if e == d {
        return None;
    }
    let slash = lit(s, e, "/")?;
    let n = run(s, slash, 6, |b| b.is_ascii_digit());
    (n > slash).then_some(n)
}
