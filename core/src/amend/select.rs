//! Which of the laws a draft amends a base text is.
//!
//! A Mantelgesetz amends several laws, one per Artikel; `apply` and `diff` get the text of one of
//! them. That text may begin with its title („Zivilprozessordnung“), with a web page's navigation
//! („Nichtamtliches Inhaltsverzeichnis“) or with „Buch 1“ — nothing in its first lines need name
//! it. So the law is recognised the way a reader would: by the title where the first lines give
//! one, else by its content — the §§ each law's commands name exist in the base, with the words
//! the commands replace or insert at, and with the headings the drafts quote. `--law NAME` picks
//! one explicitly.

use super::model::{Amendment, Amendments, Anchor, Law, Operation, Unparsed};
use super::resolve;
use crate::structure::Document;

/// The commands (and unreadable commands) of the draft that amend the law `base` is.
#[derive(Debug)]
pub struct Selection<'a> {
    pub law: Option<Law>,
    pub commands: Vec<&'a Amendment>,
    pub unparsed: Vec<&'a Unparsed>,
}

/// True if `wanted` (as a user types it) names `law`: its name or short name, case and spacing
/// ignored, or a unique part of the name.
fn names(law: &Law, wanted: &str) -> bool {
    let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    let w = norm(wanted);
    !w.is_empty() && (norm(&law.name) == w || law.abbreviation.as_deref().is_some_and(|a| norm(a) == w) || norm(&law.name).contains(&w))
}

/// The commands of `amendments` for the law `base` is (see the module docs). `wanted` is the
/// `--law` choice.
pub fn choose<'a>(amendments: &'a Amendments, base: &Document, wanted: Option<&str>) -> Result<Selection<'a>, String> {
    let laws = amendments.laws();
    let list = || laws.iter().map(|l| format!("„{}“", l.name)).collect::<Vec<_>>().join(", ");
    let law: Option<Law> = match wanted {
        Some(w) => {
            let hits: Vec<&&Law> = laws.iter().filter(|l| names(l, w)).collect();
            match hits.as_slice() {
                [one] => Some((**one).clone()),
                [] => return Err(format!("Der Entwurf ändert kein Gesetz „{w}“; er ändert: {}.", if laws.is_empty() { "kein benanntes Gesetz".to_string() } else { list() })),
                _ => return Err(format!("„{w}“ passt auf mehrere Gesetze des Entwurfs ({}); bitte genauer angeben.", list())),
            }
        }
        None if laws.len() <= 1 => laws.first().map(|l| (*l).clone()),
        None => Some(recognise(amendments, &laws, base).ok_or_else(|| {
            format!(
                "Der Entwurf ändert mehrere Gesetze ({}); welches davon der Ausgangstext ist, lässt sich weder aus seinen ersten Zeilen noch aus seinem Inhalt sicher erkennen. Mit --law NAME wählen.",
                list()
            )
        })?),
    };
    let of_law = |l: Option<&Law>| match (&law, l) {
        (None, _) => true,
        (Some(want), Some(l)) => l.name == want.name,
        (Some(_), None) => laws.len() <= 1,
    };
    Ok(Selection {
        commands: amendments.commands.iter().filter(|c| of_law(c.law.as_ref())).collect(),
        unparsed: amendments.unparsed.iter().filter(|u| of_law(u.law.as_ref())).collect(),
        law,
    })
}

/// The law `base` is among several: the one its first lines name, else the one whose commands
/// fit its content clearly best.
fn recognise(amendments: &Amendments, laws: &[&Law], base: &Document) -> Option<Law> {
    let head: String = base.text().lines().filter(|l| !l.trim().is_empty()).take(5).collect::<Vec<_>>().join(" ");
    let titled: Vec<&&Law> = laws
        .iter()
        .filter(|l| head.contains(&l.name) || l.abbreviation.as_deref().is_some_and(|a| head.split(|c: char| !c.is_alphanumeric() && c != '-').any(|w| w == a)))
        .collect();
    if let [one] = titled.as_slice() {
        return Some((**one).clone());
    }
    let mut scores: Vec<(f64, &Law)> = laws
        .iter()
        .map(|l| {
            let cmds: Vec<&Amendment> = amendments.commands.iter().filter(|c| c.law.as_ref().is_some_and(|x| x.name == l.name)).collect();
            (fit(base, &cmds), *l)
        })
        .collect();
    crate::sort::sort_by(&mut scores, |a, b| b.0.total_cmp(&a.0));
    match scores.as_slice() {
        [(best, law), rest @ ..] if *best >= 0.5 && rest.first().is_none_or(|(second, _)| best - second >= 0.25) => Some((*law).clone()),
        _ => None,
    }
}

/// How well commands fit a base text, from 0 to 1: the share of commands whose target exists
/// there and, where they name words („durch …“, „nach dem Wort …“) or a quoted § with its heading,
/// whose words are there too.
fn fit(base: &Document, cmds: &[&Amendment]) -> f64 {
    let mut points = 0.0;
    let mut counted = 0usize;
    for c in cmds {
        let places = match resolve::resolve(base, &c.target) {
            Ok(p) => p,
            // An Inhaltsübersicht the base text lacks says nothing about which law it is.
            Err(resolve::Unresolved::NoContents) => continue,
            Err(_) => {
                counted += 1;
                continue;
            }
        };
        counted += 1;
        let words = match (&c.op, &c.anchor) {
            (Operation::Replace | Operation::Delete, _) => c.old.first(),
            (_, Some(Anchor::AfterWords(w) | Anchor::BeforeWords(w))) => Some(w),
            _ => None,
        };
        let found = match words {
            Some(w) => places.iter().any(|p| base.text()[p.span.range()].contains(w.text.trim())),
            None if c.op == Operation::Recast => heading_fits(base, c, &places),
            None => true,
        };
        points += if found { 1.0 } else { 0.5 };
    }
    if counted == 0 {
        0.0
    } else {
        points / counted as f64
    }
}

/// A recast § whose quoted heading is the heading the base gives it; commands without a heading
/// to compare count as fitting when their target exists.
fn heading_fits(base: &Document, c: &Amendment, places: &[resolve::Place]) -> bool {
    let Some(quoted) = c.new.first().and_then(|w| w.text.lines().map(str::trim).filter(|l| !l.is_empty()).nth(1)) else { return true };
    let Some(id) = places.first().and_then(|p| p.node) else { return true };
    match base.node(id).heading {
        Some(h) => {
            let h = &base.text()[h.range()];
            h.contains(quoted) || quoted.starts_with('(')
        }
        None => true,
    }
}
