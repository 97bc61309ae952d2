//! CSV for spreadsheets: one row per finding, semicolon-separated, UTF-8 with BOM — what
//! spreadsheet software in a German locale opens correctly by double-click.

use super::{FileResult, Located, Report};

/// `Kategorie` is the German label a reader understands; `Kategorie-ID` the contract's id
/// (`persoenlich`, `once-only`) for filters and configuration.
const HEADER: [&str; 15] = [
    "Datei", "Zeile", "Spalte", "Norm", "Regel", "Titel", "Kategorie", "Kategorie-ID", "Schwere", "Prinzip",
    "Fundstelle", "Meldung", "Vorschlag", "Änderungsbefehl", "Wirkung",
];

pub fn render(report: &Report<'_>) -> String {
    let mut out = head();
    for file in report.files {
        out.push_str(&rows(report, file));
    }
    out
}

/// The byte order mark and the header row: the start of [`render`]'s output, for a batch that
/// writes the rows file by file as the files are checked (memory then holds no whole report).
pub fn head() -> String {
    let mut out = String::from("\u{FEFF}");
    out.push_str(&finish(writer_with(|w| w.write_record(HEADER))));
    out
}

/// The rows of one file, exactly as [`render`] writes them.
pub fn rows(report: &Report<'_>, file: &FileResult) -> String {
    finish(writer_with(|w| {
        write_file(report, file, w);
        Ok(())
    }))
}

fn writer_with(write: impl FnOnce(&mut ::csv::Writer<Vec<u8>>) -> ::csv::Result<()>) -> ::csv::Writer<Vec<u8>> {
    let mut w = ::csv::WriterBuilder::new().delimiter(b';').from_writer(Vec::new());
    write(&mut w).expect("writing to memory");
    w
}

fn finish(w: ::csv::Writer<Vec<u8>>) -> String {
    String::from_utf8(w.into_inner().expect("writing to memory")).expect("CSV of UTF-8 fields is UTF-8")
}

fn write_file(report: &Report<'_>, file: &FileResult, w: &mut ::csv::Writer<Vec<u8>>) {
    let Some(doc) = &file.document else {
        for e in &file.errors {
            let row = [file.name.as_str(), "", "", "", "", "", "", "", "Fehler", "", "", e, "", "", ""];
            w.write_record(row).expect("writing to memory");
        }
        return;
    };
    for f in &file.findings {
        let at = Located::of(doc.source(), f);
        let title = report.rules.get(&f.rule).map(|r| r.title.as_str()).unwrap_or("");
        let (amendment, effect) = match &f.amendment {
            Some(a) => (
                format!("{} → {}", a.amendment, a.target),
                a.label().to_string(),
            ),
            None => (String::new(), String::new()),
        };
        w.write_record([
            file.name.as_str(),
            &at.line.to_string(),
            &at.column.to_string(),
            &f.norm,
            &f.rule,
            title,
            f.category.label(),
            f.category.id(),
            f.severity.id(),
            &f.principle.number().to_string(),
            &f.text,
            &f.message,
            f.fix.as_deref().unwrap_or(""),
            &amendment,
            &effect,
        ])
        .expect("writing to memory");
    }
}
