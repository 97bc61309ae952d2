//! Plain text and Markdown: decoding the bytes, refusing what is not text.

use super::{error, InputError};
use crate::source::SourceText;

/// Decodes plain text: UTF-8, UTF-16 with BOM, or Windows-1252.
pub fn decode_text(name: &str, bytes: &[u8]) -> Result<SourceText, InputError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        let enc = if bytes[0] == 0xFF { encoding_rs::UTF_16LE } else { encoding_rs::UTF_16BE };
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[2..]);
        if had_errors {
            return Err(error(name, "ungültiges UTF-16 (Byte-Reihenfolge-Marke vorhanden, Inhalt beschädigt)"));
        }
        // Original offsets: two bytes per UTF-16 unit after the BOM.
        let mut pos = 2;
        let chars: Vec<(usize, char)> = text
            .chars()
            .map(|c| {
                let at = pos;
                pos += 2 * c.len_utf16();
                (at, c)
            })
            .collect();
        return check_textual(name, SourceText::from_chars(name, chars, bytes.len()));
    }
    match super::utf8::from_utf8(bytes) {
        // Null characters are valid UTF-8 but never text; normalisation would hide them, so look
        // at the raw bytes.
        Ok(_) if memchr::memchr(0, &bytes[..bytes.len().min(64 * 1024)]).is_some() => {
            Err(error(name, "keine Textdatei (enthält Null-Zeichen)"))
        }
        Ok(s) => check_textual(name, SourceText::from_utf8(name, s)),
        Err(e) => {
            if looks_binary(bytes) {
                return Err(error(
                    name,
                    format!(
                        "keine Textdatei (Binärdaten ab Byte {}); erwartet wird Text, DOCX, PDF oder XML",
                        e.valid_up_to()
                    ),
                ));
            }
            // Windows-1252 maps every byte to one character; keep byte offsets as original offsets.
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            let chars: Vec<(usize, char)> = text.chars().enumerate().collect();
            check_textual(name, SourceText::from_chars(name, chars, bytes.len()))
        }
    }
}

fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    let controls =
        sample.iter().filter(|&&b| b == 0 || (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C))).count();
    sample.contains(&0) || controls * 100 > sample.len()
}

pub(super) fn check_textual(name: &str, source: SourceText) -> Result<SourceText, InputError> {
    const SAMPLE_CHARS: usize = 64 * 1024;
    let text = source.text();
    // 64 Ki characters take at most four times as many bytes: without a null or a replacement
    // character in that window there is none in the sample, and the sample's end need not be
    // found (counting 64 Ki characters of each long law was half of this check).
    let window = &text.as_bytes()[..text.len().min(4 * SAMPLE_CHARS)];
    if memchr::memchr(0, window).is_none() && memchr::memmem::find(window, "\u{FFFD}".as_bytes()).is_none() {
        return Ok(source);
    }
    // The first 64 Ki characters, looked at as bytes.
    let sample = &text.as_bytes()[..nth_char_offset(text, SAMPLE_CHARS)];
    if memchr::memchr(0, sample).is_some() {
        return Err(error(name, "keine Textdatei (enthält Null-Zeichen)"));
    }
    let replacement = memchr::memmem::find_iter(sample, "\u{FFFD}".as_bytes()).count();
    // Without a replacement character there is nothing to compare; the characters are counted only
    // when there is.
    if replacement > 0 {
        let chars = crate::source::offsets::count_chars(sample).0;
        if replacement * 100 > chars.max(1) {
            return Err(error(name, "Text ist beschädigt (viele ungültige Zeichen)"));
        }
    }
    Ok(source)
}

/// Byte offset of character number `n` (0-based) of `text`, or its length if it has no more
/// characters: `text.char_indices().nth(n)`, but counting characters a block at a time.
fn nth_char_offset(text: &str, n: usize) -> usize {
    const BLOCK: usize = 4096;
    if text.len() <= n {
        return text.len();
    }
    let (mut pos, mut chars) = (0, 0);
    while pos < text.len() {
        let mut end = (pos + BLOCK).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        let block = crate::source::offsets::count_chars(&text.as_bytes()[pos..end]).0;
        if chars + block > n {
            return text[pos..].char_indices().nth(n - chars).map_or(text.len(), |(i, _)| pos + i);
        }
        chars += block;
        pos = end;
    }
    text.len()
}

