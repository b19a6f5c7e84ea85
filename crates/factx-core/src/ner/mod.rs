//! Statistical named-entity recognition: a linear-chain model over hashed features with exact
//! Viterbi decoding under BIO constraints, trained by the project on open data as an averaged
//! perceptron (see `models/README.md`; the trainer, corpus readers and scorer are in
//! `factx-train`).
//!
//! ```
//! let tokens = ["Angela", "Merkel", "met", "Emmanuel", "Macron", "in", "Paris", "."];
//! for m in factx_core::ner::embedded().tag(&tokens) {
//!     println!("{:?} {:?} {}", &tokens[m.start_token..m.end_token], m.entity_type, m.confidence);
//! }
//! ```

pub mod consistency;
pub mod features;
pub mod gazetteer;
pub mod model;
pub mod parse;
pub mod tagger;

use std::sync::LazyLock;

pub use model::Model;
pub use tagger::{NerSpan, Tagger};

static EMBEDDED_BYTES: &[u8] = include_bytes!("../../models/ner.bin");

/// The embedded model, parsed once (`None` only for a broken build). The validity check reads
/// this too, so that start-up parses the 3 MB file once, not twice.
static LOADED: LazyLock<Option<Model>> = LazyLock::new(|| Model::load(EMBEDDED_BYTES).ok());

/// What a broken build runs with: a model whose every score is 0. The file is checked by the
/// tests.
static FALLBACK: LazyLock<Model> =
    LazyLock::new(|| Model::from_dense(8, &vec![0.0; 256 * model::N_TAGS]));

/// The model shipped in the binary, loaded once.
pub fn embedded() -> &'static Model {
    LOADED.as_ref().unwrap_or_else(|| &FALLBACK)
}

/// Loads the embedded model and builds the gazetteer tables its features read, so that the first
/// article does not pay for them. Independent of every other model: start-up runs it on a thread
/// of its own.
pub fn preload() {
    LazyLock::force(&LOADED);
    gazetteer::preload();
}

/// Whether the embedded model file is valid (false only for a broken build).
pub fn embedded_is_valid() -> bool {
    LOADED.is_some()
}

#[cfg(test)]
mod tests;
