//! JSON-RPC framing over standard input and output.
//!
//! `lsp-server` ships a stdio transport, but its reader thread ends the connection on the first
//! payload that is not valid JSON-RPC. A language server must survive a misbehaving client, so this
//! module reads the `Content-Length` frames itself, keeps the stream in step after a bad frame and
//! hands the main loop either a message or a description of what was wrong with the frame; the main
//! loop answers the latter with a JSON-RPC error. Messages themselves are `lsp-server`'s types.

use lsp_server::{ErrorCode, Message, RequestId};
use serde_json::{json, Value};
use std::io::{self, BufRead, Read, Write};
use std::sync::mpsc::Sender;

/// Largest frame accepted; a larger `Content-Length` is skipped unread as a malformed frame, so a
/// hostile or broken header cannot make the server allocate gigabytes.
const MAX_FRAME: usize = 512 * 1024 * 1024;

/// What the reader thread hands to the main loop.
#[derive(Debug)]
pub enum Incoming {
    Message(Message),
    /// A frame that could not be understood; answered with an error response (id may be null).
    Malformed { id: Option<RequestId>, code: ErrorCode, message: String },
    /// Standard input was closed or failed.
    Closed,
}

/// Reads frames from `input` until it ends, sending each to `tx`. Runs on its own thread so that
/// the main loop can wait on a channel with a timeout (a debounce the client asked for) and take
/// every message that is already waiting before it checks.
pub fn read_loop(mut input: impl BufRead, tx: Sender<Incoming>) {
    loop {
        let item = match read_frame(&mut input) {
            Ok(Some(body)) => parse(&body),
            Ok(None) | Err(_) => {
                let _ = tx.send(Incoming::Closed);
                return;
            }
        };
        let is_exit = matches!(&item, Incoming::Message(Message::Notification(n)) if n.method == "exit");
        if tx.send(item).is_err() || is_exit {
            return;
        }
    }
}

/// The outcome of reading one frame: its body, or a reason it was malformed.
type Frame = Result<Vec<u8>, String>;

/// Reads one frame. `Ok(None)` at the end of input; `Err` only on I/O errors.
fn read_frame(input: &mut impl BufRead) -> io::Result<Option<Frame>> {
    let mut length: Option<Result<usize, String>> = None;
    let mut saw_header = false;
    let mut line = Vec::new();
    loop {
        line.clear();
        if input.read_until(b'\n', &mut line)? == 0 {
            return Ok(None);
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if saw_header {
                break;
            }
            continue; // stray blank lines between frames
        }
        saw_header = true;
        if let Some((name, value)) = text.split_once(':') {
            if name.trim().eq_ignore_ascii_case("Content-Length") {
                length = Some(value.trim().parse::<usize>().map_err(|_| format!("ungültige Content-Length {:?}", value.trim())));
            }
        }
    }
    let length = match length {
        Some(Ok(n)) => n,
        Some(Err(e)) => return Ok(Some(Err(e))),
        None => return Ok(Some(Err("Nachricht ohne Content-Length-Kopfzeile".into()))),
    };
    if length > MAX_FRAME {
        io::copy(&mut Read::take(&mut *input, length as u64), &mut io::sink())?;
        return Ok(Some(Err(format!("Nachricht mit {length} Bytes überschreitet die Grenze von {MAX_FRAME} Bytes"))));
    }
    let mut body = vec![0; length];
    input.read_exact(&mut body)?;
    Ok(Some(Ok(body)))
}

/// Turns a frame into a message, or says precisely what is wrong with it (JSON-RPC error codes:
/// -32700 for text that is not JSON, -32600 for JSON that is not a request, response or notification).
fn parse(frame: &Frame) -> Incoming {
    let body = match frame {
        Ok(body) => body,
        Err(e) => return Incoming::Malformed { id: None, code: ErrorCode::ParseError, message: e.clone() },
    };
    let value: Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) => return Incoming::Malformed { id: None, code: ErrorCode::ParseError, message: format!("ungültiges JSON: {e}") },
    };
    let id = value.get("id").and_then(|id| serde_json::from_value::<RequestId>(id.clone()).ok());
    match serde_json::from_value::<Message>(value) {
        Ok(m) => Incoming::Message(m),
        Err(e) => Incoming::Malformed { id, code: ErrorCode::InvalidRequest, message: format!("keine JSON-RPC-Nachricht: {e}") },
    }
}

/// Writes messages to the client. Owned by the main loop: one writer, so frames never interleave.
pub struct Writer<W: Write> {
    out: W,
}

impl<W: Write> Writer<W> {
    pub fn new(out: W) -> Self {
        Writer { out }
    }

    pub fn send(&mut self, msg: impl Into<Message>) -> io::Result<()> {
        msg.into().write(&mut self.out)
    }

    /// An error response whose id may be null (a frame that could not be parsed has no usable id;
    /// `lsp-server`'s `Response` cannot express that).
    pub fn send_error(&mut self, id: Option<RequestId>, code: ErrorCode, message: &str) -> io::Result<()> {
        let body = json!({ "jsonrpc": "2.0", "id": id, "error": { "code": code as i32, "message": message } }).to_string();
        write!(self.out, "Content-Length: {}\r\n\r\n{body}", body.len())?;
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(input: &str) -> Vec<Incoming> {
        let (tx, rx) = std::sync::mpsc::channel();
        read_loop(io::Cursor::new(input.as_bytes().to_vec()), tx);
        rx.into_iter().collect()
    }

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    #[test]
    fn keeps_reading_after_bad_frames() {
        let input = [
            frame("{not json"),
            frame(r#"{"jsonrpc":"2.0","id":7,"foo":1}"#),
            "X-Nonsense: 1\r\n\r\n".to_string(),
            frame(r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#),
        ]
        .concat();
        let got = frames(&input);
        assert!(matches!(&got[0], Incoming::Malformed { id: None, code: ErrorCode::ParseError, .. }));
        assert!(matches!(&got[1], Incoming::Malformed { id: Some(_), code: ErrorCode::InvalidRequest, .. }));
        assert!(matches!(&got[2], Incoming::Malformed { id: None, code: ErrorCode::ParseError, .. }));
        assert!(matches!(&got[3], Incoming::Message(Message::Request(r)) if r.method == "shutdown"));
        assert!(matches!(&got[4], Incoming::Closed));
    }

    #[test]
    fn non_ascii_bodies_count_bytes() {
        let body = r#"{"jsonrpc":"2.0","method":"x","params":{"t":"„Äußerung“ §"}}"#;
        let got = frames(&frame(body));
        assert!(matches!(&got[0], Incoming::Message(Message::Notification(n)) if n.params["t"] == "„Äußerung“ §"));
    }
}
