//! Word comments for findings: a copy of the drafter's own `.docx` with one comment per finding.
//!
//! The Normprüfstelle answers a ministry in the ministry's Word file, so the output must be that
//! file, untouched except for the comments: every zip entry other than `word/document.xml`, the
//! comments part, its relationship and the content types is copied byte for byte (compressed data
//! included), and in the document only the runs where a comment starts or ends are split
//! ([`document`]). A finding's span in the normalised text is mapped back through the DOCX reader's
//! origin map to the *visible-text stream* of the Word file (see [`crate::input::docx`]); the writer
//! computes the same stream from the XML, checks that the words found there are the finding's words,
//! and otherwise looks for the nearest place where they are — a finding is never anchored on the
//! wrong words, at worst it is reported back as not placed.

mod document;

use crate::input::{zip_guard, InputError, InputLimits};
use crate::source::{normalize::map_char, SourceText, Span};
use crate::Finding;
use document::{Marker, MarkerKind};
use std::collections::BTreeMap;
use std::io::{Cursor, Read, Write};
use zip::write::SimpleFileOptions;

const DOCUMENT: &str = "word/document.xml";
const DOCUMENT_RELS: &str = "word/_rels/document.xml.rels";
const CONTENT_TYPES: &str = "[Content_Types].xml";
const COMMENTS_TYPE: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments";
const COMMENTS_CONTENT_TYPE: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml";
const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// One comment to place: the words it is about (a span of the normalised text) and its text; a
/// line feed in the text starts a new paragraph of the comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    pub span: Span,
    pub text: String,
}

/// Who the comments are from, and when.
#[derive(Debug, Clone)]
pub struct AnnotateOptions {
    pub author: String,
    pub initials: String,
    /// ISO 8601 time stamp (`2025-07-01T12:00:00Z`) shown by Word; none if `None`.
    pub date: Option<String>,
}

impl Default for AnnotateOptions {
    fn default() -> Self {
        AnnotateOptions { author: "Digi-Check".to_string(), initials: "DC".to_string(), date: None }
    }
}

/// The annotated copy and what could not be placed.
#[derive(Debug, Clone)]
pub struct Annotated {
    pub docx: Vec<u8>,
    /// Number of comments placed.
    pub placed: usize,
    /// Indices (into the comments given) of comments whose words were not found in the file.
    pub unplaced: Vec<usize>,
}

/// A comment found in a Word file, as Word shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocxComment {
    pub id: u32,
    pub author: String,
    /// The comment's paragraphs, joined with line feeds.
    pub text: String,
    /// The visible words its range covers (deleted text left out; paragraph ends as line feeds).
    pub anchored: String,
}

