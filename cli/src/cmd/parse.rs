//! `digicheck parse`: shows the kind of document and the structure the parser recognised (with
//! notes on what it recognised but could not structure), so drafters and rule authors can see why
//! a finding is attributed to a norm.

use crate::inputs::{self, InputPath};
use crate::output;
use anyhow::Result;
use clap::{Args as ClapArgs, ValueEnum};
use digicheck_core::input::InputLimits;
use digicheck_core::structure::json;
use digicheck_core::Document;
use std::process::ExitCode;

#[derive(ClapArgs)]
pub struct Args {
    /// Datei oder `-` für die Standardeingabe.
    #[arg(value_name = "DATEI")]
    pub file: String,
    /// Ausgabeformat: `tree` (eingerückte Gliederung mit Zeilennummern) oder `json`.
    #[arg(long, value_enum, default_value_t = ParseFormat::Tree, value_name = "FORMAT")]
    pub format: ParseFormat,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ParseFormat {
    Tree,
    Json,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let input = if args.file == "-" { InputPath::Stdin } else { InputPath::File(args.file.into()) };
    let source = match inputs::load(&input, &InputLimits::default()) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("digicheck: {e}");
            return Ok(ExitCode::from(2));
        }
    };
    let doc = Document::parse(source);
    match args.format {
        ParseFormat::Json => output::stdout(&(serde_json::to_string_pretty(&json::to_json(&doc))? + "\n"))?,
        ParseFormat::Tree => output::stdout(&json::to_tree(&doc))?,
    }
    Ok(ExitCode::SUCCESS)
}
