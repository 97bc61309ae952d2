//! Turning the bytes of a file into a [`SourceText`].
//!
//! The format is recognised by content first (a zip with `word/document.xml`, `%PDF`, an XML root),
//! by extension second, so that a mis-named file is still read correctly. Each format reader renders
//! its format into the plain-text layout the structure parser reads (one paragraph per line, a blank
//! line between blocks) and builds its own origin map and anchors, so positions in findings point back
//! into the original file: a Word paragraph and run ([`docx`]), a PDF page and line ([`pdf`]), a
//! LegalDocML.de eId ([`ldml`]). Plain text ([`text`]) is accepted as UTF-8 (with or without BOM),
//! UTF-16 with BOM, and Windows-1252/Latin-1 (still common for texts exported from older Word
//! versions); anything that looks binary is refused with a clear error rather than checked as garbage.
//!
//! Every reader runs under [`InputLimits`], so a hostile file (zip bomb, entity bomb, absurd nesting,
//! thousands of pages) ends in an [`InputError`] naming the file and the problem, never in a crash.
//! Word and PDF support are the cargo features `docx` and `pdf` (on by default), so that a WebAssembly
//! or fuzzing build can leave their dependencies out.

mod builder;
#[cfg(feature = "docx")]
pub mod docx;
pub mod furniture;
#[cfg(any(feature = "docx", feature = "pdf"))]
mod guard;
pub mod ldml;
#[cfg(feature = "pdf")]
pub mod pdf;
mod text;
mod utf8;
#[cfg(feature = "docx")]
pub(crate) mod zip_guard;

use crate::source::SourceText;
use std::fmt;

pub use text::decode_text;

/// Formats Digi-Check recognises.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Docx,
    Pdf,
    Xml,
    /// An OLE compound file: a Word 97–2003 `.doc` or an Office document saved with a password.
    /// Recognised only to say clearly why it cannot be read.
    OleCompound,
    /// A zip archive without `word/document.xml` (an ODT, an XLSX, a plain archive).
    OtherZip,
}

impl Format {
    pub fn label(self) -> &'static str {
        match self {
            Format::Text => "Text",
            Format::Markdown => "Markdown",
            Format::Docx => "Word (DOCX)",
            Format::Pdf => "PDF",
            Format::Xml => "XML",
            Format::OleCompound => "Word 97–2003 oder kennwortgeschütztes Office-Dokument",
            Format::OtherZip => "ZIP-Archiv",
        }
    }
}

/// Limits that keep a hostile input from exhausting memory, time or stack. The defaults are far
/// above any real draft (the largest LegalDocML.de sample is 4 MB and 30 levels deep; a long
/// Gesetzentwurf with Begründung has a few hundred pages) and far below what would hurt a machine.
#[derive(Debug, Clone)]
pub struct InputLimits {
    /// Largest input file accepted, in bytes (default 256 MiB).
    pub max_bytes: usize,
    /// Largest total size of all entries of a DOCX zip after inflating, in bytes (default 128
    /// MiB). Counted while inflating, not taken from the zip directory, which can lie: this is
    /// what stops a zip bomb.
    pub max_unzipped_bytes: usize,
    /// Most entries a DOCX zip may have (default 5,000; Word writes a few dozen).
    pub max_zip_entries: usize,
    /// Deepest element nesting accepted in LegalDocML.de and in the XML parts of a DOCX (default
    /// 256). Readers recurse over the tree; this bounds their stack use.
    pub max_xml_depth: usize,
    /// Most pages read from a PDF (default 3,000).
    pub max_pdf_pages: usize,
    /// Longest line accepted, in bytes (default 1 MiB). Every reader renders one paragraph per
    /// line; the longest paragraph of a real draft is a few kilobytes. A 100 MB file without a
    /// line break is refused before it is decoded.
    pub max_line_bytes: usize,
}

