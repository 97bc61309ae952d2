//! `digicheck lsp`: Digi-Check as a language server, for VS Code, Neovim, Zed, Monaco and every
//! other editor that speaks the Language Server Protocol.
//!
//! Layout: [`transport`] reads and writes JSON-RPC frames on stdio and survives malformed ones;
//! [`server`] holds the state and answers each message; [`documents`] keeps the editor's texts in
//! step (incremental sync); [`analysis`] checks one document with the same pipeline as `digicheck
//! check`, and [`incremental`] makes re-checks cheap by reusing the rule matching of unchanged
//! units; [`position`] converts between byte offsets and LSP positions in the negotiated encoding;
//! [`diagnostics`], [`hover`] and [`actions`] turn findings into what the editor shows;
//! [`settings`] merges the editor's settings with `digicheck.toml`.

mod actions;
mod analysis;
mod diagnostics;
mod documents;
mod hover;
mod incremental;
mod position;
mod server;
mod settings;
mod transport;
mod uri;

use digicheck_core::RuleSet;
use server::{Flow, Server};
use std::io;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Instant;
use transport::Incoming;

/// Serves one client on standard input and output until `exit` or the end of input. Returns the
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
        match incoming {
            None => {}
            Some(Incoming::Message(m)) => {
                if let Flow::Exit(code) = server.handle(m)? {
                    return Ok(code);
                }
            }
            Some(Incoming::Malformed { id, code, message }) => server.malformed(id, code, &message)?,
            // The client went away without `exit`.
            Some(Incoming::Closed) => return Ok(server.closed()),
        }
        // Also after messages: a steady stream of them must not starve the debounced checks.
        server.publish_due()?;
    }
}
