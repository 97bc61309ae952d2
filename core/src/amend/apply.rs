//! Applies Änderungsbefehle to the text of the law they amend: the consolidated version, as the
//! law will read.
//!
//! The commands of one Artikel are read against the law as it stands before the Artikel (HdR:
//! the units a command names are those of the law it amends; a command that means the numbering
//! after an earlier one says so — „Im neuen Absatz 4“). So they are applied in the law's order,
//! not one after another as they are read: every target of an Artikel is found in the same text,
//! the numbering the commands leave is checked as a whole ([`super::numbering`]), and the edits
//! are made together. Commands that name the new numbering follow, one by one, on the result.
//! Artikel that amend the same law follow each other, each on the result of the one before.
//!
//! Never silently wrong: every command is applied exactly or listed with the reason it is not —
//! its target is not there, its words are not there, it changes a place another command changes,
//! it would leave a number twice or a gap — and the text it would have changed stays as it was.
//! [`Applied::is_complete`] says whether the consolidated text is the law as the draft makes it;
//! [`Applied::marked_text`] puts that at its top when it is not.

use super::edits::{self, Edit, Plan, Refusal};
use super::layout;
use super::model::{Amendment, Amendments, Anchor, Law, Operation, TargetRef, Unparsed};
use super::numbering;
use super::select;
use crate::source::{SourceText, Span};
use crate::structure::Document;
use serde::Serialize;

/// What happened to one command.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Applied,
    /// Not applied: it does not fit the law (see [`ApplyResult::error`]).
    Failed,
    /// Not applied because the base text lacks what it amends though the law has it (an
    /// Inhaltsübersicht): not a defect of the draft, and the text is complete without it.
    Skipped,
}

/// The outcome of one command.
#[derive(Debug, Clone, Serialize)]
pub struct ApplyResult {
    /// The command's path in the draft (`Art. 1 Nr. 3 Buchst. a`).
    pub path: String,
    /// The target in the amended law (`§ 5 Abs. 2`).
    pub target: String,
    pub op: Operation,
    pub outcome: Outcome,
    /// Why the command could not be applied, in German; `None` if it was.
    pub error: Option<String>,
    /// A remark on an applied or skipped command.
    pub note: Option<String>,
}

/// The consolidated text and what happened to each command.
#[derive(Debug, Clone, Serialize)]
pub struct Applied {
    /// The law as the draft makes it, as far as the commands could be applied.
    pub text: String,
    pub results: Vec<ApplyResult>,
    /// Commands of this law that could not be read: the text is incomplete without them.
    pub unparsed: Vec<Unparsed>,
    /// Remarks on the whole application (said once, e.g. that the base has no Inhaltsübersicht).
    pub notes: Vec<String>,
    /// Norms of renumbered units, before → after („§ 173“ → „§ 174“).
    pub renumbered: Vec<(String, String)>,
    /// The law the commands amend, if the draft names it.
    pub law: Option<Law>,
}

impl Applied {
    pub fn applied(&self) -> usize {
        self.results.iter().filter(|r| r.outcome == Outcome::Applied).count()
    }

    pub fn failed(&self) -> impl Iterator<Item = &ApplyResult> {
        self.results.iter().filter(|r| r.outcome == Outcome::Failed)
    }

    pub fn skipped(&self) -> impl Iterator<Item = &ApplyResult> {
        self.results.iter().filter(|r| r.outcome == Outcome::Skipped)
    }

    /// Commands not applied because they do not fit or could not be read.
    pub fn not_applied(&self) -> usize {
        self.failed().count() + self.unparsed.len()
    }

    /// True if every command was applied (or skipped for a part the base text lacks): the text is
    /// the law as the draft makes it.
    pub fn is_complete(&self) -> bool {
        self.not_applied() == 0
    }

    /// The text, with a notice at its top if it is incomplete: which commands are missing and why.
    pub fn marked_text(&self) -> String {
        if self.is_complete() {
            return self.text.clone();
        }
        let total = self.results.len() + self.unparsed.len();
        let mut out = format!(
            "[Digi-Check: Diese konsolidierte Fassung ist UNVOLLSTÄNDIG. {} von {total} Änderungsbefehlen wurden nicht angewandt; die Stellen, die sie ändern sollten, stehen hier in der bisherigen Fassung:\n",
            self.not_applied()
        );
        for r in self.failed() {
            out.push_str(&format!("– {} ({}, {}): {}\n", r.path, r.target, r.op.verb(), r.error.as_deref().unwrap_or_default()));
        }
        for u in &self.unparsed {
            out.push_str(&format!("– {} (nicht verstanden): {}\n", u.path, u.reason));
        }
        out.push_str("]\n\n");
        out.push_str(&self.text);
        out
    }
}

