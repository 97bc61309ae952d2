//! Re-checking only what changed: rule matching cached per unit of text.
//!
//! The structure is parsed afresh on every change — norm paths, parts and headings depend on
//! everything before a place, and parsing is linear and fast — but rule matching, which costs
//! several times as much (federal VwVfG, 134 KB, release build: parsing about 9 ms, the whole
//! catalogue over the whole text about 75 ms, with this cache about 2 ms), is cached per *unit*: a
//! stretch of text beyond which the engine's view of a match inside it cannot reach. A finding
//! depends on
//!
//! - the words of its clause and sentence (trigger gaps and `near` stay within a clause),
//! - its scope unit (Satz, Absatz or §; failing those, the outermost unit that is not a container
//!   such as an Artikel or a Gliederung),
//! - its node's part of the draft, role and norm path.
//!
//! So a unit starts where an outermost non-container node (a §, an Absatz outside any §, a heading
//! line, a block of Begründung prose) starts, provided the engine's tokeniser ends a sentence there;
//! where it does not (a heading without a full stop before a §), the two are one unit. A unit's
//! findings are kept under its text together with the *shapes* of its nodes (kind, role, part,
//! normativity, relative span) and reused only while the fresh parse gives the unit the same shapes
//! and places it in the Gesetzestext; norm paths, parts and messages always come from the fresh
//! parse. New units are checked as documents of their own (and must parse alone into the same
//! shapes as in context); when many units are new (opening a document, a large paste), one check
//! of the whole document fills the cache instead. Units that cannot be shown to be independent (in
//! the Begründung when that is checked, or parsed differently alone) take their findings from a
//! check of the whole document. The tests below compare the result with a whole check on the
//! corpus drafts, on edits of them and on real laws; on the federal laws of the shared corpus no
//! unit needed the fallback.
//!
//! This relies on the matcher's guarantee that no match crosses a clause boundary (see the
//! engine's `pattern` module). When findings gain context from outside their unit (e.g. the law an
//! Änderungsbefehl amends), that context must become part of the shape.

use digicheck_core::rules::tokens::{fold, tokenize};
use digicheck_core::structure::TextRole;
use digicheck_core::{CheckOptions, Document, Finding, NodeKind, Part, Profile, RuleSet, SourceText, Span};
use std::collections::HashMap;

/// The shape of one non-container node relative to its unit's start: what the engine's scopes,
/// part and normativity checks see (kind, role, repealed, part, non-normative, start, end).
type Shape = (NodeKind, Option<TextRole>, bool, Part, bool, usize, usize);

/// A unit's findings computed alone, with spans relative to the unit's start.
#[derive(Debug, Clone)]
struct Entry {
    /// `None` if the unit cannot be checked alone (normalising it would change it).
    shapes: Option<Vec<Shape>>,
    findings: Vec<Finding>,
}

/// How the last check was done, for tests and measurements.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    /// Units of the document (those outside the checked parts included).
    pub units: usize,
    /// Units whose findings came from the cache.
    pub reused: usize,
    /// Units checked alone.
    pub checked: usize,
    /// Units whose findings came from a check of the whole document.
    pub whole: usize,
}

/// When more than this share (1/n) of the units is new, one check of the whole document is
/// cheaper than checking them one by one (each check has a fixed cost); its findings then fill
/// the cache.
const WHOLE_WHEN_NEW_EXCEEDS: usize = 4;

/// Per-document cache of unit findings. Valid for one rule set and profile; `check` clears it
/// when either changes.
#[derive(Debug, Default)]
pub struct UnitCache {
    key: Option<(usize, Profile)>,
    entries: HashMap<String, Entry>,
    pub stats: Stats,
}

