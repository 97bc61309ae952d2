//! SARIF, HTML and Digitalcheck reports of the corpus drafts, checked with the real engine.
//!
//! Besides the assertions, `reports_of_the_corpus_are_written` writes every format of the three
//! drafts to `target/tmp/reports/` for the Node scripts in `tests/report/` (SARIF validation with
//! sarif-multitool, the HTML report in headless Chromium with axe-core).

use digicheck_core::finding::{AmendmentRef, Effect};
use digicheck_core::pipeline::{self, Input, Settings};
use digicheck_core::report::{self, FileResult, Report};
use digicheck_core::rules::{CheckOptions, RuleSet};
use digicheck_core::{Category, Document, Finding, Part, Principle, Profile, Severity, SourceText, Span};
use serde_json::Value;
use std::path::{Path, PathBuf};

const DRAFTS: [&str; 3] = [
    "corpus/gesetzentwurf-hundehaltung-mv.txt",
    "corpus/aenderungsgesetz-verwaltungsverfahren-mv.txt",
    "corpus/verordnung-fischereischein-mv.txt",
];

fn repo() -> PathBuf {
    digicheck_testkit::repo()
}

/// Checks one file as the CLI does, through the pipeline; an unreadable input becomes an error.
fn check(name: &str) -> FileResult {
    let bytes = std::fs::read(repo().join(name)).unwrap();
    pipeline::check(Input::Bytes { name, bytes: &bytes }, RuleSet::builtin().unwrap(), &Settings::default())
}

fn report(files: &[FileResult]) -> Report<'_> {
    Report { files, rules: RuleSet::builtin().unwrap(), profile: Profile::Mv }
}

fn corpus() -> Vec<FileResult> {
    let mut files: Vec<FileResult> = DRAFTS.iter().map(|d| check(d)).collect();
    // One input the reader rejects, so every format shows an input error.
    files.push(FileResult::failed("corpus/kaputt.docx", "ZIP-Archiv, aber kein Word-Dokument (word/document.xml fehlt)"));
    files
}

#[test]
fn reports_of_the_corpus_are_written() {
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("reports");
    std::fs::create_dir_all(&out).unwrap();
    let files = corpus();
    assert!(files[..3].iter().all(|f| !f.findings.is_empty()), "every draft has findings");
    assert!(!files[3].errors.is_empty(), "the broken .docx is reported as an input error");
    let r = report(&files);
    std::fs::write(out.join("corpus.sarif"), report::sarif::render(&r)).unwrap();
    std::fs::write(out.join("corpus.html"), report::html::render(&r)).unwrap();
    std::fs::write(out.join("corpus.json"), report::json::render(&r)).unwrap();
    std::fs::write(out.join("corpus.digitalcheck.md"), report::digitalcheck::render(&r)).unwrap();
    for f in &files[..3] {
        let single = std::slice::from_ref(f);
        let stem = Path::new(&f.name).file_stem().unwrap().to_string_lossy().into_owned();
        std::fs::write(out.join(format!("{stem}.html")), report::html::render(&report(single))).unwrap();
        std::fs::write(out.join(format!("{stem}.sarif")), report::sarif::render(&report(single))).unwrap();
    }
}

