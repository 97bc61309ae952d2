//! Building normalised text and its origin map in one pass, for the structured readers.
//!
//! The DOCX, PDF and XML readers all render their format into the line layout the structure parser
//! reads (one unit per line, a blank line between blocks). Each character they emit carries the
//! position it came from, and they mark places (Word run, PDF line, XML eId) with anchors. Pushing
//! characters through [`TextBuilder`] applies the same per-character normalisation as plain text
//! (`source::normalize`), so no later stage can tell a Word draft from a text file.

use crate::source::normalize::map_char;
use crate::source::{OriginalPlace, OriginMap, SourceText};

/// Accumulates normalised text, origin checkpoints and anchors.
#[derive(Debug, Default)]
pub(crate) struct TextBuilder {
    text: String,
    origin: OriginMap,
}

impl TextBuilder {
    pub(crate) fn new() -> TextBuilder {
        TextBuilder::default()
    }

    #[cfg_attr(not(feature = "docx"), allow(dead_code))]
    pub(crate) fn text(&self) -> &str {
        &self.text
    }

    /// Appends one character that stood at original offset `orig`; CR becomes LF, invisible
    /// characters are dropped, exotic spaces become a plain space.
    pub(crate) fn push(&mut self, c: char, orig: usize) {
        let mapped = if c == '\r' { Some('\n') } else { map_char(c) };
        if let Some(m) = mapped {
            self.origin.record(self.text.len(), orig);
            self.text.push(m);
        }
    }

    /// Appends text that is not in the original (rebuilt numbering, separators); every character
    /// maps to `orig`.
    pub(crate) fn push_synthetic(&mut self, s: &str, orig: usize) {
        for c in s.chars() {
            self.push(c, orig);
        }
    }

    /// Anchors a place of the original at the current end of the text.
    pub(crate) fn anchor(&mut self, anchor: OriginalPlace) {
        self.origin.add_anchor(self.text.len(), anchor);
    }

    /// True if the text so far ends with `s`.
    #[cfg_attr(not(feature = "docx"), allow(dead_code))]
    pub(crate) fn ends_with(&self, s: &str) -> bool {
        self.text.ends_with(s)
    }

    /// Finishes the text; `original_len` is the original's length in the reader's own units, the
    /// position of the end.
    pub(crate) fn finish(mut self, name: &str, original_len: usize) -> SourceText {
        self.origin.record(self.text.len(), original_len);
        self.origin.shrink();
        SourceText::from_parts(name, self.text, self.origin)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_like_plain_text_and_maps_back() {
        let mut b = TextBuilder::new();
        b.push_synthetic("(1) ", 10);
        for (i, c) in "Schrift\u{00AD}form\u{00A0}x".char_indices() {
            b.push(c, 10 + i);
        }
        let s = b.finish("a", 40);
        assert_eq!(s.text(), "(1) Schriftform x");
        assert_eq!(s.original_offset(0), 10);
        assert_eq!(s.original_offset(s.text().find("form").unwrap()), 10 + "Schrift\u{00AD}".len());
        assert_eq!(s.original_offset(s.text().len()), 40);
    }
}
