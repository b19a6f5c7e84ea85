//! All integration tests in one binary (one link, shared fixtures).

mod batch;
mod cli;
mod grpc;
mod loadtest;
mod util;
