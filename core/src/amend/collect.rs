//! Finds the Änderungsbefehle in a parsed draft and resolves their nesting.
//!
//! An amending Artikel opens with „Das X-Gesetz … wird wie folgt geändert:“ (or its heading says
//! „Änderung des X-Gesetzes“); its Nummern, Buchstaben and Doppelbuchstaben are commands, and an item
//! that itself says „§ 5 wird wie folgt geändert:“ is a prefix for the items below it, whose targets
//! („In Absatz 1 …“) are read relative to it. Only text in such a context is read as a command, so
//! that a sentence of an ordinary law („Die Erlaubnis wird aufgehoben, wenn …“) is never taken for
//! one. Items in that context that cannot be read are reported with the reason.

use super::furniture;
use super::interpret::{self, Cmd, Reading};
use super::law;
use super::model::{Amendment, Amendments, Law, TargetRef, Unparsed};
use super::tokens;
use super::unclosed::{self, Closers};
use crate::source::Span;
use crate::structure::{Document, NodeId, NodeKind, TextRole};
use crate::ac::{self, Searcher};
use aho_corasick::MatchKind;
use std::cell::OnceCell;
use std::sync::OnceLock;

#[derive(Debug, Clone, Default)]
struct Ctx {
    law: Option<Law>,
    prefix: TargetRef,
    /// Inside the items of a „… wird wie folgt geändert:“.
    under_prefix: bool,
    /// Inside an Artikel whose heading says it amends a law.
    amending: bool,
    /// The prefix names its unit in the new numbering („Der neue Absatz 4 wird wie folgt
    /// geändert:“).
    new_numbering: bool,
}

pub(super) fn collect(doc: &Document) -> Amendments {
    match unclosed::close_swallowing_quotes(doc) {
        None => collect_in(doc),
        Some((closed, closers)) => {
            // The copy has the quotes closed where the next command starts; what was read there is
            // mapped back to the draft, and the commands whose quote was never closed are reported
            // instead of applied.
            let mut out = collect_in(&closed);
            map_back(&mut out, &closers, doc.text());
            out
        }
    }
}

fn collect_in(doc: &Document) -> Amendments {
    let verbs = verb_occurrences(doc.text());
    let mut c = Collector { doc, out: Amendments::default(), verbs, masked: OnceCell::new() };
    c.visit(doc.root(), &Ctx::default());
    c.out
}

/// Spans read in the copy with closed quotes, as spans of the draft; commands whose text held
/// an inserted closer become unparsed commands that name the unclosed quote.
fn map_back(out: &mut Amendments, closers: &Closers, original: &str) {
    for r in &mut out.regions {
        *r = closers.span(*r);
    }
    for u in &mut out.unparsed {
        u.span = closers.span(u.span);
    }
    let mut kept = Vec::new();
    for mut c in std::mem::take(&mut out.commands) {
        c.span = closers.span(c.span);
        for w in c.old.iter_mut().chain(c.new.iter_mut()) {
            w.span = closers.span(w.span);
        }
        if let Some(super::model::Anchor::AfterWords(w) | super::model::Anchor::BeforeWords(w)) = &mut c.anchor {
            w.span = closers.span(w.span);
        }
        if closers.inside(c.span) {
            let quote_at = original[c.span.range()].rfind(unclosed::OPEN).map_or(c.span.start, |i| c.span.start + i);
            let start: String = original[quote_at..].chars().skip(1).take(40).collect();
            let reason = format!(
                "Das Anführungszeichen „ vor „{}…“ wird nicht geschlossen; der Befehl endet vor dem nächsten Änderungsbefehl und wird nicht angewandt.",
                start.split_whitespace().collect::<Vec<_>>().join(" ")
            );
            if !out.unparsed.iter().any(|u| u.path == c.path && u.span == c.span) {
                out.unparsed.push(Unparsed { path: c.path.clone(), span: c.span, reason, law: c.law.clone() });
            }
            continue;
        }
        kept.push(c);
    }
    out.commands = kept;
    crate::sort::sort_by_key(&mut out.unparsed, |u| u.span.start);
}

