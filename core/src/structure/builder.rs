//! Stacks classified lines into the structure tree, then groups prose and list items into
//! sentences.
//!
//! Three passes, each linear in the number of lines:
//! 1. [`scan`] splits the text into lines, classifies them and marks lines inside multi-line
//!    quotations (the quoted new wording of amendment commands belongs to its command);
//! 2. [`Builder`] finds the parts of a draft and builds a provisional tree whose containers hold
//!    their content as entries (prose blocks and child units), using a stack of open units ranked
//!    from outermost (part) to innermost (Doppelbuchstabe);
//! 3. [`emit`] writes the final arena in document order, turning prose blocks and list items into
//!    `satz` nodes with sentence numbers and norm paths.

use super::lines::{classify, ItemKind, LineKind};
use super::sentences;
use super::{norm, Node, NodeKind, TextRole};
use crate::source::Span;
use compact_str::{format_compact, CompactString, ToCompactString};

/// One line of the input: its trimmed span, its class, and whether it is (part of) a quotation.
struct Line {
    span: Span,
    kind: LineKind,
    quoted: bool,
}

/// Splits into lines, classifies them; lines inside an open „…“ quotation are prose.
fn scan(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut pos = 0;
    let mut quote_depth: i32 = 0;
    for raw in text.split_inclusive('\n') {
        crate::deadline::check();
        let start = pos;
        pos += raw.len();
        let trimmed_start = raw.trim_start();
        let content = trimmed_start.trim_end();
        if content.is_empty() {
            continue;
        }
        let s = start + (raw.len() - trimmed_start.len());
        let span = Span::new(s, s + content.len());
        let mut quoted = quote_depth > 0 || content.starts_with('„');
        let mut kind = if quote_depth > 0 { LineKind::Prose } else { classify(content) };
        if quote_depth > 0 && (content.starts_with("Artikel ") || content.starts_with("Begründung")) {
            // A quotation left open by mistake must not swallow the next Artikel or the Begründung.
            let k = classify(content);
            if matches!(k, LineKind::Artikel { .. } | LineKind::Begruendung) {
                quote_depth = 0;
                kind = k;
                quoted = false;
            }
        }
        // Only a quotation that starts a line (quoted new wording of an amendment) runs on over
        // lines; an unbalanced quote inside prose (a typo, or “…” style) must not swallow the text.
        if quote_depth > 0 || content.starts_with('„') {
            for c in content.chars() {
                match c {
                    '„' | '»' => quote_depth += 1,
                    '“' | '«' => quote_depth = (quote_depth - 1).max(0),
                    _ => {}
                }
            }
        }
        out.push(Line { span, kind, quoted });
    }
    out
}

/// Where the parts of a draft begin (line indices).
#[derive(Default)]
struct Parts {
    vorblatt: Option<usize>,
    gesetzestext: Option<usize>,
    begruendung: Option<usize>,
}

fn find_parts(text: &str, lines: &[Line]) -> Parts {
    let mut parts = Parts {
        vorblatt: lines.iter().position(|l| match l.kind {
            LineKind::Vorblatt => true,
            LineKind::SectionLetter { .. } => text[l.span.range()].starts_with("A. Problem"),
            _ => false,
        }),
        ..Parts::default()
    };
    let from = parts.vorblatt.unwrap_or(0);
    parts.begruendung = lines.iter().skip(from).position(|l| l.kind == LineKind::Begruendung).map(|i| i + from);
    if parts.vorblatt.is_none() && parts.begruendung.is_none() {
        return parts;
    }
    let end = parts.begruendung.unwrap_or(lines.len());
    parts.gesetzestext = match parts.vorblatt {
        Some(v) => lines[v + 1..end]
            .iter()
            .position(|l| {
                matches!(
                    l.kind,
                    LineKind::DraftTitle | LineKind::Formula | LineKind::Artikel { .. } | LineKind::Paragraph { .. }
                )
            })
            .map(|i| i + v + 1),
        None => (end > 0).then_some(0),
    };
    parts
}

