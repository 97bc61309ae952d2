//! End-to-end tests of the document formats: a batch of malformed files next to good ones,
//! findings in tracked insertions, and `digicheck annotate` writing Word comments.

use assert_cmd::Command;
use digicheck_core::annotate::comments_in;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn digicheck() -> Command {
    let mut c = Command::cargo_bin("digicheck").unwrap();
    c.current_dir(repo()).env("NO_COLOR", "1");
    c
}

fn check_json(args: &[&str]) -> (Value, i32, String) {
    let out = digicheck().args(["check", "--format", "json", "-q"]).args(args).output().unwrap();
    let v: Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)));
    (v, out.status.code().unwrap(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn malformed_files_each_get_their_own_error_and_good_files_are_still_checked() {
    let (v, code, stderr) = check_json(&["tests/fixtures/malformed"]);
    assert_eq!(code, 2, "input errors give exit code 2");
    assert!(!stderr.contains("panicked"), "a panic leaked to standard error:\n{stderr}");
    let files = v.as_array().unwrap();
    let by_name = |n: &str| {
        files.iter().find(|f| f["file"].as_str().unwrap().ends_with(n)).unwrap_or_else(|| panic!("{n} not reported"))
    };
    let expected = [
        ("deep.xml", "verschachtelt"),
        ("empty.txt", "Datei ist leer"),
        ("encrypted.pdf", "verschlüsselt"),
        ("entity-bomb.xml", "DTD"),
        ("garbage.pdf", "PDF ist beschädigt"),
        ("noise.txt", "keine Textdatei"),
        ("not-word.docx", "kein Word-Dokument"),
        ("panicking.pdf", "interner Fehler des PDF-Lesers"),
        ("scanned.pdf", "keinen Text"),
        ("truncated.docx", "abgeschnitten"),
        ("zip-bomb.docx", "ZIP-Bombe"),
    ];
    for (name, problem) in expected {
        let f = by_name(name);
        let errors = f["errors"].as_array().unwrap();
        assert_eq!(errors.len(), 1, "{name}: {errors:?}");
        assert!(errors[0].as_str().unwrap().contains(problem), "{name}: {}", errors[0]);
        assert!(stderr.contains(&format!("{name}: ")), "{name} not named on standard error");
    }
    for good in ["good.docx", "good.pdf", "good.txt", "good.xml"] {
        let f = by_name(good);
        assert_eq!(f["errors"].as_array().unwrap().len(), 0, "{good}: {}", f["errors"]);
        assert!(!f["findings"].as_array().unwrap().is_empty(), "{good}: no findings");
    }
    assert_eq!(files.len(), expected.len() + 4);
    let xml = by_name("good.xml");
    assert_eq!(xml["findings"][0]["eid"], "art-1_abs-1_inhalt-1_text-1");
}

#[test]
fn finding_in_a_tracked_insertion_is_marked() {
    let (v, _, _) = check_json(&["tests/fixtures/docx/tracked.docx"]);
    let findings = v[0]["findings"].as_array().unwrap();
    let f = findings.iter().find(|f| f["text"] == "schriftlich").expect("a finding on the inserted „schriftlich“");
    assert_eq!(f["inserted"], true);
    assert_eq!(f["norm"], "§ 1 Abs. 1");
    assert_eq!(f["origin"]["kind"], "docx");
    for other in findings.iter().filter(|f| f["text"] != "schriftlich" && f["text"] != "per Post") {
        assert!(other.get("inserted").is_none(), "{other}");
    }
}

#[test]
fn annotate_writes_one_comment_per_finding_and_never_touches_the_input() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("entwurf.docx");
    std::fs::copy(repo().join("corpus/gesetzentwurf-hundehaltung-mv.docx"), &input).unwrap();
    let before = std::fs::read(&input).unwrap();
    let out = dir.path().join("entwurf-kommentiert.docx");

    // Output == input is refused, also through another path.
    let same = dir.path().join(".").join("entwurf.docx");
    let r = digicheck().args(["annotate"]).arg(&input).arg("-o").arg(&same).arg("--force").output().unwrap();
    assert_eq!(r.status.code(), Some(2), "{}", String::from_utf8_lossy(&r.stderr));
    assert!(String::from_utf8_lossy(&r.stderr).contains("Eingabedatei"));

    let r = digicheck().args(["annotate"]).arg(&input).arg("-o").arg(&out).output().unwrap();
    assert!(out.is_file(), "{}", String::from_utf8_lossy(&r.stderr));
    assert_eq!(r.status.code(), Some(0), "the comments are written: done, whatever the findings");
    assert!(String::from_utf8_lossy(&r.stderr).contains("Kommentare in"));
    // An existing output is not replaced without --force.
    let r2 = digicheck().args(["annotate"]).arg(&input).arg("-o").arg(&out).output().unwrap();
    assert_eq!(r2.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&r2.stderr).contains("--force"));
    let r3 = digicheck().args(["annotate"]).arg(&input).arg("-o").arg(&out).arg("--force").output().unwrap();
    assert_eq!(r3.status.code(), r.status.code());
    assert_eq!(std::fs::read(&input).unwrap(), before, "the input was changed");

    let (v, _, _) = check_json(&[input.to_str().unwrap()]);
    let findings = v[0]["findings"].as_array().unwrap();
    let comments = comments_in(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(comments.len(), findings.len(), "one comment per finding");
    for (c, f) in comments.iter().zip(findings) {
        assert_eq!(c.author, "Digi-Check");
        assert_eq!(c.anchored.split_whitespace().collect::<Vec<_>>().join(" "), f["text"].as_str().unwrap(), "{c:?}");
        assert!(c.text.starts_with(f["message"].as_str().unwrap()), "{c:?}");
        assert!(c.text.contains(&format!("Regel {}", f["rule"].as_str().unwrap())));
        if let Some(fix) = f["fix"].as_str() {
            assert!(c.text.contains(&format!("Vorschlag: „{fix}“")));
        }
    }
}

#[test]
fn annotate_refuses_what_is_not_word() {
    let dir = tempfile::tempdir().unwrap();
    let r = digicheck()
        .args(["annotate", "corpus/gesetzentwurf-hundehaltung-mv.pdf", "-o"])
        .arg(dir.path().join("x.docx"))
        .output()
        .unwrap();
    assert_eq!(r.status.code(), Some(2), "usage and input errors exit with 2");
    assert!(String::from_utf8_lossy(&r.stderr).contains("keine Word-Datei"));
}

#[test]
fn sarif_fingerprints_are_unique_and_every_rule_links_its_page() {
    let out = digicheck()
        .args(["check", "--format", "sarif", "-q", "corpus/verordnung-fischereischein-mv.txt", "corpus/gesetzentwurf-hundehaltung-mv.txt"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let run = &v["runs"][0];
    let results = run["results"].as_array().unwrap();
    let mut seen = std::collections::BTreeSet::new();
    for r in results {
        let uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str().unwrap();
        let print = r["partialFingerprints"]["digicheckFingerprint/v1"].as_str().unwrap();
        assert!(seen.insert((uri.to_string(), print.to_string())), "fingerprint {print} twice in {uri}");
    }
    // Two findings of DC-OR-002 in § 10 Abs. 2 Satz 2 of the ordinance („beglaubigten Kopie …
    // und einer beglaubigten Übersetzung“): two fingerprints.
    let or002: Vec<&Value> = results
        .iter()
        .filter(|r| r["ruleId"] == "DC-OR-002" && r["locations"][0]["physicalLocation"]["region"]["startLine"] == 151)
        .collect();
    assert_eq!(or002.len(), 2);
    assert_ne!(or002[0]["partialFingerprints"], or002[1]["partialFingerprints"]);
    let driver = &run["tool"]["driver"];
    assert!(driver.get("informationUri").is_none_or(|u| !u.as_str().unwrap().contains("example")), "{driver}");
    for rule in driver["rules"].as_array().unwrap() {
        let id = rule["id"].as_str().unwrap();
        // Without an absolute address of the pages (DIGICHECK_DOCS_URL at build time) there is no
        // helpUri, which SARIF wants absolute; the help text names the page instead.
        let text = rule["help"]["text"].as_str().unwrap();
        let page = format!("docs/rules/{id}.md");
        match rule["helpUri"].as_str() {
            Some(help) => assert!(help.starts_with("http") && help.ends_with(&page), "{help}"),
            None => assert!(text.ends_with(&format!("Ausführlich: {page}")), "{text}"),
        }
        assert!(repo().join(&page).is_file(), "{page} does not exist");
    }
}

#[test]
fn csv_has_german_category_labels_and_their_ids() {
    let out = digicheck().args(["check", "--format", "csv", "corpus/gesetzentwurf-hundehaltung-mv.txt"]).output().unwrap();
    let csv = String::from_utf8(out.stdout).unwrap();
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().trim_start_matches('\u{FEFF}').split(';').collect();
    let cat = header.iter().position(|h| *h == "Kategorie").unwrap();
    let id = header.iter().position(|h| *h == "Kategorie-ID").unwrap();
    let rule = header.iter().position(|h| *h == "Regel").unwrap();
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(';').collect()).collect();
    assert!(rows.iter().any(|r| r[cat] == "Persönliches Erscheinen" && r[id] == "persoenlich"), "{csv}");
    assert!(rows.iter().all(|r| r[rule].starts_with("DC-")), "{csv}");
}
