//! The rule language, the rule engine and the built-in barrier catalogue.
//!
//! Rules are the product's knowledge and are written by lawyers in a small declarative language
//! (`rules/*.dc`, grammar in `rules.pest`, documented in `rules/README.md`). This module reads them
//! ([`parse`], by hand after the grammar in `syntax`), compiles their patterns ([`pattern`]) into
//! one prefilter, runs them over a [`Document`] ([`engine`]) and proves each rule with its own
//! examples ([`examples`]). The catalogue is embedded at build time ([`catalog`]); more rule
//! folders can be loaded at run time.
//! Rules written `match code amendment` are matched by the amendment layer instead of patterns;
//! the words that layer needs for fragments of commands come from the catalogue too
//! ([`vocabulary`]).
//!
//! One rule's metadata is the single source for findings, `digicheck explain`, SARIF rule
//! descriptions and editor hovers.

pub mod ast;
pub mod basis;
pub mod catalog;
pub(crate) mod compact;
mod engine;
pub mod error;
pub mod eval;
pub mod examples;
pub mod parse;
pub(crate) mod pattern;
mod syntax;
pub mod tokens;
pub mod vocabulary;

pub use basis::{Field, Law};
pub use ast::{CodeMatch, Context, Origin, ProfileText, RuleDef, Scope};
pub use vocabulary::Vocabulary;
pub use error::{RuleError, RuleProblem};
pub use examples::ExampleFailure;

use crate::finding::{Finding, Profile};
use crate::source::Span;
use crate::structure::{Document, Part};
use engine::{Prefilter, Selection};
use pattern::Pat;
use std::collections::HashMap;
use std::ops::Deref;
use std::sync::atomic::{AtomicU64, Ordering as AtomicOrdering};

/// Options of the rule engine for one run (the engine's part of [`crate::pipeline::Settings`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct CheckOptions {
    /// Whose law messages and fixes cite.
    pub profile: Profile,
    /// The document's field of law, where it has its own basis for electronic documents (tax,
    /// social administration, courts, private law); see [`basis`].
    pub field: Field,
    /// The procedure code the document sends its court decisions to ([`basis::courts_of`]).
    pub courts: Field,
    /// Also report findings in the Begründung and the Vorblatt. They explain a draft rather than
    /// make law, so by default only the Gesetzestext is checked.
    pub include_begruendung: bool,
}

/// A compiled rule: its metadata (through `Deref`) and its patterns ready for matching.
#[derive(Debug, Clone)]
pub struct Rule {
    /// Decoded when first asked for if the rule comes from the compact catalogue: a check reads
    /// the definitions of the rules its text triggers, and decoding all of them (their examples
    /// and explanations are two fifths of the catalogue) was a quarter of a one-page check.
    def: compact::Definition,
    /// [`RuleDef::default_on`], kept here so that the engine can pass over a rule of another
    /// selection without decoding its definition.
    default_on: bool,
    /// The trigger patterns, compiled: when read for a rule read from rule files, when the
    /// prefilter first names the rule for one of the compact catalogue (whose prefilter is stored
    /// in it): a page names a fifth of the rules.
    triggers: std::sync::OnceLock<Vec<Pat>>,
    /// The conditions, compiled when a trigger of the rule first matches: a short draft triggers
    /// few rules, and compiling the conditions of the whole catalogue was a fifth of the start of
    /// a one-page check. Whether they compile (every `@name` known, no cycle) is checked when the
    /// rule set is loaded ([`pattern::check_refs`]), so that loading still reports every problem.
    checks: std::sync::OnceLock<Checks>,
    /// The class of each condition as written: those of the rule, then those of each fix.
    classes: Vec<usize>,
    defines: std::sync::Arc<pattern::Defines>,
    /// The compiled condition of each class, shared by the rules of the set: conditions of one
    /// class read the same and compile to the same (most written-form rules ask for an electronic
    /// way in the sentence).
    by_class: std::sync::Arc<[std::sync::OnceLock<std::sync::Arc<CompiledCondition>>]>,
}

/// A rule's compiled conditions.
#[derive(Debug, Clone)]
pub(crate) struct Checks {
    pub conditions: Vec<std::sync::Arc<CompiledCondition>>,
    /// The conditions of each of [`RuleDef::fixes`], in the same order.
    pub fix_conditions: Vec<Vec<std::sync::Arc<CompiledCondition>>>,
}

