//! Applies Änderungsbefehle to the text of the law they amend: the consolidated version, as the
//! law will read.
//!
//! Commands are applied one after another, as the HdR intends („Dem neuen Absatz 4 …“ refers to the
//! numbering after the preceding command); the text is parsed afresh before each command, so every
//! target is looked up in the law as it stands at that point. A command that cannot be applied —
//! target not found, old wording not present — leaves the text unchanged and is reported with the
//! reason, so a drafter sees exactly which commands do not fit the law.

use super::model::{Amendment, Amendments, Anchor, Operation, TargetRef, UnitKind};
use super::resolve::{self, bare_label, Place};
use crate::source::{SourceText, Span};
use crate::structure::{Document, NodeKind};
use serde::Serialize;

/// The outcome of one command.
#[derive(Debug, Clone, Serialize)]
pub struct ApplyResult {
    /// The command's path in the draft (`Art. 1 Nr. 3 Buchst. a`).
    pub path: String,
    /// The target in the amended law (`§ 5 Abs. 2`).
    pub target: String,
    pub op: Operation,
    /// Why the command could not be applied, in German; `None` if it was.
    pub error: Option<String>,
    /// A remark on an applied command („Satz 2“ not found, words found once in the Absatz).
    pub note: Option<String>,
}

/// The consolidated text and what happened to each command.
#[derive(Debug, Clone, Serialize)]
pub struct Applied {
    pub text: String,
    pub results: Vec<ApplyResult>,
}

impl Applied {
    pub fn applied(&self) -> usize {
        self.results.iter().filter(|r| r.error.is_none()).count()
    }

    pub fn failed(&self) -> impl Iterator<Item = &ApplyResult> {
        self.results.iter().filter(|r| r.error.is_some())
    }
}

/// The commands of `draft` that amend the law whose text is `base`: all of them if the draft
/// amends one law, else those whose law the base text names in its first lines.
pub fn commands_for<'a>(amendments: &'a Amendments, base: &str) -> Result<Vec<&'a Amendment>, String> {
    let laws = amendments.laws();
    if laws.len() <= 1 {
        return Ok(amendments.commands.iter().collect());
    }
    let head: String = base.lines().filter(|l| !l.trim().is_empty()).take(3).collect::<Vec<_>>().join(" ");
    let fits = |name: &str, abbr: Option<&str>| head.contains(name) || abbr.is_some_and(|a| head.contains(a));
    let chosen: Vec<&Amendment> = amendments
        .commands
        .iter()
        .filter(|c| c.law.as_ref().is_some_and(|l| fits(&l.name, l.abbreviation.as_deref())))
        .collect();
    if chosen.is_empty() {
        let names: Vec<String> = laws.iter().map(|l| format!("„{}“", l.name)).collect();
        return Err(format!(
            "Der Entwurf ändert mehrere Gesetze ({}); keines davon wird in den ersten Zeilen des Ausgangstextes genannt.",
            names.join(", ")
        ));
    }
    Ok(chosen)
}

