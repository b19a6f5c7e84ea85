//! MEETING, TRAVEL and COMMUNICATION facts from trigger verbs and nominalizations, and the
//! sentence loop that also calls `statements` so that events inside reported speech get their
//! source. Each sentence is walked once, left to right; the subject of the previous predicate is
//! kept for coordinated verb phrases (`X held talks with Y and met Z`).

use std::collections::HashSet;
use std::ops::Range;

use super::clause::{self, Coord, Prelude, Subject};
use super::statements;
use super::view::View;
use super::{ent_arg, new_fact, time_arg};
use crate::doc::Doc;
use crate::lexicon::facts::{self as lx, FactWord, Frame};
use crate::model::{ArgValue, EntityType, Fact, FactType, Modality, Polarity, Span};

/// How far back (in sentences) `they` / `the two sides` may find the parties of an event.
const PARTY_LOOKBACK: usize = 2;
/// How many following sentences a source (`according to X`, `a statement by X said`) may carry
/// over to when they go on with a pronoun or a definite description.
const CARRY_SENTENCES: usize = 4;
/// Titles considered when resolving `the under secretary` to a person.
const RECENT_ROLES: usize = 64;

fn is_party(t: EntityType) -> bool {
    matches!(
        t,
        EntityType::Person | EntityType::Org | EntityType::Gpe | EntityType::Norp
    )
}

fn is_place(t: EntityType) -> bool {
    matches!(t, EntityType::Gpe | EntityType::Loc | EntityType::Fac)
}

/// Holders of titles found by the roles stage, to resolve `the under secretary` when
/// coreference did not.
struct RoleIndex {
    /// (person entity index, lowercased title words, byte offset of the title)
    roles: Vec<(usize, Vec<String>, usize)>,
}

