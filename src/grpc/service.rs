//! The gRPC handlers: convert the request, validate, run on the workers through the engine,
//! convert the answer. No NLP and no error matching here (see `status` for the one error table),
//! and no logging, metrics, auth, admission or deadline timing (the layers in `server`).

use std::sync::Arc;
use std::time::Instant;

use factx_core::model as m;
use factx_core::{Error, Result};
use tonic::{Request, Response, Status, Streaming};

use super::admission::Admission;
use super::call_log::note;
use super::deadline::deadline_of;
use super::status::to_status;
use super::stream::{self, Answers};
use super::workers::Workers;
use crate::convert;
use crate::proto::v1 as pb;
use crate::proto::v1::fact_extraction_service_server::FactExtractionService;

/// Most articles accepted in one `ExtractBatch` call.
pub const DEFAULT_MAX_BATCH: usize = 64;

#[derive(Clone)]
pub struct ExtractionService {
    pub workers: Workers,
    pub max_batch: usize,
    /// Read for the shutdown flag: stream items are refused once shutdown begins.
    pub admission: Arc<Admission>,
}

/// The handler's answer on the wire: the message, or the error through the one status table.
fn reply<T>(r: Result<T>) -> Result<Response<T>, Status> {
    r.map(Response::new).map_err(|e| to_status(&e))
}

impl ExtractionService {
    /// The domain article from the wire, validated; `field` names it in errors.
    fn prepare(&self, article: Option<pb::Article>, field: &str) -> Result<m::Article> {
        let article = article
            .ok_or_else(|| Error::invalid(field, "MISSING_ARTICLE", "article is required"))?;
        let article = convert::article_from_pb(article)?;
        self.workers.engine().validate(&article)?;
        Ok(article)
    }

    fn check_batch(&self, n: usize) -> Result<()> {
        if n > self.max_batch {
            let limit = self.max_batch;
            let msg = format!("{n} articles in one batch, over the limit of {limit}");
            return Err(Error::invalid("articles", "BATCH_TOO_LARGE", msg));
        }
        Ok(())
    }

    /// Each article of a batch answered on its own, in order: a FactSet or its error.
    fn batch_results(
        &self,
        w: &Workers,
        articles: Vec<pb::Article>,
        options: &m::ExtractOptions,
    ) -> Vec<pb::ExtractResult> {
        let answer = |(i, a): (usize, pb::Article)| {
            let id = a.id.clone();
            let r = self.prepare(Some(a), &format!("articles[{i}]"));
            convert::result_to_pb(id, r.and_then(|a| w.extract(&a, options)))
        };
        articles.into_iter().enumerate().map(answer).collect()
    }

    /// One stream item: always answered, with a FactSet or a per-article error.
    async fn stream_item(
        &self,
        item: pb::ExtractStreamRequest,
        deadline: Option<Instant>,
    ) -> pb::ExtractResult {
        let id = item.article.as_ref().map(|a| a.id.clone());
        let result = async {
            let options = convert::options_from_pb(item.options.as_ref())?;
            let article = self.prepare(item.article, "article")?;
            if self.admission.is_shutting_down() {
                return Err(Error::ShuttingDown);
            }
            let work = move |w: &Workers| w.extract(&article, &options);
            self.workers.run(deadline, work).await
        };
        convert::result_to_pb(id.unwrap_or_default(), result.await)
    }
}

#[tonic::async_trait]
impl FactExtractionService for ExtractionService {
    async fn extract(
        &self,
        request: Request<pb::ExtractRequest>,
    ) -> Result<Response<pb::ExtractResponse>, Status> {
        note(&request);
        let deadline = deadline_of(&request);
        let req = request.into_inner();
        let answer = async {
            let options = convert::options_from_pb(req.options.as_ref())?;
            let article = self.prepare(req.article, "article")?;
            let work = move |w: &Workers| w.extract(&article, &options);
            let fs = self.workers.run(deadline, work).await?;
            Ok(pb::ExtractResponse {
                fact_set: Some(convert::fact_set_to_pb(fs)),
            })
        };
        reply(answer.await)
    }

    async fn extract_batch(
        &self,
        request: Request<pb::ExtractBatchRequest>,
    ) -> Result<Response<pb::ExtractBatchResponse>, Status> {
        note(&request);
        let deadline = deadline_of(&request);
        let req = request.into_inner();
        let answer = async {
            self.check_batch(req.articles.len())?;
            let options = convert::options_from_pb(req.options.as_ref())?;
            let this = self.clone();
            let work = move |w: &Workers| Ok(this.batch_results(w, req.articles, &options));
            let results = self.workers.run(deadline, work).await?;
            Ok(pb::ExtractBatchResponse { results })
        };
        reply(answer.await)
    }

    type ExtractStreamStream = Answers<pb::ExtractStreamResponse>;

    async fn extract_stream(
        &self,
        request: Request<Streaming<pb::ExtractStreamRequest>>,
    ) -> Result<Response<Self::ExtractStreamStream>, Status> {
        let deadline = deadline_of(&request);
        let this = self.clone();
        let answers = stream::in_order(request.into_inner(), deadline, move |item| {
            let this = this.clone();
            async move {
                let result = this.stream_item(item, deadline).await;
                pb::ExtractStreamResponse {
                    result: Some(result),
                }
            }
        });
        Ok(Response::new(answers))
    }
}
