//! `digicheck diff`: the barrier balance of an amending draft.
//!
//! The draft is applied to the law it amends; both versions are checked; findings that disappear,
//! that are new and that stay are listed per norm and per category. This answers the question the
//! Normprüfstelle asks of every amending law: does it make the law more or less digital?
//!
//! A balance is a verdict on the draft only when every command was applied: otherwise the law
//! compared with is not the law the draft makes, and the report gives the counts without a
//! verdict.
//!
//! Exit codes: 0 every command applied and the draft adds no barrier (findings above `niedrig`);
//! 1 every command applied and the draft adds barriers; 3 not every command could be applied (no
//! verdict); 2 usage or input error.

use crate::inputs::{self, InputPath};
use crate::output;
use anyhow::{anyhow, Result};
use clap::{Args as ClapArgs, ValueEnum};
use digicheck_core::amend::{self, Balance, EngineChecker, LawDiff, Tally};
use digicheck_core::input::InputLimits;
use digicheck_core::report::count;
use digicheck_core::report::json::finding_json;
use digicheck_core::report::markdown::cell;
use digicheck_core::report::{severity_label, Report};
use digicheck_core::{pipeline, CheckOptions, Document, Finding, Profile, RuleSet, SourceText};
use serde_json::{json, Value};
use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(ClapArgs)]
pub struct Args {
    /// Text des zu ändernden Gesetzes (geltende Fassung).
    #[arg(value_name = "GESETZ")]
    pub base: PathBuf,
    /// Änderungsentwurf mit den Änderungsbefehlen.
    #[arg(value_name = "ENTWURF")]
    pub draft: PathBuf,
    /// Ausgabeformat.
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Text, value_name = "FORMAT")]
    pub format: Format,
    /// In diese Datei schreiben statt auf die Standardausgabe (nie auf eine Eingabedatei).
    #[arg(long, short = 'o', value_name = "DATEI")]
    pub output: Option<PathBuf>,
    /// Rechtsrahmen der Meldungen und Vorschläge: `auto` (aus dem Entwurf erkannt, sonst aus dem
    /// Gesetz; Vorgabe), `mv` (Mecklenburg-Vorpommern), `bund`, `bw` (Baden-Württemberg) oder
    /// `land` (anderes Land, neutral).
    #[arg(long, default_value = "auto", value_name = "PROFIL")]
    pub profile: String,
    /// Zusätzlicher Regelordner mit *.dc-Dateien (mehrfach möglich).
    #[arg(long = "rules", value_name = "ORDNER")]
    pub rule_dirs: Vec<PathBuf>,
    /// Bei einem Mantelgesetz: das Gesetz, dessen Text GESETZ ist (Name oder Abkürzung). Ohne die
    /// Angabe wird es am Text erkannt.
    #[arg(long, value_name = "NAME")]
    pub law: Option<String>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Lesbare Bilanz (Standard).
    Text,
    /// JSON mit allen Befunden (Felder wie bei `check --format json`).
    Json,
    /// Markdown-Bericht.
    Markdown,
}

