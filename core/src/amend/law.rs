//! Which law an Artikel amends, and its short name for norm paths („§ 5 Abs. 2 VwVfG M-V“).
//!
//! Drafts name the amended law in the Artikel heading (genitive: „Änderung des
//! Landesverwaltungsverfahrensgesetzes“) and in the opening sentence (nominative: „Das
//! Landesverwaltungsverfahrensgesetz in der Fassung … wird wie folgt geändert:“). The short name
//! comes from the draft itself where it defines one („(Landesverwaltungsverfahrensgesetz – VwVfG
//! M-V)“, usual in the Vorblatt), else from a small list of laws that digitalisation drafts amend
//! most; otherwise the full name is used.

use super::interpret::nominative;
use super::model::Law;

/// Laws amended most often by digitalisation drafts in M-V and the Bund, with the short names
/// used in citations. Keys are the nominative names as drafts write them.
const KNOWN: &[(&str, &str)] = &[
    ("Landesverwaltungsverfahrensgesetz", "VwVfG M-V"),
    ("Verwaltungsverfahrensgesetz des Landes Mecklenburg-Vorpommern", "VwVfG M-V"),
    ("Verwaltungsverfahrens-, Zustellungs- und Vollstreckungsgesetz des Landes Mecklenburg-Vorpommern", "VwVfG M-V"),
    ("Kommunalverfassung", "KV M-V"),
    ("Kommunalverfassung für das Land Mecklenburg-Vorpommern", "KV M-V"),
    ("E-Government-Gesetz Mecklenburg-Vorpommern", "EGovG M-V"),
    ("Landesbauordnung Mecklenburg-Vorpommern", "LBauO M-V"),
    ("Verwaltungsverfahrensgesetz", "VwVfG"),
    ("E-Government-Gesetz", "EGovG"),
    ("Onlinezugangsgesetz", "OZG"),
    ("Verwaltungszustellungsgesetz", "VwZG"),
    ("Verwaltungsvollstreckungsgesetz", "VwVG"),
    ("Lobbyregistergesetz", "LobbyRG"),
    ("Vereinsgesetz", "VereinsG"),
    ("Bundesverfassungsschutzgesetz", "BVerfSchG"),
    ("Zwangsvollstreckungsformular-Verordnung", "ZVFV"),
    ("Entschädigungseinrichtungs-Finanzierungsverordnung", "EntschFinV"),
    ("Zivilprozessordnung", "ZPO"),
    ("Strafprozessordnung", "StPO"),
    ("Strafprozeßordnung", "StPO"),
    ("Arbeitsgerichtsgesetz", "ArbGG"),
    ("Bürgerliches Gesetzbuch", "BGB"),
    ("Einführungsgesetz zum Bürgerlichen Gesetzbuche", "EGBGB"),
    ("Wettbewerbsregistergesetz", "WRegG"),
];

/// The law named by an Artikel heading like „Änderung des Vereinsgesetzes“.
pub(super) fn from_heading(heading: &str) -> Option<String> {
    let h = heading.trim();
    let rest = ["Änderung des ", "Änderung der ", "Weitere Änderung des ", "Weitere Änderung der ", "Aufhebung des ", "Aufhebung der "]
        .iter()
        .find_map(|p| h.strip_prefix(p))?;
    let name = nominative(rest.trim_end_matches('.'));
    (!name.is_empty()).then_some(name)
}

/// A [`Law`] with its short name, looked up in the document text first.
pub(super) fn resolve(name: &str, document: &str) -> Law {
    let name = name.trim().to_string();
    let abbreviation = defined_in(&name, document).or_else(|| {
        KNOWN
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(&name))
            .map(|(_, a)| a.to_string())
    });
    Law { name, abbreviation }
}

/// „(Landesverwaltungsverfahrensgesetz – VwVfG M-V)“, „(Lobbyregistergesetz - LobbyRG)“,
/// „Lobbyregistergesetz (LobbyRG)“ anywhere in the text.
fn defined_in(name: &str, text: &str) -> Option<String> {
    // memmem: the whole document is searched once per amended law, and `str::find` (two-way,
    // byte by byte) was a fortieth of checking all federal law.
    if name.is_empty() {
        return None;
    }
    let finder = memchr::memmem::Finder::new(name.as_bytes());
    let mut from = 0;
    while let Some(i) = finder.find(&text.as_bytes()[from..]) {
        let after = &text[from + i + name.len()..];
        from += i + name.len();
        let rest = after.trim_start_matches(' ');
        let candidate = if let Some(r) = rest.strip_prefix("– ").or_else(|| rest.strip_prefix("- ")) {
            r.split(')').next()
        } else if let Some(r) = rest.strip_prefix('(') {
            r.split(')').next()
        } else {
            None
        };
        if let Some(c) = candidate.map(str::trim) {
            if is_abbreviation(c) {
                return Some(c.to_string());
            }
        }
    }
    None
}

/// „VwVfG M-V“, „LobbyRG“, „KV M-V“: short, starts upper-case, no sentence.
fn is_abbreviation(s: &str) -> bool {
    !s.is_empty()
        && s.chars().count() <= 16
        && s.chars().next().is_some_and(char::is_uppercase)
        && s.split_whitespace().count() <= 3
        && s.chars().filter(|c| c.is_uppercase()).count() >= 2
        && s.chars().all(|c| c.is_alphanumeric() || " -.".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_and_short_names() {
        assert_eq!(from_heading("Änderung des Landesverwaltungsverfahrensgesetzes").as_deref(), Some("Landesverwaltungsverfahrensgesetz"));
        assert_eq!(from_heading("Änderung der Kommunalverfassung").as_deref(), Some("Kommunalverfassung"));
        assert_eq!(from_heading("Inkrafttreten"), None);
        let doc = "Das Verwaltungsverfahrens-, Zustellungs- und Vollstreckungsgesetz (Landesverwaltungsverfahrensgesetz – VwVfG M-V) enthält";
        assert_eq!(resolve("Landesverwaltungsverfahrensgesetz", doc).short(), "VwVfG M-V");
        assert_eq!(resolve("Kommunalverfassung", "").short(), "KV M-V");
        assert_eq!(resolve("Beispielgesetz", "").short(), "Beispielgesetz");
        assert_eq!(resolve("Lobbyregistergesetz", "… (Lobbyregistergesetz - LobbyRG)").short(), "LobbyRG");
    }

    #[test]
    fn names_in_the_nominative() {
        use super::super::interpret::law_name;
        assert_eq!(from_heading("Änderung des Bürgerlichen Gesetzbuchs").as_deref(), Some("Bürgerliches Gesetzbuch"));
        assert_eq!(law_name("Das Bürgerliche Gesetzbuch in der Fassung der Bekanntmachung vom 2. Januar 2002"), "Bürgerliches Gesetzbuch");
        assert_eq!(
            from_heading("Änderung des Einführungsgesetzes zum Bürgerlichen Gesetzbuche").as_deref(),
            Some("Einführungsgesetz zum Bürgerlichen Gesetzbuche")
        );
        assert_eq!(from_heading("Änderung der Zivilprozessordnung").as_deref(), Some("Zivilprozessordnung"));
        assert_eq!(law_name("Die Zivilprozessordnung in der Fassung der Bekanntmachung vom 5. Dezember 2005"), "Zivilprozessordnung");
        assert_eq!(law_name("Das Achte Buch Sozialgesetzbuch vom 26. Juni 1990"), "Achtes Buch Sozialgesetzbuch");
        assert_eq!(resolve("Bürgerliches Gesetzbuch", "").short(), "BGB");
    }
}
