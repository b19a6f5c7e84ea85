//! The metrics layer: every call of a known method is counted in flight while it runs, then by
//! method and status code with its duration (streams: until they end; abandoned: CANCELLED).

use std::convert::Infallible;
use std::sync::Arc;
use std::task::{Context, Poll};

use futures::future::BoxFuture;
use tonic::Code;
use tower::{Layer, Service};

use super::outcome::{watch, OnEnd, Watched};
use super::rpcs::{self, Rpc};
use crate::metrics::{Call, Metrics};

impl OnEnd for Call {
    fn ended(self, code: Code, _messages: u64) {
        self.finish(code);
    }
}

#[derive(Clone)]
pub struct CallMetricsLayer {
    metrics: Arc<Metrics>,
    rpcs: &'static [Rpc],
}

impl CallMetricsLayer {
    pub fn new(metrics: Arc<Metrics>, rpcs: &'static [Rpc]) -> Self {
        CallMetricsLayer { metrics, rpcs }
    }
}

impl<S> Layer<S> for CallMetricsLayer {
    type Service = CallMetrics<S>;
    fn layer(&self, inner: S) -> CallMetrics<S> {
        CallMetrics {
            inner,
            metrics: self.metrics.clone(),
            rpcs: self.rpcs,
        }
    }
}

#[derive(Clone)]
pub struct CallMetrics<S> {
    inner: S,
    metrics: Arc<Metrics>,
    rpcs: &'static [Rpc],
}

impl<S, ReqB, ResB> Service<http::Request<ReqB>> for CallMetrics<S>
where
    S: Service<http::Request<ReqB>, Response = http::Response<ResB>, Error = Infallible>,
    S::Future: Send + 'static,
    ResB: Send + 'static,
{
    type Response = http::Response<Watched<ResB, Call>>;
    type Error = Infallible;
    type Future = BoxFuture<'static, Result<Self::Response, Infallible>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: http::Request<ReqB>) -> Self::Future {
        match rpcs::find(self.rpcs, req.uri().path()) {
            Some(rpc) => Box::pin(watch(self.inner.call(req), self.metrics.call(rpc.name))),
            None => {
                let answer = self.inner.call(req);
                Box::pin(async move { Ok(answer.await?.map(Watched::unwatched)) })
            }
        }
    }
}
