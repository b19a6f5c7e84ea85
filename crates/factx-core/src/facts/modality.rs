//! Polarity, modality and attribution of a predicate, read from the parse once for every fact
//! type (the registry matcher uses it; statements may too). The cue words are data
//! (`data/facts/registry/modality.tsv`); the precedence is the gold guidelines':
//! HYPOTHETICAL > INTENDED > OPINION > REPORTED > ASSERTED.

use crate::lexicon::registry::{modality_cue, ModalityCue as Cue};
use crate::model::{Modality, Polarity};
use crate::syntax::{Rel, Syntax, Upos};

/// How a predicate is stated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stance {
    pub polarity: Polarity,
    pub modality: Modality,
    /// The token heading the source's noun phrase when REPORTED by someone in the sentence.
    pub source: Option<usize>,
    /// Governed by a verb of hoping or wishing: not stated as an act at all.
    pub unreal: bool,
}

fn rank(m: Modality) -> u8 {
    match m {
        Modality::Hypothetical => 4,
        Modality::Intended => 3,
        Modality::Opinion => 2,
        Modality::Reported => 1,
        Modality::Asserted => 0,
    }
}

/// The stance of predicate `i` (a verb, or a noun with its light verb or governing clause).
/// Walks up the heads once (bounded), so the cost is constant per trigger.
/// Whether `x` is an oblique of place or circumstance (`in a phone call`, `during the visit`).
fn circumstance(syn: &Syntax, x: usize) -> bool {
    use crate::lexicon::facts::FactWord;
    syn.rel(x) == Rel::Obl
        && syn
            .preposition(x)
            .is_some_and(|p| FactWord::PlacePrep.has(p) || FactWord::BackReferencePrep.has(p))
}

pub fn stance(syn: &Syntax, i: usize) -> Stance {
    let mut st = Stance {
        polarity: Polarity::Positive,
        modality: Modality::Asserted,
        source: None,
        unreal: false,
    };
    let raise = |st: &mut Stance, m: Modality| {
        if rank(m) > rank(st.modality) {
            st.modality = m;
        }
    };
    let mut reported_past = false;
    // Passed through an oblique of place or circumstance on the way up.
    let mut circumstantial = false;
    let mut x = i;
    for depth in 0..8 {
        for (c, r) in syn.children(x) {
            let cue = modality_cue(syn.lemma(c));
            match (r, cue) {
                (Rel::Aux | Rel::Advmod | Rel::Mark | Rel::Det, Some(Cue::Negation))
                    if depth == 0 =>
                {
                    st.polarity = Polarity::Negative;
                }
                (Rel::Aux | Rel::Advmod | Rel::Mark, Some(Cue::Hypothetical)) => {
                    raise(&mut st, Modality::Hypothetical)
                }
                (Rel::Aux, Some(Cue::Intended)) => raise(&mut st, Modality::Intended),
                (Rel::Aux, Some(Cue::Opinion)) => raise(&mut st, Modality::Opinion),
                (Rel::Aux, Some(Cue::Would)) => {
                    if reported_past {
                        raise(&mut st, Modality::Intended)
                    } else {
                        raise(&mut st, Modality::Hypothetical)
                    }
                }
                _ => {}
            }
            // `a statement issued by X said John Bass met ...` parsed with `said` hanging off
            // `met` (`reparandum`, `dep`, or a preceding `parataxis`): a verb of saying before
            // the predicate, with its own subject, still reports it.
            if matches!(r, Rel::Reparandum | Rel::Dep | Rel::Parataxis)
                && c < x
                && cue == Some(Cue::Report)
                && syn.upos(c) == Upos::Verb
            {
                if let Some(s) = syn.subject(c) {
                    raise(&mut st, Modality::Reported);
                    st.source.get_or_insert(s);
                }
            }
            if r == Rel::Obl
                && syn
                    .children(c)
                    .any(|(k, kr)| kr == Rel::Case && syn.lemma(k) == "according")
            {
                raise(&mut st, Modality::Reported);
                st.source.get_or_insert(c);
            }
        }
        let Some(h) = syn.head(x) else { break };
        let rel = syn.rel(x);
        circumstantial |= circumstance(syn, x);
        let hc = modality_cue(syn.lemma(h));
        match rel {
            // `plans to attack`, `agreed to withdraw`, `could lead to talks`.
            Rel::Xcomp
            | Rel::Ccomp
            | Rel::Obj
            | Rel::Obl
            | Rel::Nmod
            | Rel::Nsubj
            | Rel::NsubjPass
                if hc.is_some() =>
            {
                match hc {
                    Some(Cue::Hypothetical) => raise(&mut st, Modality::Hypothetical),
                    Some(Cue::Unreal) if rel != Rel::Nsubj => st.unreal = true,
                    // `in a phone call, X promised`, `sought to upgrade ties during the
                    // visit`: a place or circumstance of the intent is no part of what is
                    // intended.
                    Some(Cue::Intended)
                        if !matches!(rel, Rel::Nsubj | Rel::NsubjPass) && !circumstantial =>
                    {
                        raise(&mut st, Modality::Intended)
                    }
                    // `talks are planned for next week`: what is planned is the passive
                    // subject (not so for `a deal was agreed`, which states the deal made).
                    Some(Cue::Scheduled) if rel != Rel::Nsubj && !circumstantial => {
                        raise(&mut st, Modality::Intended)
                    }
                    Some(Cue::Opinion) if rel == Rel::Ccomp => raise(&mut st, Modality::Opinion),
                    Some(Cue::Report) if matches!(rel, Rel::Ccomp | Rel::Obj) => {
                        raise(&mut st, Modality::Reported);
                        reported_past = true;
                        if st.source.is_none() {
                            st.source = syn.subject(h);
                        }
                    }
                    _ => {}
                }
            }
            // `a plan to attack`, `Roe plans to visit` read with `plans` as a noun: an
            // infinitive modifying a noun of intent states an intended act.
            Rel::Acl
                if matches!(hc, Some(Cue::Intended | Cue::Scheduled))
                    && syn
                        .children(x)
                        .any(|(m, r)| r == Rel::Mark && syn.lemma(m) == "to") =>
            {
                raise(&mut st, Modality::Intended)
            }
            // `X said: ... attacked`, `..., officials said`.
            Rel::Parataxis if hc == Some(Cue::Report) => {
                raise(&mut st, Modality::Reported);
                st.source.get_or_insert_with(|| syn.subject(h).unwrap_or(h));
            }
            _ => {}
        }
        // Reported speech also reaches the reported clause's own heads; stop at a sentence root
        // or at a clause boundary that does not carry stance (adverbial clauses keep theirs).
        // `went to Lima to meet X`: the purpose is intended.
        if depth == 0 && syn.upos(x) == Upos::Verb && super::matcher::purpose(syn, x) {
            raise(&mut st, Modality::Intended);
        }
        if matches!(
            rel,
            Rel::Advcl | Rel::Acl | Rel::AclRelcl | Rel::Conj | Rel::Root
        ) {
            break;
        }
        x = h;
    }
    // A trailing `, officials said` attaches as the root's parataxis child.
    if st.source.is_none() {
        let root = syn.root_of(i);
        for (c, r) in syn.children(root) {
            if r == Rel::Parataxis && c > i && modality_cue(syn.lemma(c)) == Some(Cue::Report) {
                raise(&mut st, Modality::Reported);
                st.source = syn.subject(c);
            }
        }
    }
    if st
        .source
        .is_some_and(|s| syn.upos(s) == Upos::Pron && syn.lemma(s) == "it")
    {
        st.source = None;
    }
    st
}
