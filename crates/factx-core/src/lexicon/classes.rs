//! Word classes: tables of `entry<TAB>class class ...` (one row per entry, each entry once),
//! loaded into a map from the entry, exactly as written, to the set of its classes. Each table
//! is named by an enum of its classes (`word_classes!`), so a rule asks `TitleWord::Head.has(w)`
//! and never spells a word list.

use super::file::DataFile;
use super::hash::FxSet;
use super::word_map::WordMap;

pub struct ClassTable {
    map: WordMap<u64>,
}

impl ClassTable {
    /// Parses `file`, whose classes are `labels` (bit `i` = `labels[i]`).
    pub fn load(file: &DataFile, labels: &[&str]) -> ClassTable {
        assert!(labels.len() <= 64, "{}: too many classes", file.path);
        let mut seen = FxSet::default();
        let mut entries = Vec::new();
        for r in file.rows(2, 2) {
            let mut bits = 0u64;
            for c in r.get(1).split_whitespace() {
                match labels.iter().position(|l| *l == c) {
                    Some(i) => bits |= 1 << i,
                    None => file.fail(r.line, &format!("unknown class `{c}`")),
                }
            }
            if bits == 0 {
                file.fail(r.line, "no class");
            }
            if !seen.insert(r.get(0)) {
                file.fail(r.line, &format!("`{}` listed twice", r.get(0)));
            }
            entries.push((r.get(0), bits));
        }
        ClassTable {
            map: WordMap::new(entries),
        }
    }

    /// The classes of `w` as bits (0 when it is in none).
    #[inline]
    pub fn get(&self, w: &str) -> u64 {
        self.map.get(w).copied().unwrap_or(0)
    }

    /// Every entry with its classes, in the file's order.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, u64)> + '_ {
        self.map.iter().map(|(k, v)| (k, *v))
    }

    /// Labels no entry has (a class left empty is a mistake).
    #[cfg(test)]
    pub fn empty_classes<'l>(&self, labels: &[&'l str]) -> Vec<&'l str> {
        let all = self.map.iter().fold(0, |a, (_, b)| a | b);
        labels
            .iter()
            .enumerate()
            .filter(|(i, _)| all & (1 << i) == 0)
            .map(|(_, l)| *l)
            .collect()
    }
}

/// Declares an enum naming the classes of one table, with `has(self, w)`. Example:
/// `word_classes! { pub enum TitleWord in "titles/title_words.tsv" { Head = "head", } }`.
macro_rules! word_classes {
    (
        $(#[$meta:meta])*
        pub enum $name:ident in $path:literal {
            $( $(#[$vmeta:meta])* $var:ident = $label:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name {
            $( $(#[$vmeta])* $var, )+
        }

        impl $name {
            const LABELS: &'static [&'static str] = &[$($label),+];

            pub(crate) fn file() -> $crate::lexicon::file::DataFile {
                $crate::lexicon::file::data_file!($path)
            }

            pub(crate) fn table() -> &'static $crate::lexicon::classes::ClassTable {
                static TABLE: std::sync::LazyLock<$crate::lexicon::classes::ClassTable> =
                    std::sync::LazyLock::new(|| {
                        $crate::lexicon::classes::ClassTable::load(&$name::file(), $name::LABELS)
                    });
                &TABLE
            }

            /// The bit of this class in `entries()`.
            #[allow(dead_code)]
            pub const fn bit(self) -> u64 {
                1u64 << self as u32
            }

            /// Every entry with its classes as bits (see `bit`), in the file's order.
            #[allow(dead_code)]
            pub fn entries() -> impl Iterator<Item = (&'static str, u64)> {
                Self::table().iter()
            }

            /// Whether `w`, exactly as written, belongs to this class.
            #[inline]
            pub fn has(self, w: &str) -> bool {
                Self::table().get(w) & (1u64 << self as u32) != 0
            }

            /// Loads the table; the problems found (for the test that loads every table).
            #[cfg(test)]
            pub(crate) fn check() -> (&'static str, Vec<String>) {
                let t = Self::table();
                let mut problems: Vec<String> = t
                    .empty_classes(Self::LABELS)
                    .into_iter()
                    .map(|l| format!("class `{l}` is empty"))
                    .collect();
                problems.extend(Self::file().header_problems());
                (Self::file().path, problems)
            }
        }
    };
}
pub(crate) use word_classes;
