//! The one table from `factx_core::Error` to gRPC: code, details, public message; and the one
//! place where errors raised by tower layers become domain errors (and so statuses).

use std::time::Duration;

use factx_core::Error;
use tonic::{Code, Status};
use tonic_types::{ErrorDetails, StatusExt};
use tower::BoxError;

/// Domain of `google.rpc.ErrorInfo` details.
const ERROR_DOMAIN: &str = "factx.v1";

/// How long an overloaded caller should wait before retrying.
pub const RETRY_AFTER: Duration = Duration::from_millis(100);

pub fn code_of(e: &Error) -> Code {
    match e {
        Error::InvalidArgument { .. }
        | Error::ArticleTooLarge { .. }
        | Error::UnsupportedLanguage(_) => Code::InvalidArgument,
        Error::Overloaded { .. } => Code::ResourceExhausted,
        Error::DeadlineExceeded => Code::DeadlineExceeded,
        Error::ShuttingDown => Code::Unavailable,
        Error::Internal(_) => Code::Internal,
    }
}

/// The message a caller sees. Internal details stay in the logs.
pub fn public_message(e: &Error) -> String {
    match e {
        Error::Internal(_) => {
            "internal error while extracting this article (logged on the server)".into()
        }
        other => other.to_string(),
    }
}

/// The domain error for a failure raised by a tower layer rather than a handler: `LoadShed`'s
/// refusal is the server being full (`in_flight_limit` is the limit it ran into); anything else
/// is a bug, reported as internal.
pub fn from_tower(e: &BoxError, in_flight_limit: usize) -> Error {
    if e.is::<tower::load_shed::error::Overloaded>() {
        Error::Overloaded {
            limit: in_flight_limit,
        }
    } else {
        Error::Internal(format!("tower layer: {e}"))
    }
}

pub fn to_status(e: &Error) -> Status {
    let mut details = ErrorDetails::new();
    details.set_error_info(e.reason(), ERROR_DOMAIN, []);
    if let Some(field) = e.field() {
        details.add_bad_request_violation(field, e.to_string());
    }
    let mut status = Status::with_error_details(code_of(e), public_message(e), details);
    if matches!(e, Error::Overloaded { .. }) {
        let mut d = ErrorDetails::new();
        d.set_error_info(e.reason(), ERROR_DOMAIN, []);
        d.set_retry_info(Some(RETRY_AFTER));
        status = Status::with_error_details(code_of(e), public_message(e), d);
        // Standard gRPC retry pushback, understood by grpc clients' retry policies.
        status.metadata_mut().insert(
            "grpc-retry-pushback-ms",
            RETRY_AFTER
                .as_millis()
                .to_string()
                .parse()
                .expect("ascii digits"),
        );
    }
    status
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_request_names_the_field() {
        let s = to_status(&Error::ArticleTooLarge { size: 10, limit: 5 });
        assert_eq!(s.code(), Code::InvalidArgument);
        let br = s.get_details_bad_request().expect("bad request details");
        assert_eq!(br.field_violations[0].field, "article.body");
        assert_eq!(
            s.get_details_error_info().unwrap().reason,
            "ARTICLE_TOO_LARGE"
        );
    }

    #[test]
    fn overload_carries_retry_hint() {
        let s = to_status(&Error::Overloaded { limit: 1 });
        assert_eq!(s.code(), Code::ResourceExhausted);
        assert!(s.get_details_retry_info().is_some());
        assert_eq!(s.metadata().get("grpc-retry-pushback-ms").unwrap(), "100");
    }

    #[test]
    fn tower_errors_map_to_the_domain() {
        let shed: BoxError = Box::new(tower::load_shed::error::Overloaded::new());
        assert!(matches!(
            from_tower(&shed, 7),
            Error::Overloaded { limit: 7 }
        ));
        let other: BoxError = "boom".into();
        assert_eq!(code_of(&from_tower(&other, 7)), Code::Internal);
    }

    #[test]
    fn internal_hides_details() {
        let s = to_status(&Error::Internal("secret panic text".into()));
        assert!(!s.message().contains("secret"));
    }
}
