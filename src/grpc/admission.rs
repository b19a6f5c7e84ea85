//! Admission control and off-reactor execution. CPU-bound extraction runs on tokio's blocking pool,
//! at most `workers` at a time; at most `max_in_flight` unary requests may be admitted (running or
//! waiting for a worker). Past that a request fails at once with RESOURCE_EXHAUSTED instead of
//! queueing without bound: callers retry with backoff, memory stays flat.

use std::future::Future;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use factx_core::{Error, Result};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

pub struct Admission {
    admitted: Arc<Semaphore>,
    workers: Arc<Semaphore>,
    max_in_flight: usize,
    shutting_down: AtomicBool,
    shed: AtomicU64,
}

/// Proof that a request was admitted; dropping it frees the slot.
pub struct Ticket(#[allow(dead_code)] Option<OwnedSemaphorePermit>);

impl Admission {
    pub fn new(workers: usize, max_in_flight: usize) -> Self {
        let workers = workers.max(1);
        Admission {
            admitted: Arc::new(Semaphore::new(max_in_flight.max(1))),
            workers: Arc::new(Semaphore::new(workers)),
            max_in_flight: max_in_flight.max(1),
            shutting_down: AtomicBool::new(false),
            shed: AtomicU64::new(0),
        }
    }

    /// Admits a unary request or fails at once.
    pub fn admit(&self) -> Result<Ticket> {
        if self.shutting_down.load(Ordering::Relaxed) {
            return Err(Error::ShuttingDown);
        }
        match self.admitted.clone().try_acquire_owned() {
            Ok(p) => Ok(Ticket(Some(p))),
            Err(_) => {
                self.shed.fetch_add(1, Ordering::Relaxed);
                Err(Error::Overloaded {
                    limit: self.max_in_flight,
                })
            }
        }
    }

    /// Stream items are back-pressured rather than shed: they wait for a worker.
    pub fn stream_ticket(&self) -> Result<Ticket> {
        if self.shutting_down.load(Ordering::Relaxed) {
            return Err(Error::ShuttingDown);
        }
        Ok(Ticket(None))
    }

    pub fn begin_shutdown(&self) {
        self.shutting_down.store(true, Ordering::Relaxed);
    }

    pub fn is_shutting_down(&self) -> bool {
        self.shutting_down.load(Ordering::Relaxed)
    }

    pub fn shed_count(&self) -> u64 {
        self.shed.load(Ordering::Relaxed)
    }

    /// Runs `work` on the blocking pool once a worker is free. Work whose deadline passes while it
    /// waits is dropped without running.
    pub async fn run<T, F>(&self, _ticket: &Ticket, deadline: Option<Instant>, work: F) -> Result<T>
    where
        F: FnOnce() -> Result<T> + Send + 'static,
        T: Send + 'static,
    {
        let fut = async {
            let permit = self
                .workers
                .clone()
                .acquire_owned()
                .await
                .map_err(|_| Error::ShuttingDown)?;
            if deadline.is_some_and(|d| Instant::now() >= d) {
                return Err(Error::DeadlineExceeded);
            }
            let handle = tokio::task::spawn_blocking(move || {
                let _permit = permit;
                work()
            });
            match handle.await {
                Ok(r) => r,
                Err(e) => Err(Error::Internal(format!("extraction task failed: {e}"))),
            }
        };
        with_deadline(deadline, fut).await
    }
}

/// Races `fut` against the deadline. On expiry the future is dropped; a blocking task already
/// running finishes in the background but its result is discarded.
pub async fn with_deadline<T>(
    deadline: Option<Instant>,
    fut: impl Future<Output = Result<T>>,
) -> Result<T> {
    match deadline {
        None => fut.await,
        Some(d) => match tokio::time::timeout_at(d.into(), fut).await {
            Ok(r) => r,
            Err(_) => Err(Error::DeadlineExceeded),
        },
    }
}

/// When a call arrived, stamped by `stamp_arrival` before the body is decoded.
#[derive(Clone, Copy)]
pub struct Arrival(pub Instant);

/// Interceptor that records the arrival time of every call.
pub fn stamp_arrival(mut req: tonic::Request<()>) -> Result<tonic::Request<()>, tonic::Status> {
    req.extensions_mut().insert(Arrival(Instant::now()));
    Ok(req)
}

/// The server-side deadline of a call from its `grpc-timeout` header, counted from its arrival.
/// It falls a little before the caller's deadline (a fifth of the timeout, at most 50 ms): the
/// caller's own timer, and tonic's server timeout layer, answer a generic CANCELLED when the
/// header's time runs out, and the caller should get our DEADLINE_EXCEEDED instead.
pub fn deadline_of<T>(req: &tonic::Request<T>) -> Option<Instant> {
    let raw = req.metadata().get("grpc-timeout")?.to_str().ok()?;
    let timeout = parse_grpc_timeout(raw)?;
    let arrival = req
        .extensions()
        .get::<Arrival>()
        .map_or_else(Instant::now, |a| a.0);
    let margin = (timeout / 5).min(Duration::from_millis(50));
    Some(arrival + timeout.saturating_sub(margin))
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
    fn sheds_beyond_limit() {
        let a = Admission::new(1, 1);
        let t = a.admit().unwrap();
        assert!(matches!(a.admit(), Err(Error::Overloaded { limit: 1 })));
        drop(t);
        assert!(a.admit().is_ok());
        assert_eq!(a.shed_count(), 1);
    }
}
