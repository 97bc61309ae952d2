//! Inline suppression of findings in plain-text and Markdown sources, with a mandatory reason.
//!
//! `<!-- digicheck-ignore DC-SF-001: Begründung -->` on a line of its own suppresses those rules in
//! the next non-blank line (one Absatz in the usual layout); `digicheck-ignore-file` suppresses them
//! in the whole file; `*` stands for every rule. A directive without a reason is not applied and is
//! reported, and so is a directive that no longer suppresses anything — so suppressions do not
//! outlive the wording they were written for.

use digicheck_core::{Finding, SourceText, Span};

#[derive(Debug, Clone, PartialEq, Eq)]
struct Directive {
    line: usize,
    rules: Vec<String>,
    /// The byte range it applies to.
    range: Span,
    reason_missing: bool,
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
        out.push(Directive {
            line: source.line_col(start).line,
            rules,
            range,
            reason_missing: reason.trim().is_empty(),
            used: false,
        });
    }
    out
}

/// Removes suppressed findings; returns notes about directives without reason or without effect.
pub fn apply(source: &SourceText, findings: &mut Vec<Finding>) -> Vec<String> {
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
            if d.reason_missing {
                Some(format!(
                    "Zeile {}: Unterdrückung ohne Begründung wird nicht angewendet (Form: „<!-- digicheck-ignore {}: Begründung -->“)",
                    d.line,
                    if d.rules.is_empty() { "REGEL".to_string() } else { d.rules.join(", ") }
                ))
            } else if !d.used {
                Some(format!("Zeile {}: Unterdrückung von {} trifft keinen Befund mehr und kann entfallen", d.line, d.rules.join(", ")))
            } else {
                None
            }
        })
        .collect()
}
