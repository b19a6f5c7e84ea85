//! The fact stages' lexicons (`data/facts/`): trigger verbs with their frame and fact types, and
//! the cue words of clause analysis. Lookups take a lowercased token; the `is_*` names are the
//! questions the roles and events rules ask.

use std::sync::LazyLock;

use super::classes::word_classes;
use super::file::{data_file, DataFile};
use super::function_words::FunctionWord;
use super::titles::TitleWord;
use super::word_map::WordMap;
use crate::model::FactType;

pub use super::function_words::is_determiner;
pub use super::speech::{
    expressed_class, is_group_head, is_naming_verb, is_source_phrase, is_speaker_head,
    is_that_noun, needs_clause, needs_quote, statement_verb, SpeechClass, SpeechCue,
};
pub use super::titles::is_title_word;

word_classes! {
    /// `facts/words.tsv` (lowercase; the file's header explains each class).
    pub enum FactWord in "facts/words.tsv" {
        VerbPrelude = "verb_prelude",
        Negation = "negation",
        Hedge = "hedge",
        IntentVerb = "intent_verb",
        OpinionVerb = "opinion_verb",
        ClauseBoundary = "clause_boundary",
        PluralPronoun = "plural_pronoun",
        Pronoun = "pronoun",
        PossessiveMarker = "possessive_marker",
        PartyNoun = "party_noun",
        MeetingNoun = "meeting_noun",
        PhoneWord = "phone_word",
        TripNoun = "trip_noun",
        MembershipTrigger = "membership_trigger",
        MembershipNoun = "membership_noun",
        MembershipPrep = "membership_prep",
        ComplementPrep = "complement_prep",
        TitleStopword = "title_stopword",
        CopulaLink = "copula_link",
        LeadVerb = "lead_verb",
        CallObjectEnd = "call_object_end",
        TravelAdverb = "travel_adverb",
        CoordinationFiller = "coordination_filler",
        PlacePrep = "place_prep",
        BackReferencePrep = "back_reference_prep",
        RefusalVerb = "refusal_verb",
        GerundSubordinator = "gerund_subordinator",
        Subordinator = "subordinator",
        EventAuxiliary = "event_auxiliary",
        QuantityHead = "quantity_head",
        ClaimNoun = "claim_noun",
    }
}

pub(super) const FILES: [DataFile; 1] = [data_file!("facts/verbs.tsv")];

/// How the events stage reads a trigger verb.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Frame {
    Meet,
    Host,
    Hold,
    Discuss,
    Call,
    Speak,
    Phone,
    Write,
    Visit,
    Travel,
}

/// One inflected trigger verb.
#[derive(Debug, Clone)]
pub struct TriggerVerb {
    pub lemma: &'static str,
    pub frame: Frame,
    /// The fact types the frame can give.
    pub fact_types: Vec<FactType>,
    /// Prepositions that introduce a movement's destination (`arrived in X`).
    pub destination: Vec<&'static str>,
}

static VERBS: LazyLock<WordMap<TriggerVerb>> = LazyLock::new(|| {
    let file = &FILES[0];
    let mut m = Vec::new();
    for r in file.rows(4, 5) {
        let frame = match r.get(2) {
            "meet" => Frame::Meet,
            "host" => Frame::Host,
            "hold" => Frame::Hold,
            "discuss" => Frame::Discuss,
            "call" => Frame::Call,
            "speak" => Frame::Speak,
            "phone" => Frame::Phone,
            "write" => Frame::Write,
            "visit" => Frame::Visit,
            "travel" => Frame::Travel,
            f => file.fail(r.line, &format!("frame `{f}`")),
        };
        let fact_types = r
            .list(3)
            .map(|t| {
                FactType::from_name(t)
                    .unwrap_or_else(|| file.fail(r.line, &format!("fact type `{t}`")))
            })
            .collect();
        let verb = TriggerVerb {
            lemma: r.get(1),
            frame,
            fact_types,
            destination: r.list(4).collect(),
        };
        if (frame == Frame::Travel) == verb.destination.is_empty() {
            file.fail(
                r.line,
                "movement verbs, and only they, name destination prepositions",
            );
        }
        if m.iter().any(|(w, _)| *w == r.get(0)) {
            file.fail(r.line, &format!("`{}` listed twice", r.get(0)));
        }
        m.push((r.get(0), verb));
    }
    WordMap::new(m)
});

/// A trigger verb by its inflected form.
pub fn trigger_verb(w: &str) -> Option<&'static TriggerVerb> {
    VERBS.get(w)
}

fn frame_is(w: &str, f: Frame) -> bool {
    trigger_verb(w).is_some_and(|v| v.frame == f)
}