impl UnitCache {
    /// Findings of `doc`, the same as `rules.check(doc, options)`, reusing unchanged units.
    pub fn check(&mut self, rules: &RuleSet, doc: &Document, options: &CheckOptions) -> Vec<Finding> {
        let key = (rules as *const RuleSet as usize, options.profile);
        if self.key != Some(key) {
            self.entries.clear();
            self.key = Some(key);
        }
        let text = doc.text();
        let units = units(doc);
        let all_shapes = shapes(doc, &units);
        let mut stats = Stats { units: units.len(), ..Stats::default() };
        // Units the engine can report anything in.
        let checked: Vec<(&Unit, Vec<Shape>)> = units
            .iter()
            .zip(all_shapes)
            .filter(|(u, _)| options.include_begruendung || u.parts.contains(&Part::Gesetzestext))
            .collect();
        let new = checked.iter().filter(|(u, _)| !self.entries.contains_key(&text[u.span.range()])).count();
        let mut whole: Option<Vec<Finding>> = None;
        if new * WHOLE_WHEN_NEW_EXCEEDS > checked.len() {
            let all = rules.check(doc, options);
            for (unit, shapes) in &checked {
                let unit_text = &text[unit.span.range()];
                if !self.entries.contains_key(unit_text) {
                    let findings = all.iter().filter(|f| unit.span.contains(f.span)).map(|f| relative(f, unit.span.start)).collect();
                    self.entries.insert(unit_text.to_string(), Entry { shapes: Some(shapes.clone()), findings });
                }
            }
            whole = Some(all);
        }
        let mut used: HashMap<String, Entry> = HashMap::with_capacity(checked.len());
        let mut out = Vec::new();
        for (unit, shapes) in checked {
            let unit_text = &text[unit.span.range()];
            let entry = match self.entries.remove(unit_text).or_else(|| used.get(unit_text).cloned()) {
                Some(e) => {
                    stats.reused += 1;
                    e
                }
                None => {
                    stats.checked += 1;
                    check_alone(rules, unit_text, options)
                }
            };
            let in_law = unit.parts.iter().all(|&p| p == Part::Gesetzestext);
            if in_law && entry.shapes.as_ref() == Some(&shapes) {
                out.extend(entry.findings.iter().filter_map(|f| place(rules, doc, f, unit.span.start, options.profile)));
            } else {
                stats.whole += 1;
                let all = whole.get_or_insert_with(|| rules.check(doc, options));
                out.extend(all.iter().filter(|f| unit.span.contains(f.span)).cloned());
            }
            used.insert(unit_text.to_string(), entry);
        }
        // Entries of units that no longer exist are dropped, so the cache stays the document's size.
        self.entries = used;
        self.stats = stats;
        out
    }
}

fn relative(f: &Finding, base: usize) -> Finding {
    Finding { span: Span::new(f.span.start - base, f.span.end - base), ..f.clone() }
}

/// Checks a unit's text as a document of its own. If normalising the text would change it, the
/// offsets would not carry over: such a unit is marked as never reusable.
fn check_alone(rules: &RuleSet, unit_text: &str, options: &CheckOptions) -> Entry {
    let source = SourceText::from_utf8("", unit_text);
    if source.text() != unit_text {
        return Entry { shapes: None, findings: Vec::new() };
    }
    let doc = Document::parse(source);
    let options = CheckOptions { include_begruendung: false, ..*options };
    let findings = rules.check(&doc, &options);
    let unit = Unit { span: Span::new(0, unit_text.len()), parts: Vec::new() };
    Entry { shapes: shapes(&doc, std::slice::from_ref(&unit)).pop(), findings }
}

/// A unit's findings placed into the whole document: shifted, with norm path, part and message
/// from the whole document's structure, and dropped where the whole document says the place is not
/// normative (an Inhaltsübersicht, an editorial note).
fn place(rules: &RuleSet, doc: &Document, f: &Finding, shift: usize, profile: Profile) -> Option<Finding> {
    let span = Span::new(f.span.start + shift, f.span.end + shift);
    let node = doc.node_at(span.start);
    if doc.is_non_normative(node) {
        return None;
    }
    let rule = rules.get(&f.rule)?;
    let norm = doc.norm_at(span.start).to_string();
    Some(Finding {
        message: rule.render_message(&f.text, &norm, profile),
        norm,
        span,
        part: doc.part_of(node),
        ..f.clone()
    })
}

