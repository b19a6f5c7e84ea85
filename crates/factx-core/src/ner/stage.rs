//! Glue between the tagger and a `Doc`: mention candidates for every sentence. The entity stage
//! (lexicons, rules, merging) decides what to keep; `NerStage` is a ready-made stage for
//! pipelines that want the tagger's mentions alone. It is not in `default_stages`.

use crate::doc::{Annotation, Doc, MentionCandidate};
use crate::error::Result;
use crate::model::{MentionKind, Span};
use crate::ner::{embedded, Model, Tagger};
use crate::pipeline::Stage;

/// Name mentions the model finds in each of the doc's sentences (source `ner`).
pub fn candidates(model: &Model, doc: &Doc<'_>) -> Vec<MentionCandidate> {
    let mut tagger = Tagger::new();
    let mut out = Vec::new();
    let sents: Vec<Vec<&str>> = doc
        .sentences
        .iter()
        .map(|s| {
            doc.tokens
                .get(s.tokens.clone())
                .unwrap_or(&[])
                .iter()
                .map(|t| doc.slice(t.span))
                .collect()
        })
        .collect();
    for (si, (sent, found)) in doc
        .sentences
        .iter()
        .zip(tagger.tag_doc(model, &sents))
        .enumerate()
    {
        let Some(range) = doc.tokens.get(sent.tokens.clone()) else {
            continue;
        };
        for m in found {
            let span = Span::new(
                range[m.start_token].span.start,
                range[m.end_token - 1].span.end,
            );
            out.push(MentionCandidate {
                span,
                entity_type: m.entity_type,
                kind: MentionKind::Name,
                sentence: si as u32,
                confidence: m.confidence,
                source: "ner",
            });
        }
    }
    out
}

/// Adds the embedded model's mentions to `doc.mentions`.
pub struct NerStage;

impl Stage for NerStage {
    fn name(&self) -> &'static str {
        "ner"
    }
    fn requires(&self) -> &'static [Annotation] {
        &[Annotation::Tokens, Annotation::Sentences]
    }
    fn provides(&self) -> &'static [Annotation] {
        &[Annotation::Mentions]
    }
    fn run(&self, doc: &mut Doc<'_>) -> Result<()> {
        let found = candidates(embedded(), doc);
        doc.mentions.extend(found);
        if !doc.models.iter().any(|m| m == "ner-perceptron") {
            doc.models.push("ner-perceptron".to_string());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{Sentence, Token, TokenKind};
    use crate::model::{Article, EntityType, ExtractOptions};

    #[test]
    fn mentions_are_byte_spans_of_the_body() {
        let article = Article {
            body: "Angela Merkel met Emmanuel Macron in Paris.".to_string(),
            ..Default::default()
        };
        let opts = ExtractOptions::default();
        let mut doc = Doc::new(&article, &opts);
        let mut pos = 0;
        for w in [
            "Angela", "Merkel", "met", "Emmanuel", "Macron", "in", "Paris", ".",
        ] {
            let start = article.body[pos..].find(w).unwrap() + pos;
            pos = start + w.len();
            doc.tokens.push(Token {
                span: Span::new(start, pos),
                kind: TokenKind::Word,
            });
        }
        doc.sentences.push(Sentence {
            span: Span::new(0, article.body.len()),
            tokens: 0..8,
        });
        NerStage.run(&mut doc).unwrap();
        let got: Vec<(&str, EntityType)> = doc
            .mentions
            .iter()
            .map(|m| (doc.slice(m.span), m.entity_type))
            .collect();
        assert_eq!(
            got,
            vec![
                ("Angela Merkel", EntityType::Person),
                ("Emmanuel Macron", EntityType::Person),
                ("Paris", EntityType::Gpe)
            ]
        );
    }
}
