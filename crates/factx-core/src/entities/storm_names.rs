//! A storm named once as `Hurricane Ian` is `Ian` for the rest of the story, and the tagger,
//! seeing a given name alone, reads a person (`Ian knocked out power`) or nothing. Every
//! occurrence of a storm's one-word name takes the event's type, and is a name where nothing
//! else covers it. The heads are data: the `storm_head` class of `names/name_words.tsv`.
//!
//! Reads tokens and the candidates; changes types, adds candidates.

use std::collections::HashSet;

use super::scan::Cand;
use crate::doc::Doc;
use crate::lexicon::NameWord;
use crate::model::{EntityType, MentionKind};

/// Confidence of an occurrence found by its storm's name alone.
const CONF: f32 = 0.8;

/// Types every occurrence of a storm's name as the event, adding the uncovered ones.
pub fn type_storm_names(doc: &Doc<'_>, cands: &mut Vec<Cand>) {
    let n = doc.tokens.len();
    let tok = |k: usize| doc.token_text(k);
    let storms: HashSet<&str> = cands
        .iter()
        .filter(|c| {
            c.kind == MentionKind::Name
                && c.etype == EntityType::Event
                && c.start + 2 <= c.end
                && c.end <= n
                && NameWord::StormHead.has(tok(c.end - 2))
                && tok(c.end - 1)
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
        })
        .map(|c| tok(c.end - 1))
        .collect();
    if storms.is_empty() {
        return;
    }
    let mut covered = vec![false; n];
    for c in cands.iter_mut() {
        if c.kind != MentionKind::Name || c.start >= c.end || c.end > n {
            continue;
        }
        covered[c.start..c.end].iter_mut().for_each(|x| *x = true);
        if c.end == c.start + 1 && c.prio < 4 && storms.contains(tok(c.start)) {
            c.etype = EntityType::Event;
        }
    }
    for k in (0..n).filter(|&k| !covered[k] && storms.contains(tok(k))) {
        let sentence = doc.sentence_index_at(doc.tokens[k].span.start);
        let mut c = Cand::tagged(k, k + 1, EntityType::Event, CONF, sentence);
        c.source = "rule:storm";
        cands.push(c);
    }
}