/// Applies `commands` in order to `base`.
pub fn apply(base: &str, commands: &[&Amendment]) -> Applied {
    let mut text = SourceText::from_utf8("base", base).text().to_string();
    let mut results = Vec::new();
    for c in commands {
        let doc = Document::parse(SourceText::from_utf8("base", &text));
        let mut note = None;
        let outcome = apply_one(&doc, c, &c.target).or_else(|e| {
            // Sentence and item numbers of a target are often off by one in practice (a sentence
            // counted differently, a list item numbered in the draft's own way). For changes of
            // words, the enclosing unit is good enough when the words occur there exactly once.
            let parent = c.target.parent();
            let words = match (&c.op, &c.anchor) {
                (Operation::Replace | Operation::Delete, _) if c.new_unit.is_none() => c.old.first(),
                (Operation::Insert, Some(Anchor::AfterWords(w) | Anchor::BeforeWords(w))) => Some(w),
                _ => None,
            };
            let last_is_fine_grained = c.target.last().is_some_and(|s| {
                matches!(s.kind, UnitKind::Satz | UnitKind::Halbsatz | UnitKind::Nummer | UnitKind::Buchstabe | UnitKind::SentencePart)
            });
            match (words, last_is_fine_grained && !parent.is_empty()) {
                (Some(w), true) => {
                    let places = resolve::resolve(&doc, &parent).map_err(|_| e.clone())?;
                    let count: usize = places.iter().map(|p| occurrences(doc.text(), p.span, &w.text).len()).sum();
                    if count != 1 {
                        return Err(e);
                    }
                    note = Some(format!("{e}; die Wörter „{}“ stehen genau einmal in „{parent}“ und wurden dort geändert", w.text));
                    apply_one(&doc, c, &parent)
                }
                _ => Err(e),
            }
        });
        let error = match outcome {
            Ok(edits) => {
                text = edit(&text, edits);
                None
            }
            Err(e) => {
                note = None;
                Some(e)
            }
        };
        results.push(ApplyResult { path: c.path.clone(), target: c.target.to_string(), op: c.op, error, note });
    }
    Applied { text, results }
}

/// The text a command changes in `base`, before and after: the target unit (widened to cover
/// inserted units). `None` if the command cannot be applied to `base`.
pub(super) fn unit_change(base: &Document, c: &Amendment) -> Option<(String, String)> {
    let places = resolve::resolve(base, &c.target).ok()?;
    let edits = apply_one(base, c, &c.target).ok()?;
    let mut start = places.first()?.span.start;
    let mut end = places.last()?.span.end;
    for e in &edits {
        start = start.min(e.span.start);
        end = end.max(e.span.end);
    }
    let before = base.text()[start..end].to_string();
    let shifted = edits.into_iter().map(|e| Edit { span: Span::new(e.span.start - start, e.span.end - start), with: e.with }).collect();
    Some((before.clone(), edit(&before, shifted)))
}

/// A replacement of `span` by `with`.
#[derive(Debug, Clone)]
struct Edit {
    span: Span,
    with: String,
}

/// Applies non-overlapping edits (any order).
fn edit(text: &str, mut edits: Vec<Edit>) -> String {
    edits.sort_by_key(|e| std::cmp::Reverse(e.span.start));
    let mut out = text.to_string();
    for e in edits {
        out.replace_range(e.span.range(), &e.with);
    }
    out
}

