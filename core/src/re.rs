//! The regular-expression engine: `regex` where the core is built with its feature `regex-full`
//! (the CLI, the language server), `regex-lite` where it is not (the WebAssembly module).
//!
//! `regex` with its parser and Unicode tables is a third of the WebAssembly module (some 350 KB).
//! `regex-lite` matches the same characters for every expression whose classes are written out —
//! but its `\d`, `\s`, `\w`, `\b` and `(?i)` know only ASCII. So in a build without `regex-full`:
//! - the rule regexes are not compiled from their source but from an equivalent form with every
//!   class and case folding written out, made by `regex-syntax` when the compact catalogue is made
//!   and stored in it ([`super::rules::compact`]); a rule regex the table does not hold is an error,
//!   never a regex that matches differently;
//! - the engine's own expressions are written with explicit ASCII classes, which both read alike.

#[cfg(feature = "regex-full")]
pub use regex::{Regex, RegexSet};
#[cfg(not(feature = "regex-full"))]
pub use regex_lite::Regex;

use crate::rules::pattern::ByteSet;

/// A set of expressions tried against one text (`regex::RegexSet` has no counterpart in
/// `regex-lite`): each is tried in turn.
#[cfg(not(feature = "regex-full"))]
#[derive(Debug, Clone)]
pub struct RegexSet(Vec<Regex>);

#[cfg(not(feature = "regex-full"))]
impl RegexSet {
    pub fn new<S: AsRef<str>>(sources: impl IntoIterator<Item = S>) -> Result<RegexSet, String> {
        sources.into_iter().map(|s| rule_regex(s.as_ref())).collect::<Result<_, _>>().map(RegexSet)
    }

    /// The indices of the expressions that match somewhere in `text`, in order.
    pub fn matches<'a>(&'a self, text: &'a str) -> impl Iterator<Item = usize> + 'a {
        self.0.iter().enumerate().filter(move |(_, r)| r.is_match(text)).map(|(i, _)| i)
    }
}

/// A rule regex as the rule engine compiles it (anchored with `^`, `(?i)` unless exact), or an
/// error that says why not.
#[cfg(feature = "regex-full")]
pub fn rule_regex(source: &str) -> Result<Regex, String> {
    Regex::new(source).map_err(|e| e.to_string())
}

/// A rule regex from the form the compact catalogue stores for it (see the module comment).
#[cfg(not(feature = "regex-full"))]
pub fn rule_regex(source: &str) -> Result<Regex, String> {
    match lite_forms().and_then(|t| t.iter().find(|f| f.source == source)) {
        Some(form) => Regex::new(&form.lite).map_err(|e| e.to_string()),
        None => Err(format!(
            "„{source}“: reguläre Ausdrücke liest dieses Programm nur aus dem eingebauten Regelkatalog (ohne das Merkmal „regex-full“ gebaut)"
        )),
    }
}

/// The bytes a match of a rule regex can start with: stored in the compact catalogue for its
/// regexes (parsing one costs some 50,000 instructions, a tenth of a condition's first use on a
/// short text), worked out from the parsed expression for any other.
#[cfg(feature = "regex-full")]
pub fn rule_regex_first_bytes(source: &str) -> ByteSet {
    if let Some(form) = lite_forms().and_then(|t| t.iter().find(|f| f.source == source)) {
        return ByteSet(form.first);
    }
    match regex_syntax::Parser::new().parse(source) {
        Ok(hir) => crate::rules::pattern::first_bytes(&hir).0,
        // Not expected (the regex compiled when its file was read): no filter.
        Err(_) => ByteSet::ALL,
    }
}

#[cfg(not(feature = "regex-full"))]
pub fn rule_regex_first_bytes(source: &str) -> ByteSet {
    lite_forms().and_then(|t| t.iter().find(|f| f.source == source)).map_or(ByteSet::ALL, |f| ByteSet(f.first))
}

/// A rule regex in the form `regex-lite` reads as `regex` reads its source, and the bytes its
/// matches can start with; made when the compact catalogue is made.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LiteForm {
    pub source: String,
    pub lite: String,
    pub first: [u64; 4],
}

static LITE_FORMS: std::sync::OnceLock<Vec<LiteForm>> = std::sync::OnceLock::new();

