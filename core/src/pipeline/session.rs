//! Incremental checking for editors: after a keystroke only the edited provision is matched
//! against the rules again. The language server (one session per open document) and the drafting
//! page in the browser (one session in its worker) both check every edit through [`Session`].
//!
//! Design. An update goes the whole way of the pipeline (reading, parsing, amendments, settings,
//! suppressions) except that rule matching on the document is served from a cache. The structure
//! is parsed anew on every update, because it depends on the whole text (the part of the draft,
//! open quotations of amendments, the Artikel a § belongs to) and parsing is linear. The text is
//! then cut into *regions*: every top-level unit (a §, or a unit with no enclosing § such as a run
//! of prose in the Vorblatt) and the gaps between them, so that no rule scope (Satz, Absatz, §)
//! crosses a region border. Rule matching — the expensive part — is cached per region, keyed by
//! everything a region check reads:
//! - the text of the region's *window* ([`RuleSet::region_window`]: the region widened to
//!   sentence boundaries, since clauses and amendment quotations are judged per sentence),
//! - the region's place in the window and the structure nodes inside the window (kinds, roles,
//!   relative spans) and above it (kinds and roles of the enclosing units, which decide the part of
//!   the draft and whether text is normative).
//!
//! Norm paths are not part of the key: they change when a § is inserted before (an Artikel renumbered)
//! without changing any finding, so a cached finding gets its norm, and the message that quotes the
//! norm, from the new structure. The cache belongs to one rule set and one set of check options
//! (profile, parts); it is emptied when either changes. The tests (`core/tests/session.rs`) check
//! that an update always gives exactly the result of [`super::check`]: after random edits, after
//! edits of every corpus draft, on real laws.
//!
//! Why regions and not units checked as documents of their own (the language server's cache
//! before both front ends shared this one): the engine can check a region of the whole document
//! ([`RuleSet::check_region`]) with exactly the findings a whole check has there, so no unit needs
//! a fallback to a whole check, and an update after one keystroke on the VwVfG took 0.8 ms against
//! 1.3 ms (native release build, whole pipeline).

use super::{contained, finish, read, FileResult, Input, Settings};
use crate::rules::CheckOptions;
use crate::{Document, Finding, NodeKind, RuleSet, Span};
use rustc_hash::FxHasher;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

/// Counters of the last update, for status lines, tests and benchmarks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SessionStats {
    /// Regions the text was cut into.
    pub regions: usize,
    /// Regions whose rule matching ran (cache misses).
    pub checked: usize,
}

/// A checking session over successive versions of one text.
#[derive(Debug, Default)]
pub struct Session {
    regions: RegionCache,
}

impl Session {
    pub fn new() -> Session {
        Session::default()
    }

    /// Checks a new version of the text; the result equals [`super::check`] of the same input with
    /// the same rules and settings, which may differ from the last update's (the cache is then
    /// rebuilt as needed).
    pub fn update(&mut self, input: Input<'_>, rules: &RuleSet, settings: &Settings) -> FileResult {
        let regions = &mut self.regions;
        let result = contained(input.name(), settings, || {
            let source = read(input, settings)?;
            Ok(finish(Document::parse(source), rules, settings, Some(&mut *regions)))
        });
        if !result.errors.is_empty() {
            // An update that stopped half-way may have left the cache half-filled.
            self.regions = RegionCache::default();
        }
        result
    }

    /// How the last update went.
    pub fn stats(&self) -> SessionStats {
        self.regions.stats
    }
}

/// Findings of one region, with spans relative to the start of the region's window.
type Cached = Arc<Vec<Finding>>;

/// Rule matching cached per region, for one rule set and one set of check options.
#[derive(Debug, Default)]
pub(crate) struct RegionCache {
    key: Option<(u64, CheckOptions)>,
    cache: HashMap<u64, Cached>,
    stats: SessionStats,
}

