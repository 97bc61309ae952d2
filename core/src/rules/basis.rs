//! Which law a message cites as legal basis: one table per jurisdiction and one per field of law.
//!
//! The catalogue writes every legal basis twice, for Mecklenburg-Vorpommern and for the Bund
//! (`basis mv "§ 3a VwVfG M-V" bund "§ 3a VwVfG"`). Two things decide what a finding cites instead:
//!
//! - **Jurisdiction.** A Land other than M-V has its own Verwaltungsverfahrensgesetz,
//!   E-Government-Gesetz and Verwaltungszustellungsgesetz. Its wording is derived from the federal
//!   text by [`LAND_LAWS`]: Baden-Württemberg cites its own laws (§ 3a LVwVfG, EGovG BW, LVwZG),
//!   any other Land gets neutral wording („§ 3a des Verwaltungsverfahrensgesetzes des Landes“),
//!   never the law of a third jurisdiction. Sections are kept only where the Land laws follow the
//!   federal numbering (the Verwaltungsverfahrensgesetze do; the E-Government- and
//!   Zustellungsgesetze do not).
//! - **Field of law.** General administrative procedure law does not apply to tax procedure
//!   (§ 2 Abs. 2 Nr. 1 VwVfG), to social administration (Nr. 4), to the courts (§ 2 Abs. 3) or to
//!   private law, which have their own rules on electronic documents. [`FIELDS`] names them by the
//!   titles of the codes they live in; a document of such a field cites that basis where the
//!   catalogue cites administrative procedure or e-government law, and keeps everything else
//!   (eIDAS, § 18 PAuswG, § 128a ZPO …). A document whose field the title does not tell keeps
//!   the general administrative basis, the subsidiary law of every administrative procedure.

use crate::finding::Profile;
use crate::source::offsets::floor_char_boundary;

/// A federal law of administrative procedure and what stands in its place in a Land.
pub struct LandLaw {
    /// The abbreviation as the catalogue's federal texts write it.
    pub federal: &'static str,
    /// Whether the Land laws keep the federal section numbers, so „§ 3a“ can be kept.
    pub same_sections: bool,
    /// Baden-Württemberg's law.
    pub bw: &'static str,
    /// Neutral wording for another Land, standing alone („Verwaltungsverfahrensgesetz des Landes“).
    pub land: &'static str,
    /// The same in the genitive, after a section („§ 3a des Verwaltungsverfahrensgesetzes des
    /// Landes“).
    pub land_genitive: &'static str,
}

/// The federal laws a Land replaces with its own (see the module documentation).
pub const LAND_LAWS: &[LandLaw] = &[
    LandLaw {
        federal: "VwVfG",
        same_sections: true,
        bw: "LVwVfG",
        land: "Verwaltungsverfahrensgesetz des Landes",
        land_genitive: "des Verwaltungsverfahrensgesetzes des Landes",
    },
    LandLaw {
        federal: "EGovG",
        same_sections: false,
        bw: "EGovG BW",
        land: "E-Government-Gesetz des Landes",
        land_genitive: "des E-Government-Gesetzes des Landes",
    },
    LandLaw {
        federal: "VwZG",
        same_sections: false,
        bw: "LVwZG",
        land: "Verwaltungszustellungsgesetz des Landes",
        land_genitive: "des Verwaltungszustellungsgesetzes des Landes",
    },
];

/// A section citation before a law's abbreviation: „§ 3a“, „§ 3a Abs. 2 Satz 4“, „§ 5 Abs. 4–7“.
const SECTION: &str = r"(?:§§?\s[0-9]+[a-z]?(?:\sAbs\.\s[0-9]+(?:[–-][0-9]+)?)?(?:\sSatz\s[0-9]+)?(?:\sNr\.\s[0-9]+)?\s)?";

#[cfg(feature = "regex-full")]
fn land_law_pattern() -> &'static regex::Regex {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    RE.get_or_init(|| {
        let names: Vec<&str> = LAND_LAWS.iter().map(|l| l.federal).collect();
        regex::Regex::new(&format!(r"({SECTION})\b({})\b", names.join("|"))).expect("land law pattern")
    })
}

/// The catalogue's federal text in the wording of a Land profile (`Bw` or `Land`); other profiles
/// get the text unchanged.
pub fn land_text(federal: &str, profile: Profile) -> String {
    if !matches!(profile, Profile::Bw | Profile::Land) {
        return federal.to_string();
    }
    #[cfg(feature = "regex-full")]
    return land_law_pattern()
        .replace_all(federal, |c: &regex::Captures| land_wording(profile, c.get(1).map_or("", |m| m.as_str()), &c[2]))
        .into_owned();
    #[cfg(not(feature = "regex-full"))]
    return land_text_lite(federal, profile);
}

/// A cited law's wording for a Land profile, with the section (`§ 3a `) kept where it applies.
fn land_wording(profile: Profile, section: &str, federal: &str) -> String {
    let law = LAND_LAWS.iter().find(|l| l.federal == federal).expect("listed law");
    let keep = law.same_sections && !section.is_empty();
    match (profile, keep) {
        (Profile::Bw, true) => format!("{section}{}", law.bw),
        (Profile::Bw, false) => law.bw.to_string(),
        (_, true) => format!("{section}{}", law.land_genitive),
        (_, false) => law.land.to_string(),
    }
}

/// [`land_text`] with `regex-lite`, whose `\s` and `\b` know only ASCII: the whitespace of
/// [`SECTION`] written out as the Unicode class `\s` is, and the word boundaries around the law's
/// name checked here, a match that fails them tried again one character later (as the regex
/// would). Its word characters are letters, digits and `_`; a test shows that it words every
/// text of the catalogue as `regex` does.
#[cfg(any(test, not(feature = "regex-full")))]
fn land_text_lite(federal: &str, profile: Profile) -> String {
    static RE: std::sync::OnceLock<regex_lite::Regex> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| {
        const WHITE_SPACE: &str = r"[\t\n\x0B\x0C\r \x{85}\x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}]";
        let names: Vec<&str> = LAND_LAWS.iter().map(|l| l.federal).collect();
        let section = SECTION.replace(r"\s", WHITE_SPACE);
        regex_lite::Regex::new(&format!("({section})({})", names.join("|"))).expect("land law pattern")
    });
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    let (mut out, mut done, mut at) = (String::new(), 0, 0);
    while let Some(c) = re.captures_at(federal, at) {
        let (whole, section, name) = (c.get(0).expect("match"), c.get(1).map_or("", |m| m.as_str()), c.get(2).expect("name"));
        let before_ok = !section.is_empty() || !word(federal[..name.start()].chars().next_back());
        if before_ok && !word(federal[name.end()..].chars().next()) {
            out.push_str(&federal[done..whole.start()]);
            out.push_str(&land_wording(profile, section, name.as_str()));
            done = whole.end();
            at = whole.end();
        } else {
            at = whole.start() + federal[whole.start()..].chars().next().map_or(1, char::len_utf8);
        }
        if at > federal.len() {
            break;
        }
    }
    out.push_str(&federal[done..]);
    out
}

