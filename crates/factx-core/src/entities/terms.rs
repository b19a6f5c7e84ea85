//! Capitalized tokens that are terms or units, not names. An acronym the text defines by
//! lowercase words (`internally displaced persons (IDPs)`, `the ground reaction force (GRF)`:
//! its letters are the initials of the words before the bracket) abbreviates a term, and is no
//! organization wherever it occurs; a capital right after a degree sign is a unit (`24 ° C`).
//!
//! Reads tokens and the candidates; drops candidates (never the lexicon's or the dateline's).

use std::collections::HashSet;

use super::scan::Cand;
use crate::doc::Doc;
use crate::lexicon::NameWord;
use crate::model::MentionKind;

/// The capitals of an acronym (`IDPs` → `IDP`), if `w` is one of two to six letters.
fn acronym_letters(w: &str) -> Option<Vec<char>> {
    let core = w.strip_suffix('s').unwrap_or(w);
    let letters: Vec<char> = core.chars().collect();
    ((2..=6).contains(&letters.len()) && letters.iter().all(char::is_ascii_uppercase))
        .then_some(letters)
}

/// Whether the words before token `end` (exclusive) spell `letters` by their initials, each
/// word lowercase; words that join names (`of`, `and`, `the`) and hyphens may come between.
fn spelled_by_lowercase_words(doc: &Doc<'_>, end: usize, letters: &[char]) -> bool {
    let mut k = end;
    let mut left = letters.len();
    // Joining words between the spelling ones: at most one per letter.
    let mut skips = 0;
    while left > 0 {
        if k == 0 || skips > letters.len() {
            return false;
        }
        k -= 1;
        let w = doc.token_text(k);
        if NameWord::OrgConnector.has(w) || w == "-" {
            skips += 1;
            continue;
        }
        let Some(c) = w.chars().next() else {
            return false;
        };
        if !c.is_lowercase() || c.to_ascii_uppercase() != letters[left - 1] {
            return false;
        }
        left -= 1;
    }
    true
}

/// Drops names that are defined terms or units.
pub fn drop_terms(doc: &Doc<'_>, cands: &mut Vec<Cand>) {
    let n = doc.tokens.len();
    let tok = |k: usize| doc.token_text(k);
    // `( IDPs )` after the words it abbreviates.
    let terms: HashSet<&str> = (1..n.saturating_sub(1))
        .filter(|&k| tok(k - 1) == "(" && tok(k + 1) == ")")
        .filter(|&k| {
            acronym_letters(tok(k)).is_some_and(|l| spelled_by_lowercase_words(doc, k - 1, &l))
        })
        .map(tok)
        .collect();
    cands.retain(|c| {
        if c.kind != MentionKind::Name || c.prio >= 4 || c.start >= c.end || c.end > n {
            return true;
        }
        let term = c.end == c.start + 1 && terms.contains(tok(c.start));
        let unit = c.start > 0 && tok(c.start - 1) == "°";
        !(term || unit)
    });
}