struct Collector<'a> {
    doc: &'a Document,
    out: Amendments,
    /// Where the command verbs stand in the text (see [`verb_occurrences`]).
    verbs: Vec<(usize, usize)>,
    /// The text with page furniture blanked out (see [`furniture::mask`]), if it has any: commands
    /// are tokenised there, so that a running header between their lines is not read as words.
    /// Made when the first command is read (most texts have none).
    masked: OnceCell<Option<String>>,
}

impl Collector<'_> {
    fn visit(&mut self, id: NodeId, ctx: &Ctx) {
        let n = self.doc.node(id);
        match n.kind {
            NodeKind::Vorblatt | NodeKind::Begruendung => {}
            NodeKind::Artikel => {
                let mut inner = Ctx::default();
                if let Some(h) = n.heading {
                    if let Some(name) = law::from_heading(&self.doc.text()[h.range()]) {
                        inner.law = Some(law::resolve(&name, self.doc.text()));
                        inner.amending = true;
                    }
                }
                if inner.amending && !self.has_items(id) {
                    self.artikel_body(id, &inner);
                    return;
                }
                for &c in &n.children {
                    self.visit(c, &inner);
                }
            }
            NodeKind::Text if n.role.is_some_and(|r| r != TextRole::Prose && r != TextRole::Fragment) => {}
            NodeKind::Satz | NodeKind::Absatz | NodeKind::Text | NodeKind::Nummer | NodeKind::Buchstabe | NodeKind::Doppelbuchstabe => {
                self.unit(id, ctx)
            }
            _ => {
                for &c in &n.children {
                    self.visit(c, ctx);
                }
            }
        }
    }

    fn has_items(&self, id: NodeId) -> bool {
        let n = self.doc.node(id);
        n.children.iter().any(|&c| self.doc.node(c).kind.is_list_item() || self.has_items(c))
    }

    /// The node's text after its label („a)“, „(2)“).
    fn own_span(&self, id: NodeId, end: usize) -> Span {
        let n = self.doc.node(id);
        let text = self.doc.text();
        let mut start = n.span.start;
        if !n.label.is_empty() && n.kind != NodeKind::Satz && text[start..end].starts_with(n.label.as_str()) {
            start += n.label.len();
        }
        trim(text, Span::new(start, end))
    }

    fn unit(&mut self, id: NodeId, ctx: &Ctx) {
        let n = self.doc.node(id);
        // Outside an amending Artikel only a command with one of its verbs counts; a renumbering
        // („Die bisherigen Absätze 3 und 4 werden die Absätze 4 und 5.“) is read only inside one.
        // Ordinary laws are almost all such text: skipping the command grammar there made checking
        // the federal corpus five times faster, and it brought back 10 findings in ordinary law
        // (e.g. list introductions „Nach Artikel 13 … werden folgende … ausgenommen:“) whose text
        // had been taken for amendment text.
        let outside = !(ctx.under_prefix || ctx.amending);
        if outside && !self.has_verb(n.span) {
            return;
        }
        let first_item = n.children.iter().copied().find(|&c| self.doc.node(c).kind.is_list_item());
        if let Some(item) = first_item {
            self.introduction(id, item, ctx, outside);
            return;
        }
        if !(n.children.is_empty() || n.kind.is_list_item() && ctx.under_prefix) {
            for &c in &n.children {
                self.visit(c, ctx);
            }
            return;
        }
        // A list item below a prefix is one command even where the sentence splitter divided it
        // („§ 34 wird wie folgt gefasst.“ + „„§ 34 (weggefallen)““, „Das 3. Buch …“).
        let own = self.own_span(id, n.span.end);
        if own.is_empty() {
            return;
        }
        // Outside an amending context only a command that names its law counts.
        let own_text = &self.doc.text()[own.range()];
        if outside && !(self.has_verb(own) && might_matter(own_text, true)) {
            return;
        }
        if (ctx.under_prefix || ctx.amending) && self.inline_prefix(id, own, ctx) {
            return;
        }
        match self.read(own, ctx) {
            Ok(Reading::Commands(cmds)) if ctx.under_prefix || ctx.amending || self.absolute(&cmds) => {
                self.record(id, n.span, own, cmds, ctx)
            }
            Ok(Reading::Prefix { .. }) if ctx.under_prefix || ctx.amending => self.unparsed(
                id,
                own,
                "„… wird wie folgt geändert:“ ohne nachfolgende Unterpunkte (a), b), …).".into(),
                ctx,
            ),
            Ok(Reading::Unclear(reason)) | Err(reason) if ctx.under_prefix => {
                let reason = self.with_hint(reason, own);
                self.unparsed(id, own, reason, ctx)
            }
            Ok(Reading::NotCommand) if ctx.under_prefix => {
                let reason = self.with_hint("Kein Änderungsbefehl erkannt (kein Änderungsverb wie „ersetzt“ oder „eingefügt“).".into(), own);
                self.unparsed(id, own, reason, ctx)
            }
            _ => {}
        }
    }

    /// A unit with list items: its text before the first item is a prefix („§ 5 wird wie folgt
    /// geändert:“) for the items, a command of its own, or the name of a law.
    fn introduction(&mut self, id: NodeId, item: NodeId, ctx: &Ctx, outside: bool) {
        let n = self.doc.node(id);
        let intro = self.own_span(id, self.doc.node(item).span.start);
        // Outside an amending context only a command or a prefix counts, and both need a verb
        // or the auxiliary (see `might_matter`).
        let intro_text = &self.doc.text()[intro.range()];
        if outside && !(self.has_verb(intro) && might_matter(intro_text, false)) {
            for &c in &n.children {
                self.visit(c, ctx);
            }
            return;
        }
        match self.read(intro, ctx) {
            Ok(Reading::Prefix { target, law: named, new_numbering }) => {
                let mut inner = ctx.clone();
                inner.prefix = ctx.prefix.join(&target);
                if let Some(name) = named {
                    inner.law = Some(law::resolve(&name, self.doc.text()));
                    inner.prefix = TargetRef::default().join(&target);
                }
                inner.new_numbering = ctx.new_numbering || new_numbering;
                inner.under_prefix = true;
                inner.amending = true;
                self.out.regions.push(intro);
                self.items(id, &inner);
            }
            Ok(Reading::Commands(cmds)) => {
                // Items inside a command's own text would be quoted wording; the structure
                // parser keeps those inside the command, so the whole node is the command.
                self.record(id, n.span, intro, cmds, ctx);
            }
            // „1. Waffengesetz in der Fassung der Bekanntmachung vom …,“ followed by items: the
            // law the items amend, the verb left out (Einigungsvertrag style).
            Ok(Reading::Unclear(_) | Reading::NotCommand) if ctx.under_prefix && names_law(&self.doc.text()[intro.range()]) => {
                let mut inner = ctx.clone();
                inner.law = Some(law::resolve(&interpret::law_name(&self.doc.text()[intro.range()]), self.doc.text()));
                inner.prefix = TargetRef::default();
                self.out.regions.push(intro);
                self.items(id, &inner);
            }
            Ok(Reading::Unclear(reason)) | Err(reason) if ctx.under_prefix || ctx.amending => {
                let reason = self.with_hint(reason, intro);
                self.unparsed(id, intro, reason, ctx)
            }
            _ => {
                for &c in &n.children {
                    self.visit(c, ctx);
                }
            }
        }
    }

    /// The list items of a prefix, each a command (or a prefix of its own); their numbering must
    /// add up („1.“, „2.“, „3.“ — a missing or doubled number is reported, since a command may be
    /// lost there).
    fn items(&mut self, id: NodeId, ctx: &Ctx) {
        let items: Vec<NodeId> = self.doc.node(id).children.iter().copied().filter(|&c| self.doc.node(c).kind.is_list_item()).collect();
        let mut previous: Option<(u32, NodeId)> = None;
        for &c in &items {
            let n = self.doc.node(c);
            if let Some(k) = unclosed::ordinal(&n.label) {
                let at = Span::new(n.span.start, n.span.start);
                match previous {
                    None if k > 1 => {
                        let missing: Vec<String> = (1..k).map(|m| format!("„{}“", label_like(&n.label, m))).collect();
                        let reason = format!("Die Aufzählung der Änderungsbefehle beginnt mit „{}“: {} fehlt; ein Befehl kann verloren gegangen sein.", n.label, missing.join(", "));
                        self.unparsed(c, at, reason, ctx);
                    }
                    Some((p, _)) if k == p => {
                        let reason = format!("Die Gliederungsnummer „{}“ ist in dieser Aufzählung doppelt vergeben.", n.label);
                        self.unparsed(c, at, reason, ctx);
                        // Read the doubled number as the one that should stand here.
                        previous = Some((p + 1, c));
                        self.unit(c, ctx);
                        continue;
                    }
                    Some((p, prev)) if k > p + 1 => {
                        let missing: Vec<String> = (p + 1..k).map(|m| format!("„{}“", label_like(&n.label, m))).collect();
                        let reason = format!(
                            "Die Zählung der Änderungsbefehle springt von „{}“ auf „{}“: {} fehlt; ein Befehl kann verloren gegangen sein.",
                            self.doc.node(prev).label,
                            n.label,
                            missing.join(", ")
                        );
                        self.unparsed(c, at, reason, ctx);
                    }
                    Some((p, _)) if k < p => {
                        let reason = format!("Die Gliederungsnummer „{}“ steht nach einer höheren Nummer; die Zählung der Änderungsbefehle stimmt nicht.", n.label);
                        self.unparsed(c, at, reason, ctx);
                    }
                    _ => {}
                }
                previous = Some((k, c));
            }
            self.unit(c, ctx);
        }
    }

    /// „§ 7 wird wie folgt geändert: In Absatz 2 Satz 1 werden …“ in one item without sub-items:
    /// the prefix and the commands after its colon. True if the item was read so.
    fn inline_prefix(&mut self, id: NodeId, own: Span, ctx: &Ctx) -> bool {
        let text = self.doc.text();
        let Some(colon) = prefix_colon(&text[own.range()]) else { return false };
        let head = Span::new(own.start, own.start + colon);
        let rest = trim(text, Span::new(own.start + colon + 1, own.end));
        if rest.is_empty() || text[rest.range()].starts_with(unclosed::OPEN) {
            return false;
        }
        let Ok(Reading::Prefix { target, law: named, new_numbering }) = self.read(head, ctx) else { return false };
        let mut inner = ctx.clone();
        inner.prefix = ctx.prefix.join(&target);
        if let Some(name) = named {
            inner.law = Some(law::resolve(&name, text));
            inner.prefix = TargetRef::default().join(&target);
        }
        inner.new_numbering = ctx.new_numbering || new_numbering;
        inner.under_prefix = true;
        inner.amending = true;
        self.out.regions.push(head);
        for piece in split_commands(text, rest) {
            match self.read(piece, &inner) {
                Ok(Reading::Commands(cmds)) => self.record(id, piece, piece, cmds, &inner),
                Ok(Reading::Prefix { .. }) => {
                    self.unparsed(id, piece, "„… wird wie folgt geändert:“ ohne nachfolgende Unterpunkte (a), b), …).".into(), &inner)
                }
                Ok(Reading::Unclear(reason)) | Err(reason) => {
                    let reason = self.with_hint(reason, piece);
                    self.unparsed(id, piece, reason, &inner)
                }
                Ok(Reading::NotCommand) => {
                    let reason = self.with_hint("Kein Änderungsbefehl erkannt (kein Änderungsverb wie „ersetzt“ oder „eingefügt“).".into(), piece);
                    self.unparsed(id, piece, reason, &inner)
                }
            }
        }
        true
    }

    /// A command outside any amending context counts only if it names its law itself
    /// („In § 5 des Vereinsgesetzes wird …“).
    fn absolute(&self, cmds: &[Cmd]) -> bool {
        cmds.iter().all(|c| c.law.is_some() && !c.target.is_empty())
    }

    /// An amending Artikel without items: one or more command sentences.
    fn artikel_body(&mut self, id: NodeId, ctx: &Ctx) {
        let n = self.doc.node(id);
        let text = self.doc.text();
        let start = n
            .children
            .iter()
            .map(|&c| self.doc.node(c))
            .find(|c| !(c.kind == NodeKind::Text && c.role == Some(TextRole::Heading)))
            .map_or(n.span.end, |c| c.span.start);
        let start = n.heading.map_or(start, |h| start.max(h.end));
        for piece in split_commands(text, Span::new(start, n.span.end)) {
            match self.read(piece, ctx) {
                Ok(Reading::Commands(cmds)) => self.record(id, piece, piece, cmds, ctx),
                Ok(Reading::Prefix { .. }) => {
                    self.unparsed(id, piece, "„… wird wie folgt geändert:“ ohne nachfolgende Nummern (1., 2., …).".into(), ctx)
                }
                Ok(Reading::Unclear(reason)) | Err(reason) => {
                    let reason = self.with_hint(reason, piece);
                    self.unparsed(id, piece, reason, ctx)
                }
                Ok(Reading::NotCommand) => {}
            }
        }
    }

    /// [`has_command_verb`] of the text in `span`, from the occurrences found once: a unit, its
    /// sentences and its items were each searched again.
    fn has_verb(&self, span: Span) -> bool {
        let i = self.verbs.partition_point(|&(start, _)| start < span.start);
        self.verbs.get(i).is_some_and(|&(_, end)| end <= span.end)
    }

    /// Reads the command in `span` (in context `ctx`). A command whose quotes do not balance is not
    /// understood, whatever its words say: where its quoted wording ends cannot be known.
    fn read(&self, span: Span, ctx: &Ctx) -> Result<Reading, String> {
        // Page furniture stands between the lines of drafts only (read in an amending context).
        let source = if ctx.amending || ctx.under_prefix {
            self.masked.get_or_init(|| furniture::mask(self.doc.text())).as_deref().unwrap_or(self.doc.text())
        } else {
            self.doc.text()
        };
        let text = &source[span.range()];
        let toks = tokens::tokenize(text, span.start)?;
        let reading = interpret::read(self.doc.text(), &toks);
        let (open, close) = unclosed::quote_counts(text);
        if open != close && !matches!(reading, Reading::NotCommand) {
            let what = if open > close {
                "Ein Anführungszeichen „ ist nicht geschlossen"
            } else {
                "Ein schließendes Anführungszeichen “ hat kein öffnendes"
            };
            return Ok(Reading::Unclear(format!(
                "{what} ({open}-mal „, {close}-mal “); wo der zitierte Wortlaut endet, ist nicht sicher zu erkennen."
            )));
        }
        Ok(reading)
    }

    /// `reason`, with a note on a misspelt unit word in the command („Abätze“ for „Absätze“).
    fn with_hint(&self, reason: String, span: Span) -> String {
        match misspelt_unit(&self.doc.text()[span.range()]) {
            Some((found, meant)) => format!("{reason} „{found}“ ist vermutlich ein Schreibfehler für „{meant}“."),
            None => reason,
        }
    }

    fn record(&mut self, id: NodeId, region: Span, own: Span, cmds: Vec<Cmd>, ctx: &Ctx) {
        let path = self.doc.node(id).norm.clone();
        for c in cmds {
            let law = match &c.law {
                Some(name) => Some(law::resolve(name, self.doc.text())),
                None => ctx.law.clone(),
            };
            let own_law = c.law.is_some() && ctx.law.as_ref().map(|l| &l.name) != c.law.as_ref();
            let target = if own_law { c.target.clone() } else { ctx.prefix.join(&c.target) };
            self.out.commands.push(Amendment {
                path: path.to_string(),
                span: own,
                law,
                target,
                op: c.op,
                anchor: c.anchor,
                old: c.old,
                new: c.new,
                new_unit: c.new_unit,
                every: c.every,
                at_end: c.at_end,
                external_new: c.external_new,
                new_numbering: c.new_numbering || !own_law && ctx.new_numbering,
            });
        }
        if self.out.regions.last() != Some(&region) {
            self.out.regions.push(region);
        }
    }

    fn unparsed(&mut self, id: NodeId, span: Span, reason: String, ctx: &Ctx) {
        self.out.unparsed.push(Unparsed { path: self.doc.node(id).norm.to_string(), span, reason, law: ctx.law.clone() });
    }
}

