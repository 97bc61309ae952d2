//! WebAssembly bindings of Digi-Check, so that drafters can check a text in the browser — or a
//! Node program can check it — without the text ever leaving the machine.
//!
//! Checking is the engine's pipeline, the same as in the CLI and the language server (reading, the
//! amendment layer, settings, inline suppressions); an edited text goes through the engine's
//! editing session ([`digicheck_core::pipeline::Session`]), like an editor buffer in the language
//! server. The glue lives in plain Rust ([`api`]) and is tested natively; this file only moves
//! values across the JavaScript boundary. Results cross as JSON text and are turned into objects by
//! the engine's own `JSON.parse`, which is faster than building objects field by field and keeps
//! them identical to the CLI's JSON objects.

pub mod api;
#[cfg(feature = "docx")]
pub mod export;

use digicheck_core::pipeline::{self, Input};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/** Options of `check`, `checkDocx` and `Session`; every field is optional. */
export interface CheckOptions {
  /** Whose law messages and fixes cite: Mecklenburg-Vorpommern (default) or Bund. */
  profile?: "mv" | "bund";
  /** Lowest severity reported (default `hinweis`: everything). */
  minSeverity?: Severity;
  /** Rule ids (`DC-SF-001`) or names to leave out. */
  disabledRules?: string[];
  /** Categories to leave out. */
  disabledCategories?: Category[];
  /** A severity per rule id or name, replacing the rule's own. */
  severity?: { [rule: string]: Severity };
  /** Also check the Vorblatt and the Begründung (default: only the Gesetzestext). */
  includeBegruendung?: boolean;
  /** Honour `<!-- digicheck-ignore RULE: Begründung -->` lines (default `true`). */
  suppressions?: boolean;
  /** Also run the rules that run only on request (`default off`), like `--alle-regeln` (default `false`). */
  allRules?: boolean;
  /** Rules on request to run besides the default ones, e.g. `["DC-SI-001"]`, like `--regel`. */
  enabledRules?: string[];
}

/** Formats of `renderReport` and `renderDocxReport`. */
export type ReportFormat = "html" | "markdown" | "json";

export type Severity = "blockierend" | "hoch" | "mittel" | "niedrig" | "hinweis";
export type Category = "schriftform" | "unterschrift" | "persoenlich" | "original" | "papier" | "post"
  | "aushang" | "siegel" | "technologie" | "once-only" | "automatisierung" | "begriffe";

/** One finding: the JSON contract of `digicheck check --format json` plus UTF-16 offsets. */
export interface Finding {
  rule: string;
  category: Category;
  severity: Severity;
  /** Digitalcheck principle 1–5. */
  principle: number;
  message: string;
  /** Structure path, e.g. "§ 5 Abs. 2 Satz 1"; empty if none. */
  norm: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Byte offsets (UTF-8) into the text passed in. */
  start: number;
  end: number;
  /** UTF-16 offsets into the text passed in: `text.slice(startUtf16, endUtf16)` is the match. */
  startUtf16: number;
  endUtf16: number;
  text: string;
  /** Suggested wording replacing the match, or null. */
  fix: string | null;
  title: string | null;
  part: "vorblatt" | "gesetzestext" | "begruendung";
  amendment?: string;
  target?: string;
  effect?: "introduced" | "removed";
}

export interface CheckResult {
  findings: Finding[];
  /** Remarks that are not findings (an Änderungsbefehl not understood, a suppression without
   *  reason or effect), in German, as `digicheck check --format json` lists them. */
  notes: string[];
}

/** The result of `checkDocx`: the document's text as the engine read it and its findings, whose
 *  `startUtf16`/`endUtf16` index that text (`start`/`end` and `origin` point into the Word file). */
export interface DocxResult extends CheckResult {
  text: string;
}

export interface SessionResult extends CheckResult {
  /** Regions the text was cut into and how many were matched again (cache misses). */
  stats: { regions: number; checked: number };
}

export interface RuleSummary {
  id: string;
  name: string;
  title: string;
  category: Category;
  severity: Severity;
  principle: number;
  principleTitle: string;
  /** Whether a finding's `fix` is wording that replaces the matched words (offered as a one-click
   *  fix), rather than advice (the amendment rules). */
  fixReplacesMatch: boolean;
}

