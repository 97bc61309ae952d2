//! Compiled patterns and the matcher that runs them over the words of a text.
//!
//! A pattern is matched at a word position with backtracking: sequences try their elements in
//! order, alternatives in the order written, optional elements first with then without, and gaps
//! from the shortest to the longest — so the first match found is the most compact one. Gaps and
//! every match stay within the token window the caller allows and never cross a clause boundary.

use super::ast::{Element, Origin, Pattern, WordForm};
use super::engine::AnchorSearch;
use super::error::RuleProblem;
use super::tokens::{fold_into, Token};
use crate::re::Regex;
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

/// Endings of adjectives and adverbs (schriftlich, -e, -en, -er, -es, -em).
const ADJ_ENDINGS: &[&str] = &["", "e", "en", "er", "es", "em"];
/// Endings of nouns without umlaut change (Antrag, -s, -es, -e, -en, -n, -er, -ern, -ns).
const NOUN_ENDINGS: &[&str] = &["", "s", "es", "e", "en", "n", "er", "ern", "ns"];

/// A word literal (several words for a phrase like "oder elektronisch").
///
/// The literal as written and its folded form are kept in one string, and its words as byte
/// ranges of it: a catalogue check compiles some 2,500 literals, and one string, a vector of
/// strings for each of the folded words, the words as written and the separators, and the
/// folding's own, made compiling patterns a third `malloc` and `free`.
#[derive(Debug, Clone)]
pub(crate) struct WordAtom {
    /// The literal as written, then [`fold`] of it (of the same length: folding keeps byte
    /// offsets).
    text: Box<str>,
    /// Where the folded form starts in `text`.
    folded_at: usize,
    /// The byte ranges of the literal's words in the literal as written (the same in the folded
    /// form); between two words their separator, of which only what is [`significant`] counts.
    words: Spans,
    form: WordForm,
    exact_case: bool,
    /// The word to anchor on (the first of the cheapest by [`anchor_cost`]) and its cost, worked
    /// out when compiled: anchors are asked for again by every pattern around the word.
    best: Option<(usize, u64)>,
    /// The byte every word the literal's first word matches starts with (folded, or as written
    /// for exact case), if there is one ([`WordAtom::first_byte`]).
    first: Option<u8>,
}

#[derive(Debug, Clone)]
pub(crate) enum Pat {
    Alt(Vec<Pat>),
    Seq(Vec<Elem>),
    Word(WordAtom),
    Regex(Arc<LazyRegex>),
    /// A `define`, compiled once per rule set and shared by every pattern that names it
    /// ([`Defines`]).
    Shared(Arc<SharedPat>),
}

/// A compiled `define` and what the conditions that name it ask of it.
#[derive(Debug)]
pub(crate) struct SharedPat {
    pat: Pat,
    /// [`Pat::placed_anchors`], worked out once: `@elektronisch` has dozens of alternatives.
    anchors: OnceLock<Option<(Vec<PlacedAnchor>, u64)>>,
    /// [`Pat::length`], worked out once.
    length: OnceLock<(usize, Option<usize>)>,
    /// [`Pat::anchor_search`] for conditions that name the define alone.
    search: OnceLock<Option<Arc<AnchorSearch>>>,
}

/// A regular expression of a pattern, compiled when a match is first tried with it: compiling one
/// with Unicode classes (`\d`, `\s`, `(?i)`) costs about two million instructions, as much as
/// checking a page, and most conditions of a short check never get to try theirs.
#[derive(Debug)]
pub(crate) struct LazyRegex {
    /// The source as compiled: anchored at a word start, with the case flag.
    source: String,
    regex: OnceLock<Regex>,
    /// The bytes a match can start with ([`first_bytes`]), read from the parsed expression
    /// when first needed: most words of a sentence start with none of them („\d…“ tried at
    /// every word), and a regex that is never tried is never compiled.
    first: OnceLock<ByteSet>,
}

impl LazyRegex {
    fn new(source: String) -> LazyRegex {
        LazyRegex { source, regex: OnceLock::new(), first: OnceLock::new() }
    }

    fn get(&self) -> &Regex {
        self.regex.get_or_init(|| crate::re::rule_regex(&self.source).expect("regex checked when parsed"))
    }

    /// False if no match of the regex that consumes text can start with `byte`.
    fn may_start_with(&self, byte: u8) -> bool {
        self.first_bytes().contains(byte)
    }

    /// The bytes a match that consumes text can start with.
    fn first_bytes(&self) -> &ByteSet {
        self.first.get_or_init(|| crate::re::rule_regex_first_bytes(&self.source))
    }

    pub(crate) fn as_str(&self) -> &str {
        &self.source
    }
}

/// A set of bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ByteSet(pub(crate) [u64; 4]);

impl ByteSet {
    #[cfg(feature = "regex-full")]
    pub(crate) const EMPTY: ByteSet = ByteSet([0; 4]);
    pub(crate) const ALL: ByteSet = ByteSet([u64::MAX; 4]);

    fn contains(&self, b: u8) -> bool {
        self.0[usize::from(b >> 6)] & (1 << (b & 63)) != 0
    }

