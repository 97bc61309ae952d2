//! Clauses by which a law opens the electronic way for every written form it orders.
//!
//! „Eine durch Rechtsvorschrift angeordnete Schriftform kann, soweit nicht durch Rechtsvorschrift
//! etwas anderes bestimmt ist, durch die elektronische Form ersetzt werden“ (§ 3a Abs. 2 VwVfG,
//! § 36a Abs. 2 SGB I, § 87a Abs. 3 AO, „Eine nach dieser Verordnung angeordnete Schriftform …“), and
//! in the procedural codes of the courts „schriftlich einzureichende Anträge und Erklärungen der
//! Parteien … können … als elektronische Dokumente bei Gericht eingereicht werden“ (§ 130a ZPO,
//! § 55a VwGO, § 52a FGO, § 65a SGG, § 46c ArbGG). Where the document under check holds such a
//! clause itself, a „schriftlich“ elsewhere in it can already be met electronically: the finding is
//! no barrier any more, only wording that hides the electronic way. The pipeline lowers it to
//! `niedrig` and names the clause in its message (issue #15, item 8), so that a reviewer sees why
//! and can still ask for the explicit wording.
//!
//! Not covered: an electronic form the law excludes in the same Absatz (DC-SF-009, DC-SF-010 there),
//! the written order of an intrusion (DC-SF-016, whose protective form the clause does not weaken),
//! and for a court's filing clause the court's and the authority's own documents (DC-SF-005) and
//! internal records (DC-SF-011, DC-SF-015). A clause quoted in an Änderungsbefehl is not the law in
//! force of the document, so amending laws are left alone.

use crate::classification::{Category, Severity};
use crate::structure::{DocType, NodeKind, Part};
use crate::{Document, Finding, Span};

/// One clause of the document and what it opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpeningClause {
    /// The norm of the clause without its Satz („§ 3a Abs. 2“), as the message names it.
    pub norm: String,
    pub span: Span,
    pub reach: Reach,
}

/// Which written forms a clause opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// Every written form the law orders („angeordnete Schriftform … durch die elektronische Form
    /// ersetzt“).
    WrittenForm,
    /// What the parties and third persons file with a court („schriftlich einzureichende Anträge
    /// und Erklärungen … als elektronische Dokumente eingereicht“).
    CourtFilings,
}

/// Rules whose findings no clause lowers (see the module comment).
const NEVER: [&str; 3] = ["DC-SF-009", "DC-SF-010", "DC-SF-016"];
/// Rules a court's filing clause does not reach: documents of the court or authority, and records.
const NOT_FILINGS: [&str; 3] = ["DC-SF-005", "DC-SF-011", "DC-SF-015"];

/// The opening clauses in the normative text of a document, in text order.
pub fn find(doc: &Document) -> Vec<OpeningClause> {
    if doc.doctype() == DocType::Aenderungsgesetz {
        return Vec::new();
    }
    let text = doc.text();
    // One scan of the whole text first: most documents hold neither clause.
    if !text.contains("angeordnete Schriftform") && !text.contains("chriftlich einzureichende") {
        return Vec::new();
    }
    let mut clauses = Vec::new();
    for id in doc.of_kind(NodeKind::Satz) {
        if doc.part_of(id) != Part::Gesetzestext || doc.is_non_normative(id) {
            continue;
        }
        let span = doc.node(id).span;
        let sentence = &text[span.start..span.end];
        let Some(reach) = reach_of(sentence) else { continue };
        clauses.push(OpeningClause { norm: without_satz(doc.norm_at(span.start)).to_string(), span, reach });
    }
    clauses
}

/// What a sentence opens, if it is an opening clause. The words are those the federal and Land
/// codes use; a sentence must hold all of one set, so a mere mention of the electronic form is none.
fn reach_of(sentence: &str) -> Option<Reach> {
    let has = |w: &str| sentence.contains(w);
    // A clause that quotes another's wording in „…“ is an amendment or a citation, not this law.
    if has("„") {
        return None;
    }
    // Only a clause without conditions of its own opens the way for the whole law: „…, sofern
    // hierfür digitale Eingabesysteme zur Verfügung stehen“ (the online procedure of §§ 1121 ff.
    // ZPO) reaches only its own cases.
    if has("angeordnete Schriftform") && has("elektronische Form") && has("ersetzt werden") && !has(" sofern ") && !has(" wenn ") {
        return Some(Reach::WrittenForm);
    }
    let filing = has("chriftlich einzureichende");
    if filing && (has("als elektronische Dokumente") || has("als elektronisches Dokument")) && has("eingereicht werden") && !has("Soll ") {
        return Some(Reach::CourtFilings);
    }
    None
}

