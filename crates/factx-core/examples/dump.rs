//! Prints the FactSet of one article as JSON in the scorer's format (lowerCamelCase fields).
//! Usage: cargo run -p factx-core --example dump -- ARTICLE.txt [--published RFC3339] [--mentions]
//! `--mentions` prints the entity stage's candidates instead (debugging).

use factx_core::doc::Doc;
use factx_core::model::{Article, ExtractOptions, FactSet};
use factx_core::pipeline::{default_stages, Pipeline};
use factx_core::Engine;

fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + 2);
    o.push('"');
    for c in s.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            '\n' => o.push_str("\\n"),
            '\r' => o.push_str("\\r"),
            '\t' => o.push_str("\\t"),
            c if (c as u32) < 0x20 => o.push_str(&format!("\\u{:04x}", c as u32)),
            c => o.push(c),
        }
    }
    o.push('"');
    o
}

fn to_json(fs: &FactSet) -> String {
    let mut ents = Vec::new();
    for e in &fs.entities {
        let ms: Vec<String> = e
            .mentions
            .iter()
            .map(|m| {
                format!(
                    "{{\"span\":{{\"start\":{},\"end\":{}}},\"text\":{},\"kind\":\"{:?}\",\"sentence\":{}}}",
                    m.span.start,
                    m.span.end,
                    esc(&m.text),
                    m.kind,
                    m.sentence
                )
                .replace("\"Name\"", "\"NAME\"")
                .replace("\"Nominal\"", "\"NOMINAL\"")
                .replace("\"Pronoun\"", "\"PRONOUN\"")
            })
            .collect();
        let ids: Vec<String> = e
            .external_ids
            .iter()
            .map(|(k, v)| format!("{}:{}", esc(k), esc(v)))
            .collect();
        ents.push(format!(
            "{{\"id\":{},\"type\":{},\"canonicalName\":{},\"salience\":{:.3},\"externalIds\":{{{}}},\"mentions\":[{}]}}",
            esc(&e.id),
            esc(e.entity_type.label()),
            esc(&e.canonical_name),
            e.salience,
            ids.join(","),
            ms.join(",")
        ));
    }
    let sents: Vec<String> = fs
        .sentences
        .iter()
        .map(|s| format!("{{\"start\":{},\"end\":{}}}", s.start, s.end))
        .collect();
    format!(
        "{{\"articleId\":{},\"offsetUnit\":\"UTF8\",\"sentences\":[{}],\"entities\":[{}],\"facts\":[],\"times\":[]}}",
        esc(&fs.article_id),
        sents.join(","),
        ents.join(",")
    )
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args.first().expect("usage: dump ARTICLE.txt [--mentions]");
    let body = std::fs::read_to_string(path).expect("read article");
    let article = Article {
        id: path.clone(),
        body,
        language: "en".into(),
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
    let engine = Engine::new(Default::default()).unwrap();
    let fs = engine.extract(&article, &opts).unwrap();
    println!("{}", to_json(&fs));
}
