//! Speech cues the statements stage reads besides the events lexicon's speech verbs, as data
//! (`data/speech/statement_verbs.tsv`, `data/speech/statement_cues.tsv`): written, posted and
//! reported speech, findings, participles, cue nouns with a `that`-clause, `according to`.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::lexicon::{self as lx, SpeechClass};

struct Verb {
    lemma: &'static str,
    class: SpeechClass,
    addressee: bool,
    needs_clause: bool,
}

fn data_rows(text: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::trim).collect())
}

static VERBS: LazyLock<HashMap<&'static str, Verb>> = LazyLock::new(|| {
    data_rows(include_str!("../../data/speech/statement_verbs.tsv"))
        .filter_map(|r| {
            let class = match *r.get(2)? {
                "say" => SpeechClass::Say,
                "deny" => SpeechClass::Deny,
                "praise" => SpeechClass::Praise,
                "criticize" => SpeechClass::Criticize,
                "urge" => SpeechClass::Urge,
                "empathy" => SpeechClass::Empathy,
                _ => return None,
            };
            Some((
                r[0],
                Verb {
                    lemma: r.get(1)?,
                    class,
                    addressee: *r.get(3)? == "y",
                    needs_clause: *r.get(4)? == "y",
                },
            ))
        })
        .collect()
});

static CUES: LazyLock<HashMap<&'static str, &'static str>> = LazyLock::new(|| {
    data_rows(include_str!("../../data/speech/statement_cues.tsv"))
        .filter_map(|r| Some((r[0], *r.get(1)?)))
        .collect()
});

/// A speech verb form → (lemma, class, takes its addressee as direct object): the events
/// lexicon's, then this stage's own.
pub fn speech_verb(w: &str) -> Option<(&'static str, SpeechClass, bool)> {
    lx::speech_verb(w).or_else(|| VERBS.get(w).map(|v| (v.lemma, v.class, v.addressee)))
}

/// Whether the verb form is a statement only with a clause or quotation after it (`found that`).
pub fn needs_clause(w: &str) -> bool {
    VERBS.get(w).is_some_and(|v| v.needs_clause)
}

/// A noun whose `that`-clause is what was said or found (`the claim that`).
pub fn is_that_noun(w: &str) -> bool {
    CUES.get(w) == Some(&"that_noun")
}

/// The head of an unnamed speaker that is a group or a document, not a person (`the ministry`).
pub fn is_group_head(w: &str) -> bool {
    CUES.get(w) == Some(&"group_head")
}

/// The head of an unnamed person or group that speaks (`officials`, `a witness`).
pub fn is_speaker_head(w: &str) -> bool {
    CUES.get(w) == Some(&"speaker_head")
}

/// The two-word phrase at `a b` whose object is the source (`according to`).
pub fn is_source_phrase(a: &str, b: &str) -> bool {
    let mut s = String::with_capacity(a.len() + b.len() + 1);
    s.push_str(a);
    s.push(' ');
    s.push_str(b);
    CUES.get(s.as_str()) == Some(&"source_phrase")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_load() {
        assert_eq!(speech_verb("wrote").map(|v| v.0), Some("write"));
        assert_eq!(speech_verb("said").map(|v| v.0), Some("say"));
        assert!(needs_clause("found") && !needs_clause("argued"));
        assert!(is_that_noun("claim") && !is_that_noun("house"));
        assert!(is_source_phrase("according", "to"));
        assert!(VERBS.len() > 50 && CUES.len() > 10);
    }
}
