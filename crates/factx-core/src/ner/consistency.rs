//! Document-level label consistency, after decoding: one name, one type across the article.
//! A news story names its actors several times, and the tagger sees each occurrence with
//! different neighbours; the occurrences agree more often than any single one is right.
//! - **Type vote**: every occurrence of a name (the same token sequence) takes the type with the
//!   largest summed confidence over its occurrences; a lone surname takes the type of the
//!   person names it ends (`Norton` after `Joshua Norton`).
//! - **Propagation**: a name the tagger found is also a name where it recurs capitalized and
//!   untagged, with the voted type and the lower of its confidences.
//!
//! Reads the sentences' tokens and the spans found in them; changes types, adds spans. Spans
//! never overlap the tagger's own, so sentence-local decisions stand where they conflict.

use std::collections::HashMap;

use crate::model::EntityType;
use crate::ner::tagger::NerSpan;

/// Summed confidences per type of one name's occurrences.
#[derive(Default)]
struct Votes {
    by_type: Vec<(EntityType, f32)>,
    /// Lowest confidence of an occurrence, for the spans propagation adds.
    min_conf: f32,
    /// Highest confidence of an occurrence: only confidently found names propagate.
    max_conf: f32,
}

impl Votes {
    fn add(&mut self, t: EntityType, c: f32) {
        if self.by_type.is_empty() {
            self.min_conf = c;
        }
        self.min_conf = self.min_conf.min(c);
        self.max_conf = self.max_conf.max(c);
        match self.by_type.iter_mut().find(|(x, _)| *x == t) {
            Some((_, s)) => *s += c,
            None => self.by_type.push((t, c)),
        }
    }
    /// The winning type; ties go to the type seen first.
    fn best(&self) -> Option<EntityType> {
        let mut best: Option<(EntityType, f32)> = None;
        for &(t, s) in &self.by_type {
            if best.is_none_or(|(_, b)| s > b) {
                best = Some((t, s));
            }
        }
        best.map(|(t, _)| t)
    }
}

fn key<T: AsRef<str>>(tokens: &[T]) -> String {
    let mut k = String::new();
    for (i, t) in tokens.iter().enumerate() {
        if i > 0 {
            k.push(' ');
        }
        k.push_str(t.as_ref());
    }
    k
}

/// Starts with an upper-case letter (a name word; `iPhone` and `de` are left alone).
/// The types the vote may exchange: PER, ORG and the place types. A nationality and a language
/// (`Greek`) or a work and a person are told apart by their context, not by a majority.
fn votes_on(t: EntityType) -> bool {
    matches!(
        t,
        EntityType::Person | EntityType::Org | EntityType::Gpe | EntityType::Loc | EntityType::Fac
    )
}

fn capitalized(t: &str) -> bool {
    t.chars().next().is_some_and(char::is_uppercase)
}

/// A found name propagates only if one of its occurrences was found with at least this
/// confidence (GUM dev and the news CV: see models/README.md).
const PROPAGATE_MIN: f32 = 0.8;

/// Whether `acr` is the initials of the capitalized words of `name` (`World Health
/// Organisation` → `WHO`; `of`, `and`, `for` are skipped, as acronyms skip them).
fn is_acronym_of<T: AsRef<str>>(acr: &str, name: &[T]) -> bool {
    let letters: Vec<char> = acr.chars().filter(|c| *c != '.').collect();
    if letters.len() < 2 || !letters.iter().all(|c| c.is_uppercase()) {
        return false;
    }
    let initials: Vec<char> = name
        .iter()
        .filter_map(|w| w.as_ref().chars().next())
        .filter(|c| c.is_uppercase())
        .collect();
    initials == letters
}

/// An acronym defined in parentheses right after a name (`World Health Organisation ( WHO )`)
/// names the same thing: it takes the name's type (added if the tagger missed it), and then
/// votes and propagates like any name.
fn acronyms<T: AsRef<str>>(s: &[T], found: &mut Vec<NerSpan>) {
    let mut added = Vec::new();
    for m in found.iter().filter(|m| votes_on(m.entity_type)) {
        let (e, n) = (m.end_token, m.end_token - m.start_token);
        if n < 2 || e + 2 >= s.len() || s[e].as_ref() != "(" || s[e + 2].as_ref() != ")" {
            continue;
        }
        if is_acronym_of(s[e + 1].as_ref(), &s[m.start_token..e]) {
            added.push(NerSpan {
                start_token: e + 1,
                end_token: e + 2,
                ..*m
            });
        }
    }
    for a in added {
        match found.iter_mut().find(|m| m.start_token == a.start_token) {
            Some(m) if m.end_token == a.end_token && votes_on(m.entity_type) => {
                m.entity_type = a.entity_type;
            }
            Some(_) => {}
            None => found.push(a),
        }
    }
    found.sort_by_key(|m| m.start_token);
}

