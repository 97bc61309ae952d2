//! Words of a text as the rule patterns see them.
//!
//! A word is a maximal run of Unicode letters and digits, so umlauts and ß never split a word and
//! „Schriftführer“ is one word, not „Schrift“ + „führer“ — the trouble with ASCII `\b` in regexes.
//! `§` is a word of its own. Case is folded without changing byte lengths, so offsets into the
//! folded text are offsets into the original.
//!
//! Tokens also carry the clause and sentence they belong to: gaps (`…`) and `near` conditions stay
//! within one clause, so that a pattern never joins words of two different statements. Sentence
//! ends are recognised conservatively (a full stop after a known legal abbreviation, a single
//! letter or a number is not an end); the structure parser's sentence nodes come on top of this.

/// One word of the text: a span, no copy (its folded form is the same span of the folded text).
#[derive(Debug, Clone, Copy)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    /// Index of the clause (text between `;` and sentence ends).
    pub clause: u32,
    /// Index of the sentence.
    pub sentence: u32,
}

impl Token {
    /// The case-folded word, given the folded text of the whole document.
    pub fn folded<'a>(&self, folded: &'a str) -> &'a str {
        &folded[self.start..self.end]
    }
}

/// Lower-cases `text` character by character, keeping a character as it is where its lower-case
/// form has a different UTF-8 length, so that byte offsets stay valid. ASCII is lowered in bulk;
/// only non-ASCII characters are looked at one by one.
pub fn fold(text: &str) -> String {
    let mut out = text.as_bytes().to_vec();
    out.make_ascii_lowercase();
    let mut i = 0;
    while i < out.len() {
        if out[i] < 0x80 {
            i += 1;
            continue;
        }
        let c = text[i..].chars().next().expect("char boundary");
        let n = c.len_utf8();
        if c.is_uppercase() {
            let mut lower = c.to_lowercase();
            if let (Some(l), None) = (lower.next(), lower.next()) {
                if l.len_utf8() == n {
                    l.encode_utf8(&mut out[i..i + n]);
                }
            }
        }
        i += n;
    }
    // Only whole characters were replaced by characters of the same length.
    String::from_utf8(out).expect("folding keeps UTF-8 valid")
}

pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Splits text into words (and `§` signs), with byte offsets.
pub fn words(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if is_word_char(c) {
            if start.is_none() {
                start = Some(i);
            }
        } else {
            if let Some(s) = start.take() {
                out.push((s, i));
            }
            if c == '§' {
                out.push((i, i + c.len_utf8()));
            }
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

/// Abbreviations after which a full stop does not end a sentence (folded).
const ABBREVIATIONS: &[&str] = &[
    "abs", "nr", "nrn", "art", "buchst", "bzw", "vgl", "ggf", "ziff", "lit", "anl", "abschn", "kap", "bgbl",
    "gem", "einschl", "inkl", "evtl", "sog", "usw", "dr", "prof", "st", "ca", "mio", "mrd", "tel", "str",
    "abl", "az", "bd", "gvbl", "rn", "rdnr", "s", "unterabs", "hs", "halbs", "zb", "dh", "uu", "ua",
];

/// Tokenises a text with clause and sentence numbers; `folded` is `fold(text)`.
pub fn tokenize(text: &str, folded: &str) -> Vec<Token> {
    let spans = words(text);
    let mut tokens = Vec::with_capacity(spans.len());
    let mut clause = 0u32;
    let mut sentence = 0u32;
    for (i, &(start, end)) in spans.iter().enumerate() {
        if i > 0 {
            let (pstart, pend) = spans[i - 1];
            let sep = &text[pend..start];
            let prev = &folded[pstart..pend];
            let next_upper = text[start..].chars().next().is_some_and(|c| c.is_uppercase());
            if ends_sentence(sep, prev, next_upper) {
                sentence += 1;
                clause += 1;
            } else if sep.contains(';') {
                clause += 1;
            }
        }
        tokens.push(Token { start, end, clause, sentence });
    }
    tokens
}

fn ends_sentence(sep: &str, prev: &str, next_upper: bool) -> bool {
    let Some(p) = sep.find(['.', '!', '?']) else { return false };
    // Only a stop that directly follows the word counts ("Abs. 2", not "(Abs.) 2" edge cases).
    if !sep[..p].trim().is_empty() && !sep[..p].trim().chars().all(|c| matches!(c, ')' | '"' | '“' | '\'' | '’')) {
        return false;
    }
    let after = &sep[p + 1..];
    if !after.starts_with(char::is_whitespace) && !after.is_empty() {
        // "z.B." and the like, or an ellipsis.
        if !after.starts_with(['"', '“', ')']) {
            return false;
        }
    }
    if sep[p..].starts_with('.') {
        if prev.chars().count() == 1 || ABBREVIATIONS.contains(&prev) {
            return false;
        }
        // An ordinal ("14. Lebensjahr", "1. Januar") unless the line ends there.
        if prev.chars().all(|c| c.is_ascii_digit()) && !after.contains('\n') {
            return false;
        }
    }
    next_upper || after.contains('\n')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn umlauts_and_sharp_s_stay_in_words() {
        let text = "Schriftführer, Straße und Grüße § 3a";
        let folded = fold(text);
        let t = tokenize(text, &folded);
        let w: Vec<&str> = t.iter().map(|t| t.folded(&folded)).collect();
        assert_eq!(w, ["schriftführer", "straße", "und", "grüße", "§", "3a"]);
    }

    #[test]
    fn fold_keeps_offsets() {
        let s = "ÄÖÜ ẞ İstanbul SCHRIFTFORM";
        assert_eq!(fold(s).len(), s.len());
        assert!(fold(s).starts_with("äöü"));
        assert!(fold(s).ends_with("stanbul schriftform"), "İ keeps its form: its lower case is longer");
    }

    #[test]
    fn sentences_respect_abbreviations_and_ordinals() {
        let text = "Nach § 5 Abs. 2 Nr. 1 ist bis zum 14. Lebensjahr zu warten. Die Frist endet; danach nicht.";
        let folded = fold(text);
        let t = tokenize(text, &folded);
        let s: Vec<u32> = t.iter().map(|t| t.sentence).collect();
        let die = t.iter().position(|t| t.folded(&folded) == "die").unwrap();
        assert!(s[..die].iter().all(|&x| x == 0));
        assert!(s[die..].iter().all(|&x| x == 1));
        let danach = t.iter().position(|t| t.folded(&folded) == "danach").unwrap();
        assert_eq!(t[danach].clause, t[die].clause + 1);
    }
}
