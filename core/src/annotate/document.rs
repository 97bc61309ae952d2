//! Placing comment ranges into `word/document.xml`.
//!
//! The document is read as a flat list of quick-xml events and walked twice. The first walk
//! computes the *visible-text stream* exactly as the DOCX reader defines it (see
//! `crate::input::docx`): top-level paragraphs (not those nested in text boxes) in document order,
//! each one's visible runs — runs inside `w:del`/`w:moveFrom` do not count — with `w:t` text, `w:tab`
//! and `w:ptab` as TAB, `w:br` and `w:cr` as LF, followed by one LF. The second walk writes the
//! document again, unchanged except that runs are split where a comment starts or ends, and
//! `w:commentRangeStart`, `w:commentRangeEnd` and a run with `w:commentReference` are inserted there.
//! Every other byte of meaning (properties, tracked changes, fields, drawings) is passed through.

use quick_xml::events::{BytesEnd, BytesStart, BytesText, Event};
use quick_xml::{Reader, Writer};
use std::ops::Range;

/// A comment boundary at a stream offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Marker {
    pub pos: usize,
    /// Ends sort before starts at the same offset, so touching ranges do not overlap.
    pub kind: MarkerKind,
    pub id: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum MarkerKind {
    End,
    Start,
}

/// What a direct child of a run contributes to the stream.
#[derive(Debug, Clone)]
enum PieceKind {
    Text(String),
    /// TAB or LF: one byte.
    Char,
    Nothing,
}

#[derive(Debug, Clone)]
struct Piece {
    events: Range<usize>,
    kind: PieceKind,
}

impl Piece {
    fn len(&self) -> usize {
        match &self.kind {
            PieceKind::Text(t) => t.len(),
            PieceKind::Char => 1,
            PieceKind::Nothing => 0,
        }
    }
}

/// A visible run: its events (`Start(w:r)` … `End(w:r)`), its `w:rPr` and content pieces.
#[derive(Debug, Clone)]
struct RunSpan {
    events: Range<usize>,
    properties: Option<Range<usize>>,
    pieces: Vec<Piece>,
    stream: usize,
}

/// The parsed document and the result of the first walk.
pub(super) struct Parsed {
    events: Vec<Event<'static>>,
    runs: Vec<RunSpan>,
    /// `(index of End(w:p), stream offset of the paragraph's line feed)` for top-level paragraphs.
    paragraph_ends: Vec<(usize, usize)>,
    /// The visible-text stream.
    pub stream: String,
    /// Stream offset where each top-level paragraph starts.
    pub paragraph_starts: Vec<usize>,
}

/// Is this a WordprocessingML element `w:<name>`? Word, LibreOffice and docx-rs all use the `w`
/// prefix for the main namespace.
fn is_w(e: &BytesStart, name: &[u8]) -> bool {
    is_w_name(e.name().as_ref(), name)
}

fn is_w_name(qname: &[u8], name: &[u8]) -> bool {
    qname.strip_prefix(b"w:") == Some(name)
}

/// Reads the events of `document.xml` and computes the visible-text stream.
pub(super) fn parse(xml: &[u8]) -> Result<Parsed, String> {
    let mut reader = Reader::from_reader(xml);
    reader.config_mut().check_end_names = true;
    let mut events = Vec::new();
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Eof) => break,
            Ok(e) => events.push(e.into_owned()),
            Err(e) => return Err(format!("document.xml ist kein gültiges XML ({e})")),
        }
        buf.clear();
    }
    let mut p = Parsed {
        events,
        runs: Vec::new(),
        paragraph_ends: Vec::new(),
        stream: String::new(),
        paragraph_starts: Vec::new(),
    };
    p.walk();
    Ok(p)
}

/// The index of the event that closes the element opened at `start` (itself for `Empty`).
fn matching_end(events: &[Event], start: usize) -> usize {
    if !matches!(events[start], Event::Start(_)) {
        return start;
    }
    let mut depth = 0usize;
    for (i, e) in events.iter().enumerate().skip(start) {
        match e {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
    }
    events.len() - 1
}

fn text_of(events: &[Event]) -> String {
    let mut s = String::new();
    for e in events {
        match e {
            Event::Text(t) => s.push_str(&t.decode().unwrap_or_default()),
            Event::CData(t) => s.push_str(&t.decode().unwrap_or_default()),
            Event::GeneralRef(r) => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    s.push(c);
                } else if let Some(t) = r.decode().ok().and_then(|n| quick_xml::escape::resolve_predefined_entity(&n)) {
                    s.push_str(t);
                }
            }
            _ => {}
        }
    }
    s
}

