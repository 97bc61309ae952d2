//! Batch reports written while the files are checked, so memory holds no document after its file
//! (federal corpus, 5,948 laws: 56–83 MB peak RSS in every format; bench/README.md).
//!
//! Files are checked in parallel a chunk at a time; each worker renders its file's part of the
//! report and drops the document. JSON elements, CSV rows and Digitalcheck sections are written in
//! input order as they come. Markdown and HTML open with totals, SARIF with the rules that have
//! results: their parts are kept (the report's size, not the documents'), with each file stripped
//! of its document for the totals, and written after the head once every file is counted. The
//! bytes are those of the `render` functions in [`report`] for the same files.

use super::check::Format;
use crate::{inputs, output};
use anyhow::Result;
use digicheck_core::config::ProjectSettings;
use digicheck_core::report::{self, FileResult, Report};
use digicheck_core::RuleSet;
use indicatif::ProgressBar;
use rayon::prelude::*;
use std::io::Write as _;
use std::path::Path;

/// Files checked at once before their parts are written or kept: enough to keep every core busy
/// between two writes, few enough that memory stays flat however many files a batch has.
const CHUNK: usize = 64;

/// What a streamed run keeps of each file for the caller: its input errors and whether a finding
/// reaches the fail threshold (for the exit code).
pub(crate) struct Outcome {
    pub errors: Vec<(String, String)>,
    pub failing: bool,
}

/// The formats that stream: all but the text report, which is read in a terminal (one draft or a
/// few) rather than written for a whole body of law.
pub(crate) fn streams(format: Format) -> bool {
    format != Format::Text
}

/// One file's part of the report, rendered by the worker that checked it.
enum Part {
    Text(String),
    Html(Option<report::html::Section>),
    Sarif(report::sarif::FilePart),
}

/// What the report keeps between the files.
enum Kept {
    /// Written as it comes (JSON, CSV, Digitalcheck).
    Nothing,
    Markdown { sections: Vec<String>, files: Vec<FileResult> },
    Html { sections: report::html::Sections, files: Vec<FileResult> },
    Sarif(report::sarif::Stream),
}

/// Checks `paths` and writes the report in `format` to `output` (standard output if `None`).
pub(crate) fn run(
    format: Format,
    paths: &[inputs::InputPath],
    rules: &RuleSet,
    settings: &ProjectSettings,
    output: Option<&Path>,
    progress: &ProgressBar,
) -> Result<Outcome> {
    let profile = settings.check.profile;
    // SARIF URIs are relative to the directory the check runs in, as `sarif::render` makes them.
    let cwd = std::env::current_dir().ok().map(|p| p.to_string_lossy().into_owned());
    let mut sink = output::Sink::open(output)?;
    match format {
        Format::Csv => output::written(sink.write_all(report::csv::head().as_bytes()))?,
        Format::Digitalcheck => output::written(sink.write_all(report::digitalcheck::head(profile).as_bytes()))?,
        _ => {}
    }
    let mut json = report::json::Stream::new(&mut sink);
    let mut kept = match format {
        Format::Markdown => Kept::Markdown { sections: Vec::new(), files: Vec::new() },
        Format::Html => Kept::Html { sections: report::html::Sections::default(), files: Vec::new() },
        Format::Sarif => Kept::Sarif(report::sarif::Stream::default()),
        _ => Kept::Nothing,
    };
    let mut outcome = Outcome { errors: Vec::new(), failing: false };
    for (c, chunk) in paths.chunks(CHUNK).enumerate() {
        // HTML: whether full-text variants are still worth rendering (the page's full texts
        // have not yet exceeded their budget).
        let full = matches!(&kept, Kept::Html { sections, .. } if sections.full_text_possible());
        let render = |(i, p): (usize, &inputs::InputPath)| {
                let index = c * CHUNK + i;
                let mut file = inputs::check(p, rules, &settings.check);
                let report = Report { files: std::slice::from_ref(&file), rules, profile };
                let part = match format {
                    Format::Csv => Part::Text(report::csv::rows(&report, &file)),
                    Format::Markdown => Part::Text(report::markdown::section(&file)),
                    Format::Digitalcheck => Part::Text(report::digitalcheck::section(&report, &file)),
                    Format::Html => Part::Html(report::html::section(&report, index, &file, full)),
                    Format::Sarif => Part::Sarif(report::sarif::file_part(&report, index, &file, cwd.as_deref())),
                    // The text report never comes here (see `streams`).
                    Format::Json | Format::Text => Part::Text(report::json::element(&report, &file)),
                };
                // Keep what the exit code, the error lines and the totals need; let the document go.
                file.document = None;
                progress.inc(1);
                (part, file)
        };
        // One file is checked on this thread, without starting rayon's pool (see `check::run`).
        let parts: Vec<(Part, FileResult)> =
            if paths.len() == 1 { chunk.iter().enumerate().map(render).collect() } else { chunk.par_iter().enumerate().map(render).collect() };
        for (i, (part, file)) in parts.into_iter().enumerate() {
            outcome.failing |= file.findings.iter().any(|f| f.severity >= settings.fail_on);
            outcome.errors.extend(file.errors.iter().map(|e| (file.name.clone(), e.clone())));
            match (part, &mut kept) {
                (Part::Text(s), Kept::Markdown { sections, files }) => {
                    sections.push(s);
                    files.push(file);
                }
                (Part::Html(s), Kept::Html { sections, files }) => {
                    if let Some(s) = s {
                        sections.push(s);
                    }
                    files.push(file);
                }
                (Part::Sarif(p), Kept::Sarif(log)) => log.push(p),
                (Part::Text(s), _) => match format {
                    Format::Json => output::written(json.push(&s))?,
                    Format::Digitalcheck if c * CHUNK + i > 0 => {
                        output::written(json.out().write_all(report::digitalcheck::SEPARATOR.as_bytes()))?;
                        output::written(json.out().write_all(s.as_bytes()))?;
                    }
                    _ => output::written(json.out().write_all(s.as_bytes()))?,
                },
                _ => unreachable!("each format has its own kind of part"),
            }
        }
    }
    match (kept, format) {
        (Kept::Markdown { sections, files }, _) => {
            let out = json.out();
            output::written(out.write_all(report::markdown::head(&report::Summary::of(&files)).as_bytes()))?;
            for section in &sections {
                output::written(out.write_all(section.as_bytes()))?;
            }
        }
        (Kept::Html { sections, files }, _) => {
            output::written(sections.write_page(&Report { files: &files, rules, profile }, json.out()))?
        }
        (Kept::Sarif(log), _) => output::written(log.write_log(rules, profile, json.out()))?,
        (Kept::Nothing, Format::Json) => output::written(json.finish().map(|_| ()))?,
        (Kept::Nothing, _) => {}
    }
    sink.finish()?;
    Ok(outcome)
}
