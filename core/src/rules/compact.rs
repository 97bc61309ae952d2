//! The built-in catalogue in a compact binary form, read at start-up without parsing.
//!
//! Reading the 230 KB of `rules/*.dc` into rule definitions at every start was half of a one-page
//! check as a process. `catalogue.bin` beside this file holds the definitions of the built-in
//! catalogue as the rule reader produced them ([`RuleSet::read_sources`]: read and checked),
//! encoded with `postcard`. Loading decodes only what a check needs before a rule matches — the
//! `define`s, the prefilter's table of anchors ([`PrefilterTable`]) and, per rule, its id, whether
//! it runs by default and the classes of its conditions — and builds the prefilter from the
//! table. A rule's trigger patterns are decoded and compiled when the prefilter first names the
//! rule (a page names a fifth of them). Each rule's full
//! definition (conditions, messages, fixes, explanation, examples) is encoded on its own and
//! decoded when the rule is first asked for ([`Definition`]): a page triggers a fifth of the rules,
//! and the examples and explanations, two fifths of the file, serve only `rules`, `explain` and
//! reports that describe rules.
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
//!
//! The same test writes `catalogue.bin.deflate`, the same form with its payload deflated, which
//! the WebAssembly module embeds instead (feature `deflated-catalogue`): 63 KB instead of 208 KB,
//! for about 25 ms more at the module's first load of the catalogue (wasm/README.md, „Size“).

#[cfg(test)]
use super::ast::Element;
use super::ast::{Pattern, RuleDef};
use crate::re::LiteForm;
use super::catalog::BUILTIN_FILES;
#[cfg(test)]
use super::engine::Prefilter;
use super::engine::PrefilterTable;
use super::{pattern, Rule, RuleSet};
#[cfg(test)]
use super::RuleError;
use serde::{Deserialize, Serialize};
use std::sync::{Arc, OnceLock};

/// The compact catalogue as built into the binary.
#[cfg(not(feature = "deflated-catalogue"))]
const CATALOGUE_BYTES: &[u8] = include_bytes!("catalogue.bin");

/// The same catalogue with its payload deflated (the WebAssembly module's, feature
/// `deflated-catalogue`): the rule texts, messages and examples deflate to under a third, which
/// takes some 130 KB off the module for one inflation when the catalogue is first loaded (see
/// [`deflate`]). Its header is that of `catalogue.bin`, so [`IS_CURRENT`] reads it alike.
#[cfg(feature = "deflated-catalogue")]
const CATALOGUE_BYTES: &[u8] = include_bytes!("catalogue.bin.deflate");

/// What the file starts with (a format change changes the version byte).
const MAGIC: &[u8; 8] = b"DCKAT\x00\x00\x06";

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

/// The definitions of a rule set: the `define`s in the order written, the rules sorted by id.
#[derive(Serialize, Deserialize)]
struct Catalogue<'a> {
    /// The `define`s in the order written, each encoded on its own (see [`pattern::Defines`]).
    #[serde(borrow)]
    defines: Vec<EncodedDefine<'a>>,
    /// How many classes of conditions the rules have ([`super::condition_classes`]).
    classes: usize,
    #[serde(borrow)]
    rules: Vec<Head<'a>>,
    /// The prefilter of the rules in this order, so that loading compiles no trigger.
    #[serde(borrow)]
    prefilter: PrefilterTable<'a>,
    /// Every rule regex as compiled, in the form a build without `regex` matches it with
    /// ([`crate::re`]).
    regexes: Vec<LiteForm>,
}

/// A `define`: its name and its pattern, encoded with `postcard`.
#[derive(Serialize, Deserialize)]
struct EncodedDefine<'a> {
    name: &'a str,
    #[serde(borrow, with = "bytes")]
    pattern: &'a [u8],
}

/// What loading needs of a rule, and the rest of it encoded.
#[derive(Serialize, Deserialize)]
struct Head<'a> {
    id: String,
    default_on: bool,
    /// The patterns of [`RuleDef::triggers`] (which are encoded in [`Head::def`] without them),
    /// encoded on their own and decoded when the prefilter first names the rule.
    #[serde(borrow, with = "bytes")]
    triggers: &'a [u8],
    /// The class of each condition (those of the rule, then those of each fix).
    classes: Vec<usize>,
    /// The [`RuleDef`], encoded with `postcard`, each trigger pattern replaced by [`no_pattern`].
    #[serde(borrow, with = "bytes")]
    def: &'a [u8],
}

/// What stands in [`Head::def`] for a trigger pattern (an empty alternative, two bytes).
#[cfg(test)]
fn no_pattern() -> Pattern {
    Pattern::Alt(Vec::new())
}