/// „§ 130a Abs. 1 Satz 1“ → „§ 130a Abs. 1“: a clause is cited by its Absatz.
fn without_satz(norm: &str) -> &str {
    match norm.rfind(" Satz ") {
        Some(i) if norm[i + 6..].chars().all(|c| c.is_ascii_digit()) => &norm[..i],
        _ => norm,
    }
}

/// Lowers the findings the document's own clauses cover and names the clause in their message.
pub fn apply(doc: &Document, clauses: &[OpeningClause], findings: &mut [Finding]) {
    if clauses.is_empty() {
        return;
    }
    // Absätze in which the law excludes the electronic form: no clause reaches them.
    let excluded: Vec<Span> = findings
        .iter()
        .filter(|f| NEVER[..2].contains(&f.rule.as_str()))
        .map(|f| absatz_span(doc, f.span.start))
        .collect();
    let law = match doc.doctype() {
        DocType::Verordnung => "Diese Verordnung",
        DocType::Satzung => "Diese Satzung",
        DocType::Verwaltungsvorschrift => "Diese Verwaltungsvorschrift",
        _ => "Dieses Gesetz",
    };
    for f in findings.iter_mut() {
        if f.category != Category::Schriftform
            || f.severity <= Severity::Niedrig
            || f.part != Part::Gesetzestext
            || f.amendment.is_some()
            || NEVER.contains(&f.rule.as_str())
            || excluded.iter().any(|a| a.start <= f.span.start && f.span.end <= a.end)
        {
            continue;
        }
        let covering = clauses.iter().find(|c| {
            !(c.span.start <= f.span.start && f.span.end <= c.span.end)
                && (c.reach == Reach::WrittenForm || !NOT_FILINGS.contains(&f.rule.as_str()))
        });
        let Some(clause) = covering else { continue };
        f.severity = Severity::Niedrig;
        f.message = covered_message(f, law, clause);
    }
}

/// The message of a covered finding: what is ordered, which clause opens it, and that explicit
/// wording is still worth having — the rule's own message would call a way missing that the law
/// already has.
fn covered_message(f: &Finding, law: &str, clause: &OpeningClause) -> String {
    let opens = match clause.reach {
        Reach::WrittenForm => format!("{law} lässt in {} allgemein zu, die angeordnete Schriftform durch die elektronische Form zu ersetzen", clause.norm),
        Reach::CourtFilings => format!(
            "{law} lässt in {} zu, schriftlich einzureichende Anträge und Erklärungen als elektronisches Dokument einzureichen",
            clause.norm
        ),
    };
    let wording = match &f.fix {
        Some(fix) => format!("Bei einer Neufassung macht „{fix}“ den elektronischen Weg im Wortlaut sichtbar."),
        None => "Bei einer Neufassung kann der elektronische Weg im Wortlaut sichtbar gemacht werden.".to_string(),
    };
    format!("„{}“ ordnet die Schriftform an. {opens}; die Vorschrift ist damit schon elektronisch erfüllbar und kein Hemmnis. {wording}", f.text)
}

