//! What one command changes in the text of the law: the edits (replace this byte range by that
//! text), and for commands on whole units what happens to the numbering, which
//! [`super::numbering`] checks against the other commands of the Artikel.
//!
//! Every edit is found in the law as it stands before the Artikel ([`Plan`]s of one Artikel are
//! made on the same text and applied together), so a command names its units in the numbering
//! before the amendment, as the HdR intends.

use super::layout::{self, Layout};
use super::model::{Amendment, Anchor, Operation, Segment, TargetRef, UnitKind};
use super::resolve::{self, bare_label, Place, Unresolved};
use crate::source::Span;
use crate::structure::{Document, NodeId, NodeKind};

/// A replacement of `span` by `with`; `order` decides between edits at the same place (the
/// earlier command's text comes first).
#[derive(Debug, Clone)]
pub(super) struct Edit {
    pub span: Span,
    pub with: String,
    pub order: usize,
}

/// Where new units go in their list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Position {
    After(NodeId),
    Before(NodeId),
    End,
    Start,
}

/// What a command does to the numbered units of one list (the §§ of the law, the Absätze of a
/// §, the Nummern of a sentence).
#[derive(Debug, Clone)]
pub(super) enum UnitEffect {
    /// New units labelled `labels` (as quoted) go to `position` in the list of `kind` units whose
    /// parent is `list` (for §§: the whole law).
    Add { kind: NodeKind, list: NodeId, position: Position, labels: Vec<String> },
    /// The units are repealed; whether they stay as „(weggefallen)“ depends on the others.
    Repeal { nodes: Vec<NodeId> },
    /// The units get new numbers.
    Relabel { nodes: Vec<(NodeId, String)> },
    /// The units are replaced by new ones labelled `labels`.
    Replace { nodes: Vec<NodeId>, labels: Vec<String> },
}

/// What applying one command means.
#[derive(Debug, Clone, Default)]
pub(super) struct Plan {
    pub edits: Vec<Edit>,
    pub effect: Option<UnitEffect>,
    /// A remark on how the command was applied.
    pub note: Option<String>,
    /// Old norm → new norm of units the command renumbers („§ 173“ → „§ 174“).
    pub renumbered: Vec<(String, String)>,
    /// Numbered units the command repeals: their edits depend on the numbering of the Artikel
    /// (see [`repeal`]).
    pub repeals: Vec<Place>,
}

/// Why a command is not applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Refusal {
    /// It does not fit the law; the reason is for the drafter.
    Error(String),
    /// It amends the Inhaltsübersicht, which the base text does not have.
    NoContents,
}

impl From<String> for Refusal {
    fn from(e: String) -> Refusal {
        Refusal::Error(e)
    }
}

impl From<Unresolved> for Refusal {
    fn from(u: Unresolved) -> Refusal {
        match u {
            Unresolved::NoContents => Refusal::NoContents,
            Unresolved::Missing(e) => Refusal::Error(e),
        }
    }
}

/// The plan of command `c` (number `order` of its Artikel) on `doc`.
pub(super) fn plan(doc: &Document, layout: &Layout, c: &Amendment, order: usize) -> Result<Plan, Refusal> {
    match plan_at(doc, layout, c, &c.target, order) {
        Ok(p) => Ok(p),
        Err(Refusal::Error(e)) => words_in_parent(doc, layout, c, order, e),
        Err(r) => Err(r),
    }
}

