//! The registry matcher: runs every enabled type of the registry over the dependency parse.
//! For each token, its lemma selects the candidate triggers (a hash lookup); the first whose
//! part of speech, particles and conditions hold names the event. The trigger's frame slots
//! (subject, object, obliques by preposition, possessor, numerals, time) are read once from the
//! parse — with control (`agreed to acquire`), coordination (`A and B`, `attacked and killed`),
//! passives and relative clauses handled here for every type — and each slot the type maps to a
//! role becomes an argument if its filler is of an allowed kind. Polarity, modality and
//! attribution come from `modality::stance`. Linear in tokens: each trigger looks at its own
//! children, a bounded walk up its heads, and the subtrees of its argument heads.

use std::collections::HashMap;

use super::clause;
use super::modality;
use super::new_fact;
use super::view::View;
use crate::doc::Doc;
use crate::lexicon;
use crate::lexicon::facts::FactWord;
use crate::lexicon::registry::{
    registry, Cond, Filler, Pos, Registry, RoleDef, Slot, Trigger, TypeDef,
};
use crate::model::{ArgValue, Argument, EntityType, Fact, MentionKind, Span};
use crate::syntax::{Rel, Syntax, Upos};

/// Name of the extractor on the facts it makes (assembly keeps registry facts per mention).
pub const EXTRACTOR: &str = "registry";

/// Placeholder entity id of an unnamed actor (`police`, `a suicide bomber`) or of a pronoun
/// coreference left unresolved (`they killed them`) that no entity mention covers;
/// `nominal_actors` turns them into entities with one NOMINAL or PRONOUN mention.
const NOMINAL: &str = "nominal@";

fn nominal_id(span: Span, t: EntityType, kind: MentionKind) -> String {
    let t = if t == EntityType::Org {
        "ORG"
    } else {
        "PERSON"
    };
    let k = if kind == MentionKind::Pronoun {
        "PRONOUN"
    } else {
        "NOMINAL"
    };
    format!("{NOMINAL}{}:{}:{t}:{k}", span.start, span.end)
}

/// Makes a NOMINAL entity (one mention, the noun phrase) for every unnamed actor the facts
/// name, and a PRONOUN one for every unresolved pronoun they name, and points the arguments at
/// it. Never merged into a named entity: the text does not equate them.
pub fn nominal_actors(doc: &mut Doc<'_>, facts: &mut [Fact]) {
    let mut made: HashMap<String, String> = HashMap::new();
    for f in facts.iter_mut() {
        for a in &mut f.arguments {
            let ArgValue::Entity(id) = &mut a.value else {
                continue;
            };
            let Some(key) = id.strip_prefix(NOMINAL) else {
                continue;
            };
            if let Some(e) = made.get(key) {
                *id = e.clone();
                continue;
            }
            let mut parts = key.split(':');
            let (Some(Ok(start)), Some(Ok(end)), Some(t), k) = (
                parts.next().map(str::parse::<usize>),
                parts.next().map(str::parse::<usize>),
                parts.next(),
                parts.next(),
            ) else {
                continue;
            };
            let kind = if k == Some("PRONOUN") {
                MentionKind::Pronoun
            } else {
                MentionKind::Nominal
            };
            let span = Span::new(start, end);
            let text = doc.text.get(start..end).unwrap_or("").to_string();
            let sentence = doc
                .sentences
                .partition_point(|s| s.span.end <= start)
                .min(doc.sentences.len().saturating_sub(1)) as u32;
            let new_id = format!("n{}", doc.entities.len() + 1);
            doc.entities.push(crate::model::Entity {
                id: new_id.clone(),
                entity_type: if t == "ORG" {
                    EntityType::Org
                } else {
                    EntityType::Person
                },
                canonical_name: text.clone(),
                mentions: vec![crate::model::Mention {
                    span,
                    text,
                    kind,
                    sentence,
                }],
                salience: 0.0,
                external_ids: Default::default(),
            });
            made.insert(key.to_string(), new_id.clone());
            *id = new_id;
        }
    }
}

/// Finds the registry's events in `doc`.
pub fn extract(doc: &Doc<'_>, v: &View) -> Vec<Fact> {
    let reg = registry();
    let syn = &doc.syntax;
    let roles = super::events::RoleIndex::new(doc);
    let mut out = Vec::new();
    if syn.len() != v.len() {
        return out; // no parse (a stage run without syntax): nothing to match
    }
    for (sent, sspan) in &v.sents {
        // End of the last multiword trigger: its words name no second event (`courtesy call`
        // is a MEETING, its `call` no REQUEST).
        let mut covered = sent.start;
        for i in sent.clone() {
            if i < covered {
                continue;
            }
            let Some(cands) = reg.by_lemma.get(lemma(syn, v, i)) else {
                continue;
            };
            // A word inside a multiword name (`the Attack Helicopter Battalion`) is no trigger.
            if v.mention(i)
                .is_some_and(|m| m.kind == MentionKind::Name && m.toks.len() > 1)
            {
                continue;
            }
            let Some((t, end)) = cands
                .iter()
                .map(|&k| &reg.triggers[k])
                .find_map(|t| matches(reg, syn, v, t, i, sent.end).map(|e| (t, e)))
            else {
                continue;
            };
            if t.pos == Pos::Phrase {
                covered = end;
            }
            let Some(ty) = t.ty.map(|k| &reg.types[k]) else {
                continue; // negative evidence: this phrasing is no event
            };
            // A participle modifying a noun (`the banned group`) states a condition, not an act.
            if t.pos == Pos::Verb && syn.rel(i) == Rel::Amod {
                continue;
            }
            if !ty.enabled || absorbed(reg, syn, v, i) {
                continue;
            }
            if let Some(fs) = build(doc, v, syn, reg, ty, t, i..end, (sent, *sspan, &roles)) {
                out.extend(fs);
            }
        }
    }
    out
}

fn lemma<'a>(syn: &'a Syntax, v: &'a View, i: usize) -> &'a str {
    let l = syn.lemma(i);
    if l.is_empty() {
        v.w(i)
    } else {
        l
    }
}