#[test]
fn sarif_follows_the_contract() {
    let files = corpus();
    let r = report(&files);
    let text = report::sarif::render(&r);
    assert_eq!(text, report::sarif::render(&r), "deterministic");
    let log: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(log["version"], "2.1.0");
    assert!(log["$schema"].as_str().unwrap().contains("sarif"));
    let run = &log["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "Digi-Check");
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let results = run["results"].as_array().unwrap();
    let total: usize = files.iter().map(|f| f.findings.len()).sum();
    assert_eq!(results.len(), total);
    for res in results {
        let rule = &rules[res["ruleIndex"].as_u64().unwrap() as usize];
        assert_eq!(rule["id"], res["ruleId"]);
        let sev: Severity = res["properties"]["severity"].as_str().unwrap().parse().unwrap();
        assert_eq!(res["level"], sev.sarif_level());
        let tags: Vec<&str> = rule["properties"]["tags"].as_array().unwrap().iter().map(|t| t.as_str().unwrap()).collect();
        // A finding of an amendment rule (DC-AE-*, `match code amendment`) carries the category of the
        // barrier family it affects (rules/README.md), which need not be the rule's own tag.
        let amendment_rule = rule["id"].as_str().unwrap().starts_with("DC-AE-");
        assert!(amendment_rule || tags.contains(&res["properties"]["category"].as_str().unwrap()));
        assert!(tags.iter().any(|t| t.starts_with("principle-")));
        assert!(!rule["help"]["markdown"].as_str().unwrap().is_empty());
        let loc = &res["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        assert!(loc["artifactLocation"]["uri"].as_str().unwrap().starts_with("corpus/"));
        // 16 hex digits, and „-2“, „-3“ for a further finding on the same words in the same sentence.
        let print = res["partialFingerprints"]["digicheckFingerprint/v1"].as_str().unwrap();
        assert!(print.len() == 16 || (print.len() > 17 && print[16..].starts_with('-')), "{print}");
    }
    // Regions: line/column in code points, charOffset/charLength agree with the file.
    let draft = std::fs::read_to_string(repo().join(DRAFTS[0])).unwrap();
    let chars: Vec<char> = draft.chars().collect();
    for (res, f) in results.iter().zip(&files[0].findings) {
        let region = &res["locations"][0]["physicalLocation"]["region"];
        let off = region["charOffset"].as_u64().unwrap() as usize;
        let len = region["charLength"].as_u64().unwrap() as usize;
        assert_eq!(chars[off..off + len].iter().collect::<String>(), f.text);
        let line = draft.lines().nth(region["startLine"].as_u64().unwrap() as usize - 1).unwrap();
        let col = region["startColumn"].as_u64().unwrap() as usize - 1;
        assert!(line.chars().skip(col).collect::<String>().starts_with(&f.text));
        if let Some(fix) = &f.fix {
            assert_eq!(res["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"], fix.as_str());
            assert_eq!(res["fixes"][0]["artifactChanges"][0]["replacements"][0]["deletedRegion"]["charOffset"], region["charOffset"]);
        } else {
            assert!(res.get("fixes").is_none(), "{res}");
        }
    }
    // Beyond „schriftlich oder elektronisch“: the handwritten signature, the official form and the
    // Telefax of the draft each carry a replacement in SARIF (issue #20; the seal left the default
    // check in round 4 of issue #15).
    let fixed: Vec<(&str, &str)> = results
        .iter()
        .filter_map(|r| Some((r["ruleId"].as_str()?, r["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"].as_str()?)))
        .collect();
    for expected in [
        ("DC-US-001", "eigenhändig zu unterschreiben oder mit einer qualifizierten elektronischen Signatur zu versehen"),
        ("DC-PA-001", "amtlich vorgeschriebene Vordruck oder Datensatz"),
        ("DC-TE-001", "Telefax oder elektronisch"),
    ] {
        assert!(fixed.contains(&expected), "no SARIF fix {expected:?} in {fixed:?}");
    }
    // The unreadable input is a notification naming the file.
    let notes = run["invocations"][0]["toolExecutionNotifications"].as_array().unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0]["level"], "error");
    assert!(notes[0]["message"]["text"].as_str().unwrap().contains("kaputt.docx"));
    assert_eq!(run["invocations"][0]["executionSuccessful"], false);
}

#[test]
fn sarif_snapshot_of_the_verordnung() {
    let files = vec![check(DRAFTS[2])];
    insta::assert_snapshot!("sarif_verordnung", report::sarif::render(&report(&files)));
}

#[test]
fn digitalcheck_snapshot_of_the_verordnung() {
    let files = vec![check(DRAFTS[2])];
    insta::assert_snapshot!("digitalcheck_verordnung", report::digitalcheck::render(&report(&files)));
}

