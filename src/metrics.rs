//! Prometheus metrics: what the handlers record, and the `/metrics` endpoint that serves them on
//! their own port (so scraping never competes with gRPC traffic or its auth).

use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use factx_core::model as m;
use prometheus_client::collector::Collector;
use prometheus_client::encoding::{DescriptorEncoder, EncodeLabelSet, EncodeMetric};
use prometheus_client::metrics::counter::{ConstCounter, Counter};
use prometheus_client::metrics::family::{Family, MetricConstructor};
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{exponential_buckets, Histogram};
use prometheus_client::registry::Registry;
use tokio::net::TcpListener;

use crate::grpc::admission::Admission;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct MethodCode {
    method: &'static str,
    code: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct MethodLabel {
    method: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct StageLabel {
    stage: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct OutcomeLabel {
    outcome: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct FactTypeLabel {
    fact_type: &'static str,
}

/// Histogram constructor for a `Family` (a plain `fn` cannot capture the buckets).
#[derive(Clone, Copy)]
struct Buckets {
    start: f64,
    count: u16,
}

impl MetricConstructor<Histogram> for Buckets {
    fn new_metric(&self) -> Histogram {
        Histogram::new(exponential_buckets(self.start, 2.0, self.count))
    }
}

/// All of the service's metrics and the registry that encodes them.
pub struct Metrics {
    registry: Registry,
    requests: Family<MethodCode, Counter>,
    latency: Family<MethodLabel, Histogram, Buckets>,
    in_flight: Family<MethodLabel, Gauge>,
    articles: Family<OutcomeLabel, Counter>,
    bytes: Counter,
    stage_seconds: Family<StageLabel, Histogram, Buckets>,
    entities: Counter,
    mentions: Counter,
    facts: Family<FactTypeLabel, Counter>,
    shed: Arc<ShedCollector>,
}

impl std::fmt::Debug for Metrics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Metrics")
    }
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

/// Reads the admission controller's shed count at scrape time: the count lives there, where the
/// decision is made, and is never duplicated.
#[derive(Default)]
struct ShedCollector {
    admission: Mutex<Option<Arc<Admission>>>,
}

impl std::fmt::Debug for ShedCollector {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ShedCollector")
    }
}

impl Collector for ShedCollector {
    fn encode(&self, mut encoder: DescriptorEncoder) -> Result<(), std::fmt::Error> {
        let shed = self
            .admission
            .lock()
            .map(|a| a.as_ref().map_or(0, |a| a.shed_count()))
            .unwrap_or(0);
        let counter = ConstCounter::new(shed);
        let metric = encoder.encode_descriptor(
            "factx_shed_requests",
            "Unary requests refused with RESOURCE_EXHAUSTED because the in-flight limit was reached",
            None,
            counter.metric_type(),
        )?;
        counter.encode(metric)
    }
}

impl Metrics {
    pub fn new() -> Self {
        let mut registry = Registry::default();
        // Request latency: 1 ms .. ~33 s. Stage time: 20 µs .. ~0.65 s.
        let latency = Family::new_with_constructor(Buckets {
            start: 0.001,
            count: 16,
        });
        let stage_seconds = Family::new_with_constructor(Buckets {
            start: 0.000_02,
            count: 16,
        });
        let m = Metrics {
            registry: Registry::default(),
            requests: Family::default(),
            latency,
            in_flight: Family::default(),
            articles: Family::default(),
            bytes: Counter::default(),
            stage_seconds,
            entities: Counter::default(),
            mentions: Counter::default(),
            facts: Family::default(),
            shed: Arc::new(ShedCollector::default()),
        };
        registry.register(
            "factx_grpc_requests",
            "gRPC calls finished, by method and status code",
            m.requests.clone(),
        );
        registry.register(
            "factx_grpc_request_duration_seconds",
            "Time from a call's arrival to its answer (streams: to their end), by method",
            m.latency.clone(),
        );
        registry.register(
            "factx_grpc_in_flight_requests",
            "gRPC calls being handled now, by method",
            m.in_flight.clone(),
        );
        registry.register(
            "factx_articles",
            "Articles run through the pipeline, by outcome (ok or error)",
            m.articles.clone(),
        );
        registry.register(
            "factx_article_bytes",
            "Bytes of article bodies run through the pipeline",
            m.bytes.clone(),
        );
        registry.register(
            "factx_stage_duration_seconds",
            "Time spent in each pipeline stage per article",
            m.stage_seconds.clone(),
        );
        registry.register("factx_entities", "Entities produced", m.entities.clone());
        registry.register(
            "factx_mentions",
            "Entity mentions produced",
            m.mentions.clone(),
        );
        registry.register(
            "factx_facts",
            "Facts produced, by fact type",
            m.facts.clone(),
        );
        registry.register_collector(Box::new(m.shed.clone()));
        Metrics { registry, ..m }
    }

    /// Reports `admission`'s shed count from now on (the latest server started wins).
    pub fn watch_admission(&self, admission: Arc<Admission>) {
        if let Ok(mut slot) = self.shed.admission.lock() {
            *slot = Some(admission);
        }
    }

    /// Starts timing a call; record its end with [`Call::finish`]. A call dropped unfinished (the
    /// client went away) counts as CANCELLED.
    pub fn call(self: &Arc<Self>, method: &'static str) -> Call {
        self.in_flight.get_or_create(&MethodLabel { method }).inc();
        Call {
            metrics: self.clone(),
            method,
            start: Instant::now(),
            finished: false,
        }
    }

    /// One stage's time on one article (pass to `Engine::extract_observed`).
    pub fn observe_stage(&self, stage: &'static str, took: Duration) {
        self.stage_seconds
            .get_or_create(&StageLabel { stage })
            .observe(took.as_secs_f64());
    }

    /// One article through the pipeline: its size and what came out.
    pub fn observe_article(&self, body_bytes: usize, result: &factx_core::Result<m::FactSet>) {
        self.bytes.inc_by(body_bytes as u64);
        let outcome = if result.is_ok() { "ok" } else { "error" };
        self.articles.get_or_create(&OutcomeLabel { outcome }).inc();
        if let Ok(fs) = result {
            self.entities.inc_by(fs.entities.len() as u64);
            self.mentions
                .inc_by(fs.entities.iter().map(|e| e.mentions.len() as u64).sum());
            for f in &fs.facts {
                self.facts
                    .get_or_create(&FactTypeLabel {
                        fact_type: f.fact_type.name(),
                    })
                    .inc();
            }
        }
    }

    /// The Prometheus text exposition of every metric.
    pub fn encode(&self) -> String {
        let mut out = String::new();
        // Writing into a String cannot fail; a collector error would only truncate the output.
        let _ = prometheus_client::encoding::text::encode(&mut out, &self.registry);
        out
    }

    fn finish_call(&self, method: &'static str, code: tonic::Code, took: Duration) {
        self.requests
            .get_or_create(&MethodCode {
                method,
                code: code_name(code),
            })
            .inc();
        self.latency
            .get_or_create(&MethodLabel { method })
            .observe(took.as_secs_f64());
    }
}

/// A call being handled: counted in flight until finished or dropped.
pub struct Call {
    metrics: Arc<Metrics>,
    method: &'static str,
    start: Instant,
    finished: bool,
}

impl Call {
    pub fn finish(mut self, code: tonic::Code) {
        self.finished = true;
        self.metrics
            .finish_call(self.method, code, self.start.elapsed());
    }
}

impl Drop for Call {
    fn drop(&mut self) {
        self.metrics
            .in_flight
            .get_or_create(&MethodLabel {
                method: self.method,
            })
            .dec();
        if !self.finished {
            self.metrics
                .finish_call(self.method, tonic::Code::Cancelled, self.start.elapsed());
        }
    }
}

/// The canonical gRPC name of a status code, as other gRPC metrics label it.
pub fn code_name(code: tonic::Code) -> &'static str {
    use tonic::Code::*;
    match code {
        Ok => "OK",
        Cancelled => "CANCELLED",
        Unknown => "UNKNOWN",
        InvalidArgument => "INVALID_ARGUMENT",
        DeadlineExceeded => "DEADLINE_EXCEEDED",
        NotFound => "NOT_FOUND",
        AlreadyExists => "ALREADY_EXISTS",
        PermissionDenied => "PERMISSION_DENIED",
        ResourceExhausted => "RESOURCE_EXHAUSTED",
        FailedPrecondition => "FAILED_PRECONDITION",
        Aborted => "ABORTED",
        OutOfRange => "OUT_OF_RANGE",
        Unimplemented => "UNIMPLEMENTED",
        Internal => "INTERNAL",
        Unavailable => "UNAVAILABLE",
        DataLoss => "DATA_LOSS",
        Unauthenticated => "UNAUTHENTICATED",
    }
}

/// Serves `GET /metrics` on `listener` until `shutdown` resolves.
pub async fn serve_metrics(
    listener: TcpListener,
    metrics: Arc<Metrics>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    use axum::http::header::CONTENT_TYPE;
    use axum::routing::get;
    let app = axum::Router::new().route(
        "/metrics",
        get(move || {
            let metrics = metrics.clone();
            async move {
                (
                    [(
                        CONTENT_TYPE,
                        "application/openmetrics-text; version=1.0.0; charset=utf-8",
                    )],
                    metrics.encode(),
                )
            }
        }),
    );
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(text: &str, name_and_labels: &str) -> Option<f64> {
        text.lines()
            .find_map(|l| l.strip_prefix(name_and_labels)?.trim().parse().ok())
    }

    #[test]
    fn calls_are_counted_by_method_and_code() {
        let m = Arc::new(Metrics::new());
        m.call("Extract").finish(tonic::Code::Ok);
        m.call("Extract").finish(tonic::Code::InvalidArgument);
        drop(m.call("ExtractBatch"));
        let text = m.encode();
        assert_eq!(
            sample(
                &text,
                r#"factx_grpc_requests_total{method="Extract",code="OK"}"#
            ),
            Some(1.0),
            "{text}"
        );
        assert_eq!(
            sample(
                &text,
                r#"factx_grpc_requests_total{method="Extract",code="INVALID_ARGUMENT"}"#
            ),
            Some(1.0)
        );
        assert_eq!(
            sample(
                &text,
                r#"factx_grpc_requests_total{method="ExtractBatch",code="CANCELLED"}"#
            ),
            Some(1.0)
        );
        assert_eq!(
            sample(&text, r#"factx_grpc_in_flight_requests{method="Extract"}"#),
            Some(0.0)
        );
        assert_eq!(
            sample(
                &text,
                r#"factx_grpc_request_duration_seconds_count{method="Extract"}"#
            ),
            Some(2.0)
        );
    }

    #[test]
    fn in_flight_counts_open_calls() {
        let m = Arc::new(Metrics::new());
        let c = m.call("Extract");
        assert_eq!(
            sample(
                &m.encode(),
                r#"factx_grpc_in_flight_requests{method="Extract"}"#
            ),
            Some(1.0)
        );
        c.finish(tonic::Code::Ok);
        assert_eq!(
            sample(
                &m.encode(),
                r#"factx_grpc_in_flight_requests{method="Extract"}"#
            ),
            Some(0.0)
        );
    }

    #[test]
    fn shed_count_comes_from_admission() {
        let m = Metrics::new();
        let a = Arc::new(Admission::new(1));
        m.watch_admission(a.clone());
        a.refused(Box::new(tower::load_shed::error::Overloaded::new()));
        assert_eq!(sample(&m.encode(), "factx_shed_requests_total"), Some(1.0));
    }
}
