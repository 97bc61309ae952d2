//! Sentence splitting that counts sentences the way lawyers cite „Satz 2“.
//!
//! A full stop ends a sentence only if it is followed by white space and a capitalised word (or an
//! opening quote or bracket) and the word before it is not a legal abbreviation („Abs.“, „Nr.“,
//! „z. B.“, „BGBl.“), not a single letter („S.“, „d. h.“) and not an ordinal („am 1. Januar“, „des
//! 18. Lebensjahres“). Nothing inside „…“ quotes ends a sentence: quoted new wording in amendment
//! commands belongs to the command's sentence. Where the publisher numbers the sentences with
//! superscript digits (tax law: „(1) ¹Natürliche Personen … ²Zum Inland …“), a stop before such a
//! number always ends the sentence: the number says so.

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
///
/// Only a few bytes can matter: `.`, `!`, `?` and the lead bytes of „ “ (E2) and » « (C2). The loop
/// jumps from one such byte to the next with `memchr` (two searches whose results are kept until
/// passed) instead of decoding every character; everything else is looked at only around a
/// candidate. [`crate::deadline::check`] runs once per candidate, so the work between two checks is
/// a `memchr` scan plus the work of one candidate.
pub fn split(text: &str, span: Span) -> Vec<Span> {
    let mut out = Vec::new();
    split_into(text, span, &mut out);
    out
}

/// [`split`] into a vector the caller keeps, cleared first: the structure builder splits every
/// Absatz of a law, and a new vector for each was one allocation per Absatz.
pub fn split_into(text: &str, span: Span, out: &mut Vec<Span>) {
    out.clear();
    let s = &text[span.range()];
    let bytes = s.as_bytes();
    let mut start = 0;
    let mut depth: u32 = 0;
    // Next position of a stop (`.`, `!`, `?`) and of a possible quote at or after `pos`; `len` when
    // there is none. A quote is found by its second byte — „ and “ are E2 80 9E and E2 80 9C, » and
    // « are C2 BB and C2 AB — and `quote_at` looks at the byte before it: searching for the lead
    // bytes E2 and C2 stopped at every „§“ (C2 A7) and every dash, some seven times as many places
    // as there are quotes in federal law. No quote is missed: each has one of the three bytes second.
    let find_stop = |from: usize| memchr::memchr3(b'.', b'!', b'?', &bytes[from..]).map_or(bytes.len(), |k| from + k);
    let find_lead = |from: usize| {
        bytes.get(from + 1..).and_then(|rest| memchr::memchr3(0x80, 0xBB, 0xAB, rest)).map_or(bytes.len(), |k| from + k)
    };
    let mut next_stop = find_stop(0);
    let mut next_lead = find_lead(0);
    loop {
        let i = next_stop.min(next_lead);
        if i >= bytes.len() {
            break;
        }
        crate::deadline::check();
        if i == next_stop {
            next_stop = find_stop(i + 1);
            if depth > 0 {
                continue;
            }
            let after = i + 1;
            let Some(rest) = new_sentence_at(bytes, after) else { continue };
            if bytes[i] == b'.' && !is_sentence_number(bytes, rest) && !period_ends_sentence(&s[..i], &s[rest..]) {
                continue;
            }
            push_trimmed(out, span.start, s, start, after);
            start = after;
        } else {
            next_lead = find_lead(i + 1);
            match quote_at(bytes, i) {
                Quote::Open => depth += 1,
                Quote::Close(len) if depth > 0 => {
                    depth -= 1;
                    // „… Er ist zu begründen.“ Satz 3 … — a quote that ends with a full stop ends the
                    // sentence of the command only if it started one; commands continue after quotes
                    // („… ersetzt.“ is the usual end), so only a stop directly before the quote counts.
                    let after = i + len;
                    if depth == 0
                        && i > 0
                        && matches!(bytes[i - 1], b'.' | b'!' | b'?')
                        && new_sentence_at(bytes, after).is_some()
                    {
                        push_trimmed(out, span.start, s, start, after);
                        start = after;
                    }
                }
                _ => {}
            }
        }
    }
    push_trimmed(out, span.start, s, start, s.len());
}

