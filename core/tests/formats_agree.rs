//! The same draft as .txt, .docx and .pdf gives the same structure — every §, Absatz, Artikel,
//! Nummer and Buchstabe with the same norm path — and the same findings: rule id, norm path and
//! matched words. The drafts are the sample drafts in `corpus/` (generated .docx/.pdf committed next
//! to their .txt). Agreement is measured as the longest common subsequence over the larger count;
//! anything below 100 % fails, so a regression shows at once.

use digicheck_core::input::{self, InputLimits};
use digicheck_core::{CheckOptions, Document, NodeKind, RuleSet};
use std::path::{Path, PathBuf};

/// `corpus/` of this repository, or `DIGICHECK_DRAFTS` if set.
fn drafts_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("DIGICHECK_DRAFTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| digicheck_testkit::repo_path("corpus"));
    let has_drafts = dir.is_dir()
        && std::fs::read_dir(&dir).unwrap().any(|e| e.unwrap().path().extension().is_some_and(|x| x == "docx"));
    if has_drafts {
        Some(dir)
    } else if std::env::var_os("CI").is_some() {
        panic!("{}: no sample drafts (.txt/.docx/.pdf), but CI is set", dir.display());
    } else {
        eprintln!("NOTE: {} has no sample drafts — format agreement tests skipped", dir.display());
        None
    }
}

fn findings(doc: &Document) -> Vec<String> {
    let rules = RuleSet::builtin().expect("built-in rules");
    rules.check(doc, &CheckOptions::default()).iter().map(|f| format!("{} {} „{}“", f.rule, f.norm, f.text)).collect()
}

pub fn structure(doc: &Document) -> Vec<String> {
    doc.ids()
        .filter(|&n| {
            matches!(
                doc.node(n).kind,
                NodeKind::Artikel
                    | NodeKind::Paragraph
                    | NodeKind::Absatz
                    | NodeKind::Nummer
                    | NodeKind::Buchstabe
                    | NodeKind::Doppelbuchstabe
            )
        })
        .map(|n| format!("{:?} {}", doc.node(n).kind, doc.node(n).norm))
        .collect()
}

fn parse(path: &Path) -> Document {
    let bytes = std::fs::read(path).unwrap();
    let source =
        input::read(&path.display().to_string(), &bytes, &InputLimits::default()).unwrap_or_else(|e| panic!("{e}"));
    Document::parse(source)
}

/// Share of the .txt's units found with the same norm path, in order (longest common subsequence).
fn agreement(txt: &[String], other: &[String]) -> f64 {
    let (n, m) = (txt.len(), other.len());
    let mut dp = vec![vec![0usize; m + 1]; n + 1];
    for i in 0..n {
        for j in 0..m {
            dp[i + 1][j + 1] = if txt[i] == other[j] { dp[i][j] + 1 } else { dp[i][j + 1].max(dp[i + 1][j]) };
        }
    }
    dp[n][m] as f64 / n.max(m).max(1) as f64
}

#[test]
fn docx_and_pdf_match_txt_in_structure_and_findings() {
    let Some(dir) = drafts_dir() else { return };
    let mut txts: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    txts.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    txts.sort();
    let mut failures = Vec::new();
    let (mut units, mut found) = ((0, 0.0), (0, 0.0));
    for txt in &txts {
        let reference_doc = parse(txt);
        let reference = structure(&reference_doc);
        let reference_findings = findings(&reference_doc);
        for ext in ["docx", "pdf"] {
            let other = txt.with_extension(ext);
            if !other.is_file() {
                continue;
            }
            let doc = parse(&other);
            for (what, want, got, total) in [
                ("units", &reference, structure(&doc), &mut units),
                ("findings", &reference_findings, findings(&doc), &mut found),
            ] {
                let a = agreement(want, &got);
                total.0 += want.len();
                total.1 += a * want.len() as f64;
                eprintln!("{} vs .{ext}: {} {what}, agreement {:.1} %", txt.display(), want.len(), a * 100.0);
                if a < 1.0 {
                    let missing: Vec<_> = want.iter().filter(|r| !got.contains(r)).take(5).collect();
                    let extra: Vec<_> = got.iter().filter(|r| !want.contains(r)).take(5).collect();
                    failures.push(format!(
                        "{} .{ext} {what}: {:.1} %, missing {missing:?}, extra {extra:?}",
                        txt.display(),
                        a * 100.0
                    ));
                }
            }
        }
    }
    eprintln!(
        "overall: structure {:.1} % of {} units, findings {:.1} % of {} findings (.docx and .pdf against .txt)",
        100.0 * units.1 / units.0.max(1) as f64,
        units.0,
        100.0 * found.1 / found.0.max(1) as f64,
        found.0
    );
    assert!(found.0 > 0, "the engine found nothing in the drafts; the agreement would be meaningless");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