fn apply_one(doc: &Document, c: &Amendment, target: &TargetRef) -> Result<Vec<Edit>, String> {
    if c.external_new {
        return Err("Die neue Fassung steht nicht im Änderungsbefehl (z. B. im Anhang) und kann nicht übernommen werden.".into());
    }
    let places = resolve::resolve(doc, target)?;
    let text = doc.text();
    // Drafts set quoted units apart by blank lines; in the law they follow line by line.
    let new_text = || c.new.iter().map(|w| single_spaced(w.text.trim())).collect::<Vec<_>>().join("\n");
    match c.op {
        Operation::Replace if c.new_unit.is_some() || c.old.is_empty() => Ok(vec![replace_units(text, &places, &new_text())]),
        Operation::Recast => Ok(vec![replace_units(text, &places, &new_text())]),
        Operation::Replace | Operation::Delete => {
            let mut edits = Vec::new();
            for place in &places {
                for (i, old) in c.old.iter().enumerate() {
                    let occ = occurrences(text, place.span, &old.text);
                    if occ.is_empty() {
                        return Err(format!("Die Wörter „{}“ stehen nicht in „{}“.", old.text, c.target));
                    }
                    let chosen: Vec<Span> = if c.every {
                        occ
                    } else if c.at_end {
                        vec![*occ.last().expect("not empty")]
                    } else {
                        vec![occ[0]]
                    };
                    let with = match c.op {
                        Operation::Replace => c.new.get(i).or(c.new.first()).map(|w| w.text.clone()).unwrap_or_default(),
                        _ => String::new(),
                    };
                    for s in chosen {
                        edits.push(word_edit(text, s, &with));
                    }
                }
            }
            Ok(edits)
        }
        Operation::Insert => match &c.anchor {
            Some(Anchor::AfterWords(w) | Anchor::BeforeWords(w)) => {
                let after = matches!(c.anchor, Some(Anchor::AfterWords(_)));
                let mut edits = Vec::new();
                for place in &places {
                    let occ = occurrences(text, place.span, &w.text);
                    let Some(&at) = (if c.every { occ.first() } else if c.at_end { occ.last() } else { occ.first() }) else {
                        return Err(format!("Die Wörter „{}“ stehen nicht in „{}“.", w.text, c.target));
                    };
                    let targets: Vec<Span> = if c.every { occ.clone() } else { vec![at] };
                    for s in targets {
                        edits.push(insert_words(s, &new_text(), after));
                    }
                }
                Ok(edits)
            }
            Some(Anchor::AfterUnit) => {
                let last = places.last().expect("resolve returns at least one place");
                Ok(vec![insert_unit(text, last, &new_text(), true)])
            }
            Some(Anchor::BeforeUnit) => {
                let first = places.first().expect("resolve returns at least one place");
                Ok(vec![insert_unit(text, first, &new_text(), false)])
            }
            None => Err("Die Einfügestelle fehlt.".into()),
        },
        Operation::Append | Operation::Prepend => {
            let place = places.last().expect("resolve returns at least one place");
            let append = c.op == Operation::Append;
            if c.new_unit.is_none() && c.op == Operation::Append {
                // „In Absatz 3 werden die Wörter „…“ angefügt“: words at the end, before the final
                // punctuation.
                let s = &text[place.span.range()];
                let trimmed = s.trim_end();
                let end = place.span.start + trimmed.len();
                let before_punct = if trimmed.ends_with(['.', ';']) { end - 1 } else { end };
                return Ok(vec![Edit { span: Span::new(before_punct, before_punct), with: format!(" {}", new_text()) }]);
            }
            Ok(vec![attach_unit(doc, place, &new_text(), c.new_unit.as_ref().map(|u| u.kind), append)])
        }
        Operation::Repeal => Ok(places.iter().map(|p| repeal(doc, p)).collect()),
        Operation::Renumber => {
            let to = c.new_unit.as_ref().ok_or("Die neue Nummerierung fehlt.")?.expanded();
            if to.len() != places.len() {
                return Err(format!("{} Einheiten, aber {} neue Nummern.", places.len(), to.len()));
            }
            let mut edits = Vec::new();
            for (p, new_label) in places.iter().zip(to) {
                let id = p.node.ok_or("Einheit ohne Nummer")?;
                let label = &doc.node(id).label;
                let old = bare_label(label);
                if label.is_empty() || !text[p.span.range()].starts_with(label.as_str()) {
                    return Err(format!("Nummer von „{}“ nicht gefunden.", c.target));
                }
                let relabelled = label.replacen(&old, &new_label, 1);
                edits.push(Edit { span: Span::new(p.span.start, p.span.start + label.len()), with: relabelled });
            }
            Ok(edits)
        }
    }
}

/// Blank lines inside quoted wording removed.
fn single_spaced(text: &str) -> String {
    text.lines().map(str::trim_end).filter(|l| !l.trim().is_empty()).collect::<Vec<_>>().join("\n")
}

