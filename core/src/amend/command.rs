//! What an Änderungsbefehl says, independent of where it stands: the target unit, the operation,
//! the old and the new wording.
//!
//! The types mirror the conventions of the Handbuch der Rechtsförmlichkeit (HdR, 4. Aufl., Rn. 587 ff.):
//! a command names the unit it acts on („§ 5 Absatz 2 Satz 1“), what happens to it (ersetzt, eingefügt,
//! angefügt, vorangestellt, gestrichen, aufgehoben, gefasst) and the wording in „…“. Norm paths are
//! written the way the rest of Digi-Check writes them (`§ 5 Abs. 2 Satz 1`), so that a finding in
//! quoted new wording and a finding in the consolidated law name the same place the same way.

use crate::source::Span;
use serde::Serialize;
use std::fmt;

/// Kinds of units a command can name. Ordered containers first; see [`UnitKind::rank`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum UnitKind {
    /// Titel (Bezeichnung) of the law.
    Title,
    /// Präambel.
    Preamble,
    /// Eingangsformel or Ermächtigung (citation of the enabling provision).
    Formula,
    /// Inhaltsübersicht / Inhaltsverzeichnis.
    Contents,
    /// One entry of the Inhaltsübersicht („die Angabe zu § 34“); the label is the unit it lists.
    ContentsEntry,
    Anlage,
    Artikel,
    /// Buch, Teil, Kapitel, Abschnitt, Unterabschnitt, Titel; the label includes the word
    /// („Abschnitt 2“, „3. Buch“).
    Gliederung,
    Paragraph,
    Absatz,
    Satz,
    Halbsatz,
    /// Ziffer of an Anlage („Ziffer II“).
    Ziffer,
    Nummer,
    Buchstabe,
    Doppelbuchstabe,
    Dreifachbuchstabe,
    /// Überschrift of the unit named before it.
    Heading,
    /// A table inside the unit named before it.
    Table,
    /// A formula inside the unit named before it.
    Formel,
    /// „der Teilsatz vor Nummer 1“, „der Satzteil nach Nummer 3“; the label is „vor Nr. 1“.
    SentencePart,
    /// Anything else the command names („Risikoindikator 4.4“, „Spalte 2/Gewichtung“); the label
    /// holds the words as written.
    Other,
}

impl UnitKind {
    /// Nesting rank: a relative target („In Absatz 2“) below a prefix („§ 5 wird wie folgt
    /// geändert:“) keeps the prefix's segments of lower rank. Units that only make sense inside the
    /// preceding one (Überschrift, Tabelle, Teilsatz, …) have the highest rank and always attach.
    pub fn rank(self) -> u8 {
        match self {
            UnitKind::Title | UnitKind::Preamble | UnitKind::Formula | UnitKind::Contents | UnitKind::Anlage => 0,
            UnitKind::Artikel => 10,
            UnitKind::Gliederung => 20,
            UnitKind::Paragraph => 30,
            UnitKind::Absatz => 40,
            UnitKind::Satz => 50,
            UnitKind::Halbsatz => 55,
            UnitKind::Ziffer => 60,
            UnitKind::Nummer => 65,
            UnitKind::Buchstabe => 70,
            UnitKind::Doppelbuchstabe => 75,
            UnitKind::Dreifachbuchstabe => 80,
            UnitKind::Heading
            | UnitKind::ContentsEntry
            | UnitKind::Table
            | UnitKind::Formel
            | UnitKind::SentencePart
            | UnitKind::Other => 99,
        }
    }

    /// The abbreviation used in norm paths („Abs.“, „Nr.“), as the structure parser writes them.
    fn abbreviation(self, plural: bool) -> &'static str {
        match self {
            UnitKind::Paragraph if plural => "§§",
            UnitKind::Paragraph => "§",
            UnitKind::Artikel => "Art.",
            UnitKind::Absatz => "Abs.",
            UnitKind::Satz => "Satz",
            UnitKind::Halbsatz => "Halbsatz",
            UnitKind::Nummer => "Nr.",
            UnitKind::Buchstabe => "Buchst.",
            UnitKind::Doppelbuchstabe => "Doppelbuchst.",
            UnitKind::Dreifachbuchstabe => "Dreifachbuchst.",
            UnitKind::Anlage => "Anlage",
            UnitKind::Ziffer => "Ziffer",
            UnitKind::Title => "Titel",
            UnitKind::Preamble => "Präambel",
            UnitKind::Formula => "Eingangsformel",
            UnitKind::Contents => "Inhaltsübersicht",
            UnitKind::ContentsEntry => "Angabe zu",
            UnitKind::Heading => "Überschrift",
            UnitKind::Table => "Tabelle",
            UnitKind::Formel => "Formel",
            UnitKind::SentencePart => "Teilsatz",
            UnitKind::Gliederung | UnitKind::Other => "",
        }
    }
}

