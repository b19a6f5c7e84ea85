//! The gRPC service against an in-process server on 127.0.0.1:0.

use std::time::Duration;

use factx::grpc::server::ServerConfig;
use factx::proto::v1 as pb;
use tonic::Code;
use tonic_types::StatusExt;

use crate::util::*;

fn options(unit: pb::OffsetUnit) -> Option<pb::ExtractOptions> {
    Some(pb::ExtractOptions {
        offset_unit: unit as i32,
        ..Default::default()
    })
}

#[tokio::test]
async fn seed_article_extracts_with_spans_in_every_unit() {
    let server = TestServer::start(small_config()).await;
    let mut client = server.client().await;
    let seed = seed_article();
    for unit in [
        pb::OffsetUnit::Unspecified,
        pb::OffsetUnit::Utf8,
        pb::OffsetUnit::Utf16,
        pb::OffsetUnit::CodePoint,
    ] {
        let fs = client
            .extract(pb::ExtractRequest {
                article: Some(seed.clone()),
                options: options(unit),
            })
            .await
            .unwrap()
            .into_inner()
            .fact_set
            .unwrap();
        assert_eq!(fs.article_id, seed.id);
        let expected_unit = if unit == pb::OffsetUnit::Unspecified {
            pb::OffsetUnit::Utf8
        } else {
            unit
        };
        assert_eq!(fs.offset_unit, expected_unit as i32);
        assert_eq!(fs.text_sha256, factx_core::engine::sha256_hex(&seed.body));
        assert_eq!(fs.extractor.as_ref().unwrap().name, "factx");
        assert!(!fs.sentences.is_empty() || factx_core::pipeline::default_stages().is_empty());
        assert_grounded(&seed.body, &fs);
    }
    server.stop().await;
}

#[tokio::test]
async fn batch_answers_each_article_once_in_order_and_isolates_bad_ones() {
    let server = TestServer::start(small_config()).await;
    let mut client = server.client().await;
    let mut articles = vec![
        seed_article(),
        article("empty", "   "),
        article("panics", "PANIC here"),
        seed_article(),
    ];
    articles[3].id = "seed-2".into();
    let results = client
        .extract_batch(pb::ExtractBatchRequest {
            articles: articles.clone(),
            options: options(pb::OffsetUnit::Utf16),
        })
        .await
        .unwrap()
        .into_inner()
        .results;
    let ids: Vec<&str> = results.iter().map(|r| r.article_id.as_str()).collect();
    assert_eq!(ids, ["seed-article", "empty", "panics", "seed-2"]);
    for (r, a) in results.iter().zip(&articles) {
        match r.outcome.as_ref().unwrap() {
            pb::extract_result::Outcome::FactSet(fs) => assert_grounded(&a.body, fs),
            pb::extract_result::Outcome::Error(e) if r.article_id == "empty" => {
                assert_eq!(e.code, Code::InvalidArgument as i32);
                assert_eq!(e.reason, "EMPTY_BODY");
            }
            pb::extract_result::Outcome::Error(e) if r.article_id == "panics" => {
                assert_eq!(e.code, Code::Internal as i32);
                assert!(
                    !e.message.contains("injected"),
                    "panic text must not leak: {}",
                    e.message
                );
            }
            other => panic!("unexpected outcome for {}: {other:?}", r.article_id),
        }
    }
    server.stop().await;
}

#[tokio::test]
async fn batch_over_the_limit_is_rejected_naming_the_field() {
    let server = TestServer::start(ServerConfig {
        max_batch: 2,
        ..small_config()
    })
    .await;
    let mut client = server.client().await;
    let err = client
        .extract_batch(pb::ExtractBatchRequest {
            articles: vec![article("a", "x."), article("b", "y."), article("c", "z.")],
            options: None,
        })
        .await
        .unwrap_err();
    assert_eq!(err.code(), Code::InvalidArgument);
    assert_eq!(
        err.get_details_bad_request().unwrap().field_violations[0].field,
        "articles"
    );
    server.stop().await;
}

