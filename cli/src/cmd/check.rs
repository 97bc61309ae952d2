//! `digicheck check`: the main job — check inputs and report findings.

use crate::{baseline, inputs, output};
use anyhow::{anyhow, bail, Result};
use clap::{Args as ClapArgs, ValueEnum};
use digicheck_core::config::{Config, ProjectSettings};
use digicheck_core::report::{self, FileResult, Report};
use digicheck_core::{RuleSet, Severity};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(ClapArgs)]
pub struct Args {
    /// Dateien, Ordner (rekursiv, sortiert) oder `-` für die Standardeingabe.
    #[arg(required = true, value_name = "PFAD")]
    pub paths: Vec<String>,
    /// Ausgabeformat.
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Text, value_name = "FORMAT")]
    pub format: Format,
    /// In diese Datei schreiben statt auf die Standardausgabe (nie auf eine Eingabedatei).
    #[arg(long, short = 'o', value_name = "DATEI")]
    pub output: Option<PathBuf>,
    /// Einstellungsdatei; ohne Angabe wird `digicheck.toml` im Ordner der ersten Eingabe oder darüber gesucht.
    #[arg(long, value_name = "DATEI")]
    pub config: Option<PathBuf>,
    /// Rechtsrahmen der Meldungen und Vorschläge: `auto` (aus dem Dokument erkannt; Vorgabe), `mv`
    /// (Mecklenburg-Vorpommern), `bund`, `bw` (Baden-Württemberg) oder `land` (anderes Land, neutral).
    #[arg(long, value_name = "PROFIL")]
    pub profile: Option<String>,
    /// Rückgabewert 1, wenn ein Befund ab dieser Schwere bleibt (blockierend, hoch, mittel, niedrig, hinweis).
    #[arg(long, value_name = "SCHWERE")]
    pub fail_on: Option<String>,
    /// Nur Befunde ab dieser Schwere melden.
    #[arg(long, value_name = "SCHWERE")]
    pub min_severity: Option<String>,
    /// Zusätzlicher Regelordner mit *.dc-Dateien (mehrfach möglich).
    #[arg(long = "rules", value_name = "ORDNER")]
    pub rule_dirs: Vec<PathBuf>,
    /// Nur Dateien in Ordnern prüfen, die auf dieses Glob-Muster passen (mehrfach möglich).
    #[arg(long, value_name = "MUSTER")]
    pub include: Vec<String>,
    /// Dateien in Ordnern auslassen, die auf dieses Glob-Muster passen (mehrfach möglich).
    #[arg(long, value_name = "MUSTER")]
    pub exclude: Vec<String>,
    /// Auch Befunde in Vorblatt und Begründung melden.
    #[arg(long)]
    pub begruendung: bool,
    /// Auch die Regeln melden, die nur auf Verlangen laufen (Hinweise, die in realen Gesetzen zu oft
    /// kein Hemmnis waren; `digicheck rules list` zeigt sie).
    #[arg(long)]
    pub alle_regeln: bool,
    /// Diese Regel zusätzlich prüfen, auch wenn sie nur auf Verlangen läuft, z. B. `--regel DC-SI-001`
    /// (mehrfach möglich; ergänzt `enable` aus `digicheck.toml`).
    #[arg(long = "regel", value_name = "REGEL")]
    pub enable: Vec<String>,
    /// Automatisierbarkeit je Vorschrift auswerten (Ermessen, unbestimmte Rechtsbegriffe; Prinzip 4)
    /// und in den Berichten `digitalcheck` und `html` zeigen. Keine Befunde: Ermessen ist oft gewollt.
    #[arg(long)]
    pub automatisierung: bool,
    /// Nur Befunde melden, die nicht in dieser Baseline-Datei stehen.
    #[arg(long, value_name = "DATEI")]
    pub baseline: Option<PathBuf>,
    /// Die heutigen Befunde als Baseline in diese Datei schreiben.
    #[arg(long, value_name = "DATEI")]
    pub write_baseline: Option<PathBuf>,
    /// Keine Fortschrittsanzeige.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Farben: auto (am Terminal, außer NO_COLOR ist gesetzt), always, never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WANN")]
    pub color: ColorChoice,
    /// Zeitgrenze je Dokument in Sekunden (0: keine; Standard 60 oder `time-limit-seconds`).
    #[arg(long, value_name = "SEKUNDEN")]
    pub time_limit: Option<f64>,
    /// Anzahl paralleler Prüfungen (Standard: alle Kerne).
    #[arg(long, short = 'j', value_name = "ANZAHL")]
    pub jobs: Option<usize>,
    /// Längste erlaubte Zeile in Bytes (Standard 1 MB = 1048576 oder `max-line-length-kb`).
    #[arg(long, value_name = "BYTES", value_parser = crate::inputs::positive_bytes)]
    pub max_line_bytes: Option<u64>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Lesbare Diagnosen mit Quelltextzeile (Standard).
    Text,
    /// JSON nach dem Vertrag in DESIGN.md.
    Json,
    /// CSV (Semikolon, UTF-8 mit BOM) für Tabellenkalkulationen.
    Csv,
    /// Markdown-Bericht.
    Markdown,
    /// SARIF 2.1.0 für CI-Systeme und Code-Scanning.
    Sarif,
    /// Eigenständige HTML-Datei zum Lesen, Drucken und Weitergeben.
    Html,
    /// Entwurf der „Dokumentation der Digitaltauglichkeit“ (Markdown) je Prinzip des Digitalchecks.
    Digitalcheck,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let config = match &args.config {
        Some(p) => Config::read(p),
        None => Config::discover(Path::new(args.paths.iter().find(|p| *p != "-").map_or(".", String::as_str))),
    }
    .map_err(|e| anyhow!(e))?;
    let mut cfg = config;
    if let Some(p) = &args.profile {
        cfg.profile = p.clone();
    }
    if let Some(s) = &args.fail_on {
        cfg.fail_on = s.clone();
    }
    if let Some(s) = &args.min_severity {
        cfg.min_severity = s.clone();
    }
    cfg.begruendung |= args.begruendung;
    cfg.alle_regeln |= args.alle_regeln;
    cfg.enable.extend(args.enable.iter().cloned());
    cfg.automatisierung |= args.automatisierung;
    if let Some(t) = args.time_limit {
        cfg.time_limit_seconds = t;
    }
    cfg.include.extend(args.include.iter().cloned());
    cfg.exclude.extend(args.exclude.iter().cloned());
    let mut settings: ProjectSettings = cfg.settings().map_err(|e| anyhow!(e))?;
    settings.rule_dirs.extend(args.rule_dirs.iter().cloned());
    if let Some(n) = args.max_line_bytes {
        settings.check.limits.max_line_bytes = usize::try_from(n).unwrap_or(usize::MAX);
    }

    if settings.check.automation && !matches!(args.format, Format::Html | Format::Digitalcheck) {
        // The analysis is part of the two reports a drafter fills in from; elsewhere it is not
        // computed, and an explicit request is told so rather than ignored.
        settings.check.automation = false;
        if args.automatisierung {
            eprintln!(
                "digicheck: Die Auswertung der Automatisierbarkeit (--automatisierung) erscheint nur in den Berichten \
                 „digitalcheck“ und „html“ (--format digitalcheck oder --format html)."
            );
        }
    }
    let rules = load_rules(&settings.rule_dirs)?;
    rules.indices(&settings.check.enabled_rules).map_err(|e| anyhow!("--regel / enable: {e}"))?;
    let filter = inputs::Filter::new(&settings.include, &settings.exclude)?;
    let paths = inputs::expand(&args.paths, &filter)?;
    if paths.is_empty() {
        bail!("keine prüfbaren Dateien gefunden (unterstützt: .txt, .md, .docx, .pdf, .xml)");
    }
    for out in [&args.output, &args.write_baseline].into_iter().flatten() {
        refuse_input_as_output(out, &paths)?;
    }

    let progress = progress_bar(paths.len(), args.quiet);
    // A baseline filters or records every finding of the batch, so those runs render at once.
    if super::stream::streams(args.format) && args.baseline.is_none() && args.write_baseline.is_none() {
        let pool = match args.jobs {
            Some(n) => Some(rayon::ThreadPoolBuilder::new().num_threads(n.max(1)).build()?),
            None => None,
        };
        let run = || super::stream::run(args.format, &paths, &rules, &settings, args.output.as_deref(), &progress);
        let outcome = match &pool {
            Some(p) => p.install(run)?,
            None => run()?,
        };
        progress.finish_and_clear();
        for (name, e) in &outcome.errors {
            eprintln!("digicheck: {name}: {e}");
        }
        return Ok(if !outcome.errors.is_empty() {
            ExitCode::from(2)
        } else if outcome.failing {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        });
    }
    let check_one = |p: &inputs::InputPath| {
        let r = inputs::check(p, &rules, &settings.check);
        progress.inc(1);
        r
    };
    // One file is checked on this thread: starting rayon's pool for it (threads, their stacks and
    // allocator arenas) costs a one-page check more than the check itself.
    let work = || -> Vec<FileResult> {
        if paths.len() == 1 {
            paths.iter().map(check_one).collect()
        } else {
            paths.par_iter().map(check_one).collect()
        }
    };
    let mut files = match args.jobs {
        Some(n) => rayon::ThreadPoolBuilder::new().num_threads(n.max(1)).build()?.install(work),
        None => work(),
    };
    progress.finish_and_clear();

    if let Some(path) = &args.write_baseline {
        baseline::write(path, &files)?;
        eprintln!("digicheck: Baseline mit {} Befunden geschrieben: {}", files.iter().map(|f| f.findings.len()).sum::<usize>(), path.display());
    }
    if let Some(path) = &args.baseline {
        let hidden = baseline::filter(path, &mut files)?;
        if !args.quiet && hidden > 0 {
            eprintln!("digicheck: {hidden} bekannte Befunde aus der Baseline ausgeblendet");
        }
    }

    let report = Report { files: &files, rules: &rules, profile: settings.check.profile };
    let rendered = match args.format {
        Format::Text => report::text::render_to_width(&report, use_color(args.color, args.output.is_some()), text_width(args.output.is_some())),
        Format::Json => report::json::render(&report),
        Format::Csv => report::csv::render(&report),
        Format::Markdown => report::markdown::render(&report),
        Format::Sarif => report::sarif::render(&report),
        Format::Html => report::html::render(&report),
        Format::Digitalcheck => report::digitalcheck::render(&report),
    };
    match &args.output {
        Some(path) => output::file(path, rendered.as_bytes())?,
        None => output::stdout(&rendered)?,
    }
    // The text report lists the files it could not check at its end; in a terminal that list is
    // on screen already, so it is not printed a second time.
    let listed_on_screen = args.format == Format::Text && args.output.is_none() && std::io::stdout().is_terminal();
    if !listed_on_screen {
        for f in files.iter().filter(|f| !f.errors.is_empty()) {
            for e in &f.errors {
                eprintln!("digicheck: {}: {e}", f.name);
            }
        }
    }
    Ok(exit_code(&files, settings.fail_on))
}