/// Occurrences of `needle` in `span`, whole words preferred; whitespace differences (line breaks)
/// are tolerated.
fn occurrences(text: &str, span: Span, needle: &str) -> Vec<Span> {
    let hay = &text[span.range()];
    let needle = needle.trim();
    if needle.is_empty() {
        return Vec::new();
    }
    let mut all = Vec::new();
    let mut from = 0;
    while let Some(i) = hay[from..].find(needle) {
        let s = from + i;
        all.push(Span::new(span.start + s, span.start + s + needle.len()));
        from = s + needle.len().max(1);
    }
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    let bounded: Vec<Span> = all
        .iter()
        .copied()
        .filter(|s| {
            let before = text[..s.start].chars().next_back();
            let after = text[s.end..].chars().next();
            let first = needle.chars().next();
            let last = needle.chars().next_back();
            !(word(first) && word(before) || word(last) && word(after))
        })
        .collect();
    if bounded.is_empty() {
        all
    } else {
        bounded
    }
}

/// Replaces words, keeping the spacing right around punctuation: „oder“ → „,“ leaves no space
/// before the comma, „.“ → „oder“ adds one before the word, deleting words leaves one space.
fn word_edit(text: &str, span: Span, with: &str) -> Edit {
    let mut span = span;
    let before = text[..span.start].chars().next_back();
    let after = text[span.end..].chars().next();
    let with_starts_punct = with.chars().next().is_some_and(|c| ",.;:)".contains(c));
    let mut with = with.to_string();
    if with.is_empty() || with_starts_punct {
        // Drop the space before the removed words (or before the new punctuation).
        if before == Some(' ') {
            span.start -= 1;
        } else if with.is_empty() && after == Some(' ') {
            span.end += 1;
        }
        if with.is_empty() && before == Some(' ') && after.is_some_and(|c| c.is_alphanumeric() || c == '(') {
            with = " ".to_string();
        }
    } else if with.chars().next().is_some_and(char::is_alphanumeric) && before.is_some_and(|c| c.is_alphanumeric()) {
        with = format!(" {with}");
    }
    Edit { span, with }
}

fn insert_words(at: Span, new: &str, after: bool) -> Edit {
    let new = new.trim();
    if after {
        let sep = if new.starts_with([',', '.', ';', ':', ')']) { "" } else { " " };
        Edit { span: Span::new(at.end, at.end), with: format!("{sep}{new}") }
    } else {
        Edit { span: Span::new(at.start, at.start), with: format!("{new} ") }
    }
}

/// Replaces the units `places` (a range of them) by `new`.
fn replace_units(text: &str, places: &[Place], new: &str) -> Edit {
    let start = places.first().map_or(0, |p| p.span.start);
    let end = places.last().map_or(start, |p| p.span.end);
    let _ = text;
    Edit { span: Span::new(start, end), with: new.trim().to_string() }
}

/// The whitespace that separates a unit from what follows it (a blank line between §§, a line
/// break between Absätze, a space between sentences).
fn separator_after(text: &str, place: &Place) -> String {
    let rest = &text[place.span.end..];
    let ws: String = rest.chars().take_while(|c| c.is_whitespace()).collect();
    match place.kind {
        UnitKind::Satz | UnitKind::SentencePart => " ".to_string(),
        _ if ws.contains('\n') => ws.chars().filter(|&c| c == '\n').collect(),
        _ => "\n".to_string(),
    }
}

fn insert_unit(text: &str, place: &Place, new: &str, after: bool) -> Edit {
    let sep = separator_after(text, place);
    if after {
        Edit { span: Span::new(place.span.end, place.span.end), with: format!("{sep}{}", new.trim()) }
    } else {
        Edit { span: Span::new(place.span.start, place.span.start), with: format!("{}{sep}", new.trim()) }
    }
}

