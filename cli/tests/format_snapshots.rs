//! Golden files for every output format of `digicheck check`, produced by the real binary on the
//! sample drafts in `corpus/`. A change in wording, order or fields shows up as a snapshot diff that
//! a person reviews before accepting it (`cargo insta review`).
//!
//! The HTML report carries its whole style sheet; the snapshot keeps the markup and replaces the
//! style block by a marker so a colour change does not bury the content diff.

use assert_cmd::Command;

fn check(format: &str, paths: &[&str]) -> String {
    let out = Command::cargo_bin("digicheck")
        .unwrap()
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .env("NO_COLOR", "1")
        .env_remove("COLUMNS")
        .args(["check", "--quiet", "--format", format])
        .args(paths)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "the drafts contain barriers: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("reports are UTF-8")
}

const LAW: &str = "corpus/gesetzentwurf-hundehaltung-mv.txt";
const AMENDING: &str = "corpus/aenderungsgesetz-verwaltungsverfahren-mv.txt";
const ORDINANCE: &str = "corpus/verordnung-fischereischein-mv.txt";

#[test]
fn text() {
    insta::assert_snapshot!(check("text", &[LAW]));
}

#[test]
fn text_amending_law() {
    insta::assert_snapshot!(check("text", &[AMENDING]));
}

#[test]
fn json() {
    insta::assert_snapshot!(check("json", &[LAW, ORDINANCE]));
}

#[test]
fn csv() {
    insta::assert_snapshot!(check("csv", &[LAW, AMENDING, ORDINANCE]));
}

#[test]
fn markdown() {
    insta::assert_snapshot!(check("markdown", &[ORDINANCE]));
}

#[test]
fn sarif() {
    insta::assert_snapshot!(check("sarif", &[ORDINANCE]));
}

#[test]
fn digitalcheck() {
    insta::assert_snapshot!(check("digitalcheck", &[LAW]));
}

#[test]
fn html() {
    let html = check("html", &[ORDINANCE]);
    let (start, end) = (html.find("<style>").expect("inline style"), html.find("</style>").expect("style end"));
    assert!(!html.contains("<script src") && !html.contains("<link "), "self-contained");
    insta::assert_snapshot!(format!("{}<style>/* … */{}", &html[..start], &html[end..]));
}
