//! factx-train: everything offline. Corpus readers (CoNLL-U, IOB2, GUM), model training and
//! evaluation, used by the `factx train` and `factx eval` subcommands and the examples here.
//! `factx-core` keeps only what serves a request; nothing here runs on the request path.
//!
//! - `conllu`: a generic CoNLL-U reader and writer.
//! - `ner`: training, corpus readers and scoring of the named-entity tagger.
//! - `parse`: training and evaluation of the syntax model (tagger, lemmatizer, parser).

pub mod conllu;
pub mod ner;
pub mod parse;
