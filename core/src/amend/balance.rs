//! The barrier balance of a draft: which findings of the law as it is disappear, which are new in
//! the law as the draft would make it, and which stay — per norm and per category.
//!
//! The balance follows the content, not the numbers. A finding stays when the same rule finds the
//! same words
//! 1. at the same norm;
//! 2. at the norm its unit gets from a renumbering of the draft („Der bisherige § 173 wird
//!    § 174.“: a barrier of § 173 is one of § 174 now);
//! 3. in the same § (a renumbered Absatz, a § recast with the same requirement);
//! 4. anywhere, in a sentence that says largely the same (a provision moved to another § by
//!    recasting: „Die §§ 175 und 176 werden wie folgt gefasst“ with the old § 174's wording).
//!
//! Only then is a finding „entfällt“ or „neu“. (Matching the words alone across §§ would pair
//! unrelated „schriftlich“ findings; the sentence around them tells them apart.)
//!
//! A balance of a draft that could not be applied completely is not a verdict on the draft: the
//! law it compares with is not the law the draft makes ([`LawDiff::is_complete`]).

use super::apply::{apply_draft, Applied};
use super::check::Checker;
use super::parse;
use crate::finding::Finding;
use crate::model::Category;
use crate::source::SourceText;
use crate::structure::{Document, NodeKind};
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};

/// A draft applied to the law it amends, and the barrier balance of the result.
#[derive(Debug, Clone)]
pub struct LawDiff {
    /// The consolidated text, the outcome of each command and the commands not understood.
    pub applied: Applied,
    /// The law as the draft would make it (as far as its commands could be applied).
    pub after: Document,
    pub balance: Balance,
}

impl LawDiff {
    /// True if every command was applied: only then does the balance judge the draft.
    pub fn is_complete(&self) -> bool {
        self.applied.is_complete()
    }

    /// [`Balance::net_barriers`] if the application is complete, else `None`: counts of an
    /// incomplete application say nothing about the draft as a whole.
    pub fn net_barriers(&self) -> Option<i64> {
        self.is_complete().then(|| self.balance.net_barriers())
    }
}

/// Applies `draft` to `base` and compares the findings of `checker` on both. Fails if the draft
/// has no Änderungsbefehle or does not amend the law `base` is.
pub fn diff(base: &Document, draft: &Document, checker: &dyn Checker) -> Result<LawDiff, String> {
    diff_law(base, draft, checker, None)
}

/// [`diff`] for the law named `law` of a draft that amends several (`--law`).
pub fn diff_law(base: &Document, draft: &Document, checker: &dyn Checker, law: Option<&str>) -> Result<LawDiff, String> {
    let amendments = parse(draft);
    if amendments.commands.is_empty() && amendments.unparsed.is_empty() {
        return Err(format!("{}: keine Änderungsbefehle gefunden", draft.source().name()));
    }
    let applied = apply_draft(base, &amendments, law)?;
    let after = Document::parse(SourceText::from_utf8(format!("{} (geändert)", base.source().name()), &applied.text));
    let balance = balance_in(base, checker.check(base), &after, checker.check(&after), &applied.renumbered);
    Ok(LawDiff { applied, after, balance })
}

/// A finding that is in the law before and after the draft.
#[derive(Debug, Clone, Serialize)]
pub struct Kept {
    pub before: Finding,
    pub after: Finding,
}

/// Findings before and after, sorted into removed, added and kept.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Balance {
    /// In the law as it is, gone after the draft.
    pub removed: Vec<Finding>,
    /// New in the law as the draft makes it.
    pub added: Vec<Finding>,
    pub kept: Vec<Kept>,
}

/// Counts of one row of the balance.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    pub removed: usize,
    pub added: usize,
    pub kept: usize,
}

