//! What kind of document a text is, told from its content, and what the parser could not
//! understand in it.
//!
//! The kind decides which law applies to a finding and how a report names the document; it is
//! read from what every such document shows, not from a file name or metadata field:
//! - a **Drucksache** has a Deckblatt with the masthead „… Drucksache 8/1234“;
//! - an **Entwurf** (Referentenentwurf, Gesetzentwurf without masthead) has a Vorblatt or a
//!   Begründung;
//! - otherwise the title says it: the first of „Verwaltungsvorschrift“/„VwV“, „Satzung“,
//!   „Verordnung“, „Gesetz“ in it (also inside a compound: „Hundesteuersatzung“,
//!   „Sozialgesetzbuch“); an amending title („zur Änderung“, „Änderungsgesetz“) with Artikel or
//!   Änderungsbefehle makes an **Änderungsgesetz**;
//! - failing that, the Eingangsformel („… folgende Satzung beschlossen:“, „… wird verordnet:“)
//!   or the numbering (a decimal outline without §§ is how Verwaltungsvorschriften are numbered).
//!
//! What stays is `Text`: a fragment or a provision without title, said as such.

use super::{Document, NodeKind, TextRole};
use crate::source::offsets::floor_char_boundary;
use crate::source::Span;
use serde::Serialize;

/// The kind of a document; the serialised ids are part of the structure JSON (`"doctype"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DocType {
    Gesetz,
    Verordnung,
    Satzung,
    Verwaltungsvorschrift,
    /// An amending law or ordinance (Mantelgesetz): Artikel of Änderungsbefehle.
    Aenderungsgesetz,
    /// A draft with Vorblatt or Begründung that is not a printed Drucksache.
    Entwurf,
    /// A printed paper of a parliament: Deckblatt, Vorblatt, Gesetzestext, Begründung, …
    Drucksache,
    /// No kind recognised.
    Text,
}

impl DocType {
    pub fn id(self) -> &'static str {
        match self {
            DocType::Gesetz => "gesetz",
            DocType::Verordnung => "verordnung",
            DocType::Satzung => "satzung",
            DocType::Verwaltungsvorschrift => "verwaltungsvorschrift",
            DocType::Aenderungsgesetz => "aenderungsgesetz",
            DocType::Entwurf => "entwurf",
            DocType::Drucksache => "drucksache",
            DocType::Text => "text",
        }
    }

    /// The German name shown to users.
    pub fn label(self) -> &'static str {
        match self {
            DocType::Gesetz => "Gesetz",
            DocType::Verordnung => "Verordnung",
            DocType::Satzung => "Satzung",
            DocType::Verwaltungsvorschrift => "Verwaltungsvorschrift",
            DocType::Aenderungsgesetz => "Änderungsgesetz oder -verordnung",
            DocType::Entwurf => "Entwurf",
            DocType::Drucksache => "Drucksache",
            DocType::Text => "Text ohne erkannte Dokumentart",
        }
    }
}

/// Something the parser recognised but could not structure, said in German for the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StructureNote {
    pub span: Span,
    pub message: String,
}

/// Detects the kind of a parsed document.
pub(super) fn detect(doc: &Document) -> DocType {
    let parts: Vec<NodeKind> = doc.node(doc.root()).children.iter().map(|&c| doc.node(c).kind).collect();
    let text = doc.text();
    let has_masthead = doc.of_kind(NodeKind::Deckblatt).any(|d| has_drucksache_number(&text[doc.node(d).span.range()]));
    if has_masthead {
        return DocType::Drucksache;
    }
    let title = title_text(doc);
    // Lower-cased once: each lower-casing of a title was some 2,700 instructions.
    let lower = title.to_lowercase();
    if lower.contains("entwurf") {
        return DocType::Entwurf;
    }
    let has_paragraphs = doc.of_kind(NodeKind::Paragraph).next().is_some();
    let has_artikel = doc.of_kind(NodeKind::Artikel).next().is_some();
    let amending_words = ["zur Änderung", "Änderungsgesetz", "Änderungsverordnung", "zur Aufhebung", "Mantelgesetz"];
    if amending_words.iter().any(|w| title.contains(w))
        && (has_artikel || text.contains("wird wie folgt geändert"))
        && !lower.contains("satzung")
    {
        return DocType::Aenderungsgesetz;
    }
    if let Some(kind) = kind_in_title(&lower) {
        return kind;
    }
    // A Vorblatt or Begründung without a title that names the norm: a draft. (A Satzung with its
    // Begründung appended stays a Satzung above.)
    if parts.iter().any(|k| matches!(k, NodeKind::Vorblatt | NodeKind::Begruendung)) {
        return DocType::Entwurf;
    }
    let opening = &text[..floor_char_boundary(text, 4000)];
    if opening.contains("folgende Satzung") || opening.contains("als Satzung") {
        return DocType::Satzung;
    }
    if opening.contains("verordnet:") || opening.contains("folgende Verordnung") {
        return DocType::Verordnung;
    }
    if opening.contains("das folgende Gesetz beschlossen") {
        return DocType::Gesetz;
    }
    if !has_paragraphs && doc.ids().any(|n| is_outline_nummer(doc, n)) {
        return DocType::Verwaltungsvorschrift;
    }
    DocType::Text
}

