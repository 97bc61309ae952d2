//! Checking is deterministic: the same files give the same findings and errors whatever the
//! number of threads and whatever the order the files are given in; the report lists them in the
//! order given (contract).

use assert_cmd::Command;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn inputs() -> Vec<String> {
    let mut v = Vec::new();
    for dir in ["corpus", "tests/fixtures/malformed"] {
        let mut names: Vec<String> = std::fs::read_dir(repo().join(dir))
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| [".txt", ".docx", ".pdf", ".xml"].iter().any(|x| n.ends_with(x)))
            .map(|n| format!("{dir}/{n}"))
            .collect();
        names.sort();
        v.extend(names);
    }
    v
}

fn run(files: &[String], jobs: usize) -> Vec<Value> {
    let out = Command::cargo_bin("digicheck")
        .unwrap()
        .current_dir(repo())
        .args(["check", "--format", "json", "-q", "-j", &jobs.to_string()])
        .args(files)
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    v.as_array().unwrap().clone()
}

#[test]
fn same_output_for_any_thread_count_and_file_order() {
    let files = inputs();
    assert!(files.len() >= 15, "{files:?}");
    let by_file = |report: &[Value]| -> BTreeMap<String, Value> {
        report.iter().map(|f| (f["file"].as_str().unwrap().to_string(), f.clone())).collect()
    };
    let reference = run(&files, 1);
    let expected = by_file(&reference);
    let mut reversed = files.clone();
    reversed.reverse();
    let mut rotated = files.clone();
    rotated.rotate_left(files.len() / 3);
    // A fixed shuffle (interleave the halves), so failures reproduce.
    let (a, b) = files.split_at(files.len() / 2);
    let interleaved: Vec<String> = b.iter().zip(a).flat_map(|(x, y)| [x.clone(), y.clone()]).chain(b.get(a.len()..).unwrap_or(&[]).iter().cloned()).collect();
    for (order, jobs) in [(&files, 2), (&files, 4), (&reversed, 1), (&reversed, 3), (&rotated, 2), (&interleaved, 4)] {
        let report = run(order, jobs);
        let given: Vec<&str> = report.iter().map(|f| f["file"].as_str().unwrap()).collect();
        assert_eq!(given, order.iter().map(String::as_str).collect::<Vec<_>>(), "report not in the order given");
        assert_eq!(by_file(&report), expected, "results differ with -j {jobs} and another file order");
    }
}

/// Every report format but the text report is rendered file by file as the files are checked
/// (memory holds no document after its file); the bytes are those of the report rendered at once,
/// which a run with `--write-baseline` still does. Malformed inputs are among the files, so error
/// rows, the totals of unreadable files and the SARIF notifications are covered; the automation
/// analysis is covered in the two reports that show it. The files are given three times, so the
/// batch spans more than one chunk of parallel checks.
#[test]
fn streamed_reports_are_the_reports_rendered_at_once() {
    let files: Vec<String> = (0..3).flat_map(|_| inputs()).collect();
    assert!(files.len() > 64, "{} files", files.len());
    let dir = tempfile::tempdir().unwrap();
    let runs: [(&str, &[&str]); 8] = [
        ("json", &[]),
        ("csv", &[]),
        ("markdown", &[]),
        ("html", &[]),
        ("sarif", &[]),
        ("digitalcheck", &[]),
        ("html", &["--automatisierung"]),
        ("digitalcheck", &["--automatisierung"]),
    ];
    for (format, options) in runs {
        let run = |extra: &[&str]| {
            Command::cargo_bin("digicheck")
                .unwrap()
                .current_dir(repo())
                .args(["check", "-q", "-j", "3", "--format", format])
                .args(options)
                .args(extra)
                .args(&files)
                .output()
                .unwrap()
        };
        let streamed = run(&[]);
        let baseline = dir.path().join(format!("baseline-{format}.json"));
        let at_once = run(&["--write-baseline", baseline.to_str().unwrap()]);
        assert_eq!(streamed.status.code(), Some(2), "the malformed fixtures are input errors");
        assert_eq!(streamed.status.code(), at_once.status.code());
        assert!(streamed.stdout == at_once.stdout, "{format} {options:?}: streamed output differs from the report rendered at once");
        // The run that writes a baseline says so; every other line (the input errors) is the same.
        let errors = |stderr: &[u8]| -> Vec<String> {
            String::from_utf8_lossy(stderr).lines().filter(|l| !l.starts_with("digicheck: Baseline mit")).map(str::to_string).collect()
        };
        assert_eq!(errors(&streamed.stderr), errors(&at_once.stderr), "{format} {options:?}: error lines differ");
        assert!(streamed.stdout.len() > 1000, "{format}: {} bytes", streamed.stdout.len());
    }
}
