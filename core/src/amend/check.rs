//! Checking an amending draft as the law will read, not as the commands are worded.
//!
//! Three rules make an amending law come out right:
//! 1. The command text and the quoted **old** wording are not law-to-be: findings of the plain check
//!    there are dropped („In § 14 wird das Wort „schriftlich“ durch …“ is no Schriftform barrier).
//! 2. Quoted **new** wording is law-to-be: a new § or Absatz is parsed as a document of its own, so
//!    its findings get real norms (`§ 3c Abs. 1 Satz 1`), and is attributed to the amended law:
//!    `amendment` = the command (`Art. 1 Nr. 3`), `target` = `§ 3c Abs. 1 Satz 1 VwVfG M-V`,
//!    `effect` = `introduced`.
//! 3. A change of **words** is judged by comparing before and after — the amended provision itself
//!    where its text is given, else the old and new wording — with the rule engine, and with the
//!    catalogue's vocabulary ([`crate::rules::Vocabulary`]) for fragments too short for a rule: a
//!    barrier that goes is reported as an improvement (`effect` = `removed`, severity `hinweis`); an
//!    electronic alternative that goes is reported as a new barrier although the command contains no
//!    barrier word. These two judgements are the rules of `rules/aenderung.dc`, which are matched
//!    by this code (`match code amendment`) and take title, severity, message, fix and explanation
//!    from the catalogue; the finding's category (and with it the principle) is the family of the
//!    barrier concerned:
//!
//! | rule        | effect       | when |
//! |-------------|--------------|------|
//! | `DC-AE-001` | `introduced` | an electronic alternative („oder elektronisch“, „in Textform“, „per E-Mail“) is deleted or replaced by wording without one |
//! | `DC-AE-002` | `removed`    | a barrier word („schriftlich“, „Schriftform“, „per Telefax“, „Dienstsiegel“, …) is deleted, replaced, or joined by an electronic alternative, and the engine had no rule that saw it |
//!
//! Where the engine itself sees the difference (a rule fires before and not after, or the reverse),
//! its own rule id is reported with the effect. A rule set without the `DC-AE` rules (a rule
//! folder loaded on its own) reports neither judgement.

use super::apply::unit_change;
use super::balance::{sentence_words, similar};
use super::command::{with_law, Amendment, Amendments, InsertionPoint, Operation, UnitKind};
use super::parse;
use crate::classification::{Category, Principle, Severity};
use crate::finding::{AmendmentRef, Effect, Finding, Novelty, Profile};
use crate::rules::{CheckOptions, Context, Rule, RuleSet, Vocabulary};
use std::collections::HashSet;
use crate::source::{SourceText, Span};
use crate::structure::{Document, Part};

/// Rule id: an amendment deletes an electronic alternative.
pub const RULE_ALTERNATIVE_REMOVED: &str = "DC-AE-001";
/// Rule id: an amendment removes or weakens a barrier the engine's rules do not see in the words.
pub const RULE_BARRIER_REDUCED: &str = "DC-AE-002";

/// The rule engine as the amendment check uses it. A closure `Fn(&Document) -> Vec<Finding>` is a
/// checker (handy in tests; its rule set is the built-in catalogue); [`EngineChecker`] is the real
/// one.
pub trait Checker {
    fn check(&self, doc: &Document) -> Vec<Finding>;

    /// The rule set behind the checker: the metadata of the `DC-AE` rules, the barrier
    /// vocabulary, and which rules read command wording.
    fn rules(&self) -> &RuleSet {
        // The catalogue is embedded and proven by the test suite; a broken one is a build defect.
        RuleSet::builtin().unwrap_or_else(|e| panic!("built-in rule catalogue is broken:\n{e}"))
    }

    /// True for rules written for the wording of Änderungsbefehle themselves (`context amendment`
    /// in the rule language, e.g. `DC-SF-013` „oder elektronisch“ gestrichen): their findings in
    /// command text are kept, attributed to the command.
    fn reads_commands(&self, rule: &str) -> bool {
        self.rules().get(rule).is_some_and(|r| r.context == Context::Amendment)
    }
}

impl<F: Fn(&Document) -> Vec<Finding>> Checker for F {
    fn check(&self, doc: &Document) -> Vec<Finding> {
        self(doc)
    }
}

/// The rule engine with the options of one run.
#[derive(Debug, Clone, Copy)]
pub struct EngineChecker<'a> {
    pub rules: &'a RuleSet,
    pub options: CheckOptions,
}

impl Checker for EngineChecker<'_> {
    fn check(&self, doc: &Document) -> Vec<Finding> {
        self.rules.check(doc, &self.options)
    }

    fn rules(&self) -> &RuleSet {
        self.rules
    }
}

