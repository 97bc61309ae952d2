//! Compiled patterns and the matcher that runs them over the words of a text.
//!
//! A pattern is matched at a word position with backtracking: sequences try their elements in
//! order, alternatives in the order written, optional elements first with then without, and gaps
//! from the shortest to the longest — so the first match found is the most compact one. Gaps and
//! every match stay within the token window the caller allows and never cross a clause boundary.

use super::ast::{Element, Origin, Pattern, WordForm};
use super::error::RuleProblem;
use super::tokens::{fold, words, Token};
use regex::Regex;
use std::collections::HashMap;

/// Endings of adjectives and adverbs (schriftlich, -e, -en, -er, -es, -em).
const ADJ_ENDINGS: &[&str] = &["", "e", "en", "er", "es", "em"];
/// Endings of nouns without umlaut change (Antrag, -s, -es, -e, -en, -n, -er, -ern, -ns).
const NOUN_ENDINGS: &[&str] = &["", "s", "es", "e", "en", "n", "er", "ern", "ns"];

#[derive(Debug, Clone)]
pub(crate) struct WordAtom {
    /// Folded words of the literal (several for a phrase like "oder elektronisch").
    parts: Vec<String>,
    /// The literal's words as written, for `exact` matching.
    original: Vec<String>,
    /// Significant punctuation between the literal's words (see [`significant`]).
    seps: Vec<String>,
    form: WordForm,
    exact_case: bool,
}

#[derive(Debug, Clone)]
pub(crate) enum Pat {
    Alt(Vec<Pat>),
    Seq(Vec<Elem>),
    Word(WordAtom),
    Regex(Regex),
}

#[derive(Debug, Clone)]
pub(crate) enum Elem {
    One(Pat),
    Opt(Pat),
    Gap(usize),
}

/// How the automaton's hit for an anchor relates to the word it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum AnchorPos {
    /// The literal starts the word (exact words, prefixes, inflected forms).
    Start,
    /// The literal ends the word (suffixes).
    End,
    /// The literal lies anywhere in the word (infixes).
    Inside,
}

/// A literal that must occur where a pattern can start — what the multi-pattern prefilter looks for.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Anchor {
    pub needle: String,
    pub pos: AnchorPos,
}

/// What does not matter between two words of a phrase: spaces, hyphens and quotation marks.
fn insignificant(c: char) -> bool {
    c.is_whitespace() || matches!(c, '-' | '‐' | '‑' | '„' | '“' | '”' | '"' | '‚' | '‘' | '’' | '\'' | '»' | '«' | '›' | '‹')
}

/// Strips what does not matter between two words of a phrase.
fn significant(sep: &str) -> String {
    sep.chars().filter(|&c| !insignificant(c)).collect()
}

/// `significant(sep) == expected`, without allocating (this runs for every phrase candidate).
fn same_significant(sep: &str, expected: &str) -> bool {
    sep.chars().filter(|&c| !insignificant(c)).eq(expected.chars())
}

/// Compiles a written pattern, resolving `@name` references.
pub(crate) fn compile(p: &Pattern, defines: &HashMap<String, Pattern>, depth: usize) -> Result<Pat, RuleProblem> {
    Ok(match p {
        Pattern::Alt(alts) => Pat::Alt(alts.iter().map(|a| compile(a, defines, depth)).collect::<Result<_, _>>()?),
        Pattern::Seq(elems) => Pat::Seq(
            elems
                .iter()
                .map(|e| {
                    Ok(match e {
                        Element::Atom(p) => Elem::One(compile(p, defines, depth)?),
                        Element::Optional(p) => Elem::Opt(compile(p, defines, depth)?),
                        Element::Gap(n) => Elem::Gap(*n),
                    })
                })
                .collect::<Result<_, RuleProblem>>()?,
        ),
        Pattern::Word { text, form, exact_case } => {
            let spans = words(text);
            let parts = spans.iter().map(|&(s, e)| fold(&text[s..e])).collect();
            let original = spans.iter().map(|&(s, e)| text[s..e].to_string()).collect();
            let seps = spans.windows(2).map(|w| significant(&text[w[0].1..w[1].0])).collect();
            Pat::Word(WordAtom { parts, original, seps, form: form.clone(), exact_case: *exact_case })
        }
        Pattern::Regex { source, exact_case } => {
            let flags = if *exact_case { "" } else { "(?i)" };
            // Anchored at a word start; validity was checked when the file was read.
            Pat::Regex(Regex::new(&format!("^{flags}(?:{source})")).expect("regex checked when parsed"))
        }
        Pattern::Ref(name, origin) => {
            let Some(def) = defines.get(name) else {
                return Err(unknown_ref(name, origin, defines));
            };
            if depth > 16 {
                return Err(RuleProblem { origin: origin.clone(), message: format!("@{name} verweist im Kreis auf sich selbst") });
            }
            compile(def, defines, depth + 1)?
        }
    })
}

