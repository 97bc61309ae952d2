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
    match std::str::from_utf8(bytes) {
        // Null characters are valid UTF-8 but never text; normalisation would hide them, so look
        // at the raw bytes.
        Ok(_) if bytes[..bytes.len().min(64 * 1024)].contains(&0) => {
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

fn check_textual(name: &str, source: SourceText) -> Result<SourceText, InputError> {
    const SAMPLE_CHARS: usize = 64 * 1024;
    let text = source.text();
    // The first 64 Ki characters, looked at as bytes.
    let end = if text.len() <= SAMPLE_CHARS { text.len() } else { text.char_indices().nth(SAMPLE_CHARS).map_or(text.len(), |(i, _)| i) };
    let sample = &text.as_bytes()[..end];
    if memchr::memchr(0, sample).is_some() {
        return Err(error(name, "keine Textdatei (enthält Null-Zeichen)"));
    }
    let replacement = memchr::memmem::find_iter(sample, "\u{FFFD}".as_bytes()).count();
    let chars = sample.iter().filter(|&&b| (b as i8) >= -0x40).count();
    if replacement * 100 > chars.max(1) {
        return Err(error(name, "Text ist beschädigt (viele ungültige Zeichen)"));
    }
    Ok(source)
}

/// Blanks Markdown markup that would confuse the structure parser (heading hashes, emphasis
/// markers, block quotes) with spaces of the same length, so offsets stay those of the file.
pub(super) fn markdown_to_text(name: &str, source: &SourceText) -> SourceText {
    let mut out = String::with_capacity(source.text().len());
    for line in source.text().split_inclusive('\n') {
        let trimmed = line.trim_start_matches(['#', '>']);
        let markers = line.len() - trimmed.len();
        out.extend(std::iter::repeat_n(' ', markers));
        for c in trimmed.chars() {
            out.push(if matches!(c, '*' | '_' | '`') { ' ' } else { c });
        }
    }
    // Same byte length as the normalised text: the origin map still applies unchanged.
    SourceText::from_parts(name, out, source.origin().clone())
}