/// The field of law of a document, as far as it changes the legal basis of electronic
/// communication.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Field {
    /// Administrative procedure (VwVfG or the Land's VwVfG), and every document whose field the
    /// title does not tell.
    #[default]
    General,
    /// A field with its own basis, from [`FIELDS`].
    Special(&'static FieldOfLaw),
}

/// A field of law with its own rules on electronic documents, recognised by its codes' titles.
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct FieldOfLaw {
    /// Short name for tests and reports („Steuerverfahren“).
    pub name: &'static str,
    /// Lower-case words of a title (or an abbreviation in parentheses, „(zpo)“) that place a
    /// document in this field.
    pub cues: &'static [&'static str],
    /// What the document's findings cite where the catalogue cites administrative procedure or
    /// e-government law.
    pub basis: &'static str,
}

/// Fields of law with their own basis; the first whose cue is in the title wins (court procedure
/// codes come first: „Sozialgerichtsgesetz“ is court procedure, not social administration).
pub static FIELDS: &[FieldOfLaw] = &[
    // Zwangsversteigerung and insolvency proceedings are court procedure under the ZPO (§ 869 ZPO,
    // § 4 InsO).
    FieldOfLaw {
        name: "Zivilprozess",
        cues: &["zivilprozessordnung", "(zpo)", "zwangsversteigerung", "insolvenzordnung", "(inso)"],
        basis: "§ 130a ZPO"
    },
    FieldOfLaw { name: "Verwaltungsgerichtsverfahren", cues: &["verwaltungsgerichtsordnung", "(vwgo)"], basis: "§ 55a VwGO" },
    // Juvenile courts proceed under the StPO where the JGG says nothing else (§ 2 Abs. 2 JGG).
    FieldOfLaw {
        name: "Strafverfahren",
        cues: &["strafprozeßordnung", "strafprozessordnung", "(stpo)", "jugendgerichtsgesetz", "(jgg)"],
        basis: "§ 32a StPO"
    },
    // Fine proceedings: § 110c OWiG applies the StPO's rules on electronic documents.
    FieldOfLaw { name: "Bußgeldverfahren", cues: &["ordnungswidrigkeiten", "(owig)"], basis: "§ 110c OWiG i. V. m. § 32a StPO" },
    FieldOfLaw { name: "Arbeitsgerichtsverfahren", cues: &["arbeitsgerichtsgesetz", "(arbgg)"], basis: "§ 46c ArbGG" },
    FieldOfLaw { name: "Sozialgerichtsverfahren", cues: &["sozialgerichtsgesetz", "(sgg)"], basis: "§ 65a SGG" },
    FieldOfLaw { name: "Finanzgerichtsverfahren", cues: &["finanzgerichtsordnung", "(fgo)"], basis: "§ 52a FGO" },
    FieldOfLaw {
        name: "Familien- und FG-Verfahren",
        cues: &["angelegenheiten der freiwilligen gerichtsbarkeit", "(famfg)"],
        basis: "§ 14 Abs. 2 FamFG"
    },
    // No title places a document here: [`courts_of`] gives it to the court decisions of a statute
    // that sends them to the FamFG. § 14 FamFG covers both sides: the filings (Abs. 2) and the
    // court's own documents (Abs. 3).
    FieldOfLaw { name: "Gerichtliche Entscheidungen nach dem FamFG", cues: &[], basis: "§ 14 FamFG" },
    // No title places a document here either: [`court_step`] gives a sentence of a statute of
    // general administrative law to these when it is a step before a court or a court's own
    // document (an Ausführungsgesetz to an enforcement treaty: „Der Antrag kann bei dem Gericht
    // schriftlich oder zu Protokoll der Geschäftsstelle gestellt werden“, „… von den Richtern
    // besonders zu unterschreiben“). The VwVfG does not apply to courts (§ 2 Abs. 3 VwVfG); which
    // procedure code the statute follows it often leaves to several references, so the message
    // names the codes' rules — for filings, and for the court's own electronic documents — instead
    // of guessing one.
    FieldOfLaw {
        name: "Eingaben an ein Gericht",
        cues: &[],
        basis: "§ 130a ZPO, § 14 Abs. 2 FamFG, § 32a StPO oder § 55a VwGO, je nach Verfahrensordnung"
    },
    FieldOfLaw {
        name: "Dokumente eines Gerichts",
        cues: &[],
        basis: "§ 130b ZPO, § 14 Abs. 3 FamFG, § 32b StPO oder § 55a Abs. 7 VwGO, je nach Verfahrensordnung"
    },
    FieldOfLaw {
        name: "Verfahren vor dem Patentamt (Patente, Gebrauchsmuster)",
        cues: &["patentgesetz", "gebrauchsmustergesetz", "patentverordnung", "gebrauchsmusterverordnung", "patentkosten", "dpma-verordnung"],
        basis: "§ 125a PatG"
    },
    FieldOfLaw { name: "Verfahren vor dem Patentamt (Marken)", cues: &["markengesetz", "markenverordnung"], basis: "§ 95a MarkenG" },
    FieldOfLaw { name: "Verfahren vor dem Patentamt (Design)", cues: &["designgesetz", "designverordnung"], basis: "§ 25 DesignG" },
    FieldOfLaw { name: "Grundbuchverfahren", cues: &["grundbuchordnung", "grundbuchverfügung"], basis: "§ 135 GBO" },
    FieldOfLaw { name: "Handelsregister", cues: &["handelsregisterverordnung"], basis: "§ 12 HGB" },
    FieldOfLaw {
        name: "Steuerverfahren",
        cues: &[
            "abgabenordnung",
            "steuergesetz",
            "steuer-durchführungsverordnung",
            "steuerdurchführungsverordnung",
            "zollverwaltungsgesetz",
            "steuerberatungsgesetz",
            "besteuerungsstreitigkeiten",
            "(ao)",
            // Verordnungen on a federal tax whose title names the tax, not the law
            // („Verordnung über die Erstattung von Umsatzsteuer an … Missionen“). Not the Grund-
            // and Gewerbesteuer: municipalities levy them (Kommunalabgaben below).
            "umsatzsteuer",
            "einkommensteuer",
            "lohnsteuer",
            "körperschaftsteuer",
            "erbschaftsteuer",
            "grunderwerbsteuer",
            "kraftfahrzeugsteuer",
            "versicherungsteuer",
            "energiesteuer",
            "stromsteuer",
            "tabaksteuer",
            "alkoholsteuer",
            "luftverkehrsteuer",
        ],
        basis: "§ 87a AO"
    },
    // Local taxes are levied under the Land's Kommunalabgabengesetz, which applies the AO's rules
    // of procedure, § 87a AO among them (§ 3 Abs. 1 Nr. 3 Buchst. a KAG BW); the LVwVfG does not
    // apply to them (§ 2 Abs. 2 Nr. 1 LVwVfG BW). Only titles that name the tax: a Satzung on the
    // use of an institution with a fee schedule stays general administrative law.
    FieldOfLaw {
        name: "Kommunalabgaben",
        cues: &[
            "hundesteuer",
            "vergnügungssteuer",
            "zweitwohnungssteuer",
            "zweitwohnungsteuer",
            "verpackungssteuer",
            "jagdsteuer",
            "getränkesteuer",
            "übernachtungssteuer",
            "beherbergungssteuer",
            "grundsteuerhebes",
            "hebesatzsatzung",
            "gewerbesteuersatz",
        ],
        basis: "§ 87a AO (über das Kommunalabgabengesetz)"
    },
    FieldOfLaw {
        name: "Sozialverwaltung",
        cues: &[
            "sozialgesetzbuch",
            "(sgb",
            "bundesausbildungsförderungsgesetz",
            "bundeskindergeldgesetz",
            "wohngeldgesetz",
            "bundeselterngeld",
            "unterhaltsvorschussgesetz",
            "bundesversorgungsgesetz",
            "sozialversicherung",
            "rentenversicherung",
            "krankenversicherung",
            "pflegeversicherung",
            "unfallversicherung",
            "vertragsärzte",
            "vertragszahnärzte",
            // A special part of the Sozialgesetzbuch (§ 68 SGB I).
            "soldatenentschädigung",
        ],
        basis: "§ 36a SGB I"
    },
    FieldOfLaw {
        name: "Privatrecht",
        cues: &[
            "bürgerliches gesetzbuch",
            "(bgb)",
            "handelsgesetzbuch",
            "(hgb)",
            "aktiengesetz",
            "gesellschaften mit beschränkter haftung",
            "genossenschaften",
            "wohnungseigentum",
            "betriebsverfassungsgesetz",
            "kündigungsschutzgesetz",
            "teilzeit- und befristungsgesetz",
            "versicherungsvertragsgesetz",
            "umwandlungsgesetz",
            "betriebsräte",
            "mitbestimmung",
            "drittelbeteiligung",
            "sprecherausschuss",
            "sprecherausschuß",
            "seearbeitsgesetz",
            "betreuungsvertrag",
            "urheberrecht",
            "zivilrechtlich",
            "gesellschaftsvertrag",
            "tarifvertrag",
            "sozialkassenverfahren",
            // Creditors' avoidance outside insolvency (AnfG): a claim of private law.
            "anfechtung von rechtshandlungen",
            // The statutes of a mutual insurance association (Versicherungsverein auf
            // Gegenseitigkeit) bind it and its members under private law.
            " vvag",
            // The election of the representatives of severely disabled employees follows the
            // Betriebsrat's election (§ 177 Abs. 6 SGB IX): labour law, not an administrative act.
            "schwerbehindertenvertretung",
        ],
        basis: "§ 126a BGB (elektronische Form); § 126b BGB (Textform)"
    },
];

