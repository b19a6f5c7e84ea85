//! `factx loadtest`: drives one running server (only the address given) with concurrent unary
//! calls or bidirectional streams, for a bounded count or duration, and reports throughput,
//! latency percentiles and every non-OK status by name. A load run that hides errors is worse
//! than none, so per-article errors inside batch/stream results are counted too.

use std::collections::{BTreeMap, VecDeque};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::Context;
use clap::Args;
use serde::Serialize;
use tokio::sync::Semaphore;
use tonic::transport::{Channel, Endpoint};
use tonic::Code;

use crate::proto::v1 as pb;
use crate::proto::v1::fact_extraction_service_client::FactExtractionServiceClient;

const SEED_JSON: &str = include_str!("../tests/fixtures/seed_article.json");

#[derive(Args, Debug)]
pub struct LoadtestArgs {
    /// Server to drive; nothing else is ever contacted.
    #[arg(long, default_value = "http://127.0.0.1:50051")]
    pub addr: String,
    /// Concurrent unary callers (Extract, or ExtractBatch with --batch).
    #[arg(long, default_value_t = 4)]
    pub concurrency: usize,
    /// Streaming mode: this many concurrent ExtractStream calls (instead of unary callers).
    #[arg(long, conflicts_with = "batch")]
    pub streams: Option<usize>,
    /// Streaming mode: requests in flight per stream.
    #[arg(long, default_value_t = 8)]
    pub window: usize,
    /// Stop after this many requests (calls, or stream messages).
    #[arg(long, conflicts_with = "duration")]
    pub requests: Option<u64>,
    /// Stop after this many seconds [default: 10].
    #[arg(long)]
    pub duration: Option<f64>,
    /// Articles as JSON Lines, sent round-robin [default: the embedded seed article].
    #[arg(long)]
    pub input: Option<PathBuf>,
    /// Unary mode: send ExtractBatch calls of this many articles.
    #[arg(long)]
    pub batch: Option<usize>,
    /// Open-loop pacing: start at most this many requests per second in total.
    #[arg(long)]
    pub rate: Option<f64>,
    /// HTTP/2 connections to spread the callers over.
    #[arg(long, default_value_t = 1)]
    pub connections: usize,
    /// Per-request deadline, in seconds.
    #[arg(long, default_value_t = 30.0)]
    pub timeout: f64,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone)]
pub enum Mode {
    Unary { concurrency: usize, batch: usize },
    Stream { streams: usize, window: usize },
}

#[derive(Debug, Clone, Copy)]
pub enum Limit {
    Requests(u64),
    Duration(Duration),
}

