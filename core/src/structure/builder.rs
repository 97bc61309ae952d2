//! Builds the structure tree from classified lines.
//! (Interim: one Satz per non-blank line until the real builder lands.)

use super::{Node, NodeKind};
use crate::source::Span;

pub(super) fn build(text: &str) -> Vec<Node> {
    let mut nodes = vec![Node {
        kind: NodeKind::Dokument,
        label: String::new(),
        norm: String::new(),
        span: Span::new(0, text.len()),
        heading: None,
        role: None,
        repealed: false,
        parent: None,
        children: vec![],
    }];
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim();
        if !t.is_empty() {
            let start = pos + (line.len() - line.trim_start().len());
            let id = nodes.len();
            nodes.push(Node {
                kind: NodeKind::Satz,
                label: String::new(),
                norm: String::new(),
                span: Span::new(start, start + t.len()),
                heading: None,
                role: None,
                repealed: false,
                parent: Some(0),
                children: vec![],
            });
            nodes[0].children.push(id);
        }
        pos += line.len();
    }
    nodes
}
