//! Puts the phrases of one command together: what is the target, what happens, which quote is old
//! and which is new wording.
//!
//! The reading follows the HdR's sentence patterns:
//! - location: „In § 5 Absatz 2“, „Bei der Risikokategorie 1“, „in der Spalte 2“;
//! - subject: „§ 5 Absatz 2 wird …“, „Dem § 7 wird …“ (the unit something is appended to),
//!   „Die bisherigen Absätze 4 und 5 werden …“;
//! - anchor: „nach den Wörtern „…““, „vor dem Wort „…““, „Nach Absatz 2 wird …“;
//! - object: „das Wort „…““, „die Angabe „…““, „der „.““, „der Punkt“;
//! - replacement: „durch die Wörter „…““, „durch die folgenden Absätze 2 und 3“;
//! - the participle, and after it „:“ and the quoted new wording.
//!
//! Several commands can share a verb („nach „a“ die Wörter „b“ und nach „c“ die Wörter „d“
//! eingefügt“) or a location („… ersetzt und wird der „.“ am Ende durch … ersetzt“).

use super::model::{Anchor, Operation, Segment, TargetRef, UnitKind, Wording};
use super::tokens::{Tok, Verb, T};
use crate::source::Span;

/// A command as read from its own text: the target is still relative to enclosing prefixes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Cmd {
    pub target: TargetRef,
    pub op: Operation,
    pub anchor: Option<Anchor>,
    pub old: Vec<Wording>,
    pub new: Vec<Wording>,
    pub new_unit: Option<Segment>,
    pub every: bool,
    pub at_end: bool,
    pub external_new: bool,
    /// A law named in the command itself („In § 5 des Vereinsgesetzes …“).
    pub law: Option<String>,
}

/// What a text is, read as a command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Reading {
    /// „… wird wie folgt geändert:“: the items below amend `target` of `law`.
    Prefix { target: TargetRef, law: Option<String> },
    Commands(Vec<Cmd>),
    /// It has the shape of a command (auxiliary and participle, or quotes) but is not understood.
    Unclear(String),
    /// Not a command.
    NotCommand,
}

/// Where words go or which unit something follows, before the verb is known.
#[derive(Debug, Clone)]
enum AnchorRead {
    Words { after: bool, words: Wording },
    Unit { after: bool, target: Vec<Segment> },
}

/// One object–replacement pair of a clause; a clause can have several sharing one verb.
#[derive(Debug, Clone, Default)]
struct Part {
    anchor: Option<AnchorRead>,
    obj: Vec<Wording>,
    obj_ref: Vec<Segment>,
    by: Vec<Wording>,
    by_units: Option<Segment>,
    new_unit: Option<Segment>,
    durch: bool,
    at_end: bool,
    at_start: bool,
}

impl Part {
    fn is_empty(&self) -> bool {
        self.anchor.is_none() && self.obj.is_empty() && self.obj_ref.is_empty() && self.by.is_empty() && self.new_unit.is_none()
    }
}

/// Words that make a noun phrase the name of a law.
pub(super) const LAW_WORDS: &[&str] = &[
    "gesetz", "verordnung", "ordnung", "verfassung", "satzung", "vertrag", "abkommen", "statut", "vorschrift", "erlass",
];

pub(super) fn looks_like_law(word: &str) -> bool {
    let w = word.to_lowercase();
    LAW_WORDS.iter().any(|l| w.contains(l))
}

/// Reads the tokens of one command whose text is `text[span]` of the document.
pub(super) fn read(text: &str, toks: &[Tok]) -> Reading {
    Reader { text, toks, i: 0 }.run()
}

struct Reader<'a> {
    text: &'a str,
    toks: &'a [Tok],
    i: usize,
}

