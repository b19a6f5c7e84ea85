//! Who `he` and `she` are when they speak: the pronoun subject of a speech verb (`he said`,
//! `"...," she added`) is decided with the quotation structure in view, not by coreference alone,
//! which reads antecedents into quotations and across speakers. In news style:
//! - next to a quotation, `he added` goes on with the person who spoke last (within a few
//!   sentences), when that person's gender and number fit;
//! - otherwise, and when the last speaker does not fit, the pronoun is the most recent subject
//!   (outside quotations, same sentence or the three before) that is a person of its gender;
//! - when that subject is a name no entity holds (`Fu Cong blamed ..., but he said`), it becomes a
//!   PERSON entity if its given name agrees, else the pronoun stays unattached;
//! - when nothing fits, the pronoun gets an entity of its own (unattached): no speaker is better
//!   than a wrong one.
//!
//! Reads the parse, the entities (coreference and unnamed speakers applied) and the quotation
//! structure; moves the pronoun's mention to the entity decided, or adds entities.

use std::collections::HashMap;
use std::ops::Range;

use super::quotations::{sentence_of, Quotations};
use super::speakers::{name_run, person_after_title, speaker_head, speaks_at, titled_person};
use super::view::View;
use crate::doc::Doc;
use crate::lexicon::facts as lx;
use crate::lexicon::Gender;
use crate::model::{Entity, EntityType, Mention, MentionKind, Span};
use crate::syntax::{Rel, Syntax, Upos, Xpos};

/// How many sentences back a pronoun's speaker or subject antecedent may be.
const WINDOW: usize = 3;

/// Who a subject token is.
#[derive(Debug, Clone, PartialEq)]
enum Who {
    Entity(usize),
    /// A name no entity holds: tokens, and whether its given name has the pronoun's gender.
    Name(Range<usize>),
    /// A pronoun left unattached (its own entity, made at the end).
    Own(usize),
}

/// Moves the mention of each `he`/`she` speaker to the entity decided (see the module docs).
pub fn resolve(doc: &mut Doc<'_>) {
    if doc.syntax.len() != doc.tokens.len() || doc.syntax.is_empty() {
        return;
    }
    let decided = {
        let v = View::new(doc);
        decide(doc, &v)
    };
    apply(doc, decided);
}

