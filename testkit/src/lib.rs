//! Where the tests of every crate find their data, written once.
//!
//! Two sources: the sample drafts of this repository (`corpus/*.txt`, always present) and the
//! shared data beside the repository (`../shared`: real federal law, amending laws, LegalDocML.de
//! samples, the evaluation set), which is not part of the repository. A test that needs the shared
//! data must not pass silently without it in CI: [`shared`] and the functions built on it panic
//! when `CI` is set and the data is missing, and elsewhere print a note and let the test skip its
//! comparison.
//!
//! This crate depends on nothing of Digi-Check, so that the engine's own tests can use it.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The three sample drafts of `corpus/`: a new law with Vorblatt and Begründung, an amending law
/// and a Verordnung.
pub const DRAFTS: [&str; 3] =
    ["aenderungsgesetz-verwaltungsverfahren-mv.txt", "gesetzentwurf-hundehaltung-mv.txt", "verordnung-fischereischein-mv.txt"];

/// The repository's root folder.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// A path relative to the repository's root.
pub fn repo_path(rel: &str) -> PathBuf {
    repo().join(rel)
}

/// The text of a file of the repository; panics with the path if it cannot be read.
pub fn repo_text(rel: &str) -> String {
    let path = repo_path(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// One sample draft of `corpus/` by file name.
pub fn draft(name: &str) -> String {
    repo_text(&format!("corpus/{name}"))
}

/// The sample drafts of `corpus/` as `(file name, text)`, in [`DRAFTS`] order.
pub fn drafts() -> Vec<(&'static str, String)> {
    DRAFTS.iter().map(|&n| (n, draft(n))).collect()
}

/// The shared data folder `../shared` beside the repository, or `None` (with a note) when it is
/// missing outside CI. Under `CI` its absence fails the test: `what` names what cannot run.
pub fn shared(what: &str) -> Option<PathBuf> {
    shared_dir("", what)
}

/// `../shared/corpus`, like [`shared`].
pub fn shared_corpus(what: &str) -> Option<PathBuf> {
    shared_dir("corpus", what)
}

/// A folder below `../shared` (`corpus/ldml`, `eval`), like [`shared`].
pub fn shared_dir(rel: &str, what: &str) -> Option<PathBuf> {
    let path = repo().join("../shared").join(rel);
    if path.is_dir() {
        Some(path)
    } else {
        missing(&path, what)
    }
}

/// The text of a file below `../shared` (`corpus/sample/VwVfG.txt`), like [`shared`].
pub fn shared_text(rel: &str, what: &str) -> Option<String> {
    let path = repo().join("../shared").join(rel);
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(_) => missing(&path, what),
    }
}

/// The `.txt` files of a folder below `../shared`, sorted, as `(file name, text)`; like [`shared`]
/// when the folder is missing or has no text files.
pub fn shared_texts(rel: &str, what: &str) -> Option<Vec<(String, String)>> {
    let dir = shared_dir(rel, what)?;
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    if paths.is_empty() {
        return missing(&dir, what);
    }
    paths.sort();
    Some(
        paths
            .into_iter()
            .map(|p| {
                let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
                (p.file_name().unwrap().to_string_lossy().into_owned(), text)
            })
            .collect(),
    )
}

/// The files under `dir` and its subfolders whose extension is one of `extensions` (`["md"]`),
/// sorted; panics with the folder if one cannot be read.
pub fn files_under(dir: &Path, extensions: &[&str]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display())) {
            let p = e.unwrap_or_else(|e| panic!("{}: {e}", d.display())).path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| extensions.iter().any(|w| x == *w)) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// Laws of the federal corpus by file name (`"ZPO.txt"`), read in one pass over
/// `../shared/corpus/federal.tar.gz` so that no unpacked copy is needed; like [`shared`] when the
/// archive is missing. Panics when a wanted law is not in the archive: a test that names a law
/// must not pass without it.
pub fn federal_laws(wanted: &[&str], what: &str) -> Option<HashMap<String, String>> {
    let path = shared_corpus(what)?.join("federal.tar.gz");
    let archive = std::fs::File::open(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut tar = tar::Archive::new(flate2::read::GzDecoder::new(archive));
    let mut out = HashMap::new();
    for entry in tar.entries().unwrap_or_else(|e| panic!("{}: {e}", path.display())) {
        let mut entry = entry.unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let name = entry.path().ok().and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()));
        let Some(name) = name.filter(|n| wanted.contains(&n.as_str())) else { continue };
        let mut text = String::new();
        entry.read_to_string(&mut text).unwrap_or_else(|e| panic!("{name} in {}: {e}", path.display()));
        out.insert(name, text);
        if out.len() == wanted.len() {
            break;
        }
    }
    let absent: Vec<&&str> = wanted.iter().filter(|w| !out.contains_key(**w)).collect();
    assert!(absent.is_empty(), "{absent:?} not in {}", path.display());
    Some(out)
}

fn missing<T>(path: &Path, what: &str) -> Option<T> {
    if std::env::var_os("CI").is_some() {
        panic!("{} is missing, but CI is set: {what} cannot run", path.display());
    }
    eprintln!("NOTE: {} not found — {what} skipped", path.display());
    None
}

/// An amending law of the Landtag M-V around the given numbered commands: the title, the
/// Eingangsformel, Artikel 1 with the amended law's introduction („… wird wie folgt geändert:“)
/// and Artikel 2 Inkrafttreten — what the amendment tests of several crates wrap their commands in.
pub fn amending_draft(commands: &str) -> String {
    format!(
        "Entwurf eines Gesetzes zur Änderung des Landesverwaltungsverfahrensgesetzes\n\nDer Landtag hat das folgende Gesetz beschlossen:\n\nArtikel 1\nÄnderung des Landesverwaltungsverfahrensgesetzes\nDas Landesverwaltungsverfahrensgesetz in der Fassung der Bekanntmachung vom 6. Mai 2020 (GVOBl. M-V S. 410) wird wie folgt geändert:\n{commands}\n\nArtikel 2\nInkrafttreten\nDieses Gesetz tritt am Tag nach der Verkündung in Kraft.\n"
    )
}