/// Reads the comments of a Word file back, in id order: to verify an annotated copy, or to see
/// what an earlier review round said.
pub fn comments_in(docx: &[u8]) -> Result<Vec<DocxComment>, String> {
    use quick_xml::events::Event;
    let mut archive = zip::ZipArchive::new(Cursor::new(docx)).map_err(|e| e.to_string())?;
    let mut part = |name: &str| -> Option<String> {
        let mut s = String::new();
        archive.by_name(name).ok()?.read_to_string(&mut s).ok()?;
        Some(s)
    };
    let rels = part(DOCUMENT_RELS).unwrap_or_default();
    let Some(comments_xml) =
        comments_target(&rels).and_then(|t| part(&format!("word/{}", t.trim_start_matches("/word/"))))
    else {
        return Ok(Vec::new());
    };
    let document = part(DOCUMENT).ok_or("word/document.xml fehlt")?;
    let attr = |e: &quick_xml::events::BytesStart, key: &[u8]| {
        e.attributes().flatten().find(|a| a.key.as_ref() == key).map(|a| String::from_utf8_lossy(&a.value).into_owned())
    };
    let resolve = |g: &quick_xml::events::BytesRef| -> String {
        match g.resolve_char_ref() {
            Ok(Some(c)) => c.to_string(),
            _ => {
                g.decode().ok().and_then(|n| quick_xml::escape::resolve_predefined_entity(&n)).unwrap_or("").to_string()
            }
        }
    };
    let mut out: BTreeMap<u32, DocxComment> = BTreeMap::new();
    let mut r = quick_xml::Reader::from_str(&comments_xml);
    let (mut current, mut in_t) = (None::<DocxComment>, false);
    loop {
        match r.read_event().map_err(|e| e.to_string())? {
            Event::Start(e) if e.name().as_ref() == b"w:comment" => {
                let id = attr(&e, b"w:id").and_then(|i| i.parse().ok()).unwrap_or(0);
                current = Some(DocxComment {
                    id,
                    author: attr(&e, b"w:author").unwrap_or_default(),
                    text: String::new(),
                    anchored: String::new(),
                });
            }
            Event::Start(e) if e.name().as_ref() == b"w:p" => {
                if let Some(c) = current.as_mut().filter(|c| !c.text.is_empty()) {
                    c.text.push('\n');
                }
            }
            Event::Start(e) if e.name().as_ref() == b"w:t" => in_t = true,
            Event::End(e) if e.name().as_ref() == b"w:t" => in_t = false,
            Event::Text(t) if in_t => current.iter_mut().for_each(|c| c.text.push_str(&t.decode().unwrap_or_default())),
            Event::GeneralRef(g) if in_t => current.iter_mut().for_each(|c| c.text.push_str(&resolve(&g))),
            Event::End(e) if e.name().as_ref() == b"w:comment" => {
                if let Some(c) = current.take() {
                    out.insert(c.id, c);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let mut r = quick_xml::Reader::from_str(&document);
    let (mut active, mut in_t, mut hidden) = (Vec::<u32>::new(), false, 0usize);
    let add = |active: &[u32], s: &str, out: &mut BTreeMap<u32, DocxComment>| {
        for id in active {
            if let Some(c) = out.get_mut(id) {
                c.anchored.push_str(s);
            }
        }
    };
    loop {
        match r.read_event().map_err(|e| e.to_string())? {
            Event::Empty(e) if e.name().as_ref() == b"w:commentRangeStart" => {
                active.extend(attr(&e, b"w:id").and_then(|i| i.parse::<u32>().ok()));
            }
            Event::Empty(e) if e.name().as_ref() == b"w:commentRangeEnd" => {
                let id: Option<u32> = attr(&e, b"w:id").and_then(|i| i.parse().ok());
                active.retain(|a| Some(*a) != id);
            }
            Event::Start(e) if matches!(e.name().as_ref(), b"w:del" | b"w:moveFrom") => hidden += 1,
            Event::End(e) if matches!(e.name().as_ref(), b"w:del" | b"w:moveFrom") => hidden = hidden.saturating_sub(1),
            Event::Start(e) if e.name().as_ref() == b"w:t" => in_t = true,
            Event::End(e) if e.name().as_ref() == b"w:t" => in_t = false,
            Event::End(e) if e.name().as_ref() == b"w:p" => add(&active, "\n", &mut out),
            Event::Text(t) if in_t && hidden == 0 => add(&active, &t.decode().unwrap_or_default(), &mut out),
            Event::GeneralRef(g) if in_t && hidden == 0 => add(&active, &resolve(&g), &mut out),
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out.into_values().collect())
}

/// The comment for a finding: message, suggestion, rule id and norm, and a note if the words are
/// in text a tracked change inserted.
pub fn finding_comment(finding: &Finding, source: &SourceText) -> Comment {
    let mut text = finding.message.clone();
    if let Some(fix) = &finding.fix {
        text.push_str(&format!("\nVorschlag: „{fix}“"));
    }
    text.push_str(&format!("\nRegel {}", finding.rule));
    if !finding.norm.is_empty() {
        text.push_str(&format!(" ({})", finding.norm));
    }
    if source.in_inserted_text(finding.span) {
        text.push_str("\nFundstelle liegt in eingefügtem Text (Änderungsverfolgung).");
    }
    Comment { span: finding.span, text }
}

/// Writes a copy of the Word file `original` (read as `source` by [`crate::input::docx`]) with the
/// comments added. The original bytes are not changed.
pub fn annotate_docx(
    name: &str,
    original: &[u8],
    source: &SourceText,
    comments: &[Comment],
    options: &AnnotateOptions,
    limits: &InputLimits,
) -> Result<Annotated, InputError> {
    let fail = |problem: String| InputError { file: name.to_string(), problem };
    zip_guard::check_docx_zip(name, original, limits)?;
    let mut archive =
        zip::ZipArchive::new(Cursor::new(original)).map_err(|e| fail(format!("ZIP-Archiv nicht lesbar ({e})")))?;
    let mut read_entry = |entry: &str| -> Result<Option<Vec<u8>>, InputError> {
        let Ok(mut f) = archive.by_name(entry) else { return Ok(None) };
        let mut buf = Vec::new();
        f.read_to_end(&mut buf).map_err(|e| fail(format!("{entry} nicht lesbar ({e})")))?;
        Ok(Some(buf))
    };
    let document_xml = read_entry(DOCUMENT)?.ok_or_else(|| fail("word/document.xml fehlt".to_string()))?;
    let rels = read_entry(DOCUMENT_RELS)?
        .map(String::from_utf8)
        .transpose()
        .map_err(|_| fail("Beziehungen nicht in UTF-8".into()))?;
    let types = read_entry(CONTENT_TYPES)?
        .map(String::from_utf8)
        .transpose()
        .map_err(|_| fail("Inhaltstypen nicht in UTF-8".into()))?;
    let rels = rels.unwrap_or_else(|| {
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"></Relationships>".to_string()
    });
    let types = types.ok_or_else(|| fail("[Content_Types].xml fehlt".to_string()))?;
    let comments_part =
        comments_target(&rels).map(|t| format!("word/{}", t.trim_start_matches('/').trim_start_matches("word/")));
    let existing = match &comments_part {
        Some(part) => read_entry(part)?
            .map(String::from_utf8)
            .transpose()
            .map_err(|_| fail("Kommentare nicht in UTF-8".into()))?,
        None => None,
    };

    let parsed = document::parse(&document_xml).map_err(fail)?;
    let first_id = existing.as_deref().map_or(0, |c| max_comment_id(c).map_or(0, |m| m + 1));
    let mut markers = Vec::new();
    let mut placed = Vec::new();
    let mut unplaced = Vec::new();
    for (k, c) in comments.iter().enumerate() {
        match locate(source, &parsed.stream, c.span) {
            Some(range) => {
                let id = first_id + placed.len() as u32;
                markers.push(Marker { pos: range.start, kind: MarkerKind::Start, id });
                markers.push(Marker { pos: range.end, kind: MarkerKind::End, id });
                placed.push((id, c));
            }
            None => unplaced.push(k),
        }
    }
    markers.sort();
    let new_document = parsed.write(&markers).map_err(fail)?;
    let comment_xml: String = placed.iter().map(|(id, c)| comment_element(*id, &c.text, options)).collect();

    let mut replace: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    replace.insert(DOCUMENT.to_string(), new_document);
    let comments_name = match (&comments_part, existing) {
        (Some(part), Some(old)) => {
            let at = old.rfind("</w:comments>").ok_or_else(|| fail("Kommentarteil ist beschädigt".into()))?;
            replace.insert(part.clone(), format!("{}{comment_xml}{}", &old[..at], &old[at..]).into_bytes());
            None
        }
        _ => {
            let part = "word/comments.xml".to_string();
            let rid = unused_rid(&rels);
            let rel = format!("<Relationship Id=\"{rid}\" Type=\"{COMMENTS_TYPE}\" Target=\"comments.xml\"/>");
            replace.insert(DOCUMENT_RELS.to_string(), insert_before(&rels, "</Relationships>", &rel).into_bytes());
            if !types.contains("/word/comments.xml") {
                let o = format!("<Override PartName=\"/word/comments.xml\" ContentType=\"{COMMENTS_CONTENT_TYPE}\"/>");
                replace.insert(CONTENT_TYPES.to_string(), insert_before(&types, "</Types>", &o).into_bytes());
            }
            Some((part, format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:comments xmlns:w=\"{W_NS}\">{comment_xml}</w:comments>")))
        }
    };

    let docx = write_package(original, &replace, comments_name)
        .map_err(|e| fail(format!("Word-Datei konnte nicht geschrieben werden ({e})")))?;
    Ok(Annotated { docx, placed: placed.len(), unplaced })
}

/// Copies every entry, replacing the changed ones and appending a new comments part.
fn write_package(
    original: &[u8],
    replace: &BTreeMap<String, Vec<u8>>,
    new_part: Option<(String, String)>,
) -> zip::result::ZipResult<Vec<u8>> {
    let mut archive = zip::ZipArchive::new(Cursor::new(original))?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(original.len() + 16 * 1024)));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let mut seen_rels = false;
    for i in 0..archive.len() {
        let entry = archive.by_index_raw(i)?;
        let name = entry.name().to_string();
        seen_rels |= name == DOCUMENT_RELS;
        match replace.get(&name) {
            Some(bytes) => {
                drop(entry);
                out.start_file(name, options)?;
                out.write_all(bytes)?;
            }
            None => out.raw_copy_file(entry)?,
        }
    }
    if !seen_rels {
        if let Some(rels) = replace.get(DOCUMENT_RELS) {
            out.start_file(DOCUMENT_RELS, options)?;
            out.write_all(rels)?;
        }
    }
    if let Some((name, xml)) = new_part {
        out.start_file(name, options)?;
        out.write_all(xml.as_bytes())?;
    }
    Ok(out.finish()?.into_inner())
}

/// Characters as the normalised text shows them, whitespace runs as one space: for comparing the
/// words of a finding with the words in the Word file.
fn comparable(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().filter_map(map_char) {
        let c = if c.is_whitespace() { ' ' } else { c };
        if !(c == ' ' && out.ends_with(' ')) {
            out.push(c);
        }
    }
    out.trim().to_string()
}

/// Where the words of `span` are in the visible-text stream: where the origin map says, if the
/// words there match; else the nearest place they occur.
fn locate(source: &SourceText, stream: &str, span: Span) -> Option<std::ops::Range<usize>> {
    if span.is_empty() || span.end > source.text().len() {
        return None;
    }
    let words = source.slice(span);
    let want = comparable(words);
    if want.is_empty() {
        return None;
    }
    let start = source.original_offset(span.start);
    let last = source.text()[..span.end].char_indices().next_back().map_or(span.start, |(i, _)| i);
    let last_orig = source.original_offset(last);
    let end = stream.get(last_orig..).and_then(|s| s.chars().next()).map(|c| last_orig + c.len_utf8());
    if let Some(end) = end {
        if start < end
            && stream.is_char_boundary(start)
            && stream.get(start..end).is_some_and(|w| comparable(w) == want)
        {
            return Some(start..end);
        }
    }
    // Fallback: the nearest exact occurrence of the words.
    stream.match_indices(words.trim()).map(|(i, m)| i..i + m.len()).min_by_key(|r| r.start.abs_diff(start))
}

fn comment_element(id: u32, text: &str, options: &AnnotateOptions) -> String {
    use quick_xml::escape::escape;
    let mut s = format!(
        "<w:comment w:id=\"{id}\" w:author=\"{}\" w:initials=\"{}\"",
        escape(&options.author),
        escape(&options.initials)
    );
    if let Some(date) = &options.date {
        s.push_str(&format!(" w:date=\"{}\"", escape(date)));
    }
    s.push('>');
    for (k, line) in text.split('\n').enumerate() {
        s.push_str("<w:p>");
        if k == 0 {
            s.push_str("<w:r><w:annotationRef/></w:r>");
        }
        s.push_str(&format!("<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>", escape(line)));
    }
    s.push_str("</w:comment>");
    s
}

/// The target of the comments relationship, if the document has one.
fn comments_target(rels: &str) -> Option<String> {
    let mut reader = quick_xml::Reader::from_str(rels);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Empty(e) | quick_xml::events::Event::Start(e))
                if e.local_name().as_ref() == b"Relationship" =>
            {
                let attr = |n: &[u8]| {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.as_ref() == n)
                        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
                };
                if attr(b"Type").as_deref() == Some(COMMENTS_TYPE) {
                    return attr(b"Target");
                }
            }
            Ok(quick_xml::events::Event::Eof) | Err(_) => return None,
            _ => {}
        }
    }
}

fn max_comment_id(comments_xml: &str) -> Option<u32> {
    let mut reader = quick_xml::Reader::from_str(comments_xml);
    let mut max = None;
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e))
                if e.name().as_ref() == b"w:comment" =>
            {
                let id = e
                    .attributes()
                    .flatten()
                    .find(|a| a.key.as_ref() == b"w:id")
                    .and_then(|a| String::from_utf8_lossy(&a.value).parse::<u32>().ok());
                max = max.max(id);
            }
            Ok(quick_xml::events::Event::Eof) | Err(_) => return max,
            _ => {}
        }
    }
}

fn unused_rid(rels: &str) -> String {
    (1..).map(|n| format!("rIdDigiCheck{n}")).find(|id| !rels.contains(&format!("\"{id}\""))).expect("an unused id")
}

fn insert_before(xml: &str, closing: &str, insert: &str) -> String {
    match xml.rfind(closing) {
        Some(at) => format!("{}{insert}{}", &xml[..at], &xml[at..]),
        None => format!("{xml}{insert}"),
    }
}
