//! The server's state and its answer to every message.
//!
//! Synchronous and single-threaded: messages are handled in the order they arrive, so edits are
//! applied strictly in order and a request always sees every edit sent before it. A change only
//! schedules a check ([`Server::next_deadline`]), due at once: the main loop first applies every
//! message that is already waiting (the edits typed while the last check ran, so they cost one
//! check, not one each) and then calls [`Server::publish_due`]. There is no fixed quiet time, as
//! a check through the editing session is cheaper than any debounce; a client may still ask for
//! one (`debounceMs`). A hover or code action on a document with a check still pending runs that
//! check first, so answers never refer to an older text. Nothing a client sends can panic the server: bad parameters get `InvalidParams`,
//! unknown methods `MethodNotFound`, and a panic inside a handler becomes `InternalError`.

use super::actions::{self, EXPLAIN};
use super::analysis::{Analysis, Analyzer, Located};
use super::documents::{Documents, OpenDocument};
use super::position::Encoding;
use super::settings::{self, ClientSettings};
use super::transport::Writer;
use super::{diagnostics, hover, uri};
use digicheck_core::config::{self, ProjectSettings};
use digicheck_core::RuleSet;
use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionParams, CodeActionProviderCapability, DidChangeConfigurationParams,
    DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams, DidSaveTextDocumentParams,
    ExecuteCommandOptions, ExecuteCommandParams, Hover, HoverContents, HoverParams, HoverProviderCapability,
    InitializeParams, InitializeResult, LogMessageParams, MarkupContent, MarkupKind, MessageType,
    PublishDiagnosticsParams, SaveOptions, ServerCapabilities, ServerInfo, ShowMessageParams,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions, TextDocumentSyncSaveOptions, Uri,
};
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::io::{self, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::rc::Rc;
use std::time::{Duration, Instant};

/// Quiet time after the last change before a document is checked, unless the client sets one:
/// none, as edits that arrive while a check runs are coalesced anyway (see the module docs).
pub const DEBOUNCE: Duration = Duration::ZERO;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Before `initialize`: only `initialize` and `exit` are accepted.
    Uninitialized,
    Running,
    /// After `shutdown`: only `exit` is accepted.
    ShuttingDown,
}

/// What the main loop does after a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    Continue,
    /// `exit` arrived: 0 if `shutdown` came first, 1 otherwise (as the protocol asks).
    Exit(u8),
}

/// The last check of a document, with what hover and code actions need to explain it.
struct Published {
    analysis: Analysis,
    rules: Rc<RuleSet>,
}

#[derive(Default)]
struct DocState {
    analyzer: Analyzer,
    last: Option<Published>,
}

/// An error answer to a request.
type Failure = (ErrorCode, String);

pub struct Server<W: Write> {
    out: Writer<W>,
    phase: Phase,
    encoding: Encoding,
    client: ClientSettings,
    /// The client takes snippet edits in workspace edits (LSP 3.18 `snippetEditSupport`).
    snippets: bool,
    debounce: Duration,
    docs: Documents,
    states: HashMap<Uri, DocState>,
    pending: HashMap<Uri, Instant>,
    /// Warnings already shown, so a broken `digicheck.toml` is reported once, not per keystroke.
    shown: HashSet<String>,
    builtin: Rc<RuleSet>,
    /// Rule sets with extra rule folders from `digicheck.toml`, by folder list, compiled once.
    custom_rules: HashMap<Vec<PathBuf>, Rc<RuleSet>>,
    /// Print the time of every check to standard error (`DIGICHECK_LSP_TIMING=1`).
    timing: bool,
}

impl<W: Write> Server<W> {
    pub fn new(out: W, builtin: &RuleSet) -> Server<W> {
        Server {
            out: Writer::new(out),
            phase: Phase::Uninitialized,
            encoding: Encoding::default(),
            client: ClientSettings::default(),
            snippets: false,
            debounce: DEBOUNCE,
            docs: Documents::default(),
            states: HashMap::new(),
            pending: HashMap::new(),
            shown: HashSet::new(),
            builtin: Rc::new(builtin.clone()),
            custom_rules: HashMap::new(),
            timing: std::env::var_os("DIGICHECK_LSP_TIMING").is_some_and(|v| v != "0"),
        }
    }

