//! STATEMENT facts and the attribution of reported speech:
//! - speech verbs with a resolved subject (`She underlined ...`, `The under secretary expressed
//!   his gratitude ...`), addressees of `thank`, `congratulate`, `tell`, `urge`;
//! - a speaking document or spokesperson: `A statement issued by the X embassy said ...`,
//!   `a spokesperson for X said`, `X's statement said`;
//! - inverted and quoted speech: `"...," said X`;
//! - `according to X`: the source of everything the sentence reports.

use std::ops::Range;

use super::clause::{self, Prelude, Subject};
use super::lexicon::{self as lx, SpeechClass};
use super::view::View;
use super::{ent_arg, new_fact, text_arg, time_arg};
use crate::doc::Doc;
use crate::model::{EntityType, Fact, FactType, Modality, Polarity};

fn is_speaker_type(t: EntityType) -> bool {
    matches!(
        t,
        EntityType::Person | EntityType::Org | EntityType::Gpe | EntityType::Norp
    )
}

/// Tokens scanned for a source at each end of the stretch before a speech verb.
const SOURCE_WINDOW: usize = 48;

/// The source a sentence attributes its content to: `according to X`, or a statement, handout or
/// spokesperson `issued by X` / `for X` / `X's statement` before token `before`.
pub fn source(v: &View, sent: &Range<usize>, before: usize) -> Option<usize> {
    let end = before.min(sent.end);
    // Called once per speech verb: scanning a whole run-on sentence each time would be quadratic.
    // Sources sit near the sentence start (`According to X, ...`) or near the verb (`..., in a
    // statement issued by X, said`), so only those two windows are scanned.
    let head_end = end.min(sent.start + SOURCE_WINDOW);
    let tail_start = end.saturating_sub(SOURCE_WINDOW).max(head_end);
    for k in (sent.start..head_end).chain(tail_start..end) {
        let w = v.w(k);
        if w == "according" && v.w(k + 1) == "to" {
            let mut q = k + 2;
            while q < end && lx::is_determiner(v.w(q)) {
                q += 1;
            }
            if let Some(m) = v.mention(q).filter(|m| is_speaker_type(m.etype)) {
                return Some(m.entity);
            }
        }
        if lx::is_speech_source_noun(w) {
            // `statement issued by X`, `spokesman for X`, `statement from X`
            let lim = (k + 5).min(end);
            for p in k + 1..lim {
                if matches!(v.w(p), "by" | "for" | "from" | "of") {
                    let mut q = p + 1;
                    while q < end && lx::is_determiner(v.w(q)) {
                        q += 1;
                    }
                    if let Some(m) = v.mention(q).filter(|m| is_speaker_type(m.etype)) {
                        return Some(m.entity);
                    }
                    break;
                }
            }
            // `X's statement`, `the ministry's spokesperson`
            let mut q = k;
            while q > sent.start
                && (lx::is_possessive(v.w(q - 1)) || !v.is_punct(q - 1))
                && k - q < 4
            {
                if let Some(m) = v.mention(q - 1) {
                    if v.possessive_after(m) && is_speaker_type(m.etype) {
                        return Some(m.entity);
                    }
                    break;
                }
                q -= 1;
            }
        }
    }
    None
}

/// A statement found at one speech verb.
pub struct Speech {
    pub fact: Fact,
    pub speaker: usize,
}

