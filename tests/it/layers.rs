//! Each tower layer of the gRPC edge alone around a dummy extraction service, called in-process
//! through the generated client (no network, so no client-side timer competes with the layers).

use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use factx::grpc::admission::{Admission, AdmissionLayer};
use factx::grpc::auth::{AuthLayer, TokenSet};
use factx::grpc::call_log::{note, CallLogLayer};
use factx::grpc::call_metrics::CallMetricsLayer;
use factx::grpc::deadline::{deadline_of, DeadlineLayer};
use factx::grpc::rpcs::EXTRACTION;
use factx::grpc::trace::TraceLayer;
use factx::metrics::Metrics;
use factx::proto::v1 as pb;
use factx::proto::v1::fact_extraction_service_client::FactExtractionServiceClient;
use factx::proto::v1::fact_extraction_service_server::{
    FactExtractionService, FactExtractionServiceServer,
};
use futures::{Stream, StreamExt};
use tonic::{Code, Request, Response, Status, Streaming};
use tonic_types::StatusExt;
use tower::{Layer, ServiceBuilder};

use crate::util::article;

/// Answers at once with a FactSet naming the article, after 400 ms for bodies containing
/// `SLEEP`, or INVALID_ARGUMENT for bodies containing `BAD`. Remembers what it was handed.
#[derive(Clone, Default)]
struct Dummy {
    calls: Arc<AtomicUsize>,
    deadlines: Arc<Mutex<Vec<Option<Instant>>>>,
}

impl Dummy {
    async fn answer(&self, a: Option<pb::Article>) -> Result<pb::FactSet, Status> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        let a = a.unwrap_or_default();
        tracing::info!("dummy handled a call");
        if a.body.contains("SLEEP") {
            tokio::time::sleep(Duration::from_millis(400)).await;
        }
        if a.body.contains("BAD") {
            return Err(Status::invalid_argument("bad body"));
        }
        Ok(pb::FactSet {
            article_id: a.id,
            ..Default::default()
        })
    }

    fn saw<T>(&self, req: &Request<T>) {
        self.deadlines.lock().unwrap().push(deadline_of(req));
    }
}

type Answers =
    std::pin::Pin<Box<dyn Stream<Item = Result<pb::ExtractStreamResponse, Status>> + Send>>;

#[tonic::async_trait]
impl FactExtractionService for Dummy {
    async fn extract(
        &self,
        request: Request<pb::ExtractRequest>,
    ) -> Result<Response<pb::ExtractResponse>, Status> {
        note(&request);
        self.saw(&request);
        let fs = self.answer(request.into_inner().article).await?;
        Ok(Response::new(pb::ExtractResponse { fact_set: Some(fs) }))
    }

    async fn extract_batch(
        &self,
        request: Request<pb::ExtractBatchRequest>,
    ) -> Result<Response<pb::ExtractBatchResponse>, Status> {
        note(&request);
        let mut results = Vec::new();
        for a in request.into_inner().articles {
            let id = a.id.clone();
            let fs = self.answer(Some(a)).await?;
            results.push(pb::ExtractResult {
                article_id: id,
                outcome: Some(pb::extract_result::Outcome::FactSet(fs)),
            });
        }
        Ok(Response::new(pb::ExtractBatchResponse { results }))
    }

    type ExtractStreamStream = Answers;

    async fn extract_stream(
        &self,
        request: Request<Streaming<pb::ExtractStreamRequest>>,
    ) -> Result<Response<Answers>, Status> {
        self.saw(&request);
        let this = self.clone();
        let answers = request.into_inner().then(move |item| {
            let this = this.clone();
            async move {
                let fs = this.answer(item?.article).await?;
                Ok(pb::ExtractStreamResponse {
                    result: Some(pb::ExtractResult {
                        article_id: fs.article_id.clone(),
                        outcome: Some(pb::extract_result::Outcome::FactSet(fs)),
                    }),
                })
            }
        });
        Ok(Response::new(Box::pin(answers)))
    }
}

