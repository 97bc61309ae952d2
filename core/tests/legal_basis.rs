//! The legal basis a finding cites fits the document's jurisdiction and field of law, on real
//! texts of the shared corpus: a federal statute never cites M-V law, a Land's Satzung or
//! Verwaltungsvorschrift cites that Land's law, an M-V draft keeps M-V law, and tax or court
//! procedure cites its own basis instead of the VwVfG.

use digicheck_core::pipeline::{check, Input, Settings};
use digicheck_core::{Profile, RuleSet};
use digicheck_testkit::{federal_laws, repo_path, shared_dir};

/// Profile and the messages of findings that cite a basis, checked with the default settings.
fn messages(name: &str, bytes: &[u8]) -> (Profile, Vec<String>) {
    let result = check(Input::Bytes { name, bytes }, RuleSet::builtin().unwrap(), &Settings::default());
    assert!(result.errors.is_empty(), "{name}: {:?}", result.errors);
    (result.profile, result.findings.into_iter().map(|f| f.message).collect())
}

/// The text of the unit of `kind` around a position (or of the smallest unit there).
fn unit_text(doc: &digicheck_core::Document, at: usize, kind: digicheck_core::NodeKind) -> &str {
    let node = doc.node_at(at);
    let span = doc.enclosing(node, kind).map_or(doc.node(node).span, |n| doc.node(n).span);
    &doc.text()[span.start..span.end]
}

fn assert_cites(name: &str, messages: &[String], wanted: &str, never: &[&str]) {
    assert!(messages.iter().any(|m| m.contains(wanted)), "{name}: no message cites {wanted}:\n{}", messages.join("\n"));
    for m in messages {
        for n in never {
            assert!(!m.contains(n), "{name} cites {n}: {m}");
        }
    }
}

#[test]
fn federal_statutes_cite_federal_law_by_field() {
    let Some(files) = federal_laws(&["AO.txt", "BImSchG.txt", "ZPO.txt"], "the legal-basis tests") else { return };
    for (name, text) in &files {
        let name = &format!("federal/{name}");
        let (profile, msgs) = messages(name, text.as_bytes());
        assert_eq!(profile, Profile::Bund, "{name}");
        match name.as_str() {
            "federal/BImSchG.txt" => assert_cites(name, &msgs, "§ 3a VwVfG", &["M-V"]),
            "federal/AO.txt" => assert_cites(name, &msgs, "§ 87a AO", &["M-V", "VwVfG", "EGovG"]),
            _ => assert_cites(name, &msgs, "§ 130a ZPO", &["M-V", "VwVfG", "EGovG"]),
        }
    }
}

#[test]
fn bw_verwaltungsvorschriften_and_satzungen_cite_bw_law() {
    let Some(bw) = shared_dir("corpus/landesrecht/bw", "the legal-basis tests") else { return };
    for rel in ["VwVen/BW_VWV_Agrarvermoegen.md", "Lkr_GP/ABG/ABG_Satzung_Friedhof.md"] {
        let path = bw.join(rel);
        let (profile, msgs) = messages(rel, &std::fs::read(&path).unwrap());
        assert_eq!(profile, Profile::Bw, "{rel}");
        assert_cites(rel, &msgs, "LVwVfG", &["M-V", "§ 3a VwVfG", "§ 37 Abs. 2 VwVfG"]);
    }
}

/// „Die Erlaubnis ist schriftlich bei der zuständigen Behörde zu beantragen“ is an application in
/// written form (DC-SF-001), not a written permission: the verb ends the clause after the place.
#[test]
fn an_application_with_the_verb_at_the_end_of_the_clause_is_an_application() {
    let path = repo_path("corpus/gesetzentwurf-hundehaltung-mv.txt");
    let bytes = std::fs::read(path).unwrap();
    let result = check(Input::Bytes { name: "gesetzentwurf-hundehaltung-mv.txt", bytes: &bytes }, RuleSet::builtin().unwrap(), &Settings::default());
    let rules: Vec<&str> = result.findings.iter().filter(|f| f.norm == "§ 8 Abs. 1 Satz 2").map(|f| f.rule.as_str()).collect();
    assert_eq!(rules, ["DC-SF-001"]);
}

#[test]
fn the_mv_draft_keeps_mv_law() {
    let path = repo_path("corpus/gesetzentwurf-hundehaltung-mv.txt");
    let (profile, msgs) = messages("gesetzentwurf-hundehaltung-mv.txt", &std::fs::read(path).unwrap());
    assert_eq!(profile, Profile::Mv);
    assert_cites("gesetzentwurf-hundehaltung-mv.txt", &msgs, "VwVfG M-V", &["LVwVfG"]);
}

