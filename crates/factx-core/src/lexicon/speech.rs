//! Verbs of saying and the cue words of statements (`data/speech/`).

use std::sync::LazyLock;

use super::classes::word_classes;
use super::file::{data_file, DataFile};
use super::word_map::WordMap;

word_classes! {
    /// `speech/cues.tsv` (lowercase; the file's header explains each class).
    pub enum SpeechCue in "speech/cues.tsv" {
        SourceNoun = "source_noun",
        IssuingWord = "issuing_word",
        ExpressedPraise = "expressed_praise",
        ExpressedEmpathy = "expressed_empathy",
        ExpressedCriticism = "expressed_criticism",
        AdjunctOpener = "adjunct_opener",
        AudienceNoun = "audience_noun",
        ClauseVerb = "clause_verb",
        ThatNoun = "that_noun",
        SourcePhrase = "source_phrase",
        GroupHead = "group_head",
        SpeakerHead = "speaker_head",
        BareVerb = "bare_verb",
        NamingVerb = "naming_verb",
        QuoteVerb = "quote_verb",
        ClauseJoiner = "clause_joiner",
        AuthoredNoun = "authored_noun",
        InfinitiveVerb = "infinitive_verb",
    }
}

pub(super) const FILES: [DataFile; 1] = [data_file!("speech/verbs.tsv")];

/// The kind of statement a verb of saying makes.
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

/// One inflected verb of saying.
#[derive(Debug, Clone, Copy)]
pub struct SpeechVerb {
    pub lemma: &'static str,
    /// `None`: not a statement trigger (`argued`, `asked`).
    pub class: Option<SpeechClass>,
    /// Takes its addressee as direct object (`told X`).
    pub addressee: bool,
    /// A capitalized run right before it is likely its speaker (`..., Jane Doe said`).
    pub speaker_cue: bool,
    /// With no entity as its subject, it marks what follows as reported (`Officials said`).
    pub report_cue: bool,
}

static VERBS: LazyLock<WordMap<SpeechVerb>> = LazyLock::new(|| {
    let file = &FILES[0];
    let yes = |r: &super::file::Row, i: usize| match r.get(i) {
        "y" => true,
        "-" => false,
        x => file.fail(r.line, &format!("`{x}`, want y or -")),
    };
    let mut m = Vec::new();
    for r in file.rows(6, 6) {
        let class = match r.get(2) {
            "say" => Some(SpeechClass::Say),
            "praise" => Some(SpeechClass::Praise),
            "empathy" => Some(SpeechClass::Empathy),
            "deny" => Some(SpeechClass::Deny),
            "criticize" => Some(SpeechClass::Criticize),
            "urge" => Some(SpeechClass::Urge),
            "-" => None,
            c => file.fail(r.line, &format!("speech class `{c}`")),
        };
        let verb = SpeechVerb {
            lemma: r.get(1),
            class,
            addressee: yes(&r, 3),
            speaker_cue: yes(&r, 4),
            report_cue: yes(&r, 5),
        };
        if m.iter().any(|(w, _)| *w == r.get(0)) {
            file.fail(r.line, &format!("`{}` listed twice", r.get(0)));
        }
        m.push((r.get(0), verb));
    }
    WordMap::new(m)
});

/// A verb of saying by its inflected form (`said`), as written.
pub fn speech_verb(w: &str) -> Option<&'static SpeechVerb> {
    VERBS.get(w)
}

/// Statement triggers: (lemma, class, takes a direct-object addressee).
pub fn statement_verb(w: &str) -> Option<(&'static str, SpeechClass, bool)> {
    let v = speech_verb(w)?;
    Some((v.lemma, v.class?, v.addressee))
}

/// Verbs of saying after which a capitalized run is likely the speaker (entities, coreference).
pub fn is_speaker_cue(w: &str) -> bool {
    speech_verb(w).is_some_and(|v| v.speaker_cue)
}

/// Objects of `expressed` that make it praise, empathy or criticism rather than a plain
/// statement.
pub fn expressed_class(obj: &str) -> Option<SpeechClass> {
    let c = SpeechCue::table().get(obj);
    if c & SpeechCue::ExpressedPraise.bit() != 0 {
        Some(SpeechClass::Praise)
    } else if c & SpeechCue::ExpressedEmpathy.bit() != 0 {
        Some(SpeechClass::Empathy)
    } else if c & SpeechCue::ExpressedCriticism.bit() != 0 {
        Some(SpeechClass::Criticize)
    } else {
        None
    }
}

/// Whether the verb form is a statement only with a clause or quotation after it (`found that`).
pub fn needs_clause(w: &str) -> bool {
    SpeechCue::ClauseVerb.has(w)
}

/// A verb that names or characterizes (`called the ruling "arbitrary"`, `described X as Y`): a
/// statement only with a quotation or an `as` after it (not `called for help`, `called him`).
pub fn is_naming_verb(w: &str) -> bool {
    SpeechCue::NamingVerb.has(w)
}

/// A verb that makes a statement only with a quotation after it in its clause (`called the
/// ruling "arbitrary"`, `sees "the need to ..."`; not `called for help`, `sees X as Y`).
pub fn needs_quote(w: &str) -> bool {
    SpeechCue::QuoteVerb.has(w)
}

/// A noun whose `that`-clause is what was said or found (`the claim that`).
pub fn is_that_noun(w: &str) -> bool {
    SpeechCue::ThatNoun.has(w)
}

/// The head of an unnamed speaker that is a group or a document, not a person (`the ministry`).
pub fn is_group_head(w: &str) -> bool {
    SpeechCue::GroupHead.has(w)
}

/// The head of an unnamed person or group that speaks (`officials`, `a witness`).
pub fn is_speaker_head(w: &str) -> bool {
    SpeechCue::SpeakerHead.has(w)
}

/// The two words `a b` make a phrase whose object is the source (`according to`).
pub fn is_source_phrase(a: &str, b: &str) -> bool {
    // Asked of nearly every word pair of the statement stages: the phrase is built on the
    // stack (an allocation and a free per pair were 1.5 % of the whole pipeline's instructions).
    let mut buf = [0u8; 48];
    let n = a.len() + 1 + b.len();
    if n <= buf.len() {
        buf[..a.len()].copy_from_slice(a.as_bytes());
        buf[a.len()] = b' ';
        buf[a.len() + 1..n].copy_from_slice(b.as_bytes());
        return std::str::from_utf8(&buf[..n]).is_ok_and(|s| SpeechCue::SourcePhrase.has(s));
    }
    SpeechCue::SourcePhrase.has(&format!("{a} {b}"))
}

/// Builds every table of this module (the loader's test).
#[cfg(test)]
pub(super) fn force() {
    LazyLock::force(&VERBS);
}
