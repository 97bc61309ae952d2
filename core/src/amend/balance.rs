//! The barrier balance of a draft: which findings of the law as it is disappear, which are new in
//! the law as the draft would make it, and which stay — per norm and per category.
//!
//! Findings are matched by rule, norm and wording (whitespace and case ignored). A finding whose
//! norm changed because the draft renumbered its unit („Abs. 4“ → „Abs. 3“) is matched in a second
//! pass by rule, wording and § alone, so renumbering inside a § does not show up as one barrier
//! removed and one added. (Matching across §§ would pair unrelated „schriftlich“ findings.)

use super::apply::{apply, commands_for, Applied};
use super::check::Checker;
use super::model::Unparsed;
use super::parse;
use crate::finding::Finding;
use crate::model::Category;
use crate::source::SourceText;
use crate::structure::Document;
use serde::Serialize;
use std::collections::BTreeMap;

/// A draft applied to the law it amends, and the barrier balance of the result.
#[derive(Debug, Clone)]
pub struct LawDiff {
    /// The consolidated text and the outcome of each command.
    pub applied: Applied,
    /// Commands of the draft that could not be read.
    pub unparsed: Vec<Unparsed>,
    /// The law as the draft would make it.
    pub after: Document,
    pub balance: Balance,
}

/// Applies `draft` to `base` and compares the findings of `checker` on both. Fails if the draft
/// has no Änderungsbefehle or does not amend the law `base` is.
pub fn diff(base: &Document, draft: &Document, checker: &dyn Checker) -> Result<LawDiff, String> {
    let amendments = parse(draft);
    if amendments.commands.is_empty() {
        return Err(format!("{}: keine Änderungsbefehle gefunden", draft.source().name()));
    }
    let commands = commands_for(&amendments, base.text())?;
    let applied = apply(base.text(), &commands);
    let after = Document::parse(SourceText::from_utf8(format!("{} (geändert)", base.source().name()), &applied.text));
    let balance = balance(checker.check(base), checker.check(&after));
    Ok(LawDiff { applied, unparsed: amendments.unparsed, after, balance })
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

/// Compares the findings of the law before and after the draft.
pub fn balance(before: Vec<Finding>, after: Vec<Finding>) -> Balance {
    let mut after: Vec<Option<Finding>> = after.into_iter().map(Some).collect();
    let mut kept = Vec::new();
    let mut left = Vec::new();
    for b in before {
        let exact = after
            .iter()
            .position(|a| a.as_ref().is_some_and(|a| a.rule == b.rule && a.norm == b.norm && words(a) == words(&b)));
        match exact {
            Some(i) => kept.push(Kept { after: after[i].take().expect("matched"), before: b }),
            None => left.push(b),
        }
    }
    let mut removed = Vec::new();
    for b in left {
        let moved = after.iter().position(|a| {
            a.as_ref().is_some_and(|a| a.rule == b.rule && words(a) == words(&b) && paragraph_of(&a.norm) == paragraph_of(&b.norm))
        });
        match moved {
            Some(i) => kept.push(Kept { after: after[i].take().expect("matched"), before: b }),
            None => removed.push(b),
        }
    }
    let added: Vec<Finding> = after.into_iter().flatten().collect();
    kept.sort_by_key(|k| k.after.span.start);
    Balance { removed, added, kept }
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
        v.sort_by_key(|(n, _)| natural_key(n));
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
