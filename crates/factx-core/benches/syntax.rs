//! Throughput of the syntax stage (tagger + lemmatizer + parser), in tokens per second, on the
//! bench fixtures (the seed article and eight GUM Wikinews articles), segmentation excluded.
//!
//! `cargo bench -p factx-core --bench syntax`; `FACTX_SYNTAX_MODEL=path` benches another model
//! file than the embedded one.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use factx_core::segment::{split_sentences, tokenize};
use factx_core::syntax::{embedded, SyntaxModel};

const SEED_JSON: &str = include_str!("../../../tests/fixtures/seed_article.json");
const WIKINEWS: &str = include_str!("fixtures/wikinews.jsonl");

fn bodies() -> Vec<String> {
    std::iter::once(SEED_JSON.trim())
        .chain(WIKINEWS.lines().filter(|l| !l.trim().is_empty()))
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("fixture is JSON");
            v["body"].as_str().unwrap_or_default().to_owned()
        })
        .collect()
}

fn bench_syntax(c: &mut Criterion) {
    let loaded;
    let model: &SyntaxModel = match std::env::var("FACTX_SYNTAX_MODEL") {
        Ok(p) => {
            loaded = SyntaxModel::load(&std::fs::read(p).expect("model file")).expect("model");
            &loaded
        }
        Err(_) => embedded(),
    };
    let docs: Vec<_> = bodies()
        .into_iter()
        .map(|b| {
            let t = tokenize(&b);
            let s = split_sentences(&b, &t);
            (b, t, s)
        })
        .collect();
    let tokens: usize = docs.iter().map(|d| d.1.len()).sum();
    let mut g = c.benchmark_group("syntax");
    g.sample_size(20);
    g.throughput(Throughput::Elements(tokens as u64));
    g.bench_function("tag_lemmatize_parse", |b| {
        b.iter(|| {
            for (text, toks, sents) in &docs {
                black_box(model.annotate(black_box(text), toks, sents));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench_syntax);
criterion_main!(benches);
