//! `factx loadtest` against an in-process server: the report's counts match what was sent, and
//! failures are counted by status name, never hidden.

use std::time::Duration;

use factx::loadtest::{run_load, Limit, LoadConfig, Mode};
use factx::proto::v1 as pb;

use crate::util::*;

fn config(addr: String, mode: Mode, requests: u64, articles: Vec<pb::Article>) -> LoadConfig {
    LoadConfig {
        addr,
        mode,
        limit: Limit::Requests(requests),
        articles,
        rate: None,
        connections: 1,
        timeout: Duration::from_secs(30),
    }
}

/// The seed article and one with an empty body, which the server rejects as INVALID_ARGUMENT.
fn good_and_bad() -> Vec<pb::Article> {
    vec![seed_article(), article("empty", "   ")]
}

#[tokio::test]
async fn unary_counts_requests_and_errors_by_name() {
    let server = TestServer::start(small_config()).await;
    let mode = Mode::Unary {
        concurrency: 2,
        batch: 1,
    };
    let r = run_load(config(server.addr.to_string(), mode, 6, good_and_bad()))
        .await
        .unwrap();
    assert_eq!(r.requests, 6);
    assert_eq!(r.requests_ok, 3);
    assert_eq!(r.articles_ok, 3);
    assert_eq!(r.articles_failed, 3);
    assert_eq!(r.bytes_ok, 3 * seed_article().body.len() as u64);
    assert_eq!(r.errors.get("INVALID_ARGUMENT"), Some(&3));
    assert_eq!(r.errors.len(), 1);
    assert!(r.latency.p50_ms > 0.0 && r.latency.p50_ms <= r.latency.p99_ms);
    assert!(r.latency.p99_ms <= r.latency.max_ms);
    server.stop().await;
}

#[tokio::test]
async fn batch_counts_failed_articles_inside_ok_calls() {
    let server = TestServer::start(small_config()).await;
    let mode = Mode::Unary {
        concurrency: 1,
        batch: 3,
    };
    let r = run_load(config(server.addr.to_string(), mode, 2, good_and_bad()))
        .await
        .unwrap();
    assert_eq!(r.requests, 2);
    assert_eq!(r.requests_ok, 2);
    assert_eq!(r.articles_ok, 3);
    assert_eq!(r.articles_failed, 3);
    assert_eq!(r.errors.get("INVALID_ARGUMENT"), Some(&3));
    server.stop().await;
}

#[tokio::test]
async fn streams_count_every_message() {
    let server = TestServer::start(small_config()).await;
    let mode = Mode::Stream {
        streams: 2,
        window: 2,
    };
    let r = run_load(config(server.addr.to_string(), mode, 8, good_and_bad()))
        .await
        .unwrap();
    assert_eq!(r.requests, 8);
    assert_eq!(r.requests_ok, 8);
    assert_eq!(r.articles_ok, 4);
    assert_eq!(r.articles_failed, 4);
    assert_eq!(r.errors.get("INVALID_ARGUMENT"), Some(&4));
    assert!(r.articles_per_s > 0.0 && r.mb_per_s > 0.0);
    server.stop().await;
}

#[tokio::test]
async fn unreachable_server_is_reported_as_unavailable() {
    // A port that was just free: nothing listens there.
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let mode = Mode::Unary {
        concurrency: 1,
        batch: 1,
    };
    let r = run_load(config(
        format!("http://127.0.0.1:{port}"),
        mode,
        2,
        vec![seed_article()],
    ))
    .await
    .unwrap();
    assert_eq!(r.requests, 2);
    assert_eq!(r.requests_ok, 0);
    assert_eq!(r.errors.get("UNAVAILABLE"), Some(&2));
}
