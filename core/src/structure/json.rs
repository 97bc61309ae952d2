//! Structure output: the structure-JSON contract and a readable tree.

use super::{Document, NodeId};
use serde_json::{json, Value};
use std::fmt::Write;

/// The structure-JSON contract: `{"kind","label","norm","start","end","line","children"}` per node;
/// the root also carries `"doctype"` (the kind of document, see [`super::DocType`]) and `"notes"`
/// (`[{"line", "start", "message"}]`: what was recognised but not understood).
pub fn to_json(doc: &Document) -> Value {
    let mut root = node_json(doc, doc.root());
    if let Value::Object(map) = &mut root {
        map.insert("doctype".into(), json!(doc.doctype().id()));
        let notes: Vec<Value> = doc
            .notes()
            .iter()
            .map(|n| json!({"line": doc.source().line_col(n.span.start).line, "start": n.span.start, "message": n.message}))
            .collect();
        map.insert("notes".into(), Value::Array(notes));
    }
    root
}

fn node_json(doc: &Document, id: NodeId) -> Value {
    let n = doc.node(id);
    let children: Vec<Value> = n.children.iter().map(|&c| node_json(doc, c)).collect();
    json!({
        "kind": n.kind.id(),
        "label": n.label,
        "norm": n.norm,
        "start": n.span.start,
        "end": n.span.end,
        "line": doc.source().line_col(n.span.start).line,
        "children": children,
    })
}

/// An indented outline with line numbers, kinds, labels and norm paths, after the kind of
/// document and the notes.
pub fn to_tree(doc: &Document) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Dokumentart: {} ({})", doc.doctype().label(), doc.doctype().id());
    for n in doc.notes() {
        let _ = writeln!(out, "Hinweis (Zeile {}): {}", doc.source().line_col(n.span.start).line, n.message);
    }
    tree_node(doc, doc.root(), 0, &mut out);
    out
}

fn tree_node(doc: &Document, id: NodeId, depth: usize, out: &mut String) {
    let n = doc.node(id);
    let line = doc.source().line_col(n.span.start).line;
    let preview: String = {
        let first = doc.text()[n.span.range()].lines().next().unwrap_or("");
        let mut p: String = first.chars().take(60).collect();
        if first.chars().count() > 60 {
            p.push('…');
        }
        p
    };
    let _ = write!(out, "{line:>6}  {}{}", "  ".repeat(depth), n.kind.id());
    if !n.label.is_empty() {
        let _ = write!(out, " {}", n.label);
    }
    if !n.norm.is_empty() {
        let _ = write!(out, "  [{}]", n.norm);
    }
    if n.children.is_empty() && !preview.is_empty() {
        let _ = write!(out, "  „{}“", preview.trim());
    }
    out.push('\n');
    for &c in &n.children {
        tree_node(doc, c, depth + 1, out);
    }
}
