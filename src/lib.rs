//! factx: the gRPC service, command line and batch runner around `factx_core`.
//!
//! - `proto`: generated contract types (`factx.v1`).
//! - `convert`: wire ↔ domain conversions, at the edge only.
//! - `grpc`: tonic server, its tower layers (tracing, logging, metrics, auth, admission, deadlines),
//!   thin handlers, the error→status table.
//! - `extract_cmd`, `batch`: the in-process command line and the resumable corpus runner.
//! - `ner_cmd`, `parse_cmd`: model training and evaluation commands, and `factx parse`.
//! - `metrics`: Prometheus metrics and their `/metrics` endpoint; `telemetry`: OTLP tracing.
//! - `loadtest`: a load generator for a running server.

pub mod batch;
pub mod cli;
pub mod convert;
pub mod extract_cmd;
pub mod grpc;
pub mod jsonl;
pub mod loadtest;
pub mod metrics;
pub mod ner_cmd;
pub mod parse_cmd;
pub mod proto;
pub mod telemetry;
