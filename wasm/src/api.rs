//! The JavaScript-facing API in plain Rust: options, results as contract objects, rule metadata.
//!
//! Checking is the engine's pipeline ([`digicheck_core::pipeline`]) — the same reading, amendment
//! layer, settings and inline suppressions as `digicheck check` and the language server; this
//! module turns JavaScript's options into the pipeline's [`Settings`] and its results into the
//! CLI's JSON objects. Everything here runs on the native target too, so the logic behind the
//! bindings is unit-tested with `cargo test` and compared with the CLI without a browser. The
//! bindings in `lib.rs` only move JSON across the boundary.

#[cfg(feature = "docx")]
use digicheck_core::input::{self, Format};
use digicheck_core::pipeline::{self, FileResult, Input, Note, Settings};
use digicheck_core::report::{json::FindingJson, Report};
use digicheck_core::rules::RuleDef;
use digicheck_core::source::offsets;
use digicheck_core::{report, Category, Document, Finding, Profile, RuleSet, Severity};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// The name texts from JavaScript carry (they have no file name).
pub const TEXT_NAME: &str = "eingabe";

/// Options as JavaScript passes them; every field is optional. Unknown fields are an error, so
/// that a typo does not silently change nothing.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct Options {
    /// `"mv"` (default) or `"bund"`.
    pub profile: Option<String>,
    /// Lowest severity to report: `blockierend`, `hoch`, `mittel`, `niedrig` or `hinweis` (default).
    pub min_severity: Option<String>,
    /// Rule ids (`DC-SF-001`) or names to leave out.
    pub disabled_rules: Vec<String>,
    /// Category ids (`automatisierung`) to leave out.
    pub disabled_categories: Vec<String>,
    /// A severity per rule id or name, replacing the rule's own (`{ "DC-SF-008": "niedrig" }`).
    pub severity: BTreeMap<String, String>,
    /// Also check the Vorblatt and the Begründung.
    pub include_begruendung: bool,
    /// Honour `<!-- digicheck-ignore … -->` in the text (default `true`).
    pub suppressions: Option<bool>,
    /// Also run the rules that run only on request (`default off`), as `--alle-regeln` does.
    pub all_rules: bool,
    /// Rules on request to run besides the default ones (`["DC-SI-001"]`), as `--regel` does.
    pub enabled_rules: Vec<String>,
}

/// Resolves options against the rule catalogue; errors are German messages for the caller's user.
pub fn settings(options: &Options, rules: &RuleSet) -> Result<Settings, String> {
    let rule_id = |id: &str| rules.get(id).map(|r| r.id.clone()).ok_or_else(|| format!("unbekannte Regel „{id}“"));
    let mut s =
        Settings { include_begruendung: options.include_begruendung, all_rules: options.all_rules, ..Settings::default() };
    if let Some(p) = options.profile.as_deref() {
        s.profile = p.parse::<Profile>()?;
        s.detect_profile = false;
    }
    if let Some(m) = options.min_severity.as_deref() {
        s.min_severity = m.parse::<Severity>()?;
    }
    for id in &options.disabled_rules {
        s.disabled_rules.push(rule_id(id)?);
    }
    for id in &options.enabled_rules {
        s.enabled_rules.push(rule_id(id)?);
    }
    for c in &options.disabled_categories {
        s.disabled_categories.push(c.parse::<Category>()?);
    }
    for (id, severity) in &options.severity {
        s.severity.insert(rule_id(id)?, severity.parse::<Severity>()?);
    }
    if let Some(on) = options.suppressions {
        s.suppressions = on;
    }
    Ok(s)
}

/// Parses options given as JSON (`null` or empty for the defaults).
pub fn settings_from_json(options: Option<&str>, rules: &RuleSet) -> Result<Settings, String> {
    let options: Options = match options.map(str::trim) {
        None | Some("") | Some("null") => Options::default(),
        Some(s) => serde_json::from_str(s).map_err(|e| format!("ungültige Optionen: {e}"))?,
    };
    settings(&options, rules)
}

/// The built-in catalogue. It is embedded and proven by the test suite; a broken one is a build
/// defect, reported as an error rather than a panic so that the page can say so.
pub fn rules() -> Result<&'static RuleSet, String> {
    RuleSet::builtin().map_err(|e| format!("der eingebaute Regelkatalog ist fehlerhaft:\n{e}"))
}