/// „4.“ with its number replaced by `n`: „5.“; „c)“ → „d)“.
fn label_like(label: &str, n: u32) -> String {
    let l = label.trim();
    if l.ends_with('.') {
        return format!("{n}.");
    }
    let width = l.trim_end_matches(')').chars().count();
    let c = (b'a' + (n - 1).min(25) as u8) as char;
    format!("{})", c.to_string().repeat(width))
}

/// The byte offset of the colon of „… wird wie folgt geändert:“ in `text`, outside quotes.
fn prefix_colon(text: &str) -> Option<usize> {
    let mut depth = 0i32;
    for (i, c) in text.char_indices() {
        match c {
            unclosed::OPEN => depth += 1,
            unclosed::CLOSE => depth = (depth - 1).max(0),
            ':' if depth == 0 => {
                let before = text[..i].trim_end();
                return (before.ends_with("wie folgt geändert") || before.ends_with("wie folgt ergänzt")).then_some(i);
            }
            _ => {}
        }
    }
    None
}

/// A word one letter away from a unit word of the command language and followed by a number
/// („Abätze 3 und 4“): the word and the unit word meant.
fn misspelt_unit(text: &str) -> Option<(String, &'static str)> {
    const UNITS: &[&str] = &[
        "Absatz", "Absätze", "Absatzes", "Nummer", "Nummern", "Buchstabe", "Buchstaben", "Doppelbuchstabe", "Doppelbuchstaben",
        "Artikel", "Satzes", "Sätze", "Anlage", "Anlagen", "Abschnitt", "Kapitel", "Unterabschnitt",
    ];
    let words: Vec<&str> = text.split_whitespace().collect();
    for pair in words.windows(2) {
        let (w, next) = (pair[0], pair[1]);
        if w.chars().count() < 5 || !next.chars().next().is_some_and(|c| c.is_ascii_digit()) || UNITS.contains(&w) {
            continue;
        }
        if let Some(meant) = UNITS.iter().find(|u| one_edit_apart(w, u)) {
            return Some((w.to_string(), meant));
        }
    }
    None
}

