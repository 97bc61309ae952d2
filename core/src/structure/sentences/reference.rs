//! The splitter as it was before it jumped between candidate bytes: one step per character. Kept
//! as the oracle the differential tests compare [`super::split`] with; not built outside tests.

use super::{ABBREVIATIONS, MONTHS, ORDINAL_CONTEXT};
use crate::source::Span;

/// Splits `span` of `text` into sentence spans (trimmed of surrounding white space).
pub(super) fn split(text: &str, span: Span) -> Vec<Span> {
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
