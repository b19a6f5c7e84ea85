//! General English lexicons for roles and events: office titles, ranks, trigger verbs with their
//! inflections. Hand-written general knowledge; nothing here names a person, organization or event.
//! All lookups take a lowercased token.

use std::collections::HashSet;
use std::sync::LazyLock;

fn set(words: &[&'static str]) -> HashSet<&'static str> {
    words.iter().copied().collect()
}

/// Head nouns of offices and positions: a title phrase must contain one.
static TITLE_HEADS: LazyLock<HashSet<&str>> = LazyLock::new(|| {
    set(&[
        "president",
        "vice-president",
        "president-elect",
        "premier",
        "minister",
        "secretary",
        "secretary-general",
        "undersecretary",
        "under-secretary",
        "chief",
        "ambassador",
        "envoy",
        "consul",
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "director",
        "director-general",
        "chairman",
        "chairwoman",
        "chairperson",
        "chair",
        "governor",
        "senator",
        "mayor",
        "king",
        "queen",
        "prince",
        "princess",
        "emir",
        "sheikh",
        "sultan",
        "pope",
        "chancellor",
        "commissioner",
        "commander",
        "advisor",
        "adviser",
        "attorney",
        "judge",
        "justice",
        "magistrate",
        "officer",
        "ceo",
        "cfo",
        "coo",
        "cto",
        "head",
        "leader",
        "representative",
        "congressman",
        "congresswoman",
        "lawmaker",
        "legislator",
        "mp",
        "diplomat",
        "councillor",
        "councilor",
        "councilman",
        "councilwoman",
        "coach",
        "manager",
        "founder",
        "co-founder",
        "treasurer",
        "auditor",
        "registrar",
        "speaker",
        "rapporteur",
        "dean",
        "provost",
        "professor",
        "rector",
        "bishop",
        "archbishop",
        "cardinal",
        "rabbi",
        "imam",
        "negotiator",
        "inspector",
        "superintendent",
        "prosecutor",
        "sheriff",
        "editor",
        "attaché",
        "attache",
        "administrator",
        "deputy",
        "premier",
        "chiefs",
        "president-designate",
        "whip",
        "marshal",
        "admiral",
        "colonel",
        "brigadier",
        "captain",
        "lieutenant",
        "commodore",
        "sergeant",
        "official",
        "member",
        "staffer",
        "executive",
        "governor-general",
        "comptroller",
        "ombudsman",
        "monarch",
        "tsar",
        "czar",
        "caliph",
        "crown",
        "mufti",
        "curator",
        "trustee",
        "lecturer",
        "correspondent",
        "publisher",
    ])
});

/// Military and police ranks: a rank after an office (`Army Chief General`) is reported as a
/// separate, secondary title.
static RANKS: LazyLock<HashSet<&str>> = LazyLock::new(|| {
    set(&[
        "general",
        "gen",
        "gen.",
        "lt",
        "lt.",
        "lieutenant",
        "colonel",
        "col",
        "col.",
        "major",
        "maj",
        "maj.",
        "captain",
        "capt",
        "capt.",
        "admiral",
        "adm",
        "adm.",
        "brigadier",
        "brig",
        "brig.",
        "commodore",
        "marshal",
        "sergeant",
        "sgt",
        "sgt.",
        "corporal",
        "cpl",
        "cpl.",
        "field",
        "vice",
        "rear",
        "air",
        "chief",
        "lt-gen",
        "maj-gen",
        "lt.-gen.",
        "maj.-gen.",
    ])
});

/// Ranks that can stand alone as the last word of a rank phrase.
static RANK_HEADS: LazyLock<HashSet<&str>> = LazyLock::new(|| {
    set(&[
        "general",
        "gen",
        "gen.",
        "colonel",
        "col",
        "col.",
        "major",
        "maj",
        "maj.",
        "captain",
        "capt",
        "capt.",
        "admiral",
        "adm",
        "adm.",
        "brigadier",
        "brig",
        "brig.",
        "commodore",
        "marshal",
        "sergeant",
        "sgt",
        "sgt.",
        "corporal",
        "cpl",
        "cpl.",
        "lieutenant",
        "lt",
        "lt.",
        "lt-gen",
        "maj-gen",
        "lt.-gen.",
        "maj.-gen.",
    ])
});

/// Offices whose second word is `general` (the office, not a rank): `Secretary General`.
static GENERAL_OFFICES: LazyLock<HashSet<&str>> = LazyLock::new(|| {
    set(&[
        "secretary",
        "attorney",
        "director",
        "solicitor",
        "inspector",
        "surgeon",
        "governor",
        "postmaster",
        "auditor",
        "comptroller",
        "consul",
        "procurator",
        "advocate",
        "accountant",
    ])
});

/// Words that modify an office head inside a title (`Deputy Prime Minister`, `Chief of Army
/// Staff`). Capitalized unknown words are accepted too, next to a known title word.
static TITLE_MODIFIERS: LazyLock<HashSet<&str>> = LazyLock::new(|| {
    set(&[
        "deputy",
        "vice",
        "acting",
        "interim",
        "caretaker",
        "foreign",
        "prime",
        "under",
        "assistant",
        "associate",
        "special",
        "senior",
        "junior",
        "chief",
        "executive",
        "principal",
        "permanent",
        "federal",
        "state",
        "provincial",
        "national",
        "regional",
        "army",
        "navy",
        "naval",
        "air",
        "force",
        "staff",
        "joint",
        "defence",
        "defense",
        "interior",
        "home",
        "finance",
        "information",
        "commerce",
        "trade",
        "health",
        "education",
        "energy",
        "affairs",
        "political",
        "economic",
        "security",
        "intelligence",
        "justice",
        "first",
        "second",
        "general",
        "high",
        "supreme",
        "lord",
        "grand",
        "crown",
        "presidential",
        "ministerial",
        "parliamentary",
        "foreign-affairs",
        "economy",
        "agriculture",
        "environment",
        "climate",
        "labour",
        "labor",
        "transport",
        "culture",
        "sports",
        "development",
        "planning",
        "petroleum",
        "water",
        "power",
        "railways",
        "aviation",
        "industry",
        "industries",
        "human",
        "rights",
        "legal",
        "public",
        "relations",
        "military",
        "police",
        "opposition",
        "majority",
        "minority",
        "party",
        "press",
        "media",
        "communications",
        "operating",
        "financial",
        "technology",
        "technical",
        "managing",
        "ranking",
        "cabinet",
        "treasury",
        "marine",
        "corps",
        "coast",
        "guard",
        "central",
        "bank",
        "reserve",
        "house",
        "senate",
        "upper",
        "lower",
        "city",
        "county",
        "district",
        "council",
        "court",
        "appeals",
        "european",
        "international",
        "global",
        "chief-of-staff",
    ])
});

/// Courtesy words that precede a name but are not offices.
static HONORIFICS: LazyLock<HashSet<&str>> = LazyLock::new(|| {
    set(&[
        "mr",
        "mr.",
        "mrs",
        "mrs.",
        "ms",
        "ms.",
        "miss",
        "dr",
        "dr.",
        "sir",
        "dame",
        "madam",
        "hon",
        "hon.",
        "honourable",
        "honorable",
        "excellency",
        "mx",
        "mx.",
        "prof",
        "prof.",
    ])
});

/// Temporal qualifiers of a title that are not part of the office.
static TITLE_QUALIFIERS: LazyLock<HashSet<&str>> = LazyLock::new(|| {
    set(&[
        "former", "late", "then", "ex", "ex-", "outgoing", "incoming", "current", "sitting",
        "visiting",
    ])
});

/// Generic position nouns: they carry membership (`an official within X`) but are not reported
/// as titles on their own.
static GENERIC_POSITIONS: LazyLock<HashSet<&str>> = LazyLock::new(|| {
    set(&[
        "official",
        "member",
        "staffer",
        "officer",
        "employee",
        "leader",
        "representative",
        "executive",
        "head",
        "diplomat",
        "lawmaker",
        "legislator",
        "politician",
    ])
});

pub fn is_title_head(w: &str) -> bool {
    TITLE_HEADS.contains(w)
}
pub fn is_rank(w: &str) -> bool {
    RANKS.contains(w)
}
pub fn is_rank_head(w: &str) -> bool {
    RANK_HEADS.contains(w)
}
pub fn is_general_office(w: &str) -> bool {
    GENERAL_OFFICES.contains(w)
}
pub fn is_title_modifier(w: &str) -> bool {
    TITLE_MODIFIERS.contains(w)
}
pub fn is_honorific(w: &str) -> bool {
    HONORIFICS.contains(w)
}
pub fn is_title_qualifier(w: &str) -> bool {
    TITLE_QUALIFIERS.contains(w)
}
pub fn is_generic_position(w: &str) -> bool {
    GENERIC_POSITIONS.contains(w)
}
/// Any word that may belong to a title phrase.
pub fn is_title_word(w: &str) -> bool {
    is_title_head(w) || is_title_modifier(w) || is_rank(w)
}

static DETERMINERS: LazyLock<HashSet<&str>> = LazyLock::new(|| {
    set(&[
        "the", "a", "an", "his", "her", "their", "its", "our", "this", "that", "these", "those",
        "either", "neither", "both", "all", "two", "three", "several", "some", "another",
    ])
});
pub fn is_determiner(w: &str) -> bool {
    DETERMINERS.contains(w)
}

static PREPOSITIONS: LazyLock<HashSet<&str>> = LazyLock::new(|| {
    set(&[
        "in",
        "on",
        "at",
        "to",
        "with",
        "from",
        "by",
        "for",
        "of",
        "about",
        "into",
        "during",
        "after",
        "before",
        "between",
        "among",
        "against",
        "under",
        "over",
        "across",
        "through",
        "within",
        "without",
        "toward",
        "towards",
        "via",
        "per",
        "despite",
        "including",
        "like",
        "near",
        "upon",
        "amid",
        "amongst",
        "beside",
        "besides",
        "behind",
        "beyond",
        "inside",
        "outside",
        "onto",
        "throughout",
        "unlike",
        "regarding",
        "concerning",
        "than",
    ])
});
pub fn is_preposition(w: &str) -> bool {
    PREPOSITIONS.contains(w)
}

/// Auxiliaries, adverbs and negations that may sit between a subject and its verb.
static VERB_PRELUDE: LazyLock<HashSet<&str>> = LazyLock::new(|| {
    set(&[
        "has",
        "have",
        "had",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "will",
        "would",
        "shall",
        "should",
        "can",
        "could",
        "may",
        "might",
        "must",
        "do",
        "does",
        "did",
        "also",
        "then",
        "later",
        "earlier",
        "again",
        "reportedly",
        "recently",
        "never",
        "not",
        "n't",
        "already",
        "separately",
        "formally",
        "officially",
        "jointly",
        "personally",
        "once",
        "still",
        "just",
        "first",
        "subsequently",
        "finally",
        "briefly",
        "yet",
        "even",
        "ever",
        "all",
        "both",
        "each",
        "too",
        "only",
        "now",
        "previously",
        "allegedly",
        "apparently",
        "reportedly",
        "subsequently",
        "today",
        "yesterday",
        "tomorrow",
        "soon",
        "initially",
        "immediately",
        "twice",
        "repeatedly",
        "publicly",
        "privately",
        "cannot",
        "won't",
        "didn't",
        "hasn't",
        "haven't",
        "hadn't",
        "wasn't",
        "weren't",
        "isn't",
        "aren't",
        "doesn't",
        "don't",
        "wouldn't",
        "couldn't",
        "shouldn't",
        "often",
        "usually",
        "further",
        "specifically",
        "particularly",
        "clearly",
        "strongly",
        "warmly",
    ])
});
pub fn is_verb_prelude(w: &str) -> bool {
    VERB_PRELUDE.contains(w)
}

pub fn is_negation(w: &str) -> bool {
    matches!(
        w,
        "not"
            | "never"
            | "no"
            | "n't"
            | "cannot"
            | "neither"
            | "nor"
            | "nobody"
            | "won't"
            | "didn't"
            | "hasn't"
            | "haven't"
            | "hadn't"
            | "wasn't"
            | "weren't"
            | "isn't"
            | "aren't"
            | "doesn't"
            | "don't"
            | "wouldn't"
            | "couldn't"
            | "shouldn't"
    )
}

pub fn is_hedge(w: &str) -> bool {
    matches!(
        w,
        "may" | "might" | "could" | "would" | "if" | "unless" | "possibly" | "perhaps"
    )
}

/// Verbs of intention or desire that take a `to`-infinitive: `plans to visit`.
pub fn is_intent_verb(w: &str) -> bool {
    matches!(
        w,
        "desire"
            | "desires"
            | "desired"
            | "plan"
            | "plans"
            | "planned"
            | "planning"
            | "want"
            | "wants"
            | "wanted"
            | "intend"
            | "intends"
            | "intended"
            | "hope"
            | "hopes"
            | "hoped"
            | "wish"
            | "wishes"
            | "wished"
            | "seek"
            | "seeks"
            | "sought"
            | "aim"
            | "aims"
            | "aimed"
            | "scheduled"
            | "set"
            | "due"
            | "expected"
            | "going"
            | "agreed"
            | "agree"
            | "agrees"
            | "decided"
            | "offered"
            | "proposed"
            | "promised"
            | "vowed"
            | "pledged"
            | "invited"
            | "eager"
            | "keen"
            | "ready"
            | "willing"
    )
}

/// Verbs of belief or opinion whose complement is an opinion, not an assertion.
pub fn is_opinion_verb(w: &str) -> bool {
    matches!(
        w,
        "believe"
            | "believes"
            | "believed"
            | "think"
            | "thinks"
            | "thought"
            | "feel"
            | "feels"
            | "felt"
            | "suspect"
            | "suspects"
            | "suspected"
            | "speculate"
            | "speculated"
            | "argue"
            | "argues"
            | "argued"
            | "suggest"
            | "suggests"
            | "suggested"
            | "reckon"
            | "reckons"
    )
}

/// Words that end a clause when scanning for a subject or objects.
pub fn is_clause_boundary(w: &str) -> bool {
    matches!(
        w,
        ";" | ":"
            | "while"
            | "whereas"
            | "although"
            | "though"
            | "because"
            | "but"
            | "when"
            | "if"
            | "unless"
            | "that"
            | "which"
            | "who"
            | "whom"
            | "whose"
            | "where"
            | "—"
            | "–"
            | "("
            | ")"
            | "\""
            | "“"
            | "”"
            | "whether"
            | "so"
            | "however"
            | "as"
    )
}

pub fn is_plural_pronoun(w: &str) -> bool {
    matches!(w, "they" | "them" | "both")
}

/// Nouns that stand for the parties of a meeting: `the two sides`, `both leaders`.
pub fn is_party_noun(w: &str) -> bool {
    matches!(
        w,
        "sides"
            | "leaders"
            | "ministers"
            | "officials"
            | "delegations"
            | "parties"
            | "counterparts"
            | "men"
            | "women"
            | "presidents"
            | "premiers"
            | "envoys"
            | "diplomats"
    )
}

/// Nouns that name a document or person through which an organization speaks.
pub fn is_speech_source_noun(w: &str) -> bool {
    matches!(
        w,
        "statement"
            | "handout"
            | "release"
            | "communique"
            | "communiqué"
            | "readout"
            | "report"
            | "letter"
            | "announcement"
            | "message"
            | "tweet"
            | "post"
            | "spokesperson"
            | "spokesman"
            | "spokeswoman"
            | "notification"
            | "press"
            | "briefing"
            | "note"
            | "declaration"
            | "transcript"
            | "memo"
            | "bulletin"
            | "notice"
            | "document"
    )
}

/// The family of an event trigger found on one word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpeechClass {
    /// Plain statement (010).
    Say,
    /// Praise, thanks, congratulations, appreciation (051).
    Praise,
    /// Sympathy, condolence (018).
    Empathy,
    /// Denial (016).
    Deny,
    /// Criticism (111).
    Criticize,
    /// Appeal or demand (010 as well, kept apart for addressees).
    Urge,
}

/// Speech verbs by inflection → (lemma, class, takes a direct-object addressee).
pub fn speech_verb(w: &str) -> Option<(&'static str, SpeechClass, bool)> {
    use SpeechClass::*;
    let r = match w {
        "say" | "says" | "said" | "saying" => ("say", Say, false),
        "note" | "notes" | "noted" | "noting" => ("note", Say, false),
        "underline" | "underlines" | "underlined" | "underlining" => ("underline", Say, false),
        "stress" | "stresses" | "stressed" | "stressing" => ("stress", Say, false),
        "emphasize" | "emphasizes" | "emphasized" | "emphasizing" | "emphasise" | "emphasises"
        | "emphasised" | "emphasising" => ("emphasize", Say, false),
        "highlight" | "highlights" | "highlighted" | "highlighting" => ("highlight", Say, false),
        "state" | "states" | "stated" => ("state", Say, false),
        "add" | "adds" | "added" => ("add", Say, false),
        "announce" | "announces" | "announced" => ("announce", Say, false),
        "tell" | "tells" | "told" => ("tell", Say, true),
        "claim" | "claims" | "claimed" => ("claim", Say, false),
        "affirm" | "affirms" | "affirmed" | "reaffirm" | "reaffirms" | "reaffirmed" => {
            ("affirm", Say, false)
        }
        "reiterate" | "reiterates" | "reiterated" => ("reiterate", Say, false),
        "assure" | "assures" | "assured" => ("assure", Say, true),
        "confirm" | "confirms" | "confirmed" => ("confirm", Say, false),
        "acknowledge" | "acknowledges" | "acknowledged" => ("acknowledge", Say, false),
        "remark" | "remarks" | "remarked" => ("remark", Say, false),
        "explain" | "explains" | "explained" => ("explain", Say, false),
        "insist" | "insists" | "insisted" => ("insist", Say, false),
        "declare" | "declares" | "declared" => ("declare", Say, false),
        "express" | "expresses" | "expressed" | "expressing" => ("express", Say, false),
        "warn" | "warns" | "warned" => ("warn", Say, true),
        "observe" | "observes" | "observed" => ("observe", Say, false),
        "thank" | "thanks" | "thanked" | "thanking" => ("thank", Praise, true),
        "congratulate" | "congratulates" | "congratulated" | "congratulating" => {
            ("congratulate", Praise, true)
        }
        "praise" | "praises" | "praised" | "lauded" | "lauds" | "commended" | "commends"
        | "appreciated" | "appreciates" | "welcomed" | "welcomes" => ("praise", Praise, true),
        "condole" | "condoled" | "sympathized" | "sympathised" => ("condole", Empathy, true),
        "deny" | "denies" | "denied" => ("deny", Deny, false),
        "condemn" | "condemns" | "condemned" | "criticize" | "criticized" | "criticizes"
        | "criticise" | "criticised" | "criticises" | "denounce" | "denounced" | "denounces" => {
            ("criticize", Criticize, true)
        }
        "urge" | "urges" | "urged" => ("urge", Urge, true),
        _ => return None,
    };
    Some(r)
}

/// Objects of `expressed` that make it praise or empathy rather than a plain statement.
pub fn expressed_class(obj: &str) -> Option<SpeechClass> {
    match obj {
        "appreciation" | "gratitude" | "thanks" | "admiration" | "satisfaction" => {
            Some(SpeechClass::Praise)
        }
        "condolences" | "condolence" | "sympathy" | "sympathies" | "solidarity" | "grief"
        | "sorrow" => Some(SpeechClass::Empathy),
        "concern" | "concerns" | "displeasure" | "disappointment" | "outrage" | "anger" => {
            Some(SpeechClass::Criticize)
        }
        _ => None,
    }
}

/// Nouns that a meeting is held as: `held talks`, `held discussions`.
pub fn is_meeting_noun(w: &str) -> bool {
    matches!(
        w,
        "talks"
            | "discussions"
            | "discussion"
            | "meeting"
            | "meetings"
            | "consultations"
            | "negotiations"
            | "dialogue"
            | "summit"
            | "conversation"
            | "conversations"
            | "parleys"
            | "deliberations"
            | "session"
            | "sessions"
            | "interaction"
    )
}

pub fn is_hold_verb(w: &str) -> bool {
    matches!(
        w,
        "hold"
            | "holds"
            | "held"
            | "holding"
            | "had"
            | "have"
            | "has"
            | "conduct"
            | "conducted"
            | "conducts"
            | "begin"
            | "began"
            | "begun"
            | "opened"
            | "open"
            | "convened"
            | "concluded"
            | "engaged"
            | "engage"
    )
}

pub fn is_meet_verb(w: &str) -> bool {
    matches!(w, "meet" | "meets" | "met" | "meeting")
}

pub fn is_host_verb(w: &str) -> bool {
    matches!(
        w,
        "receive" | "receives" | "received" | "receiving" | "host" | "hosts" | "hosted" | "hosting"
    )
}

pub fn is_discuss_verb(w: &str) -> bool {
    matches!(
        w,
        "discuss" | "discusses" | "discussed" | "discussing" | "deliberated"
    )
}

pub fn is_call_verb(w: &str) -> bool {
    matches!(w, "call" | "calls" | "called" | "calling")
}

pub fn is_speak_verb(w: &str) -> bool {
    matches!(
        w,
        "speak"
            | "speaks"
            | "spoke"
            | "spoken"
            | "speaking"
            | "talked"
            | "talking"
            | "chatted"
            | "conversed"
    )
}

pub fn is_phone_word(w: &str) -> bool {
    matches!(
        w,
        "phone"
            | "telephone"
            | "telephonic"
            | "videophone"
            | "video"
            | "videolink"
            | "video-link"
            | "zoom"
            | "hotline"
    )
}

pub fn is_phone_verb(w: &str) -> bool {
    matches!(
        w,
        "phoned" | "phones" | "telephoned" | "telephones" | "rang" | "dialled" | "dialed"
    )
}

pub fn is_write_verb(w: &str) -> bool {
    matches!(w, "wrote" | "write" | "writes" | "written" | "writing")
}

/// Movement verbs with the preposition that introduces their destination.
pub fn travel_verb(w: &str) -> Option<(&'static str, &'static [&'static str])> {
    const TO: &[&str] = &["to"];
    const IN: &[&str] = &["in", "at"];
    const FOR: &[&str] = &["for"];
    let r = match w {
        "travel" | "travels" | "travelled" | "traveled" | "travelling" | "traveling" => {
            ("travel", TO)
        }
        "arrive" | "arrives" | "arrived" | "arriving" => ("arrive", IN),
        "land" | "lands" | "landed" | "landing" => ("arrive", IN),
        "fly" | "flies" | "flew" | "flown" | "flying" => ("fly", TO),
        "go" | "goes" | "went" | "gone" => ("go", TO),
        "head" | "heads" | "headed" | "heading" => ("travel", TO),
        "return" | "returns" | "returned" | "returning" => ("return", TO),
        "come" | "comes" | "came" => ("come", TO),
        "sent" | "send" | "sends" | "dispatched" | "dispatch" | "deployed" | "posted" => {
            ("send", TO)
        }
        "leave" | "leaves" | "left" | "leaving" | "depart" | "departs" | "departed"
        | "departing" => ("leave", FOR),
        "journeyed" | "journey" | "journeys" => ("travel", TO),
        "moved" | "relocated" => ("travel", TO),
        _ => return None,
    };
    Some(r)
}

pub fn is_visit_verb(w: &str) -> bool {
    matches!(
        w,
        "visit" | "visits" | "visited" | "visiting" | "toured" | "tour" | "tours"
    )
}

pub fn is_trip_noun(w: &str) -> bool {
    matches!(
        w,
        "visit" | "trip" | "tour" | "journey" | "voyage" | "mission"
    )
}

/// Words that make a nominal a membership: `election as a member`, `joined`.
pub fn is_membership_trigger(w: &str) -> bool {
    matches!(
        w,
        "election"
            | "elected"
            | "selection"
            | "selected"
            | "admission"
            | "admitted"
            | "accession"
            | "joined"
            | "joining"
            | "joins"
            | "join"
            | "membership"
            | "became"
            | "become"
            | "becomes"
            | "appointed"
            | "appointment"
            | "named"
            | "nominated"
            | "nomination"
            | "inducted"
    )
}

pub fn is_membership_prep(w: &str) -> bool {
    matches!(
        w,
        "of" | "in" | "within" | "at" | "for" | "to" | "from" | "on"
    )
}

pub fn is_possessive(w: &str) -> bool {
    matches!(w, "'s" | "’s" | "'" | "’" | "s'" | "s’")
}

pub fn is_pronoun(w: &str) -> bool {
    matches!(
        w,
        "he" | "she"
            | "it"
            | "they"
            | "him"
            | "her"
            | "them"
            | "his"
            | "hers"
            | "its"
            | "their"
            | "we"
            | "i"
            | "me"
            | "you"
    )
}
