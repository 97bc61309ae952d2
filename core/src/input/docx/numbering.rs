//! Rebuilding Word's automatic numbering („(1)“, „1.“, „a)“, „aa)“).
//!
//! Drafters often let Word number Absätze, Nummern and Buchstaben. Those numbers are not in the
//! document text: Word draws them from `numbering.xml` (an abstract definition with a number format
//! and a level text such as `(%1)` per level, and numbering instances that point at it) and from the
//! paragraph's or its style's `w:numPr`. Without them the structure parser would see an Absatz as
//! plain prose, so this module counts the numbered paragraphs the way Word does and renders the
//! label.
//!
//! Counting follows Word: counters belong to the abstract definition (instances that share it
//! continue each other's numbering) unless an instance overrides a level's start, which restarts
//! that level the first time the instance is used; a level restarts after any item of a higher
//! level. docx-rs keeps a few of the values this needs in private fields; they are read through the
//! types' `Serialize` implementations.

use docx_rs::{Level, Numberings, Paragraph, Style, Styles};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

const LEVELS: usize = 9;

/// docx-rs serialises its private single-value fields as the bare value.
fn value<T: Serialize>(v: &T) -> serde_json::Value {
    serde_json::to_value(v).unwrap_or(serde_json::Value::Null)
}

fn string_of<T: Serialize>(v: &T) -> Option<String> {
    value(v).as_str().map(str::to_string)
}

/// The counters and definitions of one document.
pub(super) struct Numbering<'a> {
    numberings: &'a Numberings,
    styles: HashMap<String, &'a Style>,
    counters: HashMap<usize, [Option<u32>; LEVELS]>,
    started: HashSet<usize>,
}