/// The two sides of private-law relations (employment, hire of labour, tenancy, lease, insurance,
/// loan); a sentence must name both sides of one of them (or a contract, [`PRIVATE_CONTRACTS`]).
/// One side alone is too little: „Das Ergebnis ist dem Arbeitgeber schriftlich mitzuteilen“ leaves
/// open who tells — often the authority.
const PRIVATE_SIDES: &[(&[&str], &[&str])] = &[
    (&["Arbeitgeber"], &["Arbeitnehmer", "Beschäftigte", "Auszubildende"]),
    (&["Verleiher", "Entleiher"], &["Leiharbeitnehmer"]),
    (&["Vermieter"], &["Mieter"]),
    (&["Verpächter"], &["Pächter"]),
    (&["Versicherer"], &["Versicherungsnehmer"]),
    (&["Darlehensgeber"], &["Darlehensnehmer"]),
    (&["Kreditgeber", "Kreditdienstleister"], &["Kreditnehmer", "Kreditkäufer"]),
    // Creditor and debtor outside a public levy (restructuring, avoidance, bonds): a public
    // creditor brings its authority or Kasse into the sentence.
    (&["Gläubiger"], &["Schuldner"]),
    (&["Zahnarzt", "Zahnärzt", "Arzt"], &["Patient", "Betroffene"]),
    // The authorised representative of product law, appointed by the manufacturer's mandate.
    (&["Hersteller"], &["Bevollmächtigte"]),
    (&["Unternehmer"], &["Verbraucher"]),
    (&["Zahlungsdienstleister"], &["Zahlungsdienstnutzer"]),
    (&["Kapitalverwaltungsgesellschaft"], &["Anleger"]),
    // An operator appoints its own officers in writing (the Beauftragte für die Biologische
    // Sicherheit, für Gewässerschutz, Immissionsschutz): an act inside the company, not a step
    // before an authority.
    (&["Betreiber"], &["Beauftragte"]),
    // Donor and collecting clinic (the donor registers of reproductive medicine).
    (&["Entnahmeeinrichtung"], &["Spender", "Samenspender"]),
];

/// Contracts between private parties, named in the sentence: singular and plural stems
/// („Mietvertrag“, „Miet- oder Pachtverträge“).
const PRIVATE_CONTRACTS: &[&str] = &[
    "Arbeitsvertrag",
    "Arbeitsverträg",
    "Mietvertrag",
    "Mietverträg",
    "Pachtvertrag",
    "Pachtverträg",
    "Kaufvertrag",
    "Kaufverträg",
    "Darlehensvertrag",
    "Darlehensverträg",
    "Kreditvertrag",
    "Kreditverträg",
    "Kreditdienstleistungsvereinbarung",
];

/// Words of a sentence that bring an authority, a court or a public body into it.
/// (Courts, ministries, agencies, Kassen, registers, Anstalten and Kammern are found anywhere in a
/// word by [`between_private_parties`].)
const PUBLIC_BODIES: &[&str] =
    &["Staatsanwaltschaft", "Polizei", "Gemeinde", "Träger", "Stelle", "Landesregierung", "Bundesregierung", "Verwaltung", "Aufsicht"];

/// Whether a sentence that the document's title places in general administrative law is in fact
/// about a relation between private parties („Der Arbeitgeber hat dem Arbeitnehmer die
/// Vertragsbedingungen schriftlich mitzuteilen“, „Die Übergabe erfolgt nur gegen eigenhändige
/// Unterschrift unter den Mietvertrag“), so that its form is governed by § 126 ff. BGB: it names
/// both sides of such a relation or the contract, and no authority, court or public body (words
/// ending in „behörde“ or „amt“, a court, a Stelle …).
pub fn between_private_parties(sentence: &str) -> bool {
    let words = || sentence.split(|c: char| !c.is_alphanumeric() && c != '-').filter(|w| !w.is_empty());
    let public = |w: &str| {
        let lower = w.to_lowercase();
        [
            "behörde", "gericht", "minister", "agentur", "kasse", "register", "anstalt", "vermögen", "kammer", "wahlleiter", "bürgermeister", "landrat",
            "bescheid", "berufsgenossenschaft", "jobcenter", "hilfebedürftig", "leistungsträger",
        ]
            .iter()
            .any(|p| lower.contains(p))
            || (w.starts_with(|c: char| c.is_uppercase()) && (w.ends_with("amt") || w.ends_with("ämter") || w.ends_with("amts")))
            || PUBLIC_BODIES.iter().any(|p| w.starts_with(p))
    };
    let named = named_parties(words());
    let side = |i: usize| named >> i & 1 == 1;
    let private = (0..PRIVATE_SIDES.len()).any(|i| side(2 * i) && side(2 * i + 1)) || side(2 * PRIVATE_SIDES.len());
    private && !words().any(public)
}

