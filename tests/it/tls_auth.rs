//! TLS, mutual TLS and bearer tokens, with certificates generated per test (rcgen).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use factx::grpc::auth::TokenSet;
use factx::grpc::server::ServerConfig;
use factx::grpc::tls::TlsFiles;
use factx::proto::v1 as pb;
use factx::proto::v1::fact_extraction_service_client::FactExtractionServiceClient;
use rcgen::{
    BasicConstraints, CertificateParams, CertifiedIssuer, DnType, ExtendedKeyUsagePurpose, IsCa,
    KeyPair, KeyUsagePurpose,
};
use tonic::transport::{Certificate, Channel, ClientTlsConfig, Identity};
use tonic::Code;
use tonic_health::pb::health_check_response::ServingStatus;
use tonic_health::pb::health_client::HealthClient;
use tonic_health::pb::HealthCheckRequest;

use crate::util::*;

/// A throwaway CA with a server certificate for `localhost` and client certificates.
struct Pki {
    dir: tempfile::TempDir,
    ca: CertifiedIssuer<'static, KeyPair>,
}

struct Leaf {
    cert_pem: String,
    key_pem: String,
}

impl Pki {
    fn new(name: &str) -> Pki {
        let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.distinguished_name.push(DnType::CommonName, name);
        params.key_usages = vec![
            KeyUsagePurpose::KeyCertSign,
            KeyUsagePurpose::CrlSign,
            KeyUsagePurpose::DigitalSignature,
        ];
        let ca = CertifiedIssuer::self_signed(params, KeyPair::generate().unwrap()).unwrap();
        Pki {
            dir: tempfile::tempdir().unwrap(),
            ca,
        }
    }

    fn leaf(&self, name: &str, usage: ExtendedKeyUsagePurpose) -> Leaf {
        let key = KeyPair::generate().unwrap();
        let mut params = CertificateParams::new(vec![name.to_string()]).unwrap();
        params.distinguished_name.push(DnType::CommonName, name);
        params.extended_key_usages = vec![usage];
        let cert = params.signed_by(&key, &*self.ca).unwrap();
        Leaf {
            cert_pem: cert.pem(),
            key_pem: key.serialize_pem(),
        }
    }

    fn write(&self, file: &str, text: &str) -> PathBuf {
        let p = self.dir.path().join(file);
        std::fs::write(&p, text).unwrap();
        p
    }

    /// Server TLS files; with `mtls`, client certificates from this CA are required.
    fn server_files(&self, mtls: bool) -> TlsFiles {
        let server = self.leaf("localhost", ExtendedKeyUsagePurpose::ServerAuth);
        TlsFiles {
            cert: self.write("server.pem", &server.cert_pem),
            key: self.write("server.key", &server.key_pem),
            client_ca: mtls.then(|| self.write("ca.pem", &self.ca.pem())),
        }
    }

    fn client_tls(&self, identity: Option<&Leaf>) -> ClientTlsConfig {
        let tls = ClientTlsConfig::new()
            .ca_certificate(Certificate::from_pem(self.ca.pem()))
            .domain_name("localhost");
        match identity {
            Some(l) => tls.identity(Identity::from_pem(&l.cert_pem, &l.key_pem)),
            None => tls,
        }
    }
}

async fn tls_channel(
    addr: SocketAddr,
    tls: ClientTlsConfig,
) -> Result<Channel, tonic::transport::Error> {
    Channel::from_shared(format!("https://{addr}"))
        .unwrap()
        .tls_config(tls)?
        .connect()
        .await
}

fn request(body: &str) -> tonic::Request<pb::ExtractRequest> {
    tonic::Request::new(pb::ExtractRequest {
        article: Some(article("a1", body)),
        options: None,
    })
}

const BODY: &str = "The minister met the ambassador in Paris on Monday.";

async fn extract_ok(channel: Channel) {
    let fs = FactExtractionServiceClient::new(channel)
        .extract(request(BODY))
        .await
        .unwrap()
        .into_inner()
        .fact_set
        .unwrap();
    assert_grounded(BODY, &fs);
}

