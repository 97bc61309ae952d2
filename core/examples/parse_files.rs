//! Parses the given files once each (for profiling the structure stage with perf or callgrind).

fn main() {
    let mut nodes = 0;
    for path in std::env::args().skip(1) {
        let raw = std::fs::read_to_string(&path).expect("readable UTF-8 file");
        let doc = digicheck_core::Document::parse(digicheck_core::SourceText::from_utf8(path, &raw));
        nodes += doc.nodes().len();
    }
    println!("{nodes} nodes");
}
