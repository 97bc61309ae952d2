//! The legal structure of a text: parts of a draft, Artikel, Gliederung, §, Absatz, Satz, Nummer,
//! Buchstabe — each a [`Node`] with a byte span and a norm path (`Art. 1 § 5 Abs. 2 Satz 1 Nr. 3`).
//!
//! Parsing is in two steps: [`lines`] classifies each line (is it a § heading, an Absatz, a list
//! item, a Vorblatt heading, …?) with a hand-written recogniser of the grammar `structure.pest`,
//! which stays the specification and the test oracle (`oracle.rs`), and
//! [`builder`] stacks the classified lines into a tree and splits prose into sentences
//! ([`sentences`]). Before that, `parts.rs` finds where the parts of a draft or Drucksache begin
//! (Deckblatt, Vorblatt, Gesetzestext, Begründung, Stellungnahme, Gegenäußerung); after it,
//! [`doctype`] tells the kind of document and notes what was recognised but not understood
//! (docs/document-kinds.md). Text that fits no rule is kept as a `text` node: the parser never fails and never
//! drops text; the leaves of the tree cover every non-blank byte of the input exactly once.

mod builder;
pub(crate) use builder::BOLD_LEVEL;
pub mod doctype;
pub mod json;
mod lines;
mod norm;
#[cfg(test)]
mod oracle;
mod parts;
pub mod sentences;
mod shape;

use crate::source::{SourceText, Span};
use compact_str::CompactString;
use serde::Serialize;

pub use doctype::{DocType, StructureNote};

/// Kind of a structure node; serialised ids are the structure-JSON contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum NodeKind {
    Dokument,
    /// The cover of a Drucksache (masthead, kind of paper, originator, title) and the cover letter
    /// that sends a draft to the parliament: never law, never checked.
    Deckblatt,
    Vorblatt,
    Gesetzestext,
    Begruendung,
    /// „Stellungnahme des Bundesrates“ (or of the Normenkontrollrat) printed with a draft.
    Stellungnahme,
    /// „Gegenäußerung der Bundesregierung“ to a Stellungnahme.
    Gegenaeusserung,
    Artikel,
    /// Buch, Teil, Kapitel, Abschnitt, Unterabschnitt, Titel; in drafts also the sections of the
    /// Vorblatt („A. Problem und Ziel“) and of the Begründung („Zu Artikel 1“).
    Gliederung,
    /// A § (the name avoids confusion with a typographic paragraph, which is an Absatz here).
    Paragraph,
    Absatz,
    Satz,
    Nummer,
    Buchstabe,
    Doppelbuchstabe,
    Anlage,
    /// A Präambel: the solemn or explanatory words before the first unit of a Gesetz, Satzung or
    /// treaty, headed „Präambel“. Its sentences are cited „Präambel Satz 2“. (An Eingangsformel
    /// stays a `text` node, labelled „Eingangsformel“, with that norm path.)
    Praeambel,
    Text,
}

impl NodeKind {
    pub fn id(self) -> &'static str {
        match self {
            NodeKind::Dokument => "dokument",
            NodeKind::Deckblatt => "deckblatt",
            NodeKind::Vorblatt => "vorblatt",
            NodeKind::Gesetzestext => "gesetzestext",
            NodeKind::Begruendung => "begruendung",
            NodeKind::Stellungnahme => "stellungnahme",
            NodeKind::Gegenaeusserung => "gegenaeusserung",
            NodeKind::Artikel => "artikel",
            NodeKind::Gliederung => "gliederung",
            NodeKind::Paragraph => "paragraph",
            NodeKind::Absatz => "absatz",
            NodeKind::Satz => "satz",
            NodeKind::Nummer => "nummer",
            NodeKind::Buchstabe => "buchstabe",
            NodeKind::Doppelbuchstabe => "doppelbuchstabe",
            NodeKind::Anlage => "anlage",
            NodeKind::Praeambel => "praeambel",
            NodeKind::Text => "text",
        }
    }

    /// List items: they belong to the sentence that introduces them.
    pub fn is_list_item(self) -> bool {
        matches!(self, NodeKind::Nummer | NodeKind::Buchstabe | NodeKind::Doppelbuchstabe)
    }

    /// Kinds that only group other units: a rule scope (Satz, Absatz, §) never widens to them, so
    /// the engine, the editor's unit cache and the browser session cut the text at them alike.
    pub fn is_container(self) -> bool {
        matches!(
            self,
            NodeKind::Dokument
                | NodeKind::Deckblatt
                | NodeKind::Vorblatt
                | NodeKind::Gesetzestext
                | NodeKind::Begruendung
                | NodeKind::Stellungnahme
                | NodeKind::Gegenaeusserung
                | NodeKind::Artikel
                | NodeKind::Gliederung
                | NodeKind::Anlage
        )
    }
}

