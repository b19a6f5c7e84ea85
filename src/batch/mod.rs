//! `factx batch`: drives a corpus through the pipeline, resumably, one shard per process.
//!
//! Input: JSON Lines of `Article`. Shard `I/N` takes the non-blank input lines whose index `k`
//! (0-based) satisfies `k % N == I`. Output: one `ExtractResult` per shard article, in input order,
//! each a final outcome (see `output` for how that makes resuming exact). Against a server,
//! transient failures are retried (`classify`, `retry`, `pool`); an article whose retries run out
//! is not written, and the run stops with exit status 3 so that the next run does it. Rerunning
//! the same command skips what is written and does the rest.

mod backend;
mod classify;
pub mod output;
mod pool;
mod reader;
mod retry;
mod summary;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use clap::Args;
use futures::StreamExt;
use tokio_stream::wrappers::ReceiverStream;

use crate::cli::OptionArgs;
use crate::proto::v1 as pb;
use backend::{Backend, Outcome};
use reader::Item;
pub use summary::exit;
use summary::{Stop, Summary, Tally};

#[derive(Args, Debug)]
pub struct BatchArgs {
    /// JSON Lines of Article.
    #[arg(long)]
    pub input: PathBuf,
    /// JSON Lines of ExtractResult; appended to (after repair) when it exists.
    #[arg(long)]
    pub output: PathBuf,
    /// Send articles to this server (e.g. http://factx-headless:50051) instead of running in-process.
    /// Every address the name resolves to gets requests (client-side round-robin).
    #[arg(long, env = "FACTX_SERVER")]
    pub server: Option<String>,
    /// Articles in flight at once [default: cores in-process, 16 against a server].
    #[arg(long)]
    pub concurrency: Option<usize>,
    /// This process's shard, `I/N` [default: JOB_COMPLETION_INDEX/JOB_COMPLETION_COUNT, else 0/1].
    #[arg(long)]
    pub shard: Option<String>,
    /// Per-call deadline against a server, in seconds (a call past it is retried).
    #[arg(long, default_value_t = 60)]
    pub timeout_seconds: u64,
    /// How long one article may be retried through transient failures (server down, restarting,
    /// draining, overloaded), in seconds, before the run stops with exit status 3.
    #[arg(long, default_value_t = 600)]
    pub retry_budget: u64,
    /// Also redo the articles whose recorded result is an error (e.g. after a model or limit change).
    #[arg(long)]
    pub retry_failed: bool,
    /// Exit 0 rather than 1 when the output is complete but holds per-article errors.
    #[arg(long)]
    pub allow_errors: bool,
    /// Resolve the --server name from this file (/etc/hosts format, re-read at every lookup)
    /// instead of the system resolver: pins addresses, and lets tests put several servers behind
    /// one name.
    #[arg(long)]
    pub hosts_file: Option<PathBuf>,
    #[command(flatten)]
    pub options: OptionArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: usize,
    pub count: usize,
}

impl Shard {
    pub fn parse(s: &str) -> anyhow::Result<Shard> {
        let (i, n) = s
            .split_once('/')
            .context("--shard must be I/N, e.g. 3/10")?;
        let index: usize = i.trim().parse().context("shard index")?;
        let count: usize = n.trim().parse().context("shard count")?;
        if count == 0 || index >= count {
            bail!("shard {index}/{count}: need 0 <= I < N");
        }
        Ok(Shard { index, count })
    }

    /// From `--shard`, else the Kubernetes Indexed Job environment, else the whole input.
    pub fn resolve(arg: Option<&str>) -> anyhow::Result<Shard> {
        if let Some(s) = arg {
            return Shard::parse(s);
        }
        match (
            std::env::var("JOB_COMPLETION_INDEX"),
            std::env::var("JOB_COMPLETION_COUNT"),
        ) {
            (Ok(i), Ok(n)) => Shard::parse(&format!("{i}/{n}")),
            (Ok(_), Err(_)) => bail!("JOB_COMPLETION_INDEX is set but JOB_COMPLETION_COUNT is not"),
            _ => Ok(Shard { index: 0, count: 1 }),
        }
    }

    pub fn owns(&self, k: usize) -> bool {
        k % self.count == self.index
    }
}

pub fn run(a: BatchArgs) -> anyhow::Result<i32> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    rt.block_on(run_async(a))
}