/// A borrowed byte slice as postcard's bytes (a length and the bytes), read without a copy.
mod bytes {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(bytes: &&[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(bytes)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<&'de [u8], D::Error> {
        <&[u8]>::deserialize(d)
    }
}

/// A rule's definition: read from rule files, or encoded in the compact catalogue and decoded
/// when first asked for.
#[derive(Clone)]
pub(crate) struct Definition {
    /// Boxed: a rule set holds a `Rule` for each rule, and most definitions stay encoded.
    def: OnceLock<Box<RuleDef>>,
    /// For a rule of the compact catalogue: its encoded definition and its encoded trigger
    /// patterns.
    encoded: Option<(&'static [u8], &'static [u8])>,
}

impl Definition {
    /// A definition the rule reader read.
    pub(crate) fn read(def: RuleDef) -> Definition {
        Definition { def: OnceLock::from(Box::new(def)), encoded: None }
    }

    pub(crate) fn get(&self) -> &RuleDef {
        self.def.get_or_init(|| {
            let (bytes, _) = self.encoded.as_ref().expect("a definition not read is encoded");
            // The catalogue is the one this binary was built with, and the tests decode every rule
            // of it (`compact_form_is_what_the_reader_reads`).
            let mut def: RuleDef = postcard::from_bytes(bytes).expect("the compact catalogue decodes");
            for ((pattern, _), written) in def.triggers.iter_mut().zip(self.triggers()) {
                *pattern = written;
            }
            Box::new(def)
        })
    }

    /// The trigger patterns as written, decoded on their own for a rule of the compact catalogue
    /// (the rest of the definition is not needed to try a trigger).
    pub(crate) fn triggers(&self) -> Vec<Pattern> {
        match &self.encoded {
            Some((_, triggers)) => postcard::from_bytes(triggers).expect("the compact catalogue decodes"),
            None => self.get().triggers.iter().map(|(p, _)| p.clone()).collect(),
        }
    }
}

/// Shows the definition (decoding it), as a rule read from rule files shows it.
impl std::fmt::Debug for Definition {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.get().fmt(f)
    }
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
    let mut catalogue = decode(embedded()?, SOURCES_HASH)?;
    crate::re::install_lite_forms(std::mem::take(&mut catalogue.regexes));
    Ok(assemble(catalogue))
}

/// Whether the binary's compact catalogue was made from its rule files, and why not.
#[cfg(test)]
pub(crate) fn is_current() -> Result<(), String> {
    decode(embedded()?, SOURCES_HASH).map(|_| ())
}

/// The embedded catalogue as [`decode`] reads it.
#[cfg(not(feature = "deflated-catalogue"))]
fn embedded() -> Result<&'static [u8], String> {
    Ok(CATALOGUE_BYTES)
}

/// The embedded catalogue as [`decode`] reads it: inflated once per process and kept (the rule
/// definitions borrow from it).
#[cfg(feature = "deflated-catalogue")]
fn embedded() -> Result<&'static [u8], String> {
    static INFLATED: OnceLock<Result<Vec<u8>, String>> = OnceLock::new();
    INFLATED.get_or_init(|| deflate::inflate(CATALOGUE_BYTES)).as_ref().map(Vec::as_slice).map_err(Clone::clone)
}

/// The deflated form of the compact catalogue: the 16 bytes of its header, the length of its
/// payload (four bytes, little-endian) and the payload as a raw deflate stream.
#[cfg(any(test, feature = "deflated-catalogue"))]
mod deflate {
    /// The compact catalogue `bytes` with its payload deflated.
    #[cfg(test)]
    pub(super) fn deflate(bytes: &[u8]) -> Vec<u8> {
        let (header, payload) = bytes.split_at(16);
        let mut out = header.to_vec();
        out.extend_from_slice(&u32::try_from(payload.len()).expect("a catalogue under 4 GB").to_le_bytes());
        out.extend(miniz_oxide::deflate::compress_to_vec(payload, 10));
        out
    }

    /// The compact catalogue of a deflated one.
    pub(super) fn inflate(bytes: &[u8]) -> Result<Vec<u8>, String> {
        use miniz_oxide::inflate::core::{decompress, inflate_flags, DecompressorOxide};
        use miniz_oxide::inflate::TINFLStatus;
        let (header, rest) = bytes.split_at_checked(16).ok_or("truncated")?;
        let (len, stream) = rest.split_first_chunk::<4>().ok_or("truncated")?;
        let len = u32::from_le_bytes(*len) as usize;
        let mut out = header.to_vec();
        out.resize(16 + len, 0);
        let flags = inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
        let (status, read, written) = decompress(&mut DecompressorOxide::new(), stream, &mut out, 16, flags);
        if status != TINFLStatus::Done || read != stream.len() || written != len {
            return Err(format!("does not inflate (status {}, {written} of {len} bytes)", status as i32));
        }
        Ok(out)
    }
}

