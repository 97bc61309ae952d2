//! Reads rule files (`rules/*.dc`) after the grammar in `rules.pest` into [`RuleDef`]s and
//! [`Define`]s: the syntax tree comes from the hand-written [`super::syntax`] reader, or from pest
//! where that finds no parse (pest then names the error). Checks what the grammar cannot: known
//! categories and severities, required fields, at least one flagging and one passing example per
//! rule.

use super::ast::*;
use super::error::{RuleError, RuleProblem};
use crate::classification::{Category, Principle, Severity};
use crate::structure::Part;
use super::syntax::{self, Node, Tree};
#[cfg(feature = "rule-errors")]
use pest::error::{ErrorVariant, LineColLocation};
#[cfg(feature = "rule-errors")]
use pest::Parser;
use pest_derive::Parser;

#[derive(Parser)]
#[grammar = "rules/rules.pest"]
// Without `rule-errors` only the grammar's `Rule` kinds are used (by the hand reader's tree).
#[cfg_attr(not(feature = "rule-errors"), allow(dead_code))]
struct DcParser;

/// The contents of one rule file.
#[derive(Debug, Default)]
pub struct ParsedFile {
    pub rules: Vec<RuleDef>,
    pub defines: Vec<Define>,
}

/// Parses one rule file. `file` is the name used in error positions.
pub fn parse_file(file: &str, text: &str) -> Result<ParsedFile, RuleError> {
    let tree = match syntax::read(text) {
        Some(tree) => tree,
        // No parse by hand: pest says where and what was expected.
        #[cfg(feature = "rule-errors")]
        None => pest_tree(text).map_err(|e| syntax_error(file, e))?,
        #[cfg(not(feature = "rule-errors"))]
        None => return Err(RuleError::single(Origin { file: file.to_string(), line: 1, column: 1 }, SYNTAX_ERROR_UNPLACED)),
    };
    read_tree(file, &tree)
}

/// What a build without the feature `rule-errors` says about a file the hand reader finds no parse
/// in: that there is a syntax error, and that this build cannot say where.
#[cfg(not(feature = "rule-errors"))]
const SYNTAX_ERROR_UNPLACED: &str = "Syntaxfehler; wo er steht, nennt diese Ausgabe von Digi-Check nicht \
     (ohne die Fehlermeldungen der Grammatik gebaut), `digicheck rules test ORDNER` nennt die Stelle";

/// The syntax tree of pest's parse: the oracle of [`syntax::read`], and what reports syntax errors.
#[cfg(feature = "rule-errors")]
pub(crate) fn pest_tree(text: &str) -> Result<Tree<'_>, pest::error::Error<Rule>> {
    Ok(Tree::from_pest(text, DcParser::parse(Rule::file, text)?))
}

fn read_tree(file: &str, tree: &Tree) -> Result<ParsedFile, RuleError> {
    let root = tree.root().expect("file rule");
    let mut out = ParsedFile::default();
    let mut problems = Vec::new();
    for item in root.into_inner() {
        match item.as_rule() {
            Rule::define => match read_define(file, item) {
                Ok(d) => out.defines.push(d),
                Err(p) => problems.push(p),
            },
            Rule::rule => match read_rule(file, item) {
                Ok(r) => out.rules.push(r),
                Err(mut p) => problems.append(&mut p),
            },
            _ => {}
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(RuleError { problems })
    }
}

fn origin(file: &str, pair: &Node) -> Origin {
    let (line, column) = pair.line_col();
    Origin { file: file.to_string(), line, column }
}

#[cfg(feature = "rule-errors")]
fn syntax_error(file: &str, e: pest::error::Error<Rule>) -> RuleError {
    let (line, column) = match e.line_col {
        LineColLocation::Pos(p) => p,
        LineColLocation::Span(p, _) => p,
    };
    let message = match &e.variant {
        ErrorVariant::ParsingError { positives, .. } => {
            let mut wanted: Vec<&str> = positives.iter().map(|r| describe(*r)).collect();
            wanted.dedup();
            let mut unique = Vec::new();
            for w in wanted {
                if !unique.contains(&w) {
                    unique.push(w);
                }
            }
            if unique.is_empty() {
                "Syntaxfehler".to_string()
            } else {
                format!("Syntaxfehler: erwartet {}", join_or(&unique))
            }
        }
        ErrorVariant::CustomError { message } => message.clone(),
    };
    RuleError::single(Origin { file: file.to_string(), line, column }, message)
}

#[cfg(feature = "rule-errors")]
fn join_or(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} oder {}", init.join(", "), last),
    }
}