    #[cfg(feature = "regex-full")]
    fn add_range(&mut self, from: u8, to: u8) {
        for b in from..=to {
            self.0[usize::from(b >> 6)] |= 1 << (b & 63);
        }
    }

    #[cfg(feature = "regex-full")]
    fn union(&mut self, other: ByteSet) {
        for (a, b) in self.0.iter_mut().zip(other.0) {
            *a |= b;
        }
    }
}

/// The first byte of the UTF-8 encoding of `c` (monotonic in `c`, so a range of characters starts
/// with the bytes between those of its ends).
#[cfg(feature = "regex-full")]
fn utf8_lead(c: char) -> u8 {
    let mut buf = [0; 4];
    c.encode_utf8(&mut buf).as_bytes()[0]
}

/// The bytes a non-empty match of `hir` can start with, and whether it can match the empty text.
/// Any match that consumes text starts with a byte of the first element that consumes something,
/// all elements before it having matched empty.
#[cfg(feature = "regex-full")]
pub(crate) fn first_bytes(hir: &regex_syntax::hir::Hir) -> (ByteSet, bool) {
    use regex_syntax::hir::{Class, HirKind};
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => (ByteSet::EMPTY, true),
        HirKind::Literal(lit) => {
            let mut set = ByteSet::EMPTY;
            match lit.0.first() {
                Some(&b) => set.add_range(b, b),
                None => return (set, true),
            }
            (set, false)
        }
        HirKind::Class(Class::Unicode(class)) => {
            let mut set = ByteSet::EMPTY;
            for r in class.ranges() {
                set.add_range(utf8_lead(r.start()), utf8_lead(r.end()));
            }
            (set, false)
        }
        HirKind::Class(Class::Bytes(class)) => {
            let mut set = ByteSet::EMPTY;
            for r in class.ranges() {
                set.add_range(r.start(), r.end());
            }
            (set, false)
        }
        HirKind::Repetition(rep) => {
            let (set, empty) = first_bytes(&rep.sub);
            (set, empty || rep.min == 0)
        }
        HirKind::Capture(cap) => first_bytes(&cap.sub),
        HirKind::Concat(subs) => {
            let mut set = ByteSet::EMPTY;
            for sub in subs {
                let (first, empty) = first_bytes(sub);
                set.union(first);
                if !empty {
                    return (set, false);
                }
            }
            (set, true)
        }
        HirKind::Alternation(subs) => {
            let mut set = ByteSet::EMPTY;
            let mut any_empty = false;
            for sub in subs {
                let (first, empty) = first_bytes(sub);
                set.union(first);
                any_empty |= empty;
            }
            (set, any_empty)
        }
    }
}

/// A rule regex as the engine compiles it: anchored at a word start, case-insensitive unless
/// `exact`. The prefilter searches with the same form without the `^`.
pub(crate) fn compiled_regex_source(source: &str, exact_case: bool) -> String {
    let flags = if exact_case { "" } else { "(?i)" };
    format!("^{flags}(?:{source})")
}

/// The `define`s of a rule set as written, and each compiled once when a pattern that names it is
/// first compiled: expanding `@elektronisch` into every condition that asks for it was most of the
/// cost of compiling the conditions a page triggers. Regular expressions are shared by their
/// source the same way.
///
/// The defines of the compact catalogue stay encoded until a pattern that names one is compiled:
/// decoding all 80 at every start cost a tenth of a one-page check, which compiles a few dozen.
#[derive(Debug, Default)]
pub(crate) struct Defines {
    written: HashMap<String, Pattern>,
    /// Defines of the compact catalogue, each encoded with `postcard` on its own.
    encoded: HashMap<&'static str, &'static [u8]>,
    compiled: Mutex<HashMap<String, Pat>>,
    regexes: Mutex<HashMap<String, Arc<LazyRegex>>>,
}

impl Defines {
    pub(crate) fn new(written: HashMap<String, Pattern>) -> Defines {
        Defines { written, ..Defines::default() }
    }

    /// Whether there is a define `name`.
    pub(crate) fn contains(&self, name: &str) -> bool {
        self.written.contains_key(name) || self.encoded.contains_key(name)
    }

    /// The defines of the compact catalogue, encoded (see [`Defines::encoded`]).
    pub(crate) fn encoded(encoded: HashMap<&'static str, &'static [u8]>) -> Defines {
        Defines { encoded, ..Defines::default() }
    }

    fn regex(&self, source: String) -> Arc<LazyRegex> {
        let mut regexes = self.regexes.lock().unwrap_or_else(|e| e.into_inner());
        regexes.entry(source).or_insert_with_key(|source| Arc::new(LazyRegex::new(source.clone()))).clone()
    }

    /// The compiled define `name`, which [`check_refs`] found defined and free of cycles.
    fn compiled(&self, name: &str) -> Pat {
        if let Some(p) = self.compiled.lock().unwrap_or_else(|e| e.into_inner()).get(name) {
            return p.clone();
        }
        // Compiled without holding the lock: the define may name others.
        let written = self.written(name).expect("references checked before compiling");
        let p = Pat::Shared(Arc::new(SharedPat { pat: compile(&written, self), anchors: OnceLock::new(), length: OnceLock::new(), search: OnceLock::new() }));
        self.compiled.lock().unwrap_or_else(|e| e.into_inner()).entry(name.to_string()).or_insert(p).clone()
    }
}

