//! End-to-end tests of the language server: the real process (`digicheck-lsp`, which `digicheck
//! lsp` runs too), spoken to over its stdin and stdout with JSON-RPC frames, as an editor would.
//! Every wait has a timeout, so a hung server fails a test instead of hanging it.

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

/// Generous: debug builds on a busy two-core machine.
const TIMEOUT: Duration = Duration::from_secs(60);

// ---------------------------------------------------------------------------------------------
// A minimal LSP client
// ---------------------------------------------------------------------------------------------

struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    rx: Receiver<Value>,
    /// Messages received while waiting for something else.
    backlog: Vec<Value>,
    next_id: i64,
    /// Lines the server wrote to standard error, if captured.
    stderr: Option<Receiver<String>>,
}

impl Client {
    fn start() -> Client {
        Client::spawn(false)
    }

    /// With the server's check timings (`DIGICHECK_LSP_TIMING`) captured from its stderr.
    fn start_with_timing() -> Client {
        Client::spawn(true)
    }

    fn spawn(timing: bool) -> Client {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_digicheck-lsp"));
        cmd.stdin(Stdio::piped()).stdout(Stdio::piped());
        if timing {
            cmd.env("DIGICHECK_LSP_TIMING", "1").stderr(Stdio::piped());
        } else {
            cmd.stderr(Stdio::inherit());
        }
        let mut child = cmd.spawn().expect("digicheck lsp starts");
        let stderr = child.stderr.take().map(|err| {
            let (tx, rx) = mpsc::channel();
            std::thread::spawn(move || {
                for line in BufReader::new(err).lines().map_while(Result::ok) {
                    let _ = tx.send(line);
                }
            });
            rx
        });
        let stdout = child.stdout.take().unwrap();
        let stdin = child.stdin.take();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            while let Some(body) = read_frame(&mut r) {
                let v: Value = serde_json::from_slice(&body).expect("the server writes valid JSON");
                assert_eq!(v["jsonrpc"], "2.0", "{v}");
                if tx.send(v).is_err() {
                    return;
                }
            }
        });
        Client { child, stdin, rx, backlog: Vec::new(), next_id: 1, stderr }
    }

    fn write_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        stdin.write_all(bytes).unwrap();
        stdin.flush().unwrap();
    }

    fn send(&mut self, msg: &Value) {
        let body = msg.to_string();
        self.write_raw(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes());
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and returns the whole response (with `result` or `error`).
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait_for(&format!("response to {method}"), |m| m["id"] == id && m.get("method").is_none())
    }

    /// The first message (from the backlog or newly received) that satisfies `pred`.
    fn wait_for(&mut self, what: &str, pred: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.backlog.iter().position(&pred) {
            return self.backlog.remove(i);
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok(m) if pred(&m) => return m,
                Ok(m) => self.backlog.push(m),
                Err(_) => panic!("timed out waiting for {what}; received meanwhile: {:#?}", self.backlog),
            }
        }
    }

    fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let m = self.wait_for(&format!("diagnostics of {uri} version {version}"), |m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri && m["params"]["version"] == version
        });
        m["params"]["diagnostics"].as_array().unwrap().clone()
    }

    fn initialize(&mut self, capabilities: Value, options: Value) -> Value {
        let r = self.request("initialize", json!({"processId": null, "rootUri": null, "capabilities": capabilities, "initializationOptions": options}));
        self.notify("initialized", json!({}));
        r["result"].clone()
    }

    fn open(&mut self, uri: &str, language: &str, text: &str) {
        self.notify("textDocument/didOpen", json!({"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}}));
    }

    fn change(&mut self, uri: &str, version: i64, changes: Value) {
        self.notify("textDocument/didChange", json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}));
    }

    /// `shutdown`, `exit`, and the exit code.
    fn shutdown(mut self) -> i32 {
        let r = self.request("shutdown", Value::Null);
        assert_eq!(r["result"], Value::Null, "{r}");
        self.notify("exit", Value::Null);
        self.wait_exit()
    }

    fn wait_exit(&mut self) -> i32 {
        self.stdin.take();
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code().expect("exited normally");
            }
            assert!(Instant::now() < deadline, "server did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn read_frame(r: &mut impl BufRead) -> Option<Vec<u8>> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length: ") {
            length = v.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    r.read_exact(&mut body).ok()?;
    Some(body)
}

// ---------------------------------------------------------------------------------------------
// Positions
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Enc {
    Utf16,
    Utf8,
}

/// Byte offset of an LSP position in `text`.
fn offset(text: &str, pos: &Value, enc: Enc) -> usize {
    let line = pos["line"].as_u64().unwrap() as usize;
    let character = pos["character"].as_u64().unwrap() as usize;
    let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
    let line_text = text[start..].split('\n').next().unwrap();
    let mut units = 0;
    for (i, c) in line_text.char_indices() {
        if units >= character {
            assert_eq!(units, character, "position inside a character");
            return start + i;
        }
        units += if enc == Enc::Utf16 { c.len_utf16() } else { c.len_utf8() };
    }
    assert_eq!(units, character, "position past the end of line {line}");
    start + line_text.len()
}

fn slice<'a>(text: &'a str, range: &Value, enc: Enc) -> &'a str {
    &text[offset(text, &range["start"], enc)..offset(text, &range["end"], enc)]
}

