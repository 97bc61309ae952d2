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

use super::lines::{classify, classify_marked, is_title_wording, ItemKind, LineKind, ZuTarget};
use super::parts::{self, is_outline_number, Survey};
use super::sentences;
use super::{norm, Node, NodeKind, TextRole};
use crate::input::furniture;
use crate::source::{LineIndex, Span};
use compact_str::CompactString;

/// One line of the input: its trimmed span, its class, and whether it is (part of) a quotation.
pub(super) struct Line {
    pub(super) span: Span,
    pub(super) kind: LineKind,
    pub(super) quoted: bool,
    /// The input format marks the line as a heading (Markdown `#`).
    pub(super) marked: bool,
    /// The heading's level where the format gives one (`###` is 3; [`BOLD_LEVEL`] for a line
    /// set wholly in bold), else 0.
    pub(super) level: u8,
}

/// The level the input gives a line set wholly in bold („**3. Vergütungen**“), below the six
/// Markdown heading levels.
pub(crate) const BOLD_LEVEL: u8 = 7;

/// Splits into lines, classifies them; lines inside an open „…“ quotation are prose. `marked`:
/// the (0-based, sorted) lines the input format marks as headings. The lines are those of the
/// text's line index (`index`), which knows where they start: searching each line's end again
/// was a `memchr` call per line.
fn scan(text: &str, index: &LineIndex, marked: &[u32], levels: &[u8]) -> Vec<Line> {
    // Lines of law average some 90 bytes; a little room saves the regrowing.
    let mut out = Vec::with_capacity(text.len() / 64 + 4);
    let mut quote_depth: i32 = 0;
    let mut next_mark = 0;
    // Each line's number, start and the offset after its line feed (the text's end for the last
    // line); a text ending in a line feed has no line after it.
    let lines = index.line_ranges().take_while(|&(start, _)| start < text.len());
    for (this_line, (start, end)) in (0u32..).zip(lines) {
        crate::deadline::check();
        let pos = (end + 1).min(text.len());
        while next_mark < marked.len() && marked[next_mark] < this_line {
            next_mark += 1;
        }
        let listed = marked.get(next_mark) == Some(&this_line);
        let level = if listed { levels.get(next_mark).copied().unwrap_or(0) } else { 0 };
        // A line set wholly in bold has a level but is no `#` heading: its wording is read as
        // any line's.
        let is_marked = listed && level != BOLD_LEVEL;
        let (s, e) = trimmed(text, start, pos);
        if s == e {
            continue;
        }
        let content = &text[s..e];
        let span = Span::new(s, e);
        let mut quoted = quote_depth > 0 || content.starts_with('„');
        let mut kind = match (quote_depth > 0, is_marked) {
            (true, _) => LineKind::Prose,
            (false, true) => classify_marked(content),
            (false, false) => classify(content),
        };
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
            quote_depth = track_quotes(content.as_bytes(), quote_depth);
        }
        out.push(Line { span, kind, quoted, marked: is_marked, level });
    }
    out
}

/// White space as `char::is_whitespace` sees it, for ASCII bytes.
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ')
}

/// `text[start..end]` without leading and trailing white space, as byte offsets. ASCII white
/// space is skipped byte by byte; only where a non-ASCII character stands at an edge does
/// `str::trim_*` decode it.
fn trimmed(text: &str, start: usize, end: usize) -> (usize, usize) {
    let b = text.as_bytes();
    let mut s = start;
    while s < end && is_ascii_space(b[s]) {
        s += 1;
    }
    if s < end && b[s] >= 0x80 {
        let rest = &text[s..end];
        s = end - rest.trim_start().len();
    }
    let mut e = end;
    while e > s && is_ascii_space(b[e - 1]) {
        e -= 1;
    }
    if e > s && b[e - 1] >= 0x80 {
        e = s + text[s..e].trim_end().len();
    }
    (s, e)
}

/// Quotation depth after a line: „ and » open, “, ” and « close (never below zero). „…” is a
/// common slip for „…“ (and the way some publishers set it): it must close, or the quotation runs
/// on over the rest of the law.
fn track_quotes(line: &[u8], mut depth: i32) -> i32 {
    // „ = E2 80 9E, “ = E2 80 9C, ” = E2 80 9D, » = C2 BB, « = C2 AB; lead bytes only start characters.
    let mut i = 0;
    while let Some(k) = memchr::memchr2(0xE2, 0xC2, &line[i..]) {
        let at = i + k;
        match (line[at], line.get(at + 1), line.get(at + 2)) {
            (0xE2, Some(0x80), Some(0x9E)) | (0xC2, Some(0xBB), _) => depth += 1,
            (0xE2, Some(0x80), Some(0x9C | 0x9D)) | (0xC2, Some(0xAB), _) => depth = (depth - 1).max(0),
            _ => {}
        }
        i = at + 1;
    }
    depth
}

/// Whether at most one line break lies in `gap` (the white space between two lines): the lines
/// belong to one block.
fn no_blank_line(gap: &str) -> bool {
    // Gaps are a few bytes: a plain loop beats a memchr call.
    let mut breaks = 0;
    for &b in gap.as_bytes() {
        if b == b'\n' {
            breaks += 1;
            if breaks == 2 {
                return false;
            }
        }
    }
    true
}

/// Content of a provisional node, in order.
#[derive(Clone, Copy)]
enum Entry {
    /// A block of prose lines (to be split into sentences).
    Prose(Span),
    /// A line kept as it is (Inhaltsübersicht entries).
    Raw(Span),
    Child(usize),
}

/// An entry of a node's list: the entries of all nodes share one vector, each node's linked
/// through `next` (nodes open at the same time take turns).
struct EntryCell {
    entry: Entry,
    next: u32,
}

const NO_ENTRY: u32 = u32::MAX;

/// A node's entries: first and last cell, and how many.
#[derive(Clone, Copy)]
struct Entries {
    first: u32,
    last: u32,
    len: u32,
}

impl Entries {
    const EMPTY: Entries = Entries { first: NO_ENTRY, last: NO_ENTRY, len: 0 };

    fn last<'c>(&self, cells: &'c [EntryCell]) -> Option<&'c Entry> {
        (self.last != NO_ENTRY).then(|| &cells[self.last as usize].entry)
    }

    fn iter<'c>(&self, cells: &'c [EntryCell]) -> impl Iterator<Item = Entry> + 'c {
        let mut at = self.first;
        std::iter::from_fn(move || {
            (at != NO_ENTRY).then(|| {
                let c = &cells[at as usize];
                at = c.next;
                c.entry
            })
        })
    }
}

struct TNode {
    kind: NodeKind,
    label: Span,
    /// A fixed label instead of the text at `label` („Inhaltsübersicht“, „Eingangsformel“).
    label_text: Option<&'static str>,
    segment: CompactString,
    start: usize,
    header_end: usize,
    heading: Option<Span>,
    role: Option<TextRole>,
    repealed: bool,
    item: Option<ItemKind>,
    /// A Nummer of a decimal outline („2.3.1“): its norm segment replaces the one of the Nummer
    /// above it.
    outline: bool,
    /// A Roman section whose number heads the Nummern of the outline below it: „Nr. V“, and
    /// below it „Nr. V.2.2.3“, as such a Verwaltungsvorschrift cites itself.
    roman_prefix: bool,
    /// The entries are lines kept as they are, each a text leaf with this role (Inhaltsübersicht,
    /// Synopse, Deckblatt).
    raw: Option<TextRole>,
    rank: u16,
    /// The level of the marked heading line that opened the node (`###` is 3, [`BOLD_LEVEL`] for a
    /// bold line), else 0.
    level: u8,
    entries: Entries,
}

const RANK_ROOT: u16 = 0;
const RANK_PART: u16 = 10;
const RANK_TOP: u16 = 20;
const RANK_SECTION: u16 = 30;
const RANK_GLIEDERUNG: u16 = 30;
/// Nummern of a decimal outline: below Gliederung and „Zu § 5“ headings, above § and Absatz, so
/// that a following Abschnitt closes them and an Absatz „(1)“ nests in them.
const RANK_OUTLINE: u16 = 40;
const RANK_PARAGRAPH: u16 = 50;
const RANK_ABSATZ: u16 = 60;
const RANK_ITEM: u16 = 70;

