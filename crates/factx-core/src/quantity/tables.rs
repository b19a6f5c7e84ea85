//! The quantity stage's word lists, embedded from `crates/factx-core/data/quantity/*.tsv` and
//! parsed once. A malformed row panics with its file and line on first use; the unit test
//! `every_table_loads` forces every table, so a bad edit fails `cargo test`, never a request.
//! Self-contained on purpose: it can be folded into a crate-wide data loader as it is.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use super::{Qualifier, Unit};

const NUMBERS: &str = include_str!("../../data/quantity/numbers.tsv");
const SCALES: &str = include_str!("../../data/quantity/scales.tsv");
const APPROXIMATE: &str = include_str!("../../data/quantity/approximate.tsv");
const QUALIFIERS: &str = include_str!("../../data/quantity/qualifiers.tsv");
const CURRENCIES: &str = include_str!("../../data/quantity/currencies.tsv");
const UNITS: &str = include_str!("../../data/quantity/units.tsv");
const WORDS: &str = include_str!("../../data/quantity/words.tsv");

/// FNV-1a: the tables are looked up once or more per token of every article, and their keys are
/// short words; the tables are fixed at start-up, so no input can grow them (no flooding risk).
#[derive(Default)]
pub(super) struct Fnv(u64);

impl Hasher for Fnv {
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h = (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

pub(super) type Map<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;
type Set<K> = HashSet<K, BuildHasherDefault<Fnv>>;

/// Data rows of a table: `(line number, tab-separated fields)`, skipping `#` comments and blanks.
fn rows(src: &'static str) -> impl Iterator<Item = (usize, Vec<&'static str>)> {
    src.lines().enumerate().filter_map(|(n, l)| {
        let l = l.trim_end_matches('\r');
        (!l.trim().is_empty() && !l.starts_with('#'))
            .then(|| (n + 1, l.split('\t').map(str::trim).collect()))
    })
}

fn field<'a>(file: &str, line: usize, row: &[&'a str], k: usize) -> &'a str {
    row.get(k)
        .copied()
        .filter(|f| !f.is_empty())
        .unwrap_or_else(|| panic!("data/quantity/{file}:{line}: column {} missing", k + 1))
}

fn number(file: &str, line: usize, s: &str) -> f64 {
    s.parse()
        .unwrap_or_else(|_| panic!("data/quantity/{file}:{line}: {s:?} is not a number"))
}

/// Multiword phrases keyed by their first lowercase token, longest first, matched against the
/// segmenter's tokens (so a phrase is written as the tokenizer splits it: `per cent`, `U.S.
/// dollars`, `approx.`).
pub(super) struct Phrases<T> {
    by_first: Map<String, Vec<(Vec<String>, T)>>,
}

impl<T> Phrases<T> {
    fn new() -> Self {
        Phrases {
            by_first: Map::default(),
        }
    }

    fn insert(&mut self, phrase: &str, value: T) {
        let words: Vec<String> = phrase.split_whitespace().map(str::to_lowercase).collect();
        let list = self.by_first.entry(words[0].clone()).or_default();
        list.push((words, value));
        list.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
    }

    /// The longest phrase whose words are `word(i)`, `word(i + 1)`, ... (lowercase; `None` past
    /// the end of the sentence): the index just past it and its value.
    pub(super) fn longest<'s>(
        &self,
        i: usize,
        word: impl Fn(usize) -> Option<&'s str>,
    ) -> Option<(usize, &T)> {
        let list = self.by_first.get(word(i)?)?;
        list.iter().find_map(|(words, v)| {
            words
                .iter()
                .enumerate()
                .all(|(k, w)| word(i + k) == Some(w.as_str()))
                .then_some((i + words.len(), v))
        })
    }

    #[cfg(test)]
    pub(super) fn len(&self) -> usize {
        self.by_first.values().map(Vec::len).sum()
    }
}

/// How a scale word may be used (`scales.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ScaleKind {
    Word,
    Abbrev,
    Money,
}