#[derive(Debug, Clone)]
pub(crate) struct CompiledCondition {
    /// Where the pattern can be found quickly (its [`Pat::placed_anchors`]), built when the
    /// condition is first evaluated (a rule's conditions stop at the first that fails, so a check
    /// evaluates only some of those it compiles); none if it starts with a regular expression or
    /// the place is the match itself (`is`). Shared by the conditions that name the same define
    /// alone (`within satz @elektronisch`).
    pub anchors: engine::LazySearch,
    pub negated: bool,
    pub place: ast::Place,
    pub pattern: Pat,
    /// `except`: where this is found in the same place, the pattern does not count.
    pub except: Option<(Pat, engine::LazySearch)>,
    /// Equal for conditions that read the same (place, pattern, exception) in different rules:
    /// the result of a scope condition is computed once per scope unit and shared by all rules
    /// that ask it (most written-form rules ask whether the sentence opens an electronic way).
    pub class: usize,
}

/// How much of the text a place makes a condition read, for evaluating cheap conditions first:
/// a rule's conditions must all hold, so the first that fails spares the others.
fn place_cost(place: ast::Place) -> usize {
    match place {
        ast::Place::Is => 0,
        ast::Place::Before(n) | ast::Place::After(n) => n,
        ast::Place::Near(n) => 2 * n,
        ast::Place::Within(Scope::Satz) => 1_000,
        ast::Place::Within(Scope::Absatz) => 2_000,
        ast::Place::Within(Scope::Paragraph) | ast::Place::Scope => 3_000,
    }
}

/// What makes two conditions the same for [`CompiledCondition::class`]: `Scope` depends on the
/// rule's scope; the rest only on what is written.
#[derive(PartialEq, Eq, Hash)]
struct ConditionKey<'a> {
    negated: bool,
    place: Result<ast::Place, Scope>,
    pattern: &'a ast::Pattern,
    except: Option<&'a ast::Pattern>,
}

/// The class of a condition; conditions that read the same in different rules share one.
fn condition_class<'a>(c: &'a ast::Condition, rule_scope: Scope, classes: &mut rustc_hash::FxHashMap<ConditionKey<'a>, usize>) -> usize {
    let place = match c.place {
        ast::Place::Scope => Err(rule_scope),
        other => Ok(other),
    };
    let key = ConditionKey { negated: c.negated, place, pattern: &c.pattern, except: c.except.as_ref() };
    let next = classes.len();
    *classes.entry(key).or_insert(next)
}

/// The class of each condition of each rule (those of the rule, then those of each fix), in the
/// order written, and how many classes there are (see [`CompiledCondition::class`]).
fn condition_classes(defs: &[RuleDef]) -> (Vec<Vec<usize>>, usize) {
    let mut classes: rustc_hash::FxHashMap<ConditionKey, usize> = Default::default();
    let rule_classes = defs
        .iter()
        .map(|def| {
            let conds = def.conditions.iter().chain(def.fixes.iter().flat_map(|f| f.conditions.iter()));
            conds.map(|c| condition_class(c, def.scope, &mut classes)).collect()
        })
        .collect();
    (rule_classes, classes.len())
}

/// Checks that a condition will compile (see [`Rule::checks`]).
fn check_condition(c: &ast::Condition, defines: &HashMap<String, ast::Pattern>) -> Result<(), RuleProblem> {
    if let Some(e) = &c.except {
        pattern::check_refs(e, defines, 0)?;
    }
    pattern::check_refs(&c.pattern, defines, 0)
}

/// Compiles one condition whose references were checked when the rule set was loaded.
fn compile_condition(c: &ast::Condition, defines: &pattern::Defines, class: usize) -> CompiledCondition {
    let compile = |p| pattern::compile(p, defines);
    let except = c.except.as_ref().map(|e| (compile(e), engine::LazySearch::default()));
    let p = compile(&c.pattern);
    CompiledCondition { negated: c.negated, place: c.place, anchors: engine::LazySearch::default(), pattern: p, except, class }
}

impl Deref for Rule {
    type Target = RuleDef;
    fn deref(&self) -> &RuleDef {
        self.def.get()
    }
}

impl CheckOptions {
    /// Whose law and which field findings cite.
    pub fn law(&self) -> Law {
        Law { profile: self.profile, field: self.field, courts: self.courts }
    }
}

impl Rule {
    pub fn def(&self) -> &RuleDef {
        self.def.get()
    }