/// Options of an amendment check.
#[derive(Debug, Clone, Copy, Default)]
pub struct AmendOptions<'a> {
    /// Whose law messages and fixes cite.
    pub profile: Profile,
    /// The text of the amended law, if at hand: word changes are then judged on the whole
    /// provision before and after.
    pub base: Option<&'a Document>,
}

/// Findings of an amending draft, and the commands they were derived from (including those that
/// could not be read, which a report should list).
#[derive(Debug, Clone)]
pub struct AmendCheck {
    pub findings: Vec<Finding>,
    pub amendments: Amendments,
}

/// Checks a draft that may contain Änderungsbefehle. `checker` is the rule engine
/// ([`EngineChecker`]); it is called on the draft and on the old and new wording of each command.
/// A draft without commands gets the checker's findings unchanged.
pub fn check_amending(doc: &Document, checker: &dyn Checker, options: &AmendOptions) -> AmendCheck {
    let amendments = parse(doc);
    let mut findings = Vec::new();
    for f in checker.check(doc) {
        if !amendments.covers(f.span) {
            findings.push(f);
        } else if checker.reads_commands(&f.rule) {
            // A rule about the command's own wording: attribute it to the command.
            if let Some(a) = amendments.commands.iter().find(|a| a.span.contains(f.span)) {
                let target = a.target_with_law();
                findings.push(Finding {
                    message: format!("{} — {target}: {}", a.path, f.message),
                    norm: a.path.clone(),
                    amendment: Some(AmendmentRef { amendment: a.path.clone(), target, effect: Effect::Introduced, novelty: Novelty::New }),
                    ..f
                });
            }
        }
    }
    // The base text belongs to one law; only that law's commands are judged against it.
    let with_base: Vec<&Amendment> = match options.base {
        Some(base) => super::commands_for(&amendments, base.text()).unwrap_or_default(),
        None => Vec::new(),
    };
    // What the law has before the draft: a barrier in new wording that it already had (at the
    // same or another place, in a sentence saying largely the same) is kept, not new.
    let earlier: Vec<((String, String), HashSet<String>)> = match options.base {
        Some(base) if !with_base.is_empty() => checker.check(base).iter().map(|f| (key(f), sentence_words(base, f))).collect(),
        _ => Vec::new(),
    };
    let later: Vec<((String, String), HashSet<String>)> = if earlier.is_empty() {
        Vec::new()
    } else {
        amendments
            .commands
            .iter()
            .flat_map(|a| a.new.iter())
            .filter(|w| w.text.contains('\n') || w.text.len() > 40)
            .flat_map(|w| {
                let (sub, found) = check_text(checker, &w.text);
                found.iter().map(|f| (key(f), sentence_words(&sub, f))).collect::<Vec<_>>()
            })
            .collect()
    };
    for a in &amendments.commands {
        crate::deadline::check();
        let base = options.base.filter(|_| with_base.iter().any(|b| std::ptr::eq(*b, a)));
        let restructures = amendments.commands.iter().any(|o| {
            o.law.as_ref().map(|l| &l.name) == a.law.as_ref().map(|l| &l.name)
                && (matches!(o.op, Operation::Repeal | Operation::Recast | Operation::Renumber) || o.op == Operation::Replace && o.new_unit.is_some())
        });
        let judge = Judge { doc, a, checker, vocabulary: checker.rules().vocabulary(), profile: options.profile, base, earlier: &earlier, later: &later, restructures };
        let already: Vec<&Finding> = findings.iter().filter(|f| f.amendment.as_ref().is_some_and(|r| r.amendment == a.path) && a.span.contains(f.span)).collect();
        let covered = already.iter().any(|f| f.category.is_barrier_family());
        let new = judge.run(covered);
        findings.extend(new);
    }
    crate::finding::sort_by_position(&mut findings);
    findings.dedup_by(|x, y| x.span == y.span && x.rule == y.rule && x.amendment == y.amendment);
    AmendCheck { findings, amendments }
}

struct Judge<'a> {
    doc: &'a Document,
    a: &'a Amendment,
    checker: &'a dyn Checker,
    vocabulary: &'a Vocabulary,
    profile: Profile,
    base: Option<&'a Document>,
    /// The findings of the law before the draft, with the words of their sentences.
    earlier: &'a [((String, String), HashSet<String>)],
    /// The findings of the new wording of all commands, likewise (only with the law's text).
    later: &'a [((String, String), HashSet<String>)],
    /// The draft repeals, recasts or renumbers units of this command's law: new units may take
    /// over what stood in them.
    restructures: bool,
}