#[test]
fn digitalcheck_proposes_per_principle() {
    let files = corpus();
    let md = report::digitalcheck::render(&report(&files));
    for p in Principle::ALL {
        assert!(md.contains(&format!("### Prinzip {}: {}", p.number(), p.title())), "principle {p}");
    }
    // Barriers of principle 1 in every draft: „Nein“ ticked, with § references.
    assert!(md.contains("- [x] Nein"));
    assert!(md.contains("Nicht beurteilt – bitte selbst ausfüllen"));
    assert!(md.contains("| § "), "norm references in the tables");
    assert!(md.contains("Die Datei konnte nicht geprüft werden"));
    // A clean text proposes „Ja“ for principle 1, flagged for confirmation.
    let clean = vec![text_file("sauber.txt", "§ 1\n\n(1) Der Antrag ist bei der Behörde zu stellen.\n")];
    let md = report::digitalcheck::render(&report(&clean));
    let p1 = &md[md.find("### Prinzip 1").unwrap()..md.find("### Prinzip 2").unwrap()];
    assert!(p1.contains("- [x] Ja, gänzlich oder teilweise"), "{p1}");
    assert!(p1.contains("Bitte bestätigen Sie"), "{p1}");
}

fn text_file(name: &str, text: &str) -> FileResult {
    let doc = Document::parse(SourceText::from_utf8(name, text));
    let findings = RuleSet::builtin().unwrap().check(&doc, &CheckOptions::default());
    FileResult { name: name.to_string(), document: Some(doc), findings, errors: Vec::new(), notes: Vec::new(), profile: Profile::Mv, automation: None }
}

#[test]
fn html_is_one_self_contained_accessible_page() {
    let files = corpus();
    let r = report(&files);
    let html = report::html::render(&r);
    assert_eq!(html, report::html::render(&r), "deterministic");
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"de\">"));
    assert!(html.contains("<title>Digi-Check – Prüfbericht</title>"));
    for external in ["src=\"http", "src='http", "<link", "url(", "<script", "@import", "<img"] {
        assert!(!html.contains(external), "external resource or script: {external}");
    }
    for landmark in ["<header", "<nav", "<main", "<footer"] {
        assert!(html.contains(landmark), "{landmark}");
    }
    let total: usize = files.iter().map(|f| f.findings.len()).sum();
    assert_eq!(html.matches("<div class=\"card ").count(), total, "one explanation per finding");
    assert_eq!(html.matches("<a class=\"ref ").count(), total, "one marked place per finding");
    // Findings from Änderungsbefehle can share or contain each other's words: every place that
    // lies in no other finding's place gets a mark of its own.
    let outer: usize = files
        .iter()
        .map(|f| f.findings.iter().filter(|x| !f.findings.iter().any(|y| y.span != x.span && y.span.contains(x.span))).map(|x| x.span).collect::<std::collections::BTreeSet<_>>().len())
        .sum();
    assert!(html.matches("<mark class=\"s-").count() >= outer);
    assert!(html.contains("<svg role=\"img\" aria-labelledby="));
    assert!(html.contains("Eingabefehler"));
    // Ids are unique.
    let ids: Vec<&str> = html.split(" id=\"").skip(1).map(|s| &s[..s.find('"').unwrap()]).collect();
    let unique: std::collections::BTreeSet<&&str> = ids.iter().collect();
    assert_eq!(ids.len(), unique.len(), "duplicate ids");
    // Every in-page link has a target.
    for href in html.split("href=\"#").skip(1).map(|s| &s[..s.find('"').unwrap()]) {
        assert!(unique.contains(&href), "link to missing #{href}");
    }
}

