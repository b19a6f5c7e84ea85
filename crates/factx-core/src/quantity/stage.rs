//! `QuantityStage`: fills `doc.quantities` from the tokens, sentences and time expressions.

use crate::doc::{Annotation, Doc};
use crate::error::Result;
use crate::stage::Stage;

pub struct QuantityStage;

impl Stage for QuantityStage {
    fn name(&self) -> &'static str {
        "quantities"
    }
    fn requires(&self) -> &'static [Annotation] {
        &[Annotation::Tokens, Annotation::Sentences, Annotation::Times]
    }
    fn provides(&self) -> &'static [Annotation] {
        &[Annotation::Quantities]
    }
    fn run(&self, doc: &mut Doc<'_>) -> Result<()> {
        doc.quantities = super::find(doc.text, &doc.tokens, &doc.sentences, &doc.times);
        Ok(())
    }
}
