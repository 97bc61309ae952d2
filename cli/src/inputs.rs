//! Expanding command-line paths into the inputs to read, in the order the contract fixes: files in
//! the order given, folders expanded recursively in sorted path order, `-` for standard input; and
//! reading them for the engine's pipeline ([`check`]).
//!
//! Folders are walked as ripgrep walks them (the `ignore` crate): hidden files and folders, `.git`,
//! and what `.gitignore`, `.ignore` and the global Git excludes name are left out, and so is
//! `node_modules`. A file found in a folder that shows no sign of legal text (a README, notes,
//! code) is reported as such instead of being read as a draft; a file named on the command line
//! is always checked.

use anyhow::{Context, Result};
use digicheck_core::input::{self, InputError, InputLimits};
use digicheck_core::legal_text;
use digicheck_core::pipeline::{self, FileResult, Input, Note, NoteKind, Settings};
use digicheck_core::source::Span;
use digicheck_core::{RuleSet, SourceText};
use globset::{Glob, GlobSet, GlobSetBuilder};
use std::io::Read;
use std::path::{Path, PathBuf};

/// One input named on the command line or found in a folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputPath {
    Stdin,
    /// A file named on the command line.
    File(PathBuf),
    /// A file found in a folder: checked only if it is legal text.
    Found(PathBuf),
}

impl InputPath {
    /// The name reports use: the path as given, or `-`.
    pub fn display_name(&self) -> String {
        match self {
            InputPath::Stdin => "-".to_string(),
            InputPath::File(p) | InputPath::Found(p) => p.display().to_string(),
        }
    }

    /// The file's path, unless the input is standard input.
    pub fn path(&self) -> Option<&Path> {
        match self {
            InputPath::Stdin => None,
            InputPath::File(p) | InputPath::Found(p) => Some(p),
        }
    }
}

/// File extensions checked when a folder is expanded.
const CHECKED_EXTENSIONS: &[&str] = &["txt", "md", "markdown", "docx", "pdf", "xml"];

/// Which files found in folders are checked: include/exclude globs, matched against the path
/// relative to the folder given (`**/*.txt`, `entwuerfe/alt/**`). Files named directly are always
/// checked.
#[derive(Debug, Default)]
pub struct Filter {
    include: Option<GlobSet>,
    exclude: Option<GlobSet>,
}

impl Filter {
    pub fn new(include: &[String], exclude: &[String]) -> Result<Filter> {
        let build = |globs: &[String]| -> Result<Option<GlobSet>> {
            if globs.is_empty() {
                return Ok(None);
            }
            let mut b = GlobSetBuilder::new();
            for g in globs {
                b.add(Glob::new(g).with_context(|| format!("ungültiges Glob-Muster „{g}“"))?);
            }
            Ok(Some(b.build()?))
        };
        Ok(Filter { include: build(include)?, exclude: build(exclude)? })
    }

    fn accepts(&self, relative: &Path) -> bool {
        self.include.as_ref().is_none_or(|g| g.is_match(relative)) && !self.exclude.as_ref().is_some_and(|g| g.is_match(relative))
    }
}

pub fn expand(paths: &[String], filter: &Filter) -> Result<Vec<InputPath>> {
    let mut out = Vec::new();
    for p in paths {
        if p == "-" {
            out.push(InputPath::Stdin);
            continue;
        }
        let path = Path::new(p);
        if path.is_dir() {
            let mut found = walk(path).with_context(|| format!("{p}: Ordner kann nicht gelesen werden"))?;
            found.retain(|f| filter.accepts(f.strip_prefix(path).unwrap_or(f)));
            found.sort();
            out.extend(found.into_iter().map(InputPath::Found));
        } else {
            out.push(InputPath::File(path.to_path_buf()));
        }
    }
    Ok(out)
}

/// Folders of installed packages: never drafts, and often thousands of files.
const SKIPPED_FOLDERS: &[&str] = &["node_modules"];

