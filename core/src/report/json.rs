//! The JSON findings contract (`digicheck check --format json`): an array with one object per
//! input, `{"file", "findings", "errors"}`, in input order. Fields may be added, never renamed.

use super::{eid, FileResult, Located, Report};
use crate::finding::Finding;
use crate::source::SourceText;
use serde_json::{json, Map, Value};
use std::io::Write;

/// One finding as a JSON object with the contract fields and the documented additions
/// (`title`, `endLine`, `endColumn`, `startUtf16`, `endUtf16`, `part`, `eid`, `origin` — the place in
/// a Word, PDF or XML original: `{"kind": "docx", "paragraph", "run"}`, `{"kind": "pdf", "page",
/// "line"}`, `{"kind": "xml", "eid"}` —, `inserted` for words in text a tracked change inserted, and
/// for findings from amendments `amendment`, `target`, `effect`).
pub fn finding_json(report: &Report<'_>, source: &SourceText, f: &Finding) -> Value {
    let at = Located::of(source, f);
    let title = report.rules.get(&f.rule).map(|r| r.title.clone());
    let mut o = Map::new();
    o.insert("rule".into(), json!(f.rule));
    o.insert("category".into(), json!(f.category));
    o.insert("severity".into(), json!(f.severity));
    o.insert("principle".into(), json!(f.principle.number()));
    o.insert("message".into(), json!(f.message));
    o.insert("norm".into(), json!(f.norm));
    o.insert("line".into(), json!(at.line));
    o.insert("column".into(), json!(at.column));
    o.insert("start".into(), json!(at.start));
    o.insert("end".into(), json!(at.end));
    o.insert("text".into(), json!(f.text));
    o.insert("fix".into(), json!(f.fix));
    o.insert("title".into(), json!(title));
    o.insert("endLine".into(), json!(at.end_line));
    o.insert("endColumn".into(), json!(at.end_column));
    o.insert("startUtf16".into(), json!(at.start_utf16));
    o.insert("endUtf16".into(), json!(at.end_utf16));
    o.insert("part".into(), json!(f.part));
    if let Some(e) = eid(source, f) {
        o.insert("eid".into(), json!(e));
    }
    if let Some(anchor) = source.anchor_at(f.span.start) {
        o.insert("origin".into(), json!(anchor));
    }
    if source.in_inserted_text(f.span) {
        o.insert("inserted".into(), json!(true));
    }
    if let Some(a) = &f.amendment {
        o.insert("amendment".into(), json!(a.amendment));
        o.insert("target".into(), json!(a.target));
        o.insert("effect".into(), json!(a.effect));
    }
    Value::Object(o)
}

pub fn file_json(report: &Report<'_>, file: &FileResult) -> Value {
    let findings: Vec<Value> = match &file.document {
        Some(doc) => file.findings.iter().map(|f| finding_json(report, doc.source(), f)).collect(),
        None => Vec::new(),
    };
    let mut o = json!({ "file": file.name, "findings": findings, "errors": file.errors });
    if !file.notes.is_empty() {
        o["notes"] = json!(file.notes);
    }
    o
}

/// The whole report as one string (for a batch, [`Stream`] writes the same bytes file by file).
pub fn render(report: &Report<'_>) -> String {
    let mut stream = Stream::new(Vec::new());
    for f in report.files {
        stream.push(&element(report, f)).expect("writing to a Vec cannot fail");
    }
    String::from_utf8(stream.finish().expect("writing to a Vec cannot fail")).expect("JSON is UTF-8")
}

/// One file's object as an element of the pretty-printed array: what `serde_json`'s pretty printer
/// writes for it at depth 1. JSON strings never hold a raw line break, so indenting every line by
/// two spaces is exact. Rendering elements apart lets a batch render them in parallel and drop each
/// document as soon as its element is written.
pub fn element(report: &Report<'_>, file: &FileResult) -> String {
    let pretty = serde_json::to_string_pretty(&file_json(report, file)).expect("JSON values always serialise");
    let mut out = String::with_capacity(pretty.len() + pretty.len() / 8);
    for (i, line) in pretty.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str("  ");
        out.push_str(line);
    }
    out
}

/// Writes the JSON array of the contract one element at a time, byte for byte what
/// `serde_json::to_string_pretty` writes for the whole array, plus a final line break.
pub struct Stream<W: Write> {
    out: W,
    count: usize,
}

impl<W: Write> Stream<W> {
    pub fn new(out: W) -> Stream<W> {
        Stream { out, count: 0 }
    }

    /// Appends one element made by [`element`].
    pub fn push(&mut self, element: &str) -> std::io::Result<()> {
        self.out.write_all(if self.count == 0 { b"[\n" } else { b",\n" })?;
        self.out.write_all(element.as_bytes())?;
        self.count += 1;
        Ok(())
    }

    /// Closes the array and hands back the writer (not flushed).
    pub fn finish(mut self) -> std::io::Result<W> {
        self.out.write_all(if self.count == 0 { b"[]\n" } else { b"\n]\n" })?;
        Ok(self.out)
    }
}
