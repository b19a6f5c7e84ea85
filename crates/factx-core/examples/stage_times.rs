//! Prints each stage's time on an article and on the same article repeated to ~N bytes, to check
//! that cost stays linear in the body's length.
//! Usage: cargo run --release -p factx-core --example stage_times -- ARTICLE.txt [BYTES]

use std::collections::BTreeMap;
use std::time::Duration;

use factx_core::model::{Article, ExtractOptions};
use factx_core::Engine;

fn run(engine: &Engine, body: String) -> (BTreeMap<&'static str, Duration>, usize) {
    let article = Article {
        id: "t".into(),
        body,
        language: "en".into(),
        ..Default::default()
    };
    let mut times = BTreeMap::new();
    let fs = engine
        .extract_observed(&article, &ExtractOptions::default(), &mut |s, d| {
            *times.entry(s).or_default() += d;
        })
        .expect("extract");
    (times, fs.facts.len())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let base = std::fs::read_to_string(&args[0]).expect("read article");
    let target: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(1 << 20);
    let mut big = String::new();
    while big.len() + base.len() + 1 < target {
        big.push_str(&base);
        big.push('\n');
    }
    let engine = Engine::new(Default::default()).unwrap();
    // Warm up lazily built lexicons first, then take the best of a few small runs.
    let (mut small, nf) = run(&engine, base.clone());
    for _ in 0..20 {
        let (t, _) = run(&engine, base.clone());
        for (k, v) in t {
            let e = small.entry(k).or_insert(v);
            *e = (*e).min(v);
        }
    }
    let (large, nfl) = run(&engine, big.clone());
    let ratio = big.len() as f64 / base.len() as f64;
    println!(
        "bytes {} -> {} (x{:.0}); facts {} -> {}",
        base.len(),
        big.len(),
        ratio,
        nf,
        nfl
    );
    for (stage, d) in &large {
        let s = small[stage];
        println!(
            "{:<10} {:>10.3} ms -> {:>10.3} ms  (x{:.0})",
            stage,
            s.as_secs_f64() * 1e3,
            d.as_secs_f64() * 1e3,
            d.as_secs_f64() / s.as_secs_f64().max(1e-9)
        );
    }
}
