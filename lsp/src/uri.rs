//! File paths of document URIs, for finding `digicheck.toml` next to a document, and `file:` URIs
//! of local files (the rules' documentation pages).

use lsp_types::Uri;
use std::path::{Path, PathBuf};

/// The `file:` URI of an absolute local path, percent-encoded where a URI needs it.
pub fn from_path(path: &Path) -> Option<String> {
    let text = path.to_str()?;
    let text = text.replace('\\', "/");
    let mut out = String::from(if text.starts_with('/') { "file://" } else { "file:///" });
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~:".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    Some(out)
}

/// The local path of a `file:` URI (percent-decoded); `None` for other schemes (`untitled:`,
/// remote file systems), which then get the default settings.
pub fn file_path(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    // An authority other than empty or `localhost` is a network share we cannot walk up.
    let path = match rest.find('/') {
        Some(0) => rest,
        Some(i) if rest[..i].eq_ignore_ascii_case("localhost") => &rest[i..],
        _ => return None,
    };
    let decoded = percent_decode(path)?;
    // `/C:/Users/…` on Windows.
    let bytes = decoded.as_bytes();
    let decoded = if cfg!(windows) && bytes.len() > 2 && bytes[2] == b':' { decoded[1..].to_string() } else { decoded };
    Some(PathBuf::from(decoded))
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_file_uris() {
        let uri: Uri = "file:///home/ref/Entw%C3%BCrfe/%C2%A7%203.txt".parse().unwrap();
        assert_eq!(file_path(&uri), Some(PathBuf::from("/home/ref/Entwürfe/§ 3.txt")));
        let local: Uri = "file://localhost/tmp/a.txt".parse().unwrap();
        assert_eq!(file_path(&local), Some(PathBuf::from("/tmp/a.txt")));
        assert_eq!(file_path(&"untitled:Untitled-1".parse().unwrap()), None);
        assert_eq!(percent_decode("/a%zz"), None);
    }

    #[test]
    fn encodes_paths_as_file_uris() {
        let uri = from_path(Path::new("/home/ref/Entwürfe/§ 3.txt")).unwrap();
        assert_eq!(uri, "file:///home/ref/Entw%C3%BCrfe/%C2%A7%203.txt");
        assert_eq!(file_path(&uri.parse().unwrap()), Some(PathBuf::from("/home/ref/Entwürfe/§ 3.txt")));
    }
}
