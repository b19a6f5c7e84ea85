//! Shared fixtures and helpers.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use factx::grpc::server::{serve_on, ServerConfig};
use factx::proto::v1 as pb;
use factx::proto::v1::fact_extraction_service_client::FactExtractionServiceClient;
use factx_core::doc::{Annotation, Doc};
use factx_core::model::{OffsetUnit, Span};
use factx_core::offsets::slice_in_unit;
use factx_core::pipeline::{default_stages, Pipeline};
use factx_core::stage::Stage;
use factx_core::{Engine, EngineConfig};
use tokio::sync::oneshot;
use tonic::transport::Channel;

pub const SEED_JSON: &str = include_str!("../fixtures/seed_article.json");

pub fn seed_article() -> pb::Article {
    serde_json::from_str(SEED_JSON).expect("seed fixture parses")
}

pub fn article(id: &str, body: &str) -> pb::Article {
    pb::Article {
        id: id.into(),
        body: body.into(),
        ..Default::default()
    }
}

/// How many times the pipeline has run on a body containing `EXPIRE-PROBE`.
pub static PROBE_RUNS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// A stage that misbehaves on cue, to exercise the server's fault handling: it sleeps on bodies
/// containing `SLOW`, panics on `PANIC`, and counts bodies containing `EXPIRE-PROBE`.
struct FaultStage;

impl Stage for FaultStage {
    fn name(&self) -> &'static str {
        "test-faults"
    }
    fn requires(&self) -> &'static [Annotation] {
        &[]
    }
    fn provides(&self) -> &'static [Annotation] {
        &[]
    }
    fn run(&self, doc: &mut Doc<'_>) -> factx_core::Result<()> {
        if doc.text.contains("SLOW") {
            std::thread::sleep(Duration::from_millis(1500));
        }
        if doc.text.contains("EXPIRE-PROBE") {
            PROBE_RUNS.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        }
        if doc.text.contains("PANIC") {
            panic!("injected test panic");
        }
        Ok(())
    }
}

/// The real pipeline with the fault stage in front.
pub fn test_engine(max_body_bytes: usize) -> Arc<Engine> {
    let mut stages: Vec<Box<dyn Stage>> = vec![Box::new(FaultStage)];
    stages.extend(default_stages());
    Arc::new(Engine::with_pipeline(
        Pipeline::new(stages).expect("pipeline builds"),
        EngineConfig { max_body_bytes },
    ))
}

pub struct TestServer {
    pub addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    handle: Option<tokio::task::JoinHandle<anyhow::Result<()>>>,
}

impl TestServer {
    pub async fn start(cfg: ServerConfig) -> TestServer {
        Self::start_with(cfg, test_engine(factx_core::engine::DEFAULT_MAX_BODY_BYTES)).await
    }

    pub async fn start_with(cfg: ServerConfig, engine: Arc<Engine>) -> TestServer {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (tx, rx) = oneshot::channel();
        let handle = tokio::spawn(serve_on(listener, engine, cfg, async {
            let _ = rx.await;
        }));
        TestServer {
            addr,
            stop: Some(tx),
            handle: Some(handle),
        }
    }

    pub async fn channel(&self) -> Channel {
        Channel::from_shared(format!("http://{}", self.addr))
            .unwrap()
            .connect()
            .await
            .unwrap()
    }

    pub async fn client(&self) -> FactExtractionServiceClient<Channel> {
        FactExtractionServiceClient::new(self.channel().await)
    }

    /// Signals shutdown and waits for the server to finish draining.
    pub async fn stop(mut self) {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
        if let Some(h) = self.handle.take() {
            h.await.unwrap().unwrap();
        }
    }
}

pub fn small_config() -> ServerConfig {
    ServerConfig {
        grace: Duration::from_secs(5),
        ..ServerConfig::default()
    }
}

