//! Runs a compiled rule set over a document: one multi-pattern pass, then conditions only where a
//! trigger hit.
//!
//! 1. **Prefilter.** Every trigger is anchored on its rarest required word literal
//!    ([`Pat::placed_anchors`]); one pass over the words of the case-folded text finds the
//!    anchors ([`Prefilter`]); triggers that start with a regular expression go into one
//!    `RegexSet`. A hit names the triggers to try and the words where their match can start.
//! 2. **Match.** The trigger's full pattern is run at those words ([`super::pattern`]).
//! 3. **Place.** The hit is located in the structure: its node, its part of the draft, its scope
//!    (sentence, Absatz or §). Editorial notes, contents lists and headings are skipped.
//! 4. **Conditions.** `when` and `unless` are checked around the hit or in the scope.
//! 5. **Deduplication.** One finding per rule and place; where findings of the same category
//!    overlap, the most specific wins (see [`select`]).

use super::ast::{Context, Place, Scope};
use super::pattern::{AnchorPos, Pat, PlacedAnchor, Window};
use super::tokens::{ends_sentence, fold, is_word_char, tokenize_with, Token};
use super::{CheckOptions, Rule};
use crate::finding::Finding;
use crate::source::Span;
use crate::structure::{Document, NodeId, NodeKind, Part};
use crate::ac::{self, Searcher};
use aho_corasick::MatchKind;
use crate::re::{Regex, RegexSet};
use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;

/// A trigger to try: rule index and trigger index within the rule.
type TriggerRef = (usize, usize);

/// A trigger a prefilter hit may belong to, and where the trigger's match can start: `.1.0` to
/// `.1.1` tokens before the word of the hit.
type Placed = (TriggerRef, (usize, usize));

/// One literal the prefilter looks for, and the triggers it anchors.
#[derive(Debug, Clone)]
struct AnchorEntry {
    needle: Box<[u8]>,
    refs: Vec<Placed>,
}

/// What a word is compared with to tell whether it starts (or ends) with an anchor's needle,
/// stored in the key table's bucket itself: the needle's first (or last) eight bytes or fewer as
/// a little-endian word and the mask of those bytes. Most words that share a needle's two key
/// bytes differ in the next ones, and buckets of common German prefixes („ge“, „be“, „ver“) hold
/// dozens of needles: scanning them in one array costs a few instructions per needle, where
/// reading each needle's entry in the anchor table was a cache miss (the largest single cost of
/// the prefilter).
#[derive(Debug, Clone, Copy)]
struct Probe {
    bytes: u64,
    mask: u64,
    /// The needle's length, for needles longer than eight bytes (compared in full once the eight
    /// bytes agree) and for word ends (a word shorter than the needle cannot end with it).
    len: u32,
    anchor: u32,
}

impl Probe {
    /// A probe for a needle at the start of a word: its first eight bytes.
    fn start(needle: &[u8], anchor: u32) -> Probe {
        Probe { bytes: head_word(needle), mask: head_mask(needle.len()), len: needle.len() as u32, anchor }
    }

    /// A probe for a needle at the end of a word: its last eight bytes, in the high bytes of the
    /// word, where the last eight bytes of the text up to the word's end put them.
    fn end(needle: &[u8], anchor: u32) -> Probe {
        let k = needle.len().min(8);
        let shift = 8 * (8 - k) as u32;
        let bytes = head_word(&needle[needle.len() - k..]).checked_shl(shift).unwrap_or(0);
        Probe { bytes, mask: u64::MAX.checked_shl(shift).unwrap_or(0), len: needle.len() as u32, anchor }
    }

    /// `word.starts_with(needle)`, given the word's first eight bytes masked to the word
    /// (needles hold no zero byte, so a masked word shorter than the needle never agrees).
    #[inline]
    fn starts<'n>(&self, word: &[u8], word_head: u64, needle: impl FnOnce() -> &'n [u8]) -> bool {
        word_head & self.mask == self.bytes && (self.len <= 8 || word.starts_with(needle()))
    }

    /// `word.ends_with(needle)`, given the eight bytes of the text that end where the word ends.
    #[inline]
    fn ends<'n>(&self, word: &[u8], word_tail: u64, needle: impl FnOnce() -> &'n [u8]) -> bool {
        word.len() >= self.len as usize && word_tail & self.mask == self.bytes && (self.len <= 8 || word.ends_with(needle()))
    }
}

/// The first eight bytes of `bytes` (fewer if it is shorter) as a little-endian word. (A copy of
/// a variable length into a buffer was a `memcpy` call for each word of the text.)
#[inline]
fn head_word(bytes: &[u8]) -> u64 {
    match bytes.first_chunk::<8>() {
        Some(eight) => u64::from_le_bytes(*eight),
        None => bytes.iter().rev().fold(0, |word, &b| word << 8 | u64::from(b)),
    }
}

fn head_mask(len: usize) -> u64 {
    if len >= 8 {
        u64::MAX
    } else {
        (1u64 << (8 * len)) - 1
    }
}

/// Anchors keyed by two bytes of their needle (the first two for word starts, the last two for
/// word ends): a table lookup per word finds the few needles worth comparing.
///
/// The table has two levels, by the key's first byte and then its second: a flat table of all
/// 65,536 keys took 128 KB, of which building it touched some 30 pages at every start of the
/// process; the needles' first bytes are a few dozen letters, so the blocks hold 10–20 KB.
#[derive(Debug, Clone)]
struct KeyTable {
    /// `blocks[a]`: 0 for no needle whose key starts with byte `a`, else the index + 1 of its
    /// block of 256 slots in `slots`.
    blocks: [u16; 256],
    /// `slots[block * 256 + b]`: 0 for no needle with this key, else the bucket's index + 1.
    slots: Vec<u16>,
    buckets: Vec<Bucket>,
}

/// The needles of one key, and which bytes follow the key in them.
///
/// Half the words of a law share their first two bytes with a needle (the buckets of „ge“, „be“,
/// „ve“ hold up to 22), yet few share the next two: bit tests on the third and fourth byte (from
/// the end for word ends) pass most words by without comparing a needle. (A test of the third
/// byte alone let a quarter of all words through to compare eight needles each on average.)
#[derive(Debug, Clone, Default)]
struct Bucket {
    /// Bit `c % 64` set for the third byte `c` of each needle of three bytes; every bit for a
    /// needle of two bytes, which any word with the key may hold.
    third: u64,
    /// Bit [`pair_bit`] set for the third and fourth byte of each needle of four bytes or more.
    pair: [u64; 4],
    probes: Vec<Probe>,
}

/// The bit of a 256-bit set for two bytes of a word (the third and fourth in [`Bucket::pair`], a
/// key in [`AnchorSearch`]): the first byte's low five bits, which tell the letters apart, shifted
/// by three and mixed with the second byte.
#[inline]
fn pair_bit(c: u8, d: u8) -> usize {
    (usize::from(c) << 3 ^ usize::from(d)) & 255
}

