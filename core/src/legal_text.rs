//! Whether a text is legal text at all: a folder scanned for drafts also holds READMEs, notes,
//! tables and code, and reading those as a draft gives findings nobody can act on (a Markdown
//! table taken for Änderungsbefehle, a sentence about „schriftlich“ in a manual).
//!
//! The signs are those by which a reader recognises a legal document before reading a word of it,
//! common to every kind the parser knows:
//! - an Eingangsformel („… hat das folgende Gesetz beschlossen:“, „… wird verordnet:“, „… folgende
//!   Satzung beschlossen:“) or the decimal outline of Nummern of a Verwaltungsvorschrift („2.3.1“);
//!   a title alone is not a sign (a README may be titled „Verwaltungsvorschriften“);
//! - the parts of a draft: Deckblatt, Vorblatt, Gesetzestext, Begründung, Stellungnahme;
//! - the units of a norm: Artikel, § (at the start of a line, not a § cited in running text) or
//!   Absatz „(1)“.
//!
//! A few words of prose without any of these (a single sentence pasted into a file) are not
//! recognised; a file named on the command line is checked regardless — this decides only which
//! files found in a folder are read as drafts.

use crate::structure::{Document, NodeKind};

/// `true` if the parsed document shows at least one sign of legal text (see the module docs).
pub fn recognised(doc: &Document) -> bool {
    let mut outline = 0;
    for id in doc.ids() {
        let node = doc.node(id);
        match node.kind {
            NodeKind::Deckblatt
            | NodeKind::Vorblatt
            | NodeKind::Gesetzestext
            | NodeKind::Begruendung
            | NodeKind::Stellungnahme
            | NodeKind::Gegenaeusserung
            | NodeKind::Artikel
            | NodeKind::Paragraph
            | NodeKind::Absatz => return true,
            NodeKind::Nummer if is_decimal_outline(&node.label) => outline += 1,
            _ => {}
        }
    }
    // A Verwaltungsvorschrift is numbered „1.“, „1.1“, „1.2.3“; two levels make an outline, a
    // numbered list in a note has one.
    outline >= 2 || has_enacting_formula(doc.text())
}

/// „2.3“, „2.3.1“ (with or without a final dot): a Nummer below the first level of an outline.
fn is_decimal_outline(label: &str) -> bool {
    let parts: Vec<&str> = label.trim_end_matches('.').split('.').collect();
    parts.len() >= 2 && parts.iter().all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
}

/// The Eingangsformel with which a Gesetz, Verordnung or Satzung is enacted, near its start.
fn has_enacting_formula(text: &str) -> bool {
    let opening = &text[..crate::source::offsets::floor_char_boundary(text, 6000)];
    // Every Eingangsformel ends in its verb and a colon, whoever enacts: „… beschlossen:“,
    // „… erlassen:“, „… verordnet:“, „… das hiermit verkündet wird:“.
    ["beschlossen:", "erlassen:", "verordnet:", "verkündet wird:", "das folgende Gesetz beschlossen", "folgende Satzung"]
        .iter()
        .any(|f| opening.contains(f))
}

/// The note a report shows for a file that was found in a folder and not read as a draft.
pub const NOT_RECOGNISED: &str = "kein Rechtstext erkannt (weder §§ oder Artikel noch Absätze, Eingangsformel, \
Vorblatt oder Begründung): nicht als Entwurf geprüft. Geben Sie die Datei ausdrücklich an, um sie dennoch zu prüfen.";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceText;

    fn doc(text: &str) -> Document {
        Document::parse(SourceText::from_utf8("t.txt", text))
    }

    #[test]
    fn provisions_and_drafts_are_recognised() {
        for text in [
            "§ 1 Zweck\n\n(1) Der Antrag ist elektronisch zu stellen.\n",
            "(1) Der Antrag ist schriftlich zu stellen.\n(2) Er ist zu begründen.\n",
            "Artikel 1\nÄnderung des Landesverwaltungsverfahrensgesetzes\n\nDas Gesetz wird wie folgt geändert:\n",
            "Verordnung über den Fischereischein\n\nAuf Grund des § 7 des Fischereigesetzes wird verordnet:\n",
        ] {
            assert!(recognised(&doc(text)), "{text}");
        }
        for (name, text) in digicheck_testkit::drafts() {
            assert!(recognised(&doc(&text)), "{name}");
        }
    }

    /// Every law of the shared corpus (federal, Landesrecht, amending laws, Drucksachen-Basistexte)
    /// is recognised; its READMEs and source lists are not.
    #[test]
    fn real_law_is_recognised_and_its_readmes_are_not() {
        let Some(corpus) = crate::test_data::shared_corpus("legal-text recognition on real law") else { return };
        let mut laws = 0;
        let mut missed = Vec::new();
        let mut stack = vec![corpus.clone()];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                let ext = path.extension().map(|e| e.to_string_lossy().into_owned()).unwrap_or_default();
                if !matches!(ext.as_str(), "txt" | "md") {
                    continue;
                }
                let bytes = std::fs::read(&path).unwrap();
                let source = crate::input::read(&name, &bytes, &crate::input::InputLimits::default()).unwrap();
                let parsed = Document::parse(source);
                let is_doc = name == "README.md" || name.ends_with("SOURCES.md");
                if is_doc {
                    assert!(!recognised(&parsed), "{} taken for legal text", path.display());
                } else {
                    laws += 1;
                    if !recognised(&parsed) {
                        missed.push(path.display().to_string());
                    }
                }
            }
        }
        assert!(laws > 500, "only {laws} laws found");
        // What stays unrecognised are fee tables, Förderrichtlinien and Verwaltungsvorschriften
        // without §§, Absätze, outline or Eingangsformel; they get the note, not a silent skip.
        // Measured: 516 of 549 (94 %).
        let share = 1.0 - missed.len() as f64 / laws as f64;
        assert!(share >= 0.93, "{} of {laws} laws not recognised:\n{}", missed.len(), missed.join("\n"));
    }

    #[test]
    fn notes_tables_and_code_are_not() {
        for text in [
            "# Sample drafts\n\n| file | what | size |\n|---|---|---|\n| a.txt | Gesetzentwurf | 10 KB |\n\nSee § 3 for the heading test.\n",
            "fn main() {\n    let x = f(1);\n    println!(\"{x}\");\n}\n",
            "Notizen zur Sitzung\n\n1. Der Entwurf wird schriftlich verschickt.\n2. Rückmeldung bis Freitag.\n",
        ] {
            assert!(!recognised(&doc(text)), "{text}");
        }
    }
}
