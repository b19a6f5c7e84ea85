//! The syntax stage: right after segmentation, tags, lemmatizes and parses every sentence.

use std::sync::Arc;

use super::model::SyntaxModel;
use crate::doc::{Annotation, Doc};
use crate::error::Result;
use crate::stage::Stage;

pub struct SyntaxStage {
    model: Arc<SyntaxModel>,
}

impl SyntaxStage {
    /// The model embedded in the binary.
    pub fn embedded() -> Self {
        SyntaxStage {
            model: super::embedded_arc(),
        }
    }

    /// Another model (evaluating a freshly trained file).
    pub fn with_model(model: Arc<SyntaxModel>) -> Self {
        SyntaxStage { model }
    }
}

impl Stage for SyntaxStage {
    fn name(&self) -> &'static str {
        "syntax"
    }
    fn requires(&self) -> &'static [Annotation] {
        &[Annotation::Tokens, Annotation::Sentences]
    }
    fn provides(&self) -> &'static [Annotation] {
        &[Annotation::Syntax]
    }
    fn run(&self, doc: &mut Doc<'_>) -> Result<()> {
        doc.syntax = self.model.annotate(doc.text, &doc.tokens, &doc.sentences);
        doc.use_model(Annotation::Syntax, super::MODEL_NAME);
        Ok(())
    }
}