/// Whether trigger `t` holds at token `i`; the end of the trigger's tokens.
fn matches(
    reg: &Registry,
    syn: &Syntax,
    v: &View,
    t: &Trigger,
    i: usize,
    sent_end: usize,
) -> Option<usize> {
    let upos = syn.upos(i);
    let mut end = i + 1;
    match t.pos {
        Pos::Verb => {
            if upos != Upos::Verb {
                return None;
            }
            for w in &t.rest {
                // A particle (`step down`), a preposition marking a dependent (`call for`), or
                // the next word.
                let k = syn
                    .children(i)
                    .find_map(|(c, r)| match r {
                        Rel::CompoundPrt if syn.lemma(c) == w => Some(c),
                        Rel::Obl | Rel::Obj | Rel::Xcomp | Rel::Ccomp | Rel::Advcl => syn
                            .children(c)
                            .find(|&(m, mr)| {
                                matches!(mr, Rel::Case | Rel::Mark) && syn.lemma(m) == w
                            })
                            .map(|(m, _)| m),
                        _ => None,
                    })
                    .or_else(|| (i + 1 < sent_end && lemma(syn, v, i + 1) == w).then_some(i + 1))?;
                if k == end {
                    end = k + 1;
                }
            }
        }
        Pos::Noun => {
            if upos != Upos::Noun {
                return None;
            }
        }
        Pos::Adj => {
            if !matches!(upos, Upos::Adj | Upos::Verb) {
                return None;
            }
        }
        Pos::Phrase => {
            for (k, w) in t.rest.iter().enumerate() {
                let j = i + 1 + k;
                if j >= sent_end || lemma(syn, v, j) != w {
                    return None;
                }
            }
            end = i + 1 + t.rest.len();
        }
    }
    for c in &t.when {
        let ok = match c {
            Cond::Obj(ws) => complement(syn, i).is_some_and(|o| lemma_in(syn, o, ws)),
            Cond::NotObj(ws) => !complement(syn, i).is_some_and(|o| lemma_in(syn, o, ws)),
            Cond::Mod(ws) => {
                syn.children(i).any(|(c, r)| {
                    matches!(r, Rel::Amod | Rel::Compound) && ws.iter().any(|w| w == syn.lemma(c))
                }) || syn
                    .oblique(i, "of")
                    .is_some_and(|o| ws.iter().any(|w| w == syn.lemma(o)))
            }
            Cond::Passive => syn.is_passive(i),
            Cond::Active => !syn.is_passive(i),
            Cond::ObjType(ts) => complement(syn, i).is_some_and(|o| {
                titled_person(v, o)
                    .or_else(|| v.mention(o))
                    .is_some_and(|m| ts.contains(&m.etype))
            }),
            // The light verb's obliques are the noun's (`received a call from X`), as in `slots`.
            Cond::Prep(ws) => std::iter::once(i)
                .chain(light_head(reg, syn, i))
                .flat_map(|h| syn.obliques(h))
                .any(|(c, p)| marker(syn, c, p).is_some_and(|p| ws.iter().any(|w| w == p))),
            Cond::Comp => governs_clause(syn, i),
            Cond::Has(_) | Cond::Many(_) => true, // read by `build` once the arguments are known
        };
        if !ok {
            return None;
        }
    }
    Some(end)
}

/// Whether the lemma of `o` is one of `ws`, also when the lemmatizer left a plural as it is
/// (`troops`).
fn lemma_in(syn: &Syntax, o: usize, ws: &[String]) -> bool {
    let l = syn.lemma(o);
    let singular = (syn.xpos(o).label() == "NNS")
        .then(|| l.strip_suffix('s'))
        .flatten();
    ws.iter().any(|w| w == l || Some(w.as_str()) == singular)
}

/// The preposition marking oblique `c` (`p`, its own `case`), else the `case` word opening its
/// phrase when the parse hung it on a modifier inside (`from Chilean President Tom Hart` with
/// `from` on `President`).
fn marker<'a>(syn: &'a Syntax, c: usize, p: Option<&'a str>) -> Option<&'a str> {
    p.or_else(|| {
        let s = syn.subtree(c).start;
        (s < c && syn.rel(s) == Rel::Case && syn.upos(s) == Upos::Adp).then(|| syn.lemma(s))
    })
}

/// The light verb a nominal trigger is the object (or passive subject) of: `held talks`,
/// `talks were held`, `received a call`.
fn light_head(reg: &Registry, syn: &Syntax, i: usize) -> Option<usize> {
    syn.head(i).filter(|&h| {
        syn.upos(i) == Upos::Noun
            && matches!(syn.rel(i), Rel::Obj | Rel::NsubjPass)
            && reg.light.contains(syn.lemma(h))
    })
}

/// Whether `i`, its object or an oblique of it governs a clause (`called on Russia to
/// withdraw`, parsed with the infinitive on the verb or on `Russia`).
fn governs_clause(syn: &Syntax, i: usize) -> bool {
    let clausal = |x: usize| {
        syn.children(x)
            .any(|(_, r)| matches!(r, Rel::Xcomp | Rel::Ccomp))
            || syn.children(x).any(|(c, r)| {
                matches!(r, Rel::Acl | Rel::Advcl)
                    && syn
                        .children(c)
                        .any(|(m, mr)| mr == Rel::Mark && syn.lemma(m) == "to")
            })
    };
    clausal(i)
        || syn
            .children(i)
            .any(|(c, r)| matches!(r.base(), Rel::Obj | Rel::Obl) && clausal(c))
}

/// Whether `i` heads a purpose infinitive (`went to Lima to meet X`: `advcl` marked `to`).
pub(super) fn purpose(syn: &Syntax, i: usize) -> bool {
    syn.rel(i) == Rel::Advcl
        && syn
            .children(i)
            .any(|(m, r)| r == Rel::Mark && syn.lemma(m) == "to")
}

/// `X was arrested and charged`, `X is dead, killed in a raid`: a bare participle conjoined to a
/// passive or copular predicate shares its subject as the one acted on (`X has arrested and
/// charged Y` keeps its active reading: the head is not passive).
fn conjoined_passive(syn: &Syntax, i: usize) -> bool {
    syn.rel(i) == Rel::Conj
        && syn.xpos(i).label() == "VBN"
        && !syn
            .children(i)
            .any(|(c, r)| r.base() == Rel::Aux || r == Rel::Obj || Rel::is_subject(r) && c < i)
        && syn.head(i).is_some_and(|h| {
            syn.is_passive(h)
                || matches!(syn.upos(h), Upos::Adj | Upos::Noun)
                    && syn.children(h).any(|(_, r)| r == Rel::Cop)
        })
}

/// `shot and killed people`: the object after the last of coordinated active verbs is the
/// parse's object of the first; the later verbs that have none share it.
fn shared_object(syn: &Syntax, i: usize) -> Option<usize> {
    if syn.rel(i) != Rel::Conj || syn.is_passive(i) {
        return None;
    }
    let h = syn
        .head(i)
        .filter(|&h| syn.upos(h) == Upos::Verb && !syn.is_passive(h))?;
    syn.object(h).filter(|&o| o > i)
}

/// The object of a verb (its passive subject; the noun a reduced passive modifies: `photos
/// released`), or the `of` complement of a noun; through a quantity to what it counts
/// (`deployed thousands of troops`: `troop`).
fn complement(syn: &Syntax, i: usize) -> Option<usize> {
    direct_complement(syn, i).map(|o| quantified(syn, o).unwrap_or(o))
}

fn direct_complement(syn: &Syntax, i: usize) -> Option<usize> {
    if syn.upos(i) == Upos::Verb {
        syn.object(i)
            .or_else(|| syn.child(i, Rel::NsubjPass))
            .or_else(|| {
                (syn.rel(i) == Rel::Acl && syn.xpos(i).label() == "VBN")
                    .then(|| syn.head(i))
                    .flatten()
            })
    } else {
        syn.oblique(i, "of")
    }
}

