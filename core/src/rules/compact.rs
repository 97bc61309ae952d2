//! The built-in catalogue in a compact binary form, read at start-up without parsing.
//!
//! Reading the 230 KB of `rules/*.dc` into rule definitions at every start was half of a one-page
//! check as a process. `catalogue.bin` beside this file holds the definitions of the built-in
//! catalogue as the rule reader produced them ([`RuleSet::read_sources`]: read and checked),
//! encoded with `postcard`; loading decodes them and compiles only triggers and the prefilter.
//!
//! Why a generated file in the repository and not a build script: the rule reader is part of this
//! crate (it needs the classification, the structure's parts and the Land wordings of
//! [`super::basis`]), so a build script of this crate cannot run it, and moving the rule language
//! into a crate of its own would move half the engine's vocabulary with it. The file starts with a
//! hash of the rule files it was made from, computed here at compile time from the embedded rule
//! files; if a rule file changed and the file was not made again, the catalogue is read from the
//! rule files as before (same rules, only slower), and the test `compact_catalogue_is_current`
//! fails until it is made again:
//!
//! ```text
//! DIGICHECK_WRITE_CATALOGUE=1 cargo test -p digicheck-core --lib rules::compact
//! ```

#[cfg(test)]
use super::ast::Element;
use super::ast::{Pattern, RuleDef};
use crate::re::LiteForm;
use super::catalog::BUILTIN_FILES;
use super::RuleSet;
#[cfg(test)]
use super::RuleError;
use serde::{Deserialize, Serialize};

/// The compact catalogue as built into the binary.
static CATALOGUE: &[u8] = CATALOGUE_BYTES;
const CATALOGUE_BYTES: &[u8] = include_bytes!("catalogue.bin");

/// What the file starts with (a format change changes the version byte).
const MAGIC: &[u8; 8] = b"DCKAT\x00\x00\x03";

/// The hash of the embedded rule files, computed by the compiler.
const SOURCES_HASH: u64 = sources_hash(BUILTIN_FILES);

/// Whether `catalogue.bin` was made from the embedded rule files, decided by the compiler: when it
/// was, loading the catalogue needs neither the rule reader nor the text of the rule files, and a
/// program that reads no rule folder (the WebAssembly module) is built without them.
pub(crate) const IS_CURRENT: bool = made_from(CATALOGUE_BYTES, SOURCES_HASH);

/// Whether `bytes` start with [`MAGIC`] and the hash `hash` (what [`decode`] checks first).
const fn made_from(bytes: &[u8], hash: u64) -> bool {
    if bytes.len() < 16 {
        return false;
    }
    let mut i = 0;
    while i < 8 {
        if bytes[i] != MAGIC[i] {
            return false;
        }
        i += 1;
    }
    let mut stored = [0u8; 8];
    let mut i = 0;
    while i < 8 {
        stored[i] = bytes[8 + i];
        i += 1;
    }
    u64::from_le_bytes(stored) == hash
}

/// The definitions of a rule set, in the order written.
#[derive(Serialize, Deserialize)]
struct Catalogue {
    defines: Vec<(String, Pattern)>,
    rules: Vec<RuleDef>,
    /// Every rule regex as compiled, in the form a build without `regex` matches it with
    /// ([`crate::re`]).
    regexes: Vec<LiteForm>,
}

/// FNV-1a over each file's name and contents, each followed by a zero byte: enough to tell
/// whether the compact form was made from these files (it is no defence against tampering, which
/// would need write access to the sources anyway).
const fn sources_hash(files: &[(&str, &str)]) -> u64 {
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut f = 0;
    while f < files.len() {
        let mut part = 0;
        while part < 2 {
            let bytes = if part == 0 { files[f].0.as_bytes() } else { files[f].1.as_bytes() };
            let mut i = 0;
            while i < bytes.len() {
                hash ^= bytes[i] as u64;
                hash = hash.wrapping_mul(PRIME);
                i += 1;
            }
            hash = hash.wrapping_mul(PRIME);
            part += 1;
        }
        f += 1;
    }
    hash
}

/// The built-in rule set from its compact form, which [`IS_CURRENT`] says was made from the
/// embedded rule files; an error only if it cannot be decoded, which the tests rule out.
pub(crate) fn builtin() -> Result<RuleSet, String> {
    let catalogue = decode(CATALOGUE, SOURCES_HASH)?;
    crate::re::install_lite_forms(catalogue.regexes);
    Ok(RuleSet::assemble(catalogue.defines, catalogue.rules))
}

/// Whether the binary's compact catalogue was made from its rule files, and why not.
#[cfg(test)]
pub(crate) fn is_current() -> Result<(), String> {
    decode(CATALOGUE, SOURCES_HASH).map(|_| ())
}

fn decode(bytes: &[u8], hash: u64) -> Result<Catalogue, String> {
    let rest = bytes.strip_prefix(MAGIC.as_slice()).ok_or("not a compact catalogue")?;
    let (stored, payload) = rest.split_first_chunk::<8>().ok_or("truncated")?;
    if u64::from_le_bytes(*stored) != hash {
        return Err("made from other rule files".into());
    }
    postcard::from_bytes(payload).map_err(|e| format!("does not decode: {e}"))
}

/// The compact form of the built-in rule files: read and checked as any rule folder is.
#[cfg(test)]
fn encode(files: &[(&str, &str)]) -> Result<Vec<u8>, RuleError> {
    let sources: Vec<(String, String)> = files.iter().map(|(n, t)| (format!("rules/{n}"), t.to_string())).collect();
    let (defines, rules) = RuleSet::read_sources(&sources)?;
    let regexes = lite_forms(&defines, &rules).map_err(|e| RuleError::single(rules[0].origin.clone(), e))?;
    let mut out = MAGIC.to_vec();
    out.extend_from_slice(&sources_hash(files).to_le_bytes());
    out.extend(postcard::to_allocvec(&Catalogue { defines, rules, regexes }).expect("rule definitions encode"));
    Ok(out)
}

