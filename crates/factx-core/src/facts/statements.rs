//! STATEMENT facts and the attribution of reported speech:
//! - speech verbs with a resolved subject (`She underlined ...`, `The under secretary expressed
//!   his gratitude ...`), addressees of `thank`, `congratulate`, `tell`, `urge`;
//! - a speaking document or spokesperson: `A statement issued by the X embassy said ...`,
//!   `a spokesperson for X said`, `X's statement said`;
//! - inverted and quoted speech: `"...," said X`;
//! - `according to X`: the source of everything the sentence reports.

use std::ops::Range;

use super::clause::{self, Prelude, Subject};
use super::view::View;
use super::{ent_arg, new_fact, text_arg, time_arg};
use crate::doc::Doc;
use crate::lexicon::facts::{self as lx, SpeechClass, SpeechCue};
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
                let issued = (k + 1..p)
                    .all(|q| SpeechCue::IssuingWord.has(v.w(q)) || lx::is_determiner(v.w(q)));
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
            // `a White House statement`: the author names the document. (Not `the State
            // Department spokesperson`: a person who speaks for the author is the speaker.)
            let document = !matches!(w, "spokesperson" | "spokesman" | "spokeswoman");
            if let Some(m) = (document && k > sent.start)
                .then(|| v.mention(k - 1))
                .flatten()
                .filter(|m| m.toks.end == k && matches!(m.etype, EntityType::Org | EntityType::Gpe))
            {
                return Some(m.entity);
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
    let (lemma, mut class, takes_addressee) = lx::statement_verb(v.w(i))?;
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
    // `said on Friday that X`: the content starts after the `that`; `said in a statement.`,
    // `told reporters after the meeting.`: no content after the verb at all.
    let tail = tail_after_verb(v, lemma, content_from, content_end);
    if let Tail::ThatClause(k) = tail {
        content_from = k;
    }
    let adjunct_only = tail == Tail::Adjuncts;
    let first = own_start(doc, v, sent);
    // Nothing said after the verb: what was said comes before it.
    let said_before = content_end <= content_from || adjunct_only;
    // `"We will win," the president told supporters.`: a quote that opens the sentence and
    // closes before the verb is what was said.
    let closing = matches!(v.w(first), "“" | "\"")
        .then(|| (first + 1..p.start).find(|&k| matches!(v.w(k), "”" | "\"")))
        .flatten();
    let mut reports_before = None;
    let content = if let Some(c) = closing {
        if said_before {
            reports_before = Some(v.spans[c].start);
        }
        Some(first + 1..c)
    } else if said_before {
        // Trailing attribution: `..., the ministry said.` reports the clause before the comma.
        let lo = p.start.saturating_sub(14).max(first);
        (lo..p.start).rev().find(|&k| v.w(k) == ",").map(|c| {
            reports_before = Some(v.spans[c].start);
            first..c
        })
    } else if content_end > content_from && !adjunct_only {
        Some(content_from..sent.end)
    } else if inverted {
        // Quoted content before the verb: from the sentence start to the comma/quote.
        Some(first..p.start)
    } else {
        None
    };
    if let Some(r) = content {
        push_content(v, &mut f, r);
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

/// Adds the words `r` as the statement's content (see `content_range`).
fn push_content(v: &View, f: &mut Fact, r: Range<usize>) {
    if let Some(r) = content_range(v, r) {
        let s = v.span_of(&r);
        if let Some(t) = v.text.get(s.start..s.end) {
            f.arguments.push(text_arg("content", t));
        }
    }
}

/// The words `r` without the quote marks and punctuation that frame them (a quote mark is kept
/// only when its partner is inside); `None` if nothing is left.
fn content_range(v: &View, mut r: Range<usize>) -> Option<Range<usize>> {
    let outer = r.clone();
    let framing = |k: usize| v.is_punct(k) || is_quote_mark(v.w(k)) || matches!(v.w(k), "‘" | "’");
    while r.start < r.end && framing(r.start) {
        r.start += 1;
    }
    while r.end > r.start && framing(r.end - 1) {
        r.end -= 1;
    }
    if r.is_empty() {
        return None;
    }
    // `the talks were "constructive"`: keep the quote mark that closes one opened inside.
    let quote = |k: usize| is_quote_mark(v.w(k));
    if r.clone().filter(|&k| quote(k)).count() % 2 == 1 {
        if r.end < outer.end && quote(r.end) {
            r.end += 1;
        } else if r.start > outer.start && quote(r.start - 1) {
            r.start -= 1;
        }
    }
    Some(r)
}

/// The sentence's first own token: after the dateline (`WASHINGTON, March 3 -`) if the
/// sentence opens the article.
fn own_start(doc: &Doc<'_>, v: &View, sent: &Range<usize>) -> usize {
    let mut a = sent.start;
    if let Some(d) = &doc.dateline {
        while a < sent.end && v.spans[a].start < d.end {
            a += 1;
        }
    }
    a
}

/// What follows a speech verb (after its speaker and addressees), up to the sentence end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tail {
    /// Anything else: the content as it stands.
    Content,
    /// Only circumstances of the utterance (`on Friday`, `in a statement`, `reporters after
    /// the meeting`): no content here.
    Adjuncts,
    /// Circumstances and then `that`: the content starts at this token.
    ThatClause(usize),
}

/// Words that open a circumstance of the utterance rather than its content.
fn opens_adjunct(w: &str) -> bool {
    SpeechCue::AdjunctOpener.has(w)
}

/// Heads of the audience of `told`/`briefed` when it is no entity (`told reporters`, `told a
/// news briefing`, `told state television`).
fn is_audience(w: &str) -> bool {
    SpeechCue::AudienceNoun.has(w)
}

/// Classifies the words `from..to` after a speech verb. Bounded: looks at most at 16 words.
fn tail_after_verb(v: &View, lemma: &str, from: usize, to: usize) -> Tail {
    let mut k = from;
    if lemma == "tell" {
        // `told (a | the | state)* (news)? briefing`: an audience that is no entity.
        let lim = (k + 4).min(to);
        if let Some(h) = (k..lim).find(|&j| is_audience(v.w(j))) {
            if (k..h).all(|j| !v.is_punct(j) && !v.is_cap(j)) {
                k = h + 1;
            }
        }
    }
    if k >= to {
        return if k > from {
            Tail::Adjuncts
        } else {
            Tail::Content
        };
    }
    let starts_adjunct = opens_adjunct(v.w(k)) || v.time_at.get(k).copied().flatten().is_some();
    if !starts_adjunct && k == from {
        return Tail::Content;
    }
    if !starts_adjunct {
        // `told reporters the talks failed`: the content follows the audience.
        return Tail::ThatClause(k);
    }
    for j in k..to.min(k + 16) {
        match v.w(j) {
            "that" => return Tail::ThatClause(j + 1),
            "\"" | "“" | ":" => return Tail::Content,
            _ => {}
        }
    }
    if to > k + 16 {
        Tail::Content
    } else {
        Tail::Adjuncts
    }
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
    let content = v.span_of(&content_range(v, sent.clone())?);
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
