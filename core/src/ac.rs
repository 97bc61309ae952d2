//! Aho-Corasick automata of the engine, built as one concrete kind and searched without the
//! `AhoCorasick` wrapper.
//!
//! `AhoCorasick` picks its automaton at run time and keeps it behind `Arc<dyn …>`, so every build
//! links all three kinds (noncontiguous NFA, contiguous NFA, DFA) with their search loops and
//! their `Debug` impls (a trait object's table holds them whether or not they are called): 40 KB
//! of the optimised WebAssembly module (907,392 → 867,277 bytes). Here the kind is chosen as
//! `AhoCorasick` chooses it (`AhoCorasickBuilder::build_auto`: a DFA for at most 100 patterns,
//! otherwise a contiguous NFA) or fixed by the caller, and the WebAssembly module builds DFAs only:
//! the lists it searches are small (a DFA is what the automatic choice gives for them), and the
//! fixed word lists, which the CLI keeps as contiguous NFAs because building a DFA costs start-up
//! time, are built once per page there. Every kind finds the same matches for the same match kind
//! (aho-corasick guarantees it), so the choice changes speed and size, never a finding.

use aho_corasick::automaton::Automaton;
use aho_corasick::{dfa, Input, Match, MatchKind};
#[cfg(not(target_arch = "wasm32"))]
use aho_corasick::nfa::contiguous;

/// How a [`Searcher`] is built.
#[derive(Clone, Copy)]
pub(crate) enum Kind {
    /// As `AhoCorasick` would choose.
    Auto,
    /// A contiguous NFA (a DFA in the WebAssembly module).
    ContiguousNfa,
}

/// An automaton of one concrete kind.
#[derive(Clone)]
pub(crate) enum Searcher {
    Dfa(dfa::DFA),
    #[cfg(not(target_arch = "wasm32"))]
    Nfa(contiguous::NFA),
}

impl std::fmt::Debug for Searcher {
    // Not the automaton's own `Debug`, which prints every state (and, in the module, links some
    // kilobytes that nothing shows).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Searcher")
    }
}

/// Builds the automaton of `patterns` (the engine's own lists, whose build does not fail).
pub(crate) fn build(patterns: &[&[u8]], match_kind: MatchKind, ascii_case_insensitive: bool, kind: Kind) -> Searcher {
    let dfa = || dfa::Builder::new().match_kind(match_kind).ascii_case_insensitive(ascii_case_insensitive).build(patterns);
    #[cfg(target_arch = "wasm32")]
    {
        let _ = kind;
        Searcher::Dfa(dfa().expect("fixed patterns form a DFA"))
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let nfa = || {
            Searcher::Nfa(
                contiguous::Builder::new()
                    .match_kind(match_kind)
                    .ascii_case_insensitive(ascii_case_insensitive)
                    .build(patterns)
                    .expect("fixed patterns form a contiguous NFA"),
            )
        };
        match kind {
            Kind::Auto if patterns.len() <= 100 => dfa().map(Searcher::Dfa).unwrap_or_else(|_| nfa()),
            Kind::Auto | Kind::ContiguousNfa => nfa(),
        }
    }
}

impl Searcher {
    /// Whether `haystack` holds a match (as `AhoCorasick::is_match`).
    pub(crate) fn is_match(&self, haystack: &[u8]) -> bool {
        match self {
            Searcher::Dfa(a) => is_match(a, haystack),
            #[cfg(not(target_arch = "wasm32"))]
            Searcher::Nfa(a) => is_match(a, haystack),
        }
    }

    /// Calls `f` with each match in `haystack`, as `AhoCorasick::find_iter` (non-overlapping) or
    /// `find_overlapping_iter` (`overlapping`, standard match kind only) give them.
    pub(crate) fn for_each(&self, haystack: &[u8], overlapping: bool, f: &mut dyn FnMut(Match)) {
        match self {
            Searcher::Dfa(a) => for_each(a, haystack, overlapping, f),
            #[cfg(not(target_arch = "wasm32"))]
            Searcher::Nfa(a) => for_each(a, haystack, overlapping, f),
        }
    }
}

fn is_match<A: Automaton>(a: &A, haystack: &[u8]) -> bool {
    a.try_find(&Input::new(haystack).earliest(true)).expect("an unanchored search does not fail").is_some()
}

fn for_each<A: Automaton>(a: &A, haystack: &[u8], overlapping: bool, f: &mut dyn FnMut(Match)) {
    if overlapping {
        a.try_find_overlapping_iter(Input::new(haystack)).expect("an overlapping search of standard semantics does not fail").for_each(f);
    } else {
        a.try_find_iter(Input::new(haystack)).expect("an unanchored search does not fail").for_each(f);
    }
}