/// Content of a provisional node, in order.
enum Entry {
    /// A block of prose lines (to be split into sentences).
    Prose(Span),
    /// A line kept as it is (Inhaltsübersicht entries).
    Raw(Span),
    Child(usize),
}

struct TNode {
    kind: NodeKind,
    label: Span,
    label_text: Option<String>,
    segment: String,
    start: usize,
    header_end: usize,
    heading: Option<Span>,
    role: Option<TextRole>,
    repealed: bool,
    item: Option<ItemKind>,
    rank: u16,
    entries: Vec<Entry>,
}

const RANK_ROOT: u16 = 0;
const RANK_PART: u16 = 10;
const RANK_TOP: u16 = 20;
const RANK_SECTION: u16 = 30;
const RANK_GLIEDERUNG: u16 = 30;
const RANK_PARAGRAPH: u16 = 50;
const RANK_ABSATZ: u16 = 60;
const RANK_ITEM: u16 = 70;

struct Builder<'t> {
    text: &'t str,
    nodes: Vec<TNode>,
    stack: Vec<usize>,
    /// The prose entry a following non-blank line extends: (node, entry index).
    open_block: Option<(usize, usize)>,
    /// Line index of the previous line, to see blank lines between two lines.
    prev_line_end: usize,
    part: Option<NodeKind>,
}

impl<'t> Builder<'t> {
    fn new(text: &'t str) -> Self {
        let root = TNode::new(NodeKind::Dokument, Span::new(0, 0), 0, RANK_ROOT);
        Builder { text, nodes: vec![root], stack: vec![0], open_block: None, prev_line_end: 0, part: None }
    }

    fn top(&self) -> usize {
        *self.stack.last().expect("root stays on the stack")
    }

    fn pop_to_rank(&mut self, rank: u16) {
        while self.stack.len() > 1 && self.nodes[self.top()].rank >= rank {
            self.stack.pop();
        }
    }

    fn open(&mut self, mut node: TNode) -> usize {
        let id = self.nodes.len();
        node.rank = node.rank.max(self.nodes[self.top()].rank + 1);
        let parent = self.top();
        self.nodes.push(node);
        self.nodes[parent].entries.push(Entry::Child(id));
        self.stack.push(id);
        self.open_block = None;
        id
    }

    /// Adds a leaf node to the current container without opening it.
    fn leaf(&mut self, node: TNode) -> usize {
        let id = self.nodes.len();
        let parent = self.top();
        self.nodes.push(node);
        self.nodes[parent].entries.push(Entry::Child(id));
        id
    }

    /// Adds prose to the current container, extending the open block if there is no blank line
    /// between.
    fn prose(&mut self, span: Span, joined: bool) {
        if joined {
            if let Some((node, idx)) = self.open_block {
                if let Some(Entry::Prose(s)) = self.nodes[node].entries.get_mut(idx) {
                    s.end = span.end;
                    return;
                }
            }
        }
        let top = self.top();
        self.nodes[top].entries.push(Entry::Prose(span));
        self.open_block = Some((top, self.nodes[top].entries.len() - 1));
    }

    fn in_draft_prose_part(&self) -> bool {
        matches!(self.part, Some(NodeKind::Vorblatt | NodeKind::Begruendung))
    }

    fn inside(&self, kind: NodeKind) -> bool {
        self.stack.iter().any(|&n| self.nodes[n].kind == kind)
    }

    fn start_part(&mut self, kind: NodeKind, at: usize) {
        self.stack.truncate(1);
        self.part = Some(kind);
        self.open(TNode::new(kind, Span::new(at, at), at, RANK_PART));
    }

