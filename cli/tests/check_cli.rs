//! End-to-end tests of `digicheck check`: the JSON contract, inputs (files, folders, standard
//! input), exit codes, output files, configuration, baselines and suppressions.

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn digicheck() -> Command {
    let mut c = Command::cargo_bin("digicheck").unwrap();
    // Text output follows COLUMNS; these tests read whole lines.
    c.current_dir(repo()).env("NO_COLOR", "1").env_remove("COLUMNS");
    c
}

fn json(args: &[&str]) -> (Value, i32) {
    let out = digicheck().args(["check", "--format", "json"]).args(args).output().unwrap();
    let v: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)));
    (v, out.status.code().unwrap())
}

const DRAFT: &str = "corpus/gesetzentwurf-hundehaltung-mv.txt";

#[test]
fn json_follows_the_contract() {
    let (v, code) = json(&[DRAFT]);
    assert_eq!(code, 1, "the draft contains barriers");
    let files = v.as_array().unwrap();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0]["file"], DRAFT);
    assert_eq!(files[0]["errors"].as_array().unwrap().len(), 0);
    let findings = files[0]["findings"].as_array().unwrap();
    assert!(!findings.is_empty());
    let raw = std::fs::read(repo().join(DRAFT)).unwrap();
    for f in findings {
        for key in ["rule", "category", "severity", "principle", "message", "norm", "line", "column", "start", "end", "text", "fix"] {
            assert!(f.get(key).is_some(), "missing {key} in {f}");
        }
        let (s, e) = (f["start"].as_u64().unwrap() as usize, f["end"].as_u64().unwrap() as usize);
        assert_eq!(String::from_utf8_lossy(&raw[s..e]), f["text"].as_str().unwrap(), "start/end are byte offsets of the input");
        let line = f["line"].as_u64().unwrap() as usize;
        let line_text = String::from_utf8_lossy(&raw).lines().nth(line - 1).unwrap().to_string();
        let col = f["column"].as_u64().unwrap() as usize;
        let at: String = line_text.chars().skip(col - 1).take(f["text"].as_str().unwrap().chars().count()).collect();
        assert_eq!(at, f["text"].as_str().unwrap(), "line/column are 1-based, columns in characters");
        assert!(["schriftform", "unterschrift", "persoenlich", "original", "papier", "post", "aushang", "siegel", "technologie", "once-only", "automatisierung", "begriffe"]
            .contains(&f["category"].as_str().unwrap()));
        assert!(["blockierend", "hoch", "mittel", "niedrig", "hinweis"].contains(&f["severity"].as_str().unwrap()));
        assert!((1..=5).contains(&f["principle"].as_u64().unwrap()));
    }
}

#[test]
fn stdin_and_folders_in_order() {
    let text = std::fs::read_to_string(repo().join(DRAFT)).unwrap();
    let out = digicheck().args(["check", "--format", "json", "-"]).write_stdin(text).output().unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["file"], "-");
    let (from_file, _) = json(&[DRAFT]);
    assert_eq!(v[0]["findings"], from_file[0]["findings"], "standard input and file give the same findings");

    let (v, _) = json(&["corpus", "--include", "*.txt"]);
    let names: Vec<&str> = v.as_array().unwrap().iter().map(|f| f["file"].as_str().unwrap()).collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "a folder is expanded in sorted path order");
    assert_eq!(names.len(), 3);
}

#[test]
fn missing_file_is_an_input_error_and_the_batch_goes_on() {
    let (v, code) = json(&["does-not-exist.txt", DRAFT]);
    assert_eq!(code, 2);
    assert_eq!(v[0]["file"], "does-not-exist.txt");
    assert_eq!(v[0]["errors"][0], "Datei nicht gefunden");
    assert!(!v[1]["findings"].as_array().unwrap().is_empty());
}

#[test]
fn clean_text_exits_zero_and_fail_on_raises_the_bar() {
    let out = digicheck().args(["check", "-"]).write_stdin("§ 1 Zweck\n\n(1) Der Antrag ist elektronisch zu stellen.\n").output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    let out = digicheck()
        .args(["check", "--fail-on", "blockierend", DRAFT])
        .output()
        .unwrap();
    let code = out.status.code().unwrap();
    assert!(code == 1, "the draft has an expressly excluded electronic form (blockierend)");
}

