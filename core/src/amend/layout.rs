//! How the law that is amended lays out its text, so that new wording reads like the rest of it.
//!
//! A draft quotes a new § the way the HdR prints it — the number on one line, the heading on the
//! next, the Absätze one after another. The base text may print the heading on the number's line
//! („§ 173 – Zustellung von elektronischen Dokumenten“, as gesetze-im-internet.de does), set a
//! blank line between Absätze and §§, and separate an Inhaltsübersicht entry's number from its
//! title by a tab. New wording is brought into the base's layout; its words stay as drafted.

use crate::structure::{Document, NodeId, NodeKind, TextRole};

/// The layout of a base text, as far as new units need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Layout {
    /// What stands between a §'s number and its heading when both are on one line („ – “), or
    /// `None` if the heading has a line of its own.
    pub heading_inline: Option<String>,
    /// What separates the units inside a § (Absätze, Nummern): „\n“ or „\n\n“.
    pub unit_sep: String,
    /// What separates two §§.
    pub para_sep: String,
    /// What separates the number of an Inhaltsübersicht entry from its title („\t“ or „ “).
    pub contents_sep: String,
}

impl Default for Layout {
    fn default() -> Layout {
        Layout { heading_inline: None, unit_sep: "\n".into(), para_sep: "\n\n".into(), contents_sep: " ".into() }
    }
}

/// The most frequent of `votes`, or `None` if there is none.
fn majority(votes: Vec<String>) -> Option<String> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for v in votes {
        match counts.iter_mut().find(|(k, _)| *k == v) {
            Some((_, n)) => *n += 1,
            None => counts.push((v, 1)),
        }
    }
    counts.into_iter().max_by_key(|(_, n)| *n).map(|(k, _)| k)
}

/// The whitespace between two nodes, reduced to its line breaks („\n“, „\n\n“).
fn breaks(text: &str) -> Option<String> {
    let n = text.chars().filter(|&c| c == '\n').count();
    (text.trim().is_empty() && n > 0).then(|| "\n".repeat(n.min(2)))
}

/// Reads the layout of `doc` from its §§, their units and its Inhaltsübersicht.
pub(super) fn of(doc: &Document) -> Layout {
    let text = doc.text();
    let mut inline = Vec::new();
    let mut unit_seps = Vec::new();
    let mut para_seps = Vec::new();
    let paragraphs: Vec<NodeId> = doc.of_kind(NodeKind::Paragraph).collect();
    for (i, &id) in paragraphs.iter().enumerate().take(400) {
        let n = doc.node(id);
        if let Some(h) = n.heading {
            let label_end = n.span.start + n.label.len();
            if h.start >= label_end && text[n.span.start..].starts_with(n.label.as_str()) {
                let between = &text[label_end..h.start];
                inline.push(if between.contains('\n') { String::new() } else { between.to_string() });
            }
        }
        let units: Vec<NodeId> = n.children.iter().copied().filter(|&c| doc.node(c).kind != NodeKind::Text).collect();
        for w in units.windows(2) {
            if let Some(b) = breaks(&text[doc.node(w[0]).span.end..doc.node(w[1]).span.start]) {
                unit_seps.push(b);
            }
        }
        if let Some(&next) = paragraphs.get(i + 1) {
            let gap = &text[n.span.end.min(doc.node(next).span.start)..doc.node(next).span.start];
            if let Some(b) = breaks(gap) {
                para_seps.push(b);
            }
        }
    }
    let mut contents = Vec::new();
    if let Some(c) = doc.ids().find(|&i| doc.node(i).role == Some(TextRole::Contents)) {
        for line in text[doc.node(c).span.range()].lines().take(200) {
            let t = line.trim();
            if let Some(rest) = t.strip_prefix("§ ") {
                let label_len = rest.chars().take_while(|c| c.is_alphanumeric()).map(char::len_utf8).sum::<usize>();
                let after = &rest[label_len..];
                if after.starts_with('\t') {
                    contents.push("\t".to_string());
                } else if after.starts_with(' ') {
                    contents.push(" ".to_string());
                }
            }
        }
    }
    let d = Layout::default();
    Layout {
        heading_inline: majority(inline).filter(|s| !s.is_empty()),
        unit_sep: majority(unit_seps).unwrap_or(d.unit_sep),
        para_sep: majority(para_seps).unwrap_or(d.para_sep),
        contents_sep: majority(contents).unwrap_or(d.contents_sep),
    }
}

