//! The syntax tree of a rule file, read by hand after the grammar in `rules.pest`.
//!
//! pest reads the built-in catalogue (230 KB) in about 95 M instructions, most of a one-page
//! check's start: it tracks every rule call for its call limit and stack guard. This reader
//! follows the grammar rule by rule (ordered choice, implicit whitespace and comments between
//! the elements of non-atomic rules, none inside `@` and `$` rules, the same nodes) and builds
//! the same tree in a few instructions per byte. It only decides valid files: where it finds no
//! parse, [`super::parse`] asks pest again, which reports the error (or, should this reader ever
//! miss a valid parse, reads the file itself). A test compares both trees on every rule file of
//! the repository and on thousands of broken variants of them (`hand_reader_builds_pests_tree`).

use super::parse::Rule;

/// One node of the tree, in pre-order; its children follow it up to `subtree_end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct NodeData {
    pub kind: Rule,
    pub start: usize,
    pub end: usize,
    /// Index after the node's last descendant.
    pub subtree_end: usize,
}

/// The syntax tree of one rule file.
#[derive(Debug)]
pub(crate) struct Tree<'i> {
    input: &'i str,
    pub nodes: Vec<NodeData>,
    /// Byte offset of the start of each line, for `line:column` of a node.
    lines: Vec<usize>,
}

impl<'i> Tree<'i> {
    fn new(input: &'i str, nodes: Vec<NodeData>) -> Tree<'i> {
        let mut lines = vec![0];
        lines.extend(memchr::memchr_iter(b'\n', input.as_bytes()).map(|i| i + 1));
        Tree { input, nodes, lines }
    }

    /// The tree of pest's parse (the oracle, and the reader of files this module finds no parse
    /// in).
    #[cfg(feature = "rule-errors")]
    pub fn from_pest(input: &'i str, pairs: pest::iterators::Pairs<'i, Rule>) -> Tree<'i> {
        fn walk(pair: pest::iterators::Pair<'_, Rule>, nodes: &mut Vec<NodeData>) {
            let at = nodes.len();
            let span = pair.as_span();
            nodes.push(NodeData { kind: pair.as_rule(), start: span.start(), end: span.end(), subtree_end: 0 });
            for inner in pair.into_inner() {
                walk(inner, nodes);
            }
            nodes[at].subtree_end = nodes.len();
        }
        let mut nodes = Vec::new();
        for pair in pairs {
            walk(pair, &mut nodes);
        }
        Tree::new(input, nodes)
    }

    /// The first top-level node (the `file`).
    pub fn root(&self) -> Option<Node<'_>> {
        (!self.nodes.is_empty()).then_some(Node { tree: self, index: 0 })
    }
}

/// A node of a [`Tree`], with what the readers of [`super::parse`] ask of it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Node<'t> {
    tree: &'t Tree<'t>,
    index: usize,
}

impl<'t> Node<'t> {
    fn data(&self) -> &'t NodeData {
        &self.tree.nodes[self.index]
    }

    pub fn as_rule(&self) -> Rule {
        self.data().kind
    }

    pub fn as_str(&self) -> &'t str {
        let d = self.data();
        &self.tree.input[d.start..d.end]
    }

    /// 1-based line and column (in characters) of the node's start, as pest counts them.
    pub fn line_col(&self) -> (usize, usize) {
        let pos = self.data().start;
        let line = self.tree.lines.partition_point(|&l| l <= pos) - 1;
        (line + 1, self.tree.input[self.tree.lines[line]..pos].chars().count() + 1)
    }

    pub fn into_inner(self) -> Children<'t> {
        Children { tree: self.tree, next: self.index + 1, end: self.data().subtree_end }
    }
}

/// The children of a node, in order.
#[derive(Debug, Clone)]
pub(crate) struct Children<'t> {
    tree: &'t Tree<'t>,
    next: usize,
    end: usize,
}

