//! Organization evidence the tagger cannot weigh: where a name sits in the parse (`X's shares`,
//! `a stake in X`, `the takeover of X`, `acquired X`, `X reported a profit`, `analysts at X`) and a company
//! designator written after it elsewhere (`Acme Holdings Inc` makes `Acme Holdings` a company).
//! A name with that evidence, and every other candidate with the same text, becomes an
//! organization, unless it has person evidence (a known given name first, a title before it) or
//! is a place of the names lexicon. The words are data: `names/org_contexts.tsv` and the
//! `legal_form` class of `names/name_words.tsv`. A legal form right after a name (`Acme Ltd`)
//! joins its span.
//!
//! Reads tokens, the parse and the candidates; changes candidates' types, and their ends over a
//! legal form.

use std::collections::{HashMap, HashSet};

use super::scan::Cand;
use super::split_names::is_given_name;
use crate::doc::Doc;
use crate::lexicon::{names, NameWord, OrgContext};
use crate::model::{EntityType, MentionKind};
use crate::syntax::{Rel, Syntax};

/// Types a name may be retyped from: the tagger's usual confusions for companies.
fn retypable(t: EntityType) -> bool {
    matches!(
        t,
        EntityType::Person | EntityType::Gpe | EntityType::Loc | EntityType::Fac
    )
}

/// The lower-cased lemma of token `i`.
fn lemma(syn: &Syntax, i: usize) -> String {
    syn.lemma(i).to_lowercase()
}

/// The head of the noun phrase `[a, b)`: the one token whose head lies outside it.
fn phrase_head(syn: &Syntax, a: usize, b: usize) -> Option<usize> {
    let mut heads = (a..b).filter(|&k| syn.head(k).is_none_or(|h| !(a..b).contains(&h)));
    let h = heads.next()?;
    heads.next().is_none().then_some(h)
}

/// Whether the parse puts the name `[a, b)` where an organization goes.
fn org_slot(syn: &Syntax, a: usize, b: usize) -> bool {
    let Some(h) = phrase_head(syn, a, b) else {
        return false;
    };
    let Some(gov) = syn.head(h) else {
        return false;
    };
    let g = lemma(syn, gov);
    let has = |c: OrgContext| c.has(&g);
    match syn.rel(h) {
        // `the Spanish utility X` (the parser puts the name in apposition to the kind).
        Rel::Appos | Rel::Flat | Rel::Compound if gov < a && has(OrgContext::Kind) => true,
        // `X's shares`, `X shares fell`.
        Rel::NmodPoss | Rel::Compound => has(OrgContext::Owned),
        Rel::Nmod => match syn.preposition(h).map(str::to_lowercase).as_deref() {
            Some("in") => has(OrgContext::Stake),
            Some("of") => has(OrgContext::Owned) || has(OrgContext::Deal),
            _ => false,
        },
        Rel::Obj => has(OrgContext::Acquire),
        Rel::Nsubj => syn
            .child(gov, Rel::Obj)
            .is_some_and(|o| OrgContext::Results.has(&lemma(syn, o))),
        _ => false,
    }
}

/// `analysts at X`, `a professor at X`: people at the name, an organization even when a given
/// name opens it (`Morgan Stanley`).
fn staff_slot(syn: &Syntax, a: usize, b: usize) -> bool {
    phrase_head(syn, a, b).is_some_and(|h| {
        syn.rel(h) == Rel::Nmod
            && syn
                .preposition(h)
                .is_some_and(|p| p.eq_ignore_ascii_case("at"))
            && syn
                .head(h)
                .is_some_and(|g| g < a && OrgContext::Staff.has(&lemma(syn, g)))
    })
}

/// `X, a company that ...`, `the company X`: a kind of organization in apposition after the
/// name, or as a compound before it.
fn kind_in_apposition(syn: &Syntax, a: usize, b: usize) -> bool {
    phrase_head(syn, a, b).is_some_and(|h| {
        syn.children(h).any(|(c, r)| {
            let placed = (r == Rel::Appos && c >= b) || (r == Rel::Compound && c < a);
            placed && OrgContext::Kind.has(&lemma(syn, c))
        })
    })
}

/// `the Spanish utility X`, `airline X`: a lowercase kind of organization right before the
/// name (the parser does not always attach the name to it).
fn kind_before(doc: &Doc<'_>, a: usize) -> bool {
    a > 0 && {
        let w = doc.token_text(a - 1);
        let lemma = if doc.syntax.len() == doc.tokens.len() {
            lemma(&doc.syntax, a - 1)
        } else {
            w.to_lowercase()
        };
        w.chars().next().is_some_and(char::is_lowercase) && OrgContext::Kind.has(&lemma)
    }
}

/// A title before the name: person evidence no organization context overrules.
fn titled(c: &Cand) -> bool {
    !c.titles.is_empty() || c.source == "rule:title+name"
}

