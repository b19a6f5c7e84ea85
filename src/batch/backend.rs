//! Where `factx batch` sends articles: the in-process engine, or a server. Against a server, a
//! transient failure (see `classify`) is retried with backoff, on another address when the name
//! has several, until the article's retry budget runs out; only final outcomes come back as
//! results.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use factx_core::model::ExtractOptions;
use factx_core::{Engine, EngineConfig, Error};
use tonic::Status;
use tonic_types::StatusExt;

use super::classify::{classify, Class};
use super::pool::{Pool, Target};
use super::retry::Retries;
use crate::convert;
use crate::proto::v1 as pb;
use crate::proto::v1::fact_extraction_service_client::FactExtractionServiceClient;

/// How an article ended.
pub enum Outcome {
    /// A success or the article's permanent error: its final result, to be written.
    Final(Box<pb::ExtractResult>),
    /// Only transient failures until the retry budget ran out: nothing is written, the article
    /// is still to do.
    GaveUp {
        article_id: String,
        last_error: String,
    },
    /// The server refused the run itself (credentials, not a factx server): stop.
    Fatal { article_id: String, error: String },
}

#[derive(Clone)]
pub enum Backend {
    Local {
        engine: Arc<Engine>,
        options: ExtractOptions,
    },
    Remote(Arc<Remote>),
}

pub struct Remote {
    pool: Arc<Pool>,
    options: pb::ExtractOptions,
    /// Per-call deadline, sent to the server and enforced here too.
    timeout: Duration,
    /// Per-article retry budget.
    budget: Duration,
    /// Transient failures retried so far, over all articles.
    pub retries: AtomicU64,
}

/// The client's own deadline is this much later than the one it sends: the server answers
/// DEADLINE_EXCEEDED first when it is alive; this one catches a server that went silent.
const CLIENT_DEADLINE_SLACK: Duration = Duration::from_secs(1);

impl Backend {
    pub fn local(options: ExtractOptions) -> anyhow::Result<Self> {
        Ok(Backend::Local {
            engine: Arc::new(Engine::new(EngineConfig::default())?),
            options,
        })
    }

    /// Calls `target`, balancing over every address its name resolves to (see `pool`).
    pub async fn remote(
        target: Target,
        options: pb::ExtractOptions,
        timeout: Duration,
        budget: Duration,
    ) -> Self {
        Backend::Remote(Arc::new(Remote {
            pool: Pool::start(target).await,
            options,
            timeout,
            budget,
            retries: AtomicU64::new(0),
        }))
    }

    /// Transient failures retried so far.
    pub fn retries(&self) -> u64 {
        match self {
            Backend::Local { .. } => 0,
            Backend::Remote(r) => r.retries.load(Ordering::Relaxed),
        }
    }

    /// Runs one article to its outcome.
    pub async fn process(&self, article: Result<pb::Article, String>) -> Outcome {
        let article = match article {
            Ok(a) => a,
            Err(msg) => {
                let e = Error::invalid(
                    "article",
                    "MALFORMED_JSON",
                    format!("malformed article JSON: {msg}"),
                );
                return Outcome::Final(Box::new(convert::result_to_pb(String::new(), Err(e))));
            }
        };
        match self {
            Backend::Local { engine, options } => {
                let id = article.id.clone();
                let engine = engine.clone();
                let options = options.clone();
                let r = tokio::task::spawn_blocking(move || {
                    let a = convert::article_from_pb(article)?;
                    engine.extract(&a, &options)
                })
                .await
                .unwrap_or_else(|e| Err(Error::Internal(format!("task failed: {e}"))));
                Outcome::Final(Box::new(convert::result_to_pb(id, r)))
            }
            Backend::Remote(r) => r.extract(article).await,
        }
    }
}