impl WrittenDefines for Defines {
    fn written(&self, name: &str) -> Option<Cow<'_, Pattern>> {
        if let Some(p) = self.written.get(name) {
            return Some(Cow::Borrowed(p));
        }
        // The catalogue is the one this binary was built with, and the tests decode every define
        // of it (`compact_form_is_what_the_reader_reads`).
        self.encoded.get(name).map(|bytes| Cow::Owned(postcard::from_bytes(bytes).expect("the compact catalogue decodes")))
    }

    fn names(&self) -> Vec<&str> {
        self.written.keys().map(String::as_str).chain(self.encoded.keys().copied()).collect()
    }
}

#[derive(Debug, Clone)]
pub(crate) enum Elem {
    One(Pat),
    Opt(Pat),
    Gap(usize),
}

/// How the automaton's hit for an anchor relates to the word it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub(crate) enum AnchorPos {
    /// The literal starts the word (exact words, prefixes, inflected forms).
    Start,
    /// The literal ends the word (suffixes).
    End,
    /// The literal lies anywhere in the word (infixes).
    Inside,
}

/// A literal that must occur where a pattern can start — what the multi-pattern prefilter looks for.
/// The needle is shared: a define's anchors are handed to every condition that names it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Anchor {
    pub needle: Arc<str>,
    pub pos: AnchorPos,
}

/// What does not matter between two words of a phrase: spaces, hyphens and quotation marks.
fn insignificant(c: char) -> bool {
    c.is_whitespace() || matches!(c, '-' | '‐' | '‑' | '„' | '“' | '”' | '"' | '‚' | '‘' | '’' | '\'' | '»' | '«' | '›' | '‹')
}

/// What matters between two words of a phrase.
fn significant(sep: &str) -> impl Iterator<Item = char> + '_ {
    sep.chars().filter(|&c| !insignificant(c))
}

/// Whether two separators between words of a phrase are the same but for what does not matter
/// (this runs for every phrase candidate).
fn same_significant(sep: &str, expected: &str) -> bool {
    significant(sep).eq(significant(expected))
}

/// The byte ranges of a literal's words, without an allocation for literals of up to three words
/// (almost all of them).
#[derive(Debug, Clone)]
enum Spans {
    Inline(u8, [(u32, u32); 3]),
    Heap(Box<[(u32, u32)]>),
}

impl Spans {
    fn of(text: &str) -> Spans {
        let mut inline = [(0, 0); 3];
        let mut n = 0;
        let mut heap: Vec<(u32, u32)> = Vec::new();
        super::tokens::each_word(text, |s, e| {
            let span = (to_u32(s), to_u32(e));
            if n < inline.len() {
                inline[n] = span;
                n += 1;
            } else {
                if heap.is_empty() {
                    heap.extend_from_slice(&inline);
                }
                heap.push(span);
            }
        });
        if heap.is_empty() {
            Spans::Inline(n as u8, inline)
        } else {
            Spans::Heap(heap.into())
        }
    }

    #[inline]
    fn get(&self) -> &[(u32, u32)] {
        match self {
            Spans::Inline(n, spans) => &spans[..usize::from(*n)],
            Spans::Heap(spans) => spans,
        }
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).expect("a word literal shorter than 4 GB")
}

/// Compiles a written pattern whose references [`check_refs`] has checked, resolving `@name` to
/// the shared compiled define.
pub(crate) fn compile(p: &Pattern, defines: &Defines) -> Pat {
    match p {
        Pattern::Alt(alts) => Pat::Alt(alts.iter().map(|a| compile(a, defines)).collect()),
        Pattern::Seq(elems) => Pat::Seq(
            elems
                .iter()
                .map(|e| match e {
                    Element::Atom(p) => Elem::One(compile(p, defines)),
                    Element::Optional(p) => Elem::Opt(compile(p, defines)),
                    Element::Gap(n) => Elem::Gap(*n),
                })
                .collect(),
        ),
        Pattern::Word { text, form, exact_case } => {
            let mut both = String::with_capacity(2 * text.len());
            both.push_str(text);
            fold_into(text, &mut both);
            let words = Spans::of(text);
            let mut atom =
                WordAtom { text: both.into_boxed_str(), folded_at: text.len(), words, form: form.clone(), exact_case: *exact_case, best: None, first: None };
            atom.best = atom.best_part();
            atom.first = atom.first_byte();
            Pat::Word(atom)
        }
        Pattern::Regex { source, exact_case } => {
            // Validity was checked when the file was read.
            Pat::Regex(defines.regex(compiled_regex_source(source, *exact_case)))
        }
        Pattern::Ref(name, _) => defines.compiled(name),
    }
}