#[tokio::test]
async fn stream_answers_every_request_exactly_once_in_order() {
    let server = TestServer::start(small_config()).await;
    let mut client = server.client().await;
    let n = 25;
    let reqs: Vec<pb::ExtractStreamRequest> = (0..n)
        .map(|i| {
            let mut a = seed_article();
            a.id = format!("s{i}");
            if i == 7 {
                a.body = String::new();
            }
            if i == 11 {
                a.body = "PANIC".into();
            }
            pb::ExtractStreamRequest {
                article: Some(a),
                options: options(pb::OffsetUnit::CodePoint),
            }
        })
        .collect();
    let mut stream = client
        .extract_stream(tokio_stream::iter(reqs))
        .await
        .unwrap()
        .into_inner();
    let mut got = Vec::new();
    while let Some(resp) = stream.message().await.unwrap() {
        got.push(resp.result.unwrap());
    }
    let ids: Vec<String> = got.iter().map(|r| r.article_id.clone()).collect();
    let want: Vec<String> = (0..n).map(|i| format!("s{i}")).collect();
    assert_eq!(ids, want);
    let errors: Vec<(usize, i32)> = got
        .iter()
        .enumerate()
        .filter_map(|(i, r)| match &r.outcome {
            Some(pb::extract_result::Outcome::Error(e)) => Some((i, e.code)),
            _ => None,
        })
        .collect();
    assert_eq!(
        errors,
        vec![
            (7, Code::InvalidArgument as i32),
            (11, Code::Internal as i32)
        ]
    );
    server.stop().await;
}

#[tokio::test]
async fn invalid_requests_name_the_field_and_reason() {
    let server = TestServer::start_with(small_config(), test_engine(1000)).await;
    let mut client = server.client().await;
    let cases: Vec<(pb::ExtractRequest, &str, &str)> = vec![
        (
            pb::ExtractRequest {
                article: Some(article("a", "")),
                options: None,
            },
            "article.body",
            "EMPTY_BODY",
        ),
        (
            pb::ExtractRequest {
                article: Some(article("a", &"word ".repeat(300))),
                options: None,
            },
            "article.body",
            "ARTICLE_TOO_LARGE",
        ),
        (
            pb::ExtractRequest {
                article: Some(pb::Article {
                    language: "fr".into(),
                    ..article("a", "Bonjour.")
                }),
                options: None,
            },
            "article.language",
            "UNSUPPORTED_LANGUAGE",
        ),
        (
            pb::ExtractRequest {
                article: Some(article("a", "Hello.")),
                options: Some(pb::ExtractOptions {
                    offset_unit: 9,
                    ..Default::default()
                }),
            },
            "options.offset_unit",
            "UNKNOWN_OFFSET_UNIT",
        ),
        (
            pb::ExtractRequest {
                article: None,
                options: None,
            },
            "article",
            "MISSING_ARTICLE",
        ),
    ];
    for (req, field, reason) in cases {
        let err = client.extract(req).await.unwrap_err();
        assert_eq!(err.code(), Code::InvalidArgument, "{reason}");
        assert_eq!(
            err.get_details_bad_request().unwrap().field_violations[0].field,
            field
        );
        assert_eq!(err.get_details_error_info().unwrap().reason, reason);
        if reason == "ARTICLE_TOO_LARGE" {
            assert!(
                err.message().contains("1000"),
                "message names the limit: {}",
                err.message()
            );
        }
    }
    server.stop().await;
}

#[tokio::test]
async fn oversize_message_is_refused_naming_the_limit() {
    let server = TestServer::start(ServerConfig {
        max_request_bytes: 4096,
        ..small_config()
    })
    .await;
    let mut client = server.client().await;
    let err = client
        .extract(pb::ExtractRequest {
            article: Some(article("big", &"x".repeat(10_000))),
            options: None,
        })
        .await
        .unwrap_err();
    assert_eq!(err.code(), Code::OutOfRange, "{err:?}");
    assert!(err.message().contains("4096"), "{}", err.message());
    server.stop().await;
}

