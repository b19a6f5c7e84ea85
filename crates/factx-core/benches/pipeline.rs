//! Throughput of the extraction pipeline, in bytes of article body per second.
//!
//! - `pipeline/*`: the whole engine (validation, every stage, assembly) on each fixture article.
//! - `stage/<name>`: one stage alone over all fixtures; the stages before it run in the untimed
//!   setup of every iteration.
//! - `scaling/<bytes>`: one body of 1 KB .. 1 MB made by concatenating real fixture text; the
//!   throughput should stay flat if the cost is linear in the body's length.
//!
//! Fixtures: the seed article and eight GUM Wikinews articles (CC-BY 2.5, see NOTICE).
//! Run briefly with `cargo bench -p factx-core --bench pipeline -- --quick`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use factx_core::doc::Doc;
use factx_core::model::{Article, ExtractOptions};
use factx_core::pipeline::{default_stages, Pipeline};
use factx_core::{Engine, EngineConfig};

#[path = "../examples/common/article.rs"]
mod article_json;
use article_json::article_from_line;

const SEED_JSON: &str = include_str!("../../../tests/fixtures/seed_article.json");
const WIKINEWS: &str = include_str!("fixtures/wikinews.jsonl");

fn fixtures() -> Vec<Article> {
    std::iter::once(SEED_JSON.trim())
        .chain(WIKINEWS.lines().filter(|l| !l.trim().is_empty()))
        .map(article_from_line)
        .collect()
}

fn total_bytes(articles: &[Article]) -> u64 {
    articles.iter().map(|a| a.body.len() as u64).sum()
}

fn bench_pipeline(c: &mut Criterion) {
    let engine = Engine::new(EngineConfig::default()).unwrap();
    let opts = ExtractOptions::default();
    let articles = fixtures();
    let mut g = c.benchmark_group("pipeline");
    g.sample_size(20);
    for a in &articles {
        g.throughput(Throughput::Bytes(a.body.len() as u64));
        g.bench_function(a.id.as_str(), |b| {
            b.iter(|| black_box(engine.extract(black_box(a), &opts).unwrap()))
        });
    }
    g.throughput(Throughput::Bytes(total_bytes(&articles)));
    g.bench_function("all_fixtures", |b| {
        b.iter(|| {
            for a in &articles {
                black_box(engine.extract(black_box(a), &opts).unwrap());
            }
        })
    });
    g.finish();
}

fn bench_stages(c: &mut Criterion) {
    let pipeline = Pipeline::new(default_stages()).unwrap();
    let opts = ExtractOptions::default();
    let articles = fixtures();
    let mut g = c.benchmark_group("stage");
    g.sample_size(20);
    g.throughput(Throughput::Bytes(total_bytes(&articles)));
    for (i, name) in pipeline.stage_names().into_iter().enumerate() {
        g.bench_function(name, |b| {
            b.iter_batched(
                || {
                    articles
                        .iter()
                        .map(|a| {
                            let mut doc = Doc::new(a, &opts);
                            pipeline.run_range(&mut doc, 0..i, &mut |_, _| {}).unwrap();
                            doc
                        })
                        .collect::<Vec<_>>()
                },
                |mut docs| {
                    for doc in &mut docs {
                        pipeline.run_range(doc, i..i + 1, &mut |_, _| {}).unwrap();
                    }
                    docs
                },
                BatchSize::SmallInput,
            )
        });
    }
    g.finish();
}

/// A body of at most `size` bytes (and nearly that many) made of whole paragraphs of fixture text,
/// repeated as needed.
fn body_of_size(articles: &[Article], size: usize) -> String {
    let paragraphs: Vec<&str> = articles
        .iter()
        .flat_map(|a| a.body.split('\n'))
        .filter(|p| !p.trim().is_empty())
        .collect();
    let mut body = String::with_capacity(size);
    for p in paragraphs.iter().cycle() {
        if body.len() + p.len() + 1 > size {
            // Fill the rest with a cut of the paragraph at a char boundary, so sizes are exact.
            let mut cut = size - body.len();
            while !p.is_char_boundary(cut) {
                cut -= 1;
            }
            body.push_str(&p[..cut]);
            break;
        }
        body.push_str(p);
        body.push('\n');
    }
    body
}

fn bench_scaling(c: &mut Criterion) {
    let engine = Engine::new(EngineConfig::default()).unwrap();
    let opts = ExtractOptions::default();
    let articles = fixtures();
    let mut g = c.benchmark_group("scaling");
    g.sample_size(10);
    for size in [1_000usize, 10_000, 100_000, 1_000_000] {
        let article = Article {
            id: format!("scaling-{size}"),
            body: body_of_size(&articles, size),
            published_at: articles[0].published_at,
            language: "en".into(),
            ..Article::default()
        };
        g.throughput(Throughput::Bytes(article.body.len() as u64));
        if size >= 100_000 {
            g.measurement_time(Duration::from_secs(8));
        }
        g.bench_function(size.to_string(), |b| {
            b.iter(|| black_box(engine.extract(black_box(&article), &opts).unwrap()))
        });
    }
    g.finish();
}

criterion_group!(benches, bench_pipeline, bench_stages, bench_scaling);
criterion_main!(benches);