impl Remote {
    async fn extract(&self, article: pb::Article) -> Outcome {
        let id = article.id.clone();
        let request = pb::ExtractRequest {
            article: Some(article),
            options: Some(self.options.clone()),
        };
        let mut retries = Retries::new(self.budget);
        let mut avoid: Option<SocketAddr> = None;
        loop {
            let started = Instant::now();
            let (status, addr) = match self.pool.pick(avoid) {
                None => {
                    self.pool.unresolved();
                    (Status::unavailable("the server name has no address"), None)
                }
                Some((addr, channel)) => match self.call(channel, request.clone()).await {
                    Ok(Some(fact_set)) => {
                        self.pool.answered(addr, started);
                        return Outcome::Final(Box::new(pb::ExtractResult {
                            article_id: id,
                            outcome: Some(pb::extract_result::Outcome::FactSet(fact_set)),
                        }));
                    }
                    // A result line always has an outcome (the output's scan relies on it).
                    Ok(None) => {
                        self.pool.answered(addr, started);
                        let status = Status::internal("the server answered without a FactSet");
                        return Outcome::Final(Box::new(error_result(id, &status)));
                    }
                    Err(status) => (status, Some(addr)),
                },
            };
            match classify(&status) {
                Class::Permanent => {
                    if let Some(addr) = addr {
                        self.pool.answered(addr, started);
                    }
                    return Outcome::Final(Box::new(error_result(id, &status)));
                }
                Class::Fatal => {
                    return Outcome::Fatal {
                        article_id: id,
                        error: describe(&status),
                    }
                }
                Class::Transient => {}
            }
            if let Some(addr) = addr {
                // An overloaded server is healthy: go elsewhere for this retry, but keep it in the
                // rotation. Anything else sets the address aside for a moment.
                if status.code() != tonic::Code::ResourceExhausted {
                    self.pool.failed(addr, started, &describe(&status));
                }
                avoid = Some(addr);
            }
            match retries.next_wait(pushback(&status)) {
                Some(wait) => {
                    self.retries.fetch_add(1, Ordering::Relaxed);
                    tracing::debug!(article_id = %id, error = %describe(&status), ?wait, "retrying");
                    tokio::time::sleep(wait).await;
                }
                None => {
                    return Outcome::GaveUp {
                        article_id: id,
                        last_error: format!(
                            "{} after {} attempts in {:.0?}",
                            describe(&status),
                            retries.failures,
                            retries.elapsed()
                        ),
                    }
                }
            }
        }
    }

    async fn call(
        &self,
        channel: tonic::transport::Channel,
        request: pb::ExtractRequest,
    ) -> Result<Option<pb::FactSet>, Status> {
        let mut client = FactExtractionServiceClient::new(channel)
            .max_decoding_message_size(crate::grpc::server::DEFAULT_MAX_RESPONSE_BYTES)
            .max_encoding_message_size(crate::grpc::server::DEFAULT_MAX_REQUEST_BYTES);
        let mut req = tonic::Request::new(request);
        req.set_timeout(self.timeout);
        match tokio::time::timeout(self.timeout + CLIENT_DEADLINE_SLACK, client.extract(req)).await
        {
            Ok(r) => r.map(|resp| resp.into_inner().fact_set),
            Err(_) => Err(Status::deadline_exceeded(
                "no answer within the per-call deadline",
            )),
        }
    }
}

/// The server's `grpc-retry-pushback-ms`, if any.
fn pushback(status: &Status) -> Option<Duration> {
    let ms: u64 = status
        .metadata()
        .get("grpc-retry-pushback-ms")?
        .to_str()
        .ok()?
        .parse()
        .ok()?;
    Some(Duration::from_millis(ms))
}

fn describe(status: &Status) -> String {
    format!("{:?}: {}", status.code(), status.message())
}

fn error_result(article_id: String, status: &Status) -> pb::ExtractResult {
    let reason = status
        .get_details_error_info()
        .map(|i| i.reason)
        .unwrap_or_default();
    pb::ExtractResult {
        article_id,
        outcome: Some(pb::extract_result::Outcome::Error(pb::ExtractError {
            code: status.code() as i32,
            message: status.message().to_string(),
            reason,
        })),
    }
}