/// Findings of a text parsed on its own.
fn check_text(checker: &dyn Checker, text: &str) -> (Document, Vec<Finding>) {
    let doc = Document::parse(SourceText::from_utf8("Änderung", text));
    let f = checker.check(&doc);
    (doc, f)
}

/// Words made into a sentence, so that the structure parser reads them as law and not as a
/// title line: „per Telefax,“ → „per Telefax.“
fn as_sentence(words: &str) -> String {
    let w = words.trim().trim_end_matches([',', ';', ':']).trim_end();
    if w.is_empty() || w.ends_with(['.', '!', '?']) {
        w.to_string()
    } else {
        format!("{w}.")
    }
}

/// Findings match across before/after when the same rule hits the same words.
fn key(f: &Finding) -> (String, String) {
    (f.rule.clone(), f.text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase())
}

fn principle_for(c: Category) -> Principle {
    let n = match c {
        Category::Technologie => 3,
        Category::OnceOnly => 2,
        Category::Automatisierung | Category::Begriffe => 4,
        _ => 1,
    };
    Principle::new(n).expect("principle 1 to 5")
}

impl Judge<'_> {
    /// `covered`: a rule of the catalogue already reported a new barrier in the command's wording.
    fn run(&self, covered: bool) -> Vec<Finding> {
        let a = self.a;
        // Inhaltsübersicht, headings and titles describe the law; they rule nothing.
        if a.target.is_non_normative() {
            return Vec::new();
        }
        let units = a.op == Operation::Recast
            || a.new_unit.is_some()
            || matches!(a.anchor, Some(InsertionPoint::AfterUnit | InsertionPoint::BeforeUnit))
            || matches!(a.op, Operation::Repeal | Operation::Renumber);
        if units {
            self.unit_change()
        } else {
            self.word_change(covered)
        }
    }

    /// „Art. 1 Nr. 3 — § 5 Abs. 2 VwVfG M-V (neu)“; for new wording whose old text is not at hand
    /// „(in neuer Fassung)“, for a barrier the law had before „(bleibt)“.
    fn prefix(&self, target: &str, novelty: Option<Novelty>) -> String {
        let note = match novelty {
            None => "",
            Some(Novelty::New) => " (neu)",
            Some(Novelty::Kept) => " (bleibt)",
            Some(Novelty::Unknown) => " (in neuer Fassung)",
        };
        format!("{} — {target}{note}", self.a.path)
    }

    fn make(&self, from: &Finding, span: Span, target: String, effect: Effect, novelty: Novelty) -> Finding {
        let text = self.doc.text()[span.range()].to_string();
        let (severity, message, fix) = match effect {
            Effect::Introduced => (from.severity, format!("{}: {}", self.prefix(&target, Some(novelty)), from.message), from.fix.clone()),
            Effect::Removed => (
                Severity::Hinweis,
                format!("{}: Verbesserung – die Änderung baut ein Hemmnis ab. Bisher: {}", self.prefix(&target, None), from.message),
                None,
            ),
        };
        Finding {
            rule: from.rule.clone(),
            category: from.category,
            severity,
            principle: from.principle,
            message,
            norm: self.a.path.clone(),
            span,
            text,
            fix,
            part: Part::Gesetzestext,
            amendment: Some(AmendmentRef { amendment: self.a.path.clone(), target, effect, novelty }),
        }
    }

    /// Whether a barrier found in new wording (`sub`) was in the law before. Without the law's text
    /// that cannot be known for wording that replaces old wording (a recast unit), nor for new
    /// numbered units in a draft that also repeals, recasts or renumbers units (their content may
    /// have moved there); a sentence added to a unit is new.
    fn novelty(&self, sub: &Document, f: &Finding) -> Novelty {
        if self.base.is_none() {
            let a = self.a;
            let replaces = a.op == Operation::Recast || a.op == Operation::Replace;
            let numbered_units = a.new_unit.as_ref().is_some_and(|u| {
                matches!(u.kind, UnitKind::Paragraph | UnitKind::Artikel | UnitKind::Absatz | UnitKind::Nummer | UnitKind::Buchstabe | UnitKind::Anlage)
            });
            return if replaces || numbered_units && self.restructures { Novelty::Unknown } else { Novelty::New };
        }
        let (k, words) = (key(f), sentence_words(sub, f));
        if self.earlier.iter().any(|(ek, ew)| *ek == k && similar(ew, &words)) {
            Novelty::Kept
        } else {
            Novelty::New
        }
    }

    /// New wording of whole units: check it as law-to-be; compare with the old unit where known.
    fn unit_change(&self) -> Vec<Finding> {
        let a = self.a;
        let mut out = Vec::new();
        let base_target = a.resulting_target();
        for w in &a.new {
            if w.text.trim().is_empty() {
                continue;
            }
            let (sub, found) = check_text(self.checker, &w.text);
            let same_text = sub.text() == w.text;
            for f in found {
                let span = if same_text {
                    Span::new(w.span.start + f.span.start, w.span.start + f.span.end)
                } else {
                    w.span
                };
                let target = with_law(&merge_norm(&base_target, &f.norm), a.law.as_ref());
                let novelty = self.novelty(&sub, &f);
                out.push(self.make(&f, span, target, Effect::Introduced, novelty));
            }
        }
        // What the old unit had and the new one has not, where the old text is at hand.
        if let Some((before, after)) = self.base.and_then(|b| unit_change(b, a)) {
            let (old, fb) = check_text(self.checker, &before);
            let (_, fa) = check_text(self.checker, &after);
            let kept: Vec<(String, String)> = fa.iter().map(key).collect();
            let at = a.new.first().map_or(a.span, |w| w.span);
            // A barrier the new wording of another command of the draft takes over moved; it
            // does not go.
            let moved = |f: &Finding| {
                let (k, w) = (key(f), sentence_words(&old, f));
                self.later.iter().any(|(lk, lw)| *lk == k && similar(lw, &w))
            };
            for f in fb.iter().filter(|f| !kept.contains(&key(f)) && !moved(f)) {
                out.push(self.make(f, at, a.target_with_law(), Effect::Removed, Novelty::New));
            }
        }
        out
    }

    /// The words a command takes away (or its anchor), and what stands there afterwards.
    fn words(&self) -> (String, String) {
        let a = self.a;
        let join = |ws: &[super::command::Wording]| ws.iter().map(|w| w.text.trim()).collect::<Vec<_>>().join(" ");
        match (&a.op, &a.anchor) {
            (Operation::Insert, Some(InsertionPoint::AfterWords(w))) => (w.text.clone(), format!("{} {}", w.text, join(&a.new))),
            (Operation::Insert, Some(InsertionPoint::BeforeWords(w))) => (w.text.clone(), format!("{} {}", join(&a.new), w.text)),
            (Operation::Delete, _) => (join(&a.old), String::new()),
            (Operation::Append | Operation::Prepend | Operation::Insert, _) => (String::new(), join(&a.new)),
            _ => (join(&a.old), join(&a.new)),
        }
    }

    /// Where a finding about the command's words is shown: the new wording, or for a deletion the
    /// deleted words and the verb („„oder elektronisch“ gestrichen“).
    fn spans(&self) -> (Span, Span) {
        let a = self.a;
        let text = self.doc.text();
        let command_end = {
            let s = &text[a.span.range()];
            a.span.start + s.trim_end().trim_end_matches('.').len()
        };
        let deletion = a.old.first().map_or(a.span, |w| {
            let start = text[..w.span.start].strip_suffix('„').map_or(w.span.start, |s| s.len());
            Span::new(start, command_end.max(w.span.end))
        });
        let introduced = a.new.first().map_or(deletion, |w| w.span);
        let removed = a.new.first().or(a.old.first()).map_or(a.span, |w| w.span);
        (introduced, removed)
    }

    fn word_change(&self, covered: bool) -> Vec<Finding> {
        let a = self.a;
        let (before_words, after_words) = self.words();
        let (before, after) = self
            .base
            .and_then(|b| unit_change(b, a))
            .unwrap_or_else(|| (as_sentence(&before_words), as_sentence(&after_words)));
        let (_, fb) = check_text(self.checker, &before);
        let (_, fa) = check_text(self.checker, &after);
        let kb: Vec<(String, String)> = fb.iter().map(key).collect();
        let ka: Vec<(String, String)> = fa.iter().map(key).collect();
        let (at_introduced, at_removed) = self.spans();
        let target = a.target_with_law();
        let mut out = Vec::new();
        for f in fa.iter().filter(|f| !kb.contains(&key(f))) {
            out.push(self.make(f, at_introduced, target.clone(), Effect::Introduced, Novelty::New));
        }
        for f in fb.iter().filter(|f| !ka.contains(&key(f))) {
            out.push(self.make(f, at_removed, target.clone(), Effect::Removed, Novelty::New));
        }

        // Fragments the engine cannot judge.
        let v = self.vocabulary;
        let introduced_barrier = covered
            || out.iter().any(|f| f.amendment.as_ref().is_some_and(|r| r.effect == Effect::Introduced) && f.category.is_barrier_family());
        if v.has_electronic(&before_words) && !v.has_electronic(&after_words) && !introduced_barrier {
            let category = v.barriers(&after_words).into_iter().chain(v.barriers(&before)).next().unwrap_or(Category::Schriftform);
            let removed = before_words.trim();
            out.extend(self.code_finding(RULE_ALTERNATIVE_REMOVED, at_introduced, category, &target, Effect::Introduced, &[("removed", removed)]));
        }
        let reduced: Vec<Category> = out
            .iter()
            .filter(|f| f.amendment.as_ref().is_some_and(|r| r.effect == Effect::Removed))
            .map(|f| f.category)
            .collect();
        let after_barriers = v.barriers(&after_words);
        let gains_alternative = v.has_electronic(&after_words) && !v.has_electronic(&before_words);
        for c in v.barriers(&before_words) {
            if reduced.contains(&c) || v.has_electronic(&before_words) {
                continue;
            }
            if !after_barriers.contains(&c) || gains_alternative {
                let change = if after_words.trim().is_empty() {
                    format!("„{}“ wird gestrichen", before_words.trim())
                } else {
                    format!("„{}“ wird zu „{}“", before_words.trim(), after_words.trim())
                };
                out.extend(self.code_finding(RULE_BARRIER_REDUCED, at_removed, c, &target, Effect::Removed, &[("change", &change)]));
            }
        }
        out
    }

    /// A finding of a rule matched by this code (`DC-AE-…`), with the rule's metadata from the
    /// catalogue: severity, message and fix with the placeholders `{amendment}` (the command's
    /// path), `{target}` (the amended norm), `{family}` (the barrier family) and those of the
    /// judgement (`{removed}`, `{change}`). `None` if the rule set has no such rule.
    fn code_finding(&self, id: &str, span: Span, category: Category, target: &str, effect: Effect, extra: &[(&str, &str)]) -> Option<Finding> {
        let rule: &Rule = self.checker.rules().get(id)?;
        let text = self.doc.text()[span.range()].to_string();
        let mut values = vec![("amendment", self.a.path.as_str()), ("target", target), ("family", category.label())];
        values.extend_from_slice(extra);
        Some(Finding {
            rule: rule.id.clone(),
            category,
            severity: rule.severity,
            principle: principle_for(category),
            message: rule.render_message_with(&text, &self.a.path, self.profile, &values),
            norm: self.a.path.clone(),
            span,
            fix: rule.render_fix(&text, self.profile),
            text,
            part: Part::Gesetzestext,
            amendment: Some(AmendmentRef { amendment: self.a.path.clone(), target: target.to_string(), effect, novelty: Novelty::New }),
        })
    }
}