/// A client over `layer` around a dummy service, and the dummy.
fn through<L>(layer: L) -> (FactExtractionServiceClient<L::Service>, Dummy)
where
    L: Layer<FactExtractionServiceServer<Dummy>>,
    L::Service: tonic::client::GrpcService<tonic::body::Body>,
    <L::Service as tonic::client::GrpcService<tonic::body::Body>>::Error: Into<tower::BoxError>,
    <L::Service as tonic::client::GrpcService<tonic::body::Body>>::ResponseBody:
        http_body::Body<Data = bytes::Bytes> + Send + 'static,
    <<L::Service as tonic::client::GrpcService<tonic::body::Body>>::ResponseBody as http_body::Body>::Error:
        Into<tower::BoxError> + Send,
{
    let dummy = Dummy::default();
    let svc = ServiceBuilder::new()
        .layer(layer)
        .service(FactExtractionServiceServer::new(dummy.clone()));
    (FactExtractionServiceClient::new(svc), dummy)
}

fn extract_req(id: &str, body: &str) -> pb::ExtractRequest {
    pb::ExtractRequest {
        article: Some(article(id, body)),
        options: None,
    }
}

fn stream_of(ids: &[&str]) -> impl Stream<Item = pb::ExtractStreamRequest> + Send + 'static {
    let items: Vec<_> = ids
        .iter()
        .map(|id| pb::ExtractStreamRequest {
            article: Some(article(id, "Some text.")),
            options: None,
        })
        .collect();
    tokio_stream::iter(items)
}

/// The answers of a stream call, drained to its end; the end status if it failed.
async fn drain<S>(
    client: &mut FactExtractionServiceClient<S>,
    ids: &[&str],
) -> (usize, Option<Code>)
where
    S: tonic::client::GrpcService<tonic::body::Body>,
    S::Error: Into<tower::BoxError>,
    S::ResponseBody: http_body::Body<Data = bytes::Bytes> + Send + 'static,
    <S::ResponseBody as http_body::Body>::Error: Into<tower::BoxError> + Send,
{
    let mut answers = match client.extract_stream(stream_of(ids)).await {
        Ok(r) => r.into_inner(),
        Err(s) => return (0, Some(s.code())),
    };
    let mut n = 0;
    loop {
        match answers.message().await {
            Ok(Some(_)) => n += 1,
            Ok(None) => return (n, None),
            Err(s) => return (n, Some(s.code())),
        }
    }
}

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Captured {
    fn text(&self) -> String {
        String::from_utf8(self.0.lock().unwrap().clone()).unwrap()
    }
}

#[tokio::test]
async fn log_layer_writes_one_line_per_call_without_article_text() {
    let log = Captured::default();
    let subscriber = tracing_subscriber::fmt()
        .with_writer({
            let log = log.clone();
            move || log.clone()
        })
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    let (mut client, _) = through(CallLogLayer::new(EXTRACTION));

    client
        .extract(extract_req("a1", "Secret words here."))
        .await
        .unwrap();
    let bad = client.extract(extract_req("a2", "BAD words")).await;
    assert_eq!(bad.unwrap_err().code(), Code::InvalidArgument);
    client
        .extract_batch(pb::ExtractBatchRequest {
            articles: vec![article("b1", "one"), article("b2", "three")],
            options: None,
        })
        .await
        .unwrap();
    assert_eq!(drain(&mut client, &["s1", "s2", "s3"]).await, (3, None));

    let text = log.text();
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| l.contains(" request ") || l.contains("stream ended"))
        .collect();
    assert_eq!(lines.len(), 4, "{text}");
    let has = |i: usize, parts: &[&str]| {
        for p in parts {
            assert!(lines[i].contains(p), "line {i} lacks {p}: {}", lines[i]);
        }
    };
    has(
        0,
        &[
            "method=\"Extract\"",
            "article_id=\"a1\"",
            "bytes=18",
            "duration_ms=",
            "code=Ok",
        ],
    );
    has(1, &["article_id=\"a2\"", "bytes=9", "code=InvalidArgument"]);
    has(
        2,
        &[
            "method=\"ExtractBatch\"",
            "articles=2",
            "bytes=8",
            "code=Ok",
        ],
    );
    has(
        3,
        &["method=\"ExtractStream\"", "articles=3", "stream ended"],
    );
    assert!(!text.contains("Secret"), "article text logged: {text}");
}

