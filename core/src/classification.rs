//! How a finding is classified — category, severity, Digitalcheck principle: the vocabulary shared
//! with every consumer of Digi-Check output.
//!
//! These identifiers are contracts (see the project's DESIGN): editor plugins, the browser page,
//! evaluation scripts and users' CI read them. Renaming a variant's serialised id is a breaking change.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Barrier family of a finding. The serialised ids are fixed by contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Category {
    #[serde(rename = "schriftform")]
    Schriftform,
    #[serde(rename = "unterschrift")]
    Unterschrift,
    #[serde(rename = "persoenlich")]
    Persoenlich,
    #[serde(rename = "original")]
    Original,
    #[serde(rename = "papier")]
    Papier,
    #[serde(rename = "post")]
    Post,
    #[serde(rename = "aushang")]
    Aushang,
    #[serde(rename = "siegel")]
    Siegel,
    #[serde(rename = "technologie")]
    Technologie,
    #[serde(rename = "once-only")]
    OnceOnly,
    #[serde(rename = "automatisierung")]
    Automatisierung,
    #[serde(rename = "begriffe")]
    Begriffe,
}

impl Category {
    pub const ALL: [Category; 12] = [
        Category::Schriftform,
        Category::Unterschrift,
        Category::Persoenlich,
        Category::Original,
        Category::Papier,
        Category::Post,
        Category::Aushang,
        Category::Siegel,
        Category::Technologie,
        Category::OnceOnly,
        Category::Automatisierung,
        Category::Begriffe,
    ];

    /// The contract id, as used in JSON, SARIF tags, configuration and the evaluation data.
    pub fn id(self) -> &'static str {
        match self {
            Category::Schriftform => "schriftform",
            Category::Unterschrift => "unterschrift",
            Category::Persoenlich => "persoenlich",
            Category::Original => "original",
            Category::Papier => "papier",
            Category::Post => "post",
            Category::Aushang => "aushang",
            Category::Siegel => "siegel",
            Category::Technologie => "technologie",
            Category::OnceOnly => "once-only",
            Category::Automatisierung => "automatisierung",
            Category::Begriffe => "begriffe",
        }
    }

    /// Name shown to drafters.
    pub fn label(self) -> &'static str {
        match self {
            Category::Schriftform => "Schriftform",
            Category::Unterschrift => "Unterschrift",
            Category::Persoenlich => "Persönliches Erscheinen",
            Category::Original => "Original und Beglaubigung",
            Category::Papier => "Papierform und Vordrucke",
            Category::Post => "Postweg",
            Category::Aushang => "Aushang und Auslegung",
            Category::Siegel => "Siegel und Stempel",
            Category::Technologie => "Veraltete Technologie",
            Category::OnceOnly => "Once-Only",
            Category::Automatisierung => "Automatisierbarkeit",
            Category::Begriffe => "Begriffe",
        }
    }

    /// The eight categories that make a provision a digitalisation barrier in the narrow sense
    /// (a non-digital form, medium or presence); the others are advice on digital readiness.
    pub fn is_barrier_family(self) -> bool {
        matches!(
            self,
            Category::Schriftform
                | Category::Unterschrift
                | Category::Persoenlich
                | Category::Original
                | Category::Papier
                | Category::Post
                | Category::Aushang
                | Category::Siegel
        )
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// Case does not matter (`Schriftform`, `ONCE-ONLY`), as for severities.
impl FromStr for Category {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_lowercase();
        Category::ALL
            .into_iter()
            .find(|c| c.id() == wanted)
            .ok_or_else(|| {
                let ids: Vec<&str> = Category::ALL.iter().map(|c| c.id()).collect();
                format!("unbekannte Kategorie „{s}“ (erwartet: {})", ids.join(", "))
            })
    }
}

/// How much a finding stands in the way of digital execution; ordered from least to most severe.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Severity {
    #[serde(rename = "hinweis")]
    Hinweis,
    #[serde(rename = "niedrig")]
    Niedrig,
    #[serde(rename = "mittel")]
    Mittel,
    #[serde(rename = "hoch")]
    Hoch,
    #[serde(rename = "blockierend")]
    Blockierend,
}

