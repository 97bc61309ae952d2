//! Checking a DOCX zip package before anything trusts it.
//!
//! docx-rs reads whole zip entries into memory and parses its XML recursively. A hostile or broken
//! file could therefore exhaust memory (a zip bomb: a few hundred kilobytes that inflate to
//! gigabytes), time (tens of thousands of entries) or the stack (deeply nested XML). This module
//! inflates every entry once, counting bytes as it goes (sizes declared in the zip directory can lie),
//! and scans every XML part for its nesting depth and for a DTD, which OOXML never has. Only a package
//! that passes is handed to docx-rs or to the comment writer.

use super::{error, InputError, InputLimits};
use quick_xml::events::Event;
use std::io::{Cursor, Read};

/// The main part every Word document has; its absence means "some other zip".
pub(crate) const DOCUMENT_XML: &str = "word/document.xml";

/// Checks entry count, inflated size, XML depth and the presence of `word/document.xml`.
pub(crate) fn check_docx_zip(name: &str, bytes: &[u8], limits: &InputLimits) -> Result<(), InputError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| error(name, format!("ZIP-Archiv ist beschädigt oder abgeschnitten ({})", zip_reason(&e))))?;
    if archive.len() > limits.max_zip_entries {
        return Err(error(
            name,
            format!(
                "ZIP-Archiv enthält {} Einträge; erlaubt sind höchstens {} (Schutz vor manipulierten Dateien)",
                archive.len(),
                limits.max_zip_entries
            ),
        ));
    }
    if archive.index_for_name(DOCUMENT_XML).is_none() {
        return Err(error(name, "ZIP-Archiv, aber kein Word-Dokument (word/document.xml fehlt)"));
    }
    let limit = limits.max_unzipped_bytes as u64;
    let bomb = || {
        error(
            name,
            format!(
                "ZIP-Archiv entpackt sich auf mehr als {} MB (Verdacht auf ZIP-Bombe; Grenze einstellbar)",
                limits.max_unzipped_bytes / (1024 * 1024)
            ),
        )
    };
    // Honest sizes in the directory allow a quick refusal; lying ones are caught while inflating.
    let declared: u64 = (0..archive.len()).filter_map(|i| archive.by_index_raw(i).ok().map(|e| e.size())).sum();
    if declared > limit {
        return Err(bomb());
    }
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let mut entry =
            archive.by_index(i).map_err(|e| error(name, format!("ZIP-Archiv ist beschädigt ({})", zip_reason(&e))))?;
        if entry.encrypted() {
            return Err(error(name, "ZIP-Archiv ist verschlüsselt; bitte ohne Kennwort speichern"));
        }
        let entry_name = entry.name().to_string();
        let is_xml = entry_name.ends_with(".xml") || entry_name.ends_with(".rels");
        let remaining = limit.saturating_sub(total);
        let mut buf = Vec::new();
        let read = if is_xml {
            (&mut entry).take(remaining + 1).read_to_end(&mut buf)
        } else {
            std::io::copy(&mut (&mut entry).take(remaining + 1), &mut std::io::sink()).map(|n| n as usize)
        }
        .map_err(|e| error(name, format!("ZIP-Eintrag {entry_name} ist beschädigt ({e})")))?;
        total += read as u64;
        if total > limit {
            return Err(bomb());
        }
        if is_xml {
            check_xml_part(name, &entry_name, &buf, limits.max_xml_depth)?;
        }
    }
    Ok(())
}

/// Rejects a DTD and nesting deeper than `max_depth`; other XML errors are left to the parser that
/// reads the part, which names them in its own words.
pub(crate) fn check_xml_part(name: &str, part: &str, xml: &[u8], max_depth: usize) -> Result<(), InputError> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    reader.config_mut().check_end_names = false;
    let mut depth = 0usize;
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(_)) => {
                depth += 1;
                if depth > max_depth {
                    return Err(error(
                        name,
                        format!("{part}: XML ist tiefer als {max_depth} Ebenen verschachtelt (Schutz vor manipulierten Dateien)"),
                    ));
                }
            }
            Ok(Event::End(_)) => depth = depth.saturating_sub(1),
            Ok(Event::DocType(_)) => {
                return Err(error(name, format!("{part}: enthält eine DTD (DOCTYPE); in Word-Dateien nicht vorgesehen und aus Sicherheitsgründen abgelehnt")));
            }
            Ok(Event::Eof) | Err(_) => return Ok(()),
            Ok(_) => {}
        }
        buf.clear();
    }
}

fn zip_reason(e: &zip::result::ZipError) -> String {
    use zip::result::ZipError;
    match e {
        ZipError::InvalidArchive(_) => "kein gültiges ZIP-Verzeichnis".to_string(),
        ZipError::UnsupportedArchive(_) => "nicht unterstützte ZIP-Variante".to_string(),
        ZipError::FileNotFound => "Eintrag fehlt".to_string(),
        ZipError::Io(e) => format!("Lesefehler: {e}"),
        other => other.to_string(),
    }
}