impl Bucket {
    /// Whether a word whose third and fourth byte (from the start or the end; 0 where the word
    /// is shorter) are `c` and `d` may hold one of the needles. (Bit 0 of `third` is set only by
    /// a needle of two bytes, or of three ending in a byte 0 modulo 64: no word byte but 0x40 `@`
    /// and 0x80 is, and for those the answer is merely not a no.)
    #[inline]
    fn may_hold(&self, c: u8, d: u8) -> bool {
        let pair = pair_bit(c, d);
        self.third >> (c % 64) & 1 == 1 || self.pair[pair / 64] >> (pair % 64) & 1 == 1
    }
}

impl KeyTable {
    fn new() -> KeyTable {
        KeyTable { blocks: [0; 256], slots: Vec::new(), buckets: Vec::new() }
    }

    fn key(a: u8, b: u8) -> usize {
        usize::from(a) << 8 | usize::from(b)
    }

    /// Adds a needle's probe under its key; `next` are the needle's bytes after the key (from the
    /// end for word ends), in the order a word is read.
    fn insert(&mut self, key: usize, next: &[u8], probe: Probe) {
        let (a, b) = (key >> 8, key & 0xff);
        if self.blocks[a] == 0 {
            self.slots.resize(self.slots.len() + 256, 0);
            self.blocks[a] = u16::try_from(self.slots.len() / 256).expect("at most 256 blocks");
        }
        let slot = (usize::from(self.blocks[a]) - 1) * 256 + b;
        if self.slots[slot] == 0 {
            self.buckets.push(Bucket::default());
            self.slots[slot] = u16::try_from(self.buckets.len()).expect("fewer than 65,535 anchor keys");
        }
        let bucket = &mut self.buckets[usize::from(self.slots[slot]) - 1];
        match *next {
            [] => bucket.third = u64::MAX,
            [c] => bucket.third |= 1 << (c % 64),
            [c, d, ..] => {
                let pair = pair_bit(c, d);
                bucket.pair[pair / 64] |= 1 << (pair % 64);
            }
        }
        bucket.probes.push(probe);
    }

    #[inline]
    fn get(&self, key: usize) -> Option<&Bucket> {
        let block = self.blocks[key >> 8];
        if block == 0 {
            return None;
        }
        match self.slots[(usize::from(block) - 1) * 256 + (key & 0xff)] {
            0 => None,
            slot => Some(&self.buckets[usize::from(slot) - 1]),
        }
    }
}

/// The compiled prefilter of a rule set.
///
/// Most anchors stand at the start of a word (exact words, inflected forms, compounds with the
/// literal as their first part) or at its end (compounds with it as their last part); those are
/// found by looking at each word's first or last two bytes, which costs a few instructions per
/// word where an Aho-Corasick automaton over the whole text cost twenty per byte. Anchors that may
/// stand anywhere inside a word go into a small automaton, regular expressions into a `RegexSet`.
#[derive(Debug, Clone)]
pub(crate) struct Prefilter {
    anchors: Vec<AnchorEntry>,
    starts: KeyTable,
    ends: KeyTable,
    /// Needles of one byte, compared at every word.
    short_starts: Vec<u32>,
    short_ends: Vec<u32>,
    /// Anchors that may stand inside a word, and the automaton that finds them.
    inside: Option<(Searcher, Vec<u32>)>,
    regex_set: Option<RegexSet>,
    /// For each regex of the set: the regex (unanchored) and the triggers it starts.
    regexes: Vec<(Regex, Vec<TriggerRef>)>,
}

/// What a [`Prefilter`] is built from: the literals it looks for, each with the triggers it
/// anchors, and the regular expressions that start triggers. It is a function of the rule files,
/// so the compact catalogue stores it ([`super::compact`]): working it out means compiling the
/// trigger patterns of every rule, which a check otherwise compiles only for the rules the
/// prefilter names.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct PrefilterTable<'a> {
    /// The needles of the anchors one after the other.
    #[serde(borrow)]
    needles: std::borrow::Cow<'a, str>,
    /// Per anchor: where in a word it stands, the length of its needle, the triggers it anchors.
    anchors: Vec<(AnchorPos, u32, Vec<Placed>)>,
    /// The regular expressions that start triggers, as compiled (anchored), with their triggers.
    regexes: Vec<(String, Vec<TriggerRef>)>,
}

impl Prefilter {
    pub(crate) fn build(rules: &[Rule]) -> Prefilter {
        Prefilter::from_table(&Prefilter::table(rules))
    }

