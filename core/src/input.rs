//! Turning the bytes of a file into a [`SourceText`].
//!
//! The format is recognised by content first (a zip with `word/document.xml`, `%PDF`, an XML root),
//! by extension second, so that a mis-named file is still read correctly. Each format reader builds
//! its own origin map, so positions in findings point back into the original file. Plain text is
//! accepted as UTF-8 (with or without BOM), UTF-16 with BOM, and Windows-1252/Latin-1 (still common
//! for texts exported from older Word versions); anything that looks binary is refused with a clear
//! error rather than checked as garbage.

use crate::source::SourceText;
use std::fmt;

/// Formats Digi-Check recognises.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Docx,
    Pdf,
    Xml,
}

impl Format {
    pub fn label(self) -> &'static str {
        match self {
            Format::Text => "Text",
            Format::Markdown => "Markdown",
            Format::Docx => "Word (DOCX)",
            Format::Pdf => "PDF",
            Format::Xml => "XML",
        }
    }
}

/// Limits that keep a hostile input from exhausting memory or time.
#[derive(Debug, Clone)]
pub struct InputLimits {
    /// Largest input accepted, in bytes.
    pub max_bytes: usize,
}

impl Default for InputLimits {
    fn default() -> Self {
        InputLimits { max_bytes: 256 * 1024 * 1024 }
    }
}

/// Why an input could not be read; the message names the problem in German, the file is added by
/// [`InputError`]'s `Display`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    pub file: String,
    pub problem: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file, self.problem)
    }
}

impl std::error::Error for InputError {}

fn error(file: &str, problem: impl Into<String>) -> InputError {
    InputError { file: file.to_string(), problem: problem.into() }
}

/// Recognises the format from the first bytes and, failing that, the file name.
pub fn detect_format(name: &str, bytes: &[u8]) -> Format {
    if bytes.starts_with(b"PK\x03\x04") {
        return Format::Docx;
    }
    if bytes.starts_with(b"%PDF") {
        return Format::Pdf;
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]);
    let head = head.trim_start_matches('\u{FEFF}').trim_start();
    if head.starts_with("<?xml") || head.starts_with("<akn:") || head.starts_with("<akomaNtoso") {
        return Format::Xml;
    }
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".md") || lower.ends_with(".markdown") {
        Format::Markdown
    } else {
        Format::Text
    }
}

/// Reads one input into normalised text.
pub fn read(name: &str, bytes: &[u8], limits: &InputLimits) -> Result<SourceText, InputError> {
    if bytes.len() > limits.max_bytes {
        return Err(error(
            name,
            format!(
                "Datei ist {} MB groß; erlaubt sind höchstens {} MB (Grenze einstellbar)",
                bytes.len() / (1024 * 1024),
                limits.max_bytes / (1024 * 1024)
            ),
        ));
    }
    match detect_format(name, bytes) {
        Format::Text => decode_text(name, bytes),
        Format::Markdown => decode_text(name, bytes).map(|s| markdown_to_text(name, &s)),
        other => Err(error(
            name,
            format!("das Format {} wird von dieser Version noch nicht gelesen; bitte als Text speichern", other.label()),
        )),
    }
}

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
        Ok(s) => check_textual(name, SourceText::from_utf8(name, s)),
        Err(e) => {
            if looks_binary(bytes) {
                return Err(error(
                    name,
                    format!("keine Textdatei (Binärdaten ab Byte {}); erwartet wird Text, DOCX, PDF oder XML", e.valid_up_to()),
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
    let controls = sample
        .iter()
        .filter(|&&b| b == 0 || (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C)))
        .count();
    sample.contains(&0) || controls * 100 > sample.len()
}

fn check_textual(name: &str, source: SourceText) -> Result<SourceText, InputError> {
    let text = source.text();
    let sample: String = text.chars().take(64 * 1024).collect();
    if sample.contains('\0') {
        return Err(error(name, "keine Textdatei (enthält Null-Zeichen)"));
    }
    let replacement = sample.chars().filter(|&c| c == '\u{FFFD}').count();
    if replacement * 100 > sample.chars().count().max(1) {
        return Err(error(name, "Text ist beschädigt (viele ungültige Zeichen)"));
    }
    Ok(source)
}

/// Blanks Markdown markup that would confuse the structure parser (heading hashes, emphasis
/// markers, block quotes) with spaces of the same length, so offsets stay those of the file.
fn markdown_to_text(name: &str, source: &SourceText) -> SourceText {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_windows_1252() {
        let bytes = b"\x84schriftlich\x93 \xfcber \xe4";
        let s = decode_text("a.txt", bytes).unwrap();
        assert_eq!(s.text(), "„schriftlich“ über ä");
        let u = s.text().find("über").unwrap();
        assert_eq!(s.original_offset(u), 14); // one byte per character in Windows-1252
    }

    #[test]
    fn reads_utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "§ 1 Schriftform".encode_utf16() {
            bytes.extend(u.to_le_bytes());
        }
        let s = decode_text("a.txt", &bytes).unwrap();
        assert_eq!(s.text(), "§ 1 Schriftform");
        assert_eq!(s.original_offset(s.text().find('S').unwrap()), 2 + 2 * 4);
    }

    #[test]
    fn refuses_binary_with_file_name() {
        let e = decode_text("bild.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap_err();
        assert!(e.to_string().starts_with("bild.png: keine Textdatei"), "{e}");
    }

    #[test]
    fn detects_by_content() {
        assert_eq!(detect_format("x.txt", b"%PDF-1.7"), Format::Pdf);
        assert_eq!(detect_format("x.txt", b"PK\x03\x04...."), Format::Docx);
        assert_eq!(detect_format("x.txt", b"\xef\xbb\xbf<?xml version"), Format::Xml);
        assert_eq!(detect_format("x.md", b"# Titel"), Format::Markdown);
    }

    #[test]
    fn markdown_keeps_offsets() {
        let s = read("a.md", "## § 1 Zweck\n\n**(1)** Text".as_bytes(), &InputLimits::default()).unwrap();
        assert_eq!(s.text(), "   § 1 Zweck\n\n  (1)   Text");
    }
}
