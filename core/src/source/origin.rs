//! Where a position of the normalised text was in the original input.
//!
//! Normalisation and structured readers (DOCX, PDF, XML) change lengths, so offsets are mapped through
//! checkpoints: a sorted list of `(normalised offset, original offset)` pairs, exact at each checkpoint
//! and linear between two of them. Structured readers add [`OriginalPlace`]s (anchored at offsets)
//! that name what a reader of the original can find (Word paragraph, PDF page, XML element).

use serde::Serialize;

/// A place in a structured original, attached to the normalised offset where it begins.
///
/// A place is in force from its offset up to the next one, so a reader adds one wherever what
/// a user of the original would look for changes: a new Word run, a new PDF line, the start (and the
/// end, re-anchoring the parent) of an XML element with an eId.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum OriginalPlace {
    /// A Word paragraph (0-based index in document order, table cells included, text boxes not)
    /// and the visible run within it (0-based, deleted runs not counted). `inserted` is set for
    /// text a tracked change inserted: the text is checked as it reads with all changes accepted,
    /// and a finding there should say that it lies in new wording.
    Docx {
        paragraph: usize,
        run: usize,
        #[serde(skip_serializing_if = "std::ops::Not::not")]
        inserted: bool,
    },
    /// A PDF page (1-based) and line on that page (1-based, counting the lines the reader saw,
    /// running headers and footers included).
    Pdf { page: usize, line: usize },
    /// An XML element with its LegalDocML.de eId.
    Xml { eid: String },
}

/// The former name of [`OriginalPlace`], kept for code written before the rename.
#[doc(hidden)]
pub type Anchor = OriginalPlace;

#[derive(Debug, Clone, Default)]
pub struct OriginMap {
    /// Checkpoints `(normalised, original)` where the difference between the two changes.
    points: Vec<(usize, usize)>,
    anchors: Vec<(usize, OriginalPlace)>,
}

impl OriginMap {
    /// Records that normalised offset `norm` corresponds to original offset `orig`. Offsets must be
    /// recorded in increasing `norm` order; a point on the current linear segment adds nothing.
    pub fn record(&mut self, norm: usize, orig: usize) {
        if let Some(last) = self.points.last_mut() {
            if norm == last.0 {
                // Characters dropped right here: the later original offset is the one in force.
                last.1 = orig;
                return;
            }
            if norm < last.0 || orig as isize - norm as isize == last.1 as isize - last.0 as isize {
                return;
            }
        }
        self.points.push((norm, orig));
    }

    pub(crate) fn shrink(&mut self) {
        self.points.shrink_to_fit();
    }

    /// Attaches an anchor at a normalised offset; anchors must be added in offset order.
    pub fn add_anchor(&mut self, norm: usize, anchor: OriginalPlace) {
        self.anchors.push((norm, anchor));
    }

    /// Original offset of a normalised offset.
    pub fn original(&self, norm: usize) -> usize {
        match self.points.binary_search_by_key(&norm, |&(n, _)| n) {
            Ok(i) => self.points[i].1,
            Err(0) => norm,
            Err(i) => {
                let (n, o) = self.points[i - 1];
                o + (norm - n)
            }
        }
    }

    /// The anchor in force at a normalised offset: the last one at or before it.
    pub fn anchor(&self, norm: usize) -> Option<&OriginalPlace> {
        let i = self.anchors.partition_point(|(n, _)| *n <= norm);
        i.checked_sub(1).map(|i| &self.anchors[i].1)
    }

    pub fn anchors(&self) -> &[(usize, OriginalPlace)] {
        &self.anchors
    }

    /// The anchors in force anywhere in `[start, end)`: the one at `start` and every later one that
    /// begins before `end`.
    pub fn anchors_in(&self, start: usize, end: usize) -> impl Iterator<Item = &OriginalPlace> {
        let first = self.anchors.partition_point(|(n, _)| *n <= start).saturating_sub(1);
        self.anchors[first..].iter().take_while(move |(n, _)| *n < end.max(start + 1)).map(|(_, a)| a)
    }
}