/// True if `a` and `b` differ by exactly one inserted, deleted or replaced character.
fn one_edit_apart(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (short, long) = if a.len() <= b.len() { (&a, &b) } else { (&b, &a) };
    match long.len() - short.len() {
        0 => a.iter().zip(&b).filter(|(x, y)| x != y).count() == 1,
        1 => {
            let i = short.iter().zip(long.iter()).take_while(|(x, y)| x == y).count();
            short[i..] == long[i + 1..]
        }
        _ => false,
    }
}

/// The verbs of the command grammar (`verb` and `erhaelt` in `command.pest`): text without any of
/// them cannot be read as a command or a „… wird wie folgt geändert:“ prefix.
///
/// One automaton instead of a `str::contains` per verb, which made this test the largest part of
/// reading the commands of an ordinary law once the command grammar was replaced by the scanner
/// (every Satz, Absatz and item outside an amending Artikel passes here). The two are the same
/// test: `is_match` is true exactly when some pattern occurs in the text as a contiguous byte
/// sequence — the match kind only decides *which* occurrence a search reports, and a leftmost-first
/// search reports one whenever there is any — and that is what `text.contains(v)` tests for each
/// `v` (both compare bytes; a UTF-8 pattern found in UTF-8 text is a match either way).
/// Leftmost-first rather than the default standard semantics because only then does aho-corasick
/// use its packed (SIMD) searcher; with the standard one it stepped the automaton byte by byte
/// and was no cheaper than the twelve `contains`.
#[cfg(test)]
fn has_command_verb(text: &str) -> bool {
    verbs().is_match(text.as_bytes())
}

