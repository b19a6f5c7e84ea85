//! `TimeStage`: runs the tagger over the body and fills `doc.times` (ids `t1`.. in text order).

use super::{tag_with_sentences, TimeContext};
use crate::doc::{Annotation, Doc};
use crate::error::Result;
use crate::model::{Span, TimeExpression};
use crate::stage::Stage;

pub struct TimeStage;

impl Stage for TimeStage {
    fn name(&self) -> &'static str {
        "times"
    }
    fn requires(&self) -> &'static [Annotation] {
        // Sentence ends bound the grammar's matches and the tense cues.
        &[Annotation::Sentences]
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::Sentence;
    use crate::model::{Article, ExtractOptions};
    use chrono::{TimeZone, Utc};

    fn article(body: &str) -> Article {
        Article {
            body: body.into(),
            published_at: Some(Utc.with_ymd_and_hms(2024, 8, 13, 6, 0, 0).unwrap()),
            ..Default::default()
        }
    }

    #[test]
    fn fills_times_with_ids_in_text_order() {
        let a = article("Talks ended on Monday. They resume next week");
        let opts = ExtractOptions::default();
        let mut doc = Doc::new(&a, &opts);
        TimeStage.run(&mut doc).unwrap();
        let got: Vec<(&str, &str, &str)> = doc
            .times
            .iter()
            .map(|t| (t.id.as_str(), t.text.as_str(), t.value.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("t1", "Monday", "2024-08-12"),
                ("t2", "next week", "2024-W34")
            ]
        );
    }

    #[test]
    fn sentence_bounds_limit_the_tense_context() {
        // Without punctuation the future `will` of the first clause is the nearest cue; with
        // the segmenter's sentence boundary it is out of reach and the news default applies.
        let body = "Officials will decide soon\nvoting on Friday";
        let a = article(body);
        let opts = ExtractOptions::default();
        let mut doc = Doc::new(&a, &opts);
        TimeStage.run(&mut doc).unwrap();
        assert_eq!(doc.times[0].value, "2024-08-09");
        let body = "Officials will decide soon voting on Friday";
        let a = article(body);
        let mut doc = Doc::new(&a, &opts);
        TimeStage.run(&mut doc).unwrap();
        assert_eq!(doc.times[0].value, "2024-08-16");
        let mut doc = Doc::new(&a, &opts);
        let cut = body.find("voting").unwrap();
        doc.sentences = vec![
            Sentence {
                span: Span::new(0, cut - 1),
                tokens: 0..0,
            },
            Sentence {
                span: Span::new(cut, body.len()),
                tokens: 0..0,
            },
        ];
        TimeStage.run(&mut doc).unwrap();
        assert_eq!(doc.times[0].value, "2024-08-09");
    }
}
