//! The command line speaks German, like everything else a drafter reads.
//!
//! clap writes its own words into help and errors („Usage“, „Options“, „Print help“, „the
//! following required arguments were not provided“). Here the command tree is given German
//! headings, a German help template and German help and version flags ([`localise`]), and argument
//! errors are written by a formatter of our own from the context clap collects ([`German`]), so no
//! English sentence reaches the terminal. The tests at the end and `cli/tests/german_cli.rs` look
//! for the English words in every subcommand's help and in every kind of argument error.

use clap::builder::StyledStr;
use clap::error::{ContextKind, ContextValue, ErrorFormatter, ErrorKind};
use clap::{Arg, ArgAction, Command, CommandFactory, FromArgMatches};
use std::fmt::Write;
use std::process::ExitCode;

/// Help of a command: what it does, how to call it, its arguments under German headings.
const TEMPLATE: &str = "{before-help}{about-with-newline}\nVerwendung: {usage}\n\n{all-args}{after-help}";

const ARGUMENTS: &str = "Argumente";
const OPTIONS: &str = "Optionen";

/// Parses the command line into `T`, or prints help, the version or a German error and ends the
/// program (exit code 0 for help and version, 2 for an argument error, as the contract says).
pub fn parse<T: CommandFactory + FromArgMatches>() -> Result<T, ExitCode> {
    parse_from::<T, _, _>(std::env::args_os())
}

/// [`parse`] for given arguments (the first is the program name).
pub fn parse_from<T, I, A>(args: I) -> Result<T, ExitCode>
where
    T: CommandFactory + FromArgMatches,
    I: IntoIterator<Item = A>,
    A: Into<std::ffi::OsString> + Clone,
{
    let args: Vec<std::ffi::OsString> = args.into_iter().map(Into::into).collect();
    // The arguments' German help texts are written only when help or an error is shown: they
    // change no parse, and writing them for every argument of every subcommand cost a tenth of
    // checking a one-page draft as a process. Whatever the first parse stops for is parsed again
    // with them, so help and errors read as before.
    let mut quick = localise_with(T::command(), true, false);
    match quick.try_get_matches_from_mut(args.iter()).and_then(|mut m| T::from_arg_matches_mut(&mut m)) {
        Ok(t) => return Ok(t),
        // The version line has no help text in it.
        Err(e) if e.kind() == ErrorKind::DisplayVersion => return Err(report(e.with_cmd(&quick))),
        Err(_) => {}
    }
    let mut cmd = localise(T::command(), true);
    let parsed = cmd.try_get_matches_from_mut(args).and_then(|mut m| T::from_arg_matches_mut(&mut m));
    match parsed {
        Ok(t) => Ok(t),
        Err(e) => {
            let e = e.with_cmd(&cmd);
            Err(report(e))
        }
    }
}

/// Prints what clap stopped for and returns the exit code.
fn report(e: clap::Error) -> ExitCode {
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let mut text = plain(&e.render());
            if !text.ends_with('\n') {
                text.push('\n');
            }
            let _ = crate::output::stdout(&text);
            ExitCode::SUCCESS
        }
        _ => {
            let formatted = e.apply::<German>();
            eprint!("{}", plain(&formatted.render()));
            ExitCode::from(2)
        }
    }
}

/// The help text of a (sub)command by its path, for `digicheck help check`; `None` if there is no
/// such command.
pub fn help_of<T: CommandFactory>(path: &[String]) -> Option<String> {
    let mut cmd = localise(T::command(), true);
    cmd.build();
    let mut at = &mut cmd;
    for name in path {
        at = at.find_subcommand_mut(name)?;
    }
    // As clap does for `--help`: the long form when something has a long description.
    let long = at.get_long_about().is_some() || at.get_arguments().any(|a| a.get_long_help().is_some());
    Some(plain(&if long { at.render_long_help() } else { at.render_help() }))
}

/// The few words clap writes into usage lines itself.
fn plain(text: &StyledStr) -> String {
    text.to_string().replace("[OPTIONS]", "[OPTIONEN]").replace("Usage: ", "Verwendung: ")
}

/// Gives a command and all its subcommands German help: template, headings, help and version
/// flags, default and possible values written into the help text.
pub fn localise(cmd: Command, top: bool) -> Command {
    localise_with(cmd, top, true)
}

