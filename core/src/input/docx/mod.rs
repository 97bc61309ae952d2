//! Word (DOCX) drafts, read with docx-rs.
//!
//! Every Word paragraph becomes one line of the layout the structure parser reads, with a blank line
//! between paragraphs (headings included, so a heading style is always a line of its own). Table
//! rows become one line each, cells separated by a TAB, paragraphs within a cell by a space. What
//! Word shows but does not store as text is rebuilt: automatic numbering („(1)“, „1.“, „a)“) goes
//! in front of the paragraph ([`numbering`]). What is not norm text is left out: footnotes, headers,
//! footers, comments, text boxes, field instructions.
//!
//! Tracked changes: the text is read as it will read with all changes accepted — insertions
//! (`w:ins`, `w:moveTo`) kept, deletions (`w:del`, `w:moveFrom`) dropped — and every run of
//! inserted text is anchored with `inserted: true`, so [`SourceText::in_inserted_text`] can tell a
//! finding in new wording.
//!
//! # Positions: the visible-text stream
//!
//! A Word file has no single byte offset a user could look up, so original offsets of a DOCX count
//! bytes of its *visible-text stream*: the body paragraphs in document order (table cells included,
//! paragraphs nested in text boxes not), each contributing the UTF-8 of its visible text —
//! `w:t` content, `w:tab`/`w:ptab` as TAB, `w:br`/`w:cr` as LF, nothing else; runs inside `w:del` or
//! `w:moveFrom` not at all — followed by one LF. The comment writer (`crate::annotate`) computes the
//! same stream from `document.xml` to find the run and character where a finding starts and ends.
//! Rebuilt numbers map to the start of their paragraph. [`OriginalPlace::Docx`] names the paragraph and run.

mod numbering;

use super::builder::TextBuilder;
use super::zip_guard::check_docx_zip;
use super::{error, guard, InputError, InputLimits};
use crate::source::{OriginalPlace, SourceText};
use docx_rs::{
    DocumentChild, Hyperlink, InsertChild, MoveToChild, Paragraph, ParagraphChild, ReadDocxOptions, ReaderError, Run,
    RunChild, StructuredDataTagChild, Table, TableCellContent, TableChild, TableRowChild,
};
use numbering::Numbering;

/// Reads a Word document after checking its zip package against the limits.
pub fn read(name: &str, bytes: &[u8], limits: &InputLimits) -> Result<SourceText, InputError> {
    check_docx_zip(name, bytes, limits)?;
    let options = ReadDocxOptions::default().with_image_previews(false);
    let docx = guard::contain(|| docx_rs::read_docx_with_options(bytes, options))
        .map_err(|_| error(name, "Word-Datei konnte nicht gelesen werden (interner Fehler des DOCX-Lesers; die Datei ist vermutlich beschädigt)"))?
        .map_err(|e| error(name, reader_problem(&e)))?;
    let mut w = Walker {
        b: TextBuilder::new(),
        stream: 0,
        paragraph: 0,
        numbering: Numbering::new(&docx.numberings, &docx.styles),
        pending: None,
        in_cell: false,
    };
    w.blocks(docx.document.children.iter().filter_map(Block::of_document));
    if !w.b.text().is_empty() && !w.b.ends_with("\n") {
        w.b.push_synthetic("\n", w.stream);
    }
    let stream = w.stream;
    let source = w.b.finish(name, stream);
    if source.text().trim().is_empty() {
        return Err(error(name, "Word-Dokument enthält keinen Text"));
    }
    Ok(source)
}