/// Whether the act at `i` is what an absorbing trigger (`urged X to withdraw`, `called for his
/// release`, `threatened to impose`) asks for or threatens: that trigger carries it.
fn absorbed(reg: &Registry, syn: &Syntax, v: &View, i: usize) -> bool {
    let mut x = i;
    for _ in 0..3 {
        let Some(h) = syn.head(x) else { return false };
        // `called for the charge to be dropped`: an infinitive on the thing asked for.
        let infinitive = syn.rel(x) == Rel::Acl
            && syn
                .children(x)
                .any(|(m, r)| r == Rel::Mark && syn.lemma(m) == "to");
        if !infinitive
            && !matches!(
                syn.rel(x),
                Rel::Xcomp | Rel::Ccomp | Rel::Obl | Rel::Obj | Rel::Nmod
            )
        {
            return false;
        }
        let governs = reg.by_lemma.get(lemma(syn, v, h)).is_some_and(|ts| {
            ts.iter()
                .filter_map(|&k| reg.triggers[k].ty)
                .any(|t| reg.types[t].absorbs)
        });
        if governs {
            return true;
        }
        x = h;
    }
    false
}

/// The slot fillers of a trigger: (slot, head token).
fn slots(reg: &Registry, syn: &Syntax, trig: usize) -> Vec<(Slot, usize)> {
    let mut out: Vec<(Slot, usize)> = Vec::new();
    let verbal = matches!(syn.upos(trig), Upos::Verb | Upos::Adj);
    let mut frame_heads = vec![trig];
    if verbal {
        let shared = conjoined_passive(syn, trig);
        let passive = shared
            || syn.is_passive(trig)
            || syn.rel(trig) == Rel::Acl && syn.xpos(trig).label() == "VBN";
        let mut subj = syn.subject(trig);
        // `the man who attacked`: the relative pronoun stands for the noun it modifies.
        if let Some(s) = subj {
            if matches!(syn.lemma(s), "who" | "which" | "that") {
                subj = syn.relative_antecedent(syn.head(s).unwrap_or(s)).or(subj);
            }
        }
        if subj.is_none() {
            subj = syn.relative_antecedent(trig);
        }
        // `travelled to Quito to meet X`: a purpose infinitive's subject is its clause's; so is
        // a gerund's in an adverbial clause (`X told reporters before landing in Jeddah`).
        // A later conjunct is read as its first one (`united in addressing and condemning X`).
        let mut base = trig;
        while syn.rel(base) == Rel::Conj {
            match syn.head(base) {
                Some(h) if syn.upos(h) == Upos::Verb => base = h,
                _ => break,
            }
        }
        let gerund = syn.rel(base) == Rel::Advcl && syn.xpos(base).label() == "VBG";
        // The governing clause may itself be relative (`thousands who took to the streets,
        // protesting X`): its antecedent is the subject.
        if subj.is_none() && (purpose(syn, base) || gerund) {
            subj = syn
                .head(base)
                .and_then(|h| syn.subject(h).or_else(|| syn.relative_antecedent(h)));
        }
        if passive {
            if let Some(s) = subj.filter(|&s| shared || syn.rel(s) != Rel::Nsubj) {
                out.push((Slot::Obj, s));
            } else if syn.rel(trig) == Rel::Acl {
                // `people killed in the attack`: the modified noun undergoes the act.
                if let Some(h) = syn.head(trig) {
                    out.push((Slot::Obj, h));
                }
            }
            if let Some(a) = syn.agent(trig) {
                out.push((Slot::Subj, a));
            }
        } else if let Some(s) = subj {
            out.push((Slot::Subj, s));
        }
        if let Some(o) = syn.object(trig) {
            out.push((Slot::Obj, o));
        } else if let Some(o) = shared_object(syn, trig) {
            out.push((Slot::Obj, o));
        }
        if let Some(o) = syn.indirect_object(trig) {
            out.push((Slot::Iobj, o));
        }
    } else {
        for (c, r) in syn.children(trig) {
            match r {
                Rel::NmodPoss => out.push((Slot::Poss, c)),
                Rel::Compound if syn.upos(c) == Upos::Propn => out.push((Slot::Compound, c)),
                Rel::Nummod => out.push((Slot::Count, c)),
                _ => {}
            }
        }
        // `held talks`, `carried out an attack`: the light verb's subject acts; in the passive
        // (`talks were held between A and B`) its agent does, and its obliques are the noun's.
        // `faced charges`, `received aid`: the subject of an undergoing verb is the noun's object.
        if let Some(h) = syn.head(trig).filter(|&h| reg.light.contains(syn.lemma(h))) {
            match syn.rel(trig) {
                Rel::Obj => {
                    if let Some(s) = syn.subject(h) {
                        let slot = if reg.undergo.contains(syn.lemma(h)) {
                            Slot::Obj
                        } else {
                            Slot::Subj
                        };
                        out.push((slot, s));
                    }
                    frame_heads.push(h);
                }
                Rel::NsubjPass => {
                    if let Some(a) = syn.agent(h) {
                        out.push((Slot::Subj, a));
                    }
                    frame_heads.push(h);
                }
                _ => {}
            }
        }
        // `X, who is on a visit to Peru`: the subject of the noun as a copular predicate.
        if !out.iter().any(|(s, _)| *s == Slot::Subj) {
            if let Some(s) = syn.child_where(trig, Rel::is_subject) {
                let s = if matches!(syn.lemma(s), "who" | "which" | "that") {
                    syn.relative_antecedent(trig)
                        .or_else(|| syn.head(trig).filter(|_| syn.rel(trig) == Rel::Appos))
                        .unwrap_or(s)
                } else {
                    s
                };
                out.push((Slot::Subj, s));
            }
        }
        // `X met Y on a visit to Peru`, `in a phone call with Y, X said`: the subject of the
        // active clause the noun is an oblique of (not of a back-reference: `after the talks`).
        if let Some(h) = syn.head(trig).filter(|_| syn.rel(trig).base() == Rel::Obl) {
            let back = syn
                .preposition(trig)
                .is_none_or(|p| FactWord::BackReferencePrep.has(p));
            if !back && !syn.is_passive(h) {
                if let Some(s) = syn.subject(h) {
                    out.push((Slot::Clause, s));
                }
            }
        }
    }
    // `In Islamabad, X held talks and met Y`: a place fronted before the first of coordinated
    // predicates is said of each.
    if verbal && syn.rel(trig) == Rel::Conj {
        if let Some(h) = syn.head(trig) {
            for (c, p) in syn.obliques(h) {
                if let Some(p) = p.filter(|p| c < h && FactWord::PlacePrep.has(p)) {
                    out.push((Slot::Place, c));
                    out.push((Slot::Prep(p.to_string()), c));
                }
            }
        }
    }
    // A place said of the object (`killed 12 people at a checkpoint`, often attached to the noun).
    if verbal {
        if let Some(o) = syn.object(trig) {
            frame_heads.push(o);
        }
    }
    for &h in &frame_heads {
        for (c, p) in syn.obliques(h) {
            let p = marker(syn, c, p);
            if h != trig && syn.rel(h) == Rel::Obj && !p.is_some_and(|p| FactWord::PlacePrep.has(p))
            {
                continue;
            }
            if h != trig && syn.head(c) == Some(h) && c > trig && syn.rel(c).base() == Rel::Nmod {
                continue;
            }
            // A preposition the parse left without its noun phrase (`talks with` + a name
            // attached elsewhere) marks the phrase right after it.
            let (c, p) = match p {
                None if syn.upos(c) == Upos::Adp
                    && c + 1 < syn.len()
                    && syn.root_of(c + 1) == syn.root_of(c) =>
                {
                    (c + 1, Some(syn.lemma(c)))
                }
                _ => (c, p),
            };
            match p {
                Some("by") if verbal && syn.is_passive(trig) => {}
                Some(p) if FactWord::PlacePrep.has(p) => {
                    out.push((Slot::Place, c));
                    out.push((Slot::Prep(p.to_string()), c));
                }
                Some(p) => out.push((Slot::Prep(p.to_string()), c)),
                None => {}
            }
        }
    }
    out
}