impl<'a> Numbering<'a> {
    pub(super) fn new(numberings: &'a Numberings, styles: &'a Styles) -> Numbering<'a> {
        Numbering {
            numberings,
            styles: styles.styles.iter().map(|s| (s.style_id.clone(), s)).collect(),
            counters: HashMap::new(),
            started: HashSet::new(),
        }
    }

    /// The paragraph's style id (`w:pStyle`), if it has one.
    pub(super) fn style_id(p: &Paragraph) -> Option<String> {
        p.property.style.as_ref().and_then(string_of)
    }

    fn style_chain(&self, id: &str) -> impl Iterator<Item = &'a Style> + '_ {
        let mut next = Some(id.to_string());
        let mut hops = 0;
        std::iter::from_fn(move || {
            hops += 1;
            if hops > 16 {
                return None;
            }
            let style = *self.styles.get(next.as_deref()?)?;
            next = style.based_on.as_ref().and_then(string_of);
            Some(style)
        })
    }

    /// Where the paragraph's numbering comes from: `(numId, level)`, or `None` if it is not
    /// numbered (no `w:numPr`, or `numId` 0, which switches inherited numbering off).
    fn num_pr(&self, p: &Paragraph) -> Option<(usize, usize)> {
        let own = p.property.numbering_property.as_ref();
        let own_id = own.and_then(|n| n.id.as_ref()).map(|i| i.id);
        let own_level = own.and_then(|n| n.level.as_ref()).map(|l| l.val);
        let style = Self::style_id(p);
        let (id, style_level) = match own_id {
            Some(id) => (id, None),
            None => {
                let found = style.as_deref().and_then(|s| {
                    self.style_chain(s).find_map(|st| {
                        let np = st.paragraph_property.numbering_property.as_ref()?;
                        Some((np.id.as_ref()?.id, np.level.as_ref().map(|l| l.val)))
                    })
                })?;
                (found.0, found.1)
            }
        };
        if id == 0 {
            return None;
        }
        let level = own_level
            .or(style_level)
            .or_else(|| self.level_for_style(id, style.as_deref()?))
            .unwrap_or(0)
            .min(LEVELS - 1);
        Some((id, level))
    }

    /// The level of an abstract definition that names the style in its `w:pStyle`.
    fn level_for_style(&self, num_id: usize, style: &str) -> Option<usize> {
        let abs = self.abstract_id(num_id)?;
        let def = self.numberings.abstract_nums.iter().find(|a| a.id == abs)?;
        def.levels.iter().find(|l| l.pstyle.as_ref().and_then(string_of).as_deref() == Some(style)).map(|l| l.level)
    }

    fn abstract_id(&self, num_id: usize) -> Option<usize> {
        self.numberings.numberings.iter().find(|n| n.id == num_id).map(|n| n.abstract_num_id)
    }

    fn level_def(&self, num_id: usize, level: usize) -> Option<&'a Level> {
        let num = self.numberings.numberings.iter().find(|n| n.id == num_id)?;
        if let Some(l) = num.level_overrides.iter().find(|o| o.level == level).and_then(|o| o.override_level.as_ref()) {
            return Some(l);
        }
        let def = self.numberings.abstract_nums.iter().find(|a| a.id == num.abstract_num_id)?;
        def.levels.iter().find(|l| l.level == level)
    }

    /// Counts a numbered paragraph and returns its label („(1)“, „2.“, „c)“); `None` for
    /// paragraphs without numbering and for bullets.
    pub(super) fn label(&mut self, p: &Paragraph) -> Option<String> {
        let (num_id, level) = self.num_pr(p)?;
        let abs = self.abstract_id(num_id)?;
        let def = self.level_def(num_id, level)?;
        if self.started.insert(num_id) {
            let num = self.numberings.numberings.iter().find(|n| n.id == num_id)?;
            let counters = self.counters.entry(abs).or_insert([None; LEVELS]);
            for o in &num.level_overrides {
                if let (Some(start), true) = (o.override_start, o.level < LEVELS) {
                    counters[o.level] = Some((start as u32).saturating_sub(1));
                }
            }
        }
        let start = start_of(def);
        let counters = self.counters.entry(abs).or_insert([None; LEVELS]);
        counters[level] = Some(counters[level].map_or(start, |c| c + 1));
        for deeper in counters.iter_mut().skip(level + 1) {
            *deeper = None;
        }
        let counters = *counters;
        let format = def.format.val.as_str();
        if matches!(format, "bullet" | "none") {
            return None;
        }
        let text = string_of(&def.text)?;
        let legal = def.is_lgl.is_some();
        let mut out = String::new();
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '%' {
                if let Some(d) = chars.peek().and_then(|d| d.to_digit(10)).filter(|d| (1..=9).contains(d)) {
                    chars.next();
                    let k = d as usize - 1;
                    let def_k = self.level_def(num_id, k);
                    let n = counters[k].unwrap_or_else(|| def_k.map_or(1, start_of));
                    let fmt = if legal && k != level {
                        "decimal"
                    } else {
                        def_k.map_or("decimal", |l| l.format.val.as_str())
                    };
                    out.push_str(&format_number(n, fmt));
                    continue;
                }
            }
            out.push(c);
        }
        let out = out.trim().to_string();
        (!out.is_empty()).then_some(out)
    }
}

fn start_of(level: &Level) -> u32 {
    value(&level.start).as_u64().unwrap_or(1) as u32
}

/// A counter in one of Word's number formats; unknown formats fall back to decimal.
pub(super) fn format_number(n: u32, format: &str) -> String {
    match format {
        "lowerLetter" | "upperLetter" => {
            if n == 0 {
                return String::new();
            }
            // Word goes a … z, aa, bb, … zz, aaa: the letter repeated.
            let letter = (b'a' + ((n - 1) % 26) as u8) as char;
            let s: String = std::iter::repeat_n(letter, ((n - 1) / 26 + 1) as usize).collect();
            if format == "upperLetter" {
                s.to_uppercase()
            } else {
                s
            }
        }
        "lowerRoman" => roman(n).to_lowercase(),
        "upperRoman" => roman(n),
        "decimalZero" => format!("{n:02}"),
        _ => n.to_string(),
    }
}

fn roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for (v, r) in TABLE {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_like_word() {
        assert_eq!(format_number(3, "decimal"), "3");
        assert_eq!(format_number(2, "lowerLetter"), "b");
        assert_eq!(format_number(27, "lowerLetter"), "aa");
        assert_eq!(format_number(28, "upperLetter"), "BB");
        assert_eq!(format_number(14, "lowerRoman"), "xiv");
        assert_eq!(format_number(4, "decimalZero"), "04");
    }
}
