//! `digicheck init`: writes a commented default `digicheck.toml`.

use digicheck_core::config::{FILE_NAME, TEMPLATE};
use anyhow::{bail, Result};
use clap::Args as ClapArgs;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(ClapArgs)]
pub struct Args {
    /// Ordner, in den die Datei geschrieben wird.
    #[arg(default_value = ".", value_name = "ORDNER")]
    pub dir: PathBuf,
    /// Eine vorhandene Datei überschreiben.
    #[arg(long)]
    pub force: bool,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let path = args.dir.join(FILE_NAME);
    if path.exists() && !args.force {
        bail!("{}: existiert bereits (mit --force überschreiben)", path.display());
    }
    crate::output::file(&path, TEMPLATE.as_bytes())?;
    eprintln!("digicheck: {} geschrieben", path.display());
    Ok(ExitCode::SUCCESS)
}