/// Token range of the noun phrase headed by `h`, without relative clauses, appositions,
/// coordinated phrases and trailing punctuation (the gold's argument spans).
fn np_range(syn: &Syntax, h: usize) -> std::ops::Range<usize> {
    let (mut a, mut b) = (h, h + 1);
    for (c, r) in syn.children(h) {
        if matches!(
            r,
            Rel::Acl
                | Rel::AclRelcl
                | Rel::Appos
                | Rel::Punct
                | Rel::Conj
                | Rel::Cc
                | Rel::Parataxis
                | Rel::Dep
                | Rel::Case
        ) {
            continue;
        }
        let s = syn.subtree(c);
        a = a.min(s.start);
        b = b.max(s.end);
    }
    a..b
}

/// The person a noun phrase headed by a title word names without its head being part of the
/// name: a name ending the phrase (`Army Chief General Syed Asim Munir`), or an apposition
/// (`the under secretary, John Bass`; `John Bass, the under secretary` parsed the other way).
fn named_by<'v>(
    v: &'v View,
    syn: &Syntax,
    h: usize,
    range: &std::ops::Range<usize>,
) -> Option<&'v super::view::MentionRef> {
    let is_name = |m: &&super::view::MentionRef| m.kind == MentionKind::Name;
    if !matches!(syn.upos(h), Upos::Noun | Upos::Propn) {
        return None;
    }
    let appos = syn
        .children(h)
        .filter(|&(_, r)| r == Rel::Appos)
        .map(|(c, _)| c)
        .chain(syn.head(h).filter(|_| syn.rel(h) == Rel::Appos))
        .find_map(|c| v.mention(c).filter(is_name));
    appos.or_else(|| {
        if !lexicon::facts::is_title_head(v.w(h)) {
            return None;
        }
        v.mention(range.end.checked_sub(1)?)
            .filter(is_name)
            .filter(|m| {
                m.etype == EntityType::Person && m.toks.start > h && m.toks.end == range.end
            })
    })
}

/// The person a nationality, organization or title word heads a phrase for when the parse
/// splits `Chilean President Jane Roe`, `U.S. Secretary of State Jane Roe` or `Prime Minister
/// Luca Conti`: the words from `h` are such modifiers, then at least one title word, then the
/// person's name.
fn titled_person<'v>(v: &'v View, h: usize) -> Option<&'v super::view::MentionRef> {
    let mut k = h;
    let mut titled = false;
    while k < v.len() && k < h + 10 {
        if let Some(m) = v.mention(k) {
            match m.etype {
                EntityType::Person if m.kind == MentionKind::Name => {
                    return titled.then_some(m);
                }
                EntityType::Norp | EntityType::Gpe | EntityType::Org if !titled => {
                    k = m.toks.end.max(k + 1);
                    continue;
                }
                _ => return None,
            }
        }
        let w = v.w(k);
        if lexicon::facts::is_title_word(w) || lexicon::facts::is_title_head(w) {
            titled = true;
        } else if !(titled && matches!(w, "of" | "the" | "for")) {
            return None;
        }
        k += 1;
    }
    None
}

/// The argument a token can give to a role, if its kind is allowed.
fn argument(
    doc: &Doc<'_>,
    v: &View,
    syn: &Syntax,
    reg: &Registry,
    role: &RoleDef,
    h: usize,
) -> Option<Argument> {
    // `tens of thousands of Sudanese`, `one of the leaders`: a quantity phrase is typed by what
    // it counts and spans the whole phrase.
    if v.mention(h).is_none() {
        if let Some(q) = quantified(syn, h) {
            let st = syn.subtree(q);
            let whole = np_range(syn, h);
            let whole = whole.start.min(st.start)..whole.end.max(st.end);
            return argument(doc, v, syn, reg, role, q).map(|mut a| {
                a.span = Some(v.span_of(&whole));
                a
            });
        }
    }
    let mut range = np_range(syn, h);
    let titled = titled_person(v, h);
    if let Some(m) = titled {
        range = range.start.min(h)..range.end.max(m.toks.end);
    }
    let span = v.span_of(&range);
    // A named or resolved mention covering the head word, else the name a title phrase ends in
    // (`Chief of Army Staff General Asim Munir`) or its apposition names (`the envoy, John Bass`).
    if let Some(m) = titled
        .or_else(|| v.mention(h))
        .or_else(|| named_by(v, syn, h, &range))
    {
        let e = &doc.entities[m.entity];
        if role.allows_entity(e.entity_type)
            || role.allows(Filler::Nominal) && m.kind != MentionKind::Name
        {
            return Some(Argument {
                role: role.name.clone(),
                value: ArgValue::Entity(e.id.clone()),
                span: Some(if m.kind == MentionKind::Pronoun {
                    m.span
                } else {
                    span
                }),
            });
        }
        if !role.allows(Filler::Text) {
            return None;
        }
    }
    let l = syn.lemma(h);
    // `Iraq's Anbar desert`, `the northern Iraqi city of Irbil`, `a tunnel near Sibi`: a place
    // phrase headed by a common noun locates by the place a dependent of its head names (the
    // last one); the argument spans the whole phrase. Not an event noun's (`at a hearing in
    // X's capital`): that is a circumstance, not a place.
    if places_only(role)
        && v.mention(h).is_none()
        && syn.upos(h) == Upos::Noun
        && !reg.by_lemma.contains_key(l)
    {
        let inner = syn
            .children(h)
            .filter(|&(c, _)| range.contains(&c))
            .filter_map(|(c, _)| v.mention(c))
            .filter(|m| m.kind == MentionKind::Name && role.allows_entity(m.etype))
            .max_by_key(|m| m.toks.start);
        if let Some(m) = inner {
            return Some(Argument {
                role: role.name.clone(),
                value: ArgValue::Entity(doc.entities[m.entity].id.clone()),
                span: Some(span),
            });
        }
    }
    let text = |span: Span| doc.text.get(span.start..span.end).unwrap_or("").to_string();
    if role.allows(Filler::Nominal) && syn.upos(h) == Upos::Noun {
        if let Some(&t) = reg.actors.get(l) {
            return Some(Argument {
                role: role.name.clone(),
                value: ArgValue::Entity(nominal_id(span, t, MentionKind::Nominal)),
                span: Some(span),
            });
        }
    }
    // A personal pronoun coreference left unresolved (`they killed them`, `rejected it`) still
    // names a party: the argument is the pronoun itself (the gold's PRONOUN arguments). Not the
    // generic `you` of advice and questionnaires.
    let t = if matches!(l, "it" | "its") {
        EntityType::Org
    } else {
        EntityType::Person
    };
    if role.allows_entity(t)
        && syn.upos(h) == Upos::Pron
        && matches!(syn.xpos(h).label(), "PRP" | "PRP$")
        && syn.rel(h) != Rel::Expl
        && !matches!(l, "you" | "your" | "yours" | "yourself" | "yourselves")
    {
        let span = v.span_of(&(h..h + 1));
        return Some(Argument {
            role: role.name.clone(),
            value: ArgValue::Entity(nominal_id(span, t, MentionKind::Pronoun)),
            span: Some(span),
        });
    }
    // An adjective is a literal (`acting`) only for a role of literals: a party role's thing is
    // a noun phrase (`killed 107 or more` gives no recipient `more`).
    let adj = syn.upos(h) == Upos::Adj && !role.allows(Filler::Nominal);
    if role.allows(Filler::Text) && (matches!(syn.upos(h), Upos::Noun | Upos::Propn) || adj) {
        return Some(Argument {
            role: role.name.clone(),
            value: ArgValue::Text(text(span)),
            span: Some(span),
        });
    }
    None
}