    /// Heading line of a unit as a text leaf; returns the heading span (title only).
    fn heading_leaf(&mut self, line: Span, title: Option<Span>) {
        let mut t = TNode::new(NodeKind::Text, Span::new(line.start, line.start), line.start, RANK_ITEM);
        t.role = Some(TextRole::Heading);
        t.header_end = line.end;
        self.leaf(t);
        let top = self.top();
        self.nodes[top].heading = title;
        self.nodes[top].header_end = line.end;
    }

    /// Extends the heading of the open unit by a heading written on the next line.
    fn heading_on_next_line(&mut self, line: Span) {
        let top = self.top();
        if let Some(Entry::Child(h)) = self.nodes[top].entries.last() {
            let h = *h;
            self.nodes[h].header_end = line.end;
        }
        self.nodes[top].heading = Some(line);
        self.nodes[top].header_end = line.end;
    }

    fn run(mut self, lines: &[Line]) -> Vec<TNode> {
        let parts = find_parts(self.text, lines);
        // The first line is the title of a law or draft when it reads like one and more follows;
        // a single provision („Die Behörde kann verlangen:“ + list) has no title.
        let title_line = lines.first().filter(|l| {
            l.kind == LineKind::Prose && lines.len() > 2 && {
                let t = &self.text[l.span.range()];
                t.len() <= 300 && !t.ends_with(['.', ':', ';', ','])
            }
        });
        let mut i = 0;
        // A bare heading („§ 3a“) may take its title from the next line.
        let mut awaiting_title = false;
        // Lines of an Inhaltsübersicht still to come.
        let mut contents_until = 0;
        while i < lines.len() {
            crate::deadline::check();
            let line = &lines[i];
            let span = line.span;
            let joined = i > 0 && self.text[self.prev_line_end..span.start].matches('\n').count() < 2;
            self.prev_line_end = span.end;
            let line_text = &self.text[span.range()];

            if Some(i) == parts.vorblatt {
                self.start_part(NodeKind::Vorblatt, span.start);
            } else if Some(i) == parts.gesetzestext {
                self.start_part(NodeKind::Gesetzestext, span.start);
            } else if Some(i) == parts.begruendung {
                self.start_part(NodeKind::Begruendung, span.start);
            }

            if i < contents_until {
                let top = self.top();
                self.nodes[top].entries.push(Entry::Raw(span));
                i += 1;
                if i == contents_until {
                    self.stack.pop();
                }
                continue;
            }
            if i == 0 && title_line.is_some() {
                let mut t = TNode::new(NodeKind::Text, Span::new(span.start, span.start), span.start, RANK_ITEM);
                t.role = Some(TextRole::Heading);
                t.header_end = span.end;
                self.leaf(t);
                i += 1;
                continue;
            }

            let was_awaiting = std::mem::replace(&mut awaiting_title, false);
            if was_awaiting && line.kind == LineKind::Prose && looks_like_title(line_text) {
                self.heading_on_next_line(span);
                i += 1;
                continue;
            }

            let rel = |r: &std::ops::Range<usize>| Span::new(span.start + r.start, span.start + r.end);
            match &line.kind {
                LineKind::Paragraph { label, title, repealed } => {
                    self.pop_to_rank(RANK_PARAGRAPH);
                    let label = rel(label);
                    let mut n = TNode::new(NodeKind::Paragraph, label, span.start, RANK_PARAGRAPH);
                    n.segment = self.text[label.range()].to_string();
                    n.repealed = *repealed;
                    self.open(n);
                    let title = title.as_ref().map(rel);
                    self.heading_leaf(span, title);
                    awaiting_title = title.is_none();
                }
                LineKind::Artikel { label, title } => {
                    self.pop_to_rank(RANK_TOP);
                    let label = rel(label);
                    let mut n = TNode::new(NodeKind::Artikel, label, span.start, RANK_TOP);
                    n.segment = norm::artikel(&self.text[label.range()]);
                    self.open(n);
                    let title = title.as_ref().map(rel);
                    self.heading_leaf(span, title);
                    awaiting_title = title.is_none();
                }
                LineKind::Anlage { label, title } => {
                    self.pop_to_rank(RANK_TOP);
                    let label = rel(label);
                    let mut n = TNode::new(NodeKind::Anlage, label, span.start, RANK_TOP);
                    n.segment = self.text[label.range()].to_string();
                    self.open(n);
                    let title = title.as_ref().map(rel);
                    self.heading_leaf(span, title);
                    awaiting_title = title.is_none();
                }
                LineKind::Gliederung { rank, label, title } => {
                    let r = RANK_GLIEDERUNG + 1 + u16::from(*rank);
                    self.pop_to_rank(r);
                    let n = TNode::new(NodeKind::Gliederung, rel(label), span.start, r);
                    self.open(n);
                    let title = title.as_ref().map(rel);
                    self.heading_leaf(span, title);
                    awaiting_title = title.is_none();
                }
                LineKind::Absatz { label } => {
                    self.pop_to_rank(RANK_ABSATZ);
                    let label = rel(label);
                    let mut n = TNode::new(NodeKind::Absatz, label, span.start, RANK_ABSATZ);
                    n.segment = norm::absatz(&self.text[label.range()]);
                    n.header_end = label.end;
                    self.open(n);
                    self.item_content(span, label);
                }
                // „8. Wahlperiode“ on a cover sheet is no list item: outside any unit, a list needs
                // a sentence that introduces it.
                LineKind::Item { kind, label } if self.stack.len() > 1 || self.root_list_may_follow() => {
                    let label = rel(label);
                    self.open_item(*kind, label, span.start);
                    self.item_content(span, label);
                }
                LineKind::Weggefallen => {
                    let top = self.top();
                    self.nodes[top].repealed = true;
                    let mut t = TNode::new(NodeKind::Text, Span::new(span.start, span.start), span.start, RANK_ITEM);
                    t.header_end = span.end;
                    self.leaf(t);
                    self.open_block = None;
                }
                LineKind::SectionLetter { label } if self.in_draft_prose_part() => {
                    self.pop_to_rank(RANK_SECTION);
                    let label = rel(label);
                    let mut n = TNode::new(NodeKind::Gliederung, label, span.start, RANK_SECTION);
                    n.label_text = Some(line_text.to_string());
                    let part = if self.part == Some(NodeKind::Vorblatt) { "Vorblatt" } else { "Begründung" };
                    n.segment = format!("{part} {}", &self.text[label.range()]);
                    self.open(n);
                    self.heading_leaf(span, Some(Span::new(label.end, span.end)));
                }
                LineKind::RomanSection { label } if self.in_draft_prose_part() || !self.inside(NodeKind::Paragraph) => {
                    let r = if self.in_draft_prose_part() { RANK_SECTION + 1 } else { RANK_GLIEDERUNG + 9 };
                    self.pop_to_rank(r);
                    let label = rel(label);
                    self.open(TNode::new(NodeKind::Gliederung, label, span.start, r));
                    self.heading_leaf(span, Some(Span::new(label.end, span.end)));
                }
                LineKind::Zu { target } if self.part == Some(NodeKind::Begruendung) => {
                    let r = RANK_SECTION + 2 + *target as u16;
                    self.pop_to_rank(r);
                    let label_text = line_text.split(" (").next().unwrap_or(line_text).trim_end_matches(':');
                    let label = Span::new(span.start, span.start + label_text.len());
                    let mut n = TNode::new(NodeKind::Gliederung, label, span.start, r);
                    n.segment = norm::zu(*target, label_text);
                    self.open(n);
                    self.heading_leaf(span, None);
                }
                LineKind::Contents => {
                    self.pop_to_rank(RANK_TOP);
                    let mut n = TNode::new(NodeKind::Text, Span::new(span.start, span.end), span.start, RANK_TOP);
                    n.role = Some(TextRole::Contents);
                    n.label_text = Some("Inhaltsübersicht".to_string());
                    n.header_end = span.end;
                    self.open(n);
                    contents_until = contents_end(self.text, lines, i + 1);
                    if contents_until == i + 1 {
                        self.stack.pop();
                    }
                }
                LineKind::Formula => {
                    self.pop_to_rank(RANK_TOP);
                    let mut n = TNode::new(NodeKind::Text, Span::new(span.start, span.start), span.start, RANK_TOP);
                    n.role = Some(TextRole::Formula);
                    let heading_word = matches!(line_text, "Eingangsformel" | "Schlussformel");
                    n.label_text = Some(if line_text.starts_with("Schluss") { "Schlussformel" } else { "Eingangsformel" }.to_string());
                    self.open(n);
                    if heading_word {
                        let top = self.top();
                        self.nodes[top].header_end = span.end;
                        self.nodes[top].label = span;
                    } else {
                        self.prose(span, false);
                    }
                }
                LineKind::Editorial => {
                    let mut t = TNode::new(NodeKind::Text, Span::new(span.start, span.start), span.start, RANK_ITEM);
                    t.role = Some(TextRole::Editorial);
                    t.header_end = span.end;
                    let id = self.leaf(t);
                    self.open_block = None;
                    // Continuation lines of a note join it.
                    let mut j = i + 1;
                    while j < lines.len()
                        && lines[j].kind == LineKind::Prose
                        && self.text[lines[j - 1].span.end..lines[j].span.start].matches('\n').count() < 2
                    {
                        self.nodes[id].header_end = lines[j].span.end;
                        self.prev_line_end = lines[j].span.end;
                        j += 1;
                    }
                    i = j;
                    continue;
                }
                LineKind::DraftTitle if self.part != Some(NodeKind::Begruendung) => {
                    let mut t = TNode::new(NodeKind::Text, Span::new(span.start, span.start), span.start, RANK_ITEM);
                    t.role = Some(TextRole::Heading);
                    t.header_end = span.end;
                    self.leaf(t);
                    self.open_block = None;
                }
                LineKind::Begruendung | LineKind::Vorblatt => {
                    self.heading_leaf_plain(span);
                }
                _ if line.quoted => {
                    // Quoted wording (amendments) belongs to the unit that quotes it.
                    self.prose(span, true);
                }
                _ => {
                    // Prose (or a shape that has no meaning in this part).
                    if !joined {
                        self.place_prose_block(lines, i);
                    }
                    self.prose(span, joined);
                }
            }
            i += 1;
        }
        self.nodes
    }