/// [`localise`], with the arguments' help texts in German only if `help_texts` (the rest of it
/// decides how the command line parses: the help and version flags).
fn localise_with(cmd: Command, top: bool, help_texts: bool) -> Command {
    let mut cmd = cmd
        .help_template(TEMPLATE)
        .subcommand_help_heading("Befehle")
        .subcommand_value_name("BEFEHL")
        .disable_help_flag(true)
        .disable_version_flag(true)
        .disable_help_subcommand(true)
        .arg(Arg::new("help").short('h').long("help").action(ArgAction::Help).help("Hilfe anzeigen"));
    if top {
        cmd = cmd.arg(Arg::new("version").short('V').long("version").action(ArgAction::Version).help("Version anzeigen"));
    }
    if help_texts {
        cmd = cmd.mut_args(german_arg);
    }
    let names: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_string()).collect();
    for name in names {
        cmd = cmd.mut_subcommand(name, |s| localise_with(s, false, help_texts));
    }
    cmd
}

/// One argument under its German heading, with its default and possible values in German.
fn german_arg(arg: Arg) -> Arg {
    let heading = if arg.is_positional() { ARGUMENTS } else { OPTIONS };
    let mut arg = arg.help_heading(heading);
    if matches!(arg.get_action(), ArgAction::Help | ArgAction::Version | ArgAction::SetTrue | ArgAction::Count) {
        return arg;
    }
    let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
    let values: Vec<_> = arg.get_possible_values().into_iter().filter(|v| !v.is_hide_set()).collect();
    let defaults: Vec<String> = arg.get_default_values().iter().map(|v| v.to_string_lossy().into_owned()).collect();
    let mut short = help.clone();
    let mut long = help;
    if !values.is_empty() && !arg.is_hide_possible_values_set() {
        let names: Vec<&str> = values.iter().map(|v| v.get_name()).collect();
        let _ = write!(short, " [mögliche Werte: {}]", names.join(", "));
        if values.iter().any(|v| v.get_help().is_some()) {
            long.push_str("\n\nMögliche Werte:");
            let width = names.iter().map(|n| n.chars().count()).max().unwrap_or(0);
            for v in &values {
                let _ = write!(long, "\n- {:<width$}  {}", v.get_name(), v.get_help().map(|h| h.to_string()).unwrap_or_default());
            }
        } else {
            let _ = write!(long, " [mögliche Werte: {}]", names.join(", "));
        }
        arg = arg.hide_possible_values(true);
    }
    if !defaults.is_empty() && !arg.is_hide_default_value_set() {
        let d = format!(" [Standard: {}]", defaults.join(", "));
        short.push_str(&d);
        if long.contains('\n') {
            long.push('\n');
            long.push_str(d.trim_start());
        } else {
            long.push_str(&d);
        }
        arg = arg.hide_default_value(true);
    }
    if long != short {
        arg = arg.long_help(long);
    }
    arg.help(short)
}

/// clap's argument errors in German, with the usage line and where to find help.
pub struct German;

impl ErrorFormatter for German {
    fn format_error(error: &clap::error::Error<Self>) -> StyledStr {
        let mut out = String::from("digicheck: Fehler: ");
        out.push_str(&message(error));
        let suggestion = [ContextKind::SuggestedSubcommand, ContextKind::SuggestedArg, ContextKind::SuggestedValue]
            .into_iter()
            .find_map(|k| strings(error.get(k)).into_iter().next());
        if let Some(s) = suggestion {
            let _ = write!(out, "\n\n  Meinten Sie „{s}“?");
        }
        if let Some(ContextValue::StyledStr(usage)) = error.get(ContextKind::Usage) {
            let usage = usage.to_string();
            let usage = usage.trim_start_matches("Usage: ").replace("[OPTIONS]", "[OPTIONEN]");
            let _ = write!(out, "\n\nVerwendung: {usage}");
            let command = usage.split([' ', '[', '<']).take_while(|w| !w.is_empty()).collect::<Vec<_>>().join(" ");
            let _ = write!(out, "\n\nMehr dazu: {command} --help");
        }
        out.push('\n');
        StyledStr::from(out)
    }
}