#[tokio::test]
async fn metrics_layer_counts_calls_by_method_and_code() {
    let metrics = Arc::new(Metrics::new());
    let (mut client, _) = through(CallMetricsLayer::new(metrics.clone(), EXTRACTION));
    client.extract(extract_req("a", "fine")).await.unwrap();
    let _ = client.extract(extract_req("b", "BAD")).await;
    assert_eq!(drain(&mut client, &["s1", "s2"]).await, (2, None));
    // A call its client gives up on is CANCELLED.
    let slow = client.extract(extract_req("c", "SLEEP"));
    assert!(tokio::time::timeout(Duration::from_millis(50), slow)
        .await
        .is_err());

    let text = metrics.encode();
    let value = |series: &str| {
        text.lines()
            .find_map(|l| {
                l.strip_prefix(series)?
                    .strip_prefix(' ')?
                    .parse::<f64>()
                    .ok()
            })
            .unwrap_or_else(|| panic!("{series} in\n{text}"))
    };
    let req = |m: &str, c: &str| {
        value(&format!(
            r#"factx_grpc_requests_total{{method="{m}",code="{c}"}}"#
        ))
    };
    assert_eq!(req("Extract", "OK"), 1.0);
    assert_eq!(req("Extract", "INVALID_ARGUMENT"), 1.0);
    assert_eq!(req("Extract", "CANCELLED"), 1.0);
    assert_eq!(req("ExtractStream", "OK"), 1.0);
    assert_eq!(
        value(r#"factx_grpc_request_duration_seconds_count{method="Extract"}"#),
        3.0
    );
    assert_eq!(
        value(r#"factx_grpc_in_flight_requests{method="Extract"}"#),
        0.0
    );
    assert_eq!(
        value(r#"factx_grpc_in_flight_requests{method="ExtractStream"}"#),
        0.0
    );
}

fn with_auth(req: pb::ExtractRequest, auth: Option<&str>) -> Request<pb::ExtractRequest> {
    let mut r = Request::new(req);
    if let Some(a) = auth {
        r.metadata_mut().insert("authorization", a.parse().unwrap());
    }
    r
}

#[tokio::test]
async fn auth_layer_refuses_before_the_service_runs() {
    let tokens = Arc::new(TokenSet::from_list("good-token").unwrap());
    let (mut client, dummy) = through(AuthLayer::new(Some(tokens)));
    let code = |r: Result<Response<pb::ExtractResponse>, Status>| {
        r.map(|_| Code::Ok).unwrap_or_else(|s| s.code())
    };
    let req = || extract_req("a", "text");
    assert_eq!(
        code(client.extract(with_auth(req(), None)).await),
        Code::Unauthenticated
    );
    assert_eq!(
        code(client.extract(with_auth(req(), Some("good-token"))).await),
        Code::Unauthenticated
    );
    let wrong = client
        .extract(with_auth(req(), Some("Bearer bad-token")))
        .await
        .unwrap_err();
    assert_eq!(wrong.code(), Code::PermissionDenied);
    assert!(!wrong.message().contains("token-"));
    assert_eq!(
        dummy.calls.load(Ordering::SeqCst),
        0,
        "refused calls never reach the service"
    );
    assert_eq!(
        code(
            client
                .extract(with_auth(req(), Some("Bearer good-token")))
                .await
        ),
        Code::Ok
    );
    assert_eq!(
        drain(&mut client, &["s"]).await,
        (0, Some(Code::Unauthenticated))
    );

    // Without tokens configured, every call passes.
    let (mut open, _) = through(AuthLayer::new(None));
    assert_eq!(code(open.extract(with_auth(req(), None)).await), Code::Ok);
}

#[tokio::test]
async fn admission_layer_sheds_unary_calls_at_once_when_full_but_not_streams() {
    let admission = Arc::new(Admission::new(1));
    let (client, dummy) = through(AdmissionLayer::new(admission.clone(), EXTRACTION));
    let mut first = client.clone();
    let slow = tokio::spawn(async move { first.extract(extract_req("slow", "SLEEP")).await });
    tokio::time::sleep(Duration::from_millis(100)).await;

    let mut second = client.clone();
    let t = Instant::now();
    let shed = second
        .extract(extract_req("shed", "text"))
        .await
        .unwrap_err();
    assert!(
        t.elapsed() < Duration::from_millis(300),
        "refused at once, not queued"
    );
    assert_eq!(shed.code(), Code::ResourceExhausted);
    assert_eq!(shed.get_details_error_info().unwrap().reason, "OVERLOADED");
    assert_eq!(
        shed.get_details_retry_info().unwrap().retry_delay,
        Some(Duration::from_millis(100))
    );
    assert_eq!(
        shed.metadata().get("grpc-retry-pushback-ms").unwrap(),
        "100"
    );
    assert_eq!(admission.shed_count(), 1);
    // Streams are not shed: their items wait for workers instead.
    assert_eq!(drain(&mut second, &["s1"]).await, (1, None));

    assert!(slow.await.unwrap().is_ok());
    assert!(second.extract(extract_req("after", "text")).await.is_ok());
    assert_eq!(dummy.calls.load(Ordering::SeqCst), 3);

    admission.begin_shutdown();
    let late = second
        .extract(extract_req("late", "text"))
        .await
        .unwrap_err();
    assert_eq!(late.code(), Code::Unavailable);
    assert_eq!(
        admission.shed_count(),
        1,
        "refusals while shutting down are not shed"
    );
}

#[tokio::test]
async fn deadline_layer_answers_deadline_exceeded_before_the_callers_deadline() {
    let (mut client, dummy) = through(DeadlineLayer);
    let mut req = Request::new(extract_req("slow", "SLEEP"));
    req.set_timeout(Duration::from_millis(200));
    let t = Instant::now();
    let err = client.extract(req).await.unwrap_err();
    let took = t.elapsed();
    assert_eq!(err.code(), Code::DeadlineExceeded, "{err:?}");
    assert_eq!(
        err.get_details_error_info().unwrap().reason,
        "DEADLINE_EXCEEDED"
    );
    assert!(
        took < Duration::from_millis(200),
        "answered before the caller's deadline: {took:?}"
    );
    assert!(
        took >= Duration::from_millis(150),
        "not before the server's own: {took:?}"
    );

    // Without `grpc-timeout` there is no deadline.
    client.extract(extract_req("quick", "text")).await.unwrap();
    let seen = dummy.deadlines.lock().unwrap().clone();
    assert!(seen[0].is_some_and(|d| d < t + Duration::from_millis(200)));
    assert_eq!(seen[1], None);
}

/// Keeps exported spans in memory.
#[derive(Debug, Clone, Default)]
struct Spans(Arc<Mutex<Vec<opentelemetry_sdk::trace::SpanData>>>);

impl opentelemetry_sdk::trace::SpanExporter for Spans {
    async fn export(
        &self,
        batch: Vec<opentelemetry_sdk::trace::SpanData>,
    ) -> opentelemetry_sdk::error::OTelSdkResult {
        self.0.lock().unwrap().extend(batch);
        Ok(())
    }
}

#[tokio::test]
async fn trace_layer_runs_each_call_in_a_span_of_the_callers_trace() {
    use opentelemetry::trace::{SpanId, TraceId};
    use tracing_subscriber::layer::SubscriberExt;

    const TRACE: &str = "4bf92f3577b34da6a3ce929d0e0e4736";
    const PARENT: &str = "00f067aa0ba902b7";
    let spans = Spans::default();
    let provider = opentelemetry_sdk::trace::SdkTracerProvider::builder()
        .with_simple_exporter(spans.clone())
        .build();
    let telemetry = factx::telemetry::Telemetry::with_provider(provider, None);
    let otel = tracing_opentelemetry::layer().with_tracer(telemetry.tracer().unwrap());
    let guard = tracing::subscriber::set_default(tracing_subscriber::registry().with(otel));

    let (mut client, _) = through(TraceLayer);
    let mut req = Request::new(extract_req("a", "text"));
    req.metadata_mut().insert(
        "traceparent",
        format!("00-{TRACE}-{PARENT}-01").parse().unwrap(),
    );
    client.extract(req).await.unwrap();
    drop(client);
    drop(guard);
    drop(telemetry);

    let spans = spans.0.lock().unwrap();
    assert_eq!(spans.len(), 1, "{spans:?}");
    let s = &spans[0];
    assert_eq!(s.name, "factx.v1.FactExtractionService/Extract");
    assert_eq!(s.span_context.trace_id(), TraceId::from_hex(TRACE).unwrap());
    assert_eq!(s.parent_span_id, SpanId::from_hex(PARENT).unwrap());
    assert!(
        s.events.iter().any(|e| e.name == "dummy handled a call"),
        "the handler ran inside the span: {:?}",
        s.events
    );
}