    /// At the top level, a list item is one only after an introducing sentence („… wie folgt:“)
    /// or another list item.
    fn root_list_may_follow(&self) -> bool {
        match self.nodes[0].entries.last() {
            Some(Entry::Prose(s)) => !sentences::ends_sentence(&self.text[s.range()]),
            Some(Entry::Child(c)) => self.nodes[*c].item.is_some(),
            _ => false,
        }
    }

    fn heading_leaf_plain(&mut self, span: Span) {
        let mut t = TNode::new(NodeKind::Text, Span::new(span.start, span.start), span.start, RANK_ITEM);
        t.role = Some(TextRole::Heading);
        t.header_end = span.end;
        self.leaf(t);
        self.open_block = None;
    }

    /// Content after the label of an Absatz or list item starts the unit's first prose block.
    fn item_content(&mut self, line: Span, label: Span) {
        let rest = &self.text[label.end..line.end];
        let lead = rest.len() - rest.trim_start().len();
        if label.end + lead < line.end {
            self.prose(Span::new(label.end + lead, line.end), false);
        }
    }

    fn open_item(&mut self, kind: ItemKind, label: Span, start: usize) {
        // A sibling of an open item of the same kind, or a new (nested) list.
        if let Some(pos) = self.stack.iter().rposition(|&n| self.nodes[n].item == Some(kind)) {
            self.stack.truncate(pos);
        }
        let mut n = TNode::new(NodeKind::from(kind), label, start, RANK_ITEM);
        n.item = Some(kind);
        n.segment = norm::item(kind, &self.text[label.range()]);
        n.header_end = label.end;
        self.open(n);
    }

