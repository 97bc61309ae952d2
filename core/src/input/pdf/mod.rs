//! PDF drafts (Landtag-Drucksachen, Bundestag-Drucksachen, printed Referentenentwürfe), read with
//! pdf-extract page by page.
//!
//! pdf-extract parses the PDF (through lopdf) and reports every glyph with its position; this module
//! collects the glyphs into positioned lines ([`Collector`], which also notes small raised digits:
//! footnote markers) and hands them to [`layout`], which removes the page furniture (running
//! headers and footers, page numbers, footnotes and their markers, line numbers; see
//! [`super::furniture`]), undoes line-end hyphenation and joins lines into paragraphs — one
//! paragraph per line of output, a blank line between paragraphs, the layout the structure parser
//! reads.
//!
//! What cannot be read gets a clear German error instead of empty or garbage text: an encrypted PDF
//! that needs a password, a scan without a text layer, text in fonts without a Unicode mapping, a
//! damaged file, more pages than [`InputLimits::max_pdf_pages`]. pdf-extract panics on some unusual
//! files; those panics are contained ([`super::guard`]) and reported as an input error, so a batch
//! run goes on with the next file.
//!
//! Positions: original offsets of a PDF count bytes of its *extracted-text stream*: every line the
//! extractor saw (running headers and footers included), page by page, each followed by a line feed.
//! [`OriginalPlace::Pdf`] names page and line for every line that went into the text.

mod layout;

use super::builder::TextBuilder;
use super::{error, guard, InputError, InputLimits};
use crate::source::{OriginalPlace, SourceText};
use layout::Line;
use pdf_extract::{Document, MediaBox, OutputDev, OutputError, Transform};

/// Reads a PDF.
pub fn read(name: &str, bytes: &[u8], limits: &InputLimits) -> Result<SourceText, InputError> {
    let mut doc = guard::contain(|| Document::load_mem(bytes))
        .map_err(|_| error(name, "PDF ist beschädigt (interner Fehler des PDF-Lesers)"))?
        .map_err(|e| error(name, load_problem(&e)))?;
    if doc.is_encrypted() {
        let decrypted = guard::contain(|| doc.decrypt("")).unwrap_or(Ok(()));
        if let Err(e) = decrypted {
            if !matches!(e, pdf_extract::Error::AlreadyEncrypted | pdf_extract::Error::NotEncrypted) {
                return Err(error(
                    name,
                    "PDF ist verschlüsselt und braucht ein Kennwort; bitte eine ungeschützte Fassung verwenden",
                ));
            }
        }
    }
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err(error(name, "PDF enthält keine Seiten (beschädigt?)"));
    }
    if pages.len() > limits.max_pdf_pages {
        return Err(error(
            name,
            format!(
                "PDF hat {} Seiten; erlaubt sind höchstens {} (Grenze einstellbar)",
                pages.len(),
                limits.max_pdf_pages
            ),
        ));
    }
    let mut collector = Collector::default();
    for &number in pages.keys() {
        crate::deadline::check();
        collector.start_page(number as usize);
        let result = guard::contain(|| pdf_extract::output_doc_page(&doc, &mut collector, number));
        match result {
            Ok(Ok(())) => collector.flush(),
            Ok(Err(e)) => {
                return Err(error(name, format!("PDF-Seite {number} ist nicht lesbar ({})", output_problem(&e))))
            }
            // The panic message of pdf-extract („called `Option::unwrap()` on a `None` value“)
            // means nothing to the reader of the report; the page number does.
            Err(_) => {
                return Err(error(
                    name,
                    format!("PDF-Seite {number} ist nicht lesbar (interner Fehler des PDF-Lesers; die Seite nutzt vermutlich eine fehlende oder beschädigte Schrift)"),
                ))
            }
        }
    }
    let (visible, unreadable) = collector.char_counts();
    if visible == 0 {
        return Err(error(
            name,
            "PDF enthält keinen Text, nur Bilder (gescannt?); bitte Texterkennung (OCR) anwenden oder die Word- oder Textfassung prüfen",
        ));
    }
    if unreadable * 5 > visible {
        return Err(error(
            name,
            "PDF-Text ist nicht lesbar (Schriften ohne Unicode-Zuordnung); bitte die Word- oder Textfassung prüfen",
        ));
    }
    let stream_len = collector.stream;
    let mut pages = collector.pages;
    layout::strip_furniture(&mut pages);
    let mut b = TextBuilder::new();
    for (k, para) in layout::paragraphs(&pages).iter().enumerate() {
        let first = para.parts[0].chars.first().map_or(0, |c| c.1);
        if k > 0 {
            b.push_synthetic("\n\n", first);
        }
        for part in &para.parts {
            let at = part.chars.first().map_or(first, |c| c.1);
            b.push_synthetic(part.joiner, at);
            b.anchor(OriginalPlace::Pdf { page: part.page, line: part.line });
            for &(c, o) in &part.chars {
                b.push(c, o);
            }
        }
    }
    b.push_synthetic("\n", stream_len);
    Ok(b.finish(name, stream_len))
}

