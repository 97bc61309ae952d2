//! Inline suppression of findings in plain-text and Markdown sources, with a mandatory reason.
//!
//! `<!-- digicheck-ignore DC-SF-001: Begründung -->` on a line of its own suppresses those rules in
//! the next non-blank line (one Absatz in the usual layout); `digicheck-ignore-file` suppresses them
//! in the whole file; `*` stands for every rule. A directive without a reason is not applied and is
//! reported, and so is a directive that no longer suppresses anything — so suppressions do not
//! outlive the wording they were written for. Every front end honours them the same way, because
//! the pipeline applies them ([`super::Settings::suppressions`]).

use super::{Note, NoteKind};
use crate::{Finding, SourceText, Span};

/// The reason the editor's suppress quick fix inserts, for the drafter to replace. It is no reason:
/// a directive that still carries it (or the bare word „Begründung“ of the documented form) is not
/// applied and is noted like one without a reason, so an accepted quick fix never silences a
/// finding unexplained.
pub const REASON_PLACEHOLDER: &str = "Begründung eintragen";

/// Whether `reason` (after the colon) explains nothing: empty, or a placeholder left in place.
fn is_placeholder(reason: &str) -> bool {
    let r = reason.trim();
    r.eq_ignore_ascii_case(REASON_PLACEHOLDER) || r.eq_ignore_ascii_case("Begründung")
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Directive {
    /// The directive itself (the comment on its line), where notes about it point.
    at: Span,
    line: usize,
    rules: Vec<String>,
    /// The byte range it applies to.
    range: Span,
    reason_missing: bool,
    /// The reason is a placeholder (see [`REASON_PLACEHOLDER`]); then `reason_missing` too.
    placeholder: bool,
    used: bool,
}

fn parse_directives(source: &SourceText) -> Vec<Directive> {
    let text = source.text();
    let mut out = Vec::new();
    // Almost no file has a directive; splitting every file into lines to find none was 1.5 % of
    // checking all federal law.
    if memchr::memmem::find(text.as_bytes(), b"digicheck-ignore").is_none() {
        return out;
    }
    let lines: Vec<(usize, &str)> = {
        let mut pos = 0;
        text.split_inclusive('\n')
            .map(|l| {
                let start = pos;
                pos += l.len();
                (start, l)
            })
            .collect()
    };
    for (i, &(start, line)) in lines.iter().enumerate() {
        let t = line.trim();
        let Some(body) = t.strip_prefix("<!--").and_then(|b| b.strip_suffix("-->")).map(str::trim) else { continue };
        let (whole_file, rest) = if let Some(r) = body.strip_prefix("digicheck-ignore-file") {
            (true, r)
        } else if let Some(r) = body.strip_prefix("digicheck-ignore") {
            (false, r)
        } else {
            continue;
        };
        let (ids, reason) = rest.split_once(':').unwrap_or((rest, ""));
        let rules: Vec<String> = ids.split([',', ' ']).filter(|s| !s.is_empty()).map(str::to_string).collect();
        let range = if whole_file {
            Span::new(0, text.len())
        } else {
            lines[i + 1..]
                .iter()
                .find(|(_, l)| !l.trim().is_empty())
                .map_or(Span::new(text.len(), text.len()), |&(s, l)| Span::new(s, s + l.len()))
        };
        let lead = line.len() - line.trim_start().len();
        let at = Span::new(start + lead, start + lead + t.len());
        out.push(Directive {
            at,
            line: source.line_col(start).line,
            rules,
            range,
            reason_missing: reason.trim().is_empty() || is_placeholder(reason),
            placeholder: is_placeholder(reason),
            used: false,
        });
    }
    out
}

/// Removes suppressed findings; returns notes about directives without reason or without effect.
pub fn apply(source: &SourceText, findings: &mut Vec<Finding>) -> Vec<Note> {
    let mut directives = parse_directives(source);
    if directives.is_empty() {
        return Vec::new();
    }
    findings.retain(|f| {
        let mut keep = true;
        for d in directives.iter_mut().filter(|d| !d.reason_missing) {
            if d.range.contains(f.span) && d.rules.iter().any(|r| r == "*" || *r == f.rule) {
                d.used = true;
                keep = false;
            }
        }
        keep
    });
    directives
        .iter()
        .filter_map(|d| {
            let message = if d.reason_missing {
                format!(
                    "Zeile {}: Unterdrückung ohne Begründung wird nicht angewendet ({}Form: „<!-- digicheck-ignore {}: Begründung -->“)",
                    d.line,
                    if d.placeholder { "der Platzhalter ist durch die Begründung zu ersetzen; " } else { "" },
                    if d.rules.is_empty() { "REGEL".to_string() } else { d.rules.join(", ") }
                )
            } else if !d.used {
                format!("Zeile {}: Unterdrückung von {} trifft keinen Befund mehr und kann entfallen", d.line, d.rules.join(", "))
            } else {
                return None;
            };
            Some(Note { kind: NoteKind::Suppression, span: d.at, message })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{CheckOptions, Document, RuleSet};

    fn check(text: &str) -> (Vec<Finding>, Vec<Note>) {
        let doc = Document::parse(SourceText::from_utf8("t.md", text));
        let mut findings = RuleSet::builtin().unwrap().check(&doc, &CheckOptions::default());
        let notes = apply(doc.source(), &mut findings);
        (findings, notes)
    }

    #[test]
    fn a_directive_with_reason_suppresses_the_next_line_only() {
        let text = "§ 1 Antrag\n\n<!-- digicheck-ignore DC-SF-001: bewusst, Papierverfahren bleibt -->\n(1) Der Antrag ist schriftlich zu stellen.\n\n(2) Der Antrag ist schriftlich zu stellen.\n";
        let (all, _) = check(&text.replace("<!-- digicheck-ignore DC-SF-001: bewusst, Papierverfahren bleibt -->\n", ""));
        let (kept, notes) = check(text);
        assert_eq!(all.iter().filter(|f| f.rule == "DC-SF-001").count(), 2, "{all:#?}");
        assert_eq!(kept.iter().filter(|f| f.rule == "DC-SF-001").count(), 1, "{kept:#?}");
        assert!(notes.is_empty(), "{notes:?}");
    }

    #[test]
    fn directives_without_reason_or_effect_are_noted_where_they_stand() {
        let text = "§ 1 Antrag\n\n<!-- digicheck-ignore DC-SF-001 -->\n(1) Der Antrag ist schriftlich zu stellen.\n<!-- digicheck-ignore DC-PO-001: kein Einschreiben mehr -->\n(2) Der Bescheid wird bekannt gegeben.\n";
        let (kept, notes) = check(text);
        assert!(kept.iter().any(|f| f.rule == "DC-SF-001"), "not applied without a reason");
        assert_eq!(notes.len(), 2, "{notes:?}");
        assert!(notes[0].message.starts_with("Zeile 3: Unterdrückung ohne Begründung wird nicht angewendet"), "{}", notes[0].message);
        assert_eq!(&text[notes[0].span.range()], "<!-- digicheck-ignore DC-SF-001 -->");
        assert_eq!(notes[1].message, "Zeile 5: Unterdrückung von DC-PO-001 trifft keinen Befund mehr und kann entfallen");
        assert!(notes.iter().all(|n| n.kind == NoteKind::Suppression));
    }

    #[test]
    fn a_placeholder_left_in_place_is_no_reason() {
        for reason in [REASON_PLACEHOLDER, " begründung eintragen ", "Begründung"] {
            let text = format!("§ 1 Antrag\n\n<!-- digicheck-ignore DC-SF-001: {reason} -->\n(1) Der Antrag ist schriftlich zu stellen.\n");
            let (kept, notes) = check(&text);
            assert!(kept.iter().any(|f| f.rule == "DC-SF-001"), "„{reason}“ must not suppress");
            assert_eq!(notes.len(), 1, "{notes:?}");
            assert!(notes[0].message.contains("Platzhalter ist durch die Begründung zu ersetzen"), "{}", notes[0].message);
        }
        // A real reason that merely mentions the word is one.
        let text = "§ 1 Antrag\n\n<!-- digicheck-ignore DC-SF-001: Begründung siehe Drucksache 8/4316, Papierverfahren bleibt -->\n(1) Der Antrag ist schriftlich zu stellen.\n";
        assert!(check(text).0.iter().all(|f| f.rule != "DC-SF-001"));
    }
}
