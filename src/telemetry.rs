//! OpenTelemetry tracing over OTLP/gRPC. Off unless the standard `OTEL_EXPORTER_OTLP_ENDPOINT`
//! (or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) is set; the exporter reads the other standard
//! `OTEL_*` variables itself (headers, timeout, `OTEL_SERVICE_NAME`, ...).
//!
//! Each gRPC call gets a server span (see [`rpc_span`]) whose parent is the caller's W3C
//! `traceparent`, so factx joins the caller's trace.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::LazyLock;
use std::time::Duration;

use opentelemetry::propagation::{Extractor, TextMapPropagator};
use opentelemetry::trace::TracerProvider as _;
use opentelemetry_sdk::propagation::TraceContextPropagator;
use opentelemetry_sdk::trace::{SdkTracer, SdkTracerProvider};
use opentelemetry_sdk::Resource;
use tonic::codegen::http;
use tonic::metadata::{KeyRef, MetadataMap};
use tracing_opentelemetry::OpenTelemetrySpanExt;

/// Whether spans are exported; without an exporter, per-call spans are not even created.
static ENABLED: AtomicBool = AtomicBool::new(false);

static PROPAGATOR: LazyLock<TraceContextPropagator> = LazyLock::new(TraceContextPropagator::new);

/// The tracer provider and the runtime its gRPC exporter lives on. Dropping it flushes the spans
/// not yet exported, then stops the runtime.
pub struct Telemetry {
    provider: Option<SdkTracerProvider>,
    runtime: Option<tokio::runtime::Runtime>,
}

impl Telemetry {
    /// No exporter: spans are neither created nor sent.
    pub fn disabled() -> Telemetry {
        Telemetry {
            provider: None,
            runtime: None,
        }
    }

    /// Tracing on when an OTLP endpoint is configured in the environment. A broken configuration
    /// is reported on stderr and leaves tracing off: observability must not stop the service.
    pub fn from_env() -> Telemetry {
        if !endpoint_configured(|k| std::env::var(k).ok()) {
            return Telemetry::disabled();
        }
        match Telemetry::otlp() {
            Ok(t) => t,
            Err(e) => {
                eprintln!("factx: OpenTelemetry tracing disabled: {e:#}");
                Telemetry::disabled()
            }
        }
    }

    fn otlp() -> anyhow::Result<Telemetry> {
        // The tonic exporter needs a Tokio runtime that outlives it. A small one of its own keeps
        // it independent of the command's runtime (the server's or the batch runner's).
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("factx-otlp")
            .enable_all()
            .build()?;
        let exporter = {
            let _in_runtime = runtime.enter();
            opentelemetry_otlp::SpanExporter::builder()
                .with_tonic()
                .build()?
        };
        let mut resource = Resource::builder();
        if std::env::var_os("OTEL_SERVICE_NAME").is_none() {
            resource = resource.with_service_name("factx");
        }
        let provider = SdkTracerProvider::builder()
            .with_batch_exporter(exporter)
            .with_resource(resource.build())
            .build();
        Ok(Telemetry::with_provider(provider, Some(runtime)))
    }

    /// Tracing through `provider` (tests pass one with an in-memory exporter).
    pub fn with_provider(
        provider: SdkTracerProvider,
        runtime: Option<tokio::runtime::Runtime>,
    ) -> Telemetry {
        ENABLED.store(true, Ordering::Relaxed);
        Telemetry {
            provider: Some(provider),
            runtime,
        }
    }

    /// The tracer for `tracing_opentelemetry::layer().with_tracer(..)`, when tracing is on.
    pub fn tracer(&self) -> Option<SdkTracer> {
        self.provider
            .as_ref()
            .map(|p| p.tracer(env!("CARGO_PKG_NAME")))
    }
}

