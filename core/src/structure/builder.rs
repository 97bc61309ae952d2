//! Builds the structure tree from classified lines.

use super::Node;

pub(super) fn build(_text: &str) -> Vec<Node> {
    todo!()
}
