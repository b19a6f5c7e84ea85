//! `/metrics` scraped over HTTP after real calls: the counters move with the traffic.

use std::sync::Arc;
use std::time::Duration;

use factx::grpc::server::ServerConfig;
use factx::metrics::{serve_metrics, Metrics};
use factx::proto::v1 as pb;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::sync::oneshot;

use crate::util::*;

/// A raw HTTP/1.1 GET; returns the status line and the body.
async fn http_get(addr: std::net::SocketAddr, path: &str) -> (String, String) {
    let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
    let req = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    s.write_all(req.as_bytes()).await.unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).await.unwrap();
    let raw = String::from_utf8(raw).unwrap();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
    (
        head.lines().next().unwrap_or("").to_string(),
        body.to_string(),
    )
}

/// The value of the sample whose name and labels are exactly `series`.
fn value(text: &str, series: &str) -> Option<f64> {
    text.lines().find_map(|l| {
        let rest = l.strip_prefix(series)?;
        rest.starts_with(' ').then(|| rest.trim().parse().ok())?
    })
}

#[tokio::test]
async fn metrics_endpoint_reports_calls_articles_and_stages() {
    let metrics = Arc::new(Metrics::new());
    let server = TestServer::start(ServerConfig {
        metrics: metrics.clone(),
        ..small_config()
    })
    .await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let maddr = listener.local_addr().unwrap();
    let (stop_tx, stop_rx) = oneshot::channel::<()>();
    let http = tokio::spawn(serve_metrics(listener, metrics.clone(), async {
        let _ = stop_rx.await;
    }));

    let (status, before) = http_get(maddr, "/metrics").await;
    assert!(status.contains(" 200 "), "{status}");
    assert_eq!(
        value(
            &before,
            r#"factx_grpc_requests_total{method="Extract",code="OK"}"#
        ),
        None,
        "no calls yet"
    );

    let mut client = server.client().await;
    let seed = seed_article();
    let fs = client
        .extract(pb::ExtractRequest {
            article: Some(seed.clone()),
            options: None,
        })
        .await
        .unwrap()
        .into_inner()
        .fact_set
        .unwrap();
    let err = client
        .extract(pb::ExtractRequest {
            article: None,
            options: None,
        })
        .await
        .unwrap_err();
    assert_eq!(err.code(), tonic::Code::InvalidArgument);
    let other = article(
        "b1",
        "The prime minister of Canada met the president of Brazil in Ottawa on Monday.",
    );
    client
        .extract_batch(pb::ExtractBatchRequest {
            articles: vec![seed.clone(), other.clone()],
            options: None,
        })
        .await
        .unwrap();
    let mut stream = client
        .extract_stream(tokio_stream::iter(vec![pb::ExtractStreamRequest {
            article: Some(other.clone()),
            options: None,
        }]))
        .await
        .unwrap()
        .into_inner();
    while stream.message().await.unwrap().is_some() {}

    // The stream's own record is written by the server just after its last message.
    let mut text = String::new();
    for _ in 0..50 {
        text = http_get(maddr, "/metrics").await.1;
        if value(
            &text,
            r#"factx_grpc_requests_total{method="ExtractStream",code="OK"}"#,
        )
        .is_some()
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(40)).await;
    }
    let v = |series: &str| value(&text, series).unwrap_or_else(|| panic!("{series} in\n{text}"));
    assert_eq!(
        v(r#"factx_grpc_requests_total{method="Extract",code="OK"}"#),
        1.0
    );
    assert_eq!(
        v(r#"factx_grpc_requests_total{method="Extract",code="INVALID_ARGUMENT"}"#),
        1.0
    );
    assert_eq!(
        v(r#"factx_grpc_requests_total{method="ExtractBatch",code="OK"}"#),
        1.0
    );
    assert_eq!(
        v(r#"factx_grpc_requests_total{method="ExtractStream",code="OK"}"#),
        1.0
    );
    assert_eq!(
        v(r#"factx_grpc_request_duration_seconds_count{method="Extract"}"#),
        2.0
    );
    assert_eq!(v(r#"factx_grpc_in_flight_requests{method="Extract"}"#), 0.0);
    // Seed once alone, once in the batch; the other article in the batch and the stream.
    assert_eq!(v(r#"factx_articles_total{outcome="ok"}"#), 4.0);
    let bytes = 2 * seed.body.len() + 2 * other.body.len();
    assert_eq!(v("factx_article_bytes_total"), bytes as f64);
    assert!(v("factx_entities_total") >= 2.0 * fs.entities.len() as f64);
    let facts: f64 = text
        .lines()
        .filter(|l| l.starts_with("factx_facts_total{"))
        .filter_map(|l| l.rsplit(' ').next()?.parse::<f64>().ok())
        .sum();
    assert!(facts >= 2.0 * fs.facts.len() as f64, "{facts}");
    // Every stage of the pipeline timed once per article.
    for stage in factx_core::pipeline::default_stages() {
        let series = format!(
            "factx_stage_duration_seconds_count{{stage=\"{}\"}}",
            stage.name()
        );
        assert_eq!(v(&series), 4.0, "{series}");
    }
    assert_eq!(v("factx_shed_requests_total"), 0.0);

    let (status, _) = http_get(maddr, "/nope").await;
    assert!(status.contains(" 404 "), "{status}");
    let _ = stop_tx.send(());
    http.await.unwrap().unwrap();
    server.stop().await;
}