/// The problem [`compile`] would report for a pattern, without building it: every `@name` must
/// be defined and none may refer to itself. Rules whose conditions are compiled on first use are
/// checked with this when they are loaded.
pub(crate) fn check_refs<D: WrittenDefines + ?Sized>(p: &Pattern, defines: &D, depth: usize) -> Result<(), RuleProblem> {
    match p {
        Pattern::Alt(alts) => alts.iter().try_for_each(|a| check_refs(a, defines, depth)),
        Pattern::Seq(elems) => elems.iter().try_for_each(|e| match e {
            Element::Atom(p) | Element::Optional(p) => check_refs(p, defines, depth),
            Element::Gap(_) => Ok(()),
        }),
        Pattern::Word { .. } | Pattern::Regex { .. } => Ok(()),
        Pattern::Ref(name, origin) => {
            let Some(def) = defines.written(name) else {
                return Err(unknown_ref(name, origin, defines));
            };
            if depth > 16 {
                return Err(RuleProblem { origin: origin.clone(), message: format!("@{name} verweist im Kreis auf sich selbst") });
            }
            check_refs(&def, defines, depth + 1)
        }
    }
}

/// The `define`s a pattern may name, as written.
pub(crate) trait WrittenDefines {
    /// The define `name` as written, if there is one.
    fn written(&self, name: &str) -> Option<Cow<'_, Pattern>>;
    /// The names of all defines.
    fn names(&self) -> Vec<&str>;
}

impl WrittenDefines for HashMap<String, Pattern> {
    fn written(&self, name: &str) -> Option<Cow<'_, Pattern>> {
        self.get(name).map(Cow::Borrowed)
    }

    fn names(&self) -> Vec<&str> {
        self.keys().map(String::as_str).collect()
    }
}

fn unknown_ref<D: WrittenDefines + ?Sized>(name: &str, origin: &Origin, defines: &D) -> RuleProblem {
    let mut known = defines.names();
    crate::sort::sort_by(&mut known, |a, b| a.cmp(b));
    RuleProblem {
        origin: origin.clone(),
        message: format!("unbekanntes Muster @{name} (erwartet einen mit `define` festgelegten Namen: {})", known.join(", ")),
    }
}

impl WordAtom {
    /// How many words the literal has.
    #[inline]
    fn len(&self) -> usize {
        self.words.get().len()
    }

    /// Word `i` of the literal, folded.
    #[inline]
    fn part(&self, i: usize) -> &str {
        let (s, e) = self.words.get()[i];
        &self.text[self.folded_at + s as usize..self.folded_at + e as usize]
    }

    /// Word `i` of the literal as written.
    #[inline]
    fn original(&self, i: usize) -> &str {
        let (s, e) = self.words.get()[i];
        &self.text[s as usize..e as usize]
    }

    /// What the literal has between word `i` and word `i + 1`.
    #[inline]
    fn sep(&self, i: usize) -> &str {
        let words = self.words.get();
        &self.text[words[i].1 as usize..words[i + 1].0 as usize]
    }

    /// The first byte of the literal's first word where every word it matches must start with
    /// it: not for word ends and word parts (`*"siegel"`, `*"stempel"*`), which may stand
    /// anywhere in the word.
    fn first_byte(&self) -> Option<u8> {
        if self.len() == 0 || matches!(self.part_form(0), WordForm::Suffix | WordForm::Infix) {
            return None;
        }
        let word = if self.exact_case { self.original(0) } else { self.part(0) };
        word.as_bytes().first().copied()
    }

    /// False if the literal cannot match at token `pos`: outside the window, or its word starts
    /// with another byte than [`WordAtom::first`]. An alternative of dozens of words
    /// (`@elektronisch`, the authorities) is tried at every place an anchor names, and this test
    /// passes most of them by without a call of [`Pat::run`].
    #[inline]
    fn may_start_at(&self, w: &Window, pos: usize) -> bool {
        let Some(first) = self.first else { return true };
        if pos < w.lo || pos >= w.hi {
            return false;
        }
        let text = if self.exact_case { w.text } else { w.folded };
        text.as_bytes()[w.tokens[pos].start] == first
    }

    fn token_matches(&self, i: usize, tok: &Token, w: &Window) -> bool {
        let (word, lit): (&str, &str) = if self.exact_case {
            (&w.text[tok.start..tok.end], self.original(i))
        } else {
            (tok.folded(w.folded), self.part(i))
        };
        match self.part_form(i) {
            WordForm::Exact => word == lit,
            WordForm::Prefix => word.starts_with(lit),
            WordForm::Suffix => word.ends_with(lit),
            WordForm::Infix => word.contains(lit),
            WordForm::Adjective => word.strip_prefix(lit).is_some_and(|rest| ADJ_ENDINGS.contains(&rest)),
            WordForm::Noun => word.strip_prefix(lit).is_some_and(|rest| NOUN_ENDINGS.contains(&rest)),
        }
    }

    fn anchor(&self) -> Anchor {
        self.part_anchor(0)
    }

    /// The form that applies to word `i` of the literal: in a phrase the form applies to the word
    /// at the open end, the last word for prefixes and inflections („Bild- und Tonübertragung“*),
    /// the first for suffixes; the other words match exactly.
    fn part_form(&self, i: usize) -> &WordForm {
        let last = self.len() - 1;
        match self.form {
            WordForm::Suffix if i != 0 => &WordForm::Exact,
            WordForm::Prefix | WordForm::Adjective | WordForm::Noun if i != last => &WordForm::Exact,
            ref f => f,
        }
    }

