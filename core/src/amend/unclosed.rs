//! Quotes that are opened and never closed, and the commands they would swallow.
//!
//! The structure parser keeps quoted wording inside the command that quotes it, so that the
//! Absätze and Nummern of a new § are not taken for units of the draft. A „ without its “ makes the
//! rest of the Artikel one quote: the commands after it become new wording of the command before.
//! A drafter reads the draft differently — the next line that starts with the next number of the
//! list („5.“ after „4.“) and reads as a command is the next command — and so does this module:
//! it finds such lines inside a list item whose quotes do not balance, closes the quote before
//! them (in a copy of the text, so that the structure parser sees the items), and remembers where,
//! so that the command with the unclosed quote is reported as such and never applied.

use super::interpret::{self, Reading};
use super::tokens;
use crate::source::origin::OriginMap;
use crate::source::{SourceText, Span};
use crate::structure::{Document, NodeId, NodeKind};

/// „ and “.
pub(super) const OPEN: char = '„';
pub(super) const CLOSE: char = '“';

/// The number of „ and of “ in `text`.
pub(super) fn quote_counts(text: &str) -> (usize, usize) {
    let b = text.as_bytes();
    (memchr::memmem::find_iter(b, "„").count(), memchr::memmem::find_iter(b, "“").count())
}

/// Where closing quotes were put into a copy of the draft: offsets into the original text at
/// which a “ (three bytes) was inserted, in increasing order.
#[derive(Debug, Clone, Default)]
pub(super) struct Closers {
    pub at: Vec<usize>,
}

impl Closers {
    /// The offset in the original text of offset `o` of the copy.
    pub fn original(&self, o: usize) -> usize {
        let mut shift = 0;
        for (k, &p) in self.at.iter().enumerate() {
            let in_copy = p + k * CLOSE.len_utf8();
            if o >= in_copy + CLOSE.len_utf8() {
                shift += CLOSE.len_utf8();
            } else if o > in_copy {
                // Inside the inserted sign: its place in the original.
                return p;
            }
        }
        o - shift
    }

    pub fn span(&self, s: Span) -> Span {
        Span::new(self.original(s.start), self.original(s.end))
    }

    /// True if a closer was put into `s` (a span of the original), or right at its end.
    pub fn inside(&self, s: Span) -> bool {
        self.at.iter().any(|&p| s.start < p && p <= s.end)
    }
}

/// The draft with closing quotes put where an unclosed quote swallows following commands, or
/// `None` if there is no such quote.
pub(super) fn close_swallowing_quotes(doc: &Document) -> Option<(Document, Closers)> {
    let text = doc.text();
    // Commands in items stand below a „… wird wie folgt geändert:“; a text without one (an
    // ordinary law) or without any „ has no quote to close. (`memmem` for the „ too: over every
    // tenth federal law 2.4 M instructions fewer than `str::contains` with the character.)
    let prefix = |p: &str| memchr::memmem::find(text.as_bytes(), p.as_bytes()).is_some();
    if !prefix(OPEN.encode_utf8(&mut [0; 4])) || !(prefix("folgt geändert") || prefix("folgt ergänzt")) {
        return None;
    }
    let mut at = Vec::new();
    for id in doc.ids() {
        let n = doc.node(id);
        if !n.kind.is_list_item() || n.children.iter().any(|&c| doc.node(c).kind.is_list_item()) {
            continue;
        }
        let (open, close) = quote_counts(&text[n.span.range()]);
        if open <= close {
            continue;
        }
        if let Some(p) = swallowed_from(doc, id) {
            at.push(p);
        }
    }
    if at.is_empty() {
        return None;
    }
    at.sort_unstable();
    let mut copy = String::with_capacity(text.len() + 3 * at.len());
    let mut from = 0;
    for &p in &at {
        copy.push_str(&text[from..p]);
        copy.push(CLOSE);
        from = p;
    }
    copy.push_str(&text[from..]);
    let reparsed = Document::parse(SourceText::from_parts(doc.source().name(), copy, OriginMap::default()));
    Some((reparsed, Closers { at }))
}