/// (pronoun token, pronoun span, decision) for every `he`/`she` speaker.
fn decide(doc: &Doc<'_>, v: &View) -> Vec<(usize, Span, Who)> {
    let syn = &doc.syntax;
    let q = Quotations::scan(v);
    // Speech verbs outside quotations with their subject token, in text order. A finite verb
    // the parse gives no subject (a heading run into the sentence) takes the sentence's first
    // person mentioned before it, else it is a speaker nobody can tell (`None`).
    let mut speeches: Vec<(usize, Option<usize>)> = Vec::new();
    for (sent, _) in &v.sents {
        for i in sent.clone() {
            if q.at(i).is_some() || !speaks_at(v, syn, i, sent) {
                continue;
            }
            let h = speaker_head(syn, i).filter(|h| sent.contains(h) && q.at(*h).is_none());
            let finite = matches!(syn.xpos(i), Xpos::Vbd | Xpos::Vbz | Xpos::Vbp);
            if h.is_none() && !finite {
                continue;
            }
            // (Not the object of a preposition: `Like Lutnick, Kevin Hassett, ... emphasized`.)
            let h = h.or_else(|| {
                (sent.start..i).find(|&k| {
                    q.at(k).is_none()
                        && v.mention(k).is_some_and(|m| {
                            m.toks.start == k
                                && m.etype == EntityType::Person
                                && !super::clause::is_pp_object(v, sent, m)
                        })
                })
            });
            speeches.push((i, h));
        }
    }
    // A person named first in a sentence is its subject whatever the parse says (`Barnier,
    // too, was ...` parsed as a fragment).
    let first_named = v.sents.iter().filter_map(|(sent, _)| {
        let k = (sent.start..sent.end).find(|&k| !v.is_punct(k))?;
        let m = v.mention(k)?;
        (m.toks.start == k && m.kind == MentionKind::Name && m.etype == EntityType::Person)
            .then_some(k)
    });
    let subjects = Subjects {
        extra: speeches
            .iter()
            .filter_map(|&(_, h)| h)
            .chain(first_named)
            .filter(|&h| !is_subject(syn, h))
            .collect(),
        barriers: speeches
            .iter()
            .filter(|(_, h)| h.is_none())
            .map(|&(i, _)| i)
            .collect(),
    };
    let mut resolved: HashMap<usize, Who> = HashMap::new();
    let mut out = Vec::new();
    for n in 0..speeches.len() {
        let Some(h) = speeches[n].1 else {
            continue;
        };
        let Some(gender) = gender_word(v.w(h)) else {
            continue;
        };
        if resolved.contains_key(&h) {
            // `he said ..., adding that ...`: one subject, decided once.
            continue;
        }
        let Some(si) = sentence_of(v, h) else {
            continue;
        };
        let lo = si.saturating_sub(WINDOW);
        // Next to a quotation: one closing right before the pronoun (`"...," he added`) or
        // opening right after the verb (`He added: "..."`).
        let i = speeches[n].0;
        let only_punct = |r: Range<usize>| r.into_iter().all(|k| v.is_punct(k));
        let quoted = q.quotes.iter().any(|x| {
            (x.inner.end <= h && h - x.inner.end <= 3 && only_punct(x.inner.end..h))
                || (x.inner.start > i && x.inner.start - i <= 3 && only_punct(i + 1..x.inner.start))
        });
        // The last speaker, when the last speech verb (within the window) has one.
        let recent = speeches[..n]
            .last()
            .filter(|&&(j, _)| sentence_of(v, j).is_some_and(|s| s >= lo));
        let last = recent
            .and_then(|&(_, s)| s)
            .and_then(|s| who(v, syn, &resolved, s));
        let fits = |w: &Who| fits(doc, v, syn, w, gender);
        // `the head of NATO, Hoop Scheffer, he has explained`: a noun phrase set off by a comma
        // right before the pronoun, hung on the pronoun's own verb, is who the pronoun is.
        let dislocated = syn
            .head(h)
            .filter(|_| h > 0 && v.w(h - 1) == ",")
            .and_then(|verb| {
                syn.children(verb).find(|&(c, r)| {
                    c < h
                        && matches!(r, Rel::Dep | Rel::Dislocated)
                        && matches!(syn.upos(c), Upos::Noun | Upos::Propn)
                        && (h - 1..=h).contains(&syn.subtree(c).end)
                })
            })
            .and_then(|(c, _)| who(v, syn, &resolved, c))
            .filter(|w| !matches!(w, Who::Own(_)) && fits(w) == Some(true));
        if let Some(w) = dislocated {
            resolved.insert(h, w.clone());
            out.push((h, v.spans[h], w));
            continue;
        }
        let mut pick = if quoted {
            last.clone().filter(|w| fits(w) == Some(true))
        } else {
            None
        };
        if pick.is_none() {
            pick = Some(walk(doc, v, syn, &q, &subjects, &resolved, h, lo, gender));
        }
        let pick = pick.unwrap_or(Who::Own(h));
        resolved.insert(h, pick.clone());
        out.push((h, v.spans[h], pick));
    }
    out
}

/// Subjects the parse does not mark (`extra`), and speech verbs whose speaker nobody can tell
/// (`barriers`: a pronoun after one is not resolved past it).
struct Subjects {
    extra: std::collections::HashSet<usize>,
    barriers: std::collections::HashSet<usize>,
}

fn is_subject(syn: &Syntax, t: usize) -> bool {
    let rel = syn.rel(t);
    rel.is_subject() || rel == Rel::NsubjPass
}