/// One step of a norm path: „Abs. 2“, „Abs. 2 bis 4“, „Nr. 1.1, 1.2 und 2.1“, „Überschrift“.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Segment {
    pub kind: UnitKind,
    /// The numbers or letters as written („2“, „4a“, „aa“, „II“); empty for „folgender Satz“ and
    /// for units without a number (Inhaltsübersicht, Überschrift).
    pub labels: Vec<String>,
    /// `labels` are the two ends of a range („Absätze 2 bis 4“), not a list.
    pub range: bool,
}

impl Segment {
    pub fn new(kind: UnitKind, label: impl Into<String>) -> Segment {
        Segment { kind, labels: vec![label.into()], range: false }
    }

    pub fn bare(kind: UnitKind) -> Segment {
        Segment { kind, labels: Vec::new(), range: false }
    }

    /// The single label, if the segment names exactly one unit.
    pub fn single(&self) -> Option<&str> {
        match self.labels.as_slice() {
            [one] => Some(one.as_str()),
            _ => None,
        }
    }

    /// Every label the segment covers; ranges of plain numbers are expanded („2 bis 4“ → 2, 3, 4).
    pub fn expanded(&self) -> Vec<String> {
        if self.range && self.labels.len() == 2 {
            if let (Ok(a), Ok(b)) = (self.labels[0].parse::<u32>(), self.labels[1].parse::<u32>()) {
                if a <= b && b - a < 500 {
                    return (a..=b).map(|n| n.to_string()).collect();
                }
            }
            let (a, b) = (&self.labels[0], &self.labels[1]);
            if a.len() == 1 && b.len() == 1 && a < b {
                let (a, b) = (a.as_bytes()[0], b.as_bytes()[0]);
                if a.is_ascii_lowercase() && b.is_ascii_lowercase() {
                    return (a..=b).map(|c| (c as char).to_string()).collect();
                }
            }
        }
        self.labels.clone()
    }
}

impl fmt::Display for Segment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural = self.labels.len() > 1;
        let labels = if self.range {
            self.labels.join(" bis ")
        } else {
            match self.labels.as_slice() {
                [] => String::new(),
                [one] => one.clone(),
                [init @ .., last] => format!("{} und {last}", init.join(", ")),
            }
        };
        match self.kind {
            UnitKind::Gliederung | UnitKind::Other => f.write_str(&labels),
            UnitKind::SentencePart => write!(f, "Teilsatz {labels}"),
            kind => {
                let abbr = kind.abbreviation(plural);
                if labels.is_empty() {
                    f.write_str(abbr)
                } else {
                    write!(f, "{abbr} {labels}")
                }
            }
        }
    }
}

/// A norm path inside one law: `§ 5 Abs. 2 Satz 1`, `Inhaltsübersicht Angabe zu § 34`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize)]
pub struct TargetRef {
    pub segments: Vec<Segment>,
}

impl TargetRef {
    pub fn new(segments: Vec<Segment>) -> TargetRef {
        TargetRef { segments }
    }

    pub fn is_empty(&self) -> bool {
        self.segments.is_empty()
    }

    pub fn last(&self) -> Option<&Segment> {
        self.segments.last()
    }

    /// The path without its last segment (the unit that contains the target).
    pub fn parent(&self) -> TargetRef {
        let mut s = self.segments.clone();
        s.pop();
        TargetRef { segments: s }
    }

