//! Prints the quantity stage's output for each article of a JSON Lines file (`id`, `body`,
//! `publishedAt`), one line per article, offsets in Unicode code points (as the gold uses):
//! `{"id": ..., "quantities": [{"start", "end", "text", "value", "valueMax", "unit",
//! "qualifier", "noun"}]}`. The FactSet carries no quantities yet; this is for scoring them.
//! Usage: cargo run --release -p factx-core --example quantities -- ARTICLES.jsonl

use std::io::Write;

use factx_core::doc::Doc;
use factx_core::model::{Article, ExtractOptions};
use factx_core::pipeline::Pipeline;
use factx_core::quantity::{QuantityStage, Unit};
use factx_core::stage::Stage;
use serde_json::{json, Value};

#[path = "common/article.rs"]
mod article_json;
use article_json::article_from_json;

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: quantities ARTICLES.jsonl");
    let input = std::fs::read_to_string(&path).expect("read articles");
    let stages: Vec<Box<dyn Stage>> = vec![
        Box::new(factx_core::segment::SegmentStage),
        Box::new(factx_core::time::TimeStage),
        Box::new(QuantityStage),
    ];
    let pipeline = Pipeline::new(stages).expect("pipeline builds");
    let opts = ExtractOptions::default();
    let mut out = std::io::stdout().lock();
    for line in input.lines().filter(|l| !l.trim().is_empty()) {
        let v: Value = serde_json::from_str(line).expect("a JSON object per line");
        let article = article_from_json(&v);
        let mut doc = Doc::new(&article, &opts);
        pipeline
            .run(&mut doc, &mut |_, _| {})
            .expect("pipeline runs");
        let cp = |byte: usize| article.body[..byte].chars().count();
        let quantities: Vec<Value> = doc
            .quantities
            .iter()
            .map(|q| {
                let unit = match q.unit {
                    Unit::Count => "count".to_string(),
                    Unit::Currency(code) => code.to_string(),
                    Unit::Percent => "percent".into(),
                    Unit::PercentagePoint => "percentage point".into(),
                    Unit::Duration(d) => format!("{d:?}").to_lowercase(),
                    Unit::Measure(m) => m.to_string(),
                };
                json!({
                    "start": cp(q.span.start),
                    "end": cp(q.span.end),
                    "text": q.span.slice(&article.body),
                    "value": q.value,
                    "valueMax": q.value_max,
                    "unit": unit,
                    "qualifier": format!("{:?}", q.qualifier),
                    "noun": q.noun.map(|n| doc.token_text(n)),
                })
            })
            .collect();
        let record = json!({"id": article.id, "quantities": quantities});
        writeln!(out, "{record}").expect("write");
    }
}