    /// What the prefilter can look for to find word `i` of the literal.
    fn part_anchor(&self, i: usize) -> Anchor {
        Anchor { needle: self.part(i).into(), pos: self.part_pos(i) }
    }

    fn part_pos(&self, i: usize) -> AnchorPos {
        match self.part_form(i) {
            WordForm::Suffix => AnchorPos::End,
            WordForm::Infix => AnchorPos::Inside,
            _ => AnchorPos::Start,
        }
    }

    /// The word of the literal to anchor on (the first of the cheapest) and its cost.
    fn best_part(&self) -> Option<(usize, u64)> {
        (0..self.len()).map(|i| (i, anchor_cost(self.part(i), self.part_pos(i)))).min_by_key(|&(_, cost)| cost)
    }
}

/// Words so frequent in legal German that a prefilter hit on them says almost nothing; a pattern
/// is better anchored on any other of its words.
fn is_common_word(word: &str) -> bool {
    matches!(
        word,
        "in" | "im" | "mit" | "nach" | "oder" | "und" | "durch" | "gegen" | "per" | "auf" | "zu" | "zur" | "zum" | "bei" | "als" | "aus"
            | "von" | "vom" | "an" | "am" | "für" | "über" | "unter" | "vor" | "der" | "die" | "das" | "den" | "dem" | "des" | "ein" | "eine"
            | "einer" | "eines" | "einem" | "einen" | "ist" | "sind" | "wird" | "werden" | "hat" | "haben" | "kann" | "können" | "muss"
            | "nicht" | "soweit" | "wenn" | "auch" | "sich" | "so" | "wie" | "nur" | "sie" | "er" | "es" | "dies" | "diese" | "dieser"
    )
}

/// A rough estimate of how often a prefilter hit on `anchor` occurs in legal text: function words
/// are everywhere, short words and word parts found inside other words are frequent, long words
/// are rare. Only the order matters: it picks the word a pattern is anchored on.
fn anchor_cost(needle: &str, pos: AnchorPos) -> u64 {
    let base = if is_common_word(needle) {
        1000
    } else {
        24u64.saturating_sub(needle.chars().count() as u64).max(1)
    };
    match pos {
        AnchorPos::Start => base,
        AnchorPos::End => base * 2,
        AnchorPos::Inside => base * 4,
    }
}

/// An anchor of a pattern and where its word can stand: `offset.0..=offset.1` tokens after the
/// first word of the match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PlacedAnchor {
    pub anchor: Anchor,
    pub offset: (usize, usize),
}

/// The words a matcher may look at: tokens `lo..hi` of one text.
pub(crate) struct Window<'a> {
    pub text: &'a str,
    /// `fold(text)`.
    pub folded: &'a str,
    pub tokens: &'a [Token],
    pub lo: usize,
    pub hi: usize,
}

impl Pat {
    /// Tries to match at token `pos`; calls `k` with each possible end (exclusive) until it
    /// returns `true`. Returns whether some continuation accepted.
    pub(crate) fn run(&self, w: &Window, pos: usize, k: &mut dyn FnMut(usize) -> bool) -> bool {
        match self {
            Pat::Word(atom) => {
                let n = atom.len();
                if pos < w.lo || pos + n > w.hi {
                    return false;
                }
                for i in 0..n {
                    let tok = &w.tokens[pos + i];
                    if !atom.token_matches(i, tok, w) {
                        return false;
                    }
                    if i > 0 {
                        let prev = &w.tokens[pos + i - 1];
                        if !same_significant(&w.text[prev.end..tok.start], atom.sep(i - 1)) {
                            return false;
                        }
                    }
                }
                k(pos + n)
            }
            Pat::Regex(re) => {
                if pos < w.lo || pos >= w.hi {
                    return false;
                }
                let start = w.tokens[pos].start;
                // A match ends at a word end after `start`, so it consumes text.
                if !re.may_start_with(w.text.as_bytes()[start]) {
                    return false;
                }
                let limit = w.tokens[w.hi - 1].end;
                let Some(m) = re.get().find(&w.text[start..limit]) else { return false };
                let end = start + m.end();
                // The match must end at a word end.
                match w.tokens[pos..w.hi].iter().position(|t| t.end == end) {
                    Some(j) => k(pos + j + 1),
                    None => false,
                }
            }
            Pat::Alt(alts) => alts.iter().any(|a| a.may_start_at(w, pos) && a.run(w, pos, k)),
            Pat::Seq(elems) => run_seq(elems, 0, w, pos, k),
            Pat::Shared(p) => p.pat.run(w, pos, k),
        }
    }

    /// False if a match cannot start at token `pos` (see [`WordAtom::may_start_at`]); true for
    /// everything but a word literal. (Looking into sequences and defines as well, in the
    /// alternatives of [`Pat::run`], cost more than it saved: some 20 M instructions more over every
    /// tenth federal law.)
    #[inline]
    fn may_start_at(&self, w: &Window, pos: usize) -> bool {
        match self {
            Pat::Word(atom) => atom.may_start_at(w, pos),
            _ => true,
        }
    }

