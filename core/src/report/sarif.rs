//! SARIF 2.1.0 for code-scanning platforms, editors and CI (`digicheck check --format sarif`).
//!
//! One run with the tool, the metadata of every rule that has a result (title, explanation, legal
//! basis, fix, examples, level, tags = category and `principle-N`), one artifact per input and one
//! result per finding. What SARIF consumers rely on and we therefore keep stable:
//!
//! - `level` follows the severity contract (blockierend → error, hoch/mittel → warning,
//!   niedrig/Hinweis → note);
//! - columns count Unicode code points (`columnKind: unicodeCodePoints`), as every other format
//!   does; `charOffset`/`charLength` are given only where they are offsets into the file itself
//!   (UTF-8 text that normalisation left untouched), and so are `fixes`, because a replacement
//!   must apply to the bytes on disk;
//! - `partialFingerprints["digicheckFingerprint/v1"]` is [`super::fingerprint`]: it survives the
//!   text moving elsewhere, so platforms track a finding across edits; a second and third finding
//!   of one rule on the same words in the same sentence get „-2“, „-3“ appended (in text order),
//!   so platforms do not merge them;
//! - every rule has a help text naming its documentation page ([`super::rule_doc_url`]), and
//!   `helpUri` when that page has an absolute address (a build with `DIGICHECK_DOCS_URL`);
//! - URIs are relative to the directory the check ran in (`uriBaseId` `%SRCROOT%`), so a SARIF file
//!   written in CI points at the repository's files;
//! - the output is deterministic: no time stamps, no absolute paths of the machine that wrote it.
//!
//! Input errors are `toolExecutionNotifications` of the run's invocation, naming the file.

use super::{fingerprint, severity_label, FileResult, Located, Report};
use crate::finding::{Effect, Finding, Profile};
use crate::rules::{Rule, RuleSet};
use crate::source::SourceText;
use crate::structure::Part;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

/// The schema URI SARIF consumers recognise for 2.1.0.
pub const SCHEMA: &str = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// Key of our fingerprint in `partialFingerprints`; bump the version if [`super::fingerprint`]
/// changes its input, so platforms do not match old and new fingerprints.
pub const FINGERPRINT_KEY: &str = "digicheckFingerprint/v1";

/// Code points of context on each side of a finding in its `contextRegion`.
const CONTEXT_CHARS: usize = 120;

/// The base every artifact URI is relative to.
pub const SRCROOT: &str = "%SRCROOT%";

/// Renders the report as a SARIF 2.1.0 log (pretty-printed JSON with a final newline).
pub fn render(report: &Report<'_>) -> String {
    let cwd = std::env::current_dir().ok().map(|p| p.to_string_lossy().into_owned());
    let mut s = serde_json::to_string_pretty(&log(report, cwd.as_deref())).expect("JSON values always serialise");
    s.push('\n');
    s
}

/// The SARIF log as a JSON value; `cwd` (the directory the check ran in) turns absolute input
/// paths below it into relative URIs.
pub fn log(report: &Report<'_>, cwd: Option<&str>) -> Value {
    let used = report.files.iter().flat_map(|f| f.findings.iter().map(|x| x.rule.as_str())).collect();
    let rules = RuleTable::new(report.rules, used);
    let mut artifacts = Vec::with_capacity(report.files.len());
    let mut results = Vec::new();
    let mut notifications = Vec::new();
    for (index, file) in report.files.iter().enumerate() {
        let location = artifact_location(&file.name, index, cwd);
        artifacts.push(artifact(&location));
        file_results(report, file, &location, &|id| rules.index[id], &mut |r| results.push(r));
        notifications.extend(file_notifications(file, &location));
    }
    let successful = report.files.iter().all(|f| f.errors.is_empty());
    run_log(report, &rules, Value::Array(artifacts), Value::Array(results), notifications, successful)
}

