//! Normalisation of decoded input into the text all stages read.
//!
//! What changes: a leading BOM is dropped; CRLF and lone CR become LF; no-break, narrow and other
//! fixed-width spaces become a plain space; soft hyphens, zero-width spaces/joiners and other
//! format characters are dropped; form feeds become LF; other control characters except tab become a
//! space. What stays: dashes („–“, „—“, „‑“) and quotes („…“, "…", ‚…‘) are kept as written — rules
//! and the amendment parser understand them — because changing them would change what the drafter
//! reads in quotations and fixes.

use super::origin::OriginMap;

/// What to do with one input character: the replacement, or `None` to drop it. Structured readers
/// (DOCX, PDF, XML) call this per character so their text is normalised like plain text.
pub(crate) fn map_char(c: char) -> Option<char> {
    match c {
        '\u{FEFF}' | '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{200E}' | '\u{200F}' => None,
        '\u{00A0}' | '\u{2007}' | '\u{202F}' | '\u{2000}'..='\u{200A}' | '\u{205F}' | '\u{3000}' => Some(' '),
        '\u{000C}' | '\u{000B}' | '\u{2028}' | '\u{2029}' | '\u{0085}' => Some('\n'),
        '\t' | '\n' => Some(c),
        c if c.is_control() => Some(' '),
        c => Some(c),
    }
}

/// Normalises `(original offset, char)` pairs into a string and the map from its byte offsets back
/// to original offsets. `original_len` is the length of the original, the position of the end.
pub fn normalize(chars: impl IntoIterator<Item = (usize, char)>, original_len: usize) -> (String, OriginMap) {
    let mut out = String::new();
    let mut origin = OriginMap::default();
    let mut iter = chars.into_iter().peekable();
    while let Some((orig, c)) = iter.next() {
        let mapped = if c == '\r' {
            // CRLF or lone CR: one LF, anchored at the CR.
            if matches!(iter.peek(), Some((_, '\n'))) {
                iter.next();
            }
            Some('\n')
        } else {
            map_char(c)
        };
        if let Some(m) = mapped {
            origin.record(out.len(), orig);
            out.push(m);
        }
    }
    origin.record(out.len(), original_len);
    origin.shrink();
    (out, origin)
}

/// Bytes that can start a character normalisation touches: controls except tab and line feed,
/// DEL, and the lead bytes of no-break spaces, soft hyphens, zero-width characters and the BOM.
const MAY_CHANGE: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = b != b'\n' as usize && b != b'\t' as usize;
        b += 1;
    }
    t[0x7F] = true;
    t[0xC2] = true;
    t[0xE2] = true;
    t[0xE3] = true;
    t[0xEF] = true;
    t
};

/// True if the character starting at `bytes[i]` (a [`MAY_CHANGE`] lead byte) is one that
/// normalisation certainly keeps: `§`, `„`, `“`, `–` and their neighbours, which German legal text
/// is full of. Everything else is decided by [`map_char`].
fn surely_kept(bytes: &[u8], i: usize) -> bool {
    let next = |k: usize| bytes.get(i + k).copied().unwrap_or(0);
    match bytes[i] {
        // U+00A1..U+00BF except the soft hyphen (U+00AD).
        0xC2 => next(1) > 0xA0 && next(1) != 0xAD,
        // U+2010..U+2027 and U+2030..U+203F: dashes, quotation marks, bullets, per mille.
        0xE2 => match next(1) {
            0x80 => matches!(next(2), 0x90..=0xA7 | 0xB0..=0xBF),
            0x81 => false,
            _ => true,
        },
        0xE3 => !(next(1) == 0x80 && next(2) == 0x80),
        0xEF => !(next(1) == 0xBB && next(2) == 0xBF),
        _ => false,
    }
}

/// Bit 7 of each byte of `x` (eight bytes of text) that is a control character, DEL or not ASCII.
/// Only the lowest flagged byte is exact: borrows and carries run upwards from it.
fn flags(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let below_space = x.wrapping_sub(ONES * 0x20) & !x & (ONES * 0x80);
    // Without a high byte there is no carry, and only DEL (0x7F) + 1 sets bit 7.
    let del_or_high = (x.wrapping_add(ONES) | x) & (ONES * 0x80);
    below_space | del_or_high
}

