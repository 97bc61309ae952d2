//! `digicheck.toml`: the settings a drafting office or the Normprüfstelle keeps with its drafts.
//!
//! Found upward from a checked path (like `.editorconfig`), or named explicitly; the command line
//! and the editor override it. Unknown keys are an error, so a typo does not silently change what
//! is checked. The file is read here, in the engine, because the CLI and the language server must
//! read it alike; what the file configures for a check is a [`crate::pipeline::Settings`], the rest
//! (failing threshold, extra rule folders, file globs) belongs to the front ends that use it.
//! Errors are German messages that name the file and the key.

use crate::input::InputLimits;
use crate::pipeline::Settings;
use crate::{Category, Profile, Severity};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

pub const FILE_NAME: &str = "digicheck.toml";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct Config {
    /// `auto` (default: told from each document, `mv` where it shows none), `mv`, `bund`, `bw`
    /// or `land`.
    pub profile: String,
    /// Also report findings in Vorblatt and Begründung.
    pub begruendung: bool,
    /// Report findings at or above this severity.
    pub min_severity: String,
    /// Exit with 1 if a finding at or above this severity remains.
    pub fail_on: String,
    /// Extra rule folders (relative to the configuration file).
    pub rule_dirs: Vec<PathBuf>,
    /// Also run the rules marked `default off`.
    pub alle_regeln: bool,
    /// Add the automation analysis per provision to the `digitalcheck` and HTML reports.
    pub automatisierung: bool,
    /// Rule ids on request to run besides the default rules.
    pub enable: Vec<String>,
    /// Rule ids not to run.
    pub disable: Vec<String>,
    /// Category ids not to report.
    pub disable_categories: Vec<String>,
    /// Severity per rule id.
    pub severity: BTreeMap<String, String>,
    /// Globs of files to check when a folder is given (default: all supported formats).
    pub include: Vec<String>,
    /// Globs of files to skip when a folder is given.
    pub exclude: Vec<String>,
    /// Largest input file in MB.
    pub max_file_size_mb: usize,
    /// Longest line (one paragraph of the rendered text) in KB.
    pub max_line_length_kb: usize,
    /// Time limit per document in seconds (reading, parsing, checking); 0 for none.
    pub time_limit_seconds: f64,
    /// The folder of the configuration file, for relative paths.
    #[serde(skip)]
    pub base: PathBuf,
    /// Where the configuration came from, if from a file.
    #[serde(skip)]
    pub source: Option<PathBuf>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            profile: "auto".into(),
            begruendung: false,
            min_severity: "hinweis".into(),
            fail_on: "mittel".into(),
            rule_dirs: Vec::new(),
            alle_regeln: false,
            automatisierung: false,
            enable: Vec::new(),
            disable: Vec::new(),
            disable_categories: Vec::new(),
            severity: BTreeMap::new(),
            include: Vec::new(),
            exclude: Vec::new(),
            max_file_size_mb: 256,
            max_line_length_kb: 1024,
            time_limit_seconds: 60.0,
            base: PathBuf::from("."),
            source: None,
        }
    }
}

/// A configuration validated: the settings of every check and what the front ends do around it.
#[derive(Debug, Clone)]
pub struct ProjectSettings {
    /// What each document is checked with.
    pub check: Settings,
    /// A run fails (exit code 1) if a finding at or above this severity remains.
    pub fail_on: Severity,
    /// Extra rule folders, resolved against the configuration file's folder.
    pub rule_dirs: Vec<PathBuf>,
    /// Globs of files to check when a folder is given.
    pub include: Vec<String>,
    /// Globs of files to skip when a folder is given.
    pub exclude: Vec<String>,
}