/// Checks a text with the built-in catalogue.
pub fn check(text: &str, settings: &Settings) -> Result<FileResult, String> {
    checked(pipeline::check(Input::Text { name: TEXT_NAME, text }, rules()?, settings))
}

/// Checks a Word document (the bytes of a `.docx` file) with the engine's DOCX reader: automatic
/// numbering rebuilt, tracked changes read as accepted, footnotes, headers and footers left out.
#[cfg(feature = "docx")]
pub fn check_docx(bytes: &[u8], settings: &Settings) -> Result<FileResult, String> {
    if !matches!(input::detect_format("eingabe.docx", bytes), Format::Docx | Format::OtherZip) {
        return Err("keine Word-Datei (.docx): die Datei ist kein ZIP-Paket, wie Word es schreibt".to_string());
    }
    checked(pipeline::check(Input::Docx { name: "eingabe.docx", bytes }, rules()?, settings))
}

/// A result whose input could not be checked is an error for JavaScript (thrown, with the reason).
pub fn checked(result: FileResult) -> Result<FileResult, String> {
    match result.errors.first() {
        Some(e) => Err(e.clone()),
        None => Ok(result),
    }
}

/// Findings as contract objects (the CLI's JSON objects), with `startUtf16`/`endUtf16` counted in
/// the string the caller passed: the normaliser drops BOMs and soft hyphens and turns CRLF into
/// LF, so offsets into the normalised text would point beside the words in a JavaScript string.
pub fn finding_objects<'a>(report: &'a Report<'_>, doc: &Document, original: &str, findings: &'a [Finding]) -> Vec<FindingJson<'a>> {
    let mut utf16 = Utf16Cursor::new(original);
    findings
        .iter()
        .map(|f| {
            let mut o = FindingJson::of(report, doc.source(), f);
            let (start, end) = o.original_span();
            let s16 = utf16.at(start);
            o.set_utf16(s16, s16 + utf16_len(original, start, end));
            o
        })
        .collect()
}

/// `{ findings, notes }` (and `stats` for a session, `text` for a Word document) as JSON text,
/// written straight from the finding objects: the page parses it with `JSON.parse`.
#[derive(Serialize)]
struct Output<'a, S: Serialize> {
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<&'a str>,
    findings: Vec<FindingJson<'a>>,
    notes: &'a [Note],
    #[serde(skip_serializing_if = "Option::is_none")]
    stats: Option<S>,
}

/// The result of checking a text as JSON text; `original` is the text the caller passed (see
/// [`finding_objects`]).
pub fn result_json<S: Serialize>(result: &FileResult, original: &str, stats: Option<S>) -> Result<String, String> {
    let rules = rules()?;
    let report = Report { files: &[], rules, profile: result.profile };
    let Some(doc) = &result.document else { return Err(result.errors.first().cloned().unwrap_or_default()) };
    let output = Output { text: None, findings: finding_objects(&report, doc, original, &result.findings), notes: &result.notes, stats };
    serde_json::to_string(&output).map_err(|e| format!("Befunde lassen sich nicht als JSON schreiben: {e}"))
}

#[cfg(feature = "docx")]
/// The result of checking a Word document as JSON text: its text as the engine read it (one
/// paragraph per line, a blank line between paragraphs) and the findings exactly as
/// `digicheck check --format json` gives them for the file — `start`/`end` and `origin` point into
/// the Word file, `startUtf16`/`endUtf16` into `text`, so that a page can show the text and mark
/// the words.
pub fn docx_result_json(result: &FileResult) -> Result<String, String> {
    let rules = rules()?;
    let report = Report { files: &[], rules, profile: result.profile };
    let Some(doc) = &result.document else { return Err(result.errors.first().cloned().unwrap_or_default()) };
    let findings = result.findings.iter().map(|f| FindingJson::of(&report, doc.source(), f)).collect();
    let output = Output::<()> { text: Some(doc.text()), findings, notes: &result.notes, stats: None };
    serde_json::to_string(&output).map_err(|e| format!("Befunde lassen sich nicht als JSON schreiben: {e}"))
}

/// UTF-16 length of `text[start..end]`, tolerant of offsets off a character boundary.
fn utf16_len(text: &str, start: usize, end: usize) -> usize {
    let (s, e) = (floor_boundary(text, start), floor_boundary(text, end.max(start)));
    offsets::utf16_len(&text[s..e])
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Converts byte offsets to UTF-16 offsets in one forward pass when asked in increasing order
/// (findings come sorted by position), restarting from the beginning otherwise.
struct Utf16Cursor<'a> {
    text: &'a str,
    byte: usize,
    utf16: usize,
}

