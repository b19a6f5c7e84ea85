//! A name run on into a person's name: `CEO of the Refugee Council Enver Solomon` is tagged as one
//! span, though it is an organization and then its officer. Where a word that ends organization
//! names (`Council`, `Party`, `Inc`) is followed by a given name and one or two more capitalized
//! words, the span is cut there: the organization before, the person after. The words are data:
//! the `org_suffix` and `legal_form` classes of `names/name_words.tsv`, the given names of
//! `names/` and the tagger's first-name list.
//!
//!
//! The other run-ons cut here: a person's name run on into an organization's (`Sara Shackleton
//! Enron Wholesale Services`, an e-mail signature or a caption), cut only where the story holds
//! either part apart from the other; and two organizations joined by `and` (`British Library
//! and Columbia University`), cut where both conjuncts end in an organization word and the first
//! has no `of` that `and` could continue (`Ministry of Petroleum and Natural Gas`).
//!
//! Reads tokens and the candidates; cuts candidates in two (adds the second part).

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
    split_at(
        doc,
        cands,
        person_start,
        EntityType::Org,
        EntityType::Person,
    );
}

/// Cuts each untitled, non-lexicon name where `cut` finds a second name inside it: the first
/// part keeps the candidate as `first`, the rest is added as a new candidate of type `second`.
fn split_at(
    doc: &Doc<'_>,
    cands: &mut Vec<Cand>,
    cut: fn(&Doc<'_>, usize, usize) -> Option<usize>,
    first: EntityType,
    second: EntityType,
) {
    let n = doc.tokens.len();
    let mut added = Vec::new();
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
        if let Some(k) = cut(doc, c.start, c.end) {
            let mut rest = c.clone();
            rest.start = k;
            rest.etype = second;
            c.end = k;
            c.etype = first;
            added.push(rest);
        }
    }
    cands.extend(added);
}

/// Whether tokens `part` occur elsewhere in the document than inside `whole`.
fn occurs_apart(doc: &Doc<'_>, part: (usize, usize), whole: (usize, usize)) -> bool {
    let len = part.1 - part.0;
    let n = doc.tokens.len();
    (0..=n.saturating_sub(len)).any(|s| {
        // Any occurrence not inside the name being cut.
        !(s >= whole.0 && s + len <= whole.1)
            && (0..len).all(|j| doc.token_text(s + j) == doc.token_text(part.0 + j))
    })
}

/// Where the organization's name starts inside `[a, b)`, if the span is a person's name (a
/// given name and one or two surnames) followed by an organization's of at least two words
/// ending in an organization word, whose first word is no everyday word, where the given name,
/// the surname or the organization's first word also occurs apart in the story (`Sara, ...`;
/// `Robert Wood Johnson Foundation`, named whole each time, is left whole).
fn org_start(doc: &Doc<'_>, a: usize, b: usize) -> Option<usize> {
    let tok = |k: usize| doc.token_text(k);
    if b < a + 4 || !is_given_name(tok(a)) || names().get(tok(a)).is_some() {
        return None;
    }
    let last = tok(b - 1);
    if !(NameWord::OrgSuffix.has(last) || NameWord::LegalForm.has(last)) {
        return None;
    }
    (a + 2..=(a + MAX_PERSON).min(b - 2)).find(|&k| {
        let surname = tok(k - 1);
        (a + 1..k).all(|j| name_word(tok(j)) && !ends_other_names(tok(j)))
            // An initial ends no person's name (`John D. Rockefeller Foundation`).
            && !surname.ends_with('.')
            && name_word(tok(k))
            && !lexicon::is_common_word(&tok(k).to_lowercase())
            && !is_given_name(tok(k))
            && [a, k - 1, k]
                .iter()
                .any(|&j| occurs_apart(doc, (j, j + 1), (a, b)))
    })
}

/// Cuts each name that is a person's followed by an organization's into the two.
pub fn split_person_then_org(doc: &Doc<'_>, cands: &mut Vec<Cand>) {
    split_at(doc, cands, org_start, EntityType::Person, EntityType::Org);
}

/// Where the second organization starts in `[a, b)`, if the span is two organizations' names
/// joined by `and`: each conjunct of at least two capitalized words ends in an organization
/// word (so the first holds no `of` that `and` could continue).
fn second_org_start(doc: &Doc<'_>, a: usize, b: usize) -> Option<usize> {
    let tok = |k: usize| doc.token_text(k);
    let org_word = |w: &str| NameWord::OrgSuffix.has(w) || NameWord::LegalForm.has(w);
    let k = (a + 2..b.saturating_sub(2)).find(|&k| tok(k) == "and")?;
    let first_ok = org_word(tok(k - 1)) && (a..k - 1).all(|j| name_word(tok(j)));
    let second_ok = org_word(tok(b - 1)) && (k + 1..b).all(|j| name_word(tok(j)));
    (first_ok && second_ok).then_some(k + 1)
}

/// Cuts each organization's name that is two joined by `and` into the two (the `and` in neither).
pub fn split_coordinated_orgs(doc: &Doc<'_>, cands: &mut Vec<Cand>) {
    let n = doc.tokens.len();
    let mut second = Vec::new();
    for c in cands.iter_mut() {
        if c.kind != MentionKind::Name
            || c.prio >= 4
            || c.etype != EntityType::Org
            || c.start >= c.end
            || c.end > n
        {
            continue;
        }
        if let Some(k) = second_org_start(doc, c.start, c.end) {
            let mut org = c.clone();
            org.start = k;
            c.end = k - 1;
            second.push(org);
        }
    }
    cands.extend(second);
}
