//! Overlap resolution: candidates are taken by priority then length; a candidate that overlaps
//! an accepted one is dropped, unless it is marked nested and lies inside it. Nominal mentions
//! (`the US acting under secretary`) may contain names, so they only compete with each other.
//! Then the accepted
//! mentions go to `doc.mentions` in text order, and their titles to `doc.titles`.

use std::collections::BTreeMap;

use super::scan::Cand;
use crate::doc::{Doc, MentionCandidate, TitleMention};
use crate::lexicon::NameWord;
use crate::model::{EntityType, MentionKind, Span};

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

/// A tagger name that strictly contains rule or lexicon names (`Medical Journal of Australia`
/// over `Australia`, `Yale School of Medicine` over `Yale School`, `Upper Egypt` over `Egypt`)
/// is usually the whole name the rules cut short: it wins, a contained name of another type
/// stays nested in it, one of the same type is dropped. Title+name persons and the dateline
/// keep priority, and so do rules when the tagger's span holds a token that is not a word of a
/// name (`London E14`, `Reuters 2024`). Linear after sorting: each tagger span looks at the
/// candidates starting inside it.
pub fn prefer_longer_tagged(doc: &Doc<'_>, cands: &mut [Cand]) {
    let name_word = |k: usize| {
        let t = doc.token_text(k);
        let mut cs = t.chars();
        let cap = cs.next().is_some_and(char::is_uppercase)
            && cs.all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '\u{2019}'));
        // The tail of a hyphenated word (`Jong-un` is tokenized `Jong` `-` `un`).
        let hyphen_tail = k >= 2
            && doc.token_text(k - 1) == "-"
            && doc.tokens[k - 2].span.end == doc.tokens[k - 1].span.start
            && doc.tokens[k - 1].span.end == doc.tokens[k].span.start;
        cap || hyphen_tail || t == "-" || NameWord::OrgConnector.has(t) || NameWord::Particle.has(t)
    };
    let n = doc.tokens.len();
    let valid = |c: &Cand| c.start < c.end && c.end <= n;
    let mut by_start: Vec<usize> = (0..cands.len())
        .filter(|&i| {
            cands[i].kind == MentionKind::Name && cands[i].source != "ner" && valid(&cands[i])
        })
        .collect();
    by_start.sort_by_key(|&i| cands[i].start);
    for t in 0..cands.len() {
        if cands[t].source != "ner"
            || !valid(&cands[t])
            || !(cands[t].start..cands[t].end).all(name_word)
        {
            continue;
        }
        let (ts, te, tty) = (cands[t].start, cands[t].end, cands[t].etype);
        let from = by_start.partition_point(|&i| cands[i].start < ts);
        let inside: Vec<usize> = by_start[from..]
            .iter()
            .copied()
            .take_while(|&i| cands[i].start < te)
            .collect();
        let contained = |c: &Cand| c.end <= te && (c.start, c.end) != (ts, te);
        // A rule name crossing the tagger's edge, or one it must not override: rules stand.
        let blocked = inside.iter().any(|&i| {
            let c = &cands[i];
            !contained(c) || c.prio >= 5 || !c.titles.is_empty()
        }) || by_start[..from]
            .iter()
            .rev()
            .take(8)
            .any(|&i| cands[i].end > ts);
        // A person's name does not swallow a known place or nationality.
        let swallows_place = tty == EntityType::Person
            && inside
                .iter()
                .any(|&i| cands[i].source == "lexicon" && cands[i].etype != tty);
        if blocked || swallows_place || !inside.iter().any(|&i| cands[i].prio > cands[t].prio) {
            continue;
        }
        let mut prio = cands[t].prio;
        for &i in &inside {
            prio = prio.max(cands[i].prio);
            // A person's name holds no other name (`Christian Lindner` is not a religion).
            if cands[i].etype == tty || tty == EntityType::Person {
                cands[i].prio = 0;
                cands[i].nested = false;
            } else {
                cands[i].nested = true;
            }
        }
        cands[t].prio = prio;
    }
}

/// With a tagger, an acronym only the capitals rule found (`DH`, `MMBTU`, `POS`: mostly not
/// names) is kept when the document supports it: the same string is a name elsewhere (the
/// tagger's, a lexicon's, a parenthesized definition) or it spells the initials of a longer
/// name candidate (`Ministry of Health` → `MOH`).
pub fn drop_unsupported_acronyms(doc: &Doc<'_>, cands: &mut Vec<Cand>) {
    use std::collections::HashSet;
    let is_rule_acronym = |c: &Cand| c.source == "rule:acronym";
    let mut known: HashSet<String> = HashSet::new();
    for c in cands.iter() {
        if c.kind != MentionKind::Name || is_rule_acronym(c) || c.end > doc.tokens.len() {
            continue;
        }
        if c.end == c.start + 1 {
            known.insert(doc.token_text(c.start).to_string());
        } else {
            let initials: String = (c.start..c.end)
                .filter_map(|k| doc.token_text(k).chars().next())
                .filter(|ch| ch.is_uppercase())
                .collect();
            if initials.chars().count() >= 2 {
                known.insert(initials);
            }
        }
    }
    // `(MOH)` right after a name defines it.
    let defined = |c: &Cand| {
        c.start > 0
            && c.end < doc.tokens.len()
            && doc.token_text(c.start - 1) == "("
            && doc.token_text(c.end) == ")"
    };
    let defs: Vec<String> = cands
        .iter()
        .filter(|c| is_rule_acronym(c) && defined(c))
        .map(|c| doc.token_text(c.start).to_string())
        .collect();
    known.extend(defs);
    cands.retain(|c| {
        !is_rule_acronym(c)
            || (c.start < doc.tokens.len() && known.contains(doc.token_text(c.start)))
    });
}
