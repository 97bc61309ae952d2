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
    /// Word stems a covered finding's sentence must all hold, where the clause opens the written
    /// form only for one kind of act: „Soweit für die Einbringung von Vorlagen Schriftform
    /// vorgesehen ist, genügt …“ (§ 122a GO-BT) reaches the Vorlagen, not a written demand to split
    /// a vote. Empty for a clause that reaches every written form of the law.
    pub limited_to: Vec<String>,
}

/// Which written forms a clause opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// Every written form the law orders („angeordnete Schriftform … durch die elektronische Form
    /// ersetzt“).
    WrittenForm,
    /// The law's duties to notify, register, report and inform („Anzeige- und Anmeldungspflichten
    /// sowie Melde- und Mitteilungspflichten nach diesem Gesetz … können in elektronischer Form
    /// erfüllt werden, wenn der Empfänger hierfür einen Zugang eröffnet …“, § 182 Abs. 3 StrlSchG);
    /// not its permits and consents.
    Notifications,
    /// What the parties and third persons file with a court or the patent office („schriftlich
    /// einzureichende Anträge und Erklärungen … als elektronische Dokumente eingereicht“; „gelten
    /// die Regelungen des § 130a … der Zivilprozessordnung entsprechend“).
    CourtFilings,
    /// The signature a procedural code demands of judges, clerks and bailiffs („Soweit dieses Gesetz
    /// dem Richter … die handschriftliche Unterzeichnung vorschreibt, genügt dieser Form die
    /// Aufzeichnung als elektronisches Dokument“, § 130b ZPO).
    CourtSignatures,
    /// Every signature the law itself demands, where it may be replaced by an electronic signature
    /// („Soweit Unterlagen nach dieser Verordnung handschriftlich zu unterzeichnen sind, können …
    /// die Unterschriften … durch … elektronische Signaturen ersetzt werden“, § 28 GemKVO BW; „…
    /// ist … eine eigenhändige Unterschrift durch eine qualifizierte elektronische Signatur zu
    /// ersetzen“, § 22 ApBetrO).
    Signatures,
}

/// Rules whose findings no clause lowers (see the module comment).
const NEVER: [&str; 3] = ["DC-SF-009", "DC-SF-010", "DC-SF-016"];
/// Words of a sentence that files something with a court or office.
const FILING_WORDS: [&str; 22] = [
    "einzureichen", "eingereicht", "einreichen", "einzulegen", "eingelegt", "einlegen", "beantrag", "Antrag", "Anträge", "Anmeldung", "anzumelden",
    "zu erklären", "Erklärung", "Beschwerde", "Widerspruch", "Einspruch", "Erinnerung", "Rüge", "anzubringen", "Schriftsatz", "Stellungnahme", "Vollmacht",
];
/// Words of a sentence that notifies, registers, reports or informs.
const NOTIFICATION_WORDS: [&str; 8] = ["anzuzeigen", "Anzeige", "anzumelden", "Anmeldung", "zu melden", "Meldung", "mitzuteilen", "Mitteilung"];
/// Rules a court's filing clause does not reach: documents of the court or authority, and records.
const NOT_FILINGS: [&str; 3] = ["DC-SF-005", "DC-SF-011", "DC-SF-015"];

/// The opening clauses in the normative text of a document, in text order.
pub fn find(doc: &Document) -> Vec<OpeningClause> {
    if doc.doctype() == DocType::Aenderungsgesetz {
        return Vec::new();
    }
    let text = doc.text();
    // One scan of the whole text for each of the two words, of which every clause holds one (it
    // speaks of the electronic form or document, or applies § 130a ZPO): most documents hold
    // neither, and in the others a Satz is read only where one of them stands inside it, instead
    // of searching every Satz for both.
    let electronic = Occurrences::of(text, "lektronische");
    let court_rules = Occurrences::of(text, "§ 130a");
    if electronic.starts.is_empty() && court_rules.starts.is_empty() {
        return Vec::new();
    }
    let mut clauses = Vec::new();
    for id in doc.of_kind(NodeKind::Satz) {
        // The wording first: it rules out almost every sentence without walking up the tree.
        let span = doc.node(id).span;
        if !electronic.within(span) && !court_rules.within(span) {
            continue;
        }
        let Some(reach) = reach_of(&text[span.start..span.end]) else { continue };
        if doc.part_of(id) != Part::Gesetzestext || doc.is_non_normative(id) {
            continue;
        }
        let sentence = &text[span.start..span.end];
        let limited_to = if reach == Reach::WrittenForm { acts_named(sentence) } else { Vec::new() };
        clauses.push(OpeningClause { norm: without_satz(doc.norm_at(span.start)).to_string(), span, reach, limited_to });
    }
    clauses
}

