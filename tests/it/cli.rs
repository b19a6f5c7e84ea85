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
fn extract_with_syntax_returns_every_token_in_the_unit_asked() {
    let body = "Officials said the minister, who met Jones, resigned. He didn’t comment.";
    let out = run_with_stdin(
        &[
            "extract",
            "--text",
            "--include-syntax",
            "--offset-unit",
            "code-point",
        ],
        body,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let fs: pb::FactSet = serde_json::from_slice(&out.stdout).unwrap();
    assert_grounded(body, &fs);
    let texts: Vec<&str> = fs.tokens.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(texts[texts.len() - 4..], ["did", "n’t", "comment", "."]);
    // One root per sentence, and the default leaves tokens out.
    let roots = fs.tokens.iter().filter(|t| t.head.is_none()).count();
    assert_eq!(roots, fs.sentences.len());
    let plain = run_with_stdin(&["extract", "--text"], body);
    let fs: pb::FactSet = serde_json::from_slice(&plain.stdout).unwrap();
    assert!(fs.tokens.is_empty());
}

#[test]
fn parse_writes_conllu_with_multiword_tokens() {
    let out = run_with_stdin(
        &["parse", "--text", "--id", "d1"],
        "I don't know.\n\nIt works.",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let sents = factx_train::conllu::parse(&text).unwrap();
    assert_eq!(sents.len(), 2);
    assert_eq!(sents[0].newdoc(), Some("d1"));
    assert_eq!(sents[0].sent_id(), Some("d1-1"));
    assert_eq!(sents[1].text(), Some("It works."));
    let forms: Vec<&str> = sents[0].tokens().iter().map(|t| t.form).collect();
    assert_eq!(forms, ["I", "don't", "know", "."]);
    let words: Vec<&str> = sents[0].words.iter().map(|w| w.form.as_str()).collect();
    assert_eq!(words, ["I", "do", "n't", "know", "."]);
    for s in &sents {
        assert_eq!(s.words.iter().filter(|w| w.head == Some(0)).count(), 1);
        assert_eq!(s.rebuilt_text(), s.text().unwrap());
    }
}

/// Training on a tiny treebank is reproducible, and the model parses its own training data.
#[test]
fn train_and_eval_parse_on_a_fixture() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/crates/factx-train/tests/fixtures/tiny.conllu"
    );
    let train = |out: &std::path::Path| {
        let o = factx()
            .args([
                "train", "parse", "--train", fixture, "--folds", "2", "--prune", "0",
            ])
            .args(["--tagger-epochs", "6", "--parser-epochs", "8", "--out"])
            .arg(out)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        std::fs::read(out).unwrap()
    };
    let a = train(&dir.path().join("a.bin"));
    let b = train(&dir.path().join("b.bin"));
    assert_eq!(a, b, "same data and seed give the same bytes");
    let out = factx()
        .args(["eval", "parse", "--raw", "--conllu", fixture, "--model"])
        .arg(dir.path().join("a.bin"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = String::from_utf8_lossy(&out.stdout);
    let uas: f64 = report
        .lines()
        .find_map(|l| l.split("UAS ").nth(1))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .expect("UAS in report");
    // Rare tag pairs fold into frequent ones on so little data, so tags are coarse, and the
    // parser has few word-pair templates to memorize with (they did not pay on real treebanks);
    // it still recovers most of the trees it was trained on.
    assert!(uas > 75.0, "{report}");
    assert!(report.contains("from raw text"), "{report}");
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
