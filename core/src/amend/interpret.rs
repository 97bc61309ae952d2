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

use super::furniture;
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
    /// The target is named in the new numbering („Im neuen Absatz 4“).
    pub new_numbering: bool,
}

/// What a text is, read as a command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Reading {
    /// „… wird wie folgt geändert:“: the items below amend `target` of `law`
    /// (`new_numbering`: „Der neue Absatz 4 wird wie folgt geändert:“).
    Prefix { target: TargetRef, law: Option<String>, new_numbering: bool },
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

    /// The wording in `span`, without page furniture a printed Drucksache puts into it.
    fn wording(&self, span: Span) -> Wording {
        Wording { span, text: furniture::clean(&self.text[span.range()]) }
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
        while let Some(T::Other) = self.peek(0) {
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
        if !matches!(self.peek(0), Some(T::Article)) || !matches!(self.peek(1), Some(T::Other)) {
            return None;
        }
        let start = self.i + 1;
        let mut end = start;
        let mut lawlike = false;
        while let Some(tok) = self.toks.get(end) {
            match &tok.t {
                T::Other => {
                    let w = &self.text[tok.span.range()];
                    if w == "vom" {
                        break;
                    }
                    lawlike |= looks_like_law(w);
                }
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

    /// Reads the command: the tokens one by one into a [`Sentence`], then what the sentence says.
    fn run(&mut self) -> Reading {
        if let Some(r) = self.verbless() {
            return r;
        }
        if let Some(r) = self.multi_verb_prefix() {
            return r;
        }
        let mut s = Sentence::default();
        while self.i < self.toks.len() {
            self.step(&mut s);
        }
        s.finish(self)
    }

    /// Text without the auxiliary, a participle or „Fassung“ is no command; with a quote and the
    /// shape of one („In § 5 „…““) it is one that lacks its verb.
    fn verbless(&self) -> Option<Reading> {
        let toks = self.toks;
        let has_aux = toks.iter().any(|t| t.t == T::Aux || t.t == T::Erhaelt);
        let has_verb = toks.iter().any(|t| matches!(t.t, T::Verb(_)) || t.t == T::Fassung);
        if has_aux || has_verb {
            return None;
        }
        let has_quote = toks.iter().any(|t| matches!(t.t, T::Quote(_)));
        Some(if has_quote && toks.first().is_some_and(|t| matches!(t.t, T::In | T::Ref(_) | T::Nach | T::Dem)) {
            Reading::Unclear("Kein Änderungsverb erkannt (ersetzt, eingefügt, angefügt, gestrichen, aufgehoben, gefasst …).".into())
        } else {
            Reading::NotCommand
        })
    }

    /// „Bundesrecht wird wie folgt aufgehoben, geändert oder ergänzt:“ — a prefix with several
    /// verbs: only its subject matters.
    fn multi_verb_prefix(&self) -> Option<Reading> {
        let toks = self.toks;
        let ends_with_colon = toks.last().is_some_and(|t| t.t == T::Colon);
        let has_quote = toks.iter().any(|t| matches!(t.t, T::Quote(_)));
        if !ends_with_colon || has_quote || !toks.iter().any(|t| t.t == T::WieFolgt) || !toks.iter().any(|t| t.t == T::Verb(Verb::Geaendert)) {
            return None;
        }
        let cut = toks.iter().position(|t| t.t == T::Aux)?;
        Some(Reader { text: self.text, toks: &toks[..cut], i: 0 }.subject_only())
    }

    /// Reads the phrase at the cursor into `s` and moves on.
    fn step(&mut self, s: &mut Sentence) {
        let tok = &self.toks[self.i];
        // After „…gefasst:“ comes the new wording; unquoted words there are not phrases.
        if let (Some(c), false) = (s.out.last_colon, s.out.pending.is_empty()) {
            if c < self.i && !matches!(tok.t, T::Quote(_)) {
                self.i += 1;
                return;
            }
        }
        match &tok.t {
            T::In | T::Bei => return self.location_phrase(s),
            T::Nach | T::Vor => return self.anchor_phrase(s, tok.t == T::Nach),
            T::Dem => return self.dative(s),
            T::WordsNoun => {
                self.i += 1;
                let q = self.quotes();
                if !q.is_empty() {
                    s.objects.assign_words(q);
                }
                return;
            }
            T::Quote(_) => return self.quoted(s),
            T::Punct(sign) => {
                let w = Wording { span: tok.span, text: (*sign).to_string() };
                self.i += 1;
                s.objects.assign_words(vec![w]);
                return;
            }
            T::Ref(segs) => return self.reference(s, segs.clone()),
            T::Folgend => return self.folgend(s),
            T::Verb(v) => return self.verb(s, *v),
            // „Der neue Absatz 4 wird …“: the subject is named in the new numbering.
            T::Neu if !s.place.seen_aux && self.ref_follows(1) => s.place.new_numbering = true,
            T::BareUnit(k) if !s.place.seen_aux && s.place.subject.is_empty() => {
                // „Folgender Satz wird angefügt“ without „folgend“ recognised before: keep as the
                // new unit.
                s.objects.cur.new_unit = Some(Segment::bare(*k));
            }
            T::AmEnde => s.objects.cur.at_end = true,
            T::AmAnfang => s.objects.cur.at_start = true,
            T::Jeweils => s.objects.every = true,
            T::WieFolgt => s.objects.wie_folgt = true,
            T::Durch => {
                if !s.out.pending.is_empty() {
                    s.out.durch_after_verb = true;
                } else {
                    s.objects.cur.durch = true;
                }
            }
            T::Aux => s.place.seen_aux = true,
            T::Erhaelt => {
                s.place.seen_aux = true;
                s.objects.erhaelt = true;
            }
            T::Fassung if s.objects.erhaelt => {
                let base = s.place.base(self.text);
                let part = std::mem::take(&mut s.objects.cur);
                let every = s.objects.every;
                s.out.cmds.push(make(Operation::Recast, base, part, every));
                s.out.pending = vec![s.out.cmds.len() - 1];
            }
            T::Und => self.und(s),
            T::Colon if s.out.last_colon.is_none() || s.out.pending.is_empty() => s.out.last_colon = Some(self.i),
            // Words before the auxiliary that are no norm reference: a law's name („Das
            // Lobbyregistergesetz vom …“) or a unit the grammar does not know („Der
            // Risikoindikator 4.4“).
            T::Other | T::Article
                if !s.place.seen_aux
                    && s.place.subject.is_empty()
                    && (s.place.subject_words.is_some() || s.place.pre_loc.is_empty() && matches!(tok.t, T::Other)) =>
            {
                let w = s.place.subject_words.map_or(tok.span, |w| Span::new(w.start, tok.span.end));
                s.place.subject_words = Some(w);
            }
            _ => {}
        }
        self.i += 1;
    }

    /// True if a norm reference follows `k` tokens ahead, after articles.
    fn ref_follows(&self, mut k: usize) -> bool {
        while matches!(self.peek(k), Some(T::Article)) {
            k += 1;
        }
        matches!(self.peek(k), Some(T::Ref(_)))
    }

    /// Skips articles, „neu“ and „bisherig“ before a reference; true if „neu“ was among them.
    fn qualifiers(&mut self) -> bool {
        let mut neu = false;
        while let Some(t @ (T::Article | T::Neu | T::Bisherig)) = self.peek(0) {
            neu |= *t == T::Neu;
            self.i += 1;
        }
        neu
    }

    /// „In § 5 Absatz 2 des Vereinsgesetzes“, „Bei der Risikokategorie 1“.
    fn location_phrase(&mut self, s: &mut Sentence) {
        self.i += 1;
        let neu = self.qualifiers();
        let loc = self.location();
        if neu && !loc.is_empty() {
            s.place.new_numbering = true;
        }
        if let Some(l) = self.genitive_law() {
            s.place.law = Some(l);
        }
        if s.place.seen_aux {
            s.place.post_loc.extend(loc)
        } else {
            s.place.pre_loc.extend(loc)
        }
    }

    /// „nach den Wörtern „…““, „vor dem Wort „…““, „Nach Absatz 2 …“, „Nach dem neuen Absatz 3 …“.
    fn anchor_phrase(&mut self, s: &mut Sentence, after: bool) {
        self.i += 1;
        let neu = self.qualifiers();
        match self.peek(0) {
            Some(T::WordsNoun) | Some(T::Quote(_)) => {
                if self.peek(0) == Some(&T::WordsNoun) {
                    self.i += 1;
                }
                if let Some(w) = self.quotes().into_iter().next() {
                    let cur = &mut s.objects.cur;
                    if cur.anchor.is_some() {
                        s.objects.parts.push(std::mem::take(cur));
                    }
                    s.objects.cur.anchor = Some(AnchorRead::Words { after, words: w });
                }
            }
            Some(T::Ref(_)) => {
                let mut segs = Vec::new();
                while let Some(T::Ref(r)) = self.peek(0) {
                    segs.extend(r.iter().cloned());
                    self.i += 1;
                }
                s.place.new_numbering |= neu;
                s.objects.cur.anchor = Some(AnchorRead::Unit { after, target: segs });
            }
            _ => {}
        }
    }

    /// „Dem § 7 wird …“, „Dem neuen Absatz 4 wird …“: the unit something is appended to.
    fn dative(&mut self, s: &mut Sentence) {
        self.i += 1;
        let neu = self.qualifiers();
        let mut named = false;
        while let Some(T::Ref(r)) = self.peek(0) {
            s.place.subject.extend(r.iter().cloned());
            self.i += 1;
            named = true;
        }
        s.place.new_numbering |= neu && named;
    }

    /// A quote outside a „durch …“ or an anchor: the new wording of the commands waiting for it,
    /// else the object of the clause.
    fn quoted(&mut self, s: &mut Sentence) {
        let q = self.quotes();
        if s.out.pending.is_empty() {
            s.objects.assign_words(q);
            return;
        }
        for &c in &s.out.pending {
            s.out.cmds[c].new.extend(q.iter().cloned());
        }
    }

    /// A norm reference: the subject before the auxiliary, the replacing units after „durch“,
    /// the new numbers of a renumbering, or a unit the object names.
    fn reference(&mut self, s: &mut Sentence, segs: Vec<Segment>) {
        self.i += 1;
        let has_verb = self.toks.iter().any(|t| matches!(t.t, T::Verb(_)) || t.t == T::Fassung);
        if !s.place.seen_aux {
            s.place.subject.extend(segs);
            if let Some(l) = self.genitive_law() {
                s.place.law = Some(l);
            }
        } else if s.objects.cur.durch {
            s.objects.cur.by_units = segs.into_iter().next();
        } else if !has_verb && !s.place.subject.is_empty() && s.objects.renumber_to.is_none() {
            // „Die Absätze 4 und 5 werden die Absätze 3 und 4.“
            s.objects.renumber_to = segs.into_iter().next();
        } else {
            s.objects.cur.obj_ref.extend(segs);
        }
    }

    /// „folgender (neuer) Absatz 3“, „die folgenden Sätze“: the units the new wording forms.
    fn folgend(&mut self, s: &mut Sentence) {
        self.i += 1;
        while matches!(self.peek(0), Some(T::Article | T::Neu)) {
            self.i += 1;
        }
        let unit = match self.peek(0) {
            Some(T::Ref(r)) => r.first().cloned(),
            Some(T::BareUnit(k)) => Some(Segment::bare(*k)),
            _ => None,
        };
        if let Some(u) = unit {
            self.i += 1;
            let cur = &mut s.objects.cur;
            if cur.durch {
                cur.by_units = Some(u);
            } else {
                cur.new_unit = Some(u);
            }
        }
    }

    /// A participle: „… wie folgt geändert:“ opens a prefix; any other verb turns the parts read
    /// so far into commands.
    fn verb(&mut self, s: &mut Sentence, v: Verb) {
        self.i += 1;
        if v == Verb::Geaendert {
            if s.objects.wie_folgt || matches!(self.peek(0), Some(T::Colon)) {
                let base = s.place.base(self.text);
                if base.is_empty() && s.place.law.is_none() {
                    // „Das Lobbyregistergesetz vom … wird wie folgt geändert:“
                    s.place.law = s.place.subject_words.map(|w| law_name(&self.text[w.range()])).filter(|l| !l.is_empty());
                }
                s.out.prefix = Some(TargetRef::new(base));
            }
            return;
        }
        let o = &mut s.objects;
        if !o.cur.is_empty() || o.parts.is_empty() {
            o.parts.push(std::mem::take(&mut o.cur));
        }
        let base = s.place.base(self.text);
        s.out.pending.clear();
        let op = match v {
            Verb::Ersetzt => Operation::Replace,
            Verb::Eingefuegt => Operation::Insert,
            Verb::Angefuegt => Operation::Append,
            Verb::Vorangestellt => Operation::Prepend,
            Verb::Gestrichen => Operation::Delete,
            Verb::Aufgehoben => Operation::Repeal,
            Verb::Gefasst => Operation::Recast,
            Verb::Geaendert => unreachable!("handled above"),
        };
        for part in o.parts.drain(..) {
            let mut b = base.clone();
            b.extend(part.obj_ref.iter().cloned());
            s.out.cmds.push(make(op, b, part, o.every));
            s.out.pending.push(s.out.cmds.len() - 1);
        }
        if !s.place.subject.is_empty() {
            s.place.last_subject = std::mem::take(&mut s.place.subject);
        }
    }

    /// „und“: a second clause after a complete command („… ersetzt und wird der „.“ am Ende
    /// durch … ersetzt“), or a second object sharing the verb.
    fn und(&self, s: &mut Sentence) {
        let second_clause = matches!(self.peek(1), Some(T::Aux | T::In | T::Article | T::WordsNoun | T::Ref(_) | T::Nach | T::Vor));
        if !s.out.pending.is_empty() && second_clause {
            s.out.pending.clear();
            s.place.post_loc.clear();
            s.place.seen_aux = false;
            s.objects.every = false;
        } else if !s.objects.cur.is_empty() && s.objects.cur.obj_ref.is_empty() {
            s.objects.parts.push(std::mem::take(&mut s.objects.cur));
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
                T::Other | T::Article if segs.is_empty() && (words.is_some() || matches!(tok.t, T::Other)) => {
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
        Reading::Prefix { target: TargetRef::new(segs), law, new_numbering: false }
    }
}

/// What a command's sentence has said so far, in three parts that change at different phrases.
#[derive(Default)]
struct Sentence {
    place: Place,
    objects: Objects,
    out: Emitted,
}

/// Where the command acts: the location („In § 5“, before or after the auxiliary), the subject
/// („§ 5 Absatz 2 wird …“, „Dem § 7 wird …“) and the law named with them.
#[derive(Default)]
struct Place {
    pre_loc: Vec<Segment>,
    post_loc: Vec<Segment>,
    subject: Vec<Segment>,
    /// The subject of the clause before „und“, for a second clause that has none.
    last_subject: Vec<Segment>,
    /// Words before the auxiliary that are no reference (a law's name, an unknown unit).
    subject_words: Option<Span>,
    law: Option<String>,
    seen_aux: bool,
    /// „Im neuen Absatz 4“, „Dem neuen § 5“, „Der neue Absatz 3“.
    new_numbering: bool,
}

impl Place {
    /// The target named by location and subject, read so far.
    fn base(&self, text: &str) -> Vec<Segment> {
        let mut b: Vec<Segment> = self.pre_loc.clone();
        b.extend(self.post_loc.iter().cloned());
        if !self.subject.is_empty() {
            b.extend(self.subject.iter().cloned());
        } else if let Some(w) = self.subject_words {
            let words = text[w.range()].trim();
            if !looks_like_law(words) && !words.is_empty() {
                b.push(Segment::new(UnitKind::Other, words));
            }
        } else if self.pre_loc.is_empty() {
            b.extend(self.last_subject.iter().cloned());
        }
        b
    }
}

/// The objects of the clause: object–replacement pairs that share the verb to come.
#[derive(Default)]
struct Objects {
    parts: Vec<Part>,
    cur: Part,
    every: bool,
    wie_folgt: bool,
    erhaelt: bool,
    /// „… werden die Absätze 3 und 4.“
    renumber_to: Option<Segment>,
}

impl Objects {
    /// Quoted words found: old words, replacement, or the inserted words.
    fn assign_words(&mut self, q: Vec<Wording>) {
        if self.cur.durch {
            self.cur.by.extend(q);
        } else if self.cur.obj.is_empty() {
            self.cur.obj = q;
        } else {
            // A second object without „und“ between: a new part sharing the verb.
            self.parts.push(std::mem::take(&mut self.cur));
            self.cur.obj = q;
        }
    }
}

/// Commands read so far, and those of the last verb, still waiting for quoted new wording
/// after „:“.
#[derive(Default)]
struct Emitted {
    cmds: Vec<Cmd>,
    pending: Vec<usize>,
    /// „wird ersetzt durch: „…““.
    durch_after_verb: bool,
    last_colon: Option<usize>,
    /// „… wird wie folgt geändert:“.
    prefix: Option<TargetRef>,
}

impl Sentence {
    /// What the sentence says, once all its tokens are read.
    fn finish(self, r: &Reader) -> Reading {
        let Sentence { place, objects, out } = self;
        let Emitted { mut cmds, durch_after_verb, last_colon, prefix, .. } = out;
        if let Some(target) = prefix {
            if cmds.is_empty() {
                return Reading::Prefix { target, law: place.law, new_numbering: place.new_numbering };
            }
        }
        if cmds.is_empty() {
            return place.renumbering(objects.renumber_to).unwrap_or_else(|| {
                let has_quote = r.toks.iter().any(|t| matches!(t.t, T::Quote(_)));
                let has_verb = r.toks.iter().any(|t| matches!(t.t, T::Verb(_)) || t.t == T::Fassung);
                if has_quote || has_verb {
                    Reading::Unclear("Änderungsbefehl nicht verstanden: Ziel oder Art der Änderung fehlt.".into())
                } else {
                    Reading::NotCommand
                }
            });
        }
        // „wird ersetzt durch: „…““ — the quote after the verb is the new wording of the target.
        if durch_after_verb {
            for c in cmds.iter_mut().filter(|c| c.op == Operation::Replace && c.old.is_empty()) {
                c.op = Operation::Recast;
            }
        }
        if let Some(colon) = last_colon {
            unquoted_new_wording(r, colon, &mut cmds);
        }
        for c in &mut cmds {
            if c.law.is_none() {
                c.law.clone_from(&place.law);
            }
            c.new_numbering = place.new_numbering;
        }
        match cmds.iter().find_map(problem) {
            Some(p) => Reading::Unclear(p),
            None => Reading::Commands(cmds),
        }
    }
}

impl Place {
    /// „Die Absätze 4 und 5 werden die Absätze 3 und 4.“: a sentence without a participle whose
    /// subject gets the numbers after the auxiliary.
    fn renumbering(self, to: Option<Segment>) -> Option<Reading> {
        let subject = if self.subject.is_empty() { self.last_subject } else { self.subject };
        let to = to?;
        if subject.is_empty() {
            return None;
        }
        let mut target = self.pre_loc;
        target.extend(subject);
        Some(Reading::Commands(vec![Cmd {
            target: TargetRef::new(target),
            op: Operation::Renumber,
            anchor: None,
            old: Vec::new(),
            new: Vec::new(),
            new_unit: Some(to),
            every: false,
            at_end: false,
            external_new: false,
            law: self.law,
            new_numbering: self.new_numbering,
        }]))
    }
}

/// New wording without quotation marks after the colon (a defect of some sources): the rest of
/// the text is the new wording of the commands that lack one.
fn unquoted_new_wording(r: &Reader, colon: usize, cmds: &mut [Cmd]) {
    let needs_new = |c: &Cmd| {
        matches!(c.op, Operation::Recast | Operation::Insert | Operation::Append | Operation::Prepend) && c.new.is_empty() && !c.external_new
    };
    if !cmds.iter().any(needs_new) || colon + 1 >= r.toks.len() {
        return;
    }
    let start = r.toks[colon].span.end;
    let end = r.toks.last().map_or(start, |t| t.span.end);
    let raw = &r.text[start..end];
    let lead = raw.len() - raw.trim_start().len();
    let span = Span::new(start + lead, end);
    if span.is_empty() {
        return;
    }
    let w = r.wording(span);
    for c in cmds.iter_mut().filter(|c| needs_new(c)) {
        c.new.push(w.clone());
    }
}

/// The command a verb makes of one object–replacement pair.
fn make(op: Operation, base: Vec<Segment>, part: Part, every: bool) -> Cmd {
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
        new_numbering: false,
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

/// „Das Lobbyregistergesetz vom 16. April 2021“ → „Lobbyregistergesetz“; „Das Bürgerliche
/// Gesetzbuch in der Fassung …“ → „Bürgerliches Gesetzbuch“ (without the article, the adjective
/// takes the strong ending the law's name has on its own).
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
    let name = s.trim();
    // The gender of the head noun decides the ending („das Bürgerliche Gesetzbuch“ →
    // „Bürgerliches Gesetzbuch“, „der Zweite Staatsvertrag“ → „Zweiter Staatsvertrag“).
    match name.split_whitespace().find_map(law_gender) {
        Some('n') => strong_adjectives(name, "es"),
        Some('m') => strong_adjectives(name, "er"),
        _ => name.to_string(),
    }
}

/// The capitalised adjectives before the head noun with a strong ending: „Bürgerliche Gesetzbuch“
/// → „Bürgerliches Gesetzbuch“, „Achte Buch Sozialgesetzbuch“ → „Achtes Buch Sozialgesetzbuch“.
fn strong_adjectives(name: &str, ending: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let mut out = Vec::with_capacity(words.len());
    let mut before_noun = true;
    for (i, w) in words.iter().enumerate() {
        let adjective = before_noun && i + 1 < words.len() && w.ends_with('e') && w.chars().next().is_some_and(char::is_uppercase);
        if adjective {
            out.push(format!("{w}{}", &ending[1..]));
        } else {
            before_noun = false;
            out.push(w.to_string());
        }
    }
    out.join(" ")
}

/// The gender of a law's head noun, from its ending: „…gesetz“, „…buch“ neuter; „…ordnung“,
/// „…verfassung“, „Satzung“ feminine; „…vertrag“, „…erlass“ masculine.
fn law_gender(noun: &str) -> Option<char> {
    let n = noun.to_lowercase();
    let ends = |xs: &[&str]| xs.iter().any(|x| n.ends_with(x));
    if ends(&["gesetz", "gesetzes", "gesetzbuch", "gesetzbuchs", "gesetzbuches", "buch", "buchs", "buches", "abkommen", "abkommens", "statut", "statuts"]) {
        Some('n')
    } else if ends(&["ordnung", "verfassung", "satzung", "vorschrift", "verordnung"]) {
        Some('f')
    } else if ends(&["vertrag", "vertrages", "vertrags", "erlass", "erlasses"]) {
        Some('m')
    } else {
        None
    }
}

/// „Verwaltungsverfahrensgesetzes“ → „Verwaltungsverfahrensgesetz“, „Bürgerlichen Gesetzbuchs“ →
/// „Bürgerliches Gesetzbuch“ (the genitive of a law's name back to the nominative, as far as its
/// endings tell: the adjectives before the head noun and the head noun itself; what follows the
/// head noun — „zum Bürgerlichen Gesetzbuche“ — stays).
pub(super) fn nominative(genitive: &str) -> String {
    let mut words: Vec<String> = genitive.split_whitespace().map(str::to_string).collect();
    let Some(head) = words.iter().position(|w| law_gender(w).is_some()) else { return words.join(" ") };
    let gender = law_gender(&words[head]);
    {
        let noun = &mut words[head];
        let lower = noun.to_lowercase();
        for (suffix, cut) in [
            ("gesetzes", 2),
            ("gesetzbuches", 2),
            ("gesetzbuchs", 1),
            ("buches", 2),
            ("buchs", 1),
            ("vertrages", 2),
            ("vertrags", 1),
            ("abkommens", 1),
            ("statuts", 1),
            ("erlasses", 2),
        ] {
            if lower.ends_with(suffix) {
                noun.truncate(noun.len() - cut);
                break;
            }
        }
    }
    for w in &mut words[..head] {
        if w.ends_with("en") && w.chars().next().is_some_and(char::is_uppercase) {
            w.truncate(w.len() - 1);
            match gender {
                Some('n') => w.push('s'),
                Some('m') => w.push('r'),
                _ => {}
            }
        }
    }
    words.join(" ")
}
