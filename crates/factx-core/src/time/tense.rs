//! Cheap tense cues around a time expression: the nearest auxiliary or verb form within a small
//! window of the same clause decides whether an under-specified day lies in the past or future.

use super::lexer::{Kind, Tok};
use super::resolve::Dir;
use crate::lexicon::time::TimeCue;

const LEFT: usize = 12;
const RIGHT: usize = 8;

fn future_cue(t: &Tok) -> bool {
    t.cues & TimeCue::FutureCue.bit() != 0 || t.low.ends_with("'ll")
}

fn past_cue(t: &Tok) -> bool {
    if t.cues & TimeCue::PastCue.bit() != 0 {
        return true;
    }
    // `-ed` on a capitalised word is more often a name (`Mohamed`, `Ahmed`) than a verb.
    let w = &t.low;
    !t.cap && w.len() >= 5 && w.ends_with("ed") && t.cues & TimeCue::EdNotPast.bit() == 0
}

/// Direction suggested by the nearest cue around tokens `[s, e)` within `[lo, hi)`.
pub fn cue(toks: &[Tok], s: usize, e: usize, lo: usize, hi: usize) -> Option<Dir> {
    let classify = |i: usize| -> Option<Dir> {
        let t = &toks[i];
        if t.kind != Kind::Word {
            return None;
        }
        let w = t.low.as_str();
        // `are to travel`, `is to meet`: scheduled future.
        if w == "to" && i > 0 && matches!(toks[i - 1].low.as_str(), "is" | "are" | "am") {
            return Some(Dir::Future);
        }
        // `plans to`, `going to`, `set to`: the noun `plans`, `going all out` are no cue.
        let before_to = t.cues & TimeCue::FutureBeforeTo.bit() != 0
            && toks.get(i + 1).is_some_and(|n| n.low == "to");
        if future_cue(t) || before_to {
            Some(Dir::Future)
        } else if past_cue(t) {
            // A participle after `will be`, `to be`: the auxiliary carries the tense.
            for k in (i.saturating_sub(3)..i).rev() {
                match toks[k].low.as_str() {
                    "will" | "shall" | "would" | "won't" | "to" => return Some(Dir::Future),
                    "be" | "being" => return None,
                    x if x.ends_with("'ll") => return Some(Dir::Future),
                    _ => {}
                }
            }
            Some(Dir::Past)
        } else {
            None
        }
    };
    for d in 1..=LEFT.max(RIGHT) {
        if d <= LEFT && s >= lo + d {
            if let Some(x) = classify(s - d) {
                return Some(x);
            }
        }
        if d <= RIGHT && e + d - 1 < hi {
            if let Some(x) = classify(e + d - 1) {
                return Some(x);
            }
        }
    }
    None
}

/// Clause number of every token: a new clause starts after `.`, `!`, `?` or `;` followed by a
/// capital or a line break, at a line break, or at a sentence boundary given by the caller.
pub fn clauses(toks: &[Tok], text_sentence_starts: &[usize]) -> Vec<u32> {
    let mut out = Vec::with_capacity(toks.len());
    let mut id = 0u32;
    let mut next_sentence = 0usize;
    for (i, t) in toks.iter().enumerate() {
        let mut boundary = t.newline_before && i > 0;
        while next_sentence < text_sentence_starts.len()
            && text_sentence_starts[next_sentence] <= t.start
        {
            if i > 0 {
                boundary = true;
            }
            next_sentence += 1;
        }
        if i > 0 {
            let p = &toks[i - 1];
            if p.kind == Kind::Punct
                && matches!(p.low.as_str(), "." | "!" | "?" | ";")
                && t.space_before
                && (t.cap || t.kind != Kind::Word)
            {
                boundary = true;
            }
        }
        if boundary {
            id += 1;
        }
        out.push(id);
    }
    out
}
