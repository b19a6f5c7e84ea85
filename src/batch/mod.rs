//! `factx batch`: drives a corpus through the pipeline, resumably, one shard per process.
//!
//! Input: JSON Lines of `Article`. Shard `I/N` takes the non-blank input lines whose index `k`
//! (0-based) satisfies `k % N == I`. Output: one `ExtractResult` per shard article, in input order
//! (see `output` for how that makes resuming exact). Rerunning the same command after a crash
//! skips what is already written and does the rest.

mod backend;
pub mod output;

use std::io::{BufRead, IsTerminal};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use clap::Args;
use futures::StreamExt;
use tokio_stream::wrappers::ReceiverStream;

use crate::cli::OptionArgs;
use crate::proto::v1 as pb;
use backend::Backend;

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
    /// Per-request deadline against a server, in seconds.
    #[arg(long, default_value_t = 60)]
    pub timeout_seconds: u64,
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

struct Tally {
    ok: usize,
    failed: usize,
    skipped: usize,
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
                url,
                a.options.to_pb(),
                Duration::from_secs(a.timeout_seconds),
            )
            .await?,
            a.concurrency.unwrap_or(16),
        ),
        None => (
            Backend::local(a.options.to_options()?)?,
            a.concurrency
                .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())),
        ),
    };
    let concurrency = concurrency.max(1);

    // A reader thread feeds this shard's articles, minus those already done, through a bounded
    // channel: the input is never held in memory whole.
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<pb::Article, String>>(concurrency * 2);
    let input = a.input.clone();
    let done_ids = existing.ids.clone();
    let reader = std::thread::spawn(move || -> anyhow::Result<usize> {
        let f =
            std::fs::File::open(&input).with_context(|| format!("opening {}", input.display()))?;
        let mut k = 0usize;
        let mut seen = 0usize; // shard articles met so far
        for (no, line) in std::io::BufReader::new(f).lines().enumerate() {
            let line =
                line.with_context(|| format!("reading {} line {}", input.display(), no + 1))?;
            if crate::jsonl::is_blank(&line) {
                continue;
            }
            let mine = shard.owns(k);
            k += 1;
            if !mine {
                continue;
            }
            let parsed = crate::jsonl::parse_article(&line);
            if seen < done_ids.len() {
                let id = parsed.as_ref().map(|a| a.id.as_str()).unwrap_or("");
                if id != done_ids[seen] {
                    bail!(
                        "output line {} is for article {:?} but input line {} is {:?}: the output \
                         belongs to another input or shard; refusing to append",
                        seen + 1,
                        done_ids[seen],
                        no + 1,
                        id
                    );
                }
                seen += 1;
                continue;
            }
            seen += 1;
            if tx.blocking_send(parsed).is_err() {
                break;
            }
        }
        Ok(seen)
    });

    let mut out = output::open_for_append(&a.output, existing.valid_len)?;
    let mut tally = Tally {
        ok: 0,
        failed: 0,
        skipped: existing.ids.len(),
    };
    let progress = Progress::new();
    let results = ReceiverStream::new(rx)
        .map(|article| {
            let backend = backend.clone();
            async move { backend.process(article).await }
        })
        .buffered(concurrency);
    tokio::pin!(results);
    let mut last_sync = Instant::now();
    while let Some(r) = results.next().await {
        match &r.outcome {
            Some(pb::extract_result::Outcome::FactSet(_)) => tally.ok += 1,
            _ => {
                tally.failed += 1;
                if let Some(pb::extract_result::Outcome::Error(e)) = &r.outcome {
                    tracing::warn!(article_id = %r.article_id, reason = %e.reason, message = %e.message, "article failed");
                }
            }
        }
        output::write_result(&mut out, &r)?;
        if last_sync.elapsed() > Duration::from_secs(2) {
            out.sync_data()?;
            last_sync = Instant::now();
        }
        progress.tick(&tally);
    }
    out.sync_all()?;
    let total = reader
        .join()
        .map_err(|_| anyhow::anyhow!("input reader panicked"))??;
    progress.finish();
    if total < tally.skipped {
        bail!(
            "output holds {} results but shard {}/{} of the input has only {total} articles",
            tally.skipped,
            shard.index,
            shard.count
        );
    }
    let prior_failed = existing.failed;
    eprintln!(
        "factx batch: shard {}/{}: ok={} failed={} skipped={} (already done, {prior_failed} of them failed)",
        shard.index, shard.count, tally.ok, tally.failed, tally.skipped
    );
    Ok(if tally.failed + prior_failed > 0 {
        1
    } else {
        0
    })
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

    fn tick(&self, t: &Tally) {
        let done = t.ok + t.failed;
        if let Some(b) = &self.bar {
            b.set_position(done as u64);
            b.set_message(format!("ok {} failed {}", t.ok, t.failed));
        } else if self.last.get().elapsed() > Duration::from_secs(10) {
            self.last.set(Instant::now());
            let rate = done as f64 / self.start.elapsed().as_secs_f64().max(1e-9);
            eprintln!(
                "factx batch: {done} done (ok {}, failed {}), {rate:.1} articles/s",
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
