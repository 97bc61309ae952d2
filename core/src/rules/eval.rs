//! Measuring the engine against a labelled set of provisions (`digicheck eval`, schema in
//! `shared/eval/README.md`, scoring rule in `shared/eval/LABELLING.md`): is a provision a
//! digitalisation barrier, and of which kind?
//!
//! Each item's text is checked as a standalone provision (Gesetzestext). A provision counts as a
//! predicted barrier if some finding has a scored category ([`is_scored_category`]: the barrier
//! family and `technologie`) and a severity of `blockierend`, `hoch` or `mittel`
//! ([`Severity::is_barrier`]). Label `barrier` is positive; `remedied` and `clean` are negative.
//! Items a reviewer could label either way (`"debatable": true`, or `DEBATABLE` in the note of
//! `dev.jsonl`) are left out of the main score and counted apart.
//!
//! A set may store no law text: an item then names its `file` (relative to a corpus folder), the
//! byte range `start`..`end` and an FNV-1a hash of those bytes, and [`resolve_texts`] reads the
//! text with a loader the caller provides (the engine does no file I/O of its own).

use super::{CheckOptions, RuleSet};
use crate::model::Category;
use crate::source::SourceText;
use crate::structure::Document;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// One labelled provision (fields of `dev.jsonl` / `real-dev.jsonl` that evaluation needs).
#[derive(Debug, Clone, Deserialize)]
pub struct EvalItem {
    pub id: String,
    #[serde(default)]
    pub law: String,
    #[serde(default)]
    pub norm: String,
    /// The provision's wording; empty when the set gives `file` and a byte range instead.
    #[serde(default)]
    pub text: String,
    pub label: String,
    #[serde(default)]
    pub categories: Vec<String>,
    #[serde(default)]
    pub note: String,
    /// Reasonable reviewers could disagree on the label (`real-dev.jsonl`).
    #[serde(default)]
    pub debatable: bool,
    /// Where the text lies, for sets that store no law text: a path relative to a corpus folder.
    #[serde(default)]
    pub file: Option<String>,
    #[serde(default)]
    pub start: Option<usize>,
    #[serde(default)]
    pub end: Option<usize>,
    /// FNV-1a (64 bit, hex) of the bytes `start..end`, to notice a changed corpus.
    #[serde(default)]
    pub fnv1a: Option<String>,
}

impl EvalItem {
    pub fn is_positive(&self) -> bool {
        self.label == "barrier"
    }

    /// Left out of the main score: `"debatable": true`, or `DEBATABLE` in the note (`dev.jsonl`).
    pub fn is_debatable(&self) -> bool {
        self.debatable || self.note.contains("DEBATABLE")
    }
}

/// The categories whose findings make a provision a predicted barrier: the barrier family and
/// outdated technology (Telefax as the only channel, Diskette), as LABELLING.md scores them.
pub fn is_scored_category(category: Category) -> bool {
    category.is_barrier_family() || category == Category::Technologie
}

/// Reads JSON Lines; blank lines are skipped. Errors name the line; an item needs a `text` or a
/// `file` with `start` and `end`.
pub fn read_jsonl(text: &str) -> Result<Vec<EvalItem>, String> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let item: EvalItem = serde_json::from_str(line).map_err(|e| format!("Zeile {}: {e}", i + 1))?;
        if item.text.is_empty() && (item.file.is_none() || item.start.is_none() || item.end.is_none()) {
            return Err(format!("Zeile {}: {} hat weder `text` noch `file` mit `start` und `end`", i + 1, item.id));
        }
        out.push(item);
    }
    Ok(out)
}

/// FNV-1a, 64 bit, as 16 lower-case hex digits: the hash a text-free set stores per item.
pub fn fnv1a(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// Fills in the text of every item that names a `file` and a byte range, reading each file once
/// with `load` (which gets the item's `file` as written). Fails on the first item whose file
/// cannot be read, whose range does not fit, whose bytes are not UTF-8 or whose hash differs —
/// a changed corpus must not be scored silently.
pub fn resolve_texts(items: &mut [EvalItem], mut load: impl FnMut(&str) -> Result<Vec<u8>, String>) -> Result<(), String> {
    let mut files: HashMap<String, Vec<u8>> = HashMap::new();
    for item in items.iter_mut().filter(|i| i.text.is_empty()) {
        let (Some(file), Some(start), Some(end)) = (&item.file, item.start, item.end) else { continue };
        if !files.contains_key(file) {
            let bytes = load(file).map_err(|e| format!("{}: {file}: {e}", item.id))?;
            files.insert(file.clone(), bytes);
        }
        let bytes = &files[file];
        let Some(slice) = bytes.get(start..end) else {
            return Err(format!("{}: {file}: Bereich {start}..{end} liegt außerhalb der Datei ({} Bytes)", item.id, bytes.len()));
        };
        if let Some(expected) = &item.fnv1a {
            let got = fnv1a(slice);
            if &got != expected {
                return Err(format!("{}: {file}: Prüfsumme {got} statt {expected} – der Korpus hat sich geändert", item.id));
            }
        }
        item.text = String::from_utf8(slice.to_vec()).map_err(|_| format!("{}: {file}: Bereich {start}..{end} ist kein UTF-8", item.id))?;
    }
    Ok(())
}

/// Confusion counts of a binary decision.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    #[serde(rename = "fn")]
    pub fn_: usize,
    pub tn: usize,
}

