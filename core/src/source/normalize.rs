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

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        normalize(s.char_indices(), s.len()).0
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