/// The part of a draft a node belongs to. Plain laws have no part nodes; all their text is
/// Gesetzestext. The Deckblatt counts as Vorblatt (it is never checked anyway, see
/// [`Document::is_non_normative`]); a Stellungnahme and a Gegenäußerung count as Begründung: they
/// explain and propose, they are not the law to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Part {
    Vorblatt,
    Gesetzestext,
    Begruendung,
}

/// What an unstructured `text` node is, where the parser could tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TextRole {
    /// Prose not inside any other unit (titles, preambles, Vorblatt and Begründung prose).
    Prose,
    /// Heading line of a unit (§ heading, Gliederung title).
    Heading,
    /// Editorial notes of the publisher („(+++ … +++)“, „(Fundstelle: …)“): not law.
    Editorial,
    /// Inhaltsübersicht and its entries: not §§.
    Contents,
    /// Eingangsformel / Schlussformel.
    Formula,
    /// The part of a sentence before, between or after list items.
    Fragment,
    /// A Synopse (old and new wording side by side): recognised but not parsed, never checked.
    Synopse,
}

pub type NodeId = usize;

#[derive(Debug, Clone, Serialize)]
pub struct Node {
    pub kind: NodeKind,
    /// What stands in the text: „§ 3a“, „(2)“, „1.“, „a)“, „Abschnitt 2“; for a Satz its number.
    /// Labels and most norm paths are short: kept inline, a parse of all federal law allocated
    /// and freed three strings per node.
    pub label: CompactString,
    /// Full norm path, e.g. `Art. 1 § 5 Abs. 2 Satz 1 Nr. 3`; empty where the text has no norm.
    pub norm: CompactString,
    pub span: Span,
    /// The heading text of a §, Artikel, Gliederung or Anlage, if it has one.
    pub heading: Option<Span>,
    pub role: Option<TextRole>,
    /// „(weggefallen)“ units.
    pub repealed: bool,
    #[serde(skip)]
    pub parent: Option<NodeId>,
    #[serde(skip)]
    pub children: Vec<NodeId>,
}

/// A parsed text: the source and its structure tree (arena; node 0 is the root).
#[derive(Debug, Clone)]
pub struct Document {
    source: SourceText,
    nodes: Vec<Node>,
    doctype: DocType,
    notes: Vec<StructureNote>,
}

impl Document {
    /// Parses the structure of a text. Never fails: what is not recognised is kept as text, and
    /// what is recognised but not understood is said in [`Document::notes`].
    pub fn parse(source: SourceText) -> Document {
        let nodes = builder::build(source.text(), source.lines(), source.heading_lines(), source.heading_levels());
        let mut doc = Document { source, nodes, doctype: DocType::Text, notes: Vec::new() };
        doc.doctype = doctype::detect(&doc);
        doc.notes = doctype::notes(&doc);
        doc
    }

    /// The kind of document, told from its content (Gesetz, Satzung, Verwaltungsvorschrift,
    /// Drucksache, …): reports name it, and the law cited in messages can depend on it.
    pub fn doctype(&self) -> DocType {
        self.doctype
    }

    /// What the parser recognised but could not structure (a Synopse, a draft without a
    /// recognisable Gesetzestext): text there has no or only a coarse norm path.
    pub fn notes(&self) -> &[StructureNote] {
        &self.notes
    }

    pub fn source(&self) -> &SourceText {
        &self.source
    }

    pub fn text(&self) -> &str {
        self.source.text()
    }

