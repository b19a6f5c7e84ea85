//! The tagger's lexicon features: the flags a lowercase token or phrase carries (a country, a
//! word of a city name, a title, its frequency), built once from the feature vocabulary the
//! loader reads from `data/ner/` (`lexicon::tagger`).

use std::sync::LazyLock;

use crate::lexicon::tagger::{self, GazetteerClass as G};
use crate::lexicon::FxMap;

/// Flags a token can carry; a token may carry several.
pub const COUNTRY: u32 = 1 << 0;
pub const CITY: u32 = 1 << 1;
pub const STATE: u32 = 1 << 2;
pub const DEMONYM: u32 = 1 << 3;
pub const TITLE: u32 = 1 << 4;
pub const ORG_WORD: u32 = 1 << 5;
pub const LOC_WORD: u32 = 1 << 6;
pub const FAC_WORD: u32 = 1 << 7;
pub const MONTH_DAY: u32 = 1 << 8;
pub const REGION: u32 = 1 << 9;
pub const LANGUAGE: u32 = 1 << 10;
pub const LAW_WORD: u32 = 1 << 11;
pub const EVENT_WORD: u32 = 1 << 12;
/// The token is one word of a multi-word entry (e.g. `Zealand` of `New Zealand`).
pub const PART: u32 = 1 << 13;
pub const FIRST_NAME: u32 = 1 << 14;
pub const LAST_NAME: u32 = 1 << 15;
pub const KNOWN_ORG: u32 = 1 << 16;

/// `word_flags` carries the word's 2×Zipf frequency (0 = rare or unknown) in its top byte.
pub const FREQ_SHIFT: u32 = 24;

/// The flag of each gazetteer class.
const CLASS_FLAGS: [(G, u32); 13] = [
    (G::KnownOrg, KNOWN_ORG),
    (G::Country, COUNTRY),
    (G::City, CITY),
    (G::State, STATE),
    (G::Region, REGION),
    (G::Demonym, DEMONYM),
    (G::Language, LANGUAGE),
    (G::Title, TITLE),
    (G::OrgWord, ORG_WORD),
    (G::LocWord, LOC_WORD),
    (G::FacWord, FAC_WORD),
    (G::LawWord, LAW_WORD),
    (G::EventWord, EVENT_WORD),
];

/// Month and weekday names (`month_day`), kept for the tables' lifetime.
static MONTH_DAYS: LazyLock<Vec<String>> = LazyLock::new(tagger::month_day_phrases);

/// Gazetteer entries with their flags, month and weekday names included.
fn gazetteer() -> impl Iterator<Item = (&'static str, u32)> {
    let classes = G::entries().map(|(entry, bits)| {
        let flags = CLASS_FLAGS
            .iter()
            .filter(|(c, _)| bits & c.bit() != 0)
            .fold(0, |f, (_, flag)| f | flag);
        (entry, flags)
    });
    classes.chain(MONTH_DAYS.iter().map(|m| (m.as_str(), MONTH_DAY)))
}

/// Whole entries (lower-cased, words joined by one space) → flags.
static PHRASES: LazyLock<FxMap<&'static str, u32>> = LazyLock::new(|| {
    let mut m: FxMap<&'static str, u32> = FxMap::default();
    for (entry, flags) in gazetteer() {
        *m.entry(entry).or_default() |= flags;
    }
    for city in tagger::cities() {
        *m.entry(city).or_default() |= CITY;
    }
    m
});

/// Single lower-cased words → flags; words of multi-word entries also carry `PART`.
static WORDS: LazyLock<FxMap<&'static str, u32>> = LazyLock::new(|| {
    let generated = [
        (tagger::first_names().collect::<Vec<_>>(), FIRST_NAME),
        (tagger::last_names().collect(), LAST_NAME),
        (tagger::cities().collect(), CITY),
    ];
    let frequencies: Vec<(&'static str, u32)> = tagger::word_frequencies().collect();
    // Sized once: growing a map of this size rehashes it several times (a tenth of start-up).
    let expected = generated.iter().map(|(e, _)| e.len()).sum::<usize>() + frequencies.len();
    let mut m: FxMap<&'static str, u32> =
        FxMap::with_capacity_and_hasher(expected, Default::default());
    let mut add = |entry: &'static str, flag: u32| {
        if entry.contains(' ') {
            for w in entry.split(' ') {
                if !matches!(w, "the" | "of" | "and" | "de") {
                    *m.entry(w).or_default() |= flag | PART;
                }
            }
        } else {
            *m.entry(entry).or_default() |= flag;
        }
    };
    for (entry, flags) in gazetteer() {
        add(entry, flags);
    }
    for (entries, flag) in generated {
        for entry in entries {
            // Words of long generated entries (`jardim angela`) say too little on their own.
            if entry.contains(' ') && G::table().get(entry) == 0 {
                continue;
            }
            add(entry, flag);
        }
    }
    for (w, f) in frequencies {
        *m.entry(w).or_default() |= f << FREQ_SHIFT;
    }
    m
});

