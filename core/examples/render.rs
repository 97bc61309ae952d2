//! Prints the text a file is read as (the layout the structure parser sees), for looking at what a
//! DOCX, PDF or LegalDocML.de reader made of a file: `cargo run --example render -- FILE [--anchors]`.

use digicheck_core::input::{self, InputLimits};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.iter().find(|a| !a.starts_with("--")) else {
        eprintln!("usage: render FILE [--anchors]");
        std::process::exit(2);
    };
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    match input::read(path, &bytes, &InputLimits::default()) {
        Ok(source) if args.iter().any(|a| a == "--anchors") => {
            let mut offset = 0;
            for line in source.text().split_inclusive('\n') {
                let anchor = source.anchor_at(offset).map(|a| format!("{a:?}")).unwrap_or_default();
                print!("{anchor:<50} | {line}");
                offset += line.len();
            }
        }
        Ok(source) => print!("{}", source.text()),
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    }
}
