//! The one error type of factx. Every variant has a stable machine-readable reason; the transport
//! layer maps variants to gRPC codes in one table (`factx::grpc::status`).

use thiserror::Error;

#[derive(Debug, Clone, Error, PartialEq)]
pub enum Error {
    /// A request field is missing or malformed. `field` is the proto field path, e.g. `article.body`.
    #[error("invalid {field}: {message}")]
    InvalidArgument {
        field: String,
        reason: &'static str,
        message: String,
    },
    #[error("article body is {size} bytes, over the limit of {limit} bytes")]
    ArticleTooLarge { size: usize, limit: usize },
    #[error("language {0:?} is not supported (supported: en)")]
    UnsupportedLanguage(String),
    #[error("server is at its limit of {limit} concurrent extractions; retry later")]
    Overloaded { limit: usize },
    #[error("deadline exceeded before extraction finished")]
    DeadlineExceeded,
    #[error("server is shutting down")]
    ShuttingDown,
    /// A bug: a panic or broken invariant inside the pipeline. The message is logged, not sent.
    #[error("internal error: {0}")]
    Internal(String),
}

impl Error {
    pub fn invalid(
        field: impl Into<String>,
        reason: &'static str,
        message: impl Into<String>,
    ) -> Self {
        Error::InvalidArgument {
            field: field.into(),
            reason,
            message: message.into(),
        }
    }

    /// Stable reason, e.g. `ARTICLE_TOO_LARGE`.
    pub fn reason(&self) -> &'static str {
        match self {
            Error::InvalidArgument { reason, .. } => reason,
            Error::ArticleTooLarge { .. } => "ARTICLE_TOO_LARGE",
            Error::UnsupportedLanguage(_) => "UNSUPPORTED_LANGUAGE",
            Error::Overloaded { .. } => "OVERLOADED",
            Error::DeadlineExceeded => "DEADLINE_EXCEEDED",
            Error::ShuttingDown => "SHUTTING_DOWN",
            Error::Internal(_) => "INTERNAL",
        }
    }

    /// The request field at fault, if any.
    pub fn field(&self) -> Option<&str> {
        match self {
            Error::InvalidArgument { field, .. } => Some(field),
            Error::ArticleTooLarge { .. } => Some("article.body"),
            Error::UnsupportedLanguage(_) => Some("article.language"),
            _ => None,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
