//! The engine against the labelled development set (`shared/eval/dev.jsonl`): the quality bar of
//! the barrier decision and of the categories. The main score leaves out the items marked
//! DEBATABLE. Precision must stay at 0.98 or better; recall at 0.90 or better since round 4 of
//! issue #15 (measured 0.920): the rules whose judged precision on real law stayed below 0.9 —
//! registered letter, postal way, seals, public display, notice by posting — run only on demand,
//! so six items of this set that rest on them alone are no longer found (docs/quality.md).

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