    /// A prose block after a blank line: decides which open unit it belongs to. After list items
    /// it is trailing text of the sentence that introduced the list, unless the list goes on after
    /// it (then it is a further block of the open item of that kind).
    fn place_prose_block(&mut self, lines: &[Line], i: usize) {
        if self.nodes[self.top()].item.is_none() {
            return;
        }
        let next = lines[i + 1..].iter().find(|l| l.kind != LineKind::Prose);
        if let Some(Line { kind: LineKind::Item { kind, label }, span, .. }) = next {
            let label_text = &self.text[span.start + label.start..span.start + label.end];
            let restarts = matches!(label_text, "1." | "a)" | "aa)" | "aaa)");
            if !restarts {
                if let Some(pos) = self.stack.iter().rposition(|&n| self.nodes[n].item == Some(*kind)) {
                    self.stack.truncate(pos + 1);
                    return;
                }
            }
        }
        while self.stack.len() > 1 && self.nodes[self.top()].item.is_some() {
            self.stack.pop();
        }
    }
}

/// Whether the line after a bare „§ 3a“ is its heading.
fn looks_like_title(t: &str) -> bool {
    let first = t.chars().next().unwrap_or(' ');
    (first.is_uppercase() || first == '(' || first == '-' || first == '–')
        && t.chars().count() <= 200
        && !t.ends_with(['.', ':', ';', ','])
}