impl Counts {
    fn add(&mut self, predicted: bool, actual: bool) {
        match (predicted, actual) {
            (true, true) => self.tp += 1,
            (true, false) => self.fp += 1,
            (false, true) => self.fn_ += 1,
            (false, false) => self.tn += 1,
        }
    }

    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// 1.0 for an empty denominator: nothing to get wrong.
fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// What the engine said about one item.
#[derive(Debug, Clone, Serialize)]
pub struct ItemOutcome {
    pub id: String,
    pub law: String,
    pub norm: String,
    pub label: String,
    pub categories: Vec<String>,
    pub debatable: bool,
    pub predicted: bool,
    /// Scored categories of the barrier-level findings.
    pub predicted_categories: Vec<String>,
    /// `rule: „text“` of each barrier-level finding.
    pub findings: Vec<String>,
    /// The beginning of the text, for listing misses and false alarms.
    pub excerpt: String,
}

impl ItemOutcome {
    pub fn is_miss(&self) -> bool {
        self.label == "barrier" && !self.predicted
    }

    pub fn is_false_alarm(&self) -> bool {
        self.label != "barrier" && self.predicted
    }

    /// For a true positive: does a predicted category agree with a labelled one?
    pub fn category_agrees(&self) -> bool {
        self.predicted_categories.iter().any(|c| self.categories.contains(c))
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct CategoryCounts {
    pub category: String,
    pub counts: Counts,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct EvalReport {
    pub items: usize,
    /// Items marked debatable, left out of the main score.
    pub debatable_items: usize,
    /// The main score: items not marked debatable.
    pub overall: Counts,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// All items, debatable ones included.
    pub with_debatable: Counts,
    /// The debatable items alone.
    pub debatable: Counts,
    /// Per scored category, on the items of the main score.
    pub per_category: Vec<CategoryCounts>,
    /// Among the true positives of the main score: those whose predicted categories meet the
    /// labelled ones, and all of them.
    pub category_agreement: (usize, usize),
    pub outcomes: Vec<ItemOutcome>,
}

impl EvalReport {
    pub fn category_agreement_rate(&self) -> f64 {
        ratio(self.category_agreement.0, self.category_agreement.1)
    }
}

fn excerpt(text: &str, n: usize) -> String {
    let t: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if t.chars().count() <= n {
        t
    } else {
        format!("{}…", t.chars().take(n).collect::<String>())
    }
}

/// The item as the document the engine reads: a provision under a bare § heading. An item is one
/// provision, never a whole law, so its first line is no title — read alone, a list's introducing
/// clause („Der schriftlichen Genehmigung der Gemeinde bedürfen“) would be taken for the title of
/// a law and not be checked.
fn provision_text(text: &str) -> String {
    format!("§ 1 – Vorschrift\n\n{text}")
}

/// Runs the rule set on every item and measures the barrier decision.
pub fn evaluate(items: &[EvalItem], rules: &RuleSet, options: &CheckOptions) -> EvalReport {
    let mut outcomes = Vec::new();
    let (mut overall, mut with_debatable, mut debatable) = (Counts::default(), Counts::default(), Counts::default());
    let mut per: Vec<(Category, Counts)> =
        Category::ALL.iter().filter(|&&c| is_scored_category(c)).map(|&c| (c, Counts::default())).collect();
    let mut agree = (0, 0);
    for item in items {
        let doc = Document::parse(SourceText::from_utf8(&item.id, &provision_text(&item.text)));
        let findings: Vec<_> = rules
            .check(&doc, options)
            .into_iter()
            .filter(|f| is_scored_category(f.category) && f.severity.is_barrier())
            .collect();
        let predicted = !findings.is_empty();
        let mut cats: Vec<String> = findings.iter().map(|f| f.category.id().to_string()).collect();
        cats.sort();
        cats.dedup();
        let positive = item.is_positive();
        let disputed = item.is_debatable();
        with_debatable.add(predicted, positive);
        if disputed {
            debatable.add(predicted, positive);
        } else {
            overall.add(predicted, positive);
            for (c, counts) in per.iter_mut() {
                let labelled = positive && item.categories.iter().any(|x| x == c.id());
                let found = cats.iter().any(|x| x == c.id());
                counts.add(found, labelled);
            }
        }
        let outcome = ItemOutcome {
            id: item.id.clone(),
            law: item.law.clone(),
            norm: item.norm.clone(),
            label: item.label.clone(),
            categories: item.categories.clone(),
            debatable: disputed,
            predicted,
            predicted_categories: cats,
            findings: findings.iter().map(|f| format!("{}: „{}“", f.rule, f.text)).collect(),
            excerpt: excerpt(&item.text, 110),
        };
        if positive && predicted && !disputed {
            agree.1 += 1;
            if outcome.category_agrees() {
                agree.0 += 1;
            }
        }
        outcomes.push(outcome);
    }
    EvalReport {
        items: items.len(),
        debatable_items: items.iter().filter(|i| i.is_debatable()).count(),
        overall,
        precision: overall.precision(),
        recall: overall.recall(),
        f1: overall.f1(),
        with_debatable,
        debatable,
        per_category: per
            .into_iter()
            .map(|(c, k)| CategoryCounts { category: c.id().to_string(), counts: k, precision: k.precision(), recall: k.recall(), f1: k.f1() })
            .collect(),
        category_agreement: agree,
        outcomes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(json: &str) -> EvalItem {
        read_jsonl(json).unwrap().remove(0)
    }

    #[test]
    fn debatable_comes_from_the_field_or_the_note() {
        assert!(item(r#"{"id":"a","text":"x","label":"clean","debatable":true}"#).is_debatable());
        assert!(item(r#"{"id":"a","text":"x","label":"clean","note":"DEBATABLE: exam"}"#).is_debatable());
        assert!(!item(r#"{"id":"a","text":"x","label":"clean"}"#).is_debatable());
    }

    #[test]
    fn debatable_items_are_scored_apart() {
        let items = read_jsonl(concat!(
            r#"{"id":"1","text":"Der Antrag ist schriftlich zu stellen.","label":"barrier","categories":["schriftform"]}"#,
            "\n",
            r#"{"id":"2","text":"Die schriftliche Prüfung dauert vier Stunden.","label":"clean"}"#,
            "\n",
            r#"{"id":"3","text":"Die Anzeige ist schriftlich zu erstatten.","label":"clean","debatable":true}"#,
            "\n",
            r#"{"id":"4","text":"Mitteilungen sind ausschließlich per Telefax zu übersenden.","label":"barrier","categories":["technologie"]}"#,
        ))
        .unwrap();
        let r = evaluate(&items, RuleSet::builtin().unwrap(), &CheckOptions::default());
        assert_eq!(r.debatable_items, 1);
        assert_eq!(r.overall, Counts { tp: 2, fp: 0, fn_: 0, tn: 1 });
        assert_eq!(r.debatable, Counts { tp: 0, fp: 1, fn_: 0, tn: 0 });
        assert_eq!(r.with_debatable, Counts { tp: 2, fp: 1, fn_: 0, tn: 1 });
        let tech = r.per_category.iter().find(|c| c.category == "technologie").unwrap();
        assert_eq!(tech.counts.tp, 1, "technologie counts as a barrier category");
    }

    #[test]
    fn texts_are_read_from_a_byte_range_and_checked_against_the_hash() {
        let law = "§ 1 – Antrag\n\n(1) Der Antrag ist schriftlich zu stellen.\n";
        let (start, end) = (law.find("(1)").unwrap(), law.len() - 1);
        let hash = fnv1a(&law.as_bytes()[start..end]);
        let line = format!(r#"{{"id":"h","file":"x/law.txt","start":{start},"end":{end},"fnv1a":"{hash}","label":"barrier"}}"#);
        let mut items = read_jsonl(&line).unwrap();
        resolve_texts(&mut items, |f| if f == "x/law.txt" { Ok(law.as_bytes().to_vec()) } else { Err("fehlt".into()) }).unwrap();
        assert_eq!(items[0].text, "(1) Der Antrag ist schriftlich zu stellen.");
        let bad = line.replace(&hash, "0000000000000000");
        let mut items = read_jsonl(&bad).unwrap();
        let e = resolve_texts(&mut items, |_| Ok(law.as_bytes().to_vec())).unwrap_err();
        assert!(e.contains("Prüfsumme"), "{e}");
        assert!(read_jsonl(r#"{"id":"n","label":"clean"}"#).is_err());
    }
}