/// Blanks Markdown markup that would confuse the structure parser (heading hashes, block quotes,
/// list bullets, emphasis markers) with spaces of the same length, so offsets stay those of the
/// file. A bullet „- “, „* “ or „+ “ before an Absatz „(1)“ or a Nummer „2.1“ is markup, not text:
/// Markdown exports of law put every Absatz in a list. Front matter and tables are left as they
/// are; the structure parser knows them, except that the bars around a number in the first cell
/// of a table row („| 8.1 | Amtliche Beglaubigung … | 10 € |“, the rows of a Gebührenverzeichnis)
/// are blanked too, so the row reads as the numbered entry it is.
pub(super) fn markdown_to_text(name: &str, source: &SourceText) -> SourceText {
    // Every character blanked is ASCII and becomes one ASCII space, and ASCII bytes never occur
    // inside a multi-byte character: the work is done on bytes, the text stays valid UTF-8.
    let text = source.text();
    let mut out = text.as_bytes().to_vec();
    let mut headings = Vec::new();
    let mut start = 0;
    let mut number: u32 = 0;
    while start < out.len() {
        let end = memchr::memchr(b'\n', &out[start..]).map_or(out.len(), |i| start + i);
        let line = &mut out[start..end];
        let indent = line.iter().take_while(|&&b| b == b' ' || b == b'\t').count();
        let markers = line[indent..].iter().take_while(|&&b| b == b'#' || b == b'>').count();
        if line.get(indent) == Some(&b'#') {
            let level = line[indent..indent + markers].iter().take_while(|&&b| b == b'#').count();
            headings.push((number, u8::try_from(level).unwrap_or(u8::MAX)));
        } else if is_bold_line(&line[indent..]) {
            headings.push((number, crate::structure::BOLD_LEVEL));
        }
        line[indent..indent + markers].fill(b' ');
        let mut body = indent + markers;
        body += line[body..].iter().take_while(|&&b| b == b' ').count();
        // A list bullet after the markers and their spaces.
        if matches!(line.get(body..body + 2), Some([b'-' | b'*' | b'+', b' '])) {
            line[body] = b' ';
            body += 1;
        }
        if let Some((a, b)) = std::str::from_utf8(&line[body..]).ok().and_then(numbered_table_row) {
            line[body + a] = b' ';
            line[body + b] = b' ';
        }
        for b in &mut line[body..] {
            if matches!(*b, b'*' | b'_' | b'`') {
                *b = b' ';
            }
        }
        start = end + 1;
        number = number.saturating_add(1);
    }
    let out = String::from_utf8(out).expect("ASCII replaced by ASCII keeps UTF-8 valid");
    // Same byte length as the normalised text: the origin map still applies unchanged.
    SourceText::from_parts(name, out, source.origin().clone()).with_leveled_headings(headings)
}

/// Whether a line (without its indent) is one bold span and nothing else: „**3. Vergütungen**“,
/// not „**6.5.1** Bei einzelnen Maßnahmen …“ or „**a)** und **b)**“.
fn is_bold_line(line: &[u8]) -> bool {
    let line = line.trim_ascii_end();
    line.len() > 4 && line.starts_with(b"**") && line.ends_with(b"**") && memchr::memmem::find(&line[2..line.len() - 2], b"**").is_none()
}

/// The positions of the two bars around the first cell of a table row, if that cell holds only a
/// number such as „8“, „8.1“ or „8.1.“.
fn numbered_table_row(row: &str) -> Option<(usize, usize)> {
    let rest = row.strip_prefix('|')?;
    let close = rest.find('|')? + 1;
    let cell = row[1..close].trim_matches([' ', '*', '_']).trim_end_matches('.');
    let numeric = !cell.is_empty()
        && cell.len() <= 12
        && cell.split('.').all(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()));
    numeric.then_some((0, close))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_bullets_and_numbered_rows_are_blanked() {
        let md = "- (1) Text\n  * 2.1 Text\n| 8.1 | Beglaubigung | 10 € |\n| Nr. | Leistung |\n";
        let s = markdown_to_text("a.md", &SourceText::from_utf8("a.md", md));
        assert_eq!(s.text(), "  (1) Text\n    2.1 Text\n  8.1   Beglaubigung | 10 € |\n| Nr. | Leistung |\n");
    }

    /// Headings keep their level; a line set wholly in bold is a heading below them all, a line
    /// that only begins in bold is not.
    #[test]
    fn markdown_headings_and_bold_lines_keep_their_level() {
        let md = "## Teil\n\n### VwV zu § 2\n\n**3. Vergütungen**\n\n**6.5.1** Bei einzelnen Maßnahmen gilt:\n\n**a)** und **b)**\n";
        let s = markdown_to_text("a.md", &SourceText::from_utf8("a.md", md));
        assert_eq!(s.heading_lines(), [0, 2, 4]);
        assert_eq!(s.heading_levels(), [2, 3, crate::structure::BOLD_LEVEL]);
        assert!(!is_bold_line(b"****"));
    }

    proptest::proptest! {
        #[test]
        fn nth_char_offset_equals_char_indices(s in "(\\PC|😀|ß|„|a){0,9000}", n in 0usize..10_000) {
            let expected = s.char_indices().nth(n).map_or(s.len(), |(i, _)| i);
            proptest::prop_assert_eq!(nth_char_offset(&s, n), expected);
            let m = s.chars().count();
            for k in [m.saturating_sub(1), m, m + 1] {
                proptest::prop_assert_eq!(nth_char_offset(&s, k), s.char_indices().nth(k).map_or(s.len(), |(i, _)| i));
            }
        }
    }

    #[test]
    fn damaged_and_null_texts_are_refused_only_in_the_sample() {
        let bad = "\u{FFFD}".repeat(10) + &"a".repeat(500);
        assert!(decode_text("a.txt", bad.as_bytes()).unwrap_err().problem.starts_with("Text ist beschädigt"));
        let fine = "\u{FFFD}".to_string() + &"a".repeat(500);
        assert!(decode_text("a.txt", fine.as_bytes()).is_ok());
        // Past the first 64 Ki characters (here: three-byte characters) nothing is counted.
        let late = "„".repeat(64 * 1024) + &"\u{FFFD}".repeat(5000);
        assert!(decode_text("a.txt", late.as_bytes()).is_ok());
        let early = "„".repeat(64 * 1024 - 4000) + &"\u{FFFD}".repeat(5000);
        assert!(decode_text("a.txt", early.as_bytes()).is_err());
    }
}