    /// The rule's trigger patterns, compiled on first use for a rule of the compact catalogue.
    pub(crate) fn trigger_patterns(&self) -> &[Pat] {
        self.triggers.get_or_init(|| self.def.triggers().iter().map(|p| pattern::compile(p, &self.defines)).collect())
    }

    /// Those of the rule's own conditions (not its fixes') that `keep` accepts, compiled (shared
    /// with [`Rule::checks`] through their class), in the order `checks` puts them: for a caller
    /// that needs only some of them (the amendment vocabulary needs the negated near ones).
    pub(crate) fn some_conditions(&self, keep: impl Fn(&ast::Condition) -> bool) -> Vec<std::sync::Arc<CompiledCondition>> {
        let def = self.def.get();
        let mut out: Vec<std::sync::Arc<CompiledCondition>> = def
            .conditions
            .iter()
            .zip(&self.classes)
            .filter(|(c, _)| keep(c))
            .map(|(c, &class)| self.by_class[class].get_or_init(|| std::sync::Arc::new(compile_condition(c, &self.defines, class))).clone())
            .collect();
        crate::sort::sort_by_key(&mut out, |c| place_cost(c.place));
        out
    }

    /// The rule's compiled conditions, compiled on first use.
    pub(crate) fn checks(&self) -> &Checks {
        self.checks.get_or_init(|| {
            let mut classes = self.classes.iter().copied();
            let mut compile_all = |conds: &[ast::Condition]| -> Vec<std::sync::Arc<CompiledCondition>> {
                let mut out: Vec<std::sync::Arc<CompiledCondition>> = conds
                    .iter()
                    .map(|c| {
                        let class = classes.next().expect("a class per condition");
                        self.by_class[class].get_or_init(|| std::sync::Arc::new(compile_condition(c, &self.defines, class))).clone()
                    })
                    .collect();
                crate::sort::sort_by_key(&mut out, |c| place_cost(c.place));
                out
            };
            let def = self.def.get();
            let conditions = compile_all(&def.conditions);
            let fix_conditions = def.fixes.iter().map(|f| compile_all(&f.conditions)).collect();
            Checks { conditions, fix_conditions }
        })
    }

    /// The legal basis a finding cites: the catalogue's text in the jurisdiction's wording, with
    /// administrative procedure law replaced by the field's own basis.
    pub fn basis_for(&self, law: impl Into<Law>) -> Option<String> {
        let law = law.into();
        self.basis.as_ref().map(|b| basis::field_text(b.get(law.profile), law.field))
    }

    /// The rule's message for a match, placeholders filled in: `{text}` (matched words), `{norm}`
    /// (structure path), `{basis}` (legal basis for the profile), `{fix}`, `{principle}`.
    pub fn render_message(&self, text: &str, norm: &str, law: impl Into<Law>) -> String {
        self.render_message_with(text, norm, law, &[])
    }

    /// [`Rule::render_message`] with further placeholders, for rules matched by code that know
    /// more about a match (the amendment layer: `{amendment}`, `{target}`, …).
    pub fn render_message_with(&self, text: &str, norm: &str, law: impl Into<Law>, extra: &[(&str, &str)]) -> String {
        let law = law.into();
        let fix = self.render_fix(text, law);
        self.fill(self.message.get(law.profile), text, norm, fix.as_deref().unwrap_or(""), law, extra)
    }

    /// The rule's first wording for a match, with `{text}`, `{ending}` and `{basis}` filled in
    /// (whether it fits the sentence is for the engine to judge, see [`RuleDef::fixes`]).
    pub fn render_fix(&self, text: &str, law: impl Into<Law>) -> Option<String> {
        self.render_fix_case(0, text, law)
    }

    /// Wording number `case` of [`RuleDef::fixes`] for a match, placeholders filled in.
    pub fn render_fix_case(&self, case: usize, text: &str, law: impl Into<Law>) -> Option<String> {
        let law = law.into();
        self.fixes.get(case).map(|f| self.fill(f.text.get(law.profile), text, "", "", law, &[]))
    }

