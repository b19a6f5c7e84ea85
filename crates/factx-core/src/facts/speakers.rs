//! Unnamed speakers: the subject of a speech verb, or the object of `according to`, that is a
//! common noun phrase no entity covers (`officials said`, `a police spokesman said`, `according
//! to the ministry`) becomes an entity of its own with one NOMINAL mention, so that the statement
//! has a speaker and is never handed to a named person nearby. One entity per mention: the text
//! does not say that two `officials` are the same people. A pronoun subject that coreference
//! left unresolved (`they said`) becomes such an entity too, with a PRONOUN mention.

use std::ops::Range;

use super::quotations::Quotations;
use super::statements;
use super::view::{MentionRef, View};
use crate::doc::Doc;
use crate::lexicon::facts as lx;
use crate::model::{Entity, EntityType, Mention, MentionKind};
use crate::syntax::{Rel, Syntax, Upos};

/// Adds a NOMINAL entity for every unnamed speaker (see the module docs).
pub fn add_unnamed(doc: &mut Doc<'_>) {
    if doc.syntax.len() != doc.tokens.len() || doc.syntax.is_empty() {
        return;
    }
    let found = {
        let v = View::new(doc);
        find(&v, &doc.syntax)
    };
    if found.is_empty() {
        return;
    }
    let taken: std::collections::HashSet<String> =
        doc.entities.iter().map(|e| e.id.clone()).collect();
    let mut n = 0usize;
    for (r, target, sentence, kind) in found {
        let span = crate::model::Span::new(
            doc.tokens[r.start].span.start,
            doc.tokens[r.end - 1].span.end,
        );
        let text = doc.text[span.start..span.end].to_string();
        let mention = Mention {
            span,
            text: text.clone(),
            kind,
            sentence,
        };
        let etype = match target {
            Target::Entity(e) => {
                let ms = &mut doc.entities[e].mentions;
                let at = ms.partition_point(|m| m.span.start < span.start);
                ms.insert(at, mention);
                continue;
            }
            Target::New(t) => t,
        };
        let id = loop {
            n += 1;
            let id = format!("u{n}");
            if !taken.contains(&id) {
                break id;
            }
        };
        doc.entities.push(Entity {
            id,
            entity_type: etype,
            canonical_name: text,
            mentions: vec![mention],
            salience: 0.0,
            external_ids: Default::default(),
        });
    }
}

/// Whether token `i` of sentence `sent` is a speech verb that takes a speaker: a verb as parsed,
/// with a clause or quotation when it needs one, and a quotation or `as` after a naming verb.
pub(crate) fn speaks_at(v: &View, syn: &Syntax, i: usize, sent: &Range<usize>) -> bool {
    let w = v.w(i);
    lx::statement_verb(w).is_some()
        && !(v.is_cap(i) && i > sent.start)
        && syn.upos(i) == Upos::Verb
        && (!lx::needs_clause(w)
            || matches!(v.w(i + 1), "that" | ":" | "\"" | "\u{201C}")
            || syn.child(i, Rel::Ccomp).is_some())
        && (!lx::is_naming_verb(w) || statements::names_with_quote(v, i, sent))
        && (!lx::needs_quote(w) || statements::quote_follows(v, i, sent))
}

/// The head of the speaker of speech verb `i`: its subject (`statements::syntax_subject`), or
/// for a participle that modifies a noun, that noun (`with the correspondent noting ...`).
pub(crate) fn speaker_head(syn: &Syntax, i: usize) -> Option<usize> {
    statements::syntax_subject(syn, i).or_else(|| {
        (syn.rel(i) == Rel::Acl && syn.xpos(i) == crate::syntax::Xpos::Vbg)
            .then(|| syn.head(i))
            .flatten()
            .filter(|&n| matches!(syn.upos(n), Upos::Noun | Upos::Propn))
    })
}

/// `..., say analysts.`, `..., said the ministry's spokesman.`: a speech verb right after a comma
/// or a closing quote, followed only by a short noun phrase up to the end of its sentence, has
/// that phrase as its subject whatever the parse says (which often reads it as an object). The
/// phrase's head.
pub(crate) fn tail_subject(v: &View, syn: &Syntax, i: usize, sent: &Range<usize>) -> Option<usize> {
    // Not `X, told VOA.` (an addressee) nor a verb with its own subject before it.
    let addressee = lx::statement_verb(v.w(i)).is_some_and(|(_, _, a)| a);
    let own_subject = syn
        .children(i)
        .any(|(c, r)| r.is_subject() && c < i && !(c..i).any(|k| is_quote(v.w(k))));
    if i <= sent.start || !matches!(v.w(i - 1), "," | "\"" | "\u{201D}") || addressee || own_subject
    {
        return None;
    }
    let mut end = sent.end;
    while end > i + 1 && v.is_punct(end - 1) {
        end -= 1;
    }
    if end <= i + 1 || end - (i + 1) > 6 {
        return None;
    }
    let nominal = |k: usize| {
        v.time_at.get(k).copied().flatten().is_none()
            && matches!(
                syn.upos(k),
                Upos::Det | Upos::Adj | Upos::Noun | Upos::Propn | Upos::Num | Upos::Part
            )
    };
    let h = end - 1;
    ((i + 1..end).all(nominal) && matches!(syn.upos(h), Upos::Noun | Upos::Propn)).then_some(h)
}

