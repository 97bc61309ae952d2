//! `digicheck`: the command line of Digi-Check for drafters and the Normprüfstelle.

mod baseline;
mod cmd;
mod german;
mod inputs;
mod output;

use clap::{Args, Parser, Subcommand};
use std::process::ExitCode;

/// Digi-Check findet Digitalisierungshemmnisse in Gesetz- und Verordnungsentwürfen:
/// Schriftformerfordernisse, eigenhändige Unterschriften, persönliches Erscheinen, Originale,
/// Papiervordrucke, Postzustellung, Aushänge und Siegel — mit Fundstelle, Begründung und
/// Formulierungsvorschlag.
#[derive(Parser)]
#[command(name = "digicheck", version, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
#[allow(clippy::large_enum_variant)] // parsed once per run
enum Command {
    /// Prüft Dateien, Ordner oder die Standardeingabe (`-`) auf Digitalisierungshemmnisse.
    Check(cmd::check::Args),
    /// Schreibt eine Kopie einer Word-Datei mit einem Kommentar je Befund (Eingabe bleibt unverändert).
    Annotate(cmd::annotate::Args),
    /// Zeigt die erkannte Gliederung eines Textes (Artikel, §, Absatz, Satz, Nummer, …).
    Parse(cmd::parse::Args),
    /// Listet, zeigt und prüft die Regeln des Katalogs.
    Rules(cmd::rules::Args),
    /// Erklärt eine Regel: warum sie ein Hemmnis meldet und was stattdessen zu schreiben ist.
    Explain(cmd::explain::Args),
    /// Schreibt eine kommentierte Einstellungsdatei `digicheck.toml`.
    Init(cmd::init::Args),
    /// Misst die Erkennung an bewerteten Vorschriften (JSON Lines): Präzision, Trefferquote, F1.
    Eval(cmd::eval::Args),
    /// Wendet die Änderungsbefehle eines Entwurfs auf das geänderte Gesetz an und schreibt die konsolidierte Fassung.
    Apply(cmd::apply::Args),
    /// Hemmnisbilanz eines Änderungsentwurfs: welche Befunde entfallen, welche neu sind, welche bleiben.
    Diff(cmd::diff::Args),
    /// Startet den Sprachserver (Language Server Protocol über stdio) für Editoren wie VS Code.
    Lsp(cmd::lsp::Args),
    /// Zeigt die Hilfe zu einem Befehl (z. B. `digicheck help check`).
    Help(HelpArgs),
}

#[derive(Args)]
struct HelpArgs {
    /// Der Befehl, zu dem die Hilfe gezeigt wird; ohne Angabe die Übersicht.
    #[arg(value_name = "BEFEHL")]
    command: Vec<String>,
}

fn main() -> ExitCode {
    let cli = match german::parse::<Cli>() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    let result = match cli.command {
        Command::Check(args) => cmd::check::run(args),
        Command::Parse(args) => cmd::parse::run(args),
        Command::Annotate(args) => cmd::annotate::run(args),
        Command::Rules(args) => cmd::rules::run(args),
        Command::Explain(args) => cmd::explain::run(args),
        Command::Eval(args) => cmd::eval::run(args),
        Command::Init(args) => cmd::init::run(args),
        Command::Apply(args) => cmd::apply::run(args),
        Command::Diff(args) => cmd::diff::run(args),
        Command::Lsp(args) => cmd::lsp::run(args),
        Command::Help(args) => help(&args.command),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("digicheck: Fehler: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// `digicheck help [BEFEHL…]`: the same text as `--help` of that command.
fn help(path: &[String]) -> anyhow::Result<ExitCode> {
    match german::help_of::<Cli>(path) {
        Some(text) => {
            output::stdout(&text)?;
            Ok(ExitCode::SUCCESS)
        }
        None => anyhow::bail!("unbekannter Befehl „{}“ (siehe `digicheck --help`)", path.join(" ")),
    }
}