/// The LSP position of a byte offset.
fn position(text: &str, at: usize, enc: Enc) -> Value {
    let line = text[..at].matches('\n').count();
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let prefix = &text[line_start..at];
    let character: usize = if enc == Enc::Utf16 { prefix.encode_utf16().count() } else { prefix.len() };
    json!({"line": line, "character": character})
}

/// Applies LSP text edits (non-overlapping) to a text.
fn apply_edits(text: &str, edits: &[Value], enc: Enc) -> String {
    let mut ranges: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|e| (offset(text, &e["range"]["start"], enc), offset(text, &e["range"]["end"], enc), e["newText"].as_str().unwrap()))
        .collect();
    ranges.sort_by_key(|r| std::cmp::Reverse(r.0));
    let mut out = text.to_string();
    for (a, b, t) in ranges {
        out.replace_range(a..b, t);
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------

fn corpus(name: &str) -> (PathBuf, String) {
    (digicheck_testkit::repo_path("corpus").join(name), digicheck_testkit::draft(name))
}

fn uri_of(path: &Path) -> String {
    let mut s = String::from("file://");
    for b in path.to_str().unwrap().bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            s.push(b as char);
        } else {
            s.push_str(&format!("%{b:02X}"));
        }
    }
    s
}

/// `(rule, start, end)` of the findings of the engine's pipeline for a file, with the settings of
/// its `digicheck.toml` — what `digicheck check --format json` reports (the CLI, the language
/// server and the npm package are compared directly in `cli/tests/frontends.rs`).
fn cli_findings(path: &Path) -> Vec<(String, usize, usize)> {
    use digicheck_core::config::Config;
    use digicheck_core::pipeline::{self, Input};
    let settings = Config::discover(path).unwrap().settings().unwrap();
    let text = std::fs::read_to_string(path).unwrap();
    let name = path.display().to_string();
    let rules = digicheck_core::RuleSet::builtin().unwrap();
    let r = pipeline::check(Input::Text { name: &name, text: &text }, rules, &settings.check);
    r.findings
        .iter()
        .map(|f| {
            let at = r.original_span(f.span);
            (f.rule.clone(), at.start, at.end)
        })
        .collect()
}

fn rule_of(d: &Value) -> &str {
    d["code"].as_str().unwrap()
}

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

/// Opens every corpus draft and checks that the diagnostics are the CLI's findings, at ranges
/// that cover exactly the matched words in UTF-16 units (the drafts have „…“, § and umlauts
/// before findings on the same line).
#[test]
fn diagnostics_match_the_cli_with_utf16_ranges() {
    let mut c = Client::start();
    let init = c.initialize(json!({}), Value::Null);
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(init["capabilities"]["textDocumentSync"]["change"], 2, "incremental sync");
    assert_eq!(init["serverInfo"]["name"], "digicheck");
    let mut multibyte_before = 0;
    for name in digicheck_testkit::DRAFTS {
        let (path, text) = corpus(name);
        let uri = uri_of(&path);
        c.open(&uri, "plaintext", &text);
        let diags = c.diagnostics(&uri, 1);
        let mut got = Vec::new();
        for d in &diags {
            let words = slice(&text, &d["range"], Enc::Utf16);
            assert_eq!(words, d["data"]["text"], "{name}: range covers the matched words: {d}");
            assert_eq!(d["source"], "Digi-Check");
            assert!(rule_of(d).starts_with("DC-"), "{d}");
            assert!((1..=4).contains(&d["severity"].as_u64().unwrap()), "{d}");
            assert!(!d["message"].as_str().unwrap().is_empty());
            let start = offset(&text, &d["range"]["start"], Enc::Utf16);
            let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
            if !text[line_start..start].is_ascii() {
                multibyte_before += 1;
            }
            got.push((rule_of(d).to_string(), start, offset(&text, &d["range"]["end"], Enc::Utf16)));
        }
        assert_eq!(got, cli_findings(&path), "{name}: same findings as `digicheck check`");
        assert!(!got.is_empty(), "{name}");
    }
    assert!(multibyte_before >= 3, "findings after „, § or umlauts on their line: {multibyte_before}");
    assert_eq!(c.shutdown(), 0);
}