impl Default for InputLimits {
    fn default() -> Self {
        InputLimits {
            max_bytes: 256 * 1024 * 1024,
            max_unzipped_bytes: 128 * 1024 * 1024,
            max_zip_entries: 5_000,
            max_xml_depth: 256,
            max_pdf_pages: 3_000,
            max_line_bytes: 1024 * 1024,
        }
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

pub(crate) fn error(file: &str, problem: impl Into<String>) -> InputError {
    InputError { file: file.to_string(), problem: problem.into() }
}

/// Recognises the format from the first bytes and, failing that, the file name.
pub fn detect_format(name: &str, bytes: &[u8]) -> Format {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return if zip_has_word_document(bytes) { Format::Docx } else { Format::OtherZip };
    }
    if bytes.starts_with(b"%PDF") {
        return Format::Pdf;
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Format::OleCompound;
    }
    if looks_like_xml(bytes) {
        return Format::Xml;
    }
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".md") || lower.ends_with(".markdown") {
        Format::Markdown
    } else {
        Format::Text
    }
}

/// An XML declaration or a LegalDocML.de root after an optional BOM, whitespace and comments.
fn looks_like_xml(bytes: &[u8]) -> bool {
    let bytes = &bytes[..bytes.len().min(4096)];
    // Nearly every input is text whose first character, after byte order marks and ASCII
    // whitespace, is an ASCII character other than „<“: it is not XML, and the head need not be
    // decoded (that was 1 % of checking the federal laws). Anything else is decided below.
    let mut i = 0;
    while bytes[i..].starts_with(BOM) {
        i += BOM.len();
    }
    while i < bytes.len() && bytes[i].is_ascii_whitespace() {
        i += 1;
    }
    if bytes.get(i).is_some_and(|&b| b.is_ascii() && b != b'<' && !is_other_ascii_space(b)) {
        return false;
    }
    head_is_xml(&String::from_utf8_lossy(bytes))
}

/// Whether a decoded head, after a byte order mark, spaces and comments, opens an XML document.
fn head_is_xml(head: &str) -> bool {
    let mut head = head.trim_start_matches('\u{FEFF}').trim_start();
    while let Some(rest) = head.strip_prefix("<!--") {
        match rest.find("-->") {
            Some(end) => head = rest[end + 3..].trim_start(),
            None => return true,
        }
    }
    head.starts_with("<?xml") || head.starts_with("<akn:") || head.starts_with("<akomaNtoso")
}

const BOM: &[u8] = "\u{FEFF}".as_bytes();

/// ASCII characters that `char::is_whitespace` takes for whitespace but `u8::is_ascii_whitespace`
/// does not (the vertical tab).
fn is_other_ascii_space(b: u8) -> bool {
    b == 0x0B
}

/// Does a zip's central directory name `word/document.xml`? A cheap byte search: the names are
/// stored uncompressed. A truncated zip whose directory is lost is still treated as Word when its
/// first local entry names a Word part, so the reader can say that the file is damaged.
fn zip_has_word_document(bytes: &[u8]) -> bool {
    let needles: [&[u8]; 2] = [b"word/document.xml", b"[Content_Types].xml"];
    let found = |n: &[u8]| bytes.windows(n.len()).any(|w| w == n);
    found(needles[0]) || (found(needles[1]) && bytes.windows(5).any(|w| w == b"word/"))
}

/// Reads one input into normalised text.
pub fn read(name: &str, bytes: &[u8], limits: &InputLimits) -> Result<SourceText, InputError> {
    if bytes.len() > limits.max_bytes {
        return Err(error(
            name,
            format!(
                "Datei ist {} groß; erlaubt sind höchstens {} (Grenze einstellbar)",
                size_label(bytes.len()),
                size_label(limits.max_bytes)
            ),
        ));
    }
    if bytes.is_empty() {
        return Err(error(name, "Datei ist leer"));
    }
    let format = detect_format(name, bytes);
    if matches!(format, Format::Text | Format::Markdown) {
        // Before decoding: a huge single line should cost a scan, not a decoded copy.
        check_line_length(name, bytes, limits)?;
    }
    let source = match format {
        Format::Text => text::decode_text(name, bytes),
        Format::Markdown => text::decode_text(name, bytes).map(|s| text::markdown_to_text(name, &s)),
        Format::Xml => ldml::read(name, bytes, limits),
        Format::Docx => read_docx(name, bytes, limits),
        Format::Pdf => read_pdf(name, bytes, limits),
        Format::OleCompound => Err(error(
            name,
            "altes Word-Format (.doc, Word 97–2003) oder kennwortgeschütztes Office-Dokument; bitte ohne Kennwort als .docx speichern",
        )),
        Format::OtherZip => Err(error(
            name,
            "ZIP-Archiv, aber kein Word-Dokument (word/document.xml fehlt); erwartet wird DOCX, PDF, XML oder Text",
        )),
    }?;
    // After rendering: a Word paragraph or XML element can become one huge line as well.
    check_read_line_length(name, &source, limits)?;
    Ok(source)
}

