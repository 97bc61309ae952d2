//! The JSON findings contract (`digicheck check --format json`): an array with one object per
//! input, `{"file", "findings", "errors"}`, in input order. Fields may be added, never renamed.

use super::{eid, FileResult, Located, Report};
use crate::finding::Finding;
use crate::source::SourceText;
use serde_json::{json, Map, Value};

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

pub fn render(report: &Report<'_>) -> String {
    let files: Vec<Value> = report.files.iter().map(|f| file_json(report, f)).collect();
    let mut s = serde_json::to_string_pretty(&files).expect("JSON values always serialise");
    s.push('\n');
    s
}
