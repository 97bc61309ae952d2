//! LegalDocML.de (Akoma Ntoso) XML, the format of the federal E-Gesetzgebung.
//!
//! The document is rendered into the line layout the structure parser reads, with the same rules as
//! the corpus tool `ldml2txt.py` (so the plain-text corpus and this reader agree line for line):
//! title lines first; every Buch/Teil/Kapitel/Abschnitt/Artikel/§ (`akn:article`, `akn:section`, …)
//! with its number on one line and its heading on the next; an Absatz (`akn:paragraph`) starting with
//! its number „(1)“; every list item (`akn:point`) on its own line starting with „1.“ or „a)“;
//! `akn:quotedText` inline between its `startQuote`/`endQuote` („…“); an `akn:quotedStructure` (the
//! new wording of whole units in an Änderungsbefehl, `akn:mod`) starting on a new line with „ and
//! ending with “, as printed in the Bundesgesetzblatt; table rows as one line with TAB-separated
//! cells; footnotes inline as „[Fußnote: …]“; metadata (`akn:meta`) and the table of contents left
//! out.
//!
//! Positions: original offsets are byte offsets into the XML file (exact at the start of every text
//! node; within a text node that contains entity references they drift by the references' length).
//! Every element with an `eId` anchors [`OriginalPlace::Xml`] where its text starts, and re-anchors its
//! parent's eId where it ends, so [`SourceText::eid_at`] names the innermost element of any
//! position — what an editor of the E-Gesetzgebung needs to find a finding.
//!
//! Safety: roxmltree refuses any DTD by default, which rules out entity bombs and external entities;
//! the nesting depth is checked against [`InputLimits::max_xml_depth`] before the recursive rendering.

use super::builder::TextBuilder;
use super::{error, InputError, InputLimits};
use crate::source::{OriginalPlace, SourceText};
use roxmltree::{Node, NodeType};

/// One character of rendered text with its original offset, or an anchor for an eId.
#[derive(Debug, Clone, Copy)]
enum Item {
    Ch(char, usize),
    /// From here on, the position belongs to eId number `.0` of [`Renderer::eids`].
    Mark(u32),
}

/// A piece of rendered text.
type Rich = Vec<Item>;

/// Hierarchy units: number and heading on their own lines.
const HIER: &[&str] = &[
    "book",
    "part",
    "chapter",
    "subchapter",
    "section",
    "subsection",
    "title",
    "subtitle",
    "article",
    "division",
    "subdivision",
    "rule",
    "hcontainer",
    "container",
    "level",
    "clause",
    "subclause",
];
/// Left out entirely.
const SKIP: &[&str] = &["meta", "toc", "tocItem", "documentRef", "componentRef"];
/// Elements after which running text ends its line.
const LINE_END: &[&str] =
    &["p", "intro", "wrapUp", "listIntroduction", "listWrapUp", "block", "li", "tblock", "formula"];
/// Numbered units: the number goes in front of the first line.
const NUMBERED: &[&str] = &["paragraph", "point", "item", "alinea", "indent", "subparagraph"];
/// Containers whose children are blocks.
const CONTAINERS: &[&str] = &[
    "content",
    "preface",
    "preamble",
    "body",
    "mainBody",
    "conclusions",
    "act",
    "doc",
    "akomaNtoso",
    "blockContainer",
    "citations",
    "recitals",
    "formula",
    "attachments",
    "attachment",
    "components",
    "component",
    "collectionBody",
    "documentCollection",
    "notes",
    "note",
    "intro",
    "wrapUp",
];

