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

/// How far before a speech verb its source may be named, in tokens.
const SOURCE_WINDOW: usize = 40;

fn is_speaker_type(t: EntityType) -> bool {
    matches!(
        t,
        EntityType::Person | EntityType::Org | EntityType::Gpe | EntityType::Norp
    )
}

/// The source a sentence attributes its content to: `according to X`, or a statement, handout or
/// spokesperson `issued by X` / `for X` / `X's statement` before token `before`.
/// `window` bounds the scan in tokens: a speech verb looks only shortly back (it is called once
/// per verb); the once-per-sentence call may scan the whole sentence.
pub fn source(v: &View, sent: &Range<usize>, before: usize, window: usize) -> Option<usize> {
    let end = before.min(sent.end);
    for k in end.saturating_sub(window).max(sent.start)..end {
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
                // `statement issued by X`, not `letter seen by X`: only issuing verbs (or none)
                // may stand between the document and its author.
                let issued = (k + 1..p).all(|q| {
                    matches!(
                        v.w(q),
                        "issued"
                            | "released"
                            | "published"
                            | "sent"
                            | "signed"
                            | "posted"
                            | "put"
                            | "out"
                            | "distributed"
                            | "circulated"
                            | "made"
                            | "public"
                    ) || lx::is_determiner(v.w(q))
                });
                if matches!(v.w(p), "by" | "for" | "from" | "of") && !issued {
                    break;
                }
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
    /// `X met Y, the ministry said.`: the speech ends the sentence and reports what comes
    /// before; facts found before this byte offset are its content.
    pub reports_before: Option<usize>,
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
    // Not a speech act: `thank you` (an interjection inside a quote), `, say, between A and B`
    // (a discourse marker), `the Arab states' wealth` (a plural noun).
    let next = v.w(i + 1);
    let bare = matches!(
        v.w(i),
        "say" | "note" | "state" | "add" | "claim" | "stress" | "thank"
    );
    if (matches!(lemma, "thank" | "congratulate") && next == "you")
        || (bare && p.start > sent.start && v.w(p.start - 1) == ",")
        || lx::is_possessive(next)
        || v.text
            .get(v.spans[i].end..)
            .is_some_and(|r| r.starts_with("' ") || r.starts_with("’ "))
    {
        return None;
    }
    // `A and B said`: both speak.
    let co_speakers: Vec<usize> = subject
        .filter(|s| !s.plural_unresolved)
        .map(|s| {
            s.entities
                .iter()
                .copied()
                .filter(|&e| is_speaker_type(doc.entities[e].entity_type))
                .collect()
        })
        .unwrap_or_default();
    let mut speaker = co_speakers.first().copied().or(nominal_speaker);
    let mut rule = "rule:statement/svo";
    let mut speaker_end = i + 1;
    // Inverted: `..., said X` / `” said the minister`.
    let inverted = i > sent.start && matches!(v.w(p.start.saturating_sub(1)), "," | "”" | "\"");
    if speaker.is_none() && inverted {
        let mut q = i + 1;
        while q < sent.end && q < i + 5 && v.mention(q).is_none() {
            q += 1;
        }
        if let Some(m) = v
            .mention(q)
            .filter(|m| q < sent.end && is_speaker_type(m.etype))
        {
            speaker = Some(m.entity);
            speaker_end = m.toks.end;
            rule = "rule:statement/inverted";
        }
    }
    if speaker.is_none() {
        speaker = source(v, sent, i, SOURCE_WINDOW);
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
    for &e in co_speakers.iter().skip(1) {
        f.arguments.push(ent_arg(doc, "speaker", e));
    }
    let mut content_from = speaker_end;
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
    if v.w(content_from) == "to" {
        // `said to X`, `remarked to The Paper`
        if let Some(m) = v
            .mention(content_from + 1)
            .filter(|m| is_speaker_type(m.etype))
        {
            if m.entity != speaker {
                f.arguments.push(ent_arg(doc, "addressee", m.entity));
            }
            content_from = v.after_mention(m);
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
    // Trailing attribution: `..., the ministry said.` reports the clause before the comma.
    let mut reports_before = None;
    if content_end <= content_from && !inverted {
        let lo = p.start.saturating_sub(14).max(sent.start);
        if let Some(c) = (lo..p.start).rev().find(|&k| v.w(k) == ",") {
            reports_before = Some(v.spans[c].start);
            let mut b = c;
            while b > sent.start && matches!(v.w(b - 1), "," | "”" | "\"") {
                b -= 1;
            }
            let mut a = sent.start;
            while a < b && matches!(v.w(a), "“" | "\"") {
                a += 1;
            }
            if b > a {
                let sp = v.span_of(&(a..b));
                f.arguments.push(text_arg(
                    "content",
                    v.text.get(sp.start..sp.end).unwrap_or(""),
                ));
            }
        }
    }
    // `"We will win," the president told supporters.`: a quote that opens the sentence and
    // closes before the verb is what was said.
    let opening_quote = matches!(v.w(sent.start), "“" | "\"");
    let closing = opening_quote
        .then(|| (sent.start + 1..p.start).find(|&k| matches!(v.w(k), "”" | "\"")))
        .flatten();
    if let Some(c) = closing.filter(|_| !inverted) {
        let mut b = c;
        while b > sent.start + 1 && v.is_punct(b - 1) {
            b -= 1;
        }
        if b > sent.start + 1 {
            let s = v.span_of(&(sent.start + 1..b));
            f.arguments.push(text_arg(
                "content",
                v.text.get(s.start..s.end).unwrap_or(""),
            ));
        }
    } else if content_end > content_from {
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
    let clause_start = clause::time_window_start(v, subject, p);
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
    Some(Speech {
        fact: f,
        speaker,
        reports_before,
    })
}

/// How a sentence sits in direct quotes.
#[derive(Debug, Clone, Copy, Default)]
pub struct QuoteScan {
    /// Some quote mark opens, closes or continues in the sentence.
    pub has_quote: bool,
    /// Every word of the sentence is inside the quote.
    pub wholly_quoted: bool,
    /// A quote is still open at the sentence's end.
    pub ends_open: bool,
}

fn is_quote_mark(w: &str) -> bool {
    matches!(w, "\"" | "\u{201C}" | "\u{201D}")
}

/// Scans the quote marks of a sentence, `open` telling whether a quote runs into it.
pub fn scan_quotes(v: &View, sent: &Range<usize>, open: bool) -> QuoteScan {
    let mut inside = open;
    let mut out = QuoteScan {
        has_quote: open,
        wholly_quoted: true,
        ends_open: false,
    };
    for k in sent.clone() {
        match v.w(k) {
            "\u{201C}" => inside = true,
            "\u{201D}" => inside = false,
            "\"" => inside = !inside,
            _ => {
                if !inside && !v.is_punct(k) {
                    out.wholly_quoted = false;
                }
                continue;
            }
        }
        out.has_quote = true;
    }
    out.ends_open = inside;
    out.wholly_quoted &= out.has_quote;
    out
}

/// `"...," she said. "The rest of it."`: a sentence made only of a direct quote, right after a
/// quoted statement, continues it with the same speaker (and attribution).
pub fn continued(
    doc: &Doc<'_>,
    v: &View,
    sent: &Range<usize>,
    sspan: crate::model::Span,
    speaker: usize,
    like: &Fact,
) -> Option<Fact> {
    let mut a = sent.start;
    while a < sent.end && is_quote_mark(v.w(a)) {
        a += 1;
    }
    let mut b = sent.end;
    while b > a && (v.is_punct(b - 1) || is_quote_mark(v.w(b - 1))) {
        b -= 1;
    }
    if b <= a {
        return None;
    }
    let content = v.span_of(&(a..b));
    let mut f = new_fact(
        FactType::Statement,
        "say",
        content,
        sspan,
        "rule:statement/quote-continued",
        0.7,
    );
    f.arguments.push(ent_arg(doc, "speaker", speaker));
    f.arguments.push(text_arg(
        "content",
        v.text.get(content.start..content.end).unwrap_or(""),
    ));
    f.cameo_code = "010".to_string();
    f.modality = like.modality;
    f.attributed_to = like.attributed_to.clone();
    Some(f)
}
