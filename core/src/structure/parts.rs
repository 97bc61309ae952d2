//! Where the parts of a document begin: front matter, Deckblatt, Vorblatt, Gesetzestext,
//! Begründung, Stellungnahme, Gegenäußerung.
//!
//! Parts are found before the tree is built, from the classified lines, by how drafts and
//! Drucksachen are laid out in every parliament, not by the wording of one of them:
//! - **Front matter**: a block between two `---` lines at the very start (YAML metadata of a
//!   Markdown export).
//! - **Deckblatt**: a Drucksache begins with its masthead („Bundesrat Drucksache 483/21“,
//!   „Landtag Mecklenburg-Vorpommern Drucksache 8/1234“), the kind of paper („Gesetzentwurf“,
//!   „Gesetzesantrag“), its originator and the title; all of that up to the Vorblatt is the cover.
//!   A later masthead followed by the kind of paper starts a further cover (the Bundesrat prints
//!   the Land's cover letter behind the Vorblatt), and so does a cover letter („Sehr geehrter Herr
//!   Präsident, …“, with the sender and address lines before it).
//! - **Vorblatt**: „Vorblatt“ or its first section „A. Problem und Ziel“ (also „A Problem …“).
//! - **Gesetzestext**: the first Eingangsformel, Präambel, Artikel or § after the Vorblatt, moved back to the
//!   title of the law („Entwurf eines Gesetzes …“) when one stands between the previous part and it.
//! - **Begründung**: „Begründung“, „Begründung:“, „A. Begründung“, „Begründung zum …“.
//! - **Stellungnahme** and **Gegenäußerung**: „Stellungnahme des Bundesrates“, „Gegenäußerung der
//!   Bundesregierung“, with the „Anlage 3“ line printed above them.

use super::builder::Line;
use super::lines::LineKind;
use super::NodeKind;

/// What the builder needs to know about the whole text before it builds.
pub(super) struct Survey {
    /// Index of the closing `---` of a front matter block that starts the text.
    pub(super) front_matter: Option<usize>,
    /// The text is numbered as an outline: decimal numbers („1.1“, „2.3.1“), headings with whole
    /// numbers („3 Meldepflicht“) or numbered table rows, at least three such lines.
    pub(super) decimal: bool,
    /// The text has § headings outside quotations (a Gesetz, Verordnung or Satzung).
    pub(super) paragraphs: bool,
    /// The text has Artikel headings outside quotations.
    pub(super) articles: bool,
    /// The decimal outline counts from 1 again after a higher number („8 Erfolgskontrolle“, then
    /// „1 Art und Umfang der Zuwendung“): its Nummern are unique only within the lettered or
    /// Roman sections above them („Abschnitt A, Nummer V.2.2.3“), so those belong in the path.
    pub(super) restarts: bool,
}

pub(super) fn survey(text: &str, lines: &[Line]) -> Survey {
    let front_matter = (lines.first().is_some_and(|l| &text[l.span.range()] == "---"))
        .then(|| lines.iter().take(300).skip(1).position(|l| &text[l.span.range()] == "---").map(|k| k + 1))
        .flatten();
    let mut decimal_lines = 0;
    let mut paragraphs = false;
    let mut articles = false;
    let (mut last_top, mut restarts) = (0u32, false);
    for l in lines.iter().filter(|l| !l.quoted) {
        match &l.kind {
            LineKind::Section { label, title } => {
                let number = &text[l.span.start + label.start..l.span.start + label.end];
                let row = title.as_ref().is_some_and(|t| is_table_row(&text[l.span.start + t.start..l.span.start + t.end]));
                // „3 Meldepflicht bei Unfällen“: a heading numbered with a whole number.
                let heading = !number.contains('.')
                    && title.as_ref().is_some_and(|t| super::builder::is_outline_title(&text[l.span.start + t.start..l.span.start + t.end]));
                if is_outline_number(number) || row || heading {
                    decimal_lines += 1;
                    let top = number.split('.').next().and_then(|n| n.parse::<u32>().ok()).unwrap_or(0);
                    restarts |= top == 1 && last_top > 1;
                    last_top = top;
                }
            }
            LineKind::Paragraph { .. } => paragraphs = true,
            LineKind::Artikel { .. } => articles = true,
            _ => {}
        }
    }
    Survey { front_matter, decimal: decimal_lines >= 3, paragraphs, articles, restarts }
}

