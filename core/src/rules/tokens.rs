//! Words of a text as the rule patterns see them.
//!
//! A word is a maximal run of Unicode letters and digits, so umlauts and ß never split a word and
//! „Schriftführer“ is one word, not „Schrift“ + „führer“ — the trouble with ASCII `\b` in regexes.
//! `§` is a word of its own. Case is folded without changing byte lengths, so offsets into the
//! folded text are offsets into the original.
//!
//! Tokens also carry the clause and sentence they belong to: gaps (`…`) and `near` conditions stay
//! within one clause, so that a pattern never joins words of two different statements. Sentence
//! ends are recognised conservatively (a full stop after a known legal abbreviation, a single
//! letter or a number is not an end); the structure parser's sentence nodes come on top of this.

/// One word of the text: a span, no copy (its folded form is the same span of the folded text).
#[derive(Debug, Clone, Copy)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    /// Index of the clause (text between `;` and sentence ends).
    pub clause: u32,
    /// Index of the sentence.
    pub sentence: u32,
}

impl Token {
    /// The case-folded word, given the folded text of the whole document.
    pub fn folded<'a>(&self, folded: &'a str) -> &'a str {
        &folded[self.start..self.end]
    }
}

/// Lower-cases `text` character by character, keeping a character as it is where its lower-case
/// form has a different UTF-8 length, so that byte offsets stay valid. ASCII is lowered in bulk and
/// skipped eight bytes at a time; only upper-case non-ASCII letters (Ä, Ö, Ü, rarely others) are
/// replaced one by one. The result is built as a `String` from the start: converting a byte vector
/// back would check all of it for UTF-8 again (a sixth of the cost of folding).
pub fn fold(text: &str) -> String {
    let mut out = text.to_owned();
    out.make_ascii_lowercase();
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut i = 0;
    while i < n {
        i = skip_ascii(bytes, i);
        if i >= n {
            break;
        }
        match bytes[i] {
            // U+00C0..U+00DE except × (U+00D7): upper-case Latin-1 letters, lower case 0x20 higher.
            0xC3 => {
                let b = bytes[i + 1];
                if matches!(b, 0x80..=0x9E) && b != 0x97 {
                    let lower = char::from_u32(0xC0 + u32::from(b - 0x80) + 0x20).expect("Latin-1 letter");
                    out.replace_range(i..i + 2, lower.encode_utf8(&mut [0; 4]));
                }
                i += 2;
            }
            // U+0080..U+00BF and general punctuation U+2000..U+203F („ “ – …): no cased letters.
            0xC2 => i += 2,
            0xE2 if bytes[i + 1] == 0x80 => i += 3,
            _ => {
                let c = text[i..].chars().next().expect("char boundary");
                let len = c.len_utf8();
                if c.is_uppercase() {
                    let mut lower = c.to_lowercase();
                    if let (Some(l), None) = (lower.next(), lower.next()) {
                        if l.len_utf8() == len {
                            out.replace_range(i..i + len, l.encode_utf8(&mut [0; 4]));
                        }
                    }
                }
                i += len;
            }
        }
    }
    out
}

/// Appends [`fold`] of `text` to `out`: without an allocation of its own for ASCII text (a word
/// literal of a rule, folded when the rule is compiled).
pub(crate) fn fold_into(text: &str, out: &mut String) {
    if text.is_ascii() {
        let at = out.len();
        out.push_str(text);
        out[at..].make_ascii_lowercase();
    } else {
        out.push_str(&fold(text));
    }
}

/// The first index at or after `i` that holds a non-ASCII byte (or `bytes.len()`).
fn skip_ascii(bytes: &[u8], mut i: usize) -> usize {
    while i + 8 <= bytes.len() {
        let chunk = u64::from_le_bytes(bytes[i..i + 8].try_into().expect("eight bytes"));
        let high = chunk & 0x8080_8080_8080_8080;
        if high != 0 {
            return i + (high.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < bytes.len() && bytes[i] < 0x80 {
        i += 1;
    }
    i
}

pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The words (and `§` signs) of a text, with byte offsets, one pass over the bytes: ASCII bytes
/// are classified by a table, the two-byte Latin-1 letters and the general punctuation block
/// („ “ – …) by their bytes; only other characters are decoded.
pub(crate) struct Words<'a> {
    text: &'a str,
    pos: usize,
}

impl Words<'_> {
    pub(crate) fn new(text: &str) -> Words<'_> {
        Words { text, pos: 0 }
    }
}