impl<'t> Iterator for Children<'t> {
    type Item = Node<'t>;
    fn next(&mut self) -> Option<Node<'t>> {
        if self.next >= self.end {
            return None;
        }
        let node = Node { tree: self.tree, index: self.next };
        self.next = self.tree.nodes[self.next].subtree_end;
        Some(node)
    }
}

/// Reads a rule file; `None` if it does not parse.
pub(crate) fn read(input: &str) -> Option<Tree<'_>> {
    let mut r = Reader { s: input.as_bytes(), pos: 0, nodes: Vec::with_capacity(input.len() / 4) };
    if r.file() {
        Some(Tree::new(input, r.nodes))
    } else {
        None
    }
}

struct Reader<'i> {
    s: &'i [u8],
    pos: usize,
    nodes: Vec<NodeData>,
}

fn ident_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'_'
}

/// Length of the UTF-8 character starting with `b`.
fn char_len(b: u8) -> usize {
    match b {
        0xF0.. => 4,
        0xE0.. => 3,
        0xC0.. => 2,
        _ => 1,
    }
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.pos).copied()
    }

    fn lit(&mut self, l: &str) -> bool {
        if self.s[self.pos..].starts_with(l.as_bytes()) {
            self.pos += l.len();
            true
        } else {
            false
        }
    }

    /// `!ident_char`: the keyword before ends here.
    fn word_end(&self) -> bool {
        !self.peek().is_some_and(ident_char)
    }

    /// Consumes one byte matching `f`.
    fn byte(&mut self, f: impl Fn(u8) -> bool) -> bool {
        if self.peek().is_some_and(f) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    /// Consumes bytes matching `f`; how many.
    fn bytes(&mut self, f: impl Fn(u8) -> bool) -> usize {
        let start = self.pos;
        while self.peek().is_some_and(&f) {
            self.pos += 1;
        }
        self.pos - start
    }

    /// Implicit `WHITESPACE` and `COMMENT` between the elements of a non-atomic rule.
    fn skip(&mut self) -> bool {
        loop {
            match self.peek() {
                Some(b' ' | b'\t' | b'\r' | b'\n') => self.pos += 1,
                Some(b'#') => self.pos += memchr::memchr(b'\n', &self.s[self.pos..]).unwrap_or(self.s.len() - self.pos),
                _ => return true,
            }
        }
    }

    /// Runs `f`; on failure restores the position and drops the nodes it pushed.
    fn attempt(&mut self, f: impl FnOnce(&mut Self) -> bool) -> bool {
        let (pos, len) = (self.pos, self.nodes.len());
        if f(self) {
            true
        } else {
            self.pos = pos;
            self.nodes.truncate(len);
            false
        }
    }

    /// A node of `rule` around what `f` reads.
    fn node(&mut self, kind: Rule, f: impl FnOnce(&mut Self) -> bool) -> bool {
        let (pos, at) = (self.pos, self.nodes.len());
        self.nodes.push(NodeData { kind, start: pos, end: pos, subtree_end: 0 });
        if f(self) {
            let end = self.pos;
            let len = self.nodes.len();
            let d = &mut self.nodes[at];
            d.end = end;
            d.subtree_end = len;
            true
        } else {
            self.pos = pos;
            self.nodes.truncate(at);
            false
        }
    }

    /// `x*` in a non-atomic rule: `(x ~ (skip ~ x)*)?`.
    fn star(&mut self, mut f: impl FnMut(&mut Self) -> bool) -> bool {
        if f(self) {
            while self.attempt(|r| r.skip() && f(r)) {}
        }
        true
    }

    /// `x+` in a non-atomic rule. pest reads it as `x ~ x*`, so the whitespace after the first
    /// `x` belongs to the match even where no second one follows.
    fn plus(&mut self, mut f: impl FnMut(&mut Self) -> bool) -> bool {
        f(self) && self.skip() && self.star(f)
    }

    /// `x+` in an atomic rule.
    fn plus_atomic(&mut self, mut f: impl FnMut(&mut Self) -> bool) -> bool {
        if !f(self) {
            return false;
        }
        while self.attempt(&mut f) {}
        true
    }

    fn opt(&mut self, f: impl FnOnce(&mut Self) -> bool) -> bool {
        self.attempt(f);
        true
    }

    // file = { SOI ~ (define | rule)* ~ EOI }
    fn file(&mut self) -> bool {
        self.node(Rule::file, |r| {
            r.skip() && r.star(|r| r.define() || r.rule()) && r.skip() && r.node(Rule::EOI, |r| r.pos == r.s.len())
        })
    }

    // define = { kw_define ~ ident ~ "=" ~ pattern }
    fn define(&mut self) -> bool {
        self.node(Rule::define, |r| {
            r.keyword(Rule::kw_define, "define") && r.skip() && r.ident() && r.skip() && r.lit("=") && r.skip() && r.pattern()
        })
    }

    // rule = { kw_rule ~ rule_id ~ ident ~ field* ~ kw_end }
    fn rule(&mut self) -> bool {
        self.node(Rule::rule, |r| {
            r.keyword(Rule::kw_rule, "rule")
                && r.skip()
                && r.rule_id()
                && r.skip()
                && r.ident()
                && r.skip()
                && r.star(|r| r.field())
                && r.skip()
                && r.keyword(Rule::kw_end, "end")
        })
    }

    /// `kw = @{ "word" ~ !ident_char }`
    fn keyword(&mut self, kind: Rule, word: &str) -> bool {
        self.node(kind, |r| r.lit(word) && r.word_end())
    }

    // rule_id = @{ ASCII_ALPHA_UPPER+ ~ ("-" ~ ASCII_ALPHANUMERIC+)+ }
    fn rule_id(&mut self) -> bool {
        self.node(Rule::rule_id, |r| {
            r.bytes(|b| b.is_ascii_uppercase()) > 0
                && r.plus_atomic(|r| r.lit("-") && r.bytes(|b| b.is_ascii_alphanumeric()) > 0)
        })
    }

    // ident = @{ ASCII_ALPHA_LOWER ~ ident_char* }
    fn ident_lex(&mut self) -> bool {
        self.byte(|b| b.is_ascii_lowercase()) && {
            self.bytes(ident_char);
            true
        }
    }

    fn ident(&mut self) -> bool {
        self.node(Rule::ident, |r| r.ident_lex())
    }

    // number = @{ ASCII_DIGIT+ }
    fn number(&mut self) -> bool {
        self.node(Rule::number, |r| r.bytes(|b| b.is_ascii_digit()) > 0)
    }

    // int = @{ "-"? ~ ASCII_DIGIT+ }
    fn int(&mut self) -> bool {
        self.node(Rule::int, |r| {
            r.lit("-");
            r.bytes(|b| b.is_ascii_digit()) > 0
        })
    }

    /// `name = { "word" ~ value }`
    fn field_with(&mut self, kind: Rule, word: &str, value: impl FnOnce(&mut Self) -> bool) -> bool {
        self.node(kind, |r| r.lit(word) && r.skip() && value(r))
    }

    fn field(&mut self) -> bool {
        self.field_with(Rule::title, "title", |r| r.string())
            || self.field_with(Rule::category, "category", |r| r.ident())
            || self.field_with(Rule::severity, "severity", |r| r.ident())
            || self.field_with(Rule::principle, "principle", |r| r.number())
            || self.field_with(Rule::scope, "scope", |r| r.ident())
            || self.field_with(Rule::parts, "parts", |r| r.plus(|r| r.node(Rule::part_name, |r| r.part_name())))
            || self.field_with(Rule::context, "context", |r| r.ident())
            || self.field_with(Rule::priority, "priority", |r| r.int())
            || self.field_with(Rule::default_, "default", |r| r.node(Rule::on_off, |r| (r.lit("on") || r.lit("off")) && r.word_end()))
            || self.field_with(Rule::match_, "match", |r| r.code_match() || r.pattern())
            || self.condition(Rule::unless, "unless")
            || self.condition(Rule::when, "when")
            || self.field_with(Rule::message, "message", |r| r.ptext())
            || self.field_with(Rule::fix, "fix", |r| r.ptext() && r.skip() && r.star(|r| r.fix_if()))
            || self.field_with(Rule::basis, "basis", |r| r.ptext())
            || self.field_with(Rule::reference, "ref", |r| r.ptext())
            || self.field_with(Rule::url, "url", |r| r.string())
            || self.field_with(Rule::explain, "explain", |r| r.block() || r.string())
            || self.field_with(Rule::flag, "flag", |r| r.string() && r.skip() && r.opt(|r| r.pin()))
            || self.field_with(Rule::pass, "pass", |r| r.string())
    }

    // part_name = @{ ("vorblatt" | "gesetzestext" | "begruendung") ~ !ident_char }
    fn part_name(&mut self) -> bool {
        (self.lit("vorblatt") || self.lit("gesetzestext") || self.lit("begruendung")) && self.word_end()
    }

    // code_match = { kw_code ~ ident }
    fn code_match(&mut self) -> bool {
        self.node(Rule::code_match, |r| r.keyword(Rule::kw_code, "code") && r.skip() && r.ident())
    }

    // unless / when = { "…" ~ place? ~ pattern ~ except? }; except = { kw_except ~ pattern }
    fn condition(&mut self, kind: Rule, word: &str) -> bool {
        self.field_with(kind, word, |r| {
            r.opt(|r| r.place())
                && r.skip()
                && r.pattern()
                && r.skip()
                && r.opt(|r| r.node(Rule::except, |r| r.keyword(Rule::kw_except, "except") && r.skip() && r.pattern()))
        })
    }

    // fix_if = { kw_if ~ kw_not? ~ place? ~ pattern }
    fn fix_if(&mut self) -> bool {
        self.node(Rule::fix_if, |r| {
            r.keyword(Rule::kw_if, "if")
                && r.skip()
                && r.opt(|r| r.keyword(Rule::kw_not, "not"))
                && r.skip()
                && r.opt(|r| r.place())
                && r.skip()
                && r.pattern()
        })
    }

    // place = _{ near | before | after | within | is }
    fn place(&mut self) -> bool {
        self.field_with(Rule::near, "near", |r| r.number())
            || self.field_with(Rule::before, "before", |r| r.number())
            || self.field_with(Rule::after, "after", |r| r.number())
            || self.field_with(Rule::within, "within", |r| r.ident())
            || self.keyword(Rule::is, "is")
    }

    // profile = @{ ("mv" | "bund") ~ !ident_char }
    fn profile(&mut self) -> bool {
        self.node(Rule::profile, |r| (r.lit("mv") || r.lit("bund")) && r.word_end())
    }

    // ptext = { (profile ~ string)+ | string }
    fn ptext(&mut self) -> bool {
        self.node(Rule::ptext, |r| r.plus(|r| r.attempt(|r| r.profile() && r.skip() && r.string())) || r.string())
    }

    // pattern = { seq ~ ("|" ~ seq)* }
    fn pattern(&mut self) -> bool {
        self.node(Rule::pattern, |r| r.seq() && r.skip() && r.star(|r| r.attempt(|r| r.lit("|") && r.skip() && r.seq())))
    }

    // seq = { elem+ }
    fn seq(&mut self) -> bool {
        self.node(Rule::seq, |r| r.plus(|r| r.elem()))
    }

    // elem = { gap | (atom ~ optional?) }
    fn elem(&mut self) -> bool {
        self.node(Rule::elem, |r| {
            r.gap() || r.attempt(|r| r.atom() && r.skip() && r.opt(|r| r.node(Rule::optional, |r| r.lit("?"))))
        })
    }

    // gap = ${ ("…" | "...") ~ number? }
    fn gap(&mut self) -> bool {
        self.node(Rule::gap, |r| (r.lit("…") || r.lit("...")) && r.opt(|r| r.number()))
    }

    // atom = _{ group | defref | regex | word }
    fn atom(&mut self) -> bool {
        self.node(Rule::group, |r| r.lit("(") && r.skip() && r.pattern() && r.skip() && r.lit(")"))
            || self.node(Rule::defref, |r| r.lit("@") && r.ident_lex())
            || self.regex()
            || self.word()
    }

    // regex = ${ exact_kw? ~ "re" ~ string }; exact_kw = @{ "exact" ~ " "+ }
    fn regex(&mut self) -> bool {
        self.node(Rule::regex, |r| {
            r.opt(|r| r.node(Rule::exact_kw, |r| r.lit("exact") && r.bytes(|b| b == b' ') > 0)) && r.lit("re") && r.string()
        })
    }

    // word = ${ (exact ~ " "+)? ~ (form ~ " "+)? ~ star_pre? ~ string ~ star_post? }
    fn word(&mut self) -> bool {
        self.node(Rule::word, |r| {
            r.opt(|r| r.node(Rule::exact, |r| r.lit("exact")) && r.bytes(|b| b == b' ') > 0)
                && r.opt(|r| r.node(Rule::form, |r| r.lit("adj") || r.lit("noun")) && r.bytes(|b| b == b' ') > 0)
                && r.opt(|r| r.node(Rule::star_pre, |r| r.lit("*")))
                && r.string()
                && r.opt(|r| r.node(Rule::star_post, |r| r.lit("*")))
        })
    }

    // string = ${ "\"" ~ inner ~ "\"" }
    // inner  = @{ (!("\"" | "\\") ~ ANY)* ~ ("\\" ~ ANY ~ (!("\"" | "\\") ~ ANY)*)* }
    fn string(&mut self) -> bool {
        self.node(Rule::string, |r| {
            r.lit("\"")
                && r.node(Rule::inner, |r| {
                    loop {
                        r.pos += memchr::memchr2(b'"', b'\\', &r.s[r.pos..]).unwrap_or(r.s.len() - r.pos);
                        match r.s.get(r.pos + 1) {
                            Some(&next) if r.s[r.pos] == b'\\' => r.pos += 1 + char_len(next),
                            _ => return true,
                        }
                    }
                })
                && r.lit("\"")
        })
    }

    // block = ${ "\"\"\"" ~ block_inner ~ "\"\"\"" }; block_inner = @{ (!"\"\"\"" ~ ANY)* }
    fn block(&mut self) -> bool {
        self.node(Rule::block, |r| {
            r.lit("\"\"\"")
                && r.node(Rule::block_inner, |r| {
                    r.pos += memchr::memmem::find(&r.s[r.pos..], b"\"\"\"").unwrap_or(r.s.len() - r.pos);
                    true
                })
                && r.lit("\"\"\"")
        })
    }

    /// `sp+` (sp = _{ " " | "\t" })
    fn spaces(&mut self) -> bool {
        self.bytes(|b| b == b' ' || b == b'\t') > 0
    }

    // pin     = ${ "=>" ~ sp+ ~ string ~ (sp+ ~ kw_fix ~ sp+ ~ pin_fix)? }
    // pin_fix = ${ (profile ~ sp+ ~ string ~ (sp+ ~ profile ~ sp+ ~ string)*) | string }
    fn pin(&mut self) -> bool {
        self.node(Rule::pin, |r| {
            r.lit("=>")
                && r.spaces()
                && r.string()
                && r.opt(|r| {
                    r.spaces()
                        && r.keyword(Rule::kw_fix, "fix")
                        && r.spaces()
                        && r.node(Rule::pin_fix, |r| {
                            r.attempt(|r| {
                                r.profile() && r.spaces() && r.string() && {
                                    while r.attempt(|r| r.spaces() && r.profile() && r.spaces() && r.string()) {}
                                    true
                                }
                            }) || r.string()
                        })
                })
        })
    }
}

