//! The JavaScript-facing API in plain Rust: options, findings as contract objects, rule metadata.
//!
//! Everything here runs on the native target too, so the logic behind the bindings is unit-tested
//! with `cargo test` and compared with the CLI without a browser. The bindings in `lib.rs` only move
//! JSON across the boundary.

use digicheck_core::report::{json::FindingJson, Report};
use digicheck_core::source::offsets;
use digicheck_core::rules::RuleDef;
use digicheck_core::amend;
use digicheck_core::{CheckOptions, Document, Finding, Profile, RuleSet, Severity, SourceText};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::HashSet;

/// Options as JavaScript passes them (`{ profile, minSeverity, disabledRules, includeBegruendung }`);
/// every field is optional. Unknown fields are an error, so that a typo does not silently change
/// nothing.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct Options {
    /// `"mv"` (default) or `"bund"`.
    pub profile: Option<String>,
    /// Lowest severity to report: `blockierend`, `hoch`, `mittel`, `niedrig` or `hinweis` (default).
    pub min_severity: Option<String>,
    /// Rule ids (`DC-SF-001`) or names to leave out.
    pub disabled_rules: Vec<String>,
    /// Also check the Vorblatt and the Begründung.
    pub include_begruendung: bool,
}

/// Options resolved against the rule catalogue; built once per call or session.
#[derive(Debug, Clone)]
pub struct Settings {
    pub check: CheckOptions,
    pub min_severity: Severity,
    /// Ids of disabled rules.
    pub disabled: HashSet<String>,
}

impl Settings {
    /// Resolves options; errors are German messages for the caller's user.
    pub fn new(options: &Options, rules: &RuleSet) -> Result<Settings, String> {
        let profile = match options.profile.as_deref() {
            None => Profile::Mv,
            Some(p) => p.parse::<Profile>()?,
        };
        let min_severity = match options.min_severity.as_deref() {
            None => Severity::Hinweis,
            Some(s) => s.parse::<Severity>()?,
        };
        let mut disabled = HashSet::new();
        for id in &options.disabled_rules {
            let rule = rules.get(id).ok_or_else(|| format!("unbekannte Regel „{id}“"))?;
            disabled.insert(rule.id.clone());
        }
        Ok(Settings {
            check: CheckOptions { profile, include_begruendung: options.include_begruendung },
            min_severity,
            disabled,
        })
    }

    /// Parses options given as JSON (`null` or empty for the defaults).
    pub fn from_json(options: Option<&str>, rules: &RuleSet) -> Result<Settings, String> {
        let options: Options = match options.map(str::trim) {
            None | Some("") | Some("null") => Options::default(),
            Some(s) => serde_json::from_str(s).map_err(|e| format!("ungültige Optionen: {e}"))?,
        };
        Settings::new(&options, rules)
    }

    /// Whether a finding passes the severity threshold and the disabled rules.
    pub fn keeps(&self, f: &Finding) -> bool {
        f.severity >= self.min_severity && !self.disabled.contains(&f.rule)
    }
}

/// The built-in catalogue. It is embedded and proven by the test suite; a broken one is a build
/// defect, reported as an error rather than a panic so that the page can say so.
pub fn rules() -> Result<&'static RuleSet, String> {
    RuleSet::builtin().map_err(|e| format!("der eingebaute Regelkatalog ist fehlerhaft:\n{e}"))
}

/// Checks a text with the built-in catalogue; findings are filtered by the settings.
pub fn check(text: &str, settings: &Settings) -> Result<(Document, Vec<Finding>), String> {
    let rules = rules()?;
    let doc = Document::parse(SourceText::from_utf8("eingabe", text));
    // Amending drafts as `digicheck check` reads them: quoted new wording as law-to-be, command
    // and old wording not as barriers.
    let checker = amend::EngineChecker { rules, options: settings.check };
    let mut findings = amend::check_amending(&doc, &checker, &amend::AmendOptions { profile: settings.check.profile, base: None }).findings;
    findings.retain(|f| settings.keeps(f));
    Ok((doc, findings))
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

/// `{ findings: [...] }` (and `stats` for a session) as JSON text, written straight from the
/// finding objects: the page parses it with `JSON.parse`.
#[derive(Serialize)]
struct Output<'a, S: Serialize> {
    findings: Vec<FindingJson<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    stats: Option<S>,
}

