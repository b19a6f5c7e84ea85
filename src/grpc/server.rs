//! `factx serve`: the tonic server with health, reflection, limits and graceful shutdown.

use std::convert::Infallible;
use std::future::Future;
use std::marker::PhantomData;
use std::net::SocketAddr;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use anyhow::Context as _;
use factx_core::Engine;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tonic::codec::CompressionEncoding;
use tonic::server::NamedService;
use tonic::transport::server::TcpIncoming;
use tonic::transport::Server;
use tonic_health::ServingStatus;
use tower::{Service, ServiceBuilder};

use super::admission::{Admission, AdmissionLayer};
use super::auth::{AuthLayer, TokenSet};
use super::call_log::CallLogLayer;
use super::call_metrics::CallMetricsLayer;
use super::deadline::DeadlineLayer;
use super::rpcs;
use super::service::ExtractionService;
use super::tls::TlsFiles;
use super::trace::TraceLayer;
use super::workers::Workers;
use crate::metrics::Metrics;
use crate::proto::v1::fact_extraction_service_server::FactExtractionServiceServer;

/// Largest request message accepted (a batch of articles counts as one message).
pub const DEFAULT_MAX_REQUEST_BYTES: usize = 8 << 20;
/// Largest response message sent.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 64 << 20;

#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// Extractions running at once (default: the number of cores).
    pub workers: usize,
    /// Unary requests admitted at once, running or waiting for a worker; past it RESOURCE_EXHAUSTED.
    pub max_in_flight: usize,
    pub max_batch: usize,
    pub max_request_bytes: usize,
    pub max_response_bytes: usize,
    /// Hard limit on draining after SIGTERM; keep it below the pod's terminationGracePeriodSeconds.
    pub grace: Duration,
    /// Connections are closed (with GOAWAY) after this age, so clients rebalance across pods.
    pub max_connection_age: Option<Duration>,
    /// Where the handlers record; serve it with `metrics::serve_metrics`.
    pub metrics: Arc<Metrics>,
    /// Serve TLS (and mTLS when a client CA is given) instead of plaintext.
    pub tls: Option<TlsFiles>,
    /// Require one of these bearer tokens on the extraction service (health stays open).
    pub auth: Option<Arc<TokenSet>>,
}

impl Default for ServerConfig {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        ServerConfig {
            workers: cores,
            max_in_flight: cores * 8,
            max_batch: super::service::DEFAULT_MAX_BATCH,
            max_request_bytes: DEFAULT_MAX_REQUEST_BYTES,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            grace: Duration::from_secs(20),
            max_connection_age: Some(Duration::from_secs(300)),
            metrics: Arc::new(Metrics::new()),
            tls: None,
            auth: None,
        }
    }
}

/// Binds `addr` and serves until `shutdown` resolves.
pub async fn serve(
    addr: SocketAddr,
    engine: Arc<Engine>,
    cfg: ServerConfig,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let listener = TcpListener::bind(addr)
        .await
        .with_context(|| format!("binding {addr}"))?;
    tracing::info!(addr = %listener.local_addr()?, "listening");
    serve_on(listener, engine, cfg, shutdown).await
}

