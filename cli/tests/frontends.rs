//! One document, one result, whichever front end checks it: the CLI's JSON (`digicheck check`), the
//! language server's diagnostics (`digicheck lsp`) and the WebAssembly API (the code behind the
//! npm package, run natively here; `wasm/tests/frontends.test.mjs` does the same with the built
//! package) give the same findings — rule, place, severity, message — and the same notes, on the
//! corpus drafts with a suppression, a suppression without reason, a severity override and a
//! disabled category in play. Settings come from one `digicheck.toml` for the CLI and the server
//! and from the same values as options for the WebAssembly API.

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// The settings in play, as `digicheck.toml` and as options of the WebAssembly API.
const TOML: &str = "disable-categories = [\"once-only\"]\n\n[severity]\n\"DC-SF-008\" = \"niedrig\"\n";
const OPTIONS: &str = r#"{"disabledCategories":["once-only"],"severity":{"DC-SF-008":"niedrig"}}"#;

/// A finding or a note as every front end can state it: rule (or note kind), byte range in the
/// file, severity, message.
type Item = (String, usize, usize, String, String);

/// The corpus drafts in a folder with the settings file; the first draft gets a suppression
/// (with reason) before its line with „per Telefax“, the second one without a reason.
fn fixture() -> (tempfile::TempDir, Vec<(PathBuf, String)>) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("digicheck.toml"), TOML).unwrap();
    let mut files = Vec::new();
    for (i, (name, text)) in digicheck_testkit::drafts().into_iter().enumerate() {
        let text = match i {
            1 => with_directive(&text, "per Telefax", "<!-- digicheck-ignore DC-TE-001: Übermittlung bleibt im Test per Telefax -->"),
            0 => with_directive(&text, "schriftlich", "<!-- digicheck-ignore DC-SF-008 -->"),
            _ => text,
        };
        let path = dir.path().join(name);
        std::fs::write(&path, &text).unwrap();
        files.push((path, text));
    }
    (dir, files)
}

/// `directive` on a line of its own before the first line that contains `words`.
fn with_directive(text: &str, words: &str, directive: &str) -> String {
    let at = text.find(words).unwrap_or_else(|| panic!("„{words}“ not in the draft"));
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    format!("{}{directive}\n{}", &text[..line_start], &text[line_start..])
}

fn cli(files: &[(PathBuf, String)]) -> Vec<(Vec<Item>, Vec<String>)> {
    let out = assert_cmd::Command::cargo_bin("digicheck")
        .unwrap()
        .args(["check", "--format", "json"])
        .args(files.iter().map(|(p, _)| p))
        .output()
        .unwrap();
    assert!(out.status.code() == Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .map(|file| {
            let findings = file["findings"].as_array().unwrap().iter().map(item).collect();
            let notes = file["notes"].as_array().map(|n| n.iter().map(|s| s.as_str().unwrap().to_string()).collect()).unwrap_or_default();
            (findings, notes)
        })
        .collect()
}

fn item(f: &Value) -> Item {
    let s = |k: &str| f[k].as_str().unwrap().to_string();
    let n = |k: &str| f[k].as_u64().unwrap() as usize;
    (s("rule"), n("start"), n("end"), s("severity"), s("message"))
}

fn wasm_api(files: &[(PathBuf, String)]) -> Vec<(Vec<Item>, Vec<String>)> {
    use digicheck_wasm::api;
    let settings = api::settings_from_json(Some(OPTIONS), api::rules().unwrap()).unwrap();
    files
        .iter()
        .map(|(_, text)| {
            let result = api::check(text, &settings).unwrap();
            let v: Value = serde_json::from_str(&api::result_json(&result, text, None::<()>).unwrap()).unwrap();
            let findings = v["findings"].as_array().unwrap().iter().map(item).collect();
            let notes = v["notes"].as_array().unwrap().iter().map(|s| s.as_str().unwrap().to_string()).collect();
            (findings, notes)
        })
        .collect()
}

/// `digicheck lsp` with UTF-8 positions: every document opened, its diagnostics read back into
/// byte ranges of the file. Information diagnostics with a note's code are the notes.
fn language_server(files: &[(PathBuf, String)]) -> Vec<(Vec<Item>, Vec<String>)> {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("digicheck"))
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel::<Value>();
    std::thread::spawn(move || {
        let mut r = BufReader::new(stdout);
        loop {
            let mut len = 0;
            loop {
                let mut line = String::new();
                if r.read_line(&mut line).unwrap_or(0) == 0 {
                    return;
                }
                match line.trim_end().strip_prefix("Content-Length: ") {
                    Some(n) => len = n.parse().unwrap(),
                    None if line.trim_end().is_empty() => break,
                    None => {}
                }
            }
            let mut body = vec![0; len];
            r.read_exact(&mut body).unwrap();
            if tx.send(serde_json::from_slice(&body).unwrap()).is_err() {
                return;
            }
        }
    });
    let mut send = |msg: Value| {
        let body = msg.to_string();
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        stdin.flush().unwrap();
    };
    send(json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {"general": {"positionEncodings": ["utf-8"]}}, "initializationOptions": {"debounceMs": 0}}}));
    send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
    let uris: Vec<String> = files.iter().map(|(p, _)| format!("file://{}", p.display())).collect();
    for ((_, text), uri) in files.iter().zip(&uris) {
        send(json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}}}));
    }
    let mut published: Vec<Option<Vec<Value>>> = vec![None; files.len()];
    while published.iter().any(Option::is_none) {
        let m = rx.recv_timeout(Duration::from_secs(60)).expect("diagnostics of every document");
        if m["method"] == "textDocument/publishDiagnostics" {
            if let Some(i) = uris.iter().position(|u| m["params"]["uri"] == *u) {
                published[i] = Some(m["params"]["diagnostics"].as_array().unwrap().clone());
            }
        }
    }
    send(json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": null}));
    send(json!({"jsonrpc": "2.0", "method": "exit", "params": null}));
    assert_eq!(child.wait().unwrap().code(), Some(0));
    let severity = |d: &Value| match d["severity"].as_u64().unwrap() {
        1 => "blockierend",
        2 => "hoch|mittel",
        3 => "niedrig",
        _ => "hinweis",
    };
    files
        .iter()
        .zip(published)
        .map(|((_, text), diags)| {
            let mut findings = Vec::new();
            let mut notes = Vec::new();
            for d in diags.unwrap() {
                let code = d["code"].as_str().unwrap().to_string();
                if code.starts_with("DC-") {
                    let (start, end) = (offset(text, &d["range"]["start"]), offset(text, &d["range"]["end"]));
                    findings.push((code, start, end, severity(&d).to_string(), d["message"].as_str().unwrap().to_string()));
                } else {
                    assert_eq!(d["severity"], 3, "a note is information: {d}");
                    notes.push(d["message"].as_str().unwrap().to_string());
                }
            }
            (findings, notes)
        })
        .collect()
}