#[cfg(all(test, feature = "rule-errors"))]
mod tests {
    use super::*;
    use crate::rules::catalog::BUILTIN_FILES;
    use crate::rules::parse::pest_tree;

    /// Both readers agree on `text`: the same tree, or no parse by either.
    fn agree(text: &str) -> Result<(), String> {
        match (read(text), pest_tree(text)) {
            (Some(hand), Ok(pest)) if hand.nodes == pest.nodes => Ok(()),
            (Some(hand), Ok(pest)) => {
                let at = hand.nodes.iter().zip(&pest.nodes).position(|(a, b)| a != b).unwrap_or(hand.nodes.len().min(pest.nodes.len()));
                Err(format!("trees differ at node {at}: {:?} / {:?}", hand.nodes.get(at), pest.nodes.get(at)))
            }
            (None, Err(_)) => Ok(()),
            (Some(_), Err(e)) => Err(format!("read by hand, pest says: {e}")),
            (None, Ok(_)) => Err("pest reads it, the hand reader does not".to_string()),
        }
    }

    fn rule_files() -> Vec<(String, String)> {
        let mut files: Vec<(String, String)> = BUILTIN_FILES.iter().map(|(n, t)| (n.to_string(), t.to_string())).collect();
        let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules");
        for dir in std::fs::read_dir(&fixtures).expect("rule fixtures") {
            let dir = dir.unwrap().path();
            for f in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                if f.path().extension().is_some_and(|x| x == "dc") {
                    files.push((f.path().display().to_string(), std::fs::read_to_string(f.path()).unwrap()));
                }
            }
        }
        assert!(files.len() > BUILTIN_FILES.len(), "no fixtures read");
        files
    }

    #[test]
    fn hand_reader_builds_pests_tree_for_every_rule_file() {
        for (name, text) in rule_files() {
            if let Err(e) = agree(&text) {
                panic!("{name}: {e}");
            }
        }
        for (name, text) in BUILTIN_FILES {
            assert!(read(text).is_some(), "{name} not read by hand");
        }
    }

    /// Broken variants of the catalogue's files (cut off, a character left out or put in at
    /// places spread over each file): the hand reader must reject exactly what pest rejects and
    /// read the rest into pest's tree.
    #[test]
    fn hand_reader_builds_pests_tree_for_broken_variants() {
        const INSERTS: &[&str] = &["\"", " ", "\n", "#", "(", ")", "|", "?", "*", "…", "x", "\\", "=", "=> ", "-", "@", "3", "fix ", "end\n"];
        let mut checked = 0;
        for (name, text) in BUILTIN_FILES {
            let bounds: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            let step = (bounds.len() / 97).max(1);
            for (k, &at) in bounds.iter().step_by(step).enumerate() {
                let next = bounds.iter().find(|&&b| b > at).copied().unwrap_or(at);
                let variants = [
                    text[..at].to_string(),
                    format!("{}{}", &text[..at], &text[next..]),
                    format!("{}{}{}", &text[..at], INSERTS[k % INSERTS.len()], &text[at..]),
                ];
                for v in variants {
                    if let Err(e) = agree(&v) {
                        panic!("{name} changed at byte {at}: {e}");
                    }
                    checked += 1;
                }
            }
        }
        assert!(checked > 3000, "{checked}");
    }

    #[test]
    fn line_and_column_count_characters_as_pest_does() {
        let text = "# ä\r\ndefine x = \"ü\" @y\n  rule";
        let tree = read("define x = \"ü\" @y").unwrap();
        assert_eq!(tree.root().unwrap().line_col(), (1, 1));
        let hand = Tree::new(text, vec![NodeData { kind: Rule::defref, start: text.find('@').unwrap(), end: text.len(), subtree_end: 1 }]);
        let node = hand.root().unwrap();
        let pest = pest::Position::new(text, text.find('@').unwrap()).unwrap().line_col();
        assert_eq!(node.line_col(), pest);
        assert_eq!(node.line_col(), (2, 16));
    }
}