fn artifact(location: &Value) -> Value {
    json!({ "location": location.clone(), "roles": ["analysisTarget"] })
}

/// The results of one input, in finding order, each handed to `emit` as it is made;
/// `rule_index` gives a rule's `ruleIndex`.
fn file_results(
    report: &Report<'_>,
    file: &FileResult,
    location: &Value,
    rule_index: &dyn Fn(&str) -> usize,
    emit: &mut dyn FnMut(Value),
) {
    let Some(doc) = &file.document else { return };
    let exact = is_exact(doc.source());
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for f in &file.findings {
        let base = fingerprint(doc, f);
        let n = seen.entry(base.clone()).or_default();
        *n += 1;
        let print = if *n == 1 { base } else { format!("{base}-{n}") };
        emit(result(report, rule_index(&f.rule), doc, f, location, exact, &print));
    }
}

/// The log around its parts: tool, invocation, artifacts and results (arrays, or stand-ins a
/// streamed log replaces).
fn run_log(
    report: &Report<'_>,
    rules: &RuleTable<'_>,
    artifacts: Value,
    results: Value,
    notifications: Vec<Value>,
    successful: bool,
) -> Value {
    let mut invocation = json!({ "executionSuccessful": successful });
    if !notifications.is_empty() {
        invocation["toolExecutionNotifications"] = Value::Array(notifications);
    }
    json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": driver(report, rules) },
            "invocations": [invocation],
            "originalUriBaseIds": {
                SRCROOT: { "description": { "text": "Das Verzeichnis, in dem Digi-Check aufgerufen wurde." } }
            },
            "artifacts": artifacts,
            "results": results,
            "language": "de-DE",
            "columnKind": "unicodeCodePoints",
            "properties": { "profile": profile_id(report.profile) }
        }]
    })
}

/// `ruleIndex` of a result made before the rule list is known; [`Stream::write_log`] puts the index in.
const PENDING_INDEX: usize = usize::MAX;

/// Nesting depth of the elements of `runs[0].artifacts` and `runs[0].results` in [`render`]'s output.
const ELEMENT_DEPTH: usize = 4;

/// Appends `value` to the body of a JSON array (elements joined by „,“ and a line break),
/// pretty-printed as [`render`] prints an element of `runs[0].artifacts` or `results`.
fn push_element(body: &mut String, value: &Value) {
    if !body.is_empty() {
        body.push_str(",\n");
    }
    let plain = serde_json::to_string_pretty(value).expect("JSON values always serialise");
    // JSON text has no raw line breaks inside strings, so every line is indented alike.
    for (i, line) in plain.split('\n').enumerate() {
        if i > 0 {
            body.push('\n');
        }
        body.push_str(&"  ".repeat(ELEMENT_DEPTH));
        body.push_str(line);
    }
}

/// One input's part of the log, made when the input is checked (see [`file_part`]): artifact and
/// results already as the text [`render`] writes, except each result's `ruleIndex` value.
pub struct FilePart {
    artifact: String,
    results: String,
    /// Where in `results` a `ruleIndex` value belongs, and the rule's id.
    holes: Vec<(usize, String)>,
    notifications: Vec<Value>,
    /// Ids of the rules with findings in this input.
    rules: std::collections::BTreeSet<String>,
    successful: bool,
}