enum Quote {
    /// „ or ».
    Open,
    /// “ or «, with its length in bytes.
    Close(usize),
    Other,
}

/// What the character starting at `bytes[i]` (an E2 or C2 lead byte) is for the splitter.
fn quote_at(bytes: &[u8], i: usize) -> Quote {
    match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
        (0xE2, Some(0x80), Some(0x9E)) | (0xC2, Some(0xBB), _) => Quote::Open,
        (0xE2, Some(0x80), Some(0x9C)) => Quote::Close(3),
        (0xC2, Some(0xAB), _) => Quote::Close(2),
        _ => Quote::Other,
    }
}

/// `char::is_whitespace` for an ASCII byte.
fn ascii_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ')
}

/// The character starting at byte `i` of the UTF-8 text `bytes` (`i` on a character boundary).
fn char_at(bytes: &[u8], i: usize) -> char {
    let len = match bytes[i] {
        0x00..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    };
    std::str::from_utf8(&bytes[i..i + len]).ok().and_then(|c| c.chars().next()).expect("char boundary")
}

/// The end of the white space starting at byte `i` (what `str::trim_start` would keep from there).
fn skip_space(bytes: &[u8], mut i: usize) -> usize {
    while let Some(&b) = bytes.get(i) {
        if b < 0x80 {
            if !ascii_space(b) {
                break;
            }
            i += 1;
        } else {
            let c = char_at(bytes, i);
            if !c.is_whitespace() {
                break;
            }
            i += c.len_utf8();
        }
    }
    i
}

/// The start of the white space ending at byte `end`, not before `start` (what `str::trim_end`
/// would keep up to there).
fn skip_space_back(bytes: &[u8], start: usize, mut end: usize) -> usize {
    while end > start {
        let b = bytes[end - 1];
        if b < 0x80 {
            if !ascii_space(b) {
                break;
            }
            end -= 1;
        } else {
            let mut k = end - 1;
            while bytes[k] & 0xC0 == 0x80 {
                k -= 1;
            }
            if !char_at(bytes, k).is_whitespace() {
                break;
            }
            end = k;
        }
    }
    end
}

/// White space at `after`, then something that can begin a sentence: the position of that
/// something.
fn new_sentence_at(bytes: &[u8], after: usize) -> Option<usize> {
    let next = skip_space(bytes, after);
    if next == after {
        return None;
    }
    let &b = bytes.get(next)?;
    let starts = if b < 0x80 {
        b.is_ascii_uppercase() || b.is_ascii_digit() || matches!(b, b'(' | b'"')
    } else {
        let c = char_at(bytes, next);
        c.is_uppercase() || matches!(c, '„' | '§') || is_sentence_number(bytes, next)
    };
    starts.then_some(next)
}

/// A superscript digit at `i` (¹ ² ³ are C2 B9/B2/B3, ⁰ and ⁴–⁹ are E2 81 B0/B4–B9): a sentence
/// number as tax law prints them.
fn is_sentence_number(bytes: &[u8], i: usize) -> bool {
    matches!(
        (bytes.get(i), bytes.get(i + 1), bytes.get(i + 2)),
        (Some(0xC2), Some(0xB9 | 0xB2 | 0xB3), _) | (Some(0xE2), Some(0x81), Some(0xB0 | 0xB4..=0xB9))
    )
}

/// Pushes `s[from..to]` trimmed of white space, unless nothing is left; `base` is the offset of
/// `s` in the whole text.
fn push_trimmed(out: &mut Vec<Span>, base: usize, s: &str, from: usize, to: usize) {
    let bytes = s.as_bytes();
    let start = skip_space(&bytes[..to], from);
    if start < to {
        let end = skip_space_back(bytes, start, to);
        out.push(Span::new(base + start, base + end));
    }
}