/// What a character of the text is for the tokeniser.
#[derive(PartialEq, Eq)]
enum Class {
    Word,
    Paragraph,
    Other,
}

/// ASCII letters and digits.
const ASCII_WORD: [bool; 128] = {
    let mut t = [false; 128];
    let mut b = 0;
    while b < 128 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

/// Byte classes for the scanning loops: an ASCII word byte, an ASCII other byte, or a byte of a
/// multi-byte character (to be decoded).
const WORD: u8 = 0;
const OTHER: u8 = 1;
const MULTI: u8 = 2;
const BYTE_CLASS: [u8; 256] = {
    let mut t = [MULTI; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = if ASCII_WORD[b] { WORD } else { OTHER };
        b += 1;
    }
    t
};

impl Words<'_> {
    /// The class and UTF-8 length of the multi-byte character at byte `i`.
    #[inline]
    fn class_at(&self, i: usize) -> (Class, usize) {
        let bytes = self.text.as_bytes();
        match (bytes[i], bytes.get(i + 1)) {
            // U+00C0..U+00FF: letters except × and ÷.
            (0xC3, Some(&b2)) => (if b2 == 0x97 || b2 == 0xB7 { Class::Other } else { Class::Word }, 2),
            (0xC2, Some(0xA7)) => (Class::Paragraph, 2),
            // U+2000..U+203F: spaces, dashes, quotation marks, bullets.
            (0xE2, Some(0x80)) => (Class::Other, 3),
            _ => self.decoded_class_at(i),
        }
    }

    #[cold]
    fn decoded_class_at(&self, i: usize) -> (Class, usize) {
        let c = self.text[i..].chars().next().expect("char boundary");
        let class = if is_word_char(c) {
            Class::Word
        } else if c == '§' {
            Class::Paragraph
        } else {
            Class::Other
        };
        (class, c.len_utf8())
    }
}

impl Iterator for Words<'_> {
    type Item = (usize, usize);

    #[inline]
    fn next(&mut self) -> Option<(usize, usize)> {
        let bytes = self.text.as_bytes();
        let n = bytes.len();
        let mut i = self.pos;
        // Find the start of the next word or § sign.
        let start = loop {
            while i < n && BYTE_CLASS[bytes[i] as usize] == OTHER {
                i += 1;
            }
            if i >= n {
                self.pos = n;
                return None;
            }
            if BYTE_CLASS[bytes[i] as usize] == WORD {
                break i;
            }
            match self.class_at(i) {
                (Class::Word, _) => break i,
                (Class::Paragraph, len) => {
                    self.pos = i + len;
                    return Some((i, i + len));
                }
                (Class::Other, len) => i += len,
            }
        };
        // Find its end.
        let mut j = start;
        loop {
            j = ascii_word_end(bytes, j);
            if j >= n || BYTE_CLASS[bytes[j] as usize] == OTHER {
                break;
            }
            match self.class_at(j) {
                (Class::Word, len) => j += len,
                _ => break,
            }
        }
        self.pos = j;
        Some((start, j))
    }
}

/// Eight copies of a byte in a word, for the eight-bytes-at-once tests below.
const fn splat(b: u8) -> u64 {
    u64::from_ne_bytes([b; 8])
}

const HIGH: u64 = splat(0x80);

/// The high bit of each byte of `x` set where the byte (taken below 0x80) is at least `lo`:
/// with the high bit set first, subtracting `lo` (at most 0x80) never borrows from the next byte.
#[inline]
fn at_least(x: u64, lo: u8) -> u64 {
    (x | HIGH).wrapping_sub(splat(lo))
}