/// `U.S. Senator James Risch`, `Chinese Ambassador Wu Haitao`, `U.S. Homeland Security
/// Secretary Kristi Noem`: a place, nationality or organization named before a title and a
/// person's name only modifies that person, the head of the noun phrase (the parse often heads
/// it at the first word). The person's mention, when `m` is such a modifier.
pub(crate) fn titled_person<'a>(v: &'a View, m: &MentionRef) -> Option<&'a MentionRef> {
    if m.etype == EntityType::Person || v.possessive_after(m) {
        return None;
    }
    // (`U.N. Resident Coordinator for Myanmar Andrew Kirkwood`: an office the tagger read as an
    // organization's name, which a title word ends, goes on to the person.)
    let last = m.toks.end.checked_sub(1).map_or("", |k| v.w(k));
    let titled = lx::is_title_word(last) || lx::is_title_head(last);
    titled_from(v, v.after_mention(m), titled)
}

/// The person named after the title words from token `k` on (`Commerce Secretary Howard
/// Lutnick` from `Commerce` or `Secretary`, where the parse may head the noun phrase).
pub(crate) fn person_after_title<'a>(v: &'a View, k: usize) -> Option<&'a MentionRef> {
    titled_from(v, k, false)
}

/// `person_after_title`, with `titled` when a title was read before `k`.
fn titled_from<'a>(v: &'a View, mut k: usize, mut titled: bool) -> Option<&'a MentionRef> {
    for _ in 0..6 {
        if k >= v.len() {
            return None;
        }
        if let Some(p) = v.mention(k) {
            // (`Resident Coordinator for Myanmar X`: the place an office is for is part of it.)
            let office_place = titled
                && k > 0
                && matches!(v.w(k - 1), "of" | "for")
                && matches!(p.etype, EntityType::Gpe | EntityType::Org);
            if office_place {
                k = p.toks.end;
                continue;
            }
            return (titled && p.etype == EntityType::Person && p.kind == MentionKind::Name)
                .then_some(p);
        }
        let w = v.w(k);
        let title = lx::is_title_word(w) || lx::is_title_head(w) || lx::is_honorific(w);
        // Capitalized words of an office (`Homeland Security Secretary`), `of` inside one
        // (`Secretary of State`) and a hyphen (`Secretary-General`), nothing else.
        let inside = v.is_cap(k) || (matches!(w, "of" | "for" | "-") && titled && v.is_cap(k + 1));
        if !(title || inside) {
            return None;
        }
        titled |= title;
        k += 1;
    }
    None
}

fn is_quote(w: &str) -> bool {
    matches!(w, "\"" | "\u{201C}" | "\u{201D}")
}

/// Where a found speaker mention goes: a new entity of this type, or an entity already there.
enum Target {
    New(EntityType),
    Entity(usize),
}