/// The sample draft open in a client that counts UTF-16 columns, with a short debounce: the
/// start of the sessions that edit the draft.
fn sample_draft_in_utf16() -> (String, String, Client) {
    let (path, text) = corpus("gesetzentwurf-hundehaltung-mv.txt");
    let uri = uri_of(&path);
    let mut c = Client::start();
    c.initialize(json!({"general": {"positionEncodings": ["utf-16"]}}), json!({"debounceMs": 50}));
    c.open(&uri, "plaintext", &text);
    (uri, text, c)
}

/// The whole editing session: incremental edits that add and remove a barrier, hover, the quick
/// fix applied by the client, the suppression action, the explanation command, clean shutdown.
#[test]
fn editing_session() {
    let (uri, mut text, mut c) = sample_draft_in_utf16();
    let original = c.diagnostics(&uri, 1);
    assert!(original.len() >= 3, "{original:?}");

    // 1. Insert a barrier at the end of a line that has umlauts and quotes before it (version 2),
    //    as two changes in one notification that only make sense applied in order.
    let line_end = text.find("elektronisch erteilt werden.").unwrap() + "elektronisch erteilt werden.".len();
    let (part1, part2) = (" Die „Anzeige über Änderungen“", " ist schriftlich einzureichen.");
    let sentence = format!("{part1}{part2}");
    let between = format!("{}{part1}{}", &text[..line_end], &text[line_end..]);
    let at1 = position(&text, line_end, Enc::Utf16);
    let at2 = position(&between, line_end + part1.len(), Enc::Utf16);
    c.change(&uri, 2, json!([
        {"range": {"start": at1, "end": at1}, "text": part1},
        {"range": {"start": at2, "end": at2}, "text": part2}
    ]));
    text.insert_str(line_end, &sentence);
    let added = c.diagnostics(&uri, 2);
    assert_eq!(added.len(), original.len() + 1, "{added:#?}");
    let new = added.iter().find(|d| offset(&text, &d["range"]["start"], Enc::Utf16) > line_end).expect("the inserted barrier");
    assert_eq!(slice(&text, &new["range"], Enc::Utf16), "schriftlich");
    assert_eq!(offset(&text, &new["range"]["start"], Enc::Utf16), line_end + sentence.find("schriftlich").unwrap());
    for d in &added {
        assert_eq!(slice(&text, &d["range"], Enc::Utf16), d["data"]["text"]);
    }

    // 2. Hover on the new finding: Markdown with rule, explanation, basis and suggested wording.
    let hover = c.request("textDocument/hover", json!({"textDocument": {"uri": uri}, "position": new["range"]["start"]}));
    let md = hover["result"]["contents"]["value"].as_str().unwrap_or_default();
    assert_eq!(hover["result"]["contents"]["kind"], "markdown");
    assert!(md.contains(rule_of(new)) && md.contains("**Formulierungsvorschlag:** „schriftlich oder elektronisch“"), "{md}");
    assert!(md.contains("**Rechtsgrundlage:**") && md.contains("VwVfG M-V"), "{md}");
    assert_eq!(hover["result"]["range"], new["range"]);
    let nothing = c.request("textDocument/hover", json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}));
    assert_eq!(nothing["result"], Value::Null);

    // 3. Remove the inserted barrier again (version 3): back to the original diagnostics.
    let a = position(&text, line_end, Enc::Utf16);
    let b = position(&text, line_end + sentence.len(), Enc::Utf16);
    c.change(&uri, 3, json!([{"range": {"start": a, "end": b}, "text": ""}]));
    text.replace_range(line_end..line_end + sentence.len(), "");
    let removed = c.diagnostics(&uri, 3);
    assert_eq!(removed, original);

    // 4. Code actions on the first finding with suggested wording: preferred quick fix,
    //    suppression, explanation.
    let target = removed.iter().find(|d| !d["data"]["fix"].is_null()).expect("a finding with a suggestion").clone();
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": target["range"], "context": {"diagnostics": [target]}}),
    )["result"]
        .as_array()
        .unwrap()
        .clone();
    let titles: Vec<&str> = actions.iter().map(|a| a["title"].as_str().unwrap()).collect();
    assert_eq!(actions.len(), 3, "{titles:?}");
    let fix = &actions[0];
    assert_eq!((fix["kind"].as_str(), fix["isPreferred"].as_bool()), (Some("quickfix"), Some(true)));
    let edits = fix["edit"]["changes"][&uri].as_array().unwrap();
    assert_eq!(edits.len(), 1);
    assert_eq!(edits[0]["range"], target["range"], "replaces exactly the matched words");
    assert!(titles[1].contains("unterdrücken") && titles[2].contains("Erklärung"), "{titles:?}");

    // Apply the fix the way an editor does: the edit to its buffer, then didChange (version 4).
    let fixed = apply_edits(&text, edits, Enc::Utf16);
    c.change(&uri, 4, json!([{"range": edits[0]["range"], "text": edits[0]["newText"]}]));
    text = fixed;
    let after_fix = c.diagnostics(&uri, 4);
    assert_eq!(after_fix.len(), original.len() - 1, "{after_fix:#?}");
    assert!(!after_fix.iter().any(|d| d["range"]["start"] == target["range"]["start"] && rule_of(d) == rule_of(&target)));

    // 5. Suppress the next finding with the inserted comment (version 5).
    let next = after_fix[0].clone();
    let actions = c.request("textDocument/codeAction", json!({"textDocument": {"uri": uri}, "range": next["range"], "context": {"diagnostics": []}}));
    let suppress = actions["result"].as_array().unwrap().iter().find(|a| a["title"].as_str().unwrap().contains("unterdrücken")).unwrap().clone();
    let edit = &suppress["edit"]["changes"][&uri][0];
    assert!(edit["newText"].as_str().unwrap().starts_with(&format!("<!-- digicheck-ignore {}: ", rule_of(&next))));
    c.change(&uri, 5, json!([{"range": edit["range"], "text": edit["newText"]}]));
    text = apply_edits(&text, std::slice::from_ref(edit), Enc::Utf16);
    // Accepted as it is, the placeholder is no reason: the finding stays, and a note on the
    // directive says why.
    let placeholder = c.diagnostics(&uri, 5);
    assert_eq!(placeholder.len(), after_fix.len() + 1, "{placeholder:#?}");
    let note = placeholder.iter().find(|d| d["code"] == "digicheck-ignore").expect("a note on the directive");
    assert!(note["message"].as_str().unwrap().contains("Platzhalter"), "{note}");
    // The drafter types the reason over the placeholder (version 6): now the finding is gone.
    let reason_at = text.find("Begründung eintragen").unwrap();
    let (from, to) = (position(&text, reason_at, Enc::Utf16), position(&text, reason_at + "Begründung eintragen".len(), Enc::Utf16));
    c.change(&uri, 6, json!([{"range": {"start": from, "end": to}, "text": "Papierverfahren bleibt bewusst"}]));
    text.replace_range(reason_at..reason_at + "Begründung eintragen".len(), "Papierverfahren bleibt bewusst");
    let after_suppress = c.diagnostics(&uri, 6);
    assert_eq!(after_suppress.len(), after_fix.len() - 1);
    for d in &after_suppress {
        assert_eq!(slice(&text, &d["range"], Enc::Utf16), d["data"]["text"]);
    }

    // 6. The explanation command: the server answers with window/showMessage.
    let explain = actions["result"].as_array().unwrap().iter().find(|a| a["title"].as_str().unwrap().contains("Erklärung")).unwrap().clone();
    let cmd = &explain["command"];
    let r = c.request("workspace/executeCommand", json!({"command": cmd["command"], "arguments": cmd["arguments"]}));
    assert_eq!(r["result"], Value::Null, "{r}");
    let shown = c.wait_for("showMessage", |m| m["method"] == "window/showMessage");
    assert!(shown["params"]["message"].as_str().unwrap().contains(rule_of(&next)), "{shown}");

    // 7. Closing clears the document's diagnostics; shutdown and exit end with code 0.
    c.notify("textDocument/didClose", json!({"textDocument": {"uri": uri}}));
    let cleared = c.wait_for("cleared diagnostics", |m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["diagnostics"] == json!([]));
    assert_eq!(cleared["params"]["uri"], uri);
    assert_eq!(c.shutdown(), 0);
}