fn decode(bytes: &'static [u8], hash: u64) -> Result<Catalogue<'static>, String> {
    let rest = bytes.strip_prefix(MAGIC.as_slice()).ok_or("not a compact catalogue")?;
    let (stored, payload) = rest.split_first_chunk::<8>().ok_or("truncated")?;
    if u64::from_le_bytes(*stored) != hash {
        return Err("made from other rule files".into());
    }
    postcard::from_bytes(payload).map_err(|e| format!("does not decode: {e}"))
}

/// The rule set of a decoded catalogue: what [`RuleSet::assemble`] makes of the definitions, with
/// each rule's definition and triggers left encoded and the stored prefilter.
fn assemble(catalogue: Catalogue<'static>) -> RuleSet {
    let defines = Arc::new(pattern::Defines::encoded(catalogue.defines.iter().map(|d| (d.name, d.pattern)).collect()));
    let by_class: Arc<[_]> = (0..catalogue.classes).map(|_| OnceLock::new()).collect();
    let rules = catalogue
        .rules
        .into_iter()
        .map(|head| {
            let def = Definition { def: OnceLock::new(), encoded: Some((head.def, head.triggers)) };
            let rule = Rule {
                def,
                default_on: head.default_on,
                triggers: OnceLock::new(),
                checks: OnceLock::new(),
                classes: head.classes,
                defines: defines.clone(),
                by_class: by_class.clone(),
            };
            (head.id, rule)
        })
        .collect();
    RuleSet::of_rules(rules, defines, Some(&catalogue.prefilter))
}

/// The compact form of the built-in rule files: read and checked as any rule folder is.
#[cfg(test)]
fn encode(files: &[(&str, &str)]) -> Result<Vec<u8>, RuleError> {
    let sources: Vec<(String, String)> = files.iter().map(|(n, t)| (format!("rules/{n}"), t.to_string())).collect();
    let (defines, rules) = RuleSet::read_sources(&sources)?;
    let regexes = lite_forms(&defines, &rules).map_err(|e| RuleError::single(rules[0].origin.clone(), e))?;
    // The rule set sorts its rules by id, as the catalogue does below.
    let prefilter = Prefilter::table(RuleSet::assemble(defines.clone(), rules.clone()).rules());
    let (rule_classes, classes) = super::condition_classes(&rules);
    let mut rules: Vec<(RuleDef, Vec<usize>)> = rules.into_iter().zip(rule_classes).collect();
    rules.sort_by(|a, b| a.0.id.cmp(&b.0.id));
    let encoded: Vec<(Vec<u8>, Vec<u8>)> = rules
        .iter()
        .map(|(def, _)| {
            let mut def = def.clone();
            let triggers: Vec<Pattern> = def.triggers.iter_mut().map(|(p, _)| std::mem::replace(p, no_pattern())).collect();
            let triggers = postcard::to_allocvec(&triggers).expect("rule definitions encode");
            (triggers, postcard::to_allocvec(&def).expect("rule definitions encode"))
        })
        .collect();
    let heads = rules
        .iter()
        .zip(&encoded)
        .map(|((def, classes), (triggers, bytes))| Head {
            id: def.id.clone(),
            default_on: def.default_on,
            triggers,
            classes: classes.clone(),
            def: bytes,
        })
        .collect();
    let encoded_defines: Vec<(&str, Vec<u8>)> =
        defines.iter().map(|(name, p)| (name.as_str(), postcard::to_allocvec(p).expect("rule definitions encode"))).collect();
    let defines = encoded_defines.iter().map(|(name, bytes)| EncodedDefine { name, pattern: bytes }).collect();
    let mut out = MAGIC.to_vec();
    out.extend_from_slice(&sources_hash(files).to_le_bytes());
    out.extend(postcard::to_allocvec(&Catalogue { defines, classes, rules: heads, prefilter, regexes }).expect("rule definitions encode"));
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
        let deflated_path = path.with_extension("bin.deflate");
        if std::env::var_os("DIGICHECK_WRITE_CATALOGUE").is_some() {
            std::fs::write(&path, &bytes).unwrap();
            std::fs::write(&deflated_path, deflate::deflate(&bytes)).unwrap();
            return;
        }
        let deflated = std::fs::read(&deflated_path).unwrap_or_default();
        assert!(
            deflated == deflate::deflate(&bytes),
            "{} is not the deflated compact form of rules/*.dc; make it again with\n  \
             DIGICHECK_WRITE_CATALOGUE=1 cargo test -p digicheck-core --lib rules::compact",
            deflated_path.display()
        );
        assert_eq!(deflate::inflate(&deflated).as_deref(), Ok(bytes.as_slice()));
        assert!(made_from(&deflated, SOURCES_HASH));
        let on_disk = std::fs::read(&path).unwrap_or_default();
        assert!(
            on_disk == bytes,
            "{} is not the compact form of rules/*.dc (a rule file changed); make it again with\n  \
             DIGICHECK_WRITE_CATALOGUE=1 cargo test -p digicheck-core --lib rules::compact\n\
             and build again: until then every start reads the rule files",
            path.display()
        );
        assert_eq!(embedded(), Ok(on_disk.as_slice()), "the binary embeds another catalogue than the one on disk: build again");
        is_current().unwrap();
        assert_eq!(made_from(CATALOGUE_BYTES, SOURCES_HASH), IS_CURRENT, "the compiler and the test disagree on the header");
    }

    /// Decoding gives back exactly what the rule reader read, and the rule set assembled from it is
    /// the one compiled from the rule files.
    #[test]
    fn compact_form_is_what_the_reader_reads() {
        let sources = builtin_sources();
        let (defines, mut rules) = RuleSet::read_sources(&sources).unwrap();
        let bytes: &'static [u8] = encode(BUILTIN_FILES).unwrap().leak();
        let decoded = decode(bytes, SOURCES_HASH).unwrap();
        assert!(!decoded.regexes.is_empty());
        let decoded_defines: Vec<(String, Pattern)> =
            decoded.defines.iter().map(|d| (d.name.to_string(), postcard::from_bytes(d.pattern).unwrap())).collect();
        assert_eq!(format!("{decoded_defines:?}"), format!("{defines:?}"));
        let from_text = RuleSet::compile_sources(&sources).unwrap();
        let from_compact = assemble(decoded);
        assert!(from_compact.rules().iter().all(|r| r.def.def.get().is_none()), "a definition was decoded at load");
        assert!(from_compact.rules().iter().all(|r| r.triggers.get().is_none()), "a trigger was compiled at load");
        rules.sort_by(|a, b| a.id.cmp(&b.id));
        let written: Vec<String> = rules.iter().map(|r| format!("{r:?}")).collect();
        assert_eq!(from_compact.rules().iter().map(|r| format!("{:?}", r.def())).collect::<Vec<_>>(), written);
        // The stored prefilter is the one built from the triggers (building its table also works
        // out the anchors the compiled patterns keep, as building the prefilter did for the other).
        assert_eq!(Prefilter::table(from_compact.rules()), Prefilter::table(from_text.rules()));
        assert_eq!(format!("{:?}", from_compact.inner.prefilter), format!("{:?}", from_text.inner.prefilter));
        let show = |set: &RuleSet| -> Vec<String> {
            set.rules().iter().map(|r| format!("{:?} {:?} {:?} {:?}", r.def(), r.default_on, r.trigger_patterns(), r.classes)).collect()
        };
        assert_eq!(show(&from_compact), show(&from_text));
        assert_eq!(from_compact.triggers(), from_text.triggers());
        assert_eq!(from_compact.inner.by_id, from_text.inner.by_id);
    }

    #[test]
    fn a_stale_or_foreign_form_is_not_used() {
        let bytes: &'static [u8] = encode(BUILTIN_FILES).unwrap().leak();
        assert!(decode(bytes, SOURCES_HASH).is_ok() && made_from(bytes, SOURCES_HASH));
        assert!(!made_from(bytes, SOURCES_HASH ^ 1) && !made_from(&bytes[1..], SOURCES_HASH) && !made_from(&bytes[..15], SOURCES_HASH));
        let deflated = deflate::deflate(bytes);
        assert!(deflate::inflate(&deflated[..deflated.len() - 1]).is_err(), "a truncated stream");
        assert!(deflate::inflate(&deflated[..18]).is_err(), "a truncated header");
        assert!(decode(bytes, SOURCES_HASH ^ 1).is_err(), "made from other rule files");
        assert!(decode(&bytes[1..], SOURCES_HASH).is_err(), "not the magic");
        assert!(decode(&bytes[..bytes.len() / 2], SOURCES_HASH).is_err(), "truncated");
        let mut changed = BUILTIN_FILES.to_vec();
        changed[0].1 = "";
        assert_ne!(sources_hash(&changed), SOURCES_HASH);
    }
}
