//! Proper-name lexicon: countries (with ISO 3166 codes and demonyms), cities, regions and
//! organizations, looked up by the normalized text of a token sequence.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::model::EntityType;
use crate::text::norm_char;

const COUNTRIES: &str = include_str!("../../lexicons/countries.tsv");
const CITIES: &str = include_str!("../../lexicons/cities.tsv");
const REGIONS: &str = include_str!("../../lexicons/regions.tsv");
const ORGS: &str = include_str!("../../lexicons/orgs.tsv");
const NORP: &str = include_str!("../../lexicons/norp.tsv");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameKind {
    Country,
    /// A city or first-level region; `iso2` is its country's.
    City,
    Region,
    /// People of a country (`Pakistanis`) or its adjective (`Pakistani`): NORP.
    Demonym,
    Org,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameEntry {
    pub kind: NameKind,
    pub entity_type: EntityType,
    /// The fullest name, shared by every alias (`U.S.` → `United States`).
    pub canonical: &'static str,
    /// ISO 3166 alpha-2 of the country (of the country itself, a city's country, a demonym's).
    pub iso2: Option<&'static str>,
    pub iso3: Option<&'static str>,
}

pub struct Names {
    exact: HashMap<String, NameEntry>,
    /// Lowercased keys, consulted only for all-caps text (`ISLAMABAD`, `UNITED NATIONS`).
    folded: HashMap<String, NameEntry>,
    /// Longest name in tokens (bounds the lookup window).
    pub max_words: usize,
    /// First words of all names, exact and lowercased: a cheap filter before `get`.
    first_words: std::collections::HashSet<String>,
}

/// Normalized lookup key: typographic quotes/dashes folded, whitespace collapsed.
pub fn name_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars().map(norm_char) {
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c);
    }
    out
}

impl Names {
    /// Looks a phrase up by its exact (normalized) text; all-caps text also by its lowercase form.
    pub fn get(&self, phrase: &str) -> Option<&NameEntry> {
        let k = name_key(phrase);
        if let Some(e) = self.exact.get(&k) {
            return Some(e);
        }
        if k.chars().filter(|c| c.is_alphabetic()).count() > 3 && !k.chars().any(char::is_lowercase)
        {
            return self.folded.get(&k.to_lowercase());
        }
        None
    }

    /// Whether some name starts with this word (exactly, or lowercased when all caps).
    pub fn may_start(&self, word: &str) -> bool {
        let w = word.trim_end_matches(['.', ',']);
        self.first_words.contains(word)
            || self.first_words.contains(w)
            || (!word.chars().any(char::is_lowercase)
                && self.first_words.contains(&word.to_lowercase()))
    }

    /// The country entry for an ISO alpha-2 code.
    pub fn country(&self, iso2: &str) -> Option<&NameEntry> {
        self.exact
            .values()
            .find(|e| e.kind == NameKind::Country && e.iso2 == Some(iso2))
    }

    fn add(&mut self, name: &str, e: NameEntry) {
        let k = name_key(name);
        if k.is_empty() {
            return;
        }
        self.max_words = self.max_words.max(k.split(' ').count());
        if let Some(f) = k.split(' ').next() {
            self.first_words.insert(f.to_string());
            self.first_words.insert(f.to_lowercase());
        }
        self.folded
            .entry(k.to_lowercase())
            .or_insert_with(|| e.clone());
        // Earlier lists win: a country name beats a city or region of the same spelling.
        self.exact.entry(k).or_insert(e);
    }
}

fn rows(data: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    data.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').collect())
}

