//! What a rule says, as read from a rule file — before its patterns are compiled for matching.
//!
//! Every field keeps the place it was written ([`Origin`]) so that errors and failing examples can
//! point at `file:line:column`.

use crate::finding::Profile;
use crate::classification::{Category, Principle, Severity};
use crate::structure::Part;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// Where something was written in a rule file (1-based line and column).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Origin {
    pub file: String,
    pub line: usize,
    pub column: usize,
}

/// [`Origin`] as the fields `file`, `line`, `column` in readable formats (JSON); in the compact
/// catalogue (postcard, not human-readable) a built-in file is written as its number in
/// [`BUILTIN_NAMES`](super::catalog::BUILTIN_NAMES) instead of its name, which every pattern,
/// condition and example repeats (43 KB of the catalogue's 240 KB).
mod origin_serde {
    use super::Origin;
    use crate::rules::catalog::{BUILTIN_NAMES, BUILTIN_PATHS};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    #[derive(Serialize, Deserialize)]
    #[serde(rename = "Origin")]
    struct Readable {
        file: String,
        line: usize,
        column: usize,
    }

    /// The file of a compact origin: a built-in rule file by number, any other by name.
    #[derive(Serialize, Deserialize)]
    enum File {
        Builtin(u8),
        Named(String),
    }

    fn builtin_number(file: &str) -> Option<u8> {
        let name = file.strip_prefix("rules/")?;
        BUILTIN_NAMES.iter().position(|n| *n == name).and_then(|i| u8::try_from(i).ok())
    }

    impl Serialize for Origin {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            if s.is_human_readable() {
                return Readable { file: self.file.clone(), line: self.line, column: self.column }.serialize(s);
            }
            let file = builtin_number(&self.file).map_or_else(|| File::Named(self.file.clone()), File::Builtin);
            (file, self.line, self.column).serialize(s)
        }
    }

    impl<'de> Deserialize<'de> for Origin {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Origin, D::Error> {
            if d.is_human_readable() {
                let r = Readable::deserialize(d)?;
                return Ok(Origin { file: r.file, line: r.line, column: r.column });
            }
            let (file, line, column) = <(File, usize, usize)>::deserialize(d)?;
            let file = match file {
                File::Builtin(i) => match BUILTIN_PATHS.get(usize::from(i)) {
                    Some(path) => (*path).to_owned(),
                    None => return Err(serde::de::Error::custom(format!("no built-in rule file {i}"))),
                },
                File::Named(name) => name,
            };
            Ok(Origin { file, line, column })
        }
    }
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// A text that may differ per jurisdiction profile (`"…"` or `mv "…" bund "…"`). The wording
/// for Baden-Württemberg and any other Land is derived from the federal text by the table in
/// [`super::basis`], so no Land ever reads the law of M-V. It is derived when first asked for:
/// most runs use one profile, and deriving both for every text of the catalogue was a tenth of
/// loading it.
#[derive(Debug, Clone)]
pub struct ProfileText {
    pub mv: String,
    pub bund: String,
    bw: OnceLock<String>,
    land: OnceLock<String>,
}

/// `mv` and `bund` in readable formats; in the compact catalogue the federal wording only where
/// it differs (most texts read the same for both, and were stored twice).
impl Serialize for ProfileText {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        #[serde(rename = "ProfileText")]
        struct Readable<'a> {
            mv: &'a str,
            bund: &'a str,
        }
        if s.is_human_readable() {
            Readable { mv: &self.mv, bund: &self.bund }.serialize(s)
        } else {
            (&self.mv, (!self.is_uniform()).then_some(&self.bund)).serialize(s)
        }
    }
}

impl<'de> Deserialize<'de> for ProfileText {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<ProfileText, D::Error> {
        #[derive(Deserialize)]
        #[serde(rename = "ProfileText")]
        struct Readable {
            mv: String,
            bund: String,
        }
        if d.is_human_readable() {
            let r = Readable::deserialize(d)?;
            return Ok(ProfileText::new(r.mv, r.bund));
        }
        let (mv, bund) = <(String, Option<String>)>::deserialize(d)?;
        Ok(match bund {
            Some(bund) => ProfileText::new(mv, bund),
            None => ProfileText::same(mv),
        })
    }
}

/// Equal when both written wordings are: the Land wordings follow from the federal one.
impl PartialEq for ProfileText {
    fn eq(&self, other: &ProfileText) -> bool {
        self.mv == other.mv && self.bund == other.bund
    }
}

impl Eq for ProfileText {}

