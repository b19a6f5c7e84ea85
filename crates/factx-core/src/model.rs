//! Domain types of a FactSet. Spans here are always UTF-8 byte offsets into the original body;
//! conversion to the caller's offset unit happens once, at the edge (`offsets::OffsetMapper`).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

/// Half-open byte range `[start, end)` into `Article.body`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    pub fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    /// The text this span covers in `body`.
    pub fn slice<'a>(&self, body: &'a str) -> &'a str {
        &body[self.start..self.end]
    }
}

/// One article as the pipeline receives it.
#[derive(Debug, Clone, Default)]
pub struct Article {
    pub id: String,
    pub title: String,
    pub body: String,
    pub published_at: Option<DateTime<Utc>>,
    pub url: String,
    pub source: String,
    pub language: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OffsetUnit {
    #[default]
    Utf8,
    Utf16,
    CodePoint,
}

/// First day of the week, used to resolve week-relative expressions ("this week").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum WeekStart {
    #[default]
    Monday,
    Sunday,
}

/// How a weekday without a tense cue ("talks Tuesday") is placed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum WeekdayReading {
    /// News: the latest such day up to the publication date.
    #[default]
    NewsPast,
    /// Assistant convention (Duckling's): the next such day.
    NearestFuture,
}

/// Per-request options, already validated.
#[derive(Debug, Clone, Default)]
pub struct ExtractOptions {
    pub offset_unit: OffsetUnit,
    pub week_start: WeekStart,
    /// Offset from UTC, in seconds, of the article's local time; relative dates ("today") are
    /// resolved in this zone. Default UTC.
    pub utc_offset_seconds: i32,
    /// Return every token with its syntax in `FactSet::tokens`.
    pub include_syntax: bool,
    pub weekday_reading: WeekdayReading,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EntityType {
    Person,
    Org,
    Gpe,
    Loc,
    Norp,
    Fac,
    Event,
    Product,
    Law,
    WorkOfArt,
    Language,
}

impl EntityType {
    pub const ALL: [EntityType; 11] = [
        EntityType::Person,
        EntityType::Org,
        EntityType::Gpe,
        EntityType::Loc,
        EntityType::Norp,
        EntityType::Fac,
        EntityType::Event,
        EntityType::Product,
        EntityType::Law,
        EntityType::WorkOfArt,
        EntityType::Language,
    ];
    /// OntoNotes label, e.g. `PERSON`, `WORK_OF_ART`.
    pub fn label(self) -> &'static str {
        match self {
            EntityType::Person => "PERSON",
            EntityType::Org => "ORG",
            EntityType::Gpe => "GPE",
            EntityType::Loc => "LOC",
            EntityType::Norp => "NORP",
            EntityType::Fac => "FAC",
            EntityType::Event => "EVENT",
            EntityType::Product => "PRODUCT",
            EntityType::Law => "LAW",
            EntityType::WorkOfArt => "WORK_OF_ART",
            EntityType::Language => "LANGUAGE",
        }
    }
    pub fn from_label(s: &str) -> Option<EntityType> {
        EntityType::ALL.into_iter().find(|t| t.label() == s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MentionKind {
    Name,
    Nominal,
    Pronoun,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    pub span: Span,
    pub text: String,
    pub kind: MentionKind,
    /// Index of the sentence holding the mention.
    pub sentence: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    pub id: String,
    pub entity_type: EntityType,
    pub canonical_name: String,
    pub mentions: Vec<Mention>,
    pub salience: f32,
    /// e.g. `iso3166` → `PK`.
    pub external_ids: BTreeMap<String, String>,
}

/// Declares an enum whose values have upper-case names (the proto's `<PREFIX>_<NAME>` without
/// its prefix), listed once: the name table, `ALL` and `from_name` follow from it.
macro_rules! named_enum {
    ($(#[$m:meta])* $name:ident { $($var:ident = $label:literal),* $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name { $($var),* }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$var),*];

            /// The name as in the proto enum without its prefix (`ASSAULT`).
            pub fn name(self) -> &'static str {
                match self { $($name::$var => $label),* }
            }

            pub fn from_name(s: &str) -> Option<$name> {
                match s { $($label => Some($name::$var),)* _ => None }
            }
        }
    };
}

named_enum! {
    /// Fact types, in the proto's order. Event types and their roles are declared in the
    /// registry (`data/facts/registry/`); ROLE, AFFILIATION and STATEMENT are relations found by
    /// their own rules.
    FactType {
        Role = "ROLE", Affiliation = "AFFILIATION", Meeting = "MEETING", Travel = "TRAVEL",
        Statement = "STATEMENT", Communication = "COMMUNICATION",
        Agree = "AGREE", Support = "SUPPORT", Concede = "CONCEDE", Cooperate = "COOPERATE",
        Aid = "AID", Retreat = "RETREAT", Request = "REQUEST", Accuse = "ACCUSE",
        Reject = "REJECT", Threaten = "THREATEN", Protest = "PROTEST", Sanction = "SANCTION",
        Mobilize = "MOBILIZE", Coerce = "COERCE", Assault = "ASSAULT",
        Arrest = "ARREST", Release = "RELEASE", Charge = "CHARGE", Trial = "TRIAL",
        Conviction = "CONVICTION", Sentence = "SENTENCE", Death = "DEATH", Injury = "INJURY",
        Election = "ELECTION", Appointment = "APPOINTMENT", Resignation = "RESIGNATION",
        Dismissal = "DISMISSAL", Acquisition = "ACQUISITION", Merger = "MERGER",
        Disaster = "DISASTER", Accident = "ACCIDENT", FinancialResult = "FINANCIAL_RESULT",
        Lawsuit = "LAWSUIT", Bankruptcy = "BANKRUPTCY", Layoff = "LAYOFF",
        Investment = "INVESTMENT",
    }
}

named_enum! {
    /// PLOVER's sixteen event categories.
    PloverCategory {
        Agree = "AGREE", Consult = "CONSULT", Support = "SUPPORT", Concede = "CONCEDE",
        Cooperate = "COOPERATE", Aid = "AID", Retreat = "RETREAT", Request = "REQUEST",
        Accuse = "ACCUSE", Reject = "REJECT", Threaten = "THREATEN", Protest = "PROTEST",
        Sanction = "SANCTION", Mobilize = "MOBILIZE", Coerce = "COERCE", Assault = "ASSAULT",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ArgValue {
    Entity(String),
    Text(String),
    Time(String),
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Argument {
    pub role: String,
    pub value: ArgValue,
    /// The text that fills the role in this fact (the mention, time or literal); `None` when
    /// the producing rule did not say (assembly then grounds it in the evidence).
    pub span: Option<Span>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Polarity {
    #[default]
    Positive,
    Negative,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Modality {
    #[default]
    Asserted,
    Reported,
    Intended,
    Hypothetical,
    Opinion,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Fact {
    pub id: String,
    pub fact_type: FactType,
    pub arguments: Vec<Argument>,
    pub polarity: Polarity,
    pub modality: Modality,
    /// The trigger's lemma, e.g. `meet`, `call on`.
    pub predicate: String,
    pub trigger: Span,
    pub evidence: Vec<Span>,
    pub confidence: f32,
    /// Entity id of who reports the fact, if reported.
    pub attributed_to: Option<String>,
    pub cameo_code: String,
    /// PLOVER category of an event fact (none for ROLE, AFFILIATION, STATEMENT and the staples
    /// PLOVER has no category for).
    pub plover_category: Option<PloverCategory>,
    /// PLOVER mode (`suicide-attack`, `arrest`), or empty.
    pub plover_mode: String,
    /// Rule or model that produced the fact.
    pub extractor: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TimeType {
    Date,
    Time,
    Duration,
    Set,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TimeExpression {
    pub id: String,
    pub span: Span,
    pub text: String,
    /// TIMEX3-style value: `2024-08-12`, `2024-W33`, `P3D`, `PAST_REF`, `2025/2026`, ...
    pub value: String,
    pub time_type: TimeType,
}

/// One token with its syntax, as returned when `ExtractOptions::include_syntax` is set.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxToken {
    pub span: Span,
    pub text: String,
    pub lemma: String,
    pub upos: crate::syntax::Upos,
    /// Penn Treebank tag (`NNP`, `VBD`).
    pub xpos: &'static str,
    /// Index into `FactSet::tokens` of the head; `None` for the root of a sentence.
    pub head: Option<u32>,
    /// UD v2 relation to the head (`nsubj`, `obl:tmod`; `root` for a root).
    pub relation: &'static str,
    /// Index into `FactSet::sentences`.
    pub sentence: u32,
}

/// Name, version and models of the extractor that produced a FactSet.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ExtractorInfo {
    pub name: String,
    pub version: String,
    pub models: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct FactSet {
    pub article_id: String,
    pub offset_unit: OffsetUnit,
    pub text_sha256: String,
    pub extractor: ExtractorInfo,
    pub sentences: Vec<Span>,
    pub entities: Vec<Entity>,
    pub facts: Vec<Fact>,
    pub times: Vec<TimeExpression>,
    /// Every token with its syntax; empty unless `ExtractOptions::include_syntax`.
    pub tokens: Vec<SyntaxToken>,
}
