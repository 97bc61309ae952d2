//! The JSON findings contract (`digicheck check --format json`): an array with one object per
//! input, `{"file", "findings", "errors"}`, in input order. Fields may be added, never renamed.

use super::{eid, FileResult, Located, Report};
use crate::finding::{Effect, Finding};
use crate::classification::{Category, Severity};
use crate::pipeline::Note;
use crate::source::SourceText;
use crate::structure::Part;
use serde::Serialize;
use serde_json::Value;
use std::io::Write;

/// One finding as the JSON report writes it — what front-ends that speak JSON (the WebAssembly
/// package) serialise too. Fields are in alphabetical order, the order the report has always had
/// (it was built as a `serde_json` map, which sorts its keys), so that the bytes stay the same;
/// serialising this struct directly is some ten times cheaper than building a map per finding.
#[derive(Serialize)]
pub struct FindingJson<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    amendment: Option<&'a str>,
    category: Category,
    column: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    effect: Option<Effect>,
    #[serde(skip_serializing_if = "Option::is_none")]
    eid: Option<String>,
    end: usize,
    #[serde(rename = "endColumn")]
    end_column: usize,
    #[serde(rename = "endLine")]
    end_line: usize,
    #[serde(rename = "endUtf16")]
    end_utf16: usize,
    fix: &'a Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    inserted: bool,
    line: usize,
    message: &'a str,
    norm: &'a str,
    /// As a map, so that its keys are sorted like the rest.
    #[serde(skip_serializing_if = "Option::is_none")]
    origin: Option<Value>,
    part: Part,
    principle: u8,
    rule: &'a str,
    severity: Severity,
    start: usize,
    #[serde(rename = "startUtf16")]
    start_utf16: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    target: Option<&'a str>,
    text: &'a str,
    title: Option<&'a str>,
}

impl<'a> FindingJson<'a> {
    pub fn of(report: &'a Report<'_>, source: &SourceText, f: &'a Finding) -> FindingJson<'a> {
        let at = Located::of(source, f);
        FindingJson {
            amendment: f.amendment.as_ref().map(|a| a.amendment.as_str()),
            category: f.category,
            column: at.column,
            effect: f.amendment.as_ref().map(|a| a.effect),
            eid: eid(source, f),
            end: at.end,
            end_column: at.end_column,
            end_line: at.end_line,
            end_utf16: at.end_utf16,
            fix: &f.fix,
            inserted: source.in_inserted_text(f.span),
            line: at.line,
            message: &f.message,
            norm: &f.norm,
            origin: source.anchor_at(f.span.start).map(|a| serde_json::to_value(a).expect("anchors serialise")),
            part: f.part,
            principle: f.principle.number(),
            rule: &f.rule,
            severity: f.severity,
            start: at.start,
            start_utf16: at.start_utf16,
            target: f.amendment.as_ref().map(|a| a.target.as_str()),
            text: &f.text,
            title: report.rules.get(&f.rule).map(|r| r.title.as_str()),
        }
    }

    /// The byte offsets into the original input (`start`, `end`).
    pub fn original_span(&self) -> (usize, usize) {
        (self.start, self.end)
    }

    /// Replaces the UTF-16 offsets, for a caller whose string differs from the normalised text
    /// (JavaScript keeps the BOM, soft hyphens and CRLF the normaliser drops).
    pub fn set_utf16(&mut self, start: usize, end: usize) {
        (self.start_utf16, self.end_utf16) = (start, end);
    }
}

/// One input's object: `{"errors", "file", "findings", "notes"}` (keys sorted, as always).
#[derive(Serialize)]
struct FileJson<'a> {
    errors: &'a [String],
    file: &'a str,
    findings: Vec<FindingJson<'a>>,
    #[serde(skip_serializing_if = "<[Note]>::is_empty")]
    notes: &'a [Note],
}

impl<'a> FileJson<'a> {
    fn of(report: &'a Report<'_>, file: &'a FileResult) -> FileJson<'a> {
        let findings = match &file.document {
            Some(doc) => file.findings.iter().map(|f| FindingJson::of(report, doc.source(), f)).collect(),
            None => Vec::new(),
        };
        FileJson { errors: &file.errors, file: &file.name, findings, notes: &file.notes }
    }
}

/// One finding as a JSON object with the contract fields and the documented additions
/// (`title`, `endLine`, `endColumn`, `startUtf16`, `endUtf16`, `part`, `eid`, `origin` — the place in
/// a Word, PDF or XML original: `{"kind": "docx", "paragraph", "run"}`, `{"kind": "pdf", "page",
/// "line"}`, `{"kind": "xml", "eid"}` —, `inserted` for words in text a tracked change inserted, and
/// for findings from amendments `amendment`, `target`, `effect`).
pub fn finding_json(report: &Report<'_>, source: &SourceText, f: &Finding) -> Value {
    serde_json::to_value(FindingJson::of(report, source, f)).expect("findings serialise")
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
    let pretty = serde_json::to_string_pretty(&FileJson::of(report, file)).expect("file results serialise");
    let mut out = String::with_capacity(pretty.len() + pretty.len() / 8);
    out.push_str("  ");
    let mut from = 0;
    for nl in memchr::memchr_iter(b'\n', pretty.as_bytes()) {
        out.push_str(&pretty[from..=nl]);
        out.push_str("  ");
        from = nl + 1;
    }
    out.push_str(&pretty[from..]);
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

    /// The writer, for a caller that writes another format through the same sink.
    pub fn out(&mut self) -> &mut W {
        &mut self.out
    }

    /// Closes the array and hands back the writer (not flushed).
    pub fn finish(mut self) -> std::io::Result<W> {
        self.out.write_all(if self.count == 0 { b"[]\n" } else { b"\n]\n" })?;
        Ok(self.out)
    }
}