/// Where a word stands in the whole text: `within(span)` is `text[span].contains(word)`, answered
/// by a binary search.
struct Occurrences {
    starts: Vec<usize>,
    len: usize,
}

impl Occurrences {
    /// The occurrences of a word, found in one scan. A word none of whose ends is also its
    /// beginning (as both words searched here) cannot overlap itself, so the non-overlapping
    /// occurrences the scan reports are all of them.
    fn of(text: &str, word: &str) -> Occurrences {
        Occurrences { starts: memchr::memmem::find_iter(text.as_bytes(), word).collect(), len: word.len() }
    }

    /// Whether the word stands wholly inside `span`: of the occurrences at or after its start, the
    /// first ends first, so it alone decides.
    fn within(&self, span: Span) -> bool {
        let first = self.starts.partition_point(|&p| p < span.start);
        self.starts.get(first).is_some_and(|&p| p + self.len <= span.end)
    }
}

/// What a sentence opens, if it is an opening clause. A sentence must name the written form (or the
/// filings, or the judges' signature) the law orders in general and open the electronic way for it;
/// a mere mention of the electronic form, or one requirement with its own alternative, is none.
fn reach_of(sentence: &str) -> Option<Reach> {
    let has = |w: &str| sentence.contains(w);
    if !has("lektronische") && !has("§ 130a") {
        return None;
    }
    // A clause that quotes another's wording in „…“ is an amendment or a citation, not this law;
    // „Wird für einen Verwaltungsakt … die elektronische Form verwendet, …“ presupposes the opening
    // (made elsewhere) and regulates its signature.
    if has("„") || sentence.trim_start_matches(|c: char| c == '(' || c.is_ascii_digit() || c == ')' || c == ' ').starts_with("Wird ") {
        return None;
    }
    // Only a clause whose electronic way stands open in every case reaches the whole law: „…,
    // sofern hierfür digitale Eingabesysteme zur Verfügung stehen“ (the online procedure of
    // §§ 1121 ff. ZPO), „…, wenn Erklärender und Empfänger über ein solches Postfach verfügen“.
    if has("zur Verfügung") || has(" verfügen") || has("Kommunikationsplattform") {
        return None;
    }
    let ordered = has("Schriftform") && (has("angeordnet") || has("vorgeschrieben") || has("vorgesehen"));
    let by_court_rules = has("§ 130a") && has("entsprechend");
    let filed = has("eingereicht werden") || has("übermittelt werden");
    let as_document = has("als elektronisches Dokument") || has("als elektronische Dokumente");
    if ordered && by_court_rules {
        return Some(Reach::CourtFilings);
    }
    if ordered
        && ((has("elektronische Form") && (has("ersetzt werden") || has("zugelassen")))
            || (as_document && filed)
            || has("genügt dieser Form die Aufzeichnung als elektronisches Dokument"))
    {
        return Some(Reach::WrittenForm);
    }
    if has("chriftlich einzureichende") && as_document && filed && !has("Soll ") {
        return Some(Reach::CourtFilings);
    }
    // „In Verfahren nach diesem Gesetz sind die verfahrensrechtlichen Vorschriften über die
    // elektronische Akte und über das elektronische Dokument anzuwenden, die für das Verfahren
    // gelten“ (§ 4b JVEG): the filing rules of the procedure in which the law is applied.
    if has("nach diesem Gesetz") && has("Vorschriften über") && has("elektronische Dokument") && has("anzuwenden") {
        return Some(Reach::CourtFilings);
    }
    // „Die Vorschriften des Patentgesetzes über … die elektronische Verfahrensführung (§ 125a) …
    // sind auch für Gebrauchsmustersachen anzuwenden“ (§ 21 GebrMG, § 11 HalblSchG): § 125a PatG
    // applies § 130a ZPO to every written form in proceedings before the patent office.
    if has("elektronische Verfahrensführung (§ 125a)") && has("anzuwenden") {
        return Some(Reach::CourtFilings);
    }
    let own_law = has("nach dieser Verordnung") || has("nach diesem Gesetz") || has("nach dieser Satzung");
    if own_law && has("pflichten") && (has("Anzeige") || has("Melde") || has("Mitteilung")) && has("in elektronischer Form erfüllt werden") {
        return Some(Reach::Notifications);
    }
    if own_law
        && (has("Unterschrift") || has("unterzeichnen"))
        && has("elektronische Signatur")
        && (has("ersetzt werden") || has("zu ersetzen"))
    {
        return Some(Reach::Signatures);
    }
    if has("handschriftliche Unterzeichnung") && has("genügt dieser Form") && has("elektronisches Dokument") {
        return Some(Reach::CourtSignatures);
    }
    // The StPO says the same in its own words. For filings (§ 32a Abs. 3): „Ein Dokument, das
    // schriftlich abzufassen, zu unterschreiben oder zu unterzeichnen ist, muss als elektronisches
    // Dokument mit einer qualifizierten elektronischen Signatur … versehen sein oder … auf einem
    // sicheren Übermittlungsweg eingereicht werden“; for the documents of courts and prosecutors
    // (§ 32b Abs. 1 Satz 2): „Ein Dokument, das zu unterschreiben oder zu unterzeichnen ist, muss
    // darüber hinaus mit einer qualifizierten elektronischen Signatur … versehen sein.“
    let signed_form = has("zu unterschreiben oder zu unterzeichnen ist") && has("qualifizierten elektronischen Signatur") && has("versehen sein");
    if signed_form && has("schriftlich abzufassen") && as_document && has("Übermittlungsweg") {
        return Some(Reach::CourtFilings);
    }
    if signed_form && !has("Übermittlungsweg") {
        return Some(Reach::CourtSignatures);
    }
    None
}

