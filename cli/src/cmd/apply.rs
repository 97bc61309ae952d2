//! `digicheck apply`: writes the law as an amending draft would make it.
//!
//! The drafter (or the Normprüfstelle) sees the consolidated text before the law is passed, and
//! every command that does not fit the law it amends — a target that does not exist, old wording
//! that is not there — is named with the reason.

use crate::inputs::{self, InputPath};
use crate::output;
use anyhow::{bail, Result};
use clap::Args as ClapArgs;
use digicheck_core::amend;
use digicheck_core::input::InputLimits;
use digicheck_core::Document;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(ClapArgs)]
pub struct Args {
    /// Text des zu ändernden Gesetzes (geltende Fassung).
    pub base: PathBuf,
    /// Änderungsentwurf mit den Änderungsbefehlen.
    pub draft: PathBuf,
    /// Datei für die konsolidierte Fassung (nie eine der Eingaben).
    #[arg(long, short = 'o')]
    pub output: PathBuf,
    /// Eine vorhandene Ausgabedatei überschreiben.
    #[arg(long)]
    pub force: bool,
}

pub fn run(args: Args) -> Result<ExitCode> {
    refuse_overwrite(&args.output, &[&args.base, &args.draft], args.force)?;
    let load = |p: &Path| inputs::load(&InputPath::File(p.to_path_buf()), &InputLimits::default());
    let (base, draft) = match (load(&args.base), load(&args.draft)) {
        (Ok(b), Ok(d)) => (b, d),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("digicheck: {e}");
            return Ok(ExitCode::from(2));
        }
    };
    let draft = Document::parse(draft);
    let amendments = amend::parse(&draft);
    if amendments.commands.is_empty() && amendments.unparsed.is_empty() {
        eprintln!("digicheck: {}: keine Änderungsbefehle gefunden", args.draft.display());
        return Ok(ExitCode::from(2));
    }
    let commands = match amend::commands_for(&amendments, base.text()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("digicheck: {e}");
            return Ok(ExitCode::from(2));
        }
    };
    let applied = amend::apply(base.text(), &commands);
    output::file(&args.output, applied.text.as_bytes())?;

    eprintln!(
        "digicheck: {} von {} Änderungsbefehlen angewandt; konsolidierte Fassung: {}",
        applied.applied(),
        applied.results.len(),
        args.output.display()
    );
    for r in &applied.results {
        if let Some(e) = &r.error {
            eprintln!("  nicht anwendbar: {} ({}, {}): {e}", r.path, r.target, r.op.verb());
        } else if let Some(n) = &r.note {
            eprintln!("  Hinweis: {} ({}): {n}", r.path, r.target);
        }
    }
    for u in &amendments.unparsed {
        eprintln!("  nicht verstanden: {}: {}", u.path, u.reason);
    }
    let failed = applied.failed().count() + amendments.unparsed.len();
    Ok(if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
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