    /// A relative path read below this one: segments of `child` replace those of equal or deeper
    /// rank („§ 5 Abs. 1“ + „Absatz 2“ → „§ 5 Abs. 2“; „§ 5“ + „Satz 1“ → „§ 5 Satz 1“).
    pub fn join(&self, child: &TargetRef) -> TargetRef {
        let Some(first) = child.segments.first() else { return self.clone() };
        let rank = first.kind.rank();
        let mut segments: Vec<Segment> = if rank == 99 {
            self.segments.clone()
        } else {
            self.segments.iter().take_while(|s| s.kind.rank() < rank).cloned().collect()
        };
        segments.extend(child.segments.iter().cloned());
        TargetRef { segments }
    }

    /// True if the target is part of the Inhaltsübersicht, a heading or the title: text that
    /// describes the law rather than rules anything.
    pub fn is_non_normative(&self) -> bool {
        self.segments.iter().any(|s| {
            matches!(
                s.kind,
                UnitKind::Contents | UnitKind::ContentsEntry | UnitKind::Heading | UnitKind::Title | UnitKind::Formula
            )
        })
    }
}

impl fmt::Display for TargetRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self.segments.iter().map(|s| s.to_string()).filter(|s| !s.is_empty()).collect();
        f.write_str(&parts.join(" "))
    }
}

/// What a command does. Word-level and unit-level commands share the verbs, as in the HdR.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Operation {
    /// „… wird durch … ersetzt“: `old` words (or the target units) give way to `new`.
    Replace,
    /// „… eingefügt“: `new` goes in at the [`InsertionPoint`].
    Insert,
    /// „… angefügt“: `new` goes at the end of the target.
    Append,
    /// „… vorangestellt“: `new` goes at the start of the target.
    Prepend,
    /// „Die Wörter „…“ werden gestrichen.“: the `old` words go.
    Delete,
    /// „… wird aufgehoben“ (or a unit that is „gestrichen“): the target unit goes.
    Repeal,
    /// „… wird wie folgt gefasst“, „… neu gefasst“, „erhält folgende Fassung“: the target unit
    /// gets the `new` wording.
    Recast,
    /// „Die Absätze 4 und 5 werden die Absätze 3 und 4.“: the target units get the numbers of
    /// `new_unit`.
    Renumber,
}

impl Operation {
    /// The German verb, for messages.
    pub fn verb(self) -> &'static str {
        match self {
            Operation::Replace => "ersetzt",
            Operation::Insert => "eingefügt",
            Operation::Append => "angefügt",
            Operation::Prepend => "vorangestellt",
            Operation::Delete => "gestrichen",
            Operation::Repeal => "aufgehoben",
            Operation::Recast => "neu gefasst",
            Operation::Renumber => "umnummeriert",
        }
    }
}

/// Where inserted wording goes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "words")]
pub enum InsertionPoint {
    /// „nach den Wörtern „…““.
    AfterWords(Wording),
    /// „vor dem Wort „…““.
    BeforeWords(Wording),
    /// „Nach Absatz 2 wird folgender Absatz 3 eingefügt“: after the target unit.
    AfterUnit,
    /// „Vor Satz 1 wird folgender Satz eingefügt“: before the target unit.
    BeforeUnit,
}

/// The former name of [`InsertionPoint`], kept for code written before the rename.
#[doc(hidden)]
pub type Anchor = InsertionPoint;

/// Quoted wording of a command. `text` is what the law will (or did) say; for quotes it is the text
/// of `span` in the draft, for words such as „Komma“ or „Punkt“ it is the sign they name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Wording {
    /// Bytes of the draft: inside the „…“ for a quote, the naming word for „Komma“.
    pub span: Span,
    pub text: String,
}

/// The law an Artikel amends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Law {
    /// As the draft names it, in the nominative where the draft gives it („Lobbyregistergesetz“).
    pub name: String,
    /// Short form used in norm paths („VwVfG M-V“), if the draft or the built-in list knows one.
    pub abbreviation: Option<String>,
}

impl Law {
    /// The form used after a norm path: the abbreviation, or the name.
    pub fn short(&self) -> &str {
        self.abbreviation.as_deref().unwrap_or(&self.name)
    }
}