/// The act a written-form clause is limited to, as lower-case stems: „Soweit für die Einbringung
/// von Vorlagen Schriftform vorgesehen ist“ → „einbring“, „vorlag“. Only one act named as „für
/// <Artikel> <Handlung> von|der|des <Gegenstand>“ limits a clause; a list („für Anträge, Erklärungen
/// oder Mitteilungen an die Finanzbehörden“, § 87a Abs. 3 AO, which with Abs. 4 reaches every
/// written form of the tax procedure) or a relative clause („Erklärungen, für die durch
/// Rechtsvorschrift die Schriftform vorgeschrieben ist“) leaves it reaching the whole law. A noun
/// in „-ung“ stands for its verb too („einbringen“); plural and case endings are cut so that
/// „Vorlage“ and „Vorlagen“ both hold „vorlag“.
fn acts_named(sentence: &str) -> Vec<String> {
    let Some(form) = sentence.find("Schriftform") else { return Vec::new() };
    let before = &sentence[..form];
    let Some(fuer) = before.rfind(" für ") else { return Vec::new() };
    let words: Vec<&str> = before[fuer + 5..].split_whitespace().collect();
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase) && w.chars().all(char::is_alphabetic);
    let one_act = matches!(words.as_slice(), [article, act, link, object]
        if ["die", "den", "das"].contains(article) && capital(act) && ["von", "der", "des"].contains(link) && capital(object));
    if !one_act {
        return Vec::new();
    }
    [words[1], words[3]]
        .into_iter()
        .map(|w| {
            let w = w.to_lowercase();
            let stem = ["ung", "en", "n", "e", "s"].iter().find_map(|end| w.strip_suffix(end).filter(|s| s.chars().count() >= 4));
            stem.unwrap_or(&w).to_string()
        })
        .collect()
}

/// Whether a sentence holds every act a limited clause names (see [`acts_named`]).
fn names_acts(sentence: &str, acts: &[String]) -> bool {
    let lower = sentence.to_lowercase();
    acts.iter().all(|a| lower.contains(a.as_str()))
}

