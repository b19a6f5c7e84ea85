//! Word lexicons: titles and offices (`titles/titles.tsv`), given names with gender
//! (`names/given_names*.tsv`), pronouns (`words/pronouns.tsv`), common lowercase words
//! (`words/common_words.txt`).

use std::sync::LazyLock;

use super::file::{data_file, DataFile};
use super::hash::{FxMap, FxSet};
use super::word_map::WordMap;
use crate::text::key;

pub(super) const FILES: [DataFile; 5] = [
    data_file!("titles/titles.tsv"),
    data_file!("names/given_names.tsv"),
    data_file!("names/given_names_extra.tsv"),
    data_file!("words/common_words.txt"),
    data_file!("words/pronouns.tsv"),
];

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

/// A gender column: `M`, `F`, or `-` for either.
fn gender_of(file: &DataFile, line: usize, s: &str) -> Gender {
    match s {
        "M" => Gender::Male,
        "F" => Gender::Female,
        "-" => Gender::Unknown,
        _ => file.fail(line, &format!("gender `{s}`, want M, F or -")),
    }
}

// The lookup tables hash with FxHash: they are read at most tokens of every article, and
// SipHash's flooding resistance buys nothing for fixed keys.
static TITLE_MAP: LazyLock<FxMap<String, TitleInfo>> = LazyLock::new(|| {
    let titles = &FILES[0];
    let mut m = FxMap::default();
    for r in titles.rows(3, 3) {
        let kind = match r.get(1) {
            "office" => TitleKind::Office,
            "rank" => TitleKind::Rank,
            "honorific" => TitleKind::Honorific,
            k => titles.fail(r.line, &format!("title kind `{k}`")),
        };
        let gender = gender_of(titles, r.line, r.get(2));
        m.insert(key(r.get(0)), TitleInfo { kind, gender });
    }
    m
});

static GIVEN: LazyLock<FxMap<&'static str, Gender>> = LazyLock::new(|| {
    let mut m = FxMap::default();
    for file in &FILES[1..3] {
        for r in file.rows(2, 2) {
            m.insert(r.get(0), gender_of(file, r.line, r.get(1)));
        }
    }
    m
});

static COMMON: LazyLock<FxSet<&'static str>> =
    LazyLock::new(|| FILES[3].entries().map(|(_, w)| w.trim()).collect());

/// Builds every table of this module (the loader's test).
#[cfg(test)]
pub(super) fn force() {
    LazyLock::force(&TITLE_MAP);
    LazyLock::force(&TITLE_KEY_PREFIXES);
    LazyLock::force(&GIVEN);
    LazyLock::force(&COMMON);
    LazyLock::force(&PRONOUNS);
}

/// A title or office by its text (any case, periods kept): `Foreign Secretary`, `gen.`.
pub fn title(phrase: &str) -> Option<TitleInfo> {
    TITLE_MAP.get(&key(phrase)).copied()
}

/// Every title key, and each of its prefixes that ends before a non-alphanumeric char (`vice`
/// of `vice president`, `gen` of `gen.`): where a title's first token can end, since tokens never
/// split a run of letters and digits.
static TITLE_KEY_PREFIXES: LazyLock<FxSet<String>> = LazyLock::new(|| {
    let mut s = FxSet::default();
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
    // Asked at every token: a short ASCII token without whitespace has for key its lower-cased
    // bytes (`key` maps the backquote to `'`), built on the stack rather than in a String.
    let b = token.as_bytes();
    if b.len() <= 32 && b.iter().all(|&c| c.is_ascii_graphic()) {
        let mut buf = [0u8; 32];
        for (d, &c) in buf.iter_mut().zip(b) {
            *d = if c == b'`' {
                b'\''
            } else {
                c.to_ascii_lowercase()
            };
        }
        return std::str::from_utf8(&buf[..b.len()]).is_ok_and(|k| TITLE_KEY_PREFIXES.contains(k));
    }
    may_start_title_by_key(token)
}

fn may_start_title_by_key(token: &str) -> bool {
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

static PRONOUNS: LazyLock<WordMap<PronounInfo>> = LazyLock::new(|| {
    let file = &FILES[4];
    let mut m = Vec::new();
    for r in file.rows(5, 5) {
        let info = PronounInfo {
            gender: match r.get(1) {
                "N" => Gender::Neuter,
                g => gender_of(file, r.line, g),
            },
            number: match r.get(2) {
                "sg" => Number::Singular,
                "pl" => Number::Plural,
                _ => file.fail(r.line, "number: want sg or pl"),
            },
            person: match r.get(3) {
                "1" => 1,
                "2" => 2,
                "3" => 3,
                _ => file.fail(r.line, "person: want 1, 2 or 3"),
            },
            possessive: match r.get(4) {
                "poss" => true,
                "-" => false,
                _ => file.fail(r.line, "possessive: want poss or -"),
            },
        };
        m.push((r.get(0), info));
    }
    WordMap::new(m)
});

/// Personal pronouns, any case (`He`, `their`).
pub fn pronoun(w: &str) -> Option<PronounInfo> {
    // Pronouns are short ASCII words: fold into a stack buffer instead of allocating.
    if w.len() > 10 || !w.is_ascii() {
        return None;
    }
    let mut buf = [0u8; 10];
    for (b, c) in buf.iter_mut().zip(w.bytes()) {
        *b = c.to_ascii_lowercase();
    }
    PRONOUNS
        .get(std::str::from_utf8(&buf[..w.len()]).unwrap_or(""))
        .copied()
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
    fn may_start_title_fast_path_agrees_with_the_key() {
        for t in [
            "President",
            "PRESIDENT",
            "gen",
            "Gen.",
            "vice",
            "Vice-President",
            "`president",
            "minister",
            "Ministers",
            "the",
            "x",
            "",
            "Président",
            "pres\tident",
            "a b",
            "\u{7f}",
            "\u{1}gen",
            "a".repeat(40).as_str(),
            "secretary-general",
            "Mr.",
            "MR",
        ] {
            assert_eq!(may_start_title(t), may_start_title_by_key(t), "{t:?}");
        }
        assert!(may_start_title("President") && may_start_title("GEN") && !may_start_title("the"));
        for k in TITLE_MAP.keys() {
            for t in [k.as_str(), k.split([' ', '-']).next().unwrap()] {
                assert_eq!(may_start_title(t), may_start_title_by_key(t), "{t:?}");
            }
        }
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
