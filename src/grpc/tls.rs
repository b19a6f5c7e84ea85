//! TLS (rustls) for the server: certificate and key from PEM files, optional client-certificate
//! verification (mTLS) against a CA file.

use std::path::{Path, PathBuf};

use anyhow::Context;
use tonic::transport::{Certificate, Identity, ServerTlsConfig};

/// Where the server's TLS material lives.
#[derive(Debug, Clone)]
pub struct TlsFiles {
    pub cert: PathBuf,
    pub key: PathBuf,
    /// When set, every client must present a certificate signed by this CA.
    pub client_ca: Option<PathBuf>,
}

fn read_pem(path: &Path, what: &str) -> anyhow::Result<Vec<u8>> {
    let bytes =
        std::fs::read(path).with_context(|| format!("reading {what} {}", path.display()))?;
    anyhow::ensure!(
        String::from_utf8_lossy(&bytes).contains("-----BEGIN "),
        "{what} {} is not a PEM file",
        path.display()
    );
    Ok(bytes)
}

impl TlsFiles {
    /// Reads the files into a tonic TLS config; errors name the file that failed.
    pub fn load(&self) -> anyhow::Result<ServerTlsConfig> {
        let cert = read_pem(&self.cert, "TLS certificate")?;
        let key = read_pem(&self.key, "TLS private key")?;
        let mut cfg = ServerTlsConfig::new().identity(Identity::from_pem(cert, key));
        if let Some(ca) = &self.client_ca {
            let ca = read_pem(ca, "TLS client CA")?;
            cfg = cfg
                .client_ca_root(Certificate::from_pem(ca))
                .client_auth_optional(false);
        }
        // Parse now, so a bad certificate or key fails at startup with the file names attached.
        tonic::transport::Server::builder()
            .tls_config(cfg.clone())
            .with_context(|| {
                format!(
                    "TLS certificate {} / key {}",
                    self.cert.display(),
                    self.key.display()
                )
            })?;
        Ok(cfg)
    }
}