/// The most recent subject before pronoun `h` (sentences `lo..`) that is a person of `gender`;
/// `Own` when a subject that may be the one cannot be told (a name of unknown gender) or none fits.
#[allow(clippy::too_many_arguments)]
fn walk(
    doc: &Doc<'_>,
    v: &View,
    syn: &Syntax,
    q: &Quotations,
    subjects: &Subjects,
    resolved: &HashMap<usize, Who>,
    h: usize,
    lo: usize,
    gender: Gender,
) -> Who {
    let start = v.sents[lo].0.start;
    for t in (start..h).rev() {
        if subjects.barriers.contains(&t) {
            return Who::Own(h);
        }
        if !(is_subject(syn, t) || subjects.extra.contains(&t)) || q.at(t).is_some() {
            continue;
        }
        // Other pronouns (`it`, `they`, `I`) are no `he`; `she` is no `he`.
        if syn.upos(t) == Upos::Pron && gender_word(v.w(t)) != Some(gender) {
            continue;
        }
        let Some(w) = who(v, syn, resolved, t) else {
            continue;
        };
        match fits(doc, v, syn, &w, gender) {
            // A pronoun left unattached tells nothing about the one before it.
            Some(true) if matches!(w, Who::Own(_)) => continue,
            Some(true) => return w,
            Some(false) => continue,
            None => return Who::Own(h),
        }
    }
    // No subject fits: coreference's antecedent when it is a person of the pronoun's gender
    // (`Mr. Tanaka met Ms. Ito. She thanked him`: an object antecedent).
    v.mention(h)
        .map(|m| Who::Entity(m.entity))
        .filter(|w| fits(doc, v, syn, w, gender) == Some(true))
        .unwrap_or(Who::Own(h))
}

fn gender_word(w: &str) -> Option<Gender> {
    match w {
        "he" => Some(Gender::Male),
        "she" => Some(Gender::Female),
        _ => None,
    }
}

/// The entity (or name) at subject token `t`.
fn who(v: &View, syn: &Syntax, resolved: &HashMap<usize, Who>, t: usize) -> Option<Who> {
    if let Some(w) = resolved.get(&t) {
        return Some(w.clone());
    }
    if let Some(m) = v.mention(t) {
        // (`U.S. Senator James Risch`: the person, not the country the parse heads it with.)
        let m = titled_person(v, m).unwrap_or(m);
        return Some(Who::Entity(m.entity));
    }
    // `The court's president, Judge Joan Donoghue, rejected`: the name in apposition to a
    // person's noun (not `X's real estate agency, Yuzawa, focuses`: a business's name).
    let personal = {
        let w = v.w(t);
        lx::is_title_head(w) || lx::is_title_word(w) || lx::is_speaker_head(w)
    };
    if let Some(m) = syn
        .children(t)
        .find(|&(_, r)| r == Rel::Appos)
        .and_then(|(c, _)| v.mention(c))
    {
        return personal.then_some(Who::Entity(m.entity));
    }
    // `Commerce Secretary Howard Lutnick told`, headed at a title word.
    if let Some(m) = (v.is_cap(t) && (lx::is_title_word(v.w(t)) || lx::is_title_head(v.w(t))))
        .then(|| person_after_title(v, t))
        .flatten()
    {
        return Some(Who::Entity(m.entity));
    }
    if syn.upos(t) == Upos::Propn {
        let sent = &v.sents[sentence_of(v, t)?].0;
        return name_run(v, t, sent).map(Who::Name);
    }
    None
}

/// Whether `w` can be a `he`/`she` of `gender`: `Some(false)` when its type, number or gender
/// rules it out, `None` when it cannot be told.
fn fits(doc: &Doc<'_>, v: &View, syn: &Syntax, w: &Who, gender: Gender) -> Option<bool> {
    match w {
        Who::Own(_) => Some(true),
        Who::Name(r) => {
            let g = crate::lexicon::given_name_gender(v.raw(r.start))?;
            Some(g == gender)
        }
        Who::Entity(e) => {
            let ent = &doc.entities[*e];
            if ent.entity_type != EntityType::Person {
                return Some(false);
            }
            // An unnamed group (`officials`, `analysts`) is no `he`.
            let named = ent.mentions.iter().any(|m| m.kind == MentionKind::Name);
            if !named
                && ent
                    .mentions
                    .iter()
                    .any(|m| m.kind == MentionKind::Nominal && plural_head(v, syn, m.span.end))
            {
                return Some(false);
            }
            Some(gender_of(doc, *e).is_none_or(|g| g == gender))
        }
    }
}

