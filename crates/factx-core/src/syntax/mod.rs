//! Syntax: part-of-speech tags (UPOS and Penn XPOS), lemmas and labelled dependency trees (UD v2
//! basic relations) for every token, from models trained by the project on open treebanks (UD
//! English EWT and GUM; see `models/README.md`). Runs right after segmentation; the result is
//! `Doc::syntax`, queried through `Syntax` (head, relation, children, subtree, subject,
//! objects, obliques by preposition, clausal complements...).
//!
//! - `features`: hashed token views shared by the models; `weights`: the sparse quantized weight
//!   tables; `tagger`, `lemma`, `parser`: the three models; `model`: the file holding them and
//!   the per-document analysis; `tree`: the annotation and its queries; `stage`: the stage.
//! - Training and evaluation live in the `factx-train` crate (`factx train parse`,
//!   `factx eval parse`).

pub mod features;
pub mod lemma;
pub mod model;
pub mod parser;
pub mod stage;
pub mod tagger;
pub mod tags;
pub mod tree;
pub mod weights;

use std::sync::{Arc, LazyLock};

pub use model::{parse_units, Analyzer, SyntaxModel, WordAnalysis, MAX_PARSE_TOKENS};
pub use stage::SyntaxStage;
pub use tags::{Rel, Upos, Xpos};
pub use tree::{Syntax, SyntaxBuilder, TokenSyntax};

/// Name reported in `FactSet.extractor.models`.
pub const MODEL_NAME: &str = "syntax-perceptron";

static EMBEDDED_BYTES: &[u8] = include_bytes!("../../models/syntax.bin");

static EMBEDDED: LazyLock<Arc<SyntaxModel>> = LazyLock::new(|| {
    // The file is checked by the tests; a broken build falls back to an empty model.
    Arc::new(SyntaxModel::load(EMBEDDED_BYTES).unwrap_or_else(|_| SyntaxModel::empty()))
});

/// The model shipped in the binary, loaded once.
pub fn embedded() -> &'static SyntaxModel {
    &EMBEDDED
}

fn embedded_arc() -> Arc<SyntaxModel> {
    EMBEDDED.clone()
}

/// Whether the embedded model file is valid (false only for a broken build).
pub fn embedded_is_valid() -> bool {
    SyntaxModel::load(EMBEDDED_BYTES).is_ok()
}
