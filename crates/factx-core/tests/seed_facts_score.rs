//! The seed article's facts scored by the shared scorer. Skipped, with a note, when the shared
//! folder (`../shared` beside the repo, or `$FACTX_SHARED`) or python3 is absent: the project
//! must not depend on it. The rules are general; this only checks that they reach the bar here.

use std::path::PathBuf;
use std::process::Command;

use factx_core::model::{Article, ExtractOptions};
use factx_core::Engine;

#[path = "../examples/common/json.rs"]
mod json;

fn shared_dir() -> Option<PathBuf> {
    [
        std::env::var_os("FACTX_SHARED").map(PathBuf::from),
        Some(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared")),
    ]
    .into_iter()
    .flatten()
    .find(|p| p.join("tools/score_factset.py").is_file() && p.join("seed/gold.json").is_file())
}

#[test]
fn seed_facts_reach_the_bar() {
    let Some(shared) = shared_dir() else {
        eprintln!("note: shared folder absent; seed facts score test skipped");
        return;
    };
    let article = Article {
        id: "seed".into(),
        body: include_str!("../../../tests/fixtures/seed_article.txt").into(),
        language: "en".into(),
        ..Default::default()
    };
    let fs = Engine::new(Default::default())
        .unwrap()
        .extract(&article, &ExtractOptions::default())
        .unwrap();
    let pred = std::env::temp_dir().join(format!("factx-seed-facts-{}.json", std::process::id()));
    std::fs::write(&pred, json::to_json(&fs)).unwrap();
    let out = Command::new("python3")
        .arg(shared.join("tools/score_factset.py"))
        .arg("--gold")
        .arg(shared.join("seed/gold.json"))
        .arg("--pred")
        .arg(&pred)
        .output();
    let _ = std::fs::remove_file(&pred);
    let out = match out {
        Ok(o) => o,
        Err(e) => {
            eprintln!("note: python3 unavailable ({e}); seed facts score test skipped");
            return;
        }
    };
    let text = String::from_utf8_lossy(&out.stdout);
    let last = text.lines().last().unwrap_or("");
    let score = |name: &str| -> f64 {
        last.split_whitespace()
            .find_map(|kv| kv.strip_prefix(&format!("{name}=")))
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("no {name} in scorer output:\n{text}"))
    };
    println!("{text}");
    assert_eq!(score("integrity"), 1.0, "{text}");
    assert!(score("facts") >= 0.85, "{text}");
}