    /// Fills the placeholders of a template in one pass; what is filled in is not read again, so
    /// a matched text that happens to contain „{norm}“ stays as it is.
    fn fill(&self, template: &str, text: &str, norm: &str, fix: &str, law: Law, extra: &[(&str, &str)]) -> String {
        // Worked out where the template asks for it: most wordings of a fix have no `{basis}`, and
        // the field's wording of the basis was the larger part of filling them in.
        let mut prose_basis: Option<String> = None;
        let mut out = String::with_capacity(template.len() + text.len() + 64);
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open..];
            let name = after.find('}').map(|close| &after[1..close]);
            let value = match name {
                Some("text") => Some(text),
                Some("norm") => Some(norm),
                Some("basis") => {
                    Some(prose_basis.get_or_insert_with(|| self.basis_for(law).map(|b| basis::in_prose(&b)).unwrap_or_default()).as_str())
                }
                Some("fix") => Some(fix),
                Some("ending") => Some(adjective_ending(text)),
                Some("principle") => {
                    use std::fmt::Write;
                    let _ = write!(out, "Prinzip {} „{}“", self.principle.number(), self.principle.title());
                    Some("")
                }
                Some(other) => extra.iter().find(|(k, _)| *k == other).map(|(_, v)| *v),
                None => None,
            };
            match (value, name) {
                (Some(v), Some(n)) => {
                    out.push_str(v);
                    rest = &after[n.len() + 2..];
                }
                _ => {
                    out.push('{');
                    rest = &after[1..];
                }
            }
        }
        out.push_str(rest);
        out
    }

    /// The law a written-form or signature finding speaks of: a sentence between private parties in
    /// a document whose title tells no field of its own cites private law (§ 126a/§ 126b BGB), not
    /// the administrative procedure law the document would otherwise get; other findings, and
    /// documents of a named field, keep the document's law.
    fn law_of_sentence(&self, doc: &Document, span: Span, law: Law) -> Law {
        use crate::classification::Category;
        use crate::structure::NodeKind;
        if !matches!(self.category, Category::Schriftform | Category::Unterschrift) {
            return law;
        }
        let node = doc.node_at(span.start);
        // A form in an Anlage names the employer or landlord who fills it in, but goes to the
        // authority: the document's law stays.
        if doc.enclosing(node, NodeKind::Anlage).is_some() {
            return law;
        }
        // A step before a court (a filing, or a document the court makes itself) cites the
        // procedure codes' rules, in a procedure code its rule for the court's own documents
        // („Das Urteil ist von den Richtern … zu unterschreiben“), not the one for filings.
        let court_field = || {
            let sentence = doc.enclosing(node, NodeKind::Satz).map(|n| &doc.text()[doc.node(n).span.range()])?;
            // In a statute of tax, social or private law only a written filing with a court the
            // sentence names: a committee's Geschäftsstelle („zur Niederschrift der Geschäftsstelle
            // des Berufungsausschusses“) is no court, and signatures on an election proposal are
            // no filing.
            if basis::is_administrative(law.field) && !(self.category == Category::Schriftform && basis::names_a_court(sentence)) {
                return None;
            }
            basis::court_field(basis::court_step(sentence)?, law.field)
        };
        if law.field != Field::General {
            return court_field().map_or(law, |field| Law { field, ..law });
        }
        // A court's decision in a statute that sends them to a procedure code: the Absatz names the
        // court, or the § does and the sentence speaks of the order („Die Anordnung ergeht
        // schriftlich“ after „Die Maßnahme bedarf der Anordnung durch das Gericht“).
        if law.courts != Field::General {
            let text = |kind| doc.enclosing(node, kind).map(|n| &doc.text()[doc.node(n).span.range()]);
            let absatz = text(NodeKind::Absatz).unwrap_or_default();
            let satz = text(NodeKind::Satz).unwrap_or(absatz);
            let has = |s: &str, words: &[&str]| words.iter().any(|w| s.contains(w));
            // In an Absatz that names the court: an application to it (whoever makes it), or its
            // order or decision.
            let by_court = if basis::names_a_court(absatz) {
                has(satz, &["Antrag", "beantrag"])
                    || (has(satz, &["Anordnung", "angeordnet", "Entscheidung"]) && !basis::names_another_orderer(satz))
            } else {
                // „(5) Die Anordnung ergeht schriftlich.“ in a § whose order the court makes.
                text(NodeKind::Paragraph).is_some_and(basis::court_orders) && satz.contains("Anordnung") && !basis::names_another_orderer(absatz)
            };
            if by_court {
                return Law { field: law.courts, ..law };
            }
        }
        // In a statute of general administrative law (an Ausführungsgesetz to an enforcement
        // treaty), after the courts it names above.
        if let Some(field) = court_field() {
            return Law { field, ..law };
        }
        // The innermost list item or sentence: an enumeration's other items may name other parties.
        let unit = [NodeKind::Doppelbuchstabe, NodeKind::Buchstabe, NodeKind::Nummer, NodeKind::Satz]
            .into_iter()
            .find_map(|kind| doc.enclosing(node, kind))
            .map_or(doc.node(node).span, |n| doc.node(n).span);
        if basis::between_private_parties(&doc.text()[unit.range()]) {
            Law { field: basis::private_law(), ..law }
        } else {
            law
        }
    }

    /// The finding for a match; `fix` is the number of the wording that fits there, if any.
    pub(crate) fn finding(&self, doc: &Document, span: Span, part: Part, law: Law, fix: Option<usize>) -> Finding {
        let law = self.law_of_sentence(doc, span, law);
        let text = doc.source().slice(span).to_string();
        let norm = doc.norm_at(span.start).to_string();
        let fix = fix.and_then(|case| self.render_fix_case(case, &text, law));
        Finding {
            rule: self.id.clone(),
            category: self.category,
            severity: self.severity,
            principle: self.principle,
            message: self.render_message(&text, &norm, law),
            norm,
            span,
            text,
            fix,
            part,
            amendment: None,
        }
    }
}

