//! The assembly stage, the last one. It drops entities without mentions, merges facts stated
//! twice (same type, same argument entities: one fact with several evidence spans), gives stable
//! ids in text order (`e1..`, `t1..`, `f1..`) and sorts everything by position.

use std::collections::{BTreeSet, HashMap};

use crate::doc::{Annotation, Doc};
use crate::error::Result;
use crate::model::{ArgValue, Fact, FactType, Span};
use crate::stage::Stage;

pub struct AssemblyStage;

impl Stage for AssemblyStage {
    fn name(&self) -> &'static str {
        "assembly"
    }
    fn requires(&self) -> &'static [Annotation] {
        &[Annotation::Times, Annotation::Entities, Annotation::Facts]
    }
    /// Renumbers and reorders them all.
    fn provides(&self) -> &'static [Annotation] {
        &[Annotation::Times, Annotation::Entities, Annotation::Facts]
    }
    fn run(&self, doc: &mut Doc<'_>) -> Result<()> {
        assemble(doc);
        Ok(())
    }
}

/// What makes two facts the same: type, polarity and the entities or texts in each role (time,
/// location and content excluded; a statement is also keyed by its trigger, since each utterance
/// is its own fact).
fn dedupe_key(f: &Fact) -> (FactType, bool, u8, BTreeSet<(String, String)>, Option<Span>) {
    // Asserted and reported accounts of one event merge; a planned, hypothetical or opined
    // event is a different fact from the one that happened.
    let modality = match f.modality {
        crate::model::Modality::Asserted | crate::model::Modality::Reported => 0,
        crate::model::Modality::Intended => 1,
        crate::model::Modality::Hypothetical => 2,
        crate::model::Modality::Opinion => 3,
    };
    let mut args = BTreeSet::new();
    for a in &f.arguments {
        if matches!(&a.role[..], "time" | "location" | "content" | "position") {
            continue;
        }
        let v = match &a.value {
            ArgValue::Entity(e) => e.clone(),
            ArgValue::Text(t) => normalize_text(t),
            ArgValue::Time(t) => t.clone(),
        };
        args.insert((a.role.clone(), v));
    }
    // Registry events are mentions (two attacks with the same parties are two facts), except
    // for the types the registry says merge (a meeting told twice is one meeting).
    let per_mention = f.extractor.starts_with("registry")
        && !crate::lexicon::registry::registry()
            .type_of(f.fact_type)
            .is_some_and(|t| t.merges);
    let trig = (f.fact_type == FactType::Statement || per_mention).then_some(f.trigger);
    (
        f.fact_type,
        f.polarity == crate::model::Polarity::Negative,
        modality,
        args,
        trig,
    )
}

