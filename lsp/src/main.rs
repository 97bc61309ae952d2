//! `digicheck-lsp`: the language server on its own, for editors that start a server binary by
//! name. `digicheck lsp` runs the same server.

use std::process::ExitCode;

fn main() -> ExitCode {
    // Editors may pass the transport explicitly; only stdio is supported.
    if let Some(arg) = std::env::args().nth(1).filter(|a| a != "--stdio") {
        eprintln!("digicheck-lsp: unbekannte Option „{arg}“ (nur --stdio wird unterstützt)");
        return ExitCode::from(2);
    }
    let rules = match digicheck_core::RuleSet::builtin() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("digicheck-lsp: eingebauter Regelkatalog fehlerhaft:\n{e}");
            return ExitCode::from(2);
        }
    };
    match digicheck_lsp::serve(rules) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("digicheck-lsp: Sprachserver: Ein-/Ausgabe fehlgeschlagen: {e}");
            ExitCode::from(2)
        }
    }
}