pub fn is_meet_verb(w: &str) -> bool {
    frame_is(w, Frame::Meet)
}
pub fn is_host_verb(w: &str) -> bool {
    frame_is(w, Frame::Host)
}
/// `held` (talks), `conducted` (negotiations): a meeting when a meeting noun follows.
pub fn is_hold_verb(w: &str) -> bool {
    frame_is(w, Frame::Hold)
}
pub fn is_discuss_verb(w: &str) -> bool {
    frame_is(w, Frame::Discuss)
}
pub fn is_call_verb(w: &str) -> bool {
    frame_is(w, Frame::Call)
}
pub fn is_speak_verb(w: &str) -> bool {
    frame_is(w, Frame::Speak)
}
pub fn is_phone_verb(w: &str) -> bool {
    frame_is(w, Frame::Phone)
}
pub fn is_write_verb(w: &str) -> bool {
    frame_is(w, Frame::Write)
}
pub fn is_visit_verb(w: &str) -> bool {
    frame_is(w, Frame::Visit)
}

/// Movement verbs with the prepositions that introduce their destination.
pub fn travel_verb(w: &str) -> Option<(&'static str, &'static [&'static str])> {
    trigger_verb(w)
        .filter(|v| v.frame == Frame::Travel)
        .map(|v| (v.lemma, v.destination.as_slice()))
}

/// Head nouns of offices and positions: a title phrase must contain one.
pub fn is_title_head(w: &str) -> bool {
    TitleWord::Head.has(w)
}
/// Military and police ranks: a rank after an office (`Army Chief General`) is reported as a
/// separate, secondary title.
pub fn is_rank(w: &str) -> bool {
    TitleWord::Rank.has(w)
}
/// Ranks that can stand alone as the last word of a rank phrase.
pub fn is_rank_head(w: &str) -> bool {
    TitleWord::RankHead.has(w)
}
/// Offices whose second word is `general` (the office, not a rank): `Secretary General`.
pub fn is_general_office(w: &str) -> bool {
    TitleWord::GeneralOffice.has(w)
}
/// Words that modify an office head inside a title (`Deputy Prime Minister`).
pub fn is_title_modifier(w: &str) -> bool {
    TitleWord::Modifier.has(w)
}
/// Courtesy words that precede a name but are not offices.
pub fn is_honorific(w: &str) -> bool {
    TitleWord::Honorific.has(w)
}
/// Temporal qualifiers of a title that are not part of the office.
pub fn is_title_qualifier(w: &str) -> bool {
    TitleWord::Qualifier.has(w)
}
/// Generic position nouns: they carry membership (`an official within X`) but are not
/// reported as titles on their own.
pub fn is_generic_position(w: &str) -> bool {
    TitleWord::GenericPosition.has(w)
}

pub fn is_preposition(w: &str) -> bool {
    FunctionWord::Preposition.has(w)
}

/// Auxiliaries, adverbs and negations that may sit between a subject and its verb.
pub fn is_verb_prelude(w: &str) -> bool {
    FactWord::VerbPrelude.has(w)
}
pub fn is_negation(w: &str) -> bool {
    FactWord::Negation.has(w)
}
pub fn is_hedge(w: &str) -> bool {
    FactWord::Hedge.has(w)
}
/// Verbs of intention or desire that take a `to`-infinitive: `plans to visit`.
pub fn is_intent_verb(w: &str) -> bool {
    FactWord::IntentVerb.has(w)
}
/// Verbs of belief or opinion whose complement is an opinion, not an assertion.
pub fn is_opinion_verb(w: &str) -> bool {
    FactWord::OpinionVerb.has(w)
}
/// Words that end a clause when scanning for a subject or objects.
pub fn is_clause_boundary(w: &str) -> bool {
    FactWord::ClauseBoundary.has(w)
}
pub fn is_plural_pronoun(w: &str) -> bool {
    FactWord::PluralPronoun.has(w)
}
/// Nouns that stand for the parties of a meeting: `the two sides`, `both leaders`.
pub fn is_party_noun(w: &str) -> bool {
    FactWord::PartyNoun.has(w)
}
/// Nouns that name a document or person through which an organization speaks.
pub fn is_speech_source_noun(w: &str) -> bool {
    SpeechCue::SourceNoun.has(w)
}
/// Nouns that a meeting is held as: `held talks`, `held discussions`.
pub fn is_meeting_noun(w: &str) -> bool {
    FactWord::MeetingNoun.has(w)
}
pub fn is_phone_word(w: &str) -> bool {
    FactWord::PhoneWord.has(w)
}
pub fn is_trip_noun(w: &str) -> bool {
    FactWord::TripNoun.has(w)
}
/// Words that make a nominal a membership: `election as a member`, `joined`.
pub fn is_membership_trigger(w: &str) -> bool {
    FactWord::MembershipTrigger.has(w)
}
pub fn is_membership_prep(w: &str) -> bool {
    FactWord::MembershipPrep.has(w)
}
pub fn is_possessive(w: &str) -> bool {
    FactWord::PossessiveMarker.has(w)
}
pub fn is_pronoun(w: &str) -> bool {
    FactWord::Pronoun.has(w)
}

/// Builds every table of this module (the loader's test).
#[cfg(test)]
pub(super) fn force() {
    LazyLock::force(&VERBS);
}