/// Sentence and item numbers of a target are often off by one in practice (a sentence counted
/// differently, a list item numbered in the draft's own way). For changes of words, the
/// enclosing unit is good enough when the words occur there exactly once; the note says so.
fn words_in_parent(doc: &Document, layout: &Layout, c: &Amendment, order: usize, e: String) -> Result<Plan, Refusal> {
    let parent = c.target.parent();
    let words = match (&c.op, &c.anchor) {
        (Operation::Replace | Operation::Delete, _) if c.new_unit.is_none() => c.old.first(),
        (Operation::Insert, Some(Anchor::AfterWords(w) | Anchor::BeforeWords(w))) => Some(w),
        _ => None,
    };
    let fine_grained = c
        .target
        .last()
        .is_some_and(|s| matches!(s.kind, UnitKind::Satz | UnitKind::Halbsatz | UnitKind::Nummer | UnitKind::Buchstabe | UnitKind::SentencePart));
    let (Some(w), true) = (words, fine_grained && !parent.is_empty()) else { return Err(Refusal::Error(e)) };
    let Ok(places) = resolve::resolve(doc, &parent) else { return Err(Refusal::Error(e)) };
    let count: usize = places.iter().map(|p| occurrences(doc.text(), p.span, &w.text).len()).sum();
    if count != 1 {
        return Err(Refusal::Error(e));
    }
    let mut p = plan_at(doc, layout, c, &parent, order)?;
    p.note = Some(format!("{e}; die Wörter „{}“ stehen genau einmal in „{parent}“ und wurden dort geändert", w.text));
    Ok(p)
}

fn plan_at(doc: &Document, layout: &Layout, c: &Amendment, target: &TargetRef, order: usize) -> Result<Plan, Refusal> {
    if c.external_new {
        return Err(Refusal::Error("Die neue Fassung steht nicht im Änderungsbefehl (z. B. im Anhang) und kann nicht übernommen werden.".into()));
    }
    let places = resolve::resolve(doc, target)?;
    let text = doc.text();
    let contents = target.segments.iter().any(|s| matches!(s.kind, UnitKind::Contents | UnitKind::ContentsEntry));
    let words_only = c.new.iter().all(|w| !w.text.contains('\n'));
    let new_text = || {
        let raw = c.new.iter().map(|w| w.text.trim()).collect::<Vec<_>>().join("\n");
        if contents {
            layout::contents_entry(&raw, layout)
        } else if words_only && c.new.len() <= 1 && !unit_level(c) {
            raw
        } else {
            layout::units(&raw, layout)
        }
    };
    let edit = |span: Span, with: String| Edit { span, with, order };
    let mut plan = Plan::default();
    match c.op {
        Operation::Replace if c.new_unit.is_some() || c.old.is_empty() => {
            check_recast_labels(doc, c, &places)?;
            plan.edits.push(edit(range_of(&places), new_text()));
            plan.effect = replace_effect(c, &places);
        }
        Operation::Recast => {
            check_recast_labels(doc, c, &places)?;
            plan.edits.push(edit(range_of(&places), new_text()));
            plan.effect = replace_effect(c, &places);
        }
        Operation::Replace | Operation::Delete => {
            for place in &places {
                for (i, old) in c.old.iter().enumerate() {
                    let chosen = chosen_occurrences(text, place.span, &old.text, c, target)?;
                    let with = match c.op {
                        Operation::Replace => c.new.get(i).or(c.new.first()).map(|w| w.text.clone()).unwrap_or_default(),
                        _ => String::new(),
                    };
                    for s in chosen {
                        let e = word_edit(text, s, &with);
                        plan.edits.push(edit(e.0, e.1));
                    }
                }
            }
        }
        Operation::Insert => match &c.anchor {
            Some(Anchor::AfterWords(w) | Anchor::BeforeWords(w)) => {
                let after = matches!(c.anchor, Some(Anchor::AfterWords(_)));
                for place in &places {
                    let chosen = chosen_occurrences(text, place.span, &w.text, c, target)?;
                    for s in chosen {
                        let e = insert_words(s, &new_text(), after);
                        plan.edits.push(edit(e.0, e.1));
                    }
                }
            }
            Some(Anchor::AfterUnit | Anchor::BeforeUnit) => {
                let after = matches!(c.anchor, Some(Anchor::AfterUnit));
                let place = if after { places.last() } else { places.first() }.expect("resolve returns at least one place");
                let new = new_text();
                check_announced(c, &new)?;
                let (span, with) = insert_unit(text, place, &new, after);
                plan.edits.push(edit(span, with));
                plan.effect = add_effect(doc, c, place, &new, after);
            }
            None => return Err(Refusal::Error("Die Einfügestelle fehlt.".into())),
        },
        Operation::Append | Operation::Prepend => {
            let place = places.last().expect("resolve returns at least one place");
            let append = c.op == Operation::Append;
            if c.new_unit.is_none() && append {
                // „In Absatz 3 werden die Wörter „…“ angefügt“: words at the end, before the final
                // punctuation.
                let s = &text[place.span.range()];
                let trimmed = s.trim_end();
                let end = place.span.start + trimmed.len();
                let before_punct = if trimmed.ends_with(['.', ';']) { end - 1 } else { end };
                plan.edits.push(edit(Span::new(before_punct, before_punct), format!(" {}", new_text())));
            } else {
                let new = new_text();
                check_announced(c, &new)?;
                let (span, with) = attach_unit(doc, place, &new, c.new_unit.as_ref().map(|u| u.kind), append);
                plan.edits.push(edit(span, with));
                plan.effect = attach_effect(doc, c, place, &new, append);
            }
        }
        Operation::Repeal => {
            // Numbered units: their edits come once the numbering of the Artikel is known.
            let numbered = |p: &Place| p.node.is_some_and(|id| is_numbered(doc, id));
            for p in &places {
                if numbered(p) {
                    plan.repeals.push(*p);
                } else {
                    let (span, with) = repeal(doc, p, false);
                    plan.edits.push(edit(span, with));
                }
            }
            if !plan.repeals.is_empty() {
                plan.effect = Some(UnitEffect::Repeal { nodes: plan.repeals.iter().filter_map(|p| p.node).collect() });
            }
        }
        Operation::Renumber => {
            let to = c.new_unit.as_ref().ok_or("Die neue Nummerierung fehlt.".to_string())?.expanded();
            if to.len() != places.len() {
                return Err(Refusal::Error(format!(
                    "{} Einheiten sollen {} neue Nummern erhalten ({}); die Zählung geht nicht auf.",
                    places.len(),
                    to.len(),
                    c.new_unit.as_ref().map(|u| u.to_string()).unwrap_or_default()
                )));
            }
            let mut relabel = Vec::new();
            for (p, new_label) in places.iter().zip(to) {
                let id = p.node.ok_or("Einheit ohne Nummer".to_string())?;
                let label = &doc.node(id).label;
                let old = bare_label(label);
                if label.is_empty() || !text[p.span.range()].starts_with(label.as_str()) {
                    return Err(Refusal::Error(format!("Nummer von „{}“ nicht gefunden.", target)));
                }
                let relabelled = label.replacen(&old, &new_label, 1);
                plan.edits.push(edit(Span::new(p.span.start, p.span.start + label.len()), relabelled));
                let old_norm = doc.node(id).norm.to_string();
                let new_norm = renamed_norm(&old_norm, &old, &new_label);
                plan.renumbered.push((old_norm, new_norm));
                relabel.push((id, new_label));
            }
            plan.effect = Some(UnitEffect::Relabel { nodes: relabel });
        }
    }
    Ok(plan)
}