impl Drop for Telemetry {
    fn drop(&mut self) {
        if let Some(p) = self.provider.take() {
            ENABLED.store(false, Ordering::Relaxed);
            if let Err(e) = p.shutdown_with_timeout(Duration::from_secs(5)) {
                eprintln!("factx: flushing traces: {e}");
            }
        }
        if let Some(rt) = self.runtime.take() {
            rt.shutdown_timeout(Duration::from_secs(1));
        }
    }
}

/// Whether the standard OTLP endpoint variables ask for traces (`OTEL_SDK_DISABLED=true` wins).
fn endpoint_configured(var: impl Fn(&str) -> Option<String>) -> bool {
    let set = |k: &str| var(k).is_some_and(|v| !v.trim().is_empty());
    let disabled = var("OTEL_SDK_DISABLED").is_some_and(|v| v.trim().eq_ignore_ascii_case("true"));
    !disabled && (set("OTEL_EXPORTER_OTLP_ENDPOINT") || set("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"))
}

/// Reads propagation fields (`traceparent`, `tracestate`) from gRPC metadata.
pub struct MetadataExtractor<'a>(pub &'a MetadataMap);

impl Extractor for MetadataExtractor<'_> {
    fn get(&self, key: &str) -> Option<&str> {
        self.0.get(key).and_then(|v| v.to_str().ok())
    }

    fn keys(&self) -> Vec<&str> {
        self.0
            .keys()
            .map(|k| match k {
                KeyRef::Ascii(k) => k.as_str(),
                KeyRef::Binary(k) => k.as_str(),
            })
            .collect()
    }
}

/// The same over raw HTTP/2 headers, which is what the server sees before tonic decodes a call.
pub struct HeaderExtractor<'a>(pub &'a http::HeaderMap);

impl Extractor for HeaderExtractor<'_> {
    fn get(&self, key: &str) -> Option<&str> {
        self.0.get(key).and_then(|v| v.to_str().ok())
    }

    fn keys(&self) -> Vec<&str> {
        self.0.keys().map(|k| k.as_str()).collect()
    }
}

/// The caller's trace context (empty when the call carries none or a malformed one).
pub fn remote_context(carrier: &dyn Extractor) -> opentelemetry::Context {
    PROPAGATOR.extract(carrier)
}

/// A server span for one gRPC call, child of the caller's `traceparent`; the tracing layer
/// (`grpc::trace`) runs each call in it. Health checks and reflection get no span (probes would
/// drown the traces), and no span at all is made while tracing is off.
pub fn rpc_span<B>(req: &http::Request<B>) -> tracing::Span {
    if !ENABLED.load(Ordering::Relaxed) {
        return tracing::Span::none();
    }
    let path = req.uri().path();
    let (service, method) = path
        .trim_start_matches('/')
        .split_once('/')
        .unwrap_or((path, ""));
    if service.starts_with("grpc.") {
        return tracing::Span::none();
    }
    let span = tracing::info_span!(
        "rpc",
        otel.name = %path.trim_start_matches('/'),
        otel.kind = "server",
        rpc.system = "grpc",
        rpc.service = %service,
        rpc.method = %method,
    );
    // Fails only when the span is disabled by the filter; then there is nothing to parent.
    let _ = span.set_parent(remote_context(&HeaderExtractor(req.headers())));
    span
}

#[cfg(test)]
mod tests {
    use super::*;
    use opentelemetry::trace::{SpanId, TraceContextExt, TraceId};
    use opentelemetry_sdk::error::OTelSdkResult;
    use opentelemetry_sdk::trace::{SpanData, SpanExporter};
    use std::sync::{Arc, Mutex};
    use tracing_subscriber::layer::SubscriberExt;

    const TRACE: &str = "4bf92f3577b34da6a3ce929d0e0e4736";
    const PARENT: &str = "00f067aa0ba902b7";

    fn traceparent() -> String {
        format!("00-{TRACE}-{PARENT}-01")
    }

