//! Definite descriptions made of a recent name's head noun: `the church` after `the Church of
//! Jane`, `the foundation` after `Acme Foundation`, `the Court` after `Supreme Court of Utopia`.
//! The entity stage only proposes a fixed list of generic heads (`the country`, `the ministry`);
//! here any multi-word organization, facility, event or product name offers its own head.

use std::collections::HashMap;

use crate::doc::{Doc, MentionCandidate};
use crate::model::{EntityType, MentionKind, Span};

/// How many sentences back the name may be.
const MAX_SENTENCES_BACK: u32 = 8;

/// Words that may follow a bare noun phrase (`the church said`, `the court's`, `the firm, ...`).
const AFTER_HEAD: &[&str] = &[
    "for",
    "to",
    "in",
    "on",
    "at",
    "with",
    "from",
    "by",
    "and",
    "or",
    "but",
    "who",
    "which",
    "that",
    "said",
    "says",
    "is",
    "was",
    "are",
    "were",
    "will",
    "would",
    "has",
    "had",
    "have",
    "also",
    "did",
    "does",
    "can",
    "could",
    "may",
    "might",
    "should",
    "must",
    "after",
    "before",
    "as",
    "when",
    "itself",
    "itself,",
    "announced",
    "stated",
    "added",
    "claimed",
    "denied",
    "refused",
    "says,",
    "reported",
    "decided",
    "ruled",
    "issued",
    "made",
    "later",
    "itself.",
];

/// Heads too vague to stand for one name (`the people` is not `People's Party`).
const VAGUE: &[&str] = &[
    "people", "man", "woman", "men", "women", "one", "group", "states", "state", "world", "new",
    "day", "week", "year", "time", "times", "news", "post", "first", "last", "national", "general",
];

/// The head noun of a multi-word name: the word before `of` (`Church of X`), else the last word
/// (`Acme Foundation`). `None` for one-word names and heads that are not plain capitalized words.
pub(super) fn name_head(name: &str) -> Option<&str> {
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.len() < 2 {
        return None;
    }
    let head = match words.iter().position(|w| *w == "of") {
        Some(0) => return None,
        Some(k) => words[k - 1],
        None => words[words.len() - 1],
    };
    let plain = head.len() >= 3
        && head.chars().next().is_some_and(char::is_uppercase)
        && head.chars().skip(1).all(|c| c.is_ascii_lowercase());
    (plain && !VAGUE.contains(&head.to_ascii_lowercase().as_str())).then_some(head)
}

fn head_type(t: EntityType) -> bool {
    matches!(
        t,
        EntityType::Org | EntityType::Fac | EntityType::Event | EntityType::Product
    )
}

/// Source of the candidates added here.
pub(super) const SOURCE: &str = "rule:name-head-nominal";

/// Adds a nominal candidate for `the HEAD` when HEAD is the head of a name mentioned in the last
/// few sentences and no mention covers it yet. Keeps `doc.mentions` sorted and `doc.titles`
/// pointing at the same mentions.
pub(super) fn add_name_head_nominals(doc: &mut Doc<'_>) {
    // Lowercased head → (entity type, sentence of the last name with that head).
    let mut heads: HashMap<String, (EntityType, u32)> = HashMap::new();
    let mut next = 0;
    let mut extra = Vec::new();
    let n = doc.tokens.len();
    for k in 1..n {
        let span = doc.tokens[k].span;
        while next < doc.mentions.len() && doc.mentions[next].span.end <= span.start {
            let m = &doc.mentions[next];
            if m.kind == MentionKind::Name && head_type(m.entity_type) {
                if let Some(h) = name_head(m.span.slice(doc.text)) {
                    heads.insert(h.to_ascii_lowercase(), (m.entity_type, m.sentence));
                }
            }
            next += 1;
        }
        let covered = doc
            .mentions
            .get(next)
            .is_some_and(|m| m.span.start < span.end);
        if covered || !doc.token_text(k - 1).eq_ignore_ascii_case("the") {
            continue;
        }
        let w = doc.token_text(k);
        if w.len() < 3 || !w.chars().all(char::is_alphabetic) {
            continue;
        }
        let Some(&(ty, sent)) = heads.get(&w.to_lowercase()) else {
            continue;
        };
        let sentence = doc
            .sentences
            .partition_point(|s| s.span.end <= span.start)
            .min(doc.sentences.len().saturating_sub(1)) as u32;
        if sentence > sent + MAX_SENTENCES_BACK {
            continue;
        }
        let ends_phrase = k + 1 >= n || {
            let t = doc.token_text(k + 1);
            !t.chars().next().is_some_and(char::is_alphanumeric)
                || AFTER_HEAD.contains(&t)
                || (t.ends_with("ed") && t.chars().all(|c| c.is_lowercase()))
        };
        if ends_phrase {
            extra.push(MentionCandidate {
                span: Span::new(span.start, span.end),
                entity_type: ty,
                kind: MentionKind::Nominal,
                sentence,
                confidence: 0.5,
                source: SOURCE,
            });
        }
    }
    super::interview::merge_candidates(doc, extra);
}