/// Serves on an already bound listener (tests bind 127.0.0.1:0 and read the port).
pub async fn serve_on(
    listener: TcpListener,
    engine: Arc<Engine>,
    cfg: ServerConfig,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let admission = Arc::new(Admission::new(cfg.max_in_flight));
    cfg.metrics.watch_admission(admission.clone());
    let service = ExtractionService {
        workers: Workers::new(engine, cfg.metrics.clone(), cfg.workers),
        max_batch: cfg.max_batch,
        admission: admission.clone(),
    };
    let grpc = FactExtractionServiceServer::new(service)
        .max_decoding_message_size(cfg.max_request_bytes)
        .max_encoding_message_size(cfg.max_response_bytes)
        .accept_compressed(CompressionEncoding::Gzip)
        .send_compressed(CompressionEncoding::Gzip);
    // The cross-cutting concerns, outermost first. Health and reflection are outside this stack:
    // never traced, shed or authenticated.
    let extraction = ServiceBuilder::new()
        // A span per call, child of the caller's `traceparent`.
        .layer(TraceLayer)
        // One log line per call, at its end.
        .layer(CallLogLayer::new(rpcs::EXTRACTION))
        // Calls in flight, by method and code, and their durations.
        .layer(CallMetricsLayer::new(cfg.metrics.clone(), rpcs::EXTRACTION))
        // Bearer tokens, checked before the message is read.
        .layer(AuthLayer::new(cfg.auth.clone()))
        // Unary calls: UNAVAILABLE once shutting down, RESOURCE_EXHAUSTED at once when full.
        .layer(AdmissionLayer::new(admission.clone(), rpcs::EXTRACTION))
        // DEADLINE_EXCEEDED a little before the caller's `grpc-timeout`.
        .layer(DeadlineLayer)
        .service(grpc);
    let extraction = Named::<_, FactExtractionServiceServer<ExtractionService>>::new(extraction);

    // The engine is loaded before we get here, so the service is SERVING from the first probe.
    let (health, health_service) = tonic_health::server::health_reporter();
    health
        .set_serving::<FactExtractionServiceServer<ExtractionService>>()
        .await;
    health.set_service_status("", ServingStatus::Serving).await;

    let reflection_v1 = tonic_reflection::server::Builder::configure()
        .register_encoded_file_descriptor_set(crate::proto::FILE_DESCRIPTOR_SET)
        .register_encoded_file_descriptor_set(tonic_health::pb::FILE_DESCRIPTOR_SET)
        .build_v1()?;
    let reflection_v1alpha = tonic_reflection::server::Builder::configure()
        .register_encoded_file_descriptor_set(crate::proto::FILE_DESCRIPTOR_SET)
        .register_encoded_file_descriptor_set(tonic_health::pb::FILE_DESCRIPTOR_SET)
        .build_v1alpha()?;

    let (fired_tx, mut fired_rx) = watch::channel(false);
    let signal = {
        let health = health.clone();
        async move {
            shutdown.await;
            tracing::info!("shutdown: health NOT_SERVING, draining in-flight requests");
            admission.begin_shutdown();
            health
                .set_not_serving::<FactExtractionServiceServer<ExtractionService>>()
                .await;
            health
                .set_service_status("", ServingStatus::NotServing)
                .await;
            let _ = fired_tx.send(true);
        }
    };

    let mut builder = Server::builder()
        .tcp_nodelay(true)
        .http2_keepalive_interval(Some(Duration::from_secs(30)))
        .http2_keepalive_timeout(Some(Duration::from_secs(10)));
    if let Some(tls) = &cfg.tls {
        builder = builder
            .tls_config(tls.load()?)
            .context("TLS configuration")?;
    }
    if let Some(age) = cfg.max_connection_age {
        builder = builder
            .max_connection_age(age)
            .max_connection_age_grace(cfg.grace);
    }
    let server = builder
        .add_service(health_service)
        .add_service(reflection_v1)
        .add_service(reflection_v1alpha)
        .add_service(extraction)
        // `Server::tcp_nodelay` only applies to listeners tonic binds itself; without NODELAY on
        // accepted sockets, Nagle + delayed ACK add ~40 ms to every response.
        .serve_with_incoming_shutdown(TcpIncoming::from(listener).with_nodelay(Some(true)), signal);
    tokio::pin!(server);

    let grace = cfg.grace;
    let hard_stop = async move {
        while !*fired_rx.borrow() {
            if fired_rx.changed().await.is_err() {
                std::future::pending::<()>().await;
            }
        }
        tokio::time::sleep(grace).await;
    };
    tokio::select! {
        r = &mut server => r.context("server")?,
        _ = hard_stop => tracing::warn!(?grace, "grace period over; exiting with requests still in flight"),
    }
    tracing::info!("server stopped");
    Ok(())
}

/// A layered service under the name of the gRPC service `N` it wraps (tonic routes by name).
struct Named<S, N> {
    inner: S,
    name: PhantomData<fn() -> N>,
}

impl<S, N> Named<S, N> {
    fn new(inner: S) -> Self {
        Named {
            inner,
            name: PhantomData,
        }
    }
}

impl<S: Clone, N> Clone for Named<S, N> {
    fn clone(&self) -> Self {
        Named::new(self.inner.clone())
    }
}

impl<S, N: NamedService> NamedService for Named<S, N> {
    const NAME: &'static str = N::NAME;
}

impl<S, R, N> Service<R> for Named<S, N>
where
    S: Service<R, Error = Infallible>,
{
    type Response = S::Response;
    type Error = Infallible;
    type Future = S::Future;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: R) -> S::Future {
        self.inner.call(req)
    }
}

/// Resolves on SIGTERM or SIGINT.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
