//! From positioned PDF lines to the paragraph layout the structure parser reads.
//!
//! A PDF has no paragraphs, only glyphs on lines. Printed drafts (Landtag-Drucksachen) add running
//! headers and footers („Drucksache 8/1234“, page numbers „- 3 -“, „Seite 3 von 10“), break words
//! at line ends („Schrift-“ / „form“) and justify lines. This module, which knows nothing about PDF
//! parsing, undoes that:
//!
//! 1. **Page furniture** ([`strip_furniture`], the predicates in [`crate::input::furniture`]):
//!    - headers and footers: among the two top-most and two bottom-most lines of each page, a line
//!      that is a page number, a running header of a Drucksache, or repeats (digits ignored) on at
//!      least 40 % of the pages is dropped;
//!    - footnotes: a block of lines at the foot of a page, set smaller than the body text, whose
//!      first line starts with a number („3 Vgl. MüKoBGB …“), is dropped, and so are the small
//!      raised digits in the text that carry those numbers (the markers); a raised digit that no
//!      footnote explains (m², an exponent) stays;
//!    - line numbers: where most lines of most pages start with a number at the same left margin
//!      that counts up the page, the number is dropped.
//!
//!    Dropped text keeps its place in the extracted-text stream, so every remaining character still
//!    maps to its page and line.
//! 2. **Paragraphs**: a line starts a new paragraph if it starts a unit („§ 3“, „(2)“, „1.“, „a)“,
//!    „Artikel 1“, „Abschnitt 2“, Vorblatt and Begründung headings), if its font size differs from the
//!    line before, if the vertical gap is clearly larger than the usual line pitch, or if the line
//!    before ended although this line's first word would have fit on it (the last line of a
//!    paragraph; this works for justified and for ragged text alike). Other lines are joined.
//! 3. **Joining**: a line ending in a hyphen after a letter continues without space: the hyphen is
//!    dropped before a lower-case word („Schrift-“ + „form“ → „Schriftform“), kept before a capital
//!    („Bund-“ + „Länder“ → „Bund-Länder“), and kept with a space before „und“, „oder“, „bzw.“,
//!    „sowie“, „bis“ („Kinder-“ + „und“ → „Kinder- und“). Other lines join with one space.
//! 4. **Characters**: ligatures (ﬁ, ﬂ, ﬀ, ﬃ, ﬄ, ﬆ) are spelt out, runs of spaces squeezed.

use crate::input::furniture;
use regex::Regex;
use std::sync::LazyLock;

/// One line of text as the extractor saw it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Line {
    /// 1-based page.
    pub page: usize,
    /// 1-based line on its page, in the order the extractor saw the lines.
    pub line: usize,
    /// Baseline, in points from the top of the page.
    pub y: f64,
    pub x0: f64,
    pub x1: f64,
    /// Where the first word ends (x of the end of its last glyph).
    pub first_word_x1: f64,
    /// Font size in points.
    pub size: f64,
    pub text: String,
    /// Offset of the line's text in the extracted-text stream (original offsets of a PDF).
    pub stream: usize,
    /// Byte ranges of `text` set as small raised digits (footnote markers or exponents).
    pub raised: Vec<std::ops::Range<usize>>,
    /// Byte ranges of `text` that are furniture (footnote markers, a line number): left out.
    pub skip: Vec<std::ops::Range<usize>>,
}

/// A paragraph: the lines it is made of, with the part of each line's text that belongs to it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Paragraph {
    /// `(line index, text)` pieces; the text of a piece is the line's text after character clean-up.
    pub parts: Vec<Part>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Part {
    pub page: usize,
    pub line: usize,
    /// What is put between the previous part and this one: "", " " or "- ".
    pub joiner: &'static str,
    /// `(char, stream offset)` of the cleaned text.
    pub chars: Vec<(char, usize)>,
}

static UNIT_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:§§?\s*\d|\(\d{1,3}[a-z]{0,2}\)(?:\s|$)|\d{1,3}[a-z]?\.(?:\s|$)|[a-z]{1,3}\)(?:\s|$)|(?:Artikel|Art\.)\s+\d|(?:Buch|Teil|Kapitel|Abschnitt|Unterabschnitt|Titel)\s+(?:\d|[IVX]+\b)|(?:Erst|Zweit|Dritt|Viert|Fünft|Sechst|Siebt|Acht|Neunt|Zehnt)e[rs]?\s+(?:Teil|Abschnitt|Kapitel|Buch)|Anlage\b|Anhang\b|[A-H]\.\s+\S|[IVX]+\.\s+\S|Begründung|Zu\s+(?:Artikel|§|Nummer|Buchstabe|Absatz|den\s)|Inhaltsübersicht|Vorblatt)",
    )
    .unwrap()
});

