//! The engine against the labelled development set (`shared/eval/dev.jsonl`): the quality bar of
//! the barrier decision and of the categories. The main score leaves out the items marked
//! DEBATABLE; precision must stay at 0.98 or better. Recall is guarded at 0.90 since round 3 of
//! issue #15: the rules of persönliches Erscheinen, Post, Siegel, Aushang and most Papier rules
//! went `default off` because their judged precision on real law stayed far below 0.9
//! (`docs/quality.md`); the seven dev items they found (measured R 0.907) are now found only with
//! those rules on demand.

use digicheck_core::rules::eval::{evaluate, read_jsonl};
use digicheck_core::{CheckOptions, RuleSet};

#[test]
fn dev_set_precision_recall_and_category_agreement() {
    let Some(text) = digicheck_testkit::shared_text("eval/dev.jsonl", "the evaluation test") else { return };
    let items = read_jsonl(&text).unwrap();
    let report = evaluate(&items, RuleSet::builtin().unwrap(), &CheckOptions::default());
    let misses: Vec<String> = report
        .outcomes
        .iter()
        .filter(|o| o.is_miss() || o.is_false_alarm())
        .map(|o| format!("{} {} {} {}: {:?}", o.id, o.law, o.norm, o.label, o.findings))
        .collect();
    eprintln!(
        "P {:.3} R {:.3} F1 {:.3} category agreement {:.3}",
        report.precision,
        report.recall,
        report.f1,
        report.category_agreement_rate()
    );
    assert!(report.precision >= 0.98, "precision {:.3}\n{}", report.precision, misses.join("\n"));
    assert!(report.recall >= 0.90, "recall {:.3}\n{}", report.recall, misses.join("\n"));
    assert!(report.category_agreement_rate() >= 0.90, "category agreement {:.3}", report.category_agreement_rate());
}
