//! `factx batch`: exactly-once output across kills and reruns.

use std::collections::HashMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use factx::proto::v1 as pb;

use crate::util::seed_article;

fn write_corpus(path: &Path, n: usize) -> Vec<String> {
    let seed = seed_article();
    let mut ids = Vec::new();
    let mut text = String::new();
    for i in 0..n {
        let mut a = seed.clone();
        a.id = format!("a{i}");
        if i % 97 == 5 {
            a.body = String::new(); // a bad article: answered with an error, not dropped
        }
        ids.push(a.id.clone());
        text.push_str(&serde_json::to_string(&a).unwrap());
        text.push('\n');
    }
    std::fs::write(path, text).unwrap();
    ids
}

fn batch(input: &Path, output: &Path, extra: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_factx"));
    c.args(["batch", "--input"])
        .arg(input)
        .arg("--output")
        .arg(output)
        .args(extra)
        .env_remove("JOB_COMPLETION_INDEX")
        .env_remove("JOB_COMPLETION_COUNT")
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    c
}

fn output_ids(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| {
            serde_json::from_str::<pb::ExtractResult>(l)
                .unwrap()
                .article_id
        })
        .collect()
}

#[test]
fn killed_batch_resumes_with_every_article_exactly_once() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    let output = dir.path().join("out.jsonl");
    let ids = write_corpus(&input, 400);

    // Kill it (SIGKILL) three times, each time once it has written some more lines.
    let lines =
        |p: &Path| std::fs::read(p).map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count());
    for round in 1..=3 {
        let mut child = batch(&input, &output, &["--concurrency", "2"])
            .spawn()
            .unwrap();
        let t = Instant::now();
        while lines(&output) < 40 * round && t.elapsed() < Duration::from_secs(60) {
            if child.try_wait().unwrap().is_some() {
                break;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        let _ = child.kill();
        let _ = child.wait();
    }
    assert!(lines(&output) < ids.len(), "the kills landed mid-run");
    // Simulate a write torn by the kill.
    {
        use std::io::Write;
        let mut f = std::fs::OpenOptions::new()
            .append(true)
            .open(&output)
            .unwrap();
        f.write_all(b"{\"articleId\":\"torn").unwrap();
    }
    let out = batch(&input, &output, &[]).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "some articles failed, so exit 1"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("failed="), "summary printed: {stderr}");

    let got = output_ids(&output);
    assert_eq!(got, ids, "every article exactly once, in input order");
    let results: Vec<pb::ExtractResult> = std::fs::read_to_string(&output)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let failed = results
        .iter()
        .filter(|r| matches!(r.outcome, Some(pb::extract_result::Outcome::Error(_))))
        .count();
    assert_eq!(
        failed,
        ids.iter().enumerate().filter(|(i, _)| i % 97 == 5).count()
    );

    // A rerun of a finished shard does nothing and changes nothing.
    let len = std::fs::metadata(&output).unwrap().len();
    let again = batch(&input, &output, &[]).output().unwrap();
    assert_eq!(again.status.code(), Some(1));
    assert_eq!(std::fs::metadata(&output).unwrap().len(), len);
}

#[test]
fn shards_split_the_corpus_without_overlap() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    let ids = write_corpus(&input, 40);
    let mut seen: HashMap<String, usize> = HashMap::new();
    for i in 0..3 {
        let output = dir.path().join(format!("out-{i}.jsonl"));
        // The shard comes from the Kubernetes Indexed Job environment.
        let status = batch(&input, &output, &[])
            .env("JOB_COMPLETION_INDEX", i.to_string())
            .env("JOB_COMPLETION_COUNT", "3")
            .status()
            .unwrap();
        // Article a5 is bad: only the shard that owns it exits 1.
        assert_eq!(status.code(), Some(if 5 % 3 == i { 1 } else { 0 }));
        for id in output_ids(&output) {
            *seen.entry(id).or_default() += 1;
        }
    }
    assert_eq!(seen.len(), ids.len());
    assert!(seen.values().all(|&c| c == 1));
}

#[test]
fn output_of_another_input_is_refused_not_appended_to() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.jsonl");
    let b = dir.path().join("b.jsonl");
    let output = dir.path().join("out.jsonl");
    write_corpus(&a, 3);
    std::fs::write(&b, "{\"id\":\"other\",\"body\":\"Text.\"}\n").unwrap();
    let _ = batch(&a, &output, &[]).status().unwrap();
    let len = std::fs::metadata(&output).unwrap().len();
    let out = batch(&b, &output, &[]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("refusing"));
    assert_eq!(std::fs::metadata(&output).unwrap().len(), len);
}

/// Runs a `factx batch` command to its end off the async runtime (the test's server runs on it).
async fn run_off_runtime(mut c: Command) -> std::process::Output {
    tokio::task::spawn_blocking(move || c.output().unwrap())
        .await
        .unwrap()
}