/// True for commands on whole units (their new wording is laid out as units).
fn unit_level(c: &Amendment) -> bool {
    c.op == Operation::Recast || c.new_unit.is_some() || matches!(c.anchor, Some(Anchor::AfterUnit | Anchor::BeforeUnit))
}

/// „§ 173 Abs. 2“ with its last „173“ replaced: the norm of a renumbered unit.
fn renamed_norm(norm: &str, old: &str, new: &str) -> String {
    match norm.rfind(old) {
        Some(i) if norm[i + old.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric()) => {
            format!("{}{new}{}", &norm[..i], &norm[i + old.len()..])
        }
        _ => norm.to_string(),
    }
}

fn range_of(places: &[Place]) -> Span {
    let start = places.first().map_or(0, |p| p.span.start);
    let end = places.last().map_or(start, |p| p.span.end);
    Span::new(start, end)
}

/// True for a unit with a number of its own in the text („§ 5“, „(2)“, „3.“, „b)“), which a
/// consolidated text keeps as „(weggefallen)“ when it is repealed.
fn is_numbered(doc: &Document, id: NodeId) -> bool {
    let n = doc.node(id);
    !n.label.is_empty()
        && matches!(
            n.kind,
            NodeKind::Paragraph | NodeKind::Artikel | NodeKind::Absatz | NodeKind::Nummer | NodeKind::Buchstabe | NodeKind::Doppelbuchstabe | NodeKind::Anlage
        )
}

