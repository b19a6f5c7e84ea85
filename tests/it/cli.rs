//! `factx extract` as a user runs it.

use std::io::Write;
use std::process::{Command, Stdio};

use factx::proto::v1 as pb;

use crate::util::{assert_grounded, seed_article, SEED_JSON};

fn factx() -> Command {
    Command::new(env!("CARGO_BIN_EXE_factx"))
}

fn run_with_stdin(args: &[&str], stdin: &str) -> std::process::Output {
    let mut child = factx()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn extract_keeps_input_order_and_reports_bad_lines() {
    let seed = seed_article();
    let mut second = seed.clone();
    second.id = "second".into();
    let input = format!(
        "{}\n{{broken json\n\n{}\n{}\n",
        SEED_JSON.trim(),
        r#"{"id":"empty","body":""}"#,
        serde_json::to_string(&second).unwrap()
    );
    let out = run_with_stdin(
        &["extract", "--threads", "2", "--offset-unit", "utf16"],
        &input,
    );
    assert_eq!(out.status.code(), Some(1), "bad lines give a non-zero exit");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("line 2"), "{stderr}");
    assert!(stderr.contains("line 4"), "{stderr}");
    let stdout = String::from_utf8(out.stdout).unwrap();
    let sets: Vec<pb::FactSet> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let ids: Vec<&str> = sets.iter().map(|f| f.article_id.as_str()).collect();
    assert_eq!(ids, ["seed-article", "second"]);
    for fs in &sets {
        assert_eq!(fs.offset_unit, pb::OffsetUnit::Utf16 as i32);
        assert_grounded(&seed.body, fs);
    }
}

#[test]
fn extract_plain_text_body() {
    let out = run_with_stdin(
        &[
            "extract",
            "--text",
            "--id",
            "t1",
            "--published-at",
            "2024-08-13T06:00:00Z",
        ],
        "Officials met in Paris on Monday.",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let fs: pb::FactSet = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(fs.article_id, "t1");
    assert_grounded("Officials met in Paris on Monday.", &fs);
}

#[test]
fn train_and_eval_ner_on_a_fixture() {
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("tiny.bin");
    let fixture = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/crates/factx-train/tests/fixtures/ner_tiny.iob"
    );
    let out = factx()
        .args(["train", "ner", "--data", fixture, "--epochs", "8", "--out"])
        .arg(&model)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let first = std::fs::read(&model).unwrap();
    // Reproducible: the same data and seed give the same bytes.
    let again = dir.path().join("again.bin");
    factx()
        .args(["train", "ner", "--data", fixture, "--epochs", "8", "--out"])
        .arg(&again)
        .output()
        .unwrap();
    assert_eq!(first, std::fs::read(&again).unwrap());
    // A model scored on its own training data finds what it was taught.
    let out = factx()
        .args(["eval", "ner", "--conll", fixture, "--model"])
        .arg(&model)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = String::from_utf8_lossy(&out.stdout);
    let line = report
        .lines()
        .find(|l| l.starts_with("PER/ORG/LOC"))
        .expect("summary row");
    let cols: Vec<&str> = line.split_whitespace().collect();
    assert_eq!(
        &cols[1..],
        ["1.000", "1.000", "1.000", "9", "9"],
        "{report}"
    );
}
