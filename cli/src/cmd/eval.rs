//! `digicheck eval FILE.jsonl`: measures the engine against labelled provisions.

use anyhow::{Context, Result};
use clap::Args as ClapArgs;
use digicheck_core::rules::eval::{evaluate, read_jsonl, Counts, EvalReport};
use digicheck_core::{CheckOptions, Profile, RuleSet};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(ClapArgs)]
pub struct Args {
    /// JSON-Lines-Datei mit bewerteten Vorschriften (Felder id, law, norm, text, label, categories, note).
    pub file: PathBuf,
    /// Ausgabeformat.
    #[arg(long, value_enum, default_value_t = super::rules::Format::Text)]
    pub format: super::rules::Format,
    /// Rechtsprofil für Meldungen (mv oder bund).
    #[arg(long, default_value = "mv")]
    pub profile: Profile,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let text = std::fs::read_to_string(&args.file).with_context(|| format!("{} nicht lesbar", args.file.display()))?;
    let items = read_jsonl(&text).map_err(|e| anyhow::anyhow!("{}: {e}", args.file.display()))?;
    let set = RuleSet::builtin()?;
    let report = evaluate(&items, set, &CheckOptions { profile: args.profile, include_begruendung: false });
    match args.format {
        super::rules::Format::Json => println!("{}", serde_json::to_string_pretty(&report)?),
        super::rules::Format::Text => print_text(&report),
    }
    Ok(ExitCode::SUCCESS)
}

fn line(name: &str, c: &Counts) {
    println!(
        "  {name:<16} P {:.3}  R {:.3}  F1 {:.3}   (tp {}, fp {}, fn {}, tn {})",
        c.precision(),
        c.recall(),
        c.f1(),
        c.tp,
        c.fp,
        c.fn_,
        c.tn
    );
}

fn print_text(r: &EvalReport) {
    println!("{} Vorschriften", r.items);
    println!("Hemmnis ja/nein:");
    line("alle", &r.overall);
    line("ohne DEBATABLE", &r.undisputed);
    println!(
        "  Kategorie stimmt bei {} von {} Treffern ({:.3})",
        r.category_agreement.0,
        r.category_agreement.1,
        r.category_agreement_rate()
    );
    println!("Je Kategorie:");
    for c in &r.per_category {
        line(&c.category, &c.counts);
    }
    let show = |title: &str, pred: &dyn Fn(&digicheck_core::rules::eval::ItemOutcome) -> bool| {
        let list: Vec<_> = r.outcomes.iter().filter(|o| pred(o)).collect();
        println!("{title} ({}):", list.len());
        for o in list {
            let deb = if o.debatable { " [DEBATABLE]" } else { "" };
            println!("  {} {} {} [{}]{deb}: {}", o.id, o.law, o.norm, o.categories.join(","), o.excerpt);
            for f in &o.findings {
                println!("      {f}");
            }
        }
    };
    show("Verfehlt", &|o| o.is_miss());
    show("Fehlalarme", &|o| o.is_false_alarm());
    show("Treffer mit anderer Kategorie", &|o| o.label == "barrier" && o.predicted && !o.category_agrees());
    println!("DEBATABLE:");
    for o in r.outcomes.iter().filter(|o| o.debatable) {
        let verdict = match (o.label == "barrier", o.predicted) {
            (true, true) | (false, false) => "richtig",
            (true, false) => "verfehlt",
            (false, true) => "Fehlalarm",
        };
        println!("  {} {} {} {}: {verdict}", o.id, o.law, o.norm, o.label);
    }
}
