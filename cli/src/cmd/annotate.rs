//! `digicheck annotate IN.docx -o OUT.docx`: the findings as Word comments in a copy of the draft.
//!
//! The Normprüfstelle answers a ministry in the ministry's own Word file. The draft is checked
//! exactly as `check` would (same configuration, profile, severities, suppressions), and every
//! finding becomes one comment by „Digi-Check“ on the matched words, with message, suggestion and
//! rule id. The input is never written: the output must be another file, an existing output is only
//! replaced with `--force`, and it is written through a temporary file and a rename.

use crate::cmd::check::load_rules;
use crate::inputs::{self, InputPath};
use crate::output;
use anyhow::{anyhow, bail, Context, Result};
use digicheck_core::config::Config;
use clap::Args as ClapArgs;
use digicheck_core::annotate::{annotate_docx, finding_comment, AnnotateOptions};
use digicheck_core::input::{self, Format};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(ClapArgs)]
pub struct Args {
    /// Die zu prüfende Word-Datei (.docx).
    #[arg(value_name = "EINGABE")]
    pub input: PathBuf,
    /// Die kommentierte Kopie, die geschrieben wird (nie die Eingabedatei).
    #[arg(long, short = 'o', required = true, value_name = "DATEI")]
    pub output: PathBuf,
    /// Eine vorhandene Ausgabedatei überschreiben.
    #[arg(long)]
    pub force: bool,
    /// Einstellungsdatei; ohne Angabe wird `digicheck.toml` im Ordner der Eingabe oder darüber gesucht.
    #[arg(long, value_name = "DATEI")]
    pub config: Option<PathBuf>,
    /// Rechtsrahmen der Meldungen und Vorschläge: `auto` (aus dem Dokument erkannt; Vorgabe), `mv`
    /// (Mecklenburg-Vorpommern), `bund`, `bw` (Baden-Württemberg) oder `land` (anderes Land, neutral).
    #[arg(long, value_name = "PROFIL")]
    pub profile: Option<String>,
    /// Nur Befunde ab dieser Schwere kommentieren.
    #[arg(long, value_name = "SCHWERE")]
    pub min_severity: Option<String>,
    /// Auch Befunde in Vorblatt und Begründung kommentieren.
    #[arg(long)]
    pub begruendung: bool,
    /// Zusätzlicher Regelordner mit *.dc-Dateien (mehrfach möglich).
    #[arg(long = "rules", value_name = "ORDNER")]
    pub rule_dirs: Vec<PathBuf>,
    /// Name der Kommentarautorin oder des Kommentarautors.
    #[arg(long, default_value = "Digi-Check", value_name = "NAME")]
    pub author: String,
    /// Längste erlaubte Zeile in Bytes (Standard 1 MB = 1048576 oder `max-line-length-kb`).
    #[arg(long, value_name = "BYTES", value_parser = crate::inputs::positive_bytes)]
    pub max_line_bytes: Option<u64>,
}

pub fn run(args: Args) -> Result<ExitCode> {
    refuse_unsafe_output(&args.input, &args.output, args.force)?;
    let original = std::fs::read(&args.input).with_context(|| format!("{}: nicht lesbar", args.input.display()))?;
    let name = args.input.display().to_string();
    if input::detect_format(&name, &original) != Format::Docx {
        bail!("{name}: keine Word-Datei (.docx); Kommentare können nur in Word-Dateien geschrieben werden");
    }

    let mut cfg = match &args.config {
        Some(p) => Config::read(p),
        None => Config::discover(&args.input),
    }
    .map_err(|e| anyhow!(e))?;
    if let Some(p) = &args.profile {
        cfg.profile = p.clone();
    }
    if let Some(s) = &args.min_severity {
        cfg.min_severity = s.clone();
    }
    cfg.begruendung |= args.begruendung;
    let mut settings = cfg.settings().map_err(|e| anyhow!(e))?;
    settings.rule_dirs.extend(args.rule_dirs.iter().cloned());
    if let Some(n) = args.max_line_bytes {
        settings.check.limits.max_line_bytes = usize::try_from(n).unwrap_or(usize::MAX);
    }
    let rules = load_rules(&settings.rule_dirs)?;

    let checked = inputs::check(&InputPath::File(args.input.clone()), &rules, &settings.check);
    if let Some(e) = checked.errors.first() {
        eprintln!("digicheck: {name}: {e}");
        return Ok(ExitCode::from(2));
    }
    let doc = checked.document.as_ref().expect("a checked file without errors has a document");
    let comments: Vec<_> = checked.findings.iter().map(|f| finding_comment(f, doc.source())).collect();
    let options =
        AnnotateOptions { author: args.author.clone(), initials: initials(&args.author), date: Some(utc_now()) };
    let limits = settings.check.limits.clone();
    let annotated = match annotate_docx(&name, &original, doc.source(), &comments, &options, &limits) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("digicheck: {e}");
            return Ok(ExitCode::from(2));
        }
    };
    output::file(&args.output, &annotated.docx)?;
    for &k in &annotated.unplaced {
        let f = &checked.findings[k];
        eprintln!(
            "digicheck: Warnung: Befund {} „{}“ ({}) nicht im Word-Text gefunden; kein Kommentar",
            f.rule,
            f.text,
            if f.norm.is_empty() { "ohne Gliederung" } else { &f.norm }
        );
    }
    eprintln!(
        "digicheck: {} Kommentar{} in {} geschrieben",
        annotated.placed,
        if annotated.placed == 1 { "" } else { "e" },
        args.output.display()
    );
    // The job was to write the comments, and it is done: 0, so `annotate … && next` goes on.
    // Whether the findings should fail a pipeline is `check --fail-on`'s question.
    Ok(ExitCode::SUCCESS)
}

/// The output must not be the input (also not through another path to the same file), and an
/// existing file is only replaced when asked to.
fn refuse_unsafe_output(input: &Path, output: &Path, force: bool) -> Result<()> {
    let canonical = |p: &Path| -> Option<PathBuf> {
        std::fs::canonicalize(p).ok().or_else(|| {
            let parent = p.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
            Some(std::fs::canonicalize(parent).ok()?.join(p.file_name()?))
        })
    };
    if input == output || (canonical(input).is_some() && canonical(input) == canonical(output)) {
        bail!("{}: die Ausgabe wäre die Eingabedatei; bitte eine andere Ausgabedatei angeben", output.display());
    }
    if output.exists() && !force {
        bail!("{}: Datei existiert bereits; mit --force überschreiben", output.display());
    }
    Ok(())
}

fn initials(author: &str) -> String {
    let i: String = author.split(|c: char| c.is_whitespace() || c == '-').filter_map(|w| w.chars().next()).collect();
    if i.is_empty() {
        "DC".to_string()
    } else {
        i.to_uppercase()
    }
}

/// The current time as ISO 8601 in UTC, as Word writes comment dates.
fn utc_now() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs()) as i64;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z", rem / 3600, rem % 3600 / 60, rem % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_and_dates() {
        assert_eq!(initials("Digi-Check"), "DC");
        assert_eq!(initials("Referat 21"), "R2");
        let now = utc_now();
        assert_eq!(now.len(), 20, "{now}");
        assert!(now.starts_with("20") && now.ends_with('Z'));
    }
}