    /// Answers a frame the transport could not read.
    pub fn malformed(&mut self, id: Option<RequestId>, code: ErrorCode, message: &str) -> io::Result<()> {
        self.out.send_error(id, code, message)
    }

    pub fn handle(&mut self, msg: Message) -> io::Result<Flow> {
        match msg {
            Message::Request(req) => self.on_request(req).map(|()| Flow::Continue),
            Message::Notification(n) => {
                let method = n.method.clone();
                match catch_unwind(AssertUnwindSafe(|| self.on_notification(n))) {
                    Ok(flow) => flow,
                    Err(_) => {
                        self.log(MessageType::ERROR, format!("interner Fehler bei {method}; bitte melden"))?;
                        Ok(Flow::Continue)
                    }
                }
            }
            // The server sends no requests, so there is nothing to match a response to.
            Message::Response(_) => Ok(Flow::Continue),
        }
    }

    /// The exit code when the client closes the connection without `exit`: as if `exit` had come.
    pub fn closed(&self) -> u8 {
        if self.phase == Phase::ShuttingDown {
            0
        } else {
            1
        }
    }

    /// When the next scheduled check is due, if any.
    pub fn next_deadline(&self) -> Option<Instant> {
        self.pending.values().min().copied()
    }

    /// Checks and publishes every document whose quiet time is over.
    pub fn publish_due(&mut self) -> io::Result<()> {
        let now = Instant::now();
        let mut due: Vec<Uri> = self.pending.iter().filter(|(_, &t)| t <= now).map(|(u, _)| u.clone()).collect();
        due.sort();
        for uri in due {
            self.pending.remove(&uri);
            self.publish(&uri)?;
        }
        Ok(())
    }

    // ---- requests ----

    fn on_request(&mut self, req: Request) -> io::Result<()> {
        let id = req.id.clone();
        let answer = match (self.phase, req.method.as_str()) {
            (Phase::Uninitialized, "initialize") => return self.initialize(req),
            (Phase::Uninitialized, _) => Err((ErrorCode::ServerNotInitialized, "Der Server ist noch nicht initialisiert.".into())),
            (_, "initialize") => Err((ErrorCode::InvalidRequest, "initialize wurde schon empfangen.".into())),
            (Phase::ShuttingDown, _) => Err((ErrorCode::InvalidRequest, "Der Server wird beendet (shutdown empfangen).".into())),
            (Phase::Running, "shutdown") => {
                self.phase = Phase::ShuttingDown;
                self.pending.clear();
                Ok(Value::Null)
            }
            (Phase::Running, _) => match catch_unwind(AssertUnwindSafe(|| self.dispatch(&req))) {
                Ok(result) => result?,
                Err(_) => Err((ErrorCode::InternalError, format!("interner Fehler bei {}; bitte melden", req.method))),
            },
        };
        let response = match answer {
            Ok(v) => Response { id, response_result: Ok(v) },
            Err((code, message)) => Response::new_err(id, code as i32, message),
        };
        self.out.send(response)
    }

    fn dispatch(&mut self, req: &Request) -> io::Result<Result<Value, Failure>> {
        Ok(match req.method.as_str() {
            "textDocument/hover" => match params::<HoverParams>(req) {
                Ok(p) => self.hover(p)?,
                Err(e) => Err(e),
            },
            "textDocument/codeAction" => match params::<CodeActionParams>(req) {
                Ok(p) => self.code_action(p)?,
                Err(e) => Err(e),
            },
            "workspace/executeCommand" => match params::<ExecuteCommandParams>(req) {
                Ok(p) => self.execute_command(p)?,
                Err(e) => Err(e),
            },
            other => Err((ErrorCode::MethodNotFound, format!("unbekannte Methode „{other}“"))),
        })
    }