/// One understood Änderungsbefehl. A list item with two commands („… ersetzt und wird … ersetzt“)
/// yields two `Amendment`s with the same `path`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Amendment {
    /// The command's own place in the draft, e.g. `Art. 1 Nr. 3 Buchst. a`.
    pub path: String,
    /// The command's text in the draft (label excluded, quoted wording included).
    pub span: Span,
    /// The amended law, if the Artikel or the command names it.
    pub law: Option<Law>,
    /// The unit the command acts on in the law as it is: the unit holding the words, the unit
    /// recast or repealed, the unit after which something is inserted, the unit something is
    /// appended to. Absolute: the prefixes of enclosing commands are resolved.
    pub target: TargetRef,
    pub op: Operation,
    /// Where `new` goes for [`Operation::Insert`].
    pub anchor: Option<InsertionPoint>,
    /// Wording that is replaced or deleted.
    pub old: Vec<Wording>,
    /// Wording that is inserted, appended or becomes the new text.
    pub new: Vec<Wording>,
    /// The units the new wording forms („folgender Absatz 3“, „die folgenden Sätze“), or the new
    /// numbers of [`Operation::Renumber`].
    pub new_unit: Option<Segment>,
    /// „jeweils“: every occurrence of `old`, or every target unit.
    pub every: bool,
    /// „am Ende“: the last occurrence of `old`, or the end of the target.
    pub at_end: bool,
    /// The new wording is not in the command but elsewhere („aus dem Anhang ersichtliche Fassung“).
    pub external_new: bool,
    /// The target is named in the numbering the law has after the preceding commands („Im neuen
    /// Absatz 4“, „Dem neuen § 5“). Without „neu“ a command names units as the law numbers them
    /// before the amendment, however the Artikel renumbers them (HdR: every command of an Artikel
    /// is read against the law as it stands).
    pub new_numbering: bool,
}

impl Amendment {
    /// The norm the new wording will have, for attributing findings: the new unit for insertions
    /// („§ 3c“, „§ 112 Abs. 1 Satz 2“, „§ 33 Abs. 4 (angefügter Satz)“), the target otherwise.
    pub fn resulting_target(&self) -> String {
        let unlabelled = |what: &str, container: &TargetRef| {
            let c = container.to_string();
            if c.is_empty() {
                format!("({what})")
            } else {
                format!("{c} ({what})")
            }
        };
        match (&self.op, &self.new_unit, &self.anchor) {
            (Operation::Insert, Some(unit), Some(InsertionPoint::AfterUnit | InsertionPoint::BeforeUnit)) => {
                let after = matches!(self.anchor, Some(InsertionPoint::AfterUnit));
                let mut unit = unit.clone();
                if unit.labels.is_empty() {
                    // „Nach Satz 1 wird folgender Satz eingefügt“ → Satz 2.
                    match self.target.last().and_then(|s| s.single()).and_then(|l| l.parse::<u32>().ok()) {
                        Some(n) if self.target.last().is_some_and(|s| s.kind == unit.kind) => {
                            unit.labels = vec![if after { n + 1 } else { n }.to_string()];
                        }
                        _ => return unlabelled("eingefügte Einheit", &self.target.parent()),
                    }
                }
                self.target.parent().join(&TargetRef::new(vec![unit])).to_string()
            }
            (Operation::Append | Operation::Prepend, Some(unit), _) => {
                if unit.labels.is_empty() {
                    let what = match (self.op, unit.kind) {
                        (Operation::Append, UnitKind::Satz) => "angefügter Satz",
                        (Operation::Prepend, UnitKind::Satz) => "vorangestellter Satz",
                        (Operation::Append, _) => "angefügte Einheit",
                        _ => "vorangestellte Einheit",
                    };
                    unlabelled(what, &self.target)
                } else {
                    self.target.join(&TargetRef::new(vec![unit.clone()])).to_string()
                }
            }
            (Operation::Replace, Some(unit), _) if !unit.labels.is_empty() => {
                self.target.parent().join(&TargetRef::new(vec![unit.clone()])).to_string()
            }
            (Operation::Renumber, Some(unit), _) => self.target.parent().join(&TargetRef::new(vec![unit.clone()])).to_string(),
            _ => self.target.to_string(),
        }
    }

    /// `resulting_target` followed by the law's short name: „§ 5 Abs. 2 VwVfG M-V“.
    pub fn target_with_law(&self) -> String {
        with_law(&self.resulting_target(), self.law.as_ref())
    }
}

