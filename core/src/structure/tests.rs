//! Structure tests on small texts of every shape the parser must know.

use super::*;

fn parse(s: &str) -> Document {
    let d = Document::parse(SourceText::from_utf8("t.txt", s));
    d.check_invariants().unwrap_or_else(|e| panic!("{e}\n{}", json::to_tree(&d)));
    d
}

fn norms(d: &Document, kind: NodeKind) -> Vec<String> {
    d.of_kind(kind).map(|n| d.node(n).norm.to_string()).collect()
}

#[test]
fn federal_layout() {
    let d = parse(
        "Testgesetz  (TG)\nAusfertigungsdatum: 01.01.2000\n\n§ 1 – Zweck\n\n(1) Satz eins. Satz zwei nach § 3 Abs. 2 Nr. 1.\n\n(2) Örtlich zuständig ist\n\n1. die Behörde A,\n\n2. die Behörde B,\n\nsoweit nichts anderes bestimmt ist. Zweiter Satz.\n\n§ 2 (weggefallen)\n\n§ 3\n\nEinziger Absatz ohne Nummer.\n",
    );
    assert_eq!(norms(&d, NodeKind::Paragraph), vec!["§ 1", "§ 2", "§ 3"]);
    assert_eq!(norms(&d, NodeKind::Satz), vec!["§ 1 Abs. 1 Satz 1", "§ 1 Abs. 1 Satz 2", "§ 1 Abs. 2 Satz 1", "§ 1 Abs. 2 Satz 2", "§ 3"]);
    assert_eq!(norms(&d, NodeKind::Nummer), vec!["§ 1 Abs. 2 Satz 1 Nr. 1", "§ 1 Abs. 2 Satz 1 Nr. 2"]);
    assert!(d.node(d.of_kind(NodeKind::Paragraph).nth(1).unwrap()).repealed);
}

#[test]
fn nested_items_and_trailing_text() {
    let d = parse("§ 5 – Antrag\n\n(1) Der Antrag enthält\n\n1. den Namen,\n\n2. die Anschrift, und zwar\n\na) Straße,\n\nb) Ort,\n\n3. das Datum.\n\n(2) Er ist zu stellen.\n");
    assert_eq!(norms(&d, NodeKind::Buchstabe), vec!["§ 5 Abs. 1 Nr. 2 Buchst. a", "§ 5 Abs. 1 Nr. 2 Buchst. b"]);
    assert_eq!(norms(&d, NodeKind::Nummer).len(), 3);
    assert_eq!(norms(&d, NodeKind::Satz), vec!["§ 5 Abs. 1", "§ 5 Abs. 2"]);
}

#[test]
fn draft_parts_and_amendments() {
    let text = "Gesetzentwurf der Landesregierung\n\nA. Problem und Ziel\n\nDas Recht ist veraltet.\n\nB. Lösung\n\nÄnderung.\n\nEntwurf eines Gesetzes zur Änderung des Testgesetzes\n\nDer Landtag hat das folgende Gesetz beschlossen:\n\nArtikel 1\nÄnderung des Testgesetzes\n\nDas Testgesetz vom 1. Januar 2000 (GVOBl. M-V S. 1) wird wie folgt geändert:\n\n1. § 3 wird wie folgt geändert:\n\na) In Absatz 1 wird das Wort „schriftlich“ durch die Wörter „schriftlich oder elektronisch“ ersetzt.\n\nb) Absatz 2 wird wie folgt gefasst:\n\n„(2) Der Antrag ist zu stellen.\n\n1. Erstens.“\n\n2. Nach § 4 wird folgender § 4a eingefügt:\n\n„§ 4a\nTitel\n\n(1) Die Person hat persönlich zu erscheinen.“\n\nArtikel 2\nInkrafttreten\n\nDieses Gesetz tritt am Tag nach der Verkündung in Kraft.\n\nBegründung:\n\nA. Allgemeiner Teil\n\nAllgemeines.\n\nB. Besonderer Teil\n\nZu Artikel 1\n\nZu Nummer 1\n\nDie Schriftform entfällt.\n";
    let d = parse(text);
    let kinds: Vec<NodeKind> = d.node(0).children.iter().map(|&c| d.node(c).kind).collect();
    assert_eq!(kinds, vec![NodeKind::Text, NodeKind::Vorblatt, NodeKind::Gesetzestext, NodeKind::Begruendung]);
    assert_eq!(norms(&d, NodeKind::Nummer), vec!["Art. 1 Nr. 1", "Art. 1 Nr. 2"]);
    assert_eq!(norms(&d, NodeKind::Buchstabe), vec!["Art. 1 Nr. 1 Buchst. a", "Art. 1 Nr. 1 Buchst. b"]);
    // Quoted new wording is not structure of the amending law.
    assert_eq!(d.of_kind(NodeKind::Paragraph).count(), 0);
    assert_eq!(d.of_kind(NodeKind::Absatz).count(), 0);
    let at = text.find("persönlich").unwrap();
    assert_eq!(d.norm_at(at), "Art. 1 Nr. 2");
    assert_eq!(d.part_of(d.node_at(at)), Part::Gesetzestext);
    let begr = text.find("Die Schriftform").unwrap();
    assert_eq!(d.part_of(d.node_at(begr)), Part::Begruendung);
    assert_eq!(d.norm_at(begr), "Begründung B. Art. 1 Nr. 1");
}

