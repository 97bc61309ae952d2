//! Incremental checking for an editor: after a keystroke only the edited provision is matched
//! against the rules again.
//!
//! Design. The structure is parsed anew on every update, because it depends on the whole text (the
//! part of the draft, open quotations of amendments, the Artikel a § belongs to) and parsing is
//! linear. The text is then cut into *regions*: every top-level unit (a §, or a unit with no
//! enclosing § such as a run of prose in the Vorblatt) and the gaps between them, so that no rule
//! scope (Satz, Absatz, §) crosses a region border. Rule matching — the expensive part — is cached per
//! region, keyed by everything a region check reads:
//! - the text of the region's *window* ([`RuleSet::region_window`]: the region widened to
//!   sentence boundaries, since clauses and amendment quotations are judged per sentence),
//! - the region's place in the window and the structure nodes inside the window (kinds, roles,
//!   relative spans) and above it (kinds and roles of the enclosing units, which decide the part of
//!   the draft and whether text is normative).
//!
//! Norm paths are not part of the key: they change when a § is inserted before (an Artikel renumbered)
//! without changing any finding, so a cached finding gets its norm, and the message that quotes the
//! norm, from the new structure. The property test in `tests/session.rs` checks that an update
//! always gives exactly the findings of a full check.

use crate::api::{self, Settings};
use digicheck_core::amend;
use digicheck_core::{Document, Finding, NodeKind, RuleSet, SourceText, Span};
use rustc_hash::FxHasher;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::cell::RefCell;
use std::rc::Rc;

/// Counters of the last update, for the page's status line and the benchmark.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    /// Regions the text was cut into.
    pub regions: usize,
    /// Regions whose rule matching ran (cache misses).
    pub checked: usize,
}

/// Findings of one region, with spans relative to the start of the region's window.
type Cached = Rc<Vec<Finding>>;

/// A checking session over successive versions of one text.
#[derive(Debug)]
pub struct Session {
    settings: Settings,
    cache: HashMap<u64, Cached>,
    stats: Stats,
}

impl Session {
    pub fn new(settings: Settings) -> Session {
        Session { settings, cache: HashMap::new(), stats: Stats::default() }
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn stats(&self) -> Stats {
        self.stats
    }

    /// Checks a new version of the text; the result equals [`api::check`] of the same text.
    pub fn update(&mut self, text: &str) -> Result<(Document, Vec<Finding>), String> {
        let rules = api::rules()?;
        let doc = Document::parse(SourceText::from_utf8("eingabe", text));
        // The amendment checker asks for the findings of the draft itself (served from the region
        // cache) and of the small texts it builds from each Änderungsbefehl (checked directly).
        let checker = RegionChecker { session: RefCell::new(self), rules, top: &doc };
        let options = amend::AmendOptions { profile: checker.session.borrow().settings.check.profile, base: None };
        let mut findings = amend::check_amending(&doc, &checker, &options).findings;
        findings.retain(|f| self.settings.keeps(f));
        findings.sort_by(|a, b| a.span.start.cmp(&b.span.start).then(a.span.end.cmp(&b.span.end)).then(a.rule.cmp(&b.rule)));
        Ok((doc, findings))
    }

    /// All findings of `doc`, unfiltered, with rule matching cached per region.
    fn regional_findings(&mut self, rules: &RuleSet, doc: &Document) -> Vec<Finding> {
        let profile = self.settings.check.profile;
        let mut cache = HashMap::with_capacity(self.cache.len().max(16));
        let mut findings = Vec::new();
        let regions = regions(doc);
        let windows = RuleSet::region_windows(doc.text(), &regions);
        let mut checked = 0;
        for (region, &window) in regions.iter().zip(&windows) {
            let key = region_key(doc, *region, window);
            let cached = match self.cache.get(&key).or_else(|| cache.get(&key)) {
                Some(c) => Rc::clone(c),
                None => {
                    checked += 1;
                    let found = rules
                        .check_region(doc, &self.settings.check, *region)
                        .into_iter()
                        .map(|mut f| {
                            f.span = Span::new(f.span.start - window.start, f.span.end - window.start);
                            f
                        })
                        .collect();
                    Rc::new(found)
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
        findings.sort_by(|a, b| a.span.start.cmp(&b.span.start).then(a.span.end.cmp(&b.span.end)).then(a.rule.cmp(&b.rule)));
        self.cache = cache;
        self.stats = Stats { regions: regions.len(), checked };
        findings
    }
}

/// The rule engine as the amendment checker sees it in a session.
struct RegionChecker<'s, 'd> {
    session: RefCell<&'s mut Session>,
    rules: &'static RuleSet,
    top: &'d Document,
}

impl amend::Checker for RegionChecker<'_, '_> {
    fn check(&self, doc: &Document) -> Vec<Finding> {
        let mut session = self.session.borrow_mut();
        if std::ptr::eq(doc, self.top) {
            session.regional_findings(self.rules, doc)
        } else {
            self.rules.check(doc, &session.settings.check)
        }
    }

    fn reads_commands(&self, rule: &str) -> bool {
        amend::EngineChecker { rules: self.rules, options: Default::default() }.reads_commands(rule)
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
    fn walk(doc: &Document, id: digicheck_core::NodeId, units: &mut Vec<Span>) {
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