    fn initialize(&mut self, req: Request) -> io::Result<()> {
        let p: InitializeParams = match params(&req) {
            Ok(p) => p,
            Err((code, message)) => return self.out.send(Response::new_err(req.id, code as i32, message)),
        };
        // `lsp-types` does not know the capability yet: read it from the raw parameters.
        self.snippets = req.params.pointer("/capabilities/workspace/workspaceEdit/snippetEditSupport") == Some(&Value::Bool(true));
        self.encoding = Encoding::negotiate(p.capabilities.general.as_ref().and_then(|g| g.position_encodings.as_deref()));
        let mut problems = Vec::new();
        if let Some(options) = &p.initialization_options {
            match ClientSettings::from_json(options) {
                Ok(s) => self.client = s,
                Err(e) => problems.push(e),
            }
        }
        self.debounce = self.client.debounce_ms.map_or(DEBOUNCE, Duration::from_millis);
        let result = InitializeResult { capabilities: self.capabilities(), server_info: Some(server_info()) };
        self.out.send(Response::new_ok(req.id, result))?;
        self.phase = Phase::Running;
        for p in problems {
            self.show_once(MessageType::WARNING, p)?;
        }
        Ok(())
    }

    fn capabilities(&self) -> ServerCapabilities {
        ServerCapabilities {
            position_encoding: Some(self.encoding.kind()),
            text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions { include_text: Some(false) })),
                ..TextDocumentSyncOptions::default()
            })),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
                resolve_provider: Some(false),
                ..CodeActionOptions::default()
            })),
            execute_command_provider: Some(ExecuteCommandOptions { commands: vec![EXPLAIN.into()], ..ExecuteCommandOptions::default() }),
            ..ServerCapabilities::default()
        }
    }

    fn hover(&mut self, p: HoverParams) -> io::Result<Result<Value, Failure>> {
        let uri = p.text_document_position_params.text_document.uri;
        self.flush(&uri)?;
        let Some((doc, published)) = self.current(&uri) else { return Ok(Ok(Value::Null)) };
        let offset = doc.positions.offset(&doc.text, p.text_document_position_params.position);
        let hits: Vec<&Located> = published.analysis.findings.iter().filter(|l| l.start <= offset && offset < l.end).collect();
        let Some(first) = hits.first() else { return Ok(Ok(Value::Null)) };
        let hover = Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: hover::markdown(&published.rules, published.analysis.profile, &hits),
            }),
            range: Some(doc.positions.range(&doc.text, first.start, first.end)),
        };
        Ok(to_value(hover))
    }

    fn code_action(&mut self, p: CodeActionParams) -> io::Result<Result<Value, Failure>> {
        let uri = p.text_document.uri;
        self.flush(&uri)?;
        let Some((doc, published)) = self.current(&uri) else { return Ok(Ok(Value::Array(Vec::new()))) };
        let a = doc.positions.offset(&doc.text, p.range.start);
        let b = doc.positions.offset(&doc.text, p.range.end);
        let (a, b) = (a.min(b), a.max(b));
        let hits: Vec<&Located> = published.analysis.findings.iter().filter(|l| l.start <= b && a <= l.end).collect();
        Ok(Ok(Value::Array(actions::for_findings(doc, &published.rules, &hits, p.context.only.as_deref(), self.snippets))))
    }

    fn execute_command(&mut self, p: ExecuteCommandParams) -> io::Result<Result<Value, Failure>> {
        if p.command != EXPLAIN {
            return Ok(Err((ErrorCode::InvalidParams, format!("unbekannter Befehl „{}“", p.command))));
        }
        let Some(id) = p.arguments.first().and_then(Value::as_str) else {
            return Ok(Err((ErrorCode::InvalidParams, format!("{EXPLAIN} erwartet eine Regel-Kennung als Argument"))));
        };
        let sets = std::iter::once(&self.builtin).chain(self.custom_rules.values());
        let Some(text) = sets.filter_map(|r| actions::explanation(r, id)).next() else {
            return Ok(Err((ErrorCode::InvalidParams, format!("unbekannte Regel „{id}“"))));
        };
        self.notify("window/showMessage", ShowMessageParams { typ: MessageType::INFO, message: text })?;
        Ok(Ok(Value::Null))
    }

    /// The document and its up-to-date check, if it is open.
    fn current(&self, uri: &Uri) -> Option<(&OpenDocument, &Published)> {
        let doc = self.docs.get(uri)?;
        let published = self.states.get(uri)?.last.as_ref().filter(|p| p.analysis.version == doc.version)?;
        Some((doc, published))
    }

    // ---- notifications ----

    fn on_notification(&mut self, n: Notification) -> io::Result<Flow> {
        if n.method == "exit" {
            return Ok(Flow::Exit(self.closed()));
        }
        if self.phase != Phase::Running {
            return Ok(Flow::Continue);
        }
        let result = match n.method.as_str() {
            "textDocument/didOpen" => notification(&n).map(|p| self.did_open(p)),
            "textDocument/didChange" => notification(&n).map(|p| self.did_change(p)),
            "textDocument/didClose" => notification(&n).map(|p| self.did_close(p)),
            "textDocument/didSave" => notification(&n).map(|p| self.did_save(p)),
            "workspace/didChangeConfiguration" => notification(&n).map(|p| self.did_change_configuration(p)),
            "workspace/didChangeWatchedFiles" => {
                // The extension watches digicheck.toml: its warnings may be new or gone.
                self.shown.clear();
                self.schedule_all();
                Ok(Ok(()))
            }
            // `initialized`, `$/cancelRequest`, `$/setTrace` and anything unknown: nothing to do.
            _ => Ok(Ok(())),
        };
        match result {
            Ok(r) => r?,
            Err(message) => self.log(MessageType::WARNING, format!("{}: ungültige Parameter: {message}", n.method))?,
        }
        Ok(Flow::Continue)
    }

    fn did_open(&mut self, p: DidOpenTextDocumentParams) -> io::Result<()> {
        let d = p.text_document;
        self.states.remove(&d.uri);
        self.docs.open(OpenDocument::new(d.uri.clone(), d.language_id, d.version, d.text, self.encoding));
        self.pending.insert(d.uri, Instant::now());
        Ok(())
    }

    fn did_change(&mut self, p: DidChangeTextDocumentParams) -> io::Result<()> {
        let uri = p.text_document.uri;
        let encoding = self.encoding;
        let Some(doc) = self.docs.get_mut(&uri) else {
            return self.log(MessageType::WARNING, format!("Änderung an einem nicht geöffneten Dokument ignoriert: {}", uri.as_str()));
        };
        match doc.apply(p.text_document.version, p.content_changes, encoding) {
            Ok(()) => {
                self.pending.insert(uri, Instant::now() + self.debounce);
                Ok(())
            }
            Err(e) => self.log(MessageType::WARNING, format!("{}: {e}", uri.as_str())),
        }
    }

    fn did_close(&mut self, p: DidCloseTextDocumentParams) -> io::Result<()> {
        let uri = p.text_document.uri;
        self.docs.close(&uri);
        self.states.remove(&uri);
        self.pending.remove(&uri);
        self.notify("textDocument/publishDiagnostics", PublishDiagnosticsParams { uri, diagnostics: Vec::new(), version: None })
    }

    fn did_save(&mut self, p: DidSaveTextDocumentParams) -> io::Result<()> {
        if uri::file_path(&p.text_document.uri).is_some_and(|path| path.file_name().is_some_and(|n| n == config::FILE_NAME)) {
            // A saved digicheck.toml may change what every open document shows; its warnings too.
            self.shown.clear();
            self.schedule_all();
        }
        Ok(())
    }

    fn did_change_configuration(&mut self, p: DidChangeConfigurationParams) -> io::Result<()> {
        match ClientSettings::from_json(&p.settings) {
            Ok(s) => {
                self.debounce = s.debounce_ms.map_or(DEBOUNCE, Duration::from_millis);
                self.client = s;
                self.shown.clear();
                self.schedule_all();
                Ok(())
            }
            Err(e) => self.show_once(MessageType::WARNING, e),
        }
    }

    fn schedule_all(&mut self) {
        let now = Instant::now();
        for uri in self.docs.uris() {
            self.pending.insert(uri, now);
        }
    }

    // ---- checking and publishing ----

    /// Runs a pending check of `uri` now.
    fn flush(&mut self, uri: &Uri) -> io::Result<()> {
        if self.pending.remove(uri).is_some() {
            self.publish(uri)?;
        }
        Ok(())
    }

    fn publish(&mut self, uri: &Uri) -> io::Result<()> {
        if self.docs.get(uri).is_none() {
            return Ok(());
        }
        let (settings, problems) = settings::resolve(uri::file_path(uri).as_ref(), &self.client);
        for p in problems {
            self.show_once(MessageType::WARNING, p)?;
        }
        let rules = self.rules_for(&settings)?;
        let Some(doc) = self.docs.get(uri) else { return Ok(()) };
        let state = self.states.entry(uri.clone()).or_default();
        let started = Instant::now();
        let analysis = state.analyzer.analyse(doc, &rules, &settings.check);
        let checked = started.elapsed();
        let diagnostics = diagnostics::of_analysis(doc, &rules, &analysis);
        if self.timing {
            let s = state.analyzer.stats();
            let ms = |d: Duration| d.as_secs_f64() * 1000.0;
            eprintln!(
                "digicheck lsp: {} Version {}: {} Befunde in {:.1} ms (Prüfung {:.1}, Diagnosen {:.1}; Abschnitte: {} gesamt, {} neu geprüft)",
                uri.as_str(),
                doc.version,
                analysis.findings.len(),
                ms(started.elapsed()),
                ms(checked),
                ms(started.elapsed() - checked),
                s.regions,
                s.checked
            );
        }
        let params = PublishDiagnosticsParams { uri: uri.clone(), diagnostics, version: Some(doc.version) };
        state.last = Some(Published { analysis, rules });
        self.notify("textDocument/publishDiagnostics", params)
    }

    /// The rule set for these settings: the built-in catalogue, or it plus the rule folders named
    /// in `digicheck.toml` (compiled once per folder list).
    fn rules_for(&mut self, settings: &ProjectSettings) -> io::Result<Rc<RuleSet>> {
        if settings.rule_dirs.is_empty() {
            return Ok(self.builtin.clone());
        }
        if let Some(r) = self.custom_rules.get(&settings.rule_dirs) {
            return Ok(r.clone());
        }
        match RuleSet::builtin_with_dirs(&settings.rule_dirs) {
            Ok(r) => {
                let r = Rc::new(r);
                self.custom_rules.insert(settings.rule_dirs.clone(), r.clone());
                Ok(r)
            }
            Err(e) => {
                self.show_once(MessageType::WARNING, format!("Zusätzliche Regeln nicht geladen, es gilt der eingebaute Katalog: {e}"))?;
                Ok(self.builtin.clone())
            }
        }
    }

    // ---- output ----

    fn notify(&mut self, method: &str, params: impl serde::Serialize) -> io::Result<()> {
        self.out.send(Notification::new(method.to_string(), params))
    }

    fn log(&mut self, typ: MessageType, message: String) -> io::Result<()> {
        self.notify("window/logMessage", LogMessageParams { typ, message })
    }

    fn show_once(&mut self, typ: MessageType, message: String) -> io::Result<()> {
        if !self.shown.insert(message.clone()) {
            return Ok(());
        }
        self.notify("window/showMessage", ShowMessageParams { typ, message: format!("Digi-Check: {message}") })
    }
}

fn server_info() -> ServerInfo {
    ServerInfo { name: "digicheck".into(), version: Some(env!("CARGO_PKG_VERSION").into()) }
}

/// A request's parameters, or `InvalidParams` saying what is wrong with them.
fn params<P: DeserializeOwned>(req: &Request) -> Result<P, Failure> {
    serde_json::from_value(req.params.clone()).map_err(|e| (ErrorCode::InvalidParams, format!("ungültige Parameter für {}: {e}", req.method)))
}

fn notification<P: DeserializeOwned>(n: &Notification) -> Result<P, String> {
    serde_json::from_value(n.params.clone()).map_err(|e| e.to_string())
}

fn to_value(v: impl serde::Serialize) -> Result<Value, Failure> {
    serde_json::to_value(v).map_err(|e| (ErrorCode::InternalError, e.to_string()))
}
