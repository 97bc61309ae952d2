//! The batch guarantees under hostile input: a folder of more than thirty broken, malicious or
//! absurd files, generated here at test time, next to the good sample drafts of `corpus/`.
//!
//! - every file appears in the JSON output, with findings or with an error naming the problem;
//! - nothing panics, the exit code says that inputs failed (2);
//! - the good drafts' findings are exactly those of a run without the hostile files;
//! - the report is never written over an input.
//!
//! Peak memory of this batch is measured by hand for the closing notes (`/usr/bin/time -v`, see
//! docs/robustness.md); the test itself keeps its inputs in a temporary folder.

use assert_cmd::Command;
use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use zip::write::SimpleFileOptions;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn digicheck() -> Command {
    let mut c = Command::cargo_bin("digicheck").unwrap();
    c.current_dir(repo()).env("NO_COLOR", "1");
    c
}

/// A deterministic byte stream (xorshift), so the noise files are the same on every run.
fn noise(seed: u64, len: usize) -> Vec<u8> {
    let mut x = seed | 1;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;

const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

fn document_xml(body: &str) -> String {
    format!(r#"<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>{body}</w:body></w:document>"#)
}

fn paragraph(text: &str) -> String {
    format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
}

/// A zip of `(name, content)` entries, deflated.
fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in entries {
        z.start_file(*name, opts).unwrap();
        z.write_all(data).unwrap();
    }
    z.finish().unwrap().into_inner()
}

fn docx_with(document: &str) -> Vec<u8> {
    zip_of(&[
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", RELS.as_bytes()),
        ("word/document.xml", document.as_bytes()),
    ])
}

/// A minimal one-page PDF with a correct cross-reference table.
fn pdf_with(content: &[u8], font: bool, pages_count: usize) -> Vec<u8> {
    let font_res: &[u8] = if font { b"/Resources << /Font << /F1 4 0 R >> >>" } else { b"" };
    let objs: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        format!("<< /Type /Pages /Kids [3 0 R] /Count {pages_count} >>").into_bytes(),
        [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] ".as_slice(), font_res, b" /Contents 5 0 R >>"].concat(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
        [format!("<< /Length {} >>\nstream\n", content.len()).as_bytes(), content, b"\nendstream"].concat(),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objs.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend(o);
        out.extend(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).as_bytes());
    for off in offsets {
        out.extend(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend(format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objs.len() + 1).as_bytes());
    out
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut out = if big_endian { vec![0xFE, 0xFF] } else { vec![0xFF, 0xFE] };
    for u in text.encode_utf16() {
        out.extend(if big_endian { u.to_be_bytes() } else { u.to_le_bytes() });
    }
    out
}

// The words that make the findings have no umlauts: a file with broken UTF-8 is read as
// Windows-1252, and „beizufügen“ would no longer read as the word the rules look for.
const DRAFT: &str = "§ 1 Antrag\n\n(1) Der Antrag ist schriftlich bei der Behörde zu stellen.\n\n(2) Mit dem Antrag ist eine beglaubigte Abschrift vorzulegen.\n";

/// Every hostile file of the batch: name and bytes. Good files are added from `corpus/`.
fn hostile_files() -> Vec<(String, Vec<u8>)> {
    let mut f: Vec<(String, Vec<u8>)> = Vec::new();
    let mut add = |name: &str, bytes: Vec<u8>| f.push((name.to_string(), bytes));
    let good_pdf = std::fs::read(repo().join("tests/fixtures/pdf/hyphenated.pdf")).unwrap();
    let good_docx = std::fs::read(repo().join("tests/fixtures/docx/numbered.docx")).unwrap();

    // Text: encodings and bytes that are not text.
    add("h01-empty.txt", Vec::new());
    add("h02-binary-noise.txt", noise(1, 64 * 1024));
    add("h03-invalid-utf8.txt", [DRAFT.as_bytes(), b"\xff\xfe\xc3\x28\xa0\xa1\xe2\x28\xa1"].concat());
    add("h04-utf16le-bom.txt", utf16(DRAFT, false));
    add("h05-utf16be-bom.txt", utf16(DRAFT, true));
    add("h06-utf16-odd-length.txt", [utf16(DRAFT, false), vec![0x41]].concat());
    add("h07-utf16-lone-surrogate.txt", [vec![0xFF, 0xFE], b"\x00\xd8A\x00".to_vec()].concat());
    add("h08-bom-only.txt", b"\xef\xbb\xbf".to_vec());
    add("h09-whitespace-only.txt", b" \n\n\t\r\n   \x0c\n".to_vec());
    add("h10-null-bytes.txt", [DRAFT.as_bytes(), &[0u8; 64], DRAFT.as_bytes()].concat());
    add("h11-control-chars.txt", (0u8..32).cycle().take(4096).collect());
    // Size and shape: a 100 MB line, many tiny units, absurd nesting, unbalanced quotes.
    add("h12-single-line-100mb.txt", {
        let mut v = b"Der Antrag ist schriftlich zu stellen. ".repeat(100 * 1024 * 1024 / 39 + 1);
        v.truncate(100 * 1024 * 1024);
        v
    });
    add("h13-deeply-nested-lists.txt", {
        let mut s = String::from("§ 1 Liste\n\n(1) Es gilt:\n");
        for i in 0..20_000 {
            let indent = " ".repeat(i % 200);
            s.push_str(&format!("{indent}{}. a) aa) aaa) (1) Der Antrag ist schriftlich zu stellen;\n", i % 9 + 1));
        }
        s.into_bytes()
    });
    add("h14-nested-markdown.md", {
        let mut s = String::new();
        for i in 0..5_000 {
            s.push_str(&">".repeat(i % 500));
            s.push_str(&"#".repeat(i % 7));
            s.push_str(" **§ 1** _schriftlich_ `x`\n");
        }
        s.into_bytes()
    });
    add("h15-unbalanced-quotes.txt", format!("§ 1\n(1) {}schriftlich\nArtikel 2\n{}", "„".repeat(50_000), "“".repeat(50_000)).into_bytes());
    add("h16-million-paragraph-signs.txt", "§\n".repeat(500_000).into_bytes());
    add("h17-long-word.txt", format!("§ 1\n(1) {}schriftlich.\n", "Schriftformerfordernis".repeat(40_000)).into_bytes());
    add("h18-carriage-returns-only.txt", "(1) Der Antrag ist schriftlich zu stellen.\r".repeat(20_000).into_bytes());
    add("h19-amendment-storm.txt", {
        let mut s = String::from("Artikel 1\nÄnderung des Gesetzes\n");
        for i in 1..3_000 {
            s.push_str(&format!("{i}. In § {i} Absatz 1 wird das Wort „schriftlich“ durch die Wörter „„schriftlich“ oder elektronisch“ ersetzt.\n"));
        }
        s.into_bytes()
    });
    // Word: bombs, missing parts, broken XML, old formats.
    add("h20-zip-bomb.docx", {
        let body = format!("{}{}", paragraph("schriftlich"), " ".repeat(200 * 1024 * 1024));
        docx_with(&document_xml(&body))
    });
    add("h21-docx-missing-document.docx", zip_of(&[("[Content_Types].xml", CONTENT_TYPES.as_bytes()), ("word/styles.xml", b"<w:styles/>")]));
    add("h22-docx-missing-content-types.docx", zip_of(&[("word/document.xml", document_xml(&paragraph("Der Antrag ist schriftlich zu stellen.")).as_bytes())]));
    add("h23-docx-broken-xml.docx", docx_with("<w:document><w:body><w:p><w:r><w:t>schriftlich</w:t></w:body>"));
    add("h24-docx-truncated.docx", good_docx[..good_docx.len() / 2].to_vec());
    add("h25-docx-deep-nesting.docx", docx_with(&document_xml(&format!("{}{}", "<w:sdt><w:sdtContent>".repeat(5_000), "</w:sdtContent></w:sdt>".repeat(5_000)))));
    add("h26-docx-many-entries.docx", {
        let names: Vec<String> = (0..6_000).map(|i| format!("word/media/x{i}.xml")).collect();
        let doc = document_xml(&paragraph("schriftlich"));
        let mut entries: Vec<(&str, &[u8])> = vec![("[Content_Types].xml", CONTENT_TYPES.as_bytes()), ("word/document.xml", doc.as_bytes())];
        entries.extend(names.iter().map(|n| (n.as_str(), b"<x/>".as_slice())));
        zip_of(&entries)
    });
    add("h27-old-word.docx", [b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".as_slice(), &noise(2, 4096)].concat());
    add("h28-odt-as-docx.docx", zip_of(&[("mimetype", b"application/vnd.oasis.opendocument.text"), ("content.xml", b"<office:document-content/>")]));
    add("h29-docx-entity-bomb.docx", docx_with(&format!(
        "<?xml version=\"1.0\"?><!DOCTYPE w:document [<!ENTITY a \"schriftlich\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\"><!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\"><!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\">]><w:document {W}><w:body><w:p><w:r><w:t>&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;</w:t></w:r></w:p></w:body></w:document>"
    )));
    // XML: entity bombs, external entities, nesting, not LegalDocML.
    add("h30-billion-laughs.xml", {
        let mut s = String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n");
        s.push_str("<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n");
        for i in 2..10 {
            s.push_str(&format!("<!ENTITY lol{i} \"{}\">\n", format!("&lol{};", i - 1).repeat(10)));
        }
        s.push_str("]>\n<akn:akomaNtoso xmlns:akn=\"http://Inhaltsdaten.LegalDocML.de/1.8.2/\"><akn:p>&lol9;</akn:p></akn:akomaNtoso>\n");
        s.into_bytes()
    });
    add("h31-xml-external-entity.xml", b"<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><akn:akomaNtoso xmlns:akn=\"http://Inhaltsdaten.LegalDocML.de/1.8.2/\"><akn:p>&xxe;</akn:p></akn:akomaNtoso>".to_vec());
    add("h32-xml-deep.xml", format!("<?xml version=\"1.0\"?>\n<akomaNtoso>{}{}</akomaNtoso>", "<p>".repeat(100_000), "</p>".repeat(100_000)).into_bytes());
    add("h33-xml-truncated.xml", b"<?xml version=\"1.0\"?><akn:akomaNtoso xmlns:akn=\"http://Inhaltsdaten.LegalDocML.de/1.8.2/\"><akn:act><akn:body><akn:p>Der Antrag ist schrift".to_vec());
    add("h34-xml-not-ldml.xml", b"<?xml version=\"1.0\"?><html><body><p>Der Antrag ist schriftlich zu stellen.</p></body></html>".to_vec());
    // PDF: truncated, encrypted, image only, garbage, lies about its pages, panics the extractor.
    add("h35-pdf-truncated.pdf", good_pdf[..good_pdf.len() / 3].to_vec());
    add("h36-pdf-encrypted.pdf", std::fs::read(repo().join("tests/fixtures/malformed/encrypted.pdf")).unwrap());
    add("h37-pdf-image-only.pdf", pdf_with(b"q 595 0 0 842 0 0 cm 0.5 g 0 0 1 1 re f Q", false, 1));
    add("h38-pdf-garbage.pdf", [b"%PDF-1.7\n".as_slice(), &noise(3, 16 * 1024)].concat());
    add("h39-pdf-header-only.pdf", b"%PDF-".to_vec());
    add("h40-pdf-million-pages.pdf", pdf_with(b"BT /F1 12 Tf 72 700 Td (schriftlich) Tj ET", true, 1_000_000));
    add("h41-pdf-text-without-font.pdf", pdf_with(b"BT 72 700 Td (Hallo) Tj ET", false, 1));
    add("h42-pdf-endless-content.pdf", pdf_with(&b"BT /F1 12 Tf 72 700 Td (schriftlich ) Tj ET\n".repeat(50_000), true, 1));
    f
}

const GOOD: &[&str] = &[
    "aenderungsgesetz-verwaltungsverfahren-mv.txt",
    "aenderungsgesetz-verwaltungsverfahren-mv.docx",
    "aenderungsgesetz-verwaltungsverfahren-mv.pdf",
    "gesetzentwurf-hundehaltung-mv.txt",
    "gesetzentwurf-hundehaltung-mv.docx",
    "gesetzentwurf-hundehaltung-mv.pdf",
    "verordnung-fischereischein-mv.txt",
    "verordnung-fischereischein-mv.docx",
    "verordnung-fischereischein-mv.pdf",
];

fn run_json(args: &[&str]) -> (Vec<Value>, i32, String) {
    let out = digicheck().args(["check", "--format", "json", "-q"]).args(args).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let v: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("no JSON on standard output ({e}); standard error:\n{stderr}"));
    (v.as_array().unwrap().clone(), out.status.code().unwrap(), stderr)
}

#[test]
fn hostile_batch_accounts_for_every_file_and_leaves_good_findings_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    // HOSTILE_BATCH_DIR=/some/folder keeps the batch there, to measure it by hand
    // (`/usr/bin/time -v digicheck check --format json -q /some/folder`).
    let batch = std::env::var_os("HOSTILE_BATCH_DIR").map_or_else(|| dir.path().join("batch"), PathBuf::from);
    std::fs::create_dir_all(&batch).unwrap();
    let hostile = hostile_files();
    assert!(hostile.len() >= 30, "only {} hostile files", hostile.len());
    for (name, bytes) in &hostile {
        std::fs::write(batch.join(name), bytes).unwrap();
    }
    for good in GOOD {
        std::fs::copy(repo().join("corpus").join(good), batch.join(good)).unwrap();
    }
    let t = std::time::Instant::now();
    let (files, code, stderr) = run_json(&[batch.to_str().unwrap()]);
    eprintln!("hostile batch: {} files in {:?}", files.len(), t.elapsed());

    // No panic, and the exit code reports the failed inputs.
    assert!(!stderr.contains("panicked"), "a panic reached standard error:\n{stderr}");
    assert!(!stderr.contains("interner Fehler bei der Prüfung"), "an engine panic was contained:\n{stderr}");
    assert_eq!(code, 2, "input errors give exit code 2");

    // Every file once, in sorted order, with findings or an error; errors are German, name the
    // problem, and are repeated on standard error with the file name.
    let mut expected: Vec<String> = hostile.iter().map(|(n, _)| n.clone()).chain(GOOD.iter().map(|g| g.to_string())).collect();
    expected.sort();
    let reported: Vec<String> = files
        .iter()
        .map(|f| Path::new(f["file"].as_str().unwrap()).file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(reported, expected, "every input exactly once, in sorted path order");
    let mut failed = 0;
    for f in &files {
        let name = f["file"].as_str().unwrap();
        let errors = f["errors"].as_array().unwrap();
        let findings = f["findings"].as_array().unwrap();
        if errors.is_empty() {
            // Accepted: a hostile file that is still text (UTF-16, Windows-1252, odd layouts) is checked.
            eprintln!("checked  {name}: {} findings", findings.len());
        } else {
            failed += 1;
            assert!(findings.is_empty(), "{name}: findings next to an error");
            let e = errors[0].as_str().unwrap();
            eprintln!("refused  {name}: {e}");
            assert!(e.len() > 10 && !e.contains("panicked") && !e.contains("unwrap"), "{name}: unclear error „{e}“");
            assert!(stderr.contains(&format!("{name}: ")), "{name}: error not named on standard error");
        }
    }
    assert!(failed >= 20, "only {failed} hostile files refused");

    // Specific expectations where the outcome is clear.
    let error_of = |n: &str| {
        let f = files.iter().find(|f| f["file"].as_str().unwrap().ends_with(n)).unwrap();
        f["errors"].as_array().unwrap().first().and_then(Value::as_str).unwrap_or("").to_string()
    };
    let findings_of = |n: &str| {
        let f = files.iter().find(|f| f["file"].as_str().unwrap().ends_with(n)).unwrap();
        f["findings"].as_array().unwrap().len()
    };
    for (name, problem) in [
        ("h01-empty.txt", "Datei ist leer"),
        ("h02-binary-noise.txt", "keine Textdatei"),
        ("h10-null-bytes.txt", "keine Textdatei (enthält Null-Zeichen)"),
        ("h11-control-chars.txt", "keine Textdatei"),
        ("h12-single-line-100mb.txt", "Zeile 1 ist 100 MB lang"),
        ("h20-zip-bomb.docx", "ZIP-Bombe"),
        ("h26-docx-many-entries.docx", "höchstens 5000"),
        ("h27-old-word.docx", "altes Word-Format"),
        ("h28-odt-as-docx.docx", "kein Word-Dokument"),
        ("h30-billion-laughs.xml", "DTD"),
        ("h31-xml-external-entity.xml", "DTD"),
        ("h32-xml-deep.xml", "verschachtelt"),
        ("h36-pdf-encrypted.pdf", "verschlüsselt"),
        ("h37-pdf-image-only.pdf", "keinen Text"),
        ("h41-pdf-text-without-font.pdf", "interner Fehler des PDF-Lesers"),
    ] {
        let e = error_of(name);
        assert!(e.contains(problem), "{name}: expected „{problem}“, got „{e}“");
    }
    for name in ["h04-utf16le-bom.txt", "h05-utf16be-bom.txt", "h03-invalid-utf8.txt"] {
        assert!(error_of(name).is_empty() && findings_of(name) >= 2, "{name}: the draft in it must be checked");
    }

    // The good drafts: exactly the findings of a run without the hostile files.
    let good_paths: Vec<String> = GOOD.iter().map(|g| batch.join(g).to_string_lossy().into_owned()).collect();
    let good_args: Vec<&str> = good_paths.iter().map(String::as_str).collect();
    let (alone, code_alone, _) = run_json(&good_args);
    assert_eq!(code_alone, 1, "the good drafts have findings and no errors");
    for g in &alone {
        let name = g["file"].as_str().unwrap();
        let in_batch = files.iter().find(|f| f["file"] == g["file"]).unwrap_or_else(|| panic!("{name} missing"));
        assert!(!g["findings"].as_array().unwrap().is_empty(), "{name}: no findings");
        assert_eq!(in_batch["findings"], g["findings"], "{name}: findings differ next to hostile files");
        assert_eq!(in_batch["errors"], g["errors"]);
    }
}

#[test]
fn the_report_is_never_written_over_an_input() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("entwurf.txt");
    std::fs::write(&input, DRAFT).unwrap();
    let link = dir.path().join("verweis.txt");
    std::os::unix::fs::symlink(&input, &link).unwrap();
    let sub = dir.path().join("ordner");
    std::fs::create_dir(&sub).unwrap();
    let nested = sub.join("zweiter.txt");
    std::fs::write(&nested, DRAFT).unwrap();
    let cases: Vec<(Vec<String>, PathBuf)> = vec![
        // The input itself, through a symbolic link, through a relative path, inside a folder input,
        // and as the baseline to write.
        (vec![input.display().to_string(), "-o".into(), input.display().to_string()], input.clone()),
        (vec![input.display().to_string(), "-o".into(), link.display().to_string()], input.clone()),
        (vec![link.display().to_string(), "-o".into(), input.display().to_string()], input.clone()),
        (vec![sub.display().to_string(), "-o".into(), nested.display().to_string()], nested.clone()),
        (vec![input.display().to_string(), "--write-baseline".into(), input.display().to_string()], input.clone()),
    ];
    for (args, victim) in cases {
        let out = digicheck().arg("check").args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("die Ausgabe würde eine Eingabedatei überschreiben"), "{args:?}: {stderr}");
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), DRAFT, "{args:?}: input changed");
    }
    // Relative to the working folder.
    let out = digicheck().current_dir(dir.path()).args(["check", "entwurf.txt", "-o", "./entwurf.txt"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&input).unwrap(), DRAFT);
    // A report next to the input is written, atomically: no temporary file is left behind.
    let report = dir.path().join("bericht.json");
    let out = digicheck().args(["check", "--format", "json", input.to_str().unwrap(), "-o", report.to_str().unwrap()]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(serde_json::from_slice::<Value>(&std::fs::read(&report).unwrap()).is_ok());
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().filter_map(|e| e.ok()).filter(|e| e.file_name().to_string_lossy().contains("digicheck-tmp")).collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

#[test]
fn a_document_over_its_time_limit_is_reported_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let slow = dir.path().join("a-gross.txt");
    std::fs::write(&slow, DRAFT.repeat(20_000)).unwrap();
    let (files, code, stderr) = run_json(&["--time-limit", "0.001", slow.to_str().unwrap(), "corpus/verordnung-fischereischein-mv.txt"]);
    assert_eq!(code, 2, "{stderr}");
    assert_eq!(files.len(), 2, "the file after the stopped one is still reported");
    let e = files[0]["errors"][0].as_str().unwrap();
    assert!(e.contains("Zeitgrenze je Dokument überschritten"), "{e}");
    assert!(stderr.contains("a-gross.txt: Prüfung nach 1 ms abgebrochen"), "{stderr}");
    // Without the tight limit both are checked.
    let (files, code, _) = run_json(&[slow.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(files[0]["errors"].as_array().unwrap().is_empty());
}