/// One unit: its byte range and the parts of the draft its outermost nodes lie in.
struct Unit {
    span: Span,
    parts: Vec<Part>,
}

/// Splits the document into units (see the module documentation). The units cover the whole text.
fn units(doc: &Document) -> Vec<Unit> {
    let text = doc.text();
    let mut tops = Vec::new();
    outermost(doc, doc.root(), &mut tops);
    let mut out: Vec<Unit> = Vec::new();
    for n in tops {
        let start = doc.node(n).span.start;
        let part = doc.part_of(n);
        match out.last_mut() {
            Some(last) if !sentence_ends_before(text, start) => {
                // Glued to the unit before; remember its part, so a mixed unit is never reused.
                if !last.parts.contains(&part) {
                    last.parts.push(part);
                }
            }
            last => {
                if let Some(last) = last {
                    last.span.end = start;
                }
                out.push(Unit { span: Span::new(start, text.len()), parts: vec![part] });
            }
        }
    }
    match out.first_mut() {
        Some(first) => first.span.start = 0,
        None => out.push(Unit { span: Span::new(0, text.len()), parts: vec![Part::Gesetzestext] }),
    }
    out
}

/// The outermost nodes that are not containers, in document order.
fn outermost(doc: &Document, id: usize, out: &mut Vec<usize>) {
    let node = doc.node(id);
    if node.kind.is_container() && !node.children.is_empty() {
        for &c in &node.children {
            outermost(doc, c, out);
        }
    } else if !node.kind.is_container() {
        out.push(id);
    }
}

/// True if the engine's tokeniser ends a sentence between the last word before `at` and the first
/// word from `at` on (or if there is no word on one side). The tokeniser decides from those two
/// words and what lies between them, so tokenising just that stretch gives its answer.
fn sentence_ends_before(text: &str, at: usize) -> bool {
    let (Some(start), Some(end)) = (word_before(text, at), word_after(text, at)) else { return true };
    let window = &text[start..end];
    let tokens = tokenize(window, &fold(window));
    match (tokens.first(), tokens.last()) {
        (Some(a), Some(b)) if tokens.len() >= 2 => a.sentence != b.sentence,
        _ => true,
    }
}

/// Start of the last word (or `§`) ending at or before `at`; words as the tokeniser sees them.
fn word_before(text: &str, at: usize) -> Option<usize> {
    let mut start = None;
    for (i, c) in text[..at].char_indices().rev() {
        if c == '§' {
            return start.or(Some(i));
        }
        if c.is_alphanumeric() {
            start = Some(i);
        } else if start.is_some() {
            return start;
        }
    }
    start
}

/// End of the first word (or `§`) starting at or after `at`.
fn word_after(text: &str, at: usize) -> Option<usize> {
    let mut in_word = false;
    for (i, c) in text[at..].char_indices() {
        if c == '§' {
            return Some(at + if in_word { i } else { i + c.len_utf8() });
        }
        if c.is_alphanumeric() {
            in_word = true;
        } else if in_word {
            return Some(at + i);
        }
    }
    in_word.then_some(text.len())
}

