//! The engine on real-distribution sets: `shared/eval/real-dev.jsonl` (random provisions of real
//! law that contain a barrier word, labelled by LABELLING.md) is the quality bar CI guards, and
//! `tests/eval/holdout.jsonl` (drawn the same way, labelled before any tuning, no law text — the
//! provisions are read from `shared/corpus` by byte range) shows whether the rules generalise.
//! Scores leave debatable items out.

use digicheck_core::rules::eval::{evaluate, read_jsonl, resolve_texts, EvalItem, EvalReport};
use digicheck_core::{CheckOptions, RuleSet};
use std::collections::{HashMap, HashSet};
use std::io::Read;
use digicheck_testkit::{shared_corpus, shared_dir};
use std::path::Path;

fn summary(name: &str, r: &EvalReport) -> String {
    let mut s = format!(
        "{name}: P {:.3} R {:.3} (tp {}, fp {}, fn {}, tn {}); with debatable P {:.3} R {:.3}\n",
        r.precision,
        r.recall,
        r.overall.tp,
        r.overall.fp,
        r.overall.fn_,
        r.overall.tn,
        r.with_debatable.precision(),
        r.with_debatable.recall()
    );
    for c in &r.per_category {
        s += &format!("  {:<12} P {:.3} R {:.3} (tp {}, fp {}, fn {})\n", c.category, c.precision, c.recall, c.counts.tp, c.counts.fp, c.counts.fn_);
    }
    for o in r.outcomes.iter().filter(|o| !o.debatable && (o.is_miss() || o.is_false_alarm())) {
        let kind = if o.is_miss() { "miss" } else { "false alarm" };
        s += &format!("  {kind}: {} {} {}: {:?}\n", o.id, o.law, o.norm, o.findings);
    }
    s
}

#[test]
fn real_dev_precision_and_recall_at_least_095() {
    let Some(path) = shared_dir("eval", "the real-distribution evaluation").map(|d| d.join("real-dev.jsonl")) else { return };
    let items = read_jsonl(&std::fs::read_to_string(path).unwrap()).unwrap();
    let report = evaluate(&items, RuleSet::builtin().unwrap(), &CheckOptions::default());
    let text = summary("real-dev", &report);
    eprintln!("{text}");
    assert!(report.precision >= 0.95 && report.recall >= 0.95, "real-dev below 0.95:\n{text}");
}

/// Reads the provisions of a text-free set from the shared corpus: `federal/…` from inside
/// `federal.tar.gz` (one pass over the archive for all wanted files), everything else as a file.
fn resolve_from_corpus(items: &mut [EvalItem], corpus: &Path) {
    let wanted: HashSet<String> = items.iter().filter_map(|i| i.file.clone()).filter(|f| f.starts_with("federal/")).collect();
    let mut federal: HashMap<String, Vec<u8>> = HashMap::new();
    if !wanted.is_empty() {
        let archive = std::fs::File::open(corpus.join("federal.tar.gz")).expect("federal.tar.gz");
        let mut tar = tar::Archive::new(flate2::read::GzDecoder::new(archive));
        for entry in tar.entries().expect("archive entries") {
            let mut entry = entry.expect("archive entry");
            let name = entry.path().expect("entry path").to_string_lossy().into_owned();
            if wanted.contains(&name) {
                let mut bytes = Vec::new();
                entry.read_to_end(&mut bytes).expect("entry bytes");
                federal.insert(name, bytes);
            }
        }
    }
    resolve_texts(items, |file| match federal.remove(file) {
        Some(bytes) => Ok(bytes),
        None => std::fs::read(corpus.join(file)).map_err(|e| e.to_string()),
    })
    .unwrap_or_else(|e| panic!("holdout: {e}"));
}

/// Scores a text-free set of `tests/eval` (provisions read from the shared corpus by byte range);
/// `None` where the corpus is missing outside CI (`shared_corpus` fails loudly under CI).
fn score_text_free(set: &str, min_items: usize) -> Option<(EvalReport, String)> {
    let corpus = shared_corpus("the real-distribution evaluation")?;
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/eval").join(format!("{set}.jsonl"));
    let mut items = read_jsonl(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert!(items.len() >= min_items, "{set}: {} items, expected at least {min_items}", items.len());
    resolve_from_corpus(&mut items, &corpus);
    assert!(items.iter().all(|i| !i.text.is_empty()));
    let report = evaluate(&items, RuleSet::builtin().unwrap(), &CheckOptions::default());
    let text = summary(set, &report);
    eprintln!("{text}");
    Some((report, text))
}

/// Fails when a set falls below its guard: the level measured at the end of the round that
/// labelled it (docs/quality.md), less a margin of about one item each.
fn assert_at_least(set: &str, min_items: usize, precision: f64, recall: f64) {
    let Some((report, text)) = score_text_free(set, min_items) else { return };
    assert!(
        report.precision >= precision && report.recall >= recall,
        "{set} below its guard (P {precision}, R {recall}):\n{text}"
    );
}

#[test]
fn holdout_is_read_from_the_corpus_and_scored() {
    score_text_free("holdout", 150);
}

/// The held-out sets after the first (labelled before any run, never tuned on; their errors not
/// read), each guarded at its measured level less about one item: holdout2 from round 4 (P 0.814,
/// R 0.875), holdout3 from the end of round 16 (220 provisions; 0.833 / 0.962), holdout4 from its
/// one score at the end of round 17 (275 provisions; 0.911 / 0.927), holdout5 from its one score at
/// the end of round 18 (309 provisions; 0.900 / 0.844).
#[test]
fn held_out_sets_stay_at_their_measured_level() {
    for (set, items, precision, recall) in
        [("holdout2", 200, 0.78, 0.85), ("holdout3", 200, 0.80, 0.92), ("holdout4", 250, 0.89, 0.90), ("holdout5", 290, 0.88, 0.82)]
    {
        assert_at_least(set, items, precision, recall);
    }
}

/// The tuning sets of round 16 (labelled the same way; their errors were read and the rules
/// changed where a general rule covered them): guards from the end of round 16.
#[test]
fn tuning_sets_stay_at_their_measured_level() {
    assert_at_least("tuning3", 100, 0.91, 0.84);
    assert_at_least("tuning4", 180, 0.93, 0.93);
}

/// The tuning sets of round 17, each scored once before its errors were read (P / R then → at the
/// end of the round): tuning5 (300 provisions) 0.946 / 0.972 → 1.000 / 1.000, tuning6 (375)
/// 0.955 / 0.926 → 0.985 / 0.941, tuning7 (370) 0.914 / 0.970 → 0.970 / 0.985, tuning8 (379)
/// 0.968 / 0.953 → 1.000 / 0.969. Guards about one item below the end of the round.
#[test]
fn tuning_sets_of_round_17_stay_at_their_measured_level() {
    for (set, items, precision, recall) in
        [("tuning5", 280, 0.97, 0.97), ("tuning6", 350, 0.97, 0.92), ("tuning7", 340, 0.95, 0.97), ("tuning8", 350, 0.98, 0.95)]
    {
        assert_at_least(set, items, precision, recall);
    }
}

/// The tuning set of round 18 (309 provisions, labelled blind by four reviewers), scored once
/// before its errors were read: P 0.949 / R 0.949 (tp 56, fp 3, fn 3). Guard about one item below
/// its level after the round's changes.
#[test]
fn tuning_set_of_round_18_stays_at_its_measured_level() {
    assert_at_least("tuning9", 290, 0.98, 0.93);
}