fn words(f: &Finding) -> String {
    f.text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Compares the findings of the law before and after the draft by rule, norm and words, and by
/// rule, words and § (passes 1 and 3 of the module docs).
pub fn balance(before: Vec<Finding>, after: Vec<Finding>) -> Balance {
    let mut m = Matcher::new(before, after);
    m.pass(|b, a| a.norm == b.norm);
    m.pass(|b, a| paragraph_of(&a.norm) == paragraph_of(&b.norm));
    m.finish()
}

/// [`balance`] following the content: renumbered units and sentences moved to another § are
/// matched too (all four passes of the module docs). `renumbered` maps norms before to norms after.
pub fn balance_in(base: &Document, before: Vec<Finding>, after_doc: &Document, after: Vec<Finding>, renumbered: &[(String, String)]) -> Balance {
    let before_sentences: Vec<HashSet<String>> = before.iter().map(|f| sentence_words(base, f)).collect();
    let after_sentences: Vec<HashSet<String>> = after.iter().map(|f| sentence_words(after_doc, f)).collect();
    let mut m = Matcher::new(before, after);
    m.pass(|b, a| a.norm == b.norm);
    m.pass(|b, a| renumber(&b.norm, renumbered).is_some_and(|n| n == a.norm));
    m.pass(|b, a| paragraph_of(&a.norm) == paragraph_of(&renumber(&b.norm, renumbered).unwrap_or_else(|| b.norm.clone())));
    m.pass_indexed(|bi, ai| similar(&before_sentences[bi], &after_sentences[ai]));
    m.finish()
}

/// Pairs findings of the same rule with the same words, pass by pass.
struct Matcher {
    before: Vec<Option<Finding>>,
    after: Vec<Option<Finding>>,
    kept: Vec<Kept>,
}

impl Matcher {
    fn new(before: Vec<Finding>, after: Vec<Finding>) -> Matcher {
        Matcher { before: before.into_iter().map(Some).collect(), after: after.into_iter().map(Some).collect(), kept: Vec::new() }
    }

    fn pass(&mut self, same_place: impl Fn(&Finding, &Finding) -> bool) {
        let (before, after) = (&self.before, &self.after);
        let pairs: Vec<(usize, usize)> = self.pairs(|bi, ai| same_place(before[bi].as_ref().expect("open"), after[ai].as_ref().expect("open")));
        self.take(pairs);
    }

    fn pass_indexed(&mut self, same_place: impl Fn(usize, usize) -> bool) {
        let pairs = self.pairs(same_place);
        self.take(pairs);
    }

    /// For each open finding before, the first open finding after of the same rule and words at
    /// the same place.
    fn pairs(&self, same_place: impl Fn(usize, usize) -> bool) -> Vec<(usize, usize)> {
        let mut used = vec![false; self.after.len()];
        let mut out = Vec::new();
        for (bi, b) in self.before.iter().enumerate() {
            let Some(b) = b else { continue };
            let hit = self.after.iter().enumerate().position(|(ai, a)| {
                !used[ai] && a.as_ref().is_some_and(|a| a.rule == b.rule && words(a) == words(b)) && same_place(bi, ai)
            });
            if let Some(ai) = hit {
                used[ai] = true;
                out.push((bi, ai));
            }
        }
        out
    }

    fn take(&mut self, pairs: Vec<(usize, usize)>) {
        for (bi, ai) in pairs {
            let before = self.before[bi].take().expect("open");
            let after = self.after[ai].take().expect("open");
            self.kept.push(Kept { before, after });
        }
    }

    fn finish(self) -> Balance {
        let mut kept = self.kept;
        crate::sort::sort_by_key(&mut kept, |k| k.after.span.start);
        Balance { removed: self.before.into_iter().flatten().collect(), added: self.after.into_iter().flatten().collect(), kept }
    }
}

/// The norm `norm` has after the renumberings („§ 173 Abs. 2“ → „§ 174 Abs. 2“), if one applies.
fn renumber(norm: &str, renumbered: &[(String, String)]) -> Option<String> {
    renumbered
        .iter()
        .filter(|(old, _)| norm == old || norm.starts_with(old.as_str()) && norm[old.len()..].starts_with(' '))
        .max_by_key(|(old, _)| old.len())
        .map(|(old, new)| format!("{new}{}", &norm[old.len()..]))
}

/// The words of the sentence a finding stands in, lower-case.
pub(super) fn sentence_words(doc: &Document, f: &Finding) -> HashSet<String> {
    if f.span.end > doc.text().len() {
        return HashSet::new();
    }
    let mut id = doc.node_at(f.span.start);
    while let Some(p) = doc.node(id).parent {
        if matches!(doc.node(id).kind, NodeKind::Satz | NodeKind::Absatz | NodeKind::Paragraph) {
            break;
        }
        id = p;
    }
    doc.text()[doc.node(id).span.range()]
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() > 2)
        .map(str::to_lowercase)
        .collect()
}

/// Two sentences say largely the same: at least half of the words of the longer one are in both.
pub(super) fn similar(a: &HashSet<String>, b: &HashSet<String>) -> bool {
    let longer = a.len().max(b.len());
    longer > 0 && a.intersection(b).count() * 2 >= longer
}