/// `The foreign minister later met X`: a definite title phrase that no mention covers names the
/// holder of that title found by the roles stage (`Foreign Minister Jane Roe`), when one is.
fn title_holder(
    doc: &Doc<'_>,
    v: &View,
    syn: &Syntax,
    roles: &super::events::RoleIndex,
    sent: &std::ops::Range<usize>,
    role: &RoleDef,
    h: usize,
) -> Option<Argument> {
    if v.mention(h).is_some()
        || syn.upos(h) != Upos::Noun
        || !lexicon::facts::is_title_head(v.w(h))
        || !role.allows_entity(EntityType::Person)
    {
        return None;
    }
    let range = np_range(syn, h);
    if range.end != h + 1 {
        return None; // `the minister of X`, `the minister who`: not the bare title
    }
    let p = roles.resolve(v, sent, range.end)?;
    Some(Argument {
        role: role.name.clone(),
        value: ArgValue::Entity(doc.entities[p].id.clone()),
        span: Some(v.span_of(&range)),
    })
}

/// Whether a role is filled by places only (location, destination, origin).
fn places_only(r: &RoleDef) -> bool {
    r.fillers.iter().all(|f| {
        matches!(
            f,
            Filler::Entity(EntityType::Gpe | EntityType::Loc | EntityType::Fac)
        )
    })
}

/// The parties the linear clause reading (`clause::subject`) finds before an active finite verb
/// the parse gives no subject, in a sentence the parse finds no main verb for (its root a noun
/// phrase): a fallback for such misparses only, never used when the parse has a predicate.
fn linear_subject<'v>(
    v: &'v View,
    syn: &Syntax,
    sent: &std::ops::Range<usize>,
    i: usize,
) -> Vec<&'v super::view::MentionRef> {
    if syn.upos(i) != Upos::Verb
        || syn.is_passive(i)
        || syn.subject(i).is_some()
        || matches!(syn.rel(i), Rel::Xcomp | Rel::AclRelcl | Rel::Amod | Rel::Csubj)
        // A participle modifying a noun (`people killed`) has no subject to find; an
        // infinitive (`Roe plans to visit`, with `plans` read as the root noun) may.
        || syn.rel(i) == Rel::Acl && syn.xpos(i).label() != "VB"
        || purpose(syn, i)
        || matches!(syn.upos(syn.root_of(i)), Upos::Verb | Upos::Aux)
    {
        return Vec::new();
    }
    let p = clause::prelude(v, sent, i);
    if p.passive || p.infinitive {
        return Vec::new();
    }
    let Some(s) = clause::subject(v, sent, &p, None).filter(|s| !s.plural_unresolved) else {
        return Vec::new();
    };
    s.entities
        .iter()
        .filter_map(|&e| {
            v.mentions_starting_in(s.toks.clone())
                .iter()
                .find(|m| m.entity == e)
        })
        .collect()
}

/// The numeral (with its qualifier: `at least 12`) modifying noun `h`, or `h` itself when it is
/// a number heading its phrase (`12 of them`, `tens of thousands of Sudanese`).
fn numeral(syn: &Syntax, h: usize) -> Option<usize> {
    syn.children(h)
        .find(|&(c, r)| r == Rel::Nummod && syn.upos(c) == Upos::Num)
        .map(|(c, _)| c)
        .or_else(|| {
            // A plural quantity noun (`dozens`, `thousands`) is an approximate number; a number
            // picking some out of a group (`one of the leaders`) is no count.
            let plural_quantity = syn.xpos(h).label() == "NNS" && quantity_head(syn, h);
            let partitive = syn
                .children(h)
                .any(|(c, r)| r.base() == Rel::Nmod && syn.preposition(c) == Some("of"));
            (syn.upos(h) == Upos::Num && !partitive || plural_quantity).then_some(h)
        })
}

/// Whether `h` is a number or quantifier word (`four`, `tens`, `one`, `many`, `dozens`).
fn quantity_head(syn: &Syntax, h: usize) -> bool {
    syn.upos(h) == Upos::Num || FactWord::QuantityHead.has(&syn.lemma(h).to_ascii_lowercase())
}

/// What a phrase headed by a number or quantifier counts: its `of` complement (through `tens of
/// thousands of`), or a noun phrase the parse hung right after it as an apposition (`Four
/// frontier corps personnel` with `personnel` under `Four`).
fn quantified(syn: &Syntax, h: usize) -> Option<usize> {
    let mut x = h;
    for _ in 0..4 {
        if !quantity_head(syn, x) {
            return (x != h).then_some(x);
        }
        let (c, _) = syn.children(x).find(|&(c, r)| {
            c > x
                && (r.base() == Rel::Nmod && syn.preposition(c) == Some("of")
                    || r == Rel::Appos
                        && syn.upos(c) == Upos::Noun
                        && syn.subtree(c).start == x + 1)
        })?;
        x = c;
    }
    None
}

fn quantity(doc: &Doc<'_>, v: &View, syn: &Syntax, role: &RoleDef, n: usize) -> Option<Argument> {
    if !role.allows(Filler::Quantity) {
        return None;
    }
    // The number only, not what it counts (`Tens of thousands` of `... of Sudanese`).
    let mut range = syn.subtree(n);
    if let Some(q) = quantified(syn, n) {
        range.end = range.end.min(syn.subtree(q).start);
    }
    let span = v.span_of(&range);
    Some(Argument {
        role: role.name.clone(),
        value: ArgValue::Text(doc.text.get(span.start..span.end)?.to_string()),
        span: Some(span),
    })
}