    pub fn root(&self) -> NodeId {
        0
    }

    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id]
    }

    pub fn nodes(&self) -> &[Node] {
        &self.nodes
    }

    /// Node ids in document (pre-)order.
    pub fn ids(&self) -> impl Iterator<Item = NodeId> {
        0..self.nodes.len()
    }

    pub fn parent(&self, id: NodeId) -> Option<NodeId> {
        self.nodes[id].parent
    }

    /// The node itself, then its parent, up to the root.
    pub fn ancestors(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        std::iter::successors(Some(id), move |&n| self.nodes[n].parent)
    }

    /// The nearest node of `kind` that contains `id` (or is `id`).
    pub fn enclosing(&self, id: NodeId, kind: NodeKind) -> Option<NodeId> {
        self.ancestors(id).find(|&n| self.nodes[n].kind == kind)
    }

    /// The part of the draft a node belongs to.
    pub fn part_of(&self, id: NodeId) -> Part {
        self.ancestors(id)
            .find_map(|n| match self.nodes[n].kind {
                NodeKind::Vorblatt | NodeKind::Deckblatt => Some(Part::Vorblatt),
                NodeKind::Begruendung | NodeKind::Stellungnahme | NodeKind::Gegenaeusserung => Some(Part::Begruendung),
                NodeKind::Gesetzestext => Some(Part::Gesetzestext),
                _ => None,
            })
            .unwrap_or(Part::Gesetzestext)
    }

    /// True if the node lies in an editorial note, an Inhaltsübersicht, a heading, a Synopse or on
    /// the Deckblatt: text that is not a rule of law even inside the Gesetzestext.
    pub fn is_non_normative(&self, id: NodeId) -> bool {
        self.ancestors(id).any(|n| {
            let n = &self.nodes[n];
            n.kind == NodeKind::Deckblatt
                || matches!(n.role, Some(TextRole::Editorial | TextRole::Contents | TextRole::Heading | TextRole::Synopse))
        })
    }

    /// The deepest node whose span contains the byte offset.
    pub fn node_at(&self, offset: usize) -> NodeId {
        let mut current = 0;
        loop {
            let children = &self.nodes[current].children;
            let i = children.partition_point(|&c| self.nodes[c].span.end <= offset);
            match children.get(i) {
                Some(&c) if self.nodes[c].span.start <= offset && offset < self.nodes[c].span.end => current = c,
                _ => return current,
            }
        }
    }

    /// All nodes of one kind, in document order.
    pub fn of_kind(&self, kind: NodeKind) -> impl Iterator<Item = NodeId> + '_ {
        self.ids().filter(move |&n| self.nodes[n].kind == kind)
    }

    /// The norm path of the innermost unit with a norm around a position („§ 5 Abs. 2 Satz 1“).
    pub fn norm_at(&self, offset: usize) -> &str {
        self.ancestors(self.node_at(offset))
            .map(|n| self.nodes[n].norm.as_str())
            .find(|n| !n.is_empty())
            .unwrap_or("")
    }

    /// Leaves: nodes without children. Together they cover every non-blank byte exactly once.
    pub fn leaves(&self) -> impl Iterator<Item = NodeId> + '_ {
        self.ids().filter(move |&n| self.nodes[n].children.is_empty())
    }

    /// Checks the tree's guarantees: the root covers the input; children lie inside their parent,
    /// in order and without overlap; every non-blank byte lies in a leaf or in the label of the
    /// unit whose own text it is. Used by tests and fuzzers.
    pub fn check_invariants(&self) -> Result<(), String> {
        let text = self.text();
        if self.nodes[0].span != Span::new(0, text.len()) {
            return Err(format!("root span {:?} does not cover 0..{}", self.nodes[0].span, text.len()));
        }
        let mut covered = vec![false; text.len()];
        for (id, n) in self.nodes.iter().enumerate() {
            if n.span.end > text.len() || !text.is_char_boundary(n.span.start) || !text.is_char_boundary(n.span.end) {
                return Err(format!("node {id} span {:?} is not on char boundaries of the input", n.span));
            }
            let mut prev_end = n.span.start;
            for &c in &n.children {
                let cs = self.nodes[c].span;
                if self.nodes[c].parent != Some(id) {
                    return Err(format!("node {c} has the wrong parent"));
                }
                if cs.start < prev_end || cs.end > n.span.end {
                    return Err(format!("child {c} {:?} of node {id} {:?} overlaps or lies outside", cs, n.span));
                }
                prev_end = cs.end;
            }
            if n.children.is_empty() {
                covered[n.span.range()].iter_mut().for_each(|b| *b = true);
            } else if n.kind != NodeKind::Dokument {
                // The unit's label („(1)“, „1.“) is its own text.
                let label_end = text[n.span.range()]
                    .find(char::is_whitespace)
                    .map_or(n.span.end, |i| n.span.start + i)
                    .min(self.nodes[n.children[0]].span.start);
                covered[n.span.start..label_end].iter_mut().for_each(|b| *b = true);
            }
        }
        for (i, c) in text.char_indices() {
            if !c.is_whitespace() && !covered[i] {
                let lc = self.source.line_col(i);
                return Err(format!("byte {i} (line {}, column {}) „{c}“ is in no leaf", lc.line, lc.column));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