/// Every span of the FactSet slices the body to its text in the FactSet's unit; also checks that
/// ids referenced by facts resolve.
pub fn assert_grounded(body: &str, fs: &pb::FactSet) {
    let unit = match pb::OffsetUnit::try_from(fs.offset_unit).unwrap() {
        pb::OffsetUnit::Utf16 => OffsetUnit::Utf16,
        pb::OffsetUnit::CodePoint => OffsetUnit::CodePoint,
        _ => OffsetUnit::Utf8,
    };
    let slicer = UnitSlicer::new(body, unit);
    let slice = |s: &pb::Span| {
        let span = Span::new(s.start as usize, s.end as usize);
        let text = slicer
            .slice(span)
            .unwrap_or_else(|| panic!("span {s:?} does not slice the body in {unit:?}"));
        // Cross-check the fast slicer against the library's reference on small bodies.
        if body.len() < 4096 {
            assert_eq!(
                slice_in_unit(body, unit, span).as_deref(),
                Some(text.as_str())
            );
        }
        text
    };
    for s in &fs.sentences {
        slice(s);
    }
    let mut entity_ids = std::collections::HashSet::new();
    for e in &fs.entities {
        assert!(
            entity_ids.insert(e.id.clone()),
            "duplicate entity id {}",
            e.id
        );
        for m in &e.mentions {
            assert_eq!(
                slice(m.span.as_ref().unwrap()),
                m.text,
                "mention of {}",
                e.id
            );
            assert!((m.sentence as usize) < fs.sentences.len().max(1));
        }
    }
    let mut time_ids = std::collections::HashSet::new();
    for t in &fs.times {
        time_ids.insert(t.id.clone());
        assert_eq!(slice(t.span.as_ref().unwrap()), t.text, "time {}", t.id);
    }
    for f in &fs.facts {
        if let Some(tr) = &f.trigger {
            slice(tr);
        }
        for ev in &f.evidence {
            slice(ev);
        }
        for a in &f.arguments {
            match &a.value {
                Some(pb::argument::Value::EntityId(id)) => assert!(
                    entity_ids.contains(id),
                    "fact {} names unknown entity {id}",
                    f.id
                ),
                Some(pb::argument::Value::TimeId(id)) => assert!(
                    time_ids.contains(id),
                    "fact {} names unknown time {id}",
                    f.id
                ),
                _ => {}
            }
        }
        if !f.attributed_to.is_empty() {
            assert!(entity_ids.contains(&f.attributed_to));
        }
    }
    for (i, t) in fs.tokens.iter().enumerate() {
        assert_eq!(slice(t.span.as_ref().unwrap()), t.text, "token {i}");
        assert!(!t.lemma.is_empty() && !t.relation.is_empty(), "token {i}");
        assert!(t
            .head
            .is_none_or(|h| (h as usize) < fs.tokens.len() && h as usize != i));
        assert!((t.sentence as usize) < fs.sentences.len().max(1));
    }
}

/// Slices a body by spans in any unit, with the unit index built once (hostile tests check
/// thousands of spans over megabyte bodies; `slice_in_unit` rebuilds its index per call).
struct UnitSlicer<'a> {
    body: &'a str,
    unit: OffsetUnit,
    chars: Vec<char>,
    units: Vec<u16>,
}

impl<'a> UnitSlicer<'a> {
    fn new(body: &'a str, unit: OffsetUnit) -> Self {
        UnitSlicer {
            body,
            unit,
            chars: match unit {
                OffsetUnit::CodePoint => body.chars().collect(),
                _ => Vec::new(),
            },
            units: match unit {
                OffsetUnit::Utf16 => body.encode_utf16().collect(),
                _ => Vec::new(),
            },
        }
    }

    fn slice(&self, span: Span) -> Option<String> {
        match self.unit {
            OffsetUnit::Utf8 => self.body.get(span.start..span.end).map(str::to_owned),
            OffsetUnit::CodePoint => self
                .chars
                .get(span.start..span.end)
                .map(|c| c.iter().collect()),
            OffsetUnit::Utf16 => self
                .units
                .get(span.start..span.end)
                .and_then(|u| String::from_utf16(u).ok()),
        }
    }
}
