//! Deadline propagation, as a tower layer. A call's deadline comes from its `grpc-timeout` header,
//! counted from its arrival (before its message is read). It falls a little before the caller's
//! deadline (a fifth of the timeout, at most 50 ms): the caller's own timer, and tonic's server
//! timeout, answer a generic CANCELLED when the header's time runs out, and the caller should get
//! our DEADLINE_EXCEEDED instead.
//!
//! The layer answers DEADLINE_EXCEEDED when the deadline passes before the answer, dropping the
//! handler (work still waiting for a worker never runs; work already running finishes unseen),
//! and hands the deadline to the handler ([`deadline_of`]) for what outlives the answer: streams.

use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use factx_core::Error;
use futures::future::{BoxFuture, FutureExt};
use http::HeaderMap;
use tower::{Layer, Service};

use super::status::to_status;

/// A call's server-side deadline, in its request extensions.
#[derive(Debug, Clone, Copy)]
pub struct Deadline(pub Instant);

/// The deadline of a call that arrived at `arrival` with these headers.
pub fn deadline_from(headers: &HeaderMap, arrival: Instant) -> Option<Instant> {
    let raw = headers.get("grpc-timeout")?.to_str().ok()?;
    let timeout = parse_grpc_timeout(raw)?;
    let margin = (timeout / 5).min(Duration::from_millis(50));
    Some(arrival + timeout.saturating_sub(margin))
}

/// The deadline the layer set on this call, if its caller gave one.
pub fn deadline_of<T>(req: &tonic::Request<T>) -> Option<Instant> {
    req.extensions().get::<Deadline>().map(|d| d.0)
}

/// `grpc-timeout` value: up to 8 digits and a unit H, M, S, m, u, n.
fn parse_grpc_timeout(raw: &str) -> Option<Duration> {
    if raw.len() < 2 || raw.len() > 9 {
        return None;
    }
    let (digits, unit) = raw.split_at(raw.len() - 1);
    let n: u64 = digits.parse().ok()?;
    Some(match unit {
        "H" => Duration::from_secs(n * 3600),
        "M" => Duration::from_secs(n * 60),
        "S" => Duration::from_secs(n),
        "m" => Duration::from_millis(n),
        "u" => Duration::from_micros(n),
        "n" => Duration::from_nanos(n),
        _ => return None,
    })
}

#[derive(Clone, Copy, Default)]
pub struct DeadlineLayer;

impl<S> Layer<S> for DeadlineLayer {
    type Service = Deadlines<S>;
    fn layer(&self, inner: S) -> Deadlines<S> {
        Deadlines { inner }
    }
}

#[derive(Clone)]
pub struct Deadlines<S> {
    inner: S,
}

impl<S, ReqB, ResB> Service<http::Request<ReqB>> for Deadlines<S>
where
    S: Service<http::Request<ReqB>, Response = http::Response<ResB>>,
    S::Future: Send + 'static,
    ResB: Default + Send + 'static,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = BoxFuture<'static, Result<S::Response, S::Error>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut req: http::Request<ReqB>) -> Self::Future {
        let Some(deadline) = deadline_from(req.headers(), Instant::now()) else {
            return self.inner.call(req).boxed();
        };
        req.extensions_mut().insert(Deadline(deadline));
        let answer = self.inner.call(req);
        async move {
            match tokio::time::timeout_at(deadline.into(), answer).await {
                Ok(r) => r,
                Err(_) => Ok(to_status(&Error::DeadlineExceeded).into_http()),
            }
        }
        .boxed()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grpc_timeout_units() {
        assert_eq!(parse_grpc_timeout("100m"), Some(Duration::from_millis(100)));
        assert_eq!(parse_grpc_timeout("2S"), Some(Duration::from_secs(2)));
        assert_eq!(parse_grpc_timeout("x"), None);
        assert_eq!(parse_grpc_timeout("12X"), None);
    }

    #[test]
    fn deadline_falls_a_little_before_the_callers() {
        let at = Instant::now();
        let with = |v: &str| {
            let mut h = HeaderMap::new();
            h.insert("grpc-timeout", v.parse().unwrap());
            deadline_from(&h, at)
        };
        assert_eq!(with("100m"), Some(at + Duration::from_millis(80)));
        assert_eq!(with("10S"), Some(at + Duration::from_millis(9950)));
        assert_eq!(with("bogus"), None);
        assert_eq!(deadline_from(&HeaderMap::new(), at), None);
    }
}