/// The part of input number `index` (from 0, in report order), so a batch can let the document
/// go. `report` gives the rule catalogue and profile; its files are not read.
pub fn file_part(report: &Report<'_>, index: usize, file: &FileResult, cwd: Option<&str>) -> FilePart {
    let location = artifact_location(&file.name, index, cwd);
    let mut artifact_text = String::new();
    push_element(&mut artifact_text, &artifact(&location));
    let digits = PENDING_INDEX.to_string();
    let pending = format!("\"ruleIndex\": {digits}");
    let mut results = String::new();
    let mut holes = Vec::new();
    file_results(report, file, &location, &|_| PENDING_INDEX, &mut |r| {
        let from = results.len();
        push_element(&mut results, &r);
        // Keys are the only quoted text without escapes, so this is the result's own key.
        let at = from + results[from..].find(&pending).expect("every result has a ruleIndex") + pending.len() - digits.len();
        results.replace_range(at..at + digits.len(), "");
        holes.push((at, r["ruleId"].as_str().unwrap_or_default().to_string()));
    });
    FilePart {
        artifact: artifact_text,
        results,
        holes,
        notifications: file_notifications(file, &location),
        rules: file.findings.iter().map(|f| f.rule.clone()).collect(),
        successful: file.errors.is_empty(),
    }
}

/// A log written input by input: the parts in report order, then [`Stream::write_log`] once the
/// rules with results are known. Artifacts and results are kept as the text they will be written
/// as (about the size of the log), not as JSON values.
pub struct Stream {
    artifacts: String,
    results: String,
    /// Where in `results` a `ruleIndex` value belongs, and the rule's number in `rule_ids`.
    holes: Vec<(usize, u32)>,
    rule_ids: Vec<String>,
    notifications: Vec<Value>,
    rules: std::collections::BTreeSet<String>,
    successful: bool,
}

impl Default for Stream {
    fn default() -> Self {
        Stream {
            artifacts: String::new(),
            results: String::new(),
            holes: Vec::new(),
            rule_ids: Vec::new(),
            notifications: Vec::new(),
            rules: Default::default(),
            successful: true,
        }
    }
}

impl Stream {
    /// Appends the next input's part (in report order).
    pub fn push(&mut self, part: FilePart) {
        if !self.artifacts.is_empty() {
            self.artifacts.push_str(",\n");
        }
        self.artifacts.push_str(&part.artifact);
        if !part.results.is_empty() {
            if !self.results.is_empty() {
                self.results.push_str(",\n");
            }
            let base = self.results.len();
            self.results.push_str(&part.results);
            for (at, rule) in part.holes {
                let n = match self.rule_ids.iter().position(|r| *r == rule) {
                    Some(n) => n,
                    None => {
                        self.rule_ids.push(rule);
                        self.rule_ids.len() - 1
                    }
                };
                self.holes.push((base + at, n as u32));
            }
        }
        self.notifications.extend(part.notifications);
        self.rules.extend(part.rules);
        self.successful &= part.successful;
    }

    /// Writes the log; the bytes are those of [`render`] for the same files, rules and profile
    /// (run in the same directory).
    pub fn write_log(self, rules: &RuleSet, profile: Profile, out: &mut impl std::io::Write) -> std::io::Result<()> {
        const ARTIFACTS: &str = "\u{0}artifacts\u{0}";
        const RESULTS: &str = "\u{0}results\u{0}";
        let report = Report { files: &[], rules, profile };
        let table = RuleTable::new(rules, self.rules.iter().map(String::as_str).collect());
        let log = run_log(&report, &table, json!(ARTIFACTS), json!(RESULTS), self.notifications, self.successful);
        let text = serde_json::to_string_pretty(&log).expect("JSON values always serialise");
        let index: Vec<String> = self.rule_ids.iter().map(|id| table.index[id.as_str()].to_string()).collect();
        // The stand-ins in the order they are written (keys are sorted, but do not rely on it).
        let mut arrays = [(ARTIFACTS, &self.artifacts, "artifacts"), (RESULTS, &self.results, "results")].map(|(stand_in, body, key)| {
            let marker = format!("\"{key}\": {}", json!(stand_in));
            let at = text.find(&marker).expect("the log has its arrays");
            (at, marker.len(), key, body)
        });
        arrays.sort_by_key(|a| a.0);
        let mut from = 0;
        for (at, len, key, body) in arrays {
            out.write_all(&text.as_bytes()[from..at])?;
            write!(out, "\"{key}\": [")?;
            if !body.is_empty() {
                out.write_all(b"\n")?;
                let mut written = 0;
                if key == "results" {
                    for &(hole, rule) in &self.holes {
                        out.write_all(&body.as_bytes()[written..hole])?;
                        out.write_all(index[rule as usize].as_bytes())?;
                        written = hole;
                    }
                }
                out.write_all(&body.as_bytes()[written..])?;
                // The closing bracket sits at the indentation of the key's line.
                let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
                out.write_all(b"\n")?;
                out.write_all(&text.as_bytes()[line_start..at])?;
            }
            out.write_all(b"]")?;
            from = at + len;
        }
        out.write_all(&text.as_bytes()[from..])?;
        out.write_all(b"\n")
    }
}