    /// The table of a prefilter for `rules`, their triggers compiled.
    pub(crate) fn table(rules: &[Rule]) -> PrefilterTable<'static> {
        let mut index: HashMap<(std::sync::Arc<str>, AnchorPos), usize> = HashMap::new();
        let mut anchors: Vec<(AnchorPos, std::sync::Arc<str>, Vec<Placed>)> = Vec::new();
        let mut regex_index: HashMap<String, usize> = HashMap::new();
        let mut regexes: Vec<(String, Vec<TriggerRef>)> = Vec::new();
        for (ri, rule) in rules.iter().enumerate() {
            for (ti, trig) in rule.trigger_patterns().iter().enumerate() {
                let (mut lits, mut res) = (Vec::new(), Vec::new());
                // Anchored on its rarest required word where the trigger has one, else on what it
                // can start with.
                match trig.placed_anchors() {
                    Some((placed, _)) => lits.extend(placed.into_iter().map(|p| (p.anchor, p.offset))),
                    None => {
                        let mut starts = Vec::new();
                        trig.starts(&mut starts, &mut res);
                        lits.extend(starts.into_iter().map(|a| (a, (0, 0))));
                    }
                }
                for (a, offset) in lits {
                    let slot = *index.entry((a.needle.clone(), a.pos)).or_insert_with(|| {
                        anchors.push((a.pos, a.needle.clone(), Vec::new()));
                        anchors.len() - 1
                    });
                    let placed = ((ri, ti), offset);
                    if !anchors[slot].2.contains(&placed) {
                        anchors[slot].2.push(placed);
                    }
                }
                for re in res {
                    let slot = *regex_index.entry(re.clone()).or_insert_with(|| {
                        regexes.push((re.clone(), Vec::new()));
                        regexes.len() - 1
                    });
                    if !regexes[slot].1.contains(&(ri, ti)) {
                        regexes[slot].1.push((ri, ti));
                    }
                }
            }
        }
        let needles = anchors.iter().map(|(_, needle, _)| &**needle).collect::<String>();
        let anchors = anchors.into_iter().map(|(pos, needle, refs)| (pos, u32::try_from(needle.len()).expect("a needle shorter than 4 GB"), refs)).collect();
        PrefilterTable { needles: needles.into(), anchors, regexes }
    }

    /// The prefilter of a table.
    pub(crate) fn from_table(table: &PrefilterTable<'_>) -> Prefilter {
        let mut at = 0;
        let anchors: Vec<(AnchorPos, AnchorEntry)> = table
            .anchors
            .iter()
            .map(|(pos, len, refs)| {
                let needle = &table.needles.as_bytes()[at..at + *len as usize];
                at += *len as usize;
                (*pos, AnchorEntry { needle: needle.into(), refs: refs.clone() })
            })
            .collect();
        let regexes = &table.regexes;
        let (mut starts, mut ends) = (KeyTable::new(), KeyTable::new());
        let (mut short_starts, mut short_ends, mut inside) = (Vec::new(), Vec::new(), Vec::new());
        for (i, (pos, a)) in anchors.iter().enumerate() {
            let (id, n) = (i as u32, &a.needle);
            match pos {
                AnchorPos::Start if n.len() >= 2 => starts.insert(KeyTable::key(n[0], n[1]), &n[2..n.len().min(4)], Probe::start(n, id)),
                AnchorPos::End if n.len() >= 2 => {
                    let next: Vec<u8> = n[..n.len() - 2].iter().rev().take(2).copied().collect();
                    ends.insert(KeyTable::key(n[n.len() - 2], n[n.len() - 1]), &next, Probe::end(n, id))
                }
                AnchorPos::Start => short_starts.push(id),
                AnchorPos::End => short_ends.push(id),
                AnchorPos::Inside => inside.push(id),
            }
        }
        let inside = (!inside.is_empty()).then(|| {
            let needles: Vec<&[u8]> = inside.iter().map(|&i| &*anchors[i as usize].1.needle).collect();
            let automaton = ac::build(&needles, MatchKind::Standard, false, ac::Kind::Auto);
            (automaton, inside)
        });
        // Unanchored forms of the regexes (the compiled trigger regexes are anchored with `^`).
        let unanchored: Vec<String> = regexes.iter().map(|(r, _)| r.strip_prefix('^').unwrap_or(r).to_string()).collect();
        let regex_set = if unanchored.is_empty() { None } else { Some(RegexSet::new(&unanchored).expect("valid regexes")) };
        let regexes = regexes
            .iter()
            .zip(unanchored)
            .map(|((_, refs), src)| (crate::re::rule_regex(&src).expect("valid regex"), refs.clone()))
            .collect();
        let anchors = anchors.into_iter().map(|(_, a)| a).collect();
        Prefilter { anchors, starts, ends, short_starts, short_ends, inside, regex_set, regexes }
    }

    /// Calls `hit(anchor)` for each anchor of the key tables that the word at bytes `at..end` of
    /// the folded text `bytes` starts or ends with.
    #[inline]
    fn anchor_hits(&self, bytes: &[u8], word: &[u8], at: usize, end: usize, mut hit: impl FnMut(u32)) {
        if let [a, b, rest @ ..] = word {
            let (third, fourth) = (rest.first().copied().unwrap_or(0), rest.get(1).copied().unwrap_or(0));
            if let Some(bucket) = self.starts.get(KeyTable::key(*a, *b)).filter(|b| b.may_hold(third, fourth)) {
                // Eight bytes of the text from the word's start, masked to the word: one load for
                // the short words that most are.
                let word_head = match bytes.get(at..at + 8) {
                    Some(eight) => u64::from_le_bytes(eight.try_into().expect("eight bytes")) & head_mask(word.len()),
                    None => head_word(word),
                };
                for p in &bucket.probes {
                    if p.starts(word, word_head, || &self.anchors[p.anchor as usize].needle) {
                        hit(p.anchor);
                    }
                }
            }
        }
        if let [rest @ .., a, b] = word {
            let (third, fourth) = match rest {
                [.., d, c] => (*c, *d),
                [c] => (*c, 0),
                [] => (0, 0),
            };
            if let Some(bucket) = self.ends.get(KeyTable::key(*a, *b)).filter(|b| b.may_hold(third, fourth)) {
                // The eight bytes of the text that end where the word ends (the needle's last bytes
                // are compared in the high bytes of this word).
                let word_tail = match end.checked_sub(8).and_then(|from| bytes.get(from..end)) {
                    Some(eight) => u64::from_le_bytes(eight.try_into().expect("eight bytes")),
                    None => {
                        let k = word.len().min(8);
                        head_word(&word[word.len() - k..]) << (8 * (8 - k))
                    }
                };
                for p in &bucket.probes {
                    if p.ends(word, word_tail, || &self.anchors[p.anchor as usize].needle) {
                        hit(p.anchor);
                    }
                }
            }
        }
    }

    /// Calls `hit(anchor)` for each anchor that the word at bytes `at..end` of the folded text
    /// `bytes` starts or ends with: the anchors of the key tables and the short ones.
    #[inline]
    fn word_hits(&self, bytes: &[u8], at: usize, end: usize, mut hit: impl FnMut(u32)) {
        let word = &bytes[at..end];
        self.anchor_hits(bytes, word, at, end, &mut hit);
        for &id in &self.short_starts {
            if word.starts_with(&self.anchors[id as usize].needle) {
                hit(id);
            }
        }
        for &id in &self.short_ends {
            if word.ends_with(&self.anchors[id as usize].needle) {
                hit(id);
            }
        }
    }

    /// Tokenises a text as [`tokenize`] does, and finds the anchors its words start or end with
    /// ([`Prefilter::word_hits`]) on the way: `(anchor, token)` pairs in text order. Without
    /// needles of one byte (the built-in rules have none) only the key tables are asked: the
    /// two tests for them at every word were some eight instructions a word.
    fn tokenize(&self, text: &str, folded: &str) -> (Vec<Token>, Vec<(u32, usize)>) {
        let bytes = folded.as_bytes();
        let mut hits = Vec::new();
        let tokens = if self.short_starts.is_empty() && self.short_ends.is_empty() {
            tokenize_with(text, folded, |t, start, end| self.anchor_hits(bytes, &bytes[start..end], start, end, |anchor| hits.push((anchor, t))))
        } else {
            tokenize_with(text, folded, |t, start, end| self.word_hits(bytes, start, end, |anchor| hits.push((anchor, t))))
        };
        (tokens, hits)
    }

    /// Candidate (trigger, token) pairs in a text, each once, in text order, given the anchors its
    /// words start or end with ([`Prefilter::tokenize`]), for the rules `runs` accepts (by index).
    /// `text` and `folded` may be a window of the document starting at byte `base`; token offsets
    /// are absolute.
    ///
    /// The prefilter is built over every rule of the set, but a default check runs only some of
    /// them: on every tenth federal law 23,000 of 55,000 candidates were of rules it does not run,
    /// each sorted with the others and passed over one by one in [`check`].
    fn candidates(
        &self,
        text: &str,
        folded: &str,
        tokens: &[Token],
        base: usize,
        word_hits: &[(u32, usize)],
        runs: impl Fn(usize) -> bool,
    ) -> Vec<(TriggerRef, usize)> {
        let mut out = Vec::new();
        let hit = |anchor: u32, t: usize, out: &mut Vec<(TriggerRef, usize)>| {
            for &(r, offset) in &self.anchors[anchor as usize].refs {
                if runs(r.0) {
                    out.extend(starts_for(t, offset).map(|p| (r, p)));
                }
            }
        };
        for &(anchor, t) in word_hits {
            hit(anchor, t, &mut out);
        }
        if let Some((automaton, ids)) = &self.inside {
            automaton.for_each(folded.as_bytes(), true, &mut |m| {
                let id = ids[m.pattern().as_usize()];
                if let Some(t) = anchor_token(tokens, m.start() + base, m.end() + base, AnchorPos::Inside) {
                    hit(id, t, &mut out);
                }
            });
        }
        if let Some(set) = &self.regex_set {
            for i in set.matches(text) {
                let (re, refs) = &self.regexes[i];
                for m in re.find_iter(text) {
                    if let Ok(t) = tokens.binary_search_by_key(&(m.start() + base), |t| t.start) {
                        out.extend(refs.iter().filter(|r| runs(r.0)).map(|&r| (r, t)));
                    }
                }
            }
        }
        // Each (trigger, word) once, in text order.
        out.sort_unstable_by_key(|&(r, t)| (t, r));
        out.dedup();
        out
    }
}