#[test]
fn output_file_never_overwrites_an_input() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("entwurf.txt");
    std::fs::write(&input, "§ 1\n\n(1) Der Antrag ist schriftlich zu stellen.\n").unwrap();
    let out = digicheck().args(["check", "-o"]).arg(&input).arg(&input).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Eingabedatei"));
    assert_eq!(std::fs::read_to_string(&input).unwrap(), "§ 1\n\n(1) Der Antrag ist schriftlich zu stellen.\n");
    let report = dir.path().join("bericht.csv");
    let out = digicheck().args(["check", "--format", "csv", "-o"]).arg(&report).arg(&input).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let csv = std::fs::read_to_string(&report).unwrap();
    assert!(csv.starts_with("\u{FEFF}Datei;Zeile;Spalte;Norm;Regel"), "{csv}");
    assert!(csv.contains(";§ 1 Abs. 1;"), "{csv}");
}

/// `--output` to a named pipe (as to `/dev/null` or `/dev/stdout`) writes into it; a rename would
/// have put a plain file in its place. A symbolic link stays a link and its target gets the report.
#[cfg(unix)]
#[test]
fn output_to_a_pipe_or_a_link_keeps_it_what_it_is() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("entwurf.txt");
    std::fs::write(&input, "§ 1\n\n(1) Der Antrag ist schriftlich zu stellen.\n").unwrap();
    for format in ["text", "json", "csv"] {
        let fifo = dir.path().join(format!("rohr-{format}"));
        assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
        };
        let out = digicheck().args(["check", "--format", format, "-o"]).arg(&fifo).arg(&input).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{format}: {}", String::from_utf8_lossy(&out.stderr));
        let received = reader.join().unwrap();
        assert!(received.contains("§ 1 Abs. 1"), "{format}: {received}");
        assert!(std::fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo(), "{format}: the pipe was replaced");
    }
    let target = dir.path().join("bericht.json");
    std::fs::write(&target, "alt").unwrap();
    let link = dir.path().join("aktuell.json");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let out = digicheck().args(["check", "--format", "json", "-o"]).arg(&link).arg(&input).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "the link was replaced");
    assert!(std::fs::read_to_string(&target).unwrap().contains("§ 1 Abs. 1"));
    let out = digicheck().args(["check", "-o"]).arg(dir.path()).arg(&input).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("ist ein Ordner"), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn configuration_file_is_found_upward() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("entwuerfe")).unwrap();
    let input = dir.path().join("entwuerfe/e.txt");
    std::fs::write(&input, "§ 1\n\n(1) Der Antrag ist schriftlich zu stellen.\n").unwrap();
    let out = digicheck().args(["init"]).arg(dir.path()).output().unwrap();
    assert!(out.status.success());
    let cfg = dir.path().join("digicheck.toml");
    let text = std::fs::read_to_string(&cfg).unwrap().replace("disable-categories = []", "disable-categories = [\"schriftform\"]");
    std::fs::write(&cfg, text).unwrap();
    let out = digicheck().args(["check", "--format", "json"]).arg(&input).output().unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["findings"].as_array().unwrap().len(), 0, "the category is switched off in digicheck.toml");
    assert_eq!(out.status.code(), Some(0));
    std::fs::write(&cfg, "profil = \"bund\"\n").unwrap();
    let out = digicheck().args(["check"]).arg(&input).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("digicheck.toml"), "errors name the file");
}

