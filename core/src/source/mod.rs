//! The text every later stage works on, and the way back to where it came from.
//!
//! Input is normalised once (BOM, line endings, exotic spaces, soft hyphens) so that the parser and
//! the rules need not care; every byte offset into the normalised text can be mapped back to the
//! original file ([`origin`]) and converted to line/column or UTF-16 units ([`offsets`]). Keeping all
//! these conversions here means a finding is located the same way in every report format.

pub mod normalize;
pub mod offsets;
pub mod origin;

use serde::{Deserialize, Serialize};

pub use offsets::{LineCol, LineIndex};
pub use origin::{OriginMap, OriginalPlace};
#[doc(hidden)]
pub use origin::Anchor;

/// A half-open byte range `[start, end)` into a [`SourceText`]'s normalised text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end, "span {start}..{end}");
        Span { start, end }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }
}

/// The normalised text of one input, with everything needed to locate positions in it.
#[derive(Debug, Clone)]
pub struct SourceText {
    name: String,
    text: String,
    origin: OriginMap,
    lines: LineIndex,
    /// 0-based numbers of the lines the input format marks as headings (Markdown `#`), sorted.
    heading_lines: Vec<u32>,
    /// The level of each of `heading_lines` (the number of `#`), 0 where the format has none.
    heading_levels: Vec<u8>,
}

impl SourceText {
    /// Normalises `raw` (already decoded to Unicode) whose characters start at the given original
    /// file offsets. Use [`SourceText::from_str`] when the original is the UTF-8 string itself.
    pub fn from_chars(name: impl Into<String>, chars: impl IntoIterator<Item = (usize, char)>, original_len: usize) -> SourceText {
        let (text, origin) = normalize::normalize(chars, original_len);
        let lines = LineIndex::new(&text);
        SourceText { name: name.into(), text, origin, lines, heading_lines: Vec::new(), heading_levels: Vec::new() }
    }

    /// Normalises a UTF-8 string; original offsets are its byte offsets.
    pub fn from_utf8(name: impl Into<String>, raw: &str) -> SourceText {
        let (text, origin, line_starts) = normalize::normalize_str(raw);
        let lines = LineIndex::from_line_starts(line_starts, text.len());
        SourceText { name: name.into(), text, origin, lines, heading_lines: Vec::new(), heading_levels: Vec::new() }
    }

    /// Wraps text produced by a structured reader (DOCX, PDF, XML) that built its own origin map.
    pub fn from_parts(name: impl Into<String>, text: String, origin: OriginMap) -> SourceText {
        let lines = LineIndex::new(&text);
        SourceText { name: name.into(), text, origin, lines, heading_lines: Vec::new(), heading_levels: Vec::new() }
    }

    /// Marks lines (0-based numbers) that the input format itself marks as headings — a Markdown
    /// `### § 17 Anlage des Anschlussnehmers` is a heading even where its wording could begin a
    /// sentence.
    pub fn with_heading_lines(self, lines: Vec<u32>) -> SourceText {
        self.with_leveled_headings(lines.into_iter().map(|l| (l, 0)).collect())
    }

    /// [`SourceText::with_heading_lines`] with each heading's level (`### …` is 3): a heading
    /// closes what an earlier heading of the same or a higher level opened, even inside a numbered
    /// Absatz („### VwV zu § 2“ after the Absätze of „### VwV zu § 1“).
    pub fn with_leveled_headings(mut self, mut headings: Vec<(u32, u8)>) -> SourceText {
        headings.sort_unstable();
        headings.dedup_by_key(|h| h.0);
        self.heading_lines = headings.iter().map(|h| h.0).collect();
        self.heading_levels = headings.iter().map(|h| h.1).collect();
        self
    }

    /// Whether the input format marks line `line` (0-based) as a heading.
    pub fn is_marked_heading(&self, line: u32) -> bool {
        self.heading_lines.binary_search(&line).is_ok()
    }

    /// Lines (0-based) that the input format marks as headings.
    pub fn heading_lines(&self) -> &[u32] {
        &self.heading_lines
    }

    /// The levels of [`SourceText::heading_lines`], in the same order (0: not known).
    pub fn heading_levels(&self) -> &[u8] {
        &self.heading_levels
    }

    /// The file name or `-` for standard input, as given by the user.
    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn slice(&self, span: Span) -> &str {
        &self.text[span.range()]
    }

    pub fn lines(&self) -> &LineIndex {
        &self.lines
    }

    pub fn origin(&self) -> &OriginMap {
        &self.origin
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> LineCol {
        self.lines.line_col(&self.text, offset)
    }

    /// UTF-16 code-unit offset of a byte offset (what JavaScript strings and LSP use by default).
    pub fn utf16(&self, offset: usize) -> usize {
        self.lines.utf16_offset(&self.text, offset)
    }

    /// Byte offset in the original file. For structured inputs the "original" is the reader's
    /// own view of the file (see the reader's module docs); [`SourceText::anchor_at`] names the
    /// place a user can find.
    pub fn original_offset(&self, offset: usize) -> usize {
        self.origin.original(offset)
    }

    /// The place in a structured original (Word paragraph, PDF page and line, XML element) that
    /// a byte offset of the normalised text comes from; `None` for plain text.
    pub fn anchor_at(&self, offset: usize) -> Option<&OriginalPlace> {
        self.origin.anchor(offset)
    }

    /// The LegalDocML.de eId of the innermost element with an eId around a position, so a finding
    /// in an XML input can name the element an editor of the E-Gesetzgebung can jump to.
    pub fn eid_at(&self, offset: usize) -> Option<&str> {
        match self.origin.anchor(offset)? {
            OriginalPlace::Xml { eid } => Some(eid),
            _ => None,
        }
    }

    /// True if any part of `span` is text that a tracked change in a Word file inserted: drafts
    /// are checked as they read with all changes accepted, and a finding in new wording is
    /// news for the drafter.
    pub fn in_inserted_text(&self, span: Span) -> bool {
        self.origin.anchors_in(span.start, span.end).any(|a| matches!(a, OriginalPlace::Docx { inserted: true, .. }))
    }
}
