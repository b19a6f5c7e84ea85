//! Stages 6–7: facts from clause structure. `RolesStage` finds titles and memberships (ROLE,
//! AFFILIATION); `EventsStage` finds meetings, travel, communication and statements. Both read
//! tokens, sentences, entities with their mentions (coreference already applied: a pronoun
//! mention belongs to its entity) and times, through a shared `view::View`.

pub mod clause;
pub mod events;
pub mod lexicon;
pub mod quotations;
pub mod roles;
pub mod speakers;
pub mod speech;
pub mod statements;
pub mod view;

#[cfg(test)]
pub(crate) mod testkit;

use crate::doc::{Annotation, Doc};
use crate::error::Result;
use crate::model::{ArgValue, Argument, Fact, FactType, Modality, Polarity, Span};
use crate::pipeline::Stage;

/// Gives every entity and time a unique id, so that arguments can refer to them before assembly
/// renumbers them (earlier stages may leave ids empty).
pub(crate) fn ensure_ids(doc: &mut Doc<'_>) {
    let mut seen = std::collections::HashSet::new();
    let dup = doc
        .entities
        .iter()
        .any(|e| e.id.is_empty() || !seen.insert(e.id.clone()));
    if dup {
        for (i, e) in doc.entities.iter_mut().enumerate() {
            e.id = format!("e{}", i + 1);
        }
    }
    seen.clear();
    let dup = doc
        .times
        .iter()
        .any(|t| t.id.is_empty() || !seen.insert(t.id.clone()));
    if dup {
        for (i, t) in doc.times.iter_mut().enumerate() {
            t.id = format!("t{}", i + 1);
        }
    }
}

/// A fact with its sentence as evidence; arguments are added by the caller.
pub(crate) fn new_fact(
    fact_type: FactType,
    predicate: &str,
    trigger: Span,
    sentence: Span,
    extractor: &str,
    confidence: f32,
) -> Fact {
    let mut evidence = vec![sentence];
    if !sentence.contains(&trigger) {
        evidence.push(trigger);
    }
    Fact {
        id: String::new(),
        fact_type,
        arguments: Vec::new(),
        polarity: Polarity::Positive,
        modality: Modality::Asserted,
        predicate: predicate.to_string(),
        trigger,
        evidence,
        confidence,
        attributed_to: None,
        cameo_code: String::new(),
        extractor: extractor.to_string(),
    }
}

pub(crate) fn ent_arg(doc: &Doc<'_>, role: &str, entity: usize) -> Argument {
    Argument {
        role: role.to_string(),
        value: ArgValue::Entity(doc.entities[entity].id.clone()),
    }
}

pub(crate) fn text_arg(role: &str, text: &str) -> Argument {
    Argument {
        role: role.to_string(),
        value: ArgValue::Text(text.to_string()),
    }
}

pub(crate) fn time_arg(doc: &Doc<'_>, time: usize) -> Argument {
    Argument {
        role: "time".to_string(),
        value: ArgValue::Time(doc.times[time].id.clone()),
    }
}

/// Stage 6: ROLE and AFFILIATION facts.
pub struct RolesStage;

impl Stage for RolesStage {
    fn name(&self) -> &'static str {
        "roles"
    }
    fn requires(&self) -> &'static [Annotation] {
        &[
            Annotation::Tokens,
            Annotation::Sentences,
            Annotation::Entities,
        ]
    }
    fn provides(&self) -> &'static [Annotation] {
        &[Annotation::Facts]
    }
    fn run(&self, doc: &mut Doc<'_>) -> Result<()> {
        ensure_ids(doc);
        let v = view::View::new(doc);
        let facts = roles::extract(doc, &v);
        doc.facts.extend(facts);
        Ok(())
    }
}

/// Stage 7: MEETING, TRAVEL, COMMUNICATION and STATEMENT facts.
pub struct EventsStage;

impl Stage for EventsStage {
    fn name(&self) -> &'static str {
        "events"
    }
    fn requires(&self) -> &'static [Annotation] {
        &[
            Annotation::Tokens,
            Annotation::Sentences,
            Annotation::Entities,
            Annotation::Facts,
        ]
    }
    fn provides(&self) -> &'static [Annotation] {
        &[Annotation::Facts]
    }
    fn run(&self, doc: &mut Doc<'_>) -> Result<()> {
        ensure_ids(doc);
        speakers::add_unnamed(doc);
        let v = view::View::new(doc);
        let facts = events::extract(doc, &v);
        doc.facts.extend(facts);
        Ok(())
    }
}

#[cfg(test)]
mod tests;