async fn health_status(channel: Channel) -> i32 {
    HealthClient::new(channel)
        .check(HealthCheckRequest {
            service: "factx.v1.FactExtractionService".into(),
        })
        .await
        .unwrap()
        .into_inner()
        .status
}

#[tokio::test]
async fn tls_serves_extraction_and_rejects_plaintext() {
    let pki = Pki::new("factx test CA");
    let server = TestServer::start(ServerConfig {
        tls: Some(pki.server_files(false)),
        ..small_config()
    })
    .await;
    let channel = tls_channel(server.addr, pki.client_tls(None))
        .await
        .unwrap();
    extract_ok(channel.clone()).await;
    assert_eq!(health_status(channel).await, ServingStatus::Serving as i32);

    // A plaintext client cannot talk to the TLS port.
    let plain = Channel::from_shared(format!("http://{}", server.addr))
        .unwrap()
        .connect()
        .await;
    if let Ok(ch) = plain {
        let r = FactExtractionServiceClient::new(ch)
            .extract(request(BODY))
            .await;
        assert!(r.is_err(), "plaintext call to a TLS server succeeded");
    }

    // A client that does not trust the server's CA refuses it.
    let other = Pki::new("another CA");
    let untrusted = tls_channel(server.addr, other.client_tls(None)).await;
    if let Ok(ch) = untrusted {
        let r = FactExtractionServiceClient::new(ch)
            .extract(request(BODY))
            .await;
        assert!(r.is_err(), "client accepted a server from an unknown CA");
    }
    server.stop().await;
}

#[tokio::test]
async fn mtls_requires_a_client_certificate_from_the_ca() {
    let pki = Pki::new("factx test CA");
    let server = TestServer::start(ServerConfig {
        tls: Some(pki.server_files(true)),
        ..small_config()
    })
    .await;

    // No client certificate: the handshake (or, in TLS 1.3, the first call) fails.
    if let Ok(ch) = tls_channel(server.addr, pki.client_tls(None)).await {
        let r = FactExtractionServiceClient::new(ch)
            .extract(request(BODY))
            .await;
        assert!(r.is_err(), "mTLS server served a client without a cert");
    }

    // A certificate from some other CA is rejected too.
    let rogue_ca = Pki::new("rogue CA");
    let rogue = rogue_ca.leaf("client", ExtendedKeyUsagePurpose::ClientAuth);
    if let Ok(ch) = tls_channel(server.addr, pki.client_tls(Some(&rogue))).await {
        let r = FactExtractionServiceClient::new(ch)
            .extract(request(BODY))
            .await;
        assert!(r.is_err(), "mTLS server served a client from another CA");
    }

    // A certificate from the configured CA is accepted.
    let good = pki.leaf("client", ExtendedKeyUsagePurpose::ClientAuth);
    let ch = tls_channel(server.addr, pki.client_tls(Some(&good)))
        .await
        .unwrap();
    extract_ok(ch).await;
    server.stop().await;
}

fn with_token(body: &str, auth: Option<&str>) -> tonic::Request<pb::ExtractRequest> {
    let mut r = request(body);
    if let Some(a) = auth {
        r.metadata_mut().insert("authorization", a.parse().unwrap());
    }
    r
}

#[tokio::test]
async fn bearer_tokens_guard_extraction_but_not_health() {
    let tokens = TokenSet::from_list("first-token,second-token").unwrap();
    let server = TestServer::start(ServerConfig {
        auth: Some(Arc::new(tokens)),
        ..small_config()
    })
    .await;
    let channel = server.channel().await;
    let mut client = FactExtractionServiceClient::new(channel.clone());

    let missing = client.extract(with_token(BODY, None)).await.unwrap_err();
    assert_eq!(missing.code(), Code::Unauthenticated);
    let malformed = client
        .extract(with_token(BODY, Some("first-token")))
        .await
        .unwrap_err();
    assert_eq!(malformed.code(), Code::Unauthenticated);
    let wrong = client
        .extract(with_token(BODY, Some("Bearer first-token-x")))
        .await
        .unwrap_err();
    assert_eq!(wrong.code(), Code::PermissionDenied);
    assert!(!wrong.message().contains("first-token"));

    for good in ["Bearer first-token", "Bearer second-token"] {
        let fs = client
            .extract(with_token(BODY, Some(good)))
            .await
            .unwrap()
            .into_inner()
            .fact_set
            .unwrap();
        assert_grounded(BODY, &fs);
    }

    // Streams are guarded as well.
    let stream = client
        .extract_stream(tokio_stream::iter(vec![pb::ExtractStreamRequest {
            article: Some(article("s1", BODY)),
            options: None,
        }]))
        .await
        .unwrap_err();
    assert_eq!(stream.code(), Code::Unauthenticated);

    // Probes carry no token.
    assert_eq!(health_status(channel).await, ServingStatus::Serving as i32);
    server.stop().await;
}

