//! The loader: every lexicon of `crates/factx-core/data/`, embedded at compile time, parsed once
//! into typed tables and looked up here. No stage spells a word list and no other code knows a
//! file format (`file`).
//!
//! The data tree, one folder per domain (each file says in its header what it is, its source and
//! license, and for generated lists the committed script that generates it):
//! - `geo/`: countries with ISO codes, aliases and demonyms, cities, regions;
//! - `names/`: given names with gender, organizations, NORP groups, name-shape words (`names`);
//! - `titles/`: title phrases with their kind (`words`), title words by their part in a title
//!   (`titles`);
//! - `words/`: pronouns and common lowercase words (`words`), determiners and prepositions
//!   (`function_words`), the segmenter's and coreference's cue words (`cues`);
//! - `speech/`: verbs of saying, cue words of statements (`speech`);
//! - `facts/`: trigger verbs with their fact types, cue words of clause analysis (`facts`); the
//!   fact-type registry of events, its actor nouns and modality cues (`facts/registry/`,
//!   `registry`; format in its README);
//! - `time/`: month and weekday names, number words, units, holidays and their dates, the time
//!   grammar's cues (`time`);
//! - `quantity/`: scale words, approximate amounts, qualifiers, currencies, units and the words
//!   read around a number (`quantity`; its number words are the cardinals of `time/`);
//! - `ner/`: the statistical tagger's feature vocabulary, frozen with `models/ner.bin` (`tagger`);
//! - `syntax/`: the tokenizer's bound prefixes and fused words, as the UD English treebanks the
//!   syntax model was trained on tokenize them (`tokenizer`).
//!
//! Tables are built on first use and frozen into `word_map::WordMap`s; `tests.rs` loads them all.
//! Nothing here names a person, organization or event of any particular article.

mod classes;
mod cues;
pub mod facts;
mod file;
mod function_words;
mod hash;
mod names;
pub mod quantity;
pub mod registry;
pub mod speech;
pub mod tagger;
pub mod time;
mod titles;
mod tokenizer;
mod word_map;
mod words;

pub use cues::{is_abbreviation, CorefCue, NominalHead, SentenceWord};
pub use function_words::{is_determiner, opens_nominal, FunctionWord};
pub use hash::{FxBuildHasher, FxMap};
pub use names::{names, not_a_name, NameEntry, NameKind, NameWord, Names, OrgContext};
pub use titles::{is_title_word, TitleWord};
pub use tokenizer::{is_hyphen_prefix, split_point};
pub use words::{
    given_name_gender, is_common_word, may_start_title, pronoun, title, Gender, Number,
    PronounInfo, TitleInfo, TitleKind,
};

#[cfg(test)]
mod tests;