fn strings(v: Option<&ContextValue>) -> Vec<String> {
    match v {
        Some(ContextValue::String(s)) => vec![s.clone()],
        Some(ContextValue::Strings(s)) => s.clone(),
        Some(ContextValue::StyledStr(s)) => vec![s.to_string()],
        Some(ContextValue::StyledStrs(s)) => s.iter().map(|x| x.to_string()).collect(),
        _ => Vec::new(),
    }
}

fn number(v: Option<&ContextValue>) -> Option<isize> {
    match v {
        Some(ContextValue::Number(n)) => Some(*n),
        _ => None,
    }
}

/// The first line of an error: what is wrong, in German.
fn message(error: &clap::error::Error<German>) -> String {
    let arg = strings(error.get(ContextKind::InvalidArg)).into_iter().next().unwrap_or_default();
    let value = strings(error.get(ContextKind::InvalidValue)).into_iter().next().unwrap_or_default();
    let valid_values = strings(error.get(ContextKind::ValidValue));
    let list = |name: &str, values: &[String]| -> String {
        if values.is_empty() {
            String::new()
        } else {
            format!("\n  [{name}: {}]", values.join(", "))
        }
    };
    match error.kind() {
        ErrorKind::MissingRequiredArgument => {
            let missing = strings(error.get(ContextKind::InvalidArg));
            match missing.as_slice() {
                [one] => format!("es fehlt eine Angabe: {one}"),
                many => format!("es fehlen Angaben:\n  {}", many.join("\n  ")),
            }
        }
        ErrorKind::UnknownArgument => format!("unbekannte Angabe „{arg}“"),
        ErrorKind::InvalidSubcommand => {
            let sub = strings(error.get(ContextKind::InvalidSubcommand)).into_iter().next().unwrap_or_default();
            format!("unbekannter Befehl „{sub}“")
        }
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let sub = strings(error.get(ContextKind::InvalidSubcommand)).into_iter().next().unwrap_or_else(|| "digicheck".into());
            format!("„{sub}“ braucht einen Befehl{}", list("Befehle", &strings(error.get(ContextKind::ValidSubcommand))))
        }
        ErrorKind::InvalidValue if value.is_empty() => format!("„{arg}“ braucht einen Wert{}", list("mögliche Werte", &valid_values)),
        ErrorKind::InvalidValue => format!("ungültiger Wert „{value}“ für „{arg}“{}", list("mögliche Werte", &valid_values)),
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(error).map(reason).unwrap_or_default();
            if why.is_empty() {
                format!("ungültiger Wert „{value}“ für „{arg}“")
            } else {
                format!("ungültiger Wert „{value}“ für „{arg}“: {why}")
            }
        }
        ErrorKind::NoEquals => format!("„{arg}“ verlangt den Wert mit Gleichheitszeichen („{arg}=WERT“)"),
        ErrorKind::TooManyValues => format!("unerwarteter Wert „{value}“ für „{arg}“; mehr Werte sind nicht vorgesehen"),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            let expected = number(error.get(ContextKind::MinValues)).or(number(error.get(ContextKind::ExpectedNumValues))).unwrap_or(0);
            let actual = number(error.get(ContextKind::ActualNumValues)).unwrap_or(0);
            format!("„{arg}“ verlangt {expected} Werte, angegeben {}", if actual == 1 { "ist 1".to_string() } else { format!("sind {actual}") })
        }
        ErrorKind::ArgumentConflict => {
            let prior = strings(error.get(ContextKind::PriorArg));
            if prior.first() == Some(&arg) || prior.is_empty() {
                format!("„{arg}“ darf nur einmal angegeben werden")
            } else {
                format!("„{arg}“ kann nicht zusammen mit {} angegeben werden", prior.iter().map(|p| format!("„{p}“")).collect::<Vec<_>>().join(", "))
            }
        }
        ErrorKind::InvalidUtf8 => "eine Angabe ist kein gültiges UTF-8".to_string(),
        _ => error.kind().as_str().map(str::to_string).unwrap_or_else(|| "ungültiger Aufruf".into()),
    }
}

/// Why a value was rejected, in German: our own parsers already speak German, the standard
/// library's number parsers do not.
fn reason(source: &(dyn std::error::Error + 'static)) -> String {
    if source.downcast_ref::<std::num::ParseIntError>().is_some() {
        "keine ganze Zahl".to_string()
    } else if source.downcast_ref::<std::num::ParseFloatError>().is_some() {
        "keine Zahl".to_string()
    } else {
        source.to_string()
    }
}