/// One-click fixes beyond „schriftlich oder elektronisch“: on the sample draft the official form, the
/// handwritten signature and the Telefax each get a quick fix that fits the sentence, and taking it
/// clears the finding; a finding without a well-defined rewording gets none.
#[test]
fn quick_fixes_of_the_newly_covered_rules() {
    let (uri, mut text, mut c) = sample_draft_in_utf16();
    let mut diags = c.diagnostics(&uri, 1);
    let mut version = 1;
    for (rule, words, wording) in [
        ("DC-PA-001", "amtlich vorgeschriebene Vordruck", "amtlich vorgeschriebene Vordruck oder Datensatz"),
        ("DC-US-001", "eigenhändig zu unterschreiben", "eigenhändig zu unterschreiben oder mit einer qualifizierten elektronischen Signatur zu versehen"),
        ("DC-TE-001", "Telefax", "Telefax oder elektronisch"),
    ] {
        let target = diags.iter().find(|d| rule_of(d) == rule).unwrap_or_else(|| panic!("no {rule} in {diags:#?}")).clone();
        assert_eq!((slice(&text, &target["range"], Enc::Utf16), target["data"]["fix"].as_str()), (words, Some(wording)));
        let actions = c.request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": target["range"], "context": {"diagnostics": [target], "only": ["quickfix"]}}),
        )["result"]
            .as_array()
            .unwrap()
            .clone();
        let fix = &actions[0];
        assert_eq!(fix["title"], format!("Formulierung übernehmen: „{wording}“"));
        assert_eq!(fix["isPreferred"], true);
        let edits = fix["edit"]["changes"][&uri].as_array().unwrap().clone();
        assert_eq!((edits.len(), &edits[0]["range"], edits[0]["newText"].as_str()), (1, &target["range"], Some(wording)));
        version += 1;
        c.change(&uri, version, json!([{"range": edits[0]["range"], "text": edits[0]["newText"]}]));
        text = apply_edits(&text, &edits, Enc::Utf16);
        let after = c.diagnostics(&uri, version);
        assert_eq!(after.len(), diags.len() - 1, "{rule}: {after:#?}");
        assert!(!after.iter().any(|d| rule_of(d) == rule), "{rule} still reported after its fix");
        diags = after;
    }
    // „beglaubigter Abschrift“: no established rewording keeps the evidential meaning, so the
    // finding offers suppression and explanation, no wording.
    let once_only = diags.iter().find(|d| rule_of(d) == "DC-OR-002").unwrap().clone();
    assert!(once_only["data"]["fix"].is_null());
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": once_only["range"], "context": {"diagnostics": [once_only]}}),
    );
    assert!(!actions["result"].as_array().unwrap().iter().any(|a| a["title"].as_str().unwrap().starts_with("Formulierung übernehmen")));
    assert_eq!(c.shutdown(), 0);
}