/// Which stems of [`PRIVATE_SIDES`] and [`PRIVATE_CONTRACTS`] begin a word of `words`: bit `2i`
/// for the first side of relation `i`, bit `2i + 1` for its other side, the bit after them for a
/// contract. One pass over the words: a pass for each list read long units (a whole Absatz
/// without Sätze) fifteen times over. Every stem begins with an ASCII capital (a test says so),
/// so other words are passed at their first byte. „Arbeitgeber- und Arbeitnehmerseite“ are the
/// social partners on a public body's board: a word holding „seite“ names no side.
fn named_parties<'a>(words: impl Iterator<Item = &'a str>) -> u32 {
    let mut named = 0u32;
    for w in words {
        if !w.as_bytes()[0].is_ascii_uppercase() {
            continue;
        }
        let starts = |stems: &[&str]| stems.iter().any(|p| w.starts_with(p));
        let mut bits = 0u32;
        for (i, (one, other)) in PRIVATE_SIDES.iter().enumerate() {
            bits |= u32::from(starts(one)) << (2 * i) | u32::from(starts(other)) << (2 * i + 1);
        }
        bits |= u32::from(starts(PRIVATE_CONTRACTS)) << (2 * PRIVATE_SIDES.len());
        if bits & !named != 0 && !w.contains("seite") {
            named |= bits;
        }
    }
    named
}

/// The private-law field of [`FIELDS`].
pub fn private_law() -> Field {
    field_named("Privatrecht")
}

/// What a court's own documents cite in a procedure code: the filings' rule of [`FIELDS`] (§ 130a
/// ZPO) does not cover a judgment the judges sign; each code has its own rule for that (§ 130b ZPO,
/// § 32b StPO, § 55a Abs. 7 VwGO …). Keyed by the name of the code's field.
static OWN_DOCUMENTS: &[(&str, FieldOfLaw)] = &[
    ("Zivilprozess", FieldOfLaw { name: "Dokumente eines Gerichts (ZPO)", cues: &[], basis: "§ 130b ZPO" }),
    ("Strafverfahren", FieldOfLaw { name: "Dokumente eines Gerichts (StPO)", cues: &[], basis: "§ 32b StPO" }),
    ("Bußgeldverfahren", FieldOfLaw { name: "Dokumente eines Gerichts (OWiG)", cues: &[], basis: "§ 110c OWiG i. V. m. § 32b StPO" }),
    ("Verwaltungsgerichtsverfahren", FieldOfLaw { name: "Dokumente eines Gerichts (VwGO)", cues: &[], basis: "§ 55a Abs. 7 VwGO" }),
    ("Arbeitsgerichtsverfahren", FieldOfLaw { name: "Dokumente eines Gerichts (ArbGG)", cues: &[], basis: "§ 46d ArbGG" }),
    ("Sozialgerichtsverfahren", FieldOfLaw { name: "Dokumente eines Gerichts (SGG)", cues: &[], basis: "§ 65a Abs. 7 SGG" }),
    ("Finanzgerichtsverfahren", FieldOfLaw { name: "Dokumente eines Gerichts (FGO)", cues: &[], basis: "§ 52a Abs. 7 FGO" }),
    ("Familien- und FG-Verfahren", FieldOfLaw { name: "Dokumente eines Gerichts (FamFG)", cues: &[], basis: "§ 14 Abs. 3 FamFG i. V. m. § 130b ZPO" }),
];

/// What a sentence before a court is ([`court_step`]): a filing the parties lodge with it, or a
/// document the court makes itself (a judgment the judges sign, the clerk's Vollstreckungsklausel).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CourtStep {
    Filing,
    OwnDocument,
}

/// The field such a step cites in a document of `field`. In general administrative law: the list
/// of the codes' rules for filings or for the courts' own documents. In a procedure code: the
/// code's rule for its own documents (a filing keeps the code's basis, which is the filings' rule).
/// Any other field (tax, social administration …) keeps its basis: `None`.
pub fn court_field(step: CourtStep, field: Field) -> Option<Field> {
    match (step, field) {
        (CourtStep::Filing, Field::General) => Some(field_named("Eingaben an ein Gericht")),
        (CourtStep::OwnDocument, Field::General) => Some(field_named("Dokumente eines Gerichts")),
        (CourtStep::OwnDocument, Field::Special(f)) => OWN_DOCUMENTS.iter().find(|(code, _)| *code == f.name).map(|(_, own)| Field::Special(own)),
        // A step before a court in a statute of tax, social or private law: the court follows its
        // own procedure code, not the field's administrative rules (§ 87a AO, § 36a SGB I, § 126a
        // BGB) — „Die Revision ist … bei dem Oberlandesgericht schriftlich einzulegen“ in the
        // StBerG's professional courts, which follow the StPO (§ 153 StBerG).
        (CourtStep::Filing, field) if is_administrative(field) => Some(field_named("Eingaben an ein Gericht")),
        (CourtStep::Filing, Field::Special(_)) => None,
    }
}

/// Fields of [`FIELDS`] whose basis is no court's: a court step inside them cites the procedure
/// codes (see [`court_field`]).
const ADMINISTRATIVE_FIELDS: [&str; 4] = ["Steuerverfahren", "Kommunalabgaben", "Sozialverwaltung", "Privatrecht"];

/// Whether a field is one of [`ADMINISTRATIVE_FIELDS`].
pub fn is_administrative(field: Field) -> bool {
    matches!(field, Field::Special(f) if ADMINISTRATIVE_FIELDS.contains(&f.name))
}

/// The field of [`FIELDS`] with this name.
fn field_named(name: &str) -> Field {
    FIELDS.iter().find(|f| f.name == name).map_or(Field::General, Field::Special)
}

/// The field of law a document's title places it in.
pub fn field_of_title(title: &str) -> Field {
    let lower = title.to_lowercase();
    CUES.first_field(lower.as_bytes()).map_or(Field::General, |f| Field::Special(&FIELDS[f]))
}

