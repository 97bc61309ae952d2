//! Code actions on findings and the `digicheck.explain` command.
//!
//! Three actions per finding: take the suggested wording (a preferred quick fix that replaces
//! exactly the matched words), suppress the finding with a reason (a
//! `<!-- digicheck-ignore RULE: … -->` line above the line of the finding, the form `digicheck
//! check` honours), and show the rule's explanation. The reason is inserted as the placeholder
//! [`REASON_PLACEHOLDER`], which the engine does not accept as a reason; in clients that take
//! snippet edits (LSP 3.18 `workspace.workspaceEdit.snippetEditSupport`) it is a snippet
//! placeholder, selected for typing over. The last is a command the server carries out
//! itself (`workspace/executeCommand`) by sending the explanation as `window/showMessage`, so it
//! works in every client without client-side code.

use super::analysis::Located;
use super::diagnostics;
use super::documents::OpenDocument;
use digicheck_core::pipeline::suppress::REASON_PLACEHOLDER;
use digicheck_core::RuleSet;
use lsp_types::{CodeAction, CodeActionKind, CodeActionOrCommand, Command, Range, TextEdit, WorkspaceEdit};
use serde_json::{json, Value};
use std::collections::HashMap;

/// The command that shows a rule's explanation; its one argument is the rule id.
pub const EXPLAIN: &str = "digicheck.explain";

/// Actions for the findings among `hits`, in order, as the JSON of the response (`lsp-types` has
/// no snippet edits yet); `only` is the client's kind filter, `snippets` whether the client takes
/// snippet edits.
pub fn for_findings(doc: &OpenDocument, rules: &RuleSet, hits: &[&Located], only: Option<&[CodeActionKind]>, snippets: bool) -> Vec<Value> {
    let wants = |kind: Option<&CodeActionKind>| match (only, kind) {
        (None, _) => true,
        (Some(list), Some(k)) => list.iter().any(|o| k.as_str() == o.as_str() || k.as_str().starts_with(&format!("{}.", o.as_str()))),
        (Some(_), None) => false,
    };
    let mut out = Vec::new();
    let quickfix = CodeActionKind::QUICKFIX;
    for l in hits {
        let diagnostic = diagnostics::diagnostic(doc, rules, l);
        let f = &l.finding;
        // In XML the matched words may be split by markup; replacing the range would break it.
        let plain_match = !is_xml(doc) || doc.text.get(l.start..l.end) == Some(f.text.as_str());
        if let (Some(fix), true) = (replacement(rules, l), wants(Some(&quickfix)) && plain_match) {
            out.push(action(CodeAction {
                title: format!("Formulierung übernehmen: „{fix}“"),
                kind: Some(quickfix.clone()),
                diagnostics: Some(vec![diagnostic.clone()]),
                edit: Some(edit(doc, TextEdit { range: diagnostic.range, new_text: fix.clone() })),
                is_preferred: Some(true),
                ..CodeAction::default()
            }));
        }
        if supports_suppression(doc) && wants(Some(&quickfix)) {
            let insert = suppression(doc, l);
            let mut suppress = action(CodeAction {
                title: format!("{} unterdrücken (mit Begründung)", f.rule),
                kind: Some(quickfix.clone()),
                diagnostics: Some(vec![diagnostic.clone()]),
                edit: Some(edit(doc, insert.plain())),
                ..CodeAction::default()
            });
            if snippets {
                suppress["edit"] = insert.snippet_edit(doc);
            }
            out.push(suppress);
        }
        if wants(None) {
            let title = format!("Erklärung zu {} anzeigen", f.rule);
            out.push(action(CodeAction {
                title: title.clone(),
                command: Some(Command { title, command: EXPLAIN.into(), arguments: Some(vec![f.rule.clone().into()]) }),
                ..CodeAction::default()
            }));
        }
    }
    out
}

fn edit(doc: &OpenDocument, edit: TextEdit) -> WorkspaceEdit {
    WorkspaceEdit { changes: Some(HashMap::from([(doc.uri.clone(), vec![edit])])), ..WorkspaceEdit::default() }
}

fn is_xml(doc: &OpenDocument) -> bool {
    doc.language_id == "xml" || doc.uri.as_str().to_ascii_lowercase().ends_with(".xml")
}

/// Suppression comments are honoured in plain text and Markdown (see
/// `digicheck_core::pipeline::suppress`).
fn supports_suppression(doc: &OpenDocument) -> bool {
    !is_xml(doc)
}

/// The suggested wording of a finding if it is a replacement of the matched words: the rule's fix
/// template rendered with them ([`digicheck_core::rules::RuleDef::fix_replaces_match`]). The fix
/// of an amendment rule is advice, shown in the hover, not words to put in place.
pub fn replacement<'a>(rules: &RuleSet, l: &'a Located) -> Option<&'a String> {
    let replaces = rules.get(&l.finding.rule).is_some_and(|r| r.def().fix_replaces_match());
    l.finding.fix.as_ref().filter(|fix| replaces && **fix != l.finding.text)
}

fn action(a: CodeAction) -> Value {
    serde_json::to_value(CodeActionOrCommand::CodeAction(a)).expect("a code action serialises")
}

/// A suppression directive to insert: where, and the text around the reason.
struct Suppression {
    range: Range,
    /// Up to the reason: indentation, `<!-- digicheck-ignore RULE: `.
    head: String,
    /// After the reason: ` -->` and the line ending.
    tail: String,
}