/// „Dem § 7 wird folgender Absatz 4 angefügt“, „Folgender Satz wird vorangestellt“.
fn attach_unit(doc: &Document, container: &Place, new: &str, unit: Option<UnitKind>, append: bool) -> Edit {
    let text = doc.text();
    let sentence = unit == Some(UnitKind::Satz);
    let sep = if sentence {
        " ".to_string()
    } else {
        // Units on lines of their own: as the container's own units are separated.
        let inner = container
            .node
            .and_then(|id| {
                let kids = &doc.node(id).children;
                kids.windows(2).map(|w| &text[doc.node(w[0]).span.end..doc.node(w[1]).span.start]).find(|g| g.contains('\n'))
            })
            .map(|g| g.chars().filter(|&c| c == '\n').collect::<String>());
        inner.unwrap_or_else(|| "\n".to_string())
    };
    let list_item = matches!(unit, Some(UnitKind::Nummer | UnitKind::Buchstabe | UnitKind::Doppelbuchstabe | UnitKind::Dreifachbuchstabe));
    if append && list_item {
        // After the last item of the list, not after a sentence that follows the list.
        if let Some(last) = container.node.and_then(|id| resolve::last_item(doc, id)) {
            let end = resolve::item_span(doc, last).end;
            return Edit { span: Span::new(end, end), with: format!("\n{}", new.trim()) };
        }
    }
    if append {
        Edit { span: Span::new(container.span.end, container.span.end), with: format!("{sep}{}", new.trim()) }
    } else {
        let start = container.node.map_or(container.span.start, |id| resolve::content_start(doc, id));
        Edit { span: Span::new(start, start), with: format!("{}{sep}", new.trim()) }
    }
}