fn results(path: &Path) -> Vec<pb::ExtractResult> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn error_reasons(path: &Path) -> Vec<String> {
    results(path)
        .into_iter()
        .filter_map(|r| match r.outcome {
            Some(pb::extract_result::Outcome::Error(e)) => Some(e.reason),
            _ => None,
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn retry_failed_redoes_recorded_errors_after_a_limit_change() {
    use crate::util::{small_config, test_engine, TestServer};
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    let output = dir.path().join("out.jsonl");
    // Every third article is long; a server with a small body limit refuses those, permanently.
    let seed = seed_article();
    let mut ids = Vec::new();
    let mut text = String::new();
    for i in 0..30 {
        let mut a = seed.clone();
        a.id = format!("r{i}");
        if i % 3 != 1 {
            a.body = seed.body.lines().next().unwrap().to_string();
        }
        ids.push(a.id.clone());
        text.push_str(&serde_json::to_string(&a).unwrap());
        text.push('\n');
    }
    std::fs::write(&input, text).unwrap();

    let strict = TestServer::start_with(small_config(), test_engine(1000)).await;
    let url = format!("http://{}", strict.addr);
    let out = run_off_runtime(batch(&input, &output, &["--server", &url])).await;
    assert_eq!(out.status.code(), Some(1), "complete with errors");
    let reasons = error_reasons(&output);
    assert_eq!(reasons.len(), 10);
    assert!(
        reasons.iter().all(|r| r == "ARTICLE_TOO_LARGE"),
        "{reasons:?}"
    );
    strict.stop().await;

    // The limit is raised. A plain rerun keeps the recorded errors; --retry-failed redoes them.
    let lenient = TestServer::start(small_config()).await;
    let url = format!("http://{}", lenient.addr);
    let before = std::fs::read(&output).unwrap();
    let out = run_off_runtime(batch(&input, &output, &["--server", &url])).await;
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read(&output).unwrap(), before, "nothing redone");

    let out = run_off_runtime(batch(
        &input,
        &output,
        &["--server", &url, "--retry-failed"],
    ))
    .await;
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("ok=10 failed=0 skipped=20 to_do=0"),
        "{stderr}"
    );
    assert_eq!(
        output_ids(&output),
        ids,
        "every article once, in input order"
    );
    assert!(error_reasons(&output).is_empty());
    assert!(!factx::batch::output::retry_copy_path(&output).exists());
    lenient.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_down_past_the_retry_budget_leaves_its_articles_to_do() {
    use crate::util::{small_config, TestServer};
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    let output = dir.path().join("out.jsonl");
    let ids = write_corpus(&input, 5);
    // Nothing listens there.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let down = format!("http://127.0.0.1:{port}");
    let out = run_off_runtime(batch(
        &input,
        &output,
        &["--server", &down, "--retry-budget", "2"],
    ))
    .await;
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(3),
        "incomplete, retryable: {stderr}"
    );
    assert!(stderr.contains("to_do=5"), "{stderr}");
    assert!(results(&output).is_empty(), "no transient failure written");

    // The next run (a Job's retry) does exactly those.
    let up = TestServer::start(small_config()).await;
    let url = format!("http://{}", up.addr);
    let out = run_off_runtime(batch(&input, &output, &["--server", &url])).await;
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(output_ids(&output), ids);
    up.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refused_credentials_stop_the_run_without_writing_errors() {
    use crate::util::{small_config, TestServer};
    use factx::grpc::auth::TokenSet;
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    let output = dir.path().join("out.jsonl");
    write_corpus(&input, 5);
    let server = TestServer::start(factx::grpc::server::ServerConfig {
        auth: Some(std::sync::Arc::new(TokenSet::new(["tok"]).unwrap())),
        ..small_config()
    })
    .await;
    let url = format!("http://{}", server.addr);
    let out = run_off_runtime(batch(&input, &output, &["--server", &url])).await;
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "a setup error: {stderr}");
    assert!(stderr.contains("refused"), "{stderr}");
    assert!(results(&output).is_empty());
    server.stop().await;
}

#[test]
fn transport_errors_recorded_by_an_older_factx_are_redone_by_a_plain_rerun() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    let output = dir.path().join("out.jsonl");
    let ids = write_corpus(&input, 8); // a5 is bad: a permanent error
    assert_eq!(
        batch(&input, &output, &[]).status().unwrap().code(),
        Some(1)
    );
    // What a run against a dying server wrote before transient failures were retried.
    let mut lines: Vec<String> = std::fs::read_to_string(&output)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    for i in [2, 4] {
        lines[i] = serde_json::to_string(&pb::ExtractResult {
            article_id: ids[i].clone(),
            outcome: Some(pb::extract_result::Outcome::Error(pb::ExtractError {
                code: tonic::Code::Unknown as i32,
                message: "transport error".into(),
                reason: String::new(),
            })),
        })
        .unwrap();
    }
    std::fs::write(&output, lines.join("\n") + "\n").unwrap();

    let out = batch(&input, &output, &[]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "a5's error stays: {stderr}");
    assert!(
        stderr.contains("ok=2 failed=0 skipped=6 to_do=0"),
        "{stderr}"
    );
    assert_eq!(output_ids(&output), ids);
    assert_eq!(error_reasons(&output).len(), 1, "only the permanent error");
}
