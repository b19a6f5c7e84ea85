//! Proper-name lexicon: countries (with ISO 3166 codes and demonyms), cities, regions and
//! organizations, looked up by the normalized text of a token sequence. Files: `geo/countries.tsv`,
//! `geo/cities.tsv`, `geo/regions.tsv`, `names/orgs.tsv`, `names/norp.tsv`.

use std::sync::LazyLock;

use super::classes::word_classes;
use super::file::{data_file, DataFile};
use super::hash::{FxMap, FxSet};
use crate::model::EntityType;
use crate::text::key_cased;

word_classes! {
    /// `names/name_words.tsv`: words that shape names and nominal mentions, as written (the
    /// file's header explains each class).
    pub enum NameWord in "names/name_words.tsv" {
        OrgSuffix = "org_suffix",
        OrgHead = "org_head",
        OrgTrailingHead = "org_trailing_head",
        OrgConnector = "org_connector",
        LegalForm = "legal_form",
        EventHead = "event_head",
        EventSuffix = "event_suffix",
        StormHead = "storm_head",
        FacSuffix = "fac_suffix",
        LocSuffix = "loc_suffix",
        GpeSuffix = "gpe_suffix",
        GpeHead = "gpe_head",
        Particle = "particle",
        NotName = "not_name",
        NotAcronym = "not_acronym",
        GenericGpeHead = "generic_gpe_head",
        GenericOrgHead = "generic_org_head",
        GenericCountryHead = "generic_country_head",
        GenericStateHead = "generic_state_head",
        GenericCityHead = "generic_city_head",
        GenericRegionHead = "generic_region_head",
        GenericGroupHead = "generic_group_head",
        AfterNominal = "after_nominal",
    }
}

word_classes! {
    /// `names/org_contexts.tsv`: lemmas whose place in the parse marks a name beside them as an
    /// organization (the file's header explains each class).
    pub enum OrgContext in "names/org_contexts.tsv" {
        Owned = "owned",
        Stake = "stake",
        Deal = "deal",
        Acquire = "acquire",
        Results = "results",
        Kind = "kind",
        Staff = "staff",
    }
}

/// Capitalized month and weekday names (`Monday`, `March`, `Sept.`) that are never names.
static CALENDAR_NOT_NAMES: LazyLock<FxSet<String>> = LazyLock::new(|| {
    let capitalized = |w: &str| {
        let mut c = w.chars();
        c.next()
            .map(|f| f.to_uppercase().chain(c).collect::<String>())
            .unwrap_or_default()
    };
    let mut s = FxSet::default();
    for c in super::time::calendar_names() {
        if !c.may_be_a_name {
            s.insert(capitalized(c.name));
        }
        if c.month {
            s.extend(c.abbreviations.iter().map(|a| capitalized(a) + "."));
        }
    }
    s
});

/// A capitalized word that is never a name by itself (`Meanwhile`, `GDP`, `Monday`, `Jan.`).
pub fn not_a_name(w: &str) -> bool {
    NameWord::NotName.has(w) || CALENDAR_NOT_NAMES.contains(w)
}

pub(super) const FILES: [DataFile; 5] = [
    data_file!("geo/countries.tsv"),
    data_file!("geo/regions.tsv"),
    data_file!("geo/cities.tsv"),
    data_file!("names/orgs.tsv"),
    data_file!("names/norp.tsv"),
];

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
    exact: FxMap<String, NameEntry>,
    /// Lowercased keys, consulted only for all-caps text (`ISLAMABAD`, `UNITED NATIONS`).
    folded: FxMap<String, NameEntry>,
    /// Longest name in tokens (bounds the lookup window).
    pub max_words: usize,
    /// First words of all names, exact and lowercased: a cheap filter before `get`.
    first_words: FxSet<String>,
}

impl Names {
    /// Looks a phrase up by its exact (normalized) text; all-caps text also by its lowercase form.
    pub fn get(&self, phrase: &str) -> Option<&NameEntry> {
        let k = key_cased(phrase);
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
        let k = key_cased(name);
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

/// An entity type label of a table (`LOC`, `ORG`).
fn entity_type(file: &DataFile, line: usize, label: &str) -> EntityType {
    EntityType::from_label(label)
        .unwrap_or_else(|| file.fail(line, &format!("unknown entity type `{label}`")))
}

static NAMES: LazyLock<Names> = LazyLock::new(|| {
    let mut n = Names {
        exact: FxMap::default(),
        folded: FxMap::default(),
        max_words: 1,
        first_words: Default::default(),
    };
    let [countries, regions, cities, orgs, norp] = &FILES;
    let mut demonyms = Vec::new();
    for r in countries.rows(3, 5) {
        let (iso2, iso3) = (r.get(0), r.get(1));
        let names: Vec<&str> = r.list(2).collect();
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
        for d in r.list(3) {
            demonyms.push((d, iso2, iso3));
        }
    }
    for r in regions.rows(2, 2) {
        let name = r.get(0);
        let t = entity_type(regions, r.line, r.get(1));
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
    for r in cities.rows(2, 2) {
        let (name, iso2) = (r.get(0), r.get(1));
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
    for r in orgs.rows(3, 3) {
        let canonical = r.get(0);
        let t = entity_type(orgs, r.line, r.get(2));
        let e = NameEntry {
            kind: NameKind::Org,
            entity_type: t,
            canonical,
            iso2: None,
            iso3: None,
        };
        n.add(canonical, e.clone());
        for a in r.list(1) {
            n.add(a, e.clone());
        }
    }
    for r in norp.rows(2, 2) {
        n.add(
            r.get(0),
            NameEntry {
                kind: NameKind::Demonym,
                entity_type: EntityType::Norp,
                canonical: r.get(1),
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

/// Builds the derived tables of this module (the loader's test).
#[cfg(test)]
pub(super) fn force() {
    LazyLock::force(&NAMES);
    LazyLock::force(&CALENDAR_NOT_NAMES);
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