/// The commands of `amendments` that amend the law whose text is `base`: all of them if the
/// draft amends one law, else those of the law the base is (see [`select::choose`]).
pub fn commands_for<'a>(amendments: &'a Amendments, base: &str) -> Result<Vec<&'a Amendment>, String> {
    let doc = Document::parse(SourceText::from_utf8("base", base));
    Ok(select::choose(amendments, &doc, None)?.commands)
}

/// Applies the commands of `amendments` for the law `base` is (or the law named `law`), with the
/// commands of that law that could not be read counted as not applied.
pub fn apply_draft(base: &Document, amendments: &Amendments, law: Option<&str>) -> Result<Applied, String> {
    let selection = select::choose(amendments, base, law)?;
    let unparsed: Vec<Unparsed> = selection.unparsed.iter().map(|u| (*u).clone()).collect();
    let mut applied = run(base.text(), &selection.commands, &unparsed);
    applied.unparsed = unparsed;
    applied.law = selection.law;
    Ok(applied)
}

/// Applies `commands` to `base`.
pub fn apply(base: &str, commands: &[&Amendment]) -> Applied {
    let mut a = run(base, commands, &[]);
    a.law = commands.iter().find_map(|c| c.law.clone());
    a
}

fn run(base: &str, commands: &[&Amendment], unparsed: &[Unparsed]) -> Applied {
    let mut text = SourceText::from_utf8("base", base).text().to_string();
    let mut results: Vec<Option<ApplyResult>> = vec![None; commands.len()];
    let mut renumbered = Vec::new();
    for group in artikel_groups(commands) {
        let (now, later): (Vec<usize>, Vec<usize>) = group.iter().partition(|&&i| !commands[i].new_numbering);
        let doc = Document::parse(SourceText::from_utf8("base", &text));
        text = batch(&doc, commands, &now, &mut results, &mut renumbered);
        for i in later {
            if let Some(reason) = uncertain_numbering(commands, i, &group, &results, unparsed) {
                results[i] = Some(result(commands[i], Outcome::Failed, Some(reason), None));
                continue;
            }
            let doc = Document::parse(SourceText::from_utf8("base", &text));
            text = batch(&doc, commands, &[i], &mut results, &mut renumbered);
        }
    }
    let results: Vec<ApplyResult> = results.into_iter().map(|r| r.expect("every command has an outcome")).collect();
    let mut notes = Vec::new();
    let skipped: Vec<&ApplyResult> = results.iter().filter(|r| r.outcome == Outcome::Skipped).collect();
    if !skipped.is_empty() {
        notes.push(format!(
            "Der Ausgangstext hat keine Inhaltsübersicht; {} Änderung(en) der Inhaltsübersicht ({}) sind deshalb nicht angewandt. Der übrige Text ist davon nicht betroffen.",
            skipped.len(),
            skipped.iter().map(|r| r.path.as_str()).collect::<Vec<_>>().join(", ")
        ));
    }
    Applied { text, results, unparsed: Vec::new(), notes, renumbered, law: None }
}

fn result(c: &Amendment, outcome: Outcome, error: Option<String>, note: Option<String>) -> ApplyResult {
    ApplyResult { path: c.path.clone(), target: c.target.to_string(), op: c.op, outcome, error, note }
}

/// „Art. 2 Nr. 1“ → „Art. 2“: the Artikel of a command's path.
fn artikel_of(path: &str) -> &str {
    let mut words = path.split_whitespace();
    match (words.next(), words.next()) {
        (Some("Art."), Some(n)) => &path[..4 + n.len()],
        _ => "",
    }
}

/// The commands grouped by Artikel, in the order the Artikel come.
fn artikel_groups(commands: &[&Amendment]) -> Vec<Vec<usize>> {
    let mut groups: Vec<(&str, Vec<usize>)> = Vec::new();
    for (i, c) in commands.iter().enumerate() {
        let a = artikel_of(&c.path);
        match groups.iter_mut().find(|(k, _)| *k == a) {
            Some((_, g)) => g.push(i),
            None => groups.push((a, vec![i])),
        }
    }
    groups.into_iter().map(|(_, g)| g).collect()
}

/// The path of the item a command stands in: „Art. 1 Nr. 1 Buchst. c“ → „Art. 1 Nr. 1“.
fn parent_path(path: &str) -> &str {
    for word in [" Dreifachbuchst. ", " Doppelbuchst. ", " Buchst. ", " Nr. "] {
        if let Some(i) = path.rfind(word) {
            return &path[..i];
        }
    }
    artikel_of(path)
}

