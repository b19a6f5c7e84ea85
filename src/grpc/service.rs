//! The gRPC handlers: convert, call the engine through admission control, convert back. No NLP
//! and no error matching here (see `status` for the one error table).

use std::pin::Pin;
use std::sync::Arc;
use std::time::Instant;

use factx_core::model as m;
use factx_core::{Engine, Error, Result};
use futures::{Stream, StreamExt};
use tokio::sync::mpsc;
use tokio_stream::wrappers::ReceiverStream;
use tonic::{Request, Response, Status, Streaming};

use super::admission::{deadline_of, Admission, Ticket};
use super::status::{code_of, to_status};
use crate::convert;
use crate::metrics::Metrics;
use crate::proto::v1 as pb;
use crate::proto::v1::fact_extraction_service_server::FactExtractionService;

/// Most articles accepted in one `ExtractBatch` call.
pub const DEFAULT_MAX_BATCH: usize = 64;
/// Stream items processed concurrently within one stream (results still leave in order).
const STREAM_PARALLELISM: usize = 2;
/// Results buffered per stream before the server stops reading the client's requests.
const STREAM_BUFFER: usize = 4;

#[derive(Clone)]
pub struct ExtractionService {
    pub engine: Arc<Engine>,
    pub admission: Arc<Admission>,
    pub max_batch: usize,
    pub metrics: Arc<Metrics>,
}

type ResultStream = Pin<Box<dyn Stream<Item = Result<pb::ExtractStreamResponse, Status>> + Send>>;

impl ExtractionService {
    fn prepare(&self, article: Option<pb::Article>, field: &str) -> Result<m::Article> {
        let article = article
            .ok_or_else(|| Error::invalid(field, "MISSING_ARTICLE", "article is required"))?;
        let article = convert::article_from_pb(article)?;
        self.engine.validate(&article)?;
        Ok(article)
    }

    /// One article: validate, take a slot (`admit` sheds unary calls when full; stream items wait),
    /// then run off the async workers until the deadline.
    async fn extract_one(
        &self,
        article: Option<pb::Article>,
        options: Option<&pb::ExtractOptions>,
        admit: fn(&Admission) -> Result<Ticket>,
        deadline: Option<Instant>,
    ) -> Result<m::FactSet> {
        let options = convert::options_from_pb(options)?;
        let article = self.prepare(article, "article")?;
        let ticket = admit(&self.admission)?;
        let engine = self.engine.clone();
        let metrics = self.metrics.clone();
        self.admission
            .run(&ticket, deadline, move || {
                extract_measured(&engine, &metrics, &article, &options)
            })
            .await
    }
}

impl ExtractionService {
    fn measured(&self, article: &m::Article, options: &m::ExtractOptions) -> Result<m::FactSet> {
        extract_measured(&self.engine, &self.metrics, article, options)
    }
}

/// Runs the pipeline on one article, recording its stage times and output in `metrics`.
fn extract_measured(
    engine: &Engine,
    metrics: &Metrics,
    article: &m::Article,
    options: &m::ExtractOptions,
) -> Result<m::FactSet> {
    let r = engine.extract_observed(article, options, &mut |stage, took| {
        metrics.observe_stage(stage, took)
    });
    metrics.observe_article(article.body.len(), &r);
    r
}

/// Logs an internal error. Panic messages can quote the text they were slicing (std's `str`
/// index panics append "of `...`"), so the error line keeps only the part before any quoted
/// text; the full detail, which may hold body text, is logged at debug level only.
fn log_internal(article_id: &str, detail: &str) {
    let redacted = detail.split(['`', '"']).next().unwrap_or_default();
    tracing::error!(article_id, detail = redacted, "internal error");
    tracing::debug!(article_id, detail, "internal error (full detail)");
}

fn log_call(method: &str, article_id: &str, bytes: usize, start: Instant, code: tonic::Code) {
    tracing::info!(
        method,
        article_id,
        bytes,
        duration_ms = start.elapsed().as_secs_f64() * 1e3,
        code = ?code,
        "request"
    );
}

#[tonic::async_trait]
impl FactExtractionService for ExtractionService {
    async fn extract(
        &self,
        request: Request<pb::ExtractRequest>,
    ) -> Result<Response<pb::ExtractResponse>, Status> {
        let start = Instant::now();
        let call = self.metrics.call("Extract");
        let deadline = deadline_of(&request);
        let req = request.into_inner();
        let (id, bytes) = req
            .article
            .as_ref()
            .map(|a| (a.id.clone(), a.body.len()))
            .unwrap_or_default();
        let result = self
            .extract_one(
                req.article,
                req.options.as_ref(),
                Admission::admit,
                deadline,
            )
            .await;
        match result {
            Ok(fs) => {
                log_call("Extract", &id, bytes, start, tonic::Code::Ok);
                call.finish(tonic::Code::Ok);
                Ok(Response::new(pb::ExtractResponse {
                    fact_set: Some(convert::fact_set_to_pb(fs)),
                }))
            }
            Err(e) => {
                if let Error::Internal(detail) = &e {
                    log_internal(&id, detail);
                }
                log_call("Extract", &id, bytes, start, code_of(&e));
                call.finish(code_of(&e));
                Err(to_status(&e))
            }
        }
    }