/// The cues of all [`FIELDS`], found in one pass over a title: a title is searched at every
/// position for the cues that begin with its next two bytes (at most a few), instead of once for
/// each of the eighty-odd cues.
struct Cues {
    /// Each cue with the index of its field.
    cues: Vec<(&'static [u8], usize)>,
    /// For each byte, the cues (bits by their index in `cues`) whose first byte it is …
    first: [u128; 256],
    /// … and whose second byte it is.
    second: [u128; 256],
}

static CUES: std::sync::LazyLock<Cues> = std::sync::LazyLock::new(|| {
    let cues: Vec<(&'static [u8], usize)> =
        FIELDS.iter().enumerate().flat_map(|(f, field)| field.cues.iter().map(move |c| (c.as_bytes(), f))).collect();
    assert!(cues.len() <= 128 && cues.iter().all(|(c, _)| c.len() >= 2), "cues must fit the masks");
    let (mut first, mut second) = ([0u128; 256], [0u128; 256]);
    for (i, (cue, _)) in cues.iter().enumerate() {
        first[usize::from(cue[0])] |= 1 << i;
        second[usize::from(cue[1])] |= 1 << i;
    }
    Cues { cues, first, second }
});

impl Cues {
    /// The first field (in the order of [`FIELDS`]) one of whose cues `text` holds.
    fn first_field(&self, text: &[u8]) -> Option<usize> {
        let mut best: Option<usize> = None;
        for (i, pair) in text.windows(2).enumerate() {
            let mut candidates = self.first[usize::from(pair[0])] & self.second[usize::from(pair[1])];
            while candidates != 0 {
                let (cue, field) = self.cues[candidates.trailing_zeros() as usize];
                candidates &= candidates - 1;
                if best.is_none_or(|b| field < b) && text[i..].starts_with(cue) {
                    best = Some(field);
                }
            }
        }
        best
    }
}

/// Words of a basis part that name general administrative procedure or e-government law, in any
/// jurisdiction's wording.
const ADMINISTRATIVE: &[&str] = &["VwVfG", "EGovG", "OZG", "VwZG", "Verwaltungsverfahrensgesetz", "E-Government-Gesetz", "Verwaltungszustellungsgesetz"];

/// A basis (already in the jurisdiction's wording) for a field: the parts („…; …“) that cite
/// administrative procedure or e-government law become the field's basis, once; the rest stays.
pub fn field_text(basis: &str, field: Field) -> String {
    let Field::Special(f) = field else { return basis.to_string() };
    let mut parts: Vec<&str> = Vec::new();
    for part in basis.split("; ").flat_map(|part| {
        if ADMINISTRATIVE.iter().any(|w| part.contains(w)) { f.basis.split("; ").collect() } else { vec![part] }
    }) {
        // The same norm once: „§ 87a AO“ from the field and „§ 87a AO (Datensatz, Steuerrecht)“
        // from the catalogue are one citation; the one that says more stays.
        match parts.iter().position(|p| norm_of(p) == norm_of(part)) {
            Some(i) if parts[i].len() < part.len() => parts[i] = part,
            Some(_) => {}
            None => parts.push(part),
        }
    }
    parts.join("; ")
}

/// A citation without its explanation in parentheses: „§ 87a AO (Datensatz)“ → „§ 87a AO“.
fn norm_of(part: &str) -> &str {
    part.split(" (").next().unwrap_or(part).trim()
}

/// A basis list („A; B; C“, as the JSON field carries it) as words a sentence can hold: „A, B
/// und C“. Messages cite the basis inside a sentence („… nach {basis} möglich“), where a
/// semicolon would break it.
pub fn in_prose(basis: &str) -> String {
    let parts: Vec<&str> = basis.split("; ").collect();
    match parts.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} und {last}", rest.join(", ")),
        _ => basis.to_string(),
    }
}

/// Whose law and which field a finding's message and fix speak of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Law {
    pub profile: Profile,
    pub field: Field,
    /// The procedure code the document sends its own court decisions to, if it names one
    /// ([`courts_of`]): a written form in a provision on such a decision cites that code.
    pub courts: Field,
}

impl From<Profile> for Law {
    fn from(profile: Profile) -> Law {
        Law { profile, field: Field::General, courts: Field::General }
    }
}

/// The FamFG's title, by which a statute names it when it sends its court decisions there.
const FAMFG_TITLE: &str = "Angelegenheiten der freiwilligen Gerichtsbarkeit";

/// The procedure of the court decisions an administrative statute provides for: police and
/// security laws send them to the FamFG („Für das Verfahren gelten die Vorschriften des Gesetzes
/// über das Verfahren in Familiensachen und in den Angelegenheiten der freiwilligen Gerichtsbarkeit
/// entsprechend“, § 132 Abs. 2 PolG BW, § 90 BKAG, § 74 ZFdG). A court's order „ergeht schriftlich“
/// under § 14 FamFG then, not under the VwVfG, which does not apply to courts (§ 2 Abs. 3 VwVfG).
pub fn courts_of(text: &str) -> Field {
    let mut at = 0;
    while let Some(i) = memchr::memmem::find(&text.as_bytes()[at..], FAMFG_TITLE.as_bytes()) {
        let start = at + i;
        let end = start + FAMFG_TITLE.len();
        let before = &text[floor_char_boundary(text, start.saturating_sub(160))..start];
        let after = &text[end..floor_char_boundary(text, end + 120)];
        let procedure = before.contains("ür das Verfahren") || before.contains("gerichtliche Entscheidungen") || before.contains("gerichtlichen Zustimmung");
        if procedure && (before.contains("Vorschriften des") || before.contains("Bestimmungen des")) && after.contains("entsprechend") {
            return field_named("Gerichtliche Entscheidungen nach dem FamFG");
        }
        at = end;
    }
    Field::General
}


/// Whether a provision's text speaks of a court or a judge („das Gericht“, „des Amtsgerichts“,
/// „gerichtliche Entscheidung“, „richterliche Anordnung“).
pub fn names_a_court(text: &str) -> bool {
    ["Gericht", "gericht", "richterlich", "Richter"].iter().any(|w| text.contains(w))
}

/// Whether a provision names the court as the one who orders („durch das Gericht angeordnet“,
/// „Anordnung des Gerichts“, „richterliche Anordnung“).
pub fn court_orders(text: &str) -> bool {
    ["durch das Gericht", "Anordnung des Gerichts", "vom Gericht", "durch das Amtsgericht", "durch das Landgericht", "richterliche Anordnung",
     "richterlichen Anordnung", "durch den Richter", "durch die Richterin"]
        .iter()
        .any(|w| text.contains(w))
}

