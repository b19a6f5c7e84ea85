//! The loader: every lexicon of `crates/factx-core/data/`, embedded at compile time, parsed once
//! into typed tables and looked up here. No stage spells a word list and no other code knows a
//! file format (`file`).
//!
//! The data tree, one folder per domain (each file says in its header what it is, its source and
//! license, and for generated lists the committed script that generates it):
//! - `geo/`: countries with ISO codes, aliases and demonyms, cities, regions;
//! - `names/`: given names with gender, organizations, NORP groups;
//! - `titles/`: title phrases with their kind, and title words by their part in a title;
//! - `words/`: pronouns, determiners and prepositions, common lowercase words;
//! - `speech/`: verbs of saying, cue words of statements;
//! - `facts/`: trigger verbs with their fact types, cue words of clause analysis;
//! - `time/`: month and weekday names, number words, units, holidays, the time grammar's cues;
//! - `ner/`: the statistical tagger's feature vocabulary, frozen with `models/ner.bin`.
//!
//! Nothing here names a person, organization or event of any particular article.

mod classes;
mod cues;
pub mod facts;
mod file;
mod function_words;
mod hash;
mod names;
pub mod speech;
pub mod tagger;
pub mod time;
mod titles;
mod word_map;
mod words;

pub use cues::{is_abbreviation, CorefCue, SentenceWord};
pub use function_words::{is_determiner, opens_nominal, FunctionWord};
pub use hash::{FxBuildHasher, FxMap};
pub use names::{names, not_a_name, NameEntry, NameKind, NameWord, Names};
pub use titles::{is_title_word, TitleWord};
pub use words::{
    given_name_gender, is_common_word, may_start_title, pronoun, title, Gender, Number,
    PronounInfo, TitleInfo, TitleKind,
};

#[cfg(test)]
mod tests;
