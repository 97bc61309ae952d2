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

/// „Drucksache 19/30399“, „Drs. 8/1234“.
static DRUCKSACHE_NO: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:Drucksache|DRUCKSACHE|Drs\.)[ \t]*[0-9]{1,3}/[0-9]{1,6}").unwrap());

/// A page number set off by dashes („– 2 –“, „-3-“) or „Seite 3“ anywhere in a line.
static PAGE_TOKEN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[^0-9])[-–—] ?[0-9]{1,4} ?[-–—](?:[^0-9]|$)|Seite[ \t]+[0-9]{1,4}").unwrap());

/// A line that is only a page number: „3“, „- 3 -“, „– 3 –“, „Seite 3 von 10“, „S. 3“, „3/10“.
///
/// Read by hand rather than with a regular expression: the structure parser asks for every line
/// of every text, and the regex crate compiled the en and em dashes into a 320 KB table at every
/// start of the process (a tenth of the page faults of a one-page check).
pub fn is_page_number(line: &str) -> bool {
    let t = line.trim();
    // The longest form, „Seite 1234 von 1234“, has 19 bytes.
    if t.len() > 24 {
        return false;
    }
    let mut dashed = Line(t);
    // „3“, „- 3 -“, „–3“, „3 –“: a number, a dash on either side optional.
    if dashed.dash() {
        dashed.blanks();
    }
    if dashed.number() && (dashed.end() || (dashed.blanks() && dashed.dash() && dashed.end())) {
        return true;
    }
    // „Seite 3“, „S. 3“, „Seite 3 von 10“, „S. 3/10“.
    let mut seite = Line(t);
    if (seite.word("Seite") || seite.word("S.")) && seite.blanks() && seite.number() {
        if seite.end() {
            return true;
        }
        seite.blanks();
        return (seite.word("von") || seite.word("/")) && seite.blanks() && seite.number() && seite.end();
    }
    // „3/10“, „3 / 10“.
    let mut of = Line(t);
    of.number() && of.blanks() && of.word("/") && of.blanks() && of.number() && of.end()
}

/// The rest of a line being read by [`is_page_number`]; each step consumes what it recognises.
struct Line<'a>(&'a str);

impl Line<'_> {
    /// A hyphen, en dash or em dash.
    fn dash(&mut self) -> bool {
        let rest = self.0.strip_prefix('-').or_else(|| self.0.strip_prefix('–')).or_else(|| self.0.strip_prefix('—'));
        rest.map(|r| self.0 = r).is_some()
    }

    /// Spaces and tabs, possibly none (always true, for chaining).
    fn blanks(&mut self) -> bool {
        self.0 = self.0.trim_start_matches([' ', '\t']);
        true
    }

    /// One to four ASCII digits, and no digit after them.
    fn number(&mut self) -> bool {
        let digits = self.0.bytes().take_while(u8::is_ascii_digit).count();
        self.0 = &self.0[digits..];
        (1..=4).contains(&digits)
    }

    fn word(&mut self, word: &str) -> bool {
        self.0.strip_prefix(word).map(|r| self.0 = r).is_some()
    }

    fn end(&self) -> bool {
        self.0.is_empty()
    }
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
    // The length first: most prose lines of a law are longer than a header can be, and counting
    // is cheaper than three searches. Then a slash: `DRUCKSACHE_NO` needs one („483/21“), and few
    // lines of a law have one, so most lines are answered by one `memchr` instead of three
    // `memmem` searches (three quarters of this function's cost over every tenth federal law).
    if t.len() > 640 || memchr::memchr(b'/', b).is_none() || t.chars().count() > 160 {
        return false;
    }
    if !NAMES.iter().any(|f| f.find(b).is_some()) || !DRUCKSACHE_NO.is_match(t) {
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

    /// The regular expression the page-number test was written with before it was read by hand.
    fn page_number_regex() -> &'static Regex {
        static RE: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"^(?:[-–—][ \t]*)?[0-9]{1,4}(?:[ \t]*[-–—])?$|^(?:Seite|S\.)[ \t]*[0-9]{1,4}(?:[ \t]*(?:von|/)[ \t]*[0-9]{1,4})?$|^[0-9]{1,4}[ \t]*/[ \t]*[0-9]{1,4}$").unwrap()
        });
        &RE
    }

    fn page_number_by_regex(line: &str) -> bool {
        let t = line.trim();
        t.len() <= 24 && page_number_regex().is_match(t)
    }

    #[test]
    fn page_numbers_read_by_hand_as_the_regex_read_them() {
        for l in [
            "3", "- 3 -", "– 3 –", "—12—", "-3", "3 -", "1234", "12345", "- -3", "3 - -", "-", "", "Seite 3", "Seite3", "S. 3",
            "S.3 von 10", "Seite 3 von 10", "Seite 3von10", "Seite 3 / 10", "Seite 3 von", "Seite von 3", "S 3", "seite 3", "3/10",
            "3 / 10", "3 /", "/10", "3/10/1", "12345/1", "- 3/10 -", "\t- 3 -\t", " Seite 1234 von 1234 ", "Seite 3 von 10 ", "§ 3",
            "3.", "(3)", "3 a", "– 3 – –", "— 3 —",
        ] {
            assert_eq!(is_page_number(l), page_number_by_regex(l), "{l:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn page_numbers_as_the_regex_on_any_line(line in "[-–— \t0-9/S.eitvonx§]{0,14}") {
            proptest::prop_assert_eq!(is_page_number(&line), page_number_by_regex(&line));
        }

        #[test]
        fn page_numbers_as_the_regex_on_near_forms(
            pre in "(Seite|S\\.|-|–|—|)", a in "[ \t]{0,2}", n in "[0-9]{0,5}", b in "[ \t]{0,2}",
            mid in "(von|/|-|–|—|)", c in "[ \t]{0,2}", m in "[0-9]{0,5}",
        ) {
            let line = format!("{pre}{a}{n}{b}{mid}{c}{m}");
            proptest::prop_assert_eq!(is_page_number(&line), page_number_by_regex(&line));
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