impl Parsed {
    fn walk(&mut self) {
        let events = &self.events;
        let mut p_depth = 0usize;
        // Depth inside w:del / w:moveFrom: runs there are not visible.
        let mut hidden = 0usize;
        let mut i = 0;
        while i < events.len() {
            match &events[i] {
                Event::Start(e) if is_w(e, b"p") => {
                    if p_depth == 0 {
                        self.paragraph_starts.push(self.stream.len());
                    }
                    p_depth += 1;
                }
                Event::End(e) if is_w_name(e.name().as_ref(), b"p") && p_depth > 0 => {
                    p_depth -= 1;
                    if p_depth == 0 {
                        self.paragraph_ends.push((i, self.stream.len()));
                        self.stream.push('\n');
                    }
                }
                Event::Start(e) if is_w(e, b"del") || is_w(e, b"moveFrom") => hidden += 1,
                Event::End(e) if is_w_name(e.name().as_ref(), b"del") || is_w_name(e.name().as_ref(), b"moveFrom") => {
                    hidden = hidden.saturating_sub(1)
                }
                Event::Start(e) if is_w(e, b"r") && p_depth == 1 && hidden == 0 => {
                    let end = matching_end(events, i);
                    let run = self.read_run(i, end);
                    for piece in &run.pieces {
                        match &piece.kind {
                            PieceKind::Text(t) => self.stream.push_str(t),
                            PieceKind::Char => {
                                let tab = matches!(&events[piece.events.start], Event::Start(s) | Event::Empty(s)
                                    if is_w(s, b"tab") || is_w(s, b"ptab"));
                                self.stream.push(if tab { '\t' } else { '\n' });
                            }
                            PieceKind::Nothing => {}
                        }
                    }
                    self.runs.push(run);
                    i = end + 1;
                    continue;
                }
                _ => {}
            }
            i += 1;
        }
    }

    fn read_run(&self, start: usize, end: usize) -> RunSpan {
        let events = &self.events;
        let mut run =
            RunSpan { events: start..end + 1, properties: None, pieces: Vec::new(), stream: self.stream.len() };
        let mut i = start + 1;
        while i < end {
            let child_end = matching_end(events, i);
            let range = i..child_end + 1;
            let kind = match &events[i] {
                Event::Start(e) | Event::Empty(e) if is_w(e, b"rPr") => {
                    run.properties = Some(range.clone());
                    i = child_end + 1;
                    continue;
                }
                Event::Start(e) if is_w(e, b"t") => PieceKind::Text(text_of(&events[range.clone()])),
                Event::Empty(e) if is_w(e, b"t") => PieceKind::Text(String::new()),
                Event::Start(e) | Event::Empty(e)
                    if ["tab", "ptab", "br", "cr"].iter().any(|n| is_w(e, n.as_bytes())) =>
                {
                    PieceKind::Char
                }
                _ => PieceKind::Nothing,
            };
            run.pieces.push(Piece { events: range, kind });
            i = child_end + 1;
        }
        run
    }

    /// Writes the document with the markers inserted; `markers` must be sorted.
    pub(super) fn write(&self, markers: &[Marker]) -> Result<Vec<u8>, String> {
        let mut w = Writer::new(Vec::with_capacity(self.events.len() * 32));
        let mut next = 0usize;
        let mut runs = self.runs.iter().peekable();
        let mut ends = self.paragraph_ends.iter().peekable();
        let mut i = 0;
        let err = |e: std::io::Error| format!("document.xml konnte nicht geschrieben werden ({e})");
        while i < self.events.len() {
            if let Some(run) = runs.next_if(|r| r.events.start == i) {
                // Markers at or before the run's start go in front of it.
                emit_while(&mut w, markers, &mut next, |m| m.pos <= run.stream).map_err(err)?;
                self.write_run(&mut w, run, markers, &mut next).map_err(err)?;
                i = run.events.end;
                continue;
            }
            if let Some(&(_, pos)) = ends.next_if(|(idx, _)| *idx == i) {
                emit_while(&mut w, markers, &mut next, |m| m.pos < pos || (m.pos == pos && m.kind == MarkerKind::End))
                    .map_err(err)?;
            }
            w.write_event(self.events[i].borrow()).map_err(err)?;
            i += 1;
        }
        Ok(w.into_inner())
    }

