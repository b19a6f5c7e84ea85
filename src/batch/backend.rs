//! Where `factx batch` sends articles: the in-process engine, or a server (with retries and
//! client-side round-robin over every address the server's DNS name resolves to).

use std::collections::HashSet;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use factx_core::model::ExtractOptions;
use factx_core::{Engine, EngineConfig, Error};
use tonic::transport::channel::Change;
use tonic::transport::{Channel, Endpoint};
use tonic_types::StatusExt;

use crate::convert;
use crate::proto::v1 as pb;
use crate::proto::v1::fact_extraction_service_client::FactExtractionServiceClient;

/// Attempts per article against a server before its error is recorded.
const MAX_ATTEMPTS: u32 = 8;

#[derive(Clone)]
pub enum Backend {
    Local {
        engine: Arc<Engine>,
        options: ExtractOptions,
    },
    Remote(Box<Remote>),
}

#[derive(Clone)]
pub struct Remote {
    client: FactExtractionServiceClient<Channel>,
    options: pb::ExtractOptions,
    timeout: Duration,
}

impl Backend {
    pub fn local(options: ExtractOptions) -> anyhow::Result<Self> {
        Ok(Backend::Local {
            engine: Arc::new(Engine::new(EngineConfig::default())?),
            options,
        })
    }

    /// Connects lazily to `url` (e.g. `http://factx-headless.ns.svc:50051`), balancing over every
    /// address its name resolves to, refreshed every 30 s as pods come and go.
    pub async fn remote(
        url: &str,
        options: pb::ExtractOptions,
        timeout: Duration,
    ) -> anyhow::Result<Self> {
        let uri: tonic::codegen::http::Uri = url
            .parse()
            .with_context(|| format!("--server {url:?} is not a URL"))?;
        let host = uri.host().context("--server URL needs a host")?.to_string();
        let port = uri.port_u16().unwrap_or(50051);
        let scheme = uri.scheme_str().unwrap_or("http").to_string();
        let (channel, changes) = Channel::balance_channel::<SocketAddr>(64);
        let mut known: HashSet<SocketAddr> = HashSet::new();
        refresh(&host, port, &scheme, &changes, &mut known).await?;
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(Duration::from_secs(30)).await;
                if changes.is_closed() {
                    break;
                }
                if let Err(e) = refresh(&host, port, &scheme, &changes, &mut known).await {
                    tracing::warn!(error = %e, "re-resolving the server address failed");
                }
            }
        });
        let client = FactExtractionServiceClient::new(channel)
            .max_decoding_message_size(crate::grpc::server::DEFAULT_MAX_RESPONSE_BYTES)
            .max_encoding_message_size(crate::grpc::server::DEFAULT_MAX_REQUEST_BYTES);
        Ok(Backend::Remote(Box::new(Remote {
            client,
            options,
            timeout,
        })))
    }

    /// Processes one article; never fails: errors become the result's `error`.
    pub async fn process(&self, article: Result<pb::Article, String>) -> pb::ExtractResult {
        let article = match article {
            Ok(a) => a,
            Err(msg) => {
                let e = Error::invalid(
                    "article",
                    "MALFORMED_JSON",
                    format!("malformed article JSON: {msg}"),
                );
                return convert::result_to_pb(String::new(), Err(e));
            }
        };
        match self {
            Backend::Local { engine, options } => {
                let id = article.id.clone();
                let engine = engine.clone();
                let options = options.clone();
                let r = tokio::task::spawn_blocking(move || {
                    let a = convert::article_from_pb(article)?;
                    engine.extract(&a, &options)
                })
                .await
                .unwrap_or_else(|e| Err(Error::Internal(format!("task failed: {e}"))));
                convert::result_to_pb(id, r)
            }
            Backend::Remote(r) => {
                remote_extract(r.client.clone(), article, r.options.clone(), r.timeout).await
            }
        }
    }
}

async fn refresh(
    host: &str,
    port: u16,
    scheme: &str,
    changes: &tokio::sync::mpsc::Sender<Change<SocketAddr, Endpoint>>,
    known: &mut HashSet<SocketAddr>,
) -> anyhow::Result<()> {
    let addrs: HashSet<SocketAddr> = tokio::net::lookup_host((host, port))
        .await
        .with_context(|| format!("resolving {host}"))?
        .collect();
    for a in addrs.difference(known) {
        let ep = Endpoint::from_shared(format!("{scheme}://{a}"))?
            .connect_timeout(Duration::from_secs(5))
            .tcp_nodelay(true);
        let _ = changes.send(Change::Insert(*a, ep)).await;
    }
    for a in known.difference(&addrs) {
        let _ = changes.send(Change::Remove(*a)).await;
    }
    *known = addrs;
    Ok(())
}

async fn remote_extract(
    mut client: FactExtractionServiceClient<Channel>,
    article: pb::Article,
    options: pb::ExtractOptions,
    timeout: Duration,
) -> pb::ExtractResult {
    let id = article.id.clone();
    let mut attempt = 0;
    loop {
        attempt += 1;
        let mut req = tonic::Request::new(pb::ExtractRequest {
            article: Some(article.clone()),
            options: Some(options.clone()),
        });
        req.set_timeout(timeout);
        match client.extract(req).await {
            Ok(resp) => {
                return pb::ExtractResult {
                    article_id: id,
                    outcome: resp
                        .into_inner()
                        .fact_set
                        .map(pb::extract_result::Outcome::FactSet),
                }
            }
            Err(status) => {
                let retryable = matches!(
                    status.code(),
                    tonic::Code::Unavailable | tonic::Code::ResourceExhausted
                );
                if retryable && attempt < MAX_ATTEMPTS {
                    // Exponential backoff with jitter from the clock's low bits: 100 ms .. 6.4 s.
                    let base = 100u64 << (attempt - 1).min(6);
                    let jitter = u64::from(
                        std::time::SystemTime::now()
                            .duration_since(std::time::UNIX_EPOCH)
                            .map_or(0, |d| d.subsec_nanos())
                            % 50,
                    );
                    tokio::time::sleep(Duration::from_millis(base + jitter)).await;
                    continue;
                }
                let reason = status
                    .get_details_error_info()
                    .map(|i| i.reason)
                    .unwrap_or_default();
                return pb::ExtractResult {
                    article_id: id,
                    outcome: Some(pb::extract_result::Outcome::Error(pb::ExtractError {
                        code: status.code() as i32,
                        message: status.message().to_string(),
                        reason,
                    })),
                };
            }
        }
    }
}