/// The time expression inside the subtree of a dependent of `h` (or `h` itself).
fn time_of(v: &View, syn: &Syntax, heads: &[usize]) -> Option<usize> {
    for &h in heads {
        for (c, r) in syn.children(h) {
            // A bare time word may be parsed as an object (`met today with X`).
            if !matches!(r.base(), Rel::Obl | Rel::Nmod | Rel::Advmod | Rel::Obj) {
                continue;
            }
            let st = syn.subtree(c);
            if st.len() > 12 {
                continue;
            }
            if let Some(t) = st.clone().find_map(|k| v.time_at.get(k).copied().flatten()) {
                if v.time_is_point.get(t).copied().unwrap_or(false) {
                    return Some(t);
                }
            }
        }
    }
    None
}

#[allow(clippy::too_many_arguments)]
fn build(
    doc: &Doc<'_>,
    v: &View,
    syn: &Syntax,
    reg: &Registry,
    ty: &TypeDef,
    t: &Trigger,
    toks: std::ops::Range<usize>,
    (sent, sspan, roles): (&std::ops::Range<usize>, Span, &super::events::RoleIndex),
) -> Option<Vec<Fact>> {
    // The word the parse attaches the trigger by: the first, or for a multiword trigger the one
    // whose head lies outside it (`courtesy call`: `call`).
    let i = if t.pos == Pos::Phrase {
        toks.clone()
            .find(|&k| syn.head(k).is_none_or(|h| !toks.contains(&h)))
            .unwrap_or(toks.start)
    } else {
        toks.start
    };
    let trig_span = v.span_of(&toks);
    // `held delegation-level talks`: a light verb before its object noun is part of the
    // trigger (and the predicate: `hold talks`), unless it is a trigger itself (`imposed`).
    // Not an undergoing verb: `faced charges` is the charges (`awaited his trial`, the trial).
    let light = light_head(reg, syn, i)
        .filter(|&h| h < toks.start && syn.rel(i) == Rel::Obj)
        .filter(|&h| !reg.undergo.contains(syn.lemma(h)))
        .filter(|&h| !reg.by_lemma.contains_key(lemma(syn, v, h)));
    let predicate = light
        .map(|h| lemma(syn, v, h))
        .into_iter()
        .chain(std::iter::once(t.lemma.as_str()))
        .chain(t.rest.iter().map(String::as_str))
        .collect::<Vec<_>>()
        .join(" ");
    let event_span = light.map_or(trig_span, |h| v.span_of(&(h..toks.end)));
    let mut f = new_fact(ty.fact_type, &predicate, event_span, sspan, EXTRACTOR, 0.6);
    f.cameo_code = if t.cameo.is_empty() {
        ty.cameo.clone()
    } else {
        t.cameo.clone()
    };
    f.plover_category = ty.plover;
    f.plover_mode = if t.mode.is_empty() {
        ty.mode.clone()
    } else {
        t.mode.clone()
    };
    // A word of the trigger itself fills no role (`opened fire`: `fire` is no recipient).
    let mut found = slots(reg, syn, i);
    found.retain(|(_, h)| !toks.contains(h));
    let mut used: HashMap<String, usize> = HashMap::new();
    let mut push = |f: &mut Fact, a: Argument, role: &RoleDef| {
        let n = used.entry(role.name.clone()).or_default();
        // One filler once: the same span, or the same entity reached twice through a split
        // parse (`Chilean` and `Jane Roe` both subjects of `met`).
        if *n > 0 && !role.repeats
            || f.arguments
                .iter()
                .any(|x| x.span == a.span || x.role == a.role && x.value == a.value)
        {
            return;
        }
        *n += 1;
        f.arguments.push(a);
    };
    // The subject a misparse lost (`John Bass, the US acting under secretary, travelled to`
    // parsed with the verb under the apposition): the party the linear clause reading finds.
    if let Some(role) = t.role(ty, &Slot::Subj) {
        if !found.iter().any(|(s, _)| *s == Slot::Subj) {
            // `The foreign minister later met X` parsed with the subject as an unmarked
            // oblique: a caseless nominal before an active verb that has no subject.
            let unmarked = (syn.upos(i) == Upos::Verb && !syn.is_passive(i))
                .then(|| {
                    syn.children(i).find(|&(c, r)| {
                        c < i
                            && r.base() == Rel::Obl
                            && matches!(syn.upos(c), Upos::Noun | Upos::Propn)
                            && syn.preposition(c).is_none()
                            && v.time_at.get(c).copied().flatten().is_none()
                    })
                })
                .flatten()
                .and_then(|(c, _)| {
                    title_holder(doc, v, syn, roles, sent, role, c)
                        .or_else(|| argument(doc, v, syn, reg, role, c))
                });
            if let Some(a) = unmarked {
                push(&mut f, a, role);
            }
            for m in linear_subject(v, syn, sent, i) {
                if role.allows_entity(m.etype) {
                    let a = Argument {
                        role: role.name.clone(),
                        value: ArgValue::Entity(doc.entities[m.entity].id.clone()),
                        span: Some(m.span),
                    };
                    push(&mut f, a, role);
                }
            }
        }
    }
    // Fillers given as alternatives (`never spoke to either A or B`): one event each.
    let mut alternatives: Vec<Argument> = Vec::new();
    for (slot, h) in &found {
        // A time expression (`on Monday`) fills only the time role.
        if v.time_at.get(*h).copied().flatten().is_some() {
            continue;
        }
        if let Some(role) = t.role(ty, slot) {
            if matches!(slot, Slot::Count) {
                if let Some(a) = quantity(doc, v, syn, role, *h) {
                    push(&mut f, a, role);
                }
                continue;
            }
            let mut heads = vec![*h];
            // `A, B and C` fill a repeating role together; `either A or B` are alternatives.
            let mut disjunct = false;
            if role.repeats {
                heads = syn.conjuncts(*h);
                disjunct = heads.iter().any(|&c| {
                    syn.children(c)
                        .any(|(k, r)| r == Rel::Cc && matches!(syn.lemma(k), "or" | "nor"))
                });
            }
            for h in heads {
                let a = title_holder(doc, v, syn, roles, sent, role, h)
                    .or_else(|| argument(doc, v, syn, reg, role, h))
                    .or_else(|| {
                        // `at a checkpoint in eastern Afghanistan`: the place named inside.
                        (*slot == Slot::Place)
                            .then(|| {
                                syn.obliques(h)
                                    .filter(|(_, p)| p.is_some_and(|p| FactWord::PlacePrep.has(p)))
                                    .find_map(|(c, _)| argument(doc, v, syn, reg, role, c))
                            })
                            .flatten()
                    });
                match a {
                    Some(a) if disjunct => alternatives.push(a),
                    Some(a) => push(&mut f, a, role),
                    None => {}
                }
            }
        }
        let count_slot = match slot {
            Slot::Subj => Slot::SubjCount,
            Slot::Obj => Slot::ObjCount,
            _ => continue,
        };
        if let (Some(role), Some(n)) = (t.role(ty, &count_slot), numeral(syn, *h)) {
            if let Some(a) = quantity(doc, v, syn, role, n) {
                push(&mut f, a, role);
            }
        }
    }
    // `was received by Paul Smith in Lima`, `met with Minister X ... in Islamabad`, `the visit
    // of an official to Islamabad`: a place the parse attached to a person among the fillers
    // (a name, a title, an actor noun, or one of their conjuncts) fills the event's place
    // roles (location, destination, origin) still empty: a person is not located by a place
    // phrase otherwise.
    let person = |h: usize| {
        titled_person(v, h)
            .or_else(|| v.mention(h))
            .map(|m| m.etype == EntityType::Person)
            .unwrap_or_else(|| {
                lexicon::facts::is_title_head(v.w(h))
                    || syn.upos(h) == Upos::Noun
                        && reg.actors.get(syn.lemma(h)) == Some(&EntityType::Person)
            })
    };
    let attached: Vec<(usize, Option<&str>)> = found
        .iter()
        .filter(|(s, _)| {
            !matches!(s, Slot::Place | Slot::Time | Slot::Count) && t.role(ty, s).is_some()
        })
        .flat_map(|&(_, h)| syn.conjuncts(h))
        .filter(|&h| person(h))
        .flat_map(|h| syn.obliques(h))
        .collect();
    for (c, p) in attached {
        let Some(p) = p else { continue };
        let slot = if FactWord::PlacePrep.has(p) {
            Slot::Place
        } else {
            Slot::Prep(p.to_string())
        };
        let Some(role) = t.role(ty, &slot).filter(|r| places_only(r)) else {
            continue;
        };
        if f.arguments.iter().any(|a| a.role == role.name) {
            continue;
        }
        if let Some(a) = argument(doc, v, syn, reg, role, c) {
            push(&mut f, a, role);
        }
    }
    if let Some(role) = t.role(ty, &Slot::Trigger) {
        let a = Argument {
            role: role.name.clone(),
            value: ArgValue::Text(doc.text.get(trig_span.start..trig_span.end)?.to_string()),
            span: Some(trig_span),
        };
        push(&mut f, a, role);
    }
    if let Some(role) = t.role(ty, &Slot::Time) {
        let mut heads = vec![i];
        if let Some(o) = syn.object(i).filter(|_| syn.upos(i) == Upos::Verb) {
            heads.push(o);
        }
        if let Some(h) = syn.head(i) {
            if syn.upos(i) == Upos::Noun
                && matches!(syn.rel(i), Rel::Obj | Rel::Nsubj | Rel::NsubjPass)
            {
                heads.push(h);
            }
        }
        // `Smith on Tuesday hosted X`: a time the parse hung on a person subject is the act's.
        heads.extend(
            found
                .iter()
                .filter(|(s, h)| *s == Slot::Subj && *h < i && person(*h))
                .map(|(_, h)| *h),
        );
        // `In April, the military removed Bashir and jailed him`, `agreed on Monday to
        // withdraw`, `at the start of talks in 2016`: else the time of the predicate the
        // trigger is coordinated with, the complement of, or (a noun) a dependent of.
        let mut tm = time_of(v, syn, &heads);
        let mut x = i;
        for _ in 0..3 {
            if tm.is_some() {
                break;
            }
            let up = match syn.rel(x).base() {
                Rel::Conj | Rel::Xcomp => true,
                Rel::Obl | Rel::Nmod => syn.upos(x) == Upos::Noun,
                _ => false,
            };
            let Some(h) = syn.head(x).filter(|_| up) else {
                break;
            };
            tm = time_of(v, syn, &[h]);
            x = h;
        }
        if let Some(tm) = tm {
            let a = Argument {
                role: role.name.clone(),
                value: ArgValue::Time(doc.times[tm].id.clone()),
                span: Some(doc.times[tm].span),
            };
            push(&mut f, a, role);
        }
    }
    // A nominal trigger is a mention of a specific event when its clause says something of it
    // (subject, object, predicate) or it brings a participant; otherwise (`after the attack`,
    // `the deal talks`, `sanctions relief`) it is a back-reference or a generic use.
    if syn.upos(i) == Upos::Noun && !f.arguments.iter().any(|a| a.role != "time") {
        // `claimed responsibility for the attack` states the attack too (the `for` phrase on
        // the noun, or on its verb beside it).
        let claimed = syn.head(i).is_some_and(|h| match syn.rel(i) {
            Rel::Nmod => FactWord::ClaimNoun.has(syn.lemma(h)),
            Rel::Obl => syn
                .object(h)
                .is_some_and(|o| FactWord::ClaimNoun.has(syn.lemma(o))),
            _ => false,
        });
        let stated = claimed
            || matches!(
                syn.rel(i),
                Rel::Nsubj | Rel::NsubjPass | Rel::Obj | Rel::Root | Rel::Conj | Rel::Appos
            ) && syn.preposition(i).is_none();
        if !stated
            || syn
                .preposition(i)
                .is_some_and(|p| FactWord::BackReferencePrep.has(p))
        {
            return None;
        }
    }
    for c in &t.when {
        let n = |roles: &[String]| {
            f.arguments
                .iter()
                .filter(|a| roles.contains(&a.role))
                .count()
        };
        match c {
            Cond::Has(roles) if n(roles) == 0 => return None,
            Cond::Many(roles) if n(roles) < 2 => return None,
            _ => {}
        }
    }
    let sh = stance_head(reg, syn, i);
    let st = modality::stance(syn, sh);
    if st.unreal || super::habitual::habitual(doc, v, syn, sh) {
        return None;
    }
    f.polarity = st.polarity;
    f.modality = st.modality;
    if f.modality == crate::model::Modality::Intended && !ty.intent_cameo.is_empty() {
        f.cameo_code = ty.intent_cameo.clone();
    }
    if let Some(s) = st.source {
        // `a statement issued by the US embassy said`: the issuer speaks.
        let issuer = || {
            syn.children(s)
                .filter(|&(_, r)| r == Rel::Acl)
                .find_map(|(c, _)| syn.agent(c).or_else(|| syn.oblique(c, "by")))
        };
        if let Some(m) = v.mention(s).or_else(|| issuer().and_then(|a| v.mention(a))) {
            let e = &doc.entities[m.entity];
            if matches!(
                e.entity_type,
                EntityType::Person | EntityType::Org | EntityType::Gpe | EntityType::Norp
            ) {
                f.attributed_to = Some(e.id.clone());
            }
        }
    }
    alternatives.dedup_by(|a, b| a.span == b.span);
    // `the two sides held discussions`, `travelled` with no traveler found: an event without
    // the participant its type requires is not stated as a fact (the seed's contract).
    let filled = |r: &RoleDef| {
        f.arguments
            .iter()
            .chain(&alternatives)
            .any(|a| a.role == r.name)
    };
    if ty.roles.iter().any(|r| r.required && !filled(r)) {
        return None;
    }
    if alternatives.is_empty() {
        return Some(vec![f]);
    }
    let each = alternatives
        .into_iter()
        .map(|a| {
            let mut g = f.clone();
            if !g.arguments.iter().any(|x| x.span == a.span) {
                g.arguments.push(a);
            }
            g
        })
        .collect();
    Some(each)
}

