//! How a gRPC call ended, seen from outside the service: the `grpc-status` of a trailers-only
//! answer (every error tonic returns from a handler or a layer), else the one in the trailers at
//! the end of the body (answers, and streams however they end). A call whose answer or body is
//! dropped before that was abandoned by its client: CANCELLED.

use std::future::Future;
use std::pin::Pin;
use std::task::{ready, Context, Poll};

use bytes::Bytes;
use http::HeaderMap;
use http_body::{Body, Frame, SizeHint};
use tonic::Code;

/// Told once how a call ended, with the number of gRPC messages its answer carried.
pub trait OnEnd: Send + Unpin + 'static {
    fn ended(self, code: Code, messages: u64);
}

/// Holds the `OnEnd` until the call ends; dropped before that, it reports CANCELLED.
struct Pending<E: OnEnd> {
    on_end: Option<E>,
    messages: Messages,
}

impl<E: OnEnd> Pending<E> {
    fn end(&mut self, code: Code) {
        if let Some(e) = self.on_end.take() {
            e.ended(code, self.messages.count);
        }
    }
}

impl<E: OnEnd> Drop for Pending<E> {
    fn drop(&mut self) {
        self.end(Code::Cancelled);
    }
}

/// The `grpc-status` in headers or trailers.
fn status_in(headers: &HeaderMap) -> Option<Code> {
    headers
        .get("grpc-status")
        .map(|v| Code::from_bytes(v.as_bytes()))
}

/// Runs `answer` (the inner service's response future) and watches the call to its end.
pub async fn watch<F, B, Err, E>(answer: F, on_end: E) -> Result<http::Response<Watched<B, E>>, Err>
where
    F: Future<Output = Result<http::Response<B>, Err>>,
    E: OnEnd,
{
    let mut pending = Pending {
        on_end: Some(on_end),
        messages: Messages::default(),
    };
    let response = answer.await?;
    if let Some(code) = status_in(response.headers()) {
        pending.end(code);
    }
    Ok(response.map(|inner| Watched { inner, pending }))
}

/// A response body that reports the call's end to its `OnEnd`.
pub struct Watched<B, E: OnEnd> {
    inner: B,
    pending: Pending<E>,
}

impl<B, E: OnEnd> Watched<B, E> {
    /// A body nobody watches (for calls a layer leaves alone).
    pub fn unwatched(inner: B) -> Self {
        Watched {
            inner,
            pending: Pending {
                on_end: None,
                messages: Messages::default(),
            },
        }
    }
}

impl<B, E> Body for Watched<B, E>
where
    B: Body<Data = Bytes> + Unpin,
    E: OnEnd,
{
    type Data = Bytes;
    type Error = B::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, B::Error>>> {
        let this = self.get_mut();
        let frame = ready!(Pin::new(&mut this.inner).poll_frame(cx));
        if this.pending.on_end.is_some() {
            match &frame {
                Some(Ok(f)) => {
                    if let Some(data) = f.data_ref() {
                        this.pending.messages.feed(data);
                    } else if let Some(trailers) = f.trailers_ref() {
                        this.pending
                            .end(status_in(trailers).unwrap_or(Code::Unknown));
                    }
                }
                // A body that fails, or ends without a status, is not a gRPC answer.
                Some(Err(_)) | None => this.pending.end(Code::Unknown),
            }
        }
        Poll::Ready(frame)
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

/// Counts the gRPC messages in a body's data: each is a 5-byte prefix (a compression flag and a
/// big-endian length) and that many bytes, split across frames in any way.
#[derive(Default)]
struct Messages {
    count: u64,
    prefix: [u8; 5],
    prefix_len: usize,
    /// Bytes of the current message still to come.
    rest: usize,
}

impl Messages {
    fn feed(&mut self, mut data: &[u8]) {
        while !data.is_empty() {
            if self.rest > 0 {
                let n = self.rest.min(data.len());
                self.rest -= n;
                data = &data[n..];
                continue;
            }
            let n = (5 - self.prefix_len).min(data.len());
            self.prefix[self.prefix_len..self.prefix_len + n].copy_from_slice(&data[..n]);
            self.prefix_len += n;
            data = &data[n..];
            if self.prefix_len == 5 {
                self.count += 1;
                self.prefix_len = 0;
                let [_, a, b, c, d] = self.prefix;
                self.rest = u32::from_be_bytes([a, b, c, d]) as usize;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    fn message(len: u8) -> Vec<u8> {
        let mut m = vec![0, 0, 0, 0, len];
        m.extend(std::iter::repeat_n(7, len as usize));
        m
    }

    #[test]
    fn messages_are_counted_across_any_split() {
        let data: Vec<u8> = [message(3), message(0), message(200), message(1)].concat();
        for chunk in [1, 2, 5, 7, 64, data.len()] {
            let mut m = Messages::default();
            data.chunks(chunk).for_each(|c| m.feed(c));
            assert_eq!(m.count, 4, "chunks of {chunk}");
            assert_eq!((m.prefix_len, m.rest), (0, 0));
        }
    }

    #[derive(Clone, Default)]
    struct Record(Arc<Mutex<Vec<(Code, u64)>>>);

    impl OnEnd for Record {
        fn ended(self, code: Code, messages: u64) {
            self.0.lock().unwrap().push((code, messages));
        }
    }

    #[tokio::test]
    async fn trailers_only_answers_end_at_once_and_dropped_calls_are_cancelled() {
        let rec = Record::default();
        let status = tonic::Status::permission_denied("no");
        let answer = async { Ok::<_, ()>(status.into_http::<tonic::body::Body>()) };
        let watched = watch(answer, rec.clone()).await.unwrap();
        assert_eq!(*rec.0.lock().unwrap(), [(Code::PermissionDenied, 0)]);
        drop(watched);
        assert_eq!(rec.0.lock().unwrap().len(), 1, "reported once");

        let rec = Record::default();
        let answer = async { Ok::<_, ()>(http::Response::new(tonic::body::Body::empty())) };
        drop(watch(answer, rec.clone()).await.unwrap());
        assert_eq!(*rec.0.lock().unwrap(), [(Code::Cancelled, 0)]);
    }
}
