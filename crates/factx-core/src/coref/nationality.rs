//! Country qualifiers of titles: `Ghanaian President Jane Doe` is Ghana's president, so `the
//! Kenyan president` cannot be her. Countries come from the names lexicon (countries, demonyms),
//! as ISO 3166 alpha-2 codes.

use crate::doc::Doc;
use crate::lexicon::{names, NameKind};
use crate::text::floor_boundary;

/// Bytes looked at before a title for its qualifier (`United Arab Emirates ` fits).
const WINDOW: usize = 40;

/// ISO code of a country or demonym phrase (`Kenyan`, `US`, `United States`).
fn country_code(phrase: &str) -> Option<&'static str> {
    let bare = phrase
        .strip_suffix("'s")
        .or_else(|| phrase.strip_suffix("\u{2019}s"))
        .unwrap_or(phrase);
    [phrase, bare].into_iter().find_map(|p| {
        names()
            .get(p)
            .filter(|e| matches!(e.kind, NameKind::Country | NameKind::Demonym))
            .and_then(|e| e.iso2)
    })
}

/// The country named by the last one to three words of `s` (`... Ghanaian`, `the US`).
pub(super) fn country_at_end(s: &str) -> Option<&'static str> {
    let s = s.trim_end();
    let s = &s[floor_boundary(s, s.len().saturating_sub(WINDOW))..];
    let words: Vec<&str> = s.split_whitespace().collect();
    (1..=3.min(words.len()))
        .rev()
        .find_map(|n| country_code(&words[words.len() - n..].join(" ")))
}

/// The country qualifying a title or nominal that starts at byte `at` (the words just before).
pub(super) fn country_before(doc: &Doc<'_>, at: usize) -> Option<&'static str> {
    let before = doc.text.get(..floor_boundary(doc.text, at)).unwrap_or("");
    // Only the same line and no punctuation in between: `Kenya, President Doe` is not Kenya's.
    if before.ends_with(|c: char| !c.is_alphanumeric() && !c.is_whitespace()) {
        return None;
    }
    country_at_end(before)
}

/// Country of the article's dateline place (`NAIROBI:` → `KE`).
pub(super) fn dateline_country(doc: &Doc<'_>) -> Option<&'static str> {
    let d = doc.dateline.as_ref()?;
    names().get(d.place.slice(doc.text))?.iso2
}
