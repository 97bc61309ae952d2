//! The command line speaks German: no English word of clap's reaches the drafter, in the help of
//! any command or in any kind of argument error.

use assert_cmd::Command;

fn digicheck() -> Command {
    let mut c = Command::cargo_bin("digicheck").unwrap();
    c.env("NO_COLOR", "1").env("COLUMNS", "100");
    c
}

/// Words and phrases clap writes on its own in English.
const ENGLISH: &[&str] = &[
    "Usage", "Options", "Arguments", "Commands", "Print help", "Print version", "error:", "tip:",
    "required", "the following", "were not provided", "possible values", "Possible values", "default",
    "For more information", "unexpected argument", "invalid value", "[OPTIONS]", "[COMMAND]", "help for",
    "subcommand", "found", "argument", "cannot be used", "invalid digit", "Print this message",
];

fn assert_german(what: &str, text: &str) {
    for word in ENGLISH {
        assert!(!text.contains(word), "{what}: English „{word}“ in\n{text}");
    }
}

/// The commands listed under „Befehle:“ in a help text.
fn subcommands(help: &str) -> Vec<String> {
    let Some(start) = help.find("Befehle:\n") else { return Vec::new() };
    help[start + "Befehle:\n".len()..]
        .lines()
        .take_while(|l| !l.trim().is_empty())
        .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .collect()
}

fn help_of(path: &[String]) -> String {
    let out = digicheck().args(path).arg("--help").output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{path:?} --help");
    assert!(out.stderr.is_empty(), "{path:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn every_help_is_german() {
    let mut todo = vec![Vec::<String>::new()];
    let mut seen = 0;
    while let Some(path) = todo.pop() {
        let help = help_of(&path);
        assert!(help.contains("Verwendung: digicheck"), "{path:?}:\n{help}");
        assert_german(&format!("{path:?} --help"), &help);
        // `-h` and `help …` show help too, in German.
        let short = digicheck().args(&path).arg("-h").output().unwrap();
        assert_german(&format!("{path:?} -h"), &String::from_utf8_lossy(&short.stdout));
        if !path.is_empty() {
            let via_help = digicheck().arg("help").args(&path).output().unwrap();
            assert_eq!(via_help.status.code(), Some(0), "help {path:?}");
            assert_eq!(String::from_utf8(via_help.stdout).unwrap(), help, "help {path:?}");
        }
        for sub in subcommands(&help) {
            if sub != "help" {
                let mut next = path.clone();
                next.push(sub);
                todo.push(next);
            }
        }
        seen += 1;
    }
    assert!(seen >= 15, "only {seen} commands found");
}

#[test]
fn argument_errors_are_german_and_exit_2() {
    let cases: &[&[&str]] = &[
        &[],
        &["chek"],
        &["check"],
        &["check", "--bogus", "x.txt"],
        &["check", "--format", "pdf", "x.txt"],
        &["check", "--format"],
        &["check", "-j", "viele", "x.txt"],
        &["check", "--time-limit", "lang", "x.txt"],
        &["rules"],
        &["rules", "zeige"],
        &["rules", "show"],
        &["explain"],
        &["diff", "a.txt"],
        &["apply", "a.txt", "b.txt"],
        &["annotate", "a.docx"],
        &["parse", "a.txt", "b.txt"],
        &["parse", "--format", "baum", "a.txt"],
        &["check", "--quiet=ja", "x.txt"],
        &["help", "gibtsnicht"],
    ];
    for args in cases {
        let out = digicheck().args(*args).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(out.stdout.is_empty() || args.is_empty() || *args == ["rules"], "{args:?}: stdout {}", String::from_utf8_lossy(&out.stdout));
        assert!(!err.trim().is_empty(), "{args:?}: no message");
        assert_german(&format!("{args:?}"), &err);
    }
}

#[test]
fn errors_name_the_problem() {
    let out = digicheck().args(["check"]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("es fehlt eine Angabe: <PFAD>"), "{err}");
    assert!(err.contains("Mehr dazu: digicheck check --help"), "{err}");
    let out = digicheck().args(["chek", "x"]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("unbekannter Befehl „chek“") && err.contains("Meinten Sie „check“?"), "{err}");
    let out = digicheck().args(["check", "--format", "pdf", "x.txt"]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("ungültiger Wert „pdf“") && err.contains("mögliche Werte: text, json"), "{err}");
}

#[test]
fn version_is_a_line() {
    let out = digicheck().arg("--version").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8(out.stdout).unwrap(), format!("digicheck {}\n", env!("CARGO_PKG_VERSION")));
}