/// (tokens, target, sentence, mention kind) of every unnamed speaker.
fn find(v: &View, syn: &Syntax) -> Vec<(Range<usize>, Target, u32, MentionKind)> {
    let q = Quotations::scan(v);
    let mut out: Vec<(Range<usize>, Target, u32, MentionKind)> = Vec::new();
    for (si, (sent, _)) in v.sents.iter().enumerate() {
        for i in sent.clone() {
            let w = v.w(i);
            let source_phrase = i + 1 < sent.end && lx::is_source_phrase(w, v.w(i + 1));
            let heads = if speaks_at(v, syn, i, sent) {
                // The noun right before the verb when the parse hangs it there (`analysts
                // said`; not `the under secretary for political affairs thanked`), else the
                // parse's subject.
                let before = i > sent.start
                    && syn.upos(i - 1) == Upos::Noun
                    && (syn.rel(i - 1).is_subject() || syn.head(i - 1) == Some(i))
                    && !syn.children(i - 1).any(|(_, r)| r == Rel::Case);
                let head = tail_subject(v, syn, i, sent).or_else(|| {
                    speaker_head(syn, i).filter(|&h| plausible_subject(v, syn, &q, h, i))
                });
                [before.then(|| i - 1), head]
            } else if source_phrase {
                // `according to X`: UD makes `according` a case marker of X.
                // (A number or adjective the parse made the head stands for its noun:
                // `according to one 2017 study`.)
                let h = syn
                    .head(i)
                    .filter(|&h| h > i + 1)
                    .map(|h| statements::object_head(syn, h, sent));
                [h, None]
            } else {
                [None, None]
            };
            let Some(h) = heads.into_iter().flatten().find(|h| sent.contains(h)) else {
                continue;
            };
            // Inside a prepositional phrase (`the under secretary for political affairs`) a
            // noun is no subject, whatever the parse says; the object of `according to` is
            // the source by its preposition (`according to police`).
            if v.mention(h).is_some()
                || out.iter().any(|(o, _, _, _)| o.contains(&h))
                || (!source_phrase && syn.children(h).any(|(_, r)| r == Rel::Case))
            {
                continue;
            }
            // An unresolved `they` is a speaker of its own, not nobody. (`he`, `she`:
            // coreference and the nearest person decide; `we` inside a quotation is the
            // quoted speaker's side.)
            if syn.upos(h) == Upos::Pron {
                if v.w(h) == "they" && q.at(h).is_none() {
                    out.push((
                        h..h + 1,
                        Target::New(EntityType::Person),
                        si as u32,
                        MentionKind::Pronoun,
                    ));
                }
                continue;
            }
            // A name the entity stages missed (`Reporters Without Borders said`): its run of
            // capitalized words, as a NAME.
            // (Also a capitalized run the tagger read as common nouns: `Reporters Without
            // Borders said`.)
            let capitalized_run = syn.upos(h) == Upos::Noun
                && v.is_cap(h)
                && name_run(v, h, sent).is_some_and(|r| r.len() > 1);
            if (syn.upos(h) == Upos::Propn || capitalized_run)
                && q.at(h).is_none()
                && v.time_at[h].is_none()
            {
                if let Some(r) = name_run(v, h, sent) {
                    if !out
                        .iter()
                        .any(|(o, _, _, _)| o.start < r.end && r.start < o.end)
                    {
                        // The same name found elsewhere (`Hamdullah Mohib` missed once, found
                        // later, or its bare surname) is that entity's mention: one name, one
                        // entity.
                        if let Some(e) = named_elsewhere(v, &r) {
                            out.push((r, Target::Entity(e), si as u32, MentionKind::Name));
                            continue;
                        }
                        let first = v.raw(r.start);
                        let etype = if crate::lexicon::given_name_gender(first).is_some() {
                            EntityType::Person
                        } else {
                            EntityType::Org
                        };
                        out.push((r, Target::New(etype), si as u32, MentionKind::Name));
                    }
                }
                continue;
            }
            // Common nouns only (a capital is a name's, except the sentence's first word), and
            // no title before a name (`Gen. Ahmed Chaudhry`).
            let first = h == sent.start || (h == sent.start + 1 && v.is_punct(sent.start));
            // (`according to a U.S. defense official`: a speaker noun the tagger read as an
            // adjective is still the noun.)
            let noun = syn.upos(h) == Upos::Noun
                || (source_phrase && syn.upos(h) == Upos::Adj && lx::is_speaker_head(v.w(h)));
            if !noun
                || (v.is_cap(h) && !first)
                || v.mention(h + 1).is_some()
                || (h + 1 < sent.end && v.is_cap(h + 1))
            {
                continue;
            }
            // A document or spokesperson that speaks for a named author is the author's.
            if lx::is_speech_source_noun(v.w(h))
                && statements::source(v, sent, (h + 5).min(sent.end), 8).is_some()
            {
                continue;
            }
            let Some(r) = phrase(v, syn, h, sent) else {
                continue;
            };
            if out
                .iter()
                .any(|(o, _, _, _)| o.start < r.end && r.start < o.end)
            {
                continue;
            }
            let etype = if lx::is_group_head(v.w(h)) {
                EntityType::Org
            } else {
                EntityType::Person
            };
            out.push((r, Target::New(etype), si as u32, MentionKind::Nominal));
        }
    }
    out
}

/// The entity of a NAME mention elsewhere in the article that ends with the same word as name
/// run `r`.
fn named_elsewhere(v: &View, r: &Range<usize>) -> Option<usize> {
    let last = v.raw(r.end - 1);
    v.mentions
        .iter()
        .filter(|m| m.kind == MentionKind::Name && m.toks.end > m.toks.start)
        .find(|m| v.raw(m.toks.end - 1) == last)
        .map(|m| m.entity)
}

