//! Automation readiness per norm (Digitalcheck principle 4, „Automatisierung basiert auf eindeutigen
//! Regelungen“): which provisions leave the authority discretion or use indefinite legal terms.
//!
//! Such terms are no barrier a Normprüfstelle would send back — discretion is often what the
//! legislator wants — so they never enter the finding stream. A drafter who asks for it
//! ([`super::Settings::automation`]) gets them as an analysis: per provision (§, Artikel, Nummer of
//! a Verwaltungsvorschrift) the terms that stand against a fully automated decision (§ 35a VwVfG),
//! for the explanation the Digitalcheck asks for under principle 4. The terms are found by the
//! catalogue's `automatisierung` rules, which stay `default off`.
//!
//! Two things are left out because a judged sample of real law showed them to be mostly no room
//! for judgement: conditions like „soweit erforderlich“, „erforderlichenfalls“, „bei Bedarf“
//! (DC-AM-006; mostly a need that the facts or other law decide, or the description of a task), and
//! Anlagen (curricula, product definitions, tables that describe rather than decide).

use crate::rules::CheckOptions;
use crate::structure::Part;
use crate::{Category, Document, RuleSet, Span};
use serde::Serialize;

/// What kind of room for judgement a term leaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TermKind {
    /// Discretion on the legal consequence („nach pflichtgemäßem Ermessen“).
    Ermessen,
    /// An indefinite legal term or a condition without a criterion („unbillige Härte“,
    /// „angemessene Frist“, „soweit erforderlich“).
    Wertung,
}

impl TermKind {
    /// The German name in reports.
    pub fn label(self) -> &'static str {
        match self {
            TermKind::Ermessen => "Ermessen",
            TermKind::Wertung => "unbestimmter Rechtsbegriff",
        }
    }
}

/// One term in the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Term {
    /// The catalogue rule that found it (`DC-AM-003`); `digicheck explain` tells more.
    pub rule: String,
    pub kind: TermKind,
    /// The words as they stand in the text.
    pub text: String,
    pub span: Span,
    /// The full norm path of the place („§ 5 Abs. 2 Satz 1“).
    pub norm: String,
}

/// The terms of one provision, in text order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProvisionTerms {
    /// The provision („§ 5“, „Art. 1 § 5“, „Nr. 2.3“); empty for text outside any structure.
    pub provision: String,
    pub terms: Vec<Term>,
}

impl ProvisionTerms {
    /// How many terms of `kind` the provision has.
    pub fn count(&self, kind: TermKind) -> usize {
        self.terms.iter().filter(|t| t.kind == kind).count()
    }

