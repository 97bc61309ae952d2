//! Writing results: to standard output (a closed pipe, as with `| head`, ends the program quietly)
//! or to a file given with `--output`, written atomically so a reader never sees half a report.

use anyhow::{Context, Result};
use std::io::Write;
use std::path::Path;

/// Writes `text` to standard output.
pub fn stdout(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
        other => other.context("Standardausgabe nicht schreibbar"),
    }
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename.
pub fn file(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().context("Ausgabedatei ohne Namen")?.to_string_lossy();
    let tmp = dir.join(format!(".{name}.digicheck-tmp-{}", std::process::id()));
    std::fs::write(&tmp, bytes).with_context(|| format!("{}: nicht schreibbar", tmp.display()))?;
    std::fs::rename(&tmp, path).with_context(|| format!("{}: nicht schreibbar", path.display()))
}
