//! Conversions between byte offsets, 1-based line/column and UTF-16 code units.
//!
//! Reports speak lines and columns (columns count characters, as rustc and ruff do), JavaScript and
//! LSP clients speak UTF-16 units, and the engine speaks bytes. An index of line starts plus a
//! checkpoint every [`STRIDE`] bytes keeps every conversion cheap even on a 100 MB single-line input.

use serde::Serialize;

/// Distance between checkpoints; a conversion scans at most this many bytes.
const STRIDE: usize = 256;

/// A 1-based line and a 1-based column counted in Unicode scalar values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

#[derive(Debug, Clone, Default)]
struct Checkpoint {
    byte: usize,
    chars: usize,
    utf16: usize,
}

/// Index over one text; it stores no copy of the text, so every query takes the text again.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    line_starts: Vec<usize>,
    /// Made on the first conversion that counts characters or UTF-16 units: most laws of a corpus
    /// have no finding (468 of every tenth federal law), and the structure needs only the line
    /// starts, so counting the characters of the whole text (a checkpoint every [`STRIDE`] bytes)
    /// for them was wasted.
    checkpoints: std::sync::OnceLock<Vec<Checkpoint>>,
    len: usize,
}

/// Characters in `bytes` (they start at non-continuation bytes) and how many of them take four
/// bytes (two UTF-16 units), eight bytes at a time: a byte-by-byte count was a tenth of the cost of
/// reading a law.
pub(crate) fn count_chars(bytes: &[u8]) -> (usize, usize) {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let (mut conts, mut fours) = (0usize, 0usize);
    // Blocks of 255 words: per-byte counters (one per byte position) cannot overflow within one.
    for block in bytes.chunks(8 * 255) {
        let mut words = block.chunks_exact(8);
        let (mut cont, mut any_four) = (0u64, 0u64);
        for w in words.by_ref() {
            let x = u64::from_le_bytes(w.try_into().expect("eight bytes"));
            // Bit 7 of a byte after `x << n` is bit 7 - n of the same byte: continuation bytes
            // are 10xxxxxx, lead bytes of four-byte characters 11110xxx.
            let shifted = x << 1;
            cont += (x & !shifted & HIGH) >> 7;
            let top2 = x & shifted;
            any_four |= top2 & (top2 << 2);
        }
        conts += horizontal_sum(cont);
        // Four-byte characters (emoji, rare CJK) are rare in law: they are counted only in a block
        // that has one.
        if any_four & HIGH != 0 {
            let mut four = 0u64;
            for w in block.chunks_exact(8) {
                let x = u64::from_le_bytes(w.try_into().expect("eight bytes"));
                let top2 = x & (x << 1);
                four += (top2 & (top2 << 2) & HIGH) >> 7;
            }
            fours += horizontal_sum(four);
        }
        let rest = words.remainder();
        conts += rest.iter().filter(|&&b| b & 0xC0 == 0x80).count();
        fours += rest.iter().filter(|&&b| b >= 0xF0).count();
    }
    (bytes.len() - conts, fours)
}

/// The length of a text in UTF-16 code units (what JavaScript's `string.length` says), counted
/// eight bytes at a time.
pub fn utf16_len(text: &str) -> usize {
    let (chars, wide) = count_chars(text.as_bytes());
    chars + wide
}

/// The sum of the eight bytes of `x`.
fn horizontal_sum(x: u64) -> usize {
    const LOW_BYTES: u64 = 0x00FF_00FF_00FF_00FF;
    let pairs = (x & LOW_BYTES) + ((x >> 8) & LOW_BYTES);
    (pairs.wrapping_mul(0x0001_0001_0001_0001) >> 48) as usize
}

