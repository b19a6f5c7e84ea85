//! General-knowledge lexicons, embedded from `crates/factx-core/lexicons/*.tsv` and parsed once.
//! Nothing here names a person, organization or event of any particular article: countries and
//! their codes, capitals and large cities, regions, international and generic government bodies,
//! titles, given names, pronouns and common words.

mod names;
mod words;

pub use names::{names, NameEntry, NameKind, Names};
pub use words::{
    given_name_gender, is_common_word, may_start_title, pronoun, title, Gender, Number,
    PronounInfo, TitleInfo, TitleKind,
};