/// „§ 130a Abs. 1 Satz 1“ → „§ 130a Abs. 1“: a clause is cited by its Absatz.
fn without_satz(norm: &str) -> &str {
    match norm.rfind(" Satz ") {
        Some(i) if norm[i + 6..].chars().all(|c| c.is_ascii_digit()) => &norm[..i],
        _ => norm,
    }
}

/// Lowers the findings the document's own clauses cover and names the clause in their message.
pub fn apply(doc: &Document, clauses: &[OpeningClause], findings: &mut Vec<Finding>) {
    if clauses.is_empty() {
        return;
    }
    // The clause itself names the form it opens („Soweit … die Schriftform vorgesehen ist, gelten
    // die Regelungen des § 130a … entsprechend“): its words are the remedy, not a barrier.
    findings.retain(|f| {
        f.amendment.is_some()
            || NEVER.contains(&f.rule.as_str())
            || !clauses.iter().any(|c| c.span.start <= f.span.start && f.span.end <= c.span.end && reaches(doc, c, f))
    });
    // Absätze in which the law excludes the electronic form: no clause reaches them.
    let excluded: Vec<Span> = findings
        .iter()
        .filter(|f| NEVER[..2].contains(&f.rule.as_str()))
        .map(|f| absatz_span(doc, f.span.start))
        .collect();
    let of_law = match doc.doctype() {
        DocType::Verordnung => "dieser Verordnung",
        DocType::Satzung => "dieser Satzung",
        DocType::Verwaltungsvorschrift => "dieser Verwaltungsvorschrift",
        _ => "dieses Gesetzes",
    };
    for f in findings.iter_mut() {
        if f.severity <= Severity::Niedrig
            || f.part != Part::Gesetzestext
            || f.amendment.is_some()
            || NEVER.contains(&f.rule.as_str())
            || excluded.iter().any(|a| a.start <= f.span.start && f.span.end <= a.end)
        {
            continue;
        }
        let Some(clause) = clauses.iter().find(|c| reaches(doc, c, f)) else {
            continue;
        };
        f.severity = Severity::Niedrig;
        f.message = covered_message(f, of_law, clause);
    }
}

/// Whether a clause covers a finding.
fn reaches(doc: &Document, clause: &OpeningClause, f: &Finding) -> bool {
    match clause.reach {
        // Only a limited clause needs the finding's sentence; most reach the whole law.
        Reach::WrittenForm => {
            f.category == Category::Schriftform
                && (clause.limited_to.is_empty() || names_acts(sentence_text(doc, f.span.start), &clause.limited_to))
        }
        // What someone files: the sentence names the filing or the act („einzulegen“, „Antrag“,
        // „Erklärung“); a form the parties owe each other („Die Vereinbarung muss schriftlich
        // abgeschlossen … werden“, § 38 ZPO) is no filing.
        Reach::CourtFilings => {
            let sentence = sentence_text(doc, f.span.start);
            f.category == Category::Schriftform
                && !NOT_FILINGS.contains(&f.rule.as_str())
                && FILING_WORDS.iter().any(|w| sentence.contains(w))
                && !courts_instruction(doc.text(), f)
        }
        Reach::Signatures => f.category == Category::Unterschrift,
        Reach::Notifications => {
            let sentence = sentence_text(doc, f.span.start);
            f.category == Category::Schriftform && NOTIFICATION_WORDS.iter().any(|w| sentence.contains(w))
        }
        // The signature of the court's own people: the sentence names them or their documents.
        Reach::CourtSignatures => {
            let sentence = sentence_text(doc, f.span.start);
            f.category == Category::Unterschrift
                && ["Richter", "Rechtspfleger", "Urkundsbeamte", "Gerichtsvollzieher", "Vorsitzende", "Mitglieder"].iter().any(|w| sentence.contains(w))
                // An arbitral tribunal is no court: its award is signed under the arbitration rules.
                && !sentence.contains("Schieds")
        }
    }
}

/// Whether the written thing is the court's instruction on a remedy, not a filing: „… über das
/// Rechtsmittel und das Gericht, bei dem das Rechtsmittel einzulegen ist, … schriftlich belehrt
/// worden ist“ (§ 9 Abs. 5 ArbGG). The filing words of the sentence name what the party may file
/// later; the written form is the court's own.
fn courts_instruction(text: &str, f: &Finding) -> bool {
    let after = text[f.span.end..].trim_start();
    let next = after.split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
    next.contains("belehr") || next.contains("Belehrung") || ["zu belehren", "zu unterrichten"].iter().any(|w| after.starts_with(w))
}