    /// „zwei Ermessens- und ein Wertungsbegriff“-style summary: „1 × Ermessen, 2 × unbestimmter
    /// Rechtsbegriff“.
    pub fn summary(&self) -> String {
        [TermKind::Ermessen, TermKind::Wertung]
            .iter()
            .filter_map(|&k| match self.count(k) {
                0 => None,
                n => Some(format!("{n} × {}", k.label())),
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The automation analysis of a document: provisions in text order, only those with terms. Reads
/// the parts the check reads (the Gesetzestext, and Vorblatt and Begründung only when asked).
pub fn analyse(doc: &Document, rules: &RuleSet, options: &CheckOptions) -> Vec<ProvisionTerms> {
    let mut out: Vec<ProvisionTerms> = Vec::new();
    for f in rules.check_optional(doc, options) {
        if f.category != Category::Automatisierung
            || (f.part != Part::Gesetzestext && !options.include_begruendung)
            || f.norm.starts_with("Anlage")
        {
            continue;
        }
        let Some(kind) = kind_of(&f.rule) else { continue };
        let provision = provision_of(&f.norm).to_string();
        let term = Term { rule: f.rule, kind, text: f.text, span: f.span, norm: f.norm };
        match out.iter_mut().find(|p| p.provision == provision) {
            Some(p) => p.terms.push(term),
            None => out.push(ProvisionTerms { provision, terms: vec![term] }),
        }
    }
    out
}

/// What a rule of the catalogue finds; `None` for rules outside the analysis.
fn kind_of(rule: &str) -> Option<TermKind> {
    match rule {
        "DC-AM-001" => Some(TermKind::Ermessen),
        // Begründeter Einzelfall, unbillige Härte, wichtiger Grund, angemessene Frist,
        // Zuverlässigkeit und Eignung.
        "DC-AM-002" | "DC-AM-003" | "DC-AM-004" | "DC-AM-005" | "DC-AM-007" => Some(TermKind::Wertung),
        _ => None,
    }
}

/// The provision a norm path lies in: the path up to the § (or Artikel, or Nummer of a
/// Verwaltungsvorschrift) without Absatz, Satz, Nummer within a § and Buchstabe.
pub fn provision_of(norm: &str) -> &str {
    let has_section = norm.contains('§');
    let mut end = norm.len();
    for cut in [" Abs. ", " Satz ", " Halbsatz ", " Buchst. ", " Doppelbuchst. "] {
        if let Some(i) = norm.find(cut) {
            end = end.min(i);
        }
    }
    if has_section {
        // „§ 5 Nr. 3“: a Nummer inside a § belongs to the §.
        let after = norm.find('§').unwrap_or(0);
        if let Some(i) = norm[after..].find(" Nr. ") {
            end = end.min(after + i);
        }
    }
    &norm[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn provisions_are_cut_at_the_section() {
        assert_eq!(provision_of("§ 5 Abs. 2 Satz 1 Nr. 3"), "§ 5");
        assert_eq!(provision_of("Art. 1 § 12 Satz 2"), "Art. 1 § 12");
        assert_eq!(provision_of("§ 7 Nr. 2 Buchst. a"), "§ 7");
        assert_eq!(provision_of("Nr. 2.3.7 Satz 2"), "Nr. 2.3.7");
        assert_eq!(provision_of("Abschnitt A Nr. IV.2.1"), "Abschnitt A Nr. IV.2.1");
        assert_eq!(provision_of("Anlage 1 Nr. 4"), "Anlage 1 Nr. 4");
        assert_eq!(provision_of(""), "");
    }

    #[test]
    fn terms_are_grouped_by_provision_in_text_order() {
        let text = "§ 1 Zweck\n\n(1) Die Behörde entscheidet nach pflichtgemäßem Ermessen.\n\n\
                    (2) Sie setzt eine angemessene Frist. Zur Vermeidung unbilliger Härten kann sie abweichen.\n\n\
                    § 2 Antrag\n\n(1) Der Antrag ist elektronisch zu stellen.\n\n\
                    § 3 Widerruf\n\nDie Erlaubnis kann aus wichtigem Grund widerrufen werden. \
                    Die Behörde kann erforderlichenfalls Unterlagen anfordern.\n\n\
                    Anlage 1\n\nDie Prüfer entscheiden nach pflichtgemäßem Ermessen.\n";
        let doc = Document::parse(crate::SourceText::from_utf8("t.txt", text));
        let rules = RuleSet::builtin().unwrap();
        let found = analyse(&doc, rules, &CheckOptions::default());
        let shape: Vec<(&str, Vec<&str>)> =
            found.iter().map(|p| (p.provision.as_str(), p.terms.iter().map(|t| t.rule.as_str()).collect())).collect();
        assert_eq!(
            shape,
            vec![("§ 1", vec!["DC-AM-001", "DC-AM-005", "DC-AM-003"]), ("§ 3", vec!["DC-AM-004"])],
            "{found:#?}"
        );
        assert_eq!(found[0].summary(), "1 × Ermessen, 2 × unbestimmter Rechtsbegriff");
        assert_eq!(found[0].terms[1].norm, "§ 1 Abs. 2 Satz 1");
    }
}