/// True if `line` is the number line of a § alone („§ 173“, „§ 11a“).
fn is_paragraph_label(line: &str) -> bool {
    let t = line.trim();
    t.strip_prefix("§ ").is_some_and(|rest| {
        !rest.is_empty() && rest.chars().next().is_some_and(|c| c.is_ascii_digit()) && rest.chars().all(|c| c.is_ascii_alphanumeric())
    })
}

/// Quoted new units in the base's layout: a § heading moved onto the number's line where the base
/// has it there, the units separated as in the base.
pub(super) fn units(new: &str, layout: &Layout) -> String {
    let lines: Vec<&str> = new.lines().map(str::trim_end).filter(|l| !l.trim().is_empty()).collect();
    let mut out = String::new();
    let mut i = 0;
    let mut first = true;
    while i < lines.len() {
        let line = lines[i].trim_start();
        let starts_paragraph = is_paragraph_label(line);
        if !first {
            out.push_str(if starts_paragraph { &layout.para_sep } else { &layout.unit_sep });
        }
        first = false;
        let heading_follows = lines.get(i + 1).is_some_and(|h| is_heading_line(h));
        match (&layout.heading_inline, starts_paragraph && heading_follows) {
            (Some(sep), true) => {
                out.push_str(line);
                out.push_str(sep);
                out.push_str(lines[i + 1].trim());
                i += 2;
            }
            _ => {
                out.push_str(line);
                i += 1;
            }
        }
    }
    out
}

/// A § heading line: no Absatz number, no list label, no sentence end.
fn is_heading_line(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty()
        && !t.starts_with('(')
        && !t.starts_with('§')
        && !t.chars().next().is_some_and(|c| c.is_ascii_digit())
        && !t.ends_with('.')
        && !t.ends_with(':')
        && t.chars().count() < 200
}

/// An entry of the Inhaltsübersicht in the base's layout: „§ 173 Zustellung …“ with the base's
/// separator between number and title.
pub(super) fn contents_entry(new: &str, layout: &Layout) -> String {
    new.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| {
            let Some(rest) = l.strip_prefix("§ ") else { return l.to_string() };
            let label_len = rest.chars().take_while(|c| c.is_alphanumeric()).map(char::len_utf8).sum::<usize>();
            let after = rest[label_len..].trim_start();
            if label_len == 0 || after.is_empty() {
                return l.to_string();
            }
            format!("§ {}{}{after}", &rest[..label_len], layout.contents_sep)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceText;

    fn doc(t: &str) -> Document {
        Document::parse(SourceText::from_utf8("t", t))
    }

    #[test]
    fn federal_layout_and_draft_layout() {
        let federal = doc("Gesetz\n\nInhaltsübersicht\n\n§ 1\tEins\n§ 2\tZwei\n\n§ 1 – Eins\n\n(1) Satz.\n\n(2) Satz.\n\n§ 2 – Zwei\n\n(1) Satz.\n\n(2) Satz.\n");
        let l = of(&federal);
        assert_eq!(l.heading_inline.as_deref(), Some(" – "));
        assert_eq!(l.unit_sep, "\n\n");
        assert_eq!(l.para_sep, "\n\n");
        assert_eq!(l.contents_sep, "\t");
        let drafted = "§ 173\nZustellung elektronischer Dokumente\n(1) Eins.\n(2) Zwei.\n§ 174\nAushändigung\nDrei.";
        assert_eq!(
            units(drafted, &l),
            "§ 173 – Zustellung elektronischer Dokumente\n\n(1) Eins.\n\n(2) Zwei.\n\n§ 174 – Aushändigung\n\nDrei."
        );
        assert_eq!(contents_entry("§ 173 Zustellung elektronischer Dokumente", &l), "§ 173\tZustellung elektronischer Dokumente");

        let plain = doc("Gesetz\n\n§ 1\nEins\n(1) Satz.\n(2) Satz.\n\n§ 2\nZwei\n(1) Satz.\n(2) Satz.\n");
        let l = of(&plain);
        assert_eq!(l.heading_inline, None);
        assert_eq!(l.unit_sep, "\n");
        assert_eq!(units(drafted, &l), "§ 173\nZustellung elektronischer Dokumente\n(1) Eins.\n(2) Zwei.\n\n§ 174\nAushändigung\nDrei.");
    }
}
