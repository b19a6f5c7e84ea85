//! Transport: the tonic server over `factx_core::Engine`.

pub mod admission;
pub mod auth;
pub mod server;
pub mod service;
pub mod status;
pub mod tls;