/// Whether a sentence is a step before a court or a court's own document: it names a court, a
/// judge or a court's registry, no authority, and an application or remedy lodged there, or a
/// signature by the judges or the registry's clerk. `None` for every other sentence, which keeps
/// the document's basis.
pub fn court_step(sentence: &str) -> Option<CourtStep> {
    let has = |words: &[&str]| words.iter().any(|w| sentence.contains(w));
    // A clerk alone may sit in an authority's hearing („wenn ein Urkundsbeamter zugezogen ist, auch
    // von diesem zu unterschreiben“ in a protocol of the Bundesnetzagentur).
    let court = names_a_court(sentence) || sentence.contains("Geschäftsstelle");
    // An authority's Bescheid in the sentence („binnen eines Monats nach schriftlicher Bekanntgabe
    // des Bescheides … bei dem Gericht“) may be what the finding is about.
    if !court || has(&["Behörde", "behörde", "Bescheid", "Gerichtsvollzieher"]) {
        return None;
    }
    let signed = has(&["unterschreiben", "unterschrieben", "unterzeichnen", "unterzeichnet", "Unterschrift"]);
    // The judges or the clerk sign; a lawyer „mit Befähigung zum Richteramt“ signs a party's brief.
    let by_the_court = [
        "von den Richtern", "von Richtern", "vom Richter", "von dem Richter", "Richterinnen und Richtern", "Urkundsbeamte", "Rechtspfleger",
        "vom unterzeichneten Gericht", "der Geschäftsstelle zu übergeben",
    ];
    if signed && has(&by_the_court) {
        return Some(CourtStep::OwnDocument);
    }
    let lodged = has(&["Protokoll der Geschäftsstelle", "Niederschrift der Geschäftsstelle", "zum Protokoll", "zu Protokoll"])
        || (has(&["bei dem Gericht", "beim Gericht", "bei Gericht", "bei jedem Gericht", "gericht einzu", "gericht schriftlich", "gerichts einzu"])
            && has(&["Antrag", "beantrag", "Beschwerde", "Einspruch", "Erinnerung", "einzulegen", "eingelegt", "einzureichen", "eingereicht"]));
    lodged.then_some(CourtStep::Filing)
}

/// Whether a provision names someone other than a court who orders or applies: the head of an
/// authority or police headquarters, officials, a ministry („Die Anordnung ergeht schriftlich“ after
/// „… auch von besonders beauftragten Beamten angeordnet werden“ is the police's order).
pub fn names_another_orderer(text: &str) -> bool {
    ["Leitung", "Behördenleit", "Beamte", "Bedienstete", "ministeri", "Ministeri", "Präsident", "Dienststelle", "Polizeipräsidium"]
        .iter()
        .any(|w| text.contains(w))
}

#[cfg(test)]
mod tests {
    /// The Land wordings `regex-lite` makes (the WebAssembly module) are those of `regex`, for
    /// every text of the built-in catalogue (the only texts worded for a Land there) and the
    /// wordings of the examples below.
    #[cfg(feature = "regex-full")]
    #[test]
    fn land_wording_is_the_same_with_regex_lite() {
        let set = crate::rules::catalog::builtin().unwrap();
        let mut texts: Vec<&str> = vec!["§ 3a Abs. 2 VwVfG", "§ 3a VwVfG; EGovG", "§ 5 Abs. 4–7 VwZG; § 9 OZG", "LVwVfG, VwVfGs, §\u{a0}3a\u{a0}VwVfG", "§ 6 EGovG (elektronische Akte)"];
        let mut changed = 0;
        for rule in set.rules() {
            let d = rule.def();
            let all = [Some(&d.message), d.basis.as_ref()].into_iter().flatten().chain(&d.refs).chain(d.fixes.iter().map(|f| &f.text));
            texts.extend(all.map(|t| t.bund.as_str()));
        }
        for t in texts {
            for profile in [Profile::Bw, Profile::Land] {
                let full = land_text(t, profile);
                assert_eq!(land_text_lite(t, profile), full, "{t}");
                changed += usize::from(full != t);
            }
        }
        assert!(changed > 10, "only {changed} texts name a federal law with a Land counterpart");
    }

    use super::*;

    #[test]
    fn a_list_of_norms_reads_as_words_in_a_sentence() {
        assert_eq!(in_prose("§ 3a VwVfG"), "§ 3a VwVfG");
        assert_eq!(in_prose("§ 3a VwVfG; § 126 BGB"), "§ 3a VwVfG und § 126 BGB");
        assert_eq!(
            in_prose("§ 126a BGB (elektronische Form); § 126b BGB (Textform); § 126 BGB"),
            "§ 126a BGB (elektronische Form), § 126b BGB (Textform) und § 126 BGB"
        );
    }

    #[test]
    fn a_land_gets_its_own_law_or_neutral_wording() {
        assert_eq!(land_text("§ 3a Abs. 2 VwVfG", Profile::Bw), "§ 3a Abs. 2 LVwVfG");
        assert_eq!(land_text("§ 3a VwVfG; EGovG", Profile::Land), "§ 3a des Verwaltungsverfahrensgesetzes des Landes; E-Government-Gesetz des Landes");
        assert_eq!(land_text("§ 5 Abs. 4–7 VwZG; § 9 OZG", Profile::Bw), "LVwZG; § 9 OZG");
        assert_eq!(land_text("§ 6 EGovG (elektronische Akte)", Profile::Bw), "EGovG BW (elektronische Akte)");
        assert_eq!(land_text("§ 3a VwVfG", Profile::Bund), "§ 3a VwVfG");
    }

    /// The one pass over the title finds the field that searching the title for each field's cues
    /// in turn finds: for every cue alone, for cues of two fields together in either order, cut
    /// short and in ordinary titles.
    #[test]
    fn cues_in_one_pass_are_the_first_field_with_a_cue() {
        let reference = |title: &str| {
            let lower = title.to_lowercase();
            FIELDS.iter().position(|f| f.cues.iter().any(|c| lower.contains(c)))
        };
        let mut titles: Vec<String> = ["", "a", "Gewerbeordnung (GewO)", "Satzung über die Erhebung der Hundesteuer", "(ZPO", "ZPO)", "Ordnungswidrigkeiten"]
            .iter()
            .map(|t| t.to_string())
            .collect();
        let cues: Vec<&str> = FIELDS.iter().flat_map(|f| f.cues.iter().copied()).collect();
        for (i, a) in cues.iter().enumerate() {
            titles.push(format!("Verordnung zur {a}"));
            titles.push(a.to_uppercase());
            titles.push(a[..a.char_indices().last().map_or(0, |(k, _)| k)].to_string());
            let b = cues[(i * 7 + 3) % cues.len()];
            titles.push(format!("{a} und {b}"));
            titles.push(format!("{b}{a}"));
        }
        for t in &titles {
            let found = match field_of_title(t) {
                Field::Special(f) => FIELDS.iter().position(|g| std::ptr::eq(g, f)),
                Field::General => None,
            };
            assert_eq!(found, reference(t), "{t}");
        }
    }

    /// The definition [`between_private_parties`] must agree with: a pass over the words for each
    /// list of stems.
    fn between_private_parties_reference(sentence: &str) -> bool {
        let words = || sentence.split(|c: char| !c.is_alphanumeric() && c != '-').filter(|w| !w.is_empty());
        let public = |w: &str| {
            let lower = w.to_lowercase();
            [
                "behörde", "gericht", "minister", "agentur", "kasse", "register", "anstalt", "vermögen", "kammer", "wahlleiter", "bürgermeister",
                "landrat", "bescheid", "berufsgenossenschaft", "jobcenter", "hilfebedürftig", "leistungsträger",
            ]
            .iter()
            .any(|p| lower.contains(p))
                || (w.starts_with(|c: char| c.is_uppercase()) && (w.ends_with("amt") || w.ends_with("ämter") || w.ends_with("amts")))
                || PUBLIC_BODIES.iter().any(|p| w.starts_with(p))
        };
        let named = |stems: &[&str]| words().any(|w| !w.contains("seite") && stems.iter().any(|p| w.starts_with(p)));
        let private = PRIVATE_SIDES.iter().any(|(one, other)| named(one) && named(other)) || named(PRIVATE_CONTRACTS);
        private && !words().any(public)
    }