/// The § (or Artikel) of a norm path: „§ 5 Abs. 2 Satz 1“ → „§ 5“; other paths stay whole.
pub fn paragraph_of(norm: &str) -> String {
    let toks: Vec<&str> = norm.split_whitespace().collect();
    for (i, t) in toks.iter().enumerate() {
        if (*t == "§" || *t == "§§") && i + 1 < toks.len() {
            return toks[..=i + 1].join(" ");
        }
    }
    if toks.len() >= 2 && toks[0] == "Art." {
        return toks[..2].join(" ");
    }
    if norm.is_empty() {
        "(ohne Gliederung)".to_string()
    } else {
        norm.to_string()
    }
}

/// Sorts „§ 2“ before „§ 10“ and „§ 3a“ after „§ 3“.
fn natural_key(s: &str) -> Vec<(u64, String)> {
    let mut out = Vec::new();
    let mut num = String::new();
    let mut rest = String::new();
    for c in s.chars() {
        if c.is_ascii_digit() {
            if !rest.is_empty() && num.is_empty() {
                out.push((0, std::mem::take(&mut rest)));
            }
            num.push(c);
        } else {
            if !num.is_empty() {
                out.push((num.parse().unwrap_or(u64::MAX), String::new()));
                num.clear();
            }
            rest.push(c);
        }
    }
    if !num.is_empty() {
        out.push((num.parse().unwrap_or(u64::MAX), String::new()));
    }
    if !rest.is_empty() {
        out.push((0, rest));
    }
    out
}

impl Balance {
    fn rows<K: Ord + Clone>(&self, key: impl Fn(&Finding) -> K) -> BTreeMap<K, Tally> {
        let mut m: BTreeMap<K, Tally> = BTreeMap::new();
        for f in &self.removed {
            m.entry(key(f)).or_default().removed += 1;
        }
        for f in &self.added {
            m.entry(key(f)).or_default().added += 1;
        }
        for k in &self.kept {
            m.entry(key(&k.after)).or_default().kept += 1;
        }
        m
    }

    /// One row per category, in the contract's order.
    pub fn by_category(&self) -> Vec<(Category, Tally)> {
        self.rows(|f| f.category).into_iter().collect()
    }

    /// One row per § (of the law before the draft for removed findings, after it otherwise), in
    /// the order of the law.
    pub fn by_norm(&self) -> Vec<(String, Tally)> {
        let mut v: Vec<(String, Tally)> = self.rows(|f| paragraph_of(&f.norm)).into_iter().collect();
        crate::sort::sort_by_key(&mut v, |(n, _)| natural_key(n));
        v
    }

    /// Barriers (severity above `niedrig`) added minus removed: below zero the draft improves the
    /// law.
    pub fn net_barriers(&self) -> i64 {
        let count = |v: &[Finding]| v.iter().filter(|f| f.severity.is_barrier()).count() as i64;
        count(&self.added) - count(&self.removed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Principle, Severity};
    use crate::source::Span;
    use crate::structure::Part;

    fn f(rule: &str, norm: &str, text: &str, cat: Category) -> Finding {
        Finding {
            rule: rule.into(),
            category: cat,
            severity: Severity::Hoch,
            principle: Principle::new(1).unwrap(),
            message: String::new(),
            norm: norm.into(),
            span: Span::new(0, 1),
            text: text.into(),
            fix: None,
            part: Part::Gesetzestext,
            amendment: None,
        }
    }

    #[test]
    fn matches_by_rule_norm_and_words_then_by_words() {
        let before = vec![
            f("DC-SF-001", "§ 1 Abs. 1", "schriftlich zu stellen", Category::Schriftform),
            f("DC-SI-001", "§ 4 Abs. 4", "Dienstsiegel", Category::Siegel),
            f("DC-TE-001", "§ 10 Abs. 1", "per  Telefax", Category::Technologie),
        ];
        let after = vec![
            f("DC-SI-001", "§ 4 Abs. 3", "Dienstsiegel", Category::Siegel),
            f("DC-TE-001", "§ 10 Abs. 1", "per Telefax", Category::Technologie),
            f("DC-PE-001", "§ 3c Abs. 1", "persönlich zu erscheinen", Category::Persoenlich),
        ];
        let b = balance(before, after);
        assert_eq!(b.removed.len(), 1);
        assert_eq!(b.removed[0].rule, "DC-SF-001");
        assert_eq!(b.added.len(), 1);
        assert_eq!(b.kept.len(), 2);
        assert_eq!(b.net_barriers(), 0);
        let norms: Vec<String> = b.by_norm().into_iter().map(|(n, _)| n).collect();
        assert_eq!(norms, vec!["§ 1", "§ 3c", "§ 4", "§ 10"]);
        let cats = b.by_category();
        assert_eq!(cats[0], (Category::Schriftform, Tally { removed: 1, added: 0, kept: 0 }));
    }
}
