//! Page furniture inside Änderungsbefehle: running headers, page numbers and footnotes that a
//! printed Drucksache puts between the lines of a command or of its quoted new wording.
//!
//! A Drucksache is printed on pages; where a quote („Nach § 172 wird folgender § 173 eingefügt:
//! „§ 173 …“) runs over a page break, the text as extracted holds the next page's header („- 3 -
//! Drucksache 145/21“), sometimes the footnote of the page before, in the middle of the new
//! wording. Read as it stands, the header becomes part of the law. The rules here are the layout
//! rules of printed parliamentary papers, not of any one document:
//! - a page number stands alone, between dashes („- 3 -“, „– 12 –“);
//! - a running header names the paper („Drucksache 145/21“, „Bundesrat Drucksache 145/21“,
//!   „Deutscher Bundestag – 19. Wahlperiode – 5 – Drucksache 19/30399“, „Abgeordnetenhaus Berlin –
//!   18. Wahlperiode Drucksache 18/3823“), with or without the page number;
//! - a footnote sits at the foot of a page, so it is the line (starting with its mark „*)“, „¹“
//!   or „1)“) right before the next page's header.
//!
//! Text that continues over the break is joined again: a word hyphenated at the page end
//! („Empfangs-“ / „bekenntnis“) becomes one word, a sentence continued in lower case goes on on the
//! same line.
//!
//! The structure parser does not yet remove such lines from Drucksachen as plain text; the PDF
//! reader drops headers that repeat on every page. When the input layer removes furniture for
//! every kind of input, the reader of commands can rely on it and this module can go.

/// True if the line is a page number or a running header of a parliamentary paper.
pub(super) fn is_furniture(line: &str) -> bool {
    let t = line.trim();
    if t.is_empty() || t.len() > 160 {
        return false;
    }
    // Most lines are neither: a header names the Drucksache, a page number line is short and
    // starts with a dash.
    if !(t.contains("Drucksache") || t.len() <= 14 && t.starts_with(['-', '–', '—'])) {
        return false;
    }
    let (rest, had_page_number) = strip_page_numbers(t);
    let rest = rest.trim();
    if rest.is_empty() {
        return had_page_number;
    }
    is_header(rest)
}