    #[test]
    fn private_stems_begin_with_an_ascii_capital_and_fit_the_mask() {
        assert!(2 * PRIVATE_SIDES.len() < 32);
        let stems = PRIVATE_SIDES.iter().flat_map(|(one, other)| one.iter().chain(other.iter())).chain(PRIVATE_CONTRACTS);
        for stem in stems {
            assert!(stem.as_bytes()[0].is_ascii_uppercase(), "{stem}");
        }
    }

    proptest::proptest! {
        #[test]
        fn private_parties_in_one_pass_equal_their_definition(
            words in proptest::collection::vec(
                "(Arbeitgeber|Arbeitnehmer|Arbeitnehmerseite|Beschäftigten|Auszubildende|Verleiher|Entleiher|Leiharbeitnehmer|Vermieter|Mieter|Verpächter|Pächter|Versicherer|Versicherungsnehmer|Darlehensgeber|Darlehensnehmer|Kreditgeber|Kreditdienstleister|Kreditnehmer|Kreditkäufer|Mietvertrag|Kreditvertrag|Kreditdienstleistungsvereinbarung|Arbeitgeber-|seite|Seite|Behörde|Landratsamt|Stelle|Gericht|der|dem|und|arbeitgeber|\\PC{1,6}|[a-zA-Z]{1,8})",
                0..12,
            ),
            seps in proptest::collection::vec("( |, |-| und |\\. |\n|/)", 12),
        ) {
            let mut s = String::new();
            for (w, sep) in words.iter().zip(&seps) {
                s.push_str(w);
                s.push_str(sep);
            }
            proptest::prop_assert_eq!(between_private_parties(&s), between_private_parties_reference(&s), "{:?}", s);
        }
    }