impl Config {
    /// Reads a configuration file.
    pub fn read(path: &Path) -> Result<Config, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: nicht lesbar: {e}", path.display()))?;
        Config::parse(&text, Some(path))
    }

    /// Reads the text of a configuration file; `path` (if any) is where it came from, for relative
    /// rule folders and for error messages.
    pub fn parse(text: &str, path: Option<&Path>) -> Result<Config, String> {
        let mut c: Config = toml::from_str(text).map_err(|e| match path {
            Some(p) => format!("{}: {}", p.display(), e.to_string().trim()),
            None => e.to_string().trim().to_string(),
        })?;
        if let Some(path) = path {
            c.base = path.parent().map(Path::to_path_buf).unwrap_or_default();
            c.source = Some(path.to_path_buf());
        }
        Ok(c)
    }

    /// The configuration in force for `start`: `digicheck.toml` in its folder or the nearest
    /// parent folder, else the defaults.
    pub fn discover(start: &Path) -> Result<Config, String> {
        let abs = std::fs::canonicalize(start).unwrap_or_else(|_| start.to_path_buf());
        let mut dir = if abs.is_dir() { Some(abs.as_path()) } else { abs.parent() };
        while let Some(d) = dir {
            let candidate = d.join(FILE_NAME);
            if candidate.is_file() {
                return Config::read(&candidate);
            }
            dir = d.parent();
        }
        Ok(Config::default())
    }

    /// Validates the configuration; the error names the file and the key.
    pub fn settings(&self) -> Result<ProjectSettings, String> {
        let where_ = self.source.as_ref().map(|p| format!("{}: ", p.display())).unwrap_or_default();
        let sev = |s: &str, key: &str| -> Result<Severity, String> { s.parse::<Severity>().map_err(|e| format!("{where_}{key}: {e}")) };
        let detect_profile = self.profile == "auto";
        let profile = if detect_profile { Profile::default() } else { self.profile.parse::<Profile>().map_err(|e| format!("{where_}profile: {e} oder auto"))? };
        let mut severity = BTreeMap::new();
        for (id, s) in &self.severity {
            severity.insert(id.clone(), sev(s, &format!("severity.{id}"))?);
        }
        let mut cats = Vec::new();
        for c in &self.disable_categories {
            cats.push(c.parse::<Category>().map_err(|e| format!("{where_}disable-categories: {e}"))?);
        }
        if self.max_file_size_mb == 0 {
            return Err(format!("{where_}max-file-size-mb muss größer als 0 sein"));
        }
        if self.max_line_length_kb == 0 {
            return Err(format!("{where_}max-line-length-kb muss größer als 0 sein"));
        }
        let time_limit = time_limit(self.time_limit_seconds).map_err(|e| format!("{where_}time-limit-seconds: {e}"))?;
        let limits = InputLimits {
            max_bytes: self.max_file_size_mb.saturating_mul(1024 * 1024),
            max_line_bytes: self.max_line_length_kb.saturating_mul(1024),
            ..InputLimits::default()
        };
        Ok(ProjectSettings {
            check: Settings {
                profile,
                detect_profile,
                include_begruendung: self.begruendung,
                min_severity: sev(&self.min_severity, "min-severity")?,
                severity,
                disabled_rules: self.disable.clone(),
                disabled_categories: cats,
                suppressions: true,
                limits,
                time_limit,
                all_rules: self.alle_regeln,
                automation: self.automatisierung,
                enabled_rules: self.enable.clone(),
            },
            fail_on: sev(&self.fail_on, "fail-on")?,
            rule_dirs: self.rule_dirs.iter().map(|d| self.base.join(d)).collect(),
            include: self.include.clone(),
            exclude: self.exclude.clone(),
        })
    }
}

/// A time limit in seconds as a duration; 0 means none.
pub fn time_limit(seconds: f64) -> Result<Option<Duration>, String> {
    if !seconds.is_finite() || seconds < 0.0 {
        return Err(format!("{seconds} ist keine gültige Zeitgrenze (Sekunden, 0 für keine)"));
    }
    Ok((seconds > 0.0).then(|| Duration::from_secs_f64(seconds)))
}

/// The commented default written by `digicheck init`.
pub const TEMPLATE: &str = r#"# Digi-Check – Einstellungen für diesen Ordner und alle Unterordner.
# Befehlszeilenoptionen (z. B. --profile, --fail-on) haben Vorrang.

