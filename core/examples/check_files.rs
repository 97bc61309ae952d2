//! Checks the given files once each with the built-in rules (for profiling with perf or callgrind).

fn main() {
    let rules = digicheck_core::RuleSet::builtin().expect("catalogue");
    let options = digicheck_core::CheckOptions::default();
    let mut findings = 0;
    for path in std::env::args().skip(1) {
        let raw = std::fs::read_to_string(&path).expect("readable UTF-8 file");
        let doc = digicheck_core::Document::parse(digicheck_core::SourceText::from_utf8(path, &raw));
        findings += rules.check(&doc, &options).len();
    }
    println!("{findings} findings");
}