/// The files below `dir` with a checked extension, as ripgrep would list them — but symbolic
/// links are followed: a folder of links to the drafts (or to a corpus kept elsewhere) is what
/// the user asked to check, and leaving its files out would be a silent skip. A link that leads
/// back into a folder above it is reported on stderr and not followed.
fn walk(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let walker = ignore::WalkBuilder::new(dir)
        // `.gitignore` applies in a folder that is not (yet) a Git repository too.
        .require_git(false)
        .follow_links(true)
        .filter_entry(|e| !(e.file_type().is_some_and(|t| t.is_dir()) && SKIPPED_FOLDERS.iter().any(|s| e.file_name() == *s)))
        .build();
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) if is_loop(&e) => {
                eprintln!("digicheck: Warnung: {e} – der Verweis wird nicht verfolgt");
                continue;
            }
            Err(e) => return Err(e.into()),
        };
        if !entry.file_type().is_some_and(|t| t.is_file()) {
            continue;
        }
        let path = entry.into_path();
        if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| CHECKED_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        {
            out.push(path);
        }
    }
    Ok(out)
}

/// Whether a walk error is a link back into a folder above it.
fn is_loop(e: &ignore::Error) -> bool {
    match e {
        ignore::Error::Loop { .. } => true,
        ignore::Error::WithPath { err, .. } | ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => is_loop(err),
        _ => false,
    }
}

/// Checks one input with the engine's pipeline; a file that cannot be read gives a result with
/// an error naming the problem, like any other input error.
pub fn check(input: &InputPath, rules: &RuleSet, settings: &Settings) -> FileResult {
    let name = input.display_name();
    match read_bytes(input, &settings.limits) {
        Ok(bytes) => {
            let mut result = pipeline::check(Input::Bytes { name: &name, bytes: &bytes }, rules, settings);
            if matches!(input, InputPath::Found(_)) && result.document.as_ref().is_some_and(|d| !legal_text::recognised(d)) {
                result.findings.clear();
                result.notes = vec![Note { kind: NoteKind::NotLegalText, span: Span::new(0, 0), message: legal_text::NOT_RECOGNISED.to_string() }];
            }
            result
        }
        Err(problem) => FileResult::failed(name, problem),
    }
}

/// Reads and decodes one input; every error names the file.
pub fn load(input: &InputPath, limits: &InputLimits) -> Result<SourceText, InputError> {
    let name = input.display_name();
    let bytes = read_bytes(input, limits).map_err(|problem| InputError { file: name.clone(), problem })?;
    input::read(&name, &bytes, limits)
}

/// The bytes of one input, within the size limit.
pub fn read_bytes(input: &InputPath, limits: &InputLimits) -> Result<Vec<u8>, String> {
    match input {
        InputPath::Stdin => {
            let mut buf = Vec::new();
            // At most one byte more than allowed: enough for `input::read` to refuse it.
            std::io::stdin()
                .take(limits.max_bytes as u64 + 1)
                .read_to_end(&mut buf)
                .map_err(|e| format!("Standardeingabe nicht lesbar: {e}"))?;
            Ok(buf)
        }
        InputPath::File(p) | InputPath::Found(p) => {
            // Refuse an oversized file before reading it into memory.
            let len = std::fs::metadata(p).map_err(|e| io_problem(&e))?.len();
            if len > limits.max_bytes as u64 {
                return Err(format!(
                    "Datei ist {} groß; erlaubt sind höchstens {} (Grenze einstellbar)",
                    input::size_label(len as usize),
                    input::size_label(limits.max_bytes)
                ));
            }
            std::fs::read(p).map_err(|e| io_problem(&e))
        }
    }
}

fn io_problem(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "Datei nicht gefunden".to_string(),
        std::io::ErrorKind::PermissionDenied => "keine Leseberechtigung".to_string(),
        std::io::ErrorKind::IsADirectory => "ist ein Ordner".to_string(),
        _ => format!("nicht lesbar: {e}"),
    }
}

/// A size limit in bytes from the command line: a whole number above 0.
pub fn positive_bytes(s: &str) -> Result<u64, String> {
    match s.trim().parse::<u64>() {
        Ok(0) => Err("die Grenze muss größer als 0 sein".to_string()),
        Ok(n) => Ok(n),
        Err(_) => Err("keine ganze Zahl von Bytes".to_string()),
    }
}