/// German description of a grammar rule for "expected …" messages.
#[cfg(feature = "rule-errors")]
fn describe(r: Rule) -> &'static str {
    match r {
        Rule::EOI => "das Dateiende",
        Rule::define | Rule::kw_define => "`define`",
        Rule::rule | Rule::kw_rule => "`rule`",
        Rule::kw_end => "`end`",
        Rule::rule_id => "eine Regel-Kennung wie `DC-SF-001`",
        Rule::ident => "einen Namen in Kleinbuchstaben (z. B. `schriftform-antrag`)",
        Rule::number => "eine Zahl",
        Rule::int => "eine ganze Zahl",
        Rule::title
        | Rule::category
        | Rule::severity
        | Rule::principle
        | Rule::scope
        | Rule::parts
        | Rule::context
        | Rule::priority
        | Rule::default_
        | Rule::match_
        | Rule::unless
        | Rule::when
        | Rule::message
        | Rule::fix
        | Rule::basis
        | Rule::reference
        | Rule::url
        | Rule::explain
        | Rule::flag
        | Rule::pass => "ein Feld (title, category, severity, principle, scope, default, match, unless, when, message, fix, basis, ref, url, explain, flag, pass)",
        Rule::near | Rule::before | Rule::after | Rule::within | Rule::is => {
            "eine Ortsangabe (near N, before N, after N, within satz|absatz|paragraph, is)"
        }
        Rule::on_off => "`on` oder `off`",
        Rule::except | Rule::kw_except => "`except`",
        Rule::part_name => "einen Teil (vorblatt, gesetzestext, begruendung)",
        Rule::ptext | Rule::profile | Rule::pin_fix => "einen Text in Anführungszeichen oder `mv \"…\" bund \"…\"`",
        Rule::code_match | Rule::kw_code => "`code amendment`",
        Rule::pin => "`=> \"Wörter\"` (in derselben Zeile, optional mit `fix \"…\"`)",
        Rule::kw_fix => "`fix`",
        Rule::fix_if | Rule::kw_if => "`if` mit einer Bedingung (`if before 1 \"dem\"`, `if not after 2 …`)",
        Rule::kw_not => "`not`",
        Rule::pattern | Rule::seq | Rule::elem | Rule::group | Rule::defref | Rule::regex | Rule::word => {
            "ein Muster (\"Wort\", \"Wort\"*, *\"wort\", adj \"…\", noun \"…\", re\"…\", @name oder ( … ))"
        }
        Rule::gap => "eine Lücke `…` oder `…N`",
        Rule::optional => "`?`",
        Rule::exact | Rule::exact_kw => "`exact`",
        Rule::form => "`adj` oder `noun`",
        Rule::star_pre | Rule::star_post => "`*`",
        Rule::string | Rule::inner => "einen Text in Anführungszeichen \"…\"",
        Rule::block | Rule::block_inner => "einen Textblock \"\"\"…\"\"\"",
        _ => "etwas anderes",
    }
}

/// Strings know two escapes, `\"` for a quotation mark and `\n` for a line break (examples with
/// list items); every other backslash stays as written, so regular expressions read as they are
/// (`re"\d+ Tage"`; in a regex `\n` means a line break anyway).
fn unescape(s: &str) -> String {
    if !s.contains('\\') {
        return s.to_string();
    }
    s.replace("\\\"", "\"").replace("\\n", "\n")
}