/// Person evidence that must win over an organization context but staff's: a title, or a given
/// name (the names lexicon, or the tagger's first-name list) opening a longer name, or followed
/// by the name's last word when that word ends no organization's name (`Acme Enver Solomon`, a
/// name the split could not cut, keeps its person; `Walt Disney Company` does not).
fn person_evidence(doc: &Doc<'_>, c: &Cand) -> bool {
    let given_at = |k: usize| is_given_name(doc.token_text(k));
    let last = doc.token_text(c.end - 1);
    let org_last = NameWord::OrgSuffix.has(last) || NameWord::LegalForm.has(last);
    titled(c)
        || (c.end > c.start + 1 && given_at(c.start))
        || (!org_last && (c.start + 1..c.end - 1).any(given_at))
}

/// Whether `c` may be retyped: a name of a retypable type, not a known place, no person evidence
/// on it or on a person's name elsewhere in the document that holds its last word (`Musk’s
/// shares` after `Elon Musk`). With `strong` evidence only a title counts on it, and only
/// another name elsewhere (`Morgan Stanley` is its own given-name evidence).
fn open_to_org(
    doc: &Doc<'_>,
    c: &Cand,
    text: &str,
    person_words: &PersonWords,
    strong: bool,
) -> bool {
    let last = doc.token_text(c.end - 1);
    c.kind == MentionKind::Name
        && retypable(c.etype)
        && c.prio < 4
        && names().get(text).is_none()
        && !(if strong {
            titled(c)
        } else {
            person_evidence(doc, c)
        })
        && !person_words
            .get(last)
            .is_some_and(|names| !strong || names.iter().any(|&n| n != text))
}

/// Each word of a person's name with person evidence → the names holding it.
type PersonWords<'d> = HashMap<&'d str, HashSet<&'d str>>;

/// The text of tokens `[a, b)` (`a < b <= tokens`).
fn span_text<'d>(doc: &Doc<'d>, a: usize, b: usize) -> &'d str {
    &doc.text[doc.tokens[a].span.start..doc.tokens[b - 1].span.end]
}

/// `Acme Ltd`: a legal form right after a name belongs to it, and makes it a company. After a
/// comma (`Google, Inc.`) the conventions differ (GUM leaves it out, UNER-EWT takes it in): the
/// name is left as it is.
fn extend_to_legal_form(doc: &Doc<'_>, c: &mut Cand) {
    let n = doc.tokens.len();
    if c.end >= n || !NameWord::LegalForm.has(doc.token_text(c.end)) {
        return;
    }
    let end = c.end + 1;
    // The legal form is on the same line (a new line is a new sentence in the wire format).
    let same_line =
        !doc.text[doc.tokens[c.end - 1].span.end..doc.tokens[end - 1].span.start].contains('\n');
    if same_line && (retypable(c.etype) || c.etype == EntityType::Org) {
        c.end = end;
        c.etype = EntityType::Org;
    }
}

/// Retypes names with organization evidence, and their other occurrences, to ORG.
pub fn retype_organizations(doc: &Doc<'_>, cands: &mut [Cand]) {
    let n = doc.tokens.len();
    let parsed = doc.syntax.len() == n;
    for c in cands.iter_mut() {
        if c.kind == MentionKind::Name && c.start < c.end && c.end <= n {
            extend_to_legal_form(doc, c);
        }
    }
    let text = |c: &Cand| span_text(doc, c.start, c.end);
    let mut person_words: PersonWords = HashMap::new();
    for c in cands.iter().filter(|c| {
        c.kind == MentionKind::Name
            && c.etype == EntityType::Person
            && c.start < c.end
            && c.end <= n
            && person_evidence(doc, c)
    }) {
        for k in c.start..c.end {
            person_words
                .entry(doc.token_text(k))
                .or_default()
                .insert(text(c));
        }
    }
    let mut orgs: HashSet<&str> = HashSet::new();
    let mut strong: HashSet<&str> = HashSet::new();
    for c in cands.iter() {
        if c.kind != MentionKind::Name || c.start >= c.end || c.end > n {
            continue;
        }
        // `Acme Holdings Inc`: the name before a legal form is the company's short name.
        if c.etype == EntityType::Org
            && c.end > c.start + 1
            && NameWord::LegalForm.has(doc.token_text(c.end - 1))
        {
            let short = span_text(doc, c.start, c.end - 1).trim_end_matches([',', ' ']);
            if !short.is_empty() {
                orgs.insert(short);
            }
        }
        let evidence = kind_before(doc, c.start)
            || (parsed
                && (org_slot(&doc.syntax, c.start, c.end)
                    || kind_in_apposition(&doc.syntax, c.start, c.end)));
        if evidence && open_to_org(doc, c, text(c), &person_words, false) {
            orgs.insert(text(c));
        }
        if parsed
            && staff_slot(&doc.syntax, c.start, c.end)
            && open_to_org(doc, c, text(c), &person_words, true)
        {
            strong.insert(text(c));
        }
    }
    if orgs.is_empty() && strong.is_empty() {
        return;
    }
    for c in cands.iter_mut() {
        if c.start >= c.end || c.end > n {
            continue;
        }
        let t = text(c);
        if (orgs.contains(t) && open_to_org(doc, c, t, &person_words, false))
            || (strong.contains(t) && open_to_org(doc, c, t, &person_words, true))
        {
            c.etype = EntityType::Org;
        }
    }
}