/// The Absatz (or, without one, the §) around a position; the whole text where there is neither.
fn absatz_span(doc: &Document, offset: usize) -> Span {
    let node = doc.node_at(offset);
    doc.enclosing(node, NodeKind::Absatz)
        .or_else(|| doc.enclosing(node, NodeKind::Paragraph))
        .map_or(Span::new(0, doc.text().len()), |n| doc.node(n).span)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::{check, Input, Settings};
    use crate::rules::RuleSet;

    fn findings(text: &str) -> Vec<Finding> {
        let settings = Settings { profile: crate::Profile::Bund, ..Settings::default() };
        check(Input::Text { name: "g.txt", text }, RuleSet::builtin().unwrap(), &settings).findings
    }

    const VWVFG_LIKE: &str = "Gesetz über das Verfahren\n\n§ 3a Elektronische Kommunikation\n\n(1) Die Übermittlung elektronischer Dokumente ist zulässig, soweit der Empfänger hierfür einen Zugang eröffnet.\n\n(2) Eine durch Rechtsvorschrift angeordnete Schriftform kann, soweit nicht durch Rechtsvorschrift etwas anderes bestimmt ist, durch die elektronische Form ersetzt werden.\n\n§ 5 Antrag\n\n(1) Der Antrag ist schriftlich zu stellen.\n\n(2) Die Erklärung bedarf der Schriftform. Die elektronische Form ist ausgeschlossen.\n";

    #[test]
    fn a_clause_of_the_law_lowers_its_written_forms_and_is_named() {
        let fs = findings(VWVFG_LIKE);
        let antrag = fs.iter().find(|f| f.norm == "§ 5 Abs. 1").expect("the written application is still reported");
        assert_eq!(antrag.severity, Severity::Niedrig);
        assert_eq!(
            antrag.message,
            "„schriftlich“ ordnet die Schriftform an. Dieses Gesetz lässt in § 3a Abs. 2 allgemein zu, die angeordnete Schriftform durch die elektronische Form zu ersetzen; die Vorschrift ist damit schon elektronisch erfüllbar und kein Hemmnis. Bei einer Neufassung macht „schriftlich oder elektronisch“ den elektronischen Weg im Wortlaut sichtbar."
        );
        // The Absatz that excludes the electronic form keeps its severity.
        assert!(fs.iter().filter(|f| f.norm.starts_with("§ 5 Abs. 2")).all(|f| f.severity > Severity::Niedrig));
    }

    #[test]
    fn without_the_clause_nothing_changes() {
        let text = VWVFG_LIKE.replace("durch die elektronische Form ersetzt werden", "nicht ersetzt werden");
        let fs = findings(&text);
        let antrag = fs.iter().find(|f| f.norm == "§ 5 Abs. 1").unwrap();
        assert!(antrag.severity > Severity::Niedrig);
        assert!(!antrag.message.contains("allgemein zu"));
    }

    #[test]
    fn a_court_filing_clause_covers_filings_not_the_courts_documents() {
        let text = "Prozessordnung\n\n§ 12 Elektronisches Dokument\n\n(1) Vorbereitende Schriftsätze und deren Anlagen, schriftlich einzureichende Anträge und Erklärungen der Parteien können nach Maßgabe der folgenden Absätze als elektronische Dokumente bei Gericht eingereicht werden.\n\n§ 40 Beschwerde\n\n(1) Die Beschwerde ist schriftlich bei dem Gericht einzulegen.\n\n§ 41 Entscheidung\n\n(1) Die Entscheidung ist den Beteiligten schriftlich mitzuteilen.\n";
        let fs = findings(text);
        let beschwerde = fs.iter().find(|f| f.norm == "§ 40 Abs. 1").expect("reported");
        assert_eq!(beschwerde.severity, Severity::Niedrig);
        assert!(beschwerde.message.contains("als elektronisches Dokument einzureichen"), "{}", beschwerde.message);
        let mitteilung = fs.iter().find(|f| f.norm == "§ 41 Abs. 1").expect("reported");
        assert!(mitteilung.severity > Severity::Niedrig, "a court's own notice is no filing");
    }

    #[test]
    fn clauses_are_recognised_by_their_whole_wording() {
        assert_eq!(reach_of("Eine nach dieser Verordnung angeordnete Schriftform kann durch die elektronische Form ersetzt werden."), Some(Reach::WrittenForm));
        assert_eq!(reach_of("Die Schriftform kann durch die elektronische Form ersetzt werden."), None, "one requirement, no clause for the law");
        assert_eq!(
            reach_of("Eine in diesem Gesetz angeordnete Schriftform kann auch durch Übermittlung elektronischer Dokumente über die Kommunikationsplattform ersetzt werden, sofern die Parteien zustimmen."),
            None,
            "a clause for some cases only"
        );
        assert_eq!(
            reach_of("Soll ein schriftlich einzureichender Antrag als elektronisches Dokument eingereicht werden, so kann der unterschriebene Antrag übertragen werden."),
            None
        );
        assert_eq!(without_satz("§ 130a Abs. 1 Satz 1"), "§ 130a Abs. 1");
        assert_eq!(without_satz("§ 3a"), "§ 3a");
    }
}
