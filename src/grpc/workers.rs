//! Extraction off the async reactor: the CPU-bound pipeline runs on tokio's blocking pool, at most
//! `workers` articles at a time (`--workers`). Each article's stage times and outcome are
//! recorded, and an internal error is logged, here where the article is at hand.

use std::sync::Arc;
use std::time::Instant;

use factx_core::model as m;
use factx_core::{Engine, Error, Result};
use tokio::sync::Semaphore;

use super::call_log::TARGET;
use crate::metrics::Metrics;

#[derive(Clone)]
pub struct Workers {
    engine: Arc<Engine>,
    metrics: Arc<Metrics>,
    permits: Arc<Semaphore>,
}

impl Workers {
    pub fn new(engine: Arc<Engine>, metrics: Arc<Metrics>, workers: usize) -> Self {
        Workers {
            engine,
            metrics,
            permits: Arc::new(Semaphore::new(workers.max(1))),
        }
    }

    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// Runs `work` on the blocking pool once a worker is free. Work whose deadline passed while it
    /// waited is dropped without running.
    pub async fn run<T, F>(&self, deadline: Option<Instant>, work: F) -> Result<T>
    where
        F: FnOnce(&Workers) -> Result<T> + Send + 'static,
        T: Send + 'static,
    {
        let permit = self
            .permits
            .clone()
            .acquire_owned()
            .await
            .map_err(|_| Error::ShuttingDown)?;
        if deadline.is_some_and(|d| Instant::now() >= d) {
            return Err(Error::DeadlineExceeded);
        }
        let this = self.clone();
        let task = tokio::task::spawn_blocking(move || {
            let _permit = permit;
            work(&this)
        });
        task.await.unwrap_or_else(|e| {
            let detail = format!("extraction task failed: {e}");
            log_internal("", &detail);
            Err(Error::Internal(detail))
        })
    }

    /// One article through the pipeline, on the calling thread.
    pub fn extract(&self, article: &m::Article, options: &m::ExtractOptions) -> Result<m::FactSet> {
        let r = self
            .engine
            .extract_observed(article, options, &mut |stage, took| {
                self.metrics.observe_stage(stage, took)
            });
        self.metrics.observe_article(article.body.len(), &r);
        if let Err(Error::Internal(detail)) = &r {
            log_internal(&article.id, detail);
        }
        r
    }
}

/// Logs an internal error. Panic messages can quote the text they were slicing (std's `str`
/// index panics append "of `...`"), so the error line keeps only the part before any quoted
/// text; the full detail, which may hold body text, is logged at debug level only.
fn log_internal(article_id: &str, detail: &str) {
    let redacted = detail.split(['`', '"']).next().unwrap_or_default();
    tracing::error!(target: TARGET, article_id, detail = redacted, "internal error");
    tracing::debug!(target: TARGET, article_id, detail, "internal error (full detail)");
}