/// A page number or a running header, by its wording.
fn is_furniture(t: &str) -> bool {
    furniture::is_page_number(t) || furniture::is_running_header(t)
}

/// Conjunctions after which a line-end hyphen is a real „Ergänzungsstrich“ („Kinder- und …“).
const CONJUNCTIONS: &[&str] = &["und", "oder", "bzw.", "beziehungsweise", "sowie", "bis", "als", "noch", "wie"];

/// Removes the page furniture: headers, footers, page numbers, footnotes and their markers, line
/// numbers.
pub(crate) fn strip_furniture(pages: &mut [Vec<Line>]) {
    strip_headers_footers(pages);
    strip_footnotes(pages);
    strip_line_numbers(pages);
}

/// Drops running headers, footers and page numbers.
pub(crate) fn strip_headers_footers(pages: &mut [Vec<Line>]) {
    let pages_with_text = pages.iter().filter(|p| !p.is_empty()).count();
    // Candidates: at most two lines at the top and two at the bottom of a page, set off from the
    // body by a gap clearly larger than the usual distance between lines (the page margin).
    let mut gaps: Vec<f64> = Vec::new();
    let orders: Vec<Vec<usize>> = pages
        .iter()
        .map(|lines| {
            let mut order: Vec<usize> = (0..lines.len()).collect();
            order.sort_by(|&a, &b| lines[a].y.total_cmp(&lines[b].y));
            // Ordinary gaps only: a margin or a heading's spacing is not a line pitch.
            gaps.extend(
                order
                    .windows(2)
                    .map(|w| (lines[w[1]].y - lines[w[0]].y, lines[w[1]].size))
                    .filter(|&(g, size)| g > 0.5 && g <= 2.5 * size)
                    .map(|(g, _)| g),
            );
            order
        })
        .collect();
    // The lower quartile: most gaps are between lines of one paragraph, but short paragraphs add
    // many larger ones.
    let pitch = percentile(gaps, 0.25).unwrap_or(12.0);
    let candidates: Vec<Vec<usize>> = pages
        .iter()
        .zip(&orders)
        .map(|(lines, order)| {
            let big = |a: usize, b: usize| lines[order[b]].y - lines[order[a]].y > pitch * 1.6;
            let n = order.len();
            let mut c = Vec::new();
            if n <= 2 {
                return order.clone();
            }
            if let Some(k) = (0..2.min(n - 1)).find(|&k| big(k, k + 1)) {
                c.extend(&order[..=k]);
            }
            if let Some(k) = (n.saturating_sub(2).max(1)..n).rev().find(|&k| big(k - 1, k)) {
                c.extend(&order[k..]);
            }
            c.sort_unstable();
            c.dedup();
            c
        })
        .collect();
    // A header repeats either exactly („Drucksache 8/1234“) or with a number that grows with the
    // page („Seite 3 von 10“, printed page numbers that start after a cover page): the second kind is
    // counted per masked text and offset between number and page, so that headings which merely
    // look alike at the top of several pages („§ 3 …“, „§ 5 …“) do not count.
    let mut exact = std::collections::HashMap::<String, usize>::new();
    let mut shifted = std::collections::HashMap::<(String, i64), usize>::new();
    for (lines, cands) in pages.iter().zip(&candidates) {
        let mut seen_exact = std::collections::HashSet::new();
        let mut seen_shifted = std::collections::HashSet::new();
        for &i in cands {
            let l = &lines[i];
            if seen_exact.insert(exact_key(&l.text)) {
                *exact.entry(exact_key(&l.text)).or_default() += 1;
            }
            for offset in page_offsets(l) {
                let k = (masked_key(&l.text), offset);
                if seen_shifted.insert(k.clone()) {
                    *shifted.entry(k).or_default() += 1;
                }
            }
        }
    }
    let needed = ((pages_with_text as f64) * 0.4).ceil().max(2.0) as usize;
    for ((lines, cands), order) in pages.iter_mut().zip(&candidates).zip(&orders) {
        // A page number or Drucksache line is dropped as the very first or last line even when it
        // sits close to the body.
        let outermost = [order.first().copied(), order.last().copied()];
        let mut drop: Vec<usize> = outermost
            .into_iter()
            .flatten()
            .filter(|&i| {
                let t = lines[i].text.trim();
                is_furniture(t)
            })
            .collect();
        drop.extend(cands.iter().copied().filter(|&i| {
            let l = &lines[i];
            let t = l.text.trim();
            is_furniture(t)
                || exact.get(&exact_key(t)).is_some_and(|&n| n >= needed)
                || page_offsets(l).any(|o| shifted.get(&(masked_key(t), o)).is_some_and(|&n| n >= needed))
        }));
        drop.sort_unstable();
        drop.dedup();
        for i in drop.into_iter().rev() {
            lines.remove(i);
        }
    }
}

