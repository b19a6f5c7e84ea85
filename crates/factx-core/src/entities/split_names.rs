//! A name run on into a person's name: `CEO of the Refugee Council Enver Solomon` is tagged as one
//! span, though it is an organization and then its officer. Where a word that ends organization
//! names (`Council`, `Party`, `Inc`) is followed by a given name and one or two more capitalized
//! words, the span is cut there: the organization before, the person after. The words are data:
//! the `org_suffix` and `legal_form` classes of `names/name_words.tsv`, the given names of
//! `names/` and the tagger's first-name list.
//!
//! Reads tokens and the candidates; cuts candidates in two (adds the person's).

use super::scan::Cand;
use crate::doc::Doc;
use crate::lexicon::{self, names, NameWord};
use crate::model::{EntityType, MentionKind};
use crate::ner::gazetteer;

/// Longest person's name split off the end of a span (given name, middle name, surname).
const MAX_PERSON: usize = 3;

/// Whether `w` is a known given name and not an everyday word (`Will`, `Grant`).
pub fn is_given_name(w: &str) -> bool {
    let lower = w.to_lowercase();
    (lexicon::given_name_gender(w).is_some()
        || gazetteer::word_flags(&lower) & gazetteer::FIRST_NAME != 0)
        && !lexicon::is_common_word(&lower)
}

/// A word that ends names of organizations, places, facilities or events: a person's name
/// holding one is not a person's name (`Enver Solomon Foundation`).
fn ends_other_names(w: &str) -> bool {
    [
        NameWord::OrgSuffix,
        NameWord::LegalForm,
        NameWord::OrgConnector,
        NameWord::EventSuffix,
        NameWord::FacSuffix,
        NameWord::LocSuffix,
        NameWord::GpeSuffix,
    ]
    .iter()
    .any(|c| c.has(w))
}

/// A capitalized word of letters (a surname, `O'Neil`, `Smith-Jones`), or an initial (`J.`).
fn name_word(w: &str) -> bool {
    let mut cs = w.chars();
    cs.next().is_some_and(char::is_uppercase)
        && cs.all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '\u{2019}'))
}

/// Where the person's name starts inside the name `[a, b)`, if the span is an organization's
/// name followed by a person's.
fn person_start(doc: &Doc<'_>, a: usize, b: usize) -> Option<usize> {
    let tok = |k: usize| doc.token_text(k);
    (b.saturating_sub(MAX_PERSON).max(a + 1)..b.saturating_sub(1)).find(|&k| {
        let org_end = tok(k - 1);
        (NameWord::OrgSuffix.has(org_end) || NameWord::LegalForm.has(org_end))
            && is_given_name(tok(k))
            // `Radio France International`: a place is not read as a given name, nor an
            // everyday word as a surname.
            && names().get(tok(k)).is_none()
            && (k..b).all(|j| name_word(tok(j)) && !ends_other_names(tok(j)))
            && (k + 1..b).all(|j| !lexicon::is_common_word(&tok(j).to_lowercase()))
    })
}

/// Cuts each name that is an organization's followed by a person's into the two.
pub fn split_org_then_person(doc: &Doc<'_>, cands: &mut Vec<Cand>) {
    let n = doc.tokens.len();
    let mut people = Vec::new();
    for c in cands.iter_mut() {
        // Lexicon and dateline names are whole names; titled names are persons already.
        if c.kind != MentionKind::Name
            || c.prio >= 4
            || !c.titles.is_empty()
            || c.start >= c.end
            || c.end > n
        {
            continue;
        }
        if let Some(k) = person_start(doc, c.start, c.end) {
            let mut person = c.clone();
            person.start = k;
            person.etype = EntityType::Person;
            c.end = k;
            c.etype = EntityType::Org;
            people.push(person);
        }
    }
    cands.extend(people);
}
