//! The sentence loop of the statements: each sentence is walked once, left to right, and every
//! speech verb is handed to `statements`, with the source carried over from the previous
//! sentences (`according to X`) and the subject of the previous predicate kept for coordinated
//! verb phrases (`X met Y and said ...`). Events of every type, MEETING, TRAVEL and
//! COMMUNICATION included, are the registry matcher's (`matcher.rs`).

use std::ops::Range;

use super::clause::{self, Subject};
use super::statements;
use super::view::View;
use crate::doc::Doc;
use crate::lexicon::facts as lx;
use crate::model::{ArgValue, Fact, FactType, Modality};

/// How many following sentences a source (`according to X`, `a statement by X said`) may carry
/// over to when they go on with a pronoun or a definite description.
const CARRY_SENTENCES: usize = 4;
/// Titles considered when resolving `the under secretary` to a person.
const RECENT_ROLES: usize = 64;

/// Holders of titles found by the roles stage, to resolve `the under secretary` when
/// coreference did not (statements here, event arguments in `matcher`).
pub(super) struct RoleIndex {
    /// (person entity index, lowercased title words, byte offset of the title)
    roles: Vec<(usize, Vec<String>, usize)>,
}

impl RoleIndex {
    pub(super) fn new(doc: &Doc<'_>) -> Self {
        let ids: std::collections::HashMap<&str, usize> = doc
            .entities
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.as_str(), i))
            .collect();
        let mut roles = Vec::new();
        for f in doc.facts.iter().filter(|f| f.fact_type == FactType::Role) {
            let mut person = None;
            let mut title = None;
            for a in &f.arguments {
                match (&a.role[..], &a.value) {
                    ("person", ArgValue::Entity(id)) => person = ids.get(id.as_str()).copied(),
                    ("title", ArgValue::Text(t)) => title = Some(t.to_lowercase()),
                    _ => {}
                }
            }
            if let (Some(p), Some(t)) = (person, title) {
                let words = t.split_whitespace().map(str::to_string).collect();
                roles.push((p, words, f.trigger.start));
            }
        }
        roles.sort_by_key(|r| r.2);
        RoleIndex { roles }
    }

    /// The person holding the office named by the definite noun phrase that ends before `end`.
    pub(super) fn resolve(&self, v: &View, sent: &Range<usize>, end: usize) -> Option<usize> {
        let lo = end.saturating_sub(10).max(sent.start);
        let mut k = end;
        let mut words = Vec::new();
        while k > lo {
            let w = v.w(k - 1);
            if w == "the" {
                break;
            }
            if v.is_punct(k - 1) || lx::is_clause_boundary(w) {
                return None;
            }
            if v.mention(k - 1).is_none() && (lx::is_title_word(w) || lx::is_title_head(w)) {
                words.push(w.to_string());
            }
            k -= 1;
        }
        if k == lo && v.w(k) != "the" || words.is_empty() {
            return None;
        }
        if !words
            .iter()
            .any(|w| lx::is_title_head(w) && !lx::is_generic_position(w))
        {
            return None;
        }
        let here = v.spans.get(end.min(v.len().saturating_sub(1)))?.start;
        // Only the most recent titles before this point (and a few after, for cataphora) are
        // candidates: a bounded look-up, whatever the article's length.
        let at = self.roles.partition_point(|r| r.2 <= here);
        self.roles[at.saturating_sub(RECENT_ROLES)..(at + 4).min(self.roles.len())]
            .iter()
            .filter(|(_, tw, _)| words.iter().all(|w| tw.contains(w)))
            .min_by_key(|(_, _, at)| {
                if *at <= here {
                    here - at
                } else {
                    usize::MAX / 2 + at
                }
            })
            .map(|(p, _, _)| *p)
    }
}