/// The first index at or after `j` whose byte is not an ASCII letter or digit (or `bytes.len()`).
/// Words are mostly ASCII letters, and their bytes are tested eight at a time (ranges `0-9`,
/// `a-z` after setting the lower-case bit) instead of one table lookup and branch per byte:
/// finding word ends was the largest single cost of tokenising.
#[inline]
fn ascii_word_end(bytes: &[u8], mut j: usize) -> usize {
    while j + 8 <= bytes.len() {
        let x = u64::from_le_bytes(bytes[j..j + 8].try_into().expect("eight bytes"));
        let digit = at_least(x, b'0') & !at_least(x, b'9' + 1);
        let lower = x | splat(0x20);
        let letter = at_least(lower, b'a') & !at_least(lower, b'z' + 1);
        let not_word = !(digit | letter) & HIGH | x & HIGH;
        if not_word != 0 {
            return j + (not_word.trailing_zeros() / 8) as usize;
        }
        j += 8;
    }
    while j < bytes.len() && BYTE_CLASS[bytes[j] as usize] == WORD {
        j += 1;
    }
    j
}

/// Splits text into words (and `§` signs), with byte offsets.
pub fn words(text: &str) -> Vec<(usize, usize)> {
    Words { text, pos: 0 }.collect()
}

/// Abbreviations after which a full stop does not end a sentence (folded), sorted: looked up
/// by binary search at every full stop of the text.
const ABBREVIATIONS: &[&str] = &[
    "abl", "abs", "abschn", "anl", "art", "az", "bd", "bgbl", "buchst", "bzw", "ca", "dh", "dr", "einschl", "evtl",
    "gem", "ggf", "gvbl", "halbs", "hs", "inkl", "kap", "lit", "mio", "mrd", "nr", "nrn", "prof", "rdnr", "rn", "s",
    "sog", "st", "str", "tel", "ua", "unterabs", "usw", "uu", "vgl", "zb", "ziff",
];

/// Tokenises a text with clause and sentence numbers; `folded` is `fold(text)`.
pub fn tokenize(text: &str, folded: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 6);
    let mut clause = 0u32;
    let mut sentence = 0u32;
    let bytes = text.as_bytes();
    let mut prev: Option<(usize, usize)> = None;
    for (start, end) in (Words { text, pos: 0 }) {
        if let Some((pstart, pend)) = prev {
            // Most separators are a space or a comma: look closer only at punctuation that can
            // end a clause or a sentence.
            let (mut stop, mut semicolon) = (false, false);
            for &b in &bytes[pend..start] {
                stop |= matches!(b, b'.' | b'!' | b'?');
                semicolon |= b == b';';
            }
            if stop {
                let next_upper = text[start..].chars().next().is_some_and(|c| c.is_uppercase());
                if ends_sentence(&text[pend..start], &folded[pstart..pend], next_upper) {
                    sentence += 1;
                    clause += 1;
                } else if semicolon {
                    clause += 1;
                }
            } else if semicolon {
                clause += 1;
            }
        }
        tokens.push(Token { start, end, clause, sentence });
        prev = Some((start, end));
    }
    tokens
}

