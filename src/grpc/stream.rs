//! Answering a request stream: each request gets exactly one answer, in order, a few worked on at
//! once, with memory bounded whatever the client does, until the call's deadline.

use std::future::Future;
use std::pin::Pin;
use std::time::Instant;

use factx_core::Error;
use futures::{Stream, StreamExt};
use tokio::sync::{mpsc, oneshot};
use tokio_stream::wrappers::ReceiverStream;
use tonic::Status;

use super::status::to_status;

/// Requests worked on at once within one stream (answers still leave in order).
const PARALLELISM: usize = 2;
/// Answers buffered per stream before the server stops reading the client's requests.
const BUFFER: usize = 4;

pub type Answers<T> = Pin<Box<dyn Stream<Item = Result<T, Status>> + Send>>;

/// Answers `requests` with `answer`, in order. A request is read only when there is room among
/// the ones in progress, and each answer goes into a bounded buffer: a client that stops reading
/// stalls both, and HTTP/2 flow control then stalls its sending. At the deadline, or on a broken
/// request stream, the answers end with that status after the ones already given.
pub fn in_order<R, T, F, Fut>(
    requests: impl Stream<Item = Result<R, Status>> + Send + 'static,
    deadline: Option<Instant>,
    mut answer: F,
) -> Answers<T>
where
    R: Send + 'static,
    T: Send + 'static,
    F: FnMut(R) -> Fut + Send + 'static,
    Fut: Future<Output = T> + Send + 'static,
{
    let (tx, rx) = mpsc::channel::<T>(BUFFER);
    let (end_tx, end_rx) = oneshot::channel::<Status>();
    let task = async move {
        let results = requests
            .map(move |r| {
                let work = r.map(&mut answer);
                async move {
                    match work {
                        Ok(w) => Ok(w.await),
                        Err(status) => Err(status),
                    }
                }
            })
            .buffered(PARALLELISM);
        tokio::pin!(results);
        let expired = async {
            match deadline {
                Some(d) => tokio::time::sleep_until(d.into()).await,
                None => std::future::pending().await,
            }
        };
        tokio::pin!(expired);
        let deadline_passed = || to_status(&Error::DeadlineExceeded);
        let end = loop {
            tokio::select! {
                next = results.next() => match next {
                    None => break None,
                    Some(Ok(t)) => tokio::select! {
                        // Err: the client went away.
                        sent = tx.send(t) => if sent.is_err() { break None },
                        _ = &mut expired => break Some(deadline_passed()),
                    },
                    Some(Err(status)) => break Some(status),
                },
                _ = &mut expired => break Some(deadline_passed()),
            }
        };
        if let Some(status) = end {
            let _ = end_tx.send(status);
        }
    };
    // The stream outlives the handler: carry the call's span into the task that serves it.
    tokio::spawn(tracing::Instrument::instrument(
        task,
        tracing::Span::current(),
    ));
    let last = futures::stream::once(end_rx).filter_map(|end| async move { end.ok().map(Err) });
    Box::pin(ReceiverStream::new(rx).map(Ok).chain(last))
}