impl<'a> Utf16Cursor<'a> {
    fn new(text: &'a str) -> Self {
        Utf16Cursor { text, byte: 0, utf16: 0 }
    }

    fn at(&mut self, byte: usize) -> usize {
        let byte = floor_boundary(self.text, byte);
        if byte < self.byte {
            self.byte = 0;
            self.utf16 = 0;
        }
        self.utf16 += offsets::utf16_len(&self.text[self.byte..byte]);
        self.byte = byte;
        self.utf16
    }
}

/// The contract vocabulary with the names drafters read: categories (id, German label),
/// severities (most severe first) and the five Digitalcheck principles. Front-ends take their
/// labels from here so that the page and the reports name things alike.
pub fn vocabulary() -> Value {
    use digicheck_core::Principle;
    json!({
        "categories": Category::ALL.iter().map(|c| json!({ "id": c.id(), "label": c.label() })).collect::<Vec<_>>(),
        "severities": Severity::ALL.iter().map(|s| s.id()).collect::<Vec<_>>(),
        "principles": Principle::ALL.iter().map(|p| json!({ "number": p.number(), "title": p.title() })).collect::<Vec<_>>(),
    })
}

/// Short metadata of every rule, for filters and lists.
pub fn list_rules() -> Result<Value, String> {
    let rules = rules()?;
    Ok(Value::Array(rules.rules().iter().map(|r| Value::Object(summary_json(r.def()))).collect()))
}

/// Everything a reader needs to understand one rule, in the chosen profile's wording: the same
/// metadata `digicheck explain` prints.
pub fn explain_rule(id: &str, profile: Option<&str>) -> Result<Value, String> {
    let rules = rules()?;
    let profile = match profile {
        None | Some("") => Profile::Mv,
        Some(p) => p.parse::<Profile>()?,
    };
    let rule = rules.get(id).ok_or_else(|| format!("unbekannte Regel „{id}“"))?;
    // The rule's documentation page, where the build knows an address a browser can open (a page
    // has no repository to resolve `docs/rules/<ID>.md` against).
    let url = Some(report::rule_doc_url(rule)).filter(|u| u.starts_with("https://") || u.starts_with("http://"));
    Ok(explain_json(rule.def(), profile, url))
}

/// The fields a list of rules shows; the explanation adds to them.
fn summary_json(r: &RuleDef) -> serde_json::Map<String, Value> {
    let Value::Object(fields) = json!({
        "id": r.id,
        "name": r.name,
        "title": r.title,
        "category": r.category,
        "severity": r.severity,
        "principle": r.principle.number(),
        "principleTitle": r.principle.title(),
        "fixReplacesMatch": r.fix_replaces_match(),
    }) else {
        unreachable!("json! of braces is an object")
    };
    fields
}