impl RoleIndex {
    fn new(doc: &Doc<'_>) -> Self {
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
    fn resolve(&self, v: &View, sent: &Range<usize>, end: usize) -> Option<usize> {
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

/// One detected event before it becomes facts.
struct Event {
    ftype: FactType,
    predicate: &'static str,
    trig: Range<usize>,
    cameo: &'static str,
    extractor: &'static str,
    confidence: f32,
    subject: Option<Subject>,
    objects: Vec<usize>,
    coord: Coord,
    /// Participants given without a subject (`talks between A and B`).
    no_subject: bool,
    loc_from: usize,
}

/// Sentence-level context shared by the events of one sentence.
struct SentState {
    /// Speaker of the speech verb whose complement we are in, from this token on.
    reported: Option<(usize, usize)>,
    /// `Observers believe ...` from this token on.
    opinion_from: Option<usize>,
    /// A speech verb whose speaker is no entity (`Analysts say ...`) from this token on.
    reported_unknown: Option<usize>,
}

pub fn extract(doc: &Doc<'_>, v: &View) -> Vec<Fact> {
    let roles = RoleIndex::new(doc);
    let mut out: Vec<Fact> = Vec::new();
    // (sentence index, participants) of the latest multi-party event.
    let mut last_parties: Option<(usize, Vec<usize>)> = None;
    let mut carry: Option<usize> = None;
    let mut carried = 0usize;
    for (si, (sent, sspan)) in v.sents.iter().enumerate() {
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
        let mut st = SentState {
            reported: None,
            opinion_from: None,
            reported_unknown: None,
        };
        let mut prev: Option<Subject> = None;
        let mut consumed = sent.start;
        let first_fact = out.len();
        let mut trailing: Option<(usize, usize)> = None; // (byte offset, speaker)
        for i in sent.clone() {
            if i < consumed
                || v.mention(i).is_some_and(|m| {
                    m.kind != crate::model::MentionKind::Pronoun && m.toks.len() > 1
                })
            {
                continue;
            }
            let w = v.w(i);
            if lx::is_opinion_verb(w) && st.opinion_from.is_none() {
                st.opinion_from = Some(i);
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
                    if st.reported.is_none() {
                        st.reported = Some((i, sp.speaker));
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
                } else if st.reported_unknown.is_none()
                    && crate::lexicon::speech::speech_verb(w).is_some_and(|s| s.report_cue)
                    && !(i > sent.start && lx::is_determiner(v.w(i - 1)))
                {
                    // `Officials said X met Y`: reported by someone who is no entity.
                    st.reported_unknown = Some(i);
                }
                continue;
            }
            let Some((ev, next)) = detect(v, &sent, i, &prev, &roles) else {
                continue;
            };
            consumed = next;
            if let Some(s) = &ev.subject {
                if !s.plural_unresolved {
                    prev = Some(s.clone());
                }
            }
            let p = clause::prelude(v, &sent, ev.trig.start);
            let facts = finish(
                doc,
                v,
                &sent,
                *sspan,
                si,
                ev,
                &p,
                &mut last_parties,
                &st,
                attributed,
            );
            out.extend(facts);
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

/// Detects an event trigger at token `i`; returns it and the first token after it.
fn detect(
    v: &View,
    sent: &Range<usize>,
    i: usize,
    prev: &Option<Subject>,
    roles: &RoleIndex,
) -> Option<(Event, usize)> {
    let w = v.w(i);
    // One lookup for every trigger test below.
    let frame = lx::trigger_verb(w).map(|t| t.frame);
    let mk = |ftype, predicate, trig: Range<usize>, cameo, extractor, confidence| Event {
        ftype,
        predicate,
        trig,
        cameo,
        extractor,
        confidence,
        subject: None,
        objects: vec![],
        coord: Coord::And,
        no_subject: false,
        loc_from: i + 1,
    };
    let subj_of = |t: usize| {
        let p = clause::prelude(v, sent, t);
        clause::subject(v, sent, &p, prev.as_ref()).or_else(|| {
            roles.resolve(v, sent, p.start).map(|e| Subject {
                entities: vec![e],
                toks: p.start.saturating_sub(1)..p.start,
                plural_unresolved: false,
            })
        })
    };
    let objs_of = |from: usize, ev: &mut Event| {
        let o = clause::objects(v, sent, from);
        ev.objects = o
            .mentions
            .iter()
            .filter(|m| is_party(m.etype) || is_place(m.etype))
            .map(|m| m.entity)
            .collect();
        ev.coord = o.coord;
        ev.loc_from = o.end;
        o
    };

    // `held (wide-ranging) talks with`, `had a telephone conversation with`
    // Passive `talks were held between A and B`, `a meeting was held with X`.
    if matches!(w, "held" | "hold" | "conducted")
        && matches!(v.w(i + 1), "between" | "with")
        && (i.saturating_sub(3).max(sent.start)..i).any(|k| lx::is_meeting_noun(v.w(k)))
    {
        let mut ev = mk(
            FactType::Meeting,
            "hold talks",
            i..i + 1,
            "040",
            "rule:meeting/held-passive",
            0.7,
        );
        let o = objs_of(i + 2, &mut ev);
        ev.no_subject = v.w(i + 1) == "between";
        if !ev.no_subject {
            ev.subject = subj_of(i);
        }
        return Some((ev, o.end.max(i + 1)));
    }
    if frame == Some(Frame::Hold) {
        let lim = (i + 5).min(sent.end);
        let mut phone = false;
        let mut k = i + 1;
        while k < lim && !lx::is_meeting_noun(v.w(k)) {
            if v.is_punct(k) || v.mention(k).is_some() || v.is_cap(k) {
                return None;
            }
            phone |= lx::is_phone_word(v.w(k));
            k += 1;
        }
        if k >= lim {
            return None;
        }
        let (ft, cameo, ex) = if phone {
            (
                FactType::Communication,
                "041",
                "rule:communication/held-call",
            )
        } else {
            (FactType::Meeting, "040", "rule:meeting/held-talks")
        };
        let mut ev = mk(ft, "hold talks", i..k + 1, cameo, ex, 0.8);
        ev.subject = subj_of(i);
        match v.w(k + 1) {
            "with" => {
                objs_of(k + 2, &mut ev);
            }
            "between" => {
                objs_of(k + 2, &mut ev);
                ev.no_subject = true;
            }
            _ => ev.loc_from = k + 1,
        }
        let end = ev_end(&ev);
        return Some((ev, end));
    }
    // `met (with) X`, `is meeting X`
    if frame == Some(Frame::Meet) {
        // `meeting` is a verb after an auxiliary or as a gerund with a direct object (`denied
        // meeting X`, `after meeting X`); after a determiner it is a noun (`a meeting with X`).
        let prev = if i > sent.start { v.w(i - 1) } else { "" };
        let gerund = !lx::is_determiner(prev)
            && !v.mention(i.wrapping_sub(1)).is_some_and(|m| {
                v.possessive_after(m) || m.kind == crate::model::MentionKind::Pronoun
            })
            && (v.mention(i + 1).is_some() || (v.w(i + 1) == "with" && v.mention(i + 2).is_some()));
        if w == "meeting" && !matches!(prev, "is" | "are" | "was" | "were" | "be") && !gerund {
            return nominal_meeting(
                v,
                sent,
                i,
                mk(
                    FactType::Meeting,
                    "meet",
                    i..i + 1,
                    "040",
                    "rule:meeting/nominal",
                    0.6,
                ),
            );
        }
        let mut ev = mk(
            FactType::Meeting,
            "meet",
            i..i + 1,
            "040",
            "rule:meeting/svo-met",
            0.85,
        );
        ev.subject = subj_of(i);
        objs_of(i + 1, &mut ev);
        return Some((ev, i + 1));
    }
    if lx::is_meeting_noun(w) && matches!(v.w(i + 1), "with" | "between") {
        return nominal_meeting(
            v,
            sent,
            i,
            mk(
                FactType::Meeting,
                "meet",
                i..i + 1,
                "040",
                "rule:meeting/nominal",
                0.6,
            ),
        );
    }
    // `in a phone call with X`, `a telephone conversation with X`, `a phone call between A and B`
    if matches!(w, "call" | "calls" | "conversation" | "conversations")
        && i > sent.start
        && lx::is_phone_word(v.w(i - 1))
        && matches!(v.w(i + 1), "with" | "between")
    {
        return nominal_meeting(
            v,
            sent,
            i,
            mk(
                FactType::Communication,
                "call",
                i - 1..i + 1,
                "041",
                "rule:communication/nominal",
                0.7,
            ),
        );
    }
    // `paid a courtesy call on X`: a meeting, like `called on X`.
    if matches!(w, "paid" | "pay" | "pays" | "paying") {
        let mut k = i + 1;
        while k < (i + 4).min(sent.end)
            && matches!(
                v.w(k),
                "a" | "an" | "courtesy" | "farewell" | "brief" | "short"
            )
        {
            k += 1;
        }
        if k == i + 1 || v.w(k) != "call" || !matches!(v.w(k + 1), "on" | "upon") {
            return None;
        }
        let mut ev = mk(
            FactType::Meeting,
            "call on",
            i..k + 2,
            "042",
            "rule:meeting/paid-call",
            0.8,
        );
        let o = objs_of(k + 2, &mut ev);
        if o.mentions
            .first()
            .is_none_or(|m| m.etype != EntityType::Person)
        {
            return None;
        }
        ev.subject = subj_of(i);
        return Some((ev, o.end));
    }
    // `called on X` (a courtesy call: a meeting) / `called X` (a phone call)
    if frame == Some(Frame::Call) {
        if i > sent.start && matches!(v.w(i - 1), "is" | "was" | "are" | "were" | "be" | "so") {
            return None;
        }
        if matches!(v.w(i + 1), "on" | "upon") {
            let mut ev = mk(
                FactType::Meeting,
                "call on",
                i..i + 2,
                "042",
                "rule:meeting/call-on",
                0.8,
            );
            let o = objs_of(i + 2, &mut ev);
            let first_person = o
                .mentions
                .first()
                .is_some_and(|m| m.etype == EntityType::Person);
            if !first_person || v.w(o.end) == "to" {
                return None;
            }
            ev.subject = subj_of(i);
            return Some((ev, o.end));
        }
        let m = v.mention(i + 1)?;
        if m.etype != EntityType::Person || m.kind == crate::model::MentionKind::Nominal {
            return None;
        }
        let after = v.w(m.toks.end);
        if !(after.is_empty()
            || FactWord::CallObjectEnd.has(after)
            || v.time_at.get(m.toks.end).copied().flatten().is_some())
        {
            return None;
        }
        let mut ev = mk(
            FactType::Communication,
            "call",
            i..i + 1,
            "041",
            "rule:communication/called",
            0.6,
        );
        ev.subject = subj_of(i);
        let o = objs_of(i + 1, &mut ev);
        return Some((ev, o.end));
    }
    // `spoke (by phone) to/with X`, `has never spoken to either A or B on the telephone`
    if frame == Some(Frame::Speak) {
        let mut k = i + 1;
        let mut phone = false;
        while k < (i + 5).min(sent.end) && !matches!(v.w(k), "to" | "with") {
            // `spoke briefly with`, `spoke by phone to`
            let adverb = v.w(k).ends_with("ly") && !v.is_cap(k);
            // `spoke twice by phone with`, `has spoken three times to`
            let frequency = matches!(
                v.w(k),
                "twice" | "again" | "also" | "once" | "times" | "several" | "directly"
            ) || v.kinds.get(k) == Some(&crate::doc::TokenKind::Number)
                || matches!(v.w(k), "two" | "three" | "four" | "five" | "many");
            if !(matches!(v.w(k), "by" | "on" | "over" | "the" | "a")
                || lx::is_phone_word(v.w(k))
                || adverb
                || frequency)
            {
                return None;
            }
            phone |= lx::is_phone_word(v.w(k));
            k += 1;
        }
        if !matches!(v.w(k), "to" | "with") {
            return None;
        }
        let mut ev = mk(
            FactType::Communication,
            "speak",
            i..i + 1,
            "040",
            "rule:communication/spoke",
            0.6,
        );
        let o = objs_of(k + 1, &mut ev);
        if o.mentions.is_empty() {
            return None;
        }
        let tail_end = clause::clause_end(v, sent, o.end).min(o.end + 8);
        phone |= (o.end..tail_end).any(|q| lx::is_phone_word(v.w(q)));
        if phone {
            ev.cameo = "041";
            ev.confidence = 0.85;
            ev.extractor = "rule:communication/spoke-phone";
        }
        ev.subject = subj_of(i);
        return Some((ev, o.end));
    }
    if frame == Some(Frame::Phone) {
        let mut ev = mk(
            FactType::Communication,
            "phone",
            i..i + 1,
            "041",
            "rule:communication/phoned",
            0.8,
        );
        let o = objs_of(i + 1, &mut ev);
        if o.mentions.is_empty() {
            return None;
        }
        ev.subject = subj_of(i);
        return Some((ev, o.end));
    }
    if frame == Some(Frame::Write) && v.w(i + 1) == "to" {
        let mut ev = mk(
            FactType::Communication,
            "write",
            i..i + 1,
            "040",
            "rule:communication/wrote",
            0.7,
        );
        let o = objs_of(i + 2, &mut ev);
        if o.mentions.is_empty() {
            return None;
        }
        ev.subject = subj_of(i);
        return Some((ev, o.end));
    }
    // `received / hosted X`; passive `X was received by Y`
    if frame == Some(Frame::Host) {
        let p = clause::prelude(v, sent, i);
        // `received a (phone) call from X`: a communication, not a visit.
        let mut k = i + 1;
        while k < (i + 4).min(sent.end) && (lx::is_determiner(v.w(k)) || lx::is_phone_word(v.w(k)))
        {
            k += 1;
        }
        if matches!(v.w(k), "call" | "calls") && v.w(k + 1) == "from" {
            let mut ev = mk(
                FactType::Communication,
                "call",
                i..k + 1,
                "041",
                "rule:communication/received-call",
                0.7,
            );
            let o = objs_of(k + 2, &mut ev);
            if !o.mentions.first().is_some_and(|m| is_party(m.etype)) {
                return None;
            }
            ev.subject = subj_of(i);
            return Some((ev, o.end));
        }
        if p.passive && v.w(i + 1) == "by" {
            let mut ev = mk(
                FactType::Meeting,
                "host",
                i..i + 1,
                "043",
                "rule:meeting/host-passive",
                0.7,
            );
            let o = objs_of(i + 2, &mut ev);
            if !o.mentions.first().is_some_and(|m| is_party(m.etype)) {
                return None;
            }
            ev.subject = subj_of(i);
            return Some((ev, o.end));
        }
        let m = {
            let o = clause::objects(v, sent, i + 1);
            o.mentions.first().cloned()
        }?;
        if m.etype != EntityType::Person {
            return None;
        }
        let mut ev = mk(
            FactType::Meeting,
            "host",
            i..i + 1,
            "043",
            "rule:meeting/host",
            0.7,
        );
        let o = objs_of(i + 1, &mut ev);
        ev.subject = subj_of(i);
        return Some((ev, o.end));
    }
    // `discussed X with Y`; `They discussed X` (plural subject)
    if frame == Some(Frame::Discuss) {
        let mut ev = mk(
            FactType::Meeting,
            "discuss",
            i..i + 1,
            "040",
            "rule:meeting/discuss",
            0.6,
        );
        ev.subject = subj_of(i);
        let end = clause::clause_end(v, sent, i + 1).min(i + 16);
        if let Some(k) = clause::find_forward(v, sent, i + 1, end - i, |x| x == "with") {
            objs_of(k + 1, &mut ev);
        } else if i > sent.start && v.w(i - 1) == "to" {
            // `met X in Y to discuss Z`: the purpose of the meeting already found.
            return None;
        } else {
            ev.loc_from = i + 1;
        }
        return Some((ev, i + 1));
    }
    // Movement: `travelled to X`, `arrived in X`, `was sent to X and Y`, `left for X`
    if let Some((lemma, preps)) = lx::travel_verb(w) {
        let p = clause::prelude(v, sent, i);
        let mut k = i + 1;
        let mut traveler_obj = None;
        if lemma == "send" && !p.passive {
            // Active `X sent Y to Z`: Y travels.
            let o = clause::objects(v, sent, i + 1);
            traveler_obj = o.mentions.first().map(|m| m.entity);
            traveler_obj?;
            k = o.end;
        }
        while k < (i + 4).min(sent.end) && FactWord::TravelAdverb.has(v.w(k))
            || (v.w(k).ends_with("ly") && !v.is_cap(k))
            || v.time_at.get(k).copied().flatten().is_some()
        {
            k += 1;
        }
        if !preps.contains(&v.w(k)) {
            return None;
        }
        let mut ev = mk(
            FactType::Travel,
            lemma,
            i..i + 1,
            "042",
            "rule:travel/verb",
            0.8,
        );
        let o = objs_of(k + 1, &mut ev);
        if let Some(t) = traveler_obj {
            ev.subject = Some(Subject {
                entities: vec![t],
                toks: i + 1..i + 2,
                plural_unresolved: false,
            });
        } else {
            ev.subject = subj_of(i);
        }
        return Some((ev, o.end.max(i + 1)));
    }
    // `visited X` (verb) / `the visit of X to Y`, `X's visit to Y` (noun)
    if frame == Some(Frame::Visit) || lx::is_trip_noun(w) {
        let nominal = i > sent.start
            && (lx::is_determiner(v.w(i - 1))
                || v.w(i - 1).ends_with("'s")
                || lx::is_possessive(v.w(i - 1))
                || v.mention(i - 1).is_some_and(|m| v.possessive_after(m))
                // `a three-day visit`, `his first visit`
                || (i > sent.start + 1
                    && lx::is_determiner(v.w(i - 2))
                    && v.mention(i - 1).is_none()
                    && !v.is_punct(i - 1)
                    && !lx::is_verb_prelude(v.w(i - 1))))
            || (lx::is_trip_noun(w) && frame != Some(Frame::Visit))
            // `X's two-day visit`
            || possessor(v, sent, i).is_some();
        if nominal {
            return nominal_visit(
                v,
                sent,
                i,
                mk(
                    FactType::Travel,
                    "visit",
                    i..i + 1,
                    "042",
                    "rule:travel/nominal",
                    0.7,
                ),
            );
        }
        let mut ev = mk(
            FactType::Travel,
            "visit",
            i..i + 1,
            "042",
            "rule:travel/visit",
            0.8,
        );
        let o = objs_of(i + 1, &mut ev);
        match o.mentions.first() {
            Some(m) if is_place(m.etype) => {}
            // `visited the president`: calling on a person is a meeting (CAMEO 042).
            Some(m) if m.etype == EntityType::Person => {
                ev.ftype = FactType::Meeting;
                ev.extractor = "rule:meeting/visit-person";
                ev.confidence = 0.7;
            }
            _ => return None,
        }
        ev.subject = subj_of(i);
        return Some((ev, o.end));
    }
    None
}

fn ev_end(ev: &Event) -> usize {
    ev.loc_from.max(ev.trig.end)
}

/// `X's meeting with Y`, `his talks with Y`, `talks between A and B`.
fn nominal_meeting(
    v: &View,
    sent: &Range<usize>,
    i: usize,
    mut ev: Event,
) -> Option<(Event, usize)> {
    let prep = v.w(i + 1);
    if !matches!(prep, "with" | "between") {
        return None;
    }
    let o = clause::objects(v, sent, i + 2);
    ev.objects = o
        .mentions
        .iter()
        .filter(|m| is_party(m.etype))
        .map(|m| m.entity)
        .collect();
    ev.loc_from = o.end;
    if prep == "between" {
        ev.no_subject = true;
        return Some((ev, o.end.max(i + 1)));
    }
    let owner = possessor(v, sent, i).or_else(|| fronted_pp_subject(v, sent, i, o.end))?;
    ev.subject = Some(Subject {
        entities: vec![owner],
        toks: i..i + 1,
        plural_unresolved: false,
    });
    Some((ev, o.end.max(i + 1)))
}

/// `In a phone call with X on Friday, Y promised ...`, `During talks with X, Y said ...`: a
/// sentence-initial phrase's event belongs to the subject after its comma.
fn fronted_pp_subject(v: &View, sent: &Range<usize>, noun: usize, after: usize) -> Option<usize> {
    if !matches!(
        v.w(sent.start),
        "in" | "during" | "at" | "after" | "following" | "before"
    ) || noun > sent.start + 6
    {
        return None;
    }
    let comma = (after..(after + 8).min(sent.end)).find(|&k| v.w(k) == ",")?;
    let mut k = comma + 1;
    while k < (comma + 8).min(sent.end) {
        let w = v.w(k);
        if let Some(m) = v.mention(k) {
            let modifier = matches!(m.etype, EntityType::Norp | EntityType::Gpe)
                && lx::is_title_word(v.w(v.after_mention(m)));
            if !modifier {
                return is_party(m.etype).then_some(m.entity);
            }
            k = v.after_mention(m);
            continue;
        }
        if !(lx::is_title_word(w) || lx::is_determiner(w) || lx::is_honorific(w)) {
            return None;
        }
        k += 1;
    }
    None
}

/// The possessor of the noun at `i`: `X's visit`, `his visit` (skipping adjectives).
fn possessor(v: &View, sent: &Range<usize>, i: usize) -> Option<usize> {
    let mut k = i;
    let lo = i.saturating_sub(4).max(sent.start);
    while k > lo {
        let j = k - 1;
        if let Some(m) = v.mention(j) {
            let poss = v.possessive_after(m)
                || matches!(v.w(m.toks.start), "his" | "her" | "their" | "its");
            return (poss && is_party(m.etype)).then_some(m.entity);
        }
        if lx::is_possessive(v.w(j)) {
            return v
                .mention(j.checked_sub(1)?)
                .filter(|m| is_party(m.etype))
                .map(|m| m.entity);
        }
        if v.is_punct(j) || lx::is_determiner(v.w(j)) || lx::is_preposition(v.w(j)) {
            return None;
        }
        k = j;
    }
    None
}

/// `X, who is (currently) on ...`: the person the relative clause before `at` is about.
fn relative_antecedent(v: &View, sent: &Range<usize>, at: usize) -> Option<usize> {
    let mut q = at;
    while q > sent.start
        && matches!(
            v.w(q - 1),
            "is" | "was" | "are" | "were" | "currently" | "now"
        )
    {
        q -= 1;
    }
    if q < sent.start + 3 || v.w(q - 1) != "who" || v.w(q - 2) != "," {
        return None;
    }
    v.mention(q - 3)
        .filter(|m| m.toks.end == q - 2 && is_party(m.etype))
        .map(|m| m.entity)
}

/// `the visit of X to Y`, `X's visit to Y`, `his trip to Y and Z`.
fn nominal_visit(v: &View, sent: &Range<usize>, i: usize, mut ev: Event) -> Option<(Event, usize)> {
    let mut k = i + 1;
    let mut traveler = possessor(v, sent, i);
    if v.w(k) == "of" {
        let mut q = k + 1;
        while q < sent.end && lx::is_determiner(v.w(q)) {
            q += 1;
        }
        let m = v.mention(q)?;
        if !is_party(m.etype) {
            return None;
        }
        traveler = Some(m.entity);
        k = m.toks.end;
    }
    if traveler.is_none() {
        // `X, who is on a three-day visit to Y`, `X is on a tour of Y`: the subject of `is on`.
        if let Some(on) = (i.saturating_sub(4).max(sent.start)..i).find(|&q| v.w(q) == "on") {
            let p = clause::prelude(v, sent, on);
            traveler = clause::subject(v, sent, &p, None)
                .filter(|s| !s.plural_unresolved && s.entities.len() == 1)
                .map(|s| s.entities[0])
                .or_else(|| relative_antecedent(v, sent, on));
        }
    }
    let traveler = traveler?;
    if !matches!(v.w(k), "to" | "in") {
        return None;
    }
    let o = clause::objects(v, sent, k + 1);
    ev.objects = o
        .mentions
        .iter()
        .filter(|m| is_place(m.etype))
        .map(|m| m.entity)
        .collect();
    ev.subject = Some(Subject {
        entities: vec![traveler],
        toks: i..i + 1,
        plural_unresolved: false,
    });
    ev.loc_from = o.end;
    Some((ev, o.end.max(i + 1)))
}

#[allow(clippy::too_many_arguments)]
fn finish(
    doc: &Doc<'_>,
    v: &View,
    sent: &Range<usize>,
    sspan: Span,
    si: usize,
    ev: Event,
    p: &Prelude,
    last_parties: &mut Option<(usize, Vec<usize>)>,
    st: &SentState,
    attributed: Option<usize>,
) -> Vec<Fact> {
    let trig_span = v.span_of(&ev.trig);
    let mut agents: Vec<usize> = Vec::new();
    let mut plural = false;
    if let Some(s) = &ev.subject {
        if s.plural_unresolved {
            plural = true;
        } else {
            agents = s.entities.clone();
        }
    }
    if plural {
        match last_parties {
            Some((at, parties)) if si - *at <= PARTY_LOOKBACK => agents = parties.clone(),
            _ => return vec![],
        }
    }
    agents.retain(|&e| is_party(doc.entities[e].entity_type));
    // A nominal event under a modal (`could lead to a summit between A and B`).
    let hedged_nominal = ev.extractor.ends_with("nominal")
        && (ev.trig.start.saturating_sub(8).max(sent.start)..ev.trig.start)
            .any(|k| lx::is_hedge(v.w(k)));
    // `Talks between A and B are planned for next week`: the verb after a nominal event.
    let planned = ev.no_subject
        && (ev.loc_from..(ev.loc_from + 4).min(sent.end)).any(|k| {
            matches!(
                v.w(k),
                "planned" | "scheduled" | "expected" | "due" | "will" | "proposed"
            )
        });
    let make = |ft: FactType| {
        let mut f = new_fact(
            ft,
            ev.predicate,
            trig_span,
            sspan,
            ev.extractor,
            ev.confidence,
        );
        f.cameo_code = ev.cameo.to_string();
        if p.negated {
            f.polarity = Polarity::Negative;
        }
        f.modality = if p.intended || planned {
            Modality::Intended
        } else if p.would && st.reported.is_some_and(|(r, _)| r < ev.trig.start) {
            // `X said he would visit Y`: future in the past, a plan.
            Modality::Intended
        } else if p.hedged || p.would || hedged_nominal {
            Modality::Hypothetical
        } else if st.opinion_from.is_some_and(|o| o < ev.trig.start) {
            Modality::Opinion
        } else if st.reported.is_some_and(|(r, _)| r < ev.trig.start)
            || st.reported_unknown.is_some_and(|r| r < ev.trig.start)
            || attributed.is_some()
        {
            Modality::Reported
        } else {
            Modality::Asserted
        };
        if f.modality == Modality::Intended && matches!(ft, FactType::Meeting | FactType::Travel) {
            f.cameo_code = "036".to_string();
        }
        let src = st
            .reported
            .filter(|(r, _)| *r < ev.trig.start)
            .map(|(_, s)| s)
            .or(attributed);
        f.attributed_to = src.map(|s| doc.entities[s].id.clone());
        f
    };
    let clause_start = clause::time_window_start(v, ev.subject.as_ref(), p);
    let clause_end = clause::clause_end(v, sent, ev.trig.end);
    let time = clause::time_in(v, clause_start..clause_end, ev.trig.start);
    let location =
        clause::location_after(v, sent, ev.loc_from).or_else(|| clause::fronted_location(v, sent));
    let mut out = Vec::new();
    match ev.ftype {
        FactType::Travel => {
            let dests: Vec<usize> = ev
                .objects
                .iter()
                .copied()
                .filter(|&e| is_place(doc.entities[e].entity_type))
                .collect();
            if dests.is_empty() || agents.is_empty() {
                return out;
            }
            let mut f = make(FactType::Travel);
            for &a in &agents {
                f.arguments.push(ent_arg(doc, "traveler", a));
            }
            for &d in &dests {
                if !agents.contains(&d) {
                    f.arguments.push(ent_arg(doc, "destination", d));
                }
            }
            if let Some(t) = time {
                f.arguments.push(time_arg(doc, t));
            }
            out.push(f);
        }
        FactType::Meeting | FactType::Communication => {
            let objs: Vec<usize> = ev
                .objects
                .iter()
                .copied()
                .filter(|&e| is_party(doc.entities[e].entity_type))
                .collect();
            let groups: Vec<Vec<usize>> = if matches!(ev.coord, Coord::Or | Coord::Each) {
                objs.iter().map(|&o| vec![o]).collect()
            } else {
                vec![objs]
            };
            for g in groups {
                let mut parts: Vec<usize> = Vec::new();
                let mut seen = HashSet::new();
                let base = if ev.no_subject { &[][..] } else { &agents[..] };
                for &e in base.iter().chain(g.iter()) {
                    if seen.insert(e) {
                        parts.push(e);
                    }
                }
                if parts.len() < 2 {
                    continue;
                }
                let mut f = make(ev.ftype);
                for &e in &parts {
                    f.arguments.push(ent_arg(doc, "participant", e));
                }
                if let Some(t) = time {
                    f.arguments.push(time_arg(doc, t));
                }
                // Each object has its own place; the one found is only the last object's.
                let location = location.filter(|_| ev.coord != Coord::Each);
                if let Some(l) = location.filter(|l| !parts.contains(l)) {
                    f.arguments.push(ent_arg(doc, "location", l));
                }
                if ev.ftype == FactType::Meeting && f.polarity == Polarity::Positive {
                    *last_parties = Some((si, parts.clone()));
                }
                out.push(f);
            }
        }
        _ => {}
    }
    out
}