fn string_value(pair: Node) -> String {
    // string = "\"" inner "\""; block = "\"\"\"" block_inner "\"\"\""
    match pair.as_rule() {
        Rule::string => unescape(pair.into_inner().next().map(|p| p.as_str()).unwrap_or("")),
        Rule::block => dedent(pair.into_inner().next().map(|p| p.as_str()).unwrap_or("")),
        _ => pair.as_str().to_string(),
    }
}

/// Removes the common indentation of a text block and its first and last blank lines.
fn dedent(s: &str) -> String {
    let lines: Vec<&str> = s.lines().collect();
    let indent = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let mut out: Vec<&str> = lines.iter().map(|l| if l.len() >= indent { &l[indent..] } else { l.trim_start() }).collect();
    while out.first().is_some_and(|l| l.trim().is_empty()) {
        out.remove(0);
    }
    while out.last().is_some_and(|l| l.trim().is_empty()) {
        out.pop();
    }
    out.join("\n")
}

/// `=> "words"` with an optional `fix "…"` / `fix mv "…" bund "…"` after a `flag` example.
fn read_pin(pair: Node) -> Pin {
    let mut words = String::new();
    let mut fix = None;
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::string => words = string_value(p),
            Rule::pin_fix => fix = Some(read_ptext(p)),
            _ => {}
        }
    }
    Pin { words, fix }
}

fn read_ptext(pair: Node) -> ProfileText {
    let mut mv = None;
    let mut bund = None;
    let mut plain = None;
    let mut current = None;
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::profile => current = Some(p.as_str().to_string()),
            Rule::string => {
                let v = string_value(p);
                match current.take().as_deref() {
                    Some("mv") => mv = Some(v),
                    Some("bund") => bund = Some(v),
                    _ => plain = Some(v),
                }
            }
            _ => {}
        }
    }
    let fallback = plain.clone().or_else(|| mv.clone()).or_else(|| bund.clone()).unwrap_or_default();
    ProfileText::new(mv.unwrap_or_else(|| fallback.clone()), bund.unwrap_or(fallback))
}

fn read_define(file: &str, pair: Node) -> Result<Define, RuleProblem> {
    let o = origin(file, &pair);
    let mut inner = pair.into_inner();
    inner.next(); // kw_define
    let name = inner.next().expect("ident").as_str().to_string();
    let pattern = read_pattern(file, inner.next().expect("pattern"))?;
    Ok(Define { name, pattern, origin: o })
}

