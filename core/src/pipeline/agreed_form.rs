//! The written form a contract agrees on.
//!
//! In a Gesellschaftsvertrag „schriftlich“ is the partners' own form (gewillkürte Schriftform),
//! not one a statute orders, and § 127 Abs. 2 Satz 1 BGB lets the telecommunicative transmission —
//! an e-mail — satisfy it unless another will appears. Such a finding keeps no one from handling
//! the step digitally: judges struck it as an obstacle (round 17), yet the wording is worth
//! adjusting at the next amendment. So it stays as a hint (niedrig) whose message names § 127
//! Abs. 2 BGB, like a finding an opening clause of the law covers. Signatures and other
//! categories keep their severity: § 127 Abs. 2 speaks of the written form only.

use super::opening_clause::{at_next_amendment, sentence_span};
use crate::classification::{Category, Severity};
use crate::source::offsets::floor_char_boundary;
use crate::{Document, Finding};

/// How many bytes before a finding are read for a notary's form.
const BEFORE: usize = 160;

/// Whether a document of this title and kind (`jurisdiction::title_and_kind`) is a contract among
/// partners whose forms are its own.
pub fn is_contract(title_and_kind: &str) -> bool {
    title_and_kind.contains("Gesellschaftsvertrag")
}

/// Lowers the written-form findings of a contract and says why in their message.
pub fn apply(doc: &Document, title_and_kind: &str, findings: &mut [Finding]) {
    if findings.is_empty() || !is_contract(title_and_kind) {
        return;
    }
    // A sentence that asks for a notary's deed or certification („der förmlichen Beurkundung oder
    // notariellen Beglaubigung in Schriftform bedürftig“) keeps its finding: § 127 Abs. 2 BGB does
    // not turn that into an e-mail.
    // The words just before „Schriftform“ in the same sentence name the form asked for; an exception
    // after it („der Schriftform, soweit nicht kraft Gesetzes notarielle Beurkundung vorgeschrieben
    // ist“) leaves the agreed form as it is. Read back to the last full stop: a contract whose
    // sentences the layout does not separate would otherwise give one „Satz“ of several clauses.
    let notarial = |f: &Finding| {
        let span = sentence_span(doc, f.span.start);
        let text = doc.text();
        let start = floor_char_boundary(text, f.span.start.saturating_sub(BEFORE).max(span.start));
        let before = &text[start..f.span.start];
        let clause = before.rfind(". ").map_or(before, |i| &before[i + 2..]);
        ["Beurkundung", "beurkund", "notariell", "Beglaubigung", "beglaubigt"].iter().any(|w| clause.contains(w))
    };
    for f in findings
        .iter_mut()
        .filter(|f| f.category == Category::Schriftform && f.severity > Severity::Niedrig && f.amendment.is_none() && !notarial(f))
    {
        f.severity = Severity::Niedrig;
        let wording = at_next_amendment(f, "die Textform ausdrücklich zugelassen werden");
        f.message = format!(
            "„{}“: Der Gesellschaftsvertrag vereinbart die Schriftform selbst. Nach § 127 Abs. 2 Satz 1 BGB genügt dafür die telekommunikative Übermittlung, etwa per E-Mail, soweit kein anderer Wille anzunehmen ist; die Bestimmung ist damit schon elektronisch erfüllbar und kein Hemmnis. {wording}",
            f.text
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::classification::Severity;
    use crate::pipeline::{check, Input, Settings};
    use crate::rules::RuleSet;

    fn findings(text: &str) -> Vec<crate::Finding> {
        check(Input::Text { name: "g.md", text }, RuleSet::builtin().unwrap(), &Settings::default()).findings
    }

    const BODY: &str = "### § 8 Geschäftsanteile\n\n(1) Beabsichtigt ein Gesellschafter, seinen Geschäftsanteil zu veräußern, so hat er ihn zunächst den übrigen Gesellschaftern schriftlich zum Kauf anzubieten.\n";

    #[test]
    fn a_contracts_written_form_is_a_hint_naming_section_127_bgb() {
        let text = format!("---\ntitel: \"Stadtwerke GmbH\"\nrechtsnatur: Gesellschaftsvertrag\n---\n\n{BODY}");
        let found = findings(&text);
        let written: Vec<_> = found.iter().filter(|f| f.text.contains("schriftlich")).collect();
        assert!(!written.is_empty(), "{found:?}");
        for f in written {
            assert_eq!(f.severity, Severity::Niedrig, "{}", f.message);
            assert!(f.message.contains("§ 127 Abs. 2 Satz 1 BGB"), "{}", f.message);
        }
    }

    #[test]
    fn a_notarial_form_in_a_contract_keeps_its_severity() {
        let text = "---\ntitel: \"Bädergesellschaft mbH\"\nrechtsnatur: Gesellschaftsvertrag\n---\n\n### § 17 Schlussbestimmungen\n\n(2) Änderungen des Gesellschaftsvertrages sind zu ihrer Wirksamkeit der förmlichen Beurkundung oder notariellen Beglaubigung in Schriftform bedürftig.\n";
        let found = findings(text);
        assert!(found.iter().all(|f| !f.message.contains("§ 127 Abs. 2")), "{found:?}");
    }

    #[test]
    fn a_statute_keeps_its_severity() {
        let text = format!("---\ntitel: \"Satzung über die Benutzung der Bäder\"\nrechtsnatur: Satzung\n---\n\n{BODY}");
        let found = findings(&text);
        assert!(found.iter().any(|f| f.text.contains("schriftlich") && f.severity > Severity::Niedrig), "{found:?}");
        assert!(found.iter().all(|f| !f.message.contains("§ 127 Abs. 2")));
    }
}
