//! Broken rule files fail to load with `file:line:column` and a message that says what was expected.

use digicheck_core::rules::RuleSet;
use std::path::Path;

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules").join(name)
}

#[test]
fn syntax_error_points_at_file_line_column_and_says_what_was_expected() {
    let err = RuleSet::load_dir(&fixture("malformed")).unwrap_err().to_string();
    let line = err.lines().find(|l| l.contains("kaputt.dc")).unwrap_or_else(|| panic!("{err}"));
    assert!(line.ends_with("kaputt.dc:6:3: Syntaxfehler: erwartet `end` oder ein Feld (title, category, severity, principle, scope, default, match, unless, when, message, fix, basis, ref, url, explain, flag, pass)"), "{line}");
}

#[test]
fn failing_example_fails_the_load_at_the_example() {
    let err = RuleSet::load_dir(&fixture("failing-example")).unwrap_err();
    assert!(err.is_examples_only());
    let msg = err.to_string();
    assert!(msg.contains("beispiel.dc:10:3: Beispiel für DC-XX-002 wird gemeldet (erwartet: kein Treffer in „Der Antrag ist schriftlich oder elektronisch zu stellen.“; gefunden: „schriftlich“)"), "{msg}");
}

#[test]
fn unknown_pattern_name_is_reported() {
    let src = "rule DC-XX-003 name\n title \"t\"\n category post\n severity mittel\n principle 3\n match @gibtsnicht\n message \"m\"\n flag \"a\"\n pass \"b\"\nend\n";
    let err = RuleSet::from_sources(&[("x.dc".into(), src.into())]).unwrap_err().to_string();
    assert!(err.starts_with("x.dc:6:8: unbekanntes Muster @gibtsnicht"), "{err}");
}

/// Conditions are compiled when a rule first matches, so their references are checked on their
/// own when the rules are loaded: a broken condition still fails the load, at its place.
#[test]
fn unknown_or_circular_pattern_names_in_conditions_are_reported_at_load() {
    let rule = |conditions: &str| {
        format!(
            "define kreis = \"a\" @kreis\nrule DC-XX-004 name\n title \"t\"\n category post\n severity mittel\n principle 3\n match \"Post\"\n{conditions}\n message \"m\"\n fix \"f\"\n flag \"Post\"\n pass \"b\"\nend\n"
        )
    };
    let load = |src: String| RuleSet::compile_sources(&[("x.dc".into(), src)]).unwrap_err().to_string();
    let err = load(rule(" unless near 3 @gibtsnicht"));
    assert!(err.starts_with("x.dc:8:16: unbekanntes Muster @gibtsnicht"), "{err}");
    let err = load(rule(" when \"Brief\" except @kreis"));
    assert!(err.starts_with("x.dc:1:20: @kreis verweist im Kreis auf sich selbst"), "{err}");
    let err = load(rule(" fix \"g\" if before 2 @fehlt"));
    assert!(err.contains("unbekanntes Muster @fehlt"), "{err}");
}