impl RegionCache {
    /// All findings of `doc`, as [`RuleSet::check`] gives them, with rule matching cached per
    /// region.
    pub(crate) fn findings(&mut self, rules: &RuleSet, doc: &Document, options: &CheckOptions) -> Vec<Finding> {
        if self.key != Some((rules.id(), *options)) {
            self.cache.clear();
            self.key = Some((rules.id(), *options));
        }
        let profile = options.profile;
        let mut cache = HashMap::with_capacity(self.cache.len().max(16));
        let mut findings = Vec::new();
        let regions = regions(doc);
        let windows = RuleSet::region_windows(doc.text(), &regions);
        let mut checked = 0;
        for (region, &window) in regions.iter().zip(&windows) {
            let key = region_key(doc, *region, window);
            let cached = match self.cache.get(&key).or_else(|| cache.get(&key)) {
                Some(c) => Arc::clone(c),
                None => {
                    checked += 1;
                    let found = rules
                        .check_region(doc, options, *region)
                        .into_iter()
                        .map(|mut f| {
                            f.span = Span::new(f.span.start - window.start, f.span.end - window.start);
                            f
                        })
                        .collect();
                    Arc::new(found)
                }
            };
            for f in cached.iter() {
                let mut f = f.clone();
                f.span = Span::new(f.span.start + window.start, f.span.end + window.start);
                let norm = doc.norm_at(f.span.start);
                if f.norm != norm {
                    f.norm = norm.to_string();
                    if let Some(rule) = rules.get(&f.rule) {
                        f.message = rule.render_message(&f.text, &f.norm, profile);
                    }
                }
                findings.push(f);
            }
            cache.insert(key, cached);
        }
        crate::finding::sort_by_position(&mut findings);
        self.cache = cache;
        self.stats = SessionStats { regions: regions.len(), checked };
        findings
    }
}

/// Kinds that the engine joins into one scope where no Absatz or § encloses them (a run of
/// prose units in a container, see `scope_span` in the engine).
fn is_prose(kind: NodeKind) -> bool {
    matches!(kind, NodeKind::Satz | NodeKind::Text | NodeKind::Nummer | NodeKind::Buchstabe | NodeKind::Doppelbuchstabe)
}

/// Cuts the text into regions that cover it without gaps: the top-level units (non-container
/// nodes whose ancestors are all containers; a run of prose units side by side in one container
/// counts as one unit, because a rule scope spans such a run) and the text between them (labels
/// and headings of containers, blank lines).
pub fn regions(doc: &Document) -> Vec<Span> {
    fn walk(doc: &Document, id: crate::NodeId, units: &mut Vec<Span>) {
        let mut run: Option<Span> = None;
        for &c in &doc.node(id).children {
            let node = doc.node(c);
            if is_prose(node.kind) {
                run = Some(run.map_or(node.span, |r| Span::new(r.start, node.span.end)));
                continue;
            }
            units.extend(run.take());
            if node.kind.is_container() {
                walk(doc, c, units);
            } else {
                units.push(node.span);
            }
        }
        units.extend(run);
    }
    let mut units = Vec::new();
    walk(doc, doc.root(), &mut units);
    let len = doc.text().len();
    let mut out = Vec::with_capacity(units.len() * 2 + 1);
    let mut pos = 0;
    for u in units {
        if u.start > pos {
            out.push(Span::new(pos, u.start));
        }
        if u.end > pos {
            out.push(Span::new(pos.max(u.start), u.end));
        }
        pos = pos.max(u.end);
    }
    if pos < len || out.is_empty() {
        out.push(Span::new(pos, len));
    }
    out
}

/// The cache key of a region: see the module documentation for what it covers and why.
fn region_key(doc: &Document, region: Span, window: Span) -> u64 {
    // FxHash: the keys of all regions hash the whole text on every keystroke, and SipHash took a
    // fifth of an update. A collision would need two windows of equal length that differ in more
    // than one eight-byte word and hash alike; an edit changes one region's key by a few bytes.
    let mut h = FxHasher::default();
    let text = doc.text();
    text[window.range()].hash(&mut h);
    (region.start - window.start, region.end - window.start).hash(&mut h);
    // Units around the window: they decide the part of the draft and whether text is law.
    for id in doc.ancestors(doc.node_at(window.start)) {
        let n = doc.node(id);
        if n.span.start < window.start || n.span.end > window.end {
            (n.kind.id(), n.role.map(|r| r as u8), n.repealed).hash(&mut h);
        }
    }
    // Units inside the window, in document order (node starts never decrease in pre-order).
    let nodes = doc.nodes();
    let first = nodes.partition_point(|n| n.span.start < window.start);
    for n in nodes[first..].iter().take_while(|n| n.span.start < window.end) {
        let rel = |o: usize| o.clamp(window.start, window.end) - window.start;
        (n.kind.id(), n.role.map(|r| r as u8), n.repealed, rel(n.span.start), rel(n.span.end)).hash(&mut h);
        n.heading.map(|s| (rel(s.start), rel(s.end))).hash(&mut h);
    }
    h.finish()
}