fn driver(report: &Report<'_>, rules: &RuleTable<'_>) -> Value {
    let descriptors: Vec<Value> = rules
        .order
        .iter()
        .map(|id| match report.rules.get(id) {
            Some(rule) => rule_descriptor(rule, report.profile),
            None => json!({ "id": id, "shortDescription": { "text": format!("Regel {id}.") } }),
        })
        .collect();
    let mut driver = json!({
        "name": "Digi-Check",
        "fullName": "Digi-Check – Prüfung von Rechtstexten auf Digitalisierungshemmnisse",
        "version": env!("CARGO_PKG_VERSION"),
        "semanticVersion": env!("CARGO_PKG_VERSION"),
        "language": "de-DE",
        "rules": descriptors
    });
    // Only a real address: the documentation's, when the build was given one.
    if let Some(url) = super::docs_home() {
        driver["informationUri"] = json!(url);
    }
    driver
}

/// The rules that have a result, in catalogue (id) order, and each one's index in that list.
/// Listing only these keeps a log of one draft small; every result still finds full metadata.
struct RuleTable<'a> {
    order: Vec<&'a str>,
    index: BTreeMap<&'a str, usize>,
}

impl<'a> RuleTable<'a> {
    fn new(catalogue: &'a RuleSet, used: std::collections::BTreeSet<&'a str>) -> RuleTable<'a> {
        // Catalogue order first (RuleSet::rules is sorted by id), then ids the catalogue does not
        // know (findings of extra rule folders that were not passed in), sorted.
        let mut order: Vec<&str> =
            catalogue.rules().iter().map(|r| r.id.as_str()).filter(|id| used.contains(id)).collect();
        let known: std::collections::BTreeSet<&str> = order.iter().copied().collect();
        order.extend(used.iter().copied().filter(|id| !known.contains(id)));
        let index = order.iter().enumerate().map(|(i, id)| (*id, i)).collect();
        RuleTable { order, index }
    }
}

/// One rule's `reportingDescriptor`: the same metadata `digicheck explain` shows.
fn rule_descriptor(rule: &Rule, profile: Profile) -> Value {
    let explain = paragraphs(&rule.explain);
    let full = if explain.is_empty() { sentence(&rule.title) } else { explain.join(" ") };
    let mut d = json!({
        "id": rule.id,
        "name": pascal_case(&rule.name),
        "shortDescription": { "text": sentence(&rule.title) },
        "fullDescription": { "text": full },
        "help": { "text": help_text(rule, profile, &explain), "markdown": help_markdown(rule, profile, &explain) },
        "defaultConfiguration": { "level": rule.severity.sarif_level() },
        "properties": {
            "tags": [rule.category.id(), format!("principle-{}", rule.principle.number())],
            "category": rule.category.id(),
            "severity": rule.severity.id(),
            "principle": rule.principle.number(),
            "principleTitle": rule.principle.title()
        }
    });
    // SARIF wants an absolute address here; a build without a published home for the pages
    // (see `DOCS_URL`) names the page in the help text instead.
    let page = super::rule_doc_url(rule);
    if page.starts_with("https://") || page.starts_with("http://") {
        d["helpUri"] = json!(page);
    }
    d
}