    /// Whether the pattern matches at some token of the window, tried at each (for a pattern
    /// without anchors, see [`Pat::anchor_search`]). A regular expression, or a define that is
    /// one, is tried only at the words that start with a byte its match can start with, tested
    /// here: a condition such as `within paragraph re"Verfahrens- …"` walks every word of a §,
    /// and two calls of [`Pat::run`] per word to reach the same test cost more than the matching.
    pub(crate) fn matches_anywhere(&self, w: &Window) -> bool {
        match self.leading_regex() {
            Some(re) => {
                let (first, text) = (re.first_bytes(), w.text.as_bytes());
                (w.lo..w.hi).any(|i| first.contains(text[w.tokens[i].start]) && self.match_at(w, i).is_some())
            }
            None => (w.lo..w.hi).any(|i| self.match_at(w, i).is_some()),
        }
    }

    /// For an alternative (itself or as a define) of which some parts have anchors and some not:
    /// the parts with anchors and the others, each an alternative of its own (see
    /// `engine::Search::Split`).
    pub(crate) fn split_by_anchors(&self) -> Option<(Pat, Pat)> {
        let alts = match self {
            Pat::Alt(alts) => alts,
            Pat::Shared(p) => match &p.pat {
                Pat::Alt(alts) => alts,
                _ => return None,
            },
            _ => return None,
        };
        let (with, without): (Vec<Pat>, Vec<Pat>) = alts.iter().cloned().partition(|a| a.anchor_cost().is_some());
        (!with.is_empty() && !without.is_empty()).then(|| (Pat::Alt(with), Pat::Alt(without)))
    }

    /// The regular expression this pattern is (itself or as a define).
    fn leading_regex(&self) -> Option<&LazyRegex> {
        match self {
            Pat::Regex(re) => Some(re),
            Pat::Shared(p) => p.pat.leading_regex(),
            _ => None,
        }
    }

    /// The first match at `pos`, if any: its end (exclusive token index).
    pub(crate) fn match_at(&self, w: &Window, pos: usize) -> Option<usize> {
        let mut found = None;
        self.run(w, pos, &mut |end| {
            found = Some(end);
            true
        });
        found
    }

    /// What this pattern can start with: word literals (for the Aho-Corasick prefilter) and
    /// regular expressions (for the regex prefilter). One of them is present wherever it matches.
    pub(crate) fn starts(&self, lits: &mut Vec<Anchor>, res: &mut Vec<String>) {
        match self {
            Pat::Word(a) => lits.push(a.anchor()),
            Pat::Regex(re) => res.push(re.as_str().to_string()),
            Pat::Shared(p) => p.pat.starts(lits, res),
            Pat::Alt(alts) => alts.iter().for_each(|a| a.starts(lits, res)),
            Pat::Seq(elems) => {
                for e in elems {
                    match e {
                        Elem::One(p) => {
                            p.starts(lits, res);
                            return;
                        }
                        Elem::Opt(p) => p.starts(lits, res),
                        Elem::Gap(_) => {}
                    }
                }
            }
        }
    }

    /// How many tokens a match covers: at least `.0`, at most `.1` (`None`: no bound, for
    /// regular expressions, which may run over several words).
    fn length(&self) -> (usize, Option<usize>) {
        match self {
            Pat::Word(a) => (a.len(), Some(a.len())),
            Pat::Regex(_) => (1, None),
            Pat::Shared(p) => *p.length.get_or_init(|| p.pat.length()),
            Pat::Alt(alts) => {
                let (mut min, mut max) = (None, Some(0));
                for l in alts.iter().map(Pat::length) {
                    min = Some(min.map_or(l.0, |m: usize| m.min(l.0)));
                    max = max.zip(l.1).map(|(m, x)| m.max(x));
                }
                (min.unwrap_or(0), max)
            }
            Pat::Seq(elems) => elems.iter().fold((0, Some(0)), |(min, max), e| {
                let (lo, hi) = e.length();
                (min + lo, max.zip(hi).map(|(a, b)| a + b))
            }),
        }
    }

    /// The cheapest set of anchors (by [`anchor_cost`]) of which one occurs in every match, each
    /// with the token offsets from the match's first word where it can stand; `None` if the
    /// pattern has no such set (a regular expression before every literal word).
    ///
    /// Anchoring a pattern on its rarest required word instead of its first one keeps the
    /// prefilter from waking the matcher at every „in“ or „oder“ of a text: „in“ adj
    /// „schriftlich“ „Form“ is found through „schriftlich…“ and tried one word earlier.
    pub(crate) fn placed_anchors(&self) -> Option<(Vec<PlacedAnchor>, u64)> {
        if let Pat::Shared(p) = self {
            return p.anchors.get_or_init(|| p.pat.placed_anchors()).clone();
        }
        let cost = self.anchor_cost()?;
        let mut anchors = Vec::new();
        self.push_anchors((0, 0), &mut anchors);
        Some((anchors, cost))
    }

    /// The cost of [`Pat::placed_anchors`], without building them: a sequence anchors on one of
    /// its elements, and only the chosen one's anchors are built.
    fn anchor_cost(&self) -> Option<u64> {
        match self {
            Pat::Word(a) => a.best.map(|(_, cost)| cost),
            Pat::Regex(_) => None,
            Pat::Shared(p) => p.anchors.get_or_init(|| p.pat.placed_anchors()).as_ref().map(|(_, cost)| *cost),
            Pat::Alt(alts) => alts.iter().map(Pat::anchor_cost).sum(),
            Pat::Seq(elems) => seq_anchor(elems).map(|(_, _, cost)| cost),
        }
    }