/// Whether the noun phrase ending at byte `end` ends in a plural noun.
fn plural_head(v: &View, syn: &Syntax, end: usize) -> bool {
    let t = v.spans.partition_point(|s| s.end < end);
    t < v.len() && matches!(syn.xpos(t), Xpos::Nns | Xpos::Nnps)
}

/// Gender of a person entity as the text gives it: a pronoun coreference attached, a title
/// (`Mrs.`), or the given name.
pub(crate) fn gender_of(doc: &Doc<'_>, e: usize) -> Option<Gender> {
    let ent = &doc.entities[e];
    let personal = |g: Gender| matches!(g, Gender::Male | Gender::Female).then_some(g);
    // A gendered honorific (`Mr.`, `Mrs`; `titles/titles.tsv`).
    let honorific = |w: &str| {
        crate::lexicon::title(w)
            .filter(|t| t.kind == crate::lexicon::TitleKind::Honorific)
            .and_then(|t| personal(t.gender))
    };
    // The text's own words first: an honorific (`Mrs. Smith`), then the given name; the pronouns
    // coreference attached last, by majority (one wrongly attached `she` does not decide).
    for m in ent
        .mentions
        .iter()
        .filter(|m| m.kind != MentionKind::Pronoun)
    {
        let first = m.text.split_whitespace().next().unwrap_or("");
        if let Some(g) = honorific(&m.text).or_else(|| honorific(first)) {
            return Some(g);
        }
    }
    let first = ent.canonical_name.split_whitespace().next().unwrap_or("");
    if let Some(g) = crate::lexicon::given_name_gender(first).and_then(personal) {
        return Some(g);
    }
    let (mut male, mut female) = (0, 0);
    for m in &ent.mentions {
        match crate::lexicon::pronoun(&m.text).and_then(|p| personal(p.gender)) {
            Some(Gender::Male) => male += 1,
            Some(Gender::Female) => female += 1,
            _ => {}
        }
    }
    match male.cmp(&female) {
        std::cmp::Ordering::Greater => Some(Gender::Male),
        std::cmp::Ordering::Less => Some(Gender::Female),
        std::cmp::Ordering::Equal => None,
    }
}

