//! `digicheck lsp`: runs the language server (crate `digicheck-lsp`) on standard input and output.

use anyhow::{Context, Result};
use clap::Args as ClapArgs;
use digicheck_core::RuleSet;
use std::process::ExitCode;

#[derive(ClapArgs)]
pub struct Args {
    /// Wird von Editoren übergeben, die den Transport ausdrücklich nennen; nur stdio wird unterstützt.
    #[arg(long)]
    pub stdio: bool,
}

pub fn run(_args: Args) -> Result<ExitCode> {
    let rules = RuleSet::builtin().map_err(|e| anyhow::anyhow!("eingebauter Regelkatalog fehlerhaft:\n{e}"))?;
    let code = digicheck_lsp::serve(rules).context("Sprachserver: Ein-/Ausgabe fehlgeschlagen")?;
    Ok(ExitCode::from(code))
}