/// The message of a covered finding: what is ordered, which clause opens it, and that explicit
/// wording is still worth having — the rule's own message would call a way missing that the law
/// already has.
fn covered_message(f: &Finding, of_law: &str, clause: &OpeningClause) -> String {
    let norm = &clause.norm;
    let (ordered, opens) = match clause.reach {
        Reach::WrittenForm => ("ordnet die Schriftform an", format!("Nach {norm} {of_law} kann die angeordnete Schriftform elektronisch erfüllt werden")),
        Reach::CourtFilings => (
            "ordnet die Schriftform an",
            format!("Nach {norm} {of_law} können schriftlich einzureichende Anträge und Erklärungen als elektronisches Dokument eingereicht werden"),
        ),
        Reach::Notifications => (
            "ordnet die Schriftform an",
            format!("Nach {norm} {of_law} können Anzeige-, Melde- und Mitteilungspflichten in elektronischer Form erfüllt werden"),
        ),
        Reach::Signatures => (
            "verlangt eine Unterschrift",
            format!("Nach {norm} {of_law} kann die vorgeschriebene Unterschrift durch eine elektronische Signatur ersetzt werden"),
        ),
        Reach::CourtSignatures => (
            "verlangt eine Unterschrift",
            format!("Nach {norm} {of_law} genügt für die vorgeschriebene Unterschrift die Aufzeichnung als elektronisches Dokument"),
        ),
    };
    let wording = at_next_amendment(f, "der elektronische Weg im Wortlaut sichtbar gemacht werden");
    format!("„{}“ {ordered}. {opens}; die Vorschrift ist damit schon elektronisch erfüllbar und kein Hemmnis. {wording}", f.text)
}

/// The closing sentence of a lowered finding's message: the fix makes the electronic way visible
/// in the wording; without a fix, what `otherwise` says can be done („Bei einer Neufassung kann
/// {otherwise}.“).
pub(super) fn at_next_amendment(f: &Finding, otherwise: &str) -> String {
    match &f.fix {
        Some(fix) => format!("Bei einer Neufassung macht „{fix}“ den elektronischen Weg im Wortlaut sichtbar."),
        None => format!("Bei einer Neufassung kann {otherwise}."),
    }
}

/// The Satz around a position (or the smallest unit that holds it).
pub(super) fn sentence_span(doc: &Document, offset: usize) -> Span {
    let node = doc.node_at(offset);
    doc.enclosing(node, NodeKind::Satz).map_or(doc.node(node).span, |n| doc.node(n).span)
}

