//! LSP positions on the editor's text, in the negotiated encoding.
//!
//! The editor's positions refer to the text exactly as it stands in the editor — the *original*
//! text, before Digi-Check normalises it (CRLF → LF, soft hyphens dropped, NBSP → space). Findings
//! carry spans into the normalised text, so every range is computed in two steps: the source's
//! origin map takes a normalised offset back to an original byte offset, and a [`LineIndex`] over
//! the original text turns that into a line and a column in UTF-16 code units (the LSP default) or
//! UTF-8 bytes (if the client offered it). Client positions outside the text are clamped, never
//! rejected: an editor racing ahead of the server must not crash it.

use digicheck_core::source::LineIndex;
use lsp_types::{Position, PositionEncodingKind, Range};

/// The unit of `Position::character`, agreed in `initialize`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    /// UTF-16 code units: the protocol's default and all that older clients understand.
    #[default]
    Utf16,
    /// UTF-8 bytes: cheaper for us; chosen when the client offers it.
    Utf8,
}

impl Encoding {
    /// Picks UTF-8 if the client lists it among `general.positionEncodings`, else UTF-16.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        match offered {
            Some(list) if list.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
            _ => Encoding::Utf16,
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf16 => PositionEncodingKind::UTF16,
            Encoding::Utf8 => PositionEncodingKind::UTF8,
        }
    }
}

/// Converts between byte offsets into one text and LSP positions.
#[derive(Debug, Clone)]
pub struct PositionMap {
    index: LineIndex,
    encoding: Encoding,
}

impl PositionMap {
    pub fn new(text: &str, encoding: Encoding) -> PositionMap {
        PositionMap { index: LineIndex::new(text), encoding }
    }

    /// The position of a byte offset (clamped into the text and onto a character boundary).
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = self.index.clamp(text, offset);
        let line = self.index.line_of(offset);
        let start = self.index.line_start(line).unwrap_or(0);
        let character = match self.encoding {
            Encoding::Utf16 => self.index.utf16_offset(text, offset) - self.index.utf16_offset(text, start),
            Encoding::Utf8 => offset - start,
        };
        Position::new(to_u32(line - 1), to_u32(character))
    }

    pub fn range(&self, text: &str, start: usize, end: usize) -> Range {
        Range::new(self.position(text, start), self.position(text, end))
    }

    /// The byte offset of a client position. A line past the end gives the end of the text; a
    /// column past the end of its line gives the end of the line; a column inside a character
    /// (the middle of a surrogate pair or of a UTF-8 sequence) gives that character's start.
    pub fn offset(&self, text: &str, pos: Position) -> usize {
        let line0 = pos.line as usize;
        let col = pos.character as usize;
        let Some(span) = self.index.line_span(text, line0 + 1) else { return text.len() };
        // A CRLF line ends before its `\r`.
        let end = span.end - usize::from(text[span.range()].ends_with('\r'));
        let offset = match self.encoding {
            Encoding::Utf16 => self.index.byte_of_lsp_position(text, line0, col),
            Encoding::Utf8 => self.index.clamp(text, span.start + col.min(span.len())),
        };
        offset.min(end)
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_and_utf8_columns() {
        let t = "§ 1\n„Schriftform“ für 😀 Anträge\n";
        let at = t.find("Anträge").unwrap();
        let m16 = PositionMap::new(t, Encoding::Utf16);
        let m8 = PositionMap::new(t, Encoding::Utf8);
        assert_eq!(m16.position(t, at), Position::new(1, 21));
        assert_eq!(m8.position(t, at), Position::new(1, (at - t.find('\n').unwrap() - 1) as u32));
        assert_eq!(m16.offset(t, Position::new(1, 21)), at);
        assert_eq!(m8.offset(t, m8.position(t, at)), at);
    }

    #[test]
    fn clamps_out_of_range_positions() {
        let t = "ab\nä";
        for enc in [Encoding::Utf16, Encoding::Utf8] {
            let m = PositionMap::new(t, enc);
            assert_eq!(m.offset(t, Position::new(0, 99)), 2);
            assert_eq!(m.offset(t, Position::new(99, 0)), t.len());
            assert_eq!(m.offset(t, Position::new(u32::MAX, u32::MAX)), t.len());
            assert_eq!(m.position(t, 999), m.position(t, t.len()));
        }
        // The middle of „ä“ in UTF-8 falls back to its start.
        assert_eq!(PositionMap::new(t, Encoding::Utf8).offset(t, Position::new(1, 1)), 3);
    }

    #[test]
    fn crlf_lines() {
        let t = "a\r\nbä\r\nc";
        let m = PositionMap::new(t, Encoding::Utf16);
        assert_eq!(m.position(t, t.find('c').unwrap()), Position::new(2, 0));
        assert_eq!(m.offset(t, Position::new(1, 9)), t.find("\r\nc").unwrap());
    }
}
