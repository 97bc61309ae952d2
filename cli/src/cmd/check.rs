//! `digicheck check`: the main job — check inputs and report findings.

use crate::inputs;
use anyhow::Result;
use clap::Args as ClapArgs;
use digicheck_core::input::InputLimits;
use digicheck_core::Document;
use serde_json::json;
use std::process::ExitCode;

#[derive(ClapArgs)]
pub struct Args {
    /// Dateien, Ordner (rekursiv) oder `-` für die Standardeingabe.
    #[arg(required = true)]
    pub paths: Vec<String>,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let paths = inputs::expand(&args.paths)?;
    let mut out = Vec::new();
    let mut failed = false;
    for p in &paths {
        let name = p.display_name();
        match inputs::load(p, &InputLimits::default()) {
            Ok(source) => {
                let _doc = Document::parse(source);
                out.push(json!({"file": name, "findings": [], "errors": []}));
            }
            Err(e) => {
                failed = true;
                eprintln!("digicheck: {e}");
                out.push(json!({"file": name, "findings": [], "errors": [e.problem]}));
            }
        }
    }
    crate::output::stdout(&(serde_json::to_string_pretty(&out)? + "\n"))?;
    Ok(if failed { ExitCode::from(2) } else { ExitCode::SUCCESS })
}