/// Index of the first line after an Inhaltsübersicht's entries. The entries are the heading-like
/// lines that follow (with titles on their own lines); the body begins where the first entry comes
/// again, or else with the last heading before prose.
fn contents_end(text: &str, lines: &[Line], from: usize) -> usize {
    let mut candidates = Vec::new();
    let mut j = from;
    while j < lines.len() {
        let l = &lines[j];
        if l.kind.is_heading_like() {
            candidates.push(j);
        } else if !candidates.is_empty()
            && (l.kind == LineKind::Weggefallen
                || (l.kind == LineKind::Prose && looks_like_title(&text[l.span.range()])))
        {
            // a title on its own line
        } else {
            break;
        }
        j += 1;
    }
    let Some(&first) = candidates.first() else { return from };
    let key = |k: usize| -> Option<String> {
        match &lines[k].kind {
            LineKind::Paragraph { label, .. }
            | LineKind::Artikel { label, .. }
            | LineKind::Gliederung { label, .. }
            | LineKind::Anlage { label, .. } => {
                let s = lines[k].span.start;
                Some(text[s + label.start..s + label.end].to_string())
            }
            _ => None,
        }
    };
    let first_key = key(first);
    if let Some(&again) = candidates.iter().skip(1).find(|&&k| key(k) == first_key) {
        return again;
    }
    *candidates.last().expect("non-empty")
}

impl TNode {
    fn new(kind: NodeKind, label: Span, start: usize, rank: u16) -> TNode {
        TNode {
            kind,
            label,
            label_text: None,
            segment: String::new(),
            start,
            header_end: start.max(label.end),
            heading: None,
            role: None,
            repealed: false,
            item: None,
            rank,
            entries: Vec::new(),
        }
    }
}

impl From<ItemKind> for NodeKind {
    fn from(k: ItemKind) -> NodeKind {
        match k {
            ItemKind::Nummer => NodeKind::Nummer,
            ItemKind::Buchstabe => NodeKind::Buchstabe,
            ItemKind::Doppelbuchstabe | ItemKind::Dreifachbuchstabe => NodeKind::Doppelbuchstabe,
        }
    }
}

