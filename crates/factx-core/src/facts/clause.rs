//! Clause structure around a trigger word: its subject (the nearest mention before the verb that is
//! not inside a prepositional phrase, an appositive or a possessor), the prelude between subject and
//! verb (negation, hedges, intention), and coordinated objects after it. Every scan is bounded to
//! the trigger's sentence and a fixed window, so a trigger costs O(window).

use std::ops::Range;

use super::view::{MentionRef, View};
use crate::lexicon::facts::{self as lx, FactWord};
use crate::model::EntityType;

/// Longest backward scan for a subject, in tokens.
const SUBJECT_WINDOW: usize = 40;
/// Longest stretch of non-mention words (titles, determiners) before an object mention.
const OBJECT_GAP: usize = 10;
/// Longest clause or object list considered after a trigger, in tokens.
const CLAUSE_WINDOW: usize = 60;

#[derive(Debug, Clone, PartialEq)]
pub struct Subject {
    /// Entity indices (several for `A and B met`).
    pub entities: Vec<usize>,
    pub toks: Range<usize>,
    /// `they` / `the two sides` with no entity: the parties of a recent event.
    pub plural_unresolved: bool,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Prelude {
    pub negated: bool,
    pub hedged: bool,
    pub intended: bool,
    pub passive: bool,
    /// `would` (future in the past after a speech verb, else hypothetical).
    pub would: bool,
    /// `travelled to X to meet Y`: a purpose infinitive, whose subject is the clause's.
    pub infinitive: bool,
    /// First token of the prelude (the token after the subject, if adjacent).
    pub start: usize,
}

/// Walks back from `trig` over auxiliaries, adverbs, negations and `plans to`.
pub fn prelude(v: &View, sent: &Range<usize>, trig: usize) -> Prelude {
    let mut p = Prelude {
        start: trig,
        ..Default::default()
    };
    let mut i = trig;
    // `denied meeting X`, `refused to meet X`: the event is negated.
    if i > sent.start
        && v.w(trig).ends_with("ing")
        && matches!(v.w(i - 1), "denied" | "denies" | "deny" | "denying")
    {
        p.negated = true;
        i -= 1;
    }
    if i > sent.start + 1 && v.w(i - 1) == "to" && FactWord::RefusalVerb.has(v.w(i - 2)) {
        p.negated = true;
        i -= 2;
    }
    while i > sent.start {
        let w = v.w(i - 1);
        if w == "to" && i - 1 > sent.start && lx::is_intent_verb(v.w(i - 2)) {
            p.intended = true;
            i -= 2;
            continue;
        }
        if w == "to" && i == trig && !v.w(trig).ends_with("ed") && !v.w(trig).ends_with('s') {
            // `to meet`: an infinitive after something other than an intention verb.
            p.infinitive = true;
            p.intended = true;
            i -= 1;
            break;
        }
        let time_word =
            v.time_at[i - 1].is_some() && v.mention(i - 1).is_none() && !v.is_punct(i - 1);
        if lx::is_verb_prelude(w) || time_word {
            p.negated |= lx::is_negation(w);
            p.hedged |= lx::is_hedge(w) && w != "would";
            p.would |= w == "would";
            // `will host`, `shall visit`: a planned event.
            p.intended |= matches!(w, "will" | "shall" | "'ll");
            if matches!(w, "is" | "are" | "was" | "were" | "been" | "being" | "be") && i == trig {
                p.passive = true;
            }
            i -= 1;
            continue;
        }
        break;
    }
    p.start = i;
    p
}

fn is_party_mention(m: &MentionRef) -> bool {
    matches!(
        m.etype,
        EntityType::Person | EntityType::Org | EntityType::Gpe | EntityType::Norp
    )
}

/// Whether mention `m` is the object of a preposition: `with X`, `to the X`, `by Foreign Secretary X`.
pub fn is_pp_object(v: &View, sent: &Range<usize>, m: &MentionRef) -> bool {
    let mut j = m.toks.start;
    let mut steps = 0;
    while j > sent.start && steps < 6 {
        let w = v.w(j - 1);
        if lx::is_preposition(w) {
            // `Secretary of State X`, `Minister for Trade X`: the preposition is inside a title.
            let in_title = steps > 0
                && matches!(w, "of" | "for")
                && j >= sent.start + 2
                && lx::is_title_word(v.w(j - 2));
            return !in_title;
        }
        if lx::is_determiner(w) || lx::is_title_word(w) || lx::is_honorific(w) {
            j -= 1;
            steps += 1;
            continue;
        }
        // `of the [Australian] [Centre for ...]`: a nationality or place modifier.
        if let Some(md) = v
            .mention(j - 1)
            .filter(|x| matches!(x.etype, EntityType::Norp | EntityType::Gpe) && x.toks.end == j)
        {
            j = md.toks.start;
            steps += 1;
            continue;
        }
        return false;
    }
    false
}

/// The appositive or relative clause that ends with the comma at `close`, if any: returns the
/// index of the opening comma, right after a mention.
fn appositive_open(v: &View, sent: &Range<usize>, close: usize) -> Option<usize> {
    let lo = close.saturating_sub(24).max(sent.start);
    let mut j = close;
    while j > lo {
        j -= 1;
        if v.w(j) == "," {
            let first = v.w(j + 1);
            // `X, Director of Y, and Chairman of Z, says`: a coordinated appositive; keep
            // looking for the comma that opens the first one.
            if first == "and" && lx::is_title_word(v.w(j + 2)) {
                continue;
            }
            let opener = lx::is_determiner(first)
                || matches!(first, "who" | "which" | "whose" | "himself" | "herself")
                || lx::is_title_word(first)
                || lx::is_title_qualifier(first)
                || v.kinds.get(j + 1) == Some(&crate::doc::TokenKind::Number)
                || (!v.is_cap(j + 1) && (first.ends_with("ed") || first.ends_with("ing")))
                || v.mention(j + 1).is_some_and(|m| {
                    v.possessive_after(m)
                        || (m.etype != EntityType::Person
                            && lx::is_title_word(v.w(v.after_mention(m))))
                });
            // `X, 54, a former senator, ...`: the age sits between the name and the appositive.
            if opener
                && j >= sent.start + 3
                && v.kinds.get(j - 1) == Some(&crate::doc::TokenKind::Number)
                && v.w(j - 2) == ","
                && v.mention(j - 3).is_some()
            {
                return Some(j - 2);
            }
            let after_mention = j > sent.start && v.mention(j - 1).is_some();
            return (opener && after_mention).then_some(j);
        }
        if matches!(v.w(j), ";" | "." | ":") {
            return None;
        }
    }
    None
}

/// Adds mentions coordinated before `m` (`A and B`, `A, B and C`).
fn coordinated_before(v: &View, sent: &Range<usize>, m: &MentionRef, out: &mut Subject) {
    let mut start = m.toks.start;
    for _ in 0..6 {
        // Walk back over the title and nationality of this conjunct: `A and Polish President B`.
        let mut k = start;
        while k > sent.start + 2 {
            let w = v.w(k - 1);
            if lx::is_title_word(w) || lx::is_honorific(w) {
                k -= 1;
            } else if let Some(md) = v.mention(k - 1).filter(|x| {
                matches!(x.etype, EntityType::Norp | EntityType::Gpe)
                    && x.toks.end == k
                    && k < start
            }) {
                k = md.toks.start;
            } else {
                break;
            }
        }
        if k < sent.start + 2 || !matches!(v.w(k - 1), "and" | "," | "&") {
            break;
        }
        let Some(prev) = v.mention(k - 2) else {
            break;
        };
        if !is_party_mention(prev) || v.possessive_after(prev) || is_pp_object(v, sent, prev) {
            break;
        }
        // `A, B and C`: a comma joins only inside a list that goes on after this mention.
        let cur_end = if start == m.toks.start {
            m.toks.end
        } else {
            start
        };
        if v.w(k - 1) == "," && start == m.toks.start && !matches!(v.w(cur_end), "and" | ",") {
            break;
        }
        if !out.entities.contains(&prev.entity) {
            out.entities.insert(0, prev.entity);
        }
        out.toks.start = prev.toks.start;
        start = prev.toks.start;
    }
}

/// Words between a subject mention and its verb that show the mention only modifies the real head
/// (`the US acting under secretary thanked`): any lowercase content word that is not a
/// preposition, determiner or prelude word.
fn is_np_continuation(v: &View, i: usize) -> bool {
    let w = v.w(i);
    !(v.is_punct(i)
        || lx::is_preposition(w)
        || lx::is_determiner(w)
        || lx::is_verb_prelude(w)
        || v.mention(i).is_some()
        || v.time_at[i].is_some())
}

/// Finds the subject of the verb at `trig` (prelude already skipped to `p.start`).
/// `prev` is the subject of the previous predicate in the same sentence, reused for VP
/// coordination (`X held talks with Y and met Z`).
pub fn subject(
    v: &View,
    sent: &Range<usize>,
    p: &Prelude,
    prev: Option<&Subject>,
) -> Option<Subject> {
    let i = p.start;
    if i <= sent.start {
        return None;
    }
    let before = v.w(i - 1);
    if matches!(before, "who" | "which" | "that") {
        // Relative clause: the antecedent is the mention before the relative pronoun.
        let mut j = i - 1;
        while j > sent.start && v.w(j - 1) == "," {
            j -= 1;
        }
        if j > sent.start {
            if let Some(m) = v.mention(j - 1).filter(|m| is_party_mention(m)) {
                return Some(Subject {
                    entities: vec![m.entity],
                    toks: m.toks.clone(),
                    plural_unresolved: false,
                });
            }
        }
        return None;
    }
    if p.infinitive {
        return prev.cloned();
    }
    // `... before returning to X`, `after meeting Y`: a gerund's subject is the clause's.
    if FactWord::GerundSubordinator.has(before) && v.w(p.start).ends_with("ing") {
        return prev.cloned();
    }
    let mut j = i;
    if before == "," {
        if let Some(open) = appositive_open(v, sent, i - 1) {
            j = open;
        } else if let Some(s) = prev {
            return Some(s.clone());
        }
    } else if matches!(before, "and" | "but" | "or") {
        if let Some(s) = prev {
            return Some(s.clone());
        }
        j = i - 1;
    }
    // Backward scan for the nearest eligible mention.
    let lo = j.saturating_sub(SUBJECT_WINDOW).max(sent.start);
    // Content words between a candidate and the verb show that the candidate only modifies the
    // real head. Words right after a preposition are its object and are forgotten (`pending`);
    // a comma or a new noun phrase commits them.
    let mut pending = false;
    let mut committed = false;
    while j > lo {
        let k = j - 1;
        let w = v.w(k);
        if lx::is_clause_boundary(w) && v.mention(k).is_none() {
            break;
        }
        if w == "," {
            if let Some(open) = appositive_open(v, sent, k) {
                j = open;
                continue;
            }
        }
        if let Some(m) = v.mention(k) {
            let m = m.clone();
            let head_gap = pending || committed;
            if is_pp_object(v, sent, &m) {
                j = m.toks.start;
                continue;
            }
            if v.possessive_after(&m) || head_gap || !is_party_mention(&m) {
                // `Peru's foreign minister met`: the real subject is a nominal without
                // an entity; report none rather than the possessor.
                if head_gap || v.possessive_after(&m) {
                    return party_nominal(v, sent, m.toks.end..i);
                }
                j = m.toks.start;
                continue;
            }
            let mut s = Subject {
                entities: vec![m.entity],
                toks: m.toks.clone(),
                plural_unresolved: false,
            };
            coordinated_before(v, sent, &m, &mut s);
            if v.w(m.toks.start) == "they" || v.w(m.toks.start) == "them" {
                s.plural_unresolved = true;
            }
            return Some(s);
        }
        let title_part = lx::is_title_word(w) && lx::is_title_word(v.w(k + 1));
        if lx::is_preposition(w) && !title_part {
            pending = false;
        } else if v.is_punct(k) {
            committed |= pending;
            pending = false;
        } else if lx::is_determiner(w) {
            if !(k > sent.start && lx::is_preposition(v.w(k - 1))) {
                committed |= pending;
                pending = false;
            }
        } else if is_np_continuation(v, k) {
            pending = true;
        }
        j = k;
    }
    party_nominal(v, sent, j..i)
}

/// `they`, `the two sides`, `both leaders` with no entity: a plural subject to resolve from the
/// parties of a recent event.
fn party_nominal(v: &View, sent: &Range<usize>, r: Range<usize>) -> Option<Subject> {
    let r = r.start.max(sent.start)..r.end.min(sent.end);
    for k in r.clone() {
        let w = v.w(k);
        if (lx::is_plural_pronoun(w) && v.mention(k).is_none())
            || (lx::is_party_noun(w) && k > sent.start && matches!(v.w(k - 1), "two" | "both"))
        {
            return Some(Subject {
                entities: vec![],
                toks: k..k + 1,
                plural_unresolved: true,
            });
        }
    }
    None
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coord {
    And,
    /// `either A or B`, `neither A nor B`: distinct alternatives, one event each.
    Or,
    /// `met A in X and B in Y`: distinct events, one per object, each at its own place.
    Each,
}

#[derive(Debug, Clone)]
pub struct Objects {
    pub mentions: Vec<MentionRef>,
    pub coord: Coord,
    /// Token after the last object (or `from` if none).
    pub end: usize,
}

/// Coordinated mentions starting at `from`: determiners, titles, `with`/`to` and time words may
/// precede the first one; `and`, `or`, `,` join them; anything else ends the list.
pub fn objects(v: &View, sent: &Range<usize>, from: usize) -> Objects {
    let mut out = Objects {
        mentions: vec![],
        coord: Coord::And,
        end: from,
    };
    let mut j = from;
    let mut after_coord = true; // no mention since the last coordinator
    let mut gap = 0;
    let end = sent.end.min(from + CLAUSE_WINDOW);
    while j < end {
        if let Some(m) = v.mention(j) {
            let m = m.clone();
            let modifier = {
                let nx_i = v.after_mention(&m);
                let nx = v.w(nx_i);
                match m.etype {
                    // `his Tanzanian counterpart X`: a nationality before any word modifies it.
                    EntityType::Norp => {
                        nx_i < end && !v.is_punct(nx_i) && !matches!(nx, "and" | "or" | "nor")
                    }
                    EntityType::Gpe | EntityType::Org => {
                        lx::is_title_word(nx) || lx::is_honorific(nx) || nx == "counterpart"
                    }
                    _ => false,
                }
            };
            // `his counterpart`, `her deputy`: a possessive pronoun is a determiner here.
            let poss_pronoun = m.kind == crate::model::MentionKind::Pronoun
                && (matches!(
                    v.w(m.toks.start),
                    "his" | "their" | "its" | "our" | "my" | "your"
                ) || (v.w(m.toks.start) == "her" && {
                    let nx = m.toks.end;
                    nx < end
                        && !v.is_punct(nx)
                        && !lx::is_preposition(v.w(nx))
                        && !matches!(v.w(nx), "and" | "or" | "nor")
                }));
            // `the head of the African Union Commission, X`: the organization belongs to the
            // title; the appositive after it names the object.
            let title_org = out.mentions.is_empty()
                && matches!(m.etype, EntityType::Org | EntityType::Gpe)
                && of_title_before(v, m.toks.start, from)
                && appositive_person_at(v, v.after_mention(&m), end);
            if title_org {
                j = v.after_mention(&m) + 1;
                gap = 0;
                continue;
            }
            if v.possessive_after(&m) || modifier || poss_pronoun {
                // `met Peru's foreign minister X`, `met Chinese Foreign Minister X`: a
                // modifier, not an object.
                j = v.after_mention(&m);
                gap += 1;
                continue;
            }
            if !after_coord {
                break;
            }
            j = m.toks.end;
            out.mentions.push(m);
            out.end = j;
            after_coord = false;
            gap = 0;
            continue;
        }
        let w = v.w(j);
        if matches!(w, "and" | "or" | "nor" | "," | "&") {
            if after_coord && out.mentions.is_empty() && w == "," {
                // `met his counterpart, Foreign Minister X`, `the bloc's foreign policy chief,
                // X`: the appositive names the object.
                if j > from
                    && (matches!(v.w(j - 1), "counterpart" | "counterparts")
                        || lx::is_title_head(v.w(j - 1)))
                    && appositive_person_at(v, j, end)
                {
                    j += 1;
                    continue;
                }
                break;
            }
            if !after_coord {
                if w == "," && matches!(v.w(j + 1), "the" | "a" | "an" | "who" | "which" | "whose")
                {
                    break;
                }
                // `A, B and C` goes on after a comma only if the next mention is itself
                // followed by another comma or a conjunction (`told X, US ozone has dropped`).
                if w == "," {
                    let mut q = j + 1;
                    while q < end && q < j + 6 && v.mention(q).is_none() {
                        q += 1;
                    }
                    let listed = v.mention(q).is_some_and(|nm| {
                        matches!(v.w(v.after_mention(nm)), "," | "and" | "or" | "&" | "nor")
                    });
                    if !listed {
                        break;
                    }
                }
                after_coord = true;
            }
            if matches!(w, "or" | "nor") {
                out.coord = Coord::Or;
            }
            j += 1;
            continue;
        }
        if !after_coord {
            // `met X in Tokyo and Y in Seoul`: a place after each object of a coordination.
            if let Some(k) = place_then_coordinated_party(v, j, end) {
                out.coord = Coord::Each;
                j = k;
                continue;
            }
            break;
        }
        let ok = lx::is_determiner(w)
            || lx::is_title_word(w)
            || lx::is_honorific(w)
            || lx::is_title_qualifier(w)
            || (matches!(w, "with" | "to") && out.mentions.is_empty() && j < from + 3)
            || v.time_at[j].is_some()
            || FactWord::CoordinationFiller.has(w)
            || v.is_cap(j)
            || (w == "of" && (v.is_cap(j + 1) || (v.w(j + 1) == "the" && v.is_cap(j + 2))))
            || w == "as"
            || (matches!(w, "counterpart" | "counterparts") && out.mentions.is_empty())
            // `the bloc's foreign policy chief`, `army chief Gen. X`: words of a title phrase.
            || (out.mentions.is_empty()
                && (lx::is_possessive(w) || !v.is_punct(j))
                && title_head_ahead(v, j, end));
        if !ok || gap >= OBJECT_GAP {
            break;
        }
        gap += 1;
        j += 1;
    }
    out
}

/// At `j`: a comma and then, within a few title words, a person's mention (`, Foreign Minister
/// X`).
fn appositive_person_at(v: &View, j: usize, end: usize) -> bool {
    if v.w(j) != "," {
        return false;
    }
    for k in j + 1..end.min(j + 6) {
        if let Some(m) = v.mention(k) {
            return m.etype == EntityType::Person;
        }
        let w = v.w(k);
        if !(lx::is_determiner(w) || lx::is_title_word(w) || lx::is_honorific(w) || v.is_cap(k)) {
            return false;
        }
    }
    false
}

/// Whether a title head comes within four words after `j`, with no preposition or punctuation
/// (but a possessive) on the way: `the bloc's foreign policy chief`, not `a call from President`.
fn title_head_ahead(v: &View, j: usize, end: usize) -> bool {
    if lx::is_preposition(v.w(j)) {
        return false;
    }
    for k in j + 1..end.min(j + 5) {
        let w = v.w(k);
        if lx::is_title_head(w) {
            return true;
        }
        if lx::is_preposition(w) || (v.is_punct(k) && !lx::is_possessive(w)) {
            return false;
        }
    }
    false
}

/// Whether `title of (the)` ends right before token `k` (and after `from`).
fn of_title_before(v: &View, k: usize, from: usize) -> bool {
    let mut q = k;
    if q > from && v.w(q - 1) == "the" {
        q -= 1;
    }
    q >= from + 2 && v.w(q - 1) == "of" && lx::is_title_head(v.w(q - 2))
}

/// At `j`: `in|at PLACE and ... PARTY` where PARTY (a person or organization, within a few
/// title words) is the next object. Returns the position of the `and`.
fn place_then_coordinated_party(v: &View, j: usize, end: usize) -> Option<usize> {
    if !matches!(v.w(j), "in" | "at") {
        return None;
    }
    let place = v
        .mention(j + 1)
        .filter(|m| matches!(m.etype, EntityType::Gpe | EntityType::Loc | EntityType::Fac))?;
    let and = v.after_mention(place);
    if v.w(and) != "and" {
        return None;
    }
    let party = (and + 1..end.min(and + 7))
        .filter_map(|k| v.mention(k))
        .find(|m| m.etype != EntityType::Norp)?;
    matches!(party.etype, EntityType::Person | EntityType::Org).then_some(and)
}

/// First position in `from..` (bounded by `limit` tokens and the sentence) where `pred` holds,
/// stopping at clause boundaries.
pub fn find_forward(
    v: &View,
    sent: &Range<usize>,
    from: usize,
    limit: usize,
    pred: impl Fn(&str) -> bool,
) -> Option<usize> {
    let end = (from + limit).min(sent.end);
    (from..end)
        .take_while(|&k| !matches!(v.w(k), ";" | "." | "!" | "?"))
        .find(|&k| pred(v.w(k)))
}

/// Location stated right after `from`: `in Lima`, `at the White House`; `here` → the
/// dateline place.
pub fn location_after(v: &View, sent: &Range<usize>, from: usize) -> Option<usize> {
    let mut j = from;
    let end = (from + 8).min(sent.end);
    while j < end {
        let w = v.w(j);
        if w == "here" {
            return v.dateline_entity;
        }
        if matches!(w, "in" | "at") {
            let mut k = j + 1;
            while k < end && lx::is_determiner(v.w(k)) {
                k += 1;
            }
            if let Some(m) = v.mention(k) {
                if matches!(m.etype, EntityType::Gpe | EntityType::Loc | EntityType::Fac) {
                    return Some(m.entity);
                }
            }
            // `at State House in Nairobi`: an unrecognized venue; keep looking for the place.
            j = k;
            continue;
        }
        if v.time_at[j].is_some() || matches!(w, "on" | "today" | "yesterday") {
            j += 1;
            continue;
        }
        if v.mention(j).is_some() || lx::is_preposition(w) || v.is_punct(j) {
            // skip over other adjuncts briefly
            j += 1;
            continue;
        }
        j += 1;
    }
    None
}

/// Sentence-initial `In X,` location.
pub fn fronted_location(v: &View, sent: &Range<usize>) -> Option<usize> {
    let s = sent.start;
    if !matches!(v.w(s), "in" | "at") {
        return None;
    }
    let m = v.mention(s + 1)?;
    if !matches!(m.etype, EntityType::Gpe | EntityType::Loc | EntityType::Fac) {
        return None;
    }
    (v.w(m.toks.end) == ",").then_some(m.entity)
}

/// The time expression nearest to `trig` inside `r` (the clause).
pub fn time_in(v: &View, r: Range<usize>, trig: usize) -> Option<usize> {
    r.filter_map(|k| {
        v.time_at
            .get(k)
            .copied()
            .flatten()
            .filter(|&t| v.time_is_point.get(t).copied().unwrap_or(false))
            .map(|t| (k.abs_diff(trig), t))
    })
    .min()
    .map(|(_, t)| t)
}

/// End of the clause that starts at `from`: the next `;`, subordinator or sentence end.
pub fn clause_end(v: &View, sent: &Range<usize>, from: usize) -> usize {
    let end = sent.end.min(from + CLAUSE_WINDOW);
    (from..end)
        .find(|&k| FactWord::Subordinator.has(v.w(k)) && v.mention(k).is_none())
        .unwrap_or(end)
}

/// Start of the stretch searched for an event's time: the subject when it is near the verb,
/// otherwise only the prelude (a subject shared by coordinated verbs belongs to the first one's
/// clause, and so do the times there).
pub fn time_window_start(v: &View, subject: Option<&Subject>, p: &Prelude) -> usize {
    match subject {
        // `X on Tuesday hosted Y` keeps the time; `X, who arrived on Monday, will visit` does
        // not take the relative clause's.
        Some(s)
            if s.toks.start + 12 >= p.start && !(s.toks.end..p.start).any(|k| v.w(k) == ",") =>
        {
            s.toks.start.min(p.start)
        }
        _ => p.start,
    }
}
