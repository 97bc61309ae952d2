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
    digicheck().args(["rules", "test"]).assert().success().stdout(predicate::str::contains(" passed, 0 failed"));
}

#[test]
fn rules_test_exit_codes_for_failing_examples_and_broken_files() {
    digicheck()
        .args(["rules", "test", &fixture("failing-example")])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("beispiel.dc:10:3: Beispiel für DC-XX-002 wird gemeldet"));
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