/// A finding placed by hand, for cases the corpus does not have.
fn finding(doc: &Document, start: usize, end: usize, severity: Severity, amendment: Option<AmendmentRef>) -> Finding {
    Finding {
        rule: "DC-SF-001".into(),
        category: Category::Schriftform,
        severity,
        principle: Principle::new(1).unwrap(),
        message: "Meldung mit <b>Markup</b> & „Zeichen“".into(),
        norm: doc.norm_at(start).to_string(),
        span: Span::new(start, end),
        text: doc.text()[start..end].to_string(),
        fix: Some("<ersetzt>".into()),
        part: Part::Gesetzestext,
        amendment,
    }
}

#[test]
fn html_escapes_text_and_keeps_marks_from_nesting() {
    let text = "§ 1 <Test>\n\n(1) Der Antrag & die Anzeige sind schriftlich\nund per Post einzureichen.\n";
    let doc = Document::parse(SourceText::from_utf8("a<b>.txt", text));
    let s = text.find("Antrag").unwrap();
    let a = text.find("schriftlich").unwrap();
    let b = text.find("Post").unwrap();
    let amendment = AmendmentRef { amendment: "Art. 1 Nr. 2".into(), target: "§ 3 Abs. 1".into(), effect: Effect::Removed, novelty: Default::default() };
    let findings = vec![
        finding(&doc, s, s + "Antrag & die".len(), Severity::Hoch, None),
        // Overlaps the first one, and one crossing a line break.
        finding(&doc, s + 3, s + 9, Severity::Mittel, None),
        finding(&doc, a, b + 4, Severity::Blockierend, Some(amendment)),
    ];
    let files = vec![FileResult { name: "a<b>.txt".into(), document: Some(doc), findings, errors: vec!["<kaputt>".into()], notes: Vec::new(), profile: Profile::Mv, automation: None }];
    let html = report::html::render(&report(&files));
    assert!(!html.contains("<Test>") && html.contains("&lt;Test&gt;"));
    assert!(!html.contains("<b>Markup</b>") && html.contains("&lt;b&gt;Markup&lt;/b&gt;"));
    assert!(html.contains("a&lt;b&gt;.txt") && html.contains("&lt;kaputt&gt;") && html.contains("&lt;ersetzt&gt;"));
    assert!(html.contains("Antrag &amp; die"));
    assert!(html.contains("Hemmnis entfällt"));
    assert_eq!(html.matches("<div class=\"card ").count(), 3);
    // Marks never nest: between an opening and the next opening there is always a closing tag.
    let body = &html[html.find("<div class=\"text\">").unwrap()..];
    let mut depth = 0i32;
    for piece in body.split('<') {
        if piece.starts_with("mark ") {
            depth += 1;
        } else if piece.starts_with("/mark>") {
            depth -= 1;
        }
        assert!((0..=1).contains(&depth), "nested marks");
    }
    // The finding crossing the line break is marked on both lines, numbered once.
    assert_eq!(body.matches("<mark class=\"s-blockierend\">").count(), 2);
}

#[test]
fn sarif_and_digitalcheck_handle_amendments_and_stdin() {
    let text = "Artikel 1\n\n1. In § 3 wird das Wort „schriftlich“ durch die Wörter „schriftlich oder elektronisch“ ersetzt.\n";
    let doc = Document::parse(SourceText::from_utf8("-", text));
    let s = text.find("schriftlich").unwrap();
    let amendment = AmendmentRef { amendment: "Art. 1 Nr. 1".into(), target: "§ 3 VwVfG M-V".into(), effect: Effect::Removed, novelty: Default::default() };
    let findings = vec![finding(&doc, s, s + "schriftlich".len(), Severity::Hinweis, Some(amendment))];
    let files = vec![FileResult { name: "-".into(), document: Some(doc), findings, errors: Vec::new(), notes: Vec::new(), profile: Profile::Mv, automation: None }];
    let log: Value = serde_json::from_str(&report::sarif::render(&report(&files))).unwrap();
    let res = &log["runs"][0]["results"][0];
    assert_eq!(res["level"], "note");
    assert_eq!(res["properties"]["effect"], "removed");
    assert_eq!(res["properties"]["target"], "§ 3 VwVfG M-V");
    assert_eq!(res["locations"][0]["physicalLocation"]["artifactLocation"]["description"]["text"], "Standardeingabe");
    let md = report::digitalcheck::render(&report(&files));
    let p1 = &md[md.find("### Prinzip 1").unwrap()..md.find("### Prinzip 2").unwrap()];
    assert!(p1.contains("- [x] Ja, gänzlich oder teilweise"), "{p1}");
    assert!(p1.contains("Änderungen, die ein Hemmnis beseitigen"), "{p1}");
    assert!(p1.contains("Art. 1 Nr. 1 → § 3 VwVfG M-V"), "{p1}");
}