/// The rule's wordings as a reader can understand them: the matched words become „…“, and an
/// inflected adjective before a noun shows its base form („… oder qualifizierte elektronische
/// Signatur“). A rule whose wordings fit only some sentences says so: the editor offers no fix
/// where none fits.
fn fix_template(rule: &Rule, profile: Profile, quote: impl Fn(&str) -> String) -> Option<String> {
    let mut wordings: Vec<String> = Vec::new();
    for f in &rule.fixes {
        let w = quote(&f.text.get(profile).replace("{text}", "…").replace("{ending} ", "e ").replace("{ending}", ""));
        if !wordings.contains(&w) {
            wordings.push(w);
        }
    }
    let quoted: Vec<String> = wordings.iter().map(|w| format!("„{w}“")).collect();
    let list = match quoted.split_last() {
        None => return None,
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} oder {last}", rest.join(", ")),
    };
    Some(match (quoted.len(), rule.fix_is_unconditional()) {
        (_, true) => format!("{list} (… steht für die gefundenen Wörter)"),
        (1, false) => format!("{list}, wo es in den Satz passt (… steht für die gefundenen Wörter)"),
        _ => format!("{list}, je nachdem, was in den Satz passt (… steht für die gefundenen Wörter)"),
    })
}

fn help_text(rule: &Rule, profile: Profile, explain: &[String]) -> String {
    let mut out = vec![format!(
        "{} ({}; Kategorie {}, Schwere {}, Prinzip {} „{}“)",
        rule.title,
        rule.id,
        rule.category.label(),
        severity_label(rule.severity),
        rule.principle.number(),
        rule.principle.title()
    )];
    out.extend(explain.iter().cloned());
    if let Some(b) = &rule.basis {
        out.push(format!("Rechtsgrundlage: {}", b.get(profile)));
    }
    if !rule.refs.is_empty() {
        out.push(format!("Weitere Bezüge: {}", refs(rule, profile)));
    }
    if let Some(fix) = fix_template(rule, profile, str::to_string) {
        out.push(format!("Vorschlag: {fix}"));
    }
    out.push(format!("Ausführlich: {}", super::rule_doc_url(rule)));
    out.join("\n\n")
}

fn help_markdown(rule: &Rule, profile: Profile, explain: &[String]) -> String {
    use super::digitalcheck::md_inline as md;
    let mut out = vec![format!(
        "**{}** (`{}`) · Kategorie *{}* · Schwere *{}* · Prinzip {} „{}“",
        md(&rule.title),
        rule.id,
        md(rule.category.label()),
        severity_label(rule.severity),
        rule.principle.number(),
        md(rule.principle.title())
    )];
    out.extend(explain.iter().map(|p| md(p)));
    let mut facts = Vec::new();
    if let Some(b) = &rule.basis {
        facts.push(format!("**Rechtsgrundlage:** {}", md(b.get(profile))));
    }
    if !rule.refs.is_empty() {
        facts.push(format!("**Weitere Bezüge:** {}", md(&refs(rule, profile))));
    }
    if let Some(fix) = fix_template(rule, profile, md) {
        facts.push(format!("**Vorschlag:** {fix}"));
    }
    if !facts.is_empty() {
        out.push(facts.join("  \n"));
    }
    let examples: Vec<String> = rule
        .examples
        .iter()
        .map(|e| format!("- {}: „{}“", if e.flags { "Befund" } else { "Kein Befund" }, md(&e.text)))
        .collect();
    if !examples.is_empty() {
        out.push(format!("**Beispiele**\n\n{}", examples.join("\n")));
    }
    out.push(format!("Ausführlich: `{}`", super::rule_doc_url(rule)));
    out.join("\n\n")
}

fn refs(rule: &Rule, profile: Profile) -> String {
    rule.refs.iter().map(|r| r.get(profile)).collect::<Vec<_>>().join("; ")
}

