//! Barrier words and electronic alternatives, for judging word-level changes.
//!
//! The rule engine judges whole provisions: „Der Antrag ist schriftlich zu stellen.“ A command that
//! replaces the single word „schriftlich“ by „schriftlich oder elektronisch“ gives it only fragments,
//! in which no rule's context is complete. Where the amended law's text is not at hand, these lists
//! decide whether a change of words removes a barrier (a barrier word goes, or an electronic
//! alternative joins it) or creates one (an electronic alternative goes). They mirror the trigger
//! families of the rule catalogue (`rules/*.dc`) and are used only on the old and new wording of a
//! command, never on running text, so they need not tell a Schriftführer from a Schriftform.

use crate::model::Category;
use regex::Regex;
use std::sync::OnceLock;

struct Lexicon {
    barriers: Vec<(Category, Regex)>,
    electronic: Regex,
}

fn lexicon() -> &'static Lexicon {
    static L: OnceLock<Lexicon> = OnceLock::new();
    L.get_or_init(|| {
        let re = |p: &str| Regex::new(&format!("(?i){p}")).expect("lexicon pattern");
        Lexicon {
            barriers: vec![
                (Category::Schriftform, re(r"\bschriftlich\w*|\bSchriftform\w*")),
                (Category::Unterschrift, re(r"\bUnterschrift\w*|\bunterschreib\w*|\bunterschrieben\w*|\bunterzeichn\w*|\beigenhändig\w*")),
                (Category::Persoenlich, re(r"\bpersönlich\w*\s+(zu\s+)?erschein\w*|\bpersönlich\w*\s+Erscheinen")),
                (Category::Original, re(r"\bim\s+Original\b|\bOriginal(e|en|s)?\b|\bbeglaubigt\w*|\bBeglaubigung\w*")),
                (Category::Papier, re(r"\bVordruck\w*|\bPapierform\b|\bFormblatt\w*|\bin\s+Papier\b")),
                (Category::Post, re(r"\bPostweg\w*|\bper\s+Post\b|\bdurch\s+die\s+Post\b|\bEinschreiben\w*|\beingeschrieben\w*\s+Brief\w*")),
                (Category::Aushang, re(r"\bAushang\w*|\bauszuhängen\b|\bausgehängt\w*|\b(öffentlich|zur\s+Einsicht(nahme)?)\s+auszulegen\b")),
                (Category::Siegel, re(r"\w*siegel\w*|\w*stempel\w*")),
                (Category::Technologie, re(r"\bTelefax\w*|\bFax\b|\bDe-Mail\b")),
            ],
            electronic: re(
                r"\belektronisch\w*|\bTextform\b|\bE-Mail\w*|\bdigital\w*|\bonline\b|\bDatenfernübertragung\b|\bInternet\w*|\bBild-\s+und\s+Tonübertragung\b|\bVideokonferenz\w*",
            ),
        }
    })
}

/// The barrier families named in `text`, each once, in catalogue order. A seal that is electronic
/// („qualifiziertes elektronisches Siegel“) is none.
pub(super) fn barriers(text: &str) -> Vec<Category> {
    let l = lexicon();
    let mut out = Vec::new();
    for (cat, re) in &l.barriers {
        let hit = re.find_iter(text).any(|m| {
            if *cat == Category::Siegel {
                let before = &text[..m.start()];
                let near = &before[before.len().saturating_sub(40)..];
                !l.electronic.is_match(near) && !l.electronic.is_match(m.as_str())
            } else {
                true
            }
        });
        if hit && !out.contains(cat) {
            out.push(*cat);
        }
    }
    out
}

/// True if `text` offers an electronic way („oder elektronisch“, „in Textform“, „per E-Mail“).
pub(super) fn has_electronic(text: &str) -> bool {
    lexicon().electronic.is_match(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words() {
        assert_eq!(barriers("schriftlich"), vec![Category::Schriftform]);
        assert_eq!(barriers("und mit dem Dienstsiegel zu versehen"), vec![Category::Siegel]);
        assert!(barriers("oder einem qualifizierten elektronischen Siegel der Behörde").is_empty());
        assert_eq!(barriers("per Telefax,"), vec![Category::Technologie]);
        assert_eq!(barriers("und zusätzlich durch Aushang im Dienstgebäude der Behörde"), vec![Category::Aushang]);
        assert!(has_electronic("schriftlich oder elektronisch"));
        assert!(has_electronic("in Textform"));
        assert!(!has_electronic("Schriftform"));
    }
}
