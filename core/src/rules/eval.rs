//! Measuring the engine against a labelled set of provisions (`digicheck eval`, schema in
//! `shared/eval/README.md`): is a provision a digitalisation barrier, and of which kind?
//!
//! Each item's text is checked as a standalone provision (Gesetzestext). A provision counts as a
//! predicted barrier if some finding has a barrier-family category
//! ([`Category::is_barrier_family`]) and a severity above `niedrig` ([`Severity::is_barrier`]).
//! Label `barrier` is positive; `remedied` and `clean` are negative.

use super::{CheckOptions, RuleSet};
use crate::model::Category;
use crate::source::SourceText;
use crate::structure::Document;
use serde::{Deserialize, Serialize};

/// One labelled provision (fields of `dev.jsonl` that evaluation needs).
#[derive(Debug, Clone, Deserialize)]
pub struct EvalItem {
    pub id: String,
    #[serde(default)]
    pub law: String,
    #[serde(default)]
    pub norm: String,
    pub text: String,
    pub label: String,
    #[serde(default)]
    pub categories: Vec<String>,
    #[serde(default)]
    pub note: String,
}

impl EvalItem {
    pub fn is_positive(&self) -> bool {
        self.label == "barrier"
    }

    /// Labels a reviewer could dispute are marked `DEBATABLE` in the note.
    pub fn is_debatable(&self) -> bool {
        self.note.contains("DEBATABLE")
    }
}

/// Reads JSON Lines; blank lines are skipped. Errors name the line.
pub fn read_jsonl(text: &str) -> Result<Vec<EvalItem>, String> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let item: EvalItem = serde_json::from_str(line).map_err(|e| format!("Zeile {}: {e}", i + 1))?;
        out.push(item);
    }
    Ok(out)
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
    /// Barrier-family categories of the barrier-level findings.
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
    pub overall: Counts,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// The same measures without the items marked DEBATABLE.
    pub undisputed: Counts,
    pub per_category: Vec<CategoryCounts>,
    /// True positives whose predicted categories meet the labelled ones, and all true positives.
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

/// Runs the rule set on every item and measures the barrier decision.
pub fn evaluate(items: &[EvalItem], rules: &RuleSet, options: &CheckOptions) -> EvalReport {
    let mut outcomes = Vec::new();
    let mut overall = Counts::default();
    let mut undisputed = Counts::default();
    let mut per: Vec<(Category, Counts)> = Category::ALL.iter().filter(|c| c.is_barrier_family()).map(|&c| (c, Counts::default())).collect();
    let mut agree = (0, 0);
    for item in items {
        let doc = Document::parse(SourceText::from_utf8(&item.id, &item.text));
        let findings: Vec<_> = rules
            .check(&doc, options)
            .into_iter()
            .filter(|f| f.category.is_barrier_family() && f.severity.is_barrier())
            .collect();
        let predicted = !findings.is_empty();
        let mut cats: Vec<String> = findings.iter().map(|f| f.category.id().to_string()).collect();
        cats.sort();
        cats.dedup();
        let positive = item.is_positive();
        overall.add(predicted, positive);
        if !item.is_debatable() {
            undisputed.add(predicted, positive);
        }
        for (c, counts) in per.iter_mut() {
            let labelled = positive && item.categories.iter().any(|x| x == c.id());
            let found = cats.iter().any(|x| x == c.id());
            counts.add(found, labelled);
        }
        let outcome = ItemOutcome {
            id: item.id.clone(),
            law: item.law.clone(),
            norm: item.norm.clone(),
            label: item.label.clone(),
            categories: item.categories.clone(),
            debatable: item.is_debatable(),
            predicted,
            predicted_categories: cats,
            findings: findings.iter().map(|f| format!("{}: „{}“", f.rule, f.text)).collect(),
            excerpt: excerpt(&item.text, 110),
        };
        if positive && predicted {
            agree.1 += 1;
            if outcome.category_agrees() {
                agree.0 += 1;
            }
        }
        outcomes.push(outcome);
    }
    EvalReport {
        items: items.len(),
        overall,
        precision: overall.precision(),
        recall: overall.recall(),
        f1: overall.f1(),
        undisputed,
        per_category: per
            .into_iter()
            .map(|(c, k)| CategoryCounts { category: c.id().to_string(), counts: k, precision: k.precision(), recall: k.recall(), f1: k.f1() })
            .collect(),
        category_agreement: agree,
        outcomes,
    }
}