/// Whether the separator `sep` between the (folded) word `prev` and the next word ends a sentence.
pub(crate) fn ends_sentence(sep: &str, prev: &str, next_upper: bool) -> bool {
    // The stops are ASCII, so a byte search finds the same first one as a char search.
    let Some(p) = sep.bytes().position(|b| matches!(b, b'.' | b'!' | b'?')) else { return false };
    // Only a stop that directly follows the word counts ("Abs. 2", not "(Abs.) 2" edge cases).
    if !sep[..p].trim().is_empty() && !sep[..p].trim().chars().all(|c| matches!(c, ')' | '"' | '“' | '\'' | '’')) {
        return false;
    }
    let after = &sep[p + 1..];
    if !after.starts_with(char::is_whitespace) && !after.is_empty() {
        // "z.B." and the like, or an ellipsis.
        if !after.starts_with(['"', '“', ')']) {
            return false;
        }
    }
    if sep[p..].starts_with('.') {
        if prev.chars().count() == 1 || ABBREVIATIONS.binary_search(&prev).is_ok() {
            return false;
        }
        // An ordinal ("14. Lebensjahr", "1. Januar") unless the line ends there.
        if prev.chars().all(|c| c.is_ascii_digit()) && !after.contains('\n') {
            return false;
        }
    }
    next_upper || after.contains('\n')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviations_are_sorted_for_binary_search() {
        assert!(ABBREVIATIONS.windows(2).all(|w| w[0] < w[1]), "ABBREVIATIONS must stay sorted and without repeats");
    }

    /// The plain definitions the fast versions must agree with.
    fn fold_reference(text: &str) -> String {
        text.chars()
            .map(|c| {
                let mut lower = c.to_lowercase();
                match (lower.next(), lower.next()) {
                    (Some(l), None) if c.is_uppercase() && l.len_utf8() == c.len_utf8() => l,
                    _ => c,
                }
            })
            .collect()
    }

    fn words_reference(text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut start = None;
        for (i, c) in text.char_indices() {
            if is_word_char(c) {
                start.get_or_insert(i);
            } else {
                if let Some(s) = start.take() {
                    out.push((s, i));
                }
                if c == '§' {
                    out.push((i, i + c.len_utf8()));
                }
            }
        }
        if let Some(s) = start {
            out.push((s, text.len()));
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn fast_fold_and_words_equal_their_definitions(
            s in "(\\PC|[A-Za-z0-9 .;!?§]|Ä|Ö|Ü|ä|ß|ẞ|İ|\u{212A}|×|À|Þ|„|“|–|²|Ⓐ|Σ|\n){0,120}"
        ) {
            proptest::prop_assert_eq!(fold(&s), fold_reference(&s));
            proptest::prop_assert_eq!(words(&s), words_reference(&s));
        }
    }

    #[test]
    fn word_ends_found_eight_bytes_at_once_are_the_table_s() {
        // Every byte value at every place of a run of letters longer than one block.
        for b in 0..=255u8 {
            for at in 0..20 {
                let mut bytes = b"Abcdefghij0123456789Z".to_vec();
                bytes[at] = b;
                let from = at.saturating_sub(3);
                let want = (from..bytes.len()).find(|&i| BYTE_CLASS[bytes[i] as usize] != WORD).unwrap_or(bytes.len());
                assert_eq!(ascii_word_end(&bytes, from), want, "byte {b:#04x} at {at}");
            }
        }
    }

    #[test]
    fn umlauts_and_sharp_s_stay_in_words() {
        let text = "Schriftführer, Straße und Grüße § 3a";
        let folded = fold(text);
        let t = tokenize(text, &folded);
        let w: Vec<&str> = t.iter().map(|t| t.folded(&folded)).collect();
        assert_eq!(w, ["schriftführer", "straße", "und", "grüße", "§", "3a"]);
    }

    #[test]
    fn fold_keeps_offsets() {
        let s = "ÄÖÜ ẞ İstanbul SCHRIFTFORM";
        assert_eq!(fold(s).len(), s.len());
        assert!(fold(s).starts_with("äöü"));
        assert!(fold(s).ends_with("stanbul schriftform"), "İ keeps its form: its lower case is longer");
    }

    #[test]
    fn sentences_respect_abbreviations_and_ordinals() {
        let text = "Nach § 5 Abs. 2 Nr. 1 ist bis zum 14. Lebensjahr zu warten. Die Frist endet; danach nicht.";
        let folded = fold(text);
        let t = tokenize(text, &folded);
        let s: Vec<u32> = t.iter().map(|t| t.sentence).collect();
        let die = t.iter().position(|t| t.folded(&folded) == "die").unwrap();
        assert!(s[..die].iter().all(|&x| x == 0));
        assert!(s[die..].iter().all(|&x| x == 1));
        let danach = t.iter().position(|t| t.folded(&folded) == "danach").unwrap();
        assert_eq!(t[danach].clause, t[die].clause + 1);
    }
}
