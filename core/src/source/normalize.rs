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

/// Fast path for UTF-8 input: copies runs of bytes that need no change and looks only at the
/// bytes that can start a character normalisation touches (CR, controls, and the lead bytes of
/// no-break spaces, soft hyphens, zero-width characters and the BOM). Same result as
/// [`normalize`] over `raw.char_indices()`.
pub fn normalize_str(raw: &str) -> (String, OriginMap) {
    let bytes = raw.as_bytes();
    let mut out = String::with_capacity(raw.len());
    let mut origin = OriginMap::default();
    let mut run_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let interesting = match b {
            b'\n' | b'\t' => false,
            0..=0x1F | 0x7F => true,
            0xC2 | 0xE2 | 0xE3 | 0xEF => true,
            _ => false,
        };
        if !interesting {
            i += 1;
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
        }
        i += consumed;
        run_start = i;
        origin.record(out.len(), i);
    }
    out.push_str(&raw[run_start..]);
    origin.record(out.len(), raw.len());
    origin.shrink();
    (out, origin)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        normalize(s.char_indices(), s.len()).0
    }

    proptest::proptest! {
        #[test]
        fn fast_path_equals_general_path(s in "(\\PC|\r\n|\r|\u{A0}|\u{AD}|\u{FEFF}|\u{200B}|\u{2028}|–|„|\u{1}){0,200}") {
            let (a, oa) = normalize(s.char_indices(), s.len());
            let (b, ob) = normalize_str(&s);
            proptest::prop_assert_eq!(&a, &b);
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