/// The structure node kind of a unit kind that is numbered in the text.
fn numbered_kind(kind: UnitKind) -> Option<NodeKind> {
    Some(match kind {
        UnitKind::Paragraph => NodeKind::Paragraph,
        UnitKind::Artikel => NodeKind::Artikel,
        UnitKind::Absatz => NodeKind::Absatz,
        UnitKind::Nummer => NodeKind::Nummer,
        UnitKind::Buchstabe => NodeKind::Buchstabe,
        UnitKind::Doppelbuchstabe | UnitKind::Dreifachbuchstabe => NodeKind::Doppelbuchstabe,
        UnitKind::Anlage => NodeKind::Anlage,
        _ => return None,
    })
}

/// The numbers of the units of `kind` that quoted wording starts (its lines „§ 173“, „(3)“,
/// „5.“, „e)“, „aa)“), in order; nested units of other kinds are not counted.
pub(super) fn quoted_labels(new: &str, kind: NodeKind) -> Vec<String> {
    let mut out = Vec::new();
    for line in new.lines() {
        let t = line.trim();
        let label = match kind {
            NodeKind::Paragraph => t.strip_prefix("§ ").and_then(|r| {
                let l: String = r.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
                let after = r[l.len()..].trim_start();
                let alone = after.is_empty() || after.starts_with(['–', '-', '\t']) || after.starts_with("(weggefallen)");
                (!l.is_empty() && l.chars().next().is_some_and(|c| c.is_ascii_digit()) && alone).then_some(l)
            }),
            NodeKind::Absatz => t.strip_prefix('(').and_then(|r| {
                let l: String = r.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
                (!l.is_empty() && l.chars().next().is_some_and(|c| c.is_ascii_digit()) && r[l.len()..].starts_with(')')).then_some(l)
            }),
            NodeKind::Nummer => {
                let l: String = t.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
                (!l.is_empty() && l.chars().next().is_some_and(|c| c.is_ascii_digit()) && t[l.len()..].starts_with(". ")).then_some(l)
            }
            NodeKind::Buchstabe | NodeKind::Doppelbuchstabe => {
                let l: String = t.chars().take_while(|c| c.is_ascii_lowercase()).collect();
                let width = if kind == NodeKind::Buchstabe { 1 } else { 2 };
                let same = l.chars().all(|c| l.starts_with(c));
                (l.chars().count() == width && same && t[l.len()..].starts_with(") ")).then_some(l)
            }
            _ => None,
        };
        out.extend(label);
    }
    out
}

/// „Nach Absatz 2 wird folgender Absatz 3 eingefügt: „(4) …““ does not add up: the units the
/// command announces must be the ones its quote starts.
fn check_announced(c: &Amendment, new: &str) -> Result<(), Refusal> {
    let Some(unit) = &c.new_unit else { return Ok(()) };
    let Some(kind) = numbered_kind(unit.kind) else { return Ok(()) };
    let announced = unit.expanded();
    if announced.is_empty() {
        return Ok(());
    }
    let quoted = quoted_labels(new, kind);
    if quoted.is_empty() || quoted == announced || unit.range && quoted.first() == announced.first() && quoted.last() == announced.last() {
        return Ok(());
    }
    Err(Refusal::Error(format!(
        "Der Befehl kündigt {unit} an, der zitierte Wortlaut enthält aber {}; die Zählung geht nicht auf.",
        Segment { kind: unit.kind, labels: quoted, range: false }
    )))
}