/// Notes on what was recognised but not understood.
pub(super) fn notes(doc: &Document) -> Vec<StructureNote> {
    let mut out = Vec::new();
    for id in doc.ids() {
        let n = doc.node(id);
        if n.role == Some(TextRole::Synopse) && n.kind == NodeKind::Text && !n.children.is_empty() {
            out.push(StructureNote {
                span: Span::new(n.span.start, n.span.start),
                message: "Synopse (Gegenüberstellung von Fassungen) erkannt: Sie wird nicht gegliedert und nicht geprüft; \
                          Befunde zur neuen Fassung stehen beim Gesetzestext."
                    .to_string(),
            });
        }
    }
    let kinds: Vec<NodeKind> = doc.node(doc.root()).children.iter().map(|&c| doc.node(c).kind).collect();
    let draft = kinds.iter().any(|k| matches!(k, NodeKind::Vorblatt | NodeKind::Begruendung | NodeKind::Deckblatt));
    if draft && !kinds.contains(&NodeKind::Gesetzestext) {
        out.push(StructureNote {
            span: Span::new(0, 0),
            message: "Entwurf oder Drucksache ohne erkennbaren Gesetzestext (keine Eingangsformel, kein Artikel und kein §): \
                      Fundstellen beziehen sich auf die erkannten Teile."
                .to_string(),
        });
    }
    out
}

/// A Nummer of a decimal outline (its label is the number itself, „2.3“, not „2.“).
fn is_outline_nummer(doc: &Document, id: usize) -> bool {
    let n = doc.node(id);
    n.kind == NodeKind::Nummer && n.norm.ends_with(n.label.trim_end_matches('.')) && n.label.contains('.') && {
        let l = n.label.trim_end_matches('.');
        l.split('.').count() >= 2 && l.split('.').all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    }
}

/// The kind a title (lower-cased) names: the first of the words that name a kind of norm. Administrative
/// rules („Richtlinie“, „Förderrichtlinie“) count as Verwaltungsvorschrift. An „…ordnung“ is a
/// Satzung where a municipal body issues it („Benutzungsordnung der Gemeinde …“) and a Gesetz
/// otherwise („Abgabenordnung“, „Gemeindeordnung“).
fn kind_in_title(lower: &str) -> Option<DocType> {
    let cues: [(&str, DocType); 8] = [
        ("verwaltungsvorschrift", DocType::Verwaltungsvorschrift),
        ("vwv", DocType::Verwaltungsvorschrift),
        ("richtlinie", DocType::Verwaltungsvorschrift),
        ("satzung", DocType::Satzung),
        ("verordnung", DocType::Verordnung),
        ("gesetz", DocType::Gesetz),
        ("staatsvertrag", DocType::Gesetz),
        ("verfassung", DocType::Gesetz),
    ];
    let named = cues.iter().filter_map(|&(w, k)| lower.find(w).map(|at| (at, k))).min_by_key(|&(at, _)| at).map(|(_, k)| k);
    named.or_else(|| {
        lower.contains("ordnung").then(|| {
            const LOCAL: &[&str] = &["gemeinde", "stadt", "landkreis", "kreis", "ortschaft", "verband", "gemeinderat", "kreistag"];
            if LOCAL.iter().any(|w| lower.contains(w)) {
                DocType::Satzung
            } else {
                DocType::Gesetz
            }
        })
    })
}

/// The title of a document: the `titel:`/`title:` of its front matter, else its first heading
/// line at the top, else its first line.
fn title_text(doc: &Document) -> String {
    let text = doc.text();
    let mut title = String::new();
    for &c in &doc.node(doc.root()).children {
        let n = doc.node(c);
        let t = &text[n.span.range()];
        if n.role == Some(TextRole::Editorial) && t.starts_with("---") {
            if let Some(line) = t.lines().find(|l| l.starts_with("titel:") || l.starts_with("title:")) {
                title.push_str(line.split_once(':').map_or("", |(_, v)| v).trim().trim_matches('"'));
                title.push(' ');
            }
            continue;
        }
        if n.role == Some(TextRole::Editorial) {
            continue;
        }
        if n.kind == NodeKind::Text && n.role == Some(TextRole::Heading) && n.label.is_empty() {
            title.push_str(t.lines().next().unwrap_or(""));
        } else if title.is_empty() {
            title.push_str(t.lines().next().unwrap_or("").chars().take(300).collect::<String>().as_str());
        }
        break;
    }
    title
}

fn has_drucksache_number(t: &str) -> bool {
    let mut rest = t;
    while let Some(at) = rest.find("Drucksache").or_else(|| rest.find("DRUCKSACHE")) {
        let after = rest[at + "Drucksache".len()..].trim_start();
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && after[digits..].starts_with('/') {
            return true;
        }
        rest = &rest[at + 1..];
    }
    false
}

