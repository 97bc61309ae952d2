//! Sentence splitting that counts sentences the way lawyers cite „Satz 2“.
//!
//! A full stop ends a sentence only if it is followed by white space and a capitalised word (or an
//! opening quote or bracket) and the word before it is not a legal abbreviation („Abs.“, „Nr.“,
//! „z. B.“, „BGBl.“), not a single letter („S.“, „d. h.“) and not an ordinal („am 1. Januar“, „des
//! 18. Lebensjahres“). Nothing inside „…“ quotes ends a sentence: quoted new wording in amendment
//! commands belongs to the command's sentence.

use crate::source::Span;

/// Abbreviations after which a full stop does not end a sentence (compared without the dot).
const ABBREVIATIONS: &[&str] = &[
    "Abs", "Nr", "Nrn", "Art", "Artt", "Buchst", "Doppelbuchst", "BGBl", "GVOBl", "GVBl", "vgl", "ggf", "bzw",
    "Ziff", "lit", "Halbs", "Hs", "Var", "Alt", "usw", "etc", "Dr", "Prof", "Anm", "Bd", "Rn", "Rdnr", "Tz", "sog",
    "gem", "geänd", "zul", "insb", "insbes", "einschl", "ausschl", "zzgl", "abzgl", "inkl", "bzgl", "evtl", "max",
    "min", "mind", "ca", "Mio", "Mrd", "Tsd", "Nummer", "Abschn", "Kap", "Anl", "Bek", "Verf", "Ges", "Gesetzbl",
    "Reg", "Bl", "ABl", "RGBl", "StGB", "BT-Drs", "Drs", "Drucks", "Az", "Str", "idF", "mWv", "jew", "Jh", "Jhdt",
    "Tel", "Fax", "u", "o", "a", "i", "z", "d", "v", "S", "St", "Pos", "Abt", "Ref", "Hrsg", "Aufl", "Urt",
    "Beschl", "Nov", "Dez", "Jan", "Feb", "Aug", "Sept", "Okt", "Sep", "Co", "geb", "verh", "led", "gez",
];

const MONTHS: &[&str] = &[
    "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November",
    "Dezember", "Jänner",
];

/// Words after which a number with a dot is an ordinal („des 18. Lebensjahres“, „bis 31. Dezember“).
const ORDINAL_CONTEXT: &[&str] = &[
    "der", "die", "das", "des", "dem", "den", "vom", "zum", "zur", "am", "im", "bis", "ab", "seit", "nach", "vor",
    "zu", "ein", "eine", "einer", "eines", "einem", "einen", "jeder", "jedes", "jeden", "jedem", "spätestens",
    "frühestens", "zwischen", "und", "oder", "bzw.", "Vom", "Am", "Zum",
];

/// True if a text fragment ends like a complete sentence (so a following list or text starts anew).
pub fn ends_sentence(fragment: &str) -> bool {
    let t = fragment.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '“' | '”' | '"' | ')' | '‘'));
    t.ends_with(['.', '!', '?'])
}

/// Splits `span` of `text` into sentence spans (trimmed of surrounding white space).
pub fn split(text: &str, span: Span) -> Vec<Span> {
    let s = &text[span.range()];
    let mut out = Vec::new();
    let mut start = 0;
    let mut depth: u32 = 0;
    for (i, c) in s.char_indices() {
        crate::deadline::check();
        match c {
            '„' | '»' => depth += 1,
            '“' | '«' if depth > 0 => {
                depth -= 1;
                // „… Er ist zu begründen.“ Satz 3 … — a quote that ends with a full stop ends the
                // sentence of the command only if it started one; commands continue after quotes
                // („… ersetzt.“ is the usual end), so only a stop directly before the quote counts.
                let after = i + c.len_utf8();
                if depth == 0 && s[..i].ends_with(['.', '!', '?']) && starts_new_sentence(&s[after..]) {
                    push_trimmed(&mut out, span.start, &s[start..after], start);
                    start = after;
                }
            }
            '.' | '!' | '?' if depth == 0 => {
                let after = i + 1;
                if !starts_new_sentence(&s[after..]) {
                    continue;
                }
                let rest = s[after..].trim_start();
                if rest.is_empty() {
                    continue;
                }
                if c == '.' && !period_ends_sentence(&s[..i], rest) {
                    continue;
                }
                push_trimmed(&mut out, span.start, &s[start..after], start);
                start = after;
            }
            _ => {}
        }
    }
    push_trimmed(&mut out, span.start, &s[start..], start);
    out
}

