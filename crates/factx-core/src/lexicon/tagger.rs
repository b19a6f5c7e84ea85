//! The NER tagger's feature vocabulary (`data/ner/`): the gazetteer of phrase classes, first and
//! last names, cities over 100,000 inhabitants, English word frequencies. `models/ner.bin` was
//! trained with exactly these lists, so they are part of the model: the rules use the lexicons
//! of `names`, `words` and the class tables instead. `ner::gazetteer` turns them into the
//! tagger's flags.

use super::classes::word_classes;
use super::file::{data_file, DataFile};

word_classes! {
    /// `ner/gazetteer.tsv`: what a lowercase phrase is, for the tagger's features.
    pub enum GazetteerClass in "ner/gazetteer.tsv" {
        KnownOrg = "known_org",
        Country = "country",
        City = "city",
        /// A state or province.
        State = "state",
        Region = "region",
        Demonym = "demonym",
        Language = "language",
        Title = "title",
        /// Last word of an organization name (`ministry`, `bank`).
        OrgWord = "org_word",
        /// Last word of a natural location's name (`river`).
        LocWord = "loc_word",
        /// Last word of a facility's name (`airport`).
        FacWord = "fac_word",
        LawWord = "law_word",
        EventWord = "event_word",
    }
}

pub(super) const FILES: [DataFile; 5] = [
    data_file!("ner/first_names.txt"),
    data_file!("ner/last_names.txt"),
    data_file!("ner/cities.txt"),
    data_file!("ner/word_freq.txt"),
    data_file!("ner/clusters.tsv"),
];

/// Month and weekday names for the tagger's `month_day` feature: full names, and month
/// abbreviations with their period (`jan.`).
pub fn month_day_phrases() -> Vec<String> {
    let mut out = Vec::new();
    for c in super::time::calendar_names() {
        out.push(c.name.to_string());
        if c.month {
            out.extend(c.abbreviations.iter().map(|a| format!("{a}.")));
        }
    }
    out
}

/// First names (lowercase).
pub fn first_names() -> impl Iterator<Item = &'static str> {
    FILES[0].entries().map(|(_, w)| w)
}

/// Last names (lowercase).
pub fn last_names() -> impl Iterator<Item = &'static str> {
    FILES[1].entries().map(|(_, w)| w)
}

/// Cities of at least 100,000 inhabitants (lowercase).
pub fn cities() -> impl Iterator<Item = &'static str> {
    FILES[2].entries().map(|(_, w)| w)
}

/// English words with their frequency as 2 × Zipf (at most 255).
pub fn word_frequencies() -> impl Iterator<Item = (&'static str, u32)> {
    let file = &FILES[3];
    file.entries().map(move |(line, l)| {
        let Some((w, f)) = l.split_once('\t') else {
            file.fail(line, "want word<TAB>frequency");
        };
        let f: u32 = f
            .parse()
            .unwrap_or_else(|_| file.fail(line, "frequency is not a number"));
        (w, f.min(255))
    })
}

/// Lower-cased words with their hierarchical cluster, a path of at most 16 left/right turns
/// (`0110…`) learned from unlabelled text by `data/ner/build_clusters.py`.
pub fn word_clusters() -> impl Iterator<Item = (&'static str, &'static str)> {
    let file = &FILES[4];
    file.entries().map(move |(line, l)| {
        let Some((w, path)) = l.split_once('\t') else {
            file.fail(line, "want word<TAB>path");
        };
        if path.is_empty() || path.len() > 16 || path.bytes().any(|b| b != b'0' && b != b'1') {
            file.fail(line, "the path is not 1 to 16 binary digits");
        }
        (w, path)
    })
}

/// Reads every list of this module (the loader's test).
#[cfg(test)]
pub(super) fn force() {
    for f in &FILES[..3] {
        f.entries().count();
    }
    word_frequencies().count();
    word_clusters().count();
}