fn result(
    report: &Report<'_>,
    rule_index: usize,
    doc: &crate::Document,
    f: &Finding,
    artifact: &Value,
    exact: bool,
    fingerprint: &str,
) -> Value {
    let source = doc.source();
    let at = Located::of(source, f);
    let region = region(source, f, at, exact);
    let mut physical = json!({ "artifactLocation": artifact.clone(), "region": region.clone() });
    if let Some(context) = context_region(source, f, exact) {
        physical["contextRegion"] = context;
    }
    physical["region"]["snippet"] = json!({ "text": f.text });
    let mut location = json!({ "physicalLocation": physical });
    if !f.norm.is_empty() {
        location["logicalLocations"] = json!([{ "fullyQualifiedName": f.norm }]);
    }
    let mut r = json!({
        "ruleId": f.rule,
        "ruleIndex": rule_index,
        "level": f.severity.sarif_level(),
        "message": { "text": sentence(&f.message) },
        "locations": [location],
        "partialFingerprints": { FINGERPRINT_KEY: fingerprint },
        "properties": result_properties(report, f, source)
    });
    if let (Some(fix), true) = (&f.fix, exact) {
        r["fixes"] = json!([{
            "description": { "text": format!("Ersetzen durch „{fix}“.") },
            "artifactChanges": [{
                "artifactLocation": artifact.clone(),
                "replacements": [{ "deletedRegion": region, "insertedContent": { "text": fix } }]
            }]
        }]);
    }
    r
}

fn region(source: &SourceText, f: &Finding, at: Located, exact: bool) -> Value {
    let mut region = json!({
        "startLine": at.line,
        "startColumn": at.column,
        "endLine": at.end_line,
        "endColumn": at.end_column
    });
    if exact {
        let start = source.lines().char_offset(source.text(), f.span.start);
        let end = source.lines().char_offset(source.text(), f.span.end);
        region["charOffset"] = json!(start);
        region["charLength"] = json!(end - start);
    }
    region
}

/// The words around a finding on its line(s), at most [`CONTEXT_CHARS`] code points either side,
/// so that a viewer without the file still shows the sentence. `None` if the finding is its whole
/// line: SARIF wants a context region to be a proper superset of the region.
fn context_region(source: &SourceText, f: &Finding, exact: bool) -> Option<Value> {
    let text = source.text();
    let lines = source.lines();
    let first = lines.line_span(text, lines.line_of(f.span.start)).unwrap_or(f.span);
    let last = lines.line_span(text, lines.line_of(f.span.end)).unwrap_or(f.span);
    let from = text[first.start..f.span.start].char_indices().rev().nth(CONTEXT_CHARS - 1).map_or(first.start, |(i, _)| first.start + i);
    let stop = last.end.max(f.span.end);
    let to = text[f.span.end..stop].char_indices().nth(CONTEXT_CHARS).map_or(stop, |(i, _)| f.span.end + i);
    if (from, to) == (f.span.start, f.span.end) {
        return None;
    }
    let (s, e) = (source.line_col(from), source.line_col(to));
    let mut region = json!({
        "startLine": s.line,
        "startColumn": s.column,
        "endLine": e.line,
        "endColumn": e.column,
        "snippet": { "text": &text[from..to] }
    });
    if exact {
        let start = lines.char_offset(text, from);
        region["charOffset"] = json!(start);
        region["charLength"] = json!(lines.char_offset(text, to) - start);
    }
    Some(region)
}

