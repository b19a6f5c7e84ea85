//! Throughput of the NER tagger alone (embedded model), in tokens per second.
//!
//! cargo bench -p factx-core --bench ner_tagger

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

/// Splits text into word and punctuation tokens and sentences at `.`/`?`/`!`, roughly like
/// the segmenter does; good enough to feed the tagger realistic sentences.
fn sentences(text: &str) -> Vec<Vec<&str>> {
    let mut out = vec![Vec::new()];
    for word in text.split_whitespace() {
        let mut start = 0;
        for (i, c) in word.char_indices() {
            if c.is_alphanumeric() || (c == '.' && i > 0 && i + 1 < word.len()) {
                continue;
            }
            if start < i {
                out.last_mut().unwrap().push(&word[start..i]);
            }
            out.last_mut().unwrap().push(&word[i..i + c.len_utf8()]);
            start = i + c.len_utf8();
            if matches!(c, '.' | '?' | '!') {
                out.push(Vec::new());
            }
        }
        if start < word.len() {
            out.last_mut().unwrap().push(&word[start..]);
        }
    }
    out.retain(|s| !s.is_empty());
    out
}

fn bench(c: &mut Criterion) {
    let text = include_str!("../../../tests/fixtures/seed_article.txt");
    let sents = sentences(text);
    let ntok: usize = sents.iter().map(Vec::len).sum();
    let model = factx_core::ner::embedded();
    let mut tagger = factx_core::ner::Tagger::new();
    let mut g = c.benchmark_group("ner");
    g.throughput(Throughput::Elements(ntok as u64));
    g.bench_function("tag_article_tokens", |b| {
        b.iter(|| {
            let mut n = 0;
            for s in &sents {
                n += tagger.tag(model, s).len();
            }
            n
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