/// The built-in catalogue with the extra rule folders, for every command that checks.
pub(crate) fn load_rules(dirs: &[PathBuf]) -> Result<RuleSet> {
    if dirs.is_empty() {
        RuleSet::builtin().cloned().map_err(|e| anyhow!("eingebauter Regelkatalog fehlerhaft:\n{e}"))
    } else {
        RuleSet::builtin_with_dirs(dirs).map_err(|e| anyhow!("{e}"))
    }
}

/// Exit codes (contract): 2 if an input could not be read, 1 if a finding at or above the fail
/// threshold remains, 0 otherwise.
fn exit_code(files: &[FileResult], fail_on: Severity) -> ExitCode {
    if files.iter().any(|f| !f.errors.is_empty()) {
        ExitCode::from(2)
    } else if files.iter().flat_map(|f| &f.findings).any(|f| f.severity >= fail_on) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn refuse_input_as_output(out: &Path, inputs: &[inputs::InputPath]) -> Result<()> {
    let out_abs = std::fs::canonicalize(out).ok();
    for i in inputs {
        if let Some(p) = i.path() {
            let same = match (&out_abs, std::fs::canonicalize(p).ok()) {
                (Some(a), Some(b)) => *a == b,
                _ => out == p,
            };
            if same {
                bail!("{}: die Ausgabe würde eine Eingabedatei überschreiben", out.display());
            }
        }
    }
    Ok(())
}

fn progress_bar(len: usize, quiet: bool) -> ProgressBar {
    if quiet || len < 2 || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len as u64);
    bar.set_style(
        ProgressStyle::with_template("{spinner} {pos}/{len} Dateien [{bar:40}] {eta} verbleibend")
            .expect("valid template")
            .progress_chars("=> "),
    );
    bar
}

fn use_color(choice: ColorChoice, to_file: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => !to_file && std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal(),
    }
}

/// The width text output is wrapped to: the terminal's, else `COLUMNS` if set (as `ls` and
/// `git` read it); files and pipes without `COLUMNS` get full lines.
fn text_width(to_file: bool) -> Option<usize> {
    if to_file {
        return None;
    }
    if std::io::stdout().is_terminal() {
        if let Some((terminal_size::Width(w), _)) = terminal_size::terminal_size() {
            return Some(usize::from(w));
        }
    }
    std::env::var("COLUMNS").ok().and_then(|c| c.trim().parse().ok())
}