/// „Die §§ 175 und 176 werden wie folgt gefasst: „§ 175 … § 177 …““: the recast units keep their
/// numbers unless the command announces others („durch die folgenden Absätze 2 bis 5 ersetzt“).
fn check_recast_labels(doc: &Document, c: &Amendment, places: &[Place]) -> Result<(), Refusal> {
    let Some(kind) = places.first().and_then(|p| numbered_kind(p.kind)) else { return Ok(()) };
    let nodes: Vec<NodeId> = places.iter().filter_map(|p| p.node).collect();
    if nodes.len() != places.len() || nodes.iter().any(|&id| doc.node(id).kind != kind) {
        return Ok(());
    }
    let new = c.new.iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join("\n");
    let quoted = quoted_labels(&new, kind);
    if quoted.is_empty() {
        return Ok(());
    }
    let unit_kind = places[0].kind;
    let expected: Vec<String> = match &c.new_unit {
        Some(unit) if numbered_kind(unit.kind) == Some(kind) && !unit.labels.is_empty() => {
            let announced = unit.expanded();
            if unit.range && quoted.first() == announced.first() && quoted.last() == announced.last() {
                return Ok(());
            }
            announced
        }
        // Without announced numbers, units may be merged or split („Nummer 2 bis Nummer 3 wird
        // ersetzt durch: „2. …““); the numbering of the Artikel judges that. The same count of
        // units with other numbers is a mislabelled quote.
        _ => {
            let own: Vec<String> = nodes.iter().map(|&id| bare_label(&doc.node(id).label)).collect();
            if own.len() != quoted.len() {
                return Ok(());
            }
            own
        }
    };
    if quoted == expected {
        return Ok(());
    }
    Err(Refusal::Error(format!(
        "Neu gefasst werden soll {}, der zitierte Wortlaut enthält aber {}; die Zählung geht nicht auf.",
        Segment { kind: unit_kind, labels: expected, range: false },
        Segment { kind: unit_kind, labels: quoted, range: false }
    )))
}

/// The effect of replacing `places` by the command's new units.
fn replace_effect(c: &Amendment, places: &[Place]) -> Option<UnitEffect> {
    let kind = numbered_kind(places.first()?.kind)?;
    let nodes: Vec<NodeId> = places.iter().filter_map(|p| p.node).collect();
    if nodes.len() != places.len() {
        return None;
    }
    let new = c.new.iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join("\n");
    let labels = quoted_labels(&new, kind);
    Some(UnitEffect::Replace { nodes, labels })
}

/// The list a unit belongs to: its parent (for §§, Artikel and Anlagen: the whole law).
pub(super) fn list_of(doc: &Document, id: NodeId) -> NodeId {
    match doc.node(id).kind {
        NodeKind::Paragraph | NodeKind::Artikel | NodeKind::Anlage => doc.root(),
        _ => doc.node(id).parent.unwrap_or(doc.root()),
    }
}

/// The effect of inserting new units next to `place`.
fn add_effect(doc: &Document, c: &Amendment, place: &Place, new: &str, after: bool) -> Option<UnitEffect> {
    let unit = c.new_unit.as_ref()?;
    let kind = numbered_kind(unit.kind)?;
    let anchor = place.node?;
    if doc.node(anchor).kind != kind {
        return None;
    }
    let mut labels = quoted_labels(new, kind);
    if labels.is_empty() {
        labels = unit.expanded();
    }
    let position = if after { Position::After(anchor) } else { Position::Before(anchor) };
    Some(UnitEffect::Add { kind, list: list_of(doc, anchor), position, labels })
}

/// The effect of appending (prepending) new units to the container at `place`.
fn attach_effect(doc: &Document, c: &Amendment, place: &Place, new: &str, append: bool) -> Option<UnitEffect> {
    let unit = c.new_unit.as_ref()?;
    let kind = numbered_kind(unit.kind)?;
    let container = place.node?;
    let mut labels = quoted_labels(new, kind);
    if labels.is_empty() {
        labels = unit.expanded();
    }
    // The list the new units join: that of the container's units of this kind, if it has any.
    let list = resolve::units_below(doc, container, kind).first().map_or(container, |&u| list_of(doc, u));
    let list = if matches!(kind, NodeKind::Paragraph | NodeKind::Artikel | NodeKind::Anlage) { doc.root() } else { list };
    let position = match (append, resolve::units_below(doc, container, kind).as_slice()) {
        (true, [.., last]) => Position::After(*last),
        (false, [first, ..]) => Position::Before(*first),
        (true, []) => Position::End,
        (false, []) => Position::Start,
    };
    Some(UnitEffect::Add { kind, list, position, labels })
}

