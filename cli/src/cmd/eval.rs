//! `digicheck eval FILE.jsonl`: measures the engine against labelled provisions.

use anyhow::{Context, Result};
use clap::Args as ClapArgs;
use digicheck_core::rules::eval::{evaluate, read_jsonl, resolve_texts, Counts, EvalReport, ItemOutcome};
use digicheck_core::{CheckOptions, Profile, RuleSet};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(ClapArgs)]
pub struct Args {
    /// JSON-Lines-Datei mit bewerteten Vorschriften (Felder id, law, norm, text, label, categories,
    /// debatable, note; statt `text` auch `file`, `start`, `end` und `fnv1a`).
    #[arg(value_name = "DATEI")]
    pub file: PathBuf,
    /// Ausgabeformat.
    #[arg(long, value_enum, default_value_t = super::rules::Format::Text, value_name = "FORMAT")]
    pub format: super::rules::Format,
    /// Rechtsprofil für Meldungen (mv oder bund).
    #[arg(long, default_value = "mv", value_name = "PROFIL")]
    pub profile: Profile,
    /// Ordner, in dem die `file`-Angaben eines Satzes ohne Wortlaut gesucht werden (mehrfach
    /// möglich, der erste mit der Datei gilt), z. B. `--corpus ../shared/corpus --corpus DIR`,
    /// wenn DIR das entpackte `federal/` aus federal.tar.gz enthält.
    #[arg(long, value_name = "ORDNER")]
    pub corpus: Vec<PathBuf>,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let text = std::fs::read_to_string(&args.file).with_context(|| format!("{} nicht lesbar", args.file.display()))?;
    let mut items = read_jsonl(&text).map_err(|e| anyhow::anyhow!("{}: {e}", args.file.display()))?;
    resolve_texts(&mut items, |file| {
        if args.corpus.is_empty() {
            return Err("der Satz enthält keinen Wortlaut; Korpusordner mit --corpus angeben".into());
        }
        args.corpus
            .iter()
            .map(|dir| dir.join(file))
            .find(|p| p.is_file())
            .ok_or_else(|| format!("in keinem der Ordner {} gefunden", list(&args.corpus)))
            .and_then(|p| std::fs::read(&p).map_err(|e| format!("{}: {e}", p.display())))
    })
    .map_err(|e| anyhow::anyhow!("{}: {e}", args.file.display()))?;
    let set = RuleSet::builtin()?;
    let report = evaluate(&items, set, &CheckOptions { profile: args.profile, ..CheckOptions::default() });
    let mut out = std::io::stdout().lock();
    let written = match args.format {
        super::rules::Format::Json => serde_json::to_writer_pretty(&mut out, &report).map_err(std::io::Error::from).and_then(|_| writeln!(out)),
        super::rules::Format::Text => print_text(&mut out, &report),
    };
    match written {
        // A reader that stops early (`| head`) is no error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        other => other.map(|_| ExitCode::SUCCESS).context("Ausgabe nicht schreibbar"),
    }
}

fn list(dirs: &[PathBuf]) -> String {
    dirs.iter().map(|d| d.display().to_string()).collect::<Vec<_>>().join(", ")
}

fn line(out: &mut impl Write, name: &str, c: &Counts) -> std::io::Result<()> {
    writeln!(
        out,
        "  {name:<16} P {:.3}  R {:.3}  F1 {:.3}   (tp {}, fp {}, fn {}, tn {})",
        c.precision(),
        c.recall(),
        c.f1(),
        c.tp,
        c.fp,
        c.fn_,
        c.tn
    )
}

fn print_text(out: &mut impl Write, r: &EvalReport) -> std::io::Result<()> {
    writeln!(out, "{} Vorschriften, davon {} strittig (debatable, nicht in der Hauptwertung)", r.items, r.debatable_items)?;
    writeln!(out, "Hemmnis ja/nein:")?;
    line(out, "ohne strittige", &r.overall)?;
    line(out, "mit strittigen", &r.with_debatable)?;
    line(out, "nur strittige", &r.debatable)?;
    writeln!(
        out,
        "  Kategorie stimmt bei {} von {} Treffern ({:.3})",
        r.category_agreement.0,
        r.category_agreement.1,
        r.category_agreement_rate()
    )?;
    writeln!(out, "Je Kategorie (ohne strittige):")?;
    for c in &r.per_category {
        line(out, &c.category, &c.counts)?;
    }
    show(out, r, "Verfehlt", |o| !o.debatable && o.is_miss())?;
    show(out, r, "Fehlalarme", |o| !o.debatable && o.is_false_alarm())?;
    show(out, r, "Treffer mit anderer Kategorie", |o| !o.debatable && o.label == "barrier" && o.predicted && !o.category_agrees())?;
    writeln!(out, "Strittig (debatable):")?;
    for o in r.outcomes.iter().filter(|o| o.debatable) {
        let verdict = match (o.label == "barrier", o.predicted) {
            (true, true) | (false, false) => "richtig",
            (true, false) => "verfehlt",
            (false, true) => "Fehlalarm",
        };
        writeln!(out, "  {} {} {} {}: {verdict}", o.id, o.law, o.norm, o.label)?;
    }
    Ok(())
}

/// Lists the outcomes that `pred` picks, with their barrier-level findings.
fn show(out: &mut impl Write, r: &EvalReport, title: &str, pred: impl Fn(&ItemOutcome) -> bool) -> std::io::Result<()> {
    let list: Vec<_> = r.outcomes.iter().filter(|o| pred(o)).collect();
    writeln!(out, "{title} ({}):", list.len())?;
    for o in list {
        writeln!(out, "  {} {} {} [{}]: {}", o.id, o.law, o.norm, o.categories.join(","), o.excerpt)?;
        for f in &o.findings {
            writeln!(out, "      {f}")?;
        }
    }
    Ok(())
}
