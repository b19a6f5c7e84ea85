//! Prints the FactSet of one article as JSON in the scorer's format (lowerCamelCase fields).
//! Usage: cargo run -p factx-core --example dump -- ARTICLE.txt [--published RFC3339] [--mentions]
//! `--mentions` prints the entity stage's candidates instead (debugging).

use factx_core::doc::Doc;
use factx_core::model::{Article, ExtractOptions};
use factx_core::pipeline::{default_stages, Pipeline};
use factx_core::Engine;

#[path = "common/json.rs"]
mod json;
use json::to_json;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args.first().expect("usage: dump ARTICLE.txt [--mentions]");
    let body = std::fs::read_to_string(path).expect("read article");
    let published_at = args
        .iter()
        .position(|a| a == "--published")
        .and_then(|i| args.get(i + 1))
        .map(|p| {
            chrono::DateTime::parse_from_rfc3339(p)
                .expect("--published takes an RFC 3339 timestamp")
                .with_timezone(&chrono::Utc)
        });
    let article = Article {
        id: path.clone(),
        body,
        language: "en".into(),
        published_at,
        ..Default::default()
    };
    let opts = ExtractOptions::default();
    if args.iter().any(|a| a == "--mentions") {
        let p = Pipeline::new(default_stages()).unwrap();
        let mut doc = Doc::new(&article, &opts);
        p.run(&mut doc, &mut |_, _| {}).unwrap();
        for (i, m) in doc.mentions.iter().enumerate() {
            let ent = doc.mention_entity.get(i).copied().flatten();
            println!(
                "{:>4} s{:<3} {:<7} {:<8} {:<22} {:?} -> {:?}",
                i,
                m.sentence,
                m.entity_type.label(),
                format!("{:?}", m.kind),
                m.source,
                m.span.slice(doc.text),
                ent.map(|e| doc.entities[e].id.clone())
            );
        }
        for t in &doc.titles {
            println!("title {:?} -> mention {}", t.text, t.person_mention);
        }
        return;
    }
    let engine = if args.iter().any(|a| a == "--no-ner") {
        use factx_core::stage::Stage;
        let stages: Vec<Box<dyn Stage>> = default_stages()
            .into_iter()
            .map(|s| -> Box<dyn Stage> {
                if s.name() == "entities" {
                    Box::new(factx_core::entities::EntityStage::new())
                } else {
                    s
                }
            })
            .collect();
        Engine::with_pipeline(Pipeline::new(stages).unwrap(), Default::default())
    } else {
        Engine::new(Default::default()).unwrap()
    };
    let fs = engine.extract(&article, &opts).unwrap();
    println!("{}", to_json(&fs));
}
