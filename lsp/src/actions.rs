//! Code actions on findings and the `digicheck.explain` command.
//!
//! Three actions per finding: take the suggested wording (a preferred quick fix that replaces
//! exactly the matched words), suppress the finding with a reason (a
//! `<!-- digicheck-ignore RULE: … -->` line above the line of the finding, the form `digicheck
//! check` honours), and show the rule's explanation. The last is a command the server carries out
//! itself (`workspace/executeCommand`) by sending the explanation as `window/showMessage`, so it
//! works in every client without client-side code.

use super::analysis::Located;
use super::diagnostics;
use super::documents::OpenDocument;
use digicheck_core::RuleSet;
use lsp_types::{CodeAction, CodeActionKind, CodeActionOrCommand, Command, Range, TextEdit, WorkspaceEdit};
use std::collections::HashMap;

/// The command that shows a rule's explanation; its one argument is the rule id.
pub const EXPLAIN: &str = "digicheck.explain";

/// The reason a suppression is inserted with, for the drafter to replace.
const REASON_PLACEHOLDER: &str = "Begründung eintragen";

/// Actions for the findings among `hits`, in order; `only` is the client's kind filter.
pub fn for_findings(doc: &OpenDocument, rules: &RuleSet, hits: &[&Located], only: Option<&[CodeActionKind]>) -> Vec<CodeActionOrCommand> {
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
        if let (Some(fix), true) = (&f.fix, wants(Some(&quickfix)) && plain_match) {
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: format!("Formulierung übernehmen: „{fix}“"),
                kind: Some(quickfix.clone()),
                diagnostics: Some(vec![diagnostic.clone()]),
                edit: Some(edit(doc, TextEdit { range: diagnostic.range, new_text: fix.clone() })),
                is_preferred: Some(true),
                ..CodeAction::default()
            }));
        }
        if supports_suppression(doc) && wants(Some(&quickfix)) {
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: format!("{} unterdrücken (mit Begründung)", f.rule),
                kind: Some(quickfix.clone()),
                diagnostics: Some(vec![diagnostic.clone()]),
                edit: Some(edit(doc, suppression(doc, l))),
                ..CodeAction::default()
            }));
        }
        if wants(None) {
            let title = format!("Erklärung zu {} anzeigen", f.rule);
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
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

/// Inserts the directive as a line of its own directly above the finding's line: it applies to
/// the next non-blank line, which in the usual layout is the whole Absatz. The line ending follows
/// the document's.
fn suppression(doc: &OpenDocument, l: &Located) -> TextEdit {
    let line_start = doc.text[..l.start.min(doc.text.len())].rfind('\n').map_or(0, |i| i + 1);
    let eol = if doc.text.contains("\r\n") { "\r\n" } else { "\n" };
    let indent: String = doc.text[line_start..].chars().take_while(|c| *c == ' ' || *c == '\t').collect();
    let at = doc.positions.position(&doc.text, line_start);
    TextEdit {
        range: Range::new(at, at),
        new_text: format!("{indent}<!-- digicheck-ignore {}: {REASON_PLACEHOLDER} -->{eol}", l.finding.rule),
    }
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

    #[test]
    fn offers_fix_suppression_and_explanation() {
        let (doc, findings) = analysed("§ 1 Antrag\r\n\r\n(1) Der Antrag ist schriftlich zu stellen.\r\n");
        let rules = RuleSet::builtin().unwrap();
        let hits: Vec<&Located> = findings.iter().take(1).collect();
        let actions = for_findings(&doc, rules, &hits, None);
        let titles: Vec<String> = actions
            .iter()
            .map(|a| match a {
                CodeActionOrCommand::CodeAction(a) => a.title.clone(),
                CodeActionOrCommand::Command(c) => c.title.clone(),
            })
            .collect();
        assert_eq!(titles.len(), 3, "{titles:?}");
        let CodeActionOrCommand::CodeAction(suppress) = &actions[1] else { panic!() };
        let edits = &suppress.edit.as_ref().unwrap().changes.as_ref().unwrap()[&doc.uri];
        assert_eq!(edits[0].range.start, Position::new(2, 0));
        assert!(edits[0].new_text.ends_with(": Begründung eintragen -->\r\n"), "{:?}", edits[0].new_text);
        // With the directive in place the finding is gone.
        let mut text = doc.text.clone();
        text.insert_str(doc.positions.offset(&doc.text, edits[0].range.start), &edits[0].new_text);
        assert!(analysed(&text).1.iter().all(|f| f.finding.rule != hits[0].finding.rule));
        // Only quick fixes when asked for them.
        assert_eq!(for_findings(&doc, rules, &hits, Some(&[CodeActionKind::QUICKFIX])).len(), 2);
        assert!(for_findings(&doc, rules, &hits, Some(&[CodeActionKind::REFACTOR])).is_empty());
        assert!(explanation(rules, &hits[0].finding.rule).unwrap().contains(&hits[0].finding.rule));
    }
}