pub(crate) fn read_pattern(file: &str, pair: Node) -> Result<Pattern, RuleProblem> {
    match pair.as_rule() {
        Rule::pattern => {
            let mut alts = Vec::new();
            for seq in pair.into_inner() {
                alts.push(read_pattern(file, seq)?);
            }
            Ok(if alts.len() == 1 { alts.pop().unwrap() } else { Pattern::Alt(alts) })
        }
        Rule::seq => {
            let at = pair;
            let mut elems = Vec::new();
            for elem in pair.into_inner() {
                let inner = elem.into_inner().collect::<Vec<_>>();
                let first = inner[0];
                if first.as_rule() == Rule::gap {
                    let max = first
                        .into_inner()
                        .next()
                        .map(|n| n.as_str().parse::<usize>().unwrap_or(DEFAULT_GAP))
                        .unwrap_or(DEFAULT_GAP);
                    elems.push(Element::Gap(max));
                } else {
                    let atom = read_pattern(file, first)?;
                    if inner.len() > 1 {
                        elems.push(Element::Optional(atom));
                    } else {
                        elems.push(Element::Atom(atom));
                    }
                }
            }
            if matches!(elems.first(), Some(Element::Gap(_))) || matches!(elems.last(), Some(Element::Gap(_))) {
                return Err(RuleProblem {
                    origin: origin(file, &at),
                    message: "eine Lücke `…` muss zwischen zwei Mustern stehen, nicht am Anfang oder Ende".into(),
                });
            }
            if let [Element::Atom(_)] = elems.as_slice() {
                if let Some(Element::Atom(p)) = elems.pop() {
                    return Ok(p);
                }
            }
            Ok(Pattern::Seq(elems))
        }
        Rule::group => read_pattern(file, pair.into_inner().next().expect("pattern")),
        Rule::defref => Ok(Pattern::Ref(pair.as_str()[1..].to_string(), origin(file, &pair))),
        Rule::regex => {
            let o = origin(file, &pair);
            let mut exact_case = false;
            let mut source = String::new();
            for p in pair.into_inner() {
                match p.as_rule() {
                    Rule::exact_kw => exact_case = true,
                    Rule::string => source = string_value(p),
                    _ => {}
                }
            }
            let flags = if exact_case { "" } else { "(?i)" };
            if let Err(e) = crate::re::rule_regex(&format!("{flags}{source}")) {
                return Err(RuleProblem { origin: o, message: format!("ungültiger regulärer Ausdruck: {e}") });
            }
            Ok(Pattern::Regex { source, exact_case })
        }
        Rule::word => {
            let o = origin(file, &pair);
            let mut exact_case = false;
            let mut form_kw = None;
            let mut pre = false;
            let mut post = false;
            let mut text = String::new();
            for p in pair.into_inner() {
                match p.as_rule() {
                    Rule::exact => exact_case = true,
                    Rule::form => form_kw = Some(p.as_str().to_string()),
                    Rule::star_pre => pre = true,
                    Rule::star_post => post = true,
                    Rule::string => text = string_value(p),
                    _ => {}
                }
            }
            if !text.chars().any(|c| c.is_alphanumeric()) && !text.contains('§') {
                return Err(RuleProblem { origin: o, message: "ein Wortmuster braucht mindestens ein Wort".into() });
            }
            let form = match (form_kw.as_deref(), pre, post) {
                (Some(_), true, _) | (Some(_), _, true) => {
                    return Err(RuleProblem {
                        origin: o,
                        message: "`adj`/`noun` und `*` lassen sich nicht verbinden".into(),
                    })
                }
                (Some("adj"), _, _) => WordForm::Adjective,
                (Some(_), _, _) => WordForm::Noun,
                (None, false, false) => WordForm::Exact,
                (None, false, true) => WordForm::Prefix,
                (None, true, false) => WordForm::Suffix,
                (None, true, true) => WordForm::Infix,
            };
            if form == WordForm::Infix && super::tokens::words(&text).len() > 1 {
                return Err(RuleProblem { origin: o, message: "`*\"…\"*` gilt nur für ein einzelnes Wort".into() });
            }
            Ok(Pattern::Word { text, form, exact_case })
        }
        other => unreachable!("unexpected pattern node {other:?}"),
    }
}

/// Default maximum number of words a gap `…` may skip.
pub const DEFAULT_GAP: usize = 8;

fn read_place(pair: &Node) -> Option<Result<Place, String>> {
    let n = || pair.into_inner().next().map(|p| p.as_str().parse::<usize>().unwrap_or(0)).unwrap_or(0);
    Some(Ok(match pair.as_rule() {
        Rule::near => Place::Near(n()),
        Rule::before => Place::Before(n()),
        Rule::after => Place::After(n()),
        Rule::is => Place::Is,
        Rule::within => {
            let name = pair.into_inner().next().map(|p| p.as_str().to_string()).unwrap_or_default();
            match Scope::parse(&name) {
                Some(s) => Place::Within(s),
                None => return Some(Err(format!("unbekannter Bereich „{name}“ (erwartet: satz, absatz, paragraph)"))),
            }
        }
        _ => return None,
    }))
}