/// Every occurrence of a command verb in `text`, in order. The non-overlapping search finds them
/// all: no verb is a prefix of another, and no verb's end is another's beginning (they begin with
/// „a“, „e“, „g“ or „v“ and no suffix of one starting with these letters begins another), so no
/// two occurrences overlap. A span holds a verb exactly when it holds one of these occurrences.
fn verb_occurrences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    verbs().for_each(text.as_bytes(), false, &mut |m| out.push((m.start(), m.end())));
    out
}

/// The automaton of the fixed word lists below that are searched case-sensitively. Left to
/// itself, aho-corasick builds a DFA for so few words, which cost 380,000 instructions — a tenth
/// of checking a one-page draft as a process that reads every text once. The search runs in
/// the packed (SIMD) searcher, which reports matches without stepping the automaton, so the
/// cheaper NFA finds the same at the same speed. (The case-insensitive list of law words has no
/// packed searcher and keeps the DFA.)
/// (The WebAssembly module builds DFAs only, see [`crate::ac`].)
const FIXED_KIND: ac::Kind = ac::Kind::ContiguousNfa;

fn verbs() -> &'static Searcher {
    static VERBS: OnceLock<Searcher> = OnceLock::new();
    VERBS.get_or_init(|| {
        let words = [
            "ersetzt", "eingefügt", "angefügt", "vorangestellt", "gestrichen", "aufgehoben", "gefasst", "gefaßt", "geändert",
            "ergänzt", "erhält", "erhalten",
        ];
        ac::build(&words.map(str::as_bytes), MatchKind::LeftmostFirst, false, FIXED_KIND)
    })
}