/// The text with the window case-folded ([`fold`]) and the rest as it is: a check reads the
/// folded text only inside its window, and an editor re-checking one provision of a long draft
/// should not fold the whole draft each time.
fn fold_window(text: &str, window: Span) -> String {
    if window.start == 0 && window.end == text.len() {
        return fold(text);
    }
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..window.start]);
    out.push_str(&fold(&text[window.range()]));
    out.push_str(&text[window.end..]);
    out
}

/// The smallest span around `region` whose ends are sentence boundaries as the tokeniser sees
/// them (or the ends of the text), widened by whole lines.
pub(crate) fn sentence_window(text: &str, region: Span) -> Span {
    widen(text, region, &mut |at| boundary_at(text, at))
}

/// [`sentence_window`] of each of `regions`. Neighbouring regions look at the same line starts
/// (the end of one is the start of the next), so each line start is judged once.
pub(crate) fn sentence_windows(text: &str, regions: &[Span]) -> Vec<Span> {
    let mut judged: HashMap<usize, bool, BuildHasherDefault<OffsetHasher>> =
        HashMap::with_capacity_and_hasher(regions.len() * 2, BuildHasherDefault::default());
    let mut boundary = |at: usize| {
        // A line end and the line start after it are the same boundary: the line break is no word
        // character, so the words on either side are the same.
        let key = if text.as_bytes().get(at) == Some(&b'\n') { at + 1 } else { at };
        *judged.entry(key).or_insert_with(|| boundary_at(text, at))
    };
    regions.iter().map(|&r| widen(text, r, &mut boundary)).collect()
}

/// Hashes a byte offset with one multiplication: the memo of [`sentence_windows`] is looked up
/// a few times per region on every keystroke, and SipHash was a third of its cost.
#[derive(Default)]
struct OffsetHasher(u64);

