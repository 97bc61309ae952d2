//! WebAssembly bindings of Digi-Check, so that drafters can check a text in the browser without it
//! ever leaving their machine. The full API (findings as JS objects, sessions) is built on top of
//! these first entry points.

use wasm_bindgen::prelude::*;

/// Parses a text and returns its structure as JSON (the structure-JSON contract).
#[wasm_bindgen(js_name = parseStructure)]
pub fn parse_structure(text: &str) -> String {
    let doc = digicheck_core::Document::parse(digicheck_core::SourceText::from_utf8("eingabe", text));
    digicheck_core::structure::json::to_json(&doc).to_string()
}

/// Version of the engine, for bug reports.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
