//! `TimeStage`: runs the tagger over the body and fills `doc.times` (ids `t1`.. in text order).

use super::{tag_with_sentences, TimeContext};
use crate::doc::{Annotation, Doc};
use crate::error::Result;
use crate::model::{Span, TimeExpression};
use crate::pipeline::Stage;

pub struct TimeStage;

impl Stage for TimeStage {
    fn name(&self) -> &'static str {
        "times"
    }
    fn requires(&self) -> &'static [Annotation] {
        &[]
    }
    fn provides(&self) -> &'static [Annotation] {
        &[Annotation::Times]
    }
    fn run(&self, doc: &mut Doc<'_>) -> Result<()> {
        let ctx = TimeContext::for_article(doc.article.published_at, doc.options);
        let sentences: Vec<Span> = doc.sentences.iter().map(|s| s.span).collect();
        let found = tag_with_sentences(doc.text, &ctx, &sentences);
        doc.times = found
            .into_iter()
            .enumerate()
            .map(|(k, m)| TimeExpression {
                id: format!("t{}", k + 1),
                span: m.span,
                text: doc.text[m.span.start..m.span.end].to_string(),
                value: m.value,
                time_type: m.time_type,
            })
            .collect();
        Ok(())
    }
}