    /// Appends the anchors of [`Pat::placed_anchors`] (which must exist), their offsets moved by
    /// `shift`.
    fn push_anchors(&self, shift: (usize, usize), out: &mut Vec<PlacedAnchor>) {
        let moved = |offset: (usize, usize)| (offset.0 + shift.0, offset.1 + shift.1);
        match self {
            Pat::Word(a) => {
                let (i, _) = a.best.expect("anchors exist");
                out.push(PlacedAnchor { anchor: a.part_anchor(i), offset: moved((i, i)) });
            }
            Pat::Regex(_) => unreachable!("a regular expression has no anchors"),
            Pat::Shared(p) => {
                let (anchors, _) = p.anchors.get_or_init(|| p.pat.placed_anchors()).as_ref().expect("anchors exist");
                out.extend(anchors.iter().map(|a| PlacedAnchor { anchor: a.anchor.clone(), offset: moved(a.offset) }));
            }
            Pat::Alt(alts) => alts.iter().for_each(|a| a.push_anchors(shift, out)),
            Pat::Seq(elems) => {
                let (i, before, _) = seq_anchor(elems).expect("anchors exist");
                let Elem::One(p) = &elems[i] else { unreachable!("sequences anchor on a required element") };
                p.push_anchors(moved(before), out);
            }
        }
    }

    /// The search a condition runs for this pattern in its place ([`AnchorSearch`] over
    /// [`Pat::placed_anchors`]); `None` if the pattern has no anchors. A define's is built once.
    pub(crate) fn anchor_search(&self) -> Option<Arc<AnchorSearch>> {
        match self {
            Pat::Shared(p) => p.search.get_or_init(|| p.pat.anchor_search()).clone(),
            _ => self.placed_anchors().map(|(anchors, _)| Arc::new(AnchorSearch::new(anchors))),
        }
    }

    /// Literal words of the pattern, for `digicheck rules triggers`.
    pub(crate) fn literals(&self, out: &mut Vec<String>) {
        match self {
            Pat::Word(a) => {
                let joined = (0..a.len()).map(|i| a.original(i)).collect::<Vec<_>>().join(" ");
                if !out.contains(&joined) {
                    out.push(joined);
                }
            }
            Pat::Regex(_) => {}
            Pat::Shared(p) => p.pat.literals(out),
            Pat::Alt(alts) => alts.iter().for_each(|a| a.literals(out)),
            Pat::Seq(elems) => {
                for e in elems {
                    match e {
                        Elem::One(p) | Elem::Opt(p) => {
                            p.literals(out);
                            return;
                        }
                        Elem::Gap(_) => {}
                    }
                }
            }
        }
    }
}

/// The element of a sequence to anchor on (the first of the cheapest required ones with
/// anchors), how many tokens stand before it (at least, at most) and its cost.
fn seq_anchor(elems: &[Elem]) -> Option<(usize, (usize, usize), u64)> {
    let mut best: Option<(usize, (usize, usize), u64)> = None;
    let (mut before_min, mut before_max) = (0, Some(0));
    for (i, e) in elems.iter().enumerate() {
        let Some(max) = before_max else { break };
        if let Elem::One(p) = e {
            if let Some(cost) = p.anchor_cost() {
                if best.is_none_or(|(_, _, c)| cost < c) {
                    best = Some((i, (before_min, max), cost));
                }
            }
        }
        let (lo, hi) = e.length();
        before_min += lo;
        before_max = before_max.zip(hi).map(|(a, b)| a + b);
    }
    best
}

impl Elem {
    fn length(&self) -> (usize, Option<usize>) {
        match self {
            Elem::One(p) => p.length(),
            Elem::Opt(p) => (0, p.length().1),
            Elem::Gap(n) => (0, Some(*n)),
        }
    }
}