/// Makes the types of `spans` (one list per sentence of `sentences`) consistent over the
/// document and adds the untagged recurrences of found names.
pub fn harmonize<T: AsRef<str>>(sentences: &[Vec<T>], spans: &mut [Vec<NerSpan>]) {
    for (s, found) in sentences.iter().zip(spans.iter_mut()) {
        acronyms(s, found);
    }
    let mut votes: HashMap<String, Votes> = HashMap::new();
    // Last words of multi-word person names: a one-word name equal to one is a surname.
    let mut surnames: HashMap<String, f32> = HashMap::new();
    for (s, found) in sentences.iter().zip(spans.iter()) {
        for m in found.iter().filter(|m| votes_on(m.entity_type)) {
            let toks = &s[m.start_token..m.end_token];
            votes
                .entry(key(toks))
                .or_default()
                .add(m.entity_type, m.confidence);
            if m.entity_type == EntityType::Person && toks.len() > 1 {
                *surnames
                    .entry(toks[toks.len() - 1].as_ref().to_string())
                    .or_default() += m.confidence;
            }
        }
    }
    for (k, c) in &surnames {
        if let Some(v) = votes.get_mut(k) {
            v.add(EntityType::Person, *c);
        }
    }
    // Name → (voted type, lowest confidence, propagates).
    let best: HashMap<&str, (EntityType, f32, bool)> = votes
        .iter()
        .filter_map(|(k, v)| {
            v.best()
                .map(|t| (k.as_str(), (t, v.min_conf, v.max_conf >= PROPAGATE_MIN)))
        })
        .collect();
    if best.is_empty() {
        return;
    }
    let max_len = best.keys().map(|k| k.split(' ').count()).max().unwrap_or(1);
    for (s, found) in sentences.iter().zip(spans.iter_mut()) {
        for m in found.iter_mut().filter(|m| votes_on(m.entity_type)) {
            if let Some(&(t, _, _)) = best.get(key(&s[m.start_token..m.end_token]).as_str()) {
                m.entity_type = t;
            }
        }
        // Propagation: the longest known name at each untagged position that is a whole
        // capitalized run (`Newfoundland` in `Newfoundland Power` is not the province).
        let mut taken = vec![false; s.len()];
        for m in found.iter() {
            taken[m.start_token..m.end_token]
                .iter_mut()
                .for_each(|x| *x = true);
        }
        let cap = |k: usize| capitalized(s[k].as_ref());
        let mut added = Vec::new();
        let mut i = 0;
        while i < s.len() {
            if taken[i] || !cap(i) || (i > 0 && (cap(i - 1) || taken[i - 1])) {
                i += 1;
                continue;
            }
            let hit = (1..=max_len.min(s.len() - i)).rev().find_map(|n| {
                let e = i + n;
                if taken[i..e].iter().any(|&x| x)
                    || e < s.len() && (cap(e) || taken[e])
                    || e + 1 < s.len() && taken[e + 1]
                {
                    return None;
                }
                best.get(key(&s[i..e]).as_str())
                    .filter(|b| b.2)
                    .map(|&(t, c, _)| (n, t, c))
            });
            match hit {
                Some((n, t, c)) => {
                    added.push(NerSpan {
                        start_token: i,
                        end_token: i + n,
                        entity_type: t,
                        confidence: c,
                    });
                    i += n;
                }
                None => i += 1,
            }
        }
        if !added.is_empty() {
            found.extend(added);
            found.sort_by_key(|m| m.start_token);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(s: usize, e: usize, t: EntityType, c: f32) -> NerSpan {
        NerSpan {
            start_token: s,
            end_token: e,
            entity_type: t,
            confidence: c,
        }
    }

    fn sents(texts: &[&str]) -> Vec<Vec<String>> {
        texts
            .iter()
            .map(|t| t.split(' ').map(String::from).collect())
            .collect()
    }

    #[test]
    fn the_stronger_type_wins_everywhere() {
        let s = sents(&["Qantas flew .", "Qantas said .", "Qantas shares fell ."]);
        let mut spans = vec![
            vec![span(0, 1, EntityType::Org, 0.9)],
            vec![span(0, 1, EntityType::Person, 0.5)],
            vec![span(0, 1, EntityType::Org, 0.6)],
        ];
        harmonize(&s, &mut spans);
        assert!(spans.iter().all(|v| v[0].entity_type == EntityType::Org));
    }

    #[test]
    fn a_surname_follows_the_full_name() {
        let s = sents(&["Joshua Norton spoke .", "Norton ordered it ."]);
        let mut spans = vec![
            vec![span(0, 2, EntityType::Person, 0.9)],
            vec![span(0, 1, EntityType::Gpe, 0.6)],
        ];
        harmonize(&s, &mut spans);
        assert_eq!(spans[1][0].entity_type, EntityType::Person);
    }

    #[test]
    fn a_parenthesized_acronym_takes_the_name_type() {
        let s = sents(&[
            "The World Health Organisation ( WHO ) and Bank of England ( BE ) spoke .",
            "WHO said .",
        ]);
        let mut spans = vec![
            vec![
                span(1, 4, EntityType::Org, 0.9),
                span(8, 11, EntityType::Org, 0.9),
                span(12, 13, EntityType::Person, 0.4),
            ],
            vec![],
        ];
        harmonize(&s, &mut spans);
        let got: Vec<(usize, EntityType)> = spans[0]
            .iter()
            .map(|m| (m.start_token, m.entity_type))
            .collect();
        assert_eq!(
            got,
            [
                (1, EntityType::Org),
                (5, EntityType::Org),
                (8, EntityType::Org),
                (12, EntityType::Org)
            ]
        );
        assert_eq!(spans[1], vec![span(0, 1, EntityType::Org, 0.9)]);
        assert!(!is_acronym_of("Who", &["World", "Health", "Organisation"]));
    }

    #[test]
    fn untagged_recurrences_are_added_when_capitalized() {
        let s = sents(&[
            "He joined Activision Blizzard .",
            "Activision Blizzard said so , and activision blizzard too .",
        ]);
        let mut spans = vec![vec![span(2, 4, EntityType::Org, 0.8)], vec![]];
        harmonize(&s, &mut spans);
        assert_eq!(spans[1], vec![span(0, 2, EntityType::Org, 0.8)]);
    }
}
