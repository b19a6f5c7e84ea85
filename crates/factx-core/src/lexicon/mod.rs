//! The loader: every lexicon of `crates/factx-core/data/`, embedded at compile time, parsed once
//! into typed tables and looked up here. No stage spells a word list and no other code knows a
//! file format (`file`).
//!
//! The data tree, one folder per domain (each file says in its header what it is, its source and
//! license, and for generated lists the committed script that generates it):
//! - `geo/`: countries with ISO codes, aliases and demonyms, cities, regions;
//! - `names/`: given names with gender, organizations, NORP groups;
//! - `titles/`: titles and offices;
//! - `words/`: pronouns, common lowercase words;
//! - `time/`: month and weekday names, number words, units, holidays, the time grammar's cues;
//! - `ner/`: the statistical tagger's feature vocabulary, frozen with `models/ner.bin`.
//!
//! Nothing here names a person, organization or event of any particular article.

mod classes;
mod file;
mod hash;
mod names;
pub mod tagger;
pub mod time;
mod words;

pub use hash::{FxBuildHasher, FxHasher, FxMap, FxSet};
pub use names::{names, NameEntry, NameKind, Names};
pub use words::{
    given_name_gender, is_common_word, may_start_title, pronoun, title, Gender, Number,
    PronounInfo, TitleInfo, TitleKind,
};

#[cfg(test)]
mod tests;