/// True for commands that change the numbering of a list.
fn changes_numbering(c: &Amendment) -> bool {
    matches!(c.op, Operation::Repeal | Operation::Renumber)
        || c.new_unit.as_ref().is_some_and(|u| !u.labels.is_empty())
        || matches!(c.anchor, Some(Anchor::AfterUnit | Anchor::BeforeUnit))
}

/// Why a command that names the new numbering („Im neuen Absatz 4“) cannot be applied: a command
/// of its Artikel that makes that numbering was not applied or not understood.
fn uncertain_numbering(commands: &[&Amendment], i: usize, group: &[usize], results: &[Option<ApplyResult>], unparsed: &[Unparsed]) -> Option<String> {
    let c = commands[i];
    let here = parent_path(&c.path);
    let related = |path: &str, target: Option<&TargetRef>| {
        parent_path(path) == here || path.starts_with(here) && !here.is_empty() || target.is_some_and(|t| starts_with(&c.target, &t.parent()))
    };
    for &j in group {
        let failed = results[j].as_ref().is_some_and(|r| r.outcome == Outcome::Failed);
        if failed && changes_numbering(commands[j]) && related(&commands[j].path, Some(&commands[j].target)) {
            return Some(format!(
                "Der Befehl bezieht sich auf die neue Zählung; die ergibt sich erst aus {}, der nicht angewandt wurde.",
                commands[j].path
            ));
        }
    }
    for u in unparsed {
        if artikel_of(&u.path) == artikel_of(&c.path) && related(&u.path, None) {
            return Some(format!(
                "Der Befehl bezieht sich auf die neue Zählung; die steht nicht fest, weil {} nicht verstanden wurde.",
                u.path
            ));
        }
    }
    None
}

fn starts_with(t: &TargetRef, prefix: &TargetRef) -> bool {
    !prefix.is_empty() && t.segments.len() >= prefix.segments.len() && t.segments[..prefix.segments.len()] == prefix.segments[..]
}

/// Applies the commands `idx` together to the law `doc`; returns the new text.
fn batch(doc: &Document, commands: &[&Amendment], idx: &[usize], results: &mut [Option<ApplyResult>], renumbered: &mut Vec<(String, String)>) -> String {
    let layout = layout::of(doc);
    let mut plans: Vec<(usize, Plan)> = Vec::new();
    for &i in idx {
        match edits::plan(doc, &layout, commands[i], i) {
            Ok(p) => plans.push((i, p)),
            Err(Refusal::Error(e)) => results[i] = Some(result(commands[i], Outcome::Failed, Some(e), None)),
            Err(Refusal::NoContents) => {
                results[i] = Some(result(commands[i], Outcome::Skipped, None, Some("Der Ausgangstext hat keine Inhaltsübersicht.".into())))
            }
        }
    }
    refuse_overlaps(commands, &mut plans, results);
    // The numbering the commands leave, checked as a whole; a command that breaks it goes, and the
    // rest is checked again.
    let verdict = loop {
        let effects: Vec<(usize, &edits::UnitEffect)> = plans.iter().filter_map(|(i, p)| p.effect.as_ref().map(|e| (*i, e))).collect();
        let verdict = numbering::check(doc, &effects);
        if verdict.blamed.is_empty() {
            break verdict;
        }
        for (i, reason) in verdict.blamed {
            results[i] = Some(result(commands[i], Outcome::Failed, Some(reason), None));
            plans.retain(|(j, _)| *j != i);
        }
    };
    let mut all: Vec<Edit> = Vec::new();
    for (i, mut p) in plans {
        for place in &p.repeals {
            let keep = place.node.is_some_and(|n| verdict.placeholders.contains(&n));
            let (span, with) = edits::repeal(doc, place, keep);
            p.edits.push(Edit { span, with, order: i });
        }
        all.extend(p.edits);
        renumbered.extend(p.renumbered);
        results[i] = Some(result(commands[i], Outcome::Applied, None, p.note));
    }
    edit(doc.text(), all)
}

/// The span a plan changes, for finding commands that change the same place: its edits and the
/// units it repeals.
fn touched(p: &Plan) -> Vec<Span> {
    p.edits.iter().map(|e| e.span).chain(p.repeals.iter().map(|r| r.span)).collect()
}

/// True if two changed spans collide: they overlap, or an insertion falls inside a replaced span.
fn collide(a: Span, b: Span) -> bool {
    a.overlaps(b) || a.is_empty() && b.start < a.start && a.start < b.end || b.is_empty() && a.start < b.start && b.start < a.end || a == b && !a.is_empty()
}

