//! STATEMENT facts and the attribution of reported speech:
//! - speech verbs (`data/speech/verbs.tsv`, with `wrote`, `tweeted`, `found that`) with their subject
//!   as speaker (`She underlined ...`; an unnamed one as a NOMINAL entity, see `speakers`),
//!   addressees of `thank`, `congratulate`, `tell`, `urge`; a verb the tagger reads as a noun
//!   (`states`, `remarks`) is none; the content is the complement clause the parse gives, else
//!   what the word order gives;
//! - a speaking document or spokesperson: `A statement issued by the X embassy said ...`,
//!   `a spokesperson for X said`, `X's statement said`;
//! - inverted and quoted speech: `"...," said X`, `..., say analysts.`, `..., said X, director
//!   of Y.`; a quotation is the first cue's (`"...," X said, adding that Y`: Y is `adding`'s);
//! - verbs that make a statement only with a quotation (`called the ruling "arbitrary"`);
//! - when unsure who speaks, no speaker: not a subject across a quote mark, nor one the parse
//!   makes another verb's object, nor the borrowed subject of `..., telling her`;
//! - `according to X` and cue nouns with a `that`-clause (`X's claim that ...`), as statements
//!   of their own (`finish`);
//! - quotations tracked over sentences and paragraphs (`quotations`): one statement per
//!   quotation, whose content pieces are the quotation's pieces wherever its cue sits, and facts
//!   inside a quotation REPORTED by its speaker.

use std::ops::Range;

use super::clause::{self, Prelude, Subject};
use super::quotations::{sentence_of, Quotations};
use super::view::View;
use super::{ent_arg, new_fact, text_arg, time_arg};
use crate::doc::Doc;
use crate::lexicon::facts::{self as lx, SpeechClass, SpeechCue};
use crate::lexicon::Gender;
use crate::model::{ArgValue, EntityType, Fact, FactType, Modality, Polarity};
use crate::syntax::{Rel, Upos};

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
                    let q = author_at(v, p + 1, end);
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
            // `X's statement`, `the ministry's spokesperson` (not `Khalil's notice`: a document
            // about its possessor).
            let mut q = k;
            while SpeechCue::AuthoredNoun.has(w)
                && q > sent.start
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