/// Fast path for UTF-8 input: copies runs of bytes that need no change and looks only at the
/// bytes that can start a character normalisation touches. Same result as [`normalize`] over
/// `raw.char_indices()`, and the starts of the result's lines (0 and the offset after each line
/// feed, what [`super::LineIndex::new`] finds): the loop stops at every line feed anyway (it is a
/// control character), so noting it there spares the index a search of its own over the text.
pub fn normalize_str(raw: &str) -> (String, OriginMap, Vec<usize>) {
    let bytes = raw.as_bytes();
    let mut out = String::with_capacity(raw.len());
    let mut origin = OriginMap::default();
    let mut line_starts = Vec::with_capacity(bytes.len() / 64 + 1);
    line_starts.push(0);
    let mut run_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Eight plain ASCII bytes (no control character, no lead byte) at a time.
        if let Some(w) = bytes.get(i..i + 8) {
            let flagged = flags(u64::from_le_bytes(w.try_into().expect("eight bytes")));
            if flagged == 0 {
                i += 8;
                continue;
            }
            // The lowest flagged byte is exact (borrows and carries only run upwards from a
            // flagged byte); the plain bytes before it need no look.
            i += (flagged.trailing_zeros() / 8) as usize;
        }
        let b = bytes[i];
        if !MAY_CHANGE[b as usize] {
            // A character normalisation keeps (a line feed, a tab, „ä“): passed whole. Its
            // continuation bytes can begin nothing normalisation touches. A line feed kept lies
            // in the run still to be copied, at the same distance from its start.
            if b == b'\n' {
                line_starts.push(out.len() + (i - run_start) + 1);
            }
            i += match b {
                0xC0..=0xDF => 2,
                0xE0..=0xEF => 3,
                0xF0..=0xFF => 4,
                _ => 1,
            };
            continue;
        }
        if surely_kept(bytes, i) {
            i += if bytes[i] == 0xC2 { 2 } else { 3 };
            continue;
        }
        let c = raw[i..].chars().next().expect("char boundary");
        let len = c.len_utf8();
        let (mapped, consumed) = if c == '\r' {
            (Some('\n'), if bytes.get(i + 1) == Some(&b'\n') { 2 } else { 1 })
        } else {
            (map_char(c), len)
        };
        if mapped == Some(c) {
            i += len;
            continue;
        }
        out.push_str(&raw[run_start..i]);
        if let Some(m) = mapped {
            out.push(m);
            if m == '\n' {
                line_starts.push(out.len());
            }
        }
        i += consumed;
        run_start = i;
        origin.record(out.len(), i);
    }
    out.push_str(&raw[run_start..]);
    origin.record(out.len(), raw.len());
    origin.shrink();
    (out, origin, line_starts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        normalize(s.char_indices(), s.len()).0
    }

    proptest::proptest! {
        #[test]
        fn fast_path_equals_general_path(s in "(\\PC|\r\n|\r|\u{A0}|\u{AD}|\u{FEFF}|\u{200B}|\u{2028}|\u{2029}|\u{202F}|\u{205F}|\u{2060}|\u{3000}|\u{85}|\u{9F}|§|–|„|“|‰|\u{1}){0,200}") {
            let (a, oa) = normalize(s.char_indices(), s.len());
            let (b, ob, starts) = normalize_str(&s);
            proptest::prop_assert_eq!(&a, &b);
            let want: Vec<usize> = [0].into_iter().chain(b.match_indices('\n').map(|(k, _)| k + 1)).collect();
            proptest::prop_assert_eq!(starts, want);
            for k in a.char_indices().map(|(k, _)| k).chain([a.len()]) {
                proptest::prop_assert_eq!(oa.original(k), ob.original(k), "offset {}", k);
            }
        }
    }

    #[test]
    fn normalises_whitespace_and_invisibles() {
        assert_eq!(norm("\u{FEFF}a\r\nb\rc"), "a\nb\nc");
        assert_eq!(norm("§\u{00A0}3a"), "§ 3a");
        assert_eq!(norm("Schrift\u{00AD}form"), "Schriftform");
        assert_eq!(norm("10\u{202F}000"), "10 000");
    }

    #[test]
    fn keeps_quotes_and_dashes() {
        assert_eq!(norm("„schriftlich“ – ‚x‘"), "„schriftlich“ – ‚x‘");
    }

    #[test]
    fn maps_back_to_original_bytes() {
        let raw = "\u{FEFF}§\u{00A0}3a\r\nText";
        let (text, origin) = normalize(raw.char_indices(), raw.len());
        let t = text.find("Text").unwrap();
        assert_eq!(origin.original(t), raw.find("Text").unwrap());
        assert_eq!(origin.original(text.find('3').unwrap()), raw.find('3').unwrap());
        assert_eq!(origin.original(text.len()), raw.len());
    }
}