impl ProfileText {
    pub fn new(mv: impl Into<String>, bund: impl Into<String>) -> ProfileText {
        ProfileText { mv: mv.into(), bund: bund.into(), bw: OnceLock::new(), land: OnceLock::new() }
    }

    pub fn same(text: impl Into<String>) -> ProfileText {
        let t = text.into();
        ProfileText::new(t.clone(), t)
    }

    pub fn get(&self, profile: Profile) -> &str {
        match profile {
            Profile::Mv => &self.mv,
            Profile::Bund => &self.bund,
            Profile::Bw => self.bw.get_or_init(|| super::basis::land_text(&self.bund, Profile::Bw)),
            Profile::Land => self.land.get_or_init(|| super::basis::land_text(&self.bund, Profile::Land)),
        }
    }

    /// True if both profiles read the same.
    pub fn is_uniform(&self) -> bool {
        self.mv == self.bund
    }
}

/// The structure unit a rule looks at for its conditions: a hit is judged in its sentence, its
/// Absatz or its §.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    Satz,
    Absatz,
    Paragraph,
}

impl Scope {
    pub fn id(self) -> &'static str {
        match self {
            Scope::Satz => "satz",
            Scope::Absatz => "absatz",
            Scope::Paragraph => "paragraph",
        }
    }

    pub(crate) fn parse(s: &str) -> Option<Scope> {
        match s {
            "satz" => Some(Scope::Satz),
            "absatz" => Some(Scope::Absatz),
            "paragraph" => Some(Scope::Paragraph),
            _ => None,
        }
    }
}

/// Extra limits on where a rule applies, beyond the parts of the draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Context {
    /// Anywhere (default).
    Any,
    /// Only inside the quoted new wording of an Änderungsbefehl („…“ in a sentence that amends).
    Amendment,
}

/// One word atom of a pattern.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum WordForm {
    /// The word(s) exactly (case-insensitively unless `exact`).
    Exact,
    /// A word starting with the text (`"Schriftform"*`): compounds with the text as head.
    Prefix,
    /// A word ending with the text (`*"siegel"`): compounds with the text as last part.
    Suffix,
    /// A word containing the text (`*"schrift"*`).
    Infix,
    /// An adjective or adverb with its inflected endings (`adj "schriftlich"`).
    Adjective,
    /// A noun with its singular and plural endings without umlaut (`noun "Antrag"`).
    Noun,
}

/// A pattern as written: alternatives of sequences.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Pattern {
    Alt(Vec<Pattern>),
    Seq(Vec<Element>),
    Word { text: String, form: WordForm, exact_case: bool },
    Regex { source: String, exact_case: bool },
    /// `@name`, resolved against the rule set's `define`s when compiling.
    Ref(String, Origin),
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Element {
    Atom(Pattern),
    Optional(Pattern),
    /// Up to `max` arbitrary words within the same clause.
    Gap(usize),
}

/// Where a condition looks for its pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Hash)]
#[serde(rename_all = "lowercase", tag = "kind", content = "value")]
pub enum Place {
    /// Anywhere in the rule's scope.
    Scope,
    /// Anywhere in the named scope.
    Within(Scope),
    /// Within N words before or after the match, in the same clause.
    Near(usize),
    /// Within N words before the match, in the same clause.
    Before(usize),
    /// Within N words after the match, in the same clause.
    After(usize),
    /// At the matched words themselves.
    Is,
}

/// [`Place`] as a plain enum for the compact catalogue (see [`Condition::place`]).
mod compact_place {
    use super::{Place, Scope};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    #[derive(Serialize, Deserialize)]
    enum Plain {
        Scope,
        Within(Scope),
        Near(usize),
        Before(usize),
        After(usize),
        Is,
    }