    #[test]
    fn metadata_extractor_reads_traceparent() {
        let mut md = MetadataMap::new();
        md.insert("traceparent", traceparent().parse().unwrap());
        md.insert("x-other", "1".parse().unwrap());
        let ex = MetadataExtractor(&md);
        assert_eq!(ex.get("traceparent"), Some(traceparent().as_str()));
        assert!(ex.keys().contains(&"x-other"));
        let cx = remote_context(&ex);
        let sc = cx.span().span_context().clone();
        assert!(sc.is_remote() && sc.is_sampled());
        assert_eq!(sc.trace_id(), TraceId::from_hex(TRACE).unwrap());
        assert_eq!(sc.span_id(), SpanId::from_hex(PARENT).unwrap());
    }

    #[test]
    fn malformed_or_missing_traceparent_gives_no_parent() {
        let mut md = MetadataMap::new();
        assert!(!remote_context(&MetadataExtractor(&md))
            .span()
            .span_context()
            .is_valid());
        md.insert(
            "traceparent",
            "00-nothex-00f067aa0ba902b7-01".parse().unwrap(),
        );
        assert!(!remote_context(&MetadataExtractor(&md))
            .span()
            .span_context()
            .is_valid());
    }

    #[test]
    fn endpoint_variables_turn_tracing_on() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert!(!endpoint_configured(env(&[])));
        assert!(!endpoint_configured(env(&[(
            "OTEL_EXPORTER_OTLP_ENDPOINT",
            " "
        )])));
        assert!(endpoint_configured(env(&[(
            "OTEL_EXPORTER_OTLP_ENDPOINT",
            "http://collector:4317"
        )])));
        assert!(endpoint_configured(env(&[(
            "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
            "http://collector:4317"
        )])));
        assert!(!endpoint_configured(env(&[
            ("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317"),
            ("OTEL_SDK_DISABLED", "true"),
        ])));
    }

    /// Keeps exported spans in memory.
    #[derive(Debug, Clone, Default)]
    struct Collect(Arc<Mutex<Vec<SpanData>>>);

    impl SpanExporter for Collect {
        async fn export(&self, batch: Vec<SpanData>) -> OTelSdkResult {
            self.0.lock().unwrap().extend(batch);
            Ok(())
        }
    }

    /// The span made for a call is exported as a server span in the caller's trace, child of the
    /// caller's span; health checks get none.
    #[test]
    fn rpc_span_joins_the_callers_trace() {
        let spans = Collect::default();
        let provider = SdkTracerProvider::builder()
            .with_simple_exporter(spans.clone())
            .build();
        let telemetry = Telemetry::with_provider(provider, None);
        let layer = tracing_opentelemetry::layer().with_tracer(telemetry.tracer().unwrap());
        let subscriber = tracing_subscriber::registry().with(layer);
        tracing::subscriber::with_default(subscriber, || {
            let req = http::Request::builder()
                .uri("http://localhost/factx.v1.FactExtractionService/Extract")
                .header("traceparent", traceparent())
                .body(())
                .unwrap();
            let span = rpc_span(&req);
            span.in_scope(|| tracing::info!("inside"));
            drop(span);
            let probe = http::Request::builder()
                .uri("http://localhost/grpc.health.v1.Health/Check")
                .body(())
                .unwrap();
            assert!(rpc_span(&probe).is_none());
        });
        drop(telemetry);
        let spans = spans.0.lock().unwrap();
        assert_eq!(spans.len(), 1, "{spans:?}");
        let s = &spans[0];
        assert_eq!(s.name, "factx.v1.FactExtractionService/Extract");
        assert_eq!(s.span_kind, opentelemetry::trace::SpanKind::Server);
        assert_eq!(s.span_context.trace_id(), TraceId::from_hex(TRACE).unwrap());
        assert_eq!(s.parent_span_id, SpanId::from_hex(PARENT).unwrap());
        assert!(s.parent_span_is_remote);
    }
}
