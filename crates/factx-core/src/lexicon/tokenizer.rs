//! The tokenizer's word lists (`data/syntax/`): the bound prefixes kept before a hyphen and the
//! fused words split in two, as the English Universal Dependencies treebanks tokenize them (the
//! syntax model was trained on those tokens).

use std::sync::LazyLock;

use super::file::{data_file, DataFile};

pub(super) const FILES: [DataFile; 2] = [
    data_file!("syntax/hyphen_prefixes.txt"),
    data_file!("syntax/split_words.txt"),
];

/// Prefixes kept attached before a hyphen (`non-stop`), lowercase.
static HYPHEN_PREFIXES: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| FILES[0].entries().map(|(_, w)| w.trim()).collect());

/// Fused words and where they split (`cannot` → 3), lowercase.
static SPLIT_WORDS: LazyLock<Vec<(String, usize)>> = LazyLock::new(|| {
    let file = &FILES[1];
    file.entries()
        .map(|(line, w)| {
            let Some((a, b)) = w.trim().split_once('|') else {
                file.fail(line, "want the word with `|` at its split point");
            };
            (format!("{a}{b}"), a.len())
        })
        .collect()
});

/// A bound prefix that stays attached before a hyphen (`non` of `non-stop`), any case.
pub fn is_hyphen_prefix(w: &str) -> bool {
    HYPHEN_PREFIXES.iter().any(|p| p.eq_ignore_ascii_case(w))
}

/// Where a fused word (`cannot`, `Gonna`) splits, as a byte offset into it.
pub fn split_point(w: &str) -> Option<usize> {
    SPLIT_WORDS
        .iter()
        .find(|(f, _)| f.eq_ignore_ascii_case(w))
        .map(|(_, at)| *at)
}

/// Builds the tables of this module (the loader's test).
#[cfg(test)]
pub(super) fn force() {
    LazyLock::force(&HYPHEN_PREFIXES);
    LazyLock::force(&SPLIT_WORDS);
}