impl Reader<'_> {
    fn peek(&self, k: usize) -> Option<&T> {
        self.toks.get(self.i + k).map(|t| &t.t)
    }

    fn wording(&self, span: Span) -> Wording {
        Wording { span, text: self.text[span.range()].to_string() }
    }

    /// Reads „„a“, „b“ und „c““ from the current position.
    fn quotes(&mut self) -> Vec<Wording> {
        let mut out = Vec::new();
        while let Some(T::Quote(s)) = self.peek(0) {
            let s = *s;
            out.push(self.wording(s));
            self.i += 1;
            match (self.peek(0), self.peek(1)) {
                (Some(T::Comma | T::Und), Some(T::Quote(_))) => self.i += 1,
                _ => break,
            }
        }
        out
    }

    /// After „In“ or „Bei“: a norm reference, or the words up to the next known phrase.
    fn location(&mut self) -> Vec<Segment> {
        while matches!(self.peek(0), Some(T::Article | T::Neu | T::Bisherig)) {
            self.i += 1;
        }
        let mut segs = Vec::new();
        while let Some(T::Ref(s)) = self.peek(0) {
            segs.extend(s.iter().cloned());
            self.i += 1;
        }
        if !segs.is_empty() {
            return segs;
        }
        let start = self.i;
        while let Some(T::Other(_)) = self.peek(0) {
            self.i += 1;
        }
        if self.i > start {
            let span = Span::new(self.toks[start].span.start, self.toks[self.i - 1].span.end);
            segs.push(Segment::new(UnitKind::Other, &self.text[span.range()]));
        }
        segs
    }

    /// A law named after „des“/„der“ following a reference, up to a date or citation.
    fn genitive_law(&mut self) -> Option<String> {
        if !matches!(self.peek(0), Some(T::Article)) || !matches!(self.peek(1), Some(T::Other(_))) {
            return None;
        }
        let start = self.i + 1;
        let mut end = start;
        let mut lawlike = false;
        while let Some(tok) = self.toks.get(end) {
            match &tok.t {
                T::Other(w) if w == "vom" => break,
                T::Other(w) => lawlike |= looks_like_law(w),
                T::Article => {}
                _ => break,
            }
            end += 1;
        }
        while end > start && self.toks[end - 1].t == T::Article {
            end -= 1;
        }
        if !lawlike || end == start {
            return None;
        }
        let name = &self.text[self.toks[start].span.start..self.toks[end - 1].span.end];
        self.i = end;
        // „des Gesetzes“ alone refers to the law being amended, not to another one.
        let generic = ["Gesetzes", "Gesetz", "Verordnung", "Satzung"].contains(&name);
        (!generic).then(|| nominative(name))
    }

    fn run(&mut self) -> Reading {
        let toks = self.toks;
        let has_aux = toks.iter().any(|t| t.t == T::Aux || t.t == T::Erhaelt);
        let has_verb = toks.iter().any(|t| matches!(t.t, T::Verb(_)) || t.t == T::Fassung);
        let has_quote = toks.iter().any(|t| matches!(t.t, T::Quote(_)));
        if !has_aux && !has_verb {
            return if has_quote && toks.first().is_some_and(|t| matches!(t.t, T::In | T::Ref(_) | T::Nach | T::Dem)) {
                Reading::Unclear("Kein Änderungsverb erkannt (ersetzt, eingefügt, angefügt, gestrichen, aufgehoben, gefasst …).".into())
            } else {
                Reading::NotCommand
            };
        }

        // „Bundesrecht wird wie folgt aufgehoben, geändert oder ergänzt:“ — a prefix with several
        // verbs.
        let ends_with_colon = toks.last().is_some_and(|t| t.t == T::Colon);
        if ends_with_colon && !has_quote && toks.iter().any(|t| t.t == T::WieFolgt) && toks.iter().any(|t| t.t == T::Verb(Verb::Geaendert)) {
            let cut = toks.iter().position(|t| t.t == T::Aux).unwrap_or(toks.len());
            if cut < toks.len() {
                let sub = Reader { text: self.text, toks: &toks[..cut], i: 0 }.subject_only();
                return sub;
            }
        }

        let mut pre_loc: Vec<Segment> = Vec::new();
        let mut post_loc: Vec<Segment> = Vec::new();
        let mut subject: Vec<Segment> = Vec::new();
        let mut last_subject: Vec<Segment> = Vec::new();
        let mut subject_words: Option<Span> = None;
        let mut law: Option<String> = None;
        let mut seen_aux = false;
        let mut every = false;
        let mut wie_folgt = false;
        let mut erhaelt = false;
        let mut parts: Vec<Part> = Vec::new();
        let mut cur = Part::default();
        let mut cmds: Vec<Cmd> = Vec::new();
        // Commands of the last verb, waiting for quoted new wording after „:“.
        let mut pending: Vec<usize> = Vec::new();
        let mut durch_after_verb = false;
        let mut last_colon: Option<usize> = None;
        let mut prefix: Option<TargetRef> = None;
        let mut renumber_to: Option<Segment> = None;

        while self.i < toks.len() {
            let tok = &toks[self.i];
            // After „…gefasst:“ comes the new wording; unquoted words there are not phrases.
            if let (Some(c), false) = (last_colon, pending.is_empty()) {
                if c < self.i && !matches!(tok.t, T::Quote(_)) {
                    self.i += 1;
                    continue;
                }
            }
            match &tok.t {
                T::In | T::Bei => {
                    self.i += 1;
                    let loc = self.location();
                    if let Some(l) = self.genitive_law() {
                        law = Some(l);
                    }
                    if seen_aux { post_loc.extend(loc) } else { pre_loc.extend(loc) }
                    continue;
                }
                T::Nach | T::Vor => {
                    let after = tok.t == T::Nach;
                    self.i += 1;
                    while matches!(self.peek(0), Some(T::Article | T::Neu | T::Bisherig)) {
                        self.i += 1;
                    }
                    match self.peek(0) {
                        Some(T::WordsNoun) | Some(T::Quote(_)) => {
                            if self.peek(0) == Some(&T::WordsNoun) {
                                self.i += 1;
                            }
                            let q = self.quotes();
                            if let Some(w) = q.into_iter().next() {
                                if cur.anchor.is_some() {
                                    parts.push(std::mem::take(&mut cur));
                                }
                                cur.anchor = Some(AnchorRead::Words { after, words: w });
                            }
                        }
                        Some(T::Ref(_)) => {
                            let mut segs = Vec::new();
                            while let Some(T::Ref(s)) = self.peek(0) {
                                segs.extend(s.iter().cloned());
                                self.i += 1;
                            }
                            cur.anchor = Some(AnchorRead::Unit { after, target: segs });
                        }
                        _ => {}
                    }
                    continue;
                }
                T::Dem => {
                    self.i += 1;
                    while matches!(self.peek(0), Some(T::Neu | T::Article)) {
                        self.i += 1;
                    }
                    while let Some(T::Ref(s)) = self.peek(0) {
                        subject.extend(s.iter().cloned());
                        self.i += 1;
                    }
                    continue;
                }
                T::WordsNoun => {
                    self.i += 1;
                    let q = self.quotes();
                    if !q.is_empty() {
                        self.assign_words(&mut cur, &mut parts, q);
                    }
                    continue;
                }
                T::Quote(_) => {
                    if !pending.is_empty() {
                        let q = self.quotes();
                        for &c in &pending {
                            cmds[c].new.extend(q.iter().cloned());
                        }
                        continue;
                    }
                    let q = self.quotes();
                    self.assign_words(&mut cur, &mut parts, q);
                    continue;
                }
                T::Punct(sign) => {
                    let w = Wording { span: tok.span, text: (*sign).to_string() };
                    self.i += 1;
                    self.assign_words(&mut cur, &mut parts, vec![w]);
                    continue;
                }
                T::Ref(s) => {
                    let s = s.clone();
                    self.i += 1;
                    if !seen_aux {
                        subject.extend(s);
                        if let Some(l) = self.genitive_law() {
                            law = Some(l);
                        }
                    } else if cur.durch {
                        cur.by_units = s.into_iter().next();
                    } else if !has_verb && !subject.is_empty() && renumber_to.is_none() {
                        // „Die Absätze 4 und 5 werden die Absätze 3 und 4.“
                        renumber_to = s.into_iter().next();
                    } else {
                        cur.obj_ref.extend(s);
                    }
                    continue;
                }
                T::Folgend => {
                    self.i += 1;
                    while matches!(self.peek(0), Some(T::Article)) {
                        self.i += 1;
                    }
                    let unit = match self.peek(0) {
                        Some(T::Ref(s)) => s.first().cloned(),
                        Some(T::BareUnit(k)) => Some(Segment::bare(*k)),
                        Some(T::Fassung) => {
                            continue;
                        }
                        _ => None,
                    };
                    if let Some(u) = unit {
                        self.i += 1;
                        if cur.durch {
                            cur.by_units = Some(u);
                        } else {
                            cur.new_unit = Some(u);
                        }
                    }
                    continue;
                }
                T::BareUnit(k) if !seen_aux && subject.is_empty() => {
                    // „Folgender Satz wird angefügt“ without „folgend“ recognised before: keep as
                    // the new unit.
                    cur.new_unit = Some(Segment::bare(*k));
                }
                T::AmEnde => cur.at_end = true,
                T::AmAnfang => cur.at_start = true,
                T::Jeweils => every = true,
                T::WieFolgt => wie_folgt = true,
                T::Durch => {
                    if !pending.is_empty() {
                        durch_after_verb = true;
                    } else {
                        cur.durch = true;
                    }
                }
                T::Aux => seen_aux = true,
                T::Erhaelt => {
                    seen_aux = true;
                    erhaelt = true;
                }
                T::Fassung if erhaelt => {
                    let base = self.base(&pre_loc, &post_loc, &subject, &last_subject, subject_words);
                    let part = std::mem::take(&mut cur);
                    cmds.push(self.make(Operation::Recast, base, part, every));
                    pending = vec![cmds.len() - 1];
                }
                T::Verb(v) => {
                    self.i += 1;
                    let v = *v;
                    if v == Verb::Geaendert {
                        if wie_folgt || matches!(self.peek(0), Some(T::Colon)) {
                            let base = self.base(&pre_loc, &post_loc, &subject, &last_subject, subject_words);
                            if base.is_empty() && law.is_none() {
                                // „Das Lobbyregistergesetz vom … wird wie folgt geändert:“
                                law = subject_words.map(|s| law_name(&self.text[s.range()])).filter(|l| !l.is_empty());
                            }
                            prefix = Some(TargetRef::new(base));
                        }
                        continue;
                    }
                    if !cur.is_empty() || parts.is_empty() {
                        parts.push(std::mem::take(&mut cur));
                    }
                    let base = self.base(&pre_loc, &post_loc, &subject, &last_subject, subject_words);
                    pending.clear();
                    for part in parts.drain(..) {
                        let op = match v {
                            Verb::Ersetzt => Operation::Replace,
                            Verb::Eingefuegt => Operation::Insert,
                            Verb::Angefuegt => Operation::Append,
                            Verb::Vorangestellt => Operation::Prepend,
                            Verb::Gestrichen => Operation::Delete,
                            Verb::Aufgehoben => Operation::Repeal,
                            Verb::Gefasst => Operation::Recast,
                            Verb::Geaendert => unreachable!(),
                        };
                        let mut b = base.clone();
                        b.extend(part.obj_ref.iter().cloned());
                        cmds.push(self.make(op, b, part, every));
                        pending.push(cmds.len() - 1);
                    }
                    if !subject.is_empty() {
                        last_subject = std::mem::take(&mut subject);
                    }
                    continue;
                }
                T::Und => {
                    if !pending.is_empty() && matches!(self.peek(1), Some(T::Aux | T::In | T::Article | T::WordsNoun | T::Ref(_) | T::Nach | T::Vor)) {
                        // A second clause: „… ersetzt und wird der „.“ am Ende durch … ersetzt“.
                        pending.clear();
                        post_loc.clear();
                        seen_aux = false;
                        every = false;
                    } else if !cur.is_empty() && cur.obj_ref.is_empty() {
                        parts.push(std::mem::take(&mut cur));
                    }
                }
                T::Colon if last_colon.is_none() || pending.is_empty() => last_colon = Some(self.i),
                // Words before the auxiliary that are no norm reference: a law's name („Das
                // Lobbyregistergesetz vom …“) or a unit the grammar does not know („Der
                // Risikoindikator 4.4“).
                T::Other(_) | T::Article
                    if !seen_aux
                        && subject.is_empty()
                        && (subject_words.is_some() || pre_loc.is_empty() && matches!(tok.t, T::Other(_))) =>
                {
                    let s = subject_words.map_or(tok.span, |w| Span::new(w.start, tok.span.end));
                    subject_words = Some(s);
                }
                _ => {}
            }
            self.i += 1;
        }

        if let Some(target) = prefix {
            if cmds.is_empty() {
                return Reading::Prefix { target, law };
            }
        }
        if cmds.is_empty() {
            let subj = if subject.is_empty() { last_subject.clone() } else { subject.clone() };
            if let (Some(to), false) = (renumber_to, subj.is_empty()) {
                let mut base = pre_loc.clone();
                base.extend(subj);
                return Reading::Commands(vec![Cmd {
                    target: TargetRef::new(base),
                    op: Operation::Renumber,
                    anchor: None,
                    old: Vec::new(),
                    new: Vec::new(),
                    new_unit: Some(to),
                    every: false,
                    at_end: false,
                    external_new: false,
                    law,
                }]);
            }
            return if has_quote || has_verb {
                Reading::Unclear("Änderungsbefehl nicht verstanden: Ziel oder Art der Änderung fehlt.".into())
            } else {
                Reading::NotCommand
            };
        }
        // „wird ersetzt durch: „…““ — the quote after the verb is the new wording of the target.
        if durch_after_verb {
            for c in &mut cmds {
                if c.op == Operation::Replace && c.old.is_empty() {
                    c.op = Operation::Recast;
                }
            }
        }
        // New wording without quotation marks after the colon (a defect of some sources).
        if let Some(colon) = last_colon {
            let needs_new = |c: &Cmd| {
                matches!(c.op, Operation::Recast | Operation::Insert | Operation::Append | Operation::Prepend)
                    && c.new.is_empty()
                    && !c.external_new
            };
            if cmds.iter().any(needs_new) && colon + 1 < toks.len() {
                let start = toks[colon].span.end;
                let end = toks.last().map_or(start, |t| t.span.end);
                let raw = &self.text[start..end];
                let lead = raw.len() - raw.trim_start().len();
                let span = Span::new(start + lead, end);
                if !span.is_empty() {
                    let w = self.wording(span);
                    for c in cmds.iter_mut().filter(|c| needs_new(c)) {
                        c.new.push(w.clone());
                    }
                }
            }
        }
        for c in &mut cmds {
            if c.law.is_none() {
                c.law.clone_from(&law);
            }
        }
        match cmds.iter().find_map(problem) {
            Some(p) => Reading::Unclear(p),
            None => Reading::Commands(cmds),
        }
    }

    /// The subject of a prefix whose verbs were already recognised: a norm reference, a law or
    /// other words.
    fn subject_only(&mut self) -> Reading {
        let mut segs: Vec<Segment> = Vec::new();
        let mut words: Option<Span> = None;
        let mut law = None;
        while self.i < self.toks.len() {
            let tok = &self.toks[self.i];
            match &tok.t {
                T::Ref(s) => {
                    segs.extend(s.iter().cloned());
                    self.i += 1;
                    if let Some(l) = self.genitive_law() {
                        law = Some(l);
                    }
                    continue;
                }
                T::Other(_) | T::Article if segs.is_empty() && (words.is_some() || matches!(tok.t, T::Other(_))) => {
                    words = Some(words.map_or(tok.span, |w| Span::new(w.start, tok.span.end)));
                }
                _ => {}
            }
            self.i += 1;
        }
        if segs.is_empty() {
            if let Some(w) = words {
                let text = &self.text[w.range()];
                if looks_like_law(text) {
                    law = Some(law_name(text)).filter(|l| !l.is_empty());
                } else {
                    segs.push(Segment::new(UnitKind::Other, text.trim()));
                }
            }
        }
        Reading::Prefix { target: TargetRef::new(segs), law }
    }

    /// Quoted words found: old words, replacement, or the inserted words.
    fn assign_words(&self, cur: &mut Part, parts: &mut Vec<Part>, q: Vec<Wording>) {
        if cur.durch {
            cur.by.extend(q);
        } else if cur.obj.is_empty() {
            cur.obj = q;
        } else {
            // A second object without „und“ between: a new part sharing the verb.
            parts.push(std::mem::take(cur));
            cur.obj = q;
        }
    }

    /// The target named by location and subject, read so far.
    fn base(
        &self,
        pre: &[Segment],
        post: &[Segment],
        subject: &[Segment],
        last_subject: &[Segment],
        subject_words: Option<Span>,
    ) -> Vec<Segment> {
        let mut b: Vec<Segment> = pre.to_vec();
        b.extend(post.iter().cloned());
        if !subject.is_empty() {
            b.extend(subject.iter().cloned());
        } else if let Some(w) = subject_words {
            let words = self.text[w.range()].trim();
            if !looks_like_law(words) && !words.is_empty() {
                b.push(Segment::new(UnitKind::Other, words));
            }
        } else if pre.is_empty() {
            b.extend(last_subject.iter().cloned());
        }
        b
    }

    fn make(&self, op: Operation, base: Vec<Segment>, part: Part, every: bool) -> Cmd {
        let mut cmd = Cmd {
            target: TargetRef::new(base),
            op,
            anchor: None,
            old: Vec::new(),
            new: Vec::new(),
            new_unit: part.new_unit.clone(),
            every,
            at_end: part.at_end,
            external_new: false,
            law: None,
        };
        match op {
            Operation::Replace => {
                if let Some(u) = part.by_units {
                    // „§ 3 Absatz 2 wird durch die folgenden Absätze 2 und 3 ersetzt:“
                    cmd.new_unit = Some(u);
                    cmd.old = part.obj;
                } else if part.obj.is_empty() && !part.by.is_empty() {
                    // „Die Angabe zu § 33 wird durch die Angabe „…“ ersetzt.“
                    cmd.op = Operation::Recast;
                    cmd.new = part.by;
                } else {
                    cmd.old = part.obj;
                    cmd.new = part.by;
                }
            }
            Operation::Insert => match part.anchor {
                Some(AnchorRead::Words { after, words }) => {
                    cmd.anchor = Some(if after { Anchor::AfterWords(words) } else { Anchor::BeforeWords(words) });
                    cmd.new = part.obj;
                }
                Some(AnchorRead::Unit { after, target }) => {
                    cmd.target.segments.extend(target);
                    cmd.anchor = Some(if after { Anchor::AfterUnit } else { Anchor::BeforeUnit });
                    cmd.new = part.obj;
                }
                None if part.at_end => {
                    cmd.op = Operation::Append;
                    cmd.new = part.obj;
                }
                None if part.at_start => {
                    cmd.op = Operation::Prepend;
                    cmd.new = part.obj;
                }
                None => cmd.new = part.obj,
            },
            Operation::Append | Operation::Prepend => cmd.new = part.obj,
            Operation::Delete => {
                if part.obj.is_empty() {
                    cmd.op = Operation::Repeal;
                } else {
                    cmd.old = part.obj;
                }
            }
            Operation::Repeal | Operation::Recast | Operation::Renumber => {
                if !part.obj.is_empty() {
                    cmd.new = part.obj;
                }
            }
        }
        if cmd.op == Operation::Recast && every && cmd.new.is_empty() {
            // „erhalten jeweils die aus dem Anhang ersichtliche Fassung“
            cmd.external_new = true;
        }
        cmd
    }
}