/// Whether `word` is in [`ABBREVIATIONS`]. Words of up to seven bytes (all but two) are packed
/// with their length into a `u64` and found by binary search among integers; longer ones are
/// compared directly.
fn is_abbreviation(word: &str) -> bool {
    fn key(w: &[u8]) -> u64 {
        let mut k = [0u8; 8];
        k[..w.len()].copy_from_slice(w);
        k[7] = w.len() as u8;
        u64::from_be_bytes(k)
    }
    static TABLE: std::sync::LazyLock<(Vec<u64>, Vec<&'static str>)> = std::sync::LazyLock::new(|| {
        let mut short: Vec<u64> = ABBREVIATIONS.iter().filter(|w| w.len() <= 7).map(|w| key(w.as_bytes())).collect();
        // The shared sort (equal keys are equal values, so its stable order is the sorted one).
        crate::sort::sort_by(&mut short, u64::cmp);
        let long = ABBREVIATIONS.iter().copied().filter(|w| w.len() > 7).collect();
        (short, long)
    });
    let (short, long) = &*TABLE;
    if word.len() <= 7 {
        short.binary_search(&key(word.as_bytes())).is_ok()
    } else {
        long.contains(&word)
    }
}

/// Decides for a full stop between `before` and `after` (which starts with a capital, digit, quote
/// or bracket) whether it ends the sentence.
fn period_ends_sentence(before: &str, after: &str) -> bool {
    let bytes = before.as_bytes();
    // The word before the stop starts after the last white space, „, (, / or [.
    let mut word_start = bytes.len();
    while word_start > 0 {
        let b = bytes[word_start - 1];
        if b < 0x80 {
            if ascii_space(b) || matches!(b, b'(' | b'/' | b'[') {
                break;
            }
            word_start -= 1;
        } else {
            let mut k = word_start - 1;
            while bytes[k] & 0xC0 == 0x80 {
                k -= 1;
            }
            let c = char_at(bytes, k);
            if c.is_whitespace() || c == '„' {
                break;
            }
            word_start = k;
        }
    }
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
    if is_abbreviation(word) || is_abbreviation(last_part) {
        return false;
    }
    // A single letter.
    let first = word.as_bytes()[0];
    let single_letter = if first < 0x80 {
        word.len() == 1 && first.is_ascii_alphabetic()
    } else {
        let c = char_at(word.as_bytes(), 0);
        c.len_utf8() == word.len() && c.is_alphabetic()
    };
    if single_letter {
        return false;
    }
    // A number: ordinal or citation?
    if word.bytes().all(|b| b.is_ascii_digit()) || is_roman(word) {
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
    !w.is_empty() && w.len() <= 5 && w.bytes().all(|b| matches!(b, b'I' | b'V' | b'X'))
}

#[cfg(test)]
mod reference;

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
    fn abbreviation_lookup_equals_the_list() {
        for w in ABBREVIATIONS {
            assert!(is_abbreviation(w), "{w}");
            for v in [format!("{w}\0"), format!("{w}x"), w[1..].to_string()] {
                assert_eq!(is_abbreviation(&v), ABBREVIATIONS.contains(&v.as_str()), "{v}");
            }
        }
        for w in ["", "\0", "Ab", "Absatz", "NR", "abs", "Doppelbuchstx", "Gesetzb", "geand", "Gesetzbl\0"] {
            assert_eq!(is_abbreviation(w), ABBREVIATIONS.contains(&w), "{w}");
        }
    }

    /// Compares the splitter with the reference on `span` of `text`.
    fn assert_same(text: &str, span: Span) {
        let (new, old) = (split(text, span), reference::split(text, span));
        assert_eq!(new, old, "sentences of {:?}", &text[span.range()]);
    }

    /// Every line and every paragraph (block between blank lines) of every text file of the corpora,
    /// split in place (so spans start anywhere in the file) and as a string of its own, plus every
    /// whole file.
    #[test]
    fn equals_reference_on_corpora() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let dirs = [root.join("../shared/corpus/sample"), root.join("../shared/corpus/amending"), root.join("corpus")];
        let (mut files, mut inputs) = (0, 0);
        for dir in &dirs {
            let mut paths = Vec::new();
            collect_txt(dir, &mut paths);
            if paths.is_empty() {
                assert!(std::env::var_os("CI").is_none(), "{}: no .txt files, but CI is set", dir.display());
                eprintln!("{}: no .txt files, skipped", dir.display());
                continue;
            }
            for path in paths {
                let bytes = std::fs::read(&path).unwrap();
                let text = String::from_utf8_lossy(&bytes);
                files += 1;
                let mut pos = 0;
                for line in text.split_inclusive('\n') {
                    let span = Span::new(pos, pos + line.len());
                    assert_same(&text, span);
                    assert_same(line, Span::new(0, line.len()));
                    pos += line.len();
                    inputs += 2;
                }
                let mut pos = 0;
                for para in text.split("\n\n") {
                    assert_same(&text, Span::new(pos, pos + para.len()));
                    pos += para.len() + 2;
                    inputs += 1;
                }
                assert_same(&text, Span::new(0, text.len()));
                inputs += 1;
            }
        }
        eprintln!("sentences::split equals the reference on {inputs} inputs from {files} files");
    }

    fn collect_txt(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        let mut entries: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                collect_txt(&path, out);
            } else if path.extension().is_some_and(|e| e == "txt") {
                out.push(path);
            }
        }
    }

    const TOKENS: &[&str] = &[
        ".", "!", "?", " ", "  ", "\n", "\t", "\r", "\u{0B}", "„", "“", "»", "«", "\"", "(", ")", "[", "/", ",", "§",
        "Abs", "Nr", "z", "B", "ff", "f", "1", "18", "IV", "XV", "Januar", "März", "der", "Der", "die", "bzw.", "Am",
        "Ä", "É", "ß", "ä", "Σ", "ǅ", "\u{00A0}", "\u{2003}", "\u{3000}", "\u{85}", "\u{2028}", "a", "Z", "geänd",
        "BGB", "Ⅳ", "😀", "–", "‚", "‘", "”", "\u{AD}", "\u{AB}", "\u{BB}", "\u{C2}",
        // Characters with a quote's second byte (80, AB, BB) elsewhere: À, ë, Ż, †, Ā.
        "À", "ë", "Ż", "†", "Ā",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4096))]
        #[test]
        fn equals_reference_on_token_strings(
            picks in proptest::collection::vec(0..TOKENS.len(), 0..60),
            cut in (0usize..1000, 0usize..1000),
        ) {
            let s: String = picks.iter().map(|&k| TOKENS[k]).collect();
            let bounds: Vec<usize> = s.char_indices().map(|(i, _)| i).chain([s.len()]).collect();
            let (a, b) = (bounds[cut.0 % bounds.len()], bounds[cut.1 % bounds.len()]);
            let span = Span::new(a.min(b), a.max(b));
            proptest::prop_assert_eq!(split(&s, span), reference::split(&s, span), "{:?} {:?}", s, span);
            let whole = Span::new(0, s.len());
            proptest::prop_assert_eq!(split(&s, whole), reference::split(&s, whole), "{:?}", s);
        }
    }

    #[test]
    fn lowercase_continuation_is_not_a_new_sentence() {
        assert_eq!(sentences("Die Behörde kann das Verfahren einstellen. wenn nichts anderes gilt").len(), 1);
        assert!(ends_sentence("… zu stellen.“"));
        assert!(!ends_sentence("die Behörde, in deren Bezirk,"));
    }
}