/// The rest of a numbered row of a table („Ablehnung eines Antrags | 11 € |“): the cells of a
/// Gebührenverzeichnis are its numbered entries.
pub(super) fn is_table_row(rest: &str) -> bool {
    rest.trim_end().ends_with('|') && rest.contains(" | ")
}

/// „2.3“, „2.3.1.“: a decimal label whose parts have at most two digits (so „1.000“ is a number).
pub(super) fn is_outline_number(label: &str) -> bool {
    let parts: Vec<&str> = label.trim_end_matches('.').split('.').collect();
    let lettered = parts[0].len() == 1 && parts[0].bytes().all(|b| b.is_ascii_uppercase());
    parts.len() >= 2
        && parts.iter().enumerate().all(|(i, p)| {
            (i == 0 && lettered) || (!p.is_empty() && p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit()))
        })
}

/// Part starts in line order; `None` ends a part without starting another (a cover that is
/// followed by text of no part).
pub(super) fn find_parts(text: &str, lines: &[Line], survey: &Survey) -> Vec<(usize, Option<NodeKind>)> {
    let start = survey.front_matter.map_or(0, |c| c + 1);
    let n = lines.len();
    let line = |i: usize| &text[lines[i].span.range()];
    let open = |i: usize| !lines[i].quoted;
    let vorblatt = (start..n).find(|&i| {
        open(i)
            && match &lines[i].kind {
                LineKind::Vorblatt => true,
                LineKind::SectionLetter { label } => {
                    let t = line(i);
                    t.starts_with('A') && t[label.end..].trim_start().starts_with("Problem")
                }
                _ => false,
            }
    });
    let from = vorblatt.unwrap_or(start);
    let begruendung = (from..n).find(|&i| open(i) && lines[i].kind == LineKind::Begruendung);
    let mut out: Vec<(usize, Option<NodeKind>)> = Vec::new();

    // The cover at the start.
    let cover_at_start = (start..n.min(start + 6)).any(|i| matches!(lines[i].kind, LineKind::Masthead { running: false }));
    if cover_at_start {
        out.push((start, Some(NodeKind::Deckblatt)));
    }
    if let Some(v) = vorblatt {
        out.push((v, Some(NodeKind::Vorblatt)));
    }
    // Later covers: only in drafts, between the Vorblatt (or the first cover) and the law — a
    // Musterbrief in an Anlage of a law is no cover letter.
    let body_end = begruendung.unwrap_or(n);
    let is_law_start =
        |i: usize| matches!(lines[i].kind, LineKind::Formula | LineKind::Preamble | LineKind::Artikel { .. } | LineKind::Paragraph { .. });
    let first_law = (from..body_end).find(|&i| open(i) && is_law_start(i));
    let covers_end = if vorblatt.is_some() || cover_at_start { first_law.unwrap_or(body_end) } else { 0 };
    let mut i = if cover_at_start { start + 6 } else { from + 1 };
    while i < covers_end {
        if !open(i) {
            i += 1;
            continue;
        }
        let cover = match lines[i].kind {
            LineKind::Masthead { running: false } => {
                ((i + 1)..(i + 5).min(n)).any(|k| is_kind_of_paper(line(k))).then_some(i)
            }
            LineKind::Prose if is_salutation(line(i)) => Some(letter_start(text, lines, i, from)),
            _ => None,
        };
        if let Some(c) = cover {
            out.push((c, Some(NodeKind::Deckblatt)));
            // One cover per page: skip to the end of the letter or cover block.
            i = (i + 1..covers_end).find(|&k| starts_body(&lines[k].kind)).unwrap_or(covers_end);
            continue;
        }
        i += 1;
    }

    // The Gesetzestext: first Eingangsformel, Präambel, Artikel or §, moved back to the law's title.
    let gesetzestext = if vorblatt.is_none() && !cover_at_start {
        // A draft without Vorblatt: everything before the Begründung is the law.
        begruendung.filter(|&b| b > start).map(|_| start)
    } else {
        first_law.map(|g| {
            let previous = out.iter().map(|&(k, _)| k).filter(|&k| k < g).max().map_or(start, |k| k + 1);
            (previous..g).rev().find(|&k| open(k) && lines[k].kind == LineKind::DraftTitle).unwrap_or(g)
        })
    };
    if let Some(g) = gesetzestext {
        out.push((g, Some(NodeKind::Gesetzestext)));
    }
    if let Some(b) = begruendung {
        out.push((b, Some(NodeKind::Begruendung)));
    }
    // A cover at the start that no part follows ends with the cover block.
    if cover_at_start && vorblatt.is_none() && gesetzestext.is_none() {
        let end = (start + 1..n).find(|&k| starts_body(&lines[k].kind) || is_long_sentence(line(k))).unwrap_or(n);
        if out.iter().all(|&(k, _)| k != end) {
            out.push((end, None));
        }
    }

    // Stellungnahme and Gegenäußerung, with the „Anlage n“ line above them.
    let after = begruendung.or(gesetzestext).unwrap_or(from);
    for i in after..n {
        if let LineKind::Statement { counter } = lines[i].kind {
            if !open(i) {
                continue;
            }
            let kind = if counter { NodeKind::Gegenaeusserung } else { NodeKind::Stellungnahme };
            let at = if i > 0 && matches!(&lines[i - 1].kind, LineKind::Anlage { title: None, .. }) { i - 1 } else { i };
            out.push((at, Some(kind)));
        }
    }
    crate::sort::sort_by_key(&mut out, |&(i, _)| i);
    out.dedup_by_key(|&mut (i, _)| i);
    out
}