fn result_properties(report: &Report<'_>, f: &Finding, source: &SourceText) -> Value {
    let mut p = Map::new();
    p.insert("category".into(), json!(f.category.id()));
    p.insert("severity".into(), json!(f.severity.id()));
    p.insert("principle".into(), json!(f.principle.number()));
    p.insert("part".into(), json!(part_id(f.part)));
    if let Some(title) = report.rules.get(&f.rule).map(|r| r.title.as_str()) {
        p.insert("title".into(), json!(title));
    }
    if let Some(fix) = &f.fix {
        p.insert("fix".into(), json!(fix));
    }
    if let Some(a) = &f.amendment {
        p.insert("amendment".into(), json!(a.amendment));
        p.insert("target".into(), json!(a.target));
        p.insert(
            "effect".into(),
            json!(match a.effect {
                Effect::Introduced => "introduced",
                Effect::Removed => "removed",
            }),
        );
    }
    if let Some(anchor) = source.origin().anchor(f.span.start) {
        p.insert("origin".into(), json!(anchor));
    }
    Value::Object(p)
}

fn file_notifications(file: &FileResult, location: &Value) -> Vec<Value> {
    let at = json!([{ "physicalLocation": { "artifactLocation": location.clone() } }]);
    let errors = file.errors.iter().map(|e| ("error", e.as_str()));
    let notes = file.notes.iter().map(|n| ("note", n.message.as_str()));
    errors
        .chain(notes)
        .map(|(level, text)| {
            json!({ "level": level, "message": { "text": sentence(&format!("{}: {text}", file.name)) }, "locations": at.clone() })
        })
        .collect()
}

/// True if offsets into the normalised text are offsets into the file: plain text without a
/// structured reader (no anchors) whose normalisation removed nothing and that was UTF-8 (the
/// original is then as long as the normalised text). Normalisation only ever shortens, so equal
/// lengths mean nothing changed.
fn is_exact(source: &SourceText) -> bool {
    source.origin().anchors().is_empty() && source.original_offset(source.text().len()) == source.text().len()
}

/// The `artifactLocation` of an input: relative paths (and absolute ones below `cwd`) relative to
/// `%SRCROOT%`, other absolute paths as `file://` URIs, standard input by description.
fn artifact_location(name: &str, index: usize, cwd: Option<&str>) -> Value {
    if name == "-" {
        return json!({ "index": index, "description": { "text": "Standardeingabe" } });
    }
    let path = name.replace('\\', "/");
    let relative = cwd
        .map(|c| c.replace('\\', "/"))
        .and_then(|c| path.strip_prefix(&format!("{}/", c.trim_end_matches('/'))).map(str::to_string));
    match relative {
        Some(rel) => json!({ "uri": encode_path(&rel), "uriBaseId": SRCROOT, "index": index }),
        None if path.starts_with('/') => json!({ "uri": format!("file://{}", encode_path(&path)), "index": index }),
        None if path.as_bytes().get(1) == Some(&b':') => {
            json!({ "uri": format!("file:///{}", encode_path(&path)), "index": index })
        }
        None => {
            let rel = path.trim_start_matches("./");
            json!({ "uri": encode_path(rel), "uriBaseId": SRCROOT, "index": index })
        }
    }
}

/// Percent-encodes a path for a URI: unreserved characters, `/` and a drive colon stay, every other
/// byte of the UTF-8 form is `%XX`.
pub fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for (i, b) in path.bytes().enumerate() {
        let keep = b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') || (b == b':' && i == 1);
        if keep {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `schriftlicher-antrag` → `SchriftlicherAntrag`: SARIF asks for a Pascal-case friendly name.
fn pascal_case(name: &str) -> String {
    name.split(['-', '_', ' '])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            c.next().map(|f| f.to_uppercase().chain(c).collect::<String>()).unwrap_or_default()
        })
        .collect()
}

/// Paragraphs of a rule explanation (blank-line separated), white space collapsed.
fn paragraphs(text: &str) -> Vec<String> {
    text.split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect()
}

/// SARIF messages end with a full stop (best practice SARIF2001); ours mostly do, titles do not.
fn sentence(text: &str) -> String {
    let t = text.trim_end();
    let before_quote = t.strip_suffix(['“', '"', '\'']).unwrap_or("");
    if t.ends_with(['.', '!', '?']) || before_quote.ends_with(['.', '!', '?']) {
        t.to_string()
    } else {
        format!("{t}.")
    }
}