fn explain_json(r: &RuleDef, profile: Profile, url: Option<String>) -> Value {
    let examples: Vec<Value> = r.examples.iter().map(|e| json!({ "flags": e.flags, "text": e.text })).collect();
    let mut fields = summary_json(r);
    let Value::Object(more) = json!({
        "explanation": r.explain,
        "basis": r.basis.as_ref().map(|b| b.get(profile)),
        "refs": r.refs.iter().map(|x| x.get(profile)).collect::<Vec<_>>(),
        "message": r.message.get(profile),
        "fix": r.fix().map(|f| f.get(profile)),
        "url": url,
        "examples": examples,
    }) else {
        unreachable!("json! of braces is an object")
    };
    fields.extend(more);
    Value::Object(fields)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(json: &str) -> Settings {
        settings_from_json(Some(json), rules().unwrap()).unwrap()
    }

    fn findings(text: &str, s: &Settings) -> Vec<Finding> {
        check(text, s).unwrap().findings
    }

    #[test]
    fn options_are_checked() {
        let r = rules().unwrap();
        assert!(settings_from_json(Some(r#"{"profile":"bayern"}"#), r).unwrap_err().contains("Profil"));
        assert!(settings_from_json(Some(r#"{"minSeverty":"hoch"}"#), r).is_err());
        assert!(settings_from_json(Some(r#"{"disabledRules":["DC-XX-999"]}"#), r).unwrap_err().contains("DC-XX-999"));
        assert!(settings_from_json(Some(r#"{"disabledCategories":["papierlos"]}"#), r).unwrap_err().contains("papierlos"));
        assert!(settings_from_json(Some(r#"{"severity":{"DC-SF-001":"sehr"}}"#), r).unwrap_err().contains("Schwere"));
        assert!(settings_from_json(None, r).is_ok());
    }

    #[test]
    fn utf16_offsets_index_the_callers_string() {
        // A BOM, CRLF and a soft hyphen before the match: the normalised text is shorter.
        let text = "\u{FEFF}§ 1 Antrag\r\n\r\n(1) Der Antrag ist schrift\u{00AD}lich zu stellen. 😀\r\n";
        let s = settings("{}");
        let result = check(text, &s).unwrap();
        assert!(!result.findings.is_empty(), "expected a finding for „schriftlich“");
        let v: Value = serde_json::from_str(&result_json(&result, text, None::<()>).unwrap()).unwrap();
        let f = &v["findings"][0];
        let units: Vec<u16> = text.encode_utf16().collect();
        let (a, b) = (f["startUtf16"].as_u64().unwrap() as usize, f["endUtf16"].as_u64().unwrap() as usize);
        let matched = String::from_utf16(&units[a..b]).unwrap();
        assert!(matched.starts_with("schrift\u{00AD}lich"), "{matched:?}");
        let (bs, be) = (f["start"].as_u64().unwrap() as usize, f["end"].as_u64().unwrap() as usize);
        assert_eq!(&text[bs..be], matched);
    }

    #[test]
    fn filters_overrides_and_suppressions_apply() {
        let text = "§ 1 Antrag\n\n(1) Der Antrag ist schriftlich zu stellen.\n";
        let all = findings(text, &settings("{}"));
        assert!(!all.is_empty());
        let rule = all[0].rule.clone();
        let none = findings(text, &settings(&format!(r#"{{"disabledRules":["{rule}"]}}"#)));
        assert!(none.iter().all(|f| f.rule != rule));
        let high = findings(text, &settings(r#"{"minSeverity":"blockierend"}"#));
        assert!(high.iter().all(|f| f.severity == Severity::Blockierend));
        let lowered = findings(text, &settings(&format!(r#"{{"severity":{{"{rule}":"niedrig"}}}}"#)));
        assert_eq!(lowered[0].severity, Severity::Niedrig);
        let no_category = findings(text, &settings(r#"{"disabledCategories":["schriftform"]}"#));
        assert!(no_category.iter().all(|f| f.category != Category::Schriftform));
        let suppressed = format!("§ 1 Antrag\n\n<!-- digicheck-ignore {rule}: Papier bleibt hier gewollt -->\n(1) Der Antrag ist schriftlich zu stellen.\n");
        assert!(findings(&suppressed, &settings("{}")).iter().all(|f| f.rule != rule));
        assert!(findings(&suppressed, &settings(r#"{"suppressions":false}"#)).iter().any(|f| f.rule == rule));
    }

    #[test]
    fn rules_are_listed_and_explained() {
        let list = list_rules().unwrap();
        let first = list[0]["id"].as_str().unwrap().to_string();
        let e = explain_rule(&first, Some("bund")).unwrap();
        assert_eq!(e["id"], first.as_str());
        assert!(!e["explanation"].as_str().unwrap().is_empty());
        assert!(explain_rule("gibt-es-nicht", None).is_err());
    }

    #[cfg(feature = "docx")]
    #[test]
    fn word_documents_are_read_by_the_engine() {
        let bytes = std::fs::read(digicheck_testkit::repo_path("corpus/gesetzentwurf-hundehaltung-mv.docx")).unwrap();
        let result = check_docx(&bytes, &settings("{}")).unwrap();
        let v: Value = serde_json::from_str(&docx_result_json(&result).unwrap()).unwrap();
        let text = v["text"].as_str().unwrap();
        let units: Vec<u16> = text.encode_utf16().collect();
        let found = v["findings"].as_array().unwrap();
        assert!(found.len() > 3, "{v}");
        for f in found {
            let (a, b) = (f["startUtf16"].as_u64().unwrap() as usize, f["endUtf16"].as_u64().unwrap() as usize);
            assert_eq!(String::from_utf16(&units[a..b]).unwrap(), f["text"].as_str().unwrap());
            assert_eq!(f["origin"]["kind"], "docx");
        }
        assert!(check_docx(b"PK\x03\x04kaputt", &settings("{}")).unwrap_err().contains("ZIP"));
        assert!(check_docx(b"Der Antrag ist schriftlich zu stellen.", &settings("{}")).unwrap_err().starts_with("keine Word-Datei"));
    }
}