#[test]
fn baseline_reports_only_the_new_finding_after_a_paragraph_moved() {
    let dir = tempfile::tempdir().unwrap();
    let original = "§ 1 Antrag\n\n(1) Der Antrag ist schriftlich zu stellen.\n\n§ 2 Nachweis\n\n(1) Die Urkunde ist im Original vorzulegen.\n\n§ 3 Schluss\n\n(1) Dieses Gesetz tritt in Kraft.\n";
    let input = dir.path().join("entwurf.txt");
    std::fs::write(&input, original).unwrap();
    let baseline = dir.path().join("baseline.json");
    let out = digicheck().args(["check", "-q", "--write-baseline"]).arg(&baseline).arg(&input).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    // § 2 moves to the end, renumbered; a new barrier is added to § 3.
    let edited = "§ 1 Antrag\n\n(1) Der Antrag ist schriftlich zu stellen.\n\n§ 2 Schluss\n\n(1) Dieses Gesetz tritt in Kraft.\n\n(2) Die Anzeige ist der Behörde schriftlich zu erstatten.\n\n§ 3 Nachweis\n\n(1) Die Urkunde ist im Original vorzulegen.\n";
    std::fs::write(&input, edited).unwrap();
    let out = digicheck().args(["check", "--format", "json", "--baseline"]).arg(&baseline).arg(&input).output().unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let findings = v[0]["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert_eq!(findings[0]["category"], "schriftform");
    assert_eq!(findings[0]["norm"], "§ 2 Abs. 2");
}

#[test]
fn suppressions_need_a_reason_and_unused_ones_are_reported() {
    let text = "§ 1\n\n<!-- digicheck-ignore * : Schriftform aus Gründen der Warnfunktion geboten -->\n(1) Der Antrag ist schriftlich zu stellen.\n\n<!-- digicheck-ignore DC-SF-001 -->\n(2) Die Anzeige ist schriftlich zu erstatten.\n\n<!-- digicheck-ignore DC-UN-001: veraltet -->\n(3) Die Behörde entscheidet.\n";
    let out = digicheck().args(["check", "--format", "json", "-"]).write_stdin(text).output().unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let findings = v[0]["findings"].as_array().unwrap();
    assert!(findings.iter().all(|f| f["norm"] != "§ 1 Abs. 1"), "Abs. 1 is suppressed with a reason");
    assert!(findings.iter().any(|f| f["norm"] == "§ 1 Abs. 2"), "a directive without reason is not applied");
    let notes: Vec<&str> = v[0]["notes"].as_array().unwrap().iter().map(|n| n.as_str().unwrap()).collect();
    assert!(notes.iter().any(|n| n.contains("ohne Begründung")), "{notes:?}");
    assert!(notes.iter().any(|n| n.contains("trifft keinen Befund")), "{notes:?}");
}

#[test]
fn text_output_shows_location_line_and_summary() {
    let out = digicheck().args(["check", DRAFT]).output().unwrap();
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(s.contains(&format!("--> {DRAFT}:")), "{s}");
    assert!(s.contains("^^^^"), "matched words underlined");
    assert!(s.contains("Zusammenfassung: 1 Datei geprüft"), "{s}");
    assert!(!s.contains('\u{1b}'), "no colour when NO_COLOR is set or output is not a terminal");
}

#[test]
fn severity_names_are_read_in_any_case() {
    // Reports print „Hinweis“ and „Hoch“; the same words are accepted on the command line and in
    // digicheck.toml, whatever their case.
    let text = "§ 1\n\n(1) Der Antrag ist schriftlich zu stellen.\n";
    let out = digicheck().args(["check", "--fail-on", "Hinweis", "--min-severity", "HOCH", "-"]).write_stdin(text).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let out = digicheck().args(["check", "--fail-on", "BLOCKIEREND", "-"]).write_stdin(text).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let out = digicheck().args(["check", "--fail-on", "sehr hoch", "-"]).write_stdin(text).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unbekannte Schwere „sehr hoch“"));

    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("e.txt");
    std::fs::write(&input, text).unwrap();
    std::fs::write(dir.path().join("digicheck.toml"), "fail-on = \"Blockierend\"\nmin-severity = \"Mittel\"\n[severity]\nDC-SF-001 = \"HINWEIS\"\n").unwrap();
    let out = digicheck().args(["check", "--format", "json"]).arg(&input).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let out = digicheck().args(["annotate", "--min-severity", "Hoch", "-o", "/nonexistent/x.docx", "corpus/x.docx"]).output().unwrap();
    assert!(!String::from_utf8_lossy(&out.stderr).contains("Schwere"), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn text_lists_unreadable_files_once_at_the_end_and_does_not_count_them_as_checked() {
    let out = digicheck().args(["check", "does-not-exist.txt", DRAFT, "also-missing.docx"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8(out.stdout).unwrap();
    let list = text.find("2 Dateien nicht geprüft:\n  does-not-exist.txt: Datei nicht gefunden\n  also-missing.docx: Datei nicht gefunden\n").expect(&text);
    let last_finding = text.rfind("Prinzip").unwrap();
    assert!(list > last_finding, "the failures come after the findings of the files that were read:\n{text}");
    assert!(text.contains("Zusammenfassung: 1 Datei geprüft, "), "{text}");
    assert!(text.contains("; 2 Dateien nicht geprüft\n"), "{text}");
    assert_eq!(text.matches("does-not-exist.txt").count(), 1, "{text}");
    // Not a terminal here: the errors are also on standard error, for scripts and logs.
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err, "digicheck: does-not-exist.txt: Datei nicht gefunden\ndigicheck: also-missing.docx: Datei nicht gefunden\n");

    let out = digicheck().args(["check", "does-not-exist.txt"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Zusammenfassung: 0 Dateien geprüft, 0 Befunde; 1 Datei nicht geprüft\n"), "{text}");
}

#[test]
fn folders_are_scanned_like_ripgrep_and_non_legal_text_is_said_to_be_so() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let draft = "§ 1\n\n(1) Der Antrag ist schriftlich zu stellen.\n";
    for rel in [".git/x.txt", ".versteckt/a.txt", "node_modules/pkg/b.txt", "alt/ignoriert.txt", "entwuerfe/e.txt", "f.md", "notiz.txt"] {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, draft).unwrap();
    }
    std::fs::write(root.join(".gitignore"), "alt/\n").unwrap();
    let readme = std::fs::read(repo().join("corpus/README.md")).unwrap();
    std::fs::write(root.join("README.md"), &readme).unwrap();
    std::fs::write(root.join("notiz.txt"), "Notizen zur Sitzung\n\n1. Der Entwurf wird schriftlich verschickt.\n2. Rückmeldung bis Freitag.\n").unwrap();

    let out = digicheck().current_dir(root).args(["check", "--format", "json", "."]).output().unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let names: Vec<&str> = v.as_array().unwrap().iter().map(|f| f["file"].as_str().unwrap()).collect();
    assert_eq!(names, ["./README.md", "./entwuerfe/e.txt", "./f.md", "./notiz.txt"], "hidden, .git, node_modules and .gitignore'd files are left out");
    for f in v.as_array().unwrap() {
        let name = f["file"].as_str().unwrap();
        let notes = f["notes"].as_array().cloned().unwrap_or_default();
        if name.ends_with("README.md") || name.ends_with("notiz.txt") {
            assert!(f["findings"].as_array().unwrap().is_empty(), "{name}: {f}");
            assert!(notes[0].as_str().unwrap().starts_with("kein Rechtstext erkannt"), "{name}: {f}");
        } else {
            assert!(!f["findings"].as_array().unwrap().is_empty(), "{name}");
            assert!(notes.is_empty(), "{name}");
        }
    }
    let out = digicheck().current_dir(root).args(["check", "."]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Zusammenfassung: 2 Dateien geprüft, 2 Befunde (davon 2 Hemmnisse); 2 Dateien ohne erkennbaren Rechtstext übersprungen"), "{text}");

    // Named on the command line, a file is checked whatever it looks like.
    let out = digicheck().current_dir(root).args(["check", "--format", "json", "notiz.txt"]).output().unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v[0]["notes"].as_array().is_none_or(|n| n.is_empty()), "{v}");
}

/// A folder of links to drafts kept elsewhere is checked like the drafts themselves; a link back
/// to a folder above is reported, not followed forever.
#[cfg(unix)]
#[test]
fn linked_files_and_folders_in_a_folder_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let (elsewhere, root) = (dir.path().join("ablage"), dir.path().join("pruefen"));
    std::fs::create_dir_all(elsewhere.join("unterordner")).unwrap();
    std::fs::create_dir_all(&root).unwrap();
    let draft = "§ 1\n\n(1) Der Antrag ist schriftlich zu stellen.\n";
    std::fs::write(elsewhere.join("a.txt"), draft).unwrap();
    std::fs::write(elsewhere.join("unterordner/b.txt"), draft).unwrap();
    std::os::unix::fs::symlink(elsewhere.join("a.txt"), root.join("a.txt")).unwrap();
    std::os::unix::fs::symlink(elsewhere.join("unterordner"), root.join("verweis")).unwrap();
    std::os::unix::fs::symlink(&root, root.join("zurueck")).unwrap();

    let out = digicheck().current_dir(&root).args(["check", "--format", "json", "."]).output().unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let names: Vec<&str> = v.as_array().unwrap().iter().map(|f| f["file"].as_str().unwrap()).collect();
    assert_eq!(names, ["./a.txt", "./verweis/b.txt"]);
    assert!(v.as_array().unwrap().iter().all(|f| !f["findings"].as_array().unwrap().is_empty()), "{v}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("zurueck") && stderr.contains("nicht verfolgt"), "{stderr}");
}

#[test]
fn line_limit_says_the_real_numbers_and_how_to_change_it() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("lang.txt");
    std::fs::write(&input, format!("§ 1\n\n(1) Der Antrag ist schriftlich zu stellen. {}\n", "x".repeat(1_226_833))).unwrap();
    let out = digicheck().args(["check", "--format", "json"]).arg(&input).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let e = v[0]["errors"][0].as_str().unwrap();
    assert!(e.starts_with("Zeile 3 ist 1,17 MB lang (ab Byte 6); erlaubt sind höchstens 1 MB je Zeile."), "{e}");
    assert!(e.contains("`max-line-length-kb` in digicheck.toml oder `--max-line-bytes`"), "{e}");
    // Both ways of raising the limit work.
    let out = digicheck().args(["check", "--format", "json", "--max-line-bytes", "2000000"]).arg(&input).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    std::fs::write(dir.path().join("digicheck.toml"), "max-line-length-kb = 2048\n").unwrap();
    let out = digicheck().args(["check", "--format", "json"]).arg(&input).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let out = digicheck().args(["check", "--max-line-bytes", "0"]).arg(&input).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("die Grenze muss größer als 0 sein"));
}

#[test]
fn text_output_fits_the_terminal_width() {
    for width in [60usize, 80, 100] {
        let out = digicheck()
            .env("COLUMNS", width.to_string())
            .args(["check", DRAFT, "corpus/aenderungsgesetz-verwaltungsverfahren-mv.txt"])
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        for line in text.lines() {
            assert!(line.chars().count() <= width, "{width}: {} columns: {line}", line.chars().count());
        }
        // Wrapped, not cut: every message is there in full.
        let joined: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        let (v, _) = json(&[DRAFT]);
        for f in v[0]["findings"].as_array().unwrap() {
            let message: String = f["message"].as_str().unwrap().chars().filter(|c| !c.is_whitespace()).collect();
            assert!(joined.contains(&message), "{width}: message missing: {message}");
        }
    }
    // Without a terminal or COLUMNS (a file, a pipe) lines stay whole.
    let out = digicheck().env_remove("COLUMNS").args(["check", DRAFT]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.lines().any(|l| l.chars().count() > 120), "full lines expected");
}

/// `--alle-regeln` adds the rules that run only on request to the default findings (never fewer);
/// `--automatisierung` puts the analysis per provision into the `digitalcheck` and HTML reports,
/// and says so when another format cannot show it. `digicheck.toml` switches both on as well.
#[test]
fn rules_on_request_and_the_automation_analysis() {
    let text = "§ 1 Antrag\n\n(1) Der Antrag ist schriftlich zu stellen.\n\n(2) Die Behörde entscheidet nach pflichtgemäßem Ermessen. \
                Sie kann die Frist in begründeten Einzelfällen verlängern.\n\n§ 2 Erlaubnis\n\nDie Erlaubnis kann aus wichtigem Grund widerrufen werden.\n";
    let rules = |args: &[&str]| -> Vec<String> {
        let out = digicheck().args(["check", "--format", "json"]).args(args).arg("-").write_stdin(text).output().unwrap();
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        v[0]["findings"].as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap().to_string()).collect()
    };
    let default = rules(&[]);
    let all = rules(&["--alle-regeln"]);
    assert!(default.iter().all(|r| all.contains(r)), "{default:?} ⊄ {all:?}");
    assert!(all.iter().any(|r| r == "DC-AM-001") && !default.iter().any(|r| r.starts_with("DC-AM")), "{all:?}");

    let out = digicheck().args(["check", "--automatisierung", "--format", "digitalcheck", "-"]).write_stdin(text).output().unwrap();
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.contains("**Automatisierbarkeit je Vorschrift**"), "{md}");
    assert!(md.contains("2 Vorschriften räumen Ermessen ein oder verwenden unbestimmte Rechtsbegriffe (3 Begriffe)"), "{md}");
    assert!(
        md.contains("| § 1 | 1 × Ermessen, 1 × unbestimmter Rechtsbegriff | „pflichtgemäßem Ermessen“ (Abs. 2 Satz 1); „in begründeten Einzelfällen“ (Abs. 2 Satz 2) |"),
        "{md}"
    );
    assert!(md.contains("| § 2 | 1 × unbestimmter Rechtsbegriff | „aus wichtigem Grund“ |"), "{md}");
    let plain = digicheck().args(["check", "--format", "digitalcheck", "-"]).write_stdin(text).output().unwrap();
    assert!(!String::from_utf8_lossy(&plain.stdout).contains("Automatisierbarkeit je Vorschrift"));

    let out = digicheck().args(["check", "--automatisierung", "--format", "html", "-"]).write_stdin(text).output().unwrap();
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(html.contains("Automatisierbarkeit je Vorschrift (Prinzip 4)</h4>"), "{html}");
    assert!(html.contains("<tr><td>§ 2</td><td>1 × unbestimmter Rechtsbegriff</td><td>„aus wichtigem Grund“</td></tr>"), "{html}");

    let out = digicheck().args(["check", "--automatisierung", "-"]).write_stdin(text).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("erscheint nur in den Berichten „digitalcheck“ und „html“"));

    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("digicheck.toml"), "alle-regeln = true\nautomatisierung = true\n").unwrap();
    let input = dir.path().join("entwurf.txt");
    std::fs::write(&input, text).unwrap();
    let out = digicheck().args(["check", "--format", "digitalcheck"]).arg(&input).output().unwrap();
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.contains("**Automatisierbarkeit je Vorschrift**"), "{md}");
    let out = digicheck().args(["check", "--format", "json"]).arg(&input).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("DC-AM-001"));
    assert!(out.stderr.is_empty(), "no warning for a setting of the configuration file: {}", String::from_utf8_lossy(&out.stderr));
}