pub fn extract(doc: &Doc<'_>, v: &View) -> Vec<Fact> {
    let roles = RoleIndex::new(doc);
    let mut out: Vec<Fact> = Vec::new();
    let mut carry: Option<usize> = None;
    let mut carried = 0usize;
    for (sent, sspan) in &v.sents {
        let sent = sent.clone();
        if sent.is_empty() {
            continue;
        }
        // Attribution: a source in this sentence, or carried from the previous one when this
        // sentence continues with a pronoun or a definite description.
        // A carried source fades after a few sentences.
        let own = statements::source(v, &sent, sent.end, usize::MAX);
        let first = v.w(sent.start);
        let continues =
            matches!(first, "he" | "she" | "they" | "it" | "the") && carried < CARRY_SENTENCES;
        let attributed = own.or_else(|| continues.then_some(carry).flatten());
        carried = if own.is_some() { 0 } else { carried + 1 };
        carry = attributed;
        // `Observers believe ...`: the first opinion verb is no speech verb.
        let mut opinion_seen = false;
        let mut prev: Option<Subject> = None;
        let first_fact = out.len();
        let mut trailing: Option<(usize, usize)> = None; // (byte offset, speaker)
        for i in sent.clone() {
            if v.mention(i)
                .is_some_and(|m| m.kind != crate::model::MentionKind::Pronoun && m.toks.len() > 1)
            {
                continue;
            }
            let w = v.w(i);
            if lx::is_opinion_verb(w) && !opinion_seen {
                opinion_seen = true;
                continue;
            }
            // `Secretary of State`: a capitalized word inside a sentence is a name, not a verb.
            if lx::statement_verb(w).is_some() && !(v.is_cap(i) && i > sent.start) {
                let p = clause::prelude(v, &sent, i);
                let subj = clause::subject(v, &sent, &p, prev.as_ref());
                let nominal = if subj.is_none() {
                    roles.resolve(v, &sent, p.start)
                } else {
                    None
                };
                if let Some(mut sp) =
                    statements::at(doc, v, &sent, *sspan, i, &p, subj.as_ref(), nominal)
                {
                    if let Some(src) = attributed.filter(|&s| s != sp.speaker) {
                        sp.fact.attributed_to = Some(doc.entities[src].id.clone());
                        sp.fact.modality = Modality::Reported;
                    }
                    if let Some(b) = sp.reports_before {
                        trailing = Some((b, sp.speaker));
                    }
                    prev = Some(Subject {
                        entities: vec![sp.speaker],
                        toks: subj.as_ref().map_or(i..i + 1, |s| s.toks.clone()),
                        plural_unresolved: false,
                    });
                    out.push(sp.fact);
                }
            }
        }
        if let Some((before, speaker)) = trailing {
            let id = doc.entities[speaker].id.clone();
            for f in &mut out[first_fact..] {
                if f.trigger.start >= before {
                    continue;
                }
                if f.fact_type == FactType::Statement {
                    // `X assured Y of support, a spokesman said.`: X's words end at the comma.
                    cut_content(doc.text, f, before);
                }
                if f.modality == Modality::Asserted {
                    f.modality = Modality::Reported;
                }
                f.attributed_to.get_or_insert_with(|| id.clone());
            }
        }
    }
    // Quotations over sentences and paragraphs, `according to`, cue nouns.
    statements::finish(doc, v, &mut out);
    out
}

/// Ends a statement's content at byte offset `at` (the comma before a trailing attribution)
/// when the content, which follows the trigger in the text, runs past it.
fn cut_content(text: &str, f: &mut Fact, at: usize) {
    for a in &mut f.arguments {
        let ArgValue::Text(t) = &mut a.value else {
            continue;
        };
        if a.role != "content" || t.is_empty() {
            continue;
        }
        let mut n = t.len().min(32);
        while !t.is_char_boundary(n) {
            n -= 1;
        }
        let Some(start) = text
            .get(f.trigger.end..at)
            .and_then(|r| r.find(&t[..n]))
            .map(|k| f.trigger.end + k)
        else {
            continue;
        };
        if text.get(start..start + t.len()) == Some(t.as_str()) && start + t.len() > at {
            if let Some(head) = text.get(start..at) {
                *t = head
                    .trim_end_matches(|c: char| {
                        c.is_whitespace() || matches!(c, ',' | '"' | '\u{201d}')
                    })
                    .to_string();
            }
        }
    }
}
