//! Whose law a document is, and its field of law, told from what its head shows.
//!
//! German legal texts say where they come from at the top: the front matter of a law portal
//! (`land: Baden-Württemberg`), the masthead of a Drucksache („LANDTAG MECKLENBURG-VORPOMMERN“,
//! „Deutscher Bundestag“), the ministry of a Referentenentwurf, the header of the federal law
//! portal („Ausfertigungsdatum: …“, „BGBl.“), or the Land in the title and abbreviation
//! („FischSchVO M-V“, „Gemeindeordnung Baden-Württemberg“). The cues are read in that order, so a
//! federal law whose title names a Land („… im Saarland“) stays federal. A text that shows none
//! (an editor buffer with one provision) keeps the profile the user chose.

use crate::rules::basis::{self, Field};
use crate::{Document, Profile};

/// How much of the text (after any front matter) is the head that may name the jurisdiction.
const HEAD: usize = 1500;

/// The Länder other than M-V and Baden-Württemberg, as their names and adjectives appear in
/// titles and mastheads, lower-cased.
const OTHER_LAENDER: &[&str] = &[
    "bayern",
    "bayerisch",
    "berlin",
    "brandenburg",
    "bremen",
    "bremisch",
    "hamburg",
    "hessen",
    "hessisch",
    "niedersachsen",
    "niedersächsisch",
    "nordrhein-westfalen",
    "rheinland-pfalz",
    "saarland",
    "saarländisch",
    "sachsen",
    "sächsisch",
    "schleswig-holstein",
    "thüringen",
    "thüringer",
];

/// The jurisdiction a document shows, if any.
pub fn detect(doc: &Document) -> Option<Profile> {
    let (front, head) = split_head(doc.text());
    if let Some(p) = front.and_then(from_front_matter) {
        return Some(p);
    }
    if let Some(p) = masthead(head) {
        return Some(p);
    }
    if ["Ausfertigungsdatum:", "BGBl.", "Bundesgesetzblatt"].iter().any(|w| head.contains(w)) {
        return Some(Profile::Bund);
    }
    land_named(head)
}

/// The field of law the document's title places it in (see [`basis::FIELDS`]). Front matter may
/// name the kind of instrument apart from the title (`rechtsnatur: Gesellschaftsvertrag` under
/// the title „Flughafen-Gesellschaft Konstanz GmbH“); both count.
pub fn field(doc: &Document) -> Field {
    basis::field_of_title(&title_and_kind(doc))
}

/// The document's title, followed by the kind of instrument its front matter names
/// (`rechtsnatur`), if any: what a document says it is.
pub fn title_and_kind(doc: &Document) -> String {
    let (front, head) = split_head(doc.text());
    let value = |key: &str| front.and_then(|f| value_in(f, key));
    let title = value("titel:")
        .or_else(|| value("title:"))
        .or_else(|| head.lines().map(str::trim).find(|l| !l.is_empty()))
        .unwrap_or("");
    match value("rechtsnatur:") {
        Some(kind) => format!("{title} {kind}"),
        None => title.to_string(),
    }
}

/// The head of the text after any front matter: where a document states its own title and date.
pub(super) fn head(text: &str) -> &str {
    split_head(text).1
}

/// The front matter block (if the text starts with one) and the head of the text after it.
fn split_head(text: &str) -> (Option<&str>, &str) {
    let (front, rest) = match text.strip_prefix("---\n") {
        Some(after) => match after.find("\n---") {
            Some(end) => (Some(&after[..end]), &after[end + 4..]),
            None => (None, text),
        },
        None => (None, text),
    };
    (front, &rest[..crate::source::offsets::floor_char_boundary(rest, HEAD)])
}

fn from_front_matter(front: &str) -> Option<Profile> {
    if let Some(land) = value_in(front, "land:") {
        return Some(land_profile(land).unwrap_or(Profile::Land));
    }
    (value_in(front, "ebene:") == Some("bund")).then_some(Profile::Bund)
}

/// A field of the text's front matter (`key` with its colon), unquoted; `None` without front
/// matter, field or value.
pub(super) fn front_value(text: &str, key: &str) -> Option<String> {
    split_head(text).0.and_then(|front| value_in(front, key)).map(str::to_string)
}

fn value_in<'a>(front: &'a str, key: &str) -> Option<&'a str> {
    front.lines().find_map(|l| l.strip_prefix(key)).map(|v| v.trim().trim_matches('"').trim()).filter(|v| !v.is_empty())
}

