//! Finds the unit a [`TargetRef`] names in the parsed text of the amended law.
//!
//! Paths are followed segment by segment through the structure tree: „§ 5“ among the §§, then
//! „Abs. 2“ inside it, „Satz 1“ inside that. Units the tree has no node for are located in the
//! text: the Überschrift (the heading span of a unit), an entry of the Inhaltsübersicht (its line),
//! the Teilsatz before the first Nummer, the title (first line).

use super::model::{Segment, TargetRef, UnitKind};
use crate::source::Span;
use crate::structure::{Document, NodeId, NodeKind, TextRole};

/// A located unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Place {
    pub span: Span,
    pub node: Option<NodeId>,
    pub kind: UnitKind,
}

/// Why a target was not found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Unresolved {
    /// The target is in the Inhaltsübersicht, and the text has none.
    NoContents,
    /// Which segment was not found, in German.
    Missing(String),
}

impl From<String> for Unresolved {
    fn from(e: String) -> Unresolved {
        Unresolved::Missing(e)
    }
}

impl From<&str> for Unresolved {
    fn from(e: &str) -> Unresolved {
        Unresolved::Missing(e.to_string())
    }
}

impl std::fmt::Display for Unresolved {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unresolved::NoContents => f.write_str("keine Inhaltsübersicht vorhanden"),
            Unresolved::Missing(e) => f.write_str(e),
        }
    }
}

/// The units a target names, in document order; an error says which segment was not found.
pub(super) fn resolve(doc: &Document, target: &TargetRef) -> Result<Vec<Place>, Unresolved> {
    let root = Place { span: Span::new(0, doc.text().len()), node: Some(doc.root()), kind: UnitKind::Title };
    let mut current = vec![root];
    let mut walked = TargetRef::default();
    for seg in &target.segments {
        walked.segments.push(seg.clone());
        let mut next = Vec::new();
        for place in &current {
            match step(doc, place, seg) {
                Ok(found) => next.extend(found),
                Err(Unresolved::Missing(e)) => return Err(Unresolved::Missing(format!("„{walked}“: {e}"))),
                Err(other) => return Err(other),
            }
        }
        if next.is_empty() {
            return Err(Unresolved::Missing(format!("„{walked}“ nicht gefunden")));
        }
        current = next;
    }
    if target.is_empty() {
        return Err("kein Ziel angegeben".into());
    }
    Ok(current)
}

/// The Inhaltsübersicht of a text: a part marked as such that lists at least one entry.
pub(super) fn contents(doc: &Document) -> Option<NodeId> {
    doc.ids().find(|&i| {
        let n = doc.node(i);
        n.role == Some(TextRole::Contents) && doc.text()[n.span.range()].lines().filter(|l| entry_label(l.trim()).is_some()).nth(1).is_some()
    })
}

/// The number an Inhaltsübersicht line starts with („§ 172“, „Artikel 3“, „Anlage 2“), if any.
fn entry_label(line: &str) -> Option<&str> {
    for word in ["§", "Artikel", "Art.", "Anlage"] {
        if let Some(rest) = line.strip_prefix(word) {
            let rest_trim = rest.trim_start();
            let n = rest_trim.chars().take_while(|c| c.is_ascii_alphanumeric()).map(char::len_utf8).sum::<usize>();
            if n > 0 && rest_trim.chars().next().is_some_and(|c| c.is_ascii_digit()) {
                let end = line.len() - rest_trim.len() + n;
                return Some(&line[..end]);
            }
        }
    }
    None
}

/// The entries „Angabe zu § 172“, „Angaben zu den §§ 173 bis 176“, „Angaben zu den §§ 175 und
/// 176“ name: each entry of a list, every entry from the first to the last of a range.
fn contents_entries(text: &str, region: Span, label: &str) -> Result<Vec<Place>, Unresolved> {
    let (word, rest) = match label.strip_prefix("§§") {
        Some(r) => ("§", r.trim()),
        None => match label.split_once(' ') {
            Some((w, r)) if !w.chars().next().is_some_and(|c| c.is_ascii_digit()) => (w, r.trim()),
            _ => ("", label.trim()),
        },
    };
    let range = rest.contains(" bis ");
    let labels: Vec<String> = rest
        .split([','])
        .flat_map(|p| p.split(" und "))
        .flat_map(|p| p.split(" bis "))
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect();
    let lines: Vec<(Span, &str)> = {
        let mut out = Vec::new();
        let mut offset = region.start;
        for line in text[region.range()].split_inclusive('\n') {
            let trimmed = line.trim();
            let lead = line.len() - line.trim_start().len();
            out.push((Span::new(offset + lead, offset + lead + trimmed.len()), trimmed));
            offset += line.len();
        }
        out
    };
    let find = |l: &str| -> Result<usize, Unresolved> {
        let wanted = if word.is_empty() { l.to_string() } else { format!("{word} {l}") };
        lines
            .iter()
            .position(|(_, t)| entry_label(t).is_some_and(|e| e.split_whitespace().collect::<Vec<_>>().join(" ") == wanted))
            .ok_or_else(|| Unresolved::Missing(format!("keine Angabe zu {wanted} in der Inhaltsübersicht")))
    };
    let place = |i: usize| Place { span: lines[i].0, node: None, kind: UnitKind::ContentsEntry };
    if range && labels.len() == 2 {
        let (a, b) = (find(&labels[0])?, find(&labels[1])?);
        if a > b {
            return Err(Unresolved::Missing(format!("die Angaben zu {label} stehen nicht in dieser Reihenfolge in der Inhaltsübersicht")));
        }
        return Ok((a..=b).filter(|&i| !lines[i].1.is_empty()).map(place).collect());
    }
    labels.iter().map(|l| find(l).map(place)).collect()
}

