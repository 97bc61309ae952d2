//! The open documents, kept in step with the editor by incremental text synchronisation.
//!
//! The editor sends edits, not whole texts; each `didChange` carries a version and a list of
//! edits that must be applied one after another, each against the text the previous one left. A
//! change whose version is not newer than the stored one is refused: applying an edit twice or
//! out of order would silently corrupt the copy, and every range reported afterwards would point
//! at the wrong words.

use super::position::{Encoding, PositionMap};
use lsp_types::{TextDocumentContentChangeEvent, Uri};
use std::collections::HashMap;

/// One open document: the editor's text exactly as the editor has it.
#[derive(Debug, Clone)]
pub struct OpenDocument {
    pub uri: Uri,
    pub language_id: String,
    pub version: i32,
    pub text: String,
    pub positions: PositionMap,
}

impl OpenDocument {
    pub fn new(uri: Uri, language_id: String, version: i32, text: String, encoding: Encoding) -> OpenDocument {
        let positions = PositionMap::new(&text, encoding);
        OpenDocument { uri, language_id, version, text, positions }
    }

    /// Applies a `didChange` in order. On a stale version nothing is changed.
    pub fn apply(&mut self, version: i32, changes: Vec<TextDocumentContentChangeEvent>, encoding: Encoding) -> Result<(), String> {
        if version <= self.version {
            return Err(format!(
                "Änderung mit Version {version} verworfen: das Dokument hat schon Version {}",
                self.version
            ));
        }
        for change in changes {
            match change.range {
                Some(range) => {
                    let a = self.positions.offset(&self.text, range.start);
                    let b = self.positions.offset(&self.text, range.end);
                    let (start, end) = (a.min(b), a.max(b));
                    self.text.replace_range(start..end, &change.text);
                }
                None => self.text = change.text,
            }
            self.positions = PositionMap::new(&self.text, encoding);
        }
        self.version = version;
        Ok(())
    }
}

/// All open documents by URI.
#[derive(Debug, Default)]
pub struct Documents {
    docs: HashMap<Uri, OpenDocument>,
}

impl Documents {
    pub fn open(&mut self, doc: OpenDocument) {
        self.docs.insert(doc.uri.clone(), doc);
    }

    pub fn close(&mut self, uri: &Uri) -> Option<OpenDocument> {
        self.docs.remove(uri)
    }

    pub fn get(&self, uri: &Uri) -> Option<&OpenDocument> {
        self.docs.get(uri)
    }

    pub fn get_mut(&mut self, uri: &Uri) -> Option<&mut OpenDocument> {
        self.docs.get_mut(uri)
    }

    pub fn uris(&self) -> Vec<Uri> {
        let mut uris: Vec<Uri> = self.docs.keys().cloned().collect();
        uris.sort();
        uris
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lsp_types::{Position, Range};

    fn change(l0: u32, c0: u32, l1: u32, c1: u32, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(l0, c0), Position::new(l1, c1))),
            range_length: None,
            text: text.into(),
        }
    }

    #[test]
    fn applies_edits_in_order_and_refuses_stale_versions() {
        let uri: Uri = "file:///tmp/a.txt".parse().unwrap();
        let mut d = OpenDocument::new(uri, "plaintext".into(), 1, "„Antrag“ schriftlich\nZeile".into(), Encoding::Utf16);
        // Second edit depends on the first: after inserting „ä“ the UTF-16 column of „s“ moves by one.
        d.apply(2, vec![change(0, 0, 0, 0, "ä"), change(0, 10, 0, 21, "elektronisch")], Encoding::Utf16).unwrap();
        assert_eq!(d.text, "ä„Antrag“ elektronisch\nZeile");
        assert!(d.apply(2, vec![change(0, 0, 0, 1, "")], Encoding::Utf16).is_err());
        assert_eq!(d.version, 2);
        // Out-of-range positions are clamped to the end.
        d.apply(3, vec![change(9, 9, 99, 0, "!")], Encoding::Utf16).unwrap();
        assert!(d.text.ends_with("Zeile!"));
        // A whole-text change replaces everything.
        d.apply(4, vec![TextDocumentContentChangeEvent { range: None, range_length: None, text: "neu".into() }], Encoding::Utf16)
            .unwrap();
        assert_eq!(d.text, "neu");
    }
}