export interface RuleExplanation extends RuleSummary {
  explanation: string;
  basis: string | null;
  refs: string[];
  message: string;
  fix: string | null;
  /** The rule's documentation page, if the build knows its web address (`DIGICHECK_DOCS_URL`). */
  url: string | null;
  examples: { flags: boolean; text: string }[];
}
"#;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = JSON, js_name = parse)]
    fn json_parse(text: &str) -> JsValue;
    #[wasm_bindgen(catch, js_namespace = JSON, js_name = stringify)]
    fn json_stringify(value: &JsValue) -> Result<JsValue, JsValue>;
}

fn to_js(value: &serde_json::Value) -> JsValue {
    json_parse(&value.to_string())
}

fn err(message: String) -> JsError {
    JsError::new(&message)
}

/// Options object → JSON text (`None` for `undefined`/`null`).
fn options_json(options: &JsValue) -> Result<Option<String>, JsError> {
    if options.is_undefined() || options.is_null() {
        return Ok(None);
    }
    let s = json_stringify(options).map_err(|_| err("Optionen lassen sich nicht als JSON lesen".into()))?;
    Ok(s.as_string())
}

fn settings(options: &JsValue) -> Result<pipeline::Settings, JsError> {
    let rules = api::rules().map_err(err)?;
    api::settings_from_json(options_json(options)?.as_deref(), rules).map_err(err)
}

/// Checks a text and returns `{ findings: [...], notes: [...] }`; each finding has the fields of
/// the JSON contract (as `digicheck check --format json`) plus `startUtf16`/`endUtf16`, offsets
/// into the string passed here. Options: `{ profile: "mv" | "bund", minSeverity, disabledRules,
/// disabledCategories, severity, includeBegruendung, suppressions }`. Throws with the reason if
/// the text cannot be checked.
#[wasm_bindgen(unchecked_return_type = "CheckResult")]
pub fn check(text: &str, #[wasm_bindgen(unchecked_param_type = "CheckOptions")] options: JsValue) -> Result<JsValue, JsError> {
    let settings = settings(&options)?;
    let result = api::check(text, &settings).map_err(err)?;
    Ok(json_parse(&api::result_json(&result, text, None::<()>).map_err(err)?))
}

/// Checks a Word document (`.docx`, given as bytes) with the engine's DOCX reader — automatic
/// numbering rebuilt, tracked changes read as accepted, footnotes, headers and footers left out —
/// and returns `{ text, findings, notes }`: the text as the engine read it and the findings as
/// `digicheck check --format json` gives them for the file, with `startUtf16`/`endUtf16` into
/// `text`. Throws with the reason if the file cannot be read.
#[cfg(feature = "docx")]
#[wasm_bindgen(js_name = checkDocx, unchecked_return_type = "DocxResult")]
pub fn check_docx(bytes: &[u8], #[wasm_bindgen(unchecked_param_type = "CheckOptions")] options: JsValue) -> Result<JsValue, JsError> {
    let settings = settings(&options)?;
    let result = api::check_docx(bytes, &settings).map_err(err)?;
    Ok(json_parse(&api::docx_result_json(&result).map_err(err)?))
}

/// The report of a text in `format` (`"html"`, `"markdown"` or `"json"`), written by the engine's
/// report renderers exactly as `digicheck check --format …` writes it; `name` is how the report
/// names the document; `options` as for `check`. Word module only (it carries the renderers).
#[cfg(feature = "docx")]
#[wasm_bindgen(js_name = renderReport)]
pub fn render_report(
    text: &str,
    #[wasm_bindgen(unchecked_param_type = "ReportFormat")] format: &str,
    name: &str,
    #[wasm_bindgen(unchecked_param_type = "CheckOptions")] options: JsValue,
) -> Result<String, JsError> {
    let settings = settings(&options)?;
    export::report_text(text, name, &settings, format.parse().map_err(err)?).map_err(err)
}

/// The report of a Word file (`.docx`, as bytes) in `format`, as `renderReport` for a text.
#[cfg(feature = "docx")]
#[wasm_bindgen(js_name = renderDocxReport)]
pub fn render_docx_report(
    bytes: &[u8],
    #[wasm_bindgen(unchecked_param_type = "ReportFormat")] format: &str,
    name: &str,
    #[wasm_bindgen(unchecked_param_type = "CheckOptions")] options: JsValue,
) -> Result<String, JsError> {
    let settings = settings(&options)?;
    export::report_docx(bytes, name, &settings, format.parse().map_err(err)?).map_err(err)
}