/// A checkpoint every [`STRIDE`] bytes of `text` (on character boundaries) and one at its end.
fn checkpoints(text: &str) -> Vec<Checkpoint> {
    let bytes = text.as_bytes();
    let mut checkpoints = Vec::with_capacity(text.len() / STRIDE + 2);
    let (mut chars, mut utf16) = (0usize, 0usize);
    let mut pos = 0;
    while pos < bytes.len() {
        checkpoints.push(Checkpoint { byte: pos, chars, utf16 });
        let mut end = (pos + STRIDE).min(bytes.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        let (starts, wide) = count_chars(&bytes[pos..end]);
        chars += starts;
        utf16 += starts + wide;
        pos = end;
    }
    checkpoints.push(Checkpoint { byte: text.len(), chars, utf16 });
    checkpoints
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut line_starts = Vec::with_capacity(bytes.len() / 64 + 1);
        line_starts.push(0);
        line_starts.extend(memchr::memchr_iter(b'\n', bytes).map(|i| i + 1));
        LineIndex { line_starts, checkpoints: std::sync::OnceLock::new(), len: text.len() }
    }

    /// The index of a text of `len` bytes whose lines start at `line_starts` (0 and the offset
    /// after each line feed, in order), found by whoever made the text ([`super::normalize`]).
    pub(crate) fn from_line_starts(line_starts: Vec<usize>, len: usize) -> LineIndex {
        LineIndex { line_starts, checkpoints: std::sync::OnceLock::new(), len }
    }

    /// The checkpoints of `text`, the text of the index, made when first asked for.
    fn checkpoints(&self, text: &str) -> &[Checkpoint] {
        self.checkpoints.get_or_init(|| checkpoints(text))
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Byte ranges of all lines, without their line breaks, in order.
    pub fn line_ranges(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        let ends = self.line_starts[1..].iter().map(|&next| next - 1).chain([self.len]);
        self.line_starts.iter().copied().zip(ends)
    }

    /// Byte offset where a 1-based line starts.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.line_starts.get(line.checked_sub(1)?).copied()
    }

    /// Byte range of a 1-based line without its line break.
    pub fn line_span(&self, text: &str, line: usize) -> Option<super::Span> {
        let start = self.line_start(line)?;
        let end = self.line_starts.get(line).map_or(text.len(), |&next| next - 1);
        Some(super::Span::new(start, end.max(start)))
    }

    /// Clamps an offset into the text and back onto a character boundary.
    pub fn clamp(&self, text: &str, offset: usize) -> usize {
        let mut o = offset.min(self.len);
        while !text.is_char_boundary(o) {
            o -= 1;
        }
        o
    }

    fn checkpoint_before(&self, text: &str, offset: usize) -> &Checkpoint {
        let checkpoints = self.checkpoints(text);
        let i = checkpoints.partition_point(|c| c.byte <= offset);
        &checkpoints[i.saturating_sub(1)]
    }

    /// Counts characters and UTF-16 units from the start of the text to `offset`.
    fn counts(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = self.clamp(text, offset);
        let cp = self.checkpoint_before(text, offset);
        let (chars, wide) = count_chars(&text.as_bytes()[cp.byte..offset]);
        (cp.chars + chars, cp.utf16 + chars + wide)
    }

    pub fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= offset).max(1)
    }

    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let offset = self.clamp(text, offset);
        let line = self.line_of(offset);
        let start = self.line_starts[line - 1];
        let column = self.counts(text, offset).0 - self.counts(text, start).0 + 1;
        LineCol { line, column }
    }

    /// UTF-16 column (0-based) within the line, as LSP positions want it.
    pub fn utf16_column(&self, text: &str, offset: usize) -> usize {
        let line = self.line_of(self.clamp(text, offset));
        self.utf16_offset(text, offset) - self.utf16_offset(text, self.line_starts[line - 1])
    }

    pub fn utf16_offset(&self, text: &str, offset: usize) -> usize {
        self.counts(text, offset).1
    }

    pub fn char_offset(&self, text: &str, offset: usize) -> usize {
        self.counts(text, offset).0
    }

    /// Byte offset of a UTF-16 offset; an offset inside a surrogate pair or past the end is clamped.
    pub fn byte_of_utf16(&self, text: &str, utf16: usize) -> usize {
        let checkpoints = self.checkpoints(text);
        let i = checkpoints.partition_point(|c| c.utf16 <= utf16);
        let cp = &checkpoints[i.saturating_sub(1)];
        let mut pos = cp.utf16;
        for (b, c) in text[cp.byte..].char_indices() {
            if pos + c.len_utf16() > utf16 {
                return cp.byte + b;
            }
            pos += c.len_utf16();
        }
        text.len()
    }

    /// Byte offset of a 1-based line and 1-based character column; clamped to the line's end.
    pub fn byte_of_line_col(&self, text: &str, lc: LineCol) -> usize {
        let Some(span) = self.line_span(text, lc.line) else { return text.len() };
        text[span.range()]
            .char_indices()
            .nth(lc.column.saturating_sub(1))
            .map_or(span.end, |(b, _)| span.start + b)
    }

    /// Byte offset of a 0-based line and a 0-based UTF-16 column (LSP `Position`); clamped.
    pub fn byte_of_lsp_position(&self, text: &str, line0: usize, col16: usize) -> usize {
        let Some(span) = self.line_span(text, line0 + 1) else { return text.len() };
        let base = self.utf16_offset(text, span.start);
        self.byte_of_utf16(text, base + col16).min(span.end)
    }
}


