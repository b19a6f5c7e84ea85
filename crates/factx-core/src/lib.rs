//! factx-core: from a news article to a grounded FactSet, with no transport attached.
//!
//! The pipeline (see `pipeline::default_stages`) is a chain of stages over one `doc::Doc`:
//!
//! | stage        | reads                    | adds                                  |
//! |--------------|--------------------------|---------------------------------------|
//! | segment      | body                     | tokens, sentences                     |
//! | dateline     | tokens, sentences        | dateline place                        |
//! | times        | tokens, sentences        | time expressions with TIMEX3 values   |
//! | quantities   | tokens, sentences, times | numbers with qualifier, unit, noun    |
//! | entities     | tokens, sentences        | mention candidates (NER + lexicons)   |
//! | coref        | mentions                 | entities with all their mentions      |
//! | facts        | entities, times          | roles, affiliations, events, speech   |
//! | assembly     | everything               | stable ids, dedupe, sorted output     |
//!
//! Spans are byte offsets into the original body throughout; `engine::Engine` converts them to the
//! caller's offset unit at the very end.

pub mod assembly;
pub mod coref;
pub mod dateline;
pub mod doc;
pub mod engine;
pub mod entities;
pub mod error;
pub mod facts;
pub mod lexicon;
pub mod model;
pub mod ner;
pub mod offsets;
pub mod pipeline;
pub mod quantity;
pub mod segment;
pub mod text;
pub mod time;

pub use engine::{Engine, EngineConfig};
pub use error::{Error, Result};