#[tokio::test]
async fn tls_and_tokens_together() {
    let pki = Pki::new("factx test CA");
    let server = TestServer::start(ServerConfig {
        tls: Some(pki.server_files(false)),
        auth: Some(Arc::new(TokenSet::new(["tok"]).unwrap())),
        ..small_config()
    })
    .await;
    let ch = tls_channel(server.addr, pki.client_tls(None))
        .await
        .unwrap();
    let mut client = FactExtractionServiceClient::new(ch);
    let denied = client.extract(with_token(BODY, None)).await.unwrap_err();
    assert_eq!(denied.code(), Code::Unauthenticated);
    let ok = client
        .extract(with_token(BODY, Some("Bearer tok")))
        .await
        .unwrap();
    assert!(ok.into_inner().fact_set.is_some());
    server.stop().await;
}

#[test]
fn bad_tls_files_fail_with_the_file_named() {
    let pki = Pki::new("factx test CA");
    let missing = TlsFiles {
        cert: pki.dir.path().join("nope.pem"),
        key: pki.dir.path().join("nope.key"),
        client_ca: None,
    };
    let err = format!("{:#}", missing.load().unwrap_err());
    assert!(err.contains("nope.pem"), "{err}");

    let garbage = TlsFiles {
        cert: pki.write("garbage.pem", "not a certificate"),
        key: pki.write("garbage.key", "not a key"),
        client_ca: None,
    };
    let err = format!("{:#}", garbage.load().unwrap_err());
    assert!(err.contains("garbage.pem"), "{err}");

    // Swapped cert and key: PEM, but the wrong kind.
    let good = pki.server_files(false);
    let swapped = TlsFiles {
        cert: good.key.clone(),
        key: good.cert.clone(),
        client_ca: None,
    };
    assert!(swapped.load().is_err());

    let bad_ca = TlsFiles {
        client_ca: Some(pki.dir.path().join("missing-ca.pem")),
        ..good
    };
    let err = format!("{:#}", bad_ca.load().unwrap_err());
    assert!(err.contains("missing-ca.pem"), "{err}");
}

/// Runs `factx serve` with `args`; it must exit on its own (bad config) within 60 s.
fn serve_must_fail(args: &[&std::ffi::OsStr]) -> String {
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_factx"))
        .args(["serve", "--listen", "127.0.0.1:0"])
        .args(args)
        .env_remove("FACTX_AUTH_TOKENS")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("factx serve started despite bad configuration {args:?}");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    assert!(!status.success());
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
    stderr
}

#[test]
fn serve_refuses_to_start_with_unreadable_tls_or_empty_tokens() {
    let dir = tempfile::tempdir().unwrap();
    let cert = dir.path().join("cert.pem");
    let key = dir.path().join("key.pem");
    let stderr = serve_must_fail(&[
        "--tls-cert".as_ref(),
        cert.as_os_str(),
        "--tls-key".as_ref(),
        key.as_os_str(),
    ]);
    assert!(stderr.contains("cert.pem"), "{stderr}");

    let empty = dir.path().join("tokens.txt");
    std::fs::write(&empty, "# no tokens yet\n\n").unwrap();
    let stderr = serve_must_fail(&["--auth-tokens-file".as_ref(), empty.as_os_str()]);
    assert!(stderr.contains("tokens.txt"), "{stderr}");
}