/// Byte offset of a UTF-8 LSP position.
fn offset(text: &str, pos: &Value) -> usize {
    let line = pos["line"].as_u64().unwrap() as usize;
    let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
    start + pos["character"].as_u64().unwrap() as usize
}

/// The LSP severity says less than the contract's (hoch and mittel are both warnings).
fn lsp_view(items: &[Item]) -> Vec<Item> {
    items
        .iter()
        .map(|(r, s, e, sev, m)| {
            let sev = if sev == "hoch" || sev == "mittel" { "hoch|mittel" } else { sev };
            (r.clone(), *s, *e, sev.to_string(), m.clone())
        })
        .collect()
}

#[test]
fn cli_language_server_and_webassembly_agree() {
    let (_dir, files) = fixture();
    let cli = cli(&files);
    let wasm = wasm_api(&files);
    let lsp = language_server(&files);
    let names: Vec<&str> = files.iter().map(|(p, _)| p.file_name().unwrap().to_str().unwrap()).collect();
    for (i, name) in names.iter().enumerate() {
        let (findings, notes) = &cli[i];
        assert!(!findings.is_empty(), "{name}");
        assert_eq!(&wasm[i], &cli[i], "{name}: WebAssembly API and CLI");
        assert_eq!(lsp[i].0, lsp_view(findings), "{name}: language server and CLI");
        assert_eq!(&lsp[i].1, notes, "{name}: notes of the language server and the CLI");
        for (_, start, end, _, _) in findings {
            assert!(files[i].1.is_char_boundary(*start) && *end <= files[i].1.len(), "{name}");
        }
    }
    // The settings are in play: no once-only finding, DC-SF-008 lowered, DC-TE-001 suppressed in
    // the draft with the directive, and the directive without reason noted.
    let all: Vec<&Item> = cli.iter().flat_map(|(f, _)| f).collect();
    assert!(all.iter().all(|(rule, ..)| !rule.starts_with("DC-OO-")), "once-only disabled");
    assert!(all.iter().any(|(rule, _, _, sev, _)| rule == "DC-SF-008" && sev == "niedrig"), "DC-SF-008 lowered");
    assert!(all.iter().all(|(rule, _, _, sev, _)| rule != "DC-SF-008" || sev == "niedrig"));
    assert!(cli[1].0.iter().all(|(rule, ..)| rule != "DC-TE-001"), "DC-TE-001 suppressed");
    let unsuppressed = std::process::Command::new(assert_cmd::cargo::cargo_bin("digicheck"))
        .args(["check", "--format", "json"])
        .arg(digicheck_testkit::repo_path("corpus").join(names[1]))
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&unsuppressed.stdout).contains("\"DC-TE-001\""), "the draft has a DC-TE-001 finding to suppress");
    assert_eq!(cli[0].1.len(), 1, "{:?}", cli[0].1);
    assert!(cli[0].1[0].contains("Unterdrückung ohne Begründung wird nicht angewendet"), "{:?}", cli[0].1);
}