/// Parses a normalised text into the final arena (node 0 is the root, ids in document order).
pub(super) fn build(text: &str) -> Vec<Node> {
    let lines = scan(text);
    let tnodes = Builder::new(text).run(&lines);
    let mut out = Vec::with_capacity(tnodes.len() * 2);
    emit(text, &tnodes, 0, None, "", &mut out);
    // The root covers the whole input, leading and trailing white space included.
    out[0].span = Span::new(0, text.len());
    out
}

/// One sentence under construction: its pieces in order.
#[derive(Default)]
struct Group {
    pieces: Vec<Piece>,
    /// The sentence may continue (no full stop yet).
    open: bool,
}

enum Piece {
    Text(Span),
    Item(usize),
}

fn emit(text: &str, tnodes: &[TNode], t: usize, parent: Option<usize>, parent_norm: &str, out: &mut Vec<Node>) -> usize {
    let tn = &tnodes[t];
    let norm = norm::join(parent_norm, &tn.segment);
    let label = CompactString::from(tn.label_text.as_deref().unwrap_or(&text[tn.label.range()]));
    let id = out.len();
    out.push(Node {
        kind: tn.kind,
        label,
        norm: norm.clone(),
        span: Span::new(tn.start, tn.header_end),
        heading: tn.heading,
        role: tn.role,
        repealed: tn.repealed,
        parent,
        children: Vec::new(),
    });

    if tn.role == Some(TextRole::Contents) {
        out[id].children.reserve_exact(tn.entries.len());
        for e in &tn.entries {
            let c = match e {
                Entry::Raw(s) | Entry::Prose(s) => push_text(out, id, *s, TextRole::Contents, &norm),
                Entry::Child(c) => emit(text, tnodes, *c, Some(id), &norm, out),
            };
            out[id].children.push(c);
        }
    } else {
        let groups = group_sentences(text, tnodes, &tn.entries);
        // Every group gives the node at most one child (a list item's single sentence none).
        out[id].children.reserve_exact(groups.len());
        let is_item = tn.item.is_some();
        let satz_count = groups.iter().filter(|g| matches!(g, Grouped::Sentence(_))).count();
        let has_other_children = groups.iter().any(|g| matches!(g, Grouped::Child(_)));
        let mut satz_no = 0;
        for g in groups {
            match g {
                Grouped::Child(c) => {
                    let c = emit(text, tnodes, c, Some(id), &norm, out);
                    out[id].children.push(c);
                }
                Grouped::Sentence(group) => {
                    satz_no += 1;
                    let has_items = group.pieces.iter().any(|p| matches!(p, Piece::Item(_)));
                    if is_item && satz_count == 1 {
                        // A list item with one sentence: its text needs no Satz node; it is the
                        // item's own text unless the item has children, then a fragment.
                        if has_items || has_other_children {
                            emit_pieces(text, tnodes, &group.pieces, id, &norm, out);
                        }
                        continue;
                    }
                    let satz_norm = if satz_count > 1 && !norm.is_empty() {
                        format_compact!("{norm} Satz {satz_no}")
                    } else {
                        norm.clone()
                    };
                    let s = out.len();
                    let span = group_span(tnodes, &group, out);
                    out.push(Node {
                        kind: NodeKind::Satz,
                        label: satz_no.to_compact_string(),
                        norm: satz_norm.clone(),
                        span,
                        heading: None,
                        role: None,
                        repealed: false,
                        parent: Some(id),
                        children: Vec::new(),
                    });
                    out[id].children.push(s);
                    if has_items {
                        emit_pieces(text, tnodes, &group.pieces, s, &satz_norm, out);
                        let end = out[s].children.iter().map(|&c| out[c].span.end).max().unwrap_or(span.end);
                        out[s].span.end = out[s].span.end.max(end);
                    }
                }
            }
        }
    }
    let end = out[id].children.iter().map(|&c| out[c].span.end).max().unwrap_or(0);
    let own_end = match tn.entries.last() {
        Some(Entry::Prose(s) | Entry::Raw(s)) => s.end,
        _ => 0,
    };
    out[id].span.end = out[id].span.end.max(end).max(own_end);
    id
}