/// Reads text that is already decoded — an editor buffer, a string from JavaScript — without the
/// byte decoders and the Word and PDF readers, which such callers (and the WebAssembly module)
/// need not carry: LegalDocML.de is recognised by content, Markdown by the name, anything else is
/// plain text. The limits and the checks for text that is no text apply as in [`read`].
pub fn read_text(name: &str, text: &str, limits: &InputLimits) -> Result<SourceText, InputError> {
    let bytes = text.as_bytes();
    if bytes.len() > limits.max_bytes {
        return Err(error(
            name,
            format!("Text ist {} groß; erlaubt sind höchstens {} (Grenze einstellbar)", size_label(bytes.len()), size_label(limits.max_bytes)),
        ));
    }
    let source = match detect_format(name, bytes) {
        Format::Xml => ldml::read(name, bytes, limits)?,
        format => {
            check_line_length(name, bytes, limits)?;
            // As in `decode_text`: null characters are looked for before normalisation hides them.
            if memchr::memchr(0, &bytes[..bytes.len().min(64 * 1024)]).is_some() {
                return Err(error(name, "keine Textdatei (enthält Null-Zeichen)"));
            }
            let source = text::check_textual(name, SourceText::from_utf8(name, text))?;
            if format == Format::Markdown {
                text::markdown_to_text(name, &source)
            } else {
                source
            }
        }
    };
    check_read_line_length(name, &source, limits)?;
    Ok(source)
}

/// Refuses a text whose longest line exceeds [`InputLimits::max_line_bytes`], naming the line.
fn check_line_length(name: &str, bytes: &[u8], limits: &InputLimits) -> Result<(), InputError> {
    // No line is longer than the whole input: most inputs are below the limit and need no scan.
    if bytes.len() <= limits.max_line_bytes {
        return Ok(());
    }
    let mut start = 0;
    let lines = memchr::memchr_iter(b'\n', bytes).chain([bytes.len()]).map(|end| {
        let line = (start, end);
        start = end + 1;
        line
    });
    refuse_long_line(name, lines, limits)
}

/// [`check_line_length`] of a text as read, from the line index it already has (looking for the
/// line breaks of a law again cost as much as finding them the first time).
fn check_read_line_length(name: &str, source: &SourceText, limits: &InputLimits) -> Result<(), InputError> {
    if source.text().len() <= limits.max_line_bytes {
        return Ok(());
    }
    refuse_long_line(name, source.lines().line_ranges(), limits)
}

/// The error for the first of `lines` (byte ranges without line breaks) longer than the limit.
fn refuse_long_line(name: &str, lines: impl Iterator<Item = (usize, usize)>, limits: &InputLimits) -> Result<(), InputError> {
    for (number, (start, end)) in lines.enumerate() {
        if end - start > limits.max_line_bytes {
            return Err(error(
                name,
                format!(
                    "Zeile {} ist {} lang (ab Byte {start}); erlaubt sind höchstens {} je Zeile. Die Grenze lässt sich \
                     ändern: `max-line-length-kb` in digicheck.toml oder `--max-line-bytes` auf der Befehlszeile",
                    number + 1,
                    size_label(end - start),
                    size_label(limits.max_line_bytes)
                ),
            ));
        }
    }
    Ok(())
}

/// „1,17 MB“, „512 KB“, „80 Bytes“: sizes in error messages, with German decimals, so that a size
/// just above a limit does not read as the limit itself („1 MB lang; erlaubt sind höchstens 1 MB“).
pub fn size_label(bytes: usize) -> String {
    const KB: usize = 1024;
    const MB: usize = 1024 * 1024;
    let (unit, name) = if bytes >= MB {
        (MB, "MB")
    } else if bytes >= KB {
        (KB, "KB")
    } else {
        return if bytes == 1 { "1 Byte".to_string() } else { format!("{bytes} Bytes") };
    };
    if bytes % unit == 0 {
        return format!("{} {name}", bytes / unit);
    }
    // Two decimals, rounded; a size just above a whole number that would round to it is said so.
    let hundredths = ((bytes as u128 * 100 + unit as u128 / 2) / unit as u128) as u64;
    let (whole, frac) = (hundredths / 100, hundredths % 100);
    match frac {
        0 if bytes > unit * whole as usize => format!("etwas mehr als {whole} {name}"),
        0 => format!("{whole} {name}"),
        f if f % 10 == 0 => format!("{whole},{} {name}", f / 10),
        f => format!("{whole},{f:02} {name}"),
    }
}