/// Builds the STATEMENT for the speech verb at `i`, if its speaker resolves.
#[allow(clippy::too_many_arguments)]
pub fn at(
    doc: &Doc<'_>,
    v: &View,
    sent: &Range<usize>,
    sspan: crate::model::Span,
    i: usize,
    p: &Prelude,
    subject: Option<&Subject>,
    nominal_speaker: Option<usize>,
) -> Option<Speech> {
    let (lemma, mut class, takes_addressee) = lx::speech_verb(v.w(i))?;
    if p.passive && !matches!(v.w(i), "stressed" | "noted") {
        // `is said to`, `was told`: not the speaker's own statement.
        return None;
    }
    // `the said agreement`, `a noted author`: an adjective, not a verb.
    if i > sent.start && matches!(v.w(i - 1), "the" | "a" | "an") {
        return None;
    }
    if lemma == "add" && !matches!(v.w(i + 1), "that" | "," | "\"" | "“" | ":" | ".") {
        return None;
    }
    let mut speaker = subject
        .filter(|s| !s.plural_unresolved && s.entities.len() == 1)
        .map(|s| s.entities[0])
        .filter(|&e| is_speaker_type(doc.entities[e].entity_type))
        .or(nominal_speaker);
    let mut rule = "rule:statement/svo";
    // Inverted: `..., said X` / `” said the minister`.
    let inverted = i > sent.start && matches!(v.w(p.start.saturating_sub(1)), "," | "”" | "\"");
    if speaker.is_none() && inverted {
        let mut q = i + 1;
        while q < sent.end && q < i + 5 && v.mention(q).is_none() {
            q += 1;
        }
        if let Some(m) = v.mention(q).filter(|m| is_speaker_type(m.etype)) {
            speaker = Some(m.entity);
            rule = "rule:statement/inverted";
        }
    }
    if speaker.is_none() {
        speaker = source(v, sent, i);
        rule = "rule:statement/source";
    }
    let speaker = speaker?;
    let mut f = new_fact(
        FactType::Statement,
        lemma,
        v.span_of(&(i..i + 1)),
        sspan,
        rule,
        0.8,
    );
    f.arguments.push(ent_arg(doc, "speaker", speaker));
    let mut content_from = i + 1;
    if takes_addressee {
        let objs = clause::objects(v, sent, i + 1);
        for m in &objs.mentions {
            if is_speaker_type(m.etype) && m.entity != speaker {
                f.arguments.push(ent_arg(doc, "addressee", m.entity));
            }
        }
        if !objs.mentions.is_empty() {
            content_from = objs.end;
        }
    }
    if lemma == "express" {
        let lim = (i + 4).min(sent.end);
        if let Some(c) = (i + 1..lim).find_map(|k| lx::expressed_class(v.w(k))) {
            class = c;
        }
    }
    f.cameo_code = match class {
        SpeechClass::Say => "010",
        SpeechClass::Praise => "051",
        SpeechClass::Empathy => "018",
        SpeechClass::Deny => "016",
        SpeechClass::Criticize => "111",
        SpeechClass::Urge => "020",
    }
    .to_string();
    while content_from < sent.end && matches!(v.w(content_from), "that" | "," | ":") {
        content_from += 1;
    }
    let mut content_end = sent.end;
    while content_end > content_from
        && (v.is_punct(content_end - 1) || matches!(v.w(content_end - 1), "”" | "\""))
    {
        content_end -= 1;
    }
    if content_end > content_from {
        let s = v.span_of(&(content_from..content_end));
        f.arguments.push(text_arg(
            "content",
            v.text.get(s.start..s.end).unwrap_or(""),
        ));
    } else if inverted {
        // Quoted content before the verb: from the sentence start to the comma/quote.
        let mut a = sent.start;
        while a < p.start && matches!(v.w(a), "“" | "\"") {
            a += 1;
        }
        let mut b = p.start;
        while b > a && (v.is_punct(b - 1) || matches!(v.w(b - 1), "”" | "\"")) {
            b -= 1;
        }
        if b > a {
            let s = v.span_of(&(a..b));
            f.arguments.push(text_arg(
                "content",
                v.text.get(s.start..s.end).unwrap_or(""),
            ));
        }
    }
    let clause_start = subject.map_or(p.start, |s| s.toks.start.min(p.start));
    // The time of the utterance: before the verb, or right after it (`said on Monday`), never
    // inside its content.
    let after = if v.time_at.get(i + 1).copied().flatten().is_some() {
        i + 2
    } else if v.w(i + 1) == "on" {
        i + 3
    } else {
        i + 1
    };
    if let Some(t) = clause::time_in(v, clause_start..after.min(sent.end), i) {
        f.arguments.push(time_arg(doc, t));
    }
    if p.negated {
        f.polarity = Polarity::Negative;
    }
    if p.hedged {
        f.modality = Modality::Hypothetical;
    }
    Some(Speech { fact: f, speaker })
}
