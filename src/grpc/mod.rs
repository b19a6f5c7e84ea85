//! Transport: the tonic server over `factx_core::Engine`. The handlers (`service`) only convert and
//! run; tracing, logging, metrics, auth, admission and deadlines are tower layers stacked around
//! them in `server`.

pub mod admission;
pub mod auth;
pub mod call_log;
pub mod call_metrics;
pub mod deadline;
pub mod outcome;
pub mod rpcs;
pub mod server;
pub mod service;
pub mod status;
pub mod stream;
pub mod tls;
pub mod trace;
pub mod workers;