    #[test]
    fn a_field_replaces_only_administrative_parts() {
        let tax = field_of_title("Abgabenordnung  (AO)");
        assert_eq!(field_text("§ 3a VwVfG", tax), "§ 87a AO");
        assert_eq!(field_text("§ 1 OZG; § 87a AO (Datensatz, Steuerrecht)", tax), "§ 87a AO (Datensatz, Steuerrecht)");
        let zpo = field_of_title("Zivilprozessordnung (ZPO)");
        assert_eq!(field_text("Art. 35–40 eIDAS-Verordnung; § 3a Abs. 2 VwVfG; EGovG", zpo), "Art. 35–40 eIDAS-Verordnung; § 130a ZPO");
        let name = |title: &str| match field_of_title(title) {
            Field::Special(f) => f.name,
            Field::General => "allgemein",
        };
        assert_eq!(name("Sozialgerichtsgesetz (SGG)"), "Sozialgerichtsverfahren");
        assert_eq!(name("Gewerbeordnung (GewO)"), "allgemein");
        assert_eq!(name("Wahlordnung für die Sozialversicherung  (SVWO)"), "Sozialverwaltung");
        assert_eq!(name("Erste Wahlordnung zum Mitbestimmungsgesetz  (1. WOMitbestG)"), "Privatrecht");
        assert_eq!(name("Satzung über die Erhebung der Hundesteuer"), "Kommunalabgaben");
        let courts = |text: &str| match courts_of(text) {
            Field::Special(f) => f.name,
            Field::General => "allgemein",
        };
        assert_eq!(
            courts("Zuständig ist das Amtsgericht. Für das Verfahren gelten die Vorschriften des Gesetzes über das Verfahren in Familiensachen und in den Angelegenheiten der freiwilligen Gerichtsbarkeit entsprechend."),
            "Gerichtliche Entscheidungen nach dem FamFG"
        );
        assert_eq!(
            courts("Für die Beweisaufnahme gelten die Vorschriften des Gesetzes über das Verfahren in Familiensachen und in den Angelegenheiten der freiwilligen Gerichtsbarkeit entsprechend."),
            "allgemein",
            "the taking of evidence only"
        );
        assert_eq!(courts("Die Angelegenheiten der freiwilligen Gerichtsbarkeit werden ü"), "allgemein", "a mention, cut short inside a character");
        assert_eq!(name("Satzung über die Erhebung einer Vergnügungssteuer (Vergnügungssteuersatzung - nur Geldspielgeräte)"), "Kommunalabgaben");
        assert_eq!(name("Satzung über die Benutzung der Obdachlosenunterkünfte und die Erhebung von Gebühren"), "allgemein");
        assert_eq!(name("Grundsteuergesetz  (GrStG)"), "Steuerverfahren");
        assert_eq!(name("Seearbeitsgesetz  (SeeArbG)"), "Privatrecht");
        assert_eq!(name("Verordnung über die Erstattung von Umsatzsteuer an ausländische ständige diplomatische Missionen"), "Steuerverfahren");
        assert_eq!(name("Gesetz über die Entschädigung der Soldatinnen und Soldaten (Soldatenentschädigungsgesetz - SEG)"), "Sozialverwaltung");
        assert_eq!(name("Gesetz über die Anfechtung von Rechtshandlungen eines Schuldners außerhalb des Insolvenzverfahrens"), "Privatrecht");
        assert_eq!(name("Satzung über die Erhebung der Grundsteuer (Hebesatzsatzung)"), "Kommunalabgaben", "not a federal tax");
        assert!(between_private_parties("Die Festhaltenserklärung des Leiharbeitnehmers gegenüber dem Verleiher bedarf der Schriftform."));
        assert!(!between_private_parties("Das Ergebnis ist dem Arbeitgeber schriftlich mitzuteilen."), "one side only: who tells?");
        assert!(between_private_parties("Die Übergabe erfolgt nur gegen eigenhändige Unterschrift unter den Mietvertrag."));
        assert!(!between_private_parties("Der Arbeitgeber hat dies der zuständigen Behörde schriftlich anzuzeigen."));
        assert!(!between_private_parties("Der Arbeitgeber hat dem Integrationsamt die Kündigung schriftlich mitzuteilen."));
        assert!(between_private_parties("Der Betreiber hat einen Beauftragten für die Biologische Sicherheit schriftlich zu bestellen."));
        assert!(between_private_parties("Der Samenspender hat der Entnahmeeinrichtung schriftlich zu bestätigen, dass er aufgeklärt worden ist."));
        assert!(!between_private_parties("Der Betreiber hat der Behörde den Beauftragten schriftlich anzuzeigen."), "notified to an authority");
        assert!(!between_private_parties("Der Antrag ist schriftlich beim Arbeitsgericht zu stellen; der Arbeitnehmer ist zu hören."));
        assert!(!between_private_parties("Der Antrag ist schriftlich zu stellen."));
        assert!(!between_private_parties("Der Verzicht ist schriftlich dem Bundesminister der Justiz und für Verbraucherschutz zu erklären."));
        assert!(!between_private_parties("Die Sitze der Arbeitgeber- und Arbeitnehmerseite in der Vollversammlung der Handwerkskammer werden schriftlich vorgeschlagen."));
        assert!(between_private_parties(
            "Ein erheblicher Rückstand ist erst anzunehmen, wenn der Schuldner nicht bezahlt hat, obwohl der Gläubiger ihn schriftlich gemahnt hat."
        ));
        assert!(between_private_parties("Die Übermittlung ist nur zulässig, wenn der Betroffene gegenüber dem Zahnarzt schriftlich eingewilligt hat."));
        assert!(between_private_parties("Der Bevollmächtigte darf nur die Aufgaben wahrnehmen, die der Hersteller ihm schriftlich übertragen hat."));
        assert!(between_private_parties("Miet- oder Pachtverträge sowie Änderungen solcher Verträge sind vom Verwalter schriftlich abzuschließen."));
        assert!(!between_private_parties("Der Hersteller hat den Bevollmächtigten der Marktüberwachungsbehörde schriftlich zu benennen."));
        assert!(!between_private_parties("Der Schuldner hat der Vollstreckungsbehörde auf Verlangen des Gläubigers schriftlich Auskunft zu geben."));
        let court = |s: &str| court_step(s).and_then(|step| court_field(step, Field::General)).map(|f| match f {
            Field::Special(f) => f.name,
            Field::General => "allgemein",
        });
        assert_eq!(
            court("Der Antrag kann bei dem Gericht schriftlich eingereicht oder mündlich zu Protokoll der Geschäftsstelle erklärt werden."),
            Some("Eingaben an ein Gericht")
        );
        assert_eq!(court("Die Revision ist binnen einer Woche bei dem Oberlandesgericht schriftlich einzulegen."), Some("Eingaben an ein Gericht"));
        assert_eq!(
            court("Zur Vervollständigung des Urteils sind die Entscheidungsgründe nachträglich abzufassen, von den Richtern besonders zu unterschreiben und der Geschäftsstelle zu übergeben."),
            Some("Dokumente eines Gerichts")
        );
        assert_eq!(court("Die Vollstreckungsklausel ist von dem Urkundsbeamten der Geschäftsstelle zu unterschreiben."), Some("Dokumente eines Gerichts"));
        assert_eq!(
            court("Die Beschwerdeschrift muss durch einen bei einem deutschen Gericht zugelassenen Rechtsanwalt mit Befähigung zum Richteramt unterzeichnet sein."),
            None,
            "a party's brief, signed by a lawyer, lodged nowhere in this sentence"
        );
        assert_eq!(court("Der Antrag ist schriftlich bei der Behörde zu stellen; über Einwendungen entscheidet das Gericht."), None);
        assert_eq!(
            court("Der Antrag muss binnen eines Monats nach schriftlicher Bekanntgabe des Bescheides zur Niederschrift der Geschäftsstelle des Oberlandesgerichts gestellt werden."),
            None
        );
        assert_eq!(court("Der Antrag ist schriftlich zu stellen."), None);
        let own = |title: &str| match court_field(CourtStep::OwnDocument, field_of_title(title)) {
            Some(Field::Special(f)) => f.basis,
            Some(Field::General) => "allgemein",
            None => "keine",
        };
        assert_eq!(own("Zivilprozessordnung (ZPO)"), "§ 130b ZPO");
        assert_eq!(own("Strafprozeßordnung (StPO)"), "§ 32b StPO");
        assert_eq!(own("Verwaltungsgerichtsordnung (VwGO)"), "§ 55a Abs. 7 VwGO");
        assert_eq!(own("Sozialgerichtsgesetz (SGG)"), "§ 65a Abs. 7 SGG");
        assert_eq!(own("Abgabenordnung (AO)"), "keine", "a tax office's documents keep § 87a AO");
        assert_eq!(court_field(CourtStep::Filing, field_of_title("Zivilprozessordnung (ZPO)")), None, "a filing keeps § 130a ZPO");
        assert!(own("Gesetz über die Vollstreckung von Urteilen").starts_with("§ 130b ZPO, § 14 Abs. 3 FamFG"));
        assert!(
            OWN_DOCUMENTS.iter().all(|(code, _)| FIELDS.iter().any(|f| f.name == *code)),
            "every code named in OWN_DOCUMENTS is a field of FIELDS"
        );
        assert_eq!(
            court("Das Protokoll ist von der ermittelnden Person der Bundesnetzagentur und, wenn ein Urkundsbeamter zugezogen ist, auch von diesem zu unterschreiben."),
            None
        );
        assert_eq!(private_law(), field_of_title("Bürgerliches Gesetzbuch (BGB)"));
        assert_eq!(name("Satzung der Pensionskasse Deutscher Eisenbahnen und Straßenbahnen VVaG Köln"), "Privatrecht");
        assert_eq!(name("Wahlordnung Schwerbehindertenvertretungen  (SchwbVWO)"), "Privatrecht");
        assert_eq!(name("Jugendgerichtsgesetz  (JGG)"), "Strafverfahren");
        assert_eq!(name("Wahlordnung zum Sprecherausschußgesetz - WOSprAuG"), "Privatrecht");
        assert_eq!(name("Steuerberatungsgesetz  (StBerG)"), "Steuerverfahren");
        assert_eq!(name("Gesellschaftsvertrag der Stadtwerke Konstanz GmbH"), "Privatrecht");
        // Proceedings before the patent office and the register courts have their own rules on
        // electronic documents (the VwVfG does not apply, § 2 Abs. 2 Nr. 3 VwVfG).
        assert_eq!(field_text("§ 3a VwVfG", field_of_title("Patentgesetz")), "§ 125a PatG");
        assert_eq!(name("Gesetz über den Schutz von Marken und sonstigen Kennzeichen  (Markengesetz - MarkenG)"), "Verfahren vor dem Patentamt (Marken)");
        assert_eq!(name("Verordnung zur Ausführung des Markengesetzes  (Markenverordnung - MarkenV)"), "Verfahren vor dem Patentamt (Marken)");
        assert_eq!(name("Grundbuchordnung"), "Grundbuchverfahren");
        assert_eq!(name("Patentanwaltsordnung (PAO)"), "allgemein");
        assert_eq!(name("Gesetz über Ordnungswidrigkeiten  (OWiG)"), "Bußgeldverfahren");
        assert_eq!(name("Gesetz über die Zwangsversteigerung und die Zwangsverwaltung  (ZVG)"), "Zivilprozess");
        assert_eq!(name("Insolvenzordnung  (InsO)"), "Zivilprozess");
    }
}
