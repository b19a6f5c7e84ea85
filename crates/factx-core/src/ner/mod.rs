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
pub mod tagger;

use std::sync::LazyLock;

pub use model::Model;
pub use tagger::{NerSpan, Tagger};

static EMBEDDED_BYTES: &[u8] = include_bytes!("../../models/ner.bin");

static EMBEDDED: LazyLock<Model> = LazyLock::new(|| {
    // The file is checked by the tests; a broken build falls back to an empty model.
    Model::load(EMBEDDED_BYTES)
        .unwrap_or_else(|_| Model::from_dense(8, &vec![0.0; 256 * model::N_TAGS]))
});

/// The model shipped in the binary, loaded once.
pub fn embedded() -> &'static Model {
    &EMBEDDED
}

/// Whether the embedded model file is valid (false only for a broken build).
pub fn embedded_is_valid() -> bool {
    Model::load(EMBEDDED_BYTES).is_ok()
}

#[cfg(test)]
mod tests;