/// Whether the parse's subject `h` of speech verb `i` sits where a subject can (the parse of
/// quoted speech is often wrong): on the same side of every quote mark, ending right before the
/// verb, or right after it in an inverted `"...," said X`.
fn plausible_subject(v: &View, syn: &Syntax, q: &Quotations, h: usize, i: usize) -> bool {
    if q.at(h) != q.at(i) {
        return false;
    }
    if h < i {
        // A participle that borrows its subject (`X railed against Y, arguing that`) is judged
        // from the verb that owns the subject.
        let anchor = syn
            .head(h)
            .filter(|&x| {
                x < i
                    && syn.subject(i).is_none()
                    && v.w(i - 1) == ","
                    && syn.head(i) == Some(x)
                    && matches!(syn.rel(i), Rel::Advcl | Rel::Conj | Rel::Xcomp)
                    // (Not a verb inside a reported clause: `rejected the idea X can lead to
                    // Y, arguing`, where the parse hangs the participle on the inner verb.)
                    && !matches!(syn.rel(x), Rel::Ccomp | Rel::Acl | Rel::AclRelcl)
            })
            .unwrap_or(i);
        let end = syn.subtree(h).end.min(anchor).max(h + 1);
        let no_quote = |r: Range<usize>| {
            r.into_iter()
                .all(|k| !matches!(v.w(k), "\"" | "\u{201C}" | "\u{201D}" | ";" | ":"))
        };
        // `The officials, speaking on condition of anonymity, said`: a parenthetical between
        // commas, without a finite verb, may stand between the subject and its verb.
        let parenthetical = anchor == i
            && end < i
            && v.w(end) == ","
            && v.w(i - 1) == ","
            && i - end <= 20
            && (end..i).all(|k| {
                !matches!(
                    syn.xpos(k),
                    crate::syntax::Xpos::Vbd | crate::syntax::Xpos::Vbz | crate::syntax::Xpos::Vbp
                )
            });
        // (`end` passes `anchor` when the verb owning the subject comes before it: no subject.)
        ((end <= anchor && anchor - end <= 3) || parenthetical) && no_quote(end..i.max(end))
    } else {
        h - i <= 4 && i > 0 && matches!(v.w(i - 1), "," | "\"" | "\u{201D}")
    }
}

/// The capitalized words around `h` (with `of`, `for`, `without`, `and` between two of them),
/// none inside a mention; `None` for a lone capital at the sentence start.
pub(crate) fn name_run(v: &View, h: usize, sent: &Range<usize>) -> Option<Range<usize>> {
    let cap = |k: usize| v.is_cap(k) && v.mention(k).is_none();
    let joiner = |k: usize| matches!(v.w(k), "of" | "for" | "without" | "and" | "de");
    if !cap(h) {
        return None;
    }
    let mut a = h;
    while a > sent.start && (cap(a - 1) || (a >= sent.start + 2 && joiner(a - 1) && cap(a - 2))) {
        a -= 1;
    }
    let mut b = h + 1;
    while b < sent.end && (cap(b) || (b + 1 < sent.end && joiner(b) && cap(b + 1))) {
        b += 1;
    }
    // A title before a name the entity stages found (`Shadow Home Secretary Yvette Cooper`) is
    // no name of its own; a sentence-initial capital alone may be any word.
    let titled = (a..b).any(|k| {
        let w = v.w(k);
        lx::is_title_word(w) || lx::is_title_head(w) || lx::is_honorific(w.trim_end_matches('.'))
    });
    if titled || v.mention(b).is_some() {
        return None;
    }
    (b - a > 1 || a > sent.start).then_some(a..b)
}

/// The noun phrase headed by `h`: its determiners and modifiers before it, and a `for`/`of`
/// phrase after it (`a spokeswoman for the ministry`), without relative clauses, appositions or
/// anything past a comma. A name inside it (`U.S. officials`) stays the name's: the phrase
/// starts after it.
fn phrase(v: &View, syn: &Syntax, h: usize, sent: &Range<usize>) -> Option<Range<usize>> {
    let mut start = h;
    let mut end = h + 1;
    for (c, rel) in syn.children(h) {
        if c < h {
            if matches!(
                rel,
                Rel::Det | Rel::Amod | Rel::Compound | Rel::Nummod | Rel::NmodPoss | Rel::DetPredet
            ) {
                start = start.min(syn.subtree(c).start);
            }
        } else if matches!(rel, Rel::Nmod)
            && matches!(syn.preposition(c), Some("for" | "of" | "with"))
        {
            end = end.max(syn.subtree(c).end);
        }
    }
    start = start.max(sent.start);
    end = end.min(sent.end);
    if (start..end).any(|k| v.is_punct(k) || matches!(v.w(k), "\"" | "\u{201C}" | "\u{201D}")) {
        start = h;
        end = h + 1;
    }
    // A name inside the phrase keeps its tokens.
    if let Some(last) = (start..h).rev().find(|&k| v.mention(k).is_some()) {
        start = last + 1;
    }
    // So does a name after it (`a spokesman for Kenya`): the phrase ends at its head.
    if (h + 1..end).any(|k| v.mention(k).is_some()) {
        end = h + 1;
    }
    (start <= h && h < end).then_some(start..end)
}