#[test]
fn html_of_a_large_document_shows_only_lines_with_findings() {
    let mut text = String::from("§ 1\n\n");
    for i in 0..6000 {
        text.push_str(&format!("({i}) Die Behörde prüft die Unterlagen im Rahmen ihrer Zuständigkeit sorgfältig.\n"));
    }
    text.push_str("(9999) Der Antrag ist schriftlich zu stellen.\n");
    // A very long line with two findings far apart: cut to the words around each.
    let filler = "Die Behörde prüft die Unterlagen sorgfältig. ".repeat(60);
    text.push_str(&format!("(10000) {filler}Der Antrag ist schriftlich zu stellen. {filler}Die Anzeige ist schriftlich einzureichen. {filler}\n"));
    assert!(text.len() > report::html::FULL_TEXT_MAX);
    let files = vec![text_file("gross.txt", &text)];
    assert!(!files[0].findings.is_empty());
    let html = report::html::render(&report(&files));
    assert!(html.contains("gezeigt werden nur die Zeilen mit Befunden"));
    assert!(!html.contains("(17) Die Behörde"), "lines without findings are left out");
    assert!(html.contains("schriftlich</mark>"));
    assert!(html.matches("<span class=\"gap\">… </span>").count() >= 2, "the long line is cut around each finding");
    assert!(html.matches("Die Behörde prüft die Unterlagen sorgfältig.").count() < 60, "not the whole long line");
    assert_eq!(html.matches("<div class=\"card ").count(), files[0].findings.len());
    assert!(html.len() < 100_000, "{} bytes", html.len());
}

#[test]
fn html_of_clean_documents_lists_them() {
    let files = vec![
        text_file("-", "§ 1\n\n(1) Der Antrag ist schriftlich oder elektronisch zu stellen.\n"),
        text_file("b.txt", "§ 1\n\n(1) Die Behörde entscheidet.\n"),
    ];
    assert!(files.iter().all(|f| f.findings.is_empty()));
    let html = report::html::render(&report(&files));
    assert!(html.contains("In keinem der geprüften Dokumente wurde ein Befund gefunden."));
    assert!(html.contains("<h2 id=\"ohne-befund\">Dokumente ohne Befund</h2>"));
    assert!(html.contains("<li>Standardeingabe</li>") && html.contains("<li>b.txt</li>"));
    assert!(!html.contains("id=\"dokumente\"") && !html.contains("href=\"#dokumente\""));
    assert!(!html.contains("id=\"regeln\""));
}

#[test]
fn sarif_context_region_is_left_out_when_the_finding_is_the_whole_line() {
    let text = "§ 1\n\nVordruck\n";
    let doc = Document::parse(SourceText::from_utf8("v.txt", text));
    let s = text.find("Vordruck").unwrap();
    let findings = vec![finding(&doc, s, s + "Vordruck".len(), Severity::Mittel, None)];
    let files = vec![FileResult { name: "v.txt".into(), document: Some(doc), findings, errors: Vec::new(), notes: Vec::new(), profile: Profile::Mv, automation: None }];
    let log: Value = serde_json::from_str(&report::sarif::render(&report(&files))).unwrap();
    let loc = &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"];
    assert_eq!(loc["region"]["startLine"], 3);
    assert!(loc.get("contextRegion").is_none());
}