fn load_problem(e: &pdf_extract::Error) -> String {
    use pdf_extract::Error as E;
    match e {
        E::Decryption(_) | E::InvalidPassword => {
            "PDF ist verschlüsselt und braucht ein Kennwort; bitte eine ungeschützte Fassung verwenden".to_string()
        }
        E::Parse(_) | E::Xref(_) | E::InvalidOffset(_) | E::MissingXrefEntry | E::IndirectObject { .. } => {
            "PDF ist beschädigt oder kein gültiges PDF (Aufbau nicht lesbar)".to_string()
        }
        E::IO(_) => "PDF ist abgeschnitten oder beschädigt".to_string(),
        other => format!("PDF ist beschädigt oder kein gültiges PDF ({other})"),
    }
}

fn output_problem(e: &OutputError) -> String {
    match e {
        OutputError::PdfError(e) => load_problem(e),
        other => other.to_string(),
    }
}

/// The line being collected.
#[derive(Debug)]
struct Current {
    y: f64,
    x0: f64,
    last_end: f64,
    first_word_x1: Option<f64>,
    size: f64,
    text: String,
    /// Byte ranges of small raised digits (footnote markers, or exponents).
    raised: Vec<std::ops::Range<usize>>,
}

/// Collects glyphs into positioned lines, page by page.
#[derive(Debug, Default)]
struct Collector {
    pages: Vec<Vec<Line>>,
    page: usize,
    height: f64,
    current: Option<Current>,
    stream: usize,
}

impl Collector {
    fn start_page(&mut self, page: usize) {
        self.flush();
        self.page = page;
        self.pages.push(Vec::new());
    }

    fn flush(&mut self) {
        let Some(cur) = self.current.take() else {
            return;
        };
        let text = cur.text.trim_end().to_string();
        if text.is_empty() {
            return;
        }
        let raised: Vec<std::ops::Range<usize>> = cur.raised.into_iter().filter(|r| r.end <= text.len()).collect();
        let lines = self.pages.last_mut().expect("a page is started before glyphs arrive");
        let stream = self.stream;
        self.stream += text.len() + 1;
        lines.push(Line {
            page: self.page,
            line: lines.len() + 1,
            y: cur.y,
            x0: cur.x0,
            x1: cur.last_end,
            first_word_x1: cur.first_word_x1.unwrap_or(cur.last_end),
            size: cur.size,
            text,
            stream,
            raised,
            skip: Vec::new(),
        });
    }

    /// Characters with text, and those that are unreadable (replacement or private-use characters).
    fn char_counts(&self) -> (usize, usize) {
        let mut visible = 0;
        let mut bad = 0;
        for c in self.pages.iter().flatten().flat_map(|l| l.text.chars()).filter(|c| !c.is_whitespace()) {
            visible += 1;
            if c == '\u{FFFD}' || ('\u{E000}'..='\u{F8FF}').contains(&c) || c.is_control() {
                bad += 1;
            }
        }
        (visible, bad)
    }
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        _page_num: u32,
        media_box: &MediaBox,
        _: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.height = media_box.ury - media_box.lly;
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        self.flush();
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        ch: &str,
    ) -> Result<(), OutputError> {
        let x = trm.m31;
        let y = self.height - trm.m32;
        let sx = font_size * (trm.m11 + trm.m21);
        let sy = font_size * (trm.m12 + trm.m22);
        let size = (sx * sy).abs().sqrt();
        if !x.is_finite() || !y.is_finite() || !size.is_finite() {
            return Ok(());
        }
        let new_line = self.current.as_ref().is_some_and(|c| (y - c.y).abs() > 0.5 * size.max(c.size));
        if new_line {
            self.flush();
        }
        let ch: String = ch.chars().filter(|c| !c.is_control()).collect();
        let is_space = ch.chars().all(char::is_whitespace);
        let cur = match &mut self.current {
            Some(c) => c,
            None if is_space => return Ok(()),
            None => {
                self.current.insert(Current {
                    y,
                    x0: x,
                    last_end: x,
                    first_word_x1: None,
                    size,
                    text: String::new(),
                    raised: Vec::new(),
                })
            }
        };
        let gap = x > cur.last_end + 0.15 * size;
        if (gap || is_space) && !cur.text.is_empty() && !cur.text.ends_with(' ') {
            cur.first_word_x1.get_or_insert(cur.last_end);
            cur.text.push(' ');
        }
        if !is_space {
            // A digit set smaller and higher than the line: a footnote marker or an exponent.
            let raised = !cur.text.is_empty()
                && ch.bytes().all(|b| b.is_ascii_digit())
                && size < 0.85 * cur.size
                && y < cur.y - 0.15 * cur.size;
            if raised {
                let at = cur.text.len();
                match cur.raised.last_mut() {
                    Some(r) if r.end == at => r.end = at + ch.len(),
                    _ => cur.raised.push(at..at + ch.len()),
                }
            }
            cur.text.push_str(&ch);
            cur.size = cur.size.max(size);
            cur.last_end = x + width * size;
        } else {
            cur.last_end = cur.last_end.max(x + width * size);
        }
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}