fn step(doc: &Document, place: &Place, seg: &Segment) -> Result<Vec<Place>, Unresolved> {
    let Some(node) = place.node else {
        return Err(Unresolved::Missing(format!("innerhalb von „{seg}“ gibt es keine Gliederung")));
    };
    let text = doc.text();
    match seg.kind {
        UnitKind::Heading => {
            let h = doc.node(node).heading.ok_or(Unresolved::from("keine Überschrift vorhanden"))?;
            Ok(vec![Place { span: h, node: None, kind: UnitKind::Heading }])
        }
        UnitKind::Title => {
            let first = text.lines().find(|l| !l.trim().is_empty()).ok_or(Unresolved::from("Text ist leer"))?;
            let start = first.as_ptr() as usize - text.as_ptr() as usize;
            Ok(vec![Place { span: Span::new(start, start + first.trim_end().len()), node: None, kind: UnitKind::Title }])
        }
        UnitKind::Contents => {
            let id = contents(doc).ok_or(Unresolved::NoContents)?;
            Ok(vec![Place { span: doc.node(id).span, node: Some(id), kind: UnitKind::Contents }])
        }
        UnitKind::ContentsEntry => {
            // „Die Angabe zu § 34 …“ without „In der Inhaltsübersicht“ still means an entry there.
            let region = if place.kind == UnitKind::Contents {
                place.span
            } else {
                doc.node(contents(doc).ok_or(Unresolved::NoContents)?).span
            };
            contents_entries(text, region, seg.single().unwrap_or_default())
        }
        UnitKind::SentencePart => {
            // „Teilsatz vor Nr. 1“: the text before the first list item.
            let first_item = doc
                .ids()
                .skip(node + 1)
                .take_while(|&i| doc.node(i).span.start < doc.node(node).span.end)
                .find(|&i| doc.node(i).kind.is_list_item())
                .ok_or(Unresolved::from("keine Aufzählung vorhanden"))?;
            let start = content_start(doc, node);
            Ok(vec![Place { span: Span::new(start, doc.node(first_item).span.start), node: None, kind: UnitKind::SentencePart }])
        }
        kind => {
            let wanted = node_kind(kind).ok_or_else(|| format!("Ziel „{seg}“ wird beim Anwenden nicht unterstützt"))?;
            let mut out = Vec::new();
            for label in seg.expanded() {
                let found = find(doc, node, wanted, kind, &label).ok_or_else(|| format!("„{}“ nicht gefunden", Segment::new(kind, label.clone())))?;
                let span = if wanted.is_list_item() { item_span(doc, found) } else { doc.node(found).span };
                out.push(Place { span, node: Some(found), kind });
            }
            Ok(out)
        }
    }
}

fn node_kind(kind: UnitKind) -> Option<NodeKind> {
    Some(match kind {
        UnitKind::Paragraph => NodeKind::Paragraph,
        UnitKind::Artikel => NodeKind::Artikel,
        UnitKind::Absatz => NodeKind::Absatz,
        UnitKind::Satz => NodeKind::Satz,
        UnitKind::Nummer => NodeKind::Nummer,
        UnitKind::Buchstabe => NodeKind::Buchstabe,
        UnitKind::Doppelbuchstabe | UnitKind::Dreifachbuchstabe => NodeKind::Doppelbuchstabe,
        UnitKind::Anlage => NodeKind::Anlage,
        UnitKind::Gliederung => NodeKind::Gliederung,
        _ => return None,
    })
}

