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
use std::collections::VecDeque;
use std::io::Write as _;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, PoisonError};

/// Files checked ahead of the first one whose part is not yet written or kept (and, for HTML,
/// files checked at once): enough to keep every core busy while one long law is checked, few
/// enough that memory stays flat however many files a batch has.
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
    // One file's part of the report, rendered by the worker that checks it. `full` (HTML only):
    // whether full-text variants are still worth rendering.
    let render = |index: usize, full: bool| {
        let mut file = inputs::check(&paths[index], rules, &settings.check);
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
    let mut take = |index: usize, (part, file): (Part, FileResult), kept: &mut Kept| -> Result<()> {
        outcome.failing |= file.findings.iter().any(|f| f.severity >= settings.fail_on);
        outcome.errors.extend(file.errors.iter().map(|e| (file.name.clone(), e.clone())));
        match (part, kept) {
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
                Format::Digitalcheck if index > 0 => {
                    output::written(json.out().write_all(report::digitalcheck::SEPARATOR.as_bytes()))?;
                    output::written(json.out().write_all(s.as_bytes()))?;
                }
                _ => output::written(json.out().write_all(s.as_bytes()))?,
            },
            _ => unreachable!("each format has its own kind of part"),
        }
        Ok(())
    };
    if paths.len() == 1 {
        // One file is checked on this thread, without starting rayon's pool (see `check::run`).
        let full = matches!(&kept, Kept::Html { sections, .. } if sections.full_text_possible());
        take(0, render(0, full), &mut kept)?;
    } else if format == Format::Html {
        // Whether full texts are still rendered depends on the sections kept so far: decided per
        // chunk, so that the page does not depend on how fast each file was checked.
        for c in 0..paths.len().div_ceil(CHUNK) {
            let full = matches!(&kept, Kept::Html { sections, .. } if sections.full_text_possible());
            let range = c * CHUNK..paths.len().min((c + 1) * CHUNK);
            let parts: Vec<(Part, FileResult)> = range.clone().into_par_iter().map(|i| render(i, full)).collect();
            for (i, part) in range.zip(parts) {
                take(i, part, &mut kept)?;
            }
        }
    } else {
        in_order(paths.len(), |i| render(i, false), |i, part| take(i, part, &mut kept))?;
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

/// Runs `work` for the indices `0..n` on every thread of the current rayon pool, this one
/// included, and hands each result to `take` on this thread in index order as soon as it and all
/// before it are done. No thread starts more than [`CHUNK`] indices ahead of the first result not
/// yet taken.
///
/// Why not chunks of [`CHUNK`] files checked in parallel and then written, as before: every chunk
/// waited for its slowest file while the other cores idled, and the cores idled again while this
/// thread wrote the chunk (laws range from a few hundred bytes to 2.6 MB; bench/README.md).
fn in_order<R: Send>(n: usize, work: impl Fn(usize) -> R + Sync, mut take: impl FnMut(usize, R) -> Result<()>) -> Result<()> {
    let next = AtomicUsize::new(0);
    // The first index whose result is not yet taken, for the threads waiting to start one.
    let taken = Mutex::new(0usize);
    let room = Condvar::new();
    let stop = AtomicBool::new(false);
    // Each helper thread: the next index, once it is within the window; `None` when all are
    // started or the run stops.
    let claim = || -> Option<usize> {
        let i = next.fetch_add(1, Ordering::Relaxed);
        if i >= n {
            return None;
        }
        let mut first = taken.lock().unwrap_or_else(PoisonError::into_inner);
        while i >= *first + CHUNK && !stop.load(Ordering::Relaxed) {
            first = room.wait(first).unwrap_or_else(PoisonError::into_inner);
        }
        (!stop.load(Ordering::Relaxed)).then_some(i)
    };
    let halt = || {
        stop.store(true, Ordering::Relaxed);
        let _first = taken.lock().unwrap_or_else(PoisonError::into_inner);
        room.notify_all();
    };
    /// Stops the run if a thread panics, so that no thread waits for it.
    struct OnPanic<F: Fn()>(F);
    impl<F: Fn()> Drop for OnPanic<F> {
        fn drop(&mut self) {
            if std::thread::panicking() {
                (self.0)();
            }
        }
    }
    let (tx, rx) = std::sync::mpsc::channel::<(usize, R)>();
    let mut result = Ok(());
    rayon::in_place_scope(|s| {
        for _ in 1..rayon::current_num_threads() {
            let tx = tx.clone();
            let (claim, work, halt) = (&claim, &work, &halt);
            s.spawn(move |_| {
                let _guard = OnPanic(halt);
                while let Some(i) = claim() {
                    if tx.send((i, work(i))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        // A panic here (checking a file) must not leave the helpers waiting for room.
        let _guard = OnPanic(&halt);
        // Results that came before the ones in front of them: slot k holds index first + k.
        let mut waiting: VecDeque<Option<R>> = VecDeque::new();
        let mut first = 0;
        let put = |waiting: &mut VecDeque<Option<R>>, first: usize, (i, r): (usize, R)| {
            let k = i - first;
            if waiting.len() <= k {
                waiting.resize_with(k + 1, || None);
            }
            waiting[k] = Some(r);
        };
        while first < n {
            while let Ok(done) = rx.try_recv() {
                put(&mut waiting, first, done);
            }
            if let Some(Some(_)) = waiting.front() {
                let r = waiting.pop_front().flatten().expect("a result in front");
                if let Err(e) = take(first, r) {
                    result = Err(e);
                    break;
                }
                first += 1;
                *taken.lock().unwrap_or_else(PoisonError::into_inner) = first;
                room.notify_all();
                continue;
            }
            // Nothing to take: check the next file here if it is within the window, else wait
            // for a helper's result.
            let i = next.load(Ordering::Relaxed);
            if i < n && i < first + CHUNK && next.compare_exchange(i, i + 1, Ordering::Relaxed, Ordering::Relaxed).is_ok() {
                put(&mut waiting, first, (i, work(i)));
                continue;
            }
            match rx.recv() {
                Ok(done) => put(&mut waiting, first, done),
                // Every helper has ended without the result in front: one of them panicked
                // (the scope passes the panic on).
                Err(_) => break,
            }
        }
        halt();
    });
    result
}