/// Drops the footnotes at the foot of each page and the raised markers that point to them.
fn strip_footnotes(pages: &mut [Vec<Line>]) {
    let body = percentile(pages.iter().flatten().map(|l| l.size).collect(), 0.5).unwrap_or(10.0);
    for lines in pages.iter_mut() {
        let mut order: Vec<usize> = (0..lines.len()).collect();
        order.sort_by(|&a, &b| lines[a].y.total_cmp(&lines[b].y));
        // The run of smaller lines at the foot of the page.
        let small = |l: &Line| l.size < body - 0.4;
        let run = order.iter().rev().take_while(|&&i| small(&lines[i])).count();
        if run == 0 {
            continue;
        }
        let block: Vec<usize> = order[order.len() - run..].to_vec();
        let Some(_) = furniture::footnote_number(&lines[block[0]].text) else { continue };
        let numbers: Vec<u32> = block.iter().filter_map(|&i| furniture::footnote_number(&lines[i].text)).collect();
        for l in lines.iter_mut() {
            let marks: Vec<std::ops::Range<usize>> = l
                .raised
                .iter()
                .filter(|r| l.text[(*r).clone()].parse::<u32>().is_ok_and(|n| numbers.contains(&n)))
                .cloned()
                .collect();
            l.skip.extend(marks);
        }
        let mut drop = block;
        drop.sort_unstable();
        for i in drop.into_iter().rev() {
            lines.remove(i);
        }
    }
}

/// Drops line numbers: a number at the start of most lines of most pages, at one left margin,
/// counting up each page.
fn strip_line_numbers(pages: &mut [Vec<Line>]) {
    let number = |l: &Line| -> Option<(u32, usize)> {
        let digits = l.text.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || digits > 4 || !l.text[digits..].starts_with(' ') {
            return None;
        }
        let n = l.text[..digits].parse().ok()?;
        let rest = l.text[digits..].len() - l.text[digits..].trim_start().len();
        Some((n, digits + rest))
    };
    let numbered_pages = pages
        .iter()
        .filter(|lines| {
            let nums: Vec<u32> = lines.iter().filter_map(|l| number(l).map(|n| n.0)).collect();
            lines.len() >= 5 && nums.len() * 10 >= lines.len() * 7 && nums.windows(2).all(|w| w[1] > w[0])
        })
        .count();
    let with_text = pages.iter().filter(|p| p.len() >= 5).count();
    if with_text == 0 || numbered_pages * 2 < with_text {
        return;
    }
    for l in pages.iter_mut().flatten() {
        if let Some((_, len)) = number(l) {
            l.skip.push(0..len);
        }
    }
}

fn exact_key(t: &str) -> String {
    t.chars().filter(|c| !c.is_whitespace()).flat_map(char::to_lowercase).collect()
}

fn masked_key(t: &str) -> String {
    exact_key(t).chars().map(|c| if c.is_ascii_digit() { '#' } else { c }).collect()
}

/// Differences between the numbers on a line and its page number.
fn page_offsets(l: &Line) -> impl Iterator<Item = i64> + '_ {
    l.text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|n| !n.is_empty() && n.len() <= 4)
        .filter_map(|n| n.parse::<i64>().ok())
        .map(move |n| n - l.page as i64)
}

fn ligature(c: char) -> Option<&'static str> {
    Some(match c {
        'ﬀ' => "ff",
        'ﬁ' => "fi",
        'ﬂ' => "fl",
        'ﬃ' => "ffi",
        'ﬄ' => "ffl",
        'ﬅ' | 'ﬆ' => "st",
        _ => return None,
    })
}

/// The line's text with ligatures spelt out, spaces squeezed and trimmed, each char with its
/// stream offset.
fn clean(line: &Line) -> Vec<(char, usize)> {
    let mut out: Vec<(char, usize)> = Vec::with_capacity(line.text.len());
    for (i, c) in line.text.char_indices() {
        if line.skip.iter().any(|r| r.contains(&i)) {
            continue;
        }
        let o = line.stream + i;
        if let Some(l) = ligature(c) {
            out.extend(l.chars().map(|c| (c, o)));
        } else if c.is_whitespace() || c == '\u{a0}' {
            if out.last().is_some_and(|&(p, _)| p != ' ') {
                out.push((' ', o));
            }
        } else {
            out.push((c, o));
        }
    }
    while out.last().is_some_and(|&(c, _)| c == ' ') {
        out.pop();
    }
    out
}

