//! `digicheck rules`: list, show, test and export the rule catalogue.

use anyhow::{anyhow, Result};
use clap::{Args as ClapArgs, Subcommand, ValueEnum};
use digicheck_core::rules::{catalog, RuleSet};
use digicheck_core::Rule;
use serde_json::json;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(ClapArgs)]
pub struct Args {
    #[command(subcommand)]
    pub command: RulesCommand,
}

#[derive(Subcommand)]
pub enum RulesCommand {
    /// Listet alle Regeln mit Kennung, Kategorie, Schwere und Prinzip.
    List {
        /// Ausgabeformat.
        #[arg(long, value_enum, default_value_t = Format::Text, value_name = "FORMAT")]
        format: Format,
    },
    /// Zeigt eine Regel mit allen Angaben (Kennung oder Kurzname).
    Show {
        /// Regel-Kennung (z. B. DC-SF-001) oder Kurzname.
        #[arg(value_name = "KENNUNG")]
        id: String,
    },
    /// Prüft die Beispiele der eingebauten Regeln oder der Regeldateien eines Ordners.
    Test {
        /// Ordner mit `.dc`-Dateien; ohne Angabe die eingebauten Regeln.
        #[arg(value_name = "ORDNER")]
        dir: Option<PathBuf>,
    },
    /// Gibt die Auslösewörter aus, je eines pro Zeile (für `rg -f`).
    Triggers,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
}

pub fn run(args: Args) -> Result<ExitCode> {
    match args.command {
        RulesCommand::List { format } => list(format),
        RulesCommand::Show { id } => {
            let set = RuleSet::builtin()?;
            let rule = find(set, &id)?;
            print!("{}", digicheck_core::report::explain::render(rule, true));
            Ok(ExitCode::SUCCESS)
        }
        RulesCommand::Test { dir } => test(dir),
        RulesCommand::Triggers => {
            for t in RuleSet::builtin()?.triggers() {
                println!("{t}");
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Looks a rule up by id or name, with a helpful error.
pub fn find<'a>(set: &'a RuleSet, id: &str) -> Result<&'a Rule> {
    set.get(id).ok_or_else(|| anyhow!("Regel „{id}“ gibt es nicht (siehe `digicheck rules list`)"))
}

fn list(format: Format) -> Result<ExitCode> {
    let set = RuleSet::builtin()?;
    match format {
        Format::Json => {
            let rules: Vec<_> = set
                .rules()
                .iter()
                .map(|r| {
                    json!({
                        "id": r.id, "name": r.name, "title": r.title,
                        "category": r.category, "severity": r.severity, "principle": r.principle,
                    })
                })
                .collect();
            println!("{}", serde_json::to_string_pretty(&rules)?);
        }
        Format::Text => {
            for r in set.rules() {
                println!("{:<11} {:<12} {:<15} P{}  {:<34} {}", r.id, r.severity, r.category, r.principle, r.name, r.title);
            }
            println!("{} Regeln", set.rules().len());
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn test(dir: Option<PathBuf>) -> Result<ExitCode> {
    let sources = match &dir {
        Some(d) => match catalog::read_dir(d) {
            Ok(s) => catalog::with_prelude(s),
            Err(e) => {
                eprintln!("{e}");
                return Ok(ExitCode::from(2));
            }
        },
        None => catalog::builtin_sources(),
    };
    let set = match RuleSet::compile_sources(&sources) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            return Ok(ExitCode::from(2));
        }
    };
    let failures = set.run_examples();
    let total: usize = set.rules().iter().map(|r| r.examples.len()).sum();
    for f in &failures {
        println!("{f}");
    }
    println!("{} passed, {} failed", total - failures.len(), failures.len());
    Ok(if failures.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