/// Removes a unit; a § stays as „§ N (weggefallen)“, as consolidated texts show repealed §§.
fn repeal(doc: &Document, place: &Place) -> Edit {
    let text = doc.text();
    if let (Some(id), UnitKind::Paragraph) = (place.node, place.kind) {
        let label = doc.node(id).label.clone();
        return Edit { span: place.span, with: format!("{label} (weggefallen)") };
    }
    let mut end = place.span.end;
    let rest = &text[end..];
    let line_unit = place.node.is_some_and(|id| doc.node(id).kind != NodeKind::Satz);
    if line_unit || place.kind == UnitKind::ContentsEntry {
        // The whole line, with its line break.
        if let Some(nl) = rest.find('\n') {
            if rest[..nl].trim().is_empty() {
                end += nl + 1;
            }
        }
    } else {
        let spaces = rest.len() - rest.trim_start_matches(' ').len();
        let last_in_line = rest[spaces..].starts_with('\n') || spaces == rest.len();
        if last_in_line && text[..place.span.start].ends_with(' ') {
            // The last sentence of its line: the space before it goes, not the line break after.
            let before = text[..place.span.start].len() - text[..place.span.start].trim_end_matches(' ').len();
            return Edit { span: Span::new(place.span.start - before, end + spaces), with: String::new() };
        }
        end += spaces;
    }
    Edit { span: Span::new(place.span.start, end), with: String::new() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::amend::parse;

    fn run(base: &str, draft: &str) -> Applied {
        let doc = Document::parse(SourceText::from_utf8("draft", draft));
        let a = parse(&doc);
        assert!(a.unparsed.is_empty(), "{:?}", a.unparsed);
        let cmds: Vec<&Amendment> = a.commands.iter().collect();
        apply(base, &cmds)
    }

    const BASE: &str = "Gesetz über Beispiele\n\n§ 1\nAnwendungsbereich\n(1) Der Antrag ist schriftlich zu stellen.\n(2) Die Behörde entscheidet durch Bescheid, der schriftlich oder elektronisch zu erteilen ist.\n(3) Nachweise sind im Original vorzulegen.\n\n§ 2\nVerfahren\n(1) Die Frist beträgt einen Monat. Sie beginnt mit der Zustellung.\n(2) Das Nähere regelt die Behörde.\n";

    fn draft(commands: &str) -> String {
        format!("Gesetz zur Änderung des Beispielgesetzes\n\nArtikel 1\nÄnderung des Beispielgesetzes\nDas Beispielgesetz vom 1. Januar 2020 wird wie folgt geändert:\n{commands}\n\nArtikel 2\nInkrafttreten\nDieses Gesetz tritt am Tag nach der Verkündung in Kraft.\n")
    }

    #[test]
    fn word_commands() {
        let r = run(BASE, &draft("1. In § 1 Absatz 1 wird das Wort „schriftlich“ durch die Wörter „schriftlich oder elektronisch“ ersetzt.\n2. In § 1 Absatz 2 werden die Wörter „oder elektronisch“ gestrichen.\n3. In § 2 Absatz 1 Satz 1 wird nach dem Wort „einen“ das Wort „vollen“ eingefügt."));
        assert_eq!(r.applied(), 3, "{:?}", r.results);
        assert!(r.text.contains("(1) Der Antrag ist schriftlich oder elektronisch zu stellen."));
        assert!(r.text.contains("durch Bescheid, der schriftlich zu erteilen ist."));
        assert!(r.text.contains("Die Frist beträgt einen vollen Monat."));
    }

    #[test]
    fn unit_commands() {
        let r = run(
            BASE,
            &draft("1. § 1 wird wie folgt geändert:\na) Absatz 3 wird aufgehoben.\nb) Folgender Absatz 3 wird angefügt:\n„(3) Nachweise können elektronisch vorgelegt werden.“\n2. Nach § 1 wird folgender § 1a eingefügt:\n„§ 1a\nPersönliches Erscheinen\nDer Antragsteller hat persönlich zu erscheinen.“\n3. § 2 Absatz 2 wird wie folgt gefasst:\n„(2) Das Nähere regelt das Ministerium durch Rechtsverordnung.“\n4. In § 2 Absatz 1 wird nach Satz 1 folgender Satz eingefügt:\n„Sie kann verlängert werden.“"),
        );
        assert_eq!(r.applied(), 5, "{:?}\n{}", r.results, r.text);
        assert!(!r.text.contains("im Original"), "{}", r.text);
        assert!(r.text.contains("(2) Die Behörde entscheidet durch Bescheid, der schriftlich oder elektronisch zu erteilen ist.\n(3) Nachweise können elektronisch vorgelegt werden."), "{}", r.text);
        assert!(r.text.contains("§ 1a\nPersönliches Erscheinen\nDer Antragsteller hat persönlich zu erscheinen.\n\n§ 2"), "{}", r.text);
        assert!(r.text.contains("(2) Das Nähere regelt das Ministerium durch Rechtsverordnung."), "{}", r.text);
        assert!(r.text.contains("Die Frist beträgt einen Monat. Sie kann verlängert werden. Sie beginnt"), "{}", r.text);
    }

    #[test]
    fn failures_name_the_reason() {
        let r = run(BASE, &draft("1. In § 1 Absatz 1 wird das Wort „mündlich“ durch das Wort „elektronisch“ ersetzt.\n2. § 9 wird aufgehoben."));
        assert_eq!(r.applied(), 0);
        let errors: Vec<&str> = r.failed().filter_map(|f| f.error.as_deref()).collect();
        assert!(errors[0].contains("„mündlich“"), "{errors:?}");
        assert!(errors[1].contains("§ 9"), "{errors:?}");
        assert_eq!(r.text, SourceText::from_utf8("b", BASE).text());
    }

    #[test]
    fn renumbering_and_punctuation() {
        let base = "§ 1\nTitel\n(1) Eins.\n(2) Zwei.\n(3) Drei.\n(4) Vier:\n1. erstens,\n2. zweitens oder\n3. drittens.\n";
        let r = run(base, &draft("1. § 1 wird wie folgt geändert:\na) Absatz 2 wird aufgehoben.\nb) Die Absätze 3 und 4 werden die Absätze 2 und 3.\nc) In Absatz 3 Nummer 2 wird das Wort „oder“ am Ende durch ein „,“ ersetzt.\nd) In Absatz 3 Nummer 3 wird der „.“ am Ende durch das Wort „oder“ ersetzt."));
        assert_eq!(r.applied(), 4, "{:?}\n{}", r.results, r.text);
        assert!(r.text.contains("(1) Eins.\n(2) Drei.\n(3) Vier:\n1. erstens,\n2. zweitens,\n3. drittens oder\n"), "{}", r.text);
    }
}