impl Suppression {
    /// The directive with [`REASON_PLACEHOLDER`] as its reason, which the engine does not accept.
    fn plain(&self) -> TextEdit {
        TextEdit { range: self.range, new_text: format!("{}{REASON_PLACEHOLDER}{}", self.head, self.tail) }
    }

    /// The same as an LSP 3.18 snippet edit: the placeholder selected for typing over.
    fn snippet_edit(&self, doc: &OpenDocument) -> Value {
        let snippet = format!("{}${{1:{}}}{}", escape_snippet(&self.head), escape_snippet(REASON_PLACEHOLDER), escape_snippet(&self.tail));
        json!({
            "documentChanges": [{
                "textDocument": {"uri": doc.uri.as_str(), "version": doc.version},
                "edits": [{"range": self.range, "snippet": {"kind": "snippet", "value": snippet}}]
            }]
        })
    }
}

/// Text taken literally inside a snippet (`$`, `}` and `\` escaped).
fn escape_snippet(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '$' | '}' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Inserts the directive as a line of its own directly above the finding's line: it applies to
/// the next non-blank line, which in the usual layout is the whole Absatz. The line ending follows
/// the document's.
fn suppression(doc: &OpenDocument, l: &Located) -> Suppression {
    let line_start = doc.text[..l.start.min(doc.text.len())].rfind('\n').map_or(0, |i| i + 1);
    let eol = if doc.text.contains("\r\n") { "\r\n" } else { "\n" };
    let indent: String = doc.text[line_start..].chars().take_while(|c| *c == ' ' || *c == '\t').collect();
    let at = doc.positions.position(&doc.text, line_start);
    Suppression { range: Range::new(at, at), head: format!("{indent}<!-- digicheck-ignore {}: ", l.finding.rule), tail: format!(" -->{eol}") }
}

/// The text `digicheck.explain` shows: the same rendering as `digicheck explain`.
pub fn explanation(rules: &RuleSet, id: &str) -> Option<String> {
    rules.get(id).map(|r| digicheck_core::report::explain::render(rules, r, false))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Analyzer;
    use crate::position::Encoding;
    use lsp_types::Position;

    fn analysed(text: &str) -> (OpenDocument, Vec<Located>) {
        let doc = OpenDocument::new("file:///e.txt".parse().unwrap(), "plaintext".into(), 1, text.into(), Encoding::Utf16);
        let settings = digicheck_core::pipeline::Settings::default();
        let a = Analyzer::default().analyse(&doc, RuleSet::builtin().unwrap(), &settings);
        (doc, a.findings)
    }

    fn text_of(edit: &Value, doc: &OpenDocument) -> (Position, String) {
        let e = &edit["changes"][doc.uri.as_str()][0];
        let at: Position = serde_json::from_value(e["range"]["start"].clone()).unwrap();
        (at, e["newText"].as_str().unwrap().to_string())
    }

    #[test]
    fn offers_fix_suppression_and_explanation() {
        let (doc, findings) = analysed("§ 1 Antrag\r\n\r\n(1) Der Antrag ist schriftlich zu stellen.\r\n");
        let rules = RuleSet::builtin().unwrap();
        let hits: Vec<&Located> = findings.iter().take(1).collect();
        let actions = for_findings(&doc, rules, &hits, None, false);
        let titles: Vec<&str> = actions.iter().map(|a| a["title"].as_str().unwrap()).collect();
        assert_eq!(titles.len(), 3, "{titles:?}");
        let (at, inserted) = text_of(&actions[1]["edit"], &doc);
        assert_eq!(at, Position::new(2, 0));
        assert!(inserted.ends_with(": Begründung eintragen -->\r\n"), "{inserted:?}");
        // Accepted as it is, the placeholder is no reason: the finding stays, with a note.
        let mut text = doc.text.clone();
        text.insert_str(doc.positions.offset(&doc.text, at), &inserted);
        assert!(analysed(&text).1.iter().any(|f| f.finding.rule == hits[0].finding.rule));
        // With a reason typed over it, the finding is gone.
        let reasoned = text.replace(REASON_PLACEHOLDER, "Papierverfahren bleibt bewusst");
        assert!(analysed(&reasoned).1.iter().all(|f| f.finding.rule != hits[0].finding.rule));
        // Only quick fixes when asked for them.
        assert_eq!(for_findings(&doc, rules, &hits, Some(&[CodeActionKind::QUICKFIX]), false).len(), 2);
        assert!(for_findings(&doc, rules, &hits, Some(&[CodeActionKind::REFACTOR]), false).is_empty());
        assert!(explanation(rules, &hits[0].finding.rule).unwrap().contains(&hits[0].finding.rule));
    }

    #[test]
    fn the_reason_is_a_snippet_placeholder_where_the_client_takes_snippets() {
        let (doc, findings) = analysed("§ 1 Antrag\n\n(1) Der Antrag ist schriftlich zu stellen.\n");
        let hits: Vec<&Located> = findings.iter().take(1).collect();
        let actions = for_findings(&doc, RuleSet::builtin().unwrap(), &hits, None, true);
        let change = &actions[1]["edit"]["documentChanges"][0];
        assert_eq!(change["textDocument"]["uri"], doc.uri.as_str());
        assert_eq!(change["textDocument"]["version"], 1);
        let rule = &hits[0].finding.rule;
        assert_eq!(change["edits"][0]["snippet"], json!({"kind": "snippet", "value": format!("<!-- digicheck-ignore {rule}: ${{1:Begründung eintragen}} -->\n")}));
        assert_eq!(escape_snippet("a$b}c\\d"), "a\\$b\\}c\\\\d");
    }
}