/// How an approximate word is used (`approximate.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ApproxKind {
    Plural,
    Of,
    Vague,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Approx {
    pub low: f64,
    pub high: f64,
    pub base: f64,
    pub kind: ApproxKind,
}

/// What a word means around a number (`words.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum WordClass {
    Label,
    Stop,
    Plural,
    AgeUnit,
    Be,
}

pub(super) struct Tables {
    /// The words that can open a quantity (lowercase): number words, the first words of
    /// qualifiers and approximate amounts, `a`, `an`, `between`. A word token outside this set
    /// starts nothing, and needs no other look-up.
    pub openers: Set<String>,
    pub numbers: Map<&'static str, f64>,
    pub scales: Map<String, (f64, ScaleKind)>,
    pub approximate: Phrases<Approx>,
    pub before: Phrases<Qualifier>,
    pub after: Phrases<Qualifier>,
    /// Currency symbols written before a number, longest first, matched case-sensitively.
    pub symbols: Vec<(&'static str, &'static str)>,
    /// The same, by their first byte, so most tokens are ruled out by one index.
    pub symbols_by_byte: Vec<Vec<(&'static str, &'static str)>>,
    /// ISO 4217 codes, matched as written (capitals).
    pub codes: Map<&'static str, &'static str>,
    /// Currency names written after a number.
    pub names: Phrases<&'static str>,
    pub units: Phrases<Unit>,
    pub words: Map<&'static str, WordClass>,
}

pub(super) static TABLES: LazyLock<Tables> = LazyLock::new(load);