# Rechtsrahmen, den Meldungen und Vorschläge zitieren:
#   "auto" – aus dem Dokument erkannt (Bund, M-V, Baden-Württemberg, anderes Land); ohne
#            Hinweis im Dokument Mecklenburg-Vorpommern
#   "mv"   – Mecklenburg-Vorpommern (VwVfG M-V, EGovG M-V, KV M-V)
#   "bund" – Bund (VwVfG, EGovG, OZG)
#   "bw"   – Baden-Württemberg (LVwVfG, EGovG BW, LVwZG)
#   "land" – ein anderes Land (neutral: „Verwaltungsverfahrensgesetz des Landes“)
profile = "auto"

# Auch Befunde im Vorblatt und in der Begründung melden (sonst nur im Gesetzestext).
begruendung = false

# Befunde ab dieser Schwere melden: blockierend, hoch, mittel, niedrig, hinweis.
min-severity = "hinweis"

# Mit Rückgabewert 1 enden, wenn ein Befund ab dieser Schwere bleibt (für CI und Skripte).
# „niedrig“ und „hinweis“ sind Ratschläge, keine Hemmnisse.
fail-on = "mittel"

# Zusätzliche Regelordner mit eigenen *.dc-Dateien (relativ zu dieser Datei).
rule-dirs = []

# Auch die Regeln auf Verlangen melden (`default off`: Hinweise, die in realen Gesetzen zu oft
# kein Hemmnis waren; `digicheck rules list` zeigt sie).
alle-regeln = false

# Auswertung der Automatisierbarkeit je Vorschrift (Ermessen, unbestimmte Rechtsbegriffe) in den
# Berichten „digitalcheck“ und „html“ (Prinzip 4 des Digitalchecks).
automatisierung = false

# Einzelne Regeln auf Verlangen zusätzlich prüfen, z. B. ["DC-SI-001", "DC-PO-003"] (Dienstsiegel,
# Postweg).
enable = []

# Regeln, die nicht laufen sollen, z. B. ["DC-SF-008"].
disable = []

# Kategorien, die nicht gemeldet werden sollen, z. B. ["automatisierung"].
# Kategorien: schriftform, unterschrift, persoenlich, original, papier, post, aushang, siegel,
#             technologie, once-only, automatisierung, begriffe
disable-categories = []

# Beim Prüfen von Ordnern: nur diese Dateien (Glob-Muster) und diese nicht.
include = []
exclude = []

# Größte Eingabedatei in MB.
max-file-size-mb = 256

# Längste Zeile (ein Absatz des gelesenen Textes) in KB.
max-line-length-kb = 1024

# Zeitgrenze je Dokument in Sekunden (Lesen, Gliedern, Prüfen); 0 für keine.
# Ein Dokument, das länger braucht, wird mit einem Fehler gemeldet; die übrigen werden weiter geprüft.
time-limit-seconds = 60

# Schwere einzelner Regeln ändern.
[severity]
# "DC-SF-008" = "niedrig"
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_is_the_default() {
        let c = Config::parse(TEMPLATE, None).unwrap();
        let s = c.settings().unwrap();
        assert_eq!(s.check.profile, Profile::Mv);
        assert_eq!(s.fail_on, Severity::Mittel);
        assert!(s.check.severity.is_empty());
        assert_eq!(s.check.time_limit, Some(Duration::from_secs(60)));
        let d = Config::default().settings().unwrap();
        assert_eq!(format!("{:?}", d.check), format!("{:?}", s.check));
    }

    #[test]
    fn typos_are_errors() {
        assert!(Config::parse("profil = \"bund\"", None).is_err());
        let c = Config::parse("fail-on = \"sehr hoch\"", Some(Path::new("amt/digicheck.toml"))).unwrap();
        assert!(c.settings().unwrap_err().starts_with("amt/digicheck.toml: fail-on: "));
    }
}
