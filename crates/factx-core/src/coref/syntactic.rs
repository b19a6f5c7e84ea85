//! Syntactic prominence of pronoun antecedents, read from the parse (`Doc::syntax`): which
//! noun phrases are subjects, which subjects govern a pronoun's clause (Hobbs-style: the nearest
//! clause up first), and which are the pronoun's own co-arguments (binding: `Doe invited her` is
//! not Doe). Without a parse (a doc built by hand in a test) every query answers "unknown".

use crate::doc::Doc;
use crate::model::Span;
use crate::syntax::{Rel, Upos};

/// The grammatical role of a noun phrase's head.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    /// Subject of the sentence's main clause (its root or a conjunct of it).
    MainSubject,
    /// Subject of another clause.
    Subject,
    /// Direct or indirect object.
    Object,
    Other,
}

/// Tokens of `span`: `lo..hi` indices into `doc.tokens`.
fn tokens_of(doc: &Doc<'_>, span: Span) -> std::ops::Range<usize> {
    let lo = doc.tokens.partition_point(|t| t.span.end <= span.start);
    let hi = doc.tokens.partition_point(|t| t.span.start < span.end);
    lo..hi.max(lo)
}

/// The head token of the phrase at `span`: its token whose head lies outside the span (the
/// last such, so that `the U.S. Mission` gives `Mission`); `None` without a parse.
pub(super) fn head_token(doc: &Doc<'_>, span: Span) -> Option<usize> {
    let syn = &doc.syntax;
    let r = tokens_of(doc, span);
    if syn.len() < r.end || r.is_empty() {
        return None;
    }
    r.clone()
        .rev()
        .find(|&t| syn.head(t).is_none_or(|h| !r.contains(&h)))
}

/// Whether predicate `h` is a main clause: the root, or a conjunct of it.
fn is_main_clause(doc: &Doc<'_>, h: usize) -> bool {
    let syn = &doc.syntax;
    match syn.head(h) {
        None => true,
        Some(g) => syn.rel(h) == Rel::Conj && syn.head(g).is_none(),
    }
}

/// The role of the phrase headed by token `t`.
pub(super) fn role(doc: &Doc<'_>, t: usize) -> Role {
    let syn = &doc.syntax;
    let r = syn.rel(t);
    if r.is_subject() {
        match syn.head(t) {
            Some(h) if is_main_clause(doc, h) => Role::MainSubject,
            _ => Role::Subject,
        }
    } else if r == Rel::NmodPoss && syn.head(t).is_some_and(|h| syn.rel(h).is_subject()) {
        // The possessor of a subject is as prominent (`As Doe's term ends, his ...`).
        Role::Subject
    } else if matches!(r.base(), Rel::Obj | Rel::Iobj) {
        Role::Object
    } else {
        Role::Other
    }
}

/// The noun phrases that govern token `p`, nearest first, Hobbs-style: walking up the tree from
/// `p`, the subjects of each clause above it (shared subjects of coordinated verbs and
/// controllers of open complements included: `Tehran continues to accelerate its production`
/// → `Tehran`), the possessor of each noun above it (`China's expansion of its arsenal` →
/// `China`) and the noun a relative or participial clause above it modifies (`Salman, known
/// by his initials`). Only phrases before `p` that do not contain it (`its president said`
/// has none). Bounded by the tree's depth (at most 12 steps).
pub(super) fn governing_subjects(doc: &Doc<'_>, p: usize) -> Vec<usize> {
    let syn = &doc.syntax;
    let mut out = Vec::new();
    if syn.len() <= p {
        return out;
    }
    let push = |s: usize, out: &mut Vec<usize>| {
        if s < p && !syn.subtree(s).contains(&p) && !out.contains(&s) {
            out.push(s);
        }
    };
    let mut x = p;
    for _ in 0..12 {
        let Some(h) = syn.head(x) else { break };
        let nominal = matches!(syn.upos(h), Upos::Noun | Upos::Propn);
        if matches!(syn.rel(x).base(), Rel::Acl | Rel::Appos) && nominal {
            push(h, &mut out);
        }
        if syn.is_predicate(h) {
            let mut own = false;
            for (c, r) in syn.children(h) {
                if r.is_subject() {
                    own = true;
                    push(c, &mut out);
                }
            }
            if !own {
                if let Some(s) = syn.subject(h) {
                    push(s, &mut out);
                }
            }
        } else if nominal {
            if let Some(s) = syn.child(h, Rel::NmodPoss) {
                push(s, &mut out);
            }
        }
        x = h;
    }
    out
}

/// The token whose role a name headed by `h` plays: its own, or for a name in apposition or
/// flat with a noun (`its rival China`), that noun's.
pub(super) fn role_bearer(doc: &Doc<'_>, h: usize) -> usize {
    let syn = &doc.syntax;
    match syn.head(h) {
        Some(g) if matches!(syn.rel(h), Rel::Appos | Rel::Flat) && g < h => g,
        _ => h,
    }
}