/// The parliament or ministry that issues a draft.
fn masthead(head: &str) -> Option<Profile> {
    // Lower-cased keeping byte lengths (`fold`), which finds these ASCII words exactly where
    // `to_lowercase` does: the only characters `to_lowercase` turns into ASCII letters are the
    // Kelvin sign („k“, in none of them) and „İ“ („i“ plus a combining dot, which breaks a match
    // either way). Every checked document goes through here, and `to_lowercase` of the head and
    // of each of its lines was 4 % of checking the federal corpus.
    let lower = crate::rules::tokens::fold(head);
    if lower.contains("deutscher bundestag") || lower.contains("bundesrat\n") || lower.contains("bundesministerium") {
        return Some(Profile::Bund);
    }
    for line in head.lines() {
        let l = line.trim();
        // The line lower-cased character by character as far as a prefix agrees: no string is
        // built for each line of the head (most lines differ in their first character).
        let starts = |prefix: &str| {
            let mut lower = l.chars().flat_map(char::to_lowercase);
            prefix.chars().all(|c| lower.next() == Some(c))
        };
        if starts("landtag ") || starts("ministerium ") || starts("abgeordnetenhaus ") || starts("bürgerschaft ") {
            if let Some(p) = land_profile(l) {
                return Some(p);
            }
        }
    }
    None
}

/// A Land named anywhere in the head („FischSchVO M-V“, „Gemeindeordnung Baden-Württemberg“).
fn land_named(head: &str) -> Option<Profile> {
    land_profile(head)
}

/// The profile of the Land a text names: M-V, Baden-Württemberg, or another Land.
fn land_profile(text: &str) -> Option<Profile> {
    let lower = text.to_lowercase();
    if lower.contains("mecklenburg-vorpommern") || has_word(text, "M-V") {
        Some(Profile::Mv)
    } else if lower.contains("baden-württemberg") || has_word(text, "BW") {
        Some(Profile::Bw)
    } else if OTHER_LAENDER.iter().any(|l| lower.contains(l)) {
        Some(Profile::Land)
    } else {
        None
    }
}

fn has_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(|c| c.is_alphanumeric() || c == '-') && !after.is_some_and(|c| c.is_alphanumeric() || c == '-')
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SourceText;

    fn of(text: &str) -> Option<Profile> {
        detect(&Document::parse(SourceText::from_utf8("t", text)))
    }

    #[test]
    fn the_head_tells_the_jurisdiction() {
        assert_eq!(of("LANDTAG MECKLENBURG-VORPOMMERN\n8. Wahlperiode\nDrucksache 8/1\n"), Some(Profile::Mv));
        assert_eq!(of("Deutscher Bundestag\nDrucksache 20/1\n"), Some(Profile::Bund));
        assert_eq!(of("---\ntitel: X\nland: \"Baden-Württemberg\"\n---\n§ 1\n"), Some(Profile::Bw));
        assert_eq!(of("---\ntitel: X\nland: Berlin\n---\n§ 1\n"), Some(Profile::Land));
        assert_eq!(of("Verordnung über X im Saarland  (X-Saar)\nAusfertigungsdatum: 01.01.1960\n"), Some(Profile::Bund));
        assert_eq!(of("Landesverordnung über den Fischereischein (FischSchVO M-V)\n§ 1\n"), Some(Profile::Mv));
        assert_eq!(of("Gesetz über die Niedersächsische Landesforsten\n§ 1\n"), Some(Profile::Land));
        assert_eq!(of("(1) Der Antrag ist schriftlich zu stellen."), None);
    }

    #[test]
    fn the_lander_are_lower_case() {
        assert!(OTHER_LAENDER.iter().all(|l| l.to_lowercase() == *l));
    }

    #[test]
    fn the_kind_of_instrument_in_the_front_matter_names_the_field() {
        let field_of = |text: &str| field(&Document::parse(SourceText::from_utf8("t", text)));
        let company = field_of("---\ntitel: \"IV 05 Flughafen-Gesellschaft Konstanz GmbH\"\nrechtsnatur: Gesellschaftsvertrag\n---\n§ 1\n");
        assert!(matches!(company, Field::Special(f) if f.name == "Privatrecht"), "{company:?}");
        assert_eq!(field_of("---\ntitel: \"Satzung über die Benutzung des Friedhofs\"\nrechtsnatur: Satzung\n---\n§ 1\n"), Field::General);
    }
}