#[test]
fn a_chosen_profile_overrides_what_the_document_shows() {
    let text = "Deutscher Bundestag\nDrucksache 20/1\n\n§ 1\n\n(1) Der Antrag ist schriftlich zu stellen.\n";
    let rules = RuleSet::builtin().unwrap();
    let detected = check(Input::Text { name: "d", text }, rules, &Settings::default());
    assert_eq!(detected.profile, Profile::Bund);
    let chosen = check(Input::Text { name: "d", text }, rules, &Settings { profile: Profile::Mv, detect_profile: false, ..Settings::default() });
    assert_eq!(chosen.profile, Profile::Mv);
    assert!(chosen.findings.iter().any(|f| f.message.contains("VwVfG M-V")));
}

/// In a statute of general administrative law, a sentence between employer and employee cites
/// private law (the form of the employment relation is § 126 ff. BGB), and one that brings an
/// authority in keeps § 3a VwVfG: the Nachweisgesetz and the Arbeitnehmerüberlassungsgesetz.
#[test]
fn a_sentence_between_private_parties_cites_private_law() {
    let Some(files) = federal_laws(&["NachwG.txt", "AÜG.txt"], "the legal-basis tests") else { return };
    for (name, text) in &files {
        let result = check(Input::Bytes { name, bytes: text.as_bytes() }, RuleSet::builtin().unwrap(), &Settings::default());
        let doc = result.document.as_ref().expect("parsed");
        let sentence = |at: usize| unit_text(doc, at, digicheck_core::NodeKind::Satz);
        let private: Vec<_> = result.findings.iter().filter(|f| f.message.contains("§ 126a BGB")).collect();
        assert!(!private.is_empty(), "{name}: no finding cites private law");
        for f in &private {
            let s = sentence(f.span.start);
            assert!(s.contains("rbeitnehmer") || s.contains("rbeitgeber") || s.contains("erleiher"), "{name}: {s}");
            assert!(!s.contains("Behörde"), "{name}: {s}");
        }
        for f in result.findings.iter().filter(|f| sentence(f.span.start).contains("Behörde")) {
            assert!(!f.message.contains("BGB"), "{name}: {}", f.message);
        }
    }
}

/// Police and security laws send their courts' decisions to the FamFG: the court's order that
/// „ergeht schriftlich“ and the application to the court cite § 14 FamFG (the VwVfG does not apply
/// to courts), while the police's own orders in the same law keep the administrative basis — the
/// BKAG and the Polizeigesetz of Baden-Württemberg.
#[test]
fn court_decisions_under_police_law_cite_the_famfg() {
    let Some(files) = federal_laws(&["BKAG.txt"], "the legal-basis tests") else { return };
    let mut texts: Vec<(String, String)> = files.into_iter().map(|(n, t)| (format!("federal/{n}"), t)).collect();
    let Some(bw) = shared_dir("corpus/landesrecht/bw/Landesgesetze", "the legal-basis tests") else { return };
    texts.push(("BW_PolG.md".into(), std::fs::read_to_string(bw.join("BW_PolG.md")).expect("BW_PolG.md in ../shared")));
    for (name, text) in &texts {
        let result = check(Input::Bytes { name, bytes: text.as_bytes() }, RuleSet::builtin().unwrap(), &Settings::default());
        let doc = result.document.as_ref().expect("parsed");
        let absatz = |at: usize| unit_text(doc, at, digicheck_core::NodeKind::Absatz);
        let famfg: Vec<_> = result.findings.iter().filter(|f| f.message.contains("§ 14 FamFG")).collect();
        assert!(famfg.len() >= 7, "{name}: only {} findings cite the FamFG", famfg.len());
        for f in &famfg {
            assert!(f.message.contains("Anordnung") || f.text.contains("schriftlich"), "{name}: {}", f.message);
        }
        // „Die Anordnung ergeht schriftlich und ist zu begründen“ after „… von besonders beauftragten
        // Beamten angeordnet werden“: the police's order.
        for f in result.findings.iter().filter(|f| absatz(f.span.start).contains("beauftragten Beamten angeordnet")) {
            assert!(!f.message.contains("FamFG"), "{name}: {}", f.message);
        }
    }
}