struct Builder<'t> {
    text: &'t str,
    nodes: Vec<TNode>,
    cells: Vec<EntryCell>,
    stack: Vec<usize>,
    /// The prose entry a following non-blank line extends (index into `cells`).
    open_block: Option<usize>,
    /// Line index of the previous line, to see blank lines between two lines.
    prev_line_end: usize,
    /// The last Nummer of a decimal outline opened (a node index).
    last_outline: Option<usize>,
    part: Option<NodeKind>,
    /// The letter of the last lettered section opened outside a draft („A Allgemeiner Teil“):
    /// after „H“, „I.“ is a letter, elsewhere it is the Roman one.
    last_letter: Option<u8>,
    /// A unit of law (§, Artikel, Absatz, Gliederung, Anlage, Nummer of an outline) has been
    /// opened in the current part: an Eingangsformel can no longer begin.
    law_started: bool,
}

impl<'t> Builder<'t> {
    fn new(text: &'t str, lines: usize) -> Self {
        let root = TNode::new(NodeKind::Dokument, Span::new(0, 0), 0, RANK_ROOT);
        let mut nodes = Vec::with_capacity(lines + 1);
        nodes.push(root);
        Builder {
            text,
            nodes,
            cells: Vec::with_capacity(lines + 1),
            stack: vec![0],
            open_block: None,
            prev_line_end: 0,
            last_outline: None,
            part: None,
            last_letter: None,
            law_started: false,
        }
    }

    /// Appends an entry to a node; returns its cell.
    fn push_entry(&mut self, node: usize, entry: Entry) -> usize {
        let idx = self.cells.len();
        self.cells.push(EntryCell { entry, next: NO_ENTRY });
        let id = u32::try_from(idx).expect("fewer than 4 G entries");
        let e = &mut self.nodes[node].entries;
        if e.last == NO_ENTRY {
            e.first = id;
        } else {
            self.cells[e.last as usize].next = id;
        }
        e.last = id;
        e.len += 1;
        idx
    }

    fn last_entry(&self, node: usize) -> Option<&Entry> {
        self.nodes[node].entries.last(&self.cells)
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
        if node.outline
            || matches!(
                node.kind,
                NodeKind::Paragraph | NodeKind::Artikel | NodeKind::Absatz | NodeKind::Gliederung | NodeKind::Anlage
            )
        {
            self.law_started = true;
        }
        let id = self.nodes.len();
        node.rank = node.rank.max(self.nodes[self.top()].rank + 1);
        let parent = self.top();
        self.nodes.push(node);
        self.push_entry(parent, Entry::Child(id));
        self.stack.push(id);
        self.open_block = None;
        id
    }

    /// Adds a leaf node to the current container without opening it.
    fn leaf(&mut self, node: TNode) -> usize {
        let id = self.nodes.len();
        let parent = self.top();
        self.nodes.push(node);
        self.push_entry(parent, Entry::Child(id));
        id
    }

    /// Adds prose to the current container, extending the open block if there is no blank line
    /// between.
    fn prose(&mut self, span: Span, joined: bool) {
        if joined {
            if let Some(idx) = self.open_block {
                if let Entry::Prose(s) = &mut self.cells[idx].entry {
                    s.end = span.end;
                    return;
                }
            }
        }
        let top = self.top();
        self.open_block = Some(self.push_entry(top, Entry::Prose(span)));
    }

    fn in_draft_prose_part(&self) -> bool {
        matches!(
            self.part,
            Some(NodeKind::Vorblatt | NodeKind::Begruendung | NodeKind::Stellungnahme | NodeKind::Gegenaeusserung)
        )
    }

    /// Parts that explain a draft: „Zu Artikel 1“ headings and bare „Artikel 1 (…)“ lines there are
    /// sections, not units of law.
    fn in_explanation(&self) -> bool {
        matches!(self.part, Some(NodeKind::Begruendung | NodeKind::Stellungnahme | NodeKind::Gegenaeusserung))
    }

    fn inside(&self, kind: NodeKind) -> bool {
        self.stack.iter().any(|&n| self.nodes[n].kind == kind)
    }

    fn start_part(&mut self, kind: Option<NodeKind>, at: usize) {
        self.stack.truncate(1);
        self.open_block = None;
        self.part = kind;
        self.law_started = false;
        let Some(kind) = kind else { return };
        let mut n = TNode::new(kind, Span::new(at, at), at, RANK_PART);
        n.segment = match kind {
            NodeKind::Stellungnahme => CompactString::const_new("Stellungnahme"),
            NodeKind::Gegenaeusserung => CompactString::const_new("Gegenäußerung"),
            _ => CompactString::const_new(""),
        };
        if kind == NodeKind::Deckblatt {
            n.raw = Some(TextRole::Prose);
        }
        self.open(n);
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
        if let Some(Entry::Child(h)) = self.last_entry(top) {
            let h = *h;
            self.nodes[h].header_end = line.end;
        }
        self.nodes[top].heading = Some(line);
        self.nodes[top].header_end = line.end;
    }