fn run_seq(elems: &[Elem], idx: usize, w: &Window, pos: usize, k: &mut dyn FnMut(usize) -> bool) -> bool {
    let Some(elem) = elems.get(idx) else { return k(pos) };
    match elem {
        Elem::One(p) => p.may_start_at(w, pos) && p.run(w, pos, &mut |end| run_seq(elems, idx + 1, w, end, k)),
        Elem::Opt(p) => p.run(w, pos, &mut |end| run_seq(elems, idx + 1, w, end, k)) || run_seq(elems, idx + 1, w, pos, k),
        Elem::Gap(max) => {
            if pos == 0 || pos > w.hi {
                return false;
            }
            let clause = w.tokens[pos - 1].clause;
            for skip in 0..=*max {
                let next = pos + skip;
                if next >= w.hi || w.tokens[next].clause != clause {
                    break;
                }
                if run_seq(elems, idx + 1, w, next, k) {
                    return true;
                }
            }
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::parse::parse_file;
    use crate::rules::tokens::tokenize;

    /// Compiles the first `match` of a one-rule file written around `pattern`.
    fn pat(pattern: &str) -> Pat {
        let src = format!(
            "rule DC-T-1 t\n title \"t\"\n category schriftform\n severity hoch\n principle 1\n match {pattern}\n message \"m\"\n flag \"x\"\n pass \"y\"\nend\n"
        );
        let f = parse_file("t.dc", &src).unwrap();
        compile(&f.rules[0].triggers[0].0, &Defines::default())
    }

    /// All matched texts of a pattern in a text.
    fn find(pattern: &str, text: &str) -> Vec<String> {
        let p = pat(pattern);
        let folded = crate::rules::tokens::fold(text);
        let tokens = tokenize(text, &folded);
        let w = Window { text, folded: &folded, tokens: &tokens, lo: 0, hi: tokens.len() };
        let mut out = Vec::new();
        for i in 0..tokens.len() {
            if let Some(end) = p.match_at(&w, i) {
                out.push(text[tokens[i].start..tokens[end - 1].end].to_string());
            }
        }
        out
    }

    #[test]
    fn adjective_forms() {
        let t = "schriftlich, schriftliche, schriftlichen, schriftlicher, schriftliches, schriftlichem, schriftlichkeit";
        assert_eq!(find("adj \"schriftlich\"", t).len(), 6);
        assert!(find("adj \"schriftlich\"", "handschriftlich").is_empty());
    }

    #[test]
    fn compounds_and_umlaut_boundaries() {
        assert_eq!(find("\"Schriftform\"*", "Schriftformerfordernis, schriftformbedürftig"), ["Schriftformerfordernis", "schriftformbedürftig"]);
        assert_eq!(find("*\"siegel\"", "Dienstsiegel und Siegelbruch"), ["Dienstsiegel"]);
        assert_eq!(find("*\"stempel\"*", "Stempelabdruck"), ["Stempelabdruck"]);
        // „Schriftführer“ is one word; „Schrift“ alone does not match inside it.
        assert!(find("\"Schrift\"", "Der Schriftführer").is_empty());
        assert!(find("\"schriftlich\"", "Schriftführer schriftlicher").is_empty());
        assert_eq!(find("\"Straße\"", "An der Straße."), ["Straße"]);
    }

    #[test]
    fn phrases_need_adjacent_words() {
        assert_eq!(find("\"oder elektronisch\"", "schriftlich oder elektronisch"), ["oder elektronisch"]);
        assert!(find("\"oder elektronisch\"", "oder, elektronisch").is_empty());
        assert_eq!(find("\"De-Mail\"", "per De-Mail"), ["De-Mail"]);
        assert_eq!(find("\"§ 3a\"", "nach § 3a gilt"), ["§ 3a"]);
    }

    #[test]
    fn gaps_are_bounded_and_stay_in_clause() {
        let t = "Der Antrag ist innerhalb eines Monats schriftlich zu stellen.";
        assert_eq!(find("\"ist\" … \"schriftlich\"", t), ["ist innerhalb eines Monats schriftlich"]);
        assert!(find("\"ist\" …2 \"schriftlich\"", t).is_empty());
        assert!(find("\"ist\" … \"schriftlich\"", "Das ist gut; schriftlich nicht.").is_empty());
        assert!(find("\"ist\" … \"schriftlich\"", "Das ist gut. Schriftlich nicht.").is_empty());
    }

    #[test]
    fn case_rules_and_alternatives_and_optional() {
        assert_eq!(find("exact \"Einschreiben\"", "Einschreiben oder einschreiben"), ["Einschreiben"]);
        assert_eq!(find("\"durch\" (\"Aushang\" | \"Anschlag\")", "durch Aushang oder durch Anschlag"), ["durch Aushang", "durch Anschlag"]);
        assert_eq!(find("\"in\" \"doppelter\"? \"Ausfertigung\"", "in Ausfertigung, in doppelter Ausfertigung"), ["in Ausfertigung", "in doppelter Ausfertigung"]);
        assert_eq!(find("noun \"Antrag\"", "Antrag Antrags Antrages Anträge"), ["Antrag", "Antrags", "Antrages"]);
    }

    #[test]
    #[cfg(feature = "regex-full")]
    fn first_bytes_of_a_regex() {
        let first = |re: &str| {
            let (set, empty) = first_bytes(&regex_syntax::Parser::new().parse(re).unwrap());
            ((0..=255u8).filter(|&b| set.contains(b)).collect::<Vec<u8>>(), empty)
        };
        assert_eq!(first(r"^(?-u:\d)+x"), ((b'0'..=b'9').collect(), false));
        assert_eq!(first(r"^a?b*c"), (vec![b'a', b'b', b'c'], false));
        assert_eq!(first(r"^(?:ab|)"), (vec![b'a'], true));
        // Case folding: „k“ also matches the Kelvin sign, whose UTF-8 starts with 0xE2.
        assert_eq!(first(r"(?i)k").0, vec![b'K', b'k', 0xE2]);
        // Unicode digits start with many bytes, ASCII ones among them.
        let (digits, _) = first(r"\d");
        assert!(digits.contains(&b'7') && !digits.contains(&b'a') && digits.len() > 10);
    }

    #[test]
    fn regex_escape_hatch_ends_on_word_end() {
        assert_eq!(find("re\"\\d+ Tage\"", "binnen 14 Tagen oder 3 Tage"), ["3 Tage"]);
    }
}