/// A cheap, conservative test run before the grammar on text outside any amending context, where
/// only a [`Reading::Commands`] or a [`Reading::Prefix`] is used: `false` only if the grammar's
/// reading cannot be one of them. Ordinary laws consist of such text: with the pest parser, which
/// tried some thirty phrases at every word, this test saved most of the time spent on them; with
/// the scanner (`scan.rs`) it still saves tokenizing and interpreting text that cannot matter.
///
/// Why it is sound: `interpret::read` returns `NotCommand` or `Unclear` without a token for the
/// auxiliary („wird“, „werden“, „erhält“, „erhalten“), a participle or „Fassung“ (its first test),
/// and the grammar matches these words case-sensitively, so without the words in the text there is
/// no such token. With `needs_law`, a reading counts only if every command names its law
/// (`Collector::absolute`); a command's law comes from a word that `interpret::looks_like_law`
/// accepts, or from the subject of a „… wird wie folgt geändert“ prefix, which needs „geändert“ or
/// „ergänzt“.
fn might_matter(text: &str, needs_law: bool) -> bool {
    static CUES: OnceLock<Searcher> = OnceLock::new();
    static LAW_CUES: OnceLock<Searcher> = OnceLock::new();
    // Leftmost-first for the packed (SIMD) searcher: `is_match` is the same under every match
    // kind (see `has_command_verb`), and the standard one stepped byte by byte.
    let cues = CUES.get_or_init(|| {
        let words = [
            "wird", "werden", "erhält", "erhalten", "Fassung", "ersetzt", "eingefügt", "angefügt", "vorangestellt", "gestrichen",
            "aufgehoben", "gefasst", "gefaßt", "geändert", "ergänzt",
        ];
        ac::build(&words.map(str::as_bytes), MatchKind::LeftmostFirst, false, FIXED_KIND)
    });
    if !cues.is_match(text.as_bytes()) {
        return false;
    }
    if !needs_law {
        return true;
    }
    let law_cues = LAW_CUES.get_or_init(|| {
        let mut words: Vec<&[u8]> = interpret::LAW_WORDS.iter().map(|w| w.as_bytes()).collect();
        // The Kelvin sign lowercases to an ASCII „k“ („abkommen“); no other non-ASCII character
        // lowercases to one of these words' letters.
        words.extend(["geändert", "ergänzt", "\u{212A}"].map(str::as_bytes));
        ac::build(&words, MatchKind::LeftmostFirst, true, ac::Kind::Auto)
    });
    law_cues.is_match(text.as_bytes())
}

