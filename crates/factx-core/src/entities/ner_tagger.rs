//! The statistical tagger of `crate::ner` behind the `NameTagger` seam.

use super::{NameTagger, TaggedName};
use crate::ner::parse::ParsedWord;
use crate::ner::{Model, NerSpan, Tagger};

fn convert(s: NerSpan) -> TaggedName {
    TaggedName {
        start_token: s.start_token,
        end_token: s.end_token,
        entity_type: s.entity_type,
        confidence: s.confidence,
    }
}

fn tag_doc(
    model: &Model,
    sentences: &[Vec<&str>],
    parses: Option<&[Vec<ParsedWord>]>,
) -> Vec<Vec<TaggedName>> {
    Tagger::new()
        .tag_doc(model, sentences, parses)
        .into_iter()
        .map(|s| s.into_iter().map(convert).collect())
        .collect()
}

/// The model embedded in the binary (`ner::embedded()`).
pub struct EmbeddedNer;

impl NameTagger for EmbeddedNer {
    fn model_name(&self) -> &str {
        "ner-perceptron"
    }
    fn tag(&self, tokens: &[&str]) -> Vec<TaggedName> {
        crate::ner::embedded()
            .tag(tokens)
            .into_iter()
            .map(convert)
            .collect()
    }
    fn tag_doc(
        &self,
        sentences: &[Vec<&str>],
        parses: Option<&[Vec<ParsedWord>]>,
    ) -> Vec<Vec<TaggedName>> {
        tag_doc(crate::ner::embedded(), sentences, parses)
    }
}

/// A model loaded at run time (evaluating a freshly trained file through the whole pipeline).
pub struct ModelNer(pub crate::ner::Model);

impl NameTagger for ModelNer {
    fn model_name(&self) -> &str {
        "ner-perceptron"
    }
    fn tag(&self, tokens: &[&str]) -> Vec<TaggedName> {
        self.0.tag(tokens).into_iter().map(convert).collect()
    }
    fn tag_doc(
        &self,
        sentences: &[Vec<&str>],
        parses: Option<&[Vec<ParsedWord>]>,
    ) -> Vec<Vec<TaggedName>> {
        tag_doc(&self.0, sentences, parses)
    }
}