    fn write_run(
        &self,
        w: &mut Writer<Vec<u8>>,
        run: &RunSpan,
        markers: &[Marker],
        next: &mut usize,
    ) -> std::io::Result<()> {
        let open = |w: &mut Writer<Vec<u8>>| -> std::io::Result<()> {
            w.write_event(self.events[run.events.start].borrow())?;
            if let Some(p) = &run.properties {
                for e in &self.events[p.clone()] {
                    w.write_event(e.borrow())?;
                }
            }
            Ok(())
        };
        let close = |w: &mut Writer<Vec<u8>>| w.write_event(Event::End(BytesEnd::new("w:r")));
        open(w)?;
        let mut pos = run.stream;
        for piece in &run.pieces {
            if pos > run.stream && markers.get(*next).is_some_and(|m| m.pos == pos) {
                close(w)?;
                emit_while(w, markers, next, |m| m.pos == pos)?;
                open(w)?;
            }
            match &piece.kind {
                PieceKind::Text(t) => {
                    let mut off = 0;
                    while let Some(m) = markers.get(*next).filter(|m| m.pos > pos && m.pos < pos + t.len()) {
                        let mut cut = m.pos - pos;
                        while !t.is_char_boundary(cut) {
                            cut -= 1;
                        }
                        write_t(w, &t[off..cut])?;
                        off = cut;
                        close(w)?;
                        let at = m.pos;
                        emit_while(w, markers, next, |m| m.pos == at)?;
                        open(w)?;
                    }
                    write_t(w, &t[off..])?;
                }
                _ => {
                    for e in &self.events[piece.events.clone()] {
                        w.write_event(e.borrow())?;
                    }
                }
            }
            pos += piece.len();
        }
        close(w)?;
        emit_while(w, markers, next, |m| m.pos < pos || (m.pos == pos && m.kind == MarkerKind::End))
    }
}

fn write_t(w: &mut Writer<Vec<u8>>, text: &str) -> std::io::Result<()> {
    if text.is_empty() {
        return Ok(());
    }
    let mut t = BytesStart::new("w:t");
    t.push_attribute(("xml:space", "preserve"));
    w.write_event(Event::Start(t))?;
    w.write_event(Event::Text(BytesText::new(text)))?;
    w.write_event(Event::End(BytesEnd::new("w:t")))
}

/// Writes markers from `next` on while `cond` holds.
fn emit_while(
    w: &mut Writer<Vec<u8>>,
    markers: &[Marker],
    next: &mut usize,
    cond: impl Fn(&Marker) -> bool,
) -> std::io::Result<()> {
    while let Some(m) = markers.get(*next).filter(|m| cond(m)) {
        let id = m.id.to_string();
        match m.kind {
            MarkerKind::Start => {
                let mut e = BytesStart::new("w:commentRangeStart");
                e.push_attribute(("w:id", id.as_str()));
                w.write_event(Event::Empty(e))?;
            }
            MarkerKind::End => {
                let mut e = BytesStart::new("w:commentRangeEnd");
                e.push_attribute(("w:id", id.as_str()));
                w.write_event(Event::Empty(e))?;
                w.write_event(Event::Start(BytesStart::new("w:r")))?;
                let mut r = BytesStart::new("w:commentReference");
                r.push_attribute(("w:id", id.as_str()));
                w.write_event(Event::Empty(r))?;
                w.write_event(Event::End(BytesEnd::new("w:r")))?;
            }
        }
        *next += 1;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="w"><w:body><w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Der Antrag ist schriftlich</w:t><w:tab/><w:t xml:space="preserve"> zu &amp; stellen.</w:t></w:r></w:p><w:p><w:del><w:r><w:delText>weg</w:delText></w:r></w:del><w:ins><w:r><w:t>neu</w:t></w:r></w:ins></w:p></w:body></w:document>"#;

    #[test]
    fn computes_the_stream_like_the_reader() {
        let p = parse(DOC.as_bytes()).unwrap();
        assert_eq!(p.stream, "Der Antrag ist schriftlich\t zu & stellen.\nneu\n");
        assert_eq!(p.paragraph_starts, vec![0, 42]);
    }

    #[test]
    fn splits_runs_and_inserts_ranges() {
        let p = parse(DOC.as_bytes()).unwrap();
        let s = p.stream.find("schriftlich").unwrap();
        let n = p.stream.find("neu").unwrap();
        let mut markers = vec![
            Marker { pos: s, kind: MarkerKind::Start, id: 0 },
            Marker { pos: s + "schriftlich".len(), kind: MarkerKind::End, id: 0 },
            Marker { pos: n, kind: MarkerKind::Start, id: 1 },
            Marker { pos: n + 3, kind: MarkerKind::End, id: 1 },
        ];
        markers.sort();
        let out = String::from_utf8(p.write(&markers).unwrap()).unwrap();
        assert!(out.contains(r#"<w:t xml:space="preserve">Der Antrag ist </w:t></w:r><w:commentRangeStart w:id="0"/><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">schriftlich</w:t></w:r><w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r><w:r><w:rPr><w:b/></w:rPr><w:tab/>"#), "{out}");
        assert!(out.contains(r#"<w:ins><w:commentRangeStart w:id="1"/><w:r><w:t xml:space="preserve">neu</w:t></w:r><w:commentRangeEnd w:id="1"/><w:r><w:commentReference w:id="1"/></w:r></w:ins>"#), "{out}");
        assert!(out.contains("zu &amp; stellen."));
        // The rewritten document has the same stream.
        assert_eq!(parse(out.as_bytes()).unwrap().stream, p.stream);
    }
}
