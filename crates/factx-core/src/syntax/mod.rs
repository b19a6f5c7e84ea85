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

/// Bytes aligned for the weight table lines read in place from them.
#[repr(C, align(64))]
struct Aligned<B: ?Sized>(B);

/// The embedded model's weight tables as they lie in memory, written by the build script from
/// `models/syntax.bin` (`weights::write_image`; empty for a big-endian target).
static IMAGE: &Aligned<[u8]> = &Aligned(*include_bytes!(concat!(
    env!("OUT_DIR"),
    "/syntax_tables.bin"
)));

fn image() -> &'static [u8] {
    &IMAGE.0
}

static EMBEDDED: LazyLock<Arc<SyntaxModel>> = LazyLock::new(|| {
    // The tables are used in place: start-up decodes only the model's small parts, and the
    // tables' pages are the binary's, read from the page cache when first used. The file is
    // checked by the tests; a broken build falls back to decoding, then to an empty model.
    let model = SyntaxModel::load_in_place(EMBEDDED_BYTES, image())
        .or_else(|_| SyntaxModel::load(EMBEDDED_BYTES));
    Arc::new(model.unwrap_or_else(|_| SyntaxModel::empty()))
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