/// The occurrences of `words` in `span` that command `c` acts on: all with „jeweils“, the last
/// with „am Ende“, else the first. Words that do not stand there refuse the command: applying it
/// elsewhere would be silently wrong.
fn chosen_occurrences(text: &str, span: Span, words: &str, c: &Amendment, target: &TargetRef) -> Result<Vec<Span>, Refusal> {
    let occ = occurrences(text, span, words);
    let Some(&last) = occ.last() else {
        return Err(Refusal::Error(format!("Die Wörter „{words}“ stehen nicht in „{target}“.")));
    };
    Ok(if c.every {
        occ
    } else if c.at_end {
        vec![last]
    } else {
        vec![occ[0]]
    })
}

/// Occurrences of `needle` in `span`, whole words preferred; whitespace differences (line breaks)
/// are tolerated.
pub(super) fn occurrences(text: &str, span: Span, needle: &str) -> Vec<Span> {
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
fn word_edit(text: &str, span: Span, with: &str) -> (Span, String) {
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
    (span, with)
}

fn insert_words(at: Span, new: &str, after: bool) -> (Span, String) {
    let new = new.trim();
    if after {
        let sep = if new.starts_with([',', '.', ';', ':', ')']) { "" } else { " " };
        (Span::new(at.end, at.end), format!("{sep}{new}"))
    } else {
        (Span::new(at.start, at.start), format!("{new} "))
    }
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

fn insert_unit(text: &str, place: &Place, new: &str, after: bool) -> (Span, String) {
    let sep = separator_after(text, place);
    if after {
        (Span::new(place.span.end, place.span.end), format!("{sep}{}", new.trim()))
    } else {
        (Span::new(place.span.start, place.span.start), format!("{}{sep}", new.trim()))
    }
}

/// „Dem § 7 wird folgender Absatz 4 angefügt“, „Folgender Satz wird vorangestellt“.
fn attach_unit(doc: &Document, container: &Place, new: &str, unit: Option<UnitKind>, append: bool) -> (Span, String) {
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
            return (Span::new(end, end), format!("{sep}{}", new.trim()));
        }
    }
    if append {
        (Span::new(container.span.end, container.span.end), format!("{sep}{}", new.trim()))
    } else {
        let start = container.node.map_or(container.span.start, |id| resolve::content_start(doc, id));
        (Span::new(start, start), format!("{}{sep}", new.trim()))
    }
}

/// Removes a unit. A numbered unit (§, Absatz, Nummer, Buchstabe, Artikel, Anlage) whose number no
/// other unit takes stays as „§ 5 (weggefallen)“, „(3) (weggefallen)“, as consolidated texts show
/// repealed units; otherwise it goes with its line.
pub(super) fn repeal(doc: &Document, place: &Place, placeholder: bool) -> (Span, String) {
    let text = doc.text();
    if let (Some(id), true) = (place.node, placeholder) {
        let label = doc.node(id).label.clone();
        let sep = if doc.node(id).kind == NodeKind::Paragraph && text[place.span.range()].starts_with(&format!("{label} – ")) {
            " – "
        } else {
            " "
        };
        return (place.span, format!("{label}{sep}(weggefallen)"));
    }
    let mut end = place.span.end;
    let rest = &text[end..];
    let line_unit = place.node.is_some_and(|id| doc.node(id).kind != NodeKind::Satz);
    if line_unit || place.kind == UnitKind::ContentsEntry {
        // The whole unit with the line breaks after it, up to the next unit.
        let ws = rest.len() - rest.trim_start_matches(['\n', '\r', ' ', '\t']).len();
        if rest[..ws].contains('\n') || ws == rest.len() {
            end += ws;
        }
    } else {
        let spaces = rest.len() - rest.trim_start_matches(' ').len();
        let last_in_line = rest[spaces..].starts_with('\n') || spaces == rest.len();
        if last_in_line && text[..place.span.start].ends_with(' ') {
            // The last sentence of its line: the space before it goes, not the line break after.
            let before = text[..place.span.start].len() - text[..place.span.start].trim_end_matches(' ').len();
            return (Span::new(place.span.start - before, end + spaces), String::new());
        }
        end += spaces;
    }
    (Span::new(place.span.start, end), String::new())
}
