//! The NER tagger's offline side (the tagger itself is `factx_core::ner`): corpus readers (GUM
//! CoNLL-U with its entity annotation mapped to OntoNotes types, IOB2), the averaged-perceptron
//! trainer and the entity-level scorer.

pub mod data;
pub mod eval;
pub mod train;

#[cfg(test)]
mod tests;