fn read_rule(file: &str, pair: Node) -> Result<RuleDef, Vec<RuleProblem>> {
    let rule_origin = origin(file, &pair);
    let mut problems = Vec::new();
    let mut inner = pair.into_inner();
    inner.next(); // kw_rule
    let id = inner.next().expect("rule_id").as_str().to_string();
    let name = inner.next().expect("ident").as_str().to_string();

    let mut title = None;
    let mut category = None;
    let mut severity = None;
    let mut principle = None;
    let mut scope = Scope::Satz;
    let mut parts = vec![Part::Vorblatt, Part::Gesetzestext, Part::Begruendung];
    let mut context = Context::Any;
    let mut priority = 0;
    let mut default_on = true;
    let mut triggers = Vec::new();
    let mut code = None;
    let mut conditions = Vec::new();
    let mut message = None;
    let mut fixes = Vec::new();
    let mut basis = None;
    let mut refs = Vec::new();
    let mut url = None;
    let mut explain = String::new();
    let mut examples = Vec::new();

    for field in inner {
        let o = origin(file, &field);
        let kind = field.as_rule();
        let mut values = field.into_inner();
        let mut problem = |message: String| problems.push(RuleProblem { origin: o.clone(), message });
        match kind {
            Rule::title => title = values.next().map(string_value),
            Rule::category => {
                let v = values.next().unwrap();
                match v.as_str().parse::<Category>() {
                    Ok(c) => category = Some(c),
                    Err(e) => problem(e),
                }
            }
            Rule::severity => {
                let v = values.next().unwrap();
                match v.as_str().parse::<Severity>() {
                    Ok(s) => severity = Some(s),
                    Err(e) => problem(e),
                }
            }
            Rule::principle => {
                let v = values.next().unwrap().as_str().parse::<u8>().unwrap_or(0);
                match Principle::try_from(v) {
                    Ok(p) => principle = Some(p),
                    Err(e) => problem(e),
                }
            }
            Rule::scope => {
                let v = values.next().unwrap().as_str().to_string();
                match Scope::parse(&v) {
                    Some(s) => scope = s,
                    None => problem(format!("unbekannter Bereich „{v}“ (erwartet: satz, absatz, paragraph)")),
                }
            }
            Rule::parts => {
                parts.clear();
                for v in values {
                    match v.as_str() {
                        "vorblatt" => parts.push(Part::Vorblatt),
                        "gesetzestext" => parts.push(Part::Gesetzestext),
                        "begruendung" => parts.push(Part::Begruendung),
                        other => problem(format!(
                            "unbekannter Teil „{other}“ (erwartet: vorblatt, gesetzestext, begruendung)"
                        )),
                    }
                }
            }
            Rule::context => {
                let v = values.next().unwrap().as_str().to_string();
                match v.as_str() {
                    "any" => context = Context::Any,
                    "amendment" => context = Context::Amendment,
                    other => problem(format!("unbekannter Kontext „{other}“ (erwartet: any, amendment)")),
                }
            }
            Rule::priority => priority = values.next().unwrap().as_str().parse().unwrap_or(0),
            Rule::default_ => default_on = values.next().is_some_and(|v| v.as_str() == "on"),
            Rule::match_ => {
                let v = values.next().unwrap();
                if v.as_rule() == Rule::code_match {
                    let name = v.into_inner().nth(1).map(|n| n.as_str().to_string()).unwrap_or_default();
                    match CodeMatch::parse(&name) {
                        Some(c) if code.is_none() => code = Some(c),
                        Some(_) => problem("`match code` steht schon in dieser Regel".to_string()),
                        None => problem(format!("unbekannter Prüfcode „{name}“ (erwartet: amendment)")),
                    }
                } else {
                    match read_pattern(file, v) {
                        Ok(p) => triggers.push((p, o)),
                        Err(p) => problems.push(p),
                    }
                }
            }
            Rule::unless | Rule::when => {
                let negated = kind == Rule::unless;
                let mut place = Place::Scope;
                let mut pattern = None;
                let mut except = None;
                for v in values {
                    if v.as_rule() == Rule::except {
                        match v.into_inner().nth(1).map(|p| read_pattern(file, p)) {
                            Some(Ok(p)) => except = Some(p),
                            Some(Err(p)) => problems.push(p),
                            None => {}
                        }
                    } else if let Some(p) = read_place(&v) {
                        match p {
                            Ok(p) => place = p,
                            Err(e) => problems.push(RuleProblem { origin: o.clone(), message: e }),
                        }
                    } else {
                        match read_pattern(file, v) {
                            Ok(p) => pattern = Some(p),
                            Err(p) => problems.push(p),
                        }
                    }
                }
                if let Some(pattern) = pattern {
                    conditions.push(Condition { negated, place, pattern, except, origin: o });
                }
            }
            Rule::message => message = values.next().map(read_ptext),
            Rule::fix => {
                let text = values.next().map(read_ptext);
                let mut conditions = Vec::new();
                for cond in values {
                    let co = origin(file, &cond);
                    let mut negated = false;
                    let mut place = Place::Scope;
                    for v in cond.into_inner() {
                        match v.as_rule() {
                            Rule::kw_if => {}
                            Rule::kw_not => negated = true,
                            _ => match read_place(&v) {
                                Some(Ok(p)) => place = p,
                                Some(Err(e)) => problems.push(RuleProblem { origin: co.clone(), message: e }),
                                None => match read_pattern(file, v) {
                                    Ok(pattern) => conditions.push(Condition { negated, place, pattern, except: None, origin: co.clone() }),
                                    Err(p) => problems.push(p),
                                },
                            },
                        }
                    }
                }
                if fixes.last().is_some_and(|f: &FixCase| f.conditions.is_empty()) {
                    problems.push(RuleProblem {
                        origin: o.clone(),
                        message: "dieser `fix` kommt nie zum Zug: der vorige hat keine Bedingung (`if …`) und passt immer".to_string(),
                    });
                }
                fixes.extend(text.map(|text| FixCase { text, conditions }));
            }
            Rule::basis => basis = values.next().map(read_ptext),
            Rule::reference => refs.extend(values.next().map(read_ptext)),
            Rule::url => url = values.next().map(string_value),
            Rule::explain => explain = values.next().map(string_value).unwrap_or_default(),
            Rule::flag | Rule::pass => examples.push(Example {
                flags: kind == Rule::flag,
                text: values.next().map(string_value).unwrap_or_default(),
                pin: values.next().map(read_pin),
                origin: o,
            }),
            _ => {}
        }
    }

    if code.is_some() && !(triggers.is_empty() && conditions.is_empty()) {
        problems.push(RuleProblem {
            origin: rule_origin.clone(),
            message: format!("Regel {id}: `match code` verträgt sich nicht mit Mustern (`match \"…\"`, `when`, `unless`): der Prüfcode entscheidet allein"),
        });
    }
    for ex in &examples {
        if ex.pin.as_ref().is_some_and(|p| p.fix.is_some()) && fixes.is_empty() {
            problems.push(RuleProblem {
                origin: ex.origin.clone(),
                message: format!("Beispiel für {id} hält einen Vorschlag fest (`fix`), aber die Regel hat kein Feld `fix`"),
            });
        }
    }
    let had_problems = !problems.is_empty();
    let mut missing = |what: &str| {
        if had_problems {
            // A field that was written but wrong is reported already.
            return;
        }
        problems.push(RuleProblem { origin: rule_origin.clone(), message: format!("Regel {id}: {what} fehlt") })
    };
    if title.is_none() {
        missing("`title`");
    }
    if category.is_none() {
        missing("`category`");
    }
    if severity.is_none() {
        missing("`severity`");
    }
    if principle.is_none() {
        missing("`principle`");
    }
    if message.is_none() {
        missing("`message`");
    }
    if triggers.is_empty() && code.is_none() {
        missing("ein `match`");
    }
    if !examples.iter().any(|e| e.flags) {
        missing("ein Beispiel `flag \"…\"`, das gemeldet werden muss,");
    }
    if !examples.iter().any(|e| !e.flags) {
        missing("ein Beispiel `pass \"…\"`, das nicht gemeldet werden darf,");
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(RuleDef {
        id,
        name,
        title: title.unwrap(),
        category: category.unwrap(),
        severity: severity.unwrap(),
        principle: principle.unwrap(),
        scope,
        parts,
        context,
        priority,
        default_on,
        triggers,
        code,
        conditions,
        message: message.unwrap(),
        fixes,
        basis,
        refs,
        url,
        explain,
        examples,
        origin: rule_origin,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
# comment
define elektronisch = "elektronisch"* | "Textform"
rule DC-XX-001 beispiel-regel
  title "Titel"
  category schriftform
  severity hoch
  principle 1
  scope satz
  match adj "schriftlich" …3 ("zu stellen" | "beantragen")
  match "Schriftform"* | *"siegel" | exact "Einschreiben" | re"\d+ Tage"
  unless near 3 @elektronisch
  unless within absatz "Datenfernübertragung"
  message "„{text}“ ist Papier."
  fix mv "schriftlich oder elektronisch" bund "elektronisch"
  basis mv "§ 3a VwVfG M-V" bund "§ 3a VwVfG"
  explain """
    Längerer Text.
      Eingerückt.
  """
  flag "Der Antrag ist schriftlich zu stellen."
  pass "Der Antrag ist elektronisch zu stellen."
end
"#;

    #[test]
    fn parses_a_full_rule() {
        let f = parse_file("t.dc", GOOD).unwrap();
        assert_eq!(f.defines.len(), 1);
        let r = &f.rules[0];
        assert_eq!(r.id, "DC-XX-001");
        assert_eq!(r.triggers.len(), 2);
        assert_eq!(r.conditions.len(), 2);
        assert_eq!(r.conditions[0].place, Place::Near(3));
        assert_eq!(r.fix().unwrap().bund, "elektronisch");
        assert_eq!(r.explain, "Längerer Text.\n  Eingerückt.");
        assert_eq!(r.examples.len(), 2);
        assert_eq!(r.examples[0].origin.line, 21);
    }

    #[test]
    fn default_off_takes_a_rule_out_of_the_default_check() {
        assert!(parse_file("t.dc", GOOD).unwrap().rules[0].default_on);
        let off = GOOD.replace("  priority", "  default off\n  priority").replace("  scope satz", "  scope satz\n  default off");
        assert!(!parse_file("t.dc", &off).unwrap().rules[0].default_on);
        let bad = GOOD.replace("  scope satz", "  scope satz\n  default aus");
        let e = parse_file("t.dc", &bad).unwrap_err();
        assert!(e.to_string().contains("`on` oder `off`"), "{e}");
    }

    #[test]
    fn a_condition_may_have_an_exception() {
        let text = GOOD.replace("unless near 3 @elektronisch", "unless near 3 @elektronisch except \"Frist\"* | \"nachgereicht\"");
        let r = &parse_file("t.dc", &text).unwrap().rules[0];
        assert_eq!(r.conditions[0].place, Place::Near(3));
        assert!(matches!(&r.conditions[0].except, Some(Pattern::Alt(a)) if a.len() == 2));
        assert!(r.conditions[1].except.is_none());
    }

    #[test]
    fn syntax_error_has_position_and_expectation() {
        let bad = "rule DC-XX-001 name\n  title \"T\"\n  category schriftform\n  severty hoch\nend\n";
        let e = parse_file("bad.dc", bad).unwrap_err();
        let msg = e.to_string();
        assert!(msg.starts_with("bad.dc:4:3: Syntaxfehler: erwartet"), "{msg}");
        assert!(msg.contains("`end`"), "{msg}");
    }

    #[test]
    fn pinned_examples_and_code_rules() {
        let pinned = GOOD.replace("  fix mv \"schriftlich oder elektronisch\" bund \"elektronisch\"\n", "").replace(
            "  flag \"Der Antrag ist schriftlich zu stellen.\"\n",
            "  flag \"Der Antrag ist schriftlich zu stellen.\" => \"schriftlich zu stellen\" fix mv \"a\" bund \"b\"\n  flag \"Die Anzeige ist schriftlich zu stellen.\" => \"schriftlich\"\n  fix \"nachgestellt\"\n",
        );
        let r = &parse_file("t.dc", &pinned).unwrap().rules[0];
        let pin = r.examples[0].pin.as_ref().unwrap();
        assert_eq!(pin.words, "schriftlich zu stellen");
        assert_eq!(pin.fix.as_ref().map(|f| (f.mv.as_str(), f.bund.as_str())), Some(("a", "b")));
        // A `fix` on the next line is the rule's own field, not part of the example.
        assert_eq!(r.examples[1].pin, Some(Pin { words: "schriftlich".into(), fix: None }));
        assert_eq!(r.fix().unwrap().mv, "nachgestellt");

        let code = "rule DC-XX-002 code-regel\n  title \"T\"\n  category schriftform\n  severity hoch\n  principle 1\n  match code amendment\n  message \"M\"\n  flag \"a\"\n  pass \"b\"\nend\n";
        let r = &parse_file("c.dc", code).unwrap().rules[0];
        assert_eq!((r.code, r.triggers.len()), (Some(CodeMatch::Amendment), 0));
        let e = parse_file("c.dc", &code.replace("amendment", "zauberei")).unwrap_err();
        assert!(e.to_string().contains("unbekannter Prüfcode „zauberei“"), "{e}");
        let e = parse_file("c.dc", &code.replace("  message", "  unless \"x\"\n  message")).unwrap_err();
        assert!(e.to_string().contains("verträgt sich nicht mit Mustern"), "{e}");
    }

    #[test]
    fn fixes_with_conditions_in_order() {
        let rule = GOOD.replace(
            "  fix mv \"schriftlich oder elektronisch\" bund \"elektronisch\"\n",
            "  fix \"{text} oder elektronischen Siegel\" if before 1 (\"dem\" | \"einem\") if not after 2 \"oder\"\n  fix \"{text} oder elektronisch\"\n",
        );
        let r = &parse_file("t.dc", &rule).unwrap().rules[0];
        assert_eq!(r.fixes.len(), 2);
        let c = &r.fixes[0].conditions;
        assert_eq!((c.len(), c[0].place, c[0].negated, c[1].place, c[1].negated), (2, Place::Before(1), false, Place::After(2), true));
        assert!(r.fixes[1].conditions.is_empty());
        // The rule's fields after a `fix … if …` stay fields.
        assert_eq!(r.basis.as_ref().unwrap().mv, "§ 3a VwVfG M-V");
        assert!(!r.fix_is_unconditional());
        // A wording after one that always fits would never be used.
        let dead = rule.replace(" if before 1 (\"dem\" | \"einem\") if not after 2 \"oder\"", "");
        let e = parse_file("t.dc", &dead).unwrap_err();
        assert!(e.to_string().contains("kommt nie zum Zug"), "{e}");
    }

    #[test]
    fn unknown_category_is_reported_at_field() {
        let bad = GOOD.replace("category schriftform", "category schrift");
        let e = parse_file("t.dc", &bad).unwrap_err();
        assert!(e.to_string().starts_with("t.dc:6:3: unbekannte Kategorie „schrift“"), "{e}");
        assert_eq!(e.problems.len(), 1, "{e}");
    }
}