/// The `regex-lite` forms of every regex the engine compiles for these rules: anchored as a
/// pattern, and unanchored as the prefilter searches for a trigger that starts with one.
#[cfg(test)]
pub(crate) fn lite_forms(defines: &[(String, Pattern)], rules: &[RuleDef]) -> Result<Vec<LiteForm>, String> {
    // `unanchored`: a trigger's regex may also be searched for by the prefilter (without `^`).
    fn walk(p: &Pattern, unanchored: bool, out: &mut Vec<String>) {
        match p {
            Pattern::Alt(alts) => alts.iter().for_each(|a| walk(a, unanchored, out)),
            Pattern::Seq(elems) => elems.iter().for_each(|e| match e {
                Element::Atom(p) | Element::Optional(p) => walk(p, unanchored, out),
                Element::Gap(_) => {}
            }),
            Pattern::Regex { source, exact_case } => {
                let anchored = super::pattern::compiled_regex_source(source, *exact_case);
                if unanchored {
                    out.push(anchored[1..].to_string());
                }
                out.push(anchored);
            }
            Pattern::Word { .. } | Pattern::Ref(..) => {}
        }
    }
    let mut sources = Vec::new();
    // A define's regex may start a trigger (searched for unanchored) or stand in a condition.
    for (_, p) in defines {
        walk(p, true, &mut sources);
    }
    for r in rules {
        r.triggers.iter().for_each(|(p, _)| walk(p, true, &mut sources));
        let conditions = r.conditions.iter().chain(r.fixes.iter().flat_map(|f| &f.conditions));
        for c in conditions {
            walk(&c.pattern, false, &mut sources);
            c.except.iter().for_each(|p| walk(p, false, &mut sources));
        }
    }
    sources.sort();
    sources.dedup();
    sources.iter().map(|s| crate::re::lite_form(s).map_err(|e| format!("regulärer Ausdruck „{s}“ ohne Form für regex-lite: {e}"))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::catalog::builtin_sources;

    /// Makes `catalogue.bin` again when asked (`DIGICHECK_WRITE_CATALOGUE=1`), else fails if it
    /// is not the compact form of `rules/*.dc`.
    #[test]
    fn compact_catalogue_is_current() {
        let bytes = encode(BUILTIN_FILES).unwrap_or_else(|e| panic!("the catalogue does not load:\n{e}"));
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules/catalogue.bin");
        if std::env::var_os("DIGICHECK_WRITE_CATALOGUE").is_some() {
            std::fs::write(&path, &bytes).unwrap();
            return;
        }
        let on_disk = std::fs::read(&path).unwrap_or_default();
        assert!(
            on_disk == bytes,
            "{} is not the compact form of rules/*.dc (a rule file changed); make it again with\n  \
             DIGICHECK_WRITE_CATALOGUE=1 cargo test -p digicheck-core --lib rules::compact\n\
             and build again: until then every start reads the rule files",
            path.display()
        );
        assert_eq!(on_disk, CATALOGUE, "the binary embeds another catalogue.bin than the one on disk: build again");
        is_current().unwrap();
        assert_eq!(made_from(CATALOGUE, SOURCES_HASH), IS_CURRENT, "the compiler and the test disagree on the header");
    }

    /// Decoding gives back exactly what the rule reader read, and the rule set assembled from it is
    /// the one compiled from the rule files.
    #[test]
    fn compact_form_is_what_the_reader_reads() {
        let sources = builtin_sources();
        let (defines, rules) = RuleSet::read_sources(&sources).unwrap();
        let decoded = decode(&encode(BUILTIN_FILES).unwrap(), SOURCES_HASH).unwrap();
        assert!(!decoded.regexes.is_empty());
        assert_eq!(format!("{:?}", decoded.defines), format!("{defines:?}"));
        assert_eq!(format!("{:?}", decoded.rules), format!("{rules:?}"));
        let from_text = RuleSet::compile_sources(&sources).unwrap();
        let from_compact = RuleSet::assemble(decoded.defines, decoded.rules);
        let show = |set: &RuleSet| -> Vec<String> { set.rules().iter().map(|r| format!("{:?} {:?} {:?}", r.def(), r.triggers, r.classes)).collect() };
        assert_eq!(show(&from_compact), show(&from_text));
        assert_eq!(from_compact.triggers(), from_text.triggers());
    }

    #[test]
    fn a_stale_or_foreign_form_is_not_used() {
        let bytes = encode(BUILTIN_FILES).unwrap();
        assert!(decode(&bytes, SOURCES_HASH).is_ok() && made_from(&bytes, SOURCES_HASH));
        assert!(!made_from(&bytes, SOURCES_HASH ^ 1) && !made_from(&bytes[1..], SOURCES_HASH) && !made_from(&bytes[..15], SOURCES_HASH));
        assert!(decode(&bytes, SOURCES_HASH ^ 1).is_err(), "made from other rule files");
        assert!(decode(&bytes[1..], SOURCES_HASH).is_err(), "not the magic");
        assert!(decode(&bytes[..bytes.len() / 2], SOURCES_HASH).is_err(), "truncated");
        let mut changed = BUILTIN_FILES.to_vec();
        changed[0].1 = "";
        assert_ne!(sources_hash(&changed), SOURCES_HASH);
    }
}