    fn run(mut self, lines: &[Line], survey: &Survey) -> (Vec<TNode>, Vec<EntryCell>) {
        let parts = parts::find_parts(self.text, lines, survey);
        let mut next_part = 0;
        let mut i = 0;
        if let Some(close) = survey.front_matter {
            // Metadata of a Markdown export: one editorial leaf, never law.
            let start = lines[0].span.start;
            let mut t = TNode::new(NodeKind::Text, Span::new(start, start), start, RANK_ITEM);
            t.role = Some(TextRole::Editorial);
            t.label_text = Some("Metadaten");
            t.header_end = lines[close].span.end;
            self.leaf(t);
            self.prev_line_end = lines[close].span.end;
            i = close + 1;
        }
        // The first line is the title of a law or draft when it reads like one and more follows;
        // a single provision („Die Behörde kann verlangen:“ + list) has no title.
        let title_line = lines.get(i).filter(|l| {
            l.kind == LineKind::Prose && lines.len() > i + 2 && parts.first().is_none_or(|&(p, _)| p > i) && {
                let t = &self.text[l.span.range()];
                t.len() <= 300 && !t.ends_with(['.', ':', ';', ','])
            }
        });
        let title_index = title_line.map(|_| i);
        // A bare heading („§ 3a“) may take its title from the next line.
        let mut awaiting_title = false;
        // Lines of an Inhaltsübersicht still to come.
        let mut contents_until = 0;
        // Inside a Synopse every line is kept as it is, up to the next part.
        let mut in_synopse = false;
        while i < lines.len() {
            crate::deadline::check();
            let line = &lines[i];
            let span = line.span;
            let joined = i > 0 && no_blank_line(&self.text[self.prev_line_end..span.start]);
            self.prev_line_end = span.end;
            let line_text = &self.text[span.range()];

            while next_part < parts.len() && parts[next_part].0 <= i {
                if parts[next_part].0 == i {
                    self.start_part(parts[next_part].1, span.start);
                    contents_until = 0;
                    in_synopse = false;
                    awaiting_title = false;
                }
                next_part += 1;
            }
            // „Anlage 3“ printed above „Stellungnahme des Bundesrates“ belongs to the heading.
            if matches!(self.part, Some(NodeKind::Stellungnahme | NodeKind::Gegenaeusserung))
                && matches!(line.kind, LineKind::Anlage { title: None, .. })
                && parts.iter().any(|&(p, _)| p == i)
            {
                self.heading_leaf_plain(span);
                i += 1;
                continue;
            }
            if self.part == Some(NodeKind::Deckblatt) || in_synopse {
                let top = self.top();
                self.push_entry(top, Entry::Raw(span));
                i += 1;
                continue;
            }

            if i < contents_until {
                let top = self.top();
                self.push_entry(top, Entry::Raw(span));
                i += 1;
                if i == contents_until {
                    self.stack.pop();
                }
                continue;
            }
            if Some(i) == title_index {
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
            let depth_before = self.stack.len();
            match &line.kind {
                // In a Begründung, „Artikel 1 (Änderung …)“ and „§ 5“ head the explanation of that
                // unit, like „Zu Artikel 1“.
                LineKind::Artikel { label, .. } | LineKind::Paragraph { label, .. } if self.in_explanation() => {
                    let is_artikel = matches!(line.kind, LineKind::Artikel { .. });
                    let target = if is_artikel { ZuTarget::Artikel } else { ZuTarget::Paragraph };
                    let label = rel(label);
                    let segment = if is_artikel {
                        norm::artikel(&self.text[label.range()])
                    } else {
                        CompactString::from(&self.text[label.range()])
                    };
                    self.zu_heading(span, label, target, segment);
                }
                LineKind::Paragraph { label, title, repealed } => {
                    self.pop_to_rank(RANK_PARAGRAPH);
                    let label = rel(label);
                    let mut n = TNode::new(NodeKind::Paragraph, label, span.start, RANK_PARAGRAPH);
                    n.segment = norm::paragraph(&self.text[label.range()]);
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
                // „Anlage 1 (zu § 135d)“ right before a § or another Anlage heading has no content:
                // an entry of a list of the Anlagen, not the Anlage itself.
                LineKind::Anlage { .. }
                    if lines.get(i + 1).is_some_and(|l| {
                        matches!(l.kind, LineKind::Paragraph { .. } | LineKind::Anlage { .. } | LineKind::Artikel { .. })
                    }) =>
                {
                    let mut t = TNode::new(NodeKind::Text, Span::new(span.start, span.start), span.start, RANK_ITEM);
                    t.role = Some(TextRole::Contents);
                    t.header_end = span.end;
                    self.leaf(t);
                    self.open_block = None;
                }
                LineKind::Anlage { label, title } => {
                    self.pop_to_rank(RANK_TOP);
                    // An Anlage numbers its own outline from 1.
                    self.last_outline = None;
                    let label = rel(label);
                    let mut n = TNode::new(NodeKind::Anlage, label, span.start, RANK_TOP);
                    n.segment = CompactString::from(&self.text[label.range()]);
                    self.open(n);
                    let title = title.as_ref().map(rel);
                    self.heading_leaf(span, title);
                    awaiting_title = title.is_none();
                }
                LineKind::Gliederung { rank, label, title } => {
                    let r = RANK_GLIEDERUNG + 1 + u16::from(*rank);
                    self.pop_to_rank(r);
                    let mut n = TNode::new(NodeKind::Gliederung, rel(label), span.start, r);
                    // The parts of an Anlage often count their Nummern from 1 again („Teil A –
                    // Zeugnis ohne Prüfungsergebnisse“, „Teil B – …“, each with a Nr. 6): cited as
                    // „Anlage 2 Teil A Nr. 6“. The Gliederung of a law's own text stays out of its
                    // paths, as lawyers cite „§ 5“, not „Teil 1 § 5“.
                    if self.inside(NodeKind::Anlage) && !self.inside_unit_of_law() {
                        if let Some(segment) = norm::anlage_part(&self.text[rel(label).range()]) {
                            n.segment = segment;
                        }
                    }
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
                LineKind::Item { kind: ItemKind::Nummer, label } if survey.decimal && self.outline_heading(lines, i, rel(label)) => {
                    self.open_outline(lines, i, rel(label), &mut awaiting_title);
                }
                // A numbered heading the format marks („**3. Vergütungen**“, „### 4 Verfahren“) in a
                // text without §§ heads a Nummer of the outline, also after the Absätze „(1)“ of the
                // one before it: they are its content, not a list that goes on.
                LineKind::Item { kind: ItemKind::Nummer, label }
                    if line.level > 0 && !line.quoted && !survey.paragraphs && self.part.is_none() && self.marked_number_heads(span, rel(label)) =>
                {
                    self.pop_to_rank(RANK_OUTLINE + 1);
                    self.open_outline(lines, i, rel(label), &mut awaiting_title);
                }
                // „E.1 Erfüllungsaufwand für Bürgerinnen und Bürger“ in a Vorblatt is a section.
                LineKind::Section { label, .. }
                    if self.in_draft_prose_part() && line_text.starts_with(|c: char| c.is_ascii_uppercase()) =>
                {
                    let label = rel(label);
                    self.pop_to_rank(RANK_SECTION);
                    let mut n = TNode::new(NodeKind::Gliederung, span, span.start, RANK_SECTION);
                    n.segment = norm::section(self.part == Some(NodeKind::Vorblatt), &self.text[label.range()]);
                    self.open(n);
                    self.heading_leaf(span, Some(Span::new(label.end, span.end)));
                }
                LineKind::Section { label, .. } if survey.decimal && self.outline_accepts(lines, i, rel(label)) => {
                    self.open_outline(lines, i, rel(label), &mut awaiting_title);
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
                    // The whole line is the label („A. Problem und Ziel“).
                    n.label = span;
                    n.segment = norm::section(self.part == Some(NodeKind::Vorblatt), &self.text[label.range()]);
                    self.open(n);
                    self.heading_leaf(span, Some(Span::new(label.end, span.end)));
                }
                // The lettered and Roman sections of a Verwaltungsvorschrift whose Nummern count
                // from 1 again in each of them („A Allgemeiner Teil“, „V. Art, Umfang und Höhe der
                // Zuwendung“, „B Besonderer Teil“): part of every path below them.
                LineKind::SectionLetter { label } | LineKind::RomanSection { label }
                    if self.part.is_none() && survey.decimal && survey.restarts && !survey.paragraphs && !self.inside_unit_of_law() =>
                {
                    let label = rel(label);
                    let name = self.text[label.range()].trim_end_matches('.');
                    let letter = matches!(line.kind, LineKind::SectionLetter { .. }) && !self.reads_as_roman(name, label);
                    let (rank, segment) = if letter {
                        self.last_letter = name.bytes().next();
                        (RANK_GLIEDERUNG + 8, format!("Abschnitt {name}"))
                    } else {
                        (RANK_GLIEDERUNG + 9, format!("Nr. {name}"))
                    };
                    self.pop_to_rank(rank);
                    let mut n = TNode::new(NodeKind::Gliederung, label, span.start, rank);
                    n.segment = CompactString::from(segment);
                    n.roman_prefix = !letter;
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
                LineKind::Zu { target } if self.in_explanation() => {
                    let label_text = line_text.split(" (").next().unwrap_or(line_text).trim_end_matches(':');
                    let label = Span::new(span.start, span.start + label_text.len());
                    self.zu_heading(span, label, *target, norm::zu(*target, label_text));
                }
                // A Verwaltungsvorschrift to a law is arranged by the law's units: „Zu § 7 LHO“,
                // „Zu Absatz 1“. Its paths say so: „zu § 7 LHO Nr. 1.2“.
                LineKind::Zu { target } if self.part.is_none() && !survey.paragraphs && *target != ZuTarget::Satz => {
                    let label_text = line_text.split(" (").next().unwrap_or(line_text).trim_end_matches(':');
                    let label = Span::new(span.start, span.start + label_text.len());
                    let mut segment = CompactString::const_new("zu ");
                    segment.push_str(&norm::zu(*target, label_text));
                    self.zu_heading(span, label, *target, segment);
                }
                LineKind::Synopse if !line.quoted => {
                    // Recognised, not understood: kept as lines, never checked (see `notes`).
                    self.stack.truncate(if self.part.is_some() { 2 } else { 1 });
                    let mut n = TNode::new(NodeKind::Text, span, span.start, RANK_TOP);
                    n.role = Some(TextRole::Synopse);
                    n.raw = Some(TextRole::Synopse);
                    n.label_text = Some("Synopse");
                    self.open(n);
                    let top = self.top();
                    self.push_entry(top, Entry::Raw(span));
                    in_synopse = true;
                }
                LineKind::Masthead { .. } | LineKind::Statement { .. } if !line.quoted => {
                    // A running header left in the text, or a part heading where no part starts.
                    let mut t = TNode::new(NodeKind::Text, Span::new(span.start, span.start), span.start, RANK_ITEM);
                    t.role = Some(if matches!(line.kind, LineKind::Masthead { .. }) { TextRole::Editorial } else { TextRole::Heading });
                    t.header_end = span.end;
                    self.leaf(t);
                    self.open_block = None;
                }
                LineKind::Contents => {
                    self.pop_to_rank(RANK_TOP);
                    let mut n = TNode::new(NodeKind::Text, Span::new(span.start, span.end), span.start, RANK_TOP);
                    n.role = Some(TextRole::Contents);
                    n.raw = Some(TextRole::Contents);
                    n.label_text = Some("Inhaltsübersicht");
                    n.header_end = span.end;
                    self.open(n);
                    contents_until = contents_end(self.text, lines, i + 1);
                    if contents_until == i + 1 {
                        self.stack.pop();
                    }
                }
                LineKind::Formula => {
                    self.pop_to_rank(RANK_TOP);
                    let heading_word = matches!(line_text, "Eingangsformel" | "Schlussformel");
                    let name = if line_text.starts_with("Schluss") { "Schlussformel" } else { "Eingangsformel" };
                    self.open_formula(name, span.start);
                    if heading_word {
                        let top = self.top();
                        self.nodes[top].header_end = span.end;
                        self.nodes[top].label = span;
                    } else {
                        self.prose(span, false);
                        self.end_formula_at_colon(line_text);
                    }
                }
                LineKind::Preamble if !line.quoted => {
                    // A Präambel closes what went before it, but stays inside an Anlage or
                    // Gliederung (the Präambel of a treaty printed as an Anlage).
                    self.pop_to_rank(RANK_PARAGRAPH);
                    let mut n = TNode::new(NodeKind::Praeambel, span, span.start, RANK_PARAGRAPH);
                    n.segment = CompactString::const_new("Präambel");
                    self.open(n);
                    self.heading_leaf(span, None);
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
                        && no_blank_line(&self.text[lines[j - 1].span.end..lines[j].span.start])
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
                // An unnumbered heading the format marks („### Weitere Bestimmungen“) in a text
                // without §§: the only way to say where its text stands („Weitere Bestimmungen“
                // Satz 2).
                LineKind::Prose
                    if line.marked
                        && !line.quoted
                        && !survey.paragraphs
                        && self.part.is_none()
                        && is_outline_title(line_text)
                        && ((!self.inside_unit_of_law() && !self.stack.iter().any(|&n| self.nodes[n].outline))
                            || (self.closes_a_heading(line.level) && !furniture::is_page_number(line_text))) =>
                {
                    // A heading between Nummern that go on counting („## Laufbahnen“ between Nr. 6.8
                    // and „### 7 …“) groups them, but they are cited without it („Nr. 9.6“); where the
                    // numbers start again under it („### VwV zu § 2“, then „1.“), it is in the path.
                    let grouping = (self.inside_unit_of_law() || self.stack.iter().any(|&n| self.nodes[n].outline))
                        && self.next_number_continues(lines, i);
                    self.pop_to_heading_level(RANK_GLIEDERUNG + 8, line.level);
                    let mut n = TNode::new(NodeKind::Gliederung, span, span.start, RANK_GLIEDERUNG + 8);
                    if !grouping {
                        let mut segment = CompactString::const_new("„");
                        segment.push_str(line_text);
                        segment.push('“');
                        n.segment = segment;
                    }
                    self.open(n);
                    self.heading_leaf(span, Some(span));
                }
                // A page number („- 3 -“) or running header left in a copy of a printed paper.
                LineKind::Prose
                    if !line.quoted
                        && (furniture::is_running_header(line_text)
                            || (furniture::is_page_number(line_text) && !line_text.bytes().all(|b| b.is_ascii_digit()))) =>
                {
                    let mut t = TNode::new(NodeKind::Text, Span::new(span.start, span.start), span.start, RANK_ITEM);
                    t.role = Some(TextRole::Editorial);
                    t.header_end = span.end;
                    self.leaf(t);
                    self.open_block = None;
                }
                _ if line.quoted => {
                    // Quoted wording (amendments) belongs to the unit that quotes it.
                    self.prose(span, true);
                }
                // The words that enact a Gesetz, Verordnung or Satzung, written as prose before its
                // first unit („Aufgrund der §§ 4 und 142 der Gemeindeordnung … hat der Gemeinderat …
                // beschlossen.“): the Eingangsformel.
                LineKind::Prose
                    if !joined
                        && !line.quoted
                        && !self.law_started
                        && (survey.paragraphs || survey.articles)
                        && matches!(self.part, None | Some(NodeKind::Gesetzestext))
                        && self.nodes[self.top()].kind.is_container()
                        && reads_as_enacting_formula(line_text) =>
                {
                    self.pop_to_rank(RANK_TOP);
                    self.open_formula("Eingangsformel", span.start);
                    self.prose(span, false);
                    self.end_formula_at_colon(line_text);
                }
                _ => {
                    // Prose (or a shape that has no meaning in this part).
                    if !joined {
                        self.place_prose_block(lines, i);
                    }
                    self.prose(span, joined);
                    self.end_formula_at_colon(line_text);
                }
            }
            if line.level > 0 {
                self.stamp_level(depth_before, span.start, line.level);
            }
            i += 1;
        }
        (self.nodes, self.cells)
    }

    /// Whether a marked line „3. Vergütungen“ heads a Nummer: a title follows the number, and it
    /// stands right below a marked heading, or an Absatz or an earlier such heading is open that it
    /// ends (a marked first item of a list that an introducing sentence opened stays an item).
    fn marked_number_heads(&self, line: Span, label: Span) -> bool {
        let rest = self.text[label.end..line.end].trim();
        !rest.is_empty()
            && is_outline_title(rest)
            && !parts::is_table_row(rest)
            && (self.stack.iter().any(|&n| self.nodes[n].kind == NodeKind::Absatz || (self.nodes[n].outline && self.nodes[n].level > 0))
                || (self.nodes[self.top()].kind == NodeKind::Gliederung && self.nodes[self.top()].level > 0))
    }

    /// Whether the next numbered heading after line `i` (within a few lines) continues the open
    /// outline („### 7 …“ after Nr. 6.8) rather than starting it again.
    fn next_number_continues(&self, lines: &[Line], i: usize) -> bool {
        let next = lines[i + 1..].iter().take(6).find_map(|l| match &l.kind {
            LineKind::Item { kind: ItemKind::Nummer, label } | LineKind::Section { label, .. } => {
                Some(outline_numbers(&self.text[l.span.start + label.start..l.span.start + label.end]))
            }
            _ => None,
        });
        next.is_some_and(|n| is_outline_successor(self.current_outline().as_deref(), &n))
    }

    /// Closes an unnumbered heading (its segment is its quoted title) of the same or a deeper level
    /// (a larger number) before a marked numbered heading of `level`: „### 1 Pachtgegenstand“ after
    /// „### Vorwort“ is its sibling, not its content. A Roman section „### II.“ heads the Nummern
    /// below it whatever their level.
    fn close_headings_of_level(&mut self, level: u8) {
        if level == 0 {
            return;
        }
        let heading = self.stack.iter().position(|&n| {
            let node = &self.nodes[n];
            node.kind == NodeKind::Gliederung
                && (node.segment.is_empty() || node.segment.starts_with('„'))
                && node.level >= level
                && node.rank >= RANK_GLIEDERUNG + 8
        });
        if let Some(pos) = heading {
            self.stack.truncate(pos.max(1));
        }
    }

    /// Notes the level of a marked heading line on the nodes it opened (those on the stack above
    /// its depth before the line that start at the line).
    fn stamp_level(&mut self, depth_before: usize, line_start: usize, level: u8) {
        let from = depth_before.min(self.stack.len()).saturating_sub(1);
        for k in from..self.stack.len() {
            let n = self.stack[k];
            if self.nodes[n].start >= line_start && self.nodes[n].level == 0 {
                self.nodes[n].level = level;
            }
        }
    }

    /// Whether a marked heading of `level` ends a unit that an earlier heading of the same or a
    /// deeper level (the same or a larger number: `###` after `###` or `####`) opened: „### VwV zu
    /// § 2“ closes the Absätze of „### VwV zu § 1“; „## KATASTERNACHWEIS“ closes the Nummer „### 22
    /// …“. Not in a § or Artikel, whose own headings decide.
    fn closes_a_heading(&self, level: u8) -> bool {
        level > 0
            && !self.stack.iter().any(|&n| matches!(self.nodes[n].kind, NodeKind::Paragraph | NodeKind::Artikel))
            && self.stack.iter().any(|&n| self.nodes[n].level >= level)
    }

    /// [`Self::pop_to_rank`] for a marked heading of `level`: a heading of a higher level (smaller
    /// number) stays open around it. Without a level, as `pop_to_rank`.
    fn pop_to_heading_level(&mut self, rank: u16, level: u8) {
        if level == 0 {
            return self.pop_to_rank(rank);
        }
        while self.stack.len() > 1 && self.nodes[self.top()].rank >= rank && (self.nodes[self.top()].level == 0 || self.nodes[self.top()].level >= level)
        {
            self.stack.pop();
        }
    }

    /// Opens an Eingangsformel or Schlussformel (`name`). It ranks with a §, so the first §,
    /// Artikel, Gliederung or Anlage after it closes it; its sentences are cited by its name
    /// („Eingangsformel Satz 2“).
    fn open_formula(&mut self, name: &'static str, at: usize) {
        let mut n = TNode::new(NodeKind::Text, Span::new(at, at), at, RANK_PARAGRAPH);
        n.role = Some(TextRole::Formula);
        n.label_text = Some(name);
        n.segment = CompactString::const_new(name);
        self.open(n);
    }

    /// An Eingangsformel ends with the colon that introduces the enacted text („… verordnet:“,
    /// „… beschlossen:“): text after it belongs to the law, not to the formula.
    fn end_formula_at_colon(&mut self, line_text: &str) {
        if !line_text.ends_with(':') {
            return;
        }
        if let Some(pos) = self.stack.iter().rposition(|&n| self.nodes[n].role == Some(TextRole::Formula)) {
            self.stack.truncate(pos);
            self.open_block = None;
        }
    }

    /// Opens a section headed „Zu Artikel 1“, „Zu § 5“ (or a bare „Artikel 1 (…)“ in a Begründung).
    fn zu_heading(&mut self, line: Span, label: Span, target: ZuTarget, segment: CompactString) {
        let r = RANK_SECTION + 2 + target as u16;
        self.pop_to_rank(r);
        let mut n = TNode::new(NodeKind::Gliederung, label, line.start, r);
        n.segment = segment;
        self.open(n);
        self.heading_leaf(line, None);
    }

    /// The numbers of the innermost open Nummer of the decimal outline, or else of the last one
    /// (an Abschnitt or Teil heading closes Nummern, but the numbering goes on through it).
    fn current_outline(&self) -> Option<Vec<u32>> {
        self.stack
            .iter()
            .rev()
            .find(|&&n| self.nodes[n].outline)
            .or(self.last_outline.as_ref())
            .map(|&n| outline_numbers(&self.text[self.nodes[n].label.range()]))
    }

    /// [`is_outline_successor`] of the current outline, or a fresh start of the numbering where no
    /// Nummer is open (a new Teil may count from 1 again).
    fn continues_outline(&self, next: &[u32]) -> bool {
        let open = self.stack.iter().any(|&n| self.nodes[n].outline);
        is_outline_successor(self.current_outline().as_deref(), next) || (!open && is_outline_successor(None, next))
    }

    /// Whether a decimal number („2.3.1“) at line `i` continues the outline: the first Nummer, a
    /// first sub-Nummer of the open one, or the next Nummer at one of the open levels (gaps of a
    /// few repealed numbers allowed). Anything else — a code in a list („53.21 Seggen-Buchen-
    /// Wald“), an amount („1.000 Euro“), a number that goes back — is text.
    fn outline_accepts(&self, lines: &[Line], i: usize, label: Span) -> bool {
        let text = &self.text[label.range()];
        let rest = &self.text[label.end..lines[i].span.end];
        if label.start > lines[i].span.start {
            // „Nr. 8 …“, „Nr. 5 - Stundensatz“: only as a heading, the number stands inside the line.
            let rest = rest.trim().trim_start_matches(['-', '–', '—']).trim_start();
            return (rest.is_empty() || is_outline_title(rest))
                && !self.inside_unit_of_law()
                && self.continues_outline(&outline_numbers(text));
        }
        if !text.contains('.') {
            // A bare „2“: the heading of a top-level Nummer, or a numbered row of a table.
            let row = parts::is_table_row(rest)
                && !self.inside_unit_of_law()
                && self.continues_outline(&outline_numbers(text));
            return row || self.outline_heading(lines, i, label);
        }
        if !is_outline_number(text) || self.inside_unit_of_law() {
            return false;
        }
        // A heading the format marks („### 4.2 Kommunalwaldbetreuung“) is a Nummer even where
        // numbered rows of a table went before it.
        if lines[i].marked {
            return true;
        }
        self.continues_outline(&outline_numbers(text))
    }

    /// Whether a whole number („2“, „2.“) at line `i` heads a top-level Nummer of the outline: a
    /// heading follows (on its line or the next), it continues the numbering, and no list or
    /// unit of law is open that it could belong to.
    fn outline_heading(&self, lines: &[Line], i: usize, label: Span) -> bool {
        let whole = self.text[label.range()].trim_end_matches('.');
        if whole.is_empty()
            || !whole.bytes().all(|b| b.is_ascii_digit())
            || self.inside_unit_of_law()
            || self.stack.iter().any(|&n| self.nodes[n].item.is_some())
        {
            return false;
        }
        let line = lines[i].span;
        let rest = self.text[label.end..line.end].trim();
        let heading = if rest.is_empty() {
            lines.get(i + 1).is_some_and(|l| l.kind == LineKind::Prose && is_outline_title(&self.text[l.span.range()]))
        } else {
            is_outline_title(rest)
        };
        heading && self.continues_outline(&outline_numbers(&self.text[label.range()]))
    }

    /// Whether a lettered section label „I.“, „V.“ or „X.“ is a Roman number: it has its dot,
    /// and the last lettered section is not the letter before it („H“ before „I.“).
    fn reads_as_roman(&self, name: &str, label: Span) -> bool {
        let dotted = self.text[label.range()].ends_with('.');
        let previous = match name {
            "I" => b'H',
            "V" => b'U',
            "X" => b'W',
            _ => return false,
        };
        dotted && self.last_letter != Some(previous)
    }

    /// A § or Absatz is open: numbers there are a list of that unit.
    fn inside_unit_of_law(&self) -> bool {
        self.stack.iter().any(|&n| matches!(self.nodes[n].kind, NodeKind::Paragraph | NodeKind::Absatz | NodeKind::Artikel))
    }

    /// Opens a Nummer of the decimal outline at line `i`: under the open Nummer it continues,
    /// closing the deeper ones; its heading or first text on the rest of the line.
    fn open_outline(&mut self, lines: &[Line], i: usize, label: Span, awaiting_title: &mut bool) {
        self.close_headings_of_level(lines[i].level);
        let numbers = outline_numbers(&self.text[label.range()]);
        let parent = self.stack.iter().rposition(|&n| {
            self.nodes[n].outline && {
                let p = outline_numbers(&self.text[self.nodes[n].label.range()]);
                p.len() < numbers.len() && numbers.starts_with(&p)
            }
        });
        match parent {
            Some(pos) => self.stack.truncate(pos + 1),
            None => {
                if let Some(first) = self.stack.iter().position(|&n| self.nodes[n].outline) {
                    self.stack.truncate(first);
                }
                // The first Nummer also ends a Präambel or Eingangsformel before it.
                while self.stack.len() > 1
                    && (self.nodes[self.top()].item.is_some()
                        || self.nodes[self.top()].kind == NodeKind::Praeambel
                        || self.nodes[self.top()].role == Some(TextRole::Formula))
                {
                    self.stack.pop();
                }
            }
        }
        let line = lines[i].span;
        let mut n = TNode::new(NodeKind::Nummer, label, line.start, RANK_OUTLINE);
        n.outline = true;
        n.segment = norm::item(ItemKind::Nummer, self.text[label.range()].trim_end_matches('.'));
        n.header_end = label.end;
        self.last_outline = Some(self.open(n));
        let (rest, _) = trimmed(self.text, label.end, line.end);
        let rest_text = &self.text[rest..line.end];
        let prefixed = label.start > line.start;
        let rest_text = if prefixed { rest_text.trim_start_matches(['-', '–', '—']).trim_start() } else { rest_text };
        if rest_text.is_empty() {
            // A bare „1.1“: its heading may follow on the next line, as after a bare „§ 3“.
            self.heading_leaf(line, None);
            *awaiting_title = true;
        } else if prefixed || (is_outline_title(rest_text) && !parts::is_table_row(rest_text)) {
            self.heading_leaf(line, Some(Span::new(rest, line.end)));
        } else {
            self.item_content(line, label);
        }
    }

    /// At the top level, a list item is one only after an introducing sentence („… wie folgt:“)
    /// or another list item.
    fn root_list_may_follow(&self) -> bool {
        match self.last_entry(0) {
            Some(Entry::Prose(s)) => !ends_sentence(&self.text[s.range()]),
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
        let (start, _) = trimmed(self.text, label.end, line.end);
        if start < line.end {
            self.prose(Span::new(start, line.end), false);
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
        // A number that did not continue the outline is text as well.
        let next = lines[i + 1..].iter().find(|l| !matches!(l.kind, LineKind::Prose | LineKind::Section { .. }));
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

/// Whether a paragraph before the first unit of a Gesetz, Verordnung or Satzung is its
/// Eingangsformel: it cites the enabling provision first („Aufgrund des § 4 …“, „Auf Grund von
/// …“), or it cites it or names „folgende Satzung“ (Verordnung, Gesetz, Geschäftsordnung) and
/// enacts („… hat der Gemeinderat … beschlossen“, „… vereinbaren die Gemeinden …“).
fn reads_as_enacting_formula(t: &str) -> bool {
    if t.starts_with("Aufgrund ") || t.starts_with("Auf Grund ") {
        return true;
    }
    const ENACTING: &[&str] =
        &["beschlossen", "beschließt", "beschließen", "verordnet", "verordnen", "erlässt", "erlassen", "vereinbaren", "gegeben"];
    let cites = t.contains(" aufgrund ") || t.contains(" auf Grund ") || t.contains(" folgende ") || t.contains(" folgendes ");
    cites && ENACTING.iter().any(|w| has_word(t, w))
}

/// `word` stands in `t` as a whole word.
fn has_word(t: &str, word: &str) -> bool {
    t.match_indices(word).any(|(i, _)| {
        let before = t[..i].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        let after = t[i + word.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric());
        before && after
    })
}

/// Whether the line after a bare „§ 3a“ is its heading.
fn looks_like_title(t: &str) -> bool {
    let first = t.chars().next().unwrap_or(' ');
    (first.is_uppercase() || first == '(' || first == '-' || first == '–')
        && t.chars().count() <= 200
        && !t.ends_with(['.', ':', ';', ','])
}

/// The title of an entry of an Inhaltsübersicht on its own line: like a heading's title, but the
/// title of a whole Abschnitt can be long.
fn is_entry_title(t: &str) -> bool {
    let first = t.chars().next().unwrap_or(' ');
    (first.is_uppercase() || matches!(first, '(' | '-' | '–')) && t.len() <= 600 && !t.ends_with(['.', ':', ';'])
}

/// Index of the first line after an Inhaltsübersicht's entries. The entries are the heading-like
/// lines that follow (with titles on their own lines, and rows of a table of contents); the body
/// begins where the first entry comes again, or else after the entries when the last of them
/// appears again later (every entry names a unit of the text), or else with the last heading
/// before prose.
fn contents_end(text: &str, lines: &[Line], from: usize) -> usize {
    let is_entry = |l: &Line| {
        l.kind.is_heading_like()
            || matches!(
                l.kind,
                LineKind::Section { .. }
                    | LineKind::Zu { .. }
                    | LineKind::RomanSection { .. }
                    | LineKind::SectionLetter { .. }
                    | LineKind::Preamble
            )
    };
    let mut candidates = Vec::new();
    // Entries numbered like list items („1. Allgemeines“), when no other entry came before them.
    let mut items: Vec<usize> = Vec::new();
    let mut table = false;
    let mut j = from;
    while j < lines.len() {
        let l = &lines[j];
        let t = &text[l.span.range()];
        if is_entry(l) {
            candidates.push(j);
        } else if l.kind == LineKind::Prose && t.starts_with('|') {
            // a row of a table of contents
            table = true;
        } else if let LineKind::Item { label, .. } = &l.kind {
            // A numbered group of entries („1. Friedhöfe“), or numbered titles as the only
            // entries.
            if items.first().is_some_and(|&k: &usize| &text[lines[k].span.range()] == t) {
                // The first of them again, word for word: the body starts here.
                return j;
            }
            if !is_entry_title(t[label.end.min(t.len())..].trim_start()) {
                break;
            }
            if candidates.is_empty() || !items.is_empty() {
                items.push(j);
            }
        } else if l.kind == LineKind::Weggefallen || (l.kind == LineKind::Prose && is_entry_title(t)) {
            // a title on its own line, an unnumbered entry („(Rechtsgrundlage)“, „Präambel“)
        } else {
            break;
        }
        j += 1;
    }
    if candidates.is_empty() {
        // A list of numbered titles is the contents only when its first entry stands again, word
        // for word, as a heading after it („1. Allgemeines“ … „### 1. Allgemeines“; see above).
        return if table { j } else { from };
    }
    let key = |k: usize| -> Option<&str> {
        let s = lines[k].span.start;
        match &lines[k].kind {
            LineKind::Paragraph { label, .. }
            | LineKind::Artikel { label, .. }
            | LineKind::Gliederung { label, .. }
            | LineKind::Anlage { label, .. }
            | LineKind::Section { label, .. }
            | LineKind::RomanSection { label }
            | LineKind::SectionLetter { label } => Some(&text[s + label.start..s + label.end]),
            LineKind::Zu { .. } | LineKind::Preamble => Some(&text[lines[k].span.range()]),
            _ => None,
        }
    };
    if let Some(first) = candidates.iter().position(|&k| key(k).is_some()) {
        // The first entry again word for word („1 Inhalt und Ziele“) is the surest sign; a mere
        // number („1“) may also head an entry nested under an Anlage of the contents.
        let whole = &text[lines[candidates[first]].span.range()];
        if let Some(&again) = candidates[first + 1..].iter().find(|&&k| &text[lines[k].span.range()] == whole) {
            return again;
        }
        let first_key = key(candidates[first]);
        if let Some(&again) = candidates[first + 1..].iter().find(|&&k| key(k) == first_key) {
            return again;
        }
    }
    let last = *candidates.last().expect("non-empty");
    let last_key = key(last);
    if last_key.is_some() && lines[j..].iter().enumerate().any(|(k, l)| is_entry(l) && key(j + k) == last_key) {
        return j;
    }
    last
}

/// „2.3.1.“ → [2, 3, 1]; a letter counts by its place in the alphabet („C.3“ → [3, 3]).
fn outline_numbers(label: &str) -> Vec<u32> {
    label
        .trim_end_matches('.')
        .split('.')
        .map(|p| match p.as_bytes() {
            [l] if l.is_ascii_uppercase() => u32::from(l - b'A' + 1),
            _ => p.parse().unwrap_or(0),
        })
        .collect()
}

/// Whether `next` continues an outline whose innermost open Nummer is `open` (see
/// [`Builder::outline_accepts`]).
fn is_outline_successor(open: Option<&[u32]>, next: &[u32]) -> bool {
    const GAP: u32 = 5;
    let Some(open) = open else {
        // The first Nummer: the outline starts low.
        return next[0] <= 3 && next.iter().skip(1).all(|&n| n <= GAP);
    };
    let common = open.iter().zip(next).take_while(|(a, b)| a == b).count();
    if common == next.len() {
        // The same number again, or a level above the open one.
        return false;
    }
    let fresh = |rest: &[u32]| rest.iter().all(|&n| n <= GAP);
    if common == open.len() {
        // A sub-Nummer of the open one: „2.3“ → „2.3.1“.
        return next[common] <= GAP && fresh(&next[common + 1..]);
    }
    // The next Nummer at level `common`: „2.3.4“ → „2.3.5“, „2.4“, „3“, „3.1“.
    next[common] > open[common] && next[common] - open[common] <= GAP && fresh(&next[common + 1..])
}

/// The heading of a Nummer of an outline: capitalised words, no sentence.
pub(super) fn is_outline_title(t: &str) -> bool {
    let t = t.trim();
    is_title_wording(t)
        && t.chars().next().is_some_and(|c| c.is_uppercase() || c == '(')
        && !t.ends_with(['.', ',', ';', ':'])
        && !t.ends_with(" und")
        && !t.ends_with(" oder")
        && t.split_whitespace().count() <= 15
}

impl TNode {
    fn new(kind: NodeKind, label: Span, start: usize, rank: u16) -> TNode {
        TNode {
            kind,
            label,
            label_text: None,
            segment: CompactString::const_new(""),
            start,
            header_end: start.max(label.end),
            heading: None,
            role: None,
            repealed: false,
            item: None,
            outline: false,
            roman_prefix: false,
            raw: None,
            rank,
            level: 0,
            entries: Entries::EMPTY,
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
pub(super) fn build(text: &str, index: &LineIndex, marked: &[u32], levels: &[u8]) -> Vec<Node> {
    let mut lines = scan(text, index, marked, levels);
    let survey = parts::survey(text, &lines);
    if !survey.decimal {
        // Without a decimal outline a number at the start of a line („16 – 17“ in a table) is text.
        for l in lines.iter_mut().filter(|l| matches!(l.kind, LineKind::Section { .. })) {
            l.kind = LineKind::Prose;
        }
    }
    let (tnodes, cells) = Builder::new(text, lines.len()).run(&lines, &survey);
    drop(lines);
    let mut e = Emitter {
        text,
        tnodes: &tnodes,
        cells: &cells,
        out: Vec::with_capacity(tnodes.len() * 2),
        path: String::new(),
        outline_at: None,
        roman_end: None,
        grouped: Vec::new(),
        pieces: Vec::new(),
        sentences: Vec::new(),
    };
    e.emit(0, None);
    let mut out = e.out;
    // The root covers the whole input, leading and trailing white space included.
    out[0].span = Span::new(0, text.len());
    out
}

/// A piece of a sentence: text, or a list item that belongs to it.
#[derive(Clone, Copy)]
enum Piece {
    Text(Span),
    Item(usize),
}

/// A container's content after grouping: a sentence (a range of `Emitter::pieces`) or a child
/// unit.
#[derive(Clone, Copy)]
enum Grouped {
    Sentence { start: usize, end: usize },
    Child(usize),
}

/// Writes the final arena. The norm path of the node being written is kept in `path` (segments
/// pushed on the way down, truncated on the way up); the groups and pieces of all nodes being
/// written share two scratch vectors, each call working past the end of its caller's ranges and
/// truncating back when done.
struct Emitter<'a> {
    text: &'a str,
    tnodes: &'a [TNode],
    cells: &'a [EntryCell],
    out: Vec<Node>,
    path: String,
    /// Where the segment of the innermost Nummer of a decimal outline starts in `path`: a deeper
    /// Nummer („Nr. 2.3.1“) replaces it instead of adding to it.
    outline_at: Option<usize>,
    /// Where the path ends after the segment of a Roman section that heads the outline below it
    /// (see `TNode::roman_prefix`): a Nummer there joins it („Nr. V“ + „2.2“ → „Nr. V.2.2“).
    roman_end: Option<usize>,
    grouped: Vec<Grouped>,
    pieces: Vec<Piece>,
    /// The sentences of one prose entry, reused from entry to entry.
    sentences: Vec<Span>,
}

impl Emitter<'_> {
    /// Whether an emitted node is an Anlage or lies in one.
    fn in_anlage(&self, mut id: usize) -> bool {
        loop {
            if self.out[id].kind == NodeKind::Anlage {
                return true;
            }
            match self.out[id].parent {
                Some(p) => id = p,
                None => return false,
            }
        }
    }

    fn emit(&mut self, t: usize, parent: Option<usize>) -> usize {
        let (text, tnodes) = (self.text, self.tnodes);
        let tn = &tnodes[t];
        // A deeper Nummer of an outline stands for the ones above it: „Nr. 2.3.1“, not
        // „Nr. 2 Nr. 2.3 Nr. 2.3.1“. The replaced segment is put back when the node is done.
        let outline_before = self.outline_at;
        let replaced = match (tn.outline, self.outline_at) {
            (true, Some(at)) => {
                let old = self.path[at..].to_string();
                self.path.truncate(at);
                Some((at, old))
            }
            _ => None,
        };
        let roman_before = self.roman_end;
        let path_before = if tn.outline && self.roman_end == Some(self.path.len()) {
            let before = self.path.len();
            self.path.push('.');
            self.path.push_str(tn.segment.strip_prefix("Nr. ").unwrap_or(&tn.segment));
            before
        } else {
            norm::push(&mut self.path, &tn.segment)
        };
        if tn.outline {
            self.outline_at = Some(if path_before == 0 { 0 } else { path_before });
        }
        if tn.roman_prefix {
            self.roman_end = Some(self.path.len());
            self.outline_at = None;
        }
        let label = CompactString::from(tn.label_text.unwrap_or(&text[tn.label.range()]));
        let id = self.out.len();
        self.out.push(Node {
            kind: tn.kind,
            label,
            norm: CompactString::from(self.path.as_str()),
            span: Span::new(tn.start, tn.header_end),
            heading: tn.heading,
            role: tn.role,
            repealed: tn.repealed,
            parent,
            children: Vec::new(),
        });

        if let Some(role) = tn.raw {
            self.out[id].children.reserve_exact(tn.entries.len as usize);
            for e in tn.entries.iter(self.cells) {
                let c = match e {
                    Entry::Raw(s) | Entry::Prose(s) => self.push_text(id, s, role),
                    Entry::Child(c) => self.emit(c, Some(id)),
                };
                self.out[id].children.push(c);
            }
        } else {
            let pieces_start = self.pieces.len();
            let groups_start = self.grouped.len();
            self.group_sentences(tn.entries);
            let groups_end = self.grouped.len();
            let groups = groups_start..groups_end;
            // Every group gives the node at most one child (a list item's single sentence none).
            self.out[id].children.reserve_exact(groups.len());
            let is_item = tn.item.is_some();
            let mut satz_count = 0;
            let mut has_other_children = false;
            for g in &self.grouped[groups.clone()] {
                match g {
                    Grouped::Sentence { .. } => satz_count += 1,
                    Grouped::Child(_) => has_other_children = true,
                }
            }
            let mut satz_no = 0;
            for gi in groups {
                match self.grouped[gi] {
                    Grouped::Child(c) => {
                        let c = self.emit(c, Some(id));
                        self.out[id].children.push(c);
                    }
                    Grouped::Sentence { start, end } => {
                        satz_no += 1;
                        let has_items = self.pieces[start..end].iter().any(|p| matches!(p, Piece::Item(_)));
                        if is_item && satz_count == 1 {
                            // A list item with one sentence: its text needs no Satz node; it is the
                            // item's own text unless the item has children, then a fragment.
                            if has_items || has_other_children {
                                self.emit_pieces(start, end, id);
                            }
                            continue;
                        }
                        let node_path = self.path.len();
                        // The lines of a form or table straight under an Anlage are no Sätze a
                        // lawyer would cite („Anlage 7 Satz 7“ counts the lines of a certificate
                        // template): their address is the Anlage (and its Teil or Abschnitt). A
                        // sentence that opens a list keeps its number: it tells the list's
                        // „Nr. 1“ from another list's in the same Anlage.
                        let cited_by_satz =
                            has_items || !matches!(self.out[id].kind, NodeKind::Anlage | NodeKind::Gliederung) || !self.in_anlage(id);
                        if satz_count > 1 && !self.path.is_empty() && cited_by_satz {
                            norm::push_satz(&mut self.path, satz_no);
                        }
                        let s = self.out.len();
                        let span = self.group_span(start, end);
                        self.out.push(Node {
                            kind: NodeKind::Satz,
                            label: CompactString::from(norm::digits(satz_no, &mut [0; 20])),
                            norm: CompactString::from(self.path.as_str()),
                            span,
                            heading: None,
                            role: None,
                            repealed: false,
                            parent: Some(id),
                            children: Vec::new(),
                        });
                        self.out[id].children.push(s);
                        if has_items {
                            self.emit_pieces(start, end, s);
                            let out = &self.out;
                            let end = out[s].children.iter().map(|&c| out[c].span.end).max().unwrap_or(span.end);
                            self.out[s].span.end = self.out[s].span.end.max(end);
                        }
                        self.path.truncate(node_path);
                    }
                }
            }
            self.grouped.truncate(groups_start);
            self.pieces.truncate(pieces_start);
        }
        let out = &self.out;
        let end = out[id].children.iter().map(|&c| out[c].span.end).max().unwrap_or(0);
        let own_end = match tn.entries.last(self.cells) {
            Some(Entry::Prose(s) | Entry::Raw(s)) => s.end,
            _ => 0,
        };
        self.out[id].span.end = self.out[id].span.end.max(end).max(own_end);
        self.path.truncate(path_before);
        if let Some((at, old)) = replaced {
            self.path.truncate(at);
            self.path.push_str(&old);
        }
        self.outline_at = outline_before;
        self.roman_end = roman_before;
        id
    }

    fn emit_pieces(&mut self, start: usize, end: usize, parent: usize) {
        self.out[parent].children.reserve(end - start);
        for pi in start..end {
            let c = match self.pieces[pi] {
                Piece::Text(s) => self.push_text(parent, s, TextRole::Fragment),
                Piece::Item(t) => self.emit(t, Some(parent)),
            };
            self.out[parent].children.push(c);
        }
    }

    fn push_text(&mut self, parent: usize, span: Span, role: TextRole) -> usize {
        self.out.push(Node {
            kind: NodeKind::Text,
            label: CompactString::default(),
            norm: CompactString::from(self.path.as_str()),
            span,
            heading: None,
            role: Some(role),
            repealed: false,
            parent: Some(parent),
            children: Vec::new(),
        });
        self.out.len() - 1
    }

    fn group_span(&self, start: usize, end: usize) -> Span {
        let pieces = &self.pieces[start..end];
        let first = match pieces.first() {
            Some(Piece::Text(s)) => s.start,
            Some(Piece::Item(t)) => self.tnodes[*t].start,
            None => 0,
        };
        let last = match pieces.last() {
            Some(Piece::Text(s)) => s.end,
            Some(Piece::Item(t)) => self.tnodes[*t].header_end,
            None => 0,
        };
        Span::new(first, last.max(first))
    }

    /// Groups a container's entries into sentences (appended to `grouped`, their pieces to
    /// `pieces`): prose is split at sentence ends; list items join the sentence that introduces
    /// them; text after a list continues that sentence unless the list ended with a full stop.
    fn group_sentences(&mut self, entries: Entries) {
        let text = self.text;
        // The sentence under construction: where its pieces start, and whether it may continue
        // (no full stop yet).
        let mut current: Option<(usize, bool)> = None;
        let mut last_was_item = false;
        for e in entries.iter(self.cells) {
            match e {
                Entry::Prose(span) | Entry::Raw(span) => {
                    let mut sentences = std::mem::take(&mut self.sentences);
                    sentences::split_into(text, span, &mut sentences);
                    for (k, s) in sentences.iter().enumerate() {
                        let continues = k == 0 && current.is_some_and(|(_, open)| open);
                        if !continues {
                            self.close_sentence(current.take());
                            current = Some((self.pieces.len(), false));
                        }
                        self.pieces.push(Piece::Text(*s));
                        let open = !ends_sentence(&text[s.range()]);
                        if let Some((_, o)) = current.as_mut() {
                            *o = open;
                        }
                    }
                    self.sentences = sentences;
                    last_was_item = false;
                }
                Entry::Child(c) if self.tnodes[c].item.is_some() => {
                    let joins = current.is_some_and(|(_, open)| open) || last_was_item;
                    if !joins {
                        self.close_sentence(current.take());
                        current = Some((self.pieces.len(), false));
                    }
                    let start = current.map_or(self.pieces.len(), |(start, _)| start);
                    self.pieces.push(Piece::Item(c));
                    current = Some((start, !self.item_ends_sentence(c)));
                    last_was_item = true;
                }
                Entry::Child(c) => {
                    self.close_sentence(current.take());
                    self.grouped.push(Grouped::Child(c));
                    last_was_item = false;
                }
            }
        }
        self.close_sentence(current);
    }

    fn close_sentence(&mut self, current: Option<(usize, bool)>) {
        if let Some((start, _)) = current {
            self.grouped.push(Grouped::Sentence { start, end: self.pieces.len() });
        }
    }

    /// Whether a list item's last text ends with a full stop (then text after the list starts anew).
    fn item_ends_sentence(&self, t: usize) -> bool {
        match self.tnodes[t].entries.last(self.cells) {
            Some(Entry::Prose(s) | Entry::Raw(s)) => ends_sentence(&self.text[s.range()]),
            Some(Entry::Child(c)) if self.tnodes[*c].item.is_some() => self.item_ends_sentence(*c),
            _ => false,
        }
    }
}

/// [`sentences::ends_sentence`] on bytes: skips trailing white space, closing quotes and
/// brackets, then looks for a full stop, „!“ or „?“. Only a non-ASCII character at the end is
/// decoded.
fn ends_sentence(fragment: &str) -> bool {
    let b = fragment.as_bytes();
    let mut end = b.len();
    while end > 0 {
        let c = b[end - 1];
        if c < 0x80 {
            if is_ascii_space(c) || c == b'"' || c == b')' {
                end -= 1;
                continue;
            }
            return matches!(c, b'.' | b'!' | b'?');
        }
        let ch = fragment[..end].chars().next_back().expect("non-empty");
        if ch.is_whitespace() || matches!(ch, '“' | '”' | '‘') {
            end -= ch.len_utf8();
            continue;
        }
        return false;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Characters that matter to the byte-level helpers, and some that do not.
    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            Just(" ".to_string()),
            Just("\n".to_string()),
            Just("\t".to_string()),
            Just("\r".to_string()),
            Just("\u{a0}".to_string()),
            Just("\u{2003}".to_string()),
            Just("\u{3000}".to_string()),
            Just(".".to_string()),
            Just("!".to_string()),
            Just("?".to_string()),
            Just(")".to_string()),
            Just("\"".to_string()),
            Just("“".to_string()),
            Just("”".to_string()),
            Just("‘".to_string()),
            Just("„".to_string()),
            Just("»".to_string()),
            Just("«".to_string()),
            Just("\u{1c}".to_string()),
            Just("\u{85}".to_string()),
            "[a-zäöüß§0-9]{0,3}",
        ]
    }

    fn texts() -> impl Strategy<Value = String> {
        proptest::collection::vec(piece(), 0..12).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn ends_sentence_as_sentences_module(t in texts()) {
            prop_assert_eq!(ends_sentence(&t), sentences::ends_sentence(&t));
        }

        #[test]
        fn trimmed_as_str_trim(t in texts(), pre in texts()) {
            let all = format!("{pre}{t}");
            let (s, e) = trimmed(&all, pre.len(), all.len());
            let expect_start = all.len() - t.trim_start().len();
            prop_assert_eq!(s, expect_start);
            prop_assert_eq!(&all[s..e], t.trim());
        }

        #[test]
        fn quotes_as_chars(t in texts(), depth in 0i32..3) {
            let mut expect = depth;
            for c in t.chars() {
                match c {
                    '„' | '»' => expect += 1,
                    '“' | '”' | '«' => expect = (expect - 1).max(0),
                    _ => {}
                }
            }
            prop_assert_eq!(track_quotes(t.as_bytes(), depth), expect);
        }

        #[test]
        fn blank_lines_as_count(t in texts()) {
            prop_assert_eq!(no_blank_line(&t), t.matches('\n').count() < 2);
        }
    }
}