fn field(r: &[&'static str], i: usize) -> &'static str {
    r.get(i).copied().unwrap_or("").trim()
}

static NAMES: LazyLock<Names> = LazyLock::new(|| {
    let mut n = Names {
        exact: HashMap::new(),
        folded: HashMap::new(),
        max_words: 1,
        first_words: Default::default(),
    };
    let mut demonyms = Vec::new();
    for r in rows(COUNTRIES) {
        let (iso2, iso3) = (field(&r, 0), field(&r, 1));
        let names: Vec<&str> = field(&r, 2).split('|').filter(|s| !s.is_empty()).collect();
        let Some(&canonical) = names.first() else {
            continue;
        };
        let e = NameEntry {
            kind: NameKind::Country,
            entity_type: EntityType::Gpe,
            canonical,
            iso2: Some(iso2),
            iso3: Some(iso3),
        };
        for name in &names {
            n.add(name, e.clone());
        }
        for d in field(&r, 3).split('|').filter(|s| !s.is_empty()) {
            demonyms.push((d, iso2, iso3));
        }
    }
    for r in rows(REGIONS) {
        let name = field(&r, 0);
        let t = EntityType::from_label(field(&r, 1)).unwrap_or(EntityType::Loc);
        n.add(
            name,
            NameEntry {
                kind: NameKind::Region,
                entity_type: t,
                canonical: name,
                iso2: None,
                iso3: None,
            },
        );
    }
    for r in rows(CITIES) {
        let name = field(&r, 0);
        let iso2 = field(&r, 1);
        n.add(
            name,
            NameEntry {
                kind: NameKind::City,
                entity_type: EntityType::Gpe,
                canonical: name,
                iso2: Some(iso2),
                iso3: None,
            },
        );
    }
    for r in rows(ORGS) {
        let canonical = field(&r, 0);
        let t = EntityType::from_label(field(&r, 2)).unwrap_or(EntityType::Org);
        let e = NameEntry {
            kind: NameKind::Org,
            entity_type: t,
            canonical,
            iso2: None,
            iso3: None,
        };
        n.add(canonical, e.clone());
        for a in field(&r, 1).split('|').filter(|s| !s.is_empty()) {
            n.add(a, e.clone());
        }
    }
    for r in rows(NORP) {
        n.add(
            field(&r, 0),
            NameEntry {
                kind: NameKind::Demonym,
                entity_type: EntityType::Norp,
                canonical: field(&r, 1),
                iso2: None,
                iso3: None,
            },
        );
    }
    for (d, iso2, iso3) in demonyms {
        n.add(
            d,
            NameEntry {
                kind: NameKind::Demonym,
                entity_type: EntityType::Norp,
                canonical: d,
                iso2: Some(iso2),
                iso3: Some(iso3),
            },
        );
    }
    n
});

pub fn names() -> &'static Names {
    &NAMES
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_share_a_canonical_name_and_code() {
        let n = names();
        for alias in ["US", "U.S.", "United States", "America"] {
            let e = n.get(alias).unwrap();
            assert_eq!(e.canonical, "United States");
            assert_eq!(e.iso2, Some("US"));
        }
        assert_eq!(n.get("Türkiye").unwrap().iso2, Some("TR"));
        assert_eq!(n.get("Côte d’Ivoire").unwrap().iso2, Some("CI"));
        assert_eq!(n.get("FRANCE").unwrap().canonical, "France");
        assert!(n.get("us").is_none());
        assert!(n.get("Us").is_none());
    }

    #[test]
    fn cities_regions_demonyms_orgs() {
        let n = names();
        let kabul = n.get("Kabul").unwrap();
        assert_eq!((kabul.kind, kabul.iso2), (NameKind::City, Some("AF")));
        assert_eq!(n.get("BERLIN").unwrap().canonical, "Berlin");
        assert_eq!(n.get("Middle East").unwrap().entity_type, EntityType::Loc);
        let d = n.get("Kenyans").unwrap();
        assert_eq!((d.entity_type, d.iso2), (EntityType::Norp, Some("KE")));
        assert_eq!(
            n.get("UNSC").unwrap().canonical,
            "United Nations Security Council"
        );
        assert_eq!(n.get("NATO").unwrap().entity_type, EntityType::Org);
        assert_eq!(n.country("JP").unwrap().canonical, "Japan");
        assert!(n.max_words >= 4);
    }
}
