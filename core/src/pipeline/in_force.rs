//! Whether a document says of itself that it is no longer in force.
//!
//! Collections of local law keep repealed Satzungen beside the ones in force and mark them in the
//! front matter (`status: ausser_kraft`). A repealed provision is no barrier anyone meets and no
//! draft will amend it, so a Normprüfstelle striking such findings one by one would be doing the
//! tool's work; the pipeline leaves them out and says so in a note.

use super::jurisdiction::front_value;
use crate::Document;

/// Whether the front matter's `status` marks the document as repealed or expired (`ausser_kraft`,
/// „außer Kraft“, `aufgehoben`); the Markdown reader may have turned the underscore into a space.
pub fn is_repealed(doc: &Document) -> bool {
    front_value(doc.text(), "status:").is_some_and(|status| {
        let folded = status.to_lowercase().replace(['_', '-'], " ").replace('ß', "ss");
        ["ausser kraft", "aufgehoben", "ausgelaufen", "repealed"].contains(&folded.as_str())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repealed(text: &str) -> bool {
        is_repealed(&Document::parse(crate::SourceText::from_utf8("t.md", text)))
    }

    #[test]
    fn the_front_matter_marks_a_repealed_document() {
        assert!(repealed("---\ntitel: Verbandssatzung\nstatus: ausser_kraft\n---\n§ 1\n"));
        assert!(repealed("---\nstatus: \"außer Kraft\"\n---\n§ 1\n"));
        assert!(!repealed("---\ntitel: Satzung\nstatus: published\n---\n§ 1\n"));
        // Only front matter counts: the words in the text say nothing about the document itself.
        assert!(!repealed("§ 1\nstatus: ausser_kraft\n"));
    }
}
