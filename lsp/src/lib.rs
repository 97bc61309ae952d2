//! Digi-Check as a language server, for VS Code, Neovim, Zed, Monaco and every other editor that
//! speaks the Language Server Protocol. It sits beside the engine as its own crate (as harper-ls
//! beside harper-core) and uses nothing but `digicheck-core`'s public API; `digicheck lsp` and the
//! `digicheck-lsp` binary both run [`serve`].
//!
//! Layout: [`transport`] reads and writes JSON-RPC frames on stdio and survives malformed ones;
//! [`server`] holds the state and answers each message; [`documents`] keeps the editor's texts in
//! step (incremental sync); [`analysis`] checks one document through an editing session of the
//! engine's pipeline (the same way as `digicheck check` and the drafting page, re-matching only
//! what an edit changed); [`position`] converts between byte offsets and LSP positions in the
//! negotiated encoding; [`diagnostics`], [`hover`] and [`actions`] turn findings and notes into what
//! the editor shows; [`settings`] merges the editor's settings with `digicheck.toml`.
//!
//! Messages are `lsp-server`'s and `lsp-types`' types; the framing on stdio is this crate's own
//! ([`transport`]), because `lsp-server`'s reader thread ends the connection on the first frame
//! that is not valid JSON-RPC, and a server must survive a misbehaving client.

mod actions;
mod analysis;
mod diagnostics;
mod documents;
mod hover;
mod position;
mod server;
mod settings;
mod transport;
mod uri;

use digicheck_core::RuleSet;
use server::{Flow, Server};
use std::io;
use std::sync::mpsc::{self, RecvTimeoutError, TryRecvError};
use std::time::Instant;
use transport::Incoming;

/// Serves one client on standard input and output until `exit` or the end of input, with the
/// built-in rule catalogue (and the extra rule folders a `digicheck.toml` names). Returns the
/// process exit code: 0 if `shutdown` came first, 1 if the client left without it.
pub fn serve(rules: &RuleSet) -> io::Result<u8> {
    let (tx, rx) = mpsc::channel();
    // The reader thread blocks on stdin; it is not joined, as it may still be waiting for input
    // when `exit` ends the process.
    std::thread::Builder::new().name("lsp-reader".into()).spawn(move || transport::read_loop(io::stdin().lock(), tx))?;
    let mut server = Server::new(io::stdout().lock(), rules);
    loop {
        let incoming = match server.next_deadline() {
            Some(deadline) => match rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
                Ok(m) => Some(m),
                Err(RecvTimeoutError::Timeout) => None,
                Err(RecvTimeoutError::Disconnected) => Some(Incoming::Closed),
            },
            None => Some(rx.recv().unwrap_or(Incoming::Closed)),
        };
        // Then everything that is already waiting, above all the edits typed while the last check
        // ran: they are applied together, and the document is checked once for all of them.
        let mut next = incoming;
        while let Some(m) = next {
            if let Some(code) = handle(&mut server, m)? {
                return Ok(code);
            }
            next = match rx.try_recv() {
                Ok(m) => Some(m),
                Err(TryRecvError::Empty) => None,
                Err(TryRecvError::Disconnected) => Some(Incoming::Closed),
            };
        }
        // Also after messages: a steady stream of them must not starve the scheduled checks.
        server.publish_due()?;
    }
}

/// Handles one incoming frame; the exit code if the server is to end.
fn handle<W: io::Write>(server: &mut Server<W>, incoming: Incoming) -> io::Result<Option<u8>> {
    match incoming {
        Incoming::Message(m) => match server.handle(m)? {
            Flow::Exit(code) => Ok(Some(code)),
            Flow::Continue => Ok(None),
        },
        Incoming::Malformed { id, code, message } => server.malformed(id, code, &message).map(|()| None),
        // The client went away without `exit`.
        Incoming::Closed => Ok(Some(server.closed())),
    }
}