/// A client that offers UTF-8 gets UTF-8 columns (bytes within the line).
#[test]
fn utf8_positions_when_offered() {
    let (path, text) = corpus("aenderungsgesetz-verwaltungsverfahren-mv.txt");
    let uri = uri_of(&path);
    let mut c = Client::start();
    let init = c.initialize(json!({"general": {"positionEncodings": ["utf-8", "utf-16"]}}), Value::Null);
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-8");
    c.open(&uri, "plaintext", &text);
    let diags = c.diagnostics(&uri, 1);
    assert!(!diags.is_empty());
    for d in &diags {
        assert_eq!(slice(&text, &d["range"], Enc::Utf8), d["data"]["text"], "{d}");
    }
    // An edit in UTF-8 columns after „ (3 bytes, one UTF-16 unit).
    let at = text.find("„schriftlich“ durch").unwrap() + "„".len();
    c.change(&uri, 2, json!([{"range": {"start": position(&text, at, Enc::Utf8), "end": position(&text, at + "schriftlich".len(), Enc::Utf8)}, "text": "mündlich"}]));
    let mut edited = text.clone();
    edited.replace_range(at..at + "schriftlich".len(), "mündlich");
    for d in c.diagnostics(&uri, 2) {
        assert_eq!(slice(&edited, &d["range"], Enc::Utf8), d["data"]["text"], "{d}");
    }
    // Leaving without shutdown: exit code 1.
    c.notify("exit", Value::Null);
    assert_eq!(c.wait_exit(), 1);
}

/// Settings from initializationOptions, didChangeConfiguration and digicheck.toml.
#[test]
fn configuration_from_editor_and_digicheck_toml() {
    let (_, text) = corpus("gesetzentwurf-hundehaltung-mv.txt");
    let dir = tempfile::tempdir().unwrap();
    let mut c = Client::start();
    c.initialize(json!({}), json!({"digicheck": {"minSeverity": "blockierend"}}));
    let plain = uri_of(&dir.path().join("entwurf.txt"));
    std::fs::write(dir.path().join("entwurf.txt"), &text).unwrap();
    c.open(&plain, "plaintext", &text);
    let only_blocking = c.diagnostics(&plain, 1);
    assert!(!only_blocking.is_empty() && only_blocking.iter().all(|d| d["severity"] == 1), "{only_blocking:#?}");

    // New settings re-publish without a new version.
    c.notify("workspace/didChangeConfiguration", json!({"settings": {"digicheck": {"minSeverity": "hinweis", "disable": ["DC-SF-009"]}}}));
    let all = c.diagnostics(&plain, 1);
    assert!(all.len() > only_blocking.len() && all.iter().all(|d| rule_of(d) != "DC-SF-009"), "{all:#?}");

    // digicheck.toml next to a document disables further rules; the editor's list adds to it.
    let sub = dir.path().join("amt");
    std::fs::create_dir(&sub).unwrap();
    std::fs::write(sub.join("digicheck.toml"), "disable = [\"DC-SF-005\"]\n").unwrap();
    let configured = uri_of(&sub.join("entwurf.txt"));
    c.open(&configured, "plaintext", &text);
    let d = c.diagnostics(&configured, 1);
    assert!(!d.is_empty() && d.iter().all(|d| !["DC-SF-005", "DC-SF-009"].contains(&rule_of(d))), "{d:#?}");

    // A broken digicheck.toml is reported once and the defaults apply.
    let bad = dir.path().join("kaputt");
    std::fs::create_dir(&bad).unwrap();
    std::fs::write(bad.join("digicheck.toml"), "profil = \"bund\"\n").unwrap();
    let broken = uri_of(&bad.join("entwurf.md"));
    c.open(&broken, "markdown", &format!("## Entwurf\n\n{text}"));
    let warning = c.wait_for("showMessage about digicheck.toml", |m| m["method"] == "window/showMessage");
    assert!(warning["params"]["message"].as_str().unwrap().contains("digicheck.toml"), "{warning}");
    assert!(!c.diagnostics(&broken, 1).is_empty());
    assert_eq!(c.shutdown(), 0);
}