fn load() -> Tables {
    let mut numbers = Map::default();
    for (n, r) in rows(NUMBERS) {
        let f = "numbers.tsv";
        numbers.insert(field(f, n, &r, 0), number(f, n, field(f, n, &r, 1)));
    }
    let mut scales = Map::default();
    for (n, r) in rows(SCALES) {
        let f = "scales.tsv";
        let kind = match field(f, n, &r, 2) {
            "word" => ScaleKind::Word,
            "abbrev" => ScaleKind::Abbrev,
            "money" => ScaleKind::Money,
            k => panic!("data/quantity/{f}:{n}: unknown kind {k:?}"),
        };
        let value = number(f, n, field(f, n, &r, 1));
        scales.insert(field(f, n, &r, 0).to_lowercase(), (value, kind));
    }
    let mut approximate = Phrases::new();
    for (n, r) in rows(APPROXIMATE) {
        let f = "approximate.tsv";
        let kind = match field(f, n, &r, 4) {
            "plural" => ApproxKind::Plural,
            "of" => ApproxKind::Of,
            "vague" => ApproxKind::Vague,
            k => panic!("data/quantity/{f}:{n}: unknown kind {k:?}"),
        };
        let a = Approx {
            low: number(f, n, field(f, n, &r, 1)),
            high: number(f, n, field(f, n, &r, 2)),
            base: number(f, n, field(f, n, &r, 3)),
            kind,
        };
        assert!(a.low <= a.high, "data/quantity/{f}:{n}: low above high");
        approximate.insert(field(f, n, &r, 0), a);
    }
    let (mut before, mut after) = (Phrases::new(), Phrases::new());
    for (n, r) in rows(QUALIFIERS) {
        let f = "qualifiers.tsv";
        let q = Qualifier::from_name(field(f, n, &r, 1))
            .unwrap_or_else(|| panic!("data/quantity/{f}:{n}: unknown qualifier"));
        match field(f, n, &r, 2) {
            "before" => before.insert(field(f, n, &r, 0), q),
            "after" => after.insert(field(f, n, &r, 0), q),
            p => panic!("data/quantity/{f}:{n}: unknown position {p:?}"),
        }
    }
    let (mut symbols, mut codes, mut names) = (Vec::new(), Map::default(), Phrases::new());
    for (n, r) in rows(CURRENCIES) {
        let f = "currencies.tsv";
        let (form, code) = (field(f, n, &r, 0), field(f, n, &r, 1));
        assert!(
            code.len() == 3 && code.chars().all(|c| c.is_ascii_uppercase()),
            "data/quantity/{f}:{n}: {code:?} is not an ISO 4217 code"
        );
        match field(f, n, &r, 2) {
            "symbol" => symbols.push((form, code)),
            "code" => {
                codes.insert(form, code);
            }
            "name" => names.insert(form, code),
            k => panic!("data/quantity/{f}:{n}: unknown kind {k:?}"),
        }
    }
    symbols.sort_by_key(|(s, _)| std::cmp::Reverse(s.len()));
    let mut symbols_by_byte = vec![Vec::new(); 256];
    for &(form, code) in &symbols {
        symbols_by_byte[usize::from(form.as_bytes()[0])].push((form, code));
    }
    let mut units = Phrases::new();
    for (n, r) in rows(UNITS) {
        let f = "units.tsv";
        let unit = match field(f, n, &r, 1) {
            "percent" => Unit::Percent,
            "point" => Unit::PercentagePoint,
            "measure" => Unit::Measure(field(f, n, &r, 2)),
            u => panic!("data/quantity/{f}:{n}: unknown unit {u:?}"),
        };
        units.insert(field(f, n, &r, 0), unit);
    }
    let mut words = Map::default();
    for (n, r) in rows(WORDS) {
        let f = "words.tsv";
        let class = match field(f, n, &r, 1) {
            "label" => WordClass::Label,
            "stop" => WordClass::Stop,
            "plural" => WordClass::Plural,
            "age" => WordClass::AgeUnit,
            "be" => WordClass::Be,
            c => panic!("data/quantity/{f}:{n}: unknown class {c:?}"),
        };
        let w = field(f, n, &r, 0);
        if let Some(old) = words.insert(w, class) {
            panic!("data/quantity/{f}:{n}: {w:?} is already {old:?}");
        }
    }
    let mut openers: Set<String> = ["a", "an", "between"]
        .iter()
        .map(|w| w.to_string())
        .collect();
    openers.extend(numbers.keys().map(|w| w.to_string()));
    openers.extend(approximate.by_first.keys().cloned());
    openers.extend(before.by_first.keys().cloned());
    Tables {
        openers,
        numbers,
        scales,
        approximate,
        before,
        after,
        symbols,
        symbols_by_byte,
        codes,
        names,
        units,
        words,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_loads() {
        let t = &*TABLES;
        assert_eq!(t.numbers["twelve"], 12.0);
        assert_eq!(t.scales["billion"], (1e9, ScaleKind::Word));
        assert_eq!(t.scales["m"].1, ScaleKind::Money);
        assert!(t.approximate.len() >= 6);
        assert!(t.before.len() >= 20 && t.after.len() >= 3);
        assert!(t.symbols.iter().any(|&(s, c)| s == "€" && c == "EUR"));
        // Longest symbols first, so `US$` wins over `$`.
        assert!(t.symbols.windows(2).all(|w| w[0].0.len() >= w[1].0.len()));
        assert_eq!(t.codes["USD"], "USD");
        assert!(t.names.len() >= 20 && t.units.len() >= 6);
        assert_eq!(t.words["people"], WordClass::Plural);
        assert_eq!(t.words["article"], WordClass::Label);
        assert_eq!(t.words["the"], WordClass::Stop);
        for w in [
            "twelve", "a", "dozens", "several", "at", "nearly", "between", "up",
        ] {
            assert!(t.openers.contains(w), "{w}");
        }
        for w in ["million", "the", "of", "suspects", "counting", "percent"] {
            assert!(!t.openers.contains(w), "{w}");
        }
    }

    #[test]
    fn phrases_take_the_longest_match() {
        let t = &*TABLES;
        let words = ["well", "over", "200"];
        let at = |i: usize| words.get(i).copied();
        let (end, q) = t.before.longest(0, at).unwrap();
        assert_eq!((end, *q), (2, Qualifier::MoreThan));
        assert!(t.before.longest(2, at).is_none());
    }
}