/// The first token from `q` (before `end`) that may name an author: determiners and
/// hyphenated modifiers skipped (`by the Tokyo-based X`: X, not Tokyo).
fn author_at(v: &View, mut q: usize, end: usize) -> usize {
    loop {
        while q < end && lx::is_determiner(v.w(q)) {
            q += 1;
        }
        match v.mention(q) {
            Some(m) if m.toks.end + 1 < end && v.w(m.toks.end) == "-" => q = m.toks.end + 2,
            _ => return q,
        }
    }
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
    let syn = &doc.syntax;
    let parsed = syn.len() == v.len();
    // `Ohio and Iowa, states that ...`, `his remarks`: a noun, not a speech verb (the tagger
    // tells; a quote right before keeps the inverted `" said X`).
    let after_quote = i > sent.start && matches!(v.w(i - 1), "," | "\"" | "\u{201D}");
    if parsed
        && matches!(
            syn.upos(i),
            Upos::Noun | Upos::Propn | Upos::Adj | Upos::Adp
        )
        && !after_quote
    {
        return None;
    }
    // `a number of EU states to abstain`, `more reports to come`: a present `-s` form before a
    // `to`-infinitive is a plural noun (its subject), unless the verb takes an infinitive as
    // what was said (`claims to be innocent`).
    if parsed
        && v.w(i).ends_with('s')
        && v.w(i) != lemma
        && v.w(i + 1) == "to"
        && i + 2 < sent.end
        && syn.upos(i + 2) == Upos::Verb
        && !SpeechCue::InfinitiveVerb.has(v.w(i))
    {
        return None;
    }
    // `found the body`, `showed a picture`: findings only with a clause or a quotation; and
    // never an infinitive (`a chance to show that ...`: a purpose, not a finding).
    if lx::needs_clause(v.w(i)) && i > sent.start && v.w(i - 1) == "to" {
        return None;
    }
    // `..., state-run Xinhua News Agency reported.`, `..., he forecast.`: a trailing attribution
    // reports the clause before the comma.
    let ends_sentence = i + 1 >= sent.end || matches!(v.w(i + 1), "." | "!" | "?");
    let trails = ends_sentence
        && (p.start.saturating_sub(14).max(sent.start)..p.start).any(|k| v.w(k) == ",");
    if lx::needs_clause(v.w(i))
        && !matches!(v.w(i + 1), "that" | ":" | "\"" | "\u{201C}" | ",")
        && !after_quote
        && !trails
        && (!parsed || syn.child(i, Rel::Ccomp).is_none())
    {
        return None;
    }
    // `called for help`, `asked him to leave`: naming and asking are statements only with a
    // quotation or an `as` after them.
    if lx::is_naming_verb(v.w(i)) && !names_with_quote(v, i, sent) && !after_quote {
        return None;
    }
    // `called the ruling "arbitrary"`, `sees "the need to ..."`: a statement by its quotation
    // alone (`called for help`, `sees X as Y` are acts and opinions).
    if lx::needs_quote(v.w(i)) && !quote_follows(v, i, sent) {
        return None;
    }
    // `the said agreement`, `a noted author`: an adjective, not a verb.
    if i > sent.start && matches!(v.w(i - 1), "the" | "a" | "an") {
        return None;
    }
    // (`He adds the bridge will close`: a complement clause the parse gives will do.)
    if lemma == "add"
        && !matches!(v.w(i + 1), "that" | "," | "\"" | "“" | ":" | ".")
        && !(parsed && syn.child(i, Rel::Ccomp).is_some_and(|c| c > i))
    {
        return None;
    }
    // Not a speech act: `thank you` (an interjection inside a quote), `, say, between A and B`
    // (a discourse marker), `the Arab states' wealth` (a plural noun).
    let next = v.w(i + 1);
    let bare = SpeechCue::BareVerb.has(v.w(i));
    if (matches!(lemma, "thank" | "congratulate") && next == "you")
        || (bare
            && p.start > sent.start
            && v.w(p.start - 1) == ","
            // `..., say analysts.`: inverted, with its subject after it.
            && !(parsed && syntax_subject(syn, i).is_some_and(|h| h > i))
            && !(parsed && super::speakers::tail_subject(v, syn, i, sent).is_some()))
        || lx::is_possessive(next)
        || v.text
            .get(v.spans[i].end..)
            .is_some_and(crate::text::starts_with_bare_apostrophe)
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
    // A word-order subject that the parse makes the object of another verb (`visited Taiwan
    // and told X`, `challenging Emmanuel Macron ..., says`) is no subject: unsure, none.
    let co_speakers: Vec<usize> = if parsed {
        let is_object = |e: usize| {
            v.mentions
                .iter()
                .filter(|m| m.entity == e && m.toks.end <= i && sent.contains(&m.toks.start))
                .max_by_key(|m| m.toks.start)
                .is_some_and(|m| {
                    // (`figures showing that`: a participle's own noun speaks, object or not.)
                    !syn.head(i).is_some_and(|h| m.toks.contains(&h))
                        && m.toks.clone().any(|k| {
                            syn.head(k).is_none_or(|h| !m.toks.contains(&h))
                                && matches!(syn.rel(k).base(), Rel::Obj | Rel::Iobj)
                                && syn.head(k) != Some(i)
                        })
                })
        };
        co_speakers.into_iter().filter(|&e| !is_object(e)).collect()
    } else {
        co_speakers
    };
    // The parse's subject, when a mention heads it, outranks the nearest mention before the verb
    // (`The head of the U.N. children's program said`: the head, not the program).
    // (A subject across a quote mark is the parse reading into the quotation: `"..., also Mike
    // Waltz," Representative X told VOA` has two; the one outside speaks.)
    // Of two subjects the parse gives one verb (`the minister who analysts say`), the nearer
    // one before it.
    let across_quote = |h: usize| (h.min(i)..h.max(i)).any(|k| is_quote_mark(v.w(k)));
    let own_subjects: Vec<usize> = if parsed {
        syn.children(i)
            .filter(|&(c, r)| r.is_subject() && !across_quote(c))
            .map(|(c, _)| c)
            .collect()
    } else {
        Vec::new()
    };
    let nearest_subject = (own_subjects.len() > 1)
        .then(|| {
            own_subjects
                .iter()
                .copied()
                // (Not one after a preposition: `a letter seen by the Daily Post says`.)
                .filter(|&c| {
                    c < i
                        && v.mention(c).is_some_and(|m| is_speaker_type(m.etype))
                        && syn
                            .subtree(c)
                            .start
                            .checked_sub(1)
                            .is_none_or(|b| syn.upos(b) != Upos::Adp)
                })
                .max()
        })
        .flatten();
    let parsed_speaker = nearest_subject
        .or_else(|| parsed.then(|| syntax_subject(syn, i)).flatten())
        .filter(|&h| !across_quote(h))
        .or_else(|| {
            parsed
                .then(|| {
                    syn.children(i)
                        .filter(|&(c, r)| r.is_subject() && !across_quote(c))
                        .map(|(c, _)| c)
                        .last()
                })
                .flatten()
        })
        .filter(|h| sent.contains(h))
        .and_then(|h| v.mention(h))
        // `" ...," said Jane Doe, director of X at Y`: a name after the verb and a preposition
        // is an object there, never its subject (when the parse misreads the apposition).
        .filter(|m| m.toks.start < i || !after_preposition(v, syn, m.toks.start))
        .map(|m| super::speakers::titled_person(v, m).unwrap_or(m))
        .filter(|m| is_speaker_type(m.etype))
        .map(|m| m.entity);
    let mut co_speakers = co_speakers;
    // `X announced that A, calling it "B"`: a participle after a comma that follows another
    // speech verb of its sentence goes on with that verb's speaker (the subject carried over),
    // not with whatever subject the parse finds inside A.
    let goes_on = i > sent.start + 1
        && v.w(i - 1) == ","
        && v.w(i).ends_with("ing")
        && (sent.start..i - 1).any(|k| {
            lx::statement_verb(v.w(k)).is_some() && (!parsed || syn.upos(k) == Upos::Verb)
        });
    if let Some(e) =
        parsed_speaker.filter(|e| !co_speakers.contains(e) && (!goes_on || co_speakers.is_empty()))
    {
        co_speakers = vec![e];
    }
    let mut speaker = co_speakers.first().copied().or(nominal_speaker);
    // `Lt. Gen. X, director general of the media wing, ISPR, said`: the parse may give the last
    // apposition as the subject; the person named first is the speaker.
    if parsed {
        speaker = speaker.map(|e| appositive_head(v, syn, sent, i, e).unwrap_or(e));
    }
    let mut rule = "rule:statement/svo";
    let mut speaker_end = i + 1;
    // Inverted: `..., said X` / `” said the minister`.
    // (Not after an opening straight quote: `the judge "indicated that ..."`.)
    let mark = p.start.saturating_sub(1);
    let inverted = i > sent.start
        && (matches!(v.w(mark), "," | "”")
            || (v.w(mark) == "\"" && v.spans[mark].end < v.spans[mark + 1].start));
    // (A participle never inverts: in `,” suggesting that China is ...` and `, calling him a
    // "war correspondent"` the name after it is in its content or its object.)
    // (Nor a verb that takes an addressee: `X, a lawmaker ..., told VOA` names whom X told.)
    let participle = v.w(i).ends_with("ing");
    if speaker.is_none() && inverted && !participle && !takes_addressee {
        // Only determiners and capitalized words (titles) between the verb and its subject:
        // not `, says immigration in the EU`, nor `, said that China ...`; a possessor is no
        // subject (`said his daughter Linda Wu`).
        let mut q = i + 1;
        while q < sent.end
            && q < i + 5
            && v.w(q) != "that"
            && v.mention(q).is_none_or(|m| {
                m.kind == crate::model::MentionKind::Pronoun && lx::is_determiner(v.w(q))
            })
            && (lx::is_determiner(v.w(q))
                || v.is_cap(q)
                || lx::is_title_word(v.w(q))
                || lx::is_speaker_head(v.w(q)))
        {
            q += 1;
        }
        if let Some(m) = v.mention(q).filter(|m| {
            q < sent.end && is_speaker_type(m.etype) && !is_object_pronoun(v.w(m.toks.start))
        }) {
            speaker = Some(m.entity);
            speaker_end = m.toks.end;
            rule = "rule:statement/inverted";
        }
    }
    // `..., say analysts.`: the phrase that ends the sentence speaks, whatever the parse says;
    // so does a name right after the verb that ends the sentence or opens an apposition
    // (`..., said Andrew Yang, secretary-general of X.`), unless the verb has its own subject
    // before it (`Ann Lee, 45, said Paul Smith, the minister, left`) or takes an addressee.
    let own_subject_before = own_subjects.iter().any(|&c| c < i);
    let named_after = (parsed
        && !participle
        && !takes_addressee
        && !own_subject_before
        && i > sent.start
        && matches!(v.w(i - 1), "," | "\u{201D}"))
    .then(|| {
        let mut q = i + 1;
        while q < sent.end && lx::is_determiner(v.w(q)) {
            q += 1;
        }
        v.mention(q)
    })
    .flatten()
    .filter(|m| {
        m.toks.start > i
            && (m.toks.end >= sent.end || matches!(v.w(m.toks.end), "," | "." | "!" | "?"))
    })
    .map(|m| m.toks.start);
    if let Some(m) = (parsed && !participle)
        .then(|| super::speakers::tail_subject(v, syn, i, sent))
        .flatten()
        .or(named_after)
        .and_then(|h| v.mention(h))
        .filter(|m| is_speaker_type(m.etype))
    {
        speaker = Some(m.entity);
        speaker_end = m.toks.end;
        rule = "rule:statement/inverted";
        co_speakers = vec![m.entity];
    }
    // A source named shortly before (`a statement from the ISPR said`), unless the verb has a
    // subject of its own that is no document or spokesperson (`Anita Powell's video report
    // Members of opposition parties say`: the members speak, not the report's author).
    // (Every subject the parse gives the verb: a subhead run into the sentence may add one,
    // `Some recent advances The OECD report itself notes`.)
    let own_subject = own_subjects.iter().any(|&c| c < i)
        && own_subjects.iter().filter(|&&c| c < i).all(|&h| {
            matches!(syn.upos(h), Upos::Noun | Upos::Propn) && !lx::is_speech_source_noun(v.w(h))
        });
    if speaker.is_none() && !own_subject {
        speaker = source(v, sent, i, SOURCE_WINDOW);
        rule = "rule:statement/source";
    }
    // `X said the administration used its authority to deny visas`, `X told Y that Z "walked
    // in" and told the police ...`: a speech verb inside the complement clause of an earlier
    // one, as an infinitive or with a subject of its own named in that clause, does not speak
    // for the outer speaker the word order lends it; unsure, no statement. (`X told Y that A
    // and called for B`, parsed inside the clause with no speaker there, stays X's.)
    if let (true, Some(e)) = (parsed && !goes_on, speaker) {
        if let Some(r) = reported_clause(v, syn, i) {
            let named_inside = |e: usize| {
                v.mentions
                    .iter()
                    .any(|m| m.entity == e && r.start <= m.toks.start && m.toks.end <= r.end)
            };
            // (Or conjoined to one: `wanted to meet with his son and express their support`.)
            let mut first = i;
            while syn.rel(first) == Rel::Conj && syn.head(first).is_some_and(|x| x < first) {
                first = syn.head(first).unwrap_or(first);
            }
            let infinitive = first > r.start && v.w(first - 1) == "to";
            let other_subject = syntax_subject(syn, i)
                .filter(|h| r.contains(h))
                .and_then(|h| v.mention(h))
                .map(|m| super::speakers::titled_person(v, m).unwrap_or(m))
                .is_some_and(|m| {
                    // (Named, or an unnamed person: not `no other country`.)
                    (m.kind == crate::model::MentionKind::Name || m.etype == EntityType::Person)
                        && is_speaker_type(m.etype)
                        && m.entity != e
                });
            if !named_inside(e) && (infinitive || other_subject) {
                return None;
            }
        }
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
    // `..., said Andrew Yang, secretary-general of X.` and `A, Gallagher said, but B.`: an
    // attribution set off by a comma, with its speaker after the verb or a coordinated clause
    // after it, reports what comes before (not the apposition or the `but` clause).
    let names_after = |k: usize| v.mention(k).is_some_and(|m| m.entity == speaker);
    let subject_after = (rule == "rule:statement/inverted"
        && (names_after(i + 1) || (lx::is_determiner(v.w(i + 1)) && names_after(i + 2))))
        || (parsed
            && syntax_subject(syn, i).is_some_and(|h| h > i && syn.subtree(h).start == i + 1));
    let parenthetical =
        v.w(speaker_end) == "," && SpeechCue::ClauseJoiner.has(v.w(speaker_end + 1));
    // (`A, Gallagher said, but B`: a parenthetical with its subject after a comma too.)
    let comma_before_subject = subject.is_some_and(|s| {
        s.toks.start > sent.start && s.toks.end == p.start && v.w(s.toks.start - 1) == ","
    });
    let trailing_attribution = (inverted || (comma_before_subject && parenthetical))
        && !matches!(v.w(i + 1), "that" | ":" | "\"" | "\u{201C}")
        && (subject_after || parenthetical);
    let mut content_from = speaker_end;
    if takes_addressee {
        let mut objs = clause::objects(v, sent, i + 1);
        // An addressee comes before the content: `warned Wednesday that it will ...` has none
        // (`it` is in the content, not the one warned).
        objs.mentions
            .retain(|m| !(i + 1..m.toks.start).any(|k| v.w(k) == "that"));
        if objs.mentions.is_empty() {
            objs.end = i + 1;
        }
        // `X received a message from Y, telling her ...`: one does not tell oneself; the
        // subject the parse lent the participle is not its speaker.
        // (Also when the participle has no subject of its own and its object pronoun has the
        // gender of the subject it borrows: unsure who speaks, no statement.)
        let borrowed = parsed && !syn.children(i).any(|(_, r)| r.is_subject());
        let same_gender = match v.w(i + 1) {
            "her" => gender_of(doc, speaker) == Some(Gender::Female),
            "him" => gender_of(doc, speaker) == Some(Gender::Male),
            _ => false,
        };
        if (borrowed && same_gender)
            || objs
                .mentions
                .iter()
                .any(|m| m.entity == speaker && m.kind == crate::model::MentionKind::Pronoun)
        {
            return None;
        }
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
    // `denied all the charges`, `condemned the attack`, `urged X to act`: an appeal, denial
    // or criticism of a thing is an act, not a statement, unless it carries a clause or a
    // quotation (`denied that ...`, `condemned the "brutal" attack`). (Praise and sympathy
    // stay statements: `thanked X for Y`, `expressed appreciation`.)
    // (`denied for years that`, `denounced the moves as an attack`.)
    let carries = (i + 1..(i + 6).min(sent.end))
        .take_while(|&k| !v.is_punct(k))
        .any(|k| v.w(k) == "that")
        || (parsed && syn.child(i, Rel::Ccomp).is_some())
        || names_with_quote(v, i, sent)
        || sent.clone().any(|k| is_quote_mark(v.w(k)) || v.w(k) == "‘");
    let act = matches!(
        class,
        SpeechClass::Deny | SpeechClass::Criticize | SpeechClass::Urge
    );
    if act && !carries {
        return None;
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
    // (`said this is bad`: `this` opens no circumstance when the parse's complement clause
    // starts right there.)
    // (`said before the jailbreak, X were ...`: a circumstance, then the parse's complement.)
    let clause_at = parsed
        .then(|| syn.child(i, Rel::Ccomp))
        .flatten()
        .filter(|&c| c > i)
        .map(|c| syn.subtree(c).start);
    let circumstance = opens_adjunct(v.w(content_from))
        || v.time_at.get(content_from).copied().flatten().is_some();
    let tail = match clause_at {
        Some(s) if s == content_from => Tail::Content,
        Some(s) if s > content_from && s < content_end && circumstance => {
            let mut s = s;
            while s < content_end && matches!(v.w(s), "that" | ",") {
                s += 1;
            }
            Tail::ThatClause(s)
        }
        _ => tail_after_verb(v, lemma, content_from, content_end),
    };
    if let Tail::ThatClause(k) = tail {
        content_from = k;
    }
    let adjunct_only = tail == Tail::Adjuncts;
    let first = own_start(doc, v, sent);
    // Nothing said after the verb: what was said comes before it.
    // `A, security sources said, adding that B`: a speech participle right after the verb
    // takes what follows it; the verb, its subject set off by a comma, reports the clause
    // before.
    let participle_next = v.w(i + 1) == ","
        && i + 2 < sent.end
        && v.w(i + 2).ends_with("ing")
        && lx::statement_verb(v.w(i + 2)).is_some();
    let subject_after_comma = participle_next
        && v.mentions
            .iter()
            .filter(|m| m.entity == speaker && m.toks.end <= i && sent.contains(&m.toks.start))
            .max_by_key(|m| m.toks.start)
            .is_some_and(|m| {
                m.toks.end == p.start && m.toks.start > first && v.w(m.toks.start - 1) == ","
            });
    let said_before =
        content_end <= content_from || adjunct_only || trailing_attribution || subject_after_comma;
    // `"We will win," the president told supporters.`: a quote that opens the sentence and
    // closes before the verb is what was said.
    // (Only for the first speech verb after it: in `"...," X said, adding that Y`, `adding`
    // says Y.)
    let closing = matches!(v.w(first), "“" | "\"")
        .then(|| (first + 1..p.start).find(|&k| matches!(v.w(k), "”" | "\"")))
        .flatten()
        .filter(|&c| !(c + 1..i).any(|k| lx::statement_verb(v.w(k)).is_some()));
    let mut reports_before = None;
    let content = if let Some(c) = closing {
        if said_before {
            reports_before = Some(v.spans[c].start);
        }
        Some(first + 1..c)
    } else if said_before {
        // Trailing attribution: `..., the ministry said.` reports the clause before the comma
        // (without a subordinate clause that opens the sentence: `Although A, B, say analysts`).
        let lo = p.start.saturating_sub(14).max(first);
        (lo..p.start).rev().find(|&k| v.w(k) == ",").map(|c| {
            reports_before = Some(v.spans[c].start);
            let opens_subordinate = parsed && syn.upos(first) == Upos::Sconj;
            let from = opens_subordinate
                .then(|| (first..c).find(|&k| v.w(k) == ","))
                .flatten()
                .map_or(first, |k| k + 1);
            from..c
        })
    } else if content_end > content_from && !adjunct_only {
        // The complement clause ends the content (`said X, adding that Y`: not `adding ...`).
        let end = parsed
            .then(|| syn.child(i, Rel::Ccomp))
            .flatten()
            .map(|c| syn.subtree(c))
            .filter(|r| r.start > i && r.end > content_from + 2 && r.end <= sent.end)
            .map_or(sent.end, |r| r.end);
        // `Although X has said that A, B`: a subordinate speech verb says A, up to the comma
        // that closes its clause.
        let subordinate = parsed
            && syn
                .children(i)
                .any(|(c, r)| r == Rel::Mark && c < i && syn.upos(c) == Upos::Sconj);
        let end = if subordinate {
            (content_from..end).find(|&k| v.w(k) == ",").unwrap_or(end)
        } else {
            end
        };
        // `which the Church describes as a retreat, but critics charge is a camp`: without a
        // complement clause from the parse, a contrasting clause after a comma is no longer
        // the content (`and` may join a second complement of the same verb: kept).
        let no_clause = !parsed || syn.child(i, Rel::Ccomp).is_none_or(|c| c < i);
        let end = if no_clause {
            (content_from..end)
                .find(|&k| {
                    v.w(k) == ","
                        && k + 1 < end
                        && v.w(k + 1) != "and"
                        && SpeechCue::ClauseJoiner.has(v.w(k + 1))
                })
                .unwrap_or(end)
        } else {
            end
        };
        // `warned that A, saying B`: a speech participle after a comma is a cue of its own.
        let end = (content_from..end)
            .find(|&k| {
                v.w(k) == ","
                    && k + 1 < end
                    && v.w(k + 1).ends_with("ing")
                    && lx::statement_verb(v.w(k + 1)).is_some()
            })
            .unwrap_or(end);
        Some(content_from..end)
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

/// For a subject mention of entity `e` (before speech verb `verb`) that closes an apposition
/// (`X, director of Y, Z,`; `X, as a member of Y,`), the person named first in it: a PERSON name followed by a comma, with no verb or quote mark
/// between it and the subject.
fn appositive_head(
    v: &View,
    syn: &crate::syntax::Syntax,
    sent: &Range<usize>,
    verb: usize,
    e: usize,
) -> Option<usize> {
    let m = v
        .mentions
        .iter()
        .filter(|m| m.entity == e && sent.contains(&m.toks.start) && m.toks.end < verb)
        .max_by_key(|m| m.toks.start)?;
    // The apposition runs up to the verb's clause: no other person named in between (`X, and
    // Y, with Y stating`).
    if v.w(m.toks.end) != ","
        || (m.toks.end..verb).any(|k| {
            v.mention(k)
                .is_some_and(|p| p.entity != e && p.etype == EntityType::Person)
        })
    {
        return None;
    }
    let mut found = None;
    let mut k = m.toks.start;
    while k > sent.start {
        k -= 1;
        // A verb, a quote mark or a coordination (`X, and Y, with Y stating`) ends it.
        if matches!(syn.upos(k), Upos::Verb | Upos::Aux | Upos::Cconj) || is_quote_mark(v.w(k)) {
            break;
        }
        if let Some(p) = v.mention(k).filter(|p| p.toks.start == k && p.entity != e) {
            // (Not the object of a preposition: `Like Lutnick, Kevin Hassett, director of
            // X, emphasized` is Hassett's.)
            if p.kind == crate::model::MentionKind::Name
                && p.etype == EntityType::Person
                && v.w(p.toks.end) == ","
                && !clause::is_pp_object(v, sent, p)
            {
                found = Some(p.entity);
            }
        }
    }
    found
}

/// The complement clause of an earlier speech verb that holds speech verb `i`, if any.
fn reported_clause(v: &View, syn: &crate::syntax::Syntax, i: usize) -> Option<Range<usize>> {
    let mut x = i;
    for _ in 0..8 {
        let h = syn.head(x)?;
        if syn.rel(x) == Rel::Ccomp
            && h < i
            && syn.upos(h) == Upos::Verb
            && lx::statement_verb(v.w(h)).is_some()
        {
            return Some(syn.subtree(x));
        }
        x = h;
    }
    None
}

/// Whether a naming verb at `i` is followed in its clause (up to a sentence-internal `;` or 12
/// words) by a quotation or by `as` (`called the ruling "arbitrary"`, `dismissed it as baseless`).
pub(crate) fn names_with_quote(v: &View, i: usize, sent: &Range<usize>) -> bool {
    let lim = (i + 13).min(sent.end);
    (i + 1..lim)
        .take_while(|&k| v.w(k) != ";")
        .any(|k| is_quote_mark(v.w(k)) || matches!(v.w(k), "as" | ":" | "‘"))
}

/// Whether a quotation opens after token `i` in its clause (up to a `;` or 12 words).
pub(crate) fn quote_follows(v: &View, i: usize, sent: &Range<usize>) -> bool {
    let lim = (i + 13).min(sent.end);
    (i + 1..lim)
        .take_while(|&k| v.w(k) != ";")
        .any(|k| is_quote_mark(v.w(k)) || v.w(k) == "‘")
}

/// The head of the subject of speech verb `i`: its own or shared subject, the antecedent of a
/// relative `who`, or for a participle without one (`..., adding that`) the subject of the verb
/// it depends on.
pub(crate) fn syntax_subject(syn: &crate::syntax::Syntax, i: usize) -> Option<usize> {
    let mut x = i;
    for _ in 0..3 {
        if let Some(s) = syn.subject(x) {
            if syn.rel(s) == Rel::NsubjPass {
                return None;
            }
            if syn.upos(s) == Upos::Pron && matches!(syn.lemma(s), "who" | "that" | "which") {
                let verb = if syn.rel(x) == Rel::AclRelcl {
                    Some(x)
                } else {
                    None
                };
                return verb.and_then(|x| syn.relative_antecedent(x));
            }
            return Some(s);
        }
        match syn.rel(x) {
            // Not `parataxis`: `"...," X said` hangs the verb on the quotation's own verb.
            Rel::Advcl | Rel::Conj | Rel::Xcomp => x = syn.head(x)?,
            _ => return None,
        }
    }
    None
}

/// Whether the words before token `k`, past any determiners, end in a preposition.
fn after_preposition(v: &View, syn: &crate::syntax::Syntax, k: usize) -> bool {
    let mut b = k;
    while b > 0 && lx::is_determiner(v.w(b - 1)) {
        b -= 1;
    }
    b > 0 && syn.upos(b - 1) == Upos::Adp
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

/// `him`, `her`, `them`: a pronoun in the object case is no inverted subject.
fn is_object_pronoun(w: &str) -> bool {
    matches!(w, "him" | "her" | "them" | "me" | "us")
}

fn is_quote_mark(w: &str) -> bool {
    matches!(w, "\"" | "\u{201C}" | "\u{201D}")
}

/// Token holding (or first after) byte offset `byte`.
fn tok_at(v: &View, byte: usize) -> usize {
    v.spans.partition_point(|s| s.end <= byte)
}

/// Token distance from `t` to the tokens `r`.
fn distance(t: usize, r: &Range<usize>) -> usize {
    if t < r.start {
        r.start - t
    } else {
        t.saturating_sub(r.end)
    }
}

fn speaker_of(f: &Fact) -> Option<&str> {
    f.arguments
        .iter()
        .find_map(|a| match (&a.role[..], &a.value) {
            ("speaker", ArgValue::Entity(id)) => Some(id.as_str()),
            _ => None,
        })
}

/// After the sentence loop, over the whole article: statements of `according to` and of cue
/// nouns, one statement per quotation (see `group_quotations`), and REPORTED modality for every
/// fact inside a quotation.
pub fn finish(doc: &Doc<'_>, v: &View, out: &mut Vec<Fact>) {
    let q = Quotations::scan(v);
    cue_statements(doc, v, out);
    pronoun_speakers(doc, v, &q, out);
    group_quotations(doc, v, &q, out);
}

/// Gender of a person entity as the text gives it: a pronoun coreference attached, a title
/// (`Mrs.`), or the given name.
fn gender_of(doc: &Doc<'_>, e: usize) -> Option<Gender> {
    let ent = &doc.entities[e];
    let personal = |g: Gender| matches!(g, Gender::Male | Gender::Female).then_some(g);
    // A gendered honorific (`Mr.`, `Mrs`; `titles/titles.tsv`).
    let honorific = |w: &str| {
        crate::lexicon::title(w)
            .filter(|t| t.kind == crate::lexicon::TitleKind::Honorific)
            .and_then(|t| personal(t.gender))
    };
    for m in &ent.mentions {
        // The mention is a gendered pronoun (`words/pronouns.tsv`) or honorific, or opens with
        // an honorific.
        let pronoun = crate::lexicon::pronoun(&m.text).and_then(|p| personal(p.gender));
        let first = m.text.split_whitespace().next().unwrap_or("");
        if let Some(g) = pronoun
            .or_else(|| honorific(&m.text))
            .or_else(|| honorific(first))
        {
            return Some(g);
        }
    }
    let first = ent.canonical_name.split_whitespace().next()?;
    crate::lexicon::given_name_gender(first).filter(|g| matches!(g, Gender::Male | Gender::Female))
}

/// `"...," he added`: a speech verb's `he`/`she` next to a quotation is, with the quotation
/// structure in view, the person who spoke last (within a few sentences, of the pronoun's
/// gender) when coreference gave it to something that is no person, a person of the other
/// gender, or a name read inside that very quotation. Otherwise coreference stands: never a
/// different named person when unsure.
fn pronoun_speakers(doc: &Doc<'_>, v: &View, q: &Quotations, out: &mut [Fact]) {
    let ids: std::collections::HashMap<&str, usize> = doc
        .entities
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.as_str(), i))
        .collect();
    let mut stm: Vec<usize> = (0..out.len())
        .filter(|&k| out[k].fact_type == FactType::Statement)
        .collect();
    stm.sort_by_key(|&k| out[k].trigger.start);
    let sents: Vec<usize> = (0..out.len())
        .map(|k| sentence_of(v, tok_at(v, out[k].trigger.start)).unwrap_or(0))
        .collect();
    let sent_of = |k: usize| sents[k];
    for n in 0..stm.len() {
        let k = stm[n];
        let t = tok_at(v, out[k].trigger.start);
        // `he said`, or inverted `," said he.`
        let before = t.checked_sub(1).filter(|&j| matches!(v.w(j), "he" | "she"));
        let after = Some(t + 1)
            .filter(|&j| matches!(v.w(j), "he" | "she") && (v.is_punct(j + 1) || j + 1 >= v.len()));
        let p = before
            .or(after)
            .filter(|&j| sentence_of(v, j) == sentence_of(v, t));
        let Some(p) = p else { continue };
        let gender = if v.w(p) == "he" {
            Gender::Male
        } else {
            Gender::Female
        };
        let Some(cur) = speaker_of(&out[k]).and_then(|id| ids.get(id).copied()) else {
            continue;
        };
        let si = sent_of(k);
        // The last person who spoke, within three sentences, of a compatible gender.
        let recent: Vec<usize> = stm[..n]
            .iter()
            .rev()
            .take_while(|&&j| sent_of(j) + 3 >= si)
            .filter_map(|&j| speaker_of(&out[j]).and_then(|id| ids.get(id).copied()))
            .collect();
        let last = recent.iter().copied().find(|&e| {
            doc.entities[e].entity_type == EntityType::Person
                && gender_of(doc, e).is_none_or(|g| g == gender)
        });
        let not_person = doc.entities[cur].entity_type != EntityType::Person;
        // A `he`/`she` is no organization or place: with nobody who fits, no speaker (and,
        // with no other party, no statement) rather than a wrong named one.
        if not_person && last.is_none() {
            out[k].arguments.retain(|a| a.role != "speaker");
            continue;
        }
        let Some(last) = last.filter(|&e| e != cur) else {
            continue;
        };
        let wrong_gender = gender_of(doc, cur).is_some_and(|g| g != gender);
        // Named last inside the very quotation the pronoun attributes: a speaker does not
        // quote himself by name, so that antecedent is coreference reading into the quote.
        let pstart = v.spans[p].start;
        let named_in_quote = doc.entities[cur]
            .mentions
            .iter()
            .filter(|m| m.span.end <= pstart && m.kind != crate::model::MentionKind::Pronoun)
            .max_by_key(|m| m.span.start)
            .is_some_and(|m| {
                let mt = tok_at(v, m.span.start);
                q.at(mt).is_some() && sentence_of(v, mt) == Some(si)
            });
        // Only in quoted speech, where the last speaker is the one who goes on.
        let quoted = !q.overlapping(&v.sents[si].0).is_empty();
        if quoted && (not_person || wrong_gender || named_in_quote) {
            let id = doc.entities[last].id.clone();
            for a in &mut out[k].arguments {
                if a.role == "speaker" {
                    a.value = ArgValue::Entity(id.clone());
                }
            }
        }
    }
}

/// Quotation pieces owned by each statement, and the quotations a statement's content already
/// holds (`said the talks were "useful"`: mixed content stays as it is).
fn group_quotations(doc: &Doc<'_>, v: &View, q: &Quotations, out: &mut [Fact]) {
    let mut stm: Vec<usize> = (0..out.len())
        .filter(|&k| out[k].fact_type == FactType::Statement)
        .collect();
    stm.sort_by_key(|&k| out[k].trigger.start);
    let trig: Vec<usize> = stm
        .iter()
        .map(|&k| tok_at(v, out[k].trigger.start))
        .collect();
    let sent_of = |t: usize| sentence_of(v, t).unwrap_or(0);
    let para_of = |t: usize| q.sent_para.get(sent_of(t)).copied().unwrap_or(0);
    let mut owner: Vec<Option<usize>> = vec![None; q.quotes.len()];
    let mut mixed = vec![false; q.quotes.len()];
    // Owned through a cue in the quotation's own sentences (not as a continuation).
    let mut cued = vec![false; q.quotes.len()];
    for (qi, quote) in q.quotes.iter().enumerate() {
        let (Some(sa), Some(sb)) = (
            sentence_of(v, quote.inner.start),
            sentence_of(v, quote.inner.end - 1),
        ) else {
            continue;
        };
        let toks = v.sents[sa].0.start..v.sents[sb].0.end;
        // A cue in the quotation's sentences, outside every quotation: the nearest.
        let cue = (0..stm.len())
            .filter(|&s| toks.contains(&trig[s]) && q.at(trig[s]).is_none())
            .min_by_key(|&s| distance(trig[s], &quote.inner));
        if let Some(s) = cue {
            // (The quotation's own framing punctuation aside: `said the judge "indicated
            // that A."` ends its content before the period inside the closing mark.)
            let qspan = content_range(v, quote.inner.clone())
                .map_or_else(|| v.span_of(&quote.inner), |r| v.span_of(&r));
            let contents = content_spans(v, &out[stm[s]]);
            // A quotation introduced by a comma or colon (`said of herself, "..."`), or
            // after a time alone (`said Wednesday "..."`), is the content itself, not a part
            // of mixed content.
            let open = quote.inner.start.saturating_sub(1);
            let introduced = open > 0 && matches!(v.w(open - 1), "," | ":");
            // The content's words before the opening mark, times aside.
            let lead = |c: &crate::model::Span| {
                (tok_at(v, c.start)..open)
                    .filter(|&k| !v.is_punct(k) && v.time_at.get(k).copied().flatten().is_none())
                    .count()
            };
            let holds = contents.iter().any(|c| {
                let n = lead(c);
                c.start <= qspan.start
                    && qspan.end <= c.end
                    && c.len() > qspan.len() + 2
                    && ((n > 0 && !(introduced && n <= 3)) || c.end > qspan.end + 2)
            });
            // `Asked by VOA if the U.S. was considering "any punitive action," Rubio said
            // the administration ...`: a quotation inside a clause before the cue, which has
            // content of its own after it, is not what the cue's speaker said (the question
            // is the asker's); unsure whose it is, nobody's. (`"...," X told VOA in an
            // interview`: no clause of the cue's own, the quotation is X's.)
            let opens_sentence = quote.inner.start == v.sents[sa].0.start + 1;
            let trig_byte = out[stm[s]].trigger.start;
            // (A clause: a verb in the content after the cue.)
            let own_clause = doc.syntax.len() == v.len()
                && contents.iter().any(|c| {
                    c.start > trig_byte
                        && (tok_at(v, c.start)..tok_at(v, c.end.saturating_sub(1)) + 1)
                            .any(|k| doc.syntax.upos(k).is_verbal())
                });
            let preamble = !holds
                && own_clause
                && !opens_sentence
                && qspan.end <= trig_byte
                && !contents.is_empty()
                && contents.iter().all(|c| c.start > trig_byte);
            if preamble {
                continue;
            }
            owner[qi] = Some(s);
            cued[qi] = true;
            mixed[qi] = holds;
            continue;
        }
        if quote.continues {
            owner[qi] = qi.checked_sub(1).and_then(|p| owner[p]);
            continue;
        }
        // A quotation that opens its sentence with no cue of its own goes on with the statement
        // before it, in the same or the previous paragraph (news style).
        let opens = quote.inner.start == v.sents[sa].0.start + 1;
        if !opens || bylined(doc, v, q, quote, sb) {
            continue;
        }
        let prev = (0..stm.len())
            .rev()
            .find(|&s| trig[s] < quote.inner.start && q.at(trig[s]).is_none());
        if let Some(s) = prev {
            let (ps, pp) = (sent_of(trig[s]), para_of(trig[s]));
            if pp + 1 >= quote.para && ps + 4 >= sa {
                owner[qi] = Some(s);
            }
        }
    }
    // `"A" and "B," tweeted X`: quotations joined by `and` share the cue of the last one.
    for qi in (0..q.quotes.len().saturating_sub(1)).rev() {
        let (a, b) = (q.quotes[qi].inner.end, q.quotes[qi + 1].inner.start);
        let joined = b > a
            && b - a <= 4
            && (a..b).any(|k| v.w(k) == "and")
            && (a..b).all(|k| v.is_punct(k) || is_quote_mark(v.w(k)) || v.w(k) == "and");
        if joined && !cued[qi] && cued[qi + 1] {
            owner[qi] = owner[qi + 1];
            cued[qi] = true;
            mixed[qi] = mixed[qi + 1];
        }
    }
    for s in 0..stm.len() {
        let owned: Vec<usize> = (0..q.quotes.len())
            .filter(|&qi| owner[qi] == Some(s))
            .collect();
        if owned.is_empty() {
            continue;
        }
        let f = &mut out[stm[s]];
        // The quotation replaces what the verb's own sentence gave as content, unless that
        // content holds it (mixed); a continuation adds a piece.
        if owned.iter().any(|&qi| cued[qi]) && !owned.iter().any(|&qi| mixed[qi]) {
            f.arguments.retain(|a| a.role != "content");
        }
        for &qi in &owned {
            if mixed[qi] {
                continue;
            }
            let Some(r) = content_range(v, q.quotes[qi].inner.clone()) else {
                continue;
            };
            let span = v.span_of(&r);
            if let Some(t) = v.text.get(span.start..span.end) {
                f.arguments.push(text_arg("content", t));
            }
            if !f.evidence.iter().any(|e| e.contains(&span)) {
                f.evidence.push(span);
            }
        }
    }
    // Facts inside a quotation are reported by its speaker.
    let reported: Vec<(Range<usize>, String, usize)> = (0..q.quotes.len())
        .filter_map(|qi| {
            let s = owner[qi]?;
            let id = speaker_of(&out[stm[s]])?.to_string();
            Some((q.quotes[qi].inner.clone(), id, stm[s]))
        })
        .collect();
    for (r, id, own) in reported {
        for (k, f) in out.iter_mut().enumerate() {
            let t = tok_at(v, f.trigger.start);
            if k == own || !r.contains(&t) {
                continue;
            }
            if f.modality == Modality::Asserted {
                f.modality = Modality::Reported;
            }
            if f.attributed_to.is_none() && speaker_of(f) != Some(id.as_str()) {
                f.attributed_to = Some(id.clone());
            }
        }
    }
}

/// A pull quote attributed by a byline (GUM Wikinews layout: `"..."` then, in the next
/// paragraph, `Anonymous blogger, "Post title"`): the sentence after the quotation's last one
/// opens a new paragraph with a capital and has no verb outside quote marks. Such a quotation
/// goes on with nobody's statement.
fn bylined(
    doc: &Doc<'_>,
    v: &View,
    q: &Quotations,
    quote: &super::quotations::Quote,
    sb: usize,
) -> bool {
    let syn = &doc.syntax;
    if syn.len() != v.len() {
        return false;
    }
    // A byline right after the closing mark, in the same sentence or not (the segmenter gives
    // no paragraph break in GUM): `"..." Anonymous blogger, "Post title"`, capitalized words
    // and a comma, no verb, then the title's quotation.
    let after = quote.inner.end + 1;
    let title = q
        .quotes
        .iter()
        .find(|t| t.inner.start > after)
        .map(|t| t.inner.start - 1)
        .filter(|&open| open > after + 1 && open - after <= 6 && v.w(open - 1) == ",");
    if let Some(open) = title {
        if quote.inner.end < v.len()
            && is_quote_mark(v.w(quote.inner.end))
            && v.is_cap(after)
            && (after..open).all(|k| !syn.upos(k).is_verbal())
        {
            return true;
        }
    }
    let Some((next, _)) = v.sents.get(sb + 1) else {
        return false;
    };
    !next.is_empty()
        && q.sent_para.get(sb + 1).is_some_and(|&p| p > quote.para)
        && v.is_cap(next.start)
        && next
            .clone()
            .all(|k| q.at(k).is_some() || !syn.upos(k).is_verbal())
}

/// Byte spans of a statement's content texts, found in its evidence.
fn content_spans(v: &View, f: &Fact) -> Vec<crate::model::Span> {
    f.arguments
        .iter()
        .filter(|a| a.role == "content")
        .filter_map(|a| match &a.value {
            ArgValue::Text(t) if !t.is_empty() => f.evidence.iter().find_map(|e| {
                let at = v.text.get(e.start..e.end)?.find(t.as_str())?;
                Some(crate::model::Span::new(
                    e.start + at,
                    e.start + at + t.len(),
                ))
            }),
            _ => None,
        })
        .collect()
}

/// The noun that heads the object of `according to` parsed at `h` (a number or adjective the
/// parse made the head stands for its noun: `according to one 2017 study`).
pub(super) fn object_head(syn: &crate::syntax::Syntax, h: usize, sent: &Range<usize>) -> usize {
    match syn.head(h) {
        Some(n)
            if n > h
                && n < sent.end
                && matches!(syn.upos(h), Upos::Num | Upos::Adj)
                && syn.upos(n) == Upos::Noun =>
        {
            n
        }
        _ => h,
    }
}

/// The source of `according to` (at `k`) whose object the parse heads at `h`: a person named in
/// apposition (`the team's coach, Alireza Mehraban`), else the entity the head is in (named or
/// unnamed), else the author of a document (`a report issued by X`, `X's statement`); never an
/// entity that only modifies the head (`Khalil's notice`, `the Afghan team's coach`, `some
/// French media outlets`).
fn according_source(
    v: &View,
    syn: &crate::syntax::Syntax,
    k: usize,
    h: usize,
    sent: &Range<usize>,
) -> Option<usize> {
    let appos = syn
        .children(h)
        .filter(|&(c, r)| r == Rel::Appos && c > h)
        .find_map(|(c, _)| v.mention(c))
        .filter(|m| m.etype == EntityType::Person && m.kind == crate::model::MentionKind::Name);
    if let Some(m) = appos {
        return Some(m.entity);
    }
    let at_head = v.mention(h).filter(|m| is_speaker_type(m.etype));
    // `Yonhap news agency`: an organization's name compounded with a common noun head is the
    // source (not a place: `the U.S. census`).
    let compound = syn
        .children(h)
        .filter(|&(c, r)| r == Rel::Compound && c < h)
        .find_map(|(c, _)| v.mention(c))
        .filter(|m| m.etype == EntityType::Org && m.kind == crate::model::MentionKind::Name);
    if let Some(m) = at_head.filter(|m| m.kind == crate::model::MentionKind::Name) {
        return Some(super::speakers::titled_person(v, m).unwrap_or(m).entity);
    }
    if let Some(m) = compound.or(at_head) {
        return Some(m.entity);
    }
    if lx::is_speech_source_noun(v.w(h)) || lx::is_group_head(v.w(h)) {
        let end = syn.subtree(h).end.min(sent.end);
        return source(v, &(k..sent.end), end.max(h + 1), usize::MAX);
    }
    None
}

/// Statements of cues that are no verbs: `according to X` (the content is the rest of the
/// sentence on the longer side of the phrase) and cue nouns with a `that`-clause (`X's claim
/// that ...`).
fn cue_statements(doc: &Doc<'_>, v: &View, out: &mut Vec<Fact>) {
    let syn = &doc.syntax;
    let parsed = syn.len() == v.len();
    for (sent, sspan) in &v.sents {
        let first = own_start(doc, v, sent);
        for k in sent.clone() {
            let w = v.w(k);
            if k + 1 < sent.end && lx::is_source_phrase(w, v.w(k + 1)) {
                let mut s = k + 2;
                while s < sent.end && lx::is_determiner(v.w(s)) {
                    s += 1;
                }
                // The phrase's object: its noun phrase as parsed (appositions included: `according
                // to a report, the PISA survey, ...`), else its mention, else up to a comma.
                let obj = syn.head(k).filter(|&h| parsed && h > k + 1 && h < sent.end);
                let by_mention = v
                    .mention(s)
                    .or_else(|| v.mention(k + 2))
                    .map(|m| v.after_mention(m));
                // (Not when the parse hangs the whole sentence on the object: `According to
                // the Global Terrorism Index, BLA is ...` with `Index` as the root.)
                let last_word = (k..sent.end).rev().find(|&j| !v.is_punct(j)).unwrap_or(k);
                let pp_end = obj
                    .map(|h| syn.subtree(h).end.max(by_mention.unwrap_or(0)))
                    .filter(|&e| e <= last_word)
                    .or(by_mention)
                    .unwrap_or_else(|| (s..sent.end).find(|&j| v.is_punct(j)).unwrap_or(sent.end))
                    .min(sent.end);
                let speaker = match obj.map(|h| object_head(syn, h, sent)) {
                    Some(h) => according_source(v, syn, k, h, sent),
                    None => v
                        .mention(s)
                        .or_else(|| v.mention(k + 2))
                        .filter(|m| is_speaker_type(m.etype))
                        .map(|m| m.entity)
                        .or_else(|| source(v, &(k..sent.end), pp_end.max(k + 3), usize::MAX)),
                };
                // Content: the clause before the phrase, or after it when the phrase opens the
                // sentence (`Meanwhile, according to X, ...`).
                // (`Wikinews has learned that according to X, A`: the phrase opens the `that`
                // clause it modifies, whose rest is the content.)
                let words = |r: Range<usize>| r.filter(|&j| !v.is_punct(j)).count();
                let clause = obj
                    .and_then(|h| syn.head(h))
                    .filter(|&c| sent.contains(&c) && syn.upos(c).is_verbal())
                    .map(|c| syn.subtree(c))
                    .filter(|r| {
                        r.start > first && r.start <= k && r.end > pp_end && v.w(r.start) == "that"
                    });
                let body = match clause {
                    Some(r) if words(r.start..k) < 3 && words(first..k) >= 3 => {
                        pp_end..r.end.min(sent.end)
                    }
                    _ if words(first..k) < 3 => pp_end..sent.end,
                    _ => first..k,
                };
                let mut f = new_fact(
                    FactType::Statement,
                    "according to",
                    v.span_of(&(k..k + 2)),
                    *sspan,
                    "rule:statement/according-to",
                    0.75,
                );
                if let Some(e) = speaker {
                    f.arguments.push(ent_arg(doc, "speaker", e));
                }
                f.cameo_code = "010".to_string();
                // `According to the ministry, X said ...`: X's statement, which the ministry
                // reports, is the statement here (its source is `attributed_to`).
                let body_span = v.span_of(&body);
                let reports_speech = speaker.is_some()
                    && out.iter().any(|g| {
                        g.fact_type == FactType::Statement
                            && g.attributed_to.is_some()
                            && body_span.contains(&g.trigger)
                    });
                push_content(v, &mut f, body);
                if !reports_speech && f.arguments.iter().any(|a| a.role == "content") {
                    out.push(f);
                }
            }
            if parsed
                && lx::is_that_noun(w)
                && v.w(k + 1) == "that"
                && syn.rel(k + 1) == crate::syntax::Rel::Mark
            {
                let clause = syn.head(k + 1).filter(|&h| h > k + 1);
                let end = clause.map_or(sent.end, |h| syn.subtree(h).end.min(sent.end));
                // The owner: `X's claim`, `the claim by X`.
                let mut speaker = None;
                let mut j = k;
                while j > sent.start && k - j < 4 && speaker.is_none() {
                    j -= 1;
                    if let Some(m) = v.mention(j) {
                        if v.possessive_after(m) && is_speaker_type(m.etype) {
                            speaker = Some(m.entity);
                        }
                        break;
                    }
                }
                let mut f = new_fact(
                    FactType::Statement,
                    w,
                    v.span_of(&(k..k + 1)),
                    *sspan,
                    "rule:statement/cue-noun",
                    0.6,
                );
                if let Some(e) = speaker {
                    f.arguments.push(ent_arg(doc, "speaker", e));
                }
                f.cameo_code = "010".to_string();
                push_content(v, &mut f, k + 1..end);
                if f.arguments.iter().any(|a| a.role == "content") {
                    out.push(f);
                }
            }
        }
    }
}