/// The inflection ending of the first word of a match if it is an inflected adjective
/// („schriftlichen“ → „en“), so that a fix can agree: `"{text} oder elektronisch{ending}"` gives
/// „schriftlichen oder elektronischen“.
fn adjective_ending(text: &str) -> &str {
    let first = text.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    for ending in ["em", "en", "er", "es", "e"] {
        if let Some(stem) = first.strip_suffix(ending) {
            if ["lich", "isch", "ig", "bar", "los"].iter().any(|s| stem.ends_with(s)) {
                return ending;
            }
        }
    }
    ""
}

/// A set of compiled rules with one shared prefilter. Clones share the compiled rules: the
/// built-in catalogue is compiled once per process and every caller that wants a `RuleSet` of its
/// own (`builtin_with_dirs` without extra folders) gets it without copying thousands of patterns.
#[derive(Debug, Clone)]
pub struct RuleSet {
    inner: std::sync::Arc<Compiled>,
}

/// What a [`RuleSet`] shares between its clones.
#[derive(Debug)]
struct Compiled {
    rules: Vec<Rule>,
    prefilter: Prefilter,
    /// Rule index by exact id: reports look up a rule for every finding.
    by_id: HashMap<String, usize>,
    /// See [`RuleSet::id`].
    id: u64,
    /// Built when the amendment layer first asks: a draft without Änderungsbefehle never does.
    vocabulary: std::sync::OnceLock<Vocabulary>,
    /// The `define`s, for conditions compiled on first use.
    defines: std::sync::Arc<pattern::Defines>,
}

/// What rule files define: the `define`s and the rules, each in the order written.
pub(crate) type Definitions = (Vec<(String, ast::Pattern)>, Vec<RuleDef>);

/// The source of [`RuleSet::id`]s.
static NEXT_ID: AtomicU64 = AtomicU64::new(1);