/// Whatever a client sends, the server answers with JSON-RPC errors and keeps running.
#[test]
fn malformed_messages_get_errors_and_the_server_keeps_running() {
    let mut c = Client::start();
    // Before initialize: requests are refused, notifications dropped.
    let early = c.request("textDocument/hover", json!({}));
    assert_eq!(early["error"]["code"], -32002, "{early}");
    c.initialize(json!({}), json!({"profile": "bayern"}));

    // Not JSON.
    c.write_raw(b"Content-Length: 9\r\n\r\n{kaputt!!");
    let e = c.wait_for("parse error", |m| m["error"]["code"] == -32700);
    assert_eq!(e["id"], Value::Null);
    // JSON, but not a JSON-RPC message.
    c.send(&json!({"jsonrpc": "2.0", "id": 4711, "foo": 1}));
    let e = c.wait_for("invalid request", |m| m["id"] == 4711);
    assert_eq!(e["error"]["code"], -32600, "{e}");
    // A header without Content-Length, and an absurd one.
    c.write_raw(b"X-Unsinn: 1\r\n\r\n");
    c.wait_for("error for the missing length", |m| m["error"]["code"] == -32700 && m["error"]["message"].as_str().unwrap().contains("Content-Length"));
    // Unknown request and notification.
    let r = c.request("digicheck/gibtEsNicht", json!({}));
    assert_eq!(r["error"]["code"], -32601, "{r}");
    c.notify("digicheck/gibtEsAuchNicht", json!({"x": 1}));
    c.notify("$/setTrace", json!({"value": "off"}));
    // Invalid parameters.
    for (method, params) in [
        ("textDocument/hover", json!({"foo": 1})),
        ("textDocument/hover", json!("Text")),
        ("textDocument/codeAction", json!({"textDocument": {"uri": "file:///x.txt"}})),
        ("workspace/executeCommand", json!({"command": "digicheck.explain", "arguments": []})),
        ("workspace/executeCommand", json!({"command": "digicheck.explain", "arguments": ["DC-XX-999"]})),
        ("workspace/executeCommand", json!({"command": "rm -rf", "arguments": []})),
    ] {
        let r = c.request(method, params.clone());
        assert_eq!(r["error"]["code"], -32602, "{method} {params}: {r}");
    }
    // Notifications with invalid parameters are logged, not answered.
    c.notify("textDocument/didOpen", json!({"textDocument": 5}));
    c.wait_for("log of the bad didOpen", |m| m["method"] == "window/logMessage");
    c.notify("workspace/didChangeConfiguration", json!({"settings": {"disable": "alles"}}));
    c.wait_for("warning about bad settings", |m| m["method"] == "window/showMessage" && m["params"]["message"].as_str().unwrap().contains("unlesbar"));

    // Out-of-range positions are clamped.
    let uri = "untitled:Entwurf-1";
    let text = "§ 1 Test\n\n(1) Die Erklärung ist schriftlich abzugeben.\n";
    c.open(uri, "plaintext", text);
    let d = c.diagnostics(uri, 1);
    assert_eq!(d.len(), 1, "{d:?}");
    // The unknown profile from initializationOptions is reported; the default applies.
    c.wait_for("warning about the profile", |m| m["method"] == "window/showMessage" && m["params"]["message"].as_str().unwrap().contains("bayern"));
    let far = json!({"line": 4_000_000_000u32, "character": 4_000_000_000u32});
    let r = c.request("textDocument/hover", json!({"textDocument": {"uri": uri}, "position": far}));
    assert_eq!(r["result"], Value::Null, "{r}");
    let r = c.request("textDocument/codeAction", json!({"textDocument": {"uri": uri}, "range": {"start": far, "end": {"line": 0, "character": 0}}, "context": {"diagnostics": []}}));
    assert_eq!(r["result"].as_array().map(Vec::len), Some(3), "a reversed range over the whole text: {r}");
    c.change(uri, 2, json!([{"range": {"start": far, "end": far}, "text": " Die Anzeige ist schriftlich einzureichen."}]));
    let d = c.diagnostics(uri, 2);
    assert_eq!(d.len(), 2, "appended at the clamped end: {d:?}");
    // A stale version is refused (and logged); the document stays at version 2.
    c.change(uri, 2, json!([{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "XXX"}]));
    c.wait_for("log of the stale change", |m| m["method"] == "window/logMessage" && m["params"]["message"].as_str().unwrap().contains("Version 2"));
    // Requests on unknown documents get empty answers.
    let r = c.request("textDocument/hover", json!({"textDocument": {"uri": "file:///nicht/offen.txt"}, "position": {"line": 0, "character": 0}}));
    assert_eq!(r["result"], Value::Null);
    // A response to nothing is ignored.
    c.send(&json!({"jsonrpc": "2.0", "id": 99, "result": null}));

    // Still alive: a second initialize is refused, and shutdown refuses everything but exit.
    let r = c.request("initialize", json!({"capabilities": {}}));
    assert_eq!(r["error"]["code"], -32600, "{r}");
    let r = c.request("shutdown", Value::Null);
    assert_eq!(r["result"], Value::Null);
    let r = c.request("textDocument/hover", json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}));
    assert_eq!(r["error"]["code"], -32600, "{r}");
    c.notify("exit", Value::Null);
    assert_eq!(c.wait_exit(), 0);
}

