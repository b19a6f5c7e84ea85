//! factx-core: from a news article to a grounded FactSet, with no transport attached.
//!
//! The pipeline (`pipeline::default_stages`) is a chain of stages (`stage::Stage`) over one
//! `doc::Doc`. Each stage declares the annotations it reads and the ones it adds or changes; the
//! contract tests (`stage/tests.rs`) prove both on real articles and check this table:
//!
//! | stage      | reads                                                       | adds or changes            |
//! |------------|-------------------------------------------------------------|----------------------------|
//! | segment    | –                                                           | tokens, sentences          |
//! | syntax     | tokens, sentences                                           | syntax                     |
//! | dateline   | tokens                                                      | dateline                   |
//! | times      | sentences                                                   | times                      |
//! | quantities | tokens, sentences, times                                    | quantities                 |
//! | entities   | tokens, sentences, syntax, dateline                         | mentions, titles           |
//! | coref      | tokens, sentences, dateline, mentions, titles, syntax       | mentions, titles, entities |
//! | roles      | tokens, sentences, times, entities                          | facts                      |
//! | events     | tokens, sentences, syntax, times, entities, facts           | entities, facts            |
//! | assembly   | times, entities, facts                                      | times, entities, facts     |
//!
//! Every stage may also read the article (body, publication time) and the request's options.
//! - segment: tokens (UD English tokenization), sentences and paragraphs (`Doc::paragraphs`, part
//!   of `sentences`: a hard-wrapped line is not a paragraph); syntax: part of speech, lemma and
//!   labelled dependency tree of every token (`Doc::syntax`, model `models/syntax.bin`; the
//!   statements and the registry matcher read it, `include_syntax` returns it); dateline: the
//!   place of `ISLAMABAD:` (the
//!   referent of `here`); times: time expressions with TIMEX3 values (sentence ends bound their
//!   tense cues); quantities: numbers with their qualifier, unit and counted noun (`at least 12
//!   people`, `$69 billion`; `Doc::quantities`, read by no stage yet and not in the FactSet).
//! - entities: name, nominal and pronoun mention candidates (tagger + lexicons + rules), and the
//!   titles written before person names (`Foreign Secretary` in `Foreign Secretary Jane Doe`).
//! - coref: adds pronoun, description and `there` mentions and groups every mention into
//!   entities (titles and the dateline's country decide which person `the Kenyan president` is;
//!   the parse ranks a pronoun's antecedents: governing subjects, binding, reflexives).
//! - roles: ROLE and AFFILIATION facts; events: STATEMENT facts (the roles' titles resolve `the
//!   under secretary`; unnamed speakers such as `officials said` become entities with a NOMINAL
//!   mention), then the fact-type registry's events, MEETING, TRAVEL and COMMUNICATION included,
//!   over the parse (`facts::matcher`), with a NOMINAL entity for each unnamed actor they name;
//!   assembly: stable ids, merged
//!   duplicates, text order.
//!
//! Knowledge (word lists, gazetteers, titles, time words) lives in `crates/factx-core/data/`,
//! read only through `lexicon`.
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
pub mod stage;
pub mod syntax;
pub mod text;
pub mod time;

pub use engine::{Engine, EngineConfig};
pub use error::{Error, Result};