fn normalize_text(t: &str) -> String {
    t.replace('’', "'")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

pub fn assemble(doc: &mut Doc<'_>) {
    // Entities: drop empty ones, sort mentions, order by first mention, renumber. The mention
    // index (`mention_entity`) follows the new order, so every mention still names the entity
    // holding it (entities added by the fact stages, unnamed actors, come last before this).
    let mut order: Vec<usize> = (0..doc.entities.len())
        .filter(|&k| !doc.entities[k].mentions.is_empty())
        .collect();
    for e in &mut doc.entities {
        e.mentions.sort_by_key(|m| (m.span.start, m.span.end));
        e.mentions.dedup_by_key(|m| m.span);
    }
    order.sort_by_key(|&k| {
        let m = &doc.entities[k].mentions[0];
        (m.span.start, m.span.end)
    });
    let mut new_index = vec![None; doc.entities.len()];
    for (n, &k) in order.iter().enumerate() {
        new_index[k] = Some(n);
    }
    for me in &mut doc.mention_entity {
        *me = me.and_then(|k| new_index.get(k).copied().flatten());
    }
    let mut old: Vec<Option<crate::model::Entity>> = std::mem::take(&mut doc.entities)
        .into_iter()
        .map(Some)
        .collect();
    doc.entities = order.iter().filter_map(|&k| old[k].take()).collect();
    let mut ent_ids: HashMap<String, String> = HashMap::new();
    for (i, e) in doc.entities.iter_mut().enumerate() {
        let new = format!("e{}", i + 1);
        ent_ids.insert(std::mem::replace(&mut e.id, new.clone()), new);
    }
    // Times: by position, renumbered.
    doc.times.sort_by_key(|t| (t.span.start, t.span.end));
    let mut time_ids: HashMap<String, String> = HashMap::new();
    for (i, t) in doc.times.iter_mut().enumerate() {
        let new = format!("t{}", i + 1);
        time_ids.insert(std::mem::replace(&mut t.id, new.clone()), new);
    }
    // Facts: rewrite references (dropping arguments to vanished entities), then merge.
    let mut facts = std::mem::take(&mut doc.facts);
    for f in &mut facts {
        f.arguments.retain_mut(|a| match &mut a.value {
            ArgValue::Entity(id) => ent_ids.get(id).map(|n| *id = n.clone()).is_some(),
            ArgValue::Time(id) => time_ids.get(id).map(|n| *id = n.clone()).is_some(),
            ArgValue::Text(t) => !t.is_empty(),
        });
        f.attributed_to = f
            .attributed_to
            .take()
            .and_then(|a| ent_ids.get(&a).cloned());
        f.evidence.sort();
        f.evidence.dedup();
    }
    // A relation needs its entities; a registry event is one by its trigger (`12 people were
    // killed`), whatever its arguments.
    facts.retain(|f| {
        f.extractor.starts_with("registry")
            || f.arguments
                .iter()
                .any(|a| matches!(a.value, ArgValue::Entity(_)))
    });
    facts.sort_by_key(|f| (f.trigger.start, f.trigger.end));
    let mut merged: Vec<Fact> = Vec::new();
    let mut index: HashMap<_, usize> = HashMap::new();
    for f in facts {
        let key = dedupe_key(&f);
        match index.get(&key) {
            Some(&k) => merge_into(&mut merged[k], f),
            None => {
                index.insert(key, merged.len());
                merged.push(f);
            }
        }
    }
    for f in &mut merged {
        f.evidence.sort_unstable();
        f.evidence.dedup();
    }
    drop_truncated_titles(&mut merged);
    merged.sort_by_key(|f| {
        (
            f.evidence.first().map_or(f.trigger.start, |e| e.start),
            f.trigger.start,
            f.trigger.end,
        )
    });
    for (i, f) in merged.iter_mut().enumerate() {
        f.id = format!("f{}", i + 1);
    }
    doc.facts = merged;
}

fn merge_into(into: &mut Fact, f: Fact) {
    // Sorted once at the end (`assemble`), so merging stays linear however often a fact repeats.
    into.evidence.extend(f.evidence);
    for a in f.arguments {
        let has_role = into.arguments.iter().any(|b| b.role == a.role);
        let single = matches!(&a.role[..], "time" | "location" | "position" | "content");
        let same_text = |b: &crate::model::Argument| match (&a.value, &b.value) {
            (ArgValue::Text(x), ArgValue::Text(y)) => {
                b.role == a.role && normalize_text(x) == normalize_text(y)
            }
            _ => false,
        };
        // The same entity in the same role, whatever span each mention gave it, is there once.
        let same_entity = |b: &crate::model::Argument| {
            b.role == a.role && b.value == a.value && matches!(a.value, ArgValue::Entity(_))
        };
        if !(into.arguments.contains(&a)
            || into.arguments.iter().any(same_entity)
            || single && has_role
            || into.arguments.iter().any(same_text))
        {
            into.arguments.push(a);
        }
    }
    into.confidence = into.confidence.max(f.confidence).min(1.0);
    if into.attributed_to.is_none() {
        into.attributed_to = f.attributed_to;
    }
}

/// Two rules may read the same title with different extents in one sentence (`Secretary` and
/// `Secretary of State`): the shorter one, a word prefix of the longer, is dropped.
fn drop_truncated_titles(facts: &mut Vec<Fact>) {
    let title_of = |f: &Fact| -> Option<(String, String)> {
        if f.fact_type != FactType::Role {
            return None;
        }
        let person = f
            .arguments
            .iter()
            .find_map(|a| match (&a.role[..], &a.value) {
                ("person", ArgValue::Entity(e)) => Some(e.clone()),
                _ => None,
            })?;
        let title = f
            .arguments
            .iter()
            .find_map(|a| match (&a.role[..], &a.value) {
                ("title", ArgValue::Text(t)) => Some(normalize_text(t)),
                _ => None,
            })?;
        Some((person, title))
    };
    // Group by (person, sentence evidence): groups are tiny, so the pairwise check is cheap.
    let mut groups: HashMap<(String, Span), Vec<(usize, String)>> = HashMap::new();
    for (i, f) in facts.iter().enumerate() {
        if let (Some((p, t)), Some(ev)) = (title_of(f), f.evidence.first()) {
            groups.entry((p, *ev)).or_default().push((i, t));
        }
    }
    let mut drop = vec![false; facts.len()];
    for g in groups.values() {
        for (i, a) in g {
            if g.iter()
                .any(|(j, b)| j != i && b.len() > a.len() && b.starts_with(&format!("{a} ")))
            {
                drop[*i] = true;
            }
        }
    }
    let mut k = 0;
    facts.retain(|_| {
        k += 1;
        !drop[k - 1]
    });
}