/// A statute of general administrative law that carries out an enforcement treaty (the AVAG)
/// sends applications to a court and has its judges sign: those sentences cite the procedure
/// codes' rules on electronic documents — for filings and for the court's own documents — and no
/// finding in them cites the VwVfG, which does not apply to courts (§ 2 Abs. 3 VwVfG). In a
/// procedure code itself, the court's own documents cite the code's rule for them: „Es ist
/// schriftlich abzufassen und von den Richtern … zu unterzeichnen“ in § 117 VwGO cites § 55a Abs. 7
/// VwGO (the judges' qualified signature), not the filings' rule.
#[test]
fn steps_before_a_court_and_its_own_documents_cite_the_procedure_codes() {
    let Some(files) = federal_laws(&["AVAG.txt", "VwGO.txt"], "the legal-basis tests") else { return };
    let (avag, vwgo) = ("AVAG.txt", "VwGO.txt");
    let (avag_text, vwgo_text) = (&files[avag], &files[vwgo]);
    let checked = |name: &str, text: &str| check(Input::Bytes { name, bytes: text.as_bytes() }, RuleSet::builtin().unwrap(), &Settings::default());

    let result = checked(avag, avag_text);
    let doc = result.document.as_ref().expect("parsed");
    let sentence = |at: usize| unit_text(doc, at, digicheck_core::NodeKind::Satz);
    let citing = |basis: &str| result.findings.iter().filter(|f| f.message.contains(basis)).map(|f| sentence(f.span.start)).collect::<Vec<_>>();
    let filings = citing("§ 130a ZPO, § 14 Abs. 2 FamFG");
    let court_documents = citing("§ 130b ZPO, § 14 Abs. 3 FamFG");
    assert!(filings.len() >= 2 && court_documents.len() >= 2, "{avag}: {filings:?} {court_documents:?}");
    assert!(filings.iter().all(|s| s.contains("Geschäftsstelle") || s.contains("Gericht")), "{filings:?}");
    assert!(court_documents.iter().all(|s| s.contains("Richter") || s.contains("Urkundsbeamte")), "{court_documents:?}");
    for f in result.findings.iter().filter(|f| sentence(f.span.start).contains("Protokoll der Geschäftsstelle")) {
        assert!(!f.message.contains("VwVfG"), "{avag}: {}", f.message);
    }

    let result = checked(vwgo, vwgo_text);
    let doc = result.document.as_ref().expect("parsed");
    let judgment = result
        .findings
        .iter()
        .find(|f| unit_text(doc, f.span.start, digicheck_core::NodeKind::Satz).contains("von den Richtern"))
        .expect("§ 117 VwGO reported");
    assert!(judgment.message.contains("§ 55a Abs. 7 VwGO"), "{vwgo}: {}", judgment.message);
}

/// A filing with a court inside a tax statute cites the procedure codes, not § 87a AO: the
/// StBerG's professional courts follow the StPO (§ 153 StBerG), „Die Revision ist binnen einer
/// Woche bei dem Oberlandesgericht schriftlich einzulegen“ (§ 130 StBerG; round 19 of issue #15).
/// A committee's Geschäftsstelle is no court („Der Widerspruch ist schriftlich oder zur Niederschrift
/// der Geschäftsstelle des Berufungsausschusses einzulegen“, § 44 Ärzte-ZV, a social-law ordinance).
#[test]
fn a_court_filing_in_a_tax_statute_cites_the_procedure_codes() {
    let text = "Steuerberatungsgesetz (StBerG)\n\n§ 130 Einlegung der Revision\n\n(1) Die Revision ist binnen einer Woche bei dem Oberlandesgericht schriftlich einzulegen.\n\n§ 131 Antrag\n\n(1) Der Antrag auf Bestellung ist schriftlich bei der Steuerberaterkammer zu stellen.\n";
    let (_, msgs) = messages("StBerG.txt", text.as_bytes());
    assert!(msgs.iter().any(|m| m.contains("§ 32a StPO") && m.contains("je nach Verfahrensordnung")), "{msgs:#?}");
    assert!(msgs.iter().any(|m| m.contains("§ 87a AO")), "the chamber's application stays tax procedure: {msgs:#?}");
    let text = "Zulassungsverordnung für Vertragsärzte (Sozialgesetzbuch)\n\n§ 44\n\nDer Widerspruch ist schriftlich oder zur Niederschrift der Geschäftsstelle des Berufungsausschusses einzulegen.\n";
    let (_, msgs) = messages("Ärzte-ZV.txt", text.as_bytes());
    assert!(msgs.iter().all(|m| !m.contains("je nach Verfahrensordnung")), "{msgs:#?}");
}
