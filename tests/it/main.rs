//! All integration tests in one binary (one link, shared fixtures).

mod batch;
mod batch_faults;
mod cli;
mod fuzz_corpus;
mod golden;
mod grpc;
mod hostile;
mod layers;
mod loadtest;
mod metrics;
mod overload;
mod properties;
mod tls_auth;
mod util;
