//! Prints the Änderungsbefehle Digi-Check reads in a draft (path, operation, target, new unit,
//! anchor, the start of the old and new wording) and the ones it could not read, for looking at
//! what the command reader made of a real draft: `cargo run --example amendments -- FILE`.

use digicheck_core::amend::{self, Anchor};
use digicheck_core::input::{self, InputLimits};
use digicheck_core::Document;

fn short(s: &str) -> String {
    let s: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() > 60 {
        format!("{}…", s.chars().take(60).collect::<String>())
    } else {
        s
    }
}

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: amendments FILE");
        std::process::exit(2);
    };
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let source = input::read(&path, &bytes, &InputLimits::default()).unwrap_or_else(|e| panic!("{e}"));
    let doc = Document::parse(source);
    let a = amend::parse(&doc);
    for c in &a.commands {
        let anchor = match &c.anchor {
            Some(Anchor::AfterWords(w)) => format!(" nach „{}“", short(&w.text)),
            Some(Anchor::BeforeWords(w)) => format!(" vor „{}“", short(&w.text)),
            Some(Anchor::AfterUnit) => " nach Einheit".into(),
            Some(Anchor::BeforeUnit) => " vor Einheit".into(),
            None => String::new(),
        };
        let unit = c.new_unit.as_ref().map(|u| format!(" → {u}")).unwrap_or_default();
        let law = c.law.as_ref().map(|l| l.short().to_string()).unwrap_or_default();
        println!("{:<40} {:<12} {} [{law}]{unit}{anchor}", c.path, c.op.verb(), c.target);
        for w in &c.old {
            println!("{:<40}   alt: „{}“", "", short(&w.text));
        }
        for w in &c.new {
            println!("{:<40}   neu: „{}“", "", short(&w.text));
        }
    }
    for u in &a.unparsed {
        println!("NICHT VERSTANDEN {}: {} — „{}“", u.path, u.reason, short(&doc.text()[u.span.range()]));
    }
}