#[derive(Debug, Clone)]
pub struct LoadConfig {
    pub addr: String,
    pub mode: Mode,
    pub limit: Limit,
    pub articles: Vec<pb::Article>,
    pub rate: Option<f64>,
    pub connections: usize,
    pub timeout: Duration,
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct Latency {
    pub p50_ms: f64,
    pub p90_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
    pub mean_ms: f64,
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct Report {
    pub addr: String,
    pub mode: String,
    pub elapsed_s: f64,
    /// Calls (unary) or stream messages sent.
    pub requests: u64,
    /// Requests that came back OK (a batch call is OK even if some of its articles failed).
    pub requests_ok: u64,
    pub articles_ok: u64,
    pub articles_failed: u64,
    /// Body bytes of the articles extracted OK.
    pub bytes_ok: u64,
    pub requests_per_s: f64,
    pub articles_per_s: f64,
    pub mb_per_s: f64,
    /// Latency of OK requests, from send to response.
    pub latency: Latency,
    /// Every non-OK status by gRPC code name: failed calls and failed articles alike.
    pub errors: BTreeMap<String, u64>,
}

/// What one worker observed; merged at the end.
#[derive(Default)]
struct Tally {
    requests: u64,
    requests_ok: u64,
    articles_ok: u64,
    articles_failed: u64,
    bytes_ok: u64,
    latencies_us: Vec<u64>,
    errors: BTreeMap<String, u64>,
}

impl Tally {
    fn error(&mut self, code: Code) {
        *self.errors.entry(code_name(code).to_string()).or_default() += 1;
    }

    fn result(&mut self, r: &pb::ExtractResult, bytes: usize) {
        match &r.outcome {
            Some(pb::extract_result::Outcome::FactSet(_)) => {
                self.articles_ok += 1;
                self.bytes_ok += bytes as u64;
            }
            Some(pb::extract_result::Outcome::Error(e)) => {
                self.articles_failed += 1;
                self.error(Code::from_i32(e.code));
            }
            None => {
                self.articles_failed += 1;
                self.error(Code::Unknown);
            }
        }
    }

    fn merge(&mut self, o: Tally) {
        self.requests += o.requests;
        self.requests_ok += o.requests_ok;
        self.articles_ok += o.articles_ok;
        self.articles_failed += o.articles_failed;
        self.bytes_ok += o.bytes_ok;
        self.latencies_us.extend(o.latencies_us);
        for (k, v) in o.errors {
            *self.errors.entry(k).or_default() += v;
        }
    }
}

/// The canonical gRPC name of a status code (as in grpc's status.proto).
pub fn code_name(c: Code) -> &'static str {
    match c {
        Code::Ok => "OK",
        Code::Cancelled => "CANCELLED",
        Code::Unknown => "UNKNOWN",
        Code::InvalidArgument => "INVALID_ARGUMENT",
        Code::DeadlineExceeded => "DEADLINE_EXCEEDED",
        Code::NotFound => "NOT_FOUND",
        Code::AlreadyExists => "ALREADY_EXISTS",
        Code::PermissionDenied => "PERMISSION_DENIED",
        Code::ResourceExhausted => "RESOURCE_EXHAUSTED",
        Code::FailedPrecondition => "FAILED_PRECONDITION",
        Code::Aborted => "ABORTED",
        Code::OutOfRange => "OUT_OF_RANGE",
        Code::Unimplemented => "UNIMPLEMENTED",
        Code::Internal => "INTERNAL",
        Code::Unavailable => "UNAVAILABLE",
        Code::DataLoss => "DATA_LOSS",
        Code::Unauthenticated => "UNAUTHENTICATED",
    }
}

/// Hands out request numbers until the limit; with a rate, also when each may start.
struct Ticketer {
    next: AtomicU64,
    limit: Limit,
    start: Instant,
    rate: Option<f64>,
}

impl Ticketer {
    /// The next request number, after waiting for its scheduled start; None when the run is over.
    async fn take(&self) -> Option<u64> {
        let i = self.next.fetch_add(1, Ordering::Relaxed);
        let due = self
            .rate
            .filter(|r| *r > 0.0)
            .map(|r| self.start + Duration::from_secs_f64(i as f64 / r));
        match self.limit {
            Limit::Requests(n) if i >= n => return None,
            Limit::Duration(d) => {
                let end = self.start + d;
                if Instant::now() >= end || due.is_some_and(|t| t >= end) {
                    return None;
                }
            }
            _ => {}
        }
        if let Some(t) = due {
            tokio::time::sleep_until(t.into()).await;
        }
        Some(i)
    }
}

fn client_of(ch: Channel) -> FactExtractionServiceClient<Channel> {
    FactExtractionServiceClient::new(ch)
        .max_decoding_message_size(crate::grpc::server::DEFAULT_MAX_RESPONSE_BYTES)
        .max_encoding_message_size(crate::grpc::server::DEFAULT_MAX_REQUEST_BYTES)
}

/// Runs the load and returns the report. Connects lazily: an unreachable server shows up as
/// UNAVAILABLE errors in the report, not as a hang.
pub async fn run_load(cfg: LoadConfig) -> anyhow::Result<Report> {
    anyhow::ensure!(!cfg.articles.is_empty(), "no articles to send");
    let url = if cfg.addr.contains("://") {
        cfg.addr.clone()
    } else {
        format!("http://{}", cfg.addr)
    };
    let endpoint = Endpoint::from_shared(url.clone())
        .with_context(|| format!("--addr {:?} is not a URL", cfg.addr))?
        .connect_timeout(Duration::from_secs(5))
        .tcp_nodelay(true);
    let channels: Vec<Channel> = (0..cfg.connections.max(1))
        .map(|_| endpoint.connect_lazy())
        .collect();
    let articles = Arc::new(cfg.articles);
    let ticketer = Arc::new(Ticketer {
        next: AtomicU64::new(0),
        limit: cfg.limit,
        start: Instant::now(),
        rate: cfg.rate,
    });
    let mut tasks = Vec::new();
    let mode_name;
    match cfg.mode {
        Mode::Unary { concurrency, batch } => {
            mode_name = if batch > 1 {
                format!("unary batch={batch} concurrency={concurrency}")
            } else {
                format!("unary concurrency={concurrency}")
            };
            for w in 0..concurrency.max(1) {
                let client = client_of(channels[w % channels.len()].clone());
                tasks.push(tokio::spawn(unary_worker(
                    client,
                    articles.clone(),
                    ticketer.clone(),
                    batch,
                    cfg.timeout,
                )));
            }
        }
        Mode::Stream { streams, window } => {
            mode_name = format!("stream streams={streams} window={window}");
            for w in 0..streams.max(1) {
                let client = client_of(channels[w % channels.len()].clone());
                tasks.push(tokio::spawn(stream_worker(
                    client,
                    articles.clone(),
                    ticketer.clone(),
                    window.max(1),
                )));
            }
        }
    }
    let mut total = Tally::default();
    for t in tasks {
        total.merge(t.await.context("load worker failed")?);
    }
    let elapsed = ticketer.start.elapsed().as_secs_f64().max(1e-9);
    Ok(report(url, mode_name, elapsed, total))
}

fn report(addr: String, mode: String, elapsed: f64, mut t: Tally) -> Report {
    t.latencies_us.sort_unstable();
    let lat = &t.latencies_us;
    let pct = |p: f64| -> f64 {
        if lat.is_empty() {
            return 0.0;
        }
        // Nearest rank: the smallest value with at least p of the samples at or below it.
        let rank = ((p * lat.len() as f64).ceil() as usize).clamp(1, lat.len());
        lat[rank - 1] as f64 / 1000.0
    };
    let latency = Latency {
        p50_ms: pct(0.50),
        p90_ms: pct(0.90),
        p99_ms: pct(0.99),
        max_ms: lat.last().map_or(0.0, |m| *m as f64 / 1000.0),
        mean_ms: if lat.is_empty() {
            0.0
        } else {
            lat.iter().sum::<u64>() as f64 / lat.len() as f64 / 1000.0
        },
    };
    Report {
        addr,
        mode,
        elapsed_s: elapsed,
        requests: t.requests,
        requests_ok: t.requests_ok,
        articles_ok: t.articles_ok,
        articles_failed: t.articles_failed,
        bytes_ok: t.bytes_ok,
        requests_per_s: t.requests as f64 / elapsed,
        articles_per_s: t.articles_ok as f64 / elapsed,
        mb_per_s: t.bytes_ok as f64 / elapsed / 1e6,
        latency,
        errors: t.errors,
    }
}

async fn unary_worker(
    mut client: FactExtractionServiceClient<Channel>,
    articles: Arc<Vec<pb::Article>>,
    ticketer: Arc<Ticketer>,
    batch: usize,
    timeout: Duration,
) -> Tally {
    let mut t = Tally::default();
    let n = articles.len() as u64;
    while let Some(i) = ticketer.take().await {
        t.requests += 1;
        let sent = Instant::now();
        if batch <= 1 {
            let a = &articles[(i % n) as usize];
            let mut req = tonic::Request::new(pb::ExtractRequest {
                article: Some(a.clone()),
                options: None,
            });
            req.set_timeout(timeout);
            match client.extract(req).await {
                Ok(_) => {
                    t.latencies_us.push(sent.elapsed().as_micros() as u64);
                    t.requests_ok += 1;
                    t.articles_ok += 1;
                    t.bytes_ok += a.body.len() as u64;
                }
                Err(s) => {
                    t.articles_failed += 1;
                    t.error(s.code());
                }
            }
        } else {
            let picked: Vec<&pb::Article> = (0..batch as u64)
                .map(|j| &articles[((i * batch as u64 + j) % n) as usize])
                .collect();
            let mut req = tonic::Request::new(pb::ExtractBatchRequest {
                articles: picked.iter().map(|a| (*a).clone()).collect(),
                options: None,
            });
            req.set_timeout(timeout);
            match client.extract_batch(req).await {
                Ok(resp) => {
                    t.latencies_us.push(sent.elapsed().as_micros() as u64);
                    t.requests_ok += 1;
                    let results = resp.into_inner().results;
                    for (k, r) in results.iter().enumerate() {
                        t.result(r, picked.get(k).map_or(0, |a| a.body.len()));
                    }
                    // A short response loses articles silently; count them.
                    for _ in results.len()..picked.len() {
                        t.articles_failed += 1;
                        t.error(Code::DataLoss);
                    }
                }
                Err(s) => {
                    t.articles_failed += picked.len() as u64;
                    t.error(s.code());
                }
            }
        }
    }
    t
}

async fn stream_worker(
    mut client: FactExtractionServiceClient<Channel>,
    articles: Arc<Vec<pb::Article>>,
    ticketer: Arc<Ticketer>,
    window: usize,
) -> Tally {
    let n = articles.len() as u64;
    // Responses come back in request order: the queue pairs each with its send time and size.
    let pending: Arc<Mutex<VecDeque<(Instant, usize)>>> = Arc::default();
    let permits = Arc::new(Semaphore::new(window));
    let (tx, rx) = tokio::sync::mpsc::channel::<pb::ExtractStreamRequest>(window);
    let sender = {
        let (pending, permits, articles) = (pending.clone(), permits.clone(), articles.clone());
        tokio::spawn(async move {
            let mut sent = 0u64;
            loop {
                let Ok(permit) = permits.clone().acquire_owned().await else {
                    break;
                };
                let Some(i) = ticketer.take().await else {
                    break;
                };
                let a = &articles[(i % n) as usize];
                pending
                    .lock()
                    .expect("queue lock")
                    .push_back((Instant::now(), a.body.len()));
                let msg = pb::ExtractStreamRequest {
                    article: Some(a.clone()),
                    options: None,
                };
                if tx.send(msg).await.is_err() {
                    break;
                }
                sent += 1;
                permit.forget();
            }
            sent
        })
    };
    let mut t = Tally::default();
    let outbound = tokio_stream::wrappers::ReceiverStream::new(rx);
    match client.extract_stream(outbound).await {
        Ok(resp) => {
            let mut inbound = resp.into_inner();
            loop {
                match inbound.message().await {
                    Ok(Some(m)) => {
                        let front = pending.lock().expect("queue lock").pop_front();
                        permits.add_permits(1);
                        let Some((at, bytes)) = front else {
                            t.error(Code::Internal); // a response nobody asked for
                            continue;
                        };
                        t.requests_ok += 1;
                        t.latencies_us.push(at.elapsed().as_micros() as u64);
                        match &m.result {
                            Some(r) => t.result(r, bytes),
                            None => {
                                t.articles_failed += 1;
                                t.error(Code::Unknown);
                            }
                        }
                    }
                    Ok(None) => break,
                    Err(s) => {
                        t.error(s.code());
                        break;
                    }
                }
            }
        }
        Err(s) => t.error(s.code()),
    }
    // Stop the sender (it may be waiting for a permit) and account for what it sent.
    permits.close();
    t.requests = sender.await.unwrap_or(0);
    let lost = pending.lock().expect("queue lock").len() as u64;
    t.articles_failed += lost;
    t
}

fn load_articles(input: Option<&PathBuf>) -> anyhow::Result<Vec<pb::Article>> {
    let Some(path) = input else {
        return Ok(vec![crate::jsonl::parse_article(SEED_JSON.trim())
            .map_err(|e| anyhow::anyhow!("embedded seed: {e}"))?]);
    };
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if crate::jsonl::is_blank(line) {
            continue;
        }
        out.push(
            crate::jsonl::parse_article(line)
                .map_err(|e| anyhow::anyhow!("{}:{}: {e}", path.display(), n + 1))?,
        );
    }
    anyhow::ensure!(!out.is_empty(), "{} holds no articles", path.display());
    Ok(out)
}