    pub fn serialize<S: Serializer>(place: &Place, s: S) -> Result<S::Ok, S::Error> {
        match *place {
            Place::Scope => Plain::Scope,
            Place::Within(scope) => Plain::Within(scope),
            Place::Near(n) => Plain::Near(n),
            Place::Before(n) => Plain::Before(n),
            Place::After(n) => Plain::After(n),
            Place::Is => Plain::Is,
        }
        .serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Place, D::Error> {
        Ok(match Plain::deserialize(d)? {
            Plain::Scope => Place::Scope,
            Plain::Within(scope) => Place::Within(scope),
            Plain::Near(n) => Place::Near(n),
            Plain::Before(n) => Place::Before(n),
            Plain::After(n) => Place::After(n),
            Plain::Is => Place::Is,
        })
    }
}

/// `unless` (an exception) or `when` (a required context).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Condition {
    pub negated: bool,
    /// Encoded untagged in the compact catalogue: the tagged form written in JSON needs a
    /// self-describing format to be read back.
    #[serde(with = "compact_place")]
    pub place: Place,
    pub pattern: Pattern,
    /// `except P`: the pattern counts only where P is not found in the same place.
    pub except: Option<Pattern>,
    pub origin: Origin,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Example {
    /// `true` for `flag` (must be reported), `false` for `pass` (must not be).
    pub flags: bool,
    pub text: String,
    /// What a `flag` example must report exactly (`=> "words" fix "…"`), if written.
    pub pin: Option<Pin>,
    pub origin: Origin,
}

/// The words a flagging example reports and, if given, the suggested wording for them: an example
/// that proves not only that a rule fires, but where and with which fix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pin {
    /// The matched words every finding of the rule in the example must have.
    pub words: String,
    /// The fix those findings must suggest, per profile.
    pub fix: Option<ProfileText>,
}

/// Rules whose matching is done by code of the engine rather than by patterns (`match code NAME`
/// in the rule language). Their metadata, messages and examples are in the catalogue like every
/// rule's; the code decides where they apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CodeMatch {
    /// The amendment layer ([`crate::amend::check`]): word changes of Änderungsbefehle that remove
    /// an electronic alternative or a barrier.
    Amendment,
}

impl CodeMatch {
    pub fn id(self) -> &'static str {
        match self {
            CodeMatch::Amendment => "amendment",
        }
    }

    pub(crate) fn parse(s: &str) -> Option<CodeMatch> {
        match s {
            "amendment" => Some(CodeMatch::Amendment),
            _ => None,
        }
    }
}

/// A rule as written in a rule file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RuleDef {
    pub id: String,
    pub name: String,
    pub title: String,
    pub category: Category,
    pub severity: Severity,
    pub principle: Principle,
    pub scope: Scope,
    pub parts: Vec<Part>,
    pub context: Context,
    pub priority: i32,
    /// Part of the default check (`default off` in the rule file makes it `false`): rules whose
    /// findings are analysis rather than barriers to act on run only when asked for
    /// ([`super::RuleSet::check_optional`]).
    pub default_on: bool,
    pub triggers: Vec<(Pattern, Origin)>,
    /// Set for a rule matched by code instead of `triggers` (which are then empty).
    pub code: Option<CodeMatch>,
    pub conditions: Vec<Condition>,
    pub message: ProfileText,
    /// The wordings the rule proposes, in order: a finding gets the first whose conditions hold
    /// at the match, or none.
    pub fixes: Vec<FixCase>,
    pub basis: Option<ProfileText>,
    pub refs: Vec<ProfileText>,
    pub url: Option<String>,
    pub explain: String,
    pub examples: Vec<Example>,
    pub origin: Origin,
}

/// One `fix` of a rule: a wording and where it fits. The same barrier is written in forms that
/// one template cannot all replace grammatically („mit dem Dienstsiegel“, „des Dienstsiegels“,
/// „mit einem Dienstsiegel oder -stempel“); conditions (`if before 1 "dem"`, `if not after 2 …`)
/// say where a wording reads right, and where none does, no fix is offered rather than a wrong one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FixCase {
    pub text: ProfileText,
    /// All must hold (`negated` for `if not`); `Place::Scope` is the rule's scope.
    pub conditions: Vec<Condition>,
}

impl RuleDef {
    /// Whether the rule's fix is wording that replaces the matched words (what one-click fixes in
    /// the editor and the drafting page put in), rather than advice: rules matched by code (the
    /// amendment layer) flag a whole Änderungsbefehl, and their fix says what to do instead.
    pub fn fix_replaces_match(&self) -> bool {
        !self.fixes.is_empty() && self.code.is_none()
    }

    /// The rule's first wording: what places that show one template (the rule list, the drafting
    /// page's rule view) name. Where a rule has several, [`RuleDef::fixes`] has them all.
    pub fn fix(&self) -> Option<&ProfileText> {
        self.fixes.first().map(|f| &f.text)
    }

    /// Whether every finding of the rule gets a fix: its first wording has no condition. Only
    /// then can a message quote the fix (`{fix}`).
    pub fn fix_is_unconditional(&self) -> bool {
        self.fixes.first().is_some_and(|f| f.conditions.is_empty())
    }
}

/// `define name = pattern`: a named pattern usable as `@name` in every rule of the set.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Define {
    pub name: String,
    pub pattern: Pattern,
    pub origin: Origin,
}
