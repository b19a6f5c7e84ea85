//! Overlap resolution: candidates are taken by priority then length; a candidate that overlaps
//! an accepted one is dropped, unless it is marked nested and lies inside it. Nominal mentions
//! (`the US acting under secretary`) may contain names, so they only compete with each other.
//! Then the accepted
//! mentions go to `doc.mentions` in text order, and their titles to `doc.titles`.

use std::collections::BTreeMap;

use super::scan::Cand;
use crate::doc::{Doc, MentionCandidate, TitleMention};
use crate::model::{MentionKind, Span};

pub fn select(doc: &mut Doc<'_>, mut cands: Vec<Cand>) {
    cands.retain(|c| c.start < c.end && c.end <= doc.tokens.len());
    cands.sort_by(|a, b| {
        b.prio
            .cmp(&a.prio)
            .then((b.end - b.start).cmp(&(a.end - a.start)))
            .then(a.start.cmp(&b.start))
    });
    // Accepted top-level mentions by start token → end token (non-overlapping).
    let mut top: BTreeMap<usize, usize> = BTreeMap::new();
    let mut nominals: BTreeMap<usize, usize> = BTreeMap::new();
    let mut accepted: Vec<Cand> = Vec::new();
    let mut nested: Vec<Cand> = Vec::new();
    for c in cands {
        let top = if c.kind == MentionKind::Nominal {
            &mut nominals
        } else {
            &mut top
        };
        let overlap = top
            .range(..c.end)
            .next_back()
            .filter(|(_, &e)| e > c.start)
            .map(|(&s, &e)| (s, e));
        match overlap {
            None => {
                top.insert(c.start, c.end);
                accepted.push(c);
            }
            Some((s, e))
                if c.nested && s <= c.start && c.end <= e && (s, e) != (c.start, c.end) =>
            {
                nested.push(c)
            }
            Some(_) => {}
        }
    }
    accepted.extend(nested);
    accepted.sort_by_key(|c| (c.start, std::cmp::Reverse(c.end)));
    accepted.dedup_by_key(|c| (c.start, c.end));

    let tokens = &doc.tokens;
    let span = |a: usize, b: usize| Span::new(tokens[a].span.start, tokens[b - 1].span.end);
    let mut mentions = Vec::with_capacity(accepted.len());
    let mut titles = Vec::new();
    for (mi, c) in accepted.iter().enumerate() {
        mentions.push(MentionCandidate {
            span: span(c.start, c.end),
            entity_type: c.etype,
            kind: c.kind,
            sentence: c.sentence,
            confidence: c.conf,
            source: c.source,
        });
        for &(a, b, kind) in &c.titles {
            let sp = span(a, b);
            titles.push(TitleMention {
                span: sp,
                text: sp.slice(doc.text).to_string(),
                person_mention: mi,
                kind,
            });
        }
    }
    doc.mentions = mentions;
    doc.titles = titles;
}
