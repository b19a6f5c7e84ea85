//! All integration tests in one binary (one link, shared fixtures).

mod batch;
mod cli;
mod golden;
mod grpc;
mod metrics;
mod util;