/// The result of a check as JSON text; see [`finding_objects`].
pub fn findings_json<S: Serialize>(doc: &Document, original: &str, findings: &[Finding], settings: &Settings, stats: Option<S>) -> Result<String, String> {
    let rules = rules()?;
    let report = Report { files: &[], rules, profile: settings.check.profile };
    let output = Output { findings: finding_objects(&report, doc, original, findings), stats };
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
    use digicheck_core::{Category, Principle};
    json!({
        "categories": Category::ALL.iter().map(|c| json!({ "id": c.id(), "label": c.label() })).collect::<Vec<_>>(),
        "severities": Severity::ALL.iter().map(|s| s.id()).collect::<Vec<_>>(),
        "principles": Principle::ALL.iter().map(|p| json!({ "number": p.number(), "title": p.title() })).collect::<Vec<_>>(),
    })
}

/// Short metadata of every rule, for filters and lists.
pub fn list_rules() -> Result<Value, String> {
    let rules = rules()?;
    Ok(Value::Array(
        rules
            .rules()
            .iter()
            .map(|r| Value::Object(summary_json(r.def())))
            .collect(),
    ))
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
    Ok(explain_json(rule.def(), profile))
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
    }) else {
        unreachable!("json! of braces is an object")
    };
    fields
}

fn explain_json(r: &RuleDef, profile: Profile) -> Value {
    let examples: Vec<Value> = r.examples.iter().map(|e| json!({ "flags": e.flags, "text": e.text })).collect();
    let mut fields = summary_json(r);
    let Value::Object(more) = json!({
        "explanation": r.explain,
        "basis": r.basis.as_ref().map(|b| b.get(profile)),
        "refs": r.refs.iter().map(|x| x.get(profile)).collect::<Vec<_>>(),
        "message": r.message.get(profile),
        "fix": r.fix.as_ref().map(|f| f.get(profile)),
        "url": r.url,
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
        Settings::from_json(Some(json), rules().unwrap()).unwrap()
    }

    #[test]
    fn options_are_checked() {
        let r = rules().unwrap();
        assert!(Settings::from_json(Some(r#"{"profile":"bayern"}"#), r).unwrap_err().contains("Profil"));
        assert!(Settings::from_json(Some(r#"{"minSeverty":"hoch"}"#), r).is_err());
        assert!(Settings::from_json(Some(r#"{"disabledRules":["DC-XX-999"]}"#), r).unwrap_err().contains("DC-XX-999"));
        assert!(Settings::from_json(None, r).is_ok());
    }

    #[test]
    fn utf16_offsets_index_the_callers_string() {
        // A BOM, CRLF and a soft hyphen before the match: the normalised text is shorter.
        let text = "\u{FEFF}§ 1 Antrag\r\n\r\n(1) Der Antrag ist schrift\u{00AD}lich zu stellen. 😀\r\n";
        let s = settings("{}");
        let (doc, findings) = check(text, &s).unwrap();
        assert!(!findings.is_empty(), "expected a finding for „schriftlich“");
        let v: Value = serde_json::from_str(&findings_json(&doc, text, &findings, &s, None::<()>).unwrap()).unwrap();
        let f = &v["findings"][0];
        let units: Vec<u16> = text.encode_utf16().collect();
        let (a, b) = (f["startUtf16"].as_u64().unwrap() as usize, f["endUtf16"].as_u64().unwrap() as usize);
        let matched = String::from_utf16(&units[a..b]).unwrap();
        assert!(matched.starts_with("schrift\u{00AD}lich"), "{matched:?}");
        let (bs, be) = (f["start"].as_u64().unwrap() as usize, f["end"].as_u64().unwrap() as usize);
        assert_eq!(&text[bs..be], matched);
    }

    #[test]
    fn filters_apply() {
        let text = "§ 1 Antrag\n\n(1) Der Antrag ist schriftlich zu stellen.\n";
        let all = check(text, &settings("{}")).unwrap().1;
        assert!(!all.is_empty());
        let rule = all[0].rule.clone();
        let none = check(text, &settings(&format!(r#"{{"disabledRules":["{rule}"]}}"#))).unwrap().1;
        assert!(none.iter().all(|f| f.rule != rule));
        let high = check(text, &settings(r#"{"minSeverity":"blockierend"}"#)).unwrap().1;
        assert!(high.iter().all(|f| f.severity == Severity::Blockierend));
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
}
