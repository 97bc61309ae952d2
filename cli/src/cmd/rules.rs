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
    /// Schreibt je Regel eine Dokumentationsseite (Markdown) und eine Übersicht in einen Ordner.
    Docs {
        /// Zielordner, z. B. `docs/rules`; veraltete Seiten `DC-*.md` darin werden entfernt.
        #[arg(value_name = "ORDNER")]
        dir: PathBuf,
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
            crate::output::stdout(&digicheck_core::report::explain::render(set, rule, true))?;
            Ok(ExitCode::SUCCESS)
        }
        RulesCommand::Test { dir } => test(dir),
        RulesCommand::Docs { dir } => docs(&dir),
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
        Format::Text => crate::output::stdout(&table(set.rules()))?,
    }
    Ok(ExitCode::SUCCESS)
}

/// `rules docs DIR`: the pages of [`digicheck_core::report::rule_docs`], written so that the
/// folder holds exactly them (pages of rules that no longer exist are removed).
fn docs(dir: &std::path::Path) -> Result<ExitCode> {
    let set = RuleSet::builtin()?;
    std::fs::create_dir_all(dir).map_err(|e| anyhow!("{}: Ordner kann nicht angelegt werden: {e}", dir.display()))?;
    let pages = digicheck_core::report::rule_docs::pages(set);
    let names: std::collections::BTreeSet<&str> = pages.iter().map(|(n, _)| n.as_str()).collect();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with("DC-") && name.ends_with(".md") && !names.contains(name) {
            std::fs::remove_file(&path)?;
        }
    }
    for (name, text) in &pages {
        crate::output::file(&dir.join(name), text.as_bytes())?;
    }
    eprintln!("digicheck: {} Seiten in {} geschrieben", pages.len(), dir.display());
    Ok(ExitCode::SUCCESS)
}

/// `rules list`: a header and columns as wide as their longest entry.
fn table(rules: &[Rule]) -> String {
    let header = ["Kennung", "Schwere", "Kategorie", "Prinzip", "Kurzname", "Titel"];
    let rows: Vec<[String; 6]> = rules
        .iter()
        .map(|r| {
            [r.id.clone(), r.severity.to_string(), r.category.id().to_string(), r.principle.number().to_string(), r.name.clone(), r.title.clone()]
        })
        .collect();
    let mut widths = header.map(|h| h.chars().count());
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: [&str; 6]| -> String {
        let mut out = String::new();
        for (i, (cell, w)) in cells.iter().zip(widths).enumerate() {
            if i == 5 {
                out.push_str(cell);
            } else {
                out.push_str(cell);
                out.push_str(&" ".repeat(w - cell.chars().count() + 2));
            }
        }
        out.trim_end().to_string() + "\n"
    };
    let mut out = line(header);
    let rule_width: usize = widths[..5].iter().map(|w| w + 2).sum::<usize>() + widths[5];
    out.push_str(&"─".repeat(rule_width));
    out.push('\n');
    for row in &rows {
        out.push_str(&line([&row[0], &row[1], &row[2], &row[3], &row[4], &row[5]]));
    }
    out.push_str(&format!("\n{} Regeln\n", rules.len()));
    out
}

/// The last line of `rules test`, in German and with correct number.
fn test_summary(rules: usize, examples: usize, failed: usize) -> String {
    let rules = if rules == 1 { "1 Regel".to_string() } else { format!("{rules} Regeln") };
    let examples_word = if examples == 1 { "Beispiel" } else { "Beispiele" };
    match failed {
        0 => format!("{rules}, {examples} {examples_word}: alle verhalten sich wie angegeben"),
        1 => format!("{rules}, {examples} {examples_word}: 1 verhält sich nicht wie angegeben"),
        n => format!("{rules}, {examples} {examples_word}: {n} verhalten sich nicht wie angegeben"),
    }
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
    println!("{}", test_summary(set.rules().len(), total, failures.len()));
    Ok(if failures.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
