//! The cost of the syntax stage (tagger + lemmatizer + parser) on a fixed set of articles,
//! segmentation excluded: tokens, on-CPU time per pass, tokens/s.
//!
//! Usage: cargo run --release -p factx-core --example syntax_cost -- ARTICLES.jsonl [DOCS] [PASSES]
//! (`FACTX_SYNTAX_MODEL=path` for another model file than the embedded one).
//!
//! Instructions per token, repeatable on a busy machine (one pass, only the syntax stage counted):
//!
//!     valgrind --tool=callgrind --collect-atstart=no --toggle-collect='*SyntaxModel*annotate*' \
//!       target/release/examples/syntax_cost ../shared/data/voa/voa.jsonl 20 1
//!
//! then divide the reported `Collected` instructions by the printed token count.

use std::hint::black_box;

use factx_core::segment::{split_sentences, tokenize};
use factx_core::syntax::{embedded, SyntaxModel};

/// On-CPU time of this thread in nanoseconds (Linux), else 0.
fn thread_cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args
        .first()
        .expect("usage: syntax_cost ARTICLES.jsonl [DOCS] [PASSES]");
    let docs: usize = args
        .get(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(usize::MAX);
    let passes: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(5);
    let loaded;
    let model: &SyntaxModel = match std::env::var("FACTX_SYNTAX_MODEL") {
        Ok(p) => {
            loaded = SyntaxModel::load(&std::fs::read(p).expect("model file")).expect("model");
            &loaded
        }
        Err(_) => embedded(),
    };
    let text = std::fs::read_to_string(path).expect("read articles");
    let docs: Vec<_> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(docs)
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("JSON line");
            let body = v["body"].as_str().unwrap_or_default().to_owned();
            let t = tokenize(&body);
            let s = split_sentences(&body, &t);
            (body, t, s)
        })
        .collect();
    let tokens: usize = docs.iter().map(|d| d.1.len()).sum();
    let mut times = Vec::new();
    for _ in 0..passes {
        let t0 = thread_cpu_ns();
        for (body, toks, sents) in &docs {
            black_box(model.annotate(black_box(body), toks, sents));
        }
        times.push(thread_cpu_ns() - t0);
    }
    times.sort_unstable();
    let median = times.get(times.len() / 2).copied().unwrap_or(0);
    println!(
        "{} docs, {tokens} tokens; {passes} passes, median CPU {:.1} ms, {:.0} tokens/s",
        docs.len(),
        median as f64 / 1e6,
        tokens as f64 / (median as f64 / 1e9).max(1e-9)
    );
}