/// Moves each pronoun's mention to its decided entity; names and unattached pronouns become new
/// PERSON entities.
fn apply(doc: &mut Doc<'_>, decided: Vec<(usize, Span, Who)>) {
    let mut taken: std::collections::HashSet<String> =
        doc.entities.iter().map(|e| e.id.clone()).collect();
    let fresh = |taken: &mut std::collections::HashSet<String>| {
        let mut n = 0usize;
        loop {
            n += 1;
            let id = format!("p{n}");
            if taken.insert(id.clone()) {
                break id;
            }
        }
    };
    // Entities made here, by the token that made them (a name's first token, a pronoun's own).
    let mut made: HashMap<(usize, usize), usize> = HashMap::new();
    for (h, span, who) in decided {
        let sentence = sentence_index(doc, span.start);
        // Take the pronoun's mention out of the entity coreference gave it.
        let mut mention = Mention {
            span,
            text: doc.text[span.start..span.end].to_string(),
            kind: MentionKind::Pronoun,
            sentence,
        };
        let from = doc
            .entities
            .iter()
            .position(|e| e.mentions.iter().any(|m| m.span == span));
        let target = match &who {
            Who::Entity(e) => Some(*e),
            Who::Name(r) => made.get(&(r.start, r.end)).copied(),
            Who::Own(t) => made.get(&(*t, *t + 1)).copied(),
        };
        if from.is_some() && from == target {
            continue;
        }
        if let Some(f) = from {
            if doc.entities[f].mentions.len() < 2 {
                continue;
            }
            let ms = &mut doc.entities[f].mentions;
            if let Some(k) = ms.iter().position(|m| m.span == span) {
                mention = ms.remove(k);
            }
        }
        let target = match (target, &who) {
            (Some(t), _) => t,
            (None, Who::Name(r)) => {
                let a = doc.tokens[r.start].span.start;
                let b = doc.tokens[r.end - 1].span.end;
                let name = doc.text[a..b].to_string();
                let id = fresh(&mut taken);
                doc.entities.push(Entity {
                    id,
                    entity_type: EntityType::Person,
                    canonical_name: name.clone(),
                    mentions: vec![Mention {
                        span: Span::new(a, b),
                        text: name,
                        kind: MentionKind::Name,
                        sentence: sentence_index(doc, a),
                    }],
                    salience: 0.0,
                    external_ids: Default::default(),
                });
                made.insert((r.start, r.end), doc.entities.len() - 1);
                doc.entities.len() - 1
            }
            (None, _) => {
                let id = fresh(&mut taken);
                doc.entities.push(Entity {
                    id,
                    entity_type: EntityType::Person,
                    canonical_name: mention.text.clone(),
                    mentions: Vec::new(),
                    salience: 0.0,
                    external_ids: Default::default(),
                });
                made.insert((h, h + 1), doc.entities.len() - 1);
                doc.entities.len() - 1
            }
        };
        let ms = &mut doc.entities[target].mentions;
        let at = ms.partition_point(|m| m.span.start < span.start);
        ms.insert(at, mention);
    }
}

fn sentence_index(doc: &Doc<'_>, byte: usize) -> u32 {
    doc.sentences.partition_point(|s| s.span.end <= byte) as u32
}

#[cfg(test)]
mod tests {
    use crate::facts::testkit::pipeline_speakers as speakers;

    #[test]
    fn a_trailing_he_said_is_the_last_speaker_not_a_name_in_the_content() {
        let s = speakers(
            "\"They shot people on the train,\" said Jamshed Ajmal. The militants then asked \
             passengers of Punjabi and Saraiki ethnicity to come forward, he said.",
        );
        let last = s.iter().rev().find(|(t, _)| t == "said").unwrap();
        assert_eq!(last.1, "Jamshed Ajmal", "{s:?}");
    }

    #[test]
    fn he_added_skips_a_speaker_of_the_other_gender() {
        let s = speakers(
            "John Smith met Mary Jones on Monday. \"We agreed on the plan,\" Mary Jones said. \
             \"It went well,\" he added.",
        );
        let added = s.iter().find(|(t, _)| t == "added").unwrap();
        assert_eq!(added.1, "John Smith", "{s:?}");
    }

    #[test]
    fn a_left_dislocated_name_is_the_pronoun_speaker() {
        let s = speakers(
            "James Jones met the press. And the head of NATO, Hoop Scheffer, he has explained \
             that NATO must guard the pipelines.",
        );
        let explained = s.iter().find(|(t, _)| t == "explained").unwrap();
        assert_eq!(explained.1, "Hoop Scheffer", "{s:?}");
    }

    #[test]
    fn according_to_a_possessor_of_a_document_about_them_is_not_the_source() {
        let s =
            speakers("According to Khalil's notice to appear, Rubio has made that determination.");
        assert!(!s.iter().any(|(_, e)| e.contains("Khalil")), "{s:?}");
        let s = speakers(
            "Prices rose by 40%, according to a report issued by the Tokyo-based Real Estate \
             Economic Institute.",
        );
        assert!(!s.iter().any(|(_, e)| e == "Tokyo"), "{s:?}");
    }

    #[test]
    fn a_denial_of_a_thing_is_no_statement_but_a_denial_that_is() {
        let s = speakers(
            "Beijing denies the allegations. Iran has denied for years that it seeks arms.",
        );
        assert!(!s.iter().any(|(t, _)| t == "denies"), "{s:?}");
        assert!(s.iter().any(|(t, _)| t == "denied"), "{s:?}");
    }
}
