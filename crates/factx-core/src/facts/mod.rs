//! The roles and events stages: facts from clause structure. `RolesStage` finds titles and
//! memberships (ROLE, AFFILIATION); `EventsStage` finds statements and the events of the
//! fact-type registry. Both read tokens, sentences, entities with their mentions (coreference
//! already applied: a pronoun mention belongs to its entity) and times, through a shared
//! `view::View`; events also read the parse and the roles' facts (`the under secretary`).

pub mod clause;
pub mod events;
pub mod habitual;
pub mod matcher;
pub mod modality;
pub mod pronoun_speakers;
pub mod quotations;
pub mod roles;
pub mod speakers;
pub mod statements;
pub mod view;

#[cfg(test)]
pub(crate) mod testkit;

use crate::doc::{Annotation, Doc};
use crate::error::Result;
use crate::model::{ArgValue, Argument, Fact, FactType, Modality, Polarity, Span};
use crate::stage::Stage;

/// The fact-type registry (read by the loader, `lexicon::registry`).
pub use crate::lexicon::registry;

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
        plover_category: None,
        plover_mode: String::new(),
        extractor: extractor.to_string(),
    }
}

pub(crate) fn ent_arg(doc: &Doc<'_>, role: &str, entity: usize) -> Argument {
    Argument {
        role: role.to_string(),
        value: ArgValue::Entity(doc.entities[entity].id.clone()),
        span: None,
    }
}

pub(crate) fn text_arg(role: &str, text: &str) -> Argument {
    Argument {
        role: role.to_string(),
        value: ArgValue::Text(text.to_string()),
        span: None,
    }
}

pub(crate) fn time_arg(doc: &Doc<'_>, time: usize) -> Argument {
    Argument {
        role: "time".to_string(),
        value: ArgValue::Time(doc.times[time].id.clone()),
        span: Some(doc.times[time].span),
    }
}

/// The roles stage: ROLE and AFFILIATION facts.
pub struct RolesStage;

impl Stage for RolesStage {
    fn name(&self) -> &'static str {
        "roles"
    }
    fn requires(&self) -> &'static [Annotation] {
        &[
            Annotation::Tokens,
            Annotation::Sentences,
            Annotation::Times,
            Annotation::Entities,
        ]
    }
    fn provides(&self) -> &'static [Annotation] {
        &[Annotation::Facts]
    }
    fn run(&self, doc: &mut Doc<'_>) -> Result<()> {
        let v = view::View::new(doc);
        let facts = roles::extract(doc, &v);
        doc.facts.extend(facts);
        Ok(())
    }
}

/// The events stage: STATEMENT facts (`events`, `statements`), then every type of the fact-type
/// registry, MEETING, TRAVEL and COMMUNICATION included (`matcher`, over the parse), which adds
/// a NOMINAL entity for each unnamed actor (`police`, `a suicide bomber`) an event names.
pub struct EventsStage;

impl Stage for EventsStage {
    fn name(&self) -> &'static str {
        "events"
    }
    /// `Facts`: the roles stage's titles resolve `the under secretary` to a person. `Syntax`:
    /// statements and the registry matcher read subjects, objects and complements. `Entities`:
    /// unnamed speakers (`officials said`, `speakers`) and unnamed actors (`police arrested`,
    /// `matcher::nominal_actors`) become entities with a NOMINAL mention.
    fn requires(&self) -> &'static [Annotation] {
        &[
            Annotation::Tokens,
            Annotation::Sentences,
            Annotation::Syntax,
            Annotation::Times,
            Annotation::Entities,
            Annotation::Facts,
        ]
    }
    fn provides(&self) -> &'static [Annotation] {
        &[Annotation::Entities, Annotation::Facts]
    }
    fn run(&self, doc: &mut Doc<'_>) -> Result<()> {
        speakers::add_unnamed(doc);
        pronoun_speakers::resolve(doc);
        let v = view::View::new(doc);
        let mut facts = events::extract(doc, &v);
        let mut found = matcher::extract(doc, &v);
        drop(v);
        matcher::nominal_actors(doc, &mut found);
        facts.extend(found);
        doc.facts.extend(facts);
        Ok(())
    }
}

#[cfg(test)]
mod tests;