fn percentile(mut v: Vec<f64>, q: f64) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    Some(v[((v.len() as f64 * q) as usize).min(v.len() - 1)])
}

fn starts_unit(text: &str) -> bool {
    UNIT_START.is_match(text)
}

/// Can a full line ending like this be followed by a new unit? A line that runs to the margin and
/// ends mid-sentence („… die das“) continues, even if the next line starts like a unit („16.
/// Lebensjahr“, „Artikel 72 Absatz 3“); one ending in punctuation or in the „und“/„oder“ before
/// the last list item does not.
fn may_precede_unit(chars: &[(char, usize)]) -> bool {
    let text: String = chars.iter().rev().take(12).map(|c| c.0).collect::<Vec<_>>().into_iter().rev().collect();
    let last_word = text.rsplit(' ').next().unwrap_or("");
    text.ends_with(['.', ':', ';', ',', '!', '?', ')', '“', '"'])
        || matches!(last_word, "und" | "oder" | "sowie" | "bzw.")
}

fn ends_with_hyphen(chars: &[(char, usize)]) -> bool {
    let n = chars.len();
    n >= 2 && matches!(chars[n - 1].0, '-' | '\u{2010}' | '\u{00AD}') && chars[n - 2].0.is_alphabetic()
}

/// Joins the lines of all pages into paragraphs.
pub(crate) fn paragraphs(pages: &[Vec<Line>]) -> Vec<Paragraph> {
    let lines: Vec<&Line> = pages.iter().flatten().filter(|l| !l.text.trim().is_empty()).collect();
    // Usual line pitch: the median vertical distance between consecutive lines of equal size.
    let pitch = percentile(
        lines
            .windows(2)
            .filter(|w| w[0].page == w[1].page && (w[0].size - w[1].size).abs() < 0.5 && w[1].y > w[0].y)
            .map(|w| (w[1].y - w[0].y) / w[1].size.max(1.0))
            .collect(),
        0.25,
    )
    .unwrap_or(1.2);
    // Right edge of the text block: a high percentile of line ends, so stray wide lines don't count.
    let right = {
        let mut ends: Vec<f64> = lines.iter().map(|l| l.x1).collect();
        ends.sort_by(f64::total_cmp);
        ends.get((ends.len() * 9 / 10).min(ends.len().saturating_sub(1))).copied().unwrap_or(0.0)
    };
    let mut out: Vec<Paragraph> = Vec::new();
    let mut prev: Option<(&Line, Vec<(char, usize)>)> = None;
    for &line in &lines {
        let chars = clean(line);
        if chars.is_empty() {
            continue;
        }
        let text: String = chars.iter().map(|&(c, _)| c).collect();
        let joiner = match &prev {
            None => None,
            Some((p, pchars)) => {
                let hyphen = ends_with_hyphen(pchars);
                let ended = !hyphen && right - p.x1 > (line.first_word_x1 - line.x0) + line.size * 0.5;
                let new_paragraph = (starts_unit(&text) && (ended || may_precede_unit(pchars)))
                    || (p.size - line.size).abs() > 0.6
                    || (p.page == line.page && (line.y - p.y) > pitch * line.size * 1.4)
                    || (p.page == line.page && line.y < p.y - line.size * 0.3)
                    || ended;
                if new_paragraph {
                    None
                } else if hyphen {
                    let first_word = text.split(' ').next().unwrap_or("");
                    if CONJUNCTIONS.contains(&first_word) {
                        Some("- ")
                    } else if text.starts_with(char::is_lowercase) {
                        Some("")
                    } else {
                        Some("-")
                    }
                } else {
                    Some(" ")
                }
            }
        };
        match joiner {
            Some(j) => {
                let para = out.last_mut().expect("a joined line follows a paragraph");
                if j != " " {
                    // The previous part's hyphen is replaced by the joiner.
                    para.parts.last_mut().unwrap().chars.pop();
                }
                para.parts.push(Part { page: line.page, line: line.line, joiner: j, chars: chars.clone() });
            }
            None => out.push(Paragraph {
                parts: vec![Part { page: line.page, line: line.line, joiner: "", chars: chars.clone() }],
            }),
        }
        prev = Some((line, chars));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A line of 10-pt text on a 500-pt wide block; `width` is where it ends.
    fn line(page: usize, n: usize, text: &str, end: f64) -> Line {
        let first = text.split(' ').next().unwrap().chars().count() as f64 * 5.0;
        Line {
            page,
            line: n,
            y: 100.0 + 12.0 * n as f64,
            x0: 50.0,
            x1: end,
            first_word_x1: 50.0 + first,
            size: 10.0,
            text: text.into(),
            stream: 0,
            raised: Vec::new(),
            skip: Vec::new(),
        }
    }

    fn render(pages: &[Vec<Line>]) -> Vec<String> {
        paragraphs(pages)
            .iter()
            .map(|p| {
                p.parts
                    .iter()
                    .map(|x| format!("{}{}", x.joiner, x.chars.iter().map(|c| c.0).collect::<String>()))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn joins_lines_and_undoes_hyphenation() {
        let page = vec![
            line(1, 1, "§ 3 Form", 120.0),
            line(1, 2, "(1) Der Antrag bedarf der Schrift-", 550.0),
            line(1, 3, "form. Die Bund-", 550.0),
            line(1, 4, "Länder-Kommission und die Kinder-", 550.0),
            line(1, 5, "und Jugendhilfe sind zu ﬁnden.", 300.0),
            line(1, 6, "(2) Zweiter   Absatz, der", 550.0),
            line(1, 7, "weitergeht.", 120.0),
            line(1, 8, "1. Nummer eins, die bis zum Rand reicht und mit dem Wort die das", 550.0),
            line(1, 9, "16. Lebensjahr meint, und", 550.0),
            line(1, 10, "2. Nummer zwei.", 200.0),
        ];
        assert_eq!(
            render(&[page]),
            vec![
                "§ 3 Form",
                "(1) Der Antrag bedarf der Schriftform. Die Bund-Länder-Kommission und die Kinder- und Jugendhilfe sind zu finden.",
                "(2) Zweiter Absatz, der weitergeht.",
                "1. Nummer eins, die bis zum Rand reicht und mit dem Wort die das 16. Lebensjahr meint, und",
                "2. Nummer zwei.",
            ]
        );
    }

    #[test]
    fn short_line_ends_a_paragraph_when_the_next_word_would_have_fit() {
        let page = vec![
            line(1, 1, "Ein Absatz, dessen erste Zeile bis an den Rand reicht", 550.0),
            line(1, 2, "und der hier endet.", 300.0),
            line(1, 3, "Zweiter beginnt.", 300.0),
        ];
        assert_eq!(render(&[page]).len(), 2);
        let page = vec![
            line(1, 1, "Ein Satz, der umbricht, weil", 540.0),
            line(1, 2, "Donaudampfschifffahrt lang ist.", 300.0),
        ];
        assert_eq!(render(&[page]).len(), 1);
    }

    #[test]
    fn removes_running_headers_footers_and_page_numbers() {
        let at = |mut l: Line, y: f64| {
            l.y = y;
            l
        };
        let mut pages: Vec<Vec<Line>> = (1..=3)
            .map(|p| {
                vec![
                    at(line(p, 1, "Drucksache 8/4316   Landtag Mecklenburg-Vorpommern – 8. Wahlperiode", 550.0), 40.0),
                    line(p, 2, ["Erste Seite.", "Die zweite.", "Und die dritte."][p - 1], 200.0),
                    line(p, 3, "Der letzte Satz jeder Seite ist gleich.", 200.0),
                    at(line(p, 4, &format!("- {p} -"), 300.0), 800.0),
                ]
            })
            .collect();
        pages[2][3].text = "Seite 3 von 3".into();
        // Headings that look alike at the top of pages are not headers.
        for (p, page) in pages.iter_mut().enumerate() {
            page.insert(1, at(line(p + 1, 9, &format!("§ {} Regelung {}", 2 * p + 3, 2 * p + 3), 200.0), 100.0));
        }
        strip_headers_footers(&mut pages);
        let left: Vec<&str> = pages.iter().flatten().map(|l| l.text.as_str()).collect();
        assert_eq!(
            left,
            vec![
                "§ 3 Regelung 3",
                "Erste Seite.",
                "Der letzte Satz jeder Seite ist gleich.",
                "§ 5 Regelung 5",
                "Die zweite.",
                "Der letzte Satz jeder Seite ist gleich.",
                "§ 7 Regelung 7",
                "Und die dritte.",
                "Der letzte Satz jeder Seite ist gleich.",
            ]
        );
    }
}
