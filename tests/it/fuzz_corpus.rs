//! Replays the committed fuzz corpus (`fuzz/corpus/<target>/`) through the same checks the fuzz
//! targets run, so every interesting input found by fuzzing stays a regression test.

#[path = "../../fuzz/checks.rs"]
mod checks;

use std::path::Path;

fn replay(target: &str, check: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no corpus under {}", dir.display());
    for f in &files {
        let data = std::fs::read(f).unwrap();
        let outcome = std::panic::catch_unwind(|| check(&data));
        assert!(outcome.is_ok(), "corpus input {} fails", f.display());
    }
    println!("{target}: replayed {} inputs", files.len());
}

#[test]
fn pipeline_corpus() {
    replay("pipeline", checks::pipeline);
}

#[test]
fn syntax_corpus() {
    replay("syntax", checks::syntax);
}

#[test]
fn decode_request_corpus() {
    replay("decode_request", checks::decode_request);
}

#[test]
fn jsonl_corpus() {
    replay("jsonl", checks::jsonl);
}