#[cfg(feature = "docx")]
fn read_docx(name: &str, bytes: &[u8], limits: &InputLimits) -> Result<SourceText, InputError> {
    docx::read(name, bytes, limits)
}

#[cfg(not(feature = "docx"))]
fn read_docx(name: &str, _bytes: &[u8], _limits: &InputLimits) -> Result<SourceText, InputError> {
    Err(error(name, "Word-Dateien (DOCX) werden in dieser Ausgabe nicht gelesen (ohne Funktion „docx“ gebaut); bitte als Text speichern"))
}

#[cfg(feature = "pdf")]
fn read_pdf(name: &str, bytes: &[u8], limits: &InputLimits) -> Result<SourceText, InputError> {
    pdf::read(name, bytes, limits)
}

#[cfg(not(feature = "pdf"))]
fn read_pdf(name: &str, _bytes: &[u8], _limits: &InputLimits) -> Result<SourceText, InputError> {
    Err(error(
        name,
        "PDF-Dateien werden in dieser Ausgabe nicht gelesen (ohne Funktion „pdf“ gebaut); bitte als Text speichern",
    ))
}

#[cfg(test)]
mod size_tests {
    use super::size_label;

    #[test]
    fn sizes_say_the_real_numbers() {
        assert_eq!(size_label(1_226_833), "1,17 MB");
        assert_eq!(size_label(1024 * 1024), "1 MB");
        assert_eq!(size_label(1024 * 1024 + 1), "etwas mehr als 1 MB");
        assert_eq!(size_label(1024 * 1024 + 20_000), "1,02 MB");
        assert_eq!(size_label(1536), "1,5 KB");
        assert_eq!(size_label(1), "1 Byte");
        assert_eq!(size_label(80), "80 Bytes");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `looks_like_xml` before its fast path for text that starts with an ASCII character.
    fn looks_like_xml_by_decoding(bytes: &[u8]) -> bool {
        head_is_xml(&String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]))
    }

    const XML_HEAD_PARTS: &[&[u8]] = &[
        b"\xEF\xBB\xBF", b" ", b"\t", b"\n", b"\r", b"\x0B", b"\x0C", b"\x1C", b"\xC2\xA0", b"\xC2\x85", b"\xE3\x80\x80",
        b"\xEF\xBB", b"\xFF", b"<?xml", b"<akn:", b"<akomaNtoso", b"<!--", b"-->", b"<", b"a", b"\xC3\xA4",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 5_000, ..Default::default() })]

        #[test]
        fn xml_fast_path_decides_as_decoding(parts in proptest::collection::vec(proptest::sample::select(XML_HEAD_PARTS), 0..10), pad in 0usize..4100) {
            let mut bytes: Vec<u8> = vec![b' '; pad % 2 * pad];
            for p in parts {
                bytes.extend_from_slice(p);
            }
            proptest::prop_assert_eq!(looks_like_xml(&bytes), looks_like_xml_by_decoding(&bytes), "{:?}", bytes);
        }
    }

    #[test]
    fn reads_windows_1252() {
        let bytes = b"\x84schriftlich\x93 \xfcber \xe4";
        let s = decode_text("a.txt", bytes).unwrap();
        assert_eq!(s.text(), "„schriftlich“ über ä");
        let u = s.text().find("über").unwrap();
        assert_eq!(s.original_offset(u), 14); // „=0, schriftlich=1..=11, “=12, space=13, ü=14
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
        assert_eq!(detect_format("x.txt", b"PK\x03\x04...."), Format::OtherZip);
        assert_eq!(detect_format("x.zip", b"PK\x03\x04..word/document.xml.."), Format::Docx);
        assert_eq!(detect_format("x.doc", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1...."), Format::OleCompound);
        assert_eq!(detect_format("x.txt", b"<!-- c -->\n<akn:akomaNtoso"), Format::Xml);
        assert_eq!(detect_format("x.txt", b"\xef\xbb\xbf<?xml version"), Format::Xml);
        assert_eq!(detect_format("x.md", b"# Titel"), Format::Markdown);
    }

    #[test]
    fn empty_and_foreign_zip_get_clear_errors() {
        let e = read("leer.txt", b"", &InputLimits::default()).unwrap_err();
        assert_eq!(e.to_string(), "leer.txt: Datei ist leer");
        let e = read("a.odt", b"PK\x03\x04mimetype", &InputLimits::default()).unwrap_err();
        assert!(e.problem.starts_with("ZIP-Archiv, aber kein Word-Dokument"), "{e}");
    }

    #[test]
    fn overlong_lines_are_refused_with_line_number() {
        let limits = InputLimits { max_line_bytes: 2048, ..InputLimits::default() };
        let mut text = "§ 1 Zweck\n".to_string();
        text.push_str(&"schriftlich ".repeat(400));
        let e = read("lang.txt", text.as_bytes(), &limits).unwrap_err();
        assert_eq!(e.file, "lang.txt");
        assert!(e.problem.starts_with("Zeile 2 ist 4,69 KB lang (ab Byte 11); erlaubt sind höchstens 2 KB je Zeile"), "{e}");
        assert!(e.problem.contains("`max-line-length-kb` in digicheck.toml oder `--max-line-bytes`"), "{e}");
        assert!(read("kurz.txt", "§ 1 Zweck\n(1) Text.".as_bytes(), &limits).is_ok());
        let e = read("gross.txt", &[b'a'; 3000], &InputLimits { max_bytes: 1024, ..limits }).unwrap_err();
        assert_eq!(e.problem, "Datei ist 2,93 KB groß; erlaubt sind höchstens 1 KB (Grenze einstellbar)");
    }

    #[test]
    fn lines_made_long_by_decoding_are_refused_too() {
        // Windows-1252: 1,500 bytes of „ä“ are 3,000 bytes of UTF-8 — checked on the text as read,
        // from its line index, and named by the line number of the text as read.
        let limits = InputLimits { max_line_bytes: 2048, ..InputLimits::default() };
        let mut bytes = b"\xa7 1 Zweck\r\n(1) kurz\n".to_vec();
        bytes.extend([0xE4; 1500]);
        bytes.extend(b"\nEnde");
        let e = read("ansi.txt", &bytes, &limits).unwrap_err();
        assert!(e.problem.starts_with("Zeile 3 ist 2,93 KB lang (ab Byte 20); erlaubt sind höchstens 2 KB je Zeile"), "{e}");
        bytes.truncate(bytes.len() - 5 - 600);
        assert!(read("ansi.txt", &bytes, &limits).is_ok());
    }

    #[test]
    fn decoded_text_reads_like_its_bytes() {
        let limits = InputLimits::default();
        for (name, text) in [("a.md", "## § 1 Zweck\n\n**(1)** Text"), ("a.txt", "§ 1 Zweck\r\n(1) Text\u{AD}."), ("a.xml", "<?xml version=\"1.0\"?><akn:akomaNtoso xmlns:akn=\"http://Inhaltsdaten.LegalDocML.de/1.8.2/\"/>")] {
            let (a, b) = (read(name, text.as_bytes(), &limits), read_text(name, text, &limits));
            assert_eq!(a.as_ref().map(|s| s.text().to_string()), b.as_ref().map(|s| s.text().to_string()), "{name}");
        }
        let e = read_text("lang.txt", &"x".repeat(4000), &InputLimits { max_line_bytes: 2048, ..limits.clone() }).unwrap_err();
        assert!(e.problem.starts_with("Zeile 1 ist 3,91 KB lang"), "{e}");
        assert!(read_text("n.txt", "a\0b", &limits).unwrap_err().problem.contains("Null-Zeichen"));
    }

    #[test]
    fn markdown_keeps_offsets() {
        let s = read("a.md", "## § 1 Zweck\n\n**(1)** Text".as_bytes(), &InputLimits::default()).unwrap();
        assert_eq!(s.text(), "   § 1 Zweck\n\n  (1)   Text");
    }
}
