//! factx-train: everything offline. Corpus readers (CoNLL-U, IOB2), model training and
//! evaluation, used by the `factx train` and `factx eval` subcommands. `factx-core` keeps only
//! what serves a request; nothing here runs on the request path.
//!
//! - `conllu`: a generic CoNLL-U reader and writer.
//! - `parse`: training and evaluation of the syntax model (tagger, lemmatizer, parser).

pub mod conllu;
pub mod parse;