/// Commands that change a place an earlier command of the batch changes are not applied: which
/// of the two the law means cannot be known.
fn refuse_overlaps(commands: &[&Amendment], plans: &mut Vec<(usize, Plan)>, results: &mut [Option<ApplyResult>]) {
    let mut kept: Vec<(usize, Plan)> = Vec::new();
    for (i, p) in plans.drain(..) {
        let mine = touched(&p);
        let clash = kept.iter().find(|(_, q)| touched(q).iter().any(|&b| mine.iter().any(|&a| collide(a, b))));
        match clash {
            Some((j, _)) => {
                let reason = format!(
                    "Der Befehl ändert dieselbe Stelle wie {} ({}); beide zusammen lassen sich nicht eindeutig anwenden.",
                    commands[*j].path, commands[*j].target
                );
                results[i] = Some(result(commands[i], Outcome::Failed, Some(reason), None));
            }
            None => kept.push((i, p)),
        }
    }
    *plans = kept;
}

/// Applies non-overlapping edits; at one place, the earlier command's text comes first.
fn edit(text: &str, mut edits: Vec<Edit>) -> String {
    crate::sort::sort_by(&mut edits, |a, b| b.span.start.cmp(&a.span.start).then(b.span.end.cmp(&a.span.end)).then(b.order.cmp(&a.order)));
    let mut out = text.to_string();
    for e in edits {
        out.replace_range(e.span.range(), &e.with);
    }
    out
}

