//! `digicheck explain ID`: a rule's documentation, rendered from the rule's own metadata (the same
//! source as findings, SARIF rule descriptions and editor hovers).

use crate::output;
use anyhow::Result;
use clap::Args as ClapArgs;
use digicheck_core::report::explain::render;
use digicheck_core::RuleSet;
use std::process::ExitCode;

#[derive(ClapArgs)]
pub struct Args {
    /// Regel-Kennung (z. B. DC-SF-001) oder Kurzname.
    #[arg(value_name = "KENNUNG")]
    pub id: String,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let set = RuleSet::builtin()?;
    let rule = super::rules::find(set, &args.id)?;
    output::stdout(&render(set, rule, false))?;
    Ok(ExitCode::SUCCESS)
}