async fn run_async(a: BatchArgs) -> anyhow::Result<i32> {
    let shard = Shard::resolve(a.shard.as_deref())?;
    let existing = output::scan(&a.output)?;
    if existing.cut_bytes > 0 {
        tracing::warn!(
            output = %a.output.display(),
            bytes = existing.cut_bytes,
            kept = existing.ids.len(),
            "output ends in a torn or corrupt line; cutting it off and redoing from there"
        );
    }
    let (backend, concurrency) = match &a.server {
        Some(url) => (
            Backend::remote(
                pool::Target::parse(url, a.hosts_file.clone())?,
                a.options.to_pb(),
                Duration::from_secs(a.timeout_seconds),
                Duration::from_secs(a.retry_budget),
            )
            .await,
            a.concurrency.unwrap_or(16),
        ),
        None => (
            Backend::local(a.options.to_options()?)?,
            a.concurrency
                .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())),
        ),
    };
    let concurrency = concurrency.max(1);
    // Recorded errors to redo: transient ones left by an older factx, and with --retry-failed
    // all. The output is then rewritten from the first of them on.
    let redo: Vec<bool> = (0..existing.ids.len())
        .map(|s| existing.unfinished[s] || (a.retry_failed && existing.error[s]))
        .collect();
    let redo_from = redo.iter().position(|&r| r);
    let redoable = redo.iter().filter(|&&r| r).count();

    // The reader feeds this shard's articles, minus those already done, through a bounded
    // channel: the input is never held in memory whole, and at most `concurrency` articles are in
    // flight (or waiting to be retried) at once.
    let (tx, rx) = tokio::sync::mpsc::channel::<Item>(concurrency * 2);
    let reader = reader::spawn(a.input.clone(), shard, existing.ids.clone(), redo, tx);

    let mut sink = match redo_from {
        Some(first) => output::Sink::rewrite(&a.output, &existing, first)?,
        None => output::Sink::append(&a.output, existing.valid_len)?,
    };
    let mut tally = Tally::default();
    let progress = Progress::new();
    // Boxed so that stopping early can drop it: that cancels the calls in flight and closes the
    // channel, after which the reader only counts what is left.
    let mut results = Box::pin(
        ReceiverStream::new(rx)
            .map(|item| {
                let backend = backend.clone();
                async move {
                    match item {
                        Item::Keep => None,
                        Item::Run { article, redo } => Some((backend.process(article).await, redo)),
                    }
                }
            })
            .buffered(concurrency),
    );
    let mut stop = None;
    while let Some(done) = results.next().await {
        match done {
            None => sink.keep()?,
            Some((Outcome::Final(r), redo)) => {
                match &r.outcome {
                    Some(pb::extract_result::Outcome::FactSet(_)) => tally.ok += 1,
                    _ => {
                        tally.failed += 1;
                        if let Some(pb::extract_result::Outcome::Error(e)) = &r.outcome {
                            tracing::warn!(article_id = %r.article_id, reason = %e.reason, message = %e.message, "article failed");
                        }
                    }
                }
                tally.redone += usize::from(redo);
                sink.write(&r)?;
            }
            Some((
                Outcome::GaveUp {
                    article_id,
                    last_error,
                },
                _,
            )) => {
                stop = Some(Stop::GaveUp {
                    article_id,
                    last_error,
                });
                break;
            }
            Some((Outcome::Fatal { article_id, error }, _)) => {
                stop = Some(Stop::Fatal { article_id, error });
                break;
            }
        }
        progress.tick(&tally, backend.retries());
    }
    drop(results);
    sink.finish()?;
    let total = reader
        .join()
        .map_err(|_| anyhow::anyhow!("input reader panicked"))??;
    progress.finish();
    if total < existing.ids.len() {
        bail!(
            "output holds {} results but shard {}/{} of the input has only {total} articles",
            existing.ids.len(),
            shard.index,
            shard.count
        );
    }

    let s = Summary::new(&existing, &tally, total, redoable);
    let status = match stop {
        Some(Stop::Fatal { .. }) => exit::SETUP, // returned as an error below
        _ => s.exit_status(stop.is_some(), a.allow_errors),
    };
    let verdict = s.verdict(stop.as_ref());
    eprintln!(
        "factx batch: shard {}/{}: ok={} failed={} skipped={} to_do={} retries={}: {verdict} (exit {status})",
        shard.index,
        shard.count,
        tally.ok,
        tally.failed,
        s.skipped,
        s.to_do,
        backend.retries()
    );
    if let Some(Stop::Fatal { error, .. }) = stop {
        bail!("the server refused the run: {error}");
    }
    Ok(status)
}

/// A progress bar on a terminal; plain lines every 10 s otherwise (logs of a Job pod).
struct Progress {
    bar: Option<indicatif::ProgressBar>,
    start: Instant,
    last: std::cell::Cell<Instant>,
}

impl Progress {
    fn new() -> Self {
        let bar = std::io::stderr().is_terminal().then(|| {
            let b = indicatif::ProgressBar::new_spinner();
            b.set_style(
                indicatif::ProgressStyle::with_template(
                    "{spinner} {pos} articles  {per_sec}  {elapsed_precise}  {msg}",
                )
                .expect("valid template"),
            );
            b
        });
        Progress {
            bar,
            start: Instant::now(),
            last: std::cell::Cell::new(Instant::now()),
        }
    }

    fn tick(&self, t: &Tally, retries: u64) {
        let done = t.ok + t.failed;
        if let Some(b) = &self.bar {
            b.set_position(done as u64);
            b.set_message(format!("ok {} failed {} retries {retries}", t.ok, t.failed));
        } else if self.last.get().elapsed() > Duration::from_secs(10) {
            self.last.set(Instant::now());
            let rate = done as f64 / self.start.elapsed().as_secs_f64().max(1e-9);
            eprintln!(
                "factx batch: {done} done (ok {}, failed {}, retries {retries}), {rate:.1} articles/s",
                t.ok, t.failed
            );
        }
    }

    fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_partition_the_input() {
        let shards: Vec<Shard> = (0..3)
            .map(|i| Shard::parse(&format!("{i}/3")).unwrap())
            .collect();
        for k in 0..30 {
            assert_eq!(shards.iter().filter(|s| s.owns(k)).count(), 1);
        }
        assert!(Shard::parse("3/3").is_err());
        assert!(Shard::parse("1").is_err());
    }
}