/// The real service behind the deadline layer, called in-process (no network): no client-side
/// timer competes with the server's answer, so the code it gives is deterministic.
#[tokio::test]
async fn expired_deadline_gives_deadline_exceeded_from_the_server() {
    use factx::grpc::admission::Admission;
    use factx::grpc::deadline::DeadlineLayer;
    use factx::grpc::service::ExtractionService;
    use factx::grpc::workers::Workers;
    use factx::proto::v1::fact_extraction_service_client::FactExtractionServiceClient;
    use factx::proto::v1::fact_extraction_service_server::FactExtractionServiceServer;
    use std::sync::Arc;

    let svc = ExtractionService {
        workers: Workers::new(
            test_engine(factx_core::engine::DEFAULT_MAX_BODY_BYTES),
            Default::default(),
            1,
        ),
        max_batch: 64,
        admission: Arc::new(Admission::new(4)),
    };
    let stack = tower::ServiceBuilder::new()
        .layer(DeadlineLayer)
        .service(FactExtractionServiceServer::new(svc));
    let mut req = tonic::Request::new(pb::ExtractRequest {
        article: Some(article("slow", "SLOW article.")),
        options: None,
    });
    req.set_timeout(Duration::from_millis(200));
    let t = std::time::Instant::now();
    let err = FactExtractionServiceClient::new(stack)
        .extract(req)
        .await
        .unwrap_err();
    assert_eq!(err.code(), Code::DeadlineExceeded, "{err:?}");
    assert!(
        t.elapsed() < Duration::from_millis(1000),
        "answered at the deadline, not after the work"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn work_for_an_expired_request_is_dropped_and_the_server_goes_on() {
    let server = TestServer::start(ServerConfig {
        workers: 1,
        ..small_config()
    })
    .await;
    let channel = server.channel().await;
    let mut busy =
        pb::fact_extraction_service_client::FactExtractionServiceClient::new(channel.clone());
    let slow = tokio::spawn(async move {
        busy.extract(pb::ExtractRequest {
            article: Some(article("slow", "SLOW article.")),
            options: None,
        })
        .await
    });
    tokio::time::sleep(Duration::from_millis(100)).await;
    // Waits for the only worker, which stays busy past this request's deadline.
    let mut client = pb::fact_extraction_service_client::FactExtractionServiceClient::new(channel);
    let mut req = tonic::Request::new(pb::ExtractRequest {
        article: Some(article("probe", "EXPIRE-PROBE article.")),
        options: None,
    });
    req.set_timeout(Duration::from_millis(300));
    let err = client.extract(req).await.unwrap_err();
    // The server answers DEADLINE_EXCEEDED a little before the deadline; on a loaded machine the
    // client's own timer may still win the race and report CANCELLED locally.
    assert!(
        matches!(err.code(), Code::DeadlineExceeded | Code::Cancelled),
        "{err:?}"
    );
    assert!(slow.await.unwrap().is_ok());
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(
        PROBE_RUNS.load(std::sync::atomic::Ordering::SeqCst),
        0,
        "the expired request never ran"
    );
    assert!(client
        .extract(pb::ExtractRequest {
            article: Some(seed_article()),
            options: None,
        })
        .await
        .is_ok());
    server.stop().await;
}

#[tokio::test]
async fn overload_sheds_with_resource_exhausted_and_health_stays_serving() {
    let server = TestServer::start(ServerConfig {
        workers: 1,
        max_in_flight: 1,
        ..small_config()
    })
    .await;
    let channel = server.channel().await;
    let mut c1 =
        pb::fact_extraction_service_client::FactExtractionServiceClient::new(channel.clone());
    let slow = tokio::spawn(async move {
        c1.extract(pb::ExtractRequest {
            article: Some(article("slow", "SLOW article.")),
            options: None,
        })
        .await
    });
    tokio::time::sleep(Duration::from_millis(100)).await;
    let mut c2 =
        pb::fact_extraction_service_client::FactExtractionServiceClient::new(channel.clone());
    let err = c2
        .extract(pb::ExtractRequest {
            article: Some(article("second", "Another article.")),
            options: None,
        })
        .await
        .unwrap_err();
    assert_eq!(err.code(), Code::ResourceExhausted);
    assert!(err.get_details_retry_info().is_some());
    let mut health = tonic_health::pb::health_client::HealthClient::new(channel.clone());
    let h = health
        .check(tonic_health::pb::HealthCheckRequest {
            service: "factx.v1.FactExtractionService".into(),
        })
        .await
        .unwrap()
        .into_inner();
    assert_eq!(
        h.status,
        tonic_health::pb::health_check_response::ServingStatus::Serving as i32
    );
    assert!(slow.await.unwrap().is_ok());
    // Capacity is back once the slow call is done.
    assert!(c2
        .extract(pb::ExtractRequest {
            article: Some(article("third", "Another article.")),
            options: None,
        })
        .await
        .is_ok());
    server.stop().await;
}

#[tokio::test]
async fn panic_in_pipeline_is_internal_for_that_article_only() {
    let server = TestServer::start(small_config()).await;
    let mut client = server.client().await;
    let err = client
        .extract(pb::ExtractRequest {
            article: Some(article("p", "PANIC now.")),
            options: None,
        })
        .await
        .unwrap_err();
    assert_eq!(err.code(), Code::Internal);
    assert!(client
        .extract(pb::ExtractRequest {
            article: Some(seed_article()),
            options: None,
        })
        .await
        .is_ok());
    server.stop().await;
}

#[tokio::test]
async fn health_and_reflection_list_the_services() {
    use tonic_reflection::pb::v1::server_reflection_client::ServerReflectionClient;
    use tonic_reflection::pb::v1::server_reflection_request::MessageRequest;
    use tonic_reflection::pb::v1::server_reflection_response::MessageResponse;
    use tonic_reflection::pb::v1::ServerReflectionRequest;

    let server = TestServer::start(small_config()).await;
    let channel = server.channel().await;
    let mut health = tonic_health::pb::health_client::HealthClient::new(channel.clone());
    for service in ["", "factx.v1.FactExtractionService"] {
        let h = health
            .check(tonic_health::pb::HealthCheckRequest {
                service: service.into(),
            })
            .await
            .unwrap()
            .into_inner();
        assert_eq!(h.status, 1, "{service:?} SERVING");
    }
    let mut refl = ServerReflectionClient::new(channel);
    let req = ServerReflectionRequest {
        host: String::new(),
        message_request: Some(MessageRequest::ListServices(String::new())),
    };
    let mut resp = refl
        .server_reflection_info(tokio_stream::iter(vec![req]))
        .await
        .unwrap()
        .into_inner();
    let msg = resp.message().await.unwrap().unwrap();
    let Some(MessageResponse::ListServicesResponse(list)) = msg.message_response else {
        panic!("unexpected reflection answer");
    };
    let names: Vec<String> = list.service.into_iter().map(|s| s.name).collect();
    for want in ["factx.v1.FactExtractionService", "grpc.health.v1.Health"] {
        assert!(names.iter().any(|n| n == want), "{want} in {names:?}");
    }
    server.stop().await;
}

#[tokio::test]
async fn gzip_requests_and_responses_work() {
    let server = TestServer::start(small_config()).await;
    let mut client = server
        .client()
        .await
        .send_compressed(tonic::codec::CompressionEncoding::Gzip)
        .accept_compressed(tonic::codec::CompressionEncoding::Gzip);
    let fs = client
        .extract(pb::ExtractRequest {
            article: Some(seed_article()),
            options: None,
        })
        .await
        .unwrap()
        .into_inner()
        .fact_set
        .unwrap();
    assert_grounded(&seed_article().body, &fs);
    server.stop().await;
}

#[tokio::test]
async fn shutdown_drains_in_flight_requests_then_refuses_new_ones() {
    let server = TestServer::start(small_config()).await;
    let addr = server.addr;
    let mut client = server.client().await;
    let inflight = tokio::spawn(async move {
        client
            .extract(pb::ExtractRequest {
                article: Some(article("slow", "SLOW but accepted before the signal.")),
                options: None,
            })
            .await
    });
    tokio::time::sleep(Duration::from_millis(100)).await;
    let stopping = tokio::spawn(server.stop());
    assert!(
        inflight.await.unwrap().is_ok(),
        "accepted request is answered"
    );
    stopping.await.unwrap();
    let refused = tonic::transport::Channel::from_shared(format!("http://{addr}"))
        .unwrap()
        .connect()
        .await;
    assert!(refused.is_err(), "no new connections after shutdown");
}
