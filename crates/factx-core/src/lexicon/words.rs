//! Word lexicons: titles and offices, given names with gender, pronouns, common lowercase words.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use crate::text::key;

const TITLES: &str = include_str!("../../lexicons/titles.tsv");
const GIVEN_NAMES: &str = include_str!("../../lexicons/given_names.tsv");
const GIVEN_NAMES_EXTRA: &str = include_str!("../../lexicons/given_names_extra.tsv");
const COMMON_WORDS: &str = include_str!("../../lexicons/common_words.txt");

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Gender {
    Male,
    Female,
    /// Things and organizations (`it`).
    Neuter,
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Number {
    Singular,
    Plural,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TitleKind {
    /// An office or job: `foreign secretary`, `ambassador`.
    Office,
    /// A military or academic rank: `General`, `Prof.`.
    Rank,
    /// `Mr`, `Mrs`, `Dr.`: not a role.
    Honorific,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TitleInfo {
    pub kind: TitleKind,
    pub gender: Gender,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PronounInfo {
    pub gender: Gender,
    pub number: Number,
    /// 1, 2 or 3.
    pub person: u8,
    /// `his`, `their`: a determiner whose mention is the pronoun itself.
    pub possessive: bool,
}

fn gender_of(s: &str) -> Gender {
    match s.trim() {
        "M" => Gender::Male,
        "F" => Gender::Female,
        _ => Gender::Unknown,
    }
}

fn data_lines(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
}

static TITLE_MAP: LazyLock<HashMap<String, TitleInfo>> = LazyLock::new(|| {
    let mut m = HashMap::new();
    for l in data_lines(TITLES) {
        let f: Vec<&str> = l.split('\t').collect();
        let kind = match f.get(1).map(|s| s.trim()) {
            Some("rank") => TitleKind::Rank,
            Some("honorific") => TitleKind::Honorific,
            _ => TitleKind::Office,
        };
        let gender = gender_of(f.get(2).copied().unwrap_or("-"));
        m.insert(key(f[0]), TitleInfo { kind, gender });
    }
    m
});

static GIVEN: LazyLock<HashMap<&'static str, Gender>> = LazyLock::new(|| {
    let mut m = HashMap::new();
    for l in data_lines(GIVEN_NAMES).chain(data_lines(GIVEN_NAMES_EXTRA)) {
        let mut f = l.split('\t');
        if let (Some(n), Some(g)) = (f.next(), f.next()) {
            m.insert(n.trim(), gender_of(g));
        }
    }
    m
});

static COMMON: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| data_lines(COMMON_WORDS).map(str::trim).collect());

/// A title or office by its text (any case, periods kept): `Foreign Secretary`, `gen.`.
pub fn title(phrase: &str) -> Option<TitleInfo> {
    TITLE_MAP.get(&key(phrase)).copied()
}

/// Every title key, and each of its prefixes that ends before a non-alphanumeric char (`vice`
/// of `vice president`, `gen` of `gen.`): where a title's first token can end, since tokens never
/// split a run of letters and digits.
static TITLE_KEY_PREFIXES: LazyLock<HashSet<String>> = LazyLock::new(|| {
    let mut s = HashSet::new();
    for k in TITLE_MAP.keys() {
        for (i, c) in k.char_indices().skip(1) {
            if !c.is_alphanumeric() {
                s.insert(k[..i].to_string());
            }
        }
        s.insert(k.clone());
    }
    s
});

/// False when no title can begin with `token`: a title's key always starts with the key of its
/// first token, so scanners can skip trying every phrase length at most tokens (a hot path).
pub fn may_start_title(token: &str) -> bool {
    TITLE_KEY_PREFIXES.contains(&key(token))
}

/// Gender of a given name as written (`Mary` → Female); `None` when unknown.
pub fn given_name_gender(name: &str) -> Option<Gender> {
    GIVEN.get(name).copied()
}

/// A word that is usually written lowercase (its capitalized form at a sentence start is not a
/// name). `w` must already be lowercase.
pub fn is_common_word(w: &str) -> bool {
    // Plain plurals and third persons of common words are common too (`shares`, `says`).
    COMMON.contains(w)
        || w.strip_suffix('s')
            .is_some_and(|stem| stem.len() > 2 && COMMON.contains(stem))
}

/// Personal pronouns, any case (`He`, `their`).
pub fn pronoun(w: &str) -> Option<PronounInfo> {
    use Gender::*;
    use Number::*;
    let p = |gender, number, person, possessive| {
        Some(PronounInfo {
            gender,
            number,
            person,
            possessive,
        })
    };
    // Pronouns are short ASCII words: fold into a stack buffer instead of allocating.
    if w.len() > 10 || !w.is_ascii() {
        return None;
    }
    let mut buf = [0u8; 10];
    for (b, c) in buf.iter_mut().zip(w.bytes()) {
        *b = c.to_ascii_lowercase();
    }
    match std::str::from_utf8(&buf[..w.len()]).unwrap_or("") {
        "he" | "him" | "himself" => p(Male, Singular, 3, false),
        "his" => p(Male, Singular, 3, true),
        "she" | "herself" => p(Female, Singular, 3, false),
        "her" => p(Female, Singular, 3, true),
        "hers" => p(Female, Singular, 3, false),
        "it" | "itself" => p(Neuter, Singular, 3, false),
        "its" => p(Neuter, Singular, 3, true),
        "they" | "them" | "themselves" => p(Unknown, Plural, 3, false),
        "their" | "theirs" => p(Unknown, Plural, 3, true),
        "i" | "me" | "myself" => p(Unknown, Singular, 1, false),
        "my" => p(Unknown, Singular, 1, true),
        "we" | "ourselves" => p(Unknown, Plural, 1, false),
        "our" => p(Unknown, Plural, 1, true),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_title_may_start_with_its_first_word() {
        for k in TITLE_MAP.keys() {
            let first = k.split([' ', '-']).next().unwrap();
            assert!(may_start_title(first), "{k:?} starts with {first:?}");
            assert!(may_start_title(&k.to_uppercase()), "{k:?}");
        }
        assert!(!may_start_title("Tuesday"));
        assert!(!may_start_title("the"));
        // A title's first letters are not a word that can start it.
        assert!(!may_start_title("a") && !may_start_title("in") && !may_start_title("of"));
    }

    #[test]
    fn titles_any_case() {
        assert_eq!(title("Foreign Secretary").unwrap().kind, TitleKind::Office);
        assert_eq!(title("GEN.").unwrap().kind, TitleKind::Rank);
        assert_eq!(title("Mrs.").unwrap().gender, Gender::Female);
        assert!(title("banana").is_none());
    }

    #[test]
    fn names_pronouns_common_words() {
        assert_eq!(given_name_gender("Mary"), Some(Gender::Female));
        assert_eq!(given_name_gender("Michael"), Some(Gender::Male));
        assert_eq!(pronoun("She").unwrap().gender, Gender::Female);
        assert_eq!(pronoun("their").unwrap().number, Number::Plural);
        assert!(pronoun("US").is_none());
        assert!(is_common_word("while"));
        assert!(!is_common_word("london"));
    }
}
