//! The catalogue's words for barriers and for electronic alternatives, for judging pieces of text
//! too short for a rule's conditions.
//!
//! An Änderungsbefehl that replaces the single word „schriftlich“ by „schriftlich oder
//! elektronisch“ hands the checker fragments in which no rule's context is complete. Whether such
//! a change of words removes a barrier or creates one is decided with this vocabulary, and it comes
//! from the catalogue itself, so it cannot drift from the rules:
//!
//! - a fragment names a barrier family if the trigger (`match`) of one of the catalogue's barrier
//!   rules of that family matches in it and none of the rule's exceptions that look at the words
//!   around the match (`unless is`, `before N`, `after N`, `near N`) applies within the fragment:
//!   „ohne Dienstsiegel“, „Unterzeichnung“ or „qualifiziertes elektronisches Siegel“ name no
//!   barrier, because the rules say so. What a rule requires (`when`) and its exceptions for the
//!   whole Absatz or § (`unless within`, `unless` in the scope) are assumed to be met: they lie in
//!   the amended provision, outside the fragment. Barrier rules are those of the eight barrier
//!   families and of `technologie` with a severity above `niedrig`, except those about command
//!   wording (`context amendment`) and those matched by code;
//! - a fragment offers an electronic way if the pattern `@elektronischer-weg` (defined in
//!   `rules/aenderung.dc`: `@elektronisch`, `@ikt`, video conference) matches in it; a rule set
//!   without that definition falls back to `@elektronisch` from the prelude.

use super::ast::{Context, Origin, Pattern, Place};
use super::pattern::{self, Pat, Window};
use super::tokens::{fold, tokenize, Token};
use super::Rule;
use crate::classification::Category;

/// Name of the define that lists electronic ways (`rules/aenderung.dc`).
pub const ELECTRONIC_WAY: &str = "elektronischer-weg";

/// One barrier rule as the vocabulary uses it: its triggers and its exceptions about the words
/// around a match.
#[derive(Debug, Clone)]
struct BarrierWords {
    triggers: Vec<Pat>,
    exceptions: Vec<(Place, Pat)>,
}

/// See the module documentation.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    /// The barrier rules per family, in [`Category`] order.
    barriers: Vec<(Category, Vec<BarrierWords>)>,
    electronic: Option<Pat>,
}

impl Vocabulary {
    pub(crate) fn build(rules: &[Rule], defines: &pattern::Defines) -> Vocabulary {
        let mut barriers: Vec<(Category, Vec<BarrierWords>)> = Vec::new();
        for r in rules {
            let family = r.category.is_barrier_family() || r.category == Category::Technologie;
            if !family || !r.severity.is_barrier() || r.context == Context::Amendment || r.code.is_some() {
                continue;
            }
            // Only these conditions are compiled: the others (a whole sentence or Absatz asked for
            // an electronic way) are most of a rule's, and an amending draft need not compile them.
            let exceptions = r
                .some_conditions(|c| c.negated && matches!(c.place, Place::Is | Place::Before(_) | Place::After(_) | Place::Near(_)))
                .iter()
                .map(|c| (c.place, c.pattern.clone()))
                .collect();
            let words = BarrierWords { triggers: r.trigger_patterns().to_vec(), exceptions };
            match barriers.iter_mut().find(|(c, _)| *c == r.category) {
                Some((_, list)) => list.push(words),
                None => barriers.push((r.category, vec![words])),
            }
        }
        crate::sort::sort_by_key(&mut barriers, |(c, _)| *c);
        let electronic = [ELECTRONIC_WAY, "elektronisch"]
            .iter()
            .find(|name| defines.contains(name))
            .and_then(|name| {
                let define = Pattern::Ref(name.to_string(), Origin { file: String::new(), line: 0, column: 0 });
                pattern::check_refs(&define, defines, 0).ok().map(|()| pattern::compile(&define, defines))
            });
        Vocabulary { barriers, electronic }
    }