/// Single rules on request: `--regel` (or `enable` in `digicheck.toml`) adds a `default off` rule to
/// the default check and nothing else; an unknown id is an error naming it.
#[test]
fn single_rules_on_request() {
    let text = "§ 1 Bescheinigung\n\nDie Bescheinigung ist mit dem Dienstsiegel zu versehen.\n";
    let rules = |args: &[&str]| -> (Vec<String>, Option<i32>, String) {
        let out = digicheck().args(["check", "--format", "json"]).args(args).arg("-").write_stdin(text).output().unwrap();
        let rules = serde_json::from_slice::<Value>(&out.stdout)
            .map(|v| v[0]["findings"].as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap().to_string()).collect())
            .unwrap_or_default();
        (rules, out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
    };
    assert!(!rules(&[]).0.contains(&"DC-SI-001".to_string()));
    assert_eq!(rules(&["--regel", "DC-SI-001"]).0, vec!["DC-SI-001".to_string()]);
    let (_, code, err) = rules(&["--regel", "DC-XX-999"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("unbekannte Regel „DC-XX-999“"), "{err}");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("digicheck.toml"), "enable = [\"DC-SI-001\"]\n").unwrap();
    let input = dir.path().join("entwurf.txt");
    std::fs::write(&input, text).unwrap();
    let out = digicheck().args(["check", "--format", "json"]).arg(&input).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("DC-SI-001"));
}