/// For each unit, the shapes of the non-container nodes starting inside it, relative to its start.
/// One pass: node starts never decrease in document order.
fn shapes(doc: &Document, units: &[Unit]) -> Vec<Vec<Shape>> {
    let mut out = vec![Vec::new(); units.len()];
    let mut u = 0;
    for id in doc.ids() {
        let n = doc.node(id);
        if n.kind.is_container() {
            continue;
        }
        while u + 1 < units.len() && n.span.start >= units[u].span.end {
            u += 1;
        }
        let Some(unit) = units.get(u) else { break };
        let base = unit.span.start;
        out[u].push((n.kind, n.role, n.repealed, doc.part_of(id), doc.is_non_normative(id), n.span.start - base, n.span.end - base));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn corpus() -> Vec<(String, String)> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus");
        let mut out: Vec<(String, String)> = std::fs::read_dir(&root)
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .map(|p| (p.display().to_string(), std::fs::read_to_string(&p).unwrap()))
            .collect();
        out.sort();
        out
    }

    fn same_as_whole(cache: &mut UnitCache, text: &str, options: &CheckOptions) {
        let rules = RuleSet::builtin().unwrap();
        let doc = Document::parse(SourceText::from_utf8("t", text));
        let expected = rules.check(&doc, options);
        let got = cache.check(rules, &doc, options);
        assert_eq!(got, expected, "stats {:?}", cache.stats);
    }

    #[test]
    fn same_findings_as_a_whole_check() {
        for (name, text) in corpus() {
            for begruendung in [false, true] {
                let options = CheckOptions { profile: Profile::Mv, include_begruendung: begruendung };
                let mut cache = UnitCache::default();
                same_as_whole(&mut cache, &text, &options);
                let first = cache.stats;
                assert!(first.units > 20, "{name}: {first:?}");
                same_as_whole(&mut cache, &text, &options);
                assert_eq!(cache.stats.checked, 0, "{name}: second run checks nothing anew: {:?}", cache.stats);
            }
        }
    }

    #[test]
    fn same_findings_after_edits() {
        // Delete, duplicate and insert lines at many places, including barrier sentences and
        // headings, and compare with a whole check each time.
        let barrier = "Der Antrag ist schriftlich zu stellen und eigenhändig zu unterschreiben.";
        for (_, text) in corpus() {
            let lines: Vec<&str> = text.lines().collect();
            let options = CheckOptions::default();
            let mut cache = UnitCache::default();
            for (i, step) in (0..lines.len()).step_by(7).enumerate() {
                let mut edited: Vec<&str> = lines.clone();
                match i % 4 {
                    0 => {
                        edited.remove(step);
                    }
                    1 => edited.insert(step, barrier),
                    2 => edited.insert(step, lines[step]),
                    _ => edited.insert(step, "§ 99 Neue Vorschrift"),
                }
                same_as_whole(&mut cache, &edited.join("\n"), &options);
            }
        }
    }

    /// Real laws and amending laws from the shared corpus (skipped where it is not checked out):
    /// the same findings as a whole check, after opening and after an edit inside one §.
    #[test]
    fn same_findings_on_real_laws() {
        let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus");
        let files = ["sample/VwVfG.txt", "sample/EGovG.txt", "sample/OZG.txt", "amending/bgbl-1_2023_413_aenderungsgesetz.txt", "amending/bgbl-1_2024_10_aenderungsgesetz.txt"];
        let rules = RuleSet::builtin().unwrap();
        let options = CheckOptions::default();
        for file in files {
            let Ok(text) = std::fs::read_to_string(shared.join(file)) else {
                eprintln!("{file}: not available, skipped");
                continue;
            };
            let mut cache = UnitCache::default();
            same_as_whole(&mut cache, &text, &options);
            // Edit the middle of the text: one new barrier sentence at a line end.
            let at = text[text.len() / 2..].find(".\n").map_or(text.len(), |i| text.len() / 2 + i + 1);
            let edited = format!("{} Die Erklärung ist schriftlich abzugeben.{}", &text[..at], &text[at..]);
            same_as_whole(&mut cache, &edited, &options);
            let s = cache.stats;
            eprintln!("{file}: {s:?}");
            assert!(s.checked <= 2 && s.whole == 0, "{file}: only the edited unit is checked anew: {s:?}");
            let doc = Document::parse(SourceText::from_utf8("t", &edited));
            assert!(rules.check(&doc, &options).iter().any(|f| f.span.start > at && f.span.start < at + 50), "{file}: the new barrier is found");
        }
    }
}