impl LoadtestArgs {
    pub fn to_config(&self) -> anyhow::Result<LoadConfig> {
        anyhow::ensure!(self.concurrency >= 1, "--concurrency must be at least 1");
        anyhow::ensure!(self.timeout > 0.0, "--timeout must be positive");
        let limit = match (self.requests, self.duration) {
            (Some(n), _) => Limit::Requests(n),
            (None, Some(d)) if d > 0.0 && d.is_finite() => {
                Limit::Duration(Duration::from_secs_f64(d))
            }
            (None, Some(_)) => anyhow::bail!("--duration must be positive"),
            (None, None) => Limit::Duration(Duration::from_secs(10)),
        };
        let mode = match self.streams {
            Some(m) => Mode::Stream {
                streams: m.max(1),
                window: self.window.max(1),
            },
            None => Mode::Unary {
                concurrency: self.concurrency,
                batch: self.batch.unwrap_or(1).max(1),
            },
        };
        Ok(LoadConfig {
            addr: self.addr.clone(),
            mode,
            limit,
            articles: load_articles(self.input.as_ref())?,
            rate: self.rate,
            connections: self.connections.max(1),
            timeout: Duration::from_secs_f64(self.timeout),
        })
    }
}

fn print_text(r: &Report) {
    println!("factx loadtest {} ({})", r.addr, r.mode);
    println!(
        "  {:.2} s: {} requests ({} OK), {} articles OK, {} failed",
        r.elapsed_s, r.requests, r.requests_ok, r.articles_ok, r.articles_failed
    );
    println!(
        "  throughput: {:.1} requests/s, {:.1} articles/s, {:.3} MB/s",
        r.requests_per_s, r.articles_per_s, r.mb_per_s
    );
    let l = &r.latency;
    println!(
        "  latency ms: p50 {:.3}  p90 {:.3}  p99 {:.3}  max {:.3}  mean {:.3}",
        l.p50_ms, l.p90_ms, l.p99_ms, l.max_ms, l.mean_ms
    );
    if r.errors.is_empty() {
        println!("  errors: none");
    } else {
        for (k, v) in &r.errors {
            println!("  error {k}: {v}");
        }
    }
}

/// `factx loadtest`: exit code 0 when every request and article came back OK, 1 otherwise.
pub fn run(args: LoadtestArgs) -> anyhow::Result<i32> {
    let cfg = args.to_config()?;
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let report = rt.block_on(run_load(cfg))?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print_text(&report);
    }
    Ok(if report.errors.is_empty() { 0 } else { 1 })
}