/// Why a read command cannot stand, if it cannot.
fn problem(c: &Cmd) -> Option<String> {
    let words_replaced = c.op == Operation::Replace && c.new_unit.is_none();
    if (words_replaced || c.op == Operation::Delete) && c.old.is_empty() {
        return Some(format!("Änderungsbefehl „{}“: Die bisherige Fassung in „…“ fehlt.", c.op.verb()));
    }
    let needs_new = matches!(c.op, Operation::Replace | Operation::Insert | Operation::Append | Operation::Prepend | Operation::Recast);
    if needs_new && c.new.is_empty() && !c.external_new {
        return Some(format!("Änderungsbefehl „{}“: Die neue Fassung in „…“ fehlt.", c.op.verb()));
    }
    if c.op == Operation::Insert && c.anchor.is_none() {
        return Some("Änderungsbefehl „eingefügt“: Die Einfügestelle („nach …“, „vor …“) fehlt.".into());
    }
    None
}

/// „Das Lobbyregistergesetz vom 16. April 2021“ → „Lobbyregistergesetz“.
pub(super) fn law_name(subject: &str) -> String {
    let mut s = subject.trim();
    for art in ["Das ", "Die ", "Der ", "das ", "die ", "der "] {
        if let Some(rest) = s.strip_prefix(art) {
            s = rest;
            break;
        }
    }
    for stop in [" vom ", " in der Fassung", " in der im ", " in der ab ", " (", ", ", " wird "] {
        if let Some(i) = s.find(stop) {
            s = &s[..i];
        }
    }
    s.trim().to_string()
}

/// „Verwaltungsverfahrensgesetzes“ → „Verwaltungsverfahrensgesetz“ (genitive of the law's head
/// noun back to the nominative, as far as a suffix tells).
pub(super) fn nominative(genitive: &str) -> String {
    let mut words: Vec<String> = genitive.split_whitespace().map(str::to_string).collect();
    if let Some(first) = words.first_mut() {
        let lower = first.to_lowercase();
        for (suffix, cut) in [("gesetzes", 2), ("gesetzbuches", 2), ("vertrages", 2), ("abkommens", 1), ("statuts", 1), ("erlasses", 2)] {
            if lower.ends_with(suffix) {
                first.truncate(first.len() - cut);
                break;
            }
        }
    }
    words.join(" ")
}
