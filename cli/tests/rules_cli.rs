//! `digicheck rules …`, `explain` and `eval` from the outside.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::Path;

fn digicheck() -> Command {
    Command::cargo_bin("digicheck").unwrap()
}

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/tests/fixtures/rules").join(name).display().to_string()
}

#[test]
fn rules_test_passes_for_the_builtin_catalogue() {
    let out = digicheck().args(["rules", "test"]).assert().success().get_output().stdout.clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.ends_with("Beispiele: alle verhalten sich wie angegeben\n"), "{text}");
    assert!(!text.contains("passed") && !text.contains("failed"), "{text}");
}

#[test]
fn rules_list_has_a_header_and_aligned_columns() {
    let out = digicheck().args(["rules", "list"]).assert().success().get_output().stdout.clone();
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("Kennung  ") && lines[0].contains("Schwere") && lines[0].ends_with("Titel"), "{}", lines[0]);
    let column = |line: &str, word: &str| line.find(word).map(|b| line[..b].chars().count());
    let title_at = column(lines[0], "Titel").unwrap();
    let severity_at = column(lines[0], "Schwere").unwrap();
    let sf001 = lines.iter().find(|l| l.starts_with("DC-SF-001 ")).unwrap();
    assert_eq!(column(sf001, "Antrag in Schriftform"), Some(title_at), "{sf001}");
    assert_eq!(column(sf001, "hoch"), Some(severity_at), "{sf001}");
    assert!(text.trim_end().ends_with(" Regeln"), "{text}");
}

#[test]
fn rules_test_exit_codes_for_failing_examples_and_broken_files() {
    digicheck()
        .args(["rules", "test", &fixture("failing-example")])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("beispiel.dc:10:3: Beispiel für DC-XX-002 wird gemeldet").and(predicate::str::contains("1 verhält sich nicht wie angegeben")));
    digicheck()
        .args(["rules", "test", &fixture("malformed")])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("kaputt.dc:6:3: Syntaxfehler: erwartet"));
}

#[test]
fn rules_list_json_has_the_metadata_fields() {
    let out = digicheck().args(["rules", "list", "--format", "json"]).assert().success().get_output().stdout.clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let rules = v.as_array().unwrap();
    assert!(rules.len() >= 60);
    for key in ["id", "name", "title", "category", "severity", "principle"] {
        assert!(rules[0].get(key).is_some(), "missing {key}");
    }
}