fn reader_problem(e: &ReaderError) -> String {
    match e {
        ReaderError::ZipError(_) => "ZIP-Archiv der Word-Datei ist beschädigt".to_string(),
        ReaderError::DocumentNotFoundError | ReaderError::DocumentRelsNotFoundError => {
            "Word-Datei ohne Hauptdokument oder dessen Beziehungen (word/_rels/document.xml.rels)".to_string()
        }
        ReaderError::DocumentStylesNotFoundError => "Word-Datei: Formatvorlagen (styles.xml) fehlen".to_string(),
        ReaderError::DocumentNumberingsNotFoundError => "Word-Datei: Nummerierungen (numbering.xml) fehlen".to_string(),
        ReaderError::XMLReadError => {
            "Word-Datei enthält fehlerhaftes XML (beschädigt oder kein echtes DOCX)".to_string()
        }
        ReaderError::NumError(_) | ReaderError::FloatError(_) | ReaderError::TypeError(_) => {
            "Word-Datei enthält ungültige Attributwerte (beschädigt oder kein echtes DOCX)".to_string()
        }
        ReaderError::HeaderOrFooterRelsNotFoundError | ReaderError::Unknown => {
            "Word-Datei konnte nicht gelesen werden (beschädigt oder kein echtes DOCX)".to_string()
        }
    }
}