/// A copy of a Word file with one comment by „Digi-Check“ at every finding, as
/// `digicheck annotate` writes it; `date` (ISO 8601) stamps the comments. Throws with the reason
/// if the file cannot be read.
#[cfg(feature = "docx")]
#[wasm_bindgen(js_name = annotateDocx)]
pub fn annotate_docx(
    bytes: &[u8],
    name: &str,
    #[wasm_bindgen(unchecked_param_type = "CheckOptions")] options: JsValue,
    date: Option<String>,
) -> Result<AnnotatedDocx, JsError> {
    let settings = settings(&options)?;
    let out = export::annotate(bytes, name, &settings, date).map_err(err)?;
    let unplaced: Vec<_> = out
        .unplaced
        .iter()
        .map(|f| serde_json::json!({ "rule": f.rule, "norm": f.norm, "text": f.text, "severity": f.severity }))
        .collect();
    Ok(AnnotatedDocx { docx: out.docx, placed: out.placed, unplaced: serde_json::Value::Array(unplaced).to_string() })
}

/// The result of `annotateDocx`.
#[cfg(feature = "docx")]
#[wasm_bindgen]
pub struct AnnotatedDocx {
    docx: Vec<u8>,
    placed: usize,
    unplaced: String,
}

#[cfg(feature = "docx")]
#[wasm_bindgen]
impl AnnotatedDocx {
    /// The annotated Word file.
    #[wasm_bindgen(getter)]
    pub fn docx(&self) -> Vec<u8> {
        self.docx.clone()
    }

    /// Number of comments written.
    #[wasm_bindgen(getter)]
    pub fn placed(&self) -> usize {
        self.placed
    }

    /// Findings whose words were not found in the Word text, so that got no comment:
    /// `[{ rule, norm, text, severity }]`.
    #[wasm_bindgen(getter, unchecked_return_type = "{ rule: string; norm: string; text: string; severity: Severity }[]")]
    pub fn unplaced(&self) -> JsValue {
        json_parse(&self.unplaced)
    }
}

/// All rules of the built-in catalogue: `[{ id, name, title, category, severity, principle,
/// principleTitle }]`.
#[wasm_bindgen(js_name = listRules, unchecked_return_type = "RuleSummary[]")]
pub fn list_rules() -> Result<JsValue, JsError> {
    Ok(to_js(&api::list_rules().map_err(err)?))
}

/// One rule explained: title, explanation, legal basis, references, message and fix templates and
/// the rule's examples, in the wording of `profile` (`"mv"` by default). Throws for an unknown id.
#[wasm_bindgen(js_name = explainRule, unchecked_return_type = "RuleExplanation")]
pub fn explain_rule(id: &str, profile: Option<String>) -> Result<JsValue, JsError> {
    Ok(to_js(&api::explain_rule(id, profile.as_deref()).map_err(err)?))
}

/// Categories (id and German label), severities and the five Digitalcheck principles, so that a
/// page labels findings as the reports do: `{ categories, severities, principles }`.
#[wasm_bindgen]
pub fn vocabulary() -> JsValue {
    to_js(&api::vocabulary())
}

/// Parses a text and returns its structure as JSON text (the structure-JSON contract).
#[wasm_bindgen(js_name = parseStructure)]
pub fn parse_structure(text: &str) -> String {
    let doc = digicheck_core::Document::parse(digicheck_core::SourceText::from_utf8("eingabe", text));
    digicheck_core::structure::json::to_json(&doc).to_string()
}

/// Version of the engine, for bug reports.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// An editing session: `update(text)` after every edit re-checks only the provisions that
/// changed and returns the same `{ findings, notes }` as `check` would.
#[wasm_bindgen]
pub struct Session {
    inner: pipeline::Session,
    settings: pipeline::Settings,
}

#[wasm_bindgen]
impl Session {
    /// Starts a session with the options of `check`.
    #[wasm_bindgen(constructor)]
    pub fn new(#[wasm_bindgen(unchecked_param_type = "CheckOptions")] options: JsValue) -> Result<Session, JsError> {
        Ok(Session { inner: pipeline::Session::new(), settings: settings(&options)? })
    }

    /// Checks the current text; returns `{ findings, notes, stats: { regions, checked } }` where
    /// `checked` counts the regions whose rule matching had to run again.
    #[wasm_bindgen(unchecked_return_type = "SessionResult")]
    pub fn update(&mut self, text: &str) -> Result<JsValue, JsError> {
        let rules = api::rules().map_err(err)?;
        let result = api::checked(self.inner.update(Input::Text { name: api::TEXT_NAME, text }, rules, &self.settings)).map_err(err)?;
        let stats = self.inner.stats();
        let stats = serde_json::json!({ "regions": stats.regions, "checked": stats.checked });
        Ok(json_parse(&api::result_json(&result, text, Some(stats)).map_err(err)?))
    }
}
