//! Whether the commands of an Artikel leave the numbering of the law intact.
//!
//! The commands of one Artikel insert, repeal, renumber and replace units; together they must
//! leave every list (the §§ of the law, the Absätze of a §, the Nummern of a sentence) numbered
//! without a doubled number, a gap or a number out of order. „Nach § 172 wird folgender § 173
//! eingefügt“ only fits together with „Der bisherige § 173 wird § 174“. A command that breaks the
//! numbering is not applied; the reason names what would be wrong.
//!
//! A repealed unit stays in a consolidated text as „§ 174 (weggefallen)“ unless its number goes to
//! another unit („Der bisherige § 173 wird § 174.“ with „Der bisherige § 174 wird aufgehoben.“):
//! which of the two, is decided here too.

use super::edits::{list_of, Position, UnitEffect};
use super::resolve::{bare_label, units_below};
use crate::structure::{Document, NodeId, NodeKind};
use std::collections::{HashMap, HashSet};

/// What the check found.
#[derive(Debug, Default)]
pub(super) struct Verdict {
    /// Commands (by index) that break the numbering, with the reason.
    pub blamed: Vec<(usize, String)>,
    /// Repealed units that stay as „(weggefallen)“.
    pub placeholders: HashSet<NodeId>,
}

/// One unit of a list as the commands leave it.
#[derive(Debug, Clone)]
struct Entry {
    label: String,
    /// Its number in the law before the Artikel (empty for a new unit).
    original: String,
    /// The unit of the law it was, if it was one.
    base: Option<NodeId>,
    /// The command that added, renumbered or repealed it.
    by: Option<usize>,
    /// What the command did, for messages.
    what: What,
    /// The unit it was placed next to, for units added at the same place.
    added_at: Option<Position>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum What {
    Kept,
    Added,
    Relabelled,
    Repealed,
    Replaced,
}

/// The name of a unit of `kind` numbered `label`: „§ 173“, „Absatz 3“, „Nummer 5“.
pub(super) fn unit_name(kind: NodeKind, label: &str) -> String {
    match kind {
        NodeKind::Paragraph => format!("§ {label}"),
        NodeKind::Artikel => format!("Artikel {label}"),
        NodeKind::Absatz => format!("Absatz {label}"),
        NodeKind::Nummer => format!("Nummer {label}"),
        NodeKind::Buchstabe => format!("Buchstabe {label}"),
        NodeKind::Doppelbuchstabe => format!("Doppelbuchstabe {label}"),
        NodeKind::Anlage => format!("Anlage {label}"),
        _ => label.to_string(),
    }
}

/// Where a label stands in its list: „11“ → (11, ""), „11a“ → (11, "a"), „c“ → (3, ""), „cc“ →
/// (3, ""). `None` for labels that are not counted this way (Roman numerals, „1.2“).
fn key(label: &str) -> Option<(u32, String)> {
    let digits: String = label.chars().take_while(char::is_ascii_digit).collect();
    if !digits.is_empty() {
        let rest = &label[digits.len()..];
        return (rest.chars().all(|c| c.is_ascii_lowercase())).then(|| (digits.parse().unwrap_or(u32::MAX), rest.to_string()));
    }
    let first = label.chars().next()?;
    (first.is_ascii_lowercase() && label.chars().all(|c| c == first)).then(|| ((first as u8 - b'a') as u32 + 1, String::new()))
}

/// Checks the effects of the commands of one Artikel (index, effect), in command order.
pub(super) fn check(doc: &Document, effects: &[(usize, &UnitEffect)]) -> Verdict {
    let mut lists: HashMap<(NodeId, NodeKind), Vec<Entry>> = HashMap::new();
    let mut order: Vec<(NodeId, NodeKind)> = Vec::new();
    let mut list = |doc: &Document, key: (NodeId, NodeKind)| -> (NodeId, NodeKind) {
        if let std::collections::hash_map::Entry::Vacant(slot) = lists.entry(key) {
            let (parent, kind) = key;
            let units: Vec<NodeId> = if parent == doc.root() {
                units_below(doc, parent, kind)
            } else {
                doc.node(parent).children.iter().copied().filter(|&c| doc.node(c).kind == kind).collect()
            };
            let entries = units
                .into_iter()
                .map(|id| {
                    let label = bare_label(&doc.node(id).label);
                    Entry { original: label.clone(), label, base: Some(id), by: None, what: What::Kept, added_at: None }
                })
                .collect();
            slot.insert(entries);
            order.push(key);
        }
        key
    };
    let mut keys_of: Vec<Vec<(NodeId, NodeKind)>> = Vec::new();
    for (_, effect) in effects {
        let keys: Vec<(NodeId, NodeKind)> = match effect {
            UnitEffect::Add { kind, list: l, .. } => vec![(*l, *kind)],
            UnitEffect::Repeal { nodes } | UnitEffect::Replace { nodes, .. } => {
                nodes.iter().map(|&n| (list_of(doc, n), doc.node(n).kind)).collect()
            }
            UnitEffect::Relabel { nodes } => nodes.iter().map(|&(n, _)| (list_of(doc, n), doc.node(n).kind)).collect(),
        };
        let mut unique: Vec<(NodeId, NodeKind)> = Vec::new();
        for k in keys {
            if !unique.contains(&k) {
                unique.push(list(doc, k));
            }
        }
        keys_of.push(unique);
    }
    for ((i, effect), keys) in effects.iter().zip(&keys_of) {
        for k in keys {
            let entries = lists.get_mut(k).expect("list built above");
            apply(entries, *i, effect, k.1);
        }
    }
    let mut verdict = Verdict::default();
    for k in order {
        let entries = lists.remove(&k).expect("list built above");
        judge(k.1, entries, &mut verdict);
    }
    verdict
}

/// The effect of command `i` on one list.
fn apply(entries: &mut Vec<Entry>, i: usize, effect: &UnitEffect, kind: NodeKind) {
    let position_of = |entries: &Vec<Entry>, id: NodeId| entries.iter().position(|e| e.base == Some(id));
    match effect {
        UnitEffect::Add { position, labels, kind: k, .. } if *k == kind => {
            let at = match *position {
                Position::After(id) => position_of(entries, id).map(|p| {
                    let mut q = p + 1;
                    while entries.get(q).is_some_and(|e| e.added_at == Some(Position::After(id))) {
                        q += 1;
                    }
                    q
                }),
                Position::Before(id) => position_of(entries, id).map(|p| {
                    let mut q = p;
                    while q > 0 && entries[q - 1].added_at == Some(Position::Before(id)) {
                        q -= 1;
                    }
                    // After the units added before it already.
                    let mut r = q;
                    while entries.get(r).is_some_and(|e| e.added_at == Some(Position::Before(id))) {
                        r += 1;
                    }
                    r
                }),
                Position::End => Some(entries.len()),
                Position::Start => Some(entries.iter().take_while(|e| e.added_at == Some(Position::Start)).count()),
            };
            let Some(at) = at else { return };
            for (k, l) in labels.iter().enumerate() {
                entries.insert(at + k, Entry { label: l.clone(), original: String::new(), base: None, by: Some(i), what: What::Added, added_at: Some(*position) });
            }
        }
        UnitEffect::Add { .. } => {}
        UnitEffect::Repeal { nodes } => {
            for e in entries.iter_mut().filter(|e| e.base.is_some_and(|b| nodes.contains(&b))) {
                e.by = Some(i);
                e.what = What::Repealed;
            }
        }
        UnitEffect::Relabel { nodes } => {
            for (id, new) in nodes {
                if let Some(e) = entries.iter_mut().find(|e| e.base == Some(*id)) {
                    e.label = new.clone();
                    e.by = Some(i);
                    e.what = What::Relabelled;
                }
            }
        }
        UnitEffect::Replace { nodes, labels } => {
            let Some(first) = entries.iter().position(|e| e.base.is_some_and(|b| nodes.contains(&b))) else { return };
            for e in entries.iter_mut().filter(|e| e.base.is_some_and(|b| nodes.contains(&b))) {
                e.by = Some(i);
                e.what = What::Replaced;
            }
            if labels.is_empty() {
                // New wording without numbers of its own: the numbers stay as they were.
                for e in entries.iter_mut().filter(|e| e.base.is_some_and(|b| nodes.contains(&b))) {
                    e.what = What::Kept;
                }
                return;
            }
            for (k, l) in labels.iter().enumerate() {
                entries.insert(first + k, Entry { label: l.clone(), original: String::new(), base: None, by: Some(i), what: What::Added, added_at: None });
            }
        }
    }
}

/// Checks one list as the commands leave it.
fn judge(kind: NodeKind, entries: Vec<Entry>, verdict: &mut Verdict) {
    let base_keys: HashSet<u32> = entries.iter().filter(|e| e.base.is_some()).filter_map(|e| key(&e.original).map(|k| k.0)).collect();
    // Repealed units keep their place as „(weggefallen)“ unless another unit takes their number.
    let mut live: Vec<&Entry> = Vec::new();
    for e in &entries {
        match e.what {
            What::Replaced => {}
            What::Repealed => {
                let taken = entries.iter().any(|o| !matches!(o.what, What::Repealed | What::Replaced) && o.label == e.label);
                if !taken {
                    verdict.placeholders.extend(e.base);
                    live.push(e);
                }
            }
            _ => live.push(e),
        }
    }
    let blame = |i: Option<usize>, reason: String, verdict: &mut Verdict| {
        if let Some(i) = i {
            if !verdict.blamed.iter().any(|(b, _)| *b == i) {
                verdict.blamed.push((i, reason));
            }
        }
    };
    let name = |l: &str| unit_name(kind, l);
    // Doubled numbers.
    for (a, e) in live.iter().enumerate() {
        if let Some(other) = live[..a].iter().find(|o| o.label == e.label) {
            if e.by.is_none() && other.by.is_none() {
                continue;
            }
            let culprit = if e.by.is_some() && e.what != What::Repealed { e } else { other };
            let reason = format!(
                "Danach gäbe es „{}“ zweimal ({} und {}); die Nummerierung geht nicht auf.",
                name(&e.label),
                describe(kind, other),
                describe(kind, e)
            );
            blame(culprit.by, reason, verdict);
        }
    }
    // Order and gaps.
    for w in live.windows(2) {
        let (a, b) = (w[0], w[1]);
        if a.by.is_none() && b.by.is_none() || a.label == b.label {
            continue;
        }
        let (Some(ka), Some(kb)) = (key(&a.label), key(&b.label)) else { continue };
        let culprit = if b.by.is_some() { b } else { a };
        if ka >= kb {
            let reason = format!("„{}“ stünde nach „{}“; die Reihenfolge der Nummern geht nicht auf.", name(&b.label), name(&a.label));
            blame(culprit.by, reason, verdict);
        } else if kb.0 > ka.0 + 1 && kb.1.is_empty() {
            // A gap the law did not have before: a number it had, or one beyond its first or last.
            let (lo, hi) = (base_keys.iter().min().copied().unwrap_or(0), base_keys.iter().max().copied().unwrap_or(0));
            let missing: Vec<u32> = (ka.0 + 1..kb.0).filter(|m| base_keys.contains(m) || *m <= lo || *m >= hi).collect();
            if missing.is_empty() {
                continue;
            }
            let gone = entries.iter().find(|e| e.base.is_some() && e.by.is_some() && key(&e.original).is_some_and(|k| missing.contains(&k.0)));
            let culprit = gone.map_or(culprit.by, |g| g.by);
            let names: Vec<String> = missing.iter().map(|m| format!("„{}“", name(&m.to_string()))).collect();
            let (verb, list) = match names.as_slice() {
                [one] => ("fehlte", one.clone()),
                [init @ .., last] => ("fehlten", format!("{} und {last}", init.join(", "))),
                [] => unreachable!("not empty"),
            };
            let reason = format!(
                "Danach {verb} {list} zwischen „{}“ und „{}“; die Nummerierung hätte eine Lücke.",
                name(&a.label),
                name(&b.label)
            );
            blame(culprit, reason, verdict);
        }
    }
}

/// „der bisherige § 174“, „die neue Nummer 3“, „der bisherige § 173, der § 174 wird“.
fn describe(kind: NodeKind, e: &Entry) -> String {
    let n = unit_name(kind, &e.label);
    let feminine = matches!(kind, NodeKind::Nummer | NodeKind::Anlage);
    let (art, old, new) = if feminine { ("die", "bisherige", "neue") } else { ("der", "bisherige", "neue") };
    match e.what {
        What::Kept | What::Repealed | What::Replaced => format!("{art} {old} {n}"),
        What::Added => format!("{art} {new} {n}"),
        What::Relabelled => format!("{art} {old} {}, {art} {n} wird", unit_name(kind, &e.original)),
    }
}
