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

/// What a character of the text is for the tokeniser.
#[derive(PartialEq, Eq)]
enum Class {
    Word,
    Paragraph,
    Other,
}

/// The class and UTF-8 length of the multi-byte character at byte `i` of `text`: the two-byte
/// Latin-1 letters and the general punctuation block („ “ – …) by their bytes; only other
/// characters are decoded.
#[inline]
fn class_at(text: &str, i: usize) -> (Class, usize) {
    let bytes = text.as_bytes();
    match (bytes[i], bytes.get(i + 1)) {
        // U+00C0..U+00FF: letters except × and ÷.
        (0xC3, Some(&b2)) => (if b2 == 0x97 || b2 == 0xB7 { Class::Other } else { Class::Word }, 2),
        (0xC2, Some(0xA7)) => (Class::Paragraph, 2),
        // U+2000..U+203F: spaces, dashes, quotation marks, bullets.
        (0xE2, Some(0x80)) => (Class::Other, 3),
        _ => decoded_class_at(text, i),
    }
}

#[cold]
fn decoded_class_at(text: &str, i: usize) -> (Class, usize) {
    let c = text[i..].chars().next().expect("char boundary");
    let class = if is_word_char(c) {
        Class::Word
    } else if c == '§' {
        Class::Paragraph
    } else {
        Class::Other
    };
    (class, c.len_utf8())
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

/// The high bits of the eight bytes of `m` (no other bit set) gathered into the low eight bits,
/// byte `k`'s into bit `k`: the multiplication moves bit `8k` to bit `56 + k` without carries.
#[inline]
fn gather_high_bits(m: u64) -> u64 {
    (m >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56
}

/// Bytes per block of the word scanner: one bit per byte in a `u64`.
const BLOCK: usize = 64;

/// Bit masks of eight bytes of text (little-endian in `x`), bit `k` for byte `k`: the ASCII
/// letters and digits, and the bytes of multi-byte characters (to be classified one by one).
/// Tested all eight at once (ranges `0-9` and `a-z` after setting the lower-case bit), without a
/// branch per byte.
#[inline]
fn chunk_bits(x: u64) -> (u64, u64) {
    let digit = at_least(x, b'0') & !at_least(x, b'9' + 1);
    let lower = x | splat(0x20);
    let letter = at_least(lower, b'a') & !at_least(lower, b'z' + 1);
    (gather_high_bits((digit | letter) & !x & HIGH), gather_high_bits(x & HIGH))
}

/// [`chunk_bits`] of a block of 64 bytes.
#[inline]
fn block_bits(block: &[u8; BLOCK]) -> (u64, u64) {
    let (mut word, mut high) = (0u64, 0u64);
    for (k, chunk) in block.chunks_exact(8).enumerate() {
        let (w, h) = chunk_bits(u64::from_le_bytes(chunk.try_into().expect("eight bytes")));
        word |= w << (8 * k);
        high |= h << (8 * k);
    }
    (word, high)
}

/// [`chunk_bits`] of the last bytes of a text, fewer than a block: only as many chunks as they
/// fill, the last one padded with zero bytes (neither word nor multi-byte). Rule literals, a few
/// words each, are tokenised this way when the rules are compiled at every start.
fn tail_bits(tail: &[u8]) -> (u64, u64) {
    let (mut word, mut high) = (0u64, 0u64);
    for (k, chunk) in tail.chunks(8).enumerate() {
        let mut eight = [0u8; 8];
        eight[..chunk.len()].copy_from_slice(chunk);
        let (w, h) = chunk_bits(u64::from_le_bytes(eight));
        word |= w << (8 * k);
        high |= h << (8 * k);
    }
    (word, high)
}

/// Calls `f(start, end)` for each word (a maximal run of letters and digits) and each `§` sign
/// of `text`, in text order.
///
/// The text is read in blocks of 64 bytes: a bit mask of the block's word bytes is built eight
/// bytes at a time, multi-byte characters (umlauts, ß, quotation marks, dashes, §) are classified
/// one by one and their bytes added to the mask, and the words are the runs of set bits, found
/// with a count of trailing zeros each. Finding words byte by byte (a table lookup and a branch
/// per byte, and a scan per word for its end) was the largest single cost of checking a law.
#[inline]
pub(crate) fn each_word(text: &str, mut f: impl FnMut(usize, usize)) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    // The start of a word that runs on past the block.
    let mut open: Option<usize> = None;
    // Bits of the next block taken by a character that starts in this one: its word bits, and
    // the continuation bytes not to be classified again.
    let (mut carry_word, mut carry_rest) = (0u64, 0u64);
    let mut base = 0;
    // A word that runs to the end of a text of whole blocks is closed by one more, empty block.
    while base < n || open.is_some() {
        let (mut word, high) = match bytes.get(base..base + BLOCK) {
            Some(block) => block_bits(block.try_into().expect("one block")),
            None => tail_bits(&bytes[base.min(n)..]),
        };
        word |= carry_word;
        let mut multi = high & !carry_rest;
        (carry_word, carry_rest) = (0, 0);
        // § signs of the block (their first byte): words of their own.
        let mut paragraphs = 0u64;
        while multi != 0 {
            let k = multi.trailing_zeros();
            let (class, len) = class_at(text, base + k as usize);
            let bits = ((1u128 << len) - 1) << k;
            match class {
                Class::Word => {
                    word |= bits as u64;
                    carry_word = (bits >> 64) as u64;
                }
                Class::Paragraph => paragraphs |= 1 << k,
                Class::Other => {}
            }
            carry_rest = (bits >> 64) as u64;
            multi &= !(bits as u64);
        }
        // The words and § signs of the block in text order, `f` called in one place only (so
        // that it is inlined).
        loop {
            let (start, end);
            if let Some(open_start) = open {
                let not_word = !word;
                if not_word == 0 {
                    break;
                }
                (start, end) = (open_start, base + not_word.trailing_zeros() as usize);
                open = None;
                word &= u64::MAX << not_word.trailing_zeros();
            } else {
                let next_word = word.trailing_zeros();
                if paragraphs != 0 && paragraphs.trailing_zeros() < next_word {
                    start = base + paragraphs.trailing_zeros() as usize;
                    end = start + '§'.len_utf8();
                    paragraphs &= paragraphs - 1;
                } else {
                    if word == 0 {
                        break;
                    }
                    let not_word = !word & (u64::MAX << next_word);
                    if not_word == 0 {
                        open = Some(base + next_word as usize);
                        break;
                    }
                    (start, end) = (base + next_word as usize, base + not_word.trailing_zeros() as usize);
                    word &= u64::MAX << not_word.trailing_zeros();
                }
            }
            f(start, end);
        }
        base += BLOCK;
    }
}

/// Splits text into words (and `§` signs), with byte offsets.
pub fn words(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    each_word(text, |start, end| out.push((start, end)));
    out
}

/// Abbreviations after which a full stop does not end a sentence (folded), sorted: looked up
/// by binary search at every full stop of the text.
const ABBREVIATIONS: &[&str] = &[
    "abl", "abs", "abschn", "anl", "art", "az", "bd", "bgbl", "buchst", "bzw", "ca", "dh", "dr", "einschl", "evtl",
    "gem", "ggf", "gvbl", "halbs", "hs", "inkl", "kap", "lit", "mio", "mrd", "nr", "nrn", "prof", "rdnr", "rn", "s",
    "sog", "st", "str", "tel", "ua", "unterabs", "usw", "uu", "vgl", "zb", "ziff",
];

/// [`ABBREVIATIONS`] packed into integers (see [`packed`]), in the same order: a lookup at a full
/// stop compares integers instead of strings.
const PACKED_ABBREVIATIONS: [u64; ABBREVIATIONS.len()] = {
    let mut out = [0; ABBREVIATIONS.len()];
    let mut i = 0;
    while i < out.len() {
        out[i] = match packed(ABBREVIATIONS[i].as_bytes()) {
            Some(key) => key,
            None => panic!("an abbreviation longer than eight bytes"),
        };
        i += 1;
    }
    out
};

/// A word of up to eight bytes as an integer, big-endian and padded with zero bytes: for words
/// without a zero byte (words are letters and digits) one integer per word, ordered as the words
/// are. Longer words have none.
const fn packed(word: &[u8]) -> Option<u64> {
    if word.len() > 8 {
        return None;
    }
    let mut key = 0u64;
    let mut i = 0;
    while i < 8 {
        key <<= 8;
        if i < word.len() {
            key |= word[i] as u64;
        }
        i += 1;
    }
    Some(key)
}

/// Whether a folded word is one of [`ABBREVIATIONS`].
fn is_abbreviation(word: &str) -> bool {
    packed(word.as_bytes()).is_some_and(|key| PACKED_ABBREVIATIONS.binary_search(&key).is_ok())
}

/// Tokenises a text with clause and sentence numbers; `folded` is `fold(text)`.
pub fn tokenize(text: &str, folded: &str) -> Vec<Token> {
    tokenize_with(text, folded, |_, _, _| {})
}

/// [`tokenize`], calling `each(index, start, end)` for each token as it is found: the rule
/// engine's prefilter looks at every word while the word's bytes are at hand, instead of in a
/// second pass over all tokens.
#[inline]
pub(crate) fn tokenize_with(text: &str, folded: &str, mut each: impl FnMut(usize, usize, usize)) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 6);
    let mut clause = 0u32;
    let mut sentence = 0u32;
    let bytes = text.as_bytes();
    let mut prev: Option<(usize, usize)> = None;
    each_word(text, |start, end| {
        if let Some((pstart, pend)) = prev {
            // Most separators are a space or a comma: look closer only at punctuation that can
            // end a clause or a sentence (a single space, the most common separator, at once).
            let (mut stop, mut semicolon) = (false, false);
            let separator = &bytes[pend..start];
            if separator != b" " {
                for &b in separator {
                    stop |= matches!(b, b'.' | b'!' | b'?');
                    semicolon |= b == b';';
                }
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
        each(tokens.len(), start, end);
        tokens.push(Token { start, end, clause, sentence });
        prev = Some((start, end));
    });
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
        let mut chars = prev.chars();
        let single = chars.next().is_some() && chars.next().is_none();
        if single || is_abbreviation(prev) {
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
        assert!(PACKED_ABBREVIATIONS.windows(2).all(|w| w[0] < w[1]), "packing keeps the order");
    }

    /// The packed lookup answers what the list answers: for every abbreviation, every prefix and
    /// extension of one, and words around the eight-byte limit.
    #[test]
    fn packed_abbreviations_are_the_list() {
        let mut words: Vec<String> = vec!["".into(), "a".into(), "unterabs".into(), "unterabsa".into(), "abschnitt".into(), "ä".into(), "§".into(), "12".into()];
        for w in ABBREVIATIONS {
            for end in 0..=w.len() {
                words.push(w[..end].to_string());
            }
            words.push(format!("{w}x"));
            words.push(format!("{w}ü"));
        }
        for w in &words {
            assert_eq!(is_abbreviation(w), ABBREVIATIONS.binary_search(&w.as_str()).is_ok(), "{w:?}");
        }
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
    fn block_masks_found_eight_bytes_at_once_are_the_bytes_classes() {
        // Every byte value at every place of a block of letters, digits and spaces.
        let template: Vec<u8> = (0..BLOCK).map(|i| b"Abcdefghij 0123456789 Zz"[i % 24]).collect();
        for b in 0..=255u8 {
            for at in 0..BLOCK {
                let mut block: [u8; BLOCK] = template.clone().try_into().unwrap();
                block[at] = b;
                let (word, high) = block_bits(&block);
                for (k, &byte) in block.iter().enumerate() {
                    assert_eq!(word >> k & 1 == 1, byte.is_ascii_alphanumeric(), "word bit {k}, byte {b:#04x} at {at}");
                    assert_eq!(high >> k & 1 == 1, byte >= 0x80, "high bit {k}, byte {b:#04x} at {at}");
                }
                // The same bytes as the tail of a text, cut after the changed byte: no bits past
                // its end.
                let tail = &block[..=at];
                assert_eq!(tail_bits(tail), (word & (u64::MAX >> (63 - at)), high & (u64::MAX >> (63 - at))), "tail to {at}");
            }
        }
    }

    proptest::proptest! {
        /// Long texts: words and multi-byte characters across the 64-byte blocks of the scanner.
        #[test]
        fn words_across_blocks_equal_their_definition(
            s in "([a-zß]{0,70}|[ .;]{1,3}|Ä|ü|§|„|“|–|ẞ|\u{1F600}|Ⓐ|\u{10400}|×|²|\u{2003}){0,60}"
        ) {
            proptest::prop_assert_eq!(words(&s), words_reference(&s));
        }
    }

    #[test]
    fn words_across_block_boundaries() {
        // A multi-byte character (two, three and four bytes, word or not) at every place around
        // the boundary of two blocks, inside a word, after it and before it.
        for c in ["ü", "§", "“", "Ⓐ", "\u{10400}", "\u{1F600}", "×"] {
            for at in 50..80 {
                for (before, after) in [("a", "b"), (" ", "b"), ("a", " "), (" ", " ")] {
                    let text = format!("{}{before}{c}{after}{}", "x".repeat(at), "y".repeat(70));
                    assert_eq!(words(&text), words_reference(&text), "{c:?} at {at} between {before:?} and {after:?}");
                }
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
