//! `digicheck apply`: writes the law as an amending draft would make it.
//!
//! The drafter (or the Normprüfstelle) sees the consolidated text before the law is passed, and
//! every command that does not fit the law it amends — a target that does not exist, old wording
//! that is not there, a number that would stand twice — is named with the reason.
//!
//! Exit codes: 0 every command applied; 3 the consolidated text is incomplete (some command was
//! not applied or not understood; the text says so at its top); 2 usage or input error.

use crate::inputs::{self, InputPath};
use crate::output;
use anyhow::{bail, Result};
use clap::Args as ClapArgs;
use digicheck_core::amend;
use digicheck_core::input::InputLimits;
use digicheck_core::Document;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Exit code of `apply` and `diff` when not every command could be applied.
pub const INCOMPLETE: u8 = 3;

#[derive(ClapArgs)]
pub struct Args {
    /// Text des zu ändernden Gesetzes (geltende Fassung).
    #[arg(value_name = "GESETZ")]
    pub base: PathBuf,
    /// Änderungsentwurf mit den Änderungsbefehlen.
    #[arg(value_name = "ENTWURF")]
    pub draft: PathBuf,
    /// Datei für die konsolidierte Fassung (nie eine der Eingaben).
    #[arg(long, short = 'o', value_name = "DATEI")]
    pub output: PathBuf,
    /// Eine vorhandene Ausgabedatei überschreiben.
    #[arg(long)]
    pub force: bool,
    /// Bei einem Mantelgesetz: das Gesetz, dessen Text GESETZ ist (Name oder Abkürzung, z. B.
    /// „Zivilprozessordnung“ oder „ZPO“). Ohne die Angabe wird es am Text erkannt.
    #[arg(long, value_name = "NAME")]
    pub law: Option<String>,
}

pub fn run(args: Args) -> Result<ExitCode> {
    refuse_overwrite(&args.output, &[&args.base, &args.draft], args.force)?;
    let load = |p: &Path| inputs::load(&InputPath::File(p.to_path_buf()), &InputLimits::default());
    let (base, draft) = match (load(&args.base), load(&args.draft)) {
        (Ok(b), Ok(d)) => (Document::parse(b), Document::parse(d)),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("digicheck: {e}");
            return Ok(ExitCode::from(2));
        }
    };
    let amendments = amend::parse(&draft);
    if amendments.commands.is_empty() && amendments.unparsed.is_empty() {
        eprintln!("digicheck: {}: keine Änderungsbefehle gefunden", args.draft.display());
        return Ok(ExitCode::from(2));
    }
    let applied = match amend::apply_draft(&base, &amendments, args.law.as_deref()) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("digicheck: {e}");
            return Ok(ExitCode::from(2));
        }
    };
    output::file(&args.output, applied.marked_text().as_bytes())?;
    report(&applied, &args.output);
    Ok(if applied.is_complete() { ExitCode::SUCCESS } else { ExitCode::from(INCOMPLETE) })
}

/// What happened, on standard error: the count, then every command not applied with its reason.
fn report(applied: &amend::Applied, output: &Path) {
    let total = applied.results.len() + applied.unparsed.len();
    let law = applied.law.as_ref().map(|l| format!(" ({})", l.name)).unwrap_or_default();
    let skipped = match applied.skipped().count() {
        0 => String::new(),
        n => format!(", {n} übersprungen (siehe Hinweis)"),
    };
    if applied.is_complete() {
        eprintln!("digicheck: {} von {total} Änderungsbefehlen angewandt{law}{skipped}; konsolidierte Fassung: {}", applied.applied(), output.display());
    } else {
        eprintln!(
            "digicheck: {} von {total} Änderungsbefehlen angewandt{law}, {} nicht angewandt{skipped}; die konsolidierte Fassung {} ist UNVOLLSTÄNDIG (so am Anfang vermerkt)",
            applied.applied(),
            applied.not_applied(),
            output.display()
        );
    }
    for r in applied.failed() {
        eprintln!("  nicht angewandt: {} ({}, {}): {}", r.path, r.target, r.op.verb(), r.error.as_deref().unwrap_or_default());
    }
    for u in &applied.unparsed {
        eprintln!("  nicht verstanden: {}: {}", u.path, u.reason);
    }
    for r in applied.results.iter().filter(|r| r.outcome == amend::Outcome::Applied) {
        if let Some(n) = &r.note {
            eprintln!("  Hinweis: {} ({}): {n}", r.path, r.target);
        }
    }
    for n in &applied.notes {
        eprintln!("  Hinweis: {n}");
    }
}

/// Never writes over an input; writes over another existing file only with `--force`.
fn refuse_overwrite(out: &Path, inputs: &[&Path], force: bool) -> Result<()> {
    let out_abs = std::fs::canonicalize(out).ok();
    for i in inputs {
        let same = match (&out_abs, std::fs::canonicalize(i).ok()) {
            (Some(a), Some(b)) => *a == b,
            _ => out == *i,
        };
        if same {
            bail!("{}: die Ausgabe würde eine Eingabedatei überschreiben", out.display());
        }
    }
    if out.exists() && !force {
        bail!("{}: Datei besteht bereits (mit --force überschreiben)", out.display());
    }
    Ok(())
}