/// For a pronoun in a clause fronted before the main one (`Though he is ..., Doe said`), the
/// subject of the main clause after it: the pronoun's likely antecedent (cataphora).
pub(super) fn fronted_clause_subject(doc: &Doc<'_>, p: usize) -> Option<usize> {
    let syn = &doc.syntax;
    if syn.len() <= p {
        return None;
    }
    let mut x = p;
    for _ in 0..8 {
        let h = syn.head(x)?;
        if syn.rel(x) == Rel::Advcl && x < h {
            // Only a pronoun with no antecedent before it in its own clause
            // (`When Doe published her book, she ...` is Doe's).
            if (x..p).any(|t| matches!(syn.upos(t), Upos::Propn | Upos::Noun)) {
                return None;
            }
            return syn
                .children(h)
                .find(|&(c, r)| r.is_subject() && c > p)
                .map(|(c, _)| c);
        }
        if syn.is_predicate(x) && syn.rel(x) != Rel::Advcl && x != p {
            // Only the pronoun's own clause or the clause right above it.
            if syn.rel(x) != Rel::Conj {
                return None;
            }
        }
        x = h;
    }
    None
}

/// The subject of the clause of token `p`, before it: what a reflexive (`herself`) refers to.
pub(super) fn local_subject(doc: &Doc<'_>, p: usize) -> Option<usize> {
    let syn = &doc.syntax;
    if syn.len() <= p {
        return None;
    }
    syn.head(p).and_then(|h| syn.subject(h)).filter(|&s| s < p)
}

/// For a non-possessive object pronoun (`obj`, `iobj`), the subject of its own clause: its
/// co-argument, which by binding it cannot refer to (`Doe invited her`, `Doe told him`).
pub(super) fn coargument_subject(doc: &Doc<'_>, p: usize) -> Option<usize> {
    let syn = &doc.syntax;
    if syn.len() <= p || !matches!(syn.rel(p).base(), Rel::Obj | Rel::Iobj) {
        return None;
    }
    syn.head(p).and_then(|h| syn.subject(h))
}

/// Whether token `p` (a pronoun) is a possessive determiner in the parse (`her passport`).
pub(super) fn is_possessive(doc: &Doc<'_>, p: usize) -> bool {
    doc.syntax.rel(p) == Rel::NmodPoss
}

/// Whether token `t` heads a common noun (`NOUN`) or a proper noun (`PROPN`).
pub(super) fn upos(doc: &Doc<'_>, t: usize) -> Upos {
    doc.syntax.upos(t)
}

/// Whether the `it` at token `p` is pleonastic or stands for a clause (`it is clear that`,
/// `it says that`'s object aside): an expletive in the parse, an adjectival predicate (`it is
/// hard to`), or a predicate with a clausal subject or complement after it.
pub(super) fn clausal_it(doc: &Doc<'_>, p: usize) -> bool {
    let syn = &doc.syntax;
    if syn.len() <= p {
        return false;
    }
    if syn.rel(p) == Rel::Expl {
        return true;
    }
    let Some(h) = syn.head(p) else { return false };
    let copular = syn.children(h).any(|(_, r)| r == Rel::Cop);
    syn.upos(h) == Upos::Adj
        || syn.children(h).any(|(c, r)| {
            c > p
                && (r.base() == Rel::Csubj
                    // An extraposed clause after a copula or a passive (`it's more that
                    // ...`, `it was reported that ...`); `it said that` keeps its `it`.
                    || (r == Rel::Ccomp && (copular || syn.rel(p) == Rel::NsubjPass)))
        })
        // A proper name as the predicate (`it's not just North Africa that's at risk`, `it's
        // the Internet`): a cleft or an identification, not a mention of an earlier entity;
        // with `a`/`an` it classifies one (`it is a UNESCO World Heritage Site`).
        || (copular
            && syn.upos(h) == Upos::Propn
            && !syn.children(h).any(|(c, r)| {
                r == Rel::Det && matches!(doc.token_text(c).to_lowercase().as_str(), "a" | "an")
            }))
}

/// Whether the one-word name at `span` reads as a common noun in the parse: it has a lowercase
/// determiner or adjective (`a former Scientologist`, `the Kantei`), as names of people do not.
pub(super) fn modified_like_noun(doc: &Doc<'_>, span: Span) -> bool {
    let syn = &doc.syntax;
    let r = tokens_of(doc, span);
    if r.len() != 1 || syn.len() < r.end {
        return false;
    }
    syn.children(r.start).any(|(c, rel)| {
        matches!(rel, Rel::Det | Rel::Amod)
            && doc
                .token_text(c)
                .chars()
                .next()
                .is_some_and(char::is_lowercase)
    })
}