impl Severity {
    /// Most severe first, the order reports list them in.
    pub const ALL: [Severity; 5] = [
        Severity::Blockierend,
        Severity::Hoch,
        Severity::Mittel,
        Severity::Niedrig,
        Severity::Hinweis,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Severity::Blockierend => "blockierend",
            Severity::Hoch => "hoch",
            Severity::Mittel => "mittel",
            Severity::Niedrig => "niedrig",
            Severity::Hinweis => "hinweis",
        }
    }

    /// `niedrig` and `hinweis` are advice; everything above is a barrier.
    pub fn is_barrier(self) -> bool {
        self > Severity::Niedrig
    }

    /// SARIF result level (contract).
    pub fn sarif_level(self) -> &'static str {
        match self {
            Severity::Blockierend => "error",
            Severity::Hoch | Severity::Mittel => "warning",
            Severity::Niedrig | Severity::Hinweis => "note",
        }
    }

    /// LSP DiagnosticSeverity number (contract): 1 Error, 2 Warning, 3 Information, 4 Hint.
    pub fn lsp_severity(self) -> u8 {
        match self {
            Severity::Blockierend => 1,
            Severity::Hoch | Severity::Mittel => 2,
            Severity::Niedrig => 3,
            Severity::Hinweis => 4,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// Case does not matter: reports print „Hinweis“, users type `--fail-on Hinweis` or `HOCH`.
impl FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_lowercase();
        Severity::ALL
            .into_iter()
            .find(|c| c.id() == wanted)
            .ok_or_else(|| {
                format!("unbekannte Schwere „{s}“ (erwartet: blockierend, hoch, mittel, niedrig, hinweis)")
            })
    }
}

/// One of the five principles of the federal Digitalcheck (2025 numbering).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Principle(u8);

impl Principle {
    pub const ALL: [Principle; 5] = [Principle(1), Principle(2), Principle(3), Principle(4), Principle(5)];

    pub fn new(n: u8) -> Option<Principle> {
        (1..=5).contains(&n).then_some(Principle(n))
    }

    pub fn number(self) -> u8 {
        self.0
    }

    /// The principle's official wording.
    pub fn title(self) -> &'static str {
        match self.0 {
            1 => "Digitale Angebote für alle nutzbar gestalten",
            2 => "Datenwiederverwendung benötigt einheitliches Recht",
            3 => "Etablierte Technologien ermöglichen effiziente Umsetzung",
            4 => "Automatisierung basiert auf eindeutigen Regelungen",
            _ => "Datenschutz und Informationssicherheit schaffen Vertrauen",
        }
    }
}

impl TryFrom<u8> for Principle {
    type Error = String;
    fn try_from(n: u8) -> Result<Self, Self::Error> {
        Principle::new(n).ok_or_else(|| format!("Prinzip {n} gibt es nicht (erwartet: 1 bis 5)"))
    }
}

impl From<Principle> for u8 {
    fn from(p: Principle) -> u8 {
        p.0
    }
}

impl fmt::Display for Principle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip() {
        for c in Category::ALL {
            assert_eq!(c.id().parse::<Category>().unwrap(), c);
            assert_eq!(serde_json::to_string(&c).unwrap(), format!("\"{}\"", c.id()));
        }
        for s in Severity::ALL {
            assert_eq!(s.id().parse::<Severity>().unwrap(), s);
        }
    }

    #[test]
    fn names_are_read_in_any_case() {
        assert_eq!("Hinweis".parse::<Severity>().unwrap(), Severity::Hinweis);
        assert_eq!("HOCH".parse::<Severity>().unwrap(), Severity::Hoch);
        assert_eq!(" Blockierend ".parse::<Severity>().unwrap(), Severity::Blockierend);
        assert_eq!("Once-Only".parse::<Category>().unwrap(), Category::OnceOnly);
        assert_eq!("SCHRIFTFORM".parse::<Category>().unwrap(), Category::Schriftform);
        let e = "sehr hoch".parse::<Severity>().unwrap_err();
        assert!(e.contains("„sehr hoch“"), "{e}");
    }

    #[test]
    fn severity_order_matches_contract() {
        assert!(Severity::Blockierend > Severity::Hoch);
        assert!(Severity::Mittel.is_barrier());
        assert!(!Severity::Niedrig.is_barrier());
        assert_eq!(Severity::Hinweis.lsp_severity(), 4);
    }
}
