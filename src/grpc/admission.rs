//! Admission control and load shedding, as a tower layer. At most `max_in_flight` unary calls are
//! admitted at once (running or waiting for a worker): tower's `ConcurrencyLimit` holds a slot
//! for each, and `LoadShed` refuses a call at once when none is free, instead of queueing it
//! without bound: callers retry with backoff, memory stays flat. The refusal becomes
//! RESOURCE_EXHAUSTED with `RetryInfo` and `grpc-retry-pushback-ms` through the one status table.
//!
//! Streams are not shed: their items wait for a worker (back-pressure). Once shutdown begins, new
//! unary calls are refused with UNAVAILABLE (stream items too: the stream handler reads
//! [`Admission::is_shutting_down`]).

use std::convert::Infallible;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};

use factx_core::Error;
use futures::future::{BoxFuture, FutureExt};
use tokio::sync::Semaphore;
use tower::limit::ConcurrencyLimit;
use tower::load_shed::LoadShed;
use tower::{BoxError, Layer, Service, ServiceExt};

use super::rpcs::{self, Carries, Rpc};
use super::status::{from_tower, to_status};

/// What admission shares across connections: the slots, the shed count, the shutdown flag.
pub struct Admission {
    slots: Arc<Semaphore>,
    max_in_flight: usize,
    shutting_down: AtomicBool,
    shed: AtomicU64,
}

impl Admission {
    pub fn new(max_in_flight: usize) -> Self {
        let max_in_flight = max_in_flight.max(1);
        Admission {
            slots: Arc::new(Semaphore::new(max_in_flight)),
            max_in_flight,
            shutting_down: AtomicBool::new(false),
            shed: AtomicU64::new(0),
        }
    }

    pub fn begin_shutdown(&self) {
        self.shutting_down.store(true, Ordering::Relaxed);
    }

    pub fn is_shutting_down(&self) -> bool {
        self.shutting_down.load(Ordering::Relaxed)
    }

    /// Unary calls refused so far because every slot was taken.
    pub fn shed_count(&self) -> u64 {
        self.shed.load(Ordering::Relaxed)
    }

    /// The error for a call a layer refused, counted when it was shed.
    pub(crate) fn refused(&self, e: BoxError) -> Error {
        let e = from_tower(&e, self.max_in_flight);
        if matches!(e, Error::Overloaded { .. }) {
            self.shed.fetch_add(1, Ordering::Relaxed);
        }
        e
    }
}

#[derive(Clone)]
pub struct AdmissionLayer {
    admission: Arc<Admission>,
    rpcs: &'static [Rpc],
}

impl AdmissionLayer {
    /// Admits the unary methods among `rpcs`; streams and unknown methods pass.
    pub fn new(admission: Arc<Admission>, rpcs: &'static [Rpc]) -> Self {
        AdmissionLayer { admission, rpcs }
    }
}

impl<S: Clone> Layer<S> for AdmissionLayer {
    type Service = Admit<S>;
    fn layer(&self, inner: S) -> Admit<S> {
        let slots = self.admission.slots.clone();
        Admit {
            limited: LoadShed::new(ConcurrencyLimit::with_semaphore(inner.clone(), slots)),
            inner,
            admission: self.admission.clone(),
            rpcs: self.rpcs,
        }
    }
}

#[derive(Clone)]
pub struct Admit<S> {
    /// The same service behind the slots, for unary calls.
    limited: LoadShed<ConcurrencyLimit<S>>,
    inner: S,
    admission: Arc<Admission>,
    rpcs: &'static [Rpc],
}

impl<S, ReqB, ResB> Service<http::Request<ReqB>> for Admit<S>
where
    S: Service<http::Request<ReqB>, Response = http::Response<ResB>, Error = Infallible>
        + Clone
        + Send
        + 'static,
    S::Future: Send + 'static,
    ReqB: Send + 'static,
    ResB: Default + Send + 'static,
{
    type Response = S::Response;
    type Error = Infallible;
    type Future = BoxFuture<'static, Result<S::Response, Infallible>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: http::Request<ReqB>) -> Self::Future {
        let unary = rpcs::find(self.rpcs, req.uri().path())
            .is_some_and(|rpc| rpc.carries != Carries::Stream);
        if !unary {
            return self.inner.call(req).boxed();
        }
        if self.admission.is_shutting_down() {
            return futures::future::ready(Ok(to_status(&Error::ShuttingDown).into_http())).boxed();
        }
        // A fresh clone per call: `LoadShed` decides in `poll_ready` whether a slot is free.
        let limited = self.limited.clone();
        let admission = self.admission.clone();
        async move {
            match limited.oneshot(req).await {
                Ok(answer) => Ok(answer),
                Err(e) => Ok(to_status(&admission.refused(e)).into_http()),
            }
        }
        .boxed()
    }
}