/// The text of [`sentence_span`].
fn sentence_text(doc: &Document, offset: usize) -> &str {
    &doc.text()[sentence_span(doc, offset).range()]
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
            "„schriftlich“ ordnet die Schriftform an. Nach § 3a Abs. 2 dieses Gesetzes kann die angeordnete Schriftform elektronisch erfüllt werden; die Vorschrift ist damit schon elektronisch erfüllbar und kein Hemmnis. Bei einer Neufassung macht „schriftlich oder elektronisch“ den elektronischen Weg im Wortlaut sichtbar."
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
        let text = "Prozessordnung\n\n§ 12 Elektronisches Dokument\n\n(1) Vorbereitende Schriftsätze und deren Anlagen, schriftlich einzureichende Anträge und Erklärungen der Parteien können nach Maßgabe der folgenden Absätze als elektronische Dokumente bei Gericht eingereicht werden.\n\n§ 40 Beschwerde\n\n(1) Die Beschwerde ist schriftlich bei dem Gericht einzulegen.\n\n§ 41 Entscheidung\n\n(1) Die Entscheidung ist den Beteiligten schriftlich mitzuteilen.\n\n§ 42 Gerichtsstand\n\n(1) Die Vereinbarung muss schriftlich abgeschlossen werden.\n";
        let fs = findings(text);
        let beschwerde = fs.iter().find(|f| f.norm == "§ 40 Abs. 1").expect("reported");
        assert_eq!(beschwerde.severity, Severity::Niedrig);
        assert!(beschwerde.message.contains("Nach § 12 Abs. 1 dieses Gesetzes können schriftlich einzureichende Anträge"), "{}", beschwerde.message);
        let mitteilung = fs.iter().find(|f| f.norm == "§ 41 Abs. 1").expect("reported");
        assert!(mitteilung.severity > Severity::Niedrig, "a court's own notice is no filing");
        let vereinbarung = fs.iter().find(|f| f.norm == "§ 42 Abs. 1").expect("reported");
        assert!(vereinbarung.severity > Severity::Niedrig, "an agreement of the parties is no filing");
    }

    /// § 122a Abs. 1 GO-BT opens the written form only for bringing in Vorlagen; a written demand
    /// to split a vote or a written declaration of a member is no Vorlage.
    #[test]
    fn a_clause_limited_to_one_act_covers_only_that_act() {
        let text = "Geschäftsordnung\n\n§ 47 Teilung der Abstimmung\n\nEine Fraktion kann vor der Abstimmung über eine Vorlage schriftlich die Teilung des Abstimmungsgegenstandes verlangen.\n\n§ 76 Vorlagen\n\n(1) Vorlagen sind schriftlich in der Einbringung beim Präsidenten zu übermitteln.\n\n§ 122a Elektronische Dokumente\n\n(1) Soweit für die Einbringung von Vorlagen Schriftform vorgesehen ist, genügt dieser Form die Aufzeichnung als elektronisches Dokument, wenn dieses für die weitere Bearbeitung geeignet ist.\n";
        let fs = findings(text);
        let teilung = fs.iter().find(|f| f.norm.starts_with("§ 47")).expect("reported");
        assert!(teilung.severity > Severity::Niedrig, "no Vorlage brought in: {}", teilung.message);
        let vorlage = fs.iter().find(|f| f.norm.starts_with("§ 76")).expect("reported");
        assert_eq!(vorlage.severity, Severity::Niedrig, "{}", vorlage.message);
        assert!(vorlage.message.contains("Nach § 122a Abs. 1 dieses Gesetzes"), "{}", vorlage.message);
        assert_eq!(acts_named("(1) Soweit für die Einbringung von Vorlagen Schriftform vorgesehen ist, genügt dieser Form die Aufzeichnung als elektronisches Dokument."), ["einbring", "vorlag"]);
        assert!(acts_named("(2) Eine durch Rechtsvorschrift angeordnete Schriftform kann durch die elektronische Form ersetzt werden.").is_empty());
        assert!(acts_named("(3) Eine durch Gesetz für Anträge, Erklärungen oder Mitteilungen an die Finanzbehörden angeordnete Schriftform kann durch die elektronische Form ersetzt werden.").is_empty());
        assert!(acts_named("(3) Erklärungen, für die durch Rechtsvorschrift die Schriftform vorgeschrieben ist, können als elektronisches Dokument übermittelt werden.").is_empty());
    }

    /// The written instruction on a remedy is the court's own document, although its sentence names
    /// what the party may file (§ 9 Abs. 5 ArbGG).
    #[test]
    fn the_courts_instruction_on_a_remedy_is_no_filing() {
        let text = "Prozessordnung\n\n§ 9 Allgemeine Verfahrensvorschriften\n\n(5) Die Frist für ein Rechtsmittel beginnt nur, wenn die Partei über das Rechtsmittel und das Gericht, bei dem das Rechtsmittel einzulegen ist, und die einzuhaltende Frist und Form schriftlich belehrt worden ist.\n\n§ 12 Elektronisches Dokument\n\n(1) Vorbereitende Schriftsätze und deren Anlagen, schriftlich einzureichende Anträge und Erklärungen der Parteien können nach Maßgabe der folgenden Absätze als elektronische Dokumente bei Gericht eingereicht werden.\n\n§ 40 Beschwerde\n\n(1) Die Beschwerde ist schriftlich bei dem Gericht einzulegen.\n";
        let fs = findings(text);
        let beschwerde = fs.iter().find(|f| f.norm == "§ 40 Abs. 1").expect("reported");
        assert_eq!(beschwerde.severity, Severity::Niedrig);
        assert!(fs.iter().filter(|f| f.norm.starts_with("§ 9")).all(|f| f.severity > Severity::Niedrig && !f.message.contains("§ 12")), "{fs:?}");
    }

    #[test]
    fn a_clause_for_the_judges_signature_covers_theirs_not_the_parties() {
        let text = "Prozessordnung\n\n§ 13 Gerichtliches elektronisches Dokument\n\nSoweit dieses Gesetz dem Richter oder dem Urkundsbeamten der Geschäftsstelle die handschriftliche Unterzeichnung vorschreibt, genügt dieser Form die Aufzeichnung als elektronisches Dokument, wenn die verantwortenden Personen am Ende des Dokuments ihren Namen hinzufügen.\n\n§ 42 Protokoll\n\n(1) Das Protokoll ist von dem Vorsitzenden und dem Urkundsbeamten der Geschäftsstelle zu unterschreiben.\n\n§ 43 Vergleich\n\n(1) Der Vergleich ist von den Parteien eigenhändig zu unterschreiben.\n\n§ 44 Beschluss\n\n(1) Der Beschluss nebst Gründen ist von den Mitgliedern der Kammer zu unterschreiben.\n";
        let fs = findings(text);
        let beschluss = fs.iter().find(|f| f.norm == "§ 44 Abs. 1").expect("reported");
        assert_eq!(beschluss.severity, Severity::Niedrig, "the members of the court sign its decision");
        assert!(fs.iter().all(|f| f.norm != "§ 13"), "the clause itself is no finding: {fs:?}");
        let protokoll = fs.iter().find(|f| f.norm == "§ 42 Abs. 1").expect("reported");
        assert_eq!(protokoll.severity, Severity::Niedrig);
        assert!(protokoll.message.contains("genügt für die vorgeschriebene Unterschrift die Aufzeichnung als elektronisches Dokument"), "{}", protokoll.message);
        let vergleich = fs.iter().find(|f| f.norm == "§ 43 Abs. 1").expect("reported");
        assert!(vergleich.severity > Severity::Niedrig, "the parties' own signature is not the court's");
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
        assert_eq!(
            reach_of("(3) Erklärungen, für die durch Rechtsvorschrift die Schriftform vorgeschrieben ist, können als elektronisches Dokument übermittelt werden, wenn dieses mit einer qualifizierten elektronischen Signatur versehen ist."),
            Some(Reach::WrittenForm)
        );
        assert_eq!(
            reach_of("(1) Soweit in Verfahren vor dem Amt für Anmeldungen, Anträge oder sonstige Handlungen die Schriftform vorgesehen ist, gelten die Regelungen des § 130a Absatz 1 der Zivilprozessordnung entsprechend."),
            Some(Reach::CourtFilings)
        );
        assert_eq!(
            reach_of("Wird für einen Verwaltungsakt, für den durch Rechtsvorschrift die Schriftform angeordnet ist, die elektronische Form verwendet, muss das Zertifikat die Behörde erkennen lassen."),
            None,
            "regulates the electronic form, opens nothing"
        );
        assert_eq!(
            reach_of("Ist für die Abgabe einer Erklärung die Schriftform vorgeschrieben, so kann die Erklärung auch über das besondere elektronische Postfach abgegeben werden, wenn Erklärender und Empfänger über ein solches Postfach verfügen."),
            None,
            "open only between holders of a mailbox"
        );
        assert_eq!(
            reach_of("Soweit dieses Gesetz dem Richter oder dem Urkundsbeamten der Geschäftsstelle die handschriftliche Unterzeichnung vorschreibt, genügt dieser Form die Aufzeichnung als elektronisches Dokument, wenn die verantwortenden Personen am Ende des Dokuments ihren Namen hinzufügen."),
            Some(Reach::CourtSignatures)
        );
        assert_eq!(
            reach_of("In Verfahren nach diesem Gesetz sind die verfahrensrechtlichen Vorschriften über die elektronische Akte und über das elektronische Dokument anzuwenden, die für das Verfahren gelten."),
            Some(Reach::CourtFilings)
        );
        // The StPO's own wording (§ 32a Abs. 3, § 32b Abs. 1 Satz 2).
        assert_eq!(
            reach_of("(3) Ein Dokument, das schriftlich abzufassen, zu unterschreiben oder zu unterzeichnen ist, muss als elektronisches Dokument mit einer qualifizierten elektronischen Signatur der verantwortenden Person versehen sein oder von der verantwortenden Person signiert und auf einem sicheren Übermittlungsweg eingereicht werden."),
            Some(Reach::CourtFilings)
        );
        assert_eq!(
            reach_of("Ein Dokument, das zu unterschreiben oder zu unterzeichnen ist, muss darüber hinaus mit einer qualifizierten elektronischen Signatur aller verantwortenden Personen versehen sein."),
            Some(Reach::CourtSignatures)
        );
        assert_eq!(reach_of("Der Antrag ist zu unterschreiben und mit einer qualifizierten elektronischen Signatur zu versehen."), None, "one requirement");
        assert_eq!(
            reach_of("(3) Anzeige- und Anmeldungspflichten sowie Melde- und Mitteilungspflichten nach diesem Gesetz oder nach einer auf dieses Gesetz gestützten Rechtsverordnung können in elektronischer Form erfüllt werden, wenn der Empfänger hierfür einen Zugang eröffnet und das Verfahren bestimmt."),
            Some(Reach::Notifications)
        );
        assert_eq!(without_satz("§ 130a Abs. 1 Satz 1"), "§ 130a Abs. 1");
        assert_eq!(without_satz("§ 3a"), "§ 3a");
    }

    /// The occurrences found once in the whole text answer for every span what searching the span
    /// answers, also where a span cuts a word or ends inside one.
    #[test]
    fn occurrences_within_a_span_are_the_spans_own() {
        let text = "§ 130a gilt. Elektronische Dokumente (§ 130a ZPO) und elektronische Form; §130a; lektronischelektronische§ 130a§ 130a.";
        for word in ["lektronische", "§ 130a"] {
            let occurrences = Occurrences::of(text, word);
            let bounds: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            for (k, &start) in bounds.iter().enumerate() {
                for &end in &bounds[k..] {
                    assert_eq!(occurrences.within(Span::new(start, end)), text[start..end].contains(word), "{word} in {start}..{end}");
                }
            }
        }
    }

    /// The utility-model and semiconductor laws apply the patent law's electronic filing (§ 125a
    /// PatG, which applies § 130a ZPO) by a list of the patent law's provisions.
    #[test]
    fn a_law_that_applies_the_patent_laws_electronic_filing() {
        assert_eq!(
            reach_of("(1) Die Vorschriften des Patentgesetzes über die Wiedereinsetzung in den vorigen Stand (§ 123), über die elektronische Verfahrensführung (§ 125a), über die Amtssprache (§ 126) und über Zustellungen (§ 127) sind auch für Gebrauchsmustersachen anzuwenden."),
            Some(Reach::CourtFilings)
        );
        assert_eq!(reach_of("Die Vorschriften über die elektronische Verfahrensführung werden durch Rechtsverordnung bestimmt."), None);
    }

    /// A regulation's own clause for its signatures (the Gemeindekassenverordnung of
    /// Baden-Württemberg, the Apothekenbetriebsordnung); a signature with its own alternative is
    /// none.
    #[test]
    fn clauses_that_replace_the_laws_signatures() {
        assert_eq!(
            reach_of("(2) Soweit Unterlagen nach dieser Verordnung handschriftlich zu unterzeichnen sind, können, falls nichts anderes bestimmt ist, die Unterschriften bei Einsatz automatisierter Verfahren durch fortgeschrittene oder qualifizierte elektronische Signaturen ersetzt werden."),
            Some(Reach::Signatures)
        );
        assert_eq!(
            reach_of("Bei einer Aufzeichnung und Aufbewahrung ausschließlich auf Datenträgern ist ein nach dieser Verordnung gefordertes Namenszeichen durch eine elektronische Signatur und eine eigenhändige Unterschrift durch eine qualifizierte elektronische Signatur zu ersetzen."),
            Some(Reach::Signatures)
        );
        assert_eq!(reach_of("Die Unterschrift kann durch eine qualifizierte elektronische Signatur ersetzt werden."), None, "one requirement, no clause for the law");
    }
}