/// „§ 5 Abs. 2“ + law → „§ 5 Abs. 2 VwVfG M-V“; a parenthesised note stays at the end.
pub(crate) fn with_law(target: &str, law: Option<&Law>) -> String {
    let Some(law) = law else { return target.to_string() };
    match target.find(" (") {
        Some(i) if target.ends_with(')') => format!("{} {}{}", &target[..i], law.short(), &target[i..]),
        _ if target.starts_with('(') => format!("{} {target}", law.short()),
        _ if target.is_empty() => law.short().to_string(),
        _ => format!("{target} {}", law.short()),
    }
}

/// A command that was found but not understood. Reported, never dropped: a drafter must see that
/// Digi-Check could not check it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unparsed {
    pub path: String,
    pub span: Span,
    /// Why, in German.
    pub reason: String,
    /// The law of the Artikel the command stands in, if known: a command that could not be read
    /// still belongs to one law, and applying the draft to that law is incomplete without it.
    pub law: Option<Law>,
}

/// The Änderungsbefehle of a document.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Amendments {
    pub commands: Vec<Amendment>,
    pub unparsed: Vec<Unparsed>,
    /// Text that is command wording (including the „… wird wie folgt geändert:“ lines and the
    /// quotes): findings there are not barriers of the law.
    pub regions: Vec<Span>,
}

impl Amendments {
    pub fn is_empty(&self) -> bool {
        self.commands.is_empty() && self.unparsed.is_empty()
    }

    /// True if the span touches command wording.
    pub fn covers(&self, span: Span) -> bool {
        self.regions.iter().any(|r| r.overlaps(span) || r.contains(span))
    }

    /// The laws the document amends, in order of first appearance (of a command that was read
    /// or one that was not).
    pub fn laws(&self) -> Vec<&Law> {
        let mut out: Vec<&Law> = Vec::new();
        let named = self.commands.iter().filter_map(|c| c.law.as_ref()).chain(self.unparsed.iter().filter_map(|u| u.law.as_ref()));
        for l in named {
            if !out.iter().any(|o| o.name == l.name) {
                out.push(l);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(kind: UnitKind, l: &str) -> Segment {
        Segment::new(kind, l)
    }

    #[test]
    fn join_replaces_deeper_segments() {
        let prefix = TargetRef::new(vec![seg(UnitKind::Paragraph, "5"), seg(UnitKind::Absatz, "1")]);
        let child = TargetRef::new(vec![seg(UnitKind::Absatz, "2")]);
        assert_eq!(prefix.join(&child).to_string(), "§ 5 Abs. 2");
        let satz = TargetRef::new(vec![seg(UnitKind::Satz, "1")]);
        assert_eq!(prefix.join(&satz).to_string(), "§ 5 Abs. 1 Satz 1");
        let heading = TargetRef::new(vec![Segment::bare(UnitKind::Heading)]);
        assert_eq!(prefix.join(&heading).to_string(), "§ 5 Abs. 1 Überschrift");
        let other = TargetRef::new(vec![seg(UnitKind::Paragraph, "7")]);
        assert_eq!(prefix.join(&other).to_string(), "§ 7");
    }

    #[test]
    fn segments_display_like_norm_paths() {
        let s = Segment { kind: UnitKind::Absatz, labels: vec!["2".into(), "4".into()], range: true };
        assert_eq!(s.to_string(), "Abs. 2 bis 4");
        assert_eq!(s.expanded(), vec!["2", "3", "4"]);
        let s = Segment { kind: UnitKind::Nummer, labels: vec!["1.1".into(), "1.2".into(), "2.1".into()], range: false };
        assert_eq!(s.to_string(), "Nr. 1.1, 1.2 und 2.1");
        let s = Segment { kind: UnitKind::Paragraph, labels: vec!["4a".into(), "4b".into()], range: false };
        assert_eq!(s.to_string(), "§§ 4a und 4b");
        let s = Segment { kind: UnitKind::Buchstabe, labels: vec!["e".into(), "g".into()], range: true };
        assert_eq!(s.expanded(), vec!["e", "f", "g"]);
    }

    #[test]
    fn law_goes_before_a_note() {
        let law = Law { name: "Kommunalverfassung".into(), abbreviation: Some("KV M-V".into()) };
        assert_eq!(with_law("§ 33 Abs. 4 (angefügter Satz)", Some(&law)), "§ 33 Abs. 4 KV M-V (angefügter Satz)");
        assert_eq!(with_law("§ 5 Abs. 2", Some(&law)), "§ 5 Abs. 2 KV M-V");
    }
}
