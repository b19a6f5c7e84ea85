//! What a failed call means for its article: retry it, record it, or stop the run.
//!
//! The one table (also in the README). A status the factx service wrote about the article carries
//! `google.rpc.ErrorInfo` in its domain; a status without it came from the transport (connection
//! refused or reset, GOAWAY, a stream reset by a server going away), a proxy, or this client.

use tonic::{Code, Status};
use tonic_types::StatusExt;

/// The `ErrorInfo` domain of statuses the factx service produces (see `grpc::status`).
pub const SERVER_ERROR_DOMAIN: &str = "factx.v1";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// Not about the article: retry it (requests are idempotent) with backoff, within the budget.
    Transient,
    /// The article's own final outcome: write it as the article's error result.
    Permanent,
    /// The run is misconfigured (credentials, wrong server): stop, write nothing for the article.
    Fatal,
}

/// The classification table.
pub fn classify(status: &Status) -> Class {
    let from_service = status
        .get_details_error_info()
        .is_some_and(|info| info.domain == SERVER_ERROR_DOMAIN);
    match status.code() {
        // The request itself is wrong, or its result cannot be carried: the same every time.
        Code::InvalidArgument | Code::FailedPrecondition | Code::OutOfRange => Class::Permanent,
        // The service's INTERNAL is the article's own pipeline failure; any other INTERNAL is an
        // HTTP/2 stream reset or protocol error, e.g. from a server that is shutting down.
        Code::Internal if from_service => Class::Permanent,
        Code::Internal => Class::Transient,
        // Server down, restarting, draining or full; the connection dropped under the call
        // (UNKNOWN "transport error", CANCELLED: this client never cancels its own calls); the
        // per-call deadline passed.
        Code::Unavailable
        | Code::Unknown
        | Code::Cancelled
        | Code::ResourceExhausted
        | Code::DeadlineExceeded
        | Code::Aborted
        | Code::DataLoss => Class::Transient,
        // The factx service says none of these about an article: wrong credentials, or --server
        // is not a factx server. Every article would fail the same way.
        Code::Unauthenticated
        | Code::PermissionDenied
        | Code::Unimplemented
        | Code::NotFound
        | Code::AlreadyExists => Class::Fatal,
        // Not a failure; listed so that a new code cannot slip through unclassified.
        Code::Ok => Class::Permanent,
    }
}

/// Whether an error recorded in an output file is final. Outputs written by a factx from before
/// transient failures were retried may hold some that are not. The record keeps the code and the
/// ErrorInfo reason, which the service always sets and the transport never does.
pub fn recorded_is_final(e: &crate::proto::v1::ExtractError) -> bool {
    let code = Code::from_i32(e.code);
    let status = if e.reason.is_empty() {
        Status::new(code, e.message.clone())
    } else {
        let mut details = tonic_types::ErrorDetails::new();
        details.set_error_info(e.reason.clone(), SERVER_ERROR_DOMAIN, []);
        Status::with_error_details(code, e.message.clone(), details)
    };
    classify(&status) == Class::Permanent
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::proto::v1 as pb;
    use factx_core::Error;

    fn recorded(code: Code, reason: &str) -> pb::ExtractError {
        pb::ExtractError {
            code: code as i32,
            message: "m".into(),
            reason: reason.into(),
        }
    }

    #[test]
    fn recorded_errors_are_final_only_when_permanent() {
        // What the batch client wrote before transient failures were retried.
        assert!(!recorded_is_final(&recorded(Code::Unknown, "")));
        assert!(!recorded_is_final(&recorded(
            Code::Unavailable,
            "SHUTTING_DOWN"
        )));
        assert!(!recorded_is_final(&recorded(Code::Internal, "")));
        assert!(!recorded_is_final(&recorded(Code::Unauthenticated, "")));
        assert!(recorded_is_final(&recorded(Code::Internal, "INTERNAL")));
        assert!(recorded_is_final(&recorded(
            Code::InvalidArgument,
            "EMPTY_BODY"
        )));
        assert!(recorded_is_final(&recorded(
            Code::InvalidArgument,
            "MALFORMED_JSON"
        )));
    }

    /// A status as the factx service writes it, through the server's own error table.
    fn service(e: Error) -> Status {
        crate::grpc::status::to_status(&e)
    }

    #[test]
    fn invalid_argument_is_permanent() {
        let e = Error::invalid("article.body", "EMPTY_BODY", "empty body");
        assert_eq!(classify(&service(e)), Class::Permanent);
        assert_eq!(classify(&Status::invalid_argument("bad")), Class::Permanent);
        let too_large = Error::ArticleTooLarge { size: 10, limit: 5 };
        assert_eq!(classify(&service(too_large)), Class::Permanent);
    }

    #[test]
    fn failed_precondition_is_permanent() {
        assert_eq!(
            classify(&Status::failed_precondition("no")),
            Class::Permanent
        );
    }

    #[test]
    fn out_of_range_message_too_large_is_permanent() {
        let s = Status::out_of_range("Error, decoded message length too large");
        assert_eq!(classify(&s), Class::Permanent);
    }

    #[test]
    fn internal_from_the_pipeline_is_permanent() {
        let s = service(Error::Internal("panic in a stage".into()));
        assert_eq!(s.code(), Code::Internal);
        assert_eq!(classify(&s), Class::Permanent);
    }

    #[test]
    fn internal_from_the_transport_is_transient() {
        // What tonic makes of an HTTP/2 RST_STREAM(INTERNAL_ERROR) from a server going away.
        let s = Status::internal("h2 protocol error: stream error received");
        assert_eq!(classify(&s), Class::Transient);
    }

    #[test]
    fn unavailable_is_transient() {
        assert_eq!(
            classify(&service(Error::ShuttingDown)),
            Class::Transient,
            "a draining server"
        );
        assert_eq!(
            classify(&Status::unavailable(
                "tcp connect error: Connection refused"
            )),
            Class::Transient
        );
    }

    #[test]
    fn unknown_transport_error_is_transient() {
        assert_eq!(
            classify(&Status::unknown("transport error")),
            Class::Transient
        );
    }

    #[test]
    fn cancelled_is_transient() {
        assert_eq!(
            classify(&Status::cancelled("connection closed")),
            Class::Transient
        );
    }

    #[test]
    fn resource_exhausted_is_transient() {
        let s = service(Error::Overloaded { limit: 4 });
        assert_eq!(s.code(), Code::ResourceExhausted);
        assert_eq!(classify(&s), Class::Transient);
    }

    #[test]
    fn deadline_exceeded_is_transient() {
        assert_eq!(
            classify(&service(Error::DeadlineExceeded)),
            Class::Transient
        );
        assert_eq!(
            classify(&Status::deadline_exceeded("client deadline")),
            Class::Transient
        );
    }

    #[test]
    fn aborted_and_data_loss_are_transient() {
        assert_eq!(classify(&Status::aborted("retry")), Class::Transient);
        assert_eq!(classify(&Status::data_loss("corrupt")), Class::Transient);
    }

    #[test]
    fn refused_credentials_stop_the_run() {
        assert_eq!(classify(&Status::unauthenticated("no")), Class::Fatal);
        assert_eq!(classify(&Status::permission_denied("no")), Class::Fatal);
    }

    #[test]
    fn a_server_that_is_not_factx_stops_the_run() {
        assert_eq!(classify(&Status::unimplemented("no")), Class::Fatal);
        assert_eq!(classify(&Status::not_found("no")), Class::Fatal);
        assert_eq!(classify(&Status::already_exists("no")), Class::Fatal);
    }
}
