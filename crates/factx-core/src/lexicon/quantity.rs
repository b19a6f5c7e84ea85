//! The quantity stage's word lists (`data/quantity/`): scale words, approximate amounts,
//! qualifiers, currencies, units and the words read around a number; its number words are the
//! cardinals of `time/numbers.tsv` (one list for both stages). Phrases are matched against the
//! segmenter's tokens, so a phrase is written as the tokenizer splits it (`per cent`, `U.S.
//! dollars`).

use std::sync::LazyLock;

use super::file::{data_file, DataFile, Row};
use super::hash::{FxMap, FxSet};
use crate::quantity::{Qualifier, Unit};

pub(super) const FILES: [DataFile; 6] = [
    data_file!("quantity/scales.tsv"),
    data_file!("quantity/approximate.tsv"),
    data_file!("quantity/qualifiers.tsv"),
    data_file!("quantity/currencies.tsv"),
    data_file!("quantity/units.tsv"),
    data_file!("quantity/words.tsv"),
];

/// Field `k` of a row, which must not be empty.
fn field(file: &DataFile, r: &Row, k: usize) -> &'static str {
    let f = r.get(k);
    if f.is_empty() {
        file.fail(r.line, &format!("column {} missing", k + 1));
    }
    f
}

fn number(file: &DataFile, r: &Row, k: usize) -> f64 {
    let s = field(file, r, k);
    s.parse()
        .unwrap_or_else(|_| file.fail(r.line, &format!("{s:?} is not a number")))
}

/// Multiword phrases keyed by their first lowercase token, longest first, matched against the
/// segmenter's tokens (so a phrase is written as the tokenizer splits it: `per cent`, `U.S.
/// dollars`, `approx.`).
pub struct Phrases<T> {
    by_first: FxMap<String, Vec<(Vec<String>, T)>>,
}

impl<T> Phrases<T> {
    fn new() -> Self {
        Phrases {
            by_first: FxMap::default(),
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
    pub fn longest<'s>(
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
    pub(crate) fn len(&self) -> usize {
        self.by_first.values().map(Vec::len).sum()
    }
}

/// How a scale word may be used (`scales.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScaleKind {
    Word,
    Abbrev,
    Money,
}

/// How an approximate word is used (`approximate.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApproxKind {
    Plural,
    Of,
    Vague,
}

#[derive(Debug, Clone, Copy)]
pub struct Approx {
    pub low: f64,
    pub high: f64,
    pub base: f64,
    pub kind: ApproxKind,
}

/// What a word means around a number (`words.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordClass {
    Label,
    Stop,
    Plural,
    AgeUnit,
    Be,
}

pub struct Tables {
    /// The words that can open a quantity (lowercase): number words, the first words of
    /// qualifiers and approximate amounts, `a`, `an`, `between`. A word token outside this set
    /// starts nothing, and needs no other look-up.
    pub openers: FxSet<String>,
    pub numbers: FxMap<&'static str, f64>,
    pub scales: FxMap<String, (f64, ScaleKind)>,
    pub approximate: Phrases<Approx>,
    pub before: Phrases<Qualifier>,
    pub after: Phrases<Qualifier>,
    /// Currency symbols written before a number, longest first, matched case-sensitively.
    pub symbols: Vec<(&'static str, &'static str)>,
    /// The same, by their first byte, so most tokens are ruled out by one index.
    pub symbols_by_byte: Vec<Vec<(&'static str, &'static str)>>,
    /// ISO 4217 codes, matched as written (capitals).
    pub codes: FxMap<&'static str, &'static str>,
    /// Currency names written after a number.
    pub names: Phrases<&'static str>,
    pub units: Phrases<Unit>,
    pub words: FxMap<&'static str, WordClass>,
}

pub static TABLES: LazyLock<Tables> = LazyLock::new(load);

