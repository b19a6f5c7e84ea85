//! Person names read as places: a name made of a place word (`Valeska Paris`, `Jack London`) is
//! tagged as the place (`Paris`), and its pronouns then find no person. A person noun in
//! apposition (`Paris, an Australian woman,`) says it is a person: that mention, and every other
//! mention of the same name or of its last word in the article (one name, one referent), become
//! PERSON names, and an unrecognized capitalized word right before the name (`Valeska`) joins it.

use crate::doc::Doc;
use crate::lexicon::{is_common_word, CorefCue, Gender};
use crate::model::{EntityType, MentionKind, Span};

/// Source of the mentions retyped here: coreference ignores their lexicon entry (`Paris` the city).
pub(super) const SOURCE: &str = "rule:person-by-apposition";

/// Most words between `a`/`an` and the person noun (`an Australian woman`).
const MAX_DESCRIPTION_WORDS: usize = 6;

/// For the mention ending at byte `end`, the gender of a person noun in an indefinite appositive
/// right after it (`, an Australian woman`: female; `, a lawyer`: unknown); `None` when there is
/// no such appositive.
pub(super) fn appositive_person(doc: &Doc<'_>, end: usize) -> Option<Gender> {
    let e = doc.tokens.partition_point(|t| t.span.start < end);
    if e + 2 >= doc.tokens.len()
        || doc.token_text(e) != ","
        || !matches!(
            doc.token_text(e + 1).to_ascii_lowercase().as_str(),
            "a" | "an"
        )
    {
        return None;
    }
    for q in e + 2..(e + 2 + MAX_DESCRIPTION_WORDS).min(doc.tokens.len()) {
        let w = doc.token_text(q).to_lowercase();
        if !w.chars().all(char::is_alphabetic) || w == "of" || CorefCue::EndsDescription.has(&w) {
            return None;
        }
        if CorefCue::FemaleNoun.has(&w) {
            return Some(Gender::Female);
        }
        if CorefCue::MaleNoun.has(&w) {
            return Some(Gender::Male);
        }
        if CorefCue::PersonNoun.has(&w) {
            return Some(Gender::Unknown);
        }
    }
    None
}

/// Retypes place names given a person noun in apposition (see the module). Keeps
/// `doc.mentions` sorted: a name only grows over a word no mention covers.
pub(super) fn person_names_read_as_places(doc: &mut Doc<'_>) {
    let place = |t: EntityType| matches!(t, EntityType::Gpe | EntityType::Loc);
    let found: Vec<usize> = (0..doc.mentions.len())
        .filter(|&i| {
            let m = &doc.mentions[i];
            m.kind == MentionKind::Name
                && place(m.entity_type)
                && appositive_person(doc, m.span.end).is_some()
        })
        .collect();
    for i in found {
        let name = doc.mentions[i].span.slice(doc.text).to_string();
        // `Paris` alone after `Valeska Paris`.
        let surname = name.split_whitespace().last().unwrap_or("").to_string();
        let first = given_word_before(doc, i).map(|s| s.slice(doc.text).to_string());
        for j in 0..doc.mentions.len() {
            let m = &doc.mentions[j];
            // Whatever type the tagger gave it: one name, one referent.
            let text = m.span.slice(doc.text);
            if m.kind != MentionKind::Name || (text != name && text != surname) {
                continue;
            }
            let grow = given_word_before(doc, j)
                .filter(|s| Some(s.slice(doc.text)) == first.as_deref())
                .map(|s| s.start);
            let m = &mut doc.mentions[j];
            m.entity_type = EntityType::Person;
            m.source = SOURCE;
            if let Some(start) = grow {
                m.span = Span::new(start, m.span.end);
            }
        }
    }
}

/// The capitalized word right before mention `i` (one space apart, same sentence), when it is
/// no common word and no mention covers it: a given name the tagger left out (`Valeska`).
fn given_word_before(doc: &Doc<'_>, i: usize) -> Option<Span> {
    let m = &doc.mentions[i];
    let k = doc.tokens.partition_point(|t| t.span.end <= m.span.start);
    let prev = doc.tokens.get(k.checked_sub(1)?)?.span;
    let covered = i > 0 && doc.mentions[i - 1].span.end > prev.start;
    let w = prev.slice(doc.text);
    let mut chars = w.chars();
    let capitalized = chars.next().is_some_and(char::is_uppercase)
        && w.chars().count() >= 2
        && chars.all(char::is_lowercase);
    let spaced = doc.text.get(prev.end..m.span.start) == Some(" ");
    let same_sentence = doc.sentence_index_at(prev.start) == m.sentence;
    (capitalized && spaced && same_sentence && !covered && !is_common_word(&w.to_lowercase()))
        .then_some(prev)
}