impl RuleSet {
    /// The built-in catalogue (`rules/*.dc`, embedded at build time), loaded once per process.
    /// Fails only if the catalogue itself is broken, which the test suite rules out.
    pub fn builtin() -> Result<&'static RuleSet, RuleError> {
        catalog::builtin()
    }

    /// Reads and compiles rule files given as `(file name, text)` and runs every rule's examples;
    /// a syntax error, a semantic problem or a failing example fails the load.
    pub fn from_sources(sources: &[(String, String)]) -> Result<RuleSet, RuleError> {
        let set = RuleSet::compile_sources(sources)?;
        let failures = set.run_examples();
        if failures.is_empty() {
            Ok(set)
        } else {
            Err(RuleError { problems: failures.into_iter().map(|f| f.into_problem()).collect() })
        }
    }

    /// Like [`RuleSet::from_sources`] but without running the examples (for `rules test`, which
    /// reports failing examples itself).
    pub fn compile_sources(sources: &[(String, String)]) -> Result<RuleSet, RuleError> {
        let (defines, defs) = RuleSet::read_sources(sources)?;
        Ok(RuleSet::assemble(defines, defs))
    }

    /// Reads rule files and checks what makes a rule set: `define`s and rules in the order
    /// written, or every problem found. What passes compiles ([`RuleSet::assemble`]); the
    /// built-in catalogue is read like this when it is built into [`compact`] form.
    pub(crate) fn read_sources(sources: &[(String, String)]) -> Result<Definitions, RuleError> {
        let mut problems = Vec::new();
        let mut defs = Vec::new();
        let mut defines: Vec<(String, ast::Pattern)> = Vec::new();
        let mut define_origins: HashMap<String, Origin> = HashMap::new();
        for (name, text) in sources {
            match parse::parse_file(name, text) {
                Ok(f) => {
                    for d in f.defines {
                        if let Some(o) = define_origins.get(&d.name) {
                            problems.push(RuleProblem {
                                origin: d.origin.clone(),
                                message: format!("@{} ist schon in {o} festgelegt", d.name),
                            });
                            continue;
                        }
                        define_origins.insert(d.name.clone(), d.origin.clone());
                        defines.push((d.name, d.pattern));
                    }
                    defs.extend(f.rules);
                }
                Err(e) => problems.extend(e.problems),
            }
        }
        let written: HashMap<String, ast::Pattern> = defines.iter().cloned().collect();
        let mut kept: Vec<RuleDef> = Vec::new();
        let mut ids: HashMap<String, Origin> = HashMap::new();
        let mut names: HashMap<String, Origin> = HashMap::new();
        for def in defs {
            if let Some(o) = ids.get(&def.id) {
                problems.push(RuleProblem { origin: def.origin.clone(), message: format!("Regel-Kennung {} ist schon in {o} vergeben", def.id) });
                continue;
            }
            if let Some(o) = names.get(&def.name) {
                problems.push(RuleProblem { origin: def.origin.clone(), message: format!("Regelname {} ist schon in {o} vergeben", def.name) });
                continue;
            }
            ids.insert(def.id.clone(), def.origin.clone());
            names.insert(def.name.clone(), def.origin.clone());
            for (placeholder, present) in [("{basis}", def.basis.is_some()), ("{fix}", !def.fixes.is_empty())] {
                if !present && (def.message.mv.contains(placeholder) || def.message.bund.contains(placeholder)) {
                    let field = &placeholder[1..placeholder.len() - 1];
                    problems.push(RuleProblem {
                        origin: def.origin.clone(),
                        message: format!("Regel {}: die Meldung nutzt {placeholder}, aber `{field}` fehlt", def.id),
                    });
                }
            }
            let quotes_fix = def.message.mv.contains("{fix}") || def.message.bund.contains("{fix}");
            if quotes_fix && !def.fixes.is_empty() && !def.fix_is_unconditional() {
                problems.push(RuleProblem {
                    origin: def.origin.clone(),
                    message: format!(
                        "Regel {}: die Meldung nutzt {{fix}}, aber der erste `fix` hat eine Bedingung (`if`), also bekommt nicht jeder Befund einen Vorschlag",
                        def.id
                    ),
                });
            }
            if def.code.is_some() && def.fixes.iter().any(|f| !f.conditions.is_empty()) {
                problems.push(RuleProblem {
                    origin: def.origin.clone(),
                    message: format!("Regel {}: `match code` verträgt keinen `fix … if …`: der Prüfcode kennt keinen Satz um den Treffer", def.id),
                });
            }
            for (p, _) in &def.triggers {
                if let Err(e) = pattern::check_refs(p, &written, 0) {
                    problems.push(e);
                }
            }
            for c in def.conditions.iter().chain(def.fixes.iter().flat_map(|f| f.conditions.iter())) {
                if let Err(e) = check_condition(c, &written) {
                    problems.push(e);
                }
            }
            kept.push(def);
        }
        if !problems.is_empty() {
            return Err(RuleError { problems });
        }
        Ok((defines, kept))
    }

    /// Compiles what [`RuleSet::read_sources`] found without problems: the triggers and the
    /// prefilter; conditions wait for their rule's first match.
    pub(crate) fn assemble(defines: Vec<(String, ast::Pattern)>, defs: Vec<RuleDef>) -> RuleSet {
        let (rule_classes, classes) = condition_classes(&defs);
        let defines = std::sync::Arc::new(pattern::Defines::new(defines.into_iter().collect()));
        let by_class: std::sync::Arc<[_]> = (0..classes).map(|_| std::sync::OnceLock::new()).collect();
        let rules = defs
            .into_iter()
            .zip(rule_classes)
            .map(|(def, classes)| {
                let triggers: Vec<Pat> = def.triggers.iter().map(|(p, _)| pattern::compile(p, &defines)).collect();
                let default_on = def.default_on;
                let def = compact::Definition::read(def);
                Rule {
                    def,
                    default_on,
                    triggers: std::sync::OnceLock::from(triggers),
                    checks: std::sync::OnceLock::new(),
                    classes,
                    defines: defines.clone(),
                    by_class: by_class.clone(),
                }
            })
            .map(|rule| (rule.id.clone(), rule))
            .collect();
        RuleSet::of_rules(rules, defines, None)
    }

    /// The rule set of compiled rules, each with its id: sorted by id, with the prefilter (from
    /// its table, if given, which must be that of these rules).
    fn of_rules(
        mut rules: Vec<(String, Rule)>,
        defines: std::sync::Arc<pattern::Defines>,
        prefilter: Option<&engine::PrefilterTable>,
    ) -> RuleSet {
        crate::sort::sort_by(&mut rules, |a, b| a.0.cmp(&b.0));
        let by_id = rules.iter().enumerate().map(|(i, (id, _))| (id.clone(), i)).collect();
        let rules: Vec<Rule> = rules.into_iter().map(|(_, r)| r).collect();
        let prefilter = match prefilter {
            Some(table) => Prefilter::from_table(table),
            None => Prefilter::build(&rules),
        };
        RuleSet {
            inner: std::sync::Arc::new(Compiled {
                rules,
                prefilter,
                by_id,
                id: NEXT_ID.fetch_add(1, AtomicOrdering::Relaxed),
                vocabulary: std::sync::OnceLock::new(),
                defines,
            }),
        }
    }

    /// The catalogue's barrier and electronic words, for fragments too short for a rule (see
    /// [`vocabulary`]).
    pub fn vocabulary(&self) -> &Vocabulary {
        self.inner.vocabulary.get_or_init(|| Vocabulary::build(&self.inner.rules, &self.inner.defines))
    }

    /// A number that differs between rule sets compiled in this process (a clone keeps it, as it
    /// matches the same): what a cache of matching results, such as an editing session's, keys on.
    pub fn id(&self) -> u64 {
        self.inner.id
    }

    /// All rules, ordered by id.
    pub fn rules(&self) -> &[Rule] {
        &self.inner.rules
    }

    /// A rule by its id (`DC-SF-001`) or its short name (`schriftlich-antrag`).
    pub fn get(&self, id: &str) -> Option<&Rule> {
        if let Some(&i) = self.inner.by_id.get(id) {
            return Some(&self.inner.rules[i]);
        }
        self.inner.rules.iter().find(|r| r.id.eq_ignore_ascii_case(id) || r.name == id)
    }

    /// Checks a parsed document with the rules of the default check (all but those marked
    /// `default off`); findings are sorted by position.
    pub fn check(&self, doc: &Document, options: &CheckOptions) -> Vec<Finding> {
        engine::check(&self.inner.rules, &self.inner.prefilter, doc, options, Selection::Default, None)
    }

    /// Checks a parsed document with only the rules marked `default off`: indefinite legal terms
    /// and discretion (automation readiness) and other hints that are analysis rather than
    /// barriers to act on. They stay out of [`RuleSet::check`] so that every default finding is
    /// one a reviewer can send on; a report that wants them asks here.
    pub fn check_optional(&self, doc: &Document, options: &CheckOptions) -> Vec<Finding> {
        engine::check(&self.inner.rules, &self.inner.prefilter, doc, options, Selection::Optional, None)
    }

    /// Checks a parsed document with every rule, those marked `default off` included, in one run
    /// (so a hint never repeats a default finding on the same words): what a drafter gets who asks
    /// for all rules.
    pub fn check_all(&self, doc: &Document, options: &CheckOptions) -> Vec<Finding> {
        engine::check(&self.inner.rules, &self.inner.prefilter, doc, options, Selection::All, None)
    }

    /// Checks a parsed document with the default rules and the named rules on request
    /// (`enable = ["DC-PO-001"]`): for a Normprüfstelle that wants a barrier the default leaves out
    /// because real law too often mentions it without requiring it. Unknown ids are an error
    /// naming them.
    pub fn check_enabled(&self, doc: &Document, options: &CheckOptions, enabled: &[String]) -> Result<Vec<Finding>, String> {
        Ok(self.check_default_and(doc, options, &self.indices(enabled)?))
    }

    /// [`RuleSet::check_enabled`] with the rules already resolved to indices ([`RuleSet::indices`]).
    pub(crate) fn check_default_and(&self, doc: &Document, options: &CheckOptions, extra: &[usize]) -> Vec<Finding> {
        engine::check(&self.inner.rules, &self.inner.prefilter, doc, options, Selection::DefaultAnd(extra), None)
    }

    /// The indices of rules given by id or name; an error lists the unknown ones.
    pub fn indices(&self, ids: &[String]) -> Result<Vec<usize>, String> {
        let mut out = Vec::new();
        let mut unknown = Vec::new();
        for id in ids {
            match self.get(id) {
                Some(rule) => out.extend(self.inner.rules.iter().position(|r| r.id == rule.id)),
                None => unknown.push(format!("„{id}“")),
            }
        }
        if unknown.is_empty() {
            Ok(out)
        } else {
            Err(format!("unbekannte Regel {}", unknown.join(", ")))
        }
    }

    /// Checks only the matches that start inside `region` of a parsed document: what an editor
    /// session needs to re-check one edited provision without re-reading the whole draft. For a
    /// region that holds whole scope units (a §, or a top-level unit without §), the findings are
    /// exactly those of [`RuleSet::check`] that start inside it.
    pub fn check_region(&self, doc: &Document, options: &CheckOptions, region: Span) -> Vec<Finding> {
        engine::check(&self.inner.rules, &self.inner.prefilter, doc, options, Selection::Default, Some(region))
    }

    /// The part of the text that [`RuleSet::check_region`] reads for `region`: the region widened
    /// to whole lines and to sentence boundaries. A cache of region results must key on it.
    pub fn region_window(text: &str, region: Span) -> Span {
        engine::sentence_window(text, region)
    }

    /// [`RuleSet::region_window`] of each region, for a caller that cuts a whole text into
    /// regions (cheaper than one call per region).
    pub fn region_windows(text: &str, regions: &[Span]) -> Vec<Span> {
        engine::sentence_windows(text, regions)
    }

    /// Checks a document with one rule alone (no deduplication against other rules): what a
    /// rule's own examples are judged by.
    pub fn check_rule(&self, id: &str, doc: &Document, options: &CheckOptions) -> Vec<Finding> {
        match self.inner.rules.iter().position(|r| r.id == id) {
            Some(i) => engine::check(&self.inner.rules, &self.inner.prefilter, doc, options, Selection::One(i), None),
            None => Vec::new(),
        }
    }

    /// The word literals the engine's prefilter looks for, one per line in `rules triggers`:
    /// a superset of what can start a finding (for a `rg -f` comparison).
    pub fn triggers(&self) -> Vec<String> {
        let mut out = Vec::new();
        for r in &self.inner.rules {
            for t in r.trigger_patterns() {
                t.literals(&mut out);
            }
        }
        out.sort();
        out.dedup();
        out
    }

    /// Runs every rule's `flag` and `pass` examples; returns the failures (empty if all pass).
    pub fn run_examples(&self) -> Vec<ExampleFailure> {
        examples::run(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The start-up guard of issue #19: the built-in catalogue is loaded from its compact form,
    /// read and checked when the binary was built ([`compact`]), not from the rule files; loading
    /// compiles only what the prefilter needs, and conditions and the amendment vocabulary wait
    /// for their first use. Rule folders a user adds are read by hand (see [`syntax`]; pest would
    /// cost four times the start of a one-page check), as the rule files are if the compact form
    /// is out of date.
    #[test]
    fn loading_the_catalogue_compiles_no_condition() {
        compact::is_current().expect("catalogue.bin is out of date: make it again (see rules::compact)");
        for (name, text) in catalog::BUILTIN_FILES {
            assert!(syntax::read(text).is_some(), "{name}: not read by hand, so pest reads it when the catalogue is out of date");
        }
        let set = compact::builtin().unwrap();
        assert!(set.rules().iter().all(|r| r.checks.get().is_none()), "a condition was compiled at load");
        assert!(set.rules().iter().all(|r| r.triggers.get().is_none()), "a trigger was compiled at load");
        assert!(set.inner.vocabulary.get().is_none(), "the vocabulary was built at load");
        let doc = Document::parse(crate::source::SourceText::from_utf8("t.txt", "§ 1\n\nDer Antrag ist schriftlich zu stellen.\n"));
        let findings = set.check(&doc, &CheckOptions::default());
        assert!(!findings.is_empty());
        let compiled = set.rules().iter().filter(|r| r.checks.get().is_some()).count();
        assert!(compiled > 0 && compiled < set.rules().len() / 4, "{compiled} rules compiled for one sentence");
        // Clones share the compiled rules (and what the first check compiled).
        let clone = set.clone();
        assert!(std::ptr::eq(clone.rules().as_ptr(), set.rules().as_ptr()));
    }
}
