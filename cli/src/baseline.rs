//! Baselines: record today's findings so that a later run reports only new ones.
//!
//! A finding is recorded by rule id and a fingerprint of the sentence it lies in
//! (`report::fingerprint`), not by line number, so moving a § elsewhere or adding text above does
//! not make old findings look new. Matching counts multiplicity: two equal findings in the
//! baseline hide at most two in the new run.

use anyhow::{bail, Context, Result};
use digicheck_core::report::{fingerprint, FileResult};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::Path;

#[derive(Debug, Serialize, Deserialize)]
struct BaselineFile {
    version: u32,
    tool: String,
    findings: Vec<Entry>,
}

#[derive(Debug, Serialize, Deserialize)]
struct Entry {
    rule: String,
    fingerprint: String,
    /// For people reading the file; not used for matching.
    file: String,
    norm: String,
    text: String,
}

pub fn write(path: &Path, files: &[FileResult]) -> Result<()> {
    let mut findings = Vec::new();
    for f in files {
        let Some(doc) = &f.document else { continue };
        for x in &f.findings {
            findings.push(Entry {
                rule: x.rule.clone(),
                fingerprint: fingerprint(doc, x),
                file: f.name.clone(),
                norm: x.norm.clone(),
                text: x.text.clone(),
            });
        }
    }
    let b = BaselineFile { version: 1, tool: "digicheck".into(), findings };
    let json = serde_json::to_string_pretty(&b)? + "\n";
    crate::output::file(path, json.as_bytes())
}

/// Removes every finding recorded in the baseline; returns how many were hidden.
pub fn filter(path: &Path, files: &mut [FileResult]) -> Result<usize> {
    let text = std::fs::read_to_string(path).with_context(|| format!("{}: Baseline nicht lesbar", path.display()))?;
    let b: BaselineFile = serde_json::from_str(&text).with_context(|| format!("{}: keine gültige Baseline-Datei", path.display()))?;
    if b.version != 1 {
        bail!("{}: Baseline-Version {} wird nicht unterstützt (erwartet: 1)", path.display(), b.version);
    }
    let mut known: HashMap<(String, String), usize> = HashMap::new();
    for e in b.findings {
        *known.entry((e.rule, e.fingerprint)).or_default() += 1;
    }
    let mut hidden = 0;
    for f in files.iter_mut() {
        let Some(doc) = &f.document else { continue };
        let fps: Vec<String> = f.findings.iter().map(|x| fingerprint(doc, x)).collect();
        let mut i = 0;
        f.findings.retain(|x| {
            let key = (x.rule.clone(), fps[i].clone());
            i += 1;
            match known.get_mut(&key) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    hidden += 1;
                    false
                }
                _ => true,
            }
        });
    }
    Ok(hidden)
}