/// Rank of a norm path segment, to merge the norm of a finding inside new wording („Abs. 3 Satz 2“)
/// with the target it replaces („§ 18 Abs. 3“).
fn rank(seg: &str) -> Option<u8> {
    Some(match seg {
        "Art." => 10,
        "§" | "§§" => 30,
        "Abs." => 40,
        "Satz" => 50,
        "Halbsatz" => 55,
        "Nr." => 65,
        "Buchst." => 70,
        "Doppelbuchst." => 75,
        "Dreifachbuchst." => 80,
        _ => return None,
    })
}

fn segments(norm: &str) -> Vec<(u8, String)> {
    let mut out: Vec<(u8, String)> = Vec::new();
    for tok in norm.split_whitespace() {
        match rank(tok) {
            Some(r) => out.push((r, tok.to_string())),
            None => match out.last_mut() {
                Some((_, s)) => {
                    s.push(' ');
                    s.push_str(tok);
                }
                None => return Vec::new(),
            },
        }
    }
    out
}

/// „§ 18 Abs. 3“ + „Abs. 3 Satz 2“ → „§ 18 Abs. 3 Satz 2“; „§ 3c“ + „§ 3c Abs. 1 Satz 1“ →
/// „§ 3c Abs. 1 Satz 1“; „§ 73 Abs. 3 Satz 2“ + „Satz 2“ (second sentence of the new wording) →
/// „§ 73 Abs. 3 Satz 3“. A target with a note („(angefügter Satz)“) stays as it is.
pub(super) fn merge_norm(target: &str, sub: &str) -> String {
    let sub_segs = segments(sub);
    let target_segs = segments(target);
    if sub_segs.is_empty() || target_segs.is_empty() || target.ends_with(')') {
        return target.to_string();
    }
    let r = sub_segs[0].0;
    if let (Some((50, last)), true) = (target_segs.last(), r == 50) {
        // Sentences of new wording count on from the replaced sentence.
        let base: Option<u32> = last.strip_prefix("Satz ").and_then(|n| n.parse().ok());
        let k: Option<u32> = sub_segs[0].1.strip_prefix("Satz ").and_then(|n| n.parse().ok());
        if let (Some(b), Some(k)) = (base, k) {
            let mut out: Vec<String> = target_segs[..target_segs.len() - 1].iter().map(|s| s.1.clone()).collect();
            out.push(format!("Satz {}", b + k - 1));
            out.extend(sub_segs[1..].iter().map(|s| s.1.clone()));
            return out.join(" ");
        }
    }
    let mut out: Vec<String> = target_segs.iter().filter(|s| s.0 < r).map(|s| s.1.clone()).collect();
    out.extend(sub_segs.iter().map(|s| s.1.clone()));
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stand-in for the rule engine: a few barrier phrases, with norms and parts as the engine
    /// gives them.
    pub(crate) fn fake_checker(doc: &Document) -> Vec<Finding> {
        let rules: &[(&str, &str, Category, Severity)] = &[
            ("DC-SF-001", "schriftlich zu stellen", Category::Schriftform, Severity::Hoch),
            ("DC-SF-002", "schriftlich zuzustellen", Category::Schriftform, Severity::Hoch),
            ("DC-PE-001", "persönlich zu erscheinen", Category::Persoenlich, Severity::Hoch),
            ("DC-OR-001", "im Original", Category::Original, Severity::Mittel),
            ("DC-TE-001", "Telefax", Category::Technologie, Severity::Mittel),
            ("DC-PO-001", "eingeschriebenen Brief", Category::Post, Severity::Mittel),
            ("DC-PA-001", "amtlich vorgeschriebenen Vordruck", Category::Papier, Severity::Mittel),
            ("DC-UN-001", "eigenhändig", Category::Unterschrift, Severity::Hoch),
            ("DC-AU-001", "öffentlich auszulegen", Category::Aushang, Severity::Mittel),
        ];
        let text = doc.text();
        let mut out = Vec::new();
        for (rule, phrase, category, severity) in rules {
            let mut from = 0;
            while let Some(i) = text[from..].find(phrase) {
                let span = Span::new(from + i, from + i + phrase.len());
                from = span.end;
                let node = doc.node_at(span.start);
                if doc.is_non_normative(node) || doc.part_of(node) != Part::Gesetzestext {
                    continue;
                }
                let mut lo = span.start.saturating_sub(30);
                while !text.is_char_boundary(lo) {
                    lo -= 1;
                }
                let mut hi = (span.end + 30).min(text.len());
                while !text.is_char_boundary(hi) {
                    hi += 1;
                }
                let near = &text[lo..hi];
                if *rule == "DC-SF-001" && near.contains("elektronisch") {
                    continue;
                }
                out.push(Finding {
                    rule: rule.to_string(),
                    category: *category,
                    severity: *severity,
                    principle: Principle::new(1).unwrap(),
                    message: format!("„{phrase}“ ist ein Hemmnis."),
                    norm: doc.norm_at(span.start).to_string(),
                    span,
                    text: phrase.to_string(),
                    fix: None,
                    part: Part::Gesetzestext,
                    amendment: None,
                });
            }
        }
        out
    }

    fn draft(commands: &str) -> String {
        format!(
            "Gesetz zur Änderung des Beispielgesetzes\n\nArtikel 1\nÄnderung des Landesverwaltungsverfahrensgesetzes\nDas Landesverwaltungsverfahrensgesetz in der Fassung der Bekanntmachung vom 6. Mai 2020 (GVOBl. M-V S. 410) wird wie folgt geändert:\n{commands}\n\nArtikel 2\nInkrafttreten\nDieses Gesetz tritt am Tag nach der Verkündung in Kraft.\n"
        )
    }

    fn check(commands: &str, base: Option<&str>) -> (Document, Vec<Finding>) {
        let doc = Document::parse(SourceText::from_utf8("draft", &draft(commands)));
        let base = base.map(|b| Document::parse(SourceText::from_utf8("base", b)));
        let options = AmendOptions { profile: Profile::Mv, base: base.as_ref() };
        let r = check_amending(&doc, &fake_checker, &options);
        assert!(r.amendments.unparsed.is_empty(), "{:?}", r.amendments.unparsed);
        (doc, r.findings)
    }

    #[test]
    fn a_list_introduction_of_ordinary_law_is_no_command_prefix() {
        let text = "§ 18\nAusnahmen\n(1) Nach Artikel 13 Absatz 1 der Verordnung (EG) Nr. 561/2006 werden folgende Fahrzeuge von der Anwendung ausgenommen:\n1. Fahrzeuge, deren Unterlagen im Original vorzulegen sind,\n2. Fahrzeuge der Feuerwehr.\n";
        let doc = Document::parse(SourceText::from_utf8("Verordnung", text));
        let options = AmendOptions { profile: Profile::Mv, base: None };
        let r = check_amending(&doc, &fake_checker, &options);
        assert!(r.amendments.commands.is_empty() && r.amendments.unparsed.is_empty(), "{:?}", r.amendments);
        assert_eq!(r.findings.len(), 1, "the barrier in Nr. 1 is reported as law text: {:#?}", r.findings);
        assert!(r.findings[0].amendment.is_none());
    }

    fn effect(f: &Finding) -> Effect {
        f.amendment.as_ref().expect("amendment ref").effect
    }

    #[test]
    fn replacement_removing_a_barrier_is_an_improvement() {
        let (_, f) = check("1. In § 14 Absatz 1 Satz 3 wird das Wort „schriftlich“ durch die Wörter „schriftlich oder elektronisch“ ersetzt.", None);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].rule, RULE_BARRIER_REDUCED);
        assert_eq!(f[0].category, Category::Schriftform);
        assert_eq!(f[0].severity, Severity::Hinweis);
        assert_eq!(effect(&f[0]), Effect::Removed);
        assert_eq!(f[0].text, "schriftlich oder elektronisch");
        assert_eq!(f[0].amendment.as_ref().unwrap().target, "§ 14 Abs. 1 Satz 3 VwVfG M-V");
        assert_eq!(f[0].amendment.as_ref().unwrap().amendment, "Art. 1 Nr. 1");
    }

    #[test]
    fn with_the_base_text_the_engine_judges_the_provision() {
        let base = "§ 14\nVollmacht\n(1) Der Antrag ist schriftlich zu stellen.\n";
        let (_, f) = check("1. In § 14 Absatz 1 wird das Wort „schriftlich“ durch die Wörter „schriftlich oder elektronisch“ ersetzt.", Some(base));
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].rule, "DC-SF-001");
        assert_eq!(effect(&f[0]), Effect::Removed);
        assert_eq!(f[0].severity, Severity::Hinweis);
    }

    #[test]
    fn deleting_oder_elektronisch_introduces_a_barrier() {
        let (_, f) = check("1. In § 111 Absatz 2 Satz 1 werden die Wörter „oder elektronisch“ gestrichen.", None);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].rule, RULE_ALTERNATIVE_REMOVED);
        assert_eq!(f[0].category, Category::Schriftform);
        assert!(f[0].severity.is_barrier());
        assert_eq!(effect(&f[0]), Effect::Introduced);
        assert_eq!(f[0].text, "„oder elektronisch“ gestrichen");
        // With the provision at hand, the engine names the barrier that remains.
        let base = "§ 111\nZustellung\n(1) Eins.\n(2) Die Pfändungsverfügung ist dem Drittschuldner schriftlich oder elektronisch zuzustellen.\n";
        let (_, f) = check("1. In § 111 Absatz 2 Satz 1 werden die Wörter „oder elektronisch“ gestrichen.", Some(base));
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].rule, "DC-SF-002");
        assert_eq!(effect(&f[0]), Effect::Introduced);
    }

    #[test]
    fn new_paragraph_with_personal_appearance() {
        let (doc, f) = check(
            "1. Nach § 3b wird folgender § 3c eingefügt:\n„§ 3c\nPersönliches Erscheinen\n(1) Die Behörde kann anordnen, dass ein Beteiligter persönlich zu erscheinen hat.\n(2) Wer zu erscheinen hat, hat ein Ausweisdokument im Original vorzulegen.“",
            None,
        );
        assert_eq!(f.len(), 2, "{f:#?}");
        assert_eq!(f[0].rule, "DC-PE-001");
        assert_eq!(&doc.text()[f[0].span.range()], "persönlich zu erscheinen");
        assert_eq!(f[0].amendment.as_ref().unwrap().target, "§ 3c Abs. 1 VwVfG M-V");
        assert_eq!(effect(&f[0]), Effect::Introduced);
        // A draft that only adds a § brings a new barrier.
        assert!(f[0].message.starts_with("Art. 1 Nr. 1 — § 3c Abs. 1 VwVfG M-V (neu): "), "{}", f[0].message);
        assert_eq!(f[1].amendment.as_ref().unwrap().target, "§ 3c Abs. 2 VwVfG M-V");
        // One that also repeals a § may only move its wording into the new one: without the law's
        // text that cannot be known.
        let (_, f) = check(
            "1. Nach § 3b wird folgender § 3c eingefügt:\n„§ 3c\nPersönliches Erscheinen\n(1) Die Behörde kann anordnen, dass ein Beteiligter persönlich zu erscheinen hat.“\n2. § 9 wird aufgehoben.",
            None,
        );
        assert!(f[0].message.starts_with("Art. 1 Nr. 1 — § 3c Abs. 1 VwVfG M-V (in neuer Fassung): "), "{}", f[0].message);
        assert_eq!(f[0].amendment.as_ref().unwrap().novelty, Novelty::Unknown);
    }

    #[test]
    fn a_barrier_that_only_moves_is_kept_not_new() {
        let command = "1. Nach § 3b wird folgender § 3c eingefügt:\n„§ 3c\nPersönliches Erscheinen\n(1) Die Behörde kann anordnen, dass ein Beteiligter persönlich zu erscheinen hat.“\n2. § 9 wird aufgehoben.";
        // The sentence stood in § 9, which the draft repeals: the barrier moves to § 3c.
        let moved = "§ 3b\nStelle\n(1) Text.\n\n§ 9\nAnordnung\n(1) Die Behörde kann anordnen, dass ein Beteiligter persönlich zu erscheinen hat.\n";
        let (_, f) = check(command, Some(moved));
        // Neither „new“ in § 3c nor „removed“ with § 9.
        let pe: Vec<&Finding> = f.iter().filter(|f| f.rule == "DC-PE-001").collect();
        assert_eq!(pe.len(), 1, "{f:#?}");
        assert!(pe[0].message.starts_with("Art. 1 Nr. 1 — § 3c Abs. 1 VwVfG M-V (bleibt): "), "{}", pe[0].message);
        assert_eq!(effect(pe[0]), Effect::Introduced, "the contract field stays");
        // A law without that sentence: the barrier is new.
        let (_, f) = check(command, Some("§ 3b\nStelle\n(1) Text.\n\n§ 9\nAnordnung\n(1) Nichts.\n"));
        let pe: Vec<&Finding> = f.iter().filter(|f| f.rule == "DC-PE-001").collect();
        assert!(pe[0].message.contains("(neu): "), "{}", pe[0].message);
    }

    #[test]
    fn recast_of_a_paragraph() {
        let (_, f) = check("1. § 64 wird wie folgt gefasst:\n„§ 64\nForm des Antrags\nDer Antrag ist schriftlich, elektronisch oder zur Niederschrift bei der Behörde zu stellen. Der Bescheid wird durch eingeschriebenen Brief übermittelt.“", None);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].rule, "DC-PO-001");
        assert_eq!(f[0].amendment.as_ref().unwrap().target, "§ 64 Satz 2 VwVfG M-V");
        // With the old § at hand, what it had and the new one has not is an improvement.
        let base = "§ 64\nForm des Antrags\nDer Antrag ist schriftlich zu stellen.\n";
        let (_, f) = check("1. § 64 wird wie folgt gefasst:\n„§ 64\nForm des Antrags\nDer Antrag ist schriftlich, elektronisch oder zur Niederschrift bei der Behörde zu stellen.“", Some(base));
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!((f[0].rule.as_str(), effect(&f[0]), f[0].severity), ("DC-SF-001", Effect::Removed, Severity::Hinweis));
    }

    #[test]
    fn command_text_and_old_wording_are_no_barriers() {
        let (_, f) = check("1. In § 5 Absatz 1 werden die Wörter „per Telefax,“ gestrichen.\n2. In § 6 Absatz 1 werden die Wörter „persönlich zu erscheinen“ durch die Wörter „sich auszuweisen“ ersetzt.", None);
        assert!(f.iter().all(|f| effect(f) == Effect::Removed && f.severity == Severity::Hinweis), "{f:#?}");
        assert_eq!(f.len(), 2, "{f:#?}");
        assert_eq!(f[0].category, Category::Technologie);
        assert_eq!(f[1].rule, "DC-PE-001");
    }

    #[test]
    fn norms_of_new_wording() {
        assert_eq!(merge_norm("§ 18 Abs. 3", "Abs. 3 Satz 2"), "§ 18 Abs. 3 Satz 2");
        assert_eq!(merge_norm("§ 3c", "§ 3c Abs. 1 Satz 1"), "§ 3c Abs. 1 Satz 1");
        assert_eq!(merge_norm("§ 73 Abs. 3 Satz 1", "Satz 2"), "§ 73 Abs. 3 Satz 2");
        assert_eq!(merge_norm("§ 2 Abs. 1 Satz 1 Nr. 5", "Nr. 5"), "§ 2 Abs. 1 Satz 1 Nr. 5");
        assert_eq!(merge_norm("§ 33 Abs. 4 (angefügter Satz)", "Satz 1"), "§ 33 Abs. 4 (angefügter Satz)");
        assert_eq!(merge_norm("§ 5", ""), "§ 5");
    }
}
