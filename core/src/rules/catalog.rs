//! The built-in catalogue: every `rules/*.dc` file of the repository, embedded at build time so the
//! binary and the WebAssembly module need no files at run time; and loading of extra rule folders.

use super::{RuleError, RuleSet};
use super::ast::Origin;
use std::path::Path;
use std::sync::OnceLock;

macro_rules! rule_files {
    ($($name:literal),* $(,)?) => {
        /// `(file name, contents)` of every built-in rule file.
        pub const BUILTIN_FILES: &[(&str, &str)] = &[
            $(($name, include_str!(concat!("../../../rules/", $name)))),*
        ];
        /// The names of [`BUILTIN_FILES`] alone: what the compact catalogue's origins refer to,
        /// without linking the files' text into a program that does not read it.
        pub(crate) const BUILTIN_NAMES: &[&str] = &[$($name),*];
        /// `rules/NAME.dc` of each of [`BUILTIN_NAMES`], as the origins of the built-in rules
        /// name their file (decoding an origin copies it instead of formatting it).
        pub(crate) const BUILTIN_PATHS: &[&str] = &[$(concat!("rules/", $name)),*];
    };
}

// One file per barrier family. A test checks that this list matches the folder.
rule_files!(
    "prelude.dc",
    "schriftform.dc",
    "unterschrift.dc",
    "persoenlich.dc",
    "original.dc",
    "papier.dc",
    "post.dc",
    "aushang.dc",
    "siegel.dc",
    "technologie.dc",
    "once-only.dc",
    "automatisierung.dc",
    "aenderung.dc",
);

/// The built-in rule files as `(rules/NAME.dc, contents)`, for tools that compile them
/// differently (`rules test`, which reports failing examples itself) or add to them.
pub fn builtin_sources() -> Vec<(String, String)> {
    BUILTIN_FILES.iter().map(|(n, t)| (format!("rules/{n}"), t.to_string())).collect()
}

static BUILTIN: OnceLock<Result<RuleSet, RuleError>> = OnceLock::new();

/// The built-in rule set, compiled once per process. Its examples are not run here: they are
/// fixed at build time and the test suite runs every one of them
/// (`core/tests/catalogue.rs`), so running them again at each start would only cost time (a sixth
/// of a short check). Rule folders a user adds are example-checked when loaded
/// ([`RuleSet::builtin_with_dirs`]).
///
/// The rule files were read and checked when their compact form was made ([`super::compact`]);
/// they are read here only if it is out of date (a rule file changed since).
pub fn builtin() -> Result<&'static RuleSet, RuleError> {
    BUILTIN
        .get_or_init(|| {
            if super::compact::IS_CURRENT {
                super::compact::builtin().map_err(|e| {
                    RuleError::single(Origin { file: "core/src/rules/catalogue.bin".into(), line: 0, column: 0 }, format!("eingebauter Regelkatalog nicht lesbar: {e}"))
                })
            } else {
                RuleSet::compile_sources(&builtin_sources())
            }
        })
        .as_ref()
        .map_err(|e| e.clone())
}

/// The `.dc` files of a folder, sorted by name, as `(path, contents)`.
pub fn read_dir(dir: &Path) -> Result<Vec<(String, String)>, RuleError> {
    let io = |e: std::io::Error| {
        RuleError::single(Origin { file: dir.display().to_string(), line: 0, column: 0 }, format!("Ordner nicht lesbar: {e}"))
    };
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map_err(io)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "dc"))
        .collect();
    paths.sort();
    let mut out = Vec::new();
    for p in paths {
        let text = std::fs::read_to_string(&p).map_err(io)?;
        out.push((p.display().to_string(), text));
    }
    Ok(out)
}

impl RuleSet {
    /// Loads the rule files of a folder on top of the built-in `prelude.dc` (so extra rules can use
    /// the shared `@` patterns), checking their examples.
    pub fn load_dir(dir: &Path) -> Result<RuleSet, RuleError> {
        RuleSet::from_sources(&with_prelude(read_dir(dir)?))
    }

    /// The built-in catalogue together with the rule files of extra folders (`--rules DIR`,
    /// `rule-dirs` in `digicheck.toml`); with no folders, the built-in catalogue itself.
    pub fn builtin_with_dirs(dirs: &[impl AsRef<Path>]) -> Result<RuleSet, RuleError> {
        if dirs.is_empty() {
            return builtin().cloned();
        }
        let mut sources = builtin_sources();
        for dir in dirs {
            sources.extend(read_dir(dir.as_ref())?);
        }
        RuleSet::from_sources(&sources)
    }
}

/// Prepends the built-in prelude (shared `define`s) to a list of rule sources.
pub fn with_prelude(mut sources: Vec<(String, String)>) -> Vec<(String, String)> {
    if sources.iter().any(|(n, _)| Path::new(n).file_name().is_some_and(|f| f == "prelude.dc")) {
        return sources;
    }
    let prelude = BUILTIN_FILES.iter().find(|(n, _)| *n == "prelude.dc").expect("prelude");
    sources.insert(0, (format!("rules/{}", prelude.0), prelude.1.to_string()));
    sources
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_file_is_embedded() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../rules");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().to_string())
            .filter(|n| n.ends_with(".dc"))
            .collect();
        on_disk.sort();
        let mut embedded: Vec<String> = BUILTIN_FILES.iter().map(|(n, _)| n.to_string()).collect();
        embedded.sort();
        assert_eq!(on_disk, embedded, "rules/*.dc and the list in catalog.rs differ");
    }
}