/// The predicate whose clause states a trigger: the trigger itself, or the light verb of a
/// nominal trigger (`did not hold talks`).
fn stance_head(reg: &Registry, syn: &Syntax, i: usize) -> usize {
    match syn.head(i) {
        Some(h)
            if matches!(syn.rel(i), Rel::Obj | Rel::NsubjPass)
                && reg.light.contains(syn.lemma(h)) =>
        {
            h
        }
        _ => i,
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{ArgValue, Article, ExtractOptions, FactSet, FactType, Modality, Polarity};
    use crate::{Engine, EngineConfig};

    fn extract(body: &str) -> FactSet {
        let engine = Engine::new(EngineConfig::default()).unwrap();
        let article = Article {
            id: "t".into(),
            body: body.into(),
            language: "en".into(),
            ..Default::default()
        };
        engine
            .extract(&article, &ExtractOptions::default())
            .unwrap()
    }

    /// `TYPE predicate role=text ...` for every registry fact, arguments by their spans.
    fn events(fs: &FactSet, body: &str) -> Vec<String> {
        fs.facts
            .iter()
            .filter(|f| f.extractor == super::EXTRACTOR)
            .map(|f| {
                let mut s = format!("{} {}", f.fact_type.name(), f.predicate);
                for a in &f.arguments {
                    let sp = a.span.expect("every registry argument has a span");
                    s.push_str(&format!(" {}={}", a.role, &body[sp.start..sp.end]));
                }
                s
            })
            .collect()
    }

    #[test]
    fn arguments_come_from_the_frames() {
        let body = "Police arrested two suspects in Karachi on Monday. \
                    Microsoft agreed to acquire Activision Blizzard.";
        let fs = extract(body);
        let ev = events(&fs, body);
        assert!(
            ev.iter().any(
                |e| e.starts_with("ARREST arrest agent=Police person=two suspects")
                    && e.contains("count=two")
            ),
            "{ev:?}"
        );
        assert!(
            ev.iter()
                .any(|e| e.starts_with("ACQUISITION acquire buyer=Microsoft")
                    && e.contains("asset=Activision Blizzard")),
            "{ev:?}"
        );
        let f = fs
            .facts
            .iter()
            .find(|f| f.fact_type == FactType::Arrest)
            .unwrap();
        assert_eq!(f.plover_category.map(|c| c.name()), Some("COERCE"));
        assert_eq!(f.plover_mode, "arrest");
        assert_eq!(f.cameo_code, "173");
        assert!(f
            .arguments
            .iter()
            .any(|a| a.role == "time" && matches!(a.value, ArgValue::Time(_))));
        // `agreed to acquire`: the acquisition is planned.
        let acq = fs
            .facts
            .iter()
            .find(|f| f.fact_type == FactType::Acquisition)
            .unwrap();
        assert_eq!(acq.modality, Modality::Intended);
    }

    #[test]
    fn stance_is_read_once_for_every_type() {
        let body = "The army did not attack the town. Rebels could seize the airport. \
                    The minister urged Russia to withdraw its troops.";
        let fs = extract(body);
        let get = |t: FactType| fs.facts.iter().find(|f| f.fact_type == t);
        assert_eq!(get(FactType::Assault).unwrap().polarity, Polarity::Negative);
        assert_eq!(
            get(FactType::Coerce).unwrap().modality,
            Modality::Hypothetical
        );
        // The act asked for is carried by the request, not a separate event.
        assert!(get(FactType::Request).is_some());
        assert!(get(FactType::Retreat).is_none(), "{:?}", events(&fs, body));
    }

    #[test]
    fn the_subject_of_an_undergoing_verb_is_acted_on() {
        // `faced charges`: the subject is the defendant, not the one who charges.
        let body = "Ann Lee faced charges of fraud. Ukraine received assistance from Germany.";
        let fs = extract(body);
        let ev = events(&fs, body);
        assert!(
            ev.iter()
                .any(|e| e.starts_with("CHARGE") && e.contains("defendant=Ann Lee")),
            "{ev:?}"
        );
        assert!(!ev.iter().any(|e| e.contains("agent=Ann Lee")), "{ev:?}");
        assert!(
            ev.iter()
                .any(|e| e.starts_with("AID") && e.contains("recipient=Ukraine")),
            "{ev:?}"
        );
        assert!(!ev.iter().any(|e| e.contains("actor=Ukraine")), "{ev:?}");
    }

    #[test]
    fn a_quantity_phrase_is_typed_by_what_it_counts() {
        let body = "Police arrested dozens of protesters in Khartoum.";
        let fs = extract(body);
        let ev = events(&fs, body);
        assert!(
            ev.iter().any(|e| e.starts_with("ARREST")
                && e.contains("person=dozens of protesters")
                && e.contains("count=dozens")
                && !e.contains("count=dozens of")),
            "{ev:?}"
        );
    }

    #[test]
    fn a_bare_participle_conjoined_to_a_passive_shares_its_subject_as_acted_on() {
        let body = "The suspect was arrested and charged with murder.";
        let fs = extract(body);
        let ev = events(&fs, body);
        assert!(
            ev.iter()
                .any(|e| e.starts_with("CHARGE") && e.contains("defendant=The suspect")),
            "{ev:?}"
        );
        assert!(
            !ev.iter().any(|e| e.contains("agent=The suspect")),
            "{ev:?}"
        );
    }

    #[test]
    fn firing_on_a_target_is_an_attack_on_it() {
        let body = "Soldiers fired on protesters in the capital. The police returned fire.";
        let fs = extract(body);
        let ev = events(&fs, body);
        assert!(
            ev.iter().any(|e| e.starts_with("ASSAULT fire on")
                && e.contains("actor=Soldiers")
                && e.contains("recipient=protesters")),
            "{ev:?}"
        );
        assert!(
            ev.iter()
                .any(|e| e.starts_with("ASSAULT return fire") && e.contains("actor=The police")),
            "{ev:?}"
        );
    }

    #[test]
    fn habitual_statements_are_no_events() {
        let body = "Afghan Taliban routinely deny providing sanctuary to fighters. \
                    Millions of pilgrims arrive in Mecca each year. \
                    Police arrested two suspects in Kabul on Tuesday.";
        let fs = extract(body);
        let ev = events(&fs, body);
        assert!(!ev.iter().any(|e| e.starts_with("REJECT")), "{ev:?}");
        assert!(!ev.iter().any(|e| e.starts_with("TRAVEL")), "{ev:?}");
        assert!(ev.iter().any(|e| e.starts_with("ARREST")), "{ev:?}");
    }

    #[test]
    fn a_claimed_attack_is_stated() {
        let body = "The militant group claimed responsibility for the attack.";
        let fs = extract(body);
        let ev = events(&fs, body);
        assert!(ev.iter().any(|e| e.starts_with("ASSAULT attack")), "{ev:?}");
    }

    #[test]
    fn generic_and_back_reference_nouns_are_no_events() {
        let body = "After the attack, the city was quiet. Sanctions relief was discussed.";
        let fs = extract(body);
        assert!(events(&fs, body).is_empty(), "{:?}", events(&fs, body));
    }
}