/// „Waffengesetz in der Fassung …“: a text that starts with a law's name and has no verb.
fn names_law(text: &str) -> bool {
    let name = interpret::law_name(text);
    !name.is_empty() && name.split_whitespace().count() <= 8 && interpret::looks_like_law(&name) && !text.contains('„')
}

fn trim(text: &str, span: Span) -> Span {
    let s = &text[span.range()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail >= s.len() {
        return Span::new(span.start, span.start);
    }
    Span::new(span.start + lead, span.end - trail)
}

/// Splits running text into command sentences: at a full stop outside quotes that follows a
/// participle or a closing quote („… ersetzt.“, „… “.“). Abbreviations („Abs.“, „BGBl.“) and full
/// stops inside quoted wording do not split.
pub(super) fn split_commands(text: &str, span: Span) -> Vec<Span> {
    const ENDS: &[&str] = &["ersetzt", "eingefügt", "angefügt", "vorangestellt", "gestrichen", "aufgehoben", "gefasst", "geändert", "“"];
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut start = span.start;
    let s = &text[span.range()];
    for (i, c) in s.char_indices() {
        match c {
            '„' => depth += 1,
            '“' => depth = (depth - 1).max(0),
            '.' if depth == 0 => {
                let before = s[..i].trim_end();
                let next_ws = s[i + 1..].chars().next().is_none_or(char::is_whitespace);
                if next_ws && ENDS.iter().any(|e| before.ends_with(e)) {
                    let end = span.start + i + 1;
                    let piece = trim(text, Span::new(start, end));
                    if !piece.is_empty() {
                        out.push(piece);
                    }
                    start = end;
                }
            }
            _ => {}
        }
    }
    let rest = trim(text, Span::new(start, span.end));
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The definition `has_command_verb` had before it used an automaton.
    fn contains_a_verb(text: &str) -> bool {
        const VERBS: &[&str] = &[
            "ersetzt", "eingefügt", "angefügt", "vorangestellt", "gestrichen", "aufgehoben", "gefasst", "gefaßt",
            "geändert", "ergänzt", "erhält", "erhalten",
        ];
        VERBS.iter().any(|v| text.contains(v))
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 5_000, ..ProptestConfig::default() })]

        #[test]
        fn has_command_verb_is_contains(parts in prop::collection::vec(prop::sample::select(&[
            "ersetzt", "ersetz", "rsetzt", "eingefügt", "eingefüg", "angefügt", "vorangestellt", "gestrichen", "aufgehoben",
            "gefasst", "gefaßt", "gefas", "geändert", "geänder", "ergänzt", "erhält", "erhal", "erhalten", "ten", "t", "ä",
            "ü", "ß", " ", "\n", "x", "Gesetz",
        ][..]), 0..12)) {
            let text: String = parts.concat();
            prop_assert_eq!(has_command_verb(&text), contains_a_verb(&text), "{:?}", text);
        }

        #[test]
        fn verb_in_span_is_contains(parts in prop::collection::vec(prop::sample::select(&[
            "ersetzt", "ersetz", "rsetzt", "eingefügt", "angefügt", "vorangestellt", "gestrichen", "aufgehoben",
            "gefasst", "gefaßt", "geändert", "ergänzt", "erhält", "erhalten", "erhal", "ten", "t", "e", "g", "ä", " ",
        ][..]), 0..16), a in any::<prop::sample::Index>(), b in any::<prop::sample::Index>()) {
            let text: String = parts.concat();
            let verbs = verb_occurrences(&text);
            let (mut s, mut e) = (a.index(text.len() + 1), b.index(text.len() + 1));
            while !text.is_char_boundary(s) { s -= 1; }
            while !text.is_char_boundary(e) { e -= 1; }
            let (s, e) = (s.min(e), s.max(e));
            let i = verbs.partition_point(|&(start, _)| start < s);
            let found = verbs.get(i).is_some_and(|&(_, end)| end <= e);
            prop_assert_eq!(found, contains_a_verb(&text[s..e]), "{:?} {}..{}", text, s, e);
        }
    }
}