/// Reads a LegalDocML.de document.
pub fn read(name: &str, bytes: &[u8], limits: &InputLimits) -> Result<SourceText, InputError> {
    let (bom, body) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (3, rest),
        None => (0, bytes),
    };
    let xml = std::str::from_utf8(body).map_err(|e| {
        error(name, format!("XML ist kein gültiges UTF-8 (ungültiges Byte bei {})", e.valid_up_to() + bom))
    })?;
    let doc = roxmltree::Document::parse(xml).map_err(|e| error(name, xml_problem(xml, &e)))?;
    let root = doc.root_element();
    if root.tag_name().name() != "akomaNtoso" {
        return Err(error(
            name,
            format!(
                "XML-Datei, aber kein LegalDocML.de-Dokument (Wurzelelement „{}“ statt „akn:akomaNtoso“)",
                root.tag_name().name()
            ),
        ));
    }
    check_depth(name, &doc, limits.max_xml_depth)?;
    let mut r = Renderer { eids: Vec::new(), base: bom };
    let lines = r.block(root, None);
    let mut b = TextBuilder::new();
    let mut last_blank = true;
    let mut last = 0;
    for line in &lines {
        let has_text = line.iter().any(|i| matches!(i, Item::Ch(..)));
        if !has_text {
            r.emit_marks(&mut b, line);
            if !last_blank {
                b.push_synthetic("\n", last);
                last_blank = true;
            }
            continue;
        }
        for item in line {
            match *item {
                Item::Ch(c, o) => {
                    b.push(c, o);
                    last = o;
                }
                Item::Mark(i) => b.anchor(OriginalPlace::Xml { eid: r.eids[i as usize].clone() }),
            }
        }
        b.push_synthetic("\n", last);
        last_blank = false;
    }
    // The layout ends with exactly one line feed, like a text file (and like ldml2txt.py).
    let mut s = b.finish(name, bytes.len());
    if s.text().ends_with("\n\n") {
        let t = s.text().trim_end_matches('\n').to_string() + "\n";
        s = SourceText::from_parts(name, t, s.origin().clone());
    }
    Ok(s)
}

fn xml_problem(xml: &str, e: &roxmltree::Error) -> String {
    use roxmltree::Error as E;
    let pos = e.pos();
    match e {
        // roxmltree places these at 1:1; say which element stays open, and where the file ends.
        E::UnclosedRootNode | E::UnexpectedEndOfStream => {
            let (end_line, end_col) = line_col(xml, xml.len());
            match unclosed_element(xml) {
                Some((tag, at)) => {
                    let (line, col) = line_col(xml, at);
                    format!(
                        "kein wohlgeformtes XML: das Element <{tag}> aus Zeile {line}, Spalte {col} wird nicht geschlossen \
                         (die Datei endet in Zeile {end_line}, Spalte {end_col})"
                    )
                }
                None => format!("kein wohlgeformtes XML: die Datei endet vorzeitig (Zeile {end_line}, Spalte {end_col})"),
            }
        }
        E::DtdDetected => "XML enthält eine DTD (DOCTYPE); aus Sicherheitsgründen nicht erlaubt (Schutz vor Entity-Bomben und externen Entitäten)".to_string(),
        E::EntityReferenceLoop(_) => {
            "XML enthält sich selbst vervielfältigende Entitäten (Entity-Bombe); abgelehnt".to_string()
        }
        E::NodesLimitReached => "XML enthält zu viele Knoten".to_string(),
        _ => format!("kein wohlgeformtes XML (Zeile {}, Spalte {})", pos.row, pos.col),
    }
}

