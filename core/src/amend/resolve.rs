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

/// The units a target names, in document order; an error says which segment was not found.
pub(super) fn resolve(doc: &Document, target: &TargetRef) -> Result<Vec<Place>, String> {
    let root = Place { span: Span::new(0, doc.text().len()), node: Some(doc.root()), kind: UnitKind::Title };
    let mut current = vec![root];
    let mut walked = TargetRef::default();
    for seg in &target.segments {
        walked.segments.push(seg.clone());
        let mut next = Vec::new();
        for place in &current {
            next.extend(step(doc, place, seg).map_err(|e| format!("„{walked}“: {e}"))?);
        }
        if next.is_empty() {
            return Err(format!("„{walked}“ nicht gefunden"));
        }
        current = next;
    }
    if target.is_empty() {
        return Err("kein Ziel angegeben".into());
    }
    Ok(current)
}

fn step(doc: &Document, place: &Place, seg: &Segment) -> Result<Vec<Place>, String> {
    let Some(node) = place.node else {
        return Err(format!("innerhalb von „{seg}“ gibt es keine Gliederung"));
    };
    let text = doc.text();
    match seg.kind {
        UnitKind::Heading => {
            let h = doc.node(node).heading.ok_or("keine Überschrift vorhanden")?;
            Ok(vec![Place { span: h, node: None, kind: UnitKind::Heading }])
        }
        UnitKind::Title => {
            let first = text.lines().find(|l| !l.trim().is_empty()).ok_or("Text ist leer")?;
            let start = first.as_ptr() as usize - text.as_ptr() as usize;
            Ok(vec![Place { span: Span::new(start, start + first.trim_end().len()), node: None, kind: UnitKind::Title }])
        }
        UnitKind::Contents => {
            let id = doc
                .ids()
                .find(|&i| doc.node(i).role == Some(TextRole::Contents))
                .ok_or("keine Inhaltsübersicht vorhanden")?;
            Ok(vec![Place { span: doc.node(id).span, node: Some(id), kind: UnitKind::Contents }])
        }
        UnitKind::ContentsEntry => {
            let label = seg.single().unwrap_or_default();
            let region = &text[place.span.range()];
            let mut offset = place.span.start;
            for line in region.split_inclusive('\n') {
                let trimmed = line.trim();
                if starts_with_label(trimmed, label) {
                    let lead = line.len() - line.trim_start().len();
                    let s = offset + lead;
                    return Ok(vec![Place { span: Span::new(s, s + trimmed.len()), node: None, kind: UnitKind::ContentsEntry }]);
                }
                offset += line.len();
            }
            Err(format!("keine Angabe zu {label} in der Inhaltsübersicht"))
        }
        UnitKind::SentencePart => {
            // „Teilsatz vor Nr. 1“: the text before the first list item.
            let first_item = doc
                .ids()
                .skip(node + 1)
                .take_while(|&i| doc.node(i).span.start < doc.node(node).span.end)
                .find(|&i| doc.node(i).kind.is_list_item())
                .ok_or("keine Aufzählung vorhanden")?;
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

/// „§ 34 Titel“ starts with „§ 34“ but „§ 345“ does not.
fn starts_with_label(line: &str, label: &str) -> bool {
    line.starts_with(label) && line[label.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric())
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