impl std::hash::Hasher for OffsetHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01B3);
        }
    }

    fn write_usize(&mut self, n: usize) {
        self.0 = (n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

fn widen(text: &str, region: Span, boundary: &mut impl FnMut(usize) -> bool) -> Span {
    let mut start = line_start(text, region.start.min(text.len()));
    while start > 0 && !boundary(start) {
        start = line_start(text, start - 1);
    }
    let mut end = line_end(text, region.end.min(text.len()));
    while end < text.len() && !boundary(end) {
        end = line_end(text, end + 1);
    }
    Span::new(start, end)
}

fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

fn line_end(text: &str, at: usize) -> usize {
    text[at..].find('\n').map_or(text.len(), |i| at + i)
}

/// True if the tokeniser would start a new sentence with the first word at or after `at`, given
/// the last word before it (no word before or after: a boundary).
fn boundary_at(text: &str, at: usize) -> bool {
    let before = &text[..at];
    let Some(prev_end) = before.char_indices().rev().find(|&(_, c)| is_word_char(c) || c == '§').map(|(i, c)| i + c.len_utf8())
    else {
        return true;
    };
    let Some(next_start) = text[at..].char_indices().find(|&(_, c)| is_word_char(c) || c == '§').map(|(i, _)| at + i) else {
        return true;
    };
    // Without a stop between the words there is no boundary (`ends_sentence`'s first test); most
    // line starts are inside a sentence, and this spares folding the word before.
    if !text.as_bytes()[prev_end..next_start].iter().any(|b| matches!(b, b'.' | b'!' | b'?')) {
        return false;
    }
    let prev_start = before[..prev_end]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_word_char(c))
        .last()
        .map_or(prev_end - '§'.len_utf8(), |(i, _)| i);
    let next_upper = text[next_start..].chars().next().is_some_and(|c| c.is_uppercase());
    let word = &text[prev_start..prev_end];
    // An ASCII word folds to its lower case; short ones are folded on the stack.
    let mut buf = [0u8; 32];
    let owned;
    let prev = if word.len() <= buf.len() && word.is_ascii() {
        let b = &mut buf[..word.len()];
        b.copy_from_slice(word.as_bytes());
        b.make_ascii_lowercase();
        std::str::from_utf8(b).expect("ASCII stays UTF-8")
    } else {
        owned = fold(word);
        owned.as_str()
    };
    ends_sentence(&text[prev_end..next_start], prev, next_upper)
}

fn token_containing(tokens: &[Token], offset: usize) -> Option<usize> {
    let i = tokens.partition_point(|t| t.end <= offset);
    (i < tokens.len() && tokens[i].start <= offset).then_some(i)
}

/// The token an anchor literal found at bytes `start..end` belongs to, if it stands there the
/// way the anchor requires (at the start of a word, at its end, or inside it).
fn anchor_token(tokens: &[Token], start: usize, end: usize, pos: AnchorPos) -> Option<usize> {
    match pos {
        AnchorPos::Start => tokens.binary_search_by_key(&start, |t| t.start).ok(),
        AnchorPos::End => tokens.binary_search_by_key(&end, |t| t.end).ok(),
        AnchorPos::Inside => token_containing(tokens, start).filter(|&i| tokens[i].end >= end),
    }
}

/// The tokens where a match can start whose anchor word is token `t`, the anchor standing
/// `offset.0..=offset.1` tokens after the match's first word.
fn starts_for(t: usize, offset: (usize, usize)) -> std::ops::Range<usize> {
    match t.checked_sub(offset.0) {
        Some(last) => t.saturating_sub(offset.1)..last + 1,
        None => 0..0,
    }
}

/// The anchors of a condition's pattern with a substring searcher each, so that a condition on a
/// whole Absatz finds the few places worth trying instead of trying the pattern at every word.
/// (`memmem` searchers cost little to build; an Aho-Corasick automaton per condition made the
/// catalogue's start-up twice as expensive as checking a law.)
///
/// A pattern with many alternatives (the authorities, the persons concerned, the words of an exam
/// regulation) would need one pass over the window per anchor, and a window of a few words (a
/// condition `before 1`, `near 6`) costs each `memmem` search more to start than to run: there the
/// words of the window are walked once instead and looked up by their first or last two bytes,
/// as the prefilter does ([`AnchorSearch::walks`] weighs the two).
#[derive(Debug, Clone)]
pub(crate) struct AnchorSearch {
    anchors: Vec<PlacedAnchor>,
    /// `(key, anchor index)` sorted by key, for the anchors at the start and at the end of a word
    /// with needles of two bytes or more (the walked anchors); the rest are always searched with
    /// `memmem`.
    by_start: Vec<(u16, u32)>,
    by_end: Vec<(u16, u32)>,
    /// Bit [`pair_bit`] of the key of each entry of `by_start` and `by_end`: most words of a
    /// window have no anchor's key, and one bit test passes them by without the two binary
    /// searches of [`keyed`].
    start_keys: [u64; 4],
    end_keys: [u64; 4],
    /// The anchors no walk finds (inside a word, or of one byte), with their finders.
    searched: Vec<(u32, memchr::memmem::Finder<'static>)>,
    /// The finders of the walked anchors, for windows where one `memmem` pass per anchor is
    /// cheaper than the walk; built when first needed (a finder is large and costly to build,
    /// and conditions with many anchors or on few words never need them).
    walked_finders: std::sync::OnceLock<Box<[(u32, memchr::memmem::Finder<'static>)]>>,
    /// How many anchors a walk finds.
    walked: usize,
}

/// How a condition's pattern is found in its place ([`Search`]), worked out when first needed.
#[derive(Debug, Clone, Default)]
pub(crate) struct LazySearch(std::sync::OnceLock<Search>);

/// How a condition's pattern is found in its place.
#[derive(Debug, Clone)]
enum Search {
    /// Where the anchors of the pattern ([`Pat::anchor_search`]) allow.
    Anchored(std::sync::Arc<AnchorSearch>),
    /// An alternative of which only some parts have anchors: the others start with a regular
    /// expression („schriftlich“ words or `re"schriftliche[nrsm]? \p{Lu}…"`). Without anchors
    /// for the whole, every part was tried at every word of the window; the parts with anchors
    /// are tried where their anchors allow and only the others at every word. The pattern matches
    /// at some word if and only if one of its parts does.
    Split { anchored: Pat, search: std::sync::Arc<AnchorSearch>, rest: Pat },
    /// At every word ([`Pat::matches_anywhere`]).
    Every,
}

impl LazySearch {
    /// The search for `pat`, the pattern it belongs to.
    fn get(&self, pat: &Pat) -> &Search {
        self.0.get_or_init(|| match pat.anchor_search() {
            Some(search) => Search::Anchored(search),
            None => match pat.split_by_anchors() {
                Some((anchored, rest)) => match anchored.anchor_search() {
                    Some(search) => Search::Split { anchored, search, rest },
                    None => Search::Every,
                },
                None => Search::Every,
            },
        })
    }
}

/// From how many walked anchors walking the words once beats one `memmem` pass per anchor
/// whatever the window.
const WALK_FROM: usize = 12;

/// Rough instruction counts for [`AnchorSearch::walks`]: looking at one word in a walk, starting
/// a `memmem` search, and one word's bytes in a `memmem` search. Only their ratios matter; they
/// were tuned with callgrind on every tenth federal law (a start cost of 80 to 600 moved the
/// total by 0.4 %, the lowest was best).
const WALK_PER_WORD: usize = 20;
const MEMMEM_START: usize = 80;
const MEMMEM_PER_WORD: usize = 3;

fn key2(a: u8, b: u8) -> u16 {
    u16::from(a) << 8 | u16::from(b)
}

/// Whether bit [`pair_bit`]`(a, b)` is set in `set`.
#[inline]
fn has_pair(set: &[u64; 4], a: u8, b: u8) -> bool {
    let bit = pair_bit(a, b);
    set[bit / 64] >> (bit % 64) & 1 == 1
}

/// The entries of a table sorted by key that have `key`.
fn keyed(table: &[(u16, u32)], key: u16) -> &[(u16, u32)] {
    let from = table.partition_point(|&(k, _)| k < key);
    let to = from + table[from..].partition_point(|&(k, _)| k == key);
    &table[from..to]
}

/// A `memmem` finder for anchor `i`.
fn finder(i: usize, a: &PlacedAnchor) -> (u32, memchr::memmem::Finder<'static>) {
    (i as u32, memchr::memmem::Finder::new(a.anchor.needle.as_bytes()).into_owned())
}

/// Whether a walk finds `a`: it stands at the start or the end of a word and has two bytes or
/// more.
fn walkable(a: &PlacedAnchor) -> bool {
    a.anchor.needle.len() >= 2 && matches!(a.anchor.pos, AnchorPos::Start | AnchorPos::End)
}

impl AnchorSearch {
    pub(crate) fn new(anchors: Vec<PlacedAnchor>) -> AnchorSearch {
        // A finder takes 250 bytes, and most conditions search for one or two anchors: a vector
        // grown by `push` holds four (a one-page check as a process wasted 130 KB of heap on them).
        let mut searched = Vec::with_capacity(anchors.iter().filter(|a| !walkable(a)).count());
        let (mut by_start, mut by_end) = (Vec::new(), Vec::new());
        for (i, a) in anchors.iter().enumerate() {
            let n = a.anchor.needle.as_bytes();
            match a.anchor.pos {
                _ if !walkable(a) => searched.push(finder(i, a)),
                AnchorPos::Start => by_start.push((key2(n[0], n[1]), i as u32)),
                _ => by_end.push((key2(n[n.len() - 2], n[n.len() - 1]), i as u32)),
            }
        }
        let walked = by_start.len() + by_end.len();
        // By key through the shared sort (one copy of the sort code less in the WebAssembly
        // module): the indices were pushed in increasing order, so a stable sort by key gives
        // the order of the pairs.
        crate::sort::sort_by_key(&mut by_start, |&(k, _)| k);
        crate::sort::sort_by_key(&mut by_end, |&(k, _)| k);
        let key_set = |table: &[(u16, u32)]| {
            let mut set = [0u64; 4];
            for &(key, _) in table {
                let bit = pair_bit((key >> 8) as u8, key as u8);
                set[bit / 64] |= 1 << (bit % 64);
            }
            set
        };
        let (start_keys, end_keys) = (key_set(&by_start), key_set(&by_end));
        AnchorSearch { anchors, by_start, by_end, start_keys, end_keys, searched, walked_finders: std::sync::OnceLock::new(), walked }
    }

    /// Whether the walked anchors are found in a window of `words` words by walking its words
    /// rather than by one `memmem` search each: always for many anchors, and for few anchors in
    /// a window short enough that starting the searches costs more than the walk.
    fn walks(&self, words: usize) -> bool {
        self.walked >= WALK_FROM || words * WALK_PER_WORD < self.walked * (MEMMEM_START + words * MEMMEM_PER_WORD)
    }

    /// Whether `pat` matches at some token of the window. Only the starts that an anchor found
    /// in the window allows are tried; every match lies inside the window's tokens, so its
    /// anchor word is in the window's folded text.
    fn matches_in(&self, pat: &Pat, w: &Window) -> bool {
        if w.hi <= w.lo {
            return false;
        }
        let tokens = &w.tokens[w.lo..w.hi];
        let tries = |t: usize, a: &PlacedAnchor| starts_for(t + w.lo, a.offset).any(|p| p >= w.lo && pat.match_at(w, p).is_some());
        if self.walked > 0 {
            if self.walks(tokens.len()) {
                if self.walk(tokens, w, &tries) {
                    return true;
                }
            } else {
                let finders = self.walked_finders.get_or_init(|| {
                    self.anchors.iter().enumerate().filter(|(_, a)| walkable(a)).map(|(i, a)| finder(i, a)).collect()
                });
                if finders.iter().any(|(i, finder)| self.search(&self.anchors[*i as usize], finder, tokens, w, &tries)) {
                    return true;
                }
            }
        }
        self.searched.iter().any(|(i, finder)| self.search(&self.anchors[*i as usize], finder, tokens, w, &tries))
    }

    /// Walks the words of the window and tries the walked anchors each starts or ends with.
    fn walk(&self, tokens: &[Token], w: &Window, tries: &impl Fn(usize, &PlacedAnchor) -> bool) -> bool {
        let bytes = w.folded.as_bytes();
        for (t, tok) in tokens.iter().enumerate() {
            let word = &bytes[tok.start..tok.end];
            if let [a, b, ..] = *word {
                let entries = if has_pair(&self.start_keys, a, b) { keyed(&self.by_start, key2(a, b)) } else { &[] };
                for &(_, i) in entries {
                    let a = &self.anchors[i as usize];
                    if word.starts_with(a.anchor.needle.as_bytes()) && tries(t, a) {
                        return true;
                    }
                }
            }
            if let [.., a, b] = *word {
                let entries = if has_pair(&self.end_keys, a, b) { keyed(&self.by_end, key2(a, b)) } else { &[] };
                for &(_, i) in entries {
                    let a = &self.anchors[i as usize];
                    if word.ends_with(a.anchor.needle.as_bytes()) && tries(t, a) {
                        return true;
                    }
                }
            }
        }
        false
    }

    /// Searches the window for anchor `a` with its `memmem` finder.
    fn search(&self, a: &PlacedAnchor, finder: &memchr::memmem::Finder, tokens: &[Token], w: &Window, tries: &impl Fn(usize, &PlacedAnchor) -> bool) -> bool {
        let base = tokens[0].start;
        let bytes = &w.folded.as_bytes()[base..tokens[tokens.len() - 1].end];
        let len = a.anchor.needle.len();
        // Overlapping occurrences count: a suffix anchor („aba“ in „ababa“) can stand only at
        // the later one.
        let mut from = 0;
        while let Some(k) = finder.find(&bytes[from..]) {
            let at = base + from + k;
            from += k + 1;
            if anchor_token(tokens, at, at + len, a.anchor.pos).is_some_and(|t| tries(t, a)) {
                return true;
            }
        }
        false
    }
}

/// Results of scope conditions by (first token, end token, condition class).
type ScopeResults = HashMap<(usize, usize, usize), bool, BuildHasherDefault<TripleHasher>>;

/// Hashes the three numbers of a scope-result key with a multiply and rotate each: the cache is
/// consulted for every scope condition of every candidate, and SipHash was a visible part of that.
#[derive(Default)]
struct TripleHasher(u64);

impl std::hash::Hasher for TripleHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }

    fn write_usize(&mut self, n: usize) {
        self.0 = (self.0.rotate_left(29) ^ n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// A finding before deduplication, with what selection needs.
struct Candidate {
    finding: Finding,
    priority: i32,
}

/// Which rules of a set a check runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Selection<'a> {
    /// The rules of the default check (not `default off`).
    Default,
    /// The default rules and these rules on request (indices into the set).
    DefaultAnd(&'a [usize]),
    /// Only the rules marked `default off` (analysis on request).
    Optional,
    /// One rule alone, whatever its default: what its examples are judged by.
    One(usize),
    /// Every rule, default or not: the check a user asks for with all rules on.
    All,
}

impl Selection<'_> {
    fn runs(self, index: usize, rule: &Rule) -> bool {
        match self {
            Selection::Default => rule.default_on,
            Selection::DefaultAnd(extra) => rule.default_on || extra.contains(&index),
            Selection::Optional => !rule.default_on,
            Selection::One(i) => i == index,
            Selection::All => true,
        }
    }
}

/// Checks a document with the selected rules; with a `region`, only matches that start inside it
/// are reported (see [`super::RuleSet::check_region`]).
pub(crate) fn check(
    rules: &[Rule],
    prefilter: &Prefilter,
    doc: &Document,
    options: &CheckOptions,
    selection: Selection<'_>,
    region: Option<Span>,
) -> Vec<Finding> {
    let text = doc.text();
    // Words are tokenised in a window around the region that starts and ends at sentence
    // boundaries: clauses, sentences and amendment quotes never cross one, so every condition sees
    // the same tokens as in a check of the whole text. Token offsets stay absolute, and so do
    // offsets into the folded text, which is folded inside the window.
    let window = match region {
        Some(r) => sentence_window(text, r),
        None => Span::new(0, text.len()),
    };
    let slice = &text[window.range()];
    let folded = fold_window(text, window);
    let (mut tokens, word_hits) = prefilter.tokenize(slice, &folded[window.range()]);
    if window.start > 0 {
        for t in &mut tokens {
            t.start += window.start;
            t.end += window.start;
        }
    }
    let region = region.unwrap_or(window);
    let mut out: Vec<Candidate> = Vec::new();
    let mut taken: HashSet<(usize, usize, usize)> = HashSet::new();
    let full = Window { text, folded: &folded, tokens: &tokens, lo: 0, hi: tokens.len() };
    let scope_results: RefCell<ScopeResults> = RefCell::new(HashMap::default());
    let memo = Memo::default();
    let runs = |ri: usize| selection.runs(ri, &rules[ri]);
    for ((ri, ti), tok) in prefilter.candidates(slice, &folded[window.range()], &tokens, window.start, &word_hits, runs) {
        crate::deadline::check();
        if !(region.start <= tokens[tok].start && tokens[tok].start < region.end) {
            continue;
        }
        let rule = &rules[ri];
        let Some(end) = rule.trigger_patterns()[ti].match_at(&full, tok) else { continue };
        let span = Span::new(tokens[tok].start, tokens[end - 1].end);
        let node = doc.node_at(span.start);
        if doc.is_non_normative(node) {
            continue;
        }
        let part = doc.part_of(node);
        if !rule.parts.contains(&part) || (part != Part::Gesetzestext && !options.include_begruendung) {
            continue;
        }
        if rule.context == Context::Amendment && !in_amendment_quote(text, &tokens, tok) {
            continue;
        }
        let hit = Hit { doc, folded: &folded, tokens: &tokens, node, start: tok, end, scope_results: &scope_results, memo: &memo };
        let checks = rule.checks();
        if !checks.conditions.iter().all(|c| c.negated != hit.holds(rule.scope, c)) {
            continue;
        }
        // One finding per rule and matched place.
        if !taken.insert((ri, span.start, span.end)) {
            continue;
        }
        // The first wording whose conditions hold where the words stand; none if none fits.
        let fix = checks.fix_conditions.iter().position(|conds| conds.iter().all(|c| c.negated != hit.holds(rule.scope, c)));
        out.push(Candidate { finding: rule.finding(doc, span, part, options.law(), fix), priority: rule.priority });
    }
    select(out)
}

/// Where a trigger matched, for checking conditions.
struct Hit<'a> {
    doc: &'a Document,
    folded: &'a str,
    tokens: &'a [Token],
    node: NodeId,
    /// Matched tokens `start..end`.
    start: usize,
    end: usize,
    /// Results of scope conditions, by `(first token, end token, condition)`: a condition on a
    /// whole Absatz or § does not depend on where in it the match lies, and without this every
    /// match in an Absatz with thousands of list items would search the whole Absatz again
    /// (quadratic time; found by the hostile batch test).
    scope_results: &'a RefCell<ScopeResults>,
    memo: &'a Memo,
}

/// The token runs last asked for in a check. The matches of a text come in order, so the next one
/// mostly lies in the same clause, sentence and scope unit, and its conditions ask for them again
/// and again: finding a scope unit and two binary searches over all tokens were some 600
/// instructions each time, the two searches for a clause or sentence some 280.
#[derive(Default)]
struct Memo {
    /// Per scope kind: the node and the tokens of its scope unit.
    scope: [Cell<Option<(NodeId, usize, usize)>>; 3],
    /// The clause and the sentence (their numbers) and their tokens.
    clause: Cell<Option<(u32, usize, usize)>>,
    sentence: Cell<Option<(u32, usize, usize)>>,
}

/// [`run_of`] for `id`, from `memo` if it holds the same run.
fn memo_run(memo: &Cell<Option<(u32, usize, usize)>>, tokens: &[Token], id: u32, key: impl Fn(&Token) -> u32) -> (usize, usize) {
    match memo.get() {
        Some((known, first, end)) if known == id => (first, end),
        _ => {
            let (first, end) = run_of(tokens, id, key);
            memo.set(Some((id, first, end)));
            (first, end)
        }
    }
}

/// The tokens of clause or sentence `id` (by `key`), found by binary search: clause and sentence
/// numbers only grow along the tokens, so each is one contiguous run. (Walking to the ends of a
/// clause for every match is quadratic when a text has no punctuation — a PDF page of 50,000 lines
/// without a full stop took over a minute, found by the hostile batch test — and a table of all
/// runs, built once per check, cost more than all the searches of a law together.)
fn run_of(tokens: &[Token], id: u32, key: impl Fn(&Token) -> u32) -> (usize, usize) {
    let first = tokens.partition_point(|t| key(t) < id);
    (first, first + tokens[first..].partition_point(|t| key(t) <= id))
}

impl Hit<'_> {
    fn holds(&self, rule_scope: Scope, cond: &super::CompiledCondition) -> bool {
        let scope = match cond.place {
            Place::Scope => Some(rule_scope),
            Place::Within(s) => Some(s),
            _ => None,
        };
        let Some(scope) = scope else { return self.holds_in(rule_scope, cond) };
        let (lo, hi) = self.scope_tokens(scope);
        let key = (lo, hi, cond.class);
        if let Some(&known) = self.scope_results.borrow().get(&key) {
            return known;
        }
        let result = self.holds_in(rule_scope, cond);
        self.scope_results.borrow_mut().insert(key, result);
        result
    }

    fn holds_in(&self, rule_scope: Scope, cond: &super::CompiledCondition) -> bool {
        let (place, pat) = (cond.place, &cond.pattern);
        let (lo, hi) = match place {
            Place::Scope => self.scope_tokens(rule_scope),
            Place::Within(s) => self.scope_tokens(s),
            Place::Is => (self.start, self.end),
            Place::Near(n) | Place::Before(n) | Place::After(n) => {
                let (clo, chi) = self.clause_tokens();
                let lo = match place {
                    Place::After(_) => self.end,
                    _ => self.start.saturating_sub(n).max(clo),
                };
                let hi = match place {
                    Place::Before(_) => self.start,
                    _ => (self.end + n).min(chi),
                };
                (lo, hi.max(lo))
            }
        };
        let w = Window { text: self.doc.text(), folded: self.folded, tokens: self.tokens, lo, hi };
        let found = |pat: &Pat, search: &LazySearch| match place {
            // A condition at the matched words themselves tries the match's position only.
            Place::Is => pat.match_at(&w, self.start).is_some(),
            _ => match search.get(pat) {
                Search::Anchored(search) => search.matches_in(pat, &w),
                Search::Split { anchored, search, rest } => search.matches_in(anchored, &w) || rest.matches_anywhere(&w),
                Search::Every => pat.matches_anywhere(&w),
            },
        };
        found(pat, &cond.anchors) && !cond.except.as_ref().is_some_and(|(e, anchors)| found(e, anchors))
    }

    /// Tokens of the clause the match starts in.
    fn clause_tokens(&self) -> (usize, usize) {
        let (first, end) = memo_run(&self.memo.clause, self.tokens, self.tokens[self.start].clause, |t| t.clause);
        (first.min(self.start), end.max(self.end))
    }

    /// Tokens of the scope unit around the match.
    fn scope_tokens(&self, scope: Scope) -> (usize, usize) {
        let memo = &self.memo.scope[scope as usize];
        let (mut lo, mut hi) = match memo.get() {
            Some((node, lo, hi)) if node == self.node => (lo, hi),
            _ => {
                let span = scope_span(self.doc, self.node, scope);
                let lo = self.tokens.partition_point(|t| t.start < span.start);
                let hi = self.tokens.partition_point(|t| t.end <= span.end);
                memo.set(Some((self.node, lo, hi)));
                (lo, hi)
            }
        };
        if scope == Scope::Satz {
            // Narrow to the sentence the tokeniser sees (a line may hold several sentences).
            let (first, end) = memo_run(&self.memo.sentence, self.tokens, self.tokens[self.start].sentence, |t| t.sentence);
            lo = lo.max(first);
            if hi > self.end {
                hi = hi.min(end).max(self.end);
            }
        }
        (lo.min(self.start), hi.max(self.end))
    }
}

/// The span of the scope unit around a node: the nearest enclosing Satz / Absatz / §. Where the
/// text has no such unit (a provision without numbered paragraphs, an Artikel of one sentence, a
/// text without structure), the scope is the run of prose units around the node within its
/// container — what a reader would take as the paragraph.
pub(crate) fn scope_span(doc: &Document, node: NodeId, scope: Scope) -> Span {
    let wanted: &[NodeKind] = match scope {
        Scope::Satz => &[NodeKind::Satz],
        Scope::Absatz => &[NodeKind::Absatz, NodeKind::Paragraph],
        Scope::Paragraph => &[NodeKind::Paragraph],
    };
    for kind in wanted {
        if let Some(n) = doc.enclosing(node, *kind) {
            return doc.node(n).span;
        }
    }
    if scope == Scope::Satz {
        return doc.node(node).span;
    }
    if scope == Scope::Absatz {
        if let Some(n) = numbered_provision(doc, node) {
            return doc.node(n).span;
        }
    }
    let top = doc.ancestors(node).take_while(|&n| !doc.node(n).kind.is_container()).last().unwrap_or(node);
    let Some(parent) = doc.parent(top) else { return doc.node(top).span };
    let siblings = &doc.node(parent).children;
    let Some(i) = siblings.iter().position(|&c| c == top) else { return doc.node(top).span };
    let prose = |c: NodeId| {
        matches!(
            doc.node(c).kind,
            NodeKind::Satz | NodeKind::Text | NodeKind::Nummer | NodeKind::Buchstabe | NodeKind::Doppelbuchstabe
        ) && !doc.is_non_normative(c)
    };
    let mut lo = i;
    while lo > 0 && prose(siblings[lo - 1]) {
        lo -= 1;
    }
    let mut hi = i;
    while hi + 1 < siblings.len() && prose(siblings[hi + 1]) {
        hi += 1;
    }
    Span::new(doc.node(siblings[lo]).span.start, doc.node(siblings[hi]).span.end.max(doc.node(top).span.end))
}

/// The innermost Nummer around a node that is a provision of its own — it holds sentences and does
/// not stand inside a sentence — in a text without Absätze or §§. Verwaltungsvorschriften are
/// numbered this way („54.8 Soll die Schwerbehindertenvertretung … einsehen, ist eine schriftliche
/// Vollmacht zu verlangen.“): there each Nummer is what a reader takes as the paragraph, and the run
/// of sibling Nummern is the whole text.
fn numbered_provision(doc: &Document, node: NodeId) -> Option<NodeId> {
    doc.ancestors(node).take_while(|&n| !doc.node(n).kind.is_container()).find(|&n| {
        doc.node(n).kind == NodeKind::Nummer
            && doc.node(n).children.iter().any(|&c| doc.node(c).kind == NodeKind::Satz)
            && doc.parent(n).is_none_or(|p| !matches!(doc.node(p).kind, NodeKind::Satz))
    })
}

/// True if token `tok` lies inside „…“ in a sentence that amends a law.
fn in_amendment_quote(text: &str, tokens: &[Token], tok: usize) -> bool {
    let s = tokens[tok].sentence;
    let first = tokens[..tok].iter().rposition(|t| t.sentence != s).map_or(0, |i| i + 1);
    let last = tokens[tok..].iter().position(|t| t.sentence != s).map_or(tokens.len(), |i| tok + i);
    let sentence = &text[tokens[first].start..tokens[last - 1].end];
    let before = &text[tokens[first].start..tokens[tok].start];
    let open = before.rfind('„');
    let close = before.rfind('“');
    let quoted = matches!((open, close), (Some(o), c) if c.is_none_or(|c| c < o));
    let amends = ["ersetzt", "eingefügt", "gefasst", "angefügt", "gestrichen", "aufgehoben"]
        .iter()
        .any(|v| sentence.contains(v));
    quoted && amends
}

/// Deduplication policy: where findings of the same category overlap, keep the one with the
/// highest rule `priority`, then the longest match (the more specific wording), then the higher
/// severity, then the lower rule id. Findings of different categories are all kept: they name
/// different barriers in the same words. The result is sorted by position.
fn select(mut cands: Vec<Candidate>) -> Vec<Finding> {
    // The shared sort (one copy of the sort code less in the WebAssembly module): the loop below
    // compares each candidate with every finding kept, which costs more than the sort's indirect
    // comparisons.
    crate::sort::sort_by(&mut cands, |a, b| {
        b.priority
            .cmp(&a.priority)
            .then(b.finding.span.len().cmp(&a.finding.span.len()))
            .then(b.finding.severity.cmp(&a.finding.severity))
            .then(a.finding.rule.cmp(&b.finding.rule))
            .then(a.finding.span.start.cmp(&b.finding.span.start))
    });
    let mut kept: Vec<Finding> = Vec::new();
    for c in cands {
        let f = c.finding;
        if kept.iter().any(|k| k.category == f.category && k.span.overlaps(f.span)) {
            continue;
        }
        kept.push(f);
    }
    crate::finding::sort_by_position(&mut kept);
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::tokens::tokenize;
    use proptest::prelude::*;

    /// The (anchor, token) pairs whose word starts or ends with an anchor's needle, every needle
    /// compared with every word: what the key tables, their filters on the next two bytes and the probes
    /// must find.
    fn anchor_hits_by_comparing_all(pf: &Prefilter, folded: &str, tokens: &[Token]) -> Vec<(u32, usize)> {
        let mut out = Vec::new();
        for (t, tok) in tokens.iter().enumerate() {
            let word = tok.folded(folded).as_bytes();
            for (table, at_start) in [(&pf.starts, true), (&pf.ends, false)] {
                for p in table.buckets.iter().flat_map(|b| &b.probes) {
                    let needle = &pf.anchors[p.anchor as usize].needle[..];
                    if if at_start { word.starts_with(needle) } else { word.ends_with(needle) } {
                        out.push((p.anchor, t));
                    }
                }
            }
        }
        out.sort_unstable();
        out
    }

    fn anchor_hits(pf: &Prefilter, folded: &str, tokens: &[Token]) -> Vec<(u32, usize)> {
        let bytes = folded.as_bytes();
        let mut out = Vec::new();
        for (t, tok) in tokens.iter().enumerate() {
            let word = &bytes[tok.start..tok.end];
            pf.anchor_hits(bytes, word, tok.start, tok.end, |anchor| out.push((anchor, t)));
        }
        out.sort_unstable();
        out
    }

    proptest! {
        /// Words made of the needles of the built-in rules, cut and joined with other letters,
        /// at the start and the end of the text (where fewer than eight bytes precede a word).
        #[test]
        fn prefilter_finds_what_comparing_every_needle_finds(
            parts in prop::collection::vec((0usize..1000, 0usize..4, "[a-zäöüß]{0,3}", "[ .,;\n]{1,2}"), 1..40)
        ) {
            let set = crate::rules::RuleSet::builtin().expect("built-in rules");
            let pf = &set.inner.prefilter;
            let needles: Vec<&str> = pf.anchors.iter().map(|a| std::str::from_utf8(&a.needle).expect("UTF-8")).collect();
            let mut text = String::new();
            for (pick, how, other, sep) in &parts {
                let needle = needles[pick % needles.len()];
                match how {
                    0 => text.push_str(needle),
                    1 => { text.push_str(other); text.push_str(needle); }
                    2 => { text.push_str(needle); text.push_str(other); }
                    _ => text.push_str(&needle[..needle.char_indices().nth(needle.chars().count() / 2).map_or(0, |(i, _)| i)]),
                }
                text.push_str(sep);
            }
            let folded = fold(&text);
            let tokens = tokenize(&text, &folded);
            prop_assert_eq!(anchor_hits(pf, &folded, &tokens), anchor_hits_by_comparing_all(pf, &folded, &tokens));
        }
    }

    /// Lines that end sentences, continue them, or end on abbreviations and ordinals.
    const LINES: &[&str] = &[
        "(1) Der Antrag ist schriftlich zu stellen.",
        "Die Behörde kann nach Abs.",
        "2 verlangen, dass",
        "1. der Antrag begründet wird,",
        "am 1.",
        "Januar eingeht;",
        "§ 3 Zuständigkeit",
        "Ä. Über Änderungen entscheidet die Behörde!",
        "",
        "z. B. im Einzelfall?",
        "„Er ist zu begründen.“",
    ];

    proptest! {
        #[test]
        fn windows_of_many_regions_are_the_windows_of_each(
            picks in prop::collection::vec(0..LINES.len(), 1..30),
            cuts in prop::collection::vec(any::<prop::sample::Index>(), 0..12),
        ) {
            let text = picks.iter().map(|&i| LINES[i]).collect::<Vec<_>>().join("\n");
            let mut points: Vec<usize> = cuts.iter().map(|c| c.index(text.len() + 1)).filter(|&p| text.is_char_boundary(p)).collect();
            points.extend([0, text.len()]);
            points.sort_unstable();
            points.dedup();
            let regions: Vec<Span> = points.windows(2).map(|w| Span::new(w[0], w[1])).collect();
            let each: Vec<Span> = regions.iter().map(|&r| sentence_window(&text, r)).collect();
            prop_assert_eq!(sentence_windows(&text, &regions), each);
        }
    }
}