/// Where a quote opened in list item `id` should have been closed: at the end of the last
/// non-blank line before the first line that starts with the label of the item that follows
/// („5.“ after „4.“, „d)“ after „c)“, or the next label of an enclosing item) and reads as a
/// command.
fn swallowed_from(doc: &Document, id: NodeId) -> Option<usize> {
    let text = doc.text();
    let n = doc.node(id);
    let mut next_labels: Vec<String> = Vec::new();
    let mut cur = Some(id);
    while let Some(c) = cur {
        let node = doc.node(c);
        if !node.kind.is_list_item() {
            break;
        }
        if let Some(l) = next_label(&node.label) {
            next_labels.push(l);
        }
        cur = node.parent.filter(|&p| doc.node(p).kind != NodeKind::Artikel);
        // Items of a prefix hang below its sentence or text node: go on to the enclosing item.
        while let Some(p) = cur {
            if doc.node(p).kind.is_list_item() || doc.node(p).kind == NodeKind::Artikel {
                break;
            }
            cur = doc.node(p).parent;
        }
    }
    let first_open = text[n.span.range()].find(OPEN)? + n.span.start;
    let mut offset = n.span.start;
    for line in text[n.span.range()].split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        if start <= first_open {
            continue;
        }
        let t = line.trim();
        let Some(label) = next_labels.iter().find(|l| t.starts_with(l.as_str()) && t[l.len()..].starts_with([' ', '\t'])) else {
            continue;
        };
        let rest = &t[label.len()..];
        let rest_start = start + (line.len() - line.trim_start().len()) + label.len();
        if reads_as_command(rest, rest_start) {
            let before = text[n.span.start..start].trim_end();
            return Some(n.span.start + before.len());
        }
    }
    None
}

/// True if `text` reads as a command or a „… wird wie folgt geändert:“.
fn reads_as_command(text: &str, offset: usize) -> bool {
    let Ok(toks) = tokens::tokenize(text, 0) else { return false };
    let _ = offset;
    matches!(interpret::read(text, &toks), Reading::Commands(_) | Reading::Prefix { .. })
}

/// The label of the item after `label`: „4.“ → „5.“, „c)“ → „d)“, „bb)“ → „cc)“, „aaa)“ → „bbb)“.
pub(super) fn next_label(label: &str) -> Option<String> {
    let l = label.trim();
    if let Some(num) = l.strip_suffix('.') {
        let n: u32 = num.parse().ok()?;
        return Some(format!("{}.", n + 1));
    }
    let letters = l.strip_suffix(')')?;
    let first = letters.chars().next()?;
    if !first.is_ascii_lowercase() || !letters.chars().all(|c| c == first) || first == 'z' {
        return None;
    }
    let next = (first as u8 + 1) as char;
    Some(format!("{})", next.to_string().repeat(letters.len())))
}

/// The position of an item label in its list: „5.“ → 5, „c)“ → 3, „bb)“ → 2; `None` for labels
/// that are not plain („4a.“, „z)“ is 26).
pub(super) fn ordinal(label: &str) -> Option<u32> {
    let l = label.trim();
    if let Some(num) = l.strip_suffix('.') {
        return num.parse().ok();
    }
    let letters = l.strip_suffix(')')?;
    let first = letters.chars().next()?;
    (first.is_ascii_lowercase() && letters.chars().all(|c| c == first)).then(|| (first as u8 - b'a') as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_follow_each_other() {
        assert_eq!(next_label("4.").as_deref(), Some("5."));
        assert_eq!(next_label("c)").as_deref(), Some("d)"));
        assert_eq!(next_label("bb)").as_deref(), Some("cc)"));
        assert_eq!(next_label("aaa)").as_deref(), Some("bbb)"));
        assert_eq!(next_label("4a."), None);
        assert_eq!(ordinal("12."), Some(12));
        assert_eq!(ordinal("dd)"), Some(4));
        assert_eq!(ordinal("ab)"), None);
    }

    #[test]
    fn closers_map_offsets_back() {
        let c = Closers { at: vec![10, 20] };
        assert_eq!(c.original(5), 5);
        assert_eq!(c.original(10), 10);
        assert_eq!(c.original(11), 10);
        assert_eq!(c.original(13), 10);
        assert_eq!(c.original(15), 12);
        assert_eq!(c.original(23), 20);
        assert_eq!(c.original(26), 20);
        assert_eq!(c.original(30), 24);
        assert!(c.inside(Span::new(0, 10)));
        assert!(!c.inside(Span::new(10, 15)));
    }
}