/// Lines that begin the body of a part after a cover: units of law and sections.
fn starts_body(kind: &LineKind) -> bool {
    matches!(
        kind,
        LineKind::Artikel { .. }
            | LineKind::Paragraph { .. }
            | LineKind::Absatz { .. }
            | LineKind::Formula
            | LineKind::Preamble
            | LineKind::DraftTitle
            | LineKind::SectionLetter { .. }
            | LineKind::Vorblatt
            | LineKind::Begruendung
            | LineKind::Contents
            | LineKind::Gliederung { .. }
    )
}

/// A full sentence of some length: body text, not a line of a cover.
fn is_long_sentence(t: &str) -> bool {
    t.len() > 160 && t.ends_with(['.', ':'])
}

/// The kind of paper a cover names under its masthead.
fn is_kind_of_paper(t: &str) -> bool {
    const KINDS: &[&str] = &[
        "Gesetzentwurf", "Gesetzesantrag", "Antrag", "Unterrichtung", "Beschlussempfehlung", "Verordnung", "Entschließung",
        "Bericht", "Vorlage", "Beschluss", "Empfehlungen", "Stellungnahme", "Änderungsantrag", "Mitteilung", "Dringlichkeitsantrag",
    ];
    let first = t.split_whitespace().next().unwrap_or("");
    KINDS.contains(&first)
}

/// The salutation of a cover letter.
fn is_salutation(t: &str) -> bool {
    (t.starts_with("Sehr geehrte") && t.len() < 120) || t == "Sehr geehrte Damen und Herren,"
}

/// The first line of a cover letter whose salutation is at `salutation`: the sender, place, date
/// and address lines above it (short lines that are no sentences), not before `floor`.
fn letter_start(text: &str, lines: &[Line], salutation: usize, floor: usize) -> usize {
    let mut k = salutation;
    while k > floor + 1 && salutation - k < 12 {
        let prev = &lines[k - 1];
        let t = &text[prev.span.range()];
        let short = t.chars().count() <= 90 && !t.ends_with(['.', '!', '?', ';']);
        if !short || !matches!(prev.kind, LineKind::Prose | LineKind::Masthead { .. } | LineKind::Anlage { .. }) {
            break;
        }
        k -= 1;
    }
    k
}