pub fn run(args: Args) -> Result<ExitCode> {
    if let Some(out) = &args.output {
        for input in [&args.base, &args.draft] {
            if std::fs::canonicalize(out).ok().is_some_and(|o| std::fs::canonicalize(input).ok() == Some(o)) {
                return Err(anyhow!("{}: die Ausgabe würde eine Eingabedatei überschreiben", out.display()));
            }
        }
    }
    let chosen: Option<Profile> =
        if args.profile == "auto" { None } else { Some(args.profile.parse().map_err(|e: String| anyhow!(e))?) };
    let rules = super::check::load_rules(&args.rule_dirs)?;
    let load = |p: &Path| inputs::load(&InputPath::File(p.to_path_buf()), &InputLimits::default());
    let (base, draft) = match (load(&args.base), load(&args.draft)) {
        (Ok(b), Ok(d)) => (Document::parse(b), Document::parse(d)),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("digicheck: {e}");
            return Ok(ExitCode::from(2));
        }
    };
    // The draft names the parliament or Land it comes from; a bare draft takes the amended law's.
    let profile = chosen.unwrap_or_else(|| {
        pipeline::jurisdiction::detect(&draft).or_else(|| pipeline::jurisdiction::detect(&base)).unwrap_or_default()
    });
    let checker = EngineChecker { rules: &rules, options: CheckOptions { profile, ..CheckOptions::default() } };
    let diff = match amend::diff_law(&base, &draft, &checker, args.law.as_deref()) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("digicheck: {e}");
            return Ok(ExitCode::from(2));
        }
    };
    let view = View { base: &base, draft_name: args.draft.display().to_string(), diff: &diff, rules: &rules, profile };
    let rendered = match args.format {
        Format::Text => view.text(),
        Format::Json => serde_json::to_string_pretty(&view.json())? + "\n",
        Format::Markdown => view.markdown(),
    };
    match &args.output {
        Some(p) => output::file(p, rendered.as_bytes())?,
        None => output::stdout(&rendered)?,
    }
    if !diff.is_complete() {
        return Ok(ExitCode::from(super::apply::INCOMPLETE));
    }
    let new_barriers = diff.balance.added.iter().any(|f| f.severity.is_barrier());
    Ok(if new_barriers { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

struct View<'a> {
    base: &'a Document,
    draft_name: String,
    diff: &'a LawDiff,
    rules: &'a RuleSet,
    profile: Profile,
}

fn tally_text(t: &Tally) -> String {
    format!("{} entfallen, {} neu, {} bleiben", t.removed, t.added, t.kept)
}

impl View<'_> {
    fn balance(&self) -> &Balance {
        &self.diff.balance
    }

    fn headline(&self) -> String {
        let verdict = match self.diff.net_barriers() {
            Some(n) if n < 0 => format!("Der Entwurf baut {} ab.", count(n.unsigned_abs() as usize, "Digitalisierungshemmnis", "Digitalisierungshemmnisse")),
            Some(0) => "Der Entwurf ändert die Zahl der Digitalisierungshemmnisse nicht.".to_string(),
            Some(n) => format!("Der Entwurf schafft {} mehr, als er abbaut.", count(n as usize, "Digitalisierungshemmnis", "Digitalisierungshemmnisse")),
            None => format!(
                "Keine Bewertung: {} von {} Änderungsbefehlen konnten nicht angewandt werden; die Zahlen vergleichen das Gesetz mit einer unvollständigen Fassung, nicht mit dem Gesetz, wie der Entwurf es macht.",
                self.diff.applied.not_applied(),
                self.diff.applied.results.len() + self.diff.applied.unparsed.len()
            ),
        };
        format!(
            "Hemmnisbilanz: {} geändert durch {}\n{} entfallen, {} neu, {} bleiben. {verdict}",
            self.base.source().name(),
            self.draft_name,
            self.balance().removed.len(),
            self.balance().added.len(),
            self.balance().kept.len()
        )
    }

    fn command_lines(&self) -> Vec<String> {
        let a = &self.diff.applied;
        let law = a.law.as_ref().map(|l| format!(" ({})", l.name)).unwrap_or_default();
        let mut out = vec![format!(
            "Änderungsbefehle{law}: {} angewandt, {} nicht angewandt, {} nicht verstanden",
            a.applied(),
            a.failed().count(),
            a.unparsed.len()
        )];
        for r in a.failed() {
            out.push(format!("nicht angewandt: {} ({}, {}): {}", r.path, r.target, r.op.verb(), r.error.as_deref().unwrap_or_default()));
        }
        for u in &a.unparsed {
            out.push(format!("nicht verstanden: {}: {}", u.path, u.reason));
        }
        for n in &a.notes {
            out.push(format!("Hinweis: {n}"));
        }
        out
    }

    fn finding_line(f: &Finding) -> String {
        format!("{}  {}  {}  {}  „{}“", if f.norm.is_empty() { "(ohne Gliederung)" } else { &f.norm }, f.category.id(), severity_label(f.severity), f.rule, f.text)
    }

    fn text(&self) -> String {
        let mut out = self.headline();
        out.push_str("\n\n");
        for l in self.command_lines() {
            let _ = writeln!(out, "{l}");
        }
        let sections: [(&str, Vec<&Finding>); 3] = [
            ("Neu", self.balance().added.iter().collect()),
            ("Entfallen", self.balance().removed.iter().collect()),
            ("Bleiben", self.balance().kept.iter().map(|k| &k.after).collect()),
        ];
        // Only what has content: a draft without any finding before or after says so in one line.
        for (title, list) in sections.into_iter().filter(|(_, l)| !l.is_empty()) {
            let _ = writeln!(out, "\n{title} ({}):", list.len());
            for f in list {
                let _ = writeln!(out, "  {}", Self::finding_line(f));
            }
        }
        let by_category = self.balance().by_category();
        if by_category.is_empty() {
            out.push_str("\nWeder das Gesetz noch die geänderte Fassung enthalten Befunde.\n");
            return out;
        }
        out.push_str("\nNach Kategorie:\n");
        for (c, t) in by_category {
            let _ = writeln!(out, "  {:<28} {}", c.label(), tally_text(&t));
        }
        out.push_str("\nNach Norm:\n");
        for (n, t) in self.balance().by_norm() {
            let _ = writeln!(out, "  {n:<28} {}", tally_text(&t));
        }
        out
    }

    fn json(&self) -> Value {
        let report = Report { files: &[], rules: self.rules, profile: self.profile };
        let base_src: &SourceText = self.base.source();
        let after_src: &SourceText = self.diff.after.source();
        let rows = |v: Vec<(String, Tally)>| -> Vec<Value> {
            v.into_iter().map(|(k, t)| json!({"key": k, "removed": t.removed, "added": t.added, "kept": t.kept})).collect()
        };
        let a = &self.diff.applied;
        json!({
            "base": self.base.source().name(),
            "draft": self.draft_name,
            "commands": {
                "total": a.results.len(),
                "applied": a.applied(),
                "failed": a.failed().map(|r| json!({"amendment": r.path, "target": r.target, "operation": r.op, "reason": r.error})).collect::<Vec<_>>(),
                "unparsed": a.unparsed.iter().map(|u| json!({"amendment": u.path, "reason": u.reason})).collect::<Vec<_>>(),
                "skipped": a.skipped().map(|r| json!({"amendment": r.path, "target": r.target, "operation": r.op, "reason": r.note})).collect::<Vec<_>>(),
                "notes": a.notes,
            },
            "law": a.law.as_ref().map(|l| l.name.clone()),
            "complete": self.diff.is_complete(),
            "net_barriers": self.diff.net_barriers(),
            "removed": self.balance().removed.iter().map(|f| finding_json(&report, base_src, f)).collect::<Vec<_>>(),
            "added": self.balance().added.iter().map(|f| finding_json(&report, after_src, f)).collect::<Vec<_>>(),
            "kept": self.balance().kept.iter().map(|k| finding_json(&report, after_src, &k.after)).collect::<Vec<_>>(),
            "by_category": rows(self.balance().by_category().into_iter().map(|(c, t)| (c.id().to_string(), t)).collect()),
            "by_norm": rows(self.balance().by_norm()),
        })
    }

    fn markdown(&self) -> String {
        let mut out = String::from("# Digi-Check: Hemmnisbilanz\n\n");
        for l in self.headline().lines() {
            let _ = writeln!(out, "{}\n", cell(l));
        }
        for l in self.command_lines() {
            let _ = writeln!(out, "- {}", cell(&l));
        }
        let table = |out: &mut String, title: &str, list: Vec<&Finding>| {
            if list.is_empty() {
                return;
            }
            let _ = writeln!(out, "\n## {title} ({})\n", list.len());
            out.push_str("| Fundstelle | Kategorie | Schwere | Regel | Wortlaut |\n|---|---|---|---|---|\n");
            for f in list {
                let _ = writeln!(out, "| {} | {} | {} | {} | {} |", cell(&f.norm), f.category.label(), severity_label(f.severity), f.rule, cell(&f.text));
            }
        };
        table(&mut out, "Neu", self.balance().added.iter().collect());
        table(&mut out, "Entfallen", self.balance().removed.iter().collect());
        table(&mut out, "Bleiben", self.balance().kept.iter().map(|k| &k.after).collect());
        let by_category = self.balance().by_category();
        if by_category.is_empty() {
            out.push_str("\nWeder das Gesetz noch die geänderte Fassung enthalten Befunde.\n");
            return out;
        }
        out.push_str("\n## Nach Kategorie\n\n| Kategorie | entfallen | neu | bleiben |\n|---|---:|---:|---:|\n");
        for (c, t) in by_category {
            let _ = writeln!(out, "| {} | {} | {} | {} |", c.label(), t.removed, t.added, t.kept);
        }
        out.push_str("\n## Nach Norm\n\n| Norm | entfallen | neu | bleiben |\n|---|---:|---:|---:|\n");
        for (n, t) in self.balance().by_norm() {
            let _ = writeln!(out, "| {} | {} | {} | {} |", cell(&n), t.removed, t.added, t.kept);
        }
        out
    }
}
