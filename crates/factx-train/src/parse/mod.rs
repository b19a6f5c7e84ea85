//! Training and evaluation of the syntax model (`factx_core::syntax`).
//!
//! - `data`: examples from CoNLL-U, the joint tag set, projectivization.
//! - `perceptron`: the averaged perceptron used to train every model.
//! - `tagger_train`, `lemma_train`, `parser_train`: the three models; `train`: all of them.
//! - `eval`: scores with gold tokenization; `raw` + `align`: from raw text, with the CoNLL 2018
//!   shared task's alignment; `output`: a parsed document as CoNLL-U (`factx parse`).

pub mod align;
pub mod data;
pub mod eval;
pub mod lemma_train;
pub mod output;
pub mod parser_train;
pub mod perceptron;
pub mod raw;
pub mod tagger_train;
pub mod train;