#[test]
fn explain_and_show_render_the_rule_metadata() {
    digicheck()
        .args(["explain", "DC-SF-001"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Antrag in Schriftform").and(predicate::str::contains("§ 3a VwVfG M-V")));
    digicheck().args(["rules", "show", "schriftlicher-antrag"]).assert().success().stdout(predicate::str::contains("rules/schriftform.dc:"));
    digicheck().args(["explain", "DC-XX-999"]).assert().code(2);
    // The message and fix on the rule's own example, not the templates.
    let out = digicheck().args(["explain", "DC-SF-013"]).assert().success().get_output().stdout.clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("Beispiel:  „In § 5 Absatz 1 werden die Wörter „oder elektronisch“ gestrichen.“"), "{text}");
    assert!(!text.contains('{'), "{text}");
}

#[test]
fn triggers_are_one_literal_per_line() {
    digicheck().args(["rules", "triggers"]).assert().success().stdout(predicate::str::contains("\nschriftlich\n"));
}

#[test]
fn eval_reports_figures() {
    let dev = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/eval/dev.jsonl");
    if !dev.exists() {
        assert!(std::env::var_os("CI").is_none(), "{} missing", dev.display());
        return;
    }
    digicheck()
        .args(["eval", &dev.display().to_string()])
        .assert()
        .success()
        .stdout(predicate::str::contains("Hemmnis ja/nein").and(predicate::str::contains("Je Kategorie")));
}

/// `explain` knows every rule id any output can contain: every rule of the catalogue, the rules the
/// amendment layer reports (DC-AE-…), and every id in the JSON of the corpus drafts and of an
/// amending draft that brings out both amendment rules. SARIF then has full metadata for them too.
#[test]
fn explain_knows_every_rule_id_an_output_can_contain() {
    let list = digicheck().args(["rules", "list", "--format", "json"]).assert().success().get_output().stdout.clone();
    let mut ids: std::collections::BTreeSet<String> =
        serde_json::from_slice::<serde_json::Value>(&list).unwrap().as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap().to_string()).collect();
    assert!(ids.contains(digicheck_core::amend::RULE_ALTERNATIVE_REMOVED) && ids.contains(digicheck_core::amend::RULE_BARRIER_REDUCED));
    let dir = tempfile::tempdir().unwrap();
    let amending = dir.path().join("aenderung.txt");
    std::fs::write(
        &amending,
        digicheck_testkit::amending_draft(
            "1. In § 7 Absatz 1 werden die Wörter „oder per E-Mail“ gestrichen.\n2. In § 3 Absatz 2 werden die Wörter „durch einen Ausdruck“ durch die Wörter „durch eine elektronische Kopie“ ersetzt.",
        ),
    )
    .unwrap();
    let mut inputs: Vec<String> = digicheck_testkit::DRAFTS.iter().map(|d| digicheck_testkit::repo_path("corpus").join(d).display().to_string()).collect();
    inputs.push(amending.display().to_string());
    let out = digicheck().args(["check", "--format", "json", "--begruendung"]).args(&inputs).assert().code(1).get_output().stdout.clone();
    let files: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let found: std::collections::BTreeSet<String> =
        files.as_array().unwrap().iter().flat_map(|f| f["findings"].as_array().unwrap().iter().map(|x| x["rule"].as_str().unwrap().to_string())).collect();
    for id in ["DC-AE-001", "DC-AE-002"] {
        assert!(found.contains(id), "the amending draft brings out {id}: {found:?}");
    }
    for f in files.as_array().unwrap().iter().flat_map(|f| f["findings"].as_array().unwrap()) {
        assert!(f["title"].is_string(), "every finding has its rule's title: {f}");
    }
    ids.extend(found);
    for id in &ids {
        digicheck().args(["explain", id]).assert().success().stdout(predicate::str::starts_with(format!("{id} ")));
    }
    let sarif = digicheck().args(["check", "--format", "sarif"]).arg(&amending).assert().code(1).get_output().stdout.clone();
    let log: serde_json::Value = serde_json::from_slice(&sarif).unwrap();
    for d in log["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap() {
        assert!(d["help"]["text"].as_str().is_some_and(|t| t.len() > 100), "full rule metadata in SARIF: {d}");
    }
}

/// The committed pages in docs/rules/ are what `digicheck rules docs` writes today; after a change
/// of the catalogue run `digicheck rules docs docs/rules` and commit the pages.
#[test]
fn rule_pages_in_docs_are_up_to_date() {
    let dir = tempfile::tempdir().unwrap();
    digicheck().args(["rules", "docs"]).arg(dir.path()).assert().success();
    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/rules");
    let names = |d: &Path| -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(d).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        v.sort();
        v
    };
    assert_eq!(names(&committed), names(dir.path()), "docs/rules is out of date: run `digicheck rules docs docs/rules`");
    for name in names(dir.path()) {
        let want = std::fs::read_to_string(dir.path().join(&name)).unwrap();
        let have = std::fs::read_to_string(committed.join(&name)).unwrap();
        assert!(want == have, "docs/rules/{name} is out of date: run `digicheck rules docs docs/rules`");
        assert!(!have.contains('{'), "docs/rules/{name}: a raw placeholder");
    }
    // A rule with wordings for different forms of the words shows which words get which.
    let seal = std::fs::read_to_string(committed.join("DC-SI-001.md")).unwrap();
    assert!(seal.contains("## Vorschläge") && seal.contains("- „Dienstsiegeln“ → „Dienstsiegeln oder elektronischen Siegeln“"), "{seal}");
}