fn lite_forms() -> Option<&'static Vec<LiteForm>> {
    LITE_FORMS.get()
}

/// Keeps the forms of the built-in catalogue: for [`rule_regex`] in a build without `regex`, and
/// for [`rule_regex_first_bytes`] in every build.
pub(crate) fn install_lite_forms(forms: Vec<LiteForm>) {
    let _ = LITE_FORMS.set(forms);
}

/// The `regex-lite` form of a rule regex: `regex-syntax`'s expression printed back, with every
/// class and case folding written out. An error for what the printed form cannot carry to
/// `regex-lite`: Unicode word boundaries (`\b` is ASCII there). Used when `catalogue.bin` is made.
#[cfg(all(test, feature = "regex-full"))]
pub fn lite_form(source: &str) -> Result<LiteForm, String> {
    use regex_syntax::hir::{Hir, HirKind, Look};
    fn check(hir: &Hir) -> Result<(), String> {
        match hir.kind() {
            HirKind::Look(look) => match look {
                Look::Start | Look::End | Look::StartLF | Look::EndLF | Look::StartCRLF | Look::EndCRLF => Ok(()),
                other => Err(format!("{other:?} hat in regex-lite keine Entsprechung")),
            },
            HirKind::Repetition(r) => check(&r.sub),
            HirKind::Capture(c) => check(&c.sub),
            HirKind::Concat(subs) | HirKind::Alternation(subs) => subs.iter().try_for_each(check),
            HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) => Ok(()),
        }
    }
    let hir = regex_syntax::Parser::new().parse(source).map_err(|e| e.to_string())?;
    check(&hir)?;
    let lite = hir.to_string();
    // The printed form means the same to regex-syntax …
    let again = regex_syntax::Parser::new().parse(&lite).map_err(|e| format!("{lite}: {e}"))?;
    if again != hir {
        return Err(format!("{lite} liest sich anders als {source}"));
    }
    // … and uses nothing regex-lite reads differently (classes and case are written out).
    regex_lite::Regex::new(&lite).map_err(|e| format!("{lite}: {e}"))?;
    Ok(LiteForm { source: source.to_string(), lite, first: crate::rules::pattern::first_bytes(&hir).0 .0 })
}

#[cfg(all(test, feature = "regex-full"))]
mod tests {
    /// Every regex form the catalogue stores finds with `regex-lite` what its source finds with
    /// `regex`: anchored forms at every word start of the corpus drafts, unanchored ones over the
    /// whole text; and a text written to differ between Unicode and ASCII classes.
    #[test]
    fn lite_forms_match_as_their_sources() {
        let (defines, rules) = crate::rules::RuleSet::read_sources(&crate::rules::catalog::builtin_sources()).unwrap();
        let forms = crate::rules::compact::lite_forms(&defines, &rules).unwrap();
        assert!(forms.len() >= 4);
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus");
        let mut texts: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .map(|p| std::fs::read_to_string(p).unwrap())
            .collect();
        texts.push("am 1.\u{a0}MÄRZ 2001, 3.\u{2003}märz\u{3000}2011, ١٢. März ٢٠١٠, 12. ſeptember 2002, 7 Formblatt 3".into());
        let mut found = 0;
        for form in &forms {
            let (full, lite) = (regex::Regex::new(&form.source).unwrap(), regex_lite::Regex::new(&form.lite).unwrap());
            for text in &texts {
                if form.source.starts_with('^') {
                    for (i, _) in text.char_indices().filter(|&(i, _)| i == 0 || !text[..i].ends_with(char::is_alphanumeric)) {
                        let (a, b) = (full.find(&text[i..]).map(|m| m.range()), lite.find(&text[i..]).map(|m| m.range()));
                        assert_eq!(a, b, "{} at {i}", form.source);
                        found += usize::from(a.is_some());
                    }
                } else {
                    let a: Vec<_> = full.find_iter(text).map(|m| m.range()).collect();
                    assert_eq!(a, lite.find_iter(text).map(|m| m.range()).collect::<Vec<_>>(), "{}", form.source);
                }
            }
        }
        assert!(found > 20, "only {found} matches compared");
    }
}
