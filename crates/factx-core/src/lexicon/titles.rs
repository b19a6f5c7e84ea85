//! Words of titles and offices by their part in a title (`data/titles/title_words.tsv`); whole
//! title phrases with their kind are in `words` (`titles/titles.tsv`).

use super::classes::word_classes;

word_classes! {
    /// `titles/title_words.tsv` (lowercase words; the file's header explains each class).
    pub enum TitleWord in "titles/title_words.tsv" {
        Head = "head",
        Rank = "rank",
        RankHead = "rank_head",
        GeneralOffice = "general_office",
        Modifier = "modifier",
        Honorific = "honorific",
        Qualifier = "qualifier",
        GenericPosition = "generic_position",
        Prefix = "prefix",
        Premodifier = "premodifier",
        VagueHead = "vague_head",
    }
}

/// Any word that may belong to a title phrase: a head, a modifier or a rank.
pub fn is_title_word(w: &str) -> bool {
    let c = TitleWord::table().get(w);
    c & (TitleWord::Head.bit() | TitleWord::Modifier.bit() | TitleWord::Rank.bit()) != 0
}
