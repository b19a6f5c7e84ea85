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
