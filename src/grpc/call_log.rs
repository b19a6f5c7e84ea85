//! The log layer: one line per call when it ends (method, article id or article count, bytes,
//! duration, code), never article text. The layer sees only the HTTP/2 request, so the handler
//! names what the decoded call is about with [`note`]; a call refused before it was decoded
//! (unauthenticated, shed, too large) logs an empty id and no bytes.

use std::convert::Infallible;
use std::sync::{Arc, OnceLock};
use std::task::{Context, Poll};
use std::time::Instant;

use futures::future::BoxFuture;
use tonic::Code;
use tower::{Layer, Service};

use super::outcome::{watch, OnEnd, Watched};
use super::rpcs::{self, Carries, Rpc};
use crate::proto::v1 as pb;

/// Where the lines are logged: the target they had when the handlers wrote them, so that log
/// filters (`FACTX_LOG=factx::grpc::service=...`) keep working.
pub const TARGET: &str = "factx::grpc::service";

/// What a call is about, for its log line.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Subject {
    pub article_id: String,
    pub articles: usize,
    pub bytes: usize,
}

/// A request message that can say what it is about.
pub trait Describe {
    fn subject(&self) -> Subject;
}

impl Describe for pb::ExtractRequest {
    fn subject(&self) -> Subject {
        let (article_id, bytes) = self
            .article
            .as_ref()
            .map(|a| (a.id.clone(), a.body.len()))
            .unwrap_or_default();
        Subject {
            article_id,
            articles: 1,
            bytes,
        }
    }
}

impl Describe for pb::ExtractBatchRequest {
    fn subject(&self) -> Subject {
        Subject {
            article_id: String::new(),
            articles: self.articles.len(),
            bytes: self.articles.iter().map(|a| a.body.len()).sum(),
        }
    }
}

/// Where the handler leaves the call's subject (a request extension set by the layer).
#[derive(Clone, Default)]
struct Note(Arc<OnceLock<Subject>>);

/// Records what a decoded call is about for its log line (a no-op outside the log layer).
pub fn note<T: Describe>(request: &tonic::Request<T>) {
    if let Some(n) = request.extensions().get::<Note>() {
        let _ = n.0.set(request.get_ref().subject());
    }
}

#[derive(Clone, Copy)]
pub struct CallLogLayer {
    rpcs: &'static [Rpc],
}

impl CallLogLayer {
    pub fn new(rpcs: &'static [Rpc]) -> Self {
        CallLogLayer { rpcs }
    }
}

impl<S> Layer<S> for CallLogLayer {
    type Service = CallLog<S>;
    fn layer(&self, inner: S) -> CallLog<S> {
        CallLog {
            inner,
            rpcs: self.rpcs,
        }
    }
}

#[derive(Clone)]
pub struct CallLog<S> {
    inner: S,
    rpcs: &'static [Rpc],
}

/// The log line of one call, written when it ends.
pub struct Line {
    rpc: &'static Rpc,
    note: Note,
    start: Instant,
}

impl OnEnd for Line {
    fn ended(self, code: Code, messages: u64) {
        let method = self.rpc.name;
        let duration_ms = self.start.elapsed().as_secs_f64() * 1e3;
        let s = self.note.0.get().cloned().unwrap_or_default();
        match self.rpc.carries {
            Carries::Article => tracing::info!(
                target: TARGET,
                method,
                article_id = s.article_id.as_str(),
                bytes = s.bytes,
                duration_ms,
                code = ?code,
                "request"
            ),
            Carries::Batch => tracing::info!(
                target: TARGET,
                method,
                articles = s.articles,
                bytes = s.bytes,
                duration_ms,
                code = ?code,
                "request"
            ),
            // Each answer on a stream is one message: an article's FactSet or its error.
            Carries::Stream => tracing::info!(
                target: TARGET,
                method,
                articles = messages,
                duration_ms,
                "stream ended"
            ),
        }
    }
}

impl<S, ReqB, ResB> Service<http::Request<ReqB>> for CallLog<S>
where
    S: Service<http::Request<ReqB>, Response = http::Response<ResB>, Error = Infallible>,
    S::Future: Send + 'static,
    ResB: Send + 'static,
{
    type Response = http::Response<Watched<ResB, Line>>;
    type Error = Infallible;
    type Future = BoxFuture<'static, Result<Self::Response, Infallible>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut req: http::Request<ReqB>) -> Self::Future {
        let Some(rpc) = rpcs::find(self.rpcs, req.uri().path()) else {
            let answer = self.inner.call(req);
            return Box::pin(async move { Ok(answer.await?.map(Watched::unwatched)) });
        };
        let note = Note::default();
        req.extensions_mut().insert(note.clone());
        let line = Line {
            rpc,
            note,
            start: Instant::now(),
        };
        Box::pin(watch(self.inner.call(req), line))
    }
}
