//! Norm path segments as lawyers cite them: „Art. 1“, „§ 5“, „Abs. 2“, „Satz 1“, „Nr. 3“,
//! „Buchst. a“, „Doppelbuchst. aa“.

use super::lines::{ItemKind, ZuTarget};
use compact_str::CompactString;

/// A segment from a prefix and a label part; segments are short and stay inline.
fn segment(prefix: &'static str, rest: &str) -> CompactString {
    let mut out = CompactString::const_new(prefix);
    out.push_str(rest);
    out
}

/// „Artikel 1“, „Art 1“, „Art. 1“ → „Art. 1“.
pub(super) fn artikel(label: &str) -> CompactString {
    let number = label.rsplit(' ').next().unwrap_or(label);
    segment("Art. ", number)
}

/// „§ 3a“ as it stands; „§ 1 a“ → „§ 1a“.
pub(super) fn paragraph(label: &str) -> CompactString {
    let b = label.as_bytes();
    let n = b.len();
    if n >= 3 && b[n - 2] == b' ' && b[n - 1].is_ascii_lowercase() && b[n - 3].is_ascii_digit() {
        let mut out = CompactString::from(&label[..n - 2]);
        out.push_str(&label[n - 1..]);
        return out;
    }
    CompactString::from(label)
}

/// „(1a)“ → „Abs. 1a“.
pub(super) fn absatz(label: &str) -> CompactString {
    segment("Abs. ", label.trim_matches(['(', ')']))
}

pub(super) fn item(kind: ItemKind, label: &str) -> CompactString {
    let bare = label.trim_end_matches(['.', ')']);
    let prefix = match kind {
        ItemKind::Nummer => "Nr. ",
        ItemKind::Buchstabe => "Buchst. ",
        ItemKind::Doppelbuchstabe => "Doppelbuchst. ",
        ItemKind::Dreifachbuchstabe => "Dreifachbuchst. ",
    };
    segment(prefix, bare)
}

/// „Teil A“ heading a part of an Anlage → „Teil A“, one space between the words. Only „Teil“ with
/// one label after it makes a segment: an ordinal heading („Erster Teil“) stays out of the path,
/// and so do „Abschnitt I“ … lines, which in printed Anlagen also head the items of a list inside
/// an Absatz (the branches of a collective agreement's scope), where a path through them would
/// put the Absätze after the list into the last of them.
pub(super) fn anlage_part(label: &str) -> Option<CompactString> {
    let mut words = label.split_whitespace();
    let (kind, name) = (words.next()?, words.next()?);
    (words.next().is_none() && kind == "Teil" && name.trim_end_matches(['.', ':']).chars().all(|c| c.is_alphanumeric()))
        .then(|| {
            let mut out = CompactString::from(kind);
            out.push(' ');
            out.push_str(name.trim_end_matches(['.', ':']));
            out
        })
}

/// „A.“ in the Vorblatt → „Vorblatt A.“; in the Begründung → „Begründung A.“.
pub(super) fn section(vorblatt: bool, label: &str) -> CompactString {
    segment(if vorblatt { "Vorblatt " } else { "Begründung " }, label)
}

/// „Zu Artikel 1 (Änderung …)“ → „Art. 1“; „Zu den Nummern 4 und 5“ → „Nr. 4 und 5“.
pub(super) fn zu(target: ZuTarget, label: &str) -> CompactString {
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
    let mut out = CompactString::const_new(prefix);
    for w in rest {
        out.push(' ');
        out.push_str(w);
    }
    out
}

/// Appends a segment to a norm path (a space between two non-empty parts); returns the length
/// before, to truncate back to.
pub(super) fn push(path: &mut String, segment: &str) -> usize {
    let before = path.len();
    if !segment.is_empty() {
        if !path.is_empty() {
            path.push(' ');
        }
        path.push_str(segment);
    }
    before
}

/// Appends „ Satz n“ to a norm path.
pub(super) fn push_satz(path: &mut String, n: usize) {
    path.push_str(" Satz ");
    push_number(path, n);
}

/// Appends the decimal digits of `n`.
pub(super) fn push_number(out: &mut String, n: usize) {
    out.push_str(digits(n, &mut [0; 20]));
}

/// The decimal digits of `n`, written into `buf` without the formatting machinery.
pub(super) fn digits(mut n: usize, buf: &mut [u8; 20]) -> &str {
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    std::str::from_utf8(&buf[i..]).expect("ASCII digits")
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
        assert_eq!(zu(ZuTarget::Absatz, "Zu Absatz"), "Abs.");
        assert_eq!(section(true, "A."), "Vorblatt A.");
        assert_eq!(item(ItemKind::Nummer, "3."), "Nr. 3");
        assert_eq!(paragraph("§ 1 a"), "§ 1a");
        assert_eq!(paragraph("§§ 5 bis 7"), "§§ 5 bis 7");
    }

    #[test]
    fn paths() {
        let mut p = String::new();
        assert_eq!(push(&mut p, ""), 0);
        assert_eq!(p, "");
        push(&mut p, "Art. 1");
        let before = push(&mut p, "§ 5");
        assert_eq!(p, "Art. 1 § 5");
        push(&mut p, "");
        push_satz(&mut p, 12);
        assert_eq!(p, "Art. 1 § 5 Satz 12");
        p.truncate(before);
        assert_eq!(p, "Art. 1");
        for n in [0, 7, 10, 99, 1234, usize::MAX] {
            let mut s = String::new();
            push_number(&mut s, n);
            assert_eq!(s, n.to_string());
        }
    }
}