    /// The barrier families named in `text`, each once, in [`Category`] order.
    pub fn barriers(&self, text: &str) -> Vec<Category> {
        let words = Words::of(text);
        self.barriers
            .iter()
            .filter(|(_, rules)| {
                rules.iter().any(|r| {
                    r.triggers.iter().any(|p| words.matches(p).any(|m| !r.exceptions.iter().any(|(place, e)| words.excepts(m, *place, e))))
                })
            })
            .map(|(c, _)| *c)
            .collect()
    }

    /// True if `text` offers an electronic way („oder elektronisch“, „in Textform“, „per E-Mail“,
    /// „im Internet“).
    pub fn has_electronic(&self, text: &str) -> bool {
        let words = Words::of(text);
        (0..words.tokens.len()).any(|i| self.electronic_at(&words, i))
    }

    /// True if an electronic word starts at token `i`.
    fn electronic_at(&self, words: &Words, i: usize) -> bool {
        self.electronic.as_ref().is_some_and(|p| p.match_at(&words.window(), i).is_some())
    }
}

/// A fragment split into the words the patterns see.
struct Words<'a> {
    text: &'a str,
    folded: String,
    tokens: Vec<Token>,
}

impl<'a> Words<'a> {
    fn of(text: &'a str) -> Words<'a> {
        let folded = fold(text);
        let tokens = tokenize(text, &folded);
        Words { text, folded, tokens }
    }

    fn window(&self) -> Window<'_> {
        Window { text: self.text, folded: &self.folded, tokens: &self.tokens, lo: 0, hi: self.tokens.len() }
    }

    /// Every match of `p` as a token range, one per start word.
    fn matches<'p>(&'p self, p: &'p Pat) -> impl Iterator<Item = (usize, usize)> + 'p {
        (0..self.tokens.len()).filter_map(move |i| p.match_at(&self.window(), i).map(|end| (i, end)))
    }

    /// Whether an exception pattern is found at its place around the match `(start, end)`, the
    /// way the rule engine looks: at the matched words themselves, or within N words before or
    /// after it in the same clause.
    fn excepts(&self, (start, end): (usize, usize), place: Place, e: &Pat) -> bool {
        let clause = self.tokens[start].clause;
        let (clo, chi) = (
            self.tokens[..start].iter().rposition(|t| t.clause != clause).map_or(0, |i| i + 1),
            self.tokens[end..].iter().position(|t| t.clause != clause).map_or(self.tokens.len(), |i| end + i),
        );
        let (lo, hi) = match place {
            Place::Is => return e.match_at(&Window { lo: start, hi: end, ..self.window() }, start).is_some(),
            Place::Before(n) => (start.saturating_sub(n).max(clo), start),
            Place::After(n) => (end, (end + n).min(chi)),
            Place::Near(n) => (start.saturating_sub(n).max(clo), (end + n).min(chi)),
            Place::Scope | Place::Within(_) => return false,
        };
        let w = Window { lo, hi: hi.max(lo), ..self.window() };
        (lo..hi).any(|i| e.match_at(&w, i).is_some())
    }
}

#[cfg(test)]
mod tests {
    use crate::classification::Category;
    use crate::RuleSet;

    #[test]
    fn barrier_and_electronic_words_of_the_catalogue() {
        let v = RuleSet::builtin().unwrap().vocabulary();
        assert_eq!(v.barriers("schriftlich"), vec![Category::Schriftform]);
        assert_eq!(v.barriers("und mit dem Dienstsiegel zu versehen"), vec![Category::Siegel]);
        assert_eq!(v.barriers("per Telefax,"), vec![Category::Technologie]);
        assert_eq!(v.barriers("durch Aushang im Dienstgebäude der Behörde"), vec![Category::Aushang]);
        // The rules' own exceptions at the matched words: an electronic seal, a negation, the
        // person who signs.
        assert!(v.barriers("oder einem qualifizierten elektronischen Siegel der Behörde").is_empty());
        assert!(v.barriers("ohne Dienstsiegel").is_empty());
        assert!(v.barriers("der Unterzeichner").is_empty());
        assert!(v.has_electronic("schriftlich oder elektronisch"));
        assert!(v.has_electronic("in Textform"));
        assert!(v.has_electronic("oder per Videokonferenz"));
        assert!(v.has_electronic("im Internet"));
        assert!(!v.has_electronic("Schriftform"));
    }
}