fn part_id(p: Part) -> &'static str {
    match p {
        Part::Vorblatt => "vorblatt",
        Part::Gesetzestext => "gesetzestext",
        Part::Begruendung => "begruendung",
    }
}

fn profile_id(p: Profile) -> &'static str {
    match p {
        Profile::Mv => "mv",
        Profile::Bund => "bund",
        Profile::Bw => "bw",
        Profile::Land => "land",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_relative_and_encoded() {
        let loc = artifact_location("corpus/Entwurf ä.txt", 0, None);
        assert_eq!(loc["uri"], "corpus/Entwurf%20%C3%A4.txt");
        assert_eq!(loc["uriBaseId"], SRCROOT);
        let loc = artifact_location("./a/b.txt", 1, None);
        assert_eq!(loc["uri"], "a/b.txt");
        let loc = artifact_location("/home/x/a.txt", 0, Some("/home/x"));
        assert_eq!(loc["uri"], "a.txt");
        let loc = artifact_location("/srv/a.txt", 0, Some("/home/x"));
        assert_eq!(loc["uri"], "file:///srv/a.txt");
        assert!(loc.get("uriBaseId").is_none());
        let loc = artifact_location("C:\\Entwürfe\\a.txt", 0, None);
        assert_eq!(loc["uri"], "file:///C:/Entw%C3%BCrfe/a.txt");
        let loc = artifact_location("-", 0, None);
        assert!(loc.get("uri").is_none());
    }

    /// A log made input by input (each document dropped after its part) is the log rendered at
    /// once: with results from several drafts and an unreadable file, and with no result at all.
    #[test]
    fn streamed_log_is_the_log_rendered_at_once() {
        use crate::pipeline::{check, Input, Settings};
        let rules = crate::RuleSet::builtin().unwrap();
        let draft = |name: &str| {
            let bytes = std::fs::read(format!("{}/../corpus/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap();
            check(Input::Bytes { name, bytes: &bytes }, rules, &Settings::default())
        };
        let batches: [Vec<FileResult>; 2] = [
            vec![
                draft("gesetzentwurf-hundehaltung-mv.txt"),
                FileResult::failed("kaputt.docx", "ZIP-Archiv, aber kein Word-Dokument"),
                draft("verordnung-fischereischein-mv.txt"),
            ],
            vec![FileResult::failed("kaputt.docx", "ZIP-Archiv, aber kein Word-Dokument")],
        ];
        let cwd = std::env::current_dir().ok().map(|p| p.to_string_lossy().into_owned());
        for mut files in batches {
            let expected = render(&Report { files: &files, rules, profile: Profile::Mv });
            let mut stream = Stream::default();
            for (i, file) in files.iter_mut().enumerate() {
                let one = Report { files: std::slice::from_ref(file), rules, profile: Profile::Mv };
                stream.push(file_part(&one, i, file, cwd.as_deref()));
                file.document = None;
            }
            let mut log = Vec::new();
            stream.write_log(rules, Profile::Mv, &mut log).unwrap();
            assert_eq!(String::from_utf8(log).unwrap(), expected);
        }
    }

    #[test]
    fn names_and_sentences() {
        assert_eq!(pascal_case("schriftlicher-antrag"), "SchriftlicherAntrag");
        assert_eq!(sentence("Antrag in Schriftform"), "Antrag in Schriftform.");
        assert_eq!(sentence("Gut."), "Gut.");
        assert_eq!(sentence("Besser: „Der Antrag ist zu stellen.“"), "Besser: „Der Antrag ist zu stellen.“");
        assert_eq!(sentence("Besser: „Textform“"), "Besser: „Textform“.");
        assert_eq!(paragraphs("  a\n  b\n\n  c  "), vec!["a b", "c"]);
    }
}