fn emit_pieces(text: &str, tnodes: &[TNode], pieces: &[Piece], parent: usize, norm: &str, out: &mut Vec<Node>) {
    out[parent].children.reserve(pieces.len());
    for p in pieces {
        let c = match p {
            Piece::Text(s) => push_text(out, parent, *s, TextRole::Fragment, norm),
            Piece::Item(t) => emit(text, tnodes, *t, Some(parent), norm, out),
        };
        out[parent].children.push(c);
    }
}

fn push_text(out: &mut Vec<Node>, parent: usize, span: Span, role: TextRole, norm: &str) -> usize {
    out.push(Node {
        kind: NodeKind::Text,
        label: CompactString::default(),
        norm: CompactString::from(norm),
        span,
        heading: None,
        role: Some(role),
        repealed: false,
        parent: Some(parent),
        children: Vec::new(),
    });
    out.len() - 1
}

fn group_span(tnodes: &[TNode], g: &Group, _out: &[Node]) -> Span {
    let start = match g.pieces.first() {
        Some(Piece::Text(s)) => s.start,
        Some(Piece::Item(t)) => tnodes[*t].start,
        None => 0,
    };
    let end = match g.pieces.last() {
        Some(Piece::Text(s)) => s.end,
        Some(Piece::Item(t)) => tnodes[*t].header_end,
        None => 0,
    };
    Span::new(start, end.max(start))
}

enum Grouped {
    Sentence(Group),
    Child(usize),
}

/// Groups a container's entries into sentences: prose is split at sentence ends; list items join
/// the sentence that introduces them; text after a list continues that sentence unless the list
/// ended with a full stop.
fn group_sentences(text: &str, tnodes: &[TNode], entries: &[Entry]) -> Vec<Grouped> {
    let mut out: Vec<Grouped> = Vec::new();
    let mut current: Option<Group> = None;
    let mut last_was_item = false;
    for e in entries {
        match e {
            Entry::Prose(span) | Entry::Raw(span) => {
                let sentences = sentences::split(text, *span);
                for (k, s) in sentences.iter().enumerate() {
                    let continues = k == 0 && current.as_ref().is_some_and(|g| g.open);
                    if !continues {
                        if let Some(g) = current.take() {
                            out.push(Grouped::Sentence(g));
                        }
                        current = Some(Group::default());
                    }
                    let g = current.as_mut().expect("just set");
                    g.pieces.push(Piece::Text(*s));
                    g.open = !sentences::ends_sentence(&text[s.range()]);
                }
                last_was_item = false;
            }
            Entry::Child(c) if tnodes[*c].item.is_some() => {
                let joins = current.as_ref().is_some_and(|g| g.open) || last_was_item;
                if !joins {
                    if let Some(g) = current.take() {
                        out.push(Grouped::Sentence(g));
                    }
                    current = Some(Group::default());
                }
                let g = current.get_or_insert_with(Group::default);
                g.pieces.push(Piece::Item(*c));
                g.open = !item_ends_sentence(text, tnodes, *c);
                last_was_item = true;
            }
            Entry::Child(c) => {
                if let Some(g) = current.take() {
                    out.push(Grouped::Sentence(g));
                }
                out.push(Grouped::Child(*c));
                last_was_item = false;
            }
        }
    }
    if let Some(g) = current.take() {
        out.push(Grouped::Sentence(g));
    }
    out
}

/// Whether a list item's last text ends with a full stop (then text after the list starts anew).
fn item_ends_sentence(text: &str, tnodes: &[TNode], t: usize) -> bool {
    match tnodes[t].entries.last() {
        Some(Entry::Prose(s) | Entry::Raw(s)) => sentences::ends_sentence(&text[s.range()]),
        Some(Entry::Child(c)) if tnodes[*c].item.is_some() => item_ends_sentence(text, tnodes, *c),
        _ => false,
    }
}
