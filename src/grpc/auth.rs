//! Bearer-token authentication for the extraction service.
//!
//! Tokens are kept only as SHA-256 digests and compared in constant time, so neither the stored
//! tokens nor the timing of a comparison reveal anything about a valid token. Health and
//! reflection are not guarded (orchestrator probes and tooling carry no credentials).

use std::fmt;
use std::path::Path;
use std::sync::Arc;

use anyhow::Context;
use sha2::{Digest, Sha256};
use subtle::{Choice, ConstantTimeEq};
use tonic::service::Interceptor;
use tonic::{Request, Status};

use super::admission::stamp_arrival;

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

    /// Checks the `authorization` metadata of a call.
    pub fn check<T>(&self, req: &Request<T>) -> Result<(), Status> {
        let Some(value) = req.metadata().get("authorization") else {
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

/// The one interceptor in front of the extraction service: checks the token (when tokens are
/// configured), then stamps the arrival time for deadline accounting.
#[derive(Clone, Default)]
pub struct CallGate {
    pub tokens: Option<Arc<TokenSet>>,
}

impl Interceptor for CallGate {
    fn call(&mut self, req: Request<()>) -> Result<Request<()>, Status> {
        if let Some(tokens) = &self.tokens {
            tokens.check(&req)?;
        }
        stamp_arrival(req)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(auth: Option<&str>) -> Request<()> {
        let mut r = Request::new(());
        if let Some(a) = auth {
            r.metadata_mut().insert("authorization", a.parse().unwrap());
        }
        r
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