/// The line without page numbers in dashes („- 3 -“) at its start or end (or in the middle of a
/// header: „Deutscher Bundestag – 19. Wahlperiode – 5 – Drucksache 19/30399“), and whether there
/// was one.
fn strip_page_numbers(line: &str) -> (String, bool) {
    let mut out = String::with_capacity(line.len());
    let mut found = false;
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if is_dash(chars[i]) {
            // dash, spaces, digits, spaces, dash
            let mut j = i + 1;
            while j < chars.len() && chars[j] == ' ' {
                j += 1;
            }
            let digits_start = j;
            while j < chars.len() && chars[j].is_ascii_digit() {
                j += 1;
            }
            let digits = j - digits_start;
            while j < chars.len() && chars[j] == ' ' {
                j += 1;
            }
            if (1..=4).contains(&digits) && j < chars.len() && is_dash(chars[j]) {
                found = true;
                out.push(' ');
                i = j + 1;
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    (out, found)
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '–' | '—')
}

/// „Drucksache 145/21“ with the name of the parliament and the Wahlperiode in front, „(neu)“ or
/// „(Beschluss)“ behind.
fn is_header(text: &str) -> bool {
    let Some(at) = text.find("Drucksache") else { return false };
    let (before, after) = (&text[..at], &text[at + "Drucksache".len()..]);
    // What follows: the number („145/21“, „19/30399“), perhaps „(neu)“ or „(Beschluss)“.
    let mut words = after.split_whitespace();
    let Some(number) = words.next() else { return false };
    let is_number = number.split_once('/').is_some_and(|(a, b)| {
        !a.is_empty() && !b.is_empty() && a.chars().all(|c| c.is_ascii_digit()) && b.chars().all(|c| c.is_ascii_digit())
    });
    if !is_number || !words.all(|w| w.starts_with('(') || w.ends_with(')') || w.chars().all(is_dash)) {
        return false;
    }
    // What precedes: the parliament and the Wahlperiode, nothing that reads as law.
    let before = before.replace(['–', '—', '-'], " ");
    before.split_whitespace().all(|w| {
        let w = w.trim_end_matches(',');
        w.chars().next().is_some_and(char::is_uppercase) && w.len() < 30
            || w.trim_end_matches('.').chars().all(|c| c.is_ascii_digit())
            || w == "Wahlperiode"
    }) && before.split_whitespace().count() <= 6
}

/// True if the line starts like a footnote: „*)“, „**)“, a superscript digit, or a number with „)“
/// followed by a capitalised word.
fn is_footnote_start(line: &str) -> bool {
    let t = line.trim_start();
    if t.starts_with("*)") || t.starts_with(['¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹']) {
        return true;
    }
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    if (1..=2).contains(&digits) && t[digits..].starts_with(')') {
        return t[digits + 1..].trim_start().chars().next().is_some_and(char::is_uppercase);
    }
    false
}

/// `text` with every furniture line (and the footnote right before one) replaced by spaces of the
/// same length, so that byte offsets into it stay those of `text`.
pub(super) fn mask(text: &str) -> Option<String> {
    let ranges = furniture_lines(text);
    if ranges.is_empty() {
        return None;
    }
    let mut bytes = text.as_bytes().to_vec();
    for (s, e) in ranges {
        for b in &mut bytes[s..e] {
            *b = b' ';
        }
    }
    // Whole lines of UTF-8 were replaced by ASCII spaces.
    Some(String::from_utf8(bytes).expect("ASCII replacement of whole lines"))
}

/// Byte ranges (without the line break) of the furniture lines of `text`, and of each footnote
/// line right before one.
fn furniture_lines(text: &str) -> Vec<(usize, usize)> {
    // Only lines that name a Drucksache or start with a dash can be furniture; the others are not
    // looked at (most texts have hardly any such line).
    let bytes = text.as_bytes();
    let line_of = |at: usize| -> (usize, usize) {
        let s = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |i| i + 1);
        let e = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |i| at + i);
        let e = if e > s && bytes[e - 1] == b'\r' { e - 1 } else { e };
        (s, e)
    };
    let mut candidates: Vec<(usize, usize)> = memchr::memmem::find_iter(bytes, "Drucksache").map(line_of).collect();
    // A page number line is short: look for its end within a few bytes only.
    let short_line = |s: usize| -> Option<(usize, usize)> {
        let window = &bytes[s..bytes.len().min(s + 16)];
        let e = memchr::memchr(b'\n', window).map_or((window.len() == bytes.len() - s).then_some(bytes.len()), |i| Some(s + i))?;
        Some((s, if e > s && bytes[e - 1] == b'\r' { e - 1 } else { e }))
    };
    for dash in ["-", "–", "—"] {
        if text.starts_with(dash) {
            candidates.extend(short_line(0));
        }
        candidates.extend(memchr::memmem::find_iter(bytes, format!("\n{dash}").as_bytes()).filter_map(|i| short_line(i + 1)));
    }
    candidates.sort_unstable();
    candidates.dedup();
    let mut out = Vec::new();
    for (s, e) in candidates {
        if !is_furniture(&text[s..e]) {
            continue;
        }
        // The footnote of the page that ends here: the non-blank line before the header, if it
        // starts with a footnote mark.
        let before = text[..s].trim_end();
        let prev_start = before.rfind('\n').map_or(0, |i| i + 1);
        if !before.is_empty() && is_footnote_start(&before[prev_start..]) {
            out.push((prev_start, before.len()));
        }
        out.push((s, e));
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Quoted wording without furniture: the lines are removed, and text continued over the page
/// break is joined (a hyphenated word, or a lower-case continuation on the same line).
pub(super) fn clean(text: &str) -> String {
    let ranges = furniture_lines(text);
    if ranges.is_empty() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for (s, e) in ranges {
        out.push_str(&text[from..s]);
        from = e;
        // Drop the line break after the removed line too, and the blank lines around it.
        let rest = &text[from..];
        from += rest.len() - rest.trim_start_matches(['\n', '\r', ' ', '\t']).len();
        let kept = out.trim_end_matches(['\n', '\r', ' ', '\t']).len();
        let next = text[from..].chars().next();
        let continues = next.is_some_and(char::is_lowercase);
        out.truncate(kept);
        if continues && out.ends_with('-') && out[..out.len() - 1].chars().next_back().is_some_and(char::is_alphabetic) {
            // „Empfangs-“ + „bekenntnis“
            out.pop();
        } else if continues {
            out.push(' ');
        } else if !out.is_empty() && from < text.len() {
            out.push('\n');
        }
    }
    out.push_str(&text[from..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers_and_headers() {
        for line in [
            "- 3 -",
            "– 12 –",
            "-3-",
            "- 3 - Drucksache 145/21",
            "Drucksache 145/21 - 4 -",
            "Bundesrat Drucksache 145/21",
            "Drucksache 19/30399",
            "Deutscher Bundestag – 19. Wahlperiode – 5 – Drucksache 19/30399",
            "Abgeordnetenhaus Berlin – 18. Wahlperiode Drucksache 18/3823",
            "Drucksache 683/21 (Beschluss)",
        ] {
            assert!(is_furniture(line), "{line}");
        }
        for line in [
            "(3) Die Frist beträgt 3 Monate.",
            "3.",
            "- 3",
            "Die Drucksache 145/21 enthält den Entwurf.",
            "Die Drucksache ist elektronisch zu übermitteln.",
            "§ 173",
            "1. zum Vorliegen von Registereintragungen nach § 2 Absatz 1 und 2,",
        ] {
            assert!(!is_furniture(line), "{line}");
        }
    }

    #[test]
    fn a_quote_interrupted_by_a_page_header_reads_as_one() {
        let q = "§ 173\nZustellung elektronischer Dokumente\n\n(1) Ein elektronisches Dokument kann elektronisch nur auf einem sicheren Übermittlungsweg zugestellt werden.\n\n- 3 - Drucksache 145/21\n\n(2) Die elektronische Zustellung wird nachgewiesen.";
        assert_eq!(
            clean(q),
            "§ 173\nZustellung elektronischer Dokumente\n\n(1) Ein elektronisches Dokument kann elektronisch nur auf einem sicheren Übermittlungsweg zugestellt werden.\n(2) Die elektronische Zustellung wird nachgewiesen."
        );
        let hyphen = "(2) Die Zustellung wird durch ein elektronisches Empfangs-\n- 4 -\nbekenntnis nachgewiesen.";
        assert_eq!(clean(hyphen), "(2) Die Zustellung wird durch ein elektronisches Empfangsbekenntnis nachgewiesen.");
        let sentence = "(2) Die Zustellung wird durch ein\nDrucksache 145/21 - 4 -\nelektronisches Empfangsbekenntnis nachgewiesen.";
        assert_eq!(clean(sentence), "(2) Die Zustellung wird durch ein elektronisches Empfangsbekenntnis nachgewiesen.");
        let footnote = "(1) Satz eins.\n\n*) Diese Vorschrift dient der Umsetzung der Richtlinie (EU) 2019/1151.\n\n- 5 -\n\n(2) Satz zwei.";
        assert_eq!(clean(footnote), "(1) Satz eins.\n(2) Satz zwei.");
        assert_eq!(clean("(1) Ohne Seitenumbruch.\n(2) Zweiter."), "(1) Ohne Seitenumbruch.\n(2) Zweiter.");
    }

    #[test]
    fn masking_keeps_offsets() {
        let t = "Nach § 172 wird\n- 3 - Drucksache 145/21\nfolgender § 173 eingefügt:";
        let m = mask(t).unwrap();
        assert_eq!(m.len(), t.len());
        assert_eq!(m, format!("Nach § 172 wird\n{}\nfolgender § 173 eingefügt:", " ".repeat("- 3 - Drucksache 145/21".len())));
        assert!(mask("Nach § 172 wird folgender § 173 eingefügt:").is_none());
    }
}