/// White space, then something that can begin a sentence.
fn starts_new_sentence(after: &str) -> bool {
    if !after.starts_with(char::is_whitespace) {
        return false;
    }
    after
        .trim_start()
        .chars()
        .next()
        .is_some_and(|next| next.is_uppercase() || matches!(next, '„' | '(' | '"' | '§') || next.is_ascii_digit())
}

fn push_trimmed(out: &mut Vec<Span>, base: usize, piece: &str, offset: usize) {
    let lead = piece.len() - piece.trim_start().len();
    let trimmed = piece.trim();
    if !trimmed.is_empty() {
        let start = base + offset + lead;
        out.push(Span::new(start, start + trimmed.len()));
    }
}

/// Decides for a full stop between `before` and `after` (which starts with a capital, digit, quote
/// or bracket) whether it ends the sentence.
fn period_ends_sentence(before: &str, after: &str) -> bool {
    let word_start = before
        .rfind(|c: char| c.is_whitespace() || matches!(c, '(' | '„' | '/' | '['))
        .map_or(0, |i| i + before[i..].chars().next().map_or(1, char::len_utf8));
    let word = &before[word_start..];
    if word.is_empty() {
        return true;
    }
    // Abbreviations, including dotted ones like „z.B“ or „i.V.m“ written without spaces.
    let last_part = word.rsplit('.').next().unwrap_or(word);
    if matches!(word, "ff" | "f") {
        // „§§ 3 ff. BGB“ continues, „nach §§ 3 ff. Der Antrag …“ is a new sentence.
        let next_word = after.split_whitespace().next().unwrap_or("");
        return !next_word.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    }
    if ABBREVIATIONS.contains(&word) || ABBREVIATIONS.contains(&last_part) {
        return false;
    }
    if word.chars().count() == 1 && word.chars().all(char::is_alphabetic) {
        return false;
    }
    // A number: ordinal or citation?
    if word.chars().all(|c| c.is_ascii_digit()) || is_roman(word) {
        let next_word = after.split(|c: char| c.is_whitespace() || c == ',').next().unwrap_or("");
        if MONTHS.contains(&next_word) {
            return false;
        }
        let prev_word = before[..word_start].split_whitespace().next_back().unwrap_or("");
        if ORDINAL_CONTEXT.contains(&prev_word) {
            return false;
        }
        // „Nr. 1. Die …“, „Absatz 2. Der …“: a citation number ends the sentence.
        return true;
    }
    true
}

fn is_roman(w: &str) -> bool {
    !w.is_empty() && w.len() <= 5 && w.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(s: &str) -> Vec<&str> {
        split(s, Span::new(0, s.len())).into_iter().map(|sp| &s[sp.range()]).collect()
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        let s = "Die Frist nach § 5 Abs. 2 Nr. 3 gilt z. B. auch i. V. m. Art. 3 GG. Sie beträgt vgl. BGBl. I S. 5 einen Monat.";
        assert_eq!(sentences(s).len(), 2);
        let s = "Das gilt ggf. bzw. u. a. für Anträge nach §§ 3 ff. Der Antrag ist zu stellen.";
        assert_eq!(sentences(s).len(), 2);
    }

    #[test]
    fn ordinals_and_dates() {
        let s = "Das Gesetz tritt am 1. Januar 2025 in Kraft. Es gilt bis zur Vollendung des 18. Lebensjahres. Danach nicht.";
        assert_eq!(sentences(s).len(), 3);
        let s = "Dies gilt für die Fälle des Absatzes 1 Satz 1 Nr. 2. Die Behörde entscheidet.";
        assert_eq!(sentences(s), vec!["Dies gilt für die Fälle des Absatzes 1 Satz 1 Nr. 2.", "Die Behörde entscheidet."]);
    }

    #[test]
    fn quotes_keep_amendment_commands_whole() {
        let s = "Absatz 2 wird wie folgt gefasst: „(2) Der Antrag ist schriftlich zu stellen. Er ist zu begründen.“ Satz 3 wird aufgehoben.";
        assert_eq!(sentences(s).len(), 2);
    }

    #[test]
    fn lowercase_continuation_is_not_a_new_sentence() {
        assert_eq!(sentences("Die Behörde kann das Verfahren einstellen. wenn nichts anderes gilt").len(), 1);
        assert!(ends_sentence("… zu stellen.“"));
        assert!(!ends_sentence("die Behörde, in deren Bezirk,"));
    }
}