fn load() -> Tables {
    let [scale_file, approx_file, qualifier_file, currency_file, unit_file, word_file] = &FILES;
    // The cardinals of the time words: one list of number words for both stages.
    let time_numbers = &super::time::FILES[2];
    let mut numbers = FxMap::default();
    for r in time_numbers.rows(3, 3) {
        if r.get(2) == "cardinal" {
            numbers.insert(r.get(0), number(time_numbers, &r, 1));
        }
    }
    let mut scales = FxMap::default();
    for r in scale_file.rows(3, 3) {
        let kind = match field(scale_file, &r, 2) {
            "word" => ScaleKind::Word,
            "abbrev" => ScaleKind::Abbrev,
            "money" => ScaleKind::Money,
            k => scale_file.fail(r.line, &format!("unknown kind {k:?}")),
        };
        let value = number(scale_file, &r, 1);
        scales.insert(r.get(0).to_lowercase(), (value, kind));
    }
    let mut approximate = Phrases::new();
    for r in approx_file.rows(5, 5) {
        let f = approx_file;
        let kind = match field(f, &r, 4) {
            "plural" => ApproxKind::Plural,
            "of" => ApproxKind::Of,
            "vague" => ApproxKind::Vague,
            k => f.fail(r.line, &format!("unknown kind {k:?}")),
        };
        let a = Approx {
            low: number(f, &r, 1),
            high: number(f, &r, 2),
            base: number(f, &r, 3),
            kind,
        };
        if a.low > a.high {
            f.fail(r.line, "low above high");
        }
        approximate.insert(r.get(0), a);
    }
    let (mut before, mut after) = (Phrases::new(), Phrases::new());
    for r in qualifier_file.rows(3, 3) {
        let f = qualifier_file;
        let q = Qualifier::from_name(field(f, &r, 1))
            .unwrap_or_else(|| f.fail(r.line, "unknown qualifier"));
        match field(f, &r, 2) {
            "before" => before.insert(r.get(0), q),
            "after" => after.insert(r.get(0), q),
            p => f.fail(r.line, &format!("unknown position {p:?}")),
        }
    }
    let (mut symbols, mut codes, mut names) = (Vec::new(), FxMap::default(), Phrases::new());
    for r in currency_file.rows(3, 3) {
        let f = currency_file;
        let (form, code) = (r.get(0), field(f, &r, 1));
        if code.len() != 3 || !code.chars().all(|c| c.is_ascii_uppercase()) {
            f.fail(r.line, &format!("{code:?} is not an ISO 4217 code"));
        }
        match field(f, &r, 2) {
            "symbol" => symbols.push((form, code)),
            "code" => {
                codes.insert(form, code);
            }
            "name" => names.insert(form, code),
            k => f.fail(r.line, &format!("unknown kind {k:?}")),
        }
    }
    symbols.sort_by_key(|(s, _)| std::cmp::Reverse(s.len()));
    let mut symbols_by_byte = vec![Vec::new(); 256];
    for &(form, code) in &symbols {
        symbols_by_byte[usize::from(form.as_bytes()[0])].push((form, code));
    }
    let mut units = Phrases::new();
    for r in unit_file.rows(2, 3) {
        let f = unit_file;
        let unit = match field(f, &r, 1) {
            "percent" => Unit::Percent,
            "point" => Unit::PercentagePoint,
            "measure" => Unit::Measure(field(f, &r, 2)),
            u => f.fail(r.line, &format!("unknown unit {u:?}")),
        };
        units.insert(r.get(0), unit);
    }
    let mut words = FxMap::default();
    for r in word_file.rows(2, 2) {
        let f = word_file;
        let class = match field(f, &r, 1) {
            "label" => WordClass::Label,
            "stop" => WordClass::Stop,
            "plural" => WordClass::Plural,
            "age" => WordClass::AgeUnit,
            "be" => WordClass::Be,
            c => f.fail(r.line, &format!("unknown class {c:?}")),
        };
        let w = r.get(0);
        if let Some(old) = words.insert(w, class) {
            f.fail(r.line, &format!("{w:?} is already {old:?}"));
        }
    }
    let mut openers: FxSet<String> = ["a", "an", "between"]
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

/// Builds the tables of this module (the loader's test).
#[cfg(test)]
pub(super) fn force() {
    LazyLock::force(&TABLES);
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
