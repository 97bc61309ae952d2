//! Writing results: to standard output (a closed pipe, as with `| head`, ends the program quietly)
//! or to a file given with `--output`, written atomically so a reader never sees half a report.
//!
//! Only regular files are replaced by a rename. `--output /dev/null`, `/dev/stdout` or a named pipe
//! are written in place: renaming over them would put a plain file where the device was (as root,
//! that breaks `/dev/null` for every other program on the machine). A symbolic link stays a link;
//! the file it points to receives the report.

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

/// Writes `bytes` to `path`: a regular file through a temporary file in the same folder and a
/// rename, anything else (device, pipe) in place.
pub fn file(path: &Path, bytes: &[u8]) -> Result<()> {
    match placement(path)? {
        Placement::InPlace => {
            std::fs::write(path, bytes).with_context(|| format!("{}: nicht schreibbar", path.display()))
        }
        Placement::Replace(path) => {
            let tmp = tmp_path(&path)?;
            std::fs::write(&tmp, bytes).with_context(|| format!("{}: nicht schreibbar", tmp.display()))?;
            std::fs::rename(&tmp, &path).with_context(|| format!("{}: nicht schreibbar", path.display()))
        }
    }
}

/// How an output path is written.
enum Placement {
    /// A regular file (or a new one), replaced atomically; the path is the link target for a link.
    Replace(std::path::PathBuf),
    /// A device or pipe, written directly.
    InPlace,
}

fn placement(path: &Path) -> Result<Placement> {
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => anyhow::bail!("{}: ist ein Ordner, keine Ausgabedatei", path.display()),
        Ok(meta) if !meta.is_file() => Ok(Placement::InPlace),
        Ok(_) => Ok(Placement::Replace(
            std::fs::canonicalize(path).with_context(|| format!("{}: nicht lesbar", path.display()))?,
        )),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Placement::Replace(path.to_path_buf())),
        Err(e) => Err(e).with_context(|| format!("{}: nicht schreibbar", path.display())),
    }
}

/// A report written while it is produced: to standard output, or to a temporary file that
/// [`Sink::finish`] renames to the path given (so a reader never sees half a report there either).
pub enum Sink {
    Stdout(std::io::BufWriter<std::io::StdoutLock<'static>>),
    File { tmp: std::path::PathBuf, path: std::path::PathBuf, out: std::io::BufWriter<std::fs::File> },
    /// A device or pipe given as `--output`, written directly.
    Device { path: std::path::PathBuf, out: std::io::BufWriter<std::fs::File> },
}

impl Sink {
    pub fn open(path: Option<&Path>) -> Result<Sink> {
        const BUF: usize = 1 << 16;
        Ok(match path {
            None => Sink::Stdout(std::io::BufWriter::with_capacity(BUF, std::io::stdout().lock())),
            Some(given) => match placement(given)? {
                Placement::InPlace => {
                    let file = std::fs::OpenOptions::new()
                        .write(true)
                        .open(given)
                        .with_context(|| format!("{}: nicht schreibbar", given.display()))?;
                    Sink::Device { path: given.to_path_buf(), out: std::io::BufWriter::with_capacity(BUF, file) }
                }
                Placement::Replace(path) => {
                    let tmp = tmp_path(&path)?;
                    let file =
                        std::fs::File::create(&tmp).with_context(|| format!("{}: nicht schreibbar", tmp.display()))?;
                    Sink::File { tmp, path, out: std::io::BufWriter::with_capacity(BUF, file) }
                }
            },
        })
    }

    /// Flushes, and for a file moves it into place.
    pub fn finish(self) -> Result<()> {
        match self {
            Sink::Stdout(mut out) => written(out.flush()),
            Sink::File { tmp, path, out } => {
                let file = out.into_inner().map_err(|e| e.into_error()).with_context(|| format!("{}: nicht schreibbar", tmp.display()))?;
                drop(file);
                std::fs::rename(&tmp, &path).with_context(|| format!("{}: nicht schreibbar", path.display()))
            }
            Sink::Device { path, mut out } => {
                out.flush().with_context(|| format!("{}: nicht schreibbar", path.display()))
            }
        }
    }
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Sink::Stdout(out) => out.write(buf),
            Sink::File { out, .. } | Sink::Device { out, .. } => out.write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Sink::Stdout(out) => out.flush(),
            Sink::File { out, .. } | Sink::Device { out, .. } => out.flush(),
        }
    }
}

/// The result of a write to a [`Sink`]: a closed pipe (`| head`) ends the program quietly, as
/// [`stdout`] does.
pub fn written(result: std::io::Result<()>) -> Result<()> {
    match result {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
        other => other.context("Ausgabe nicht schreibbar"),
    }
}

fn tmp_path(path: &Path) -> Result<std::path::PathBuf> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().context("Ausgabedatei ohne Namen")?.to_string_lossy();
    Ok(dir.join(format!(".{name}.digicheck-tmp-{}", std::process::id())))
}
