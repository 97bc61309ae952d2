//! Offset conversions as a round-trip property: for every char boundary of any text,
//! byte → UTF-16 → byte, byte → line/column → byte and byte → LSP position → byte give the same
//! byte back; arbitrary (out-of-range, mid-character) offsets are clamped, never a panic.
#![no_main]
use digicheck_core::source::offsets::{LineCol, LineIndex};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let index = LineIndex::new(text);
    let mut boundaries: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    boundaries.push(text.len());
    for &b in &boundaries {
        let u = index.utf16_offset(text, b);
        assert_eq!(index.byte_of_utf16(text, u), b, "utf16 round trip at {b}");
        let lc = index.line_col(text, b);
        assert_eq!(index.byte_of_line_col(text, lc), b, "line/column round trip at {b} ({lc:?})");
        let col16 = index.utf16_column(text, b);
        assert_eq!(index.byte_of_lsp_position(text, lc.line - 1, col16), b, "LSP round trip at {b}");
        assert_eq!(index.char_offset(text, b), text[..b].chars().count());
    }
    // Hostile offsets: past the end, inside a character, absurd lines and columns.
    for probe in [text.len() + 1, usize::MAX / 2, 1, 2, 3] {
        let c = index.clamp(text, probe);
        assert!(c <= text.len() && text.is_char_boundary(c));
        let _ = index.line_col(text, probe);
        let _ = index.utf16_offset(text, probe);
    }
    let _ = index.byte_of_line_col(text, LineCol { line: usize::MAX, column: usize::MAX });
    let _ = index.byte_of_lsp_position(text, usize::MAX - 1, usize::MAX / 2);
    let _ = index.byte_of_utf16(text, usize::MAX);
});
