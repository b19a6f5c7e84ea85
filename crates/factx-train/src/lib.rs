//! factx-train: everything offline. Corpus readers, model training and evaluation, used by the
//! `factx train` and `factx eval` subcommands and the examples here. `factx-core` keeps only what
//! serves a request; nothing here runs on the request path.

pub mod ner;