/// LegalDocML.de documents: ranges point into the XML, at the words inside the element; other
/// XML gets no diagnostics; suppression comments are not offered in XML.
#[test]
fn legaldocml_documents() {
    let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<akn:akomaNtoso xmlns:akn="http://Inhaltsdaten.LegalDocML.de/1.8.2/">
 <akn:act name="regelungstext">
  <akn:body eId="hauptteil-1">
   <akn:article eId="art-1">
    <akn:num eId="art-1_bezeichnung-1">§ 1</akn:num>
    <akn:heading eId="art-1_überschrift-1">Anträge über Änderungen</akn:heading>
    <akn:paragraph eId="art-1_abs-1">
     <akn:num eId="art-1_abs-1_bezeichnung-1">(1)</akn:num>
     <akn:content eId="art-1_abs-1_inhalt-1">
      <akn:p eId="art-1_abs-1_inhalt-1_text-1">Die „Änderungsanzeige“ ist der Behörde schriftlich einzureichen.</akn:p>
     </akn:content>
    </akn:paragraph>
   </akn:article>
  </akn:body>
 </akn:act>
</akn:akomaNtoso>
"#;
    let mut c = Client::start();
    c.initialize(json!({}), Value::Null);
    let uri = "file:///tmp/entwurf.xml";
    c.open(uri, "xml", xml);
    let d = c.diagnostics(uri, 1);
    assert!(!d.is_empty(), "{d:#?}");
    for diag in &d {
        assert_eq!(slice(xml, &diag["range"], Enc::Utf16), diag["data"]["text"], "{diag}");
    }
    let actions = c.request("textDocument/codeAction", json!({"textDocument": {"uri": uri}, "range": d[0]["range"], "context": {"diagnostics": []}}));
    let titles: Vec<String> = actions["result"].as_array().unwrap().iter().map(|a| a["title"].as_str().unwrap().to_string()).collect();
    assert!(titles.iter().any(|t| t.starts_with("Formulierung übernehmen")), "{titles:?}");
    assert!(!titles.iter().any(|t| t.contains("unterdrücken")), "{titles:?}");

    let other = "file:///tmp/pom.xml";
    c.open(other, "xml", "<?xml version=\"1.0\"?>\n<project><description>schriftlich einzureichen</description></project>\n");
    assert_eq!(c.diagnostics(other, 1), Vec::<Value>::new());
    assert_eq!(c.shutdown(), 0);
}