/// Feature flags of one lower-cased token (0 when unknown), frequency in the top byte.
pub fn word_flags(lower: &str) -> u32 {
    WORDS.get(lower).copied().unwrap_or(0)
}

/// What the tagger reads of a lower-cased word: its `word_flags` and its packed cluster path
/// (`1 << len | bits`, a leading 1 marking the length; 0 = no cluster).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WordInfo {
    pub flags: u32,
    pub cluster: u32,
}

/// `WORDS` and the word clusters in one table keyed by `features::word_hash` of the word: the
/// tagger already has that hash, so a token's look-up is one integer probe into one 16-byte
/// slot, without rehashing or comparing the string (two tables cost two to four cache misses
/// a token). Two words sharing a 64-bit hash would share flags; harmless for features.
static WORD_INFO: LazyLock<HashTable> = LazyLock::new(|| {
    let hash = |w: &str| crate::ner::features::word_hash(w.as_bytes());
    let flags = WORDS.iter().map(|(w, &flags)| {
        let info = WordInfo { flags, cluster: 0 };
        (hash(w), info)
    });
    let clusters = tagger::word_clusters().map(|(w, path)| {
        let cluster = path
            .bytes()
            .fold(1u32, |c, b| c << 1 | u32::from(b == b'1'));
        (hash(w), WordInfo { flags: 0, cluster })
    });
    HashTable::new(&flags.chain(clusters).collect::<Vec<_>>())
});

/// One slot of `HashTable`: key 0 marks an empty slot.
#[derive(Clone, Copy, Default)]
struct Slot {
    key: u64,
    info: WordInfo,
}

/// Open-addressing table from non-zero u64 keys to `WordInfo`, at most half full.
struct HashTable {
    slots: Vec<Slot>,
    mask: usize,
}

impl HashTable {
    /// Entries with the same key are merged (their bits or-ed).
    fn new(entries: &[(u64, WordInfo)]) -> HashTable {
        let cap = (entries.len() * 2).next_power_of_two().max(16);
        let mut t = HashTable {
            slots: vec![Slot::default(); cap],
            mask: cap - 1,
        };
        for &(k, v) in entries {
            let k = k.max(1);
            let mut i = (k as usize) & t.mask;
            while t.slots[i].key != 0 && t.slots[i].key != k {
                i = (i + 1) & t.mask;
            }
            let s = &mut t.slots[i];
            s.key = k;
            s.info.flags |= v.flags;
            s.info.cluster |= v.cluster;
        }
        t
    }

    #[inline]
    fn get(&self, k: u64) -> WordInfo {
        let k = k.max(1);
        let mut i = (k as usize) & self.mask;
        loop {
            match self.slots[i] {
                Slot { key: 0, .. } => return WordInfo::default(),
                s if s.key == k => return s.info,
                _ => i = (i + 1) & self.mask,
            }
        }
    }
}

/// The `WordInfo` of the word whose `features::word_hash` is `h`.
#[inline]
pub fn word_info_by_hash(h: u64) -> WordInfo {
    WORD_INFO.get(h)
}

/// Builds the tables now rather than on the first article (start-up builds them on a second
/// thread while the syntax model loads).
pub fn preload() {
    LazyLock::force(&PHRASES);
    LazyLock::force(&WORD_INFO);
}

/// The first `k` turns of a packed cluster path, packed the same way (the whole path when it is
/// shorter; 0 stays 0).
#[inline]
pub fn cluster_prefix(code: u32, k: u32) -> u32 {
    let len = 31u32.saturating_sub(code.leading_zeros());
    if code == 0 || len <= k {
        code
    } else {
        code >> (len - k)
    }
}

/// Whether a whole lower-cased phrase (words joined by single spaces) is an entry of `flag`.
pub fn is(lower: &str, flag: u32) -> bool {
    debug_assert!(flag < 1 << FREQ_SHIFT);
    PHRASES.get(lower).is_some_and(|f| f & flag != 0)
}