/// The bare number or letter of a node's label: „§ 5a“ → „5a“, „(2)“ → „2“, „aa)“ → „aa“.
pub(super) fn bare_label(label: &str) -> String {
    label
        .trim()
        .trim_start_matches("§§")
        .trim_start_matches('§')
        .trim_start_matches("Artikel")
        .trim_start_matches("Art.")
        .trim_start_matches("Anlage")
        .trim()
        .trim_matches(['(', ')', '.'])
        .trim()
        .to_string()
}

fn label_matches(doc: &Document, id: NodeId, kind: UnitKind, label: &str) -> bool {
    let n = doc.node(id);
    match kind {
        UnitKind::Gliederung => {
            let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
            norm(&n.label) == norm(label) || norm(&n.label).ends_with(&norm(label))
        }
        UnitKind::Dreifachbuchstabe => bare_label(&n.label) == label && label.len() == 3,
        UnitKind::Doppelbuchstabe => bare_label(&n.label) == label && label.len() == 2,
        _ => bare_label(&n.label) == label,
    }
}

/// The first node of `kind` labelled `label` below `from`, not looking inside units of the same
/// kind (a „Nr. 3“ inside a Buchstabe of Nr. 2 is not Nr. 3 of the Absatz), nor into the
/// Inhaltsübersicht, headings or editorial notes.
fn find(doc: &Document, from: NodeId, wanted: NodeKind, kind: UnitKind, label: &str) -> Option<NodeId> {
    let mut stack: Vec<NodeId> = doc.node(from).children.iter().rev().copied().collect();
    while let Some(id) = stack.pop() {
        let n = doc.node(id);
        if n.role.is_some_and(|r| matches!(r, TextRole::Contents | TextRole::Editorial)) {
            continue;
        }
        if n.kind == wanted {
            if label_matches(doc, id, kind, label) {
                return Some(id);
            }
            continue;
        }
        stack.extend(n.children.iter().rev().copied());
    }
    None
}

/// Where the unit's own text starts: after its label and heading.
pub(super) fn content_start(doc: &Document, id: NodeId) -> usize {
    let n = doc.node(id);
    let text = doc.text();
    let mut start = n.span.start;
    if let Some(h) = n.heading {
        start = start.max(h.end);
    }
    if !n.label.is_empty() && text[start..n.span.end].starts_with(n.label.as_str()) && n.kind != NodeKind::Satz {
        start += n.label.len();
    }
    start + (text[start..n.span.end].len() - text[start..n.span.end].trim_start().len())
}

/// A list item's own text. Where a list is followed by a sentence on a line of its own („Die
/// Eintragung ist unverzüglich vorzunehmen …“ after the last Nummer), the structure tree may hang
/// that sentence onto the last item; it is not part of the item.
pub(super) fn item_span(doc: &Document, id: NodeId) -> Span {
    let n = doc.node(id);
    let text = doc.text();
    let own = &text[n.span.range()];
    // Nested items (Buchstaben of a Nummer) stay; a line that starts a new sentence does not.
    let nested_start = n.children.iter().map(|&c| doc.node(c)).find(|c| c.kind.is_list_item()).map(|c| c.span.start);
    let mut offset = 0;
    for line in own.split_inclusive('\n') {
        offset += line.len();
        let rest = own[offset..].trim_start();
        let at = n.span.start + offset;
        if nested_start.is_some_and(|s| at >= s) {
            break;
        }
        if line.ends_with('\n') && rest.chars().next().is_some_and(char::is_uppercase) && !line.trim_end().ends_with('-') {
            let end = n.span.start + offset - (line.len() - line.trim_end().len());
            return Span::new(n.span.start, end);
        }
    }
    n.span
}

/// The units of `kind` below `container` in document order, not looking inside units of the
/// same kind, nor into the Inhaltsübersicht, headings or editorial notes.
pub(super) fn units_below(doc: &Document, container: NodeId, kind: NodeKind) -> Vec<NodeId> {
    let mut out = Vec::new();
    let mut stack: Vec<NodeId> = doc.node(container).children.iter().rev().copied().collect();
    while let Some(id) = stack.pop() {
        let n = doc.node(id);
        if n.role.is_some_and(|r| matches!(r, TextRole::Contents | TextRole::Editorial)) {
            continue;
        }
        if n.kind == kind {
            out.push(id);
            continue;
        }
        stack.extend(n.children.iter().rev().copied());
    }
    out
}

/// The last list item of a container (the Nummern of „§ 2 Abs. 1 Satz 1“), not looking into the
/// items themselves.
pub(super) fn last_item(doc: &Document, id: NodeId) -> Option<NodeId> {
    let mut last = None;
    let mut stack: Vec<NodeId> = doc.node(id).children.iter().rev().copied().collect();
    while let Some(c) = stack.pop() {
        if doc.node(c).kind.is_list_item() {
            last = Some(c);
            continue;
        }
        stack.extend(doc.node(c).children.iter().rev().copied());
    }
    last
}