/// No fixed debounce, and no check per keystroke either when typing outpaces checking: edits that
/// arrive while a check runs are applied together and checked once, with the same diagnostics as
/// the final text opened afresh.
#[test]
fn edits_typed_during_a_check_are_coalesced() {
    let (_, draft) = corpus("gesetzentwurf-hundehaltung-mv.txt");
    // About 1 MB, so that the first full check outlasts the arrival of every edit below.
    let text = draft.repeat(30);
    let uri = "file:///tmp/gross.txt";
    let mut c = Client::start();
    c.initialize(json!({"general": {"positionEncodings": ["utf-16"]}}), Value::Null);
    let mut frames = String::new();
    let mut push = |msg: Value| {
        let body = msg.to_string();
        frames.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
    };
    push(json!({"jsonrpc": "2.0", "method": "textDocument/didOpen",
        "params": {"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}}}));
    let mut doc = text.clone();
    for version in 2..=21i64 {
        let at = doc.find("Der Antrag").unwrap_or(0) + version as usize;
        let pos = position(&doc, at, Enc::Utf16);
        push(json!({"jsonrpc": "2.0", "method": "textDocument/didChange",
            "params": {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"range": {"start": pos, "end": pos}, "text": "x"}]}}));
        doc.insert(at, 'x');
    }
    c.write_raw(frames.as_bytes());
    let last = c.diagnostics(uri, 21);
    let published = c.backlog.iter().filter(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri).count() + 1;
    assert!(published <= 5, "21 versions sent at once, {published} checks published");
    let fresh = "file:///tmp/frisch.txt";
    c.open(fresh, "plaintext", &doc);
    let expected = c.diagnostics(fresh, 1);
    let ranges = |d: &[Value]| d.iter().map(|d| (rule_of(d).to_string(), d["range"].clone())).collect::<Vec<_>>();
    assert_eq!(ranges(&last), ranges(&expected));
    assert_eq!(c.shutdown(), 0);
}

/// The end of input without `exit` ends the server with code 1.
#[test]
fn closed_input_ends_the_server() {
    let mut c = Client::start();
    c.initialize(json!({}), Value::Null);
    assert_eq!(c.wait_exit(), 1);
}

/// Latency from didChange to publishDiagnostics on VwVfG-sized documents (the federal VwVfG,
/// 134 KB, and the BauGB, 505 KB, from the shared corpus), printed, not asserted: run with
/// `cargo test --release -p digicheck-lsp --test lsp latency -- --nocapture` for meaningful numbers.
/// The server checks at once (no debounce); its own time (the check through its editing session,
/// then the diagnostics) is taken from its timing output. `bench/lsp-latency.mjs` is the guard.
#[test]
fn latency_on_vwvfg() {
    let profile = if cfg!(debug_assertions) { "debug" } else { "release" };
    for name in ["VwVfG.txt", "BauGB.txt"] {
        let Some(text) = digicheck_testkit::shared_text(&format!("corpus/sample/{name}"), "the latency measurement") else {
            continue;
        };
        let mut c = Client::start_with_timing();
        c.initialize(json!({}), Value::Null);
        let uri = format!("file:///tmp/{name}");
        let t = Instant::now();
        c.open(&uri, "plaintext", &text);
        let first = c.diagnostics(&uri, 1);
        let open_ms = t.elapsed().as_secs_f64() * 1000.0;
        let mut doc = text.clone();
        let mut times = Vec::new();
        for version in 2..=11i64 {
            // Type one character into a sentence, at places spread over the text.
            let from = doc.len() * (version as usize) / 13;
            let at = doc[from..].find(". ").map(|i| from + i + 1).unwrap();
            let pos = position(&doc, at, Enc::Utf16);
            let t = Instant::now();
            c.change(&uri, version, json!([{"range": {"start": pos, "end": pos}, "text": "x"}]));
            let d = c.diagnostics(&uri, version);
            times.push(t.elapsed().as_secs_f64() * 1000.0);
            doc.insert(at, 'x');
            assert!(d.len() + 2 >= first.len());
        }
        let log = c.stderr.take().unwrap();
        assert_eq!(c.shutdown(), 0);
        // Per check: total, check, diagnostics (ms), from the server's timing lines.
        let checks: Vec<Vec<f64>> = log.try_iter().filter_map(|l| timing_numbers(&l)).collect();
        let column = |i: usize| median(&mut checks[1..].iter().map(|c| c[i]).collect::<Vec<_>>());
        let open_check = checks.first().map_or(f64::NAN, |c| c[0]);
        eprintln!(
            "latency ({profile}) {name} {} KB: didChange → publishDiagnostics median {:.0} ms (min {:.0}, max {:.0}); \
             server median {:.1} ms (check {:.1}, diagnostics {:.1}); open → diagnostics {open_ms:.0} ms (server {open_check:.0} ms); {} findings",
            text.len() / 1024,
            median(&mut times),
            times[0],
            times[times.len() - 1],
            column(0),
            column(1),
            column(2),
            first.len()
        );
    }
}

/// The three millisecond figures of a timing line: „… in 2.3 ms (Prüfung 1.9, Diagnosen 0.4; …“.
fn timing_numbers(line: &str) -> Option<Vec<f64>> {
    let rest = line.split_once(" in ")?.1;
    let head = rest.split(';').next()?;
    let numbers: Vec<f64> = head
        .split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .filter(|t| !t.is_empty() && *t != ".")
        .filter_map(|t| t.parse().ok())
        .collect();
    (numbers.len() == 3).then_some(numbers)
}

fn median(v: &mut [f64]) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}
