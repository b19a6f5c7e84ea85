//! An organization named for a place whose name holds `and` (`Bosnia and Herzegovina Football
//! Federation`, `Newfoundland and Labrador Court of Appeal`): the tagger starts the organization
//! at the second conjunct (`Herzegovina Football Federation`), leaving a fragment beside the
//! place. Where the words before the organization and its first word form a place of the names
//! lexicon, the organization starts where the place does (the place then lies inside it, as
//! `Kenya` inside `Kenya Football Federation`).
//!
//! Reads tokens and the candidates; moves organizations' starts back.

use super::scan::Cand;
use crate::doc::Doc;
use crate::lexicon::{names, NameKind};
use crate::model::{EntityType, MentionKind};

/// Longest first conjunct of a place name (`Saint Kitts and Nevis`: two words).
const MAX_FIRST: usize = 3;

/// Where the place the organization `[a, b)` is named for starts, if a place name holding `and`
/// ends on the organization's first word.
fn place_start(doc: &Doc<'_>, a: usize) -> Option<usize> {
    if a < 2 || doc.token_text(a - 1) != "and" {
        return None;
    }
    let end = doc.tokens[a].span.end;
    (a.saturating_sub(1 + MAX_FIRST)..a - 1).find(|&p| {
        let text = &doc.text[doc.tokens[p].span.start..end];
        !text.contains('\n')
            && names().get(text).is_some_and(|e| {
                matches!(
                    e.kind,
                    NameKind::Country | NameKind::City | NameKind::Region
                )
            })
    })
}

/// Moves each tagged organization's start back over the place name it continues.
pub fn extend_over_places(doc: &Doc<'_>, cands: &mut [Cand]) {
    let n = doc.tokens.len();
    for c in cands.iter_mut() {
        if c.kind != MentionKind::Name
            || c.etype != EntityType::Org
            || c.prio >= 4
            || c.start + 1 >= c.end
            || c.end > n
        {
            continue;
        }
        if let Some(p) = place_start(doc, c.start) {
            c.start = p;
        }
    }
}