/// The text a command changes in `base`, before and after: the target unit (widened to cover
/// inserted units). `None` if the command cannot be applied to `base` on its own, or names units
/// in the numbering after other commands.
pub(super) fn unit_change(base: &Document, c: &Amendment) -> Option<(String, String)> {
    if c.new_numbering {
        return None;
    }
    let places = super::resolve::resolve(base, &c.target).ok()?;
    let layout = layout::of(base);
    let mut p = edits::plan(base, &layout, c, 0).ok()?;
    for place in &p.repeals {
        let (span, with) = edits::repeal(base, place, false);
        p.edits.push(Edit { span, with, order: 0 });
    }
    let mut start = places.first()?.span.start;
    let mut end = places.last()?.span.end;
    for e in &p.edits {
        start = start.min(e.span.start);
        end = end.max(e.span.end);
    }
    let before = base.text()[start..end].to_string();
    let shifted = p.edits.into_iter().map(|e| Edit { span: Span::new(e.span.start - start, e.span.end - start), with: e.with, order: e.order }).collect();
    Some((before.clone(), edit(&before, shifted)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::amend::parse;

    fn run_draft(base: &str, draft: &str) -> Applied {
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
        let r = run_draft(BASE, &draft("1. In § 1 Absatz 1 wird das Wort „schriftlich“ durch die Wörter „schriftlich oder elektronisch“ ersetzt.\n2. In § 1 Absatz 2 werden die Wörter „oder elektronisch“ gestrichen.\n3. In § 2 Absatz 1 Satz 1 wird nach dem Wort „einen“ das Wort „vollen“ eingefügt."));
        assert_eq!(r.applied(), 3, "{:?}", r.results);
        assert!(r.is_complete());
        assert!(r.text.contains("(1) Der Antrag ist schriftlich oder elektronisch zu stellen."));
        assert!(r.text.contains("durch Bescheid, der schriftlich zu erteilen ist."));
        assert!(r.text.contains("Die Frist beträgt einen vollen Monat."));
    }

    #[test]
    fn unit_commands() {
        let r = run_draft(
            BASE,
            &draft("1. § 1 wird wie folgt geändert:\na) Absatz 3 wird aufgehoben.\nb) Folgender Absatz 4 wird angefügt:\n„(4) Nachweise können elektronisch vorgelegt werden.“\n2. Nach § 1 wird folgender § 1a eingefügt:\n„§ 1a\nPersönliches Erscheinen\nDer Antragsteller hat persönlich zu erscheinen.“\n3. § 2 Absatz 2 wird wie folgt gefasst:\n„(2) Das Nähere regelt das Ministerium durch Rechtsverordnung.“\n4. In § 2 Absatz 1 wird nach Satz 1 folgender Satz eingefügt:\n„Sie kann verlängert werden.“"),
        );
        assert_eq!(r.applied(), 5, "{:?}\n{}", r.results, r.text);
        assert!(!r.text.contains("im Original"), "{}", r.text);
        // A repealed Absatz whose number no other takes stays as „(weggefallen)“.
        assert!(r.text.contains("(2) Die Behörde entscheidet durch Bescheid, der schriftlich oder elektronisch zu erteilen ist.\n(3) (weggefallen)\n(4) Nachweise können elektronisch vorgelegt werden."), "{}", r.text);
        assert!(r.text.contains("§ 1a\nPersönliches Erscheinen\nDer Antragsteller hat persönlich zu erscheinen.\n\n§ 2"), "{}", r.text);
        assert!(r.text.contains("(2) Das Nähere regelt das Ministerium durch Rechtsverordnung."), "{}", r.text);
        assert!(r.text.contains("Die Frist beträgt einen Monat. Sie kann verlängert werden. Sie beginnt"), "{}", r.text);
    }

    #[test]
    fn failures_name_the_reason_and_mark_the_text() {
        let r = run_draft(BASE, &draft("1. In § 1 Absatz 1 wird das Wort „mündlich“ durch das Wort „elektronisch“ ersetzt.\n2. § 9 wird aufgehoben."));
        assert_eq!(r.applied(), 0);
        assert!(!r.is_complete());
        let errors: Vec<&str> = r.failed().filter_map(|f| f.error.as_deref()).collect();
        assert!(errors[0].contains("„mündlich“"), "{errors:?}");
        assert!(errors[1].contains("§ 9"), "{errors:?}");
        assert_eq!(r.text, SourceText::from_utf8("b", BASE).text());
        let marked = r.marked_text();
        assert!(marked.starts_with("[Digi-Check: Diese konsolidierte Fassung ist UNVOLLSTÄNDIG. 2 von 2 Änderungsbefehlen"), "{marked}");
        assert!(marked.contains("– Art. 1 Nr. 2 (§ 9, aufgehoben): "), "{marked}");
    }

    #[test]
    fn renumbering_refers_to_the_numbering_before_the_artikel() {
        let base = "§ 1\nTitel\n(1) Eins.\n(2) Zwei.\n(3) Drei.\n(4) Vier:\n1. erstens,\n2. zweitens oder\n3. drittens.\n";
        // „Absatz 4“ is the Absatz 4 of the law as it is, though it becomes Absatz 3; „dem neuen
        // Absatz 3“ is the same Absatz in the new numbering.
        let r = run_draft(base, &draft("1. § 1 wird wie folgt geändert:\na) Absatz 2 wird aufgehoben.\nb) Die Absätze 3 und 4 werden die Absätze 2 und 3.\nc) In Absatz 4 Nummer 2 wird das Wort „oder“ am Ende durch ein „,“ ersetzt.\nd) In dem neuen Absatz 3 Nummer 3 wird der „.“ am Ende durch das Wort „oder“ ersetzt."));
        assert_eq!(r.applied(), 4, "{:?}\n{}", r.results, r.text);
        assert!(r.text.contains("(1) Eins.\n(2) Drei.\n(3) Vier:\n1. erstens,\n2. zweitens,\n3. drittens oder\n"), "{}", r.text);
        assert_eq!(r.renumbered, vec![("§ 1 Abs. 3".to_string(), "§ 1 Abs. 2".to_string()), ("§ 1 Abs. 4".to_string(), "§ 1 Abs. 3".to_string())]);
    }

    #[test]
    fn a_new_number_that_exists_is_refused() {
        let r = run_draft(BASE, &draft("1. Nach § 1 wird folgender § 2 eingefügt:\n„§ 2\nNeu\nText.“"));
        assert_eq!(r.applied(), 0);
        let e = r.results[0].error.as_deref().unwrap();
        assert!(e.contains("„§ 2“ zweimal"), "{e}");
        assert_eq!(r.text, SourceText::from_utf8("b", BASE).text());
    }

    #[test]
    fn announced_and_quoted_numbers_must_agree() {
        let r = run_draft(BASE, &draft("1. In § 2 wird nach Absatz 1 folgender Absatz 1a eingefügt:\n„(1b) Text.“"));
        let e = r.results[0].error.as_deref().unwrap();
        assert!(e.contains("kündigt Abs. 1a an") && e.contains("Abs. 1b"), "{e}");
    }

    #[test]
    fn commands_on_the_same_place_are_refused() {
        let r = run_draft(BASE, &draft("1. § 2 wird wie folgt geändert:\na) Absatz 2 wird wie folgt gefasst:\n„(2) Neu.“\nb) In Absatz 2 wird das Wort „Nähere“ durch das Wort „Weitere“ ersetzt."));
        assert_eq!(r.applied(), 1);
        let e = r.results[1].error.as_deref().unwrap();
        assert!(e.contains("dieselbe Stelle wie Art. 1 Nr. 1 Buchst. a"), "{e}");
    }
}
