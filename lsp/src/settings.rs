//! What the editor configures, merged with `digicheck.toml`.
//!
//! The same precedence as on the command line: `digicheck.toml` found upward from the document's
//! folder is the base (so editor and CI agree by default), and the editor's settings override it
//! the way command-line flags do. The editor sends its settings in `initializationOptions` and again
//! in `workspace/didChangeConfiguration`, either bare or under a `digicheck` key (what VS Code's
//! `synchronize.configurationSection` produces).

use digicheck_core::config::{Config, ProjectSettings};
use serde::Deserialize;
use serde_json::Value;
use std::path::PathBuf;

/// The editor's settings; every field optional, unset means "as in `digicheck.toml`".
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ClientSettings {
    /// `mv` or `bund`.
    pub profile: Option<String>,
    /// Report findings at or above this severity.
    #[serde(alias = "min-severity")]
    pub min_severity: Option<String>,
    /// Rule ids not to report (added to those disabled in `digicheck.toml`).
    pub disable: Vec<String>,
    /// Also report findings in Vorblatt and Begründung.
    pub begruendung: Option<bool>,
    /// Also report the rules that run only on request (`--alle-regeln`).
    pub alle_regeln: Option<bool>,
    /// Rules on request to check besides the default (added to `enable` in `digicheck.toml`).
    pub enable: Vec<String>,
    /// Quiet time in milliseconds after the last change before a document is checked (default
    /// none: checked at once, edits typed during a check are coalesced); for slow machines.
    pub debounce_ms: Option<u64>,
}

impl ClientSettings {
    /// Reads settings from `initializationOptions` or `didChangeConfiguration`'s `settings`.
    /// Unknown keys are ignored (editors send their own); a value of the wrong type is an error.
    pub fn from_json(value: &Value) -> Result<ClientSettings, String> {
        let inner = value.get("digicheck").unwrap_or(value);
        if inner.is_null() {
            return Ok(ClientSettings::default());
        }
        let mut s: ClientSettings = serde_json::from_value(inner.clone()).map_err(|e| format!("Einstellungen des Editors unlesbar: {e}"))?;
        // Editors send "" for an unset choice.
        s.profile = s.profile.filter(|p| !p.trim().is_empty());
        s.min_severity = s.min_severity.filter(|p| !p.trim().is_empty());
        s.disable.retain(|r| !r.trim().is_empty());
        Ok(s)
    }
}

/// The settings in force for one document and, if `digicheck.toml` or the editor's values were
/// wrong, why the defaults were used for part of them (to show the user once).
pub fn resolve(path: Option<&PathBuf>, client: &ClientSettings) -> (ProjectSettings, Vec<String>) {
    let mut problems = Vec::new();
    let base = match path {
        Some(p) => Config::discover(p).unwrap_or_else(|e| {
            problems.push(e);
            Config::default()
        }),
        None => Config::default(),
    };
    let mut cfg = base.clone();
    if let Some(p) = &client.profile {
        cfg.profile = p.clone();
    }
    if let Some(m) = &client.min_severity {
        cfg.min_severity = m.clone();
    }
    if let Some(b) = client.begruendung {
        cfg.begruendung = b;
    }
    if let Some(b) = client.alle_regeln {
        cfg.alle_regeln = b;
    }
    cfg.enable.extend(client.enable.iter().cloned());
    cfg.disable.extend(client.disable.iter().cloned());
    let settings = cfg.settings().or_else(|e| {
        problems.push(format!("Einstellungen des Editors: {e}"));
        let mut fallback = base.clone();
        fallback.disable.extend(client.disable.iter().cloned());
        fallback.settings()
    });
    let settings = settings.unwrap_or_else(|e| {
        problems.push(e);
        let mut fallback = Config::default();
        fallback.disable.extend(client.disable.iter().cloned());
        fallback.settings().expect("the default configuration is valid")
    });
    (settings, problems)
}

#[cfg(test)]
mod tests {
    use super::*;
    use digicheck_core::{Profile, Severity};
    use serde_json::json;

    #[test]
    fn reads_bare_and_nested_settings() {
        let a = ClientSettings::from_json(&json!({"profile": "bund", "minSeverity": "hoch", "disable": ["DC-SF-001"], "other": 1})).unwrap();
        let b = ClientSettings::from_json(&json!({"digicheck": {"profile": "bund", "minSeverity": "hoch", "disable": ["DC-SF-001"]}})).unwrap();
        assert_eq!(a, b);
        assert_eq!(ClientSettings::from_json(&Value::Null).unwrap(), ClientSettings::default());
        assert!(ClientSettings::from_json(&json!({"disable": 3})).is_err());
        let empty = ClientSettings::from_json(&json!({"profile": "", "minSeverity": ""})).unwrap();
        assert_eq!(empty, ClientSettings::default());
    }

    #[test]
    fn editor_overrides_defaults_and_bad_values_fall_back() {
        let c = ClientSettings { profile: Some("bund".into()), min_severity: Some("mittel".into()), ..Default::default() };
        let (s, problems) = resolve(None, &c);
        assert!(problems.is_empty());
        assert_eq!((s.check.profile, s.check.min_severity), (Profile::Bund, Severity::Mittel));
        assert!(!s.check.all_rules);
        let all = ClientSettings::from_json(&json!({"digicheck": {"alleRegeln": true}})).unwrap();
        assert!(resolve(None, &all).0.check.all_rules);
        let bad = ClientSettings { profile: Some("bayern".into()), disable: vec!["DC-X".into()], ..Default::default() };
        let (s, problems) = resolve(None, &bad);
        assert_eq!(s.check.profile, Profile::Mv);
        assert_eq!(s.check.disabled_rules, vec!["DC-X".to_string()]);
        assert!(problems[0].contains("bayern"), "{problems:?}");
    }
}
