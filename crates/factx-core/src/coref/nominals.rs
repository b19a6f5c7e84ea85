//! Definite descriptions made of a recent name's head noun: `the church` after `the Church of
//! Jane`, `the foundation` after `Acme Foundation`, `this cyclone` after `Cyclone Jane`.
//! The entity stage only proposes a fixed list of generic heads (`the country`, `the ministry`);
//! here any multi-word organization, facility, event or product name offers its own head.

use std::collections::HashMap;

use crate::doc::{Doc, MentionCandidate};
use crate::lexicon::CorefCue;
use crate::model::{EntityType, MentionKind, Span};

/// How many sentences back the name may be (the resolver takes a name beyond its recent
/// mentions only when no other entity has that head).
const MAX_SENTENCES_BACK: u32 = 30;

/// The head noun of a multi-word name: the word before `of` (`Church of X`), else the last word
/// (`Acme Foundation`), or for an event the common noun before a name (`Cyclone Jane`). `None`
/// for one-word names and heads that are not plain capitalized words.
pub(super) fn name_head(name: &str, etype: EntityType) -> Option<&str> {
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.len() < 2 {
        return None;
    }
    let common = |w: &str| crate::lexicon::is_common_word(&w.to_lowercase());
    let head = match words.iter().position(|w| *w == "of") {
        Some(0) => return None,
        Some(k) => words[k - 1],
        // `Cyclone Jane`, `Festival Lumiere`: for events and things, a common noun before a
        // name is the head (organizations end with theirs: `Harbor Foundation`).
        None if etype != EntityType::Org && common(words[0]) && !common(words[words.len() - 1]) => {
            words[0]
        }
        None => words[words.len() - 1],
    };
    let plain = head.len() >= 3
        && head.chars().next().is_some_and(char::is_uppercase)
        && head.chars().skip(1).all(|c| c.is_ascii_lowercase());
    (plain && !CorefCue::VagueHead.has(&head.to_ascii_lowercase())).then_some(head)
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
                if let Some(h) = name_head(m.span.slice(doc.text), m.entity_type) {
                    heads.insert(h.to_ascii_lowercase(), (m.entity_type, m.sentence));
                }
            }
            next += 1;
        }
        let covered = doc
            .mentions
            .get(next)
            .is_some_and(|m| m.span.start < span.end);
        let det = doc.token_text(k - 1);
        let definite = ["the", "this", "that"]
            .iter()
            .any(|d| d.eq_ignore_ascii_case(det));
        if covered || !definite {
            continue;
        }
        let w = doc.token_text(k);
        if w.len() < 3 || !w.chars().all(char::is_alphabetic) {
            continue;
        }
        let Some(&(ty, sent)) = heads.get(&w.to_lowercase()) else {
            continue;
        };
        let sentence = doc.sentence_index_at(span.start);
        if sentence > sent + MAX_SENTENCES_BACK {
            continue;
        }
        let ends_phrase = k + 1 >= n || {
            let t = doc.token_text(k + 1);
            !t.chars().next().is_some_and(char::is_alphanumeric)
                || CorefCue::AfterHead.has(t)
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

/// Source of the descriptions added by [`add_descriptions`].
pub(super) const DESCRIPTION: &str = "rule:description";

/// Most words in a description (`a practising homeopath from the city`).
const MAX_DESCRIPTION_WORDS: usize = 8;

/// Adds a nominal candidate for the indefinite description of a person: an appositive (`Jane
/// Doe, a retired nurse, said`) or the predicate of a copula (`Doe is a retired nurse`, `She
/// was an artist`). The description stops before any existing mention, a relative clause or
/// punctuation, and never starts with `the` (definite descriptions are titles, found by the
/// entity stage).
pub(super) fn add_descriptions(doc: &mut Doc<'_>) {
    let mut extra = Vec::new();
    let toks = &doc.tokens;
    for (i, m) in doc.mentions.iter().enumerate() {
        let person = m.entity_type == EntityType::Person
            && match m.kind {
                MentionKind::Name => true,
                MentionKind::Pronoun => crate::lexicon::pronoun(m.span.slice(doc.text))
                    .is_some_and(|p| {
                        p.person == 3
                            && !p.possessive
                            && p.number == crate::lexicon::Number::Singular
                    }),
                MentionKind::Nominal => false,
            };
        if !person {
            continue;
        }
        let Some(sent) = doc.sentences.get(m.sentence as usize) else {
            continue;
        };
        let e = toks.partition_point(|t| t.span.start < m.span.end);
        if e + 2 >= sent.tokens.end {
            continue;
        }
        let link = doc.token_text(e);
        let copula = matches!(link, "is" | "was" | "became" | "remains" | "remained");
        if !(link == "," || copula) || !matches!(doc.token_text(e + 1), "a" | "an" | "A" | "An") {
            continue;
        }
        // No description runs over the next mention.
        let limit = doc.mentions.get(i + 1).map_or(usize::MAX, |n| n.span.start);
        let mut q = e + 2;
        while q < sent.tokens.end
            && q < e + 2 + MAX_DESCRIPTION_WORDS
            && toks[q].span.end <= limit
            && matches!(
                toks[q].kind,
                crate::doc::TokenKind::Word | crate::doc::TokenKind::Number
            )
            && !CorefCue::EndsDescription.has(doc.token_text(q))
        {
            q += 1;
        }
        while q > e + 2 && CorefCue::Dangling.has(doc.token_text(q - 1)) {
            q -= 1;
        }
        if q == e + 2 {
            continue;
        }
        extra.push(MentionCandidate {
            span: Span::new(toks[e + 1].span.start, toks[q - 1].span.end),
            entity_type: EntityType::Person,
            kind: MentionKind::Nominal,
            sentence: m.sentence,
            confidence: 0.5,
            source: DESCRIPTION,
        });
    }
    super::interview::merge_candidates(doc, extra);
}

/// Source of the locative `there` candidates.
pub(super) const THERE: &str = "rule:locative-there";

/// Adds a candidate for each locative `there` (`they lived there`), which coreference gives
/// to the place named just before; the existential `there is` is left out.
pub(super) fn add_locatives(doc: &mut Doc<'_>) {
    let n = doc.tokens.len();
    let mut extra = Vec::new();
    for k in 0..n {
        if doc.token_text(k) != "there" {
            continue;
        }
        let next = if k + 1 < n { doc.token_text(k + 1) } else { "" };
        // `is there any...`: the existential one, inverted in a question.
        let prev = if k > 0 { doc.token_text(k - 1) } else { "" };
        let inverted = CorefCue::ExistentialInversion.has(&prev.to_ascii_lowercase());
        if inverted || CorefCue::AfterExistential.has(&next.to_ascii_lowercase()) {
            continue;
        }
        let span = doc.tokens[k].span;
        let sentence = doc.sentence_index_at(span.start);
        extra.push(MentionCandidate {
            span,
            entity_type: EntityType::Gpe,
            kind: MentionKind::Pronoun,
            sentence,
            confidence: 0.5,
            source: THERE,
        });
    }
    super::interview::merge_candidates(doc, extra);
}

/// Source of the first-person plural candidates (`we`, `our`) inside direct quotes.
pub(super) const WE: &str = "rule:quoted-we";

/// Adds a candidate for each `we`/`our`/`us` inside a direct quote: an official speaking for
/// their state (`"We will not yield," the Kenyan minister said`), which coreference gives to
/// that state when the speaker's title names one.
pub(super) fn add_quoted_we(doc: &mut Doc<'_>) {
    let mut extra = Vec::new();
    for (o, c) in super::quote_regions(doc) {
        for k in o..=c.min(doc.tokens.len().saturating_sub(1)) {
            let w = doc.token_text(k);
            // `US` is the country.
            let first_plural = !is_all_caps_word(w)
                && crate::lexicon::pronoun(w)
                    .is_some_and(|p| p.person == 1 && p.number == crate::lexicon::Number::Plural);
            if !first_plural {
                continue;
            }
            let span = doc.tokens[k].span;
            let sentence = doc.sentence_index_at(span.start);
            extra.push(MentionCandidate {
                span,
                entity_type: EntityType::Gpe,
                kind: MentionKind::Pronoun,
                sentence,
                confidence: 0.5,
                source: WE,
            });
        }
    }
    super::interview::merge_candidates(doc, extra);
}

fn is_all_caps_word(w: &str) -> bool {
    w.len() > 1 && w.chars().all(|c| c.is_ascii_uppercase())
}
