//! Bearer-token authentication for the extraction service, as a tower layer.
//!
//! Tokens are kept only as SHA-256 digests and compared in constant time, so neither the stored
//! tokens nor the timing of a comparison reveal anything about a valid token. Health and
//! reflection are not behind this layer (orchestrator probes and tooling carry no credentials).

use std::convert::Infallible;
use std::fmt;
use std::path::Path;
use std::sync::Arc;
use std::task::{Context, Poll};

use anyhow::Context as _;
use futures::future::{BoxFuture, FutureExt};
use http::HeaderMap;
use sha2::{Digest, Sha256};
use subtle::{Choice, ConstantTimeEq};
use tonic::Status;
use tower::{Layer, Service};

/// The accepted bearer tokens, as digests.
#[derive(Clone)]
pub struct TokenSet {
    digests: Vec<[u8; 32]>,
}

impl fmt::Debug for TokenSet {
    // Never print tokens (or their digests) in logs or `?cfg` dumps.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "TokenSet({} tokens)", self.digests.len())
    }
}

fn digest(token: &[u8]) -> [u8; 32] {
    Sha256::digest(token).into()
}

impl TokenSet {
    /// Builds the set from tokens; blank entries are ignored. Errors if none remain, because an
    /// empty set would silently lock every caller out.
    pub fn new<I, S>(tokens: I) -> anyhow::Result<TokenSet>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let digests: Vec<[u8; 32]> = tokens
            .into_iter()
            .map(|t| t.as_ref().trim().to_owned())
            .filter(|t| !t.is_empty())
            .map(|t| digest(t.as_bytes()))
            .collect();
        anyhow::ensure!(!digests.is_empty(), "no bearer tokens given");
        Ok(TokenSet { digests })
    }

    /// One token per line; blank lines and lines starting with `#` are skipped.
    pub fn from_file(path: &Path) -> anyhow::Result<TokenSet> {
        TokenSet::new(tokens_in_file(path)?)
            .with_context(|| format!("auth tokens file {}", path.display()))
    }

    /// Comma-separated tokens, as in `FACTX_AUTH_TOKENS`.
    pub fn from_list(list: &str) -> anyhow::Result<TokenSet> {
        TokenSet::new(list.split(',')).context("FACTX_AUTH_TOKENS / --auth-tokens")
    }

    /// Constant-time membership: every stored digest is compared, whatever matches.
    pub fn contains(&self, token: &str) -> bool {
        let d = digest(token.as_bytes());
        let mut hit = Choice::from(0);
        for known in &self.digests {
            hit |= known.ct_eq(&d);
        }
        hit.into()
    }

    /// Checks the `authorization` metadata (header) of a call.
    pub fn check(&self, headers: &HeaderMap) -> Result<(), Status> {
        let Some(value) = headers.get("authorization") else {
            return Err(Status::unauthenticated(
                "missing `authorization: Bearer <token>` metadata",
            ));
        };
        let token = value
            .to_str()
            .ok()
            .and_then(|v| {
                let (scheme, rest) = v.split_once(' ')?;
                scheme.eq_ignore_ascii_case("bearer").then(|| rest.trim())
            })
            .ok_or_else(|| {
                Status::unauthenticated("`authorization` metadata is not `Bearer <token>`")
            })?;
        if self.contains(token) {
            Ok(())
        } else {
            Err(Status::permission_denied("bearer token not accepted"))
        }
    }
}

/// The tokens listed in a file: one per line, blank lines and `#` comments skipped.
pub fn tokens_in_file(path: &Path) -> anyhow::Result<Vec<String>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("reading auth tokens file {}", path.display()))?;
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect())
}

/// Refuses calls without an accepted bearer token (UNAUTHENTICATED, PERMISSION_DENIED) before
/// their message is read. Without tokens configured, every call passes.
#[derive(Clone, Default)]
pub struct AuthLayer {
    tokens: Option<Arc<TokenSet>>,
}

impl AuthLayer {
    pub fn new(tokens: Option<Arc<TokenSet>>) -> Self {
        AuthLayer { tokens }
    }
}

impl<S> Layer<S> for AuthLayer {
    type Service = Auth<S>;
    fn layer(&self, inner: S) -> Auth<S> {
        Auth {
            inner,
            tokens: self.tokens.clone(),
        }
    }
}

#[derive(Clone)]
pub struct Auth<S> {
    inner: S,
    tokens: Option<Arc<TokenSet>>,
}

impl<S, ReqB, ResB> Service<http::Request<ReqB>> for Auth<S>
where
    S: Service<http::Request<ReqB>, Response = http::Response<ResB>, Error = Infallible>,
    S::Future: Send + 'static,
    ResB: Default + Send + 'static,
{
    type Response = S::Response;
    type Error = Infallible;
    type Future = BoxFuture<'static, Result<S::Response, Infallible>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: http::Request<ReqB>) -> Self::Future {
        match self.tokens.as_ref().map(|t| t.check(req.headers())) {
            Some(Err(refused)) => futures::future::ready(Ok(refused.into_http())).boxed(),
            _ => self.inner.call(req).boxed(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(auth: Option<&str>) -> HeaderMap {
        let mut h = HeaderMap::new();
        if let Some(a) = auth {
            h.insert("authorization", a.parse().unwrap());
        }
        h
    }

    #[test]
    fn token_checks() {
        let set = TokenSet::from_list("alpha, beta,,").unwrap();
        assert!(set.contains("alpha") && set.contains("beta"));
        assert!(!set.contains("alph") && !set.contains(""));
        assert_eq!(
            set.check(&req(None)).unwrap_err().code(),
            tonic::Code::Unauthenticated
        );
        assert_eq!(
            set.check(&req(Some("Basic alpha"))).unwrap_err().code(),
            tonic::Code::Unauthenticated
        );
        assert_eq!(
            set.check(&req(Some("Bearer gamma"))).unwrap_err().code(),
            tonic::Code::PermissionDenied
        );
        assert!(set.check(&req(Some("bearer beta"))).is_ok());
    }

    #[test]
    fn empty_sets_and_debug_hide_tokens() {
        assert!(TokenSet::from_list(" , ").is_err());
        let set = TokenSet::new(["s3cret"]).unwrap();
        assert!(!format!("{set:?}").contains("s3cret"));
    }

    #[test]
    fn token_files_skip_comments_and_blanks() {
        let dir = std::env::temp_dir().join(format!("factx-tokens-{}", std::process::id()));
        std::fs::write(&dir, "# rotated 2026\n\n  new-token  \nold-token\n").unwrap();
        let listed = tokens_in_file(&dir).unwrap();
        assert_eq!(listed, ["new-token", "old-token"]);
        let set = TokenSet::from_file(&dir).unwrap();
        assert!(set.contains("old-token") && !set.contains("# rotated 2026"));
        std::fs::remove_file(&dir).unwrap();
        assert!(TokenSet::from_file(&dir).is_err());
    }
}
