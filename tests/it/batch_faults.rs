//! `factx batch --server` against real `factx serve` processes that die in the middle of the run
//! (long tier: `#[ignore]`, run by `.ci/run` with `--ignored`). Each run must end with every
//! article exactly once, in input order, no transient failure written as a result, and exit 0.

use std::net::{IpAddr, SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use factx::proto::v1 as pb;

use crate::util::seed_article;

/// Short articles: one or two paragraphs of the seed article each.
fn write_corpus(path: &Path, n: usize) -> Vec<String> {
    let seed = seed_article();
    let paragraphs: Vec<&str> = seed
        .body
        .split('\n')
        .filter(|p| !p.trim().is_empty())
        .collect();
    let mut ids = Vec::new();
    let mut text = String::new();
    for i in 0..n {
        let mut a = seed.clone();
        a.id = format!("f{i}");
        a.body = if i % 3 == 0 {
            paragraphs[i % paragraphs.len()].to_string()
        } else {
            format!(
                "{}\n{}",
                paragraphs[i % paragraphs.len()],
                paragraphs[(i * 7 + 3) % paragraphs.len()]
            )
        };
        ids.push(a.id.clone());
        text.push_str(&serde_json::to_string(&a).unwrap());
        text.push('\n');
    }
    std::fs::write(path, text).unwrap();
    ids
}

/// A port free on every loopback address used here a moment ago.
fn free_port() -> u16 {
    loop {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = l.local_addr().unwrap().port();
        let free_elsewhere = ["127.0.0.2", "127.0.0.3"]
            .iter()
            .all(|ip| std::net::TcpListener::bind((*ip, port)).is_ok());
        if free_elsewhere {
            return port;
        }
    }
}

struct Server {
    child: Child,
    addr: SocketAddr,
}

impl Server {
    /// Starts `factx serve` on `addr` and waits until it accepts connections (it binds only once
    /// its pipeline is loaded).
    fn start(addr: SocketAddr, extra: &[&str]) -> Server {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_factx"));
        cmd.args(["serve", "--listen", &addr.to_string(), "--workers", "2"]);
        if !extra.contains(&"--metrics-listen") {
            cmd.args(["--metrics-listen", ""]);
        }
        let child = cmd
            .args(extra)
            .env_remove("FACTX_AUTH_TOKENS")
            .env_remove("FACTX_AUTH_TOKENS_FILE")
            .env("FACTX_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut server = Server { child, addr };
        let t = Instant::now();
        while TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_err() {
            if let Some(status) = server.child.try_wait().unwrap() {
                panic!("server on {addr} exited before serving: {status}");
            }
            assert!(
                t.elapsed() < Duration::from_secs(120),
                "server on {addr} never listened"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        server
    }

    fn signal(&self, signal: &str) {
        let ok = Command::new("kill")
            .args([signal, &self.child.id().to_string()])
            .status()
            .unwrap()
            .success();
        assert!(ok, "kill {signal} {}", self.child.id());
    }

    fn wait(&mut self) -> ExitStatus {
        self.child.wait().unwrap()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A `factx batch --server` run in the background, its stderr in a file.
struct Batch {
    child: Child,
    output: PathBuf,
    stderr: PathBuf,
}

impl Batch {
    fn start(dir: &Path, server: &str, extra: &[&str]) -> Batch {
        let output = dir.join("out.jsonl");
        let stderr = dir.join("batch.stderr");
        let child = Command::new(env!("CARGO_BIN_EXE_factx"))
            .args(["batch", "--input"])
            .arg(dir.join("in.jsonl"))
            .arg("--output")
            .arg(&output)
            .args(["--server", server, "--concurrency", "16"])
            .args(extra)
            .env_remove("JOB_COMPLETION_INDEX")
            .env_remove("JOB_COMPLETION_COUNT")
            .env_remove("FACTX_SERVER")
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&stderr).unwrap())
            .spawn()
            .unwrap();
        Batch {
            child,
            output,
            stderr,
        }
    }

    fn lines(&self) -> usize {
        std::fs::read(&self.output).map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count())
    }

    /// Waits until the output holds `n` lines; false if the run ended first.
    fn wait_for_lines(&mut self, n: usize) -> bool {
        let t = Instant::now();
        while self.lines() < n {
            if self.child.try_wait().unwrap().is_some() {
                return false;
            }
            assert!(t.elapsed() < Duration::from_secs(600), "batch stalled");
            std::thread::sleep(Duration::from_millis(5));
        }
        true
    }

    /// Waits for the run to end: its exit status and its stderr.
    fn finish(mut self) -> (ExitStatus, String) {
        let t = Instant::now();
        let status = loop {
            if let Some(s) = self.child.try_wait().unwrap() {
                break s;
            }
            if t.elapsed() > Duration::from_secs(900) {
                let _ = self.child.kill();
                panic!("batch did not finish");
            }
            std::thread::sleep(Duration::from_millis(50));
        };
        (status, std::fs::read_to_string(&self.stderr).unwrap())
    }
}

/// The summary's `retries=` count.
fn retries_in(stderr: &str) -> u64 {
    let summary = stderr
        .lines()
        .rfind(|l| l.starts_with("factx batch: shard"))
        .unwrap_or_else(|| panic!("no summary in: {stderr}"));
    summary
        .split_whitespace()
        .find_map(|w| w.strip_prefix("retries="))
        .and_then(|n| n.trim_end_matches(':').parse().ok())
        .unwrap_or_else(|| panic!("no retries= in {summary}"))
}

/// Every article exactly once, in input order, each a FactSet: no failure written as a result.
fn assert_every_article_once_all_ok(output: &Path, ids: &[String]) {
    let text = std::fs::read_to_string(output).unwrap();
    let mut got = Vec::new();
    let mut errors = Vec::new();
    for line in text.lines() {
        let r: pb::ExtractResult = serde_json::from_str(line).unwrap();
        if !matches!(r.outcome, Some(pb::extract_result::Outcome::FactSet(_))) {
            errors.push(line.chars().take(200).collect::<String>());
        }
        got.push(r.article_id);
    }
    assert!(
        errors.is_empty(),
        "{} error results: {errors:?}",
        errors.len()
    );
    assert_eq!(got.len(), ids.len(), "one result per article");
    assert!(got == ids, "every article exactly once, in input order");
}

const ARTICLES: usize = 3000;

#[test]
#[ignore = "long: SIGKILLs the server under a batch run and restarts it on the same port"]
fn batch_survives_its_server_killed_and_restarted_on_the_same_port() {
    let dir = tempfile::tempdir().unwrap();
    let ids = write_corpus(&dir.path().join("in.jsonl"), ARTICLES);
    let addr: SocketAddr = (IpAddr::from([127, 0, 0, 1]), free_port()).into();
    let mut server = Server::start(addr, &[]);
    let mut batch = Batch::start(dir.path(), &format!("http://{addr}"), &[]);

    assert!(
        batch.wait_for_lines(ARTICLES / 4),
        "run ended before the kill"
    );
    server.signal("-KILL");
    server.wait();
    let at_kill = batch.lines();
    std::thread::sleep(Duration::from_secs(3));
    let _server = Server::start(server.addr, &[]);

    let (status, stderr) = batch.finish();
    println!("sigkill: killed at {at_kill} lines; {}", stderr.trim_end());
    assert!(at_kill < ARTICLES, "the kill landed mid-run");
    assert_eq!(status.code(), Some(0), "{stderr}");
    assert!(retries_in(&stderr) > 0, "the kill cut calls: {stderr}");
    assert_every_article_once_all_ok(&dir.path().join("out.jsonl"), &ids);
}

#[test]
#[ignore = "long: SIGTERMs the server under a batch run and starts a new one on the same port"]
fn batch_survives_its_server_drained_with_sigterm_and_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let ids = write_corpus(&dir.path().join("in.jsonl"), ARTICLES);
    let addr: SocketAddr = (IpAddr::from([127, 0, 0, 1]), free_port()).into();
    let mut server = Server::start(addr, &["--grace-seconds", "10"]);
    let mut batch = Batch::start(dir.path(), &format!("http://{addr}"), &[]);

    assert!(
        batch.wait_for_lines(ARTICLES / 4),
        "run ended before the drain"
    );
    server.signal("-TERM");
    let drained = server.wait();
    let at_exit = batch.lines();
    assert_eq!(drained.code(), Some(0), "graceful drain exits 0");
    let _replacement = Server::start(addr, &[]);

    let (status, stderr) = batch.finish();
    println!(
        "sigterm: server gone at {at_exit} lines; {}",
        stderr.trim_end()
    );
    assert!(at_exit < ARTICLES, "the drain happened mid-run");
    assert_eq!(status.code(), Some(0), "{stderr}");
    assert!(retries_in(&stderr) > 0, "the drain refused calls: {stderr}");
    assert_every_article_once_all_ok(&dir.path().join("out.jsonl"), &ids);
}

/// The `Extract` calls a server answered OK, from its `/metrics`.
fn extract_ok_count(metrics: SocketAddr) -> u64 {
    use std::io::{Read, Write};
    let mut s = TcpStream::connect(metrics).unwrap();
    write!(
        s,
        "GET /metrics HTTP/1.1\r\nHost: {metrics}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut text = String::new();
    s.read_to_string(&mut text).unwrap();
    text.lines()
        .find(|l| {
            l.starts_with("factx_grpc_requests_total")
                && l.contains("method=\"Extract\"")
                && l.contains("code=\"OK\"")
        })
        .and_then(|l| l.rsplit(' ').next())
        .and_then(|n| n.parse::<f64>().ok())
        .map_or(0, |n| n as u64)
}

#[test]
#[ignore = "long: two servers behind one name, one SIGKILLed and replaced by a new address"]
fn batch_survives_one_of_two_servers_behind_one_name_killed() {
    let dir = tempfile::tempdir().unwrap();
    let ids = write_corpus(&dir.path().join("in.jsonl"), ARTICLES);
    let port = free_port();
    let at = |last: u8| -> SocketAddr { (IpAddr::from([127, 0, 0, last]), port).into() };
    // The name `factx-pool` comes from a hosts file, as a headless Service's name comes from DNS.
    let hosts = dir.path().join("hosts");
    let name = |addrs: &[SocketAddr]| {
        let text: String = addrs
            .iter()
            .map(|a| format!("{} factx-pool\n", a.ip()))
            .collect();
        // Replace the file whole (rename), as a resolver's answer changes.
        let tmp = dir.path().join("hosts.new");
        std::fs::write(&tmp, text).unwrap();
        std::fs::rename(&tmp, &hosts).unwrap();
    };
    let mut a = Server::start(at(1), &[]);
    let _b = Server::start(at(2), &[]);
    name(&[at(1), at(2)]);
    let hosts_arg = hosts.to_str().unwrap().to_string();
    let mut batch = Batch::start(
        dir.path(),
        &format!("http://factx-pool:{port}"),
        &["--hosts-file", &hosts_arg],
    );

    assert!(
        batch.wait_for_lines(ARTICLES / 4),
        "run ended before the kill"
    );
    // A pod dies; its replacement comes up on a new address and the name follows.
    let metrics = SocketAddr::from(([127, 0, 0, 3], free_port()));
    let _c = Server::start(at(3), &["--metrics-listen", &metrics.to_string()]);
    a.signal("-KILL");
    a.wait();
    let at_kill = batch.lines();
    name(&[at(2), at(3)]);

    let (status, stderr) = batch.finish();
    let on_c = extract_ok_count(metrics);
    println!(
        "two servers: one killed at {at_kill} lines, the new address answered {on_c} calls; {}",
        stderr.trim_end()
    );
    assert!(at_kill < ARTICLES, "the kill landed mid-run");
    assert_eq!(status.code(), Some(0), "{stderr}");
    assert!(retries_in(&stderr) > 0, "the kill cut calls: {stderr}");
    assert!(
        on_c > 0,
        "the replacement's address was found by re-resolving"
    );
    assert_every_article_once_all_ok(&dir.path().join("out.jsonl"), &ids);
}