/// The block-level things the walker visits, whatever container they come from.
enum Block<'a> {
    Paragraph(&'a Paragraph),
    Table(&'a Table),
    Tag(&'a [StructuredDataTagChild]),
}

impl<'a> Block<'a> {
    fn of_document(c: &'a DocumentChild) -> Option<Block<'a>> {
        match c {
            DocumentChild::Paragraph(p) => Some(Block::Paragraph(p)),
            DocumentChild::Table(t) => Some(Block::Table(t)),
            DocumentChild::StructuredDataTag(s) => Some(Block::Tag(&s.children)),
            _ => None,
        }
    }

    fn of_cell(c: &'a TableCellContent) -> Option<Block<'a>> {
        match c {
            TableCellContent::Paragraph(p) => Some(Block::Paragraph(p)),
            TableCellContent::Table(t) => Some(Block::Table(t)),
            TableCellContent::StructuredDataTag(s) => Some(Block::Tag(&s.children)),
            TableCellContent::TableOfContents(_) => None,
        }
    }

    fn of_tag(c: &'a StructuredDataTagChild) -> Option<Block<'a>> {
        match c {
            StructuredDataTagChild::Paragraph(p) => Some(Block::Paragraph(p)),
            StructuredDataTagChild::Table(t) => Some(Block::Table(t)),
            StructuredDataTagChild::StructuredDataTag(s) => Some(Block::Tag(&s.children)),
            _ => None,
        }
    }
}

/// One visible run's text and where it starts in the visible-text stream.
struct Piece {
    text: String,
    stream: usize,
    run: usize,
    inserted: bool,
}

/// Separators between blocks, weakest first; a stronger one pending replaces a weaker one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Sep {
    Space,
    Tab,
    Block,
}

impl Sep {
    fn text(self) -> &'static str {
        match self {
            Sep::Space => " ",
            Sep::Tab => "\t",
            Sep::Block => "\n\n",
        }
    }
}

struct Walker<'a> {
    b: TextBuilder,
    /// Offset in the visible-text stream where the next paragraph starts.
    stream: usize,
    /// Index of the next paragraph in document order.
    paragraph: usize,
    numbering: Numbering<'a>,
    pending: Option<Sep>,
    in_cell: bool,
}

impl<'a> Walker<'a> {
    fn want(&mut self, sep: Sep) {
        if self.pending.is_none_or(|p| p < sep) {
            self.pending = Some(sep);
        }
    }

    fn blocks(&mut self, blocks: impl Iterator<Item = Block<'a>>) {
        for block in blocks {
            match block {
                Block::Paragraph(p) => self.paragraph(p),
                Block::Table(t) => self.table(t),
                Block::Tag(children) => self.blocks(children.iter().filter_map(Block::of_tag)),
            }
        }
    }

    fn table(&mut self, t: &'a Table) {
        let was_in_cell = self.in_cell;
        for TableChild::TableRow(row) in &t.rows {
            self.want(if was_in_cell { Sep::Space } else { Sep::Block });
            for (k, TableRowChild::TableCell(cell)) in row.cells.iter().enumerate() {
                if k > 0 {
                    self.want(Sep::Tab);
                }
                self.in_cell = true;
                self.blocks(cell.children.iter().filter_map(Block::of_cell));
            }
        }
        self.in_cell = was_in_cell;
        self.want(if was_in_cell { Sep::Space } else { Sep::Block });
    }

    fn paragraph(&mut self, p: &'a Paragraph) {
        let index = self.paragraph;
        let start = self.stream;
        self.paragraph += 1;
        let mut pieces = Vec::new();
        let mut len = 0;
        let mut run = 0;
        collect(&p.children, false, start, &mut len, &mut run, &mut pieces);
        self.stream = start + len + 1;
        let label = self.numbering.label(p);
        let visible: String = pieces.iter().map(|x| x.text.as_str()).collect();
        let label = label.filter(|l| !visible.trim_start().starts_with(l.as_str()));
        if visible.trim().is_empty() && label.is_none() {
            return;
        }
        self.want(if self.in_cell { Sep::Space } else { Sep::Block });
        if let Some(sep) = self.pending.take() {
            if !self.b.text().is_empty() {
                self.b.push_synthetic(sep.text(), start);
            }
        }
        self.b.anchor(OriginalPlace::Docx { paragraph: index, run: 0, inserted: false });
        if let Some(label) = label {
            self.b.push_synthetic(&label, start);
            self.b.push_synthetic(" ", start);
        }
        // Leading and trailing white space (a page break before the text, a tab after the number)
        // stays in the stream but not in the text.
        let keep = (start + visible.len() - visible.trim_start().len())..(start + visible.trim_end().len());
        for piece in pieces.iter().filter(|x| !x.text.is_empty()) {
            self.b.anchor(OriginalPlace::Docx { paragraph: index, run: piece.run, inserted: piece.inserted });
            for (i, c) in piece.text.char_indices().filter(|(i, _)| keep.contains(&(piece.stream + i))) {
                let c = if self.in_cell && c == '\n' { ' ' } else { c };
                self.b.push(c, piece.stream + i);
            }
        }
        self.want(if self.in_cell { Sep::Space } else { Sep::Block });
    }
}

/// Collects the visible runs of paragraph content: insertions kept (and marked), deletions dropped.
fn collect(
    children: &[ParagraphChild],
    inserted: bool,
    start: usize,
    len: &mut usize,
    run: &mut usize,
    out: &mut Vec<Piece>,
) {
    for child in children {
        match child {
            ParagraphChild::Run(r) => push_run(r, inserted, start, len, run, out),
            ParagraphChild::Insert(ins) => {
                for c in &ins.children {
                    if let InsertChild::Run(r) = c {
                        push_run(r, true, start, len, run, out);
                    }
                }
            }
            ParagraphChild::MoveTo(m) => {
                for c in &m.children {
                    if let MoveToChild::Run(r) = c {
                        push_run(r, inserted, start, len, run, out);
                    }
                }
            }
            ParagraphChild::Hyperlink(Hyperlink { children, .. }) => collect(children, inserted, start, len, run, out),
            ParagraphChild::StructuredDataTag(tag) => {
                for c in &tag.children {
                    if let StructuredDataTagChild::Run(r) = c {
                        push_run(r, inserted, start, len, run, out);
                    }
                }
            }
            _ => {}
        }
    }
}

fn push_run(r: &Run, inserted: bool, start: usize, len: &mut usize, run: &mut usize, out: &mut Vec<Piece>) {
    let mut text = String::new();
    for c in &r.children {
        match c {
            RunChild::Text(t) => text.push_str(&t.text),
            RunChild::Tab(_) | RunChild::PTab(_) => text.push('\t'),
            RunChild::Break(_) | RunChild::CarriageReturn(_) => text.push('\n'),
            _ => {}
        }
    }
    let piece = Piece { stream: start + *len, run: *run, inserted, text };
    *len += piece.text.len();
    *run += 1;
    out.push(piece);
}