fn unknown_ref(name: &str, origin: &Origin, defines: &HashMap<String, Pattern>) -> RuleProblem {
    let mut known: Vec<&str> = defines.keys().map(|k| k.as_str()).collect();
    known.sort();
    RuleProblem {
        origin: origin.clone(),
        message: format!("unbekanntes Muster @{name} (erwartet einen mit `define` festgelegten Namen: {})", known.join(", ")),
    }
}

impl WordAtom {
    fn token_matches(&self, i: usize, tok: &Token, w: &Window) -> bool {
        let (word, lit): (&str, &str) = if self.exact_case {
            (&w.text[tok.start..tok.end], &self.original[i])
        } else {
            (tok.folded(w.folded), &self.parts[i])
        };
        // In a phrase the form applies to the word at the open end: the last word for prefixes
        // and inflections („Bild- und Tonübertragung“*), the first for suffixes.
        let last = self.parts.len() - 1;
        let form = match self.form {
            WordForm::Suffix if i != 0 => WordForm::Exact,
            WordForm::Prefix | WordForm::Adjective | WordForm::Noun if i != last => WordForm::Exact,
            ref f => f.clone(),
        };
        match form {
            WordForm::Exact => word == lit,
            WordForm::Prefix => word.starts_with(lit),
            WordForm::Suffix => word.ends_with(lit),
            WordForm::Infix => word.contains(lit),
            WordForm::Adjective => word.strip_prefix(lit).is_some_and(|rest| ADJ_ENDINGS.contains(&rest)),
            WordForm::Noun => word.strip_prefix(lit).is_some_and(|rest| NOUN_ENDINGS.contains(&rest)),
        }
    }

    fn anchor(&self) -> Anchor {
        let pos = match self.form {
            WordForm::Suffix => AnchorPos::End,
            WordForm::Infix => AnchorPos::Inside,
            _ => AnchorPos::Start,
        };
        Anchor { needle: self.parts[0].clone(), pos }
    }
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
                let n = atom.parts.len();
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
                        if !same_significant(&w.text[prev.end..tok.start], &atom.seps[i - 1]) {
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
                let limit = w.tokens[w.hi - 1].end;
                let Some(m) = re.find(&w.text[start..limit]) else { return false };
                let end = start + m.end();
                // The match must end at a word end.
                match w.tokens[pos..w.hi].iter().position(|t| t.end == end) {
                    Some(j) => k(pos + j + 1),
                    None => false,
                }
            }
            Pat::Alt(alts) => alts.iter().any(|a| a.run(w, pos, k)),
            Pat::Seq(elems) => run_seq(elems, 0, w, pos, k),
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

    /// Substrings of the folded text of which at least one must occur wherever the pattern
    /// matches, or `None` if there is no such guarantee (regular expressions, patterns that can
    /// start with a gap). Lets a condition skip scanning a scope that cannot contain a match.
    pub(crate) fn required_needles(&self) -> Option<Vec<String>> {
        fn collect(p: &Pat, out: &mut Vec<String>) -> bool {
            match p {
                Pat::Word(a) => {
                    out.push(a.anchor().needle);
                    true
                }
                Pat::Regex(_) => false,
                Pat::Alt(alts) => alts.iter().all(|a| collect(a, out)),
                Pat::Seq(elems) => {
                    for e in elems {
                        match e {
                            Elem::One(p) => return collect(p, out),
                            Elem::Opt(p) => {
                                if !collect(p, out) {
                                    return false;
                                }
                            }
                            Elem::Gap(_) => return false,
                        }
                    }
                    false
                }
            }
        }
        let mut out = Vec::new();
        (collect(self, &mut out) && out.iter().all(|n| !n.is_empty())).then_some(out)
    }

    /// Literal words of the pattern, for `digicheck rules triggers`.
    pub(crate) fn literals(&self, out: &mut Vec<String>) {
        match self {
            Pat::Word(a) => {
                let joined = a.original.join(" ");
                if !out.contains(&joined) {
                    out.push(joined);
                }
            }
            Pat::Regex(_) => {}
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

fn run_seq(elems: &[Elem], idx: usize, w: &Window, pos: usize, k: &mut dyn FnMut(usize) -> bool) -> bool {
    let Some(elem) = elems.get(idx) else { return k(pos) };
    match elem {
        Elem::One(p) => p.run(w, pos, &mut |end| run_seq(elems, idx + 1, w, end, k)),
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
        compile(&f.rules[0].triggers[0].0, &HashMap::new(), 0).unwrap()
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
    fn regex_escape_hatch_ends_on_word_end() {
        assert_eq!(find("re\"\\d+ Tage\"", "binnen 14 Tagen oder 3 Tage"), ["3 Tage"]);
    }
}
