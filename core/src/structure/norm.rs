//! Norm path segments as lawyers cite them: „Art. 1“, „§ 5“, „Abs. 2“, „Satz 1“, „Nr. 3“,
//! „Buchst. a“, „Doppelbuchst. aa“.

use super::lines::{ItemKind, ZuTarget};
use compact_str::CompactString;

/// „Artikel 1“, „Art 1“, „Art. 1“ → „Art. 1“.
pub(super) fn artikel(label: &str) -> String {
    let number = label.rsplit(' ').next().unwrap_or(label);
    format!("Art. {number}")
}

/// „(1a)“ → „Abs. 1a“.
pub(super) fn absatz(label: &str) -> String {
    format!("Abs. {}", label.trim_matches(['(', ')']))
}

pub(super) fn item(kind: ItemKind, label: &str) -> String {
    let bare = label.trim_end_matches(['.', ')']);
    match kind {
        ItemKind::Nummer => format!("Nr. {bare}"),
        ItemKind::Buchstabe => format!("Buchst. {bare}"),
        ItemKind::Doppelbuchstabe => format!("Doppelbuchst. {bare}"),
        ItemKind::Dreifachbuchstabe => format!("Dreifachbuchst. {bare}"),
    }
}

/// „Zu Artikel 1 (Änderung …)“ → „Art. 1“; „Zu den Nummern 4 und 5“ → „Nr. 4 und 5“.
pub(super) fn zu(target: ZuTarget, label: &str) -> String {
    let words: Vec<&str> = label.split_whitespace().collect();
    // Skip „Zu“, „den“ and the target word; keep numbers and connectives until a bracket.
    let rest: Vec<&str> = words
        .iter()
        .skip(1)
        .skip_while(|w| **w == "den")
        .skip(1)
        .take_while(|w| !w.starts_with('('))
        .copied()
        .collect();
    let prefix = match target {
        ZuTarget::Artikel => "Art.",
        ZuTarget::Paragraph => {
            if label.contains("§§") {
                "§§"
            } else {
                "§"
            }
        }
        ZuTarget::Absatz => "Abs.",
        ZuTarget::Satz => "Satz",
        ZuTarget::Nummer => "Nr.",
        ZuTarget::Buchstabe => "Buchst.",
        ZuTarget::Doppelbuchstabe => "Doppelbuchst.",
        ZuTarget::Anlage => "Anlage",
    };
    let rest = rest.join(" ");
    if rest.is_empty() {
        prefix.to_string()
    } else {
        format!("{prefix} {rest}")
    }
}

/// Joins a parent path and a segment.
pub(super) fn join(parent: &str, segment: &str) -> CompactString {
    match (parent.is_empty(), segment.is_empty()) {
        (true, _) => CompactString::from(segment),
        (_, true) => CompactString::from(parent),
        _ => {
            let mut out = CompactString::with_capacity(parent.len() + 1 + segment.len());
            out.push_str(parent);
            out.push(' ');
            out.push_str(segment);
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments() {
        assert_eq!(artikel("Art 12a"), "Art. 12a");
        assert_eq!(absatz("(1a)"), "Abs. 1a");
        assert_eq!(item(ItemKind::Doppelbuchstabe, "aa)"), "Doppelbuchst. aa");
        assert_eq!(zu(ZuTarget::Artikel, "Zu Artikel 1 (Änderung des Gesetzes)"), "Art. 1");
        assert_eq!(zu(ZuTarget::Nummer, "Zu den Nummern 4 und 5"), "Nr. 4 und 5");
        assert_eq!(zu(ZuTarget::Paragraph, "Zu § 3"), "§ 3");
    }
}
