//! The tracing layer: each call runs in its server span ([`crate::telemetry::rpc_span`]: a child
//! of the caller's `traceparent`, none while tracing is off), answer and body alike, so the span
//! lasts until the call ends and holds the call's log events, its end line included.

use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use futures::future::BoxFuture;
use http_body::{Body, Frame, SizeHint};
use tower::{Layer, Service};
use tracing::Instrument;

#[derive(Clone, Copy, Default)]
pub struct TraceLayer;

impl<S> Layer<S> for TraceLayer {
    type Service = Trace<S>;
    fn layer(&self, inner: S) -> Trace<S> {
        Trace { inner }
    }
}

#[derive(Clone)]
pub struct Trace<S> {
    inner: S,
}

impl<S, ReqB, ResB> Service<http::Request<ReqB>> for Trace<S>
where
    S: Service<http::Request<ReqB>, Response = http::Response<ResB>>,
    S::Future: Send + 'static,
    ResB: Send + 'static,
{
    type Response = http::Response<InSpan<ResB>>;
    type Error = S::Error;
    type Future = BoxFuture<'static, Result<Self::Response, S::Error>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: http::Request<ReqB>) -> Self::Future {
        let span = crate::telemetry::rpc_span(&req);
        let answer = span.in_scope(|| self.inner.call(req));
        Box::pin(
            async move {
                let span = tracing::Span::current();
                Ok(answer.await?.map(|body| InSpan {
                    inner: Some(body),
                    span,
                }))
            }
            .instrument(span),
        )
    }
}

/// A response body polled, and dropped, inside the call's span.
pub struct InSpan<B> {
    inner: Option<B>,
    span: tracing::Span,
}

impl<B> Body for InSpan<B>
where
    B: Body<Data = Bytes> + Unpin,
{
    type Data = Bytes;
    type Error = B::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, B::Error>>> {
        let this = self.get_mut();
        let _in = this.span.enter();
        match &mut this.inner {
            Some(b) => Pin::new(b).poll_frame(cx),
            None => Poll::Ready(None),
        }
    }

    fn is_end_stream(&self) -> bool {
        self.inner.as_ref().is_none_or(B::is_end_stream)
    }

    fn size_hint(&self) -> SizeHint {
        self.inner
            .as_ref()
            .map_or_else(|| SizeHint::with_exact(0), B::size_hint)
    }
}

impl<B> Drop for InSpan<B> {
    fn drop(&mut self) {
        let _in = self.span.enter();
        self.inner = None;
    }
}