#[test]
fn contents_entries_are_not_paragraphs() {
    let d = parse("Inhaltsübersicht\n\n§ 1 Zweck\n§ 2 Begriffe\n\n§ 1\nZweck\n\n(1) Text.\n\n§ 2\nBegriffe\n\nText.\n");
    assert_eq!(norms(&d, NodeKind::Paragraph), vec!["§ 1", "§ 2"]);
    let p = d.of_kind(NodeKind::Paragraph).next().unwrap();
    assert_eq!(d.text()[d.node(p).heading.unwrap().range()].to_string(), "Zweck");
}

#[test]
fn headings_with_dash_and_same_line() {
    let d = parse("§ 3a – Elektronische Kommunikation\n\n(1) Text.\n\n§ 4 Schriftform\n\n(1) Text.\n\n§§ 5 bis 7 (weggefallen)\n");
    assert_eq!(norms(&d, NodeKind::Paragraph), vec!["§ 3a", "§ 4", "§§ 5 bis 7"]);
    let p = d.of_kind(NodeKind::Paragraph).nth(1).unwrap();
    assert_eq!(&d.text()[d.node(p).heading.unwrap().range()], "Schriftform");
}

#[test]
fn a_single_provision_with_a_list_has_no_title() {
    let d = parse("Die Behörde kann verlangen:\n1. den Wahltag,\n2. den Ort.\n");
    assert_eq!(d.of_kind(NodeKind::Nummer).count(), 2);
    let n = d.of_kind(NodeKind::Nummer).next().unwrap();
    assert!(!d.is_non_normative(n));
    assert_eq!(d.of_kind(NodeKind::Satz).count(), 1);
}

/// The Zeugnis Anlage of the federal Fortbildungsordnungen: two Teile, each counting its Nummern
/// from 1, so a path without the Teil would name two places. A Gliederung of the law itself stays
/// out of its paths, and so do „Abschnitt“ lines inside an Anlage.
#[test]
fn parts_of_an_anlage_are_in_the_path() {
    let d = parse(
        "Verordnung X\nAusfertigungsdatum: 01.01.2000\n\nTeil 1 – Allgemeines\n\n§ 1 – Zeugnis\n\nEs gilt Anlage 2.\n\nAnlage 2 – (zu § 1)Zeugnisinhalte\n\nTeil A – Zeugnis ohne Prüfungsergebnisse:\n\n1. Bezeichnung der Behörde,\n\n2. Datum der Ausstellung des Zeugnisses samt Unterschrift der zuständigen Stelle.\n\nTeil B – Zeugnis mit Prüfungsergebnissen:\n\nAlle Angaben des Teils A sowie zusätzlich:\n\n1. Benennung der Handlungsbereiche,\n\n2. die Gesamtnote.\n\nAnlage 3 – (zu § 1)\n\nAbschnitt I\n\nBetriebe des Hochbaus.\n",
    );
    assert_eq!(norms(&d, NodeKind::Paragraph), vec!["§ 1"]);
    assert_eq!(
        norms(&d, NodeKind::Nummer),
        vec!["Anlage 2 Teil A Nr. 1", "Anlage 2 Teil A Nr. 2", "Anlage 2 Teil B Nr. 1", "Anlage 2 Teil B Nr. 2"]
    );
    assert!(norms(&d, NodeKind::Satz).iter().any(|n| n == "Anlage 3"), "{:?}", norms(&d, NodeKind::Satz));
}