    async fn extract_batch(
        &self,
        request: Request<pb::ExtractBatchRequest>,
    ) -> Result<Response<pb::ExtractBatchResponse>, Status> {
        let start = Instant::now();
        let call = self.metrics.call("ExtractBatch");
        let deadline = deadline_of(&request);
        let req = request.into_inner();
        let n = req.articles.len();
        let bytes: usize = req.articles.iter().map(|a| a.body.len()).sum();
        let outcome = async {
            if n > self.max_batch {
                return Err(Error::invalid(
                    "articles",
                    "BATCH_TOO_LARGE",
                    format!(
                        "{n} articles in one batch, over the limit of {}",
                        self.max_batch
                    ),
                ));
            }
            let options = convert::options_from_pb(req.options.as_ref())?;
            let ticket = self.admission.admit()?;
            let this = self.clone();
            let articles = req.articles;
            self.admission
                .run(&ticket, deadline, move || {
                    Ok(articles
                        .into_iter()
                        .enumerate()
                        .map(|(i, a)| {
                            let id = a.id.clone();
                            let r = this
                                .prepare(Some(a), &format!("articles[{i}]"))
                                .and_then(|a| this.measured(&a, &options));
                            if let Err(Error::Internal(detail)) = &r {
                                log_internal(&id, detail);
                            }
                            convert::result_to_pb(id, r)
                        })
                        .collect::<Vec<_>>())
                })
                .await
        }
        .await;
        let code = outcome.as_ref().map_or_else(code_of, |_| tonic::Code::Ok);
        tracing::info!(
            method = "ExtractBatch",
            articles = n,
            bytes,
            duration_ms = start.elapsed().as_secs_f64() * 1e3,
            code = ?code,
            "request"
        );
        call.finish(code);
        outcome
            .map(|results| Response::new(pb::ExtractBatchResponse { results }))
            .map_err(|e| to_status(&e))
    }

    type ExtractStreamStream = ResultStream;

    async fn extract_stream(
        &self,
        request: Request<Streaming<pb::ExtractStreamRequest>>,
    ) -> Result<Response<Self::ExtractStreamStream>, Status> {
        let start = Instant::now();
        let deadline = deadline_of(&request);
        let inbound = request.into_inner();
        let this = self.clone();
        let (tx, rx) = mpsc::channel::<Result<pb::ExtractStreamResponse, Status>>(STREAM_BUFFER);
        // The stream outlives this handler: carry the call's span into the task that serves it.
        let span = tracing::Span::current();
        let task = async move {
            let metrics = this.metrics.clone();
            let call = metrics.call("ExtractStream");
            let mut code = tonic::Code::Ok;
            let mut answered = 0usize;
            // Each item is read only when there is room among the in-flight items; each result is
            // sent into a bounded channel. A client that stops reading stalls both, and HTTP/2
            // flow control then stalls the client's sending: memory stays bounded.
            let results = inbound
                .map(|item| {
                    let this = this.clone();
                    async move {
                        let item = item?;
                        Ok::<_, Status>(this.stream_item(item, deadline).await)
                    }
                })
                .buffered(STREAM_PARALLELISM);
            tokio::pin!(results);
            let expired = async {
                match deadline {
                    Some(d) => tokio::time::sleep_until(d.into()).await,
                    None => std::future::pending().await,
                }
            };
            tokio::pin!(expired);
            loop {
                tokio::select! {
                    next = results.next() => match next {
                        None => break,
                        Some(Ok(result)) => {
                            let send = tx.send(Ok(pb::ExtractStreamResponse { result: Some(result) }));
                            tokio::select! {
                                r = send => if r.is_err() { code = tonic::Code::Cancelled; break },
                                _ = &mut expired => {
                                    let _ = tx.try_send(Err(to_status(&Error::DeadlineExceeded)));
                                    code = tonic::Code::DeadlineExceeded;
                                    break;
                                }
                            }
                            answered += 1;
                        }
                        Some(Err(status)) => {
                            code = status.code();
                            let _ = tx.send(Err(status)).await;
                            break;
                        }
                    },
                    _ = &mut expired => {
                        let _ = tx.try_send(Err(to_status(&Error::DeadlineExceeded)));
                        code = tonic::Code::DeadlineExceeded;
                        break;
                    }
                }
            }
            tracing::info!(
                method = "ExtractStream",
                articles = answered,
                duration_ms = start.elapsed().as_secs_f64() * 1e3,
                "stream ended"
            );
            call.finish(code);
        };
        tokio::spawn(tracing::Instrument::instrument(task, span));
        Ok(Response::new(Box::pin(ReceiverStream::new(rx))))
    }
}

impl ExtractionService {
    /// One stream item: always answered, with a FactSet or a per-article error.
    async fn stream_item(
        &self,
        item: pb::ExtractStreamRequest,
        deadline: Option<Instant>,
    ) -> pb::ExtractResult {
        let id = item
            .article
            .as_ref()
            .map(|a| a.id.clone())
            .unwrap_or_default();
        let r = self
            .extract_one(
                item.article,
                item.options.as_ref(),
                Admission::stream_ticket,
                deadline,
            )
            .await;
        if let Err(Error::Internal(detail)) = &r {
            log_internal(&id, detail);
        }
        convert::result_to_pb(id, r)
    }
}
