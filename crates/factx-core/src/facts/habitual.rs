//! Habitual and generic statements: `millions of pilgrims arrive in Mecca each year`, `the
//! Taliban routinely deny`, `the group frequently conducts bombings` state a habit, not one
//! event, and the gold leaves them out (eval/gold/GUIDELINES.md: "generic, habitual or
//! open-ended references ... are not annotated"). Read on the predicate that states the
//! trigger: a frequency adverb of `modality.tsv` (`habitual`), or a SET time expression
//! (`each year`, `every day`, `annually`) among its dependents.

use crate::doc::Doc;
use crate::lexicon::registry::{modality_cue, ModalityCue};
use crate::model::TimeType;
use crate::syntax::{Rel, Syntax};

use super::view::View;

/// Whether the predicate `p` (a verb, or a nominal trigger's light verb) is stated as a habit.
pub fn habitual(doc: &Doc<'_>, v: &View, syn: &Syntax, p: usize) -> bool {
    syn.children(p).any(|(c, r)| {
        if r == Rel::Advmod && modality_cue(syn.lemma(c)) == Some(ModalityCue::Habitual) {
            return true;
        }
        // The dependents `time_of` reads a time from (a bare `every day` may be parsed as an
        // object's modifier: `arrest dozens of protesters every day`); a clause (`required to
        // report every month`) keeps its own frequency.
        if !matches!(r.base(), Rel::Obl | Rel::Nmod | Rel::Advmod | Rel::Obj) {
            return false;
        }
        let st = syn.subtree(c);
        st.len() <= 12
            && st
                .filter_map(|k| v.time_at.get(k).copied().flatten())
                .any(|t| doc.times[t].time_type == TimeType::Set)
    })
}
