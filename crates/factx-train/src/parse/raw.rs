//! Evaluation from raw text: the gold treebank's documents are rebuilt as plain text (sentences
//! of a paragraph joined as written, paragraphs separated by a blank line), run through the
//! segmenter and the syntax stage, and the output is scored against the gold file with the
//! CoNLL 2018 alignment (`align`).

use std::sync::Arc;

use factx_core::doc::Doc;
use factx_core::model::{Article, ExtractOptions};
use factx_core::pipeline::Pipeline;
use factx_core::segment::SegmentStage;
use factx_core::syntax::{SyntaxModel, SyntaxStage};

use super::align::{self, AlignError, Alignment};
use super::output::to_conllu;
use crate::conllu::{self, Sentence};

/// The documents of a gold file as (id, body, the gold sentences of the document).
pub fn gold_documents(sentences: &[Sentence]) -> Vec<(String, String, &[Sentence])> {
    conllu::documents(sentences)
        .into_iter()
        .enumerate()
        .map(|(k, doc)| {
            let id = doc
                .first()
                .and_then(|s| s.newdoc())
                .filter(|d| !d.is_empty())
                .map_or_else(|| format!("doc{}", k + 1), str::to_owned);
            let mut body = String::new();
            let mut glue_next = false;
            for (i, s) in doc.iter().enumerate() {
                if i > 0 {
                    if s.newpar() {
                        body.push_str("\n\n");
                    } else if !glue_next {
                        body.push(' ');
                    }
                }
                body.push_str(&s.rebuilt_text());
                glue_next = s.tokens().last().is_some_and(|t| t.no_space_after);
            }
            (id, body, doc)
        })
        .collect()
}

/// Segmentation and syntax over one text, as CoNLL-U sentences.
pub fn parse_text(pipeline: &Pipeline, id: &str, body: &str) -> Vec<Sentence> {
    let article = Article {
        id: id.to_owned(),
        body: body.to_owned(),
        ..Default::default()
    };
    let options = ExtractOptions::default();
    let mut doc = Doc::new(&article, &options);
    if pipeline.run(&mut doc, &mut |_, _| {}).is_err() {
        return Vec::new();
    }
    to_conllu(id, doc.text, &doc.tokens, &doc.sentences, &doc.syntax)
}

/// The segmenter followed by the syntax stage with `model`.
pub fn syntax_pipeline(model: Arc<SyntaxModel>) -> Pipeline {
    Pipeline::new(vec![
        Box::new(SegmentStage),
        Box::new(SyntaxStage::with_model(model)),
    ])
    .expect("segment then syntax is a valid order")
}

/// Parses the raw text of every gold document and scores the result.
pub fn evaluate(
    model: Arc<SyntaxModel>,
    gold: &[Sentence],
) -> Result<(Alignment, Vec<Sentence>), AlignError> {
    let pipeline = syntax_pipeline(model);
    let docs = gold_documents(gold);
    let mut system = Vec::new();
    let mut gold_used = Vec::new();
    for (id, body, sents) in &docs {
        system.extend(parse_text(&pipeline, id, body));
        gold_used.extend(sents.iter().cloned());
    }
    let a = align::score(&gold_used, &system)?;
    Ok((a, system))
}