/// The largest char boundary of `text` at or below `i` (its length if `i` lies beyond it): where a
/// byte budget cuts a text without splitting a character.
pub(crate) fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    if i >= text.len() {
        return text.len();
    }
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn line_ranges_are_the_lines_without_breaks() {
        for text in ["", "a", "a\n", "\n\n", "§ 1\n(1) Satz.\n\n(2) Ä", "x\ny"] {
            let index = LineIndex::new(text);
            let mut start = 0;
            let want: Vec<(usize, usize)> = text
                .split('\n')
                .map(|line| {
                    let range = (start, start + line.len());
                    start += line.len() + 1;
                    range
                })
                .collect();
            assert_eq!(index.line_ranges().collect::<Vec<_>>(), want, "{text:?}");
        }
    }

    #[test]
    fn line_and_column_count_characters() {
        let t = "§ 3a – Ä\n„schriftlich“ 😀 x";
        let idx = LineIndex::new(t);
        let x = t.find('x').unwrap();
        assert_eq!(idx.line_col(t, x), LineCol { line: 2, column: 17 });
        assert_eq!(idx.utf16_column(t, x), 17); // the emoji counts two units
        assert_eq!(idx.line_col(t, 0), LineCol { line: 1, column: 1 });
    }

    proptest! {
        #[test]
        fn counting_in_words_equals_counting_chars(s in "(\\PC|😀|ß|„|a){0,3000}") {
            let (chars, wide) = count_chars(s.as_bytes());
            prop_assert_eq!(chars, s.chars().count());
            prop_assert_eq!(wide, s.chars().filter(|c| c.len_utf8() == 4).count());
            prop_assert_eq!(utf16_len(&s), s.encode_utf16().count());
        }

        #[test]
        fn conversions_round_trip(s in "(\\PC|\n|😀|„|ß){0,600}", pick in 0usize..1000) {
            let idx = LineIndex::new(&s);
            let boundaries: Vec<usize> = s.char_indices().map(|(i, _)| i).chain([s.len()]).collect();
            let b = boundaries[pick % boundaries.len()];
            let u = idx.utf16_offset(&s, b);
            prop_assert_eq!(u, s[..b].encode_utf16().count());
            prop_assert_eq!(idx.byte_of_utf16(&s, u), b);
            let lc = idx.line_col(&s, b);
            prop_assert_eq!(lc.line, s[..b].matches('\n').count() + 1);
            prop_assert_eq!(idx.byte_of_line_col(&s, lc), b);
            let line_start = idx.line_start(lc.line).unwrap();
            prop_assert_eq!(idx.byte_of_lsp_position(&s, lc.line - 1, idx.utf16_column(&s, b)), b);
            prop_assert!(line_start <= b);
        }
    }
}