/// 1-based line and column (in characters) of a byte offset.
fn line_col(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// The innermost element still open at the end of a truncated document: its name and the byte
/// offset of its start tag. Comments, processing instructions, CDATA and quoted attribute values
/// are skipped; only called on a document roxmltree has already refused.
fn unclosed_element(xml: &str) -> Option<(String, usize)> {
    let mut open: Vec<(String, usize)> = Vec::new();
    let bytes = xml.as_bytes();
    let mut i = 0;
    while let Some(rel) = xml[i..].find('<') {
        let start = i + rel;
        let rest = &xml[start..];
        let skip_to = |end: &str| rest.find(end).map(|e| start + e + end.len());
        let next = if rest.starts_with("<!--") {
            skip_to("-->")
        } else if rest.starts_with("<![CDATA[") {
            skip_to("]]>")
        } else if rest.starts_with("<?") {
            skip_to("?>")
        } else if rest.starts_with("<!") {
            skip_to(">")
        } else {
            // A tag: find its end outside quoted attribute values.
            let mut quote = None;
            let mut end = None;
            for (k, &b) in bytes[start..].iter().enumerate() {
                match (quote, b) {
                    (Some(q), _) if b == q => quote = None,
                    (Some(_), _) => {}
                    (None, b'"' | b'\'') => quote = Some(b),
                    (None, b'>') => {
                        end = Some(start + k);
                        break;
                    }
                    _ => {}
                }
            }
            let name_of = |t: &str| t.split(|c: char| c.is_whitespace() || c == '/' || c == '>').next().unwrap_or("").to_string();
            match end {
                None => {
                    // The file ends inside this tag.
                    let name = name_of(rest.trim_start_matches(['<', '/']));
                    return (!name.is_empty()).then_some((name, start)).or(open.pop());
                }
                Some(e) => {
                    let tag = &xml[start + 1..e];
                    if let Some(closing) = tag.strip_prefix('/') {
                        let name = name_of(closing);
                        if let Some(k) = open.iter().rposition(|(n, _)| *n == name) {
                            open.truncate(k);
                        }
                    } else if !tag.ends_with('/') {
                        open.push((name_of(tag), start));
                    }
                    Some(e + 1)
                }
            }
        };
        match next {
            Some(n) => i = n,
            None => break,
        }
    }
    open.pop()
}

/// Refuses nesting deeper than `max`, without recursion (the tree is walked in document order,
/// where every parent comes before its children).
fn check_depth(name: &str, doc: &roxmltree::Document, max: usize) -> Result<(), InputError> {
    let mut depth = vec![0u32; doc.descendants().count() + 1];
    for n in doc.descendants() {
        let d = n.parent().map_or(0, |p| depth[p.id().get_usize()]) + 1;
        depth[n.id().get_usize()] = d;
        if d as usize > max + 1 {
            return Err(error(
                name,
                format!("XML ist tiefer als {max} Ebenen verschachtelt (Schutz vor manipulierten Dateien)"),
            ));
        }
    }
    Ok(())
}

fn local<'a>(n: Node<'a, '_>) -> &'a str {
    n.tag_name().name()
}

fn is(n: Node, set: &[&str]) -> bool {
    set.contains(&local(n))
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r' | '\n' | '\u{a0}')
}

struct Renderer {
    eids: Vec<String>,
    /// Bytes before the text roxmltree saw (a BOM).
    base: usize,
}

impl Renderer {
    fn emit_marks(&self, b: &mut TextBuilder, line: &Rich) {
        for item in line {
            if let Item::Mark(i) = *item {
                b.anchor(OriginalPlace::Xml { eid: self.eids[i as usize].clone() });
            }
        }
    }

    fn mark(&mut self, eid: &str) -> Item {
        if self.eids.last().map(String::as_str) != Some(eid) {
            self.eids.push(eid.to_string());
        }
        Item::Mark((self.eids.len() - 1) as u32)
    }

    /// The marks that open an element with an eId and restore the parent's afterwards.
    fn marks_for(&mut self, n: Node, parent_eid: Option<&str>) -> Option<(Item, Option<Item>)> {
        let eid = n.attribute("eId")?;
        let open = self.mark(eid);
        let close = parent_eid.map(|p| self.mark(p));
        Some((open, close))
    }

    fn pos(&self, n: Node) -> usize {
        self.base + n.range().start
    }

    /// Text node content with whitespace runs squeezed to one space.
    fn squeeze_text(&self, n: Node, out: &mut Rich) {
        let Some(text) = n.text() else { return };
        let range = n.range();
        let start = self.base + range.start;
        let end = self.base + range.end;
        let mut in_space = false;
        for (i, c) in text.char_indices() {
            let o = (start + i).min(end.saturating_sub(1));
            if is_space(c) {
                if !in_space {
                    out.push(Item::Ch(' ', o));
                }
                in_space = true;
            } else {
                out.push(Item::Ch(c, o));
                in_space = false;
            }
        }
    }

    /// All descendant text, squeezed and stripped (`itertext` in the Python tool).
    fn all_text(&self, n: Node) -> Rich {
        let mut out = Rich::new();
        for d in n.descendants().filter(|d| d.is_text()) {
            self.squeeze_text(d, &mut out);
        }
        squeeze_rich(&mut out);
        strip(out)
    }

    fn synthetic(s: &str, orig: usize, out: &mut Rich) {
        out.extend(s.chars().map(|c| Item::Ch(c, orig)));
    }

    /// Running text of an element; block-level descendants are separated by line feeds.
    fn inline(&mut self, el: Node, parent_eid: Option<&str>) -> Rich {
        let name = local(el);
        let mut out = Rich::new();
        if is(el, SKIP) {
            return out;
        }
        let pos = self.pos(el);
        let marks = self.marks_for(el, parent_eid);
        let own_eid = el.attribute("eId").or(parent_eid);
        if let Some((open, _)) = marks {
            out.push(open);
        }
        match name {
            "br" | "eol" => out.push(Item::Ch('\n', pos)),
            "quotedStructure" => {
                let mut inner: Vec<Rich> = Vec::new();
                for ch in el.children().filter(Node::is_element) {
                    inner.extend(self.block(ch, own_eid));
                }
                let inner = drop_blank_lines(inner);
                let sq = el.attribute("startQuote").unwrap_or("„");
                let eq = el.attribute("endQuote").unwrap_or("“");
                if inner.is_empty() {
                    Self::synthetic(sq, pos, &mut out);
                    Self::synthetic(eq, pos, &mut out);
                } else {
                    let n = inner.len();
                    out.push(Item::Ch('\n', pos));
                    for (k, line) in inner.into_iter().enumerate() {
                        if k == 0 {
                            Self::synthetic(sq, pos, &mut out);
                        }
                        let last = line.iter().rev().find_map(|i| if let Item::Ch(_, o) = i { Some(*o) } else { None });
                        out.extend(line);
                        if k + 1 == n {
                            Self::synthetic(eq, last.unwrap_or(pos), &mut out);
                        }
                        out.push(Item::Ch('\n', last.unwrap_or(pos)));
                    }
                }
            }
            "authorialNote" => {
                Self::synthetic(" [Fußnote: ", pos, &mut out);
                out.extend(self.all_text(el));
                Self::synthetic("] ", pos, &mut out);
            }
            "list" | "blockList" | "ol" | "ul" | "table" => {
                out.push(Item::Ch('\n', pos));
                let lines = self.block(el, parent_eid);
                let n = lines.len();
                for (k, line) in lines.into_iter().enumerate() {
                    out.extend(line);
                    if k + 1 < n {
                        out.push(Item::Ch('\n', pos));
                    }
                }
                out.push(Item::Ch('\n', pos));
            }
            _ => {
                if name == "quotedText" {
                    Self::synthetic(el.attribute("startQuote").unwrap_or(""), pos, &mut out);
                }
                for ch in el.children() {
                    match ch.node_type() {
                        NodeType::Text => self.squeeze_text(ch, &mut out),
                        NodeType::Element => {
                            let part = self.inline(ch, own_eid);
                            out.extend(part);
                        }
                        _ => {}
                    }
                }
                if name == "quotedText" {
                    Self::synthetic(
                        el.attribute("endQuote").unwrap_or(""),
                        self.pos(el) + el.range().len().saturating_sub(1),
                        &mut out,
                    );
                }
                if LINE_END.contains(&name) {
                    out.push(Item::Ch('\n', pos));
                }
            }
        }
        if let Some((_, Some(close))) = marks {
            out.push(close);
        }
        out
    }

    /// Number (`akn:num`) in front of the first line of the remaining children.
    fn numbered(&mut self, el: Node, own_eid: Option<&str>) -> Vec<Rich> {
        let mut num: Option<Rich> = None;
        let mut rest: Vec<Rich> = Vec::new();
        for ch in el.children().filter(Node::is_element) {
            if local(ch) == "num" && num.is_none() {
                num = Some(self.all_text(ch));
            } else {
                rest.extend(self.block(ch, own_eid));
            }
        }
        match num {
            Some(num) if num.iter().any(|i| matches!(i, Item::Ch(..))) => {
                if rest.is_empty() {
                    rest.push(num);
                } else {
                    let orig = num.iter().rev().find_map(|i| if let Item::Ch(_, o) = i { Some(*o) } else { None });
                    let mut first = num;
                    first.push(Item::Ch(' ', orig.unwrap_or(0)));
                    first.append(&mut rest[0]);
                    rest[0] = first;
                }
                rest
            }
            _ => rest,
        }
    }

    /// The lines of a block-level element; an empty line marks a break between hierarchy units.
    fn block(&mut self, el: Node, parent_eid: Option<&str>) -> Vec<Rich> {
        if !el.is_element() || is(el, SKIP) {
            return Vec::new();
        }
        let name = local(el);
        let own_eid = el.attribute("eId").or(parent_eid);
        let mut lines: Vec<Rich> = if is(el, HIER) {
            let mut head = vec![Rich::new()];
            let mut body = Vec::new();
            for ch in el.children().filter(Node::is_element) {
                if matches!(local(ch), "num" | "heading" | "subheading") {
                    let t = self.all_text(ch);
                    if t.iter().any(|i| matches!(i, Item::Ch(..))) {
                        head.push(t);
                    }
                } else {
                    body.extend(self.block(ch, own_eid));
                }
            }
            head.extend(body);
            head
        } else if is(el, NUMBERED) {
            self.numbered(el, own_eid)
        } else if matches!(name, "list" | "blockList" | "ol" | "ul") {
            let mut out = Vec::new();
            for ch in el.children().filter(Node::is_element) {
                out.extend(self.block(ch, own_eid));
            }
            out
        } else if name == "table" {
            let mut out = Vec::new();
            for tr in el.descendants().filter(|d| d.is_element() && local(*d) == "tr") {
                let mut row = Rich::new();
                let mut first = true;
                for c in tr.children().filter(|c| c.is_element() && matches!(local(*c), "td" | "th")) {
                    if !first {
                        row.push(Item::Ch('\t', self.pos(c)));
                    }
                    first = false;
                    let cell = self.inline(c, own_eid);
                    row.extend(join_lines(lines_of(cell), ' '));
                }
                out.push(row);
            }
            out
        } else if name == "signature" {
            let text = self.inline(el, parent_eid);
            return vec![join_lines(lines_of(text), ' ')];
        } else if is(el, CONTAINERS) {
            let mut out = Vec::new();
            if matches!(name, "preface" | "preamble" | "conclusions" | "body" | "mainBody") {
                out.push(Rich::new());
            }
            for ch in el.children() {
                match ch.node_type() {
                    NodeType::Text if ch.text().is_some_and(|t| !t.trim().is_empty()) => {
                        let mut r = Rich::new();
                        self.squeeze_text(ch, &mut r);
                        out.extend(lines_of(r));
                    }
                    NodeType::Element if matches!(local(ch), "documentRef" | "componentRef") => {
                        let mut r = Rich::new();
                        let text = format!("[Verweis auf Teildokument: {}]", ch.attribute("href").unwrap_or(""));
                        Self::synthetic(&text, self.pos(ch), &mut r);
                        out.push(r);
                    }
                    NodeType::Element => out.extend(self.block(ch, own_eid)),
                    _ => {}
                }
            }
            out
        } else {
            // citation, recital, longTitle, p, block, heading, …: running text. inline() sets the
            // element's own marks.
            let text = self.inline(el, parent_eid);
            return lines_of(text);
        };
        if let Some((open, close)) = self.marks_for(el, parent_eid) {
            if let Some(first) = lines.iter_mut().find(|l| l.iter().any(|i| matches!(i, Item::Ch(..)))) {
                first.insert(0, open);
            }
            if let (Some(close), Some(last)) = (close, lines.last_mut()) {
                last.push(close);
            }
        }
        lines
    }
}

/// Collapses runs of spaces to one (the first keeps its origin); marks stay.
fn squeeze_rich(r: &mut Rich) {
    let mut prev_space = false;
    r.retain(|i| match i {
        Item::Ch(' ', _) => {
            let keep = !prev_space;
            prev_space = true;
            keep
        }
        Item::Ch(..) => {
            prev_space = false;
            true
        }
        Item::Mark(_) => true,
    });
}

/// Removes leading and trailing whitespace characters, keeping marks.
fn strip(r: Rich) -> Rich {
    let is_ws = |i: &Item| matches!(i, Item::Ch(c, _) if c.is_whitespace());
    let first = r.iter().position(|i| matches!(i, Item::Ch(..)) && !is_ws(i));
    let Some(first) = first else {
        return r.into_iter().filter(|i| matches!(i, Item::Mark(_))).collect();
    };
    let last = r.iter().rposition(|i| matches!(i, Item::Ch(..)) && !is_ws(i)).unwrap_or(first);
    let mut out = Rich::with_capacity(r.len());
    for (k, item) in r.into_iter().enumerate() {
        if (first..=last).contains(&k) || matches!(item, Item::Mark(_)) {
            out.push(item);
        }
    }
    out
}

/// Splits running text into stripped, non-empty lines; a line of only punctuation (after a quoted
/// structure) is appended to the line before. Marks on dropped empty lines move to the next line.
fn lines_of(text: Rich) -> Vec<Rich> {
    let mut out: Vec<Rich> = Vec::new();
    let mut pending: Rich = Vec::new();
    for raw in text.split(|i| matches!(i, Item::Ch('\n', _))) {
        let mut line: Rich = raw.to_vec();
        squeeze_rich(&mut line);
        let line = strip(line);
        let chars: String = line.iter().filter_map(|i| if let Item::Ch(c, _) = i { Some(*c) } else { None }).collect();
        if chars.is_empty() {
            pending.extend(line);
            continue;
        }
        let mut full = std::mem::take(&mut pending);
        full.extend(line);
        match out.last_mut() {
            Some(prev) if chars.chars().all(|c| matches!(c, '.' | ',' | ';' | ':')) => prev.extend(full),
            _ => out.push(full),
        }
    }
    if !pending.is_empty() {
        match out.last_mut() {
            Some(last) => last.extend(pending),
            None => out.push(pending),
        }
    }
    out
}

fn join_lines(lines: Vec<Rich>, sep: char) -> Rich {
    let mut out = Rich::new();
    for (k, line) in lines.into_iter().enumerate() {
        if k > 0 {
            let o = line.iter().find_map(|i| if let Item::Ch(_, o) = i { Some(*o) } else { None }).unwrap_or(0);
            out.push(Item::Ch(sep, o));
        }
        out.extend(line);
    }
    out
}

/// Lines without text are dropped; their marks go to the next line with text (or the last one).
fn drop_blank_lines(lines: Vec<Rich>) -> Vec<Rich> {
    let mut out: Vec<Rich> = Vec::new();
    let mut pending = Rich::new();
    for line in lines {
        let has_text = line.iter().any(|i| matches!(i, Item::Ch(c, _) if !c.is_whitespace()));
        if has_text {
            let mut full = std::mem::take(&mut pending);
            full.extend(line);
            out.push(full);
        } else {
            pending.extend(line.into_iter().filter(|i| matches!(i, Item::Mark(_))));
        }
    }
    if let Some(last) = out.last_mut() {
        last.extend(pending);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_str(xml: &str) -> Result<SourceText, InputError> {
        read("t.xml", xml.as_bytes(), &InputLimits::default())
    }

    const SMALL: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<akn:akomaNtoso xmlns:akn="http://Inhaltsdaten.LegalDocML.de/1.8.2/">
 <akn:act name="regelungstext">
  <akn:meta eId="meta-1"><akn:identification>x</akn:identification></akn:meta>
  <akn:body eId="hauptteil-1">
   <akn:article eId="art-1">
    <akn:num eId="art-1_bezeichnung-1">§ 1</akn:num>
    <akn:heading eId="art-1_überschrift-1">Antrag</akn:heading>
    <akn:paragraph eId="art-1_abs-1">
     <akn:num eId="art-1_abs-1_bezeichnung-1">(1)</akn:num>
     <akn:content eId="art-1_abs-1_inhalt-1">
      <akn:p eId="art-1_abs-1_inhalt-1_text-1">Der Antrag ist  schriftlich zu stellen.</akn:p>
     </akn:content>
    </akn:paragraph>
    <akn:paragraph eId="art-1_abs-2">
     <akn:num>(2)</akn:num>
     <akn:list eId="art-1_abs-2_untergl-1">
      <akn:intro eId="art-1_abs-2_untergl-1_intro-1"><akn:p>Beizufügen sind</akn:p></akn:intro>
      <akn:point eId="art-1_abs-2_untergl-1_listenelem-1"><akn:num>1.</akn:num><akn:content><akn:p>das Original,</akn:p></akn:content></akn:point>
      <akn:point eId="art-1_abs-2_untergl-1_listenelem-2"><akn:num>2.</akn:num><akn:content><akn:p>eine <akn:quotedText startQuote="„" endQuote="“" eId="qt-1">beglaubigte</akn:quotedText> Kopie.</akn:p></akn:content></akn:point>
     </akn:list>
    </akn:paragraph>
   </akn:article>
  </akn:body>
 </akn:act>
</akn:akomaNtoso>"#;

    #[test]
    fn renders_layout_and_maps_eids() {
        let s = read_str(SMALL).unwrap();
        assert_eq!(
            s.text(),
            "§ 1\nAntrag\n(1) Der Antrag ist schriftlich zu stellen.\n(2) Beizufügen sind\n1. das Original,\n2. eine „beglaubigte“ Kopie.\n"
        );
        let at = |w: &str| s.eid_at(s.text().find(w).unwrap());
        assert_eq!(at("schriftlich"), Some("art-1_abs-1_inhalt-1_text-1"));
        assert_eq!(at("Original"), Some("art-1_abs-2_untergl-1_listenelem-1"));
        assert_eq!(at("beglaubigte"), Some("qt-1"));
        assert_eq!(at(" Kopie"), Some("art-1_abs-2_untergl-1_listenelem-2"));
        assert_eq!(at("§ 1"), Some("art-1"));
        let o = s.original_offset(s.text().find("schriftlich").unwrap());
        assert_eq!(&SMALL[o..o + "schriftlich".len()], "schriftlich");
    }

    #[test]
    fn refuses_entity_bomb_and_dtd() {
        let bomb = r#"<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<akn:akomaNtoso xmlns:akn="x"><akn:p>&lol3;</akn:p></akn:akomaNtoso>"#;
        let e = read_str(bomb).unwrap_err();
        assert!(e.problem.contains("DTD"), "{e}");
        let ext = r#"<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><akomaNtoso>&x;</akomaNtoso>"#;
        assert!(read_str(ext).unwrap_err().problem.contains("DTD"));
    }

    #[test]
    fn refuses_deep_nesting_and_foreign_roots() {
        let deep = format!("<akomaNtoso>{}{}</akomaNtoso>", "<p>".repeat(300), "</p>".repeat(300));
        assert!(read_str(&deep).unwrap_err().problem.contains("verschachtelt"));
        let e = read_str("<?xml version=\"1.0\"?><html/>").unwrap_err();
        assert!(e.problem.contains("kein LegalDocML.de-Dokument"), "{e}");
        let e = read_str("<?xml version=\"1.0\"?><akomaNtoso><p>").unwrap_err();
        assert!(e.problem.starts_with("kein wohlgeformtes XML: das Element <p> aus Zeile 1, Spalte 34"), "{e}");
        let e = read_str("<?xml version=\"1.0\"?>\n<akomaNtoso>\n  <act a=\"x>y\">\n    <!-- <b> -->\n    <p>Text</p>\n    <p>Der Antrag").unwrap_err();
        assert_eq!(
            e.problem,
            "kein wohlgeformtes XML: das Element <p> aus Zeile 6, Spalte 5 wird nicht geschlossen (die Datei endet in Zeile 6, Spalte 18)"
        );
        let e = read_str("<?xml version=\"1.0\"?>\n<akomaNtoso>\n  <act>\n  </act>\n").unwrap_err();
        assert!(e.problem.starts_with("kein wohlgeformtes XML: das Element <akomaNtoso> aus Zeile 2, Spalte 1"), "{e}");
    }
}
