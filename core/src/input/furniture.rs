//! Page furniture: what a printed page carries besides its text — running headers and footers
//! („Drucksache 19/30399 – 2 – Deutscher Bundestag – 19. Wahlperiode“, „-3- Drucksache 483/21“),
//! page numbers („- 3 -“, „Seite 3 von 10“), footnotes and their markers, line numbers.
//!
//! Removing it is one step of reading, done before the structure is parsed, so that no sentence,
//! norm path or finding comes from it and quoted new wording that runs over a page break reads as
//! one text:
//! - the PDF reader ([`super::pdf`]) removes it with the page geometry it has (position on the
//!   page, font size, raised digits) and keeps, for every character that stays, its page and line
//!   (`Anchor::Pdf`), so positions still point into the printed page;
//! - the structure parser marks a line of text input that is only furniture (a page number, a
//!   running header left in a copy of a printed paper) as an editorial note, never law.
//!
//! The predicates here judge one line's wording and are what both use; code that reads quoted
//! wording from a text copy of a printed paper can use them the same way ([`is_furniture_line`]).

use crate::re::Regex;
use std::sync::LazyLock;

// ASCII classes ([0-9], [ \t]) keep the compiled automata small: they are built once per process.
static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[-–—][ \t]*)?[0-9]{1,4}(?:[ \t]*[-–—])?$|^(?:Seite|S\.)[ \t]*[0-9]{1,4}(?:[ \t]*(?:von|/)[ \t]*[0-9]{1,4})?$|^[0-9]{1,4}[ \t]*/[ \t]*[0-9]{1,4}$").unwrap()
});

/// „Drucksache 19/30399“, „Drs. 8/1234“.
static DRUCKSACHE_NO: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:Drucksache|DRUCKSACHE|Drs\.)[ \t]*[0-9]{1,3}/[0-9]{1,6}").unwrap());

/// A page number set off by dashes („– 2 –“, „-3-“) or „Seite 3“ anywhere in a line.
static PAGE_TOKEN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[^0-9])[-–—] ?[0-9]{1,4} ?[-–—](?:[^0-9]|$)|Seite[ \t]+[0-9]{1,4}").unwrap());

/// A line that is only a page number: „3“, „- 3 -“, „– 3 –“, „Seite 3 von 10“, „3/10“.
pub fn is_page_number(line: &str) -> bool {
    let t = line.trim();
    // The longest form, „Seite 1234 von 1234“, has 19 bytes.
    t.len() <= 24 && PAGE_NUMBER.is_match(t)
}

/// A running header or footer of a parliamentary paper: a short line that names the Drucksache
/// and carries a page number („Drucksache 19/30399 – 2 – Deutscher Bundestag – 19. Wahlperiode“,
/// „-3- Drucksache 483/21“), or that starts with the Drucksache number („Drucksache 683/21“ at the
/// foot of a page). The masthead of a cover page („Bundesrat Drucksache 483/21“) is not one: it
/// carries no page number and does not start with the number.
pub fn is_running_header(line: &str) -> bool {
    // Built once: the structure parser asks this of every prose line, and `memmem::find` builds
    // its searcher at each call (1 % of checking the federal corpus).
    static NAMES: LazyLock<[memchr::memmem::Finder<'static>; 3]> =
        LazyLock::new(|| [b"rucksache".as_slice(), b"RUCKSACHE", b"Drs."].map(memchr::memmem::Finder::new));
    let t = line.trim();
    let b = t.as_bytes();
    let names_it = NAMES.iter().any(|f| f.find(b).is_some());
    if t.len() > 640 || !names_it || t.chars().count() > 160 || !DRUCKSACHE_NO.is_match(t) {
        return false;
    }
    PAGE_TOKEN.is_match(t) || t.starts_with("Drucksache") || t.starts_with("Drs.")
}

/// A line that is page furniture by its wording alone.
pub fn is_furniture_line(line: &str) -> bool {
    is_page_number(line) || is_running_header(line)
}

/// The number a footnote line starts with („3 Vgl. MüKoBGB/Bieber …“ → 3).
pub fn footnote_number(line: &str) -> Option<u32> {
    let t = line.trim_start();
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 3 {
        return None;
    }
    let rest = &t[digits..];
    (rest.starts_with(' ') || rest.starts_with('\t') || rest.starts_with(')')).then(|| t[..digits].parse().ok()).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_footers_and_page_numbers() {
        for l in [
            "Drucksache 19/30399 – 2 – Deutscher Bundestag – 19. Wahlperiode",
            "Deutscher Bundestag – 19. Wahlperiode – 3 – Drucksache 19/30399",
            "-3- Drucksache 483/21",
            "Drucksache 683/21- 5 -",
            "Drucksache 8/1234 Landtag Mecklenburg-Vorpommern - 8. Wahlperiode",
            "Abgeordnetenhaus Berlin – 19. Wahlperiode Drucksache 19/1234 – 4 –",
            "- 3 -",
            "Seite 3 von 10",
        ] {
            assert!(is_furniture_line(l), "{l}");
        }
        for l in [
            "Bundesrat Drucksache 483/21",
            "Landtag Mecklenburg-Vorpommern Drucksache 8/1234",
            "Die Bundesregierung hat in Drucksache 19/1234 – 5 – vorgeschlagen, die Frist zu verlängern, und der Ausschuss ist dem gefolgt, wie es in der Beschlussempfehlung steht und im Bericht weiter ausgeführt wird.",
            "(2) Die Frist beträgt 3 Monate.",
        ] {
            assert!(!is_furniture_line(l), "{l}");
        }
    }

    #[test]
    fn footnote_numbers() {
        assert_eq!(footnote_number("3 Vgl. MüKoBGB/Bieber, 8. Aufl."), Some(3));
        assert_eq!(footnote_number("12) BGBl. I S. 1"), Some(12));
        assert_eq!(footnote_number("2025 wurde"), None);
        assert_eq!(footnote_number("Vgl."), None);
    }
}
